"""Quantities in report text: the figures a report states, and the targets it sets.

Text arrives normalised (NFKC, so digits and ％ are ASCII). A quantity is a number
directly followed by a unit from UNITS. Requiring a unit is what keeps most
non-quantities out: years and dates (2021年, 12月17日), ages (18岁), document
numbers (〔2021〕33号), versions (4.0版) and names like 5G carry no unit. The few
that do are excluded by the regex (_NOT_AFTER: ordinals such as 第二个, PM2.5) and
by _NAMES (numbers inside “…” or 《…》 belong to a name: “十四五”, 《…十五条措施》).
"""
from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from typing import Literal, NamedTuple

from compare.kinds import Indicator
from compare.schema import Comparator
from compare.text import (
    CLAUSE_END,
    COLONS,
    COMMAS,
    FULL_STOP,
    LIST_COMMA,
    MARKS,
    SEMICOLONS,
    alternation,
    chars,
    cjk_number,
    is_hanzi,
)

QuantityKind = Literal["amount", "percent", "points"]

# What a number can be followed by, and what kind of figure that makes.
UNITS: dict[str, QuantityKind] = {
    "%": "percent",
    "个百分点": "points",
    "百分点": "points",
    **dict.fromkeys(
        ("项", "个", "件", "件次", "张", "条", "人", "人次", "名", "户", "家", "起", "次",
         "所", "部", "份", "套", "处", "类", "座", "台", "辆", "倍", "元", "斤", "吨", "亩",
         "公顷", "公里", "平方公里", "平方米", "立方米", "微克/立方米", "千瓦", "千瓦时",
         # what a 法治政府 plan counts (评查案卷不少于1500宗, 开展评查不少于4轮: user review ua19;
         # 龙华区's review counts 103宗, 270余宗)
         "宗", "轮",
         # things counted that a plan names too (婚礼1000场, 蜜月度假1万对: a user's read of
         # 盐田区 2025's 台账 found them dropped, and 1万 left without its unit); not 株: a figure
         # splits a row there, and 增种开花乔木2500株以上 moved 盐田区 2022's row boundary (a real
         # task lost)
         "场", "场次", "对", "头", "只", "艘", "栋",
         # the archive's weight of cotton and grain (棉花产量将要达到3，556万担: 国务院 1956)
         "担"),
        "amount",
    ),
}
# Magnitudes stay part of the unit (1.5亿户 is 1.5 of 亿户, 1107万条 is 1107 of 万条) and
# may stand alone (覆盖10.5亿): values are never multiplied out, so a figure reads as
# printed and compares directly with the same figure a year later.
# 万万 is the archive's 亿 (全国人口有六万万之多, 1955), read as printed like the others.
MAGNITUDES = ("万亿", "万万", "千万", "亿", "万")

# Words that make a figure inexact, where they are printed relative to the number, and
# what they say about the true value. 余 is recorded as 多; 达 and 达到 mark a figure
# as reached, so they are qualifiers (and not part of the subject) but say it is exact.
QUALIFIERS: dict[str, tuple[Literal["before", "within", "after"], Comparator]] = {
    "近": ("before", "approx"), "将近": ("before", "approx"), "接近": ("before", "approx"),
    "约": ("before", "approx"), "大约": ("before", "approx"),
    "超过": ("before", "floor"), "超": ("before", "floor"), "逾": ("before", "floor"),
    "突破": ("before", "floor"), "至少": ("before", "floor"), "不低于": ("before", "floor"),
    "不少于": ("before", "floor"), "高于": ("before", "floor"),
    "低于": ("before", "ceiling"), "不足": ("before", "ceiling"), "不到": ("before", "ceiling"),
    "不超过": ("before", "ceiling"), "不高于": ("before", "ceiling"),
    "控制在": ("before", "ceiling"),
    "达": ("before", "point"), "达到": ("before", "point"),
    "多": ("within", "floor"), "余": ("within", "floor"),
    "左右": ("after", "approx"), "上下": ("after", "approx"),
    "以上": ("after", "floor"), "以内": ("after", "ceiling"), "以下": ("after", "ceiling"),
}

