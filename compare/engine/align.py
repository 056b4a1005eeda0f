"""Section alignment between two years, solved as an assignment problem.

The same priority is renamed and reordered year to year, so sections are
matched on heading and body together, within compatible roles (plan↔plan,
review↔review…), by an assignment solver (`assignment.best_pairs`) rather than
greedily. A new section that also strongly resembles an already-matched old
one is added as a further match (a section split in two).
"""
from __future__ import annotations

from compare.engine.assignment import best_pairs
from compare.engine.scorers import DEFAULT, tfidf_matrix
from compare.errors import YoyError
from compare.schema import AlignedSection, Report, Section

# Roles that describe the same part of a report.
FAMILY = {"achievements": "review", "review": "review", "plan": "plan", "targets": "plan",
          "shortcomings": "shortcomings", "responsibility": "responsibility", "other": "other"}
# TF-IDF cosines of long sections are small, so matches are judged relative to
# the competition: an assigned pair must reach REL of the best score in its row
# and column (and MATCH absolutely); a second match, EXTRA of the first.
MATCH = 0.03
REL = 0.5
EXTRA = 0.8
HEADING_WEIGHT = 0.4
# Alignment holds a few dense old × new matrices; real reports have tens to a few
# hundred sections, so more pairs than this (1000 × 1000 sections) is refused rather
# than allowed to take gigabytes (50,000 × 50,000 would ask for 9 GB).
MAX_PAIRS = 1_000_000


def similarity(old: list[Section], new: list[Section], scorer=DEFAULT):
    """Heading-and-body similarity between two lists of sections, zero across
    role families or levels."""
    import numpy as np
    heads = tfidf_matrix([s.heading for s in old], [s.heading for s in new], scorer)
    bodies = tfidf_matrix([_body(s) for s in old], [_body(s) for s in new], scorer)
    sim = HEADING_WEIGHT * heads + (1 - HEADING_WEIGHT) * bodies
    compatible = np.array([[FAMILY[a.role] == FAMILY[b.role] and (a.level == 1) == (b.level == 1)
                            for b in new] for a in old], dtype=bool).reshape(len(old), len(new))
    return np.where(compatible, sim, 0.0)


def _body(s: Section) -> str:
    parts = [s.text()]
    parts += [c.heading for c in s.children]
    return "\n".join(parts)


def align_sections(old: Report, new: Report, scorer=DEFAULT) -> list[AlignedSection]:
    """Each section of `old` matched to its section of `new` (same, edited or moved) or removed,
    and each section of `new` left over added: one assignment over heading-and-body similarity
    within compatible roles; a section split in two keeps both halves.

    >>> from compare.ingest import ingest_text
    >>> body = ("一、主要举措和成效\\n" + "推进依法行政。" * 40
    ...         + "\\n二、{}年工作计划\\n深化行政复议体制改革{}。")
    >>> old = ingest_text("某县2021年度法治政府建设情况\\n" + body.format(2022, ""),
    ...                   kind="fazhi")
    >>> new = ingest_text("某县2022年度法治政府建设情况\\n" + body.format(2023, "，提升审理质量"),
    ...                   kind="fazhi")
    >>> [(a.old_id, a.new_id, a.change) for a in align_sections(old, new)]
    [('s1', 's1', 'same'), ('s2', 's2', 'edited')]
    """
    import numpy as np
    olds = [s for s, _ in old.walk()]
    news = [s for s, _ in new.walk()]
    if not olds or not news:
        return ([AlignedSection(old_id=s.id, new_id=None, score=0.0, change="removed")
                 for s in olds]
                + [AlignedSection(old_id=None, new_id=s.id, score=0.0, change="added")
                   for s in news])
    if len(olds) * len(news) > MAX_PAIRS:
        raise YoyError(f"{old.region} {old.kind} {old.year}→{new.year}",
                       f"{len(olds)} × {len(news)} sections to align, beyond the limit of "
                       f"{MAX_PAIRS:,} pairs")
    sim = similarity(olds, news, scorer)
    best = np.maximum(sim.max(axis=1, keepdims=True), sim.max(axis=0, keepdims=True))
    pairs = {(r, c) for r, c in best_pairs(sim) if sim[r, c] >= MATCH
             and sim[r, c] >= REL * best[r, c]}
    first = {r: sim[r, c] for r, c in pairs}
    for c in range(len(news)):
        if all(c != pc for _, pc in pairs):
            r = int(sim[:, c].argmax())
            if r in first and sim[r, c] >= max(MATCH, EXTRA * first[r]):
                pairs.add((r, c))
    rank_old = _sibling_rank(olds)
    rank_new = _sibling_rank(news)
    out = []
    for r, c in sorted(pairs):
        a, b = olds[r], news[c]
        if _section_words(a) == _section_words(b):
            change = "same"
        elif rank_old[r] != rank_new[c]:
            change = "moved"
        else:
            change = "edited"
        out.append(AlignedSection(old_id=a.id, new_id=b.id, score=round(float(sim[r, c]), 4),
                                  change=change))
    hit_old = {r for r, _ in pairs}
    hit_new = {c for _, c in pairs}
    out += [AlignedSection(old_id=s.id, new_id=None, score=0.0, change="removed")
            for r, s in enumerate(olds) if r not in hit_old]
    out += [AlignedSection(old_id=None, new_id=s.id, score=0.0, change="added")
            for c, s in enumerate(news) if c not in hit_new]
    return out


def _section_words(s: Section) -> tuple:
    return s.heading, tuple(s.paragraphs)


def _sibling_rank(sections: list[Section]) -> list[tuple[int, int]]:
    """(level, position among same-role sections of that level): a change of it
    means the section moved."""
    seen: dict[tuple[int, str], int] = {}
    ranks = []
    for s in sections:
        key = (s.level, FAMILY[s.role])
        ranks.append((s.level, seen.get(key, 0)))
        seen[key] = seen.get(key, 0) + 1
    return ranks
