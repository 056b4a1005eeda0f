"""Split plan text into measures: the checkable commitments a 督查台账 lists one row each.

A measure is an action with its object (出台…条例, 建成…平台) or a quantity to reach
(新增高标准农田1亿亩). Sentences are cut at their commas into clauses; a clause that
opens with an action verb (after leads such as 今年, 要, 继续) or states a quantity
starts a new measure once the current one has its own action or quantity (a sentence
with neither, such as 今年是…特殊重要性的一年, is no measure), so
"企业和群众经常办理的事项，今年要基本实现“跨省通办”" stays one measure while
"支持和规范发展新就业形态，加快推进职业伤害保障试点" becomes two. Clauses with neither
stay with the measure before them. A measure is always a contiguous span of the
paragraph it comes from. The cue lists (leads, verbs) come from the kind template.

    >>> from compare.kinds import load_kind
    >>> [m.text for m in split_measures("稳定就业，加快推进试点，新增就业1100万人以上。", load_kind("gov-work-report"))]
    ['稳定就业', '加快推进试点', '新增就业1100万人以上']
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace

from compare.ingest.quantities import QUALIFIERS, Quantity, extract_quantities
from compare.kinds import Kind
from compare.text import verb_prefix

_SENTENCE = re.compile(r"[^。！？!?；;]+[。！？!?；;]*")
_CLAUSE = re.compile(r"[^，,：:]+[，,：:]*")
_TRIM = "，,。；;：:！!？?、 "
MIN_NAME = 4    # characters before its figure a listed quantity needs to be a measure of its own


@dataclass(frozen=True)
class MeasureSpan:
    start: int
    end: int
    text: str
    quantity: Quantity | None


def opens_with_action(clause: str, kind: Kind) -> bool:
    """Whether `clause` starts with an action verb, after leads such as 今年, 要, 继续."""
    starts = verb_prefix(tuple(kind.measure_leads), tuple(kind.measure_verbs))
    return starts.match(clause.lstrip("“‘（(")) is not None


def split_measures(paragraph: str, kind: Kind) -> list[MeasureSpan]:
    """The measures of one plan paragraph, in order, each a span of `paragraph`."""
    out: list[MeasureSpan] = []
    for s in _SENTENCE.finditer(paragraph):
        current: tuple[int, int] | None = None   # (start, end) of the open measure
        complete = False                      # the open measure has its action or quantity
        # figures found once per sentence, positions made relative to the paragraph
        found = [replace(q, start=s.start() + q.start, end=s.start() + q.end) for q in extract_quantities(s.group())]
        figures = [q.start for q in found]
        for c in _clauses(paragraph, s.start(), s.end(), figures):
            text = c.group().strip(_TRIM)
            if not text:
                continue
            starts = opens_with_action(text, kind) or any(c.start() <= f < c.end() for f in figures)
            if current is not None and starts and complete:
                out.append(_span(paragraph, current[0], current[1], found))
                current = None
            if current is None:
                current, complete = (c.start(), c.end()), starts
            else:
                current = (current[0], c.end())
                complete = complete or starts
        if current is not None and complete:
            out.append(_span(paragraph, current[0], current[1], found))
    return [m for m in out if len(m.text) >= kind.measure_min_chars]


@dataclass(frozen=True)
class _Clause:
    """A clause's span, with the accessors of the match it stands for."""
    begin: int
    finish: int
    paragraph: str

    def start(self) -> int:
        return self.begin

    def end(self) -> int:
        return self.finish

    def group(self) -> str:
        return self.paragraph[self.begin:self.finish]


def _clauses(paragraph: str, start: int, end: int, figures: list[int]):
    """The comma clauses of a sentence; a clause listing several quantities (社消零增长10%以上、
    旅游总收入增长20%以上) is cut at its 、 into one clause per quantity, each checked on its own."""
    for c in _CLAUSE.finditer(paragraph, start, end):
        cuts = [c.start(), *(c.start() + m.end() for m in re.finditer("、", c.group())), c.end()]
        pieces = list(zip(cuts, cuts[1:], strict=False))  # consecutive cuts
        if len(pieces) > 1 and all(_names_its_quantity(paragraph, a, b, figures) for a, b in pieces):
            yield from (_Clause(a, b, paragraph) for a, b in pieces)
        else:
            yield _Clause(c.start(), c.end(), paragraph)


def _names_its_quantity(paragraph: str, a: int, b: int, figures: list[int]) -> bool:
    """Whether paragraph[a:b] holds a figure after words of its own (旅游总收入增长20%), not a
    bare figure of the subject before it (转移支付增加约1.5万亿元、规模近9.8万亿元)."""
    # figures in digits: 二次全会、六次全会 are meetings, not quantities
    first = next((f for f in figures if a <= f < b and re.match(r"\D{0,2}\d", paragraph[f:b])), None)
    return first is not None and len(re.findall(r"[\u4e00-\u9fff]", paragraph[a:first])) >= MIN_NAME


def _span(paragraph: str, start: int, end: int, figures: list[Quantity]) -> MeasureSpan:
    raw = paragraph[start:end]
    lead = len(raw) - len(raw.lstrip(_TRIM))
    text = raw.strip(_TRIM)
    begin = start + lead
    inside = [replace(q, start=q.start - begin, end=q.end - begin) for q in figures
              if begin <= q.start and q.end <= begin + len(text)]
    return MeasureSpan(begin, begin + len(text), text, planned(text, inside))


def planned(text: str, found: list[Quantity] | None = None) -> Quantity | None:
    """The quantity a measure plans: the level it is raised or cut to (从75%提高到100%: 100%),
    else its first figure. `found`: the figures of `text`, when already extracted."""
    found = extract_quantities(text) if found is None else found
    return next((q for q in found if reached(text, q)), found[0] if found else None)


def reached(text: str, q: Quantity) -> bool:
    """Whether `q` is the level something is brought to (…提高到100%, …降至3%)."""
    return text[:q.start].endswith(("到", "至"))


def comparator(q: Quantity) -> str:
    """The planned quantity's comparator: its qualifier's (以上 floor, 以内 ceiling, 左右 approx), else point."""
    if q.high is not None:
        return "range"
    return QUALIFIERS[q.qualifier][1] if q.qualifier in QUALIFIERS else "floor" if q.qualifier == "多" else "point"