# Words between a subject and its number that are not part of the subject: linking verbs,
# totals, "from … to" (增加到: the figure is a level and the subject is what reached it).
# Growth verbs (增长, 下降) are kept: they tell a rate from a level, a rise from a fall.
FILLERS = ("达到", "达", "为", "是", "有", "已", "了", "仅", "约", "共", "共有", "共计",
           "累计", "合计", "总计", "从", "由", "到", "至", "增加到", "增加至", "增至", "提高到",
           "提高至", "提升到", "提升至", "上升到", "上升至", "下降到", "降低到", "降到", "降至",
           "减少到", "减少至", "保持在", "稳定在", "控制在")
# A total word inside a clause separates the topic from what is counted:
# "“赣服通”新余市县分厅共计上线运行事项877项" counts 上线运行事项.
TOTALS = ("共有", "共计", "累计", "合计", "总计")

_CJK_DIGITS = "零〇一二两三四五六七八九十百千"
_OPENING_DIGITS = "一二两三四五六七八九十"  # what a CJK numeral may open with (below)
_NINE = "零〇一二两三四五六七八九"
# 第 makes an ordinal (第5位, 第二个); a letter, digit or point before means the number is
# the tail of a name or of a longer number (PM2.5, G20); a CJK digit, of a longer numeral.
_NOT_AFTER = rf"(?<![第A-Za-z0-9.{_CJK_DIGITS}])"
# A CJK numeral may not open with 百/千 (千家万户 is an idiom) or 零 (cn2an rejects 零十). Reports
# before the 1990s print every figure so (国务院 1955: 六百二十八亿一千万元, 百分之七十七点五,
# 一百一十几万人): groups below 10,000 joined by 亿 or 万, a group after one opening with a digit
# (四百零六万千瓦 is 406 of 万千瓦, not 4,061,000 of 瓦); a decimal after 点 (零点五 too); 几 after
# 十 (十几个: more than ten, as 十多个).
_CJK_GROUP = rf"[{_CJK_DIGITS}]{{0,8}}"
_CJK_GROUPS = rf"[{_OPENING_DIGITS}]{_CJK_GROUP}(?:[亿万][{_NINE}]{_CJK_GROUP})*"
_CJK_NUMBER = rf"(?:{_CJK_GROUPS}|零(?=点))(?:点[{_NINE}]{{1,4}}|(?<=十)几)?"
_NUMBER = rf"[0-9]+(?:\.[0-9]+)?|{_CJK_NUMBER}"
# 百分之 before a CJK numeral is its % (增长百分之五点五 is 增长5.5%).
_PERCENT = "百分之"
# A text holding none of the characters a number opens with holds no quantity: three in four of
# the clauses a compare asks about (`_QUANTITY` spends ≈ 2,000 instructions a character finding
# that out, with its optional groups tried at every place; this ≈ 10).
_NUMBER_OPENS = re.compile(rf"[0-9{_OPENING_DIGITS}]")
# Lone 一 is the article "a" far more often than the count one (一张营业执照, 一次办).
_ARTICLE = "一"
_RANGE_DASHES = "-–—~至－～"


def _qualifiers(where: str) -> str:
    # longest first, so 超过 wins over 超
    return alternation([q for q, (position, _) in QUALIFIERS.items() if position == where],
                       literal=True)


# longest first, so 个百分点 wins over 个
_MAG, _BASE = alternation(MAGNITUDES, literal=True), alternation(UNITS, literal=True)
_QUANTITY = re.compile(
    rf"(?P<before>{_qualifiers('before')})?{_NOT_AFTER}"
    rf"(?:(?P<lpct>{_PERCENT})?(?P<low>{_NUMBER}) ?(?:{_MAG})?(?:{_BASE})? ?[{_RANGE_DASHES}] ?)?"
    rf"(?P<pct>{_PERCENT})?(?P<value>{_NUMBER}) ?(?P<within>{_qualifiers('within')})?"
    # a percentage in words is whole without a unit after it (百分之五十以上, 百分之五至六)
    rf"(?(pct)|(?(lpct)|(?={_MAG}|{_BASE})))"
    rf"(?(pct)|(?P<magnitude>{_MAG})?(?P<within2>{_qualifiers('within')})?(?P<base>{_BASE})?)"
    rf"(?P<after>{_qualifiers('after')})?"
)
_NAMES = re.compile(r"“[^“”\n]{1,20}”|《[^《》\n]{1,60}》")
_CLAUSE_BREAK = re.compile(chars(CLAUSE_END, MARKS, LIST_COMMA, "\n"))
_TRAILING_FILLER = re.compile(rf"(?:{alternation(FILLERS, literal=True)})\Z")
_TOTAL = re.compile(alternation(TOTALS, literal=True))


