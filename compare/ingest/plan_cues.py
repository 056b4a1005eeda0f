"""What a plan's own text says about who does a measure and by when (the plan sheet's cues).

The patterns come from the kind template (`deadline_cues`, `lead_cues`, `responsible_cues`):
group `v` of the first that matches is the value, so a kind of report with other phrasings
needs a template, not code.

    find_cue(patterns, text)                       → group `v` of the first match
    stated_deadline(text, kind, plan_year)         → 完成时限 as the text states it
    deadline(text, kind, plan_year)                → 完成时限 as a date (the plan year's end
                                                     if none)
    deadline_date(stated, plan_year, kind)         → the day a deadline as people write it falls on
    extracted_units(text, kind)                    → 牵头单位 and 责任单位
"""
from __future__ import annotations

import calendar
import re
from collections.abc import Iterable
from datetime import date

from compare.kinds import Kind


def find_cue(patterns: Iterable[str], text: str) -> str | None:
    """Group `v` of the first pattern that matches `text` (None when none does).

    >>> find_cue([r"由(?P<v>[^，。]{2,20}?)负责"], "城市防洪由市政府负责。")
    '市政府'
    """
    for pattern in patterns:
        m = re.search(pattern, text)
        if m and m.group("v").strip():
            return m.group("v").strip()
    return None


def stated_deadline(text: str, kind: Kind, plan_year: int) -> str | None:
    """完成时限 as the text states it, with its year (a bare 6月底前 is in the plan year); None
    when it states none.

    >>> from compare.kinds import load_kind
    >>> stated_deadline("6月底前出台实施意见", load_kind("fazhi"), 2022)
    '2022年6月底前'
    """
    found = find_cue(kind.deadline_cues, text)
    if found is None:
        return None
    if found.startswith("年"):  # 年底前: the year shares its 年
        return f"{plan_year}{found}"
    return (found if re.match(r"(\d{4}|[〇○零一二三四五六七八九]{4})年", found)
            else f"{plan_year}年{found}")


def deadline(text: str, kind: Kind, plan_year: int) -> date:
    """完成时限 as a date: the day the text's deadline falls on, else the plan year's last day.

    >>> from compare.kinds import load_kind
    >>> fazhi = load_kind("fazhi")
    >>> deadline("6月底前出台实施意见", fazhi, 2022), deadline("出台实施意见", fazhi, 2022)
    (datetime.date(2022, 6, 30), datetime.date(2022, 12, 31))
    """
    stated = stated_deadline(text, kind, plan_year)
    return (deadline_date(stated, plan_year, kind) if stated else None) or date(plan_year, 12, 31)


_CJK_DIGITS = {c: i for i, c in enumerate("零一二三四五六七八九")} | {"〇": 0, "○": 0}
_NUMBER = r"\d{1,2}|[一二三四五六七八九十]{1,3}"
_YEAR = re.compile(r"(\d{4}|[〇○零一二三四五六七八九]{4})年")
_ISO = re.compile(r"(\d{4})[-./](\d{1,2})[-./](\d{1,2})")
_MONTH_DAY = re.compile(rf"({_NUMBER})月(?:份)?(?:({_NUMBER})[日号])?")
_QUARTER = re.compile(r"(?:第)?([一二三四1-4])季度")
# dotted as offices type them, read whole: 6.30 (a month and day), 2022.6 (a year and month)
_MONTH_DOT_DAY = re.compile(r"(\d{1,2})[.．](\d{1,2})前?")
_YEAR_DOT_MONTH = re.compile(r"(\d{4})[.．](\d{1,2})(?:月(?:底|末)?)?前?")


