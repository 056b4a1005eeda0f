"""The 台账's 目标任务 sheet: the plan year's targets as the office reads them (目标值 as the plan
states it) and the 实际值 it types, read back on the target's own scale.

    target_id(t)                 → a target row's id (its indicator and words, never its position)
    target_rows(report, ...)     → the 目标任务 rows
    target_value(t, tpl, lang)   → 目标值 as printed: 1100万人以上, 3%左右, 下降3%
    typed_actual(text, t, tpl)   → the figure an office typed, when yoy can tell
"""
from __future__ import annotations

import re
from pathlib import Path

from compare.kinds import load_kind
from compare.schema import Report, Target, TargetResult
from compare.store.plan_entries import PlanEntries, PlanEntry
from compare.text import content_id
from compare.workbook.template import Template, load_template


def target_id(t: Target) -> str:
    return content_id("t", f"{t.indicator}|{t.text}")


def target_value(t: Target | TargetResult, tpl: Template, lang: str) -> str | None:
    """目标值 as the plan states it, its comparator kept: 1100万人以上, 3%左右, 下降3%.

    >>> from compare.schema import Target
    >>> target_value(Target(id="t", indicator="城镇新增就业", text="…", comparator="floor",
    ...                     low=1100, unit="万人"), load_template(), "zh")
    '1100万人以上'
    """
    value = t.high if t.comparator == "ceiling" else t.low
    form = tpl.plan_sheet.target_forms.get(t.comparator)
    if value is None or form is None:
        return None
    low, high = (value if v is None else v for v in (t.low, t.high))
    text = (form.get(lang).replace("{value}", f"{value:g}").replace("{low}", f"{low:g}")
            .replace("{high}", f"{high:g}").replace("{unit}", t.unit))
    return tpl.plan_sheet.fall.get(lang) + text if t.change == "fall" else text


def target_rows(report: Report, entries: PlanEntries | None = None, lang: str = "zh",
                templates: Path | None = None) -> list[dict]:
    """The 目标任务 rows: each target of the plan year (its indicator as its clause names it,
    `Kind.named`), 实际值 for the office; a qualitative one (居民收入增长和经济增长同步) has no
    目标值, its clause says what is to be reached."""
    tpl, kind = load_template(templates), load_kind(report.kind, templates)
    stored = entries.targets if entries else {}
    rows = []
    for n, t in enumerate(report.targets, 1):
        tid = target_id(t)
        entry = stored.get(tid) or PlanEntry()
        rows.append({"id": tid, "seq": n, "indicator": kind.named(t.indicator, t.text),
                     "text": t.text,
                     "target": target_value(t, tpl, lang), "unit": t.unit or None,
                     "actual": entry.actual,
                     "evidence": entry.evidence, "note": entry.note, "_cleared": entry.cleared})
    return rows


def number_text(value: float) -> str:
    """A number typed into a cell as the store keeps it: as written, without float noise or an
    exponent (6.2, 1234567; 12345678 was kept as 1.23457e+07).

    >>> number_text(6.2), number_text(0.1 + 0.2), number_text(12345678.0), number_text(-3.0)
    ('6.2', '0.3', '12345678', '-3')
    """
    return f"{round(value, 10):.15g}"


def typed_number(text: str | None) -> str | float | int | None:
    """实际值 as the 台账 shows it again: a number where the office typed a number (stored as
    number_text gives it), so Excel sums it and flags no number stored as text (ua26 F7);
    anything else (5.2%, 约5) as typed.

    >>> typed_number("6.2"), typed_number("-3"), typed_number("6.20"), typed_number("5.2%")
    (6.2, -3, '6.20', '5.2%')
    """
    if text is None or _PLAIN_NUMBER.fullmatch(text) is None:
        return text
    value = float(text)
    if number_text(value) != text:
        return text
    # a whole number as an int: the _yoy digest of what was written (str) is the stored text's
    return int(value) if value.is_integer() else value


# a number and nothing else, as number_text writes one
_PLAIN_NUMBER = re.compile(r"-?\d+(?:\.\d+)?")
_TYPED_FIGURE = re.compile(r"\s*([-+]?\d+(?:\.\d+)?)\s*(.*?)\s*")


def typed_actual(text: str | None, t: Target, tpl: Template) -> float | None:
    """The figure an office typed as 实际值, on the target's own scale, when yoy can tell: one
    number and nothing after it but the target's unit (5.2, 5.2%, 149.4万人 for a 万人 target);
    a reduction target's only when the text says the fall (下降2.8%: 2.8, its size, as the target
    keeps it). None for anything else (约5%, 5.2万 for a % target, a qualitative target).

    >>> from compare.schema import Target
    >>> t = Target(id="t", indicator="地区生产总值", text="…", comparator="approx", low=5,
    ...            high=5, unit="%")
    >>> [typed_actual(x, t, load_template()) for x in ("5.2%", "5.2", "约5%", "5.2万")]
    [5.2, 5.2, None, None]
    """
    if not text or t.comparator == "qualitative":
        return None
    fall = next((w for w in (tpl.plan_sheet.fall.zh, tpl.plan_sheet.fall.en)
                 if w.strip() and text.strip().startswith(w.strip())), None)
    if (t.change == "fall") != (fall is not None):
        return None
    m = _TYPED_FIGURE.fullmatch(text.strip()[len(fall.strip()):] if fall else text)
    if m is None or m.group(2) not in ("", t.unit):
        return None
    return float(m.group(1))
