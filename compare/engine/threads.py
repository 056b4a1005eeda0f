"""Threads: one region and kind's measures followed across its years, and its targets as series.

A measure planned in N is carried on by N+1's plan as the comparison's ledger says
(`carried.carried_over`: the closest plan sentence, when close enough); the measure of N+1
in that sentence (else in its passage) that shares most words with it continues the thread, and
so on.
A thread of more than one year is a recurring commitment; each measure of a year is in one
thread, so two measures of N carried on by one passage continue in one thread only (the
closer one). A measure is continued only by one about the same thing (`same_object`): a
passage carrying on 8号线 may also name 16号线, and its measure on 16号线 continues nothing (the
passage's measure on 8号线 does).

    threads(reports, kind, comparisons, reviewed)  → [Thread(steps=[Step, …]), …]
    followers(prev, r, kind)                        → measure of r → the measure
                                                      of prev it continues
    target_series(reports, comparisons)             → indicator → [TargetPoint, …]
"""
from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from compare.engine.carried import carried_over
from compare.engine.passages import passages
from compare.engine.scorers import DEFAULT, bigram_terms, name_terms
from compare.ingest.quantities import extract_quantities, find_indicator
from compare.kinds import Kind
from compare.schema import Comparison, Report
from compare.text import CLAUSE_END, chars, is_hanzi


@dataclass(frozen=True)
class Step:
    """One year of a thread: a measure of that year's plan and what became of it."""
    year: int               # the plan year
    commitment_id: str
    text: str               # the measure's first line
    status: str | None      # from the next year's comparison (None: no comparison yet)
    reviewer: str | None    # a reviewer's status of it, if any


@dataclass
class Thread:
    steps: list[Step] = field(default_factory=list)

    @property
    def carried_over(self) -> int:
        return len(self.steps) - 1


@dataclass(frozen=True)
class TargetPoint:
    """One year of an indicator's series: the target planned and the actual reported."""
    year: int               # the plan year
    comparator: str
    low: float | None
    high: float | None
    unit: str
    actual: float | None
    verdict: str | None


def threads(reports: Sequence[Report], kind: Kind, comparisons: Mapping[int, Comparison],
            reviewed: Mapping[int, Mapping[str, str | None]], scorer=DEFAULT) -> list[Thread]:
    """Every measure of `reports` (one series, in year order) in the thread it continues.

    comparisons  report year → its comparison with the next year's report (statuses)
    reviewed     report year → commitment id → a reviewer's status

    >>> from compare.ingest import ingest_text
    >>> from compare.kinds import load_kind
    >>> def report(year, plan):
    ...     return ingest_text("\\n".join([f"某县{year}年度法治政府建设情况", "一、主要举措和成效",
    ...                        *["推进依法行政。" * 20] * 3, f"二、{year + 1}年工作计划", plan]),
    ...                        kind="fazhi")
    >>> found = threads([report(2021, "（一）复议。深化行政复议体制改革，健全行政复议案件审理机制。"
    ...                               "\\n（二）普法。加强法治宣传教育。"),
    ...                  report(2022, "（一）复议。深化行政复议体制改革，完善行政复议案件审理机制。"
    ...                               "\\n（二）应诉。做好行政应诉工作。")],
    ...                 load_kind("fazhi"), {}, {})
    >>> [[s.text for s in t.steps]  # doctest: +NORMALIZE_WHITESPACE
    ...  for t in found if t.carried_over]
    [['深化行政复议体制改革，健全行政复议案件审理机制',
      '深化行政复议体制改革，完善行政复议案件审理机制']]
    """
    open_threads: dict[str, Thread] = {}
    out: list[Thread] = []
    prev: Report | None = None
    for r in reports:
        links = ({new: open_threads[old] for new, old in followers(prev, r, kind, scorer).items()}
                 if prev else {})
        status = ({x.commitment_id: x.status for x in comparisons[r.year].commitments}
                  if r.year in comparisons else {})
        current: dict[str, Thread] = {}
        for c in r.commitments:
            t = links.get(c.id)
            if t is None:
                t = Thread()
                out.append(t)
            t.steps.append(Step(year=r.plan_year, commitment_id=c.id, text=c.text.split("\n")[0],
                                status=status.get(c.id),
                                reviewer=reviewed.get(r.year, {}).get(c.id)))
            current[c.id] = t
        open_threads, prev = current, r
    return out


