"""Judge year N's numeric targets against the actuals year N+1 reports.

An actual is only taken from N+1's review part, from a clause that names the
indicator, for the reviewed year, in the target's unit, with no multi-year cue
(五年, 年均, 累计…) or share cue (占…比重): a five-year average is not last
year's figure, so such clauses give not_reported rather than a wrong number.
"""
from __future__ import annotations

import re
from collections import Counter
from typing import TypedDict

from compare.engine.passages import QUOTE_JOIN, reviewed_year_sentences
from compare.ingest.quantities import RATE_UNITS, change_of, expand_respectively, extract_quantities
from compare.kinds import Indicator, Kind
from compare.schema import Report, Target, TargetNote, TargetResult, Verdict
from compare.text import CLAUSE_END, arabic_years, chars

_CLAUSE_START = re.compile(chars(CLAUSE_END))
# A year named as the base of a change (比2020年增长, 较2020年) does not move the
# sentence to that year.
# Nor does the year a period starts from (粮食总产量创2006年以来新高): 以来 is a multi-year cue, so
# no figure of such a clause is taken as the year's.
_YEAR = re.compile(r"(?<![比较])(\d{4})年(?!以来)")
# A change against a base year other than the year before (国内生产总值…比2002年增长65.5%, in a
# term-end review of 2007) spans several years: no actual of the reviewed year.
_BASE_YEAR = re.compile(r"[比较](\d{4})年")
_BRACKETED = re.compile(r"[（(][^（()）]*[）)]")


def _mentions(sentence: str, words: list[tuple[str, str]]) -> list[tuple[int, int, str]]:
    """Non-overlapping indicator mentions, `words` (alias, indicator name) taken longest first:
    (start, end, indicator name)."""
    taken: list[tuple[int, int, str]] = []
    for word, name in words:
        if word not in sentence:  # most aliases are absent: one C-level scan rules them out
            continue
        for m in re.finditer(re.escape(word), sentence):
            if all(m.end() <= a or m.start() >= b for a, b, _ in taken):
                taken.append((m.start(), m.end(), name))
    return sorted(taken)


class ReviewIndex:
    """N+1's review sentences (`sentences`, in search order) and, for each indicator, those of the
    reviewed year that name it, with their expanded text and mentions; `stops`: the kind's cues
    that make a figure no actual of the year (multi-year, share, target words); `words`: the
    indicators' names and aliases, longest first (alias, indicator name).

    Built once per pair: judging a target then reads only the sentences naming its indicator,
    so the work grows with the report, not with targets × sentences.
    """

    def __init__(self, report: Report, kind: Kind) -> None:
        self.sentences = reviewed_year_sentences(report, kind)
        self.year = report.review_year
        self.stops = [re.compile(c)
                      for c in kind.multi_year_cues + kind.share_cues + kind.target_words]
        self.several = kind.cues.several_years
        words = sorted(((w, i.name) for i in kind.indicators for w in i.words),
                       key=lambda x: -len(x[0]))
        self.words = words
        self.naming: dict[str, list[tuple[str, str, list[tuple[int, int, str]]]]] = {}
        for printed in self.sentences:
            # a year in CJK digits (一九五七年) names one as 1957年 does
            # nor does a year in brackets (按一九五二年不变价格计算: the prices a figure is in)
            years = {int(y) for y in _YEAR.findall(arabic_years(_BRACKETED.sub("", printed)))}
            if years - {report.review_year}:
                continue
            sent = expand_respectively(printed)
            mentions = _mentions(sent, words)
            for name in dict.fromkeys(name for _, _, name in mentions):
                self.naming.setdefault(name, []).append((printed, sent, mentions))
        self._postings: dict[str, list[int]] | None = None

    def holding(self, bigram: str) -> list[int]:
        """Indices of the sentences holding `bigram`: a qualitative target is scored only
        against sentences sharing some of its bigrams."""
        if self._postings is None:
            self._postings = {}
            for i, sent in enumerate(self.sentences):
                for g in _bigrams(sent):
                    self._postings.setdefault(g, []).append(i)
        return self._postings.get(bigram, [])


