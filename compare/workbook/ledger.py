"""The comparison workbook: a `Comparison` rendered for reviewers, as difflib renders a diff.

Sheets: a summary, the commitment ledger, targets and shortcomings (a 领导's printed copy), a
legend (what each column and status means), section alignment, the sentence diff (each cited
sentence linking back to the rows citing it) and metrics, plus a hidden `_yoy` sheet recording
where the comparison came from, which the review import (review_import.py) reads back.
All the look (sheet names, headers, widths, fonts, colours, status words) comes from
templates/workbook.yaml through sheets.py; this module only decides what goes in which
column.

    write_workbook(comparison, path, …)   → the .xlsx, atomically
"""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping
from pathlib import Path

from compare import __version__
from compare.errors import YoyError
from compare.kinds import Kind, load_kind
from compare.schema import (
    CommitmentResult,
    Comparison,
    Evidence,
    ReportRef,
    SentencePair,
    TargetResult,
)
from compare.store.plan_entries import PlanEntries, disagrees, period_end
from compare.store.reviews import ReviewEntry, Reviews, base_rows
from compare.workbook.cells import (
    Link,
    Rich,
    fitted_height,
    legal,
    mark_reworded,
    put,
    put_row,
    sheet_ref,
    unit_format,
)
from compare.workbook.kept_reviews import gone_rows, summary_warnings
from compare.workbook.sheets import Book, legend_rows, page_setup, title_row
from compare.workbook.shown import shown_location, shown_status, shown_verdict
from compare.workbook.template import LANGS, Sheet, Template, added_column, fill, load_template

# Reviewer columns of the ledger sheets → ReviewEntry fields (review_import.py reads them back).
REVIEW_COLUMNS = {"review_status": "status", "review_note": "note",
                  "reviewed_by": "reviewed_by", "reviewed_at": "reviewed_at"}
# What the _yoy sheet says a comparison workbook is (a plan sheet says plansheet.PLAN_FORMAT).
LEDGER_FORMAT = "yoy-workbook/1"
# Section id → (label path, heading) for one report; see Report.headings().
Headings = Mapping[str, tuple[str, str]]
# The sheets the legend explains, in workbook order: first the three a 领导's printed copy holds
# beside 概览 (LEADS), then the legend and the sheets a reviewer reads on screen, so that the copy
# is the workbook's first tabs (one Shift-click) and its first pages printed whole (review
# 2026-12-05: 文本差异 was half the pages, between 目标 and 问题整改). The format has no "do not
# print" for a sheet one sees: a hidden sheet is not printed, but 证据位置's links into it would go
# nowhere.
LEADS = ("commitments", "targets", "shortcomings")
TABLES = (*LEADS, "sections", "diff", "metrics")
# The sheets in workbook order, after 概览.
ORDER = (*LEADS, "legend", *TABLES[len(LEADS):])
# A table's first row as Excel numbers it: below its title row and header (links point there).
FIRST_ROW = 3