def followers(prev: Report, r: Report, kind: Kind, scorer=DEFAULT) -> dict[str, str]:
    """Measure of `r` → the measure of `prev` it continues (a thread's next step; the 台账's units
    of a measure carried over, jobs.plan): of the measures about the same thing in the passage
    carrying that one on, those of the sentence cited (all, when none is in it), the one sharing
    most bigrams with it (the first of equals); a measure claimed by two goes to the one its
    sentence is closer to (the earlier of equals)."""
    texts = {p.node_id: p.text for p in passages(r)}
    best: dict[str, tuple[float, str]] = {}
    for c, ev in zip(prev.commitments, carried_over(prev, r, kind, scorer), strict=True):
        if ev is None:
            continue
        inside = [n for n in r.commitments if n.text in texts.get(ev.node_id, "")
                  and same_object(c.text, n.text, kind)]
        if not inside:
            continue
        # the measures of the sentence the ledger cites first: the passage's other measures are
        # other tasks of its field
        inside = [n for n in inside if n.text in ev.text] or inside
        wanted = set(bigram_terms(c.text))
        follower = max(inside, key=lambda n: len(wanted & set(bigram_terms(n.text))))
        if follower.id not in best or ev.score > best[follower.id][0]:
            best[follower.id] = (ev.score, c.id)
    return {new: old for new, (_, old) in best.items()}


_NUMBER = re.compile(r"\d+(?:\.\d+)?")
# A number followed by one of these is a date, which moves on from year to year.
_DATES = "年月日"
_CLAUSES = re.compile(chars(CLAUSE_END))


def _without_quantities(text: str) -> str:
    """`text` with the quantities ending their clause blanked (same length): 万平方米 shared is no
    shared name, 中央八项规定 is one."""
    for q in reversed(extract_quantities(text)):
        if not is_hanzi(text[q.end:q.end + 1]):
            text = text[:q.start] + " " * (q.end - q.start) + text[q.end:]
    return text


def _named_numbers(text: str) -> set[str]:
    """The numbers that name a thing (8号线, 500强, 9610), not a quantity (3000套) nor a date."""
    counted = [(q.start, q.end) for q in extract_quantities(text)]
    return {m.group() for m in _NUMBER.finditer(text)
            if not any(a <= m.start() < b for a, b in counted)
            and text[m.end():m.end() + 1] not in _DATES}


def _indicators(text: str, kind: Kind) -> set[str]:
    """The indicators of the kind's dictionary the clauses of `text` name."""
    return {found[0].name for clause in _CLAUSES.split(text)
            if (found := find_indicator(clause, kind.indicators))}


def same_object(measure: str, follower: str, kind: Kind) -> bool:
    """Whether `follower` is about what `measure` acts on: it holds a run of three characters of
    the measure reaching past its leading verbs (加快推进 names nothing) and no counted quantity
    (万平方米 names nothing either); the numbers naming things in both are not all different
    (8号线 is not 16号线), nor are the indicators of the kind's dictionary their clauses name
    (城镇居民人均可支配收入 is not 农村居民人均可支配收入).

    >>> from compare.kinds import load_kind
    >>> kind = load_kind("gov-work-report")
    >>> same_object("加快推进轨道交通8号线二期建设", "加快轨道交通8号线二期、三期建设", kind)
    True
    >>> same_object("加快推进轨道交通8号线二期建设", "推进16号线二期延伸至盐田", kind)
    False
    >>> same_object("完成土地整备10万平方米", "实现土地供应17万平方米以上", kind)
    False
    """
    # the runs of three reaching past the leading verbs (打击各 of 防范打击各类犯罪)
    verbs = kind.cues.opening.match(measure)
    start = max(0, len(verbs.group()) - 2) if verbs else 0
    # a measure all verbs (全面深化改革开放) is its own name
    start = start if len(measure) - start >= 3 else 0
    if not set(name_terms(_without_quantities(measure)[start:])) & set(
            name_terms(_without_quantities(follower))):
        return False
    named, others = _named_numbers(measure), _named_numbers(follower)
    if named and others and not named & others:
        return False
    ours, theirs = _indicators(measure, kind), _indicators(follower, kind)
    return not (ours and theirs) or bool(ours & theirs)


def target_series(reports: Sequence[Report],
                  comparisons: Mapping[int, Comparison]) -> dict[str, list[TargetPoint]]:
    """Each indicator's targets over the years, with the actual and verdict the next year's
    comparison found, by indicator name."""
    series: dict[str, list[TargetPoint]] = {}
    for r in reports:
        results = ({t.target_id: t for t in comparisons[r.year].targets}
                   if r.year in comparisons else {})
        for t in r.targets:
            res = results.get(t.id)
            series.setdefault(t.indicator, []).append(TargetPoint(
                year=r.plan_year, comparator=t.comparator, low=t.low, high=t.high, unit=t.unit,
                actual=res.actual if res else None, verdict=res.verdict if res else None))
    return dict(sorted(series.items()))
