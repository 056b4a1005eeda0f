"""Text diff of aligned sections: sentence pairs, then character opcodes.

Sentences are matched all-pairs with rapidfuzz (`process.cdist`) and an
assignment, so reordered sentences still pair up (in overlapping bands for very
long sections); each edited pair gets
difflib-compatible character opcodes from `rapidfuzz.distance.Levenshtein`, a figure edited
whole (21.4 → 7.7, not their digits interleaved).
"""
from __future__ import annotations

import re

from compare.engine.assignment import best_pairs
from compare.schema import AlignedSection, Report, SectionDiff, SentencePair
from compare.text import sentences

PAIR = 50.0   # rapidfuzz ratio (0–100) below which two sentences are not the same sentence
# Sections beyond LONG sentence pairs (the longest real section, 266 sentences, gives 70k) are
# matched in diagonal bands of BAND sentences with overlapping windows: linear in the section's
# length instead of quadratic (scores) and cubic (assignment). The sentences left unpaired are
# then matched all-pairs while they are few (≤ LONG pairs), so a sentence that moved far still
# finds its partner unless a band already paired it (or the partner) with another.
LONG = 500 * 500
BAND = 256


def diff_sentences(old: list[str], new: list[str]) -> list[SentencePair]:
    """Pair sentences of two texts; unpaired ones come out with a None partner."""
    pairs = _match(old, new) if old and new else {}
    # opcodes are always passed: pydantic deep-copies a defaulted list for every pair
    out: list[SentencePair] = []
    used = {r for r, _ in pairs.values()}
    pending = [r for r in range(len(old)) if r not in used]
    for c, s in enumerate(new):
        if c not in pairs:
            out.append(SentencePair(old=None, new=s, similarity=0.0, opcodes=[]))
            continue
        r, score = pairs[c]
        # removed old sentences are shown where they stood, before the next kept one
        while pending and pending[0] < r:
            out.append(SentencePair(old=old[pending.pop(0)], new=None, similarity=0.0, opcodes=[]))
        a = old[r]
        ops = [] if a == s else _opcodes(a, s)
        out.append(SentencePair(old=a, new=s, similarity=round(score / 100, 4), opcodes=ops))
    out += [SentencePair(old=old[r], new=None, similarity=0.0, opcodes=[]) for r in pending]
    return out


# a figure is one token of the edit: 21.4% → 7.7% strikes 21.4 and adds 7.7, where characters
# alone would keep the 7 and the . both hold between them (printed 2̶7̶1̶.̶4̶7%)
_TOKEN = re.compile(r"\d+(?:\.\d+)?|.", re.S)


def _opcodes(a: str, b: str) -> list[tuple]:
    """Character opcodes (difflib's: tag, i1, i2, j1, j2) turning `a` into `b`, each figure edited
    whole."""
    from rapidfuzz.distance import Levenshtein
    ta, tb = _TOKEN.findall(a), _TOKEN.findall(b)
    if len(ta) == len(a) and len(tb) == len(b):
        return [tuple(op) for op in Levenshtein.opcodes(a, b).as_list()]
    # token index → character offset, one past the end included
    at, bt = [0], [0]
    for t in ta:
        at.append(at[-1] + len(t))
    for t in tb:
        bt.append(bt[-1] + len(t))
    return [(op.tag, at[op.src_start], at[op.src_end], bt[op.dest_start], bt[op.dest_end])
            for op in Levenshtein.opcodes(ta, tb)]


def _match(old: list[str], new: list[str]) -> dict[int, tuple[int, float]]:
    """new index → (old index, score): one assignment over all pairs, or for sections beyond
    LONG sentence pairs, one per band of BAND sentences along the matched path (the all-pairs
    matrix and its cubic assignment would take seconds and gigabytes)."""
    if len(old) * len(new) <= LONG:
        return _assign(old, new, range(len(old)), range(len(new)))
    if len(new) > len(old):  # band along the longer side, so every window is BAND wide
        return {c: (r, score) for r, (c, score) in _match(new, old).items()}
    pairs: dict[int, tuple[int, float]] = {}
    n, m = len(old), len(new)
    shift = 0   # where the path runs: new index − old index, followed from band to band
    for a in range(0, n, BAND):
        b = min(n, a + BAND)
        lo, hi = max(0, a + shift - BAND // 2), min(m, b + shift + BAND // 2)
        # a sentence taken by an earlier band is not offered again
        got = _assign(old, new, range(a, b), [c for c in range(lo, hi) if c not in pairs])
        if got:
            shift = sorted(c - r for c, (r, _) in got.items())[len(got) // 2]
        pairs.update(got)
    # sentences that moved further meet again among the leftovers, while those stay few
    used = {r for r, _ in pairs.values()}
    rest_old = [r for r in range(n) if r not in used]
    rest_new = [c for c in range(m) if c not in pairs]
    if len(rest_old) * len(rest_new) <= LONG:
        pairs.update(_assign(old, new, rest_old, rest_new))
    return pairs


def _assign(old: list[str], new: list[str], rows, cols) -> dict[int, tuple[int, float]]:
    from rapidfuzz import fuzz, process
    rows, cols = list(rows), list(cols)
    if not rows or not cols:
        return {}
    # below the cutoff rapidfuzz can stop early (length bounds): those pairs score 0
    sim = process.cdist([old[r] for r in rows], [new[c] for c in cols], scorer=fuzz.ratio,
                        score_cutoff=PAIR, workers=1)
    return {cols[c]: (rows[r], float(sim[r, c])) for r, c in best_pairs(sim) if sim[r, c] >= PAIR}


def diff_sections(old: Report, new: Report, alignment: list[AlignedSection]) -> list[SectionDiff]:
    """The sentence diff of every aligned pair of sections: sentences paired (reordered ones too),
    each edited pair with difflib-style character opcodes.

    >>> from compare.ingest import ingest_text
    >>> def report(year, more=""):
    ...     return ingest_text(f"某县{year}年度法治政府建设情况\\n一、主要举措和成效\\n"
    ...                        + "推进依法行政。" * 40 + f"\\n二、{year + 1}年工作计划\\n"
    ...                        + f"深化行政复议体制改革{more}。", kind="fazhi")
    >>> old, new = report(2021), report(2022, "，提升审理质量")
    >>> from compare.engine.align import align_sections
    >>> plan = diff_sections(old, new, align_sections(old, new))[1]
    >>> [(p.old, p.new, p.similarity)  # doctest: +NORMALIZE_WHITESPACE
    ...  for p in plan.pairs if p.old != p.new]
    [('2022年工作计划。', '2023年工作计划。', 0.9),
     ('深化行政复议体制改革。', '深化行政复议体制改革，提升审理质量。', 0.7586)]
    """
    olds = {s.id: s for s, _ in old.walk()}
    news = {s.id: s for s, _ in new.walk()}
    out = []
    for a in alignment:
        if a.old_id is None or a.new_id is None:
            continue
        pairs = diff_sentences(sentences(olds[a.old_id].text()), sentences(news[a.new_id].text()))
        sim = sum(p.similarity for p in pairs) / len(pairs) if pairs else 1.0
        out.append(SectionDiff(old_id=a.old_id, new_id=a.new_id, similarity=round(sim, 4),
                               pairs=pairs))
    return out