def _bigrams(text: str) -> set[str]:
    return {text[i:i + 2] for i in range(len(text) - 1)}


def find_actual(target: Target, index: ReviewIndex) -> tuple[float | None, str | None, str]:
    """The figure the indexed report states for the target's indicator in its review year, with
    its sentence and the qualifier printed with it (超过, 左右…).

    The figure is signed the way the target counts: against a growth target a fall (下降6.8%)
    is negative; against a reduction target (能耗下降3%) a fall is its positive size.

    A target naming its indicator by a longer word that holds another of its words (全社会固定资产
    投资 holds 固定资产投资) is reported first where that word is printed: 下半年国有单位固定资产
    投资增长显著加快，全年增长19.5%，全社会固定资产投资增长14.1% (国务院 1999) gives 14.1.
    """
    named = [w for w, name in index.words if name == target.indicator and w in target.text]
    whole = next((w for w in named if any(o != w and o in w for o in named)), None)
    for wanted in (whole, None) if whole else (None,):
        found = _actual(target, index, wanted)
        if found[0] is not None:
            return found
    return None, None, ""


def _actual(target: Target, index: ReviewIndex,
            wanted: str | None) -> tuple[float | None, str | None, str]:
    """`find_actual` over the mentions printed as `wanted`, or over all of them."""
    for printed, sent, mentions in index.naming.get(target.indicator, ()):
        for k, (start, end, name) in enumerate(mentions):
            if name != target.indicator or (wanted and sent[start:end] != wanted):
                continue
            stop = mentions[k + 1][0] if k + 1 < len(mentions) else len(sent)
            clause_start = max((m.end() for m in _CLAUSE_START.finditer(sent, 0, start)), default=0)
            passed = end  # past the figures of the clauses a target word speaks for (below)
            for q in extract_quantities(sent[end:stop]):
                if q.unit != target.unit:
                    continue
                if _stopped(sent[clause_start:end], index):
                    break
                # a multi-year cue (or base year) after the name speaks for its own clause: a
                # later clause may give the year's figure (能耗由前三年分别上升4.9%、5.5%、0.2%，
                # 转为下降1.2%); any other stop ends the search
                cut = max((m.end() for m in _CLAUSE_START.finditer(sent, end, end + q.start)),
                          default=end)
                own, after = sent[cut:end + q.start], sent[passed:cut]
                if _stopped(own, index):
                    if _several(own, index):
                        continue
                    if cut > end:
                        # a target word in a later clause speaks for that clause only (…，超过
                        # 年度计划百分之四点一，比上一年增长百分之六点九: 国务院 1958 on 1957)
                        passed = end + q.end
                        continue
                    break
                if _stopped(after, index) and not _several(after, index):
                    break
                went = change_of(sent[end:end + q.start])
                if went is not None and target.unit not in RATE_UNITS:
                    # an amount after a change verb is the change, not the level reached (粮食增加了
                    # 三千八百亿斤 against 粮食的指标为三千九百二十亿斤: 国务院 1959 on 1958)
                    continue
                against = went is not None and went != target.change and target.unit in RATE_UNITS
                return (-q.value if against else q.value), printed, q.qualifier
    return None, None, ""


def _stopped(text: str, index: ReviewIndex) -> bool:
    """Whether `text` makes the figure after it no actual of the year: a multi-year, share or
    target cue, or a base year other than the year before."""
    return any(c.search(text) for c in index.stops) or _other_base(text, index.year)


def _several(text: str, index: ReviewIndex) -> bool:
    """Whether `text` speaks of several years: a multi-year cue or another base year."""
    return bool(index.several.search(text)) or _other_base(text, index.year)