def write_workbook(comparison: Comparison, path: Path, *, lang: str = "zh",
                   reviews: Reviews | None = None, origin: dict | None = None,
                   templates: Path | None = None,
                   headings: tuple[Headings, Headings] | None = None,
                   plan_entries: PlanEntries | None = None) -> Path:
    """Write `comparison` as an .xlsx workbook at `path`, atomically; return `path`.

    reviews   pre-fill the reviewer columns (the automatic status stays beside them).
    origin    provenance recorded in the hidden _yoy sheet: any keys, conventionally
              store, old and new (the paths of the two stored reports, which the summary
              also shows as sources).
    headings  (earlier, later): section id → (label path, heading) for each report; by
              default the comparison's own (Comparison.sections), so `yoy export` of its JSON
              writes the same workbook as `yoy compare`.
    plan_entries  the office's entries in the earlier report's plan sheet (yoy plan):
              its latest 完成状态 and progress beside yoy's status, disagreements marked.
    """
    path = Path(path)
    if lang not in LANGS:
        raise YoyError(path, f"unknown language {lang!r} (choose {' or '.join(LANGS)})")
    if reviews is not None and not reviews.matches(comparison):
        raise YoyError(path, f"the reviews are for {reviews.key()}, not for this comparison")
    # built in memory, then written atomically; printed as the plan sheet is
    book = Book(load_template(templates), lang, printed=True)
    tpl = book.tpl
    old_h, new_h = headings or (comparison.sections.old, comparison.sections.new)
    diff_rows = _diff_rows(comparison, old_h, new_h, tpl)
    links = _DiffIndex(book.names["diff"], diff_rows)
    tables = {
        "commitments": _office_columns(_commitment_rows(comparison, reviews, old_h,
                                                        links, tpl, lang),
                                       comparison, plan_entries, path),
        "targets": _target_rows(comparison, reviews, tpl, lang,
                                _kind(comparison.old.kind, templates)),
        "sections": _section_rows(comparison, old_h, new_h),
        "diff": diff_rows,
        "metrics": _metric_rows(comparison),
        "shortcomings": _shortcoming_rows(comparison, reviews, links, tpl, lang),
    }
    _cited_by(tables, book.names)
    kinds = (kind_name(comparison.old.kind, templates, lang),
             kind_name(comparison.new.kind, templates, lang))

    def title(key: str) -> str:
        values = {"region": comparison.old.region, "kind": kinds[0],
                  "title": tpl.label("title", lang),
                  "old_year": comparison.old.year, "new_year": comparison.new.year,
                  "sheet": book.names[key]}
        return fill(tpl.label("sheet_title", lang), values)

    gone = gone_rows(reviews, comparison, tpl, lang)
    _write_summary(book, comparison, reviews, origin or {}, tables["commitments"], kinds,
                   title("summary"), summary_warnings(comparison.warnings, gone, tpl, lang))
    tables["legend"] = legend_rows(tpl, TABLES, lang)
    specs = {key: _added_columns(getattr(tpl.sheets, key), tables[key], key, reviews)
             for key in LEADS}
    for key in LEADS:
        mark_reworded(tables[key], getattr(reviews, key) if reviews else {}, tpl, lang,
                      specs[key])
    for key in ORDER:
        book.table(key, tables[key], specs.get(key), title=title(key))
    if gone:   # never read back (review_import reads the ledgers): a listed review stays as stored
        # protected (no password): what is typed there would be read by nothing and lost unseen
        # at the next rewrite, so Excel and LibreOffice refuse it and the note says where to type
        book.table("reviews_gone", gone, title=tpl.label("reviews_gone_note", lang)).protect()
    book.provenance(_provenance(comparison, origin or {}, lang, reviews), columns_of=LEADS)
    return book.save(path)



def _added_columns(spec: Sheet, rows: list[dict], ledger: str, reviews: Reviews | None) -> Sheet:
    """The ledger sheet with the columns the reviewer added (Reviews.columns), each right of
    the column of yoy's she put it beside, its cells on their rows by id; `rows` get them."""
    added = (reviews.columns or {}).get(ledger, []) if reviews else []
    if not added:
        return spec
    entries = getattr(reviews, ledger)
    for row in rows:
        extra = entries[row["id"]].extra or {} if row.get("id") in entries else {}
        row.update({f"extra.{c.header}": extra.get(c.header) for c in added})
    keys = {c.key for c in spec.columns}
    cols = [added_column(c.header) for c in added if c.after not in keys]  # "": the first
    for col in spec.columns:
        cols += [col, *(added_column(c.header) for c in added if c.after == col.key)]
    return spec.model_copy(update={"columns": cols})


def _kind(kind: str, templates: Path | None) -> Kind | None:
    """The template of `kind`; None where it has none here (a comparison's JSON exported
    elsewhere)."""
    try:
        return load_kind(kind, templates)
    except YoyError:
        return None


def kind_name(kind: str, templates: Path | None, lang: str) -> str:
    """The report kind as a reader calls it in `lang` (政府工作报告, government work report); its
    key where the kind has no template here or no name in `lang` (the workbooks' titles, the run
    summary's 报告类型)."""
    found = _kind(kind, templates)
    return ((found.name if lang == LANGS[0] else found.name_en) or kind) if found else kind


# ---- rows: what goes in which column ------------------------------------------

def _heading(headings: Headings, sid: str | None, marks: str = "") -> str | None:
    """A section's label and heading; with `marks`, its heading only up to the first of them (its
    first clause): what a row below the section's first shows, where it would otherwise print the
    whole heading again, row after row, as many lines as it sets the row's height to."""
    if sid is None:
        return None
    label, heading = headings.get(sid, ("", ""))
    if marks:
        heading = re.split(f"[{re.escape(marks)}]", heading, maxsplit=1)[0]
    return f"{label}{heading}" or sid


