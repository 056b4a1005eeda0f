"""The year's tracking sheet (台账) from one report's plan part.

In January an office turns the report's plan for the year into the ledger its units
fill in during the year; the next spring `yoy compare` sets those entries beside what
the next report says (the entries: store/plan_entries.py; reading them back:
review_import.py; from the store: jobs/plan.py).

    plan_rows(report, ...)       → the 工作台账 rows: each task section, then its measures
    target_rows(report, ...)     → the 目标任务 rows: the year's numeric targets
    write_plan_sheet(report, p)  → output/<region>/<kind>-<plan_year>-plan.xlsx, atomically

Rows carry content-derived ids, so an office's entry follows its row wherever it moves.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

from compare import __version__
from compare.errors import YoyError
from compare.ingest.plan_cues import deadline, extracted_units
from compare.kinds import load_kind
from compare.schema import Model, Report, Section, Target
from compare.store.plan_entries import PlanEntries, PlanEntry, period_keys
from compare.text import SENTENCE, content_id
from compare.workbook.sheets import LANGS, Column, Sheet, Template, load_template, write_sheets

PLAN_FORMAT = "yoy-plan/1"


class PlanMeasure(Model):
    """One row of the plan sheet under its task: what the plan says will be done."""
    id: str
    section_id: str
    text: str
    sentence: str                  # the sentence it stands in (where 由…负责 is looked for)
    planned: str | None = None  # value and unit, when the measure has a quantity


# ---- what the plan says --------------------------------------------------------

def plan_measures(report: Report) -> list[tuple[Section, list[PlanMeasure]]]:
    """Each task section of the plan part with its measures (Report.commitments), in
    printed order."""
    sections = {s.id: s for s, _ in report.walk()}
    by_section: dict[str, list[PlanMeasure]] = {}
    for c in report.commitments:
        section = sections.get(c.section_id)
        q = c.quantity
        by_section.setdefault(c.section_id, []).append(PlanMeasure(
            id=c.id, section_id=c.section_id, text=c.text, sentence=_sentence(section, c.paragraph, c.start, c.text),
            planned=(q.text or f"{q.value:g}{q.unit}") if q else None))
    return [(s, by_section[s.id]) for s in sections.values() if s.id in by_section]


def _sentence(section: Section | None, paragraph: int, start: int, text: str) -> str:
    """The sentence a measure stands in: 由…负责 often sits in a clause of its own."""
    paragraphs = section.paragraphs if section else []
    if not 1 <= paragraph <= len(paragraphs):
        return text
    return next((m.group() for m in SENTENCE.finditer(paragraphs[paragraph - 1]) if m.start() <= start < m.end()),
                text)


# ---- rows: what goes in which column --------------------------------------------

def plan_sheet(tpl: Template, periods: str, lang: str) -> Sheet:
    """The template's plan sheet with its `periods` column replaced by the period columns."""
    labels = tpl.periods.get(periods)  # type: ignore[call-overload]
    keys = period_keys(periods)
    if labels is None or len(labels) != len(keys):
        raise YoyError(tpl.path, f"periods.{periods}: needs {len(keys)} labels")
    cols = []
    for col in tpl.sheets.plan.columns:
        if col.key != "periods":
            cols.append(col)
            continue
        for key, label in zip(keys, labels, strict=True):
            cols += [Column(**{**pc.model_dump(), "key": f"{pc.key}.{key}",
                               "zh": pc.zh.replace("{period}", label.zh),
                               "en": pc.en.replace("{period}", label.en)})
                     for pc in tpl.period_columns]
    return Sheet(zh=tpl.sheets.plan.zh, en=tpl.sheets.plan.en, columns=cols)


def _office_cells(entry: PlanEntry | None, keys: list[str]) -> dict[str, Any]:
    entry = entry or PlanEntry()
    return {**{f"progress.{k}": entry.progress.get(k) for k in keys},
            **{f"status.{k}": entry.status.get(k) for k in keys},
            "evidence": entry.evidence, "note": entry.note}


