"""Text diff of aligned sections: sentence pairs, then character opcodes.

Sentences are matched all-pairs with rapidfuzz (`process.cdist`) and an
assignment, so reordered sentences still pair up; each edited pair gets
difflib-compatible character opcodes from `rapidfuzz.distance.Levenshtein`.
"""
from __future__ import annotations

from .assignment import best_pairs
from .schema import AlignedSection, Report, SectionDiff, SentencePair
from .text import sentences

PAIR = 50.0   # rapidfuzz ratio (0–100) below which two sentences are not the same sentence


def diff_sentences(old: list[str], new: list[str]) -> list[SentencePair]:
    """Pair sentences of two texts; unpaired ones come out with a None partner."""
    from rapidfuzz import fuzz, process
    from rapidfuzz.distance import Levenshtein
    pairs: dict[int, int] = {}
    if old and new:
        # below the cutoff rapidfuzz can stop early (length bounds): those pairs score 0
        sim = process.cdist(old, new, scorer=fuzz.ratio, score_cutoff=PAIR, workers=1)
        pairs = {c: r for r, c in best_pairs(sim) if sim[r, c] >= PAIR}
    # opcodes are always passed: pydantic deep-copies a defaulted list for every pair
    out: list[SentencePair] = []
    used = set(pairs.values())
    pending = [r for r in range(len(old)) if r not in used]
    for c, s in enumerate(new):
        r = pairs.get(c)
        if r is None:
            out.append(SentencePair(old=None, new=s, similarity=0.0, opcodes=[]))
            continue
        # removed old sentences are shown where they stood, before the next kept one
        while pending and pending[0] < r:
            out.append(SentencePair(old=old[pending.pop(0)], new=None, similarity=0.0, opcodes=[]))
        a = old[r]
        ops = [] if a == s else [tuple(op) for op in Levenshtein.opcodes(a, s).as_list()]
        out.append(SentencePair(old=a, new=s, similarity=round(float(sim[r, c]) / 100, 4), opcodes=ops))
    out += [SentencePair(old=old[r], new=None, similarity=0.0, opcodes=[]) for r in pending]
    return out


def diff_sections(old: Report, new: Report, alignment: list[AlignedSection]) -> list[SectionDiff]:
    olds = {s.id: s for s, _ in old.walk()}
    news = {s.id: s for s, _ in new.walk()}
    out = []
    for a in alignment:
        if a.old_id is None or a.new_id is None:
            continue
        pairs = diff_sentences(sentences(olds[a.old_id].text()), sentences(news[a.new_id].text()))
        sim = sum(p.similarity for p in pairs) / len(pairs) if pairs else 1.0
        out.append(SectionDiff(old_id=a.old_id, new_id=a.new_id, similarity=round(sim, 4), pairs=pairs))
    return out
