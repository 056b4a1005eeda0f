"""Reading a filled workbook back: the reviewer columns of a comparison workbook.

Rows are found by their ID column and columns by their zh or en header, so sorted,
filtered or re-ordered sheets import the same; the hidden _yoy sheet says which pair or
plan year a workbook belongs to.

    read_reviews(xlsx)         → the reviewer input, warnings and the _yoy sheet
    import_workbook(xlsx)      → the reviewer input and warnings
    cell_names(info, cells)    → entries of either kind of workbook named as its reader finds them

The plan sheet's reader is plan_import.py; what both read with, reading.py.
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any, NamedTuple

from compare.errors import YoyError
from compare.store.reviews import LEDGERS, AddedColumn, ReviewEntry, Reviews, base_of, digest
from compare.text import quoted
from compare.workbook.cells import CUT_MARK
from compare.workbook.ledger import REVIEW_COLUMNS
from compare.workbook.plansheet import PLAN_FORMAT, plan_sheet
from compare.workbook.reading import (
    as_text,
    column_text,
    header_row,
    merged_heads,
    merged_ranges,
    open_workbook,
    provenance_sheet,
    read_or_refuse,
    status_key,
    typed_value,
    uncut,
    under_merged,
)
from compare.workbook.template import (
    COLUMNS_PREFIX,
    LANGS,
    PROVENANCE_SHEET,
    Sheet,
    Template,
    load_template,
    missing_sheet,
    sheet_names,
    sheet_titles,
)


def import_workbook(xlsx: Path, *, templates: Path | None = None,
                    strict: bool = False) -> tuple[Reviews, list[str]]:
    """The reviewer input in a workbook written by write_workbook, and warnings.

    The comparison's identity comes from the hidden _yoy sheet; rows are keyed by the
    ID column; columns and sheets are found by their zh or en names in the template.
    A row with neither status nor note gives no entry. An unknown status is a warning naming
    the sheet and cell, the cell skipped (an error with `strict`).
    """
    read = read_reviews(xlsx, templates=templates, strict=strict)
    return read.reviews, read.warnings


class ReadBack(NamedTuple):
    """A comparison workbook read back."""
    reviews: Reviews
    warnings: list[str]
    info: dict                          # the _yoy sheet: key → value
    rows: dict[tuple[str, str], str]    # (ledger, id) → where its row is ("sheet 承诺跟踪 row 5")
    # typed cells not imported, each where it is and why ("sheet 问题整改 cell F12: unknown status
    # …"): they are only in the workbook, which is not to be rewritten over them (jobs.guard)
    skipped: list[str] = []


def read_reviews(xlsx: Path, *, templates: Path | None = None, wb: Any = None,
                 strict: bool = False) -> ReadBack:
    """import_workbook's reviews and warnings, the _yoy sheet's key → value (the pair's
    identity, the reports' source hashes, the review cells as exported: store.reviews.base_of),
    where each row with an ID is, and the typed cells skipped (an unknown status, input on a row
    without an ID: `strict` refuses the first). `wb`: the workbook already open
    (reading.open_workbook; the caller closes it)."""
    xlsx = Path(xlsx)
    tpl = load_template(templates)
    opened = wb is None
    wb = open_workbook(xlsx) if opened else wb
    try:
        info = _provenance(wb, xlsx)
        reviews = Reviews(region=info["region"], kind=info["kind"],
                          old_year=info["old_year"], new_year=info["new_year"])
        warnings: list[str] = []
        rows: dict[tuple[str, str], str] = {}
        skipped: list[str] = []
        base = base_of(info)
        for ledger in LEDGERS:
            titles = sheet_titles(tpl, ledger)
            title = next((t for t in titles if t in wb.sheetnames), None)
            if title is None:
                raise YoyError(xlsx, missing_sheet(
                    tpl, ledger, wb.sheetnames, "nothing typed in this workbook can be imported "
                    "without it: --discard-edits on the command that rewrites it (yoy run, "
                    "yoy compare) writes it again, this file kept as a backup"))
            sheet = _Ledger(wb[title], getattr(tpl.sheets, ledger), titles[title], xlsx,
                            base.get(ledger, {}), strict, written_headers(info, ledger))
            getattr(reviews, ledger).update(read_or_refuse(xlsx, sheet.read, tpl, warnings))
            rows.update({(ledger, rid): f"sheet {title} row {r}" for rid, r in sheet.rows.items()})
            skipped += sheet.skipped
            if sheet.added:
                reviews.columns = {**(reviews.columns or {}), ledger: sheet.added}
    finally:
        if opened:
            wb.close()
    return ReadBack(reviews, warnings, info, rows, skipped)


def written_headers(info: Mapping[str, Any], ledger: str) -> set[str] | None:
    """The headers of yoy's columns on a ledger sheet as the workbook's _yoy records them
    (`columns:<ledger>`, sheets.Book.provenance); None for a workbook that records none."""
    import json
    try:
        headers = json.loads(str(info[f"{COLUMNS_PREFIX}{ledger}"]))
    except (KeyError, ValueError):
        return None
    return {str(h) for h in headers} if isinstance(headers, list) else None


def _provenance(wb: Any, xlsx: Path) -> dict:
    info = provenance_sheet(wb, xlsx)
    missing = [k for k in ("region", "kind", "old_year", "new_year") if info.get(k) in (None, "")]
    if missing:
        raise YoyError(xlsx, f"sheet {PROVENANCE_SHEET} lacks {', '.join(missing)}")
    try:
        return {**info, "old_year": int(info["old_year"]), "new_year": int(info["new_year"])}
    except (TypeError, ValueError):
        raise YoyError(xlsx, f"sheet {PROVENANCE_SHEET}: years must be numbers") from None


class _Ledger:
    """One ledger sheet of a comparison workbook, read by its headers; `base`: the review
    cells as exported (id → field → digest), so that cleared and cut cells can be told."""

    def __init__(self, ws: Any, spec: Sheet, lang: str, xlsx: Path,
                 base: dict[str, dict[str, str]], strict: bool = False,
                 written: set[str] | None = None):
        self.ws, self.spec, self.lang, self.xlsx, self.base = ws, spec, lang, xlsx, base
        self.strict = strict
        # the headers of yoy's columns on the sheet, as its _yoy records them (None: a workbook
        # from before left25), whatever templates it is read with
        self.written = written
        self.rows: dict[str, int] = {}   # id → its (last) row
        self.skipped: list[str] = []     # typed cells not imported: where and why
        self.header_row = 1               # the header's row (merged cells are read below it)
        self.added: list[AddedColumn] = []  # the reviewer's own columns, in the sheet's order

    def read(self, tpl: Template, warnings: list[str]) -> dict[str, ReviewEntry]:
        from openpyxl.utils import get_column_letter

        ws, xlsx = self.ws, self.xlsx
        by_header = {h: col for col in self.spec.columns for h in (col.zh, col.en, *col.aliases)}
        at: dict[str, int] = {}  # column key → index in the sheet, as the reviewer left them
        unknown: dict[int, str] = {}  # index → header of a column yoy does not read
        # a title row stands above the header since 2026-12; before, the header was the first row
        first = self.header_row = header_row(ws, lambda h: str(h).strip() in by_header) or 1
        rows = ws.iter_rows(min_row=first)
        titled: set[int] = set()   # the columns with a header
        for i, c in enumerate(next(rows, ())):
            h = c.value
            if h is not None and str(h).strip():
                titled.add(i)
            col = by_header.get(str(h).strip()) if h is not None else None
            if col is not None:
                at.setdefault(col.key, i)
            elif h is not None and str(h).strip() and (self.written is None
                                                       or str(h).strip() not in self.written):
                # (one of yoy's columns the templates given do not read, written with a user's
                # workbook.yaml, is not hers: passed over, review code24)
                unknown[i] = str(h).strip()
        warnings += under_merged(self.ws, self.header_row,
                                 [(c.key, c.get(self.lang)) for c in self.spec.columns], at,
                                 str(self.xlsx), unknown)
        if "id" not in at:
            raise YoyError(xlsx, f"sheet {ws.title}: no ID column")
        added, why = self._own(at, unknown)   # the reviewer's own columns
        # columns under no header, and a yoy column a roll-up row fills (an inserted row has none)
        headed = {*at.values(), *titled}
        own = next((at[k] for k in ("status", "verdict") if k in at), None)
        loose_cols: dict[int, int] = {}
        vocab = next((c.vocab for c in self.spec.columns if c.key == "review_status"), None)
        header = {key: next(c.get(self.lang) for c in self.spec.columns if c.key == key)
                  for key in at}
        merges = self._merges(at)
        # row → column index → what a merged cell above gives it
        spans: dict[int, dict[int, Any]] = {}

        aside = tuple(tpl.label("split_aside_mark", lang) for lang in ("zh", "en"))
        entries: dict[str, ReviewEntry] = {}
        first_row: dict[str, int] = {}
        unread: set[int] = set()
        for r, cells in enumerate(rows, first + 1):
            values = [typed_value(c, ws.title, xlsx, warnings) for c in cells]
            for i, value in spans.pop(r, {}).items():
                values += [None] * (i + 1 - len(values))
                values[i] = value
            for (left, right, bottom), cols in merges.pop(r, {}).items():
                self._spread(values, r, left, right, bottom, cols, spans, header, warnings)
            for i in unknown:
                if i not in added and i < len(values) and as_text(values[i]) is not None:
                    # a renamed reviewer column (复核状态 → 复核结论), or a reviewer's own: its
                    # input is in this file alone, which a rewrite would set aside
                    unread.add(i)
                    self.skipped.append(f"sheet {ws.title} cell {get_column_letter(i + 1)}{r}: "
                                        f"typed under {quoted(unknown[i], 20)}, a header yoy "
                                        f"does not read{why.get(i, '')}")

            rid = column_text(values, at, "id")
            fields = {field: column_text(values, at, col) for col, field in REVIEW_COLUMNS.items()}
            extra = {h: t for i, h in added.items() if i < len(values)
                     and (t := as_text(values[i])) is not None}
            for i, v in enumerate(values):
                if i not in headed and as_text(v) is not None:
                    loose_cols[i] = loose_cols.get(i, 0) + 1
                    self.skipped.append(f"sheet {ws.title} cell {get_column_letter(i + 1)}{r}: "
                                        "typed under no header")
            typed = [t for i, v in enumerate(values) if i in headed and (t := as_text(v))]
            if rid is None and typed and not fields["status"] and not fields["note"] and (
                    own is None or column_text(values, at, next(
                        k for k, i in at.items() if i == own)) is None):
                # a row inserted for a note: no roll-up row (yoy fills its status), no ID; a
                # rewrite would drop it
                warnings.append(f"{xlsx}: sheet {ws.title} row {r}: a row without an ID holding "
                                f"{quoted(typed[0])}: not imported (a row you inserted?); type a "
                                "note in its row's 复核意见, or delete the row")
                self.skipped.append(f"sheet {ws.title} row {r}: text on a row without an ID "
                                    f"({quoted(typed[0], 20)})")
            if fields["note"] and fields["note"].startswith(aside):
                # a set-aside review shown on a part of its split sentence is hers, not typed
                # here: only a line she adds below it is (her status places the review)
                fields["note"] = fields["note"].partition("\n")[2].strip() or None
            exported = self.base.get(rid, {}) if rid else {}
            for key, field in REVIEW_COLUMNS.items():
                value = fields[field]
                if value is not None and CUT_MARK.search(value):
                    # yoy cut the stored text at Excel's limit: the store keeps it whole
                    fields[field] = None
                    if digest(value) != exported.get(field):
                        warnings.append(f"{xlsx}: sheet {ws.title} row {r}: {header.get(key, key)} "
                                        "holds text yoy cut at Excel's cell limit; not imported "
                                        "(the store keeps the whole text: edit the reviews file "
                                        "to change it)")
                elif value is None and key in at and field in exported and rid in self.base:
                    warnings.append(self._cleared(r, rid, header.get(key, key)))
            # her own column's cell cleared is said as 复核状态's is: the store keeps it too, and
            # the rewrite puts it back (review ua24 LOW)
            warnings += [self._cleared(r, rid, h) for i, h in added.items()
                         if h not in extra and f"extra.{h}" in exported and rid in self.base]
            if rid is not None:
                self.rows[rid] = r
            if not fields["status"] and not fields["note"] and not extra:
                continue
            if fields["status"] and vocab:
                status = status_key(tpl.vocab[vocab], fields["status"])
                if status is None:
                    allowed = ", ".join(t.get(self.lang) for t in tpl.vocab[vocab].values())
                    coord = f"{get_column_letter(at['review_status'] + 1)}{r}"
                    bad = (f"sheet {ws.title} cell {coord}: unknown status "
                           f"{quoted(fields['status'])} (allowed: {allowed})")
                    if self.strict:
                        raise YoyError(xlsx, bad)
                    # as the 台账's reader does: the cell is skipped, the row's other input read
                    warnings.append(f"{xlsx}: {bad}; skipped")
                    self.skipped.append(bad)
                fields["status"] = status
            if rid is None:
                warnings.append(f"{xlsx}: sheet {ws.title} row {r}: reviewer input without an ID, "
                                "ignored")
                self.skipped.append(f"sheet {ws.title} row {r}: reviewer input on a row without "
                                    "an ID")
                continue
            if not fields["status"] and not fields["note"] and not extra:
                continue
            if rid in entries:
                warnings.append(f"{xlsx}: sheet {ws.title} row {r}: ID {rid} also in row "
                                f"{first_row[rid]}; "
                                f"row {r} wins")
            first_row.setdefault(rid, r)
            text = column_text(values, at, "text")
            entries[rid] = ReviewEntry(**fields, text=uncut(text), extra=extra or None)
        for i, n in sorted(loose_cols.items()):
            warnings.append(f"{xlsx}: sheet {ws.title}: column {get_column_letter(i + 1)} has no "
                            f"header; its {n} filled cells are not imported (give it a header, or "
                            "type them under yoy's columns)")
        warnings += self._deleted(set(unknown.values()))
        for i in sorted(unread):
            # a renamed reviewer column (复核状态 → 复核结论) would otherwise lose its input unseen
            warnings.append(f"{xlsx}: sheet {ws.title}: column {unknown[i]!r} is not one yoy "
                            "reads; its input is not imported, and the file is not rewritten "
                            "over it (give the column back yoy's header, or move the input "
                            "under yoy's columns)" + why.get(i, ""))
        return entries

    def _deleted(self, headers: set[str]) -> list[str]:
        """The warnings of her own columns the workbook was written with and no longer has (deleted
        in Calc, calc25 2): once a column, in the words of a cleared cell's, since the store keeps
        their entries and the rewrite puts the column back."""
        stored: dict[str, int] = {}
        for cells in self.base.values():
            for field in cells:
                if field.startswith("extra.") and field.removeprefix("extra.") not in headers:
                    header = field.removeprefix("extra.")
                    stored[header] = stored.get(header, 0) + 1
        return [f"{self.xlsx}: sheet {self.ws.title}: column {header} ({n} stored entries) is not "
                "in the workbook; a workbook never erases a stored review, so the store keeps "
                "them and the rewrite puts the column back (edit the reviews file to drop them)"
                for header, n in sorted(stored.items())]

    def _cleared(self, r: int, rid: str | None, header: str) -> str:
        """The warning of a reviewer cell (row `r`, ID `rid`, column `header`) she cleared."""
        return (f"{self.xlsx}: sheet {self.ws.title} row {r} ({rid}): {header} was cleared; a "
                "workbook never erases a stored review, so the store keeps it (edit the reviews "
                "file to erase it)")

    def _own(self, at: dict[str, int], unknown: dict[int, str]
             ) -> tuple[dict[int, str], dict[int, str]]:
        """The columns the reviewer added (index → header), read as hers and written again where
        she put them (self.added), and why each other unknown column is not (index → reason).
        One is hers only where nothing else can be meant: every column yoy wrote is found
        (else it may be one of them renamed: 复核状态 → 复核结论), its header heads no merge
        over several columns, and no other column has that header."""
        from collections import Counter

        # (a column of the templates given that yoy did not write on this sheet is not missing)
        missing = [c.get(self.lang) for c in self.spec.columns if c.key not in at and (
            self.written is None or {c.zh, c.en, *c.aliases} & self.written)]
        heads = merged_heads(self.ws, self.header_row, at)
        count = Counter(unknown.values())
        own: dict[int, str] = {}
        why: dict[int, str] = {}
        for i, h in sorted(unknown.items()):
            if missing:
                why[i] = f" (missing: {', '.join(missing)})"
            elif i in heads:
                why[i] = " (its header is merged over several columns)"
            elif count[h] > 1:
                why[i] = f" ({count[h]} columns are headed {quoted(h, 20)})"
            else:
                own[i] = h
        by_index = {i: k for k, i in at.items()}
        for i, h in sorted(own.items()):
            after = max((j for j in by_index if j < i), default=None)
            self.added.append(AddedColumn(header=h, after="" if after is None
                                          else by_index[after]))
        return own, why

    def _merges(self, at: dict[str, int]) -> dict[int, dict[tuple[int, int, int], dict[int, str]]]:
        """Merged cells over more than one row that reach a column yoy reads, by their first row:
        (first column, last column, last row) → the column index → key of the columns read."""
        read = {i: key for key, i in at.items()}
        found: dict[int, dict[tuple[int, int, int], dict[int, str]]] = {}
        for top, left, bottom, right in merged_ranges(self.ws):
            cols = {i: read[i] for i in range(left - 1, right) if i in read}
            if bottom > top > self.header_row and cols:
                found.setdefault(top, {})[(left, right, bottom)] = cols
        return found

    def _spread(self, values: list[Any], top: int, left: int, right: int, bottom: int,
                cols: dict[int, str],
                spans: dict[int, dict[int, Any]], header: dict[str, str],
                warnings: list[str]) -> None:
        """A value typed over merged rows is every row's (Excel keeps it in the first cell only),
        with a warning naming the cells."""
        from openpyxl.utils import get_column_letter
        value = values[left - 1] if left - 1 < len(values) else None
        for r in range(top + 1, bottom + 1):
            for i in cols:
                spans.setdefault(r, {})[i] = value if i == left - 1 else None
        if as_text(value) is not None:
            ref = f"{get_column_letter(left)}{top}:{get_column_letter(right)}{bottom}"
            what = header[cols[left - 1]] if left - 1 in cols else "their value"
            warnings.append(f"{self.xlsx}: sheet {self.ws.title} cells {ref} are merged: {what} "
                            f"{quoted(value)} is read for each of their {bottom - top + 1} rows")


def cell_names(info: Mapping[str, Any], cells: Iterable[tuple[str, str, str]], *,
               templates: Path | None = None, limit: int = 6,
               texts: Mapping[tuple[str, str], str | None] | None = None) -> list[str]:
    """(table, id, field) of a workbook's entries named as its reader finds them: sheet, row ID and
    column header in the workbook's language ("承诺跟踪 m3f2a 复核状态"), the row's text after its
    ID where `texts` ((table, id) → text) has it
    ("承诺跟踪 m3f2a ('推进城镇老旧小区改造…') 复核状态");
    after `limit`, how many more."""
    tpl = load_template(templates)
    lang = str(info.get("lang") or "zh")
    lang = lang if lang in LANGS else "zh"
    names = sheet_names(tpl, lang)
    if info.get("format") == PLAN_FORMAT:
        try:
            plan = plan_sheet(tpl, str(info.get("periods") or "quarter"), lang)
        except YoyError:
            plan = tpl.sheets.plan
        specs = {"measures": ("plan", plan), "targets": ("plan_targets", tpl.sheets.plan_targets),
                 "units": ("plan_units", tpl.sheets.plan_units)}
        column = {}
    else:
        specs = {ledger: (ledger, getattr(tpl.sheets, ledger)) for ledger in LEDGERS}
        column = {field: key for key, field in REVIEW_COLUMNS.items()}
    out = []
    for table, rid, field in cells:
        sheet, spec = specs.get(table, (None, None))
        headers = {c.key: c.get(lang) for c in spec.columns} if spec else {}
        # a status stored as typed (PlanEntry.unread) is its column's cell
        field = field.removeprefix("unread.")
        # a column the office added
        header = headers.get(column.get(field, field), field.removeprefix("extra."))
        text = (texts or {}).get((table, rid))
        row = f"{rid} ({quoted(text, 20)})" if text else rid
        out.append(f"{names.get(sheet, table) if sheet else table} {row} {header}")
    if len(out) > limit:
        out = [*out[:limit], f"{len(out) - limit} more"]
    return out
