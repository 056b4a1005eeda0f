"""What the rules read that the fitted status decision may not override.

The `status` decision (track._decide_status) says partial for a part the rules call delivered
when its signals look like partial work: right more often than not, leave-one-pair-out. A count
reported for the very thing the plan counted, reaching it, is read straight off the review and
is not a matter of likelihood (盐田区 2021→22: 10条道路 planned, 18条道路整治全面完成 reported).
What a count counts is what stands next to it: the same two characters before it or after it
in the plan and in the review (10条道路 ↔ 18条道路, 优质学位2340个 ↔ 公办学位2880个), not a
count of another thing in the same unit (公园8座 ↔ 公厕16座, 遴选10家左右国有企业 ↔
新增14家农业…企业). A sum of money is named by what stands after it, what it is or
buys (2.8万亿元中央财政资金 ↔ 将2.8万亿元中央财政资金纳入直达范围): the word before it is the
verb that spends it, the same for every project (投资1.3亿元实施自来水管网改造 ↛
投资3.5亿元的二三级供水管网改造, 投资2.5亿元,实施俄罗斯风情精品街项目 ↛ 完成投资46.9亿元).

    >>> met_for_same_object("完成盐田北四街等4.6公里的10条道路品质提升工程",
    ...                     "盐田北四街等18条道路整治全面完成")
    True
    >>> met_for_same_object("新改建公园8座、公厕15座", "新改建公厕16座，新增公园4个")
    False
    >>> met_for_same_object("将2.8万亿元中央财政资金纳入直达机制",
    ...                     "建立常态化财政资金直达机制，将2.8万亿元中央财政资金纳入直达范围。")
    True
"""
from __future__ import annotations

from compare.engine.figures import MONEY
from compare.ingest.quantities import RATE_UNITS, extract_quantities
from compare.text import is_hanzi

# characters next to a count naming what it counts (道路, 学位, 住房)
OBJECT_CHARS = 2


def met_for_same_object(part: str, sentence: str) -> bool:
    """Whether `sentence` reports a count or sum reaching one the part plans, of the same thing,
    and no count or sum of a thing the part names falling short of it (公园8座 ↔ 新增公园4个)."""
    said = [(q, _next_to(sentence, q.start, q.end)) for q in extract_quantities(sentence)]
    met = False
    for p in (q for q in extract_quantities(part) if q.unit not in RATE_UNITS):
        money = p.unit.endswith(MONEY)
        mine = {(side, w) for side, w in _next_to(part, p.start, p.end)
                if not money or side == "after"}
        same = [q for q, words in said if mine & words]
        if any(q.value < p.value for q in same):
            return False
        met = met or any(q.unit == p.unit and q.value >= p.value for q in same)
    return met


def _next_to(text: str, start: int, end: int) -> set[tuple[str, str]]:
    """The words right before and right after a figure, each OBJECT_CHARS Chinese characters."""
    around = {("before", text[start - OBJECT_CHARS:start]), ("after", text[end:end + OBJECT_CHARS])}
    return {(side, w) for side, w in around if len(w) == OBJECT_CHARS and is_hanzi(w)}