def _quote(tpl: Template, text: str) -> str:
    return f"{tpl.quotes[0]}{text}{tpl.quotes[1]}"


class _DiffIndex:
    """Where each later-report sentence sits in the diff sheet, so evidence can link there."""

    def __init__(self, sheet: str, diff_rows: list[dict]):
        self.sheet = sheet_ref(sheet)
        self.by_section: dict[str, list[tuple[int, str]]] = {}
        for r, row in enumerate(diff_rows, FIRST_ROW):
            if row["_new_id"] is not None:
                self.by_section.setdefault(row["_new_id"], []).append((r, row["_new_text"] or ""))

    def row(self, ev: Evidence) -> int | None:
        """The diff sheet's row of the evidence's sentence in the diff of its section; the
        section's first pair when the evidence is the section itself; None when the diff does
        not show it."""
        # evidence may sit in an item or paragraph (s3.2-i1, s1.1.p3) of a diffed section
        node = ev.node_id
        while node not in self.by_section:
            shorter = re.sub(r"[-.][^-.]*$", "", node)
            if shorter == node:
                return None
            node = shorter
        rows = self.by_section[node]
        fallback = rows[0][0] if node == ev.node_id else None
        return next(
            (r for r, text in rows if text and (ev.text in text or text in ev.text)), fallback)


def best_first(evidence: list[Evidence]) -> list[Evidence]:
    """A row's evidence, its best first: the first is what 证据 and 证据位置 show."""
    return sorted(evidence, key=lambda e: -e.score)


def where(e: Evidence, lang: str = "zh") -> str:
    """Where a piece of evidence stands, as 证据位置 shows it in `lang` (the panel's data: zh, as
    stored)."""
    return shown_location(e.location, lang) if e.location else "".join(e.label_path)


def _evidence_cells(evidence: list[Evidence], links: _DiffIndex, tpl: Template,
                    lang: str) -> dict:
    """The best evidence, its location (linked to its sentence in the diff sheet, whose row
    `_cites` records) and the rest. The link is on the location, a line long: LibreOffice draws a
    hyperlink cell on one line, and the evidence must wrap to print whole."""
    if not evidence:
        return {"evidence": None, "location": None, "more_evidence": None, "_cites": None}
    best, *rest = best_first(evidence)
    quoted = _quote(tpl, best.text)
    row = links.row(best)
    more = "\n".join(f"{_quote(tpl, e.text)} [{''.join(e.label_path)} · {e.score:.2f}]"
                     for e in rest)
    location = where(best, lang)
    return {"evidence": quoted,
            "location": Link(location, f"{links.sheet}!A{row}") if row and location else location,
            "more_evidence": more or None, "_cites": row}


def _cited_by(tables: dict[str, list[dict]], names: Mapping[str, str]) -> None:
    """Fill the diff sheet's 引用行: the rows whose best evidence each sentence is, by their
    序号, linking back to the first of them."""
    cited: dict[int, dict[str, list[tuple[int, int]]]] = {}
    for key in ("commitments", "shortcomings"):
        for r, row in enumerate(tables[key], FIRST_ROW):
            if row.get("_cites"):
                cited.setdefault(row["_cites"], {}).setdefault(key, []).append((r, row["seq"]))
    for r, row in enumerate(tables["diff"], FIRST_ROW):
        by = cited.get(r)
        if not by:
            row["cited_by"] = None
            continue
        text = "；".join(f"{names[key]} {'、'.join(str(seq) for _, seq in rows)}"
                        for key, rows in by.items())
        key, ((first, _), *_) = next(iter(by.items()))
        row["cited_by"] = Link(text, f"{sheet_ref(names[key])}!A{first}")


# Between the figures of a measure's parts, in 计划数 and 实际数.
_PARTS = "；"


def planned_figures(r: CommitmentResult) -> str | None:
    """计划数: the figure each part the comparison checks plans, as printed, or None."""
    return _PARTS.join(r.planned) or None


def reported_figures(r: CommitmentResult) -> str | None:
    """实际数: the figures the review reports, one for each planned (— where it gives none), or
    None."""
    return _PARTS.join(x or "—" for x in r.reported) if any(r.reported) else None