def deadline_date(stated: str, plan_year: int, kind: Kind) -> date | None:
    """The day a deadline as people write it falls on (2022年6月底前, 6月15日前, 三季度末,
    下半年, 年底前, 2022-09-30, 2022.9.30, 6.30, 2022.6, end of June, Q3); the year is `plan_year`
    where it names none, a month named alone its last day. Words naming no date, month or
    quarter are the kind's (`deadline_year_end`, `deadline_half_year`), as are the English months
    (`deadline_months`, `deadline_month_lead`). None when it names no day (尽快, 长期坚持, 6.31).

    >>> from compare.kinds import load_kind
    >>> [deadline_date(t, 2022, load_kind("fazhi"))  # doctest: +NORMALIZE_WHITESPACE
    ...  for t in ("一九八五年底前", "9月15日前", "三季度末", "2023.3.31", "6.30", "end of June",
    ...            "Q3")]
    [datetime.date(1985, 12, 31), datetime.date(2022, 9, 15), datetime.date(2022, 9, 30),
     datetime.date(2023, 3, 31), datetime.date(2022, 6, 30), datetime.date(2022, 6, 30),
     datetime.date(2022, 9, 30)]
    """
    from compare.text import cjk_number

    if any(c.isascii() and c.isalpha() for c in stated):
        return _english(stated, plan_year, kind)
    full = text = re.sub(r"\s", "", stated)
    if m := _ISO.search(text):
        return _day(int(m[1]), int(m[2]), int(m[3]))
    if m := _MONTH_DOT_DAY.fullmatch(text):
        return _day(plan_year, int(m[1]), int(m[2]))
    if m := _YEAR_DOT_MONTH.fullmatch(text):
        return _month_end(int(m[1]), int(m[2]))
    year = plan_year
    if named := _YEAR.search(text):
        digits = named[1]
        year = (int(digits) if digits.isdigit()
                else int("".join(str(_CJK_DIGITS[c]) for c in digits)))
        text = text[named.end():]
    if m := _MONTH_DAY.search(text):
        month = int(m[1]) if m[1].isdigit() else cjk_number(m[1])
        day = None if m[2] is None else int(m[2]) if m[2].isdigit() else cjk_number(m[2])
        if month is None or day is None:
            return _month_end(year, month) if month is not None else None
        return _day(year, month, day)
    if m := _QUARTER.search(text):
        quarter = int(m[1]) if m[1].isdigit() else _CJK_DIGITS[m[1]]
        return _day(year, quarter * 3, calendar.monthrange(year, quarter * 3)[1])
    if any(word in full for word in kind.deadline_half_year):
        return date(year, 6, 30)
    if any(word in full for word in kind.deadline_year_end) \
            or (named and text in ("", "前", "底前", "内")):
        return date(year, 12, 31)
    return None


def _english(stated: str, plan_year: int, kind: Kind) -> date | None:
    """A deadline typed in English: a month of the kind's (June, Jun), a day before or after it,
    a year after it, and before it only the kind's `deadline_month_lead` (end of, by); or a
    quarter, its number with one of the kind's `deadline_quarter_letters` before or after it
    (Q3, 3Q), a year before or after (2022Q3, Q3 2022), its last day."""
    lead = "|".join(re.escape(w) for w in sorted(kind.deadline_month_lead, key=len, reverse=True))
    if letters := "".join(re.escape(c) for c in kind.deadline_quarter_letters):
        q = re.fullmatch(rf"(?:(?:{lead})\s*)?(?:(\d{{4}})\s*年?\s*)?"
                         rf"(?:[{letters}]\s*([1-4])|([1-4])\s*[{letters}])"
                         rf"(?:\s*(\d{{4}})\s*年?)?\s*(?:末|底)?前?",
                         " ".join(stated.split()).strip(" .,"), re.IGNORECASE)
        if q:
            if q[1] and q[4]:  # 2022Q3 2023
                return None
            return _month_end(int(q[1] or q[4] or plan_year), int(q[2] or q[3]) * 3)
    months = "|".join(f"{name}|{name[:3]}" for name in kind.deadline_months)
    day = r"(\d{1,2})(?:st|nd|rd|th)?"
    m = re.fullmatch(rf"(?:(?:{lead})\s+)?(?:(?:the\s+)?{day}\s+(?:of\s+)?)?({months})\.?"
                     rf"(?:\s+{day})?(?:,?\s+(\d{{4}}))?", " ".join(stated.lower().split())
                     .strip(" .,"), re.IGNORECASE)
    if m is None:
        return None
    names = [n.lower() for n in kind.deadline_months]
    month = next(i for i, n in enumerate(names, 1) if m[2].lower() in (n, n[:3]))
    year = int(m[4]) if m[4] else plan_year
    if m[1] and m[3]:  # 30 June 30
        return None
    on = m[1] or m[3]
    return _day(year, month, int(on)) if on else _month_end(year, month)


def _month_end(year: int, month: int) -> date | None:
    return date(year, month, calendar.monthrange(year, month)[1]) if 1 <= month <= 12 else None


def _day(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:  # 2月30日
        return None


def extracted_units(text: str, kind: Kind) -> dict[str, str | None]:
    """牵头单位 and 责任单位 as the text names them (None: for the office to fill)."""
    return {"lead": find_cue(kind.lead_cues, text),
            "responsible": find_cue(kind.responsible_cues, text)}
