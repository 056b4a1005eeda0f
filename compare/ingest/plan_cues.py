"""What a plan's own text says about who does a measure and by when (the plan sheet's cues).

The patterns come from the kind template (`deadline_cues`, `lead_cues`, `responsible_cues`):
group `v` of the first that matches is the value, so a kind of report with other phrasings
needs a template, not code.

    find_cue(patterns, text)                       → group `v` of the first match
    deadline(text, kind, plan_year, default)       → 完成时限
    extracted_units(text, kind)                    → 牵头单位 and 责任单位
"""
from __future__ import annotations

import re
from collections.abc import Iterable

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


def deadline(text: str, kind: Kind, plan_year: int, default: str) -> str:
    """完成时限: as the text states it (a bare 6月底前 is in the plan year), else `default`.

    >>> from compare.kinds import load_kind
    >>> deadline("6月底前出台实施意见", load_kind("fazhi"), 2022, "2022年底前")
    '2022年6月底前'
    """
    found = find_cue(kind.deadline_cues, text)
    if found is None:
        return default
    if found.startswith("年"):  # 年底前: the year shares its 年
        return f"{plan_year}{found}"
    return found if re.match(r"(\d{4}|[〇○零一二三四五六七八九]{4})年", found) else f"{plan_year}年{found}"


def extracted_units(text: str, kind: Kind) -> dict[str, str | None]:
    """牵头单位 and 责任单位 as the text names them (None: for the office to fill)."""
    return {"lead": find_cue(kind.lead_cues, text), "responsible": find_cue(kind.responsible_cues, text)}