def _short(r: CommitmentResult) -> bool:
    """Whether a figure the review reports falls short of its part's plan."""
    return any(p.checked and p.planned and p.reported and p.status == "partial" for p in r.parts)


def _review_cells(entry: ReviewEntry | None) -> dict:
    return {col: getattr(entry, field, None) for col, field in REVIEW_COLUMNS.items()}


def _commitment_rows(c: Comparison, reviews: Reviews | None, old_h: Headings,
                     links: _DiffIndex, tpl: Template, lang: str = "zh") -> list[dict]:
    """A 台账: each plan section's roll-up row (outline level 0, no ID: not reviewable) counting
    its measures by status, then its measures (level 1, grouped under it)."""
    entries = reviews.commitments if reviews else {}
    rollups = {s.section_id: s for s in c.plan_sections}
    rows: list[dict] = []
    n = 0
    above = None  # the section of the row above
    for r in c.commitments:
        if r.section_id in rollups:
            s = rollups.pop(r.section_id)
            counts = "　".join(f"{tpl.term('commitment', k, lang)} {v}"
                              for k, v in s.counts.items() if v)
            rows.append({"id": None, "seq": None, "section": _heading(old_h, s.section_id),
                         "text": counts,
                         "status": s.status, "score": None, "cue": None, "planned": None,
                         "actual": None,
                         "matched": None, "carried_over": None, "evidence": None, "location": None,
                         "more_evidence": None, **_review_cells(None), "_level": 0,
                         "_look": "group"})
            above = s.section_id
        n += 1
        # red as a missed target is: a figure short of plan
        short = tpl.vocab["target"]["missed"].colour if _short(r) else None
        figures = reported_figures(r)
        reported = Rich(((f"swatch.{short}", figures),)) if short and figures else figures
        # the heading whole on a section's first row (its roll-up row), its first clause below
        section = _heading(old_h, r.section_id,
                           tpl.short_heading if r.section_id == above else "")
        above = r.section_id
        rows.append({"id": r.commitment_id, "seq": n, "section": section,
                     "text": r.text, "status": shown_status(r), "score": r.confidence,
                     "cue": r.completion_cue or None,
                     "planned": planned_figures(r), "actual": reported,
                     "matched": r.matched or None,
                     "carried_over": _quote(tpl, r.carried_over.text) if r.carried_over else None,
                     **_evidence_cells(r.evidence, links, tpl, lang),
                     **_review_cells(entries.get(r.commitment_id)),
                     "_level": 1})
    return rows


def _office_columns(rows: list[dict], c: Comparison, entries: PlanEntries | None,
                    path: Path) -> list[dict]:
    """The commitment rows with the office's own 完成状态 (its latest period) and progress
    from the plan sheet, and whether they agree with yoy's status."""
    if entries is not None and (entries.region, entries.kind, entries.plan_year) != (
            c.old.region, c.old.kind, c.old.plan_year):
        raise YoyError(path, f"the plan entries are for {entries.region} {entries.kind} "
                             f"{entries.plan_year}, not for this comparison's plan year")
    stored = entries.measures if entries else {}
    results = {r.commitment_id: r for r in c.commitments}
    for row in rows:
        r = results.get(row["id"]) if row["id"] else None  # roll-up rows have no id
        entry = stored.get(r.commitment_id) if r else None
        office = entry.latest_status() if entry else None
        latest = (max(entry.progress, key=lambda k: period_end(k)) if entry
                  and entry.progress else None)
        against = disagrees(office, r.status) if r else None
        row.update({"office_status": office, "office_progress": entry.progress[latest] if entry
                    and latest else None,
                    "agreement": None if against is None else "disagree" if against else "agree"})
    return rows


def _actual_unit(r: TargetResult, kind: Kind | None) -> str | None:
    """The unit a target's 实际值 was read in: its target's, else (a qualitative target stating
    none) a relation's first indicator's (engine.judge.relation_unit); None: none stated."""
    from compare.engine.judge import relation_unit
    left = r.note_values.get("left") if r.note == "relation" else None
    return r.unit or (relation_unit(str(left), kind) if left and kind and r.actual is not None
                      else None)


