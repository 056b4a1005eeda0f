"""The figures a review states for a measure's planned quantity: which figure of a sentence is
the figure of which part (`reported_figure`: the clause's words it is the figure of, a list cut
between figures, a figure another part of the row names more fully left to that part), the
indicator a quantity is given under (`indicator_of`) and whether the figure meets the plan
(`meets_plan`). Read by the rules (rules.read) and the carried-over and guard checks."""
from __future__ import annotations

import functools
import re
from collections.abc import Sequence

from compare.engine.judge import meets
from compare.engine.scorers import bigram_terms
from compare.ingest.measures import reached
from compare.ingest.quantities import Quantity, extract_quantities, find_indicator
from compare.kinds import Indicator, Kind
from compare.schema import Commitment
from compare.text import CLAUSE_END, LIST_COMMA, chars, is_hanzi

MIN_SHARED = 2      # bigrams a reported figure's clause shares with the measure's
NAME_CONTEXT = 2    # characters on either side of a figure that make it part of a name
MONEY = "元"        # the unit of sums of money (元, 万元, 亿元, 万美元)


@functools.lru_cache(maxsize=1 << 12)
def _figure_clauses(text: str) -> tuple[tuple[Quantity, str, frozenset[str]], ...]:
    """(quantity, the words it is the figure of, their bigrams) for every figure: the words of the
    clause it stands in, figures left out, cut between two figures where words and a list word
    stand between them (`_list_cut`: 培训农村劳动力4794人、城镇失业人员285人: 285 is the figure of
    城镇失业人员 alone; 36个老旧小区的…改造、45个老旧小区…: 45 of what follows it); cached: a
    review sentence is read for the figures of many measures."""
    bounds = [0] + [m.end() for m in re.finditer(chars(CLAUSE_END), text)] + [len(text) + 1]
    found = extract_quantities(text)
    out = []
    for q in found:
        k = max(i for i, b in enumerate(bounds) if b <= q.start)
        lo, hi = bounds[k], bounds[k + 1]
        inside = [f for f in found if lo <= f.start < hi]
        j = inside.index(q)
        # a list is of figures in one unit; a level and its change (社会消费品零售总额165.8亿元、
        # 增长8.4%) are of one subject
        if j and inside[j - 1].unit == q.unit:
            lo = max(lo, _list_cut(text, inside[j - 1].end, q.start) + 1)
        if j + 1 < len(inside) and inside[j + 1].unit == q.unit:
            cut = _list_cut(text, q.end, inside[j + 1].start)
            hi = cut if cut >= 0 else hi
        mine = [f for f in inside if lo <= f.start < hi]
        words = "".join(text[a:b] for a, b in zip(
            [lo] + [f.end for f in mine], [f.start for f in mine] + [hi], strict=True))
        out.append((q, words, frozenset(bigram_terms(words))))
    return tuple(out)


# what lists the things counted (…4794人、城镇失业人员285人; …20公里燃气管网铺设及144公里…)
_LIST_WORDS = LIST_COMMA + "和及与"


def _list_cut(text: str, a: int, b: int) -> int:
    """Where the words between two figures (text[a:b]) are cut between them: at the last list
    word, when words stand between the figures (1.8万户、189万平方米棚改任务: none; both are of
    棚改任务); -1 for no cut."""
    between = text[a:b]
    if not any(is_hanzi(ch) and ch not in _LIST_WORDS for ch in between):
        return -1
    at = max(between.rfind(w) for w in _LIST_WORDS)
    return a + at if at >= 0 else -1


def indicator_of(c: Commitment, kind: Kind) -> Indicator | None:
    """The indicator of `kind` a measure's planned quantity is given under (社消零 →
    社会消费品零售总额), None for a measure without a quantity: found once per measure, then
    the searched words (`query`) and the figure's reading (`reported_figure`, `meets_plan`)
    take it."""
    found = find_indicator(c.text, kind.indicators) if c.quantity is not None else None
    return found[0] if found else None


def query(c: Commitment, named: Indicator | None) -> str:
    """A measure's words as searched for: its text, and the full name of the indicator `named`
    (`indicator_of`) when it names it by an alias, the name a review reports the figure under."""
    return c.text if named is None or named.name in c.text else f"{c.text} {named.name}"


def reported_figure(c: Commitment, texts: Sequence[str], named: Indicator | None,
                    kind: Kind, rivals: Sequence[Commitment] = ()) -> tuple[float, str] | None:
    """The figure `texts` (cited sentences, best first) state for the measure's quantity, and as
    printed: same unit, in the clause whose words (figures and units left out) share most bigrams
    with the measure's own clause, at least MIN_SHARED or the whole of its object (`_figure_words`);
    within a clause the level reached (…提高到100%) first; a measure on a known indicator
    (`named`) takes only a figure given under its name; a figure the words of another part of the
    same row (`rivals`) name more fully is that part's (`_rival_words`)."""
    if c.quantity is None:
        return None
    own, obj = _figure_words(c, named, kind)
    others = _rival_words(c, rivals, kind)
    best, rank_ = None, (0, False)
    for text in texts:
        # of one sentence's figures, the one whose words the measure's words name most wholly
        # (实现城镇新增就业5487人，再就业1687人: 1687 for 实现再就业2000人, though 实现城镇新增就业
        # shares more bigrams with it); then the sentences' figures by bigrams shared
        mine = max(_figures(c, text, own, obj, named, others), default=None,
                   key=lambda f: (f[2], f[1]))
        if mine is not None and (best is None or mine[1] > rank_):
            best, rank_ = (mine[0].value, text[mine[0].start:mine[0].end]), mine[1]
    return best