def plan_rows(report: Report, *, periods: str = "quarter", entries: PlanEntries | None = None,
              lang: str = "zh", templates: Path | None = None) -> list[dict]:
    """The 工作台账 rows: per task section a roll-up row, then one row per measure."""
    tpl, kind = load_template(templates), load_kind(report.kind, templates)
    keys = period_keys(periods)
    stored = entries.measures if entries else {}
    default = tpl.label("plan_deadline", lang).replace("{year}", str(report.plan_year))
    paths = {s.id: "".join(path) for s, path in report.walk()}
    rows: list[dict] = []
    for section, measures in plan_measures(report):
        # numbering and heading: two tasks may share a heading, never both
        sid = content_id("s", paths[section.id] + section.heading)
        group = stored.get(sid)
        rows.append({"_look": "group", "id": sid, "seq": section.label, "task": section.heading,
                     "measure": tpl.label("plan_measures", lang).replace("{count}", str(len(measures))),
                     "planned": None, "lead": group.lead if group else None,
                     "responsible": group.responsible if group else None, "deadline": None,
                     **_office_cells(group, keys)})
        for n, m in enumerate(measures, 1):
            entry = stored.get(m.id)
            units = extracted_units(m.sentence, kind)
            rows.append({"id": m.id, "seq": n, "task": section.heading, "measure": m.text,
                         "planned": m.planned,
                         "lead": entry.lead if entry and entry.lead else units["lead"],
                         "responsible": entry.responsible if entry and entry.responsible else units["responsible"],
                         "deadline": deadline(m.text, kind, report.plan_year, default),
                         **_office_cells(entry, keys)})
    return rows


def target_value(t: Target) -> float | str | None:
    """目标值: one figure, or low–high for a range (the comparator is in the clause)."""
    if t.comparator == "range" and t.low is not None and t.high is not None:
        return f"{t.low:g}–{t.high:g}"
    return t.high if t.comparator == "ceiling" else t.low


def target_rows(report: Report, entries: PlanEntries | None = None) -> list[dict]:
    """The 目标任务 rows: each numeric target of the plan year, 实际值 for the office."""
    stored = entries.targets if entries else {}
    rows = []
    # qualitative targets (国际收支基本平衡) have no 目标值 to fill against: the comparison lists them
    numeric = [t for t in report.targets if t.comparator != "qualitative"]
    for n, t in enumerate(numeric, 1):
        tid = content_id("t", f"{t.indicator}|{t.text}")
        entry = stored.get(tid) or PlanEntry()
        rows.append({"id": tid, "seq": n, "indicator": t.indicator, "text": t.text,
                     "target": target_value(t), "unit": t.unit or None, "actual": entry.actual,
                     "evidence": entry.evidence, "note": entry.note})
    return rows


# ---- writing ----------------------------------------------------------------------

def write_plan_sheet(report: Report, path: Path, *, periods: str = "quarter", lang: str = "zh",
                     entries: PlanEntries | None = None, origin: dict | None = None,
                     templates: Path | None = None) -> Path:
    """Write the year's 台账 of `report` at `path`, atomically; return `path`.

    entries  the office's stored entries, filled back into their rows.
    origin   provenance for the hidden _yoy sheet (conventionally store and report).
    """
    path = Path(path)
    if lang not in LANGS:
        raise YoyError(path, f"unknown language {lang!r} (choose {' or '.join(LANGS)})")
    if entries is not None and (entries.region, entries.kind, entries.plan_year) != (
            report.region, report.kind, report.plan_year):
        raise YoyError(path, f"the entries are for {entries.region} {entries.kind} {entries.plan_year}, "
                             f"not for this plan")
    tpl = load_template(templates)
    provenance = {"format": PLAN_FORMAT, "region": report.region, "kind": report.kind,
                  "year": report.year, "plan_year": report.plan_year, "periods": periods,
                  "tool_version": __version__, "lang": lang,
                  **{k: v for k, v in sorted((origin or {}).items())}}
    return write_sheets(path, [("plan", plan_rows(report, periods=periods, entries=entries, lang=lang,
                                                   templates=templates)),
                               ("plan_targets", target_rows(report, entries))],
                        lang=lang, templates=templates, specs={"plan": plan_sheet(tpl, periods, lang)},
                        provenance=provenance)