def _target_rows(c: Comparison, reviews: Reviews | None, tpl: Template, lang: str,
                 kind: Kind | None) -> list[dict]:
    """The 目标 rows, each indicator as its target's clause names it (`Kind.named`)."""
    entries = reviews.targets if reviews else {}
    return [{"id": r.target_id, "seq": n,
             "indicator": kind.named(r.indicator, r.text) if kind else r.indicator,
             "text": r.text or None,
             "comparator": r.comparator, "low": r.low, "high": r.high, "unit": r.unit or None,
             "actual": r.actual, "actual_qualifier": r.actual_qualifier or None,
             # the figure stays a number, shown with the target's unit (3.9%, 149.4万人), or a
             # relation's with the unit it was read in (居民收入与经济增长同步: 4.3%, UA 2026-12-05)
             "_formats": {"actual": unit_format(unit)} if (unit := _actual_unit(r, kind)) else {},
             "actual_text": _quote(tpl, r.actual_text) if r.actual_text else None,
             "verdict": shown_verdict(r), "note": tpl.term("target_note", r.note, lang,
                                                    _named_values(r, kind))
             if r.note else None,
             **_review_cells(entries.get(r.target_id))}
            for n, r in enumerate(c.targets, 1)]


def _named_values(r: TargetResult, kind: Kind | None) -> dict[str, float | str]:
    """A target's note figures with the indicators it names (a relation's two, a combined
    indicator's parts) as its clause names them (`Kind.named`: 居民人均可支配收入 4.3 against
    经济增长 3.9, not the template's key 国内生产总值)."""
    if kind is None:
        return r.note_values
    return {k: kind.named(v, r.text) if k in ("left", "right") and isinstance(v, str) else v
            for k, v in r.note_values.items()}


def _shortcoming_rows(c: Comparison, reviews: Reviews | None, links: _DiffIndex,
                      tpl: Template, lang: str) -> list[dict]:
    entries = reviews.shortcomings if reviews else {}
    return [{"id": r.shortcoming_id, "seq": n, "status": r.status, "text": r.text,
             **_evidence_cells(r.evidence, links, tpl, lang),
             **_review_cells(entries.get(r.shortcoming_id))}
            for n, r in enumerate(c.shortcomings, 1)]


def _section_rows(c: Comparison, old_h: Headings, new_h: Headings) -> list[dict]:
    return [{"seq": n, "old_id": a.old_id, "old_heading": _heading(old_h, a.old_id),
             "new_id": a.new_id, "new_heading": _heading(new_h, a.new_id),
             "score": a.score, "change": a.change}
            for n, a in enumerate(c.alignment, 1)]


# Units of a rate: its change is said in points (变化), a change in per cent of it means nothing
# (CPI 0.9% → 2% is no "122.2%", review ua25).
RATE_UNITS = ("%", "‰")


def _metric_rows(c: Comparison) -> list[dict]:
    # The percent format wants a fraction: derive it from the figures rather than rely on
    # whether change_pct is a fraction or in per cent; None still means "not meaningful".
    return [{"seq": n, "part": m.part, "subject": m.subject, "unit": m.unit or None, "old": m.old,
             "new": m.new,
             "change": m.change, "change_pct": m.change / m.old if m.change_pct is not None
             and m.old and m.unit not in RATE_UNITS else None}
            for n, m in enumerate(c.metrics, 1)]


def _diff_rows(c: Comparison, old_h: Headings, new_h: Headings, tpl: Template) -> list[dict]:
    rows: list[dict] = []
    for sd in c.diffs:
        for n, pair in enumerate(sd.pairs):
            # the heading whole on the section's first pair, its first clause below
            marks = tpl.short_heading if n else ""
            section = (_heading(new_h, sd.new_id, marks) if sd.new_id
                       else _heading(old_h, sd.old_id, marks))
            changed = pair.old != pair.new
            rows.append({"seq": len(rows) + 1, "section": section,
                         "changed": "changed" if changed else "unchanged",
                         "similarity": pair.similarity, "old": pair.old, "new": pair.new,
                         "diff": _rich_diff(pair) if changed else pair.new,
                         # not columns: where evidence links to
                         "_new_id": sd.new_id, "_new_text": pair.new})
    return rows