def states_figure(c: Commitment, texts: Sequence[str], named: Indicator | None,
                  kind: Kind, rivals: Sequence[Commitment] = ()) -> list[bool]:
    """Whether each of `texts` states a figure for the measure's quantity (as `reported_figure`
    would find one in it), the measure's words read once for all."""
    if c.quantity is None:
        return [False] * len(texts)
    own, obj = _figure_words(c, named, kind)
    others = _rival_words(c, rivals, kind)
    return [any(True for _ in _figures(c, t, own, obj, named, others)) for t in texts]


def _rival_words(c: Commitment, rivals: Sequence[Commitment], kind: Kind) -> list[set[str]]:
    """The bigrams (`_figure_words`) of the other parts of `c`'s row planning a quantity in its
    unit: each quantity of a row is its own part's, and a figure is the part's whose words it names
    most fully (完成45个老旧小区改造任务: the part 45个老旧小区基础设施综合改造's, not
    36个老旧小区的既有建筑节能改造's nor 23个老旧小区的三级供热管网改造's)."""
    assert c.quantity is not None
    return [_figure_words(r, indicator_of(r, kind), kind)[0] for r in rivals
            if r.quantity is not None and r.quantity.unit == c.quantity.unit]


def _figure_words(c: Commitment, named: Indicator | None,
                  kind: Kind) -> tuple[set[str], set[str]]:
    """The bigrams of the measure's clause stating its quantity, with its indicator's full name;
    and those of its object, the clause without its leading verbs (完成造林19万亩 → 造林): an
    object of one bigram is named whole by a clause sharing one (全年植树造林21.8万亩), which
    MIN_SHARED alone would pass over."""
    assert c.quantity is not None
    clause = next((words for q, words, _ in _figure_clauses(c.text)
                   if q.unit == c.quantity.unit), c.text)
    own = set(bigram_terms(clause)) | set(bigram_terms(query(c, named)[len(c.text):]))
    # money names no object: every project states what it costs or yields (投资2.5亿元 ↛
    # 完成投资46.9亿元, 产值2亿元 ↛ 实现产值207.2亿元, 海拉尔区 2013–2017)
    if c.quantity.unit.endswith(MONEY):
        return own, set()
    return own, set(bigram_terms(kind.cues.opening.sub("", clause, count=1)))


def _figures(c: Commitment, text: str, own: set[str], obj: set[str], named: Indicator | None,
             others: Sequence[set[str]] = ()):
    """Each figure of `text` in the measure's unit whose words (`_figure_clauses`) share MIN_SHARED
    of the measure's bigrams or the whole of its object, with its rank (bigrams shared, level
    reached) and the share of its words' bigrams the measure holds."""
    assert c.quantity is not None
    for found, words, grams in _figure_clauses(text):
        if found.unit != c.quantity.unit or _named(c.text, text, found):
            continue
        # a measure on a known indicator takes only a figure given under its name: the words
        # around it (增加值增长) are shared by others (高技术制造业增加值增长7.4%)
        if named is not None and not any(w in words for w in named.words):
            continue
        shared = len(own & grams)
        if not (shared >= MIN_SHARED or (obj and obj <= grams)):
            continue
        # a figure whose words hold a larger share of another part's words than of this one's
        # is that part's
        if any(len(r & grams) * len(own) > shared * len(r) for r in others if r):
            continue
        yield found, (shared, reached(text, found)), shared / len(grams)


def _named(measure: str, text: str, found: Quantity) -> bool:
    """Whether the figure `found` of `text` stands in a name the measure spells too: the same
    NAME_CONTEXT characters on either side of it in both (大唐700万吨露天矿, 中央八项规定精神):
    the thing's name, not an outcome reported."""
    a, b = found.start - NAME_CONTEXT, found.end + NAME_CONTEXT
    around = text[max(a, 0):b]
    return (a >= 0 and b <= len(text) and is_hanzi(text[a:found.start])
            and is_hanzi(text[found.end:b]) and around in measure)


def meets_plan(c: Commitment, actual: float, named: Indicator | None) -> bool:
    """Planned and reported figures compared as targets are (`judge.meets`), in the direction of
    the indicator the measure names (`named`), if the template knows it (a jobless rate is met by
    a lower figure)."""
    q = c.quantity
    if q is None:  # only measures with a planned quantity have figures to meet
        return False
    low = None if q.comparator == "ceiling" else q.value
    high = q.high if q.comparator in ("range", "floor") else q.value
    return meets(actual, q.comparator, low, high, named)