def _other_base(text: str, year: int) -> bool:
    """Whether `text` compares with a base year other than the one before `year`."""
    return any(int(y) != year - 1 for y in _BASE_YEAR.findall(arabic_years(text)))


# A met approx or ceiling target whose actual is below this share of its value is flagged:
# CPI 0.2% against 3%左右 is met, but a reviewer should see how far off the plan was.
FAR_BELOW = 0.5


def verdict(target: Target, actual: float | None, indicator: Indicator | None) -> Verdict:
    """met or missed, as `actual` stands to the target's bounds (`meets`); not_reported without
    an actual.

    >>> t = Target(id="t1", indicator="国内生产总值", text="国内生产总值增长5.5%左右",
    ...            comparator="approx", low=5.5, high=5.5, unit="%")
    >>> verdict(t, 8.1, None), verdict(t, 3.0, None), verdict(t, None, None)
    ('met', 'missed', 'not_reported')
    """
    if actual is None:
        return "not_reported"
    if target.low is None and target.high is None:
        raise ValueError(f"target {target.id} ({target.comparator}) has neither low nor high")
    met = meets(actual, target.comparator, target.low, target.high, indicator)
    return "met" if met else "missed"


def meets(actual: float, comparator: str, low: float | None, high: float | None,
          indicator: Indicator | None) -> bool:
    """Whether `actual` meets a planned figure, its bounds `low`..`high` (以上 sets only low,
    以内 only high; at least one is given) read by its `comparator`, in its indicator's direction
    (a ceiling indicator such as a jobless rate is met from below, within its tolerance): what
    judges a target and a measure's planned quantity alike.

    >>> meets(8.1, "approx", 5.5, 5.5, None), meets(3.0, "floor", 5.5, None, None)
    (True, False)
    """
    direction = indicator.direction if indicator else "higher"
    tol = indicator.tolerance if indicator else 0.0
    # a clause that printed one bound only is read by it on both sides
    low, high = (low if low is not None else high), (high if high is not None else low)
    if low is None or high is None:
        raise ValueError(f"a planned figure ({comparator}) has neither low nor high")
    # a bare figure (增长8%) is reached or not: only 左右 and a range allow the
    # indicator's tolerance
    tol = 0.0 if comparator == "point" else tol
    if comparator == "floor":
        ok = actual >= low
    elif comparator == "ceiling":
        ok = actual <= high
    elif direction == "ceiling":
        ok = actual <= high + tol
    else:  # approx, point and range on a higher-is-better indicator
        ok = actual >= low - tol
    return ok


def note(target: Target, actual: float | None, verdict_: Verdict,
         indicator: Indicator | None) -> tuple[TargetNote | None, dict[str, float | str]]:
    """Why a reviewer should look again at a verdict (a key the workbook template phrases, and
    its figures), or (None, {})."""
    value = target.high if target.high is not None else target.low
    loose = target.comparator in ("approx", "ceiling") or (indicator is not None
                                                           and indicator.direction == "ceiling")
    if verdict_ == "met" and loose and actual is not None and value and actual < FAR_BELOW * value:
        return "far_below", {"actual": actual, "value": value}
    return None, {}


# The most characters a qualitative target may print before the indicators it is about: a scope
# (全省空气质量优良天数比率…, 广东省 2023); an action before the name (着力提高经济增长质量和效益,
# 国务院 2003) makes the indicator its object, not what the target judges.
SUBJECT_LEAD = 2


# What joins the indicators a target opens with, after any note in brackets (空气质量优良天数比率
# （AQI）和地表水水质优良率, 广东省 2022).
_JOINED = re.compile(r"(?:[（(][^）)]*[）)])?(?:[和与及、]|以及)")