def _rich_diff(pair: SentencePair) -> Rich | None:
    """The character diff of a pair as one rich-text value: deletions and insertions
    styled as the template's diff says, equal text plain."""
    old, new = pair.old or "", pair.new or ""
    # an added or removed sentence has no opcodes: it is all insertion or all deletion
    ops = pair.opcodes or ([("delete", 0, len(old), 0, 0)] if old else []) + \
        ([("insert", len(old), len(old), 0, len(new))] if new else [])
    runs: list[tuple[str, str]] = []
    for tag, i1, i2, j1, j2 in ops:
        if tag in ("delete", "replace"):
            runs.append(("delete", old[i1:i2]))
        if tag in ("insert", "replace"):
            runs.append(("insert", new[j1:j2]))
        if tag == "equal":
            runs.append(("cell", new[j1:j2]))
    cleaned = ((look, legal(text)) for look, text in runs)
    kept = tuple((look, text) for look, text in cleaned if text)
    return Rich(kept) if kept else None


def _provenance(c: Comparison, origin: dict, lang: str, reviews: Reviews | None = None) -> dict:
    """Keys and values of the _yoy sheet: the pair's identity, `origin` (by convention
    the store, the report paths and their source hashes) and, for each pre-filled
    review, digests of its cells (review.BASE_PREFIX), by which an import tells the
    cells a reviewer changed from those left as exported."""
    identity = {"format": LEDGER_FORMAT, "region": c.old.region, "kind": c.old.kind,
                "old_year": c.old.year, "new_year": c.new.year,
                "old_region": c.old.region, "old_kind": c.old.kind,
                "new_region": c.new.region, "new_kind": c.new.kind,
                "engine_version": c.engine_version, "tool_version": __version__, "lang": lang}
    extra = {k: v for k, v in sorted(origin.items()) if k not in identity}
    return {**identity, **extra, **base_rows(reviews, as_read=lambda v: legal(v).strip())}


# A summary chart's size in pixels: 12 × 4.5 cm at 96 dpi, one every _CHART_ROWS rows, so that
# the three print on the first A4 landscape page; it stands _CHART_GAP pixels right of the table
# (beside it, not a column away: the page prints one page wide, the charts with it).
_CHART_SIZE = {"width": 454, "height": 170}
_CHART_ROWS = 11
_CHART_GAP = 12
_BAR_EDGE = "#404040"  # the summary bars' outline (ua26 F4)
# A column's default width in pixels (Excel's 8.43 characters): how many the charts span.
_COLUMN_PX = 64
# Below this largest count a chart's own value axis may step by halves (0.5, 1.5): it steps by 1.
_WHOLE_STEPS = 10


