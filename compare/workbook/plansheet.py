"""The year's tracking sheet (台账) from one report's plan part, and the office's entries.

In January an office turns the report's plan for the year into the ledger its units
fill in during the year; the next spring `yoy compare` sets those entries beside what
the next report says.

    plan_rows(report, ...)       → the 工作台账 rows: each task section, then its measures
    target_rows(report, ...)     → the 目标任务 rows: the year's numeric targets
    write_plan_sheet(report, p)  → output/<region>/<kind>-<plan_year>-plan.xlsx, atomically
    plan_report(...)             → the same from the store (what `yoy plan` runs)
    import_plan(xlsx, store)     → the office's entries stored under the measures' ids

The office's entries (PlanEntries) live in <store>/reviews/<region>-<kind>-<plan_year>-plan.yaml
and are keyed by content-derived ids, so rows may be sorted, filtered or regenerated.
"""
from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from compare.errors import YoyError
from compare.kinds import Kind, load_kind
from compare.schema import Model, Report, Section, Target

if TYPE_CHECKING:
    from compare.workbook.export import Sheet, Template

Periods = Literal["quarter", "month", "half"]
PERIODS: tuple[str, ...] = ("quarter", "month", "half")
PLAN_FORMAT = "yoy-plan/1"
# Period kind → (key prefix, months a period spans): q1…q4, m1…m12, h1 h2.
_PERIOD_SHAPE = {"quarter": ("q", 3), "month": ("m", 1), "half": ("h", 6)}
_PERIOD_KEY = re.compile(r"^([qmh])(\d{1,2})$")
# Office statuses that contradict yoy's (CommitmentStatus) reading of the next report.
_DISAGREE = {"done": {"not_reported"}, "not_started": {"delivered"}, "not_done": {"delivered"}}


class PlanEntry(Model):
    """What the office wrote in one row of the plan sheet."""
    progress: dict[str, str] = {}   # period key (q1, m7, h2) → 进展情况
    status: dict[str, str] = {}     # period key → plan_status key (done, in_progress, …)
    lead: str | None = None          # only when the office changed what yoy found
    responsible: str | None = None
    actual: str | None = None        # targets: 实际值
    evidence: str | None = None
    note: str | None = None

    def latest_status(self) -> str | None:
        """The status of the latest period the office filled in (None: none filled)."""
        filled = [(period_end(k), v) for k, v in self.status.items() if v]
        return max(filled)[1] if filled else None


class PlanEntries(Model):
    region: str
    kind: str
    plan_year: int
    measures: dict[str, PlanEntry] = {}  # measure or task-section id → entry
    targets: dict[str, PlanEntry] = {}


class PlanMeasure(Model):
    """One row of the plan sheet under its task: what the plan says will be done."""
    id: str
    section_id: str
    text: str
    sentence: str                  # the sentence it stands in (where 由…负责 is looked for)
    planned: str | None = None  # value and unit, when the measure has a quantity