def _subjects(text: str, mentions: list[tuple[int, int, str]], kind: Kind) -> list[str]:
    """The indicators `text` opens with, of its `mentions`: the first after at most a scope
    (`SUBJECT_LEAD`) and no action, the others joined to it (…天数比率和地表水水质优良率)."""
    out: list[str] = []
    at = 0
    for start, end, name in mentions:
        between = text[at:start]
        if out and not _JOINED.fullmatch(between):
            break
        if not out and (len(between) > SUBJECT_LEAD or kind.cues.action.match(between)):
            break
        out.append(name)
        at = end
    return out


def _quote(left: str, right: str) -> str:
    """The sentences giving two figures, once when one gives both."""
    return left if left == right else f"{left}{QUOTE_JOIN}{right}"


# Share of a qualitative target's character bigrams a review sentence must hold to be quoted for it.
MENTIONS = 0.5


class _Judged(TypedDict, total=False):
    """The TargetResult fields a qualitative target's judgement sets."""
    actual: float
    actual_text: str | None
    verdict: Verdict
    note: TargetNote
    note_values: dict[str, float | str]


def relation_unit(name: str, kind: Kind) -> str:
    """The unit a relation's indicator (居民收入 of 居民收入与经济增长同步) is read in: the
    kind's, else a growth rate's %."""
    return ind.unit if (ind := kind.indicator(name)) else "%"


def _qualitative(t: Target, index: ReviewIndex, kind: Kind) -> _Judged:
    """A relation (居民收入与经济增长同步) computed from both actuals; any other clause without a
    figure quoted with the review sentence that speaks of it, for the reviewer to judge."""
    relation = kind.relation(t.indicator)
    if relation:
        def figure(name: str):
            return find_actual(Target(id=t.id, indicator=name, text=t.text, comparator="point",
                                      unit=relation_unit(name, kind)), index)
        left, right = figure(relation.left), figure(relation.right)
        if left[0] is None or right[0] is None:
            return {"verdict": "not_reported", "note": "needs_both",
                    "note_values": {"left": relation.left, "right": relation.right}}
        return {"actual": left[0], "actual_text": _quote(left[1], right[1]),
                "verdict": "met" if left[0] >= right[0] - relation.tolerance else "missed",
                "note": "relation", "note_values": {"left": relation.left, "left_value": left[0],
                                                    "right": relation.right,
                                                    "right_value": right[0]}}
    # the indicators the clause is about (空气质量优良天数比率和地表水水质优良率均完成国家下达任务,
    # 居民收入稳步增长): their figures of the year quoted, for the reviewer to judge the task by
    named = dict.fromkeys(_subjects(t.text, _mentions(t.text, index.words), kind))
    figures: dict[str, float | str] = {}
    quotes: list[str] = []
    for name in named:
        if ind := kind.indicator(name):
            value, sentence, _ = find_actual(t.model_copy(update={
                "indicator": name, "comparator": "point", "unit": ind.unit}), index)
            if value is not None and sentence is not None:
                figures[name] = value
                quotes.append(sentence)
    if figures:
        return {"actual_text": QUOTE_JOIN.join(dict.fromkeys(quotes)), "verdict": "not_reported",
                "note": "qualitative_quoted", "note_values": figures}
    grams = _bigrams(t.text)
    held = Counter(i for g in grams for i in index.holding(g))
    best = max(((n / len(grams), index.sentences[i]) for i, n in held.items()), default=(0.0, None))
    if best[0] >= MENTIONS:
        return {"actual_text": best[1], "verdict": "not_reported", "note": "qualitative_quoted"}
    return {"verdict": "not_reported", "note": "qualitative_silent"}