# The records a comparison makes and never changes (this, TargetSpec, measures' spans, the engine's
# passages and decisions) are NamedTuples, not frozen dataclasses: a dataclass's methods are
# written out and compiled each time its module is imported, ≈ 4M instructions a class against
# ≈ 0.6M; the eight on a `yoy compare`'s path were 1.7% of its instructions (bench/one_pair.py).
class Quantity(NamedTuple):
    start: int
    end: int
    value: float
    high: float | None
    unit: str
    qualifier: str
    subject: str
    kind: QuantityKind


class TargetSpec(NamedTuple):
    indicator: str
    text: str
    comparator: Comparator
    low: float | None
    high: float | None
    unit: str
    change: Change = "rise"


Change = Literal["rise", "fall"]
# Verbs before a rate that say which way it goes: 下降3% is a fall of 3 (a growth of −3).
# 下降到/降至 name the level reached, not a change (see FILLERS), so they say nothing here.
# Units of a rate of change: a fall makes such a figure negative, and no count
# is looked for in them.
RATE_UNITS = ("%", "个百分点", "百分点", "‰")
FALLS = ("下降", "降低", "减少", "回落", "下滑", "下调", "缩减", "压减")
RISES = ("增长", "增加", "提高", "上升", "上涨", "提升", "增速", "涨幅", "增幅")
_COMPARED_WITH = re.compile(rf"比[^{COMMAS}{SEMICOLONS}]{{0,12}}的$")
_LEVEL_VERB = re.compile(r"(?:到|至)\s*$")
_FROM = re.compile(r"[从由]")
_TO = re.compile(rf"\s*(?:{alternation(RISES + FALLS + ('降', '升', '增', '减'), literal=True)})?"
                 r"\s*(?:到|至)\s*")


def change_of(gap: str) -> Change | None:
    """Which way the figure after `gap` (the text between a name and its figure) goes: the
    last change verb wins."""
    if _LEVEL_VERB.search(gap):
        return None
    hits: list[tuple[int, Change]] = ([(gap.rfind(w), "fall") for w in FALLS if w in gap]
                                      + [(gap.rfind(w), "rise") for w in RISES if w in gap])
    return max(hits)[1] if hits else None


_GROUPS = re.compile(r"([^亿万]+)([亿万]?)")
_GROUP_SIZE = {"亿": 10 ** 8, "万": 10 ** 4, "": 1}


def _number(numeral: str, magnitude: str) -> tuple[float, str] | None:
    """The value of a figure's `numeral` and the magnitude it is counted in (its printed
    `magnitude` unless the numeral holds one: 六百二十八亿一千|万 is 628.1 of 亿, as 628.1亿
    would be printed in digits, 一万二千 1.2 of 万); None for malformed numerals such as 十十."""
    if numeral[0] in "0123456789":
        return float(numeral), magnitude
    numeral = numeral.removesuffix("几")  # 十几: read as 十多 (`extract_quantities`)
    whole, _, decimals = numeral.partition("点")
    if "亿" not in whole and "万" not in whole:
        value = cjk_number(whole)  # None for malformed numerals such as 十十
        if value is None:
            return None
        return value + _fraction(decimals), magnitude
    if magnitude not in ("亿", "万", ""):  # 一万二千万亿: no figure a report prints
        return None
    if magnitude == "万" and whole.rfind("万") > whole.rfind("亿"):  # 一万二千万: no numeral
        return None
    if magnitude == "亿" and "亿" not in whole:  # 一万六千亿元 is 16000 of 亿元
        total = _grouped(whole)
        return None if total is None else (float(total), magnitude)
    total = _grouped(whole + magnitude)
    if total is None:
        return None
    counted = "亿" if "亿" in whole + magnitude else "万"
    return round((total + _fraction(decimals)) / _GROUP_SIZE[counted], 8), counted