def _write_summary(book: Book, c: Comparison, reviews: Reviews | None, origin: dict,
                   ledger_rows: list[dict], kinds: tuple[str, str], title: str,
                   warnings: list[str]) -> None:
    """The reports side by side (`kinds`: their kinds' names), counts by status (the commitments' as
    the ledger shows them, to_verify apart) with a chart each, links to the sheets, versions and
    warnings; `title` above them and in the printed pages' header."""
    wb, ws, names, tpl, lang, fmt = (book.wb, book.sheet("summary"), book.names, book.tpl,
                                     book.lang, book.fmt)

    def text(key: str) -> str:
        return tpl.label(key, lang)

    spec = tpl.sheets.summary
    for i, col in enumerate(spec.columns):
        ws.set_column(i, i, col.width_in(lang))
    # the title in one cell running on over the charts' columns: merged over the table's, a longer
    # one (the English) was cut where the table ends
    title_row(ws, title, 0, tpl, lang, fmt)
    put_row(ws, 2, [col.get(lang) for col in spec.columns], fmt, "header")
    r = 3
    widths = [col.width_in(lang) for col in spec.columns]
    # the reports named as people name them; the store's files go below the print area
    named = [_report_name(report, kind, tpl, lang)
             for report, kind in zip((c.old, c.new), kinds, strict=True)]
    for key in ("report", "report_title", "region", "kind", "year", "review_year", "plan_year"):
        field = "title" if key == "report_title" else key
        values = (list(kinds) if key == "kind" else named if key == "report"
                  else [getattr(c.old, field), getattr(c.new, field)])
        put_row(ws, r, [text(key), *values], fmt)
        # a long title or path wraps: the row shows it whole, printed too
        height = fitted_height([text(key), *values], widths, tpl)
        if height:
            ws.set_row(r, height)
        r += 1

    ledgers: list[tuple[str, str, list[tuple[str, str]]]] = [("commitments", "commitment", [
        (row["id"], row["status"]) for row in ledger_rows if row["id"]]),
               ("targets", "target", [(x.target_id, shown_verdict(x)) for x in c.targets]),
               ("shortcomings", "shortcoming", [(x.shortcoming_id, x.status)
                                                for x in c.shortcomings])]
    for n, (ledger, vocab, items) in enumerate(ledgers):
        put(ws, r + 1, 0, text(ledger), fmt, "bold")
        put_row(ws, r + 2, [text("status"), text("count"), text("share")], fmt, "header")
        r += 3
        first, total = r, len(items)
        counts = Counter(status for _, status in items)
        entries = getattr(reviews, ledger) if reviews else {}
        reviewed = sum(1 for i, _ in items if i in entries and entries[i].status)
        terms = tpl.vocab[vocab]
        for label, count in [*((t.get(lang), counts[k]) for k, t in terms.items()),
                             (text("total"), total), (text("reviewed"), reviewed)]:
            put_row(ws, r, [label, count], fmt)
            put(ws, r, 2, count / total if total else 0, fmt, num_format=tpl.share_format)
            r += 1
        last = first + len(terms) - 1
        chart = wb.add_chart({"type": "bar"})
        chart.add_series({"categories": [ws.name, first, 0, last, 0],
                          "values": [ws.name, first, 1, last, 1],
                          # outlined: the pale fills are near white on a black-and-white copy
                          "points": [{"border": {"color": _BAR_EDGE}, **(
                              {"fill": {"color": f"#{tpl.palette[t.colour].fill}"}}
                              if t.colour else {})} for t in terms.values()]})
        chart.set_title({"name": text(ledger), "name_font": {"size": tpl.font.size}})
        chart.set_legend({"none": True})
        # a bar chart's category axis: statuses top-down in template order
        chart.set_y_axis({"reverse": True})
        if max(counts[k] for k in terms) < _WHOLE_STEPS:
            chart.set_x_axis({"major_unit": 1})  # counts: no ticks at 0.5, 1.5
        chart.set_size(_CHART_SIZE)
        ws.insert_chart(2 + _CHART_ROWS * n, len(spec.columns), chart,
                        {"x_offset": _CHART_GAP})

    put(ws, r + 1, 0, text("sheets"), fmt, "bold")
    r += 2
    for key in ORDER:
        put(ws, r, 0, Link(names[key], f"{sheet_ref(names[key])}!A1"), fmt)
        r += 1
    r += 1
    for key, value in [("tool_version", __version__), ("engine_version", c.engine_version)]:
        put_row(ws, r, [text(key), value], fmt)
        r += 1
    if warnings:
        put(ws, r + 1, 0, text("warnings"), fmt, "bold")
        for i, warning in enumerate(warnings):
            put(ws, r + 1 + i, 1, warning, fmt)
        r += 1 + len(warnings)
    # the printed page ends here, the charts' columns in it (a page to pin up names the reports;
    # the store's paths below are for a reviewer on screen, and stay in the hidden _yoy sheet)
    chart_cols = -(-(_CHART_GAP + _CHART_SIZE["width"]) // _COLUMN_PX)
    ws.print_area(0, 0, r - 1, len(spec.columns) + chart_cols - 1)
    r += 1
    put_row(ws, r, [text("store"), origin.get("store")], fmt)
    put_row(ws, r + 1, [text("source"), origin.get("old"), origin.get("new")], fmt)
    height = fitted_height([text("source"), origin.get("old"), origin.get("new")], widths, tpl)
    if height:
        ws.set_row(r + 1, height)
    page_setup(ws, tpl.page, spec.margins, spec.one_page)


def _report_name(report: ReportRef, kind: str, tpl: Template, lang: str) -> str:
    """`report` as people name it (海拉尔区2018年政府工作报告): its region, year and title (its
    `kind`'s name where it has none), as the template's `report_name` puts them; a title that names
    its region and year already (盐田区2020年政府工作报告) is the name in the title's language."""
    title = report.title or kind
    if lang == LANGS[0] and report.region in title and str(report.year) in title:
        return title
    return fill(tpl.label("report_name", lang), {"region": report.region, "year": report.year,
                                                 "title": title, "kind": kind})