def period_keys(periods: str) -> list[str]:
    """The keys of the periods of a year, in order.

    >>> period_keys("half")
    ['h1', 'h2']
    """
    if periods not in _PERIOD_SHAPE:
        raise YoyError(periods, f"unknown periods (choose {', '.join(PERIODS)})")
    prefix, months = _PERIOD_SHAPE[periods]
    return [f"{prefix}{n}" for n in range(1, 12 // months + 1)]


def period_end(key: str) -> int:
    """The month a period ends in, so entries of different period kinds order by time.

    >>> [period_end(k) for k in ("q2", "m5", "h1")]
    [6, 5, 6]
    """
    m = _PERIOD_KEY.match(key)
    if not m:
        raise YoyError(key, "not a period key (q1…q4, m1…m12, h1 h2)")
    months = {p: n for p, n in _PERIOD_SHAPE.values()}[m.group(1)]
    return int(m.group(2)) * months


def content_id(prefix: str, text: str) -> str:
    """A short id from `text` alone, so an office's entry follows its row wherever it moves.

    >>> content_id("t", "国内生产总值增长6%以上")
    'tb25f3a3e'
    """
    return prefix + hashlib.sha256(re.sub(r"\s+", "", text).encode("utf-8")).hexdigest()[:8]


def plan_path(out: Path, region: str, kind: str, plan_year: int) -> Path:
    from compare.files import safe_name
    return Path(out) / safe_name(region, "region") / f"{safe_name(kind, 'kind')}-{plan_year}-plan.xlsx"


def entries_path(store: Path, region: str, kind: str, plan_year: int) -> Path:
    from compare.files import safe_name
    return Path(store) / "reviews" / f"{safe_name(region, 'region')}-{safe_name(kind, 'kind')}-{plan_year}-plan.yaml"


def load_entries(path: Path) -> PlanEntries | None:
    """The office's entries stored at `path`, or None when there is no file yet."""
    from compare.files import load_yaml, validated
    path = Path(path)
    return validated(PlanEntries, load_yaml(path), path) if path.is_file() else None


def save_entries(entries: PlanEntries, path: Path) -> None:
    """Store `entries` as YAML (sorted keys, so diffs stay small), atomically."""
    import yaml

    from compare.files import atomic_write
    text = yaml.safe_dump(entries.model_dump(exclude_none=True, exclude_defaults=True) | {
        "region": entries.region, "kind": entries.kind, "plan_year": entries.plan_year},
        allow_unicode=True, sort_keys=True, default_flow_style=False)
    atomic_write(Path(path), text.encode("utf-8"))


def merge_entries(stored: PlanEntries | None, imported: PlanEntries) -> PlanEntries:
    """`stored` updated with `imported`, field by field and period by period: an empty
    imported cell keeps the stored value, so a sheet can add or change entries but never
    erase them (edit the YAML for that)."""
    if stored is not None and (stored.region, stored.kind, stored.plan_year) != (
            imported.region, imported.kind, imported.plan_year):
        raise YoyError(imported.region, f"cannot merge the {imported.plan_year} plan entries of "
                                        f"{imported.region} into those of {stored.region} {stored.plan_year}")
    merged: dict[str, dict[str, PlanEntry]] = {}
    for table in ("measures", "targets"):
        entries = dict(getattr(stored, table)) if stored else {}
        for rid, new in getattr(imported, table).items():
            old = entries.get(rid, PlanEntry())
            update = new.model_dump(exclude_none=True, exclude={"progress", "status"})
            entries[rid] = old.model_copy(update={**update, "progress": {**old.progress, **new.progress},
                                                  "status": {**old.status, **new.status}})
        merged[table] = entries
    return PlanEntries(region=imported.region, kind=imported.kind, plan_year=imported.plan_year, **merged)


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
    from compare.text import _SENTENCE  # the sentence boundaries the rest of yoy uses
    paragraphs = section.paragraphs if section else []
    if not 1 <= paragraph <= len(paragraphs):
        return text
    return next((m.group() for m in _SENTENCE.finditer(paragraphs[paragraph - 1]) if m.start() <= start < m.end()),
                text)


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

    >>> deadline("6月底前出台实施意见", load_kind("fazhi"), 2022, "2022年底前")
    '2022年6月底前'
    """
    found = find_cue(kind.deadline_cues, text)
    if found is None:
        return default
    if found.startswith("年"):  # 年底前: the year shares its 年
        return f"{plan_year}{found}"
    return found if re.match(r"(\d{4}|[〇○零一二三四五六七八九]{4})年", found) else f"{plan_year}年{found}"


# ---- rows: what goes in which column --------------------------------------------

def plan_sheet(tpl: Template, periods: str, lang: str) -> Sheet:
    """The template's plan sheet with its `periods` column replaced by the period columns."""
    from compare.workbook.export import Column, Sheet
    labels = tpl.periods.get(periods)  # type: ignore[call-overload]
    keys = period_keys(periods)
    if labels is None or len(labels) != len(keys):
        raise YoyError(tpl._path, f"periods.{periods}: needs {len(keys)} labels")
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


def extracted_units(text: str, kind: Kind) -> dict[str, str | None]:
    """牵头单位 and 责任单位 as the text names them (None: for the office to fill)."""
    return {"lead": find_cue(kind.lead_cues, text), "responsible": find_cue(kind.responsible_cues, text)}


def plan_rows(report: Report, *, periods: str = "quarter", entries: PlanEntries | None = None,
              lang: str = "zh", templates: Path | None = None) -> list[dict]:
    """The 工作台账 rows: per task section a roll-up row, then one row per measure."""
    from compare.workbook.export import load_template
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
    from compare import __version__
    from compare.workbook.export import LANGS, load_template, write_sheets
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


def plan_report(report: Path | None = None, *, store: Path = Path("reports"), out: Path = Path("output"),
                region: str | None = None, kind: str | None = None, year: int | None = None,
                periods: str = "quarter", lang: str = "zh", output: Path | None = None,
                cache: Path | None = None) -> Path:
    """Write the plan sheet of a stored report (a path, or region, kind and the report's
    year), pre-filled with the office's stored entries; return its path. `cache`: parsed
    reports by content hash (see store.load_report).

    >>> plan_report(store=Path("reports"), region="新余市", kind="fazhi", year=2021,
    ...             out=Path(tmp)).name
    'fazhi-2022-plan.xlsx'
    """
    from compare.store import load_report, report_path
    if report is None:
        if not (region and kind and year):
            raise YoyError("yoy plan", "give a report file, or --region, --kind and --year")
        report = report_path(store, year, region, kind)
        if not report.is_file():
            raise YoyError(report, "no such report in the store")
    r = load_report(report, cache)
    entries = load_entries(entries_path(store, r.region, r.kind, r.plan_year))
    target = Path(output) if output else plan_path(out, r.region, r.kind, r.plan_year)
    return write_plan_sheet(r, target, periods=periods, lang=lang, entries=entries,
                            origin={"store": str(store), "report": str(report)})


# ---- reading the office's entries back --------------------------------------------------

def import_plan(xlsx: Path, store: Path = Path("reports"), *,
                templates: Path | None = None) -> tuple[Path, PlanEntries, list[str]]:
    """Store the office's entries of a filled plan sheet; return the file, all stored
    entries and warnings. A 牵头单位/责任单位 is kept only where the office changed what
    yoy read from the text; ids no longer in the report are kept and named in a warning."""
    from compare.store import load_report, report_path, store_lock
    from compare.workbook.review_import import import_plan_sheet
    imported, info, warnings = import_plan_sheet(xlsx, templates=templates)
    report_file = report_path(store, int(info["year"]), imported.region, imported.kind)
    report = load_report(report_file)
    if report.plan_year != imported.plan_year:
        raise YoyError(xlsx, f"the sheet is for {imported.plan_year}, the stored report plans {report.plan_year}")
    kind = load_kind(report.kind, templates)
    texts = {m.id: m.sentence for _, ms in plan_measures(report) for m in ms}
    for rid, entry in imported.measures.items():
        found = extracted_units(texts.get(rid, ""), kind)
        for field in ("lead", "responsible"):
            if getattr(entry, field) == found[field]:
                setattr(entry, field, None)
    path = entries_path(store, imported.region, imported.kind, imported.plan_year)
    # read-merge-write under the store's lock, so two offices importing at once both keep their entries
    with store_lock(store):
        merged = merge_entries(load_entries(path), imported)
        save_entries(merged, path)
    known = {row["id"] for row in plan_rows(report, templates=templates)}
    known |= {row["id"] for row in target_rows(report)}
    warnings += [f"the entry of {rid} is kept, but {rid} is no longer in the plan"
                 for rid in sorted({*merged.measures, *merged.targets} - known)]
    return path, merged, warnings


def disagrees(office: str | None, status: str) -> bool | None:
    """Whether the office's latest 完成状态 contradicts yoy's status from the next report
    (None when the office gave none).

    >>> disagrees("done", "not_reported"), disagrees("in_progress", "delivered")
    (True, False)
    """
    return None if office is None else status in _DISAGREE.get(office, set())