def _fraction(decimals: str) -> float:
    """The digits after 点 as a fraction (五 → 0.5; none → 0)."""
    return float("0." + "".join(str(cjk_number(d)) for d in decimals))


def _grouped(numeral: str) -> int | None:
    """The value of a CJK numeral of groups joined by 亿 and 万 (二亿七千八百零九万三千一百)."""
    total = 0
    for group, size in _GROUPS.findall(numeral):
        value = cjk_number(group.lstrip("零〇") or "零")
        if value is None:
            return None
        total += value * _GROUP_SIZE[size]
    return total


def _subject(gap: str) -> str:
    """What a number counts: the clause text just before it, whole (see FILLERS). A cut at
    a fixed length would start inside a word or a bracket (PM2.5）平均浓度下降)."""
    gap = _TOTAL.split(gap)[-1].strip()
    while (trimmed := _TRAILING_FILLER.sub("", gap).rstrip()) != gap:
        gap = trimmed
    # A clause may open with the tail of a bracket or quote: "下同）平均浓度".
    return gap.lstrip(")）]】”’》 ")


def extract_quantities(text: str) -> list[Quantity]:
    """Every quantity in `text`, in order of position.

    The subject of a quantity is the text since the start of its clause (or since the
    previous quantity in it), trimmed as _subject says; when that is only fillers,
    as in 从2.5万公里增加到4.2万公里, the second figure shares the first's subject.
    """
    if not _NUMBER_OPENS.search(text):
        return []
    names = [m.span() for m in _NAMES.finditer(text)]
    clause_starts = [0] + [m.end() for m in _CLAUSE_BREAK.finditer(text)]
    found: list[Quantity] = []
    for m in _QUANTITY.finditer(text):
        # 一万, 一倍, 百分之一 are figures all the same
        if m["value"] == _ARTICLE and not m["low"] \
                and not (m["magnitude"] or m["pct"] or m["base"] == "倍"):
            continue
        if any(a < m.start() < b for a, b in names):
            continue
        read = _number(m["value"], m["magnitude"] or "")
        low = _number(m["low"], read[1]) if m["low"] and read else None
        if read is None or (m["low"] and low is None):
            continue
        value, magnitude = read
        clause_start = clause_starts[bisect.bisect_right(clause_starts, m.start()) - 1]
        previous = found[-1] if found and found[-1].end > clause_start else None
        gap = text[previous.end if previous else clause_start:m.start()]
        subject = _subject(gap)
        if not subject and gap.strip() and previous:
            subject = previous.subject
        # After the unit wins: it bounds the value (达到…以上, 控制在…以内).
        qualifier = m["after"] or ("多" if m["within"] or m["within2"] or m["value"][-1] == "几"
                                    else m["before"] or "")
        base = "%" if m["pct"] or m["lpct"] else m["base"] or ""
        found.append(Quantity(
            start=m.start(), end=m.end(),
            value=low[0] if low is not None else value,
            high=value if low is not None else None,
            unit=magnitude + base, qualifier=qualifier, subject=subject,
            kind=UNITS.get(base, "amount"),
        ))
    return found


# The list a count in words sums up (抓好垃圾分类和物业管理两个关键小事): its last item, after 和,
# 与, 及 or 、, right before the count (not after 等: 住房保障、创业服务等十条措施 counts more than
# it lists); the count a word of at most ten, in one of these measure words.
_LISTED = re.compile(r"[和与及、][^，,。；;：:、和与及等]{1,12}$")
_LIST_COUNTS = ("个", "项", "类", "条", "处", "次", "所", "家", "座", "支", "场")
_LIST_MAX = 10
# What a planned figure's span may open with that says nothing of the plan: the verb of reaching
# (达80%以上 is 80%以上, a point's 达 no bound).
_REACHED = re.compile(r"^(?:达到|达)")