def judge_targets(old: Report, new: Report, kind: Kind) -> list[TargetResult]:
    """Each target of `old`'s plan with the actual `new`'s review reports for its indicator
    (find_actual) and its verdict; a qualitative target quoted with the sentence speaking of it.

    >>> from compare.ingest import ingest_text
    >>> from compare.kinds import load_kind
    >>> def report(year, review, targets):
    ...     text = (f"一、{year - 1}年工作回顾\\n{review}" + "我们攻坚克难。" * 300
    ...             + f"\\n二、{year}年主要目标任务\\n{targets}")
    ...     return ingest_text(text, kind="gov-work-report", region="国务院", year=year)
    >>> old = report(2021, "",
    ...              "今年发展主要预期目标是：国内生产总值增长6%以上；城镇新增就业1100万人以上。")
    >>> new = report(2022, "过去一年，国内生产总值增长8.1%，城镇新增就业1269万人。", "")
    >>> [(r.indicator, r.actual, r.verdict)
    ...  for r in judge_targets(old, new, load_kind("gov-work-report"))]
    [('国内生产总值', 8.1, 'met'), ('城镇新增就业', 1269.0, 'met')]
    """
    out = []
    index = ReviewIndex(new, kind)
    # an actual depends on the target only through these: targets sharing them share it
    actuals: dict[tuple, tuple[float | None, str | None, str]] = {}
    for t in old.targets:
        base = dict(target_id=t.id, indicator=t.indicator, text=t.text, comparator=t.comparator,
                    low=t.low, high=t.high, unit=t.unit, change=t.change)
        if t.comparator == "qualitative":
            out.append(TargetResult(**base, **{"actual": None, "actual_text": None,
                                               **_qualitative(t, index, kind)}))
            continue
        key = (t.indicator, t.unit, t.change)
        if key not in actuals:
            actuals[key] = find_actual(t, index)
        actual, text, qualifier = actuals[key]
        indicator = kind.indicator(t.indicator)
        v = verdict(t, actual, indicator)
        why, values = note(t, actual, v, indicator)
        if why is None and v == "met" and (when := _point_in_time(t, text, kind)):
            why, values = "point_in_time", {"when": when}
        if actual is None and indicator is not None and len(indicator.parts) == 2:
            text, why, values = _parts(t, indicator.parts, index)
        if actual is None and text is None and index.naming.get(t.indicator):
            # the review speaks of the indicator without a figure of the year in the target's
            # unit (粮食总产量创2006年以来新高): that sentence quoted, the verdict not reported
            text, why, values = index.naming[t.indicator][0][0], "named_without_figure", {}
        out.append(TargetResult(**base, actual=actual, actual_qualifier=qualifier,
                                actual_text=text, verdict=v,
                                note=why or "", note_values=values))
    return out


def _point_in_time(t: Target, actual_text: str | None, kind: Kind) -> str | None:
    """The words dating the actual to one moment (年末) when the target's clause bounds the whole
    year (全年…以内), else None: both read in the clause that names the indicator."""
    if actual_text is None:
        return None
    def clause(text: str) -> str:
        return next((c for c in _CLAUSE_START.split(text) if t.indicator in c), "")
    if not any(re.search(c, clause(t.text)) for c in kind.whole_year_cues):
        return None
    return next((m.group() for c in kind.point_in_time_cues
                 if (m := re.search(c, clause(actual_text)))), None)


def _parts(t: Target, parts: list[str], index: ReviewIndex
           ) -> tuple[str | None, TargetNote | None, dict[str, float | str]]:
    """A combined indicator's target (城乡居民人均可支配收入增长8.5%) whose own figure the review
    does not give: the figures of its two parts (城镇、农村…分别增长10.2%、13.9%) quoted with
    their sentence for the reviewer, the verdict left not reported (a part's rate is not the
    combined one: the gold's rule, ../shared/gold/local-targets-dev.yaml)."""
    (left, left_text, _), (right, right_text, _) = (
        find_actual(t.model_copy(update={"indicator": name}), index) for name in parts)
    if left is None or right is None or left_text is None or right_text is None:
        return None, None, {}
    return _quote(left_text, right_text), "parts", {"left": parts[0], "left_value": left,
                            "right": parts[1], "right_value": right, "unit": t.unit}