def counts_listed(text: str, q: Quantity) -> bool:
    """Whether `q` in `text` is a count in words of the things listed before it, inside a name
    (深入抓好垃圾分类和物业管理两个关键小事: 两个 plans nothing), not a planned figure."""
    return (not q.qualifier and q.unit in _LIST_COUNTS and q.value <= _LIST_MAX
            and not text[q.start].isdigit() and q.end < len(text)
            and text[q.end] not in "，,。；;、" and _LISTED.search(text[:q.start]) is not None)


def in_name(text: str, q: Quantity) -> bool:
    """Whether `q` in `text` is a count in words inside a name (行政执法三项制度, 中央八项规定,
    安全生产十五条措施): in words, with no qualifier, and followed by what it counts, the figure
    read as metrics reads one (a figure followed by what it counts is no value of the words
    before it). In the shipped reports' plans every such count (14) is a name; one in digits
    (建成3所学校) or with a qualifier (不少于4轮) plans, and so does one after 等 (住房保障、
    创业服务等十条支持措施 counts more than it lists: a UA reviewer's 北京 2026 台账). Not a
    planned figure (user review ua19: 计划数 三项)."""
    return (not q.qualifier and not text[q.start].isdigit() and q.end < len(text)
            and is_hanzi(text[q.end]) and not text[:q.start].endswith("等"))


def printed(text: str, q: Quantity) -> str:
    """`q` as a 计划数 prints it: its span in `text` less a leading 达/达到."""
    return _REACHED.sub("", text[q.start:q.end])


def find_indicator(clause: str, indicators: Sequence[Indicator]) -> tuple[Indicator, int] | None:
    """The indicator named in `clause` and where its name ends: longest name, then earliest.

    Longest first keeps distinct indicators apart when one name contains another
    (单位国内生产总值能耗 is not 国内生产总值)."""
    hits = [(len(w), -clause.find(w), ind)
            for ind in indicators for w in ind.words if w and w in clause]
    if not hits:
        return None
    length, neg_pos, indicator = max(hits, key=lambda h: h[:2])
    return indicator, length - neg_pos


def parse_target_clause(clause: str, indicators: Sequence[Indicator]) -> TargetSpec | None:
    """The target one clause sets: its indicator and the first quantity after the name."""
    found = find_indicator(clause, indicators)
    if found is None:
        return None
    indicator, name_end = found
    after = [q for q in extract_quantities(clause) if q.start >= name_end]
    if not after:
        return None
    # 比一九五八年的二千零五十亿元增长百分之四十: a figure after 比…的 is the base, not the target
    while len(after) > 1 and _COMPARED_WITH.search(clause[name_end:after[0].start]):
        after = after[1:]
    q = after[0]
    # 从去年的2.1%提高到2.3%, 由5.5%降至5%左右: the first figure is last year's, the
    # target the one reached
    if len(after) > 1 and _FROM.search(clause[name_end:q.start]) \
            and _TO.fullmatch(clause[q.end:after[1].start]):
        q = after[1]
    comparator: Comparator
    low: float | None
    high: float | None
    if q.high is not None:
        comparator, low, high = "range", q.value, q.high
    else:
        comparator = QUALIFIERS[q.qualifier][1] if q.qualifier else "point"
        low = None if comparator == "ceiling" else q.value
        high = None if comparator == "floor" else q.value
    # a reduction target (能耗下降3%) keeps the size of the fall it asks for
    change = change_of(clause[name_end:q.start]) or "rise"
    return TargetSpec(indicator=indicator.name, text=clause.strip(), comparator=comparator,
                      low=low, high=high, unit=q.unit, change=change)


def split_target_sentence(sentence: str) -> list[str]:
    """The clauses of a target sentence: what follows its first colon (the cue
    主要预期目标是： ends in one), split on ；;，,。 — or all of it when it has no colon — and on 、
    where every part holds a figure (生产总值增长7%以上、工业增加值增长6%以上), not in a list of
    names (能耗、水耗分别下降…)."""
    listed = re.split(chars(COLONS), sentence, maxsplit=1)[-1]
    out: list[str] = []
    for clause in (c.strip() for c in re.split(chars(SEMICOLONS, COMMAS, FULL_STOP), listed)
                   if c.strip()):
        parts = clause.split("、")
        out += parts if len(parts) > 1 and all(extract_quantities(x) for x in parts) else [clause]
    return out


def expand_respectively(sentence: str) -> str:
    """`sentence` with every `A、B分别下降x、y` clause written out as `A下降x，B下降y`; a clause
    right after one that names no one (…分别达到30283元和10324元，分别增长9%和12%)
    speaks of its names."""
    if "分别" not in sentence and "均" not in sentence:  # most sentences: no clause to write out
        return sentence
    parts = re.split(f"({chars(SEMICOLONS, COMMAS, FULL_STOP)})", sentence)
    names: list[str] = []
    for i in range(0, len(parts), 2):
        m = _RESPECTIVELY.match(parts[i])
        nameless = m if m and _NAMELESS.fullmatch(m["names"]) else _BARE_FIGURES.fullmatch(parts[i])
        if names and nameless and (figures := _figures(nameless["figures"], len(names))):
            parts[i] = "，".join(n + nameless["verb"] + f
                                for n, f in zip(names, figures, strict=True))
        elif m:
            expanded = respectively(parts[i])
            names = [] if len(expanded) < 2 else _names(m["names"])
            parts[i] = "，".join(expanded)
        else:
            names = []
    return "".join(parts)


# what a clause may open with and still name no one: 同比分别增长…, 分别…
_NAMELESS = re.compile(r"(?:同比|比上年|预计)?")
# a clause of figures only (增长10%和12%) right after a 分别 clause
_BARE_FIGURES = re.compile(r"(?:同比|比上年)?(?P<verb>增长|下降|提高|增加|减少)"
                           r"(?P<figures>[\d.]+%?(?:(?:、|和|与|及)[\d.]+%?)+%?(?:左右|以上)?)")
_RESPECTIVELY = re.compile(r"^(?P<names>.*?)"
                           r"(?:分别|(?<!人)均(?=增长|下降|提高|增加|减少|达到|超过|控制在|保持在))"
                           r"(?P<verb>[^\d、和与及]*)(?P<figures>.+)$")


def _figures(printed: str, n: int) -> list[str] | None:
    """`printed` as `n` figures (one printed once stands for each), a qualifier after the
    last applying to all."""
    figures = _AND.split(printed)
    if len(figures) == 1:
        figures = figures * n
    if len(figures) != n:
        return None
    tail = re.search(rf"(?:{_qualifiers('after')})$", figures[-1])
    return [f if not tail or f.endswith(tail.group()) else f + tail.group() for f in figures]


def _names(printed: str) -> list[str]:
    """The names of a 分别 clause: 城镇和农村居民人均可支配收入 → 城镇居民…,
    农村居民…; 城乡居民… → 城镇…, 农村…."""
    names = _AND.split(printed)
    pair = next((k for k in PAIRED if len(names) == 1 and k in names[0]), None)
    if pair:
        names = [names[0].replace(pair, part) for part in PAIRED[pair]]
    last = names[-1]
    return [n + last[len(n):] if len(n) <= 3 and len(last) > len(n) + 2 and n is not last else n
            for n in names]
_AND = re.compile(r"、|和|与|及")
# A name that covers two populations at once, each with its own figure
# (城乡居民 → 城镇居民, 农村居民).
PAIRED = {"城乡": ("城镇", "农村")}


def respectively(clause: str) -> list[str]:
    """`A、B分别增长x、y左右` → [`A增长x左右`, `B增长y左右`], `A、B均增长x` and `城乡居民…分别增长x`
    → each with x; other clauses as they are.

    A short leading name borrows the tail of the last one
    (城镇、农村居民人均可支配收入 → 城镇居民人均可支配收入)."""
    m = _RESPECTIVELY.match(clause)
    if not m:
        return [clause]
    names = _names(m["names"])
    figures = _figures(m["figures"], len(names)) if len(names) >= 2 else None
    if not figures:
        return [clause]
    return [n + m["verb"] + f for n, f in zip(names, figures, strict=True)]
