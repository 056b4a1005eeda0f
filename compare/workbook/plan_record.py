"""What yoy wrote into a 台账's office cells, recorded in its _yoy sheet: a digest of each cell as
written, the cells it filled in from the store (`prefilled:`) and its own reading of the text
(`own:`), so that the import takes only what an office changed (jobs.plan_merge)."""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import date
from typing import TYPE_CHECKING, Any

from compare.store.plan_entries import CLEARED
from compare.store.reviews import digest, digest_rows
from compare.workbook.cells import Formula

if TYPE_CHECKING:
    from compare.workbook.template import Sheet

# _yoy keys listing, per table, the cells yoy filled in itself: `prefilled:<table>:<n>` →
# {id: "lead,deadline"}
PREFILLED = "prefilled:"
# _yoy keys recording, per measure, yoy's own reading of the text as it wrote it (a unit the text
# names, the deadline it states or the plan year's end): `own:<table>:<n>` → {id: {field: digest}}.
# A cell left so is no entry of the office's, even once a 更正版 re-ingested since reads otherwise
# (ua22b F7: the day yoy wrote was stored as typed, and a corrected deadline never reached the
# sheet).
OWN = "own:"
# The columns the office fills (the rest yoy writes from the report): read back by the import,
# recorded in _yoy as written. Per period `progress.q1`, `status.q1`; added
# columns `extra.<header>`.
OFFICE_FIELDS = ("lead", "responsible", "deadline", "leader", "contact", "problem",
                 "next_step", "actual",
                 "evidence", "note")
OFFICE_PREFIXES = ("progress.", "status.", "extra.")


def office_column(key: str) -> bool:
    return key in OFFICE_FIELDS or key.startswith(OFFICE_PREFIXES)


def stored_form(value: Any) -> str | None:
    if isinstance(value, Formula):
        return None
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return None if value is None or value == "" else str(value)


def office_digests(rows: list[dict], targets: list[dict], spec: Sheet) -> dict[str, str]:
    """What each office cell is written with, as _yoy rows of digests (store.reviews.digest_rows):
    the import takes only the cells the office changed, so an entry stored since is never
    reverted, and what yoy brought from the store (last year's units) never taken for the
    office's edit: those cells are listed apart (`prefilled:<table>:<n>`, 500 rows a cell).
    yoy's own reading of the text is no office cell: it is recorded apart (`own:<table>:<n>`), and
    the import reads the text again too (own_cells)."""
    office = [c.key for c in spec.columns if office_column(c.key)]
    tables: dict[str, dict[str, dict[str, str]]] = {"measures": {}, "targets": {}}
    prefilled: dict[str, dict[str, str]] = {"measures": {}, "targets": {}}
    mine_read: dict[str, dict[str, dict[str, str]]] = {"measures": {}, "targets": {}}
    for table, table_rows, keys in (("measures", rows, office),
                                    ("targets", targets, ["actual", "evidence", "note"])):
        for row in table_rows:
            own = row.get("_own", ())
            read = {k: digest(t) for k in own if (t := stored_form(row.get(k))) is not None}
            if read:
                mine_read[table][row["id"]] = read
            cells = {k: t for k in keys
                     if (v := row.get(k)) is not None and k not in own
                     and (t := stored_form(v)) is not None}
            # a cell cleared by an import and empty here: the sheet is written after that clear,
            # so typing the value again is an edit (store.plan_entries._not_cleared)
            cells.update({f"{CLEARED}{k}": gone for k, gone in row.get("_cleared", {}).items()
                          if k in keys and k not in cells})
            if cells:
                tables[table][row["id"]] = cells
            mine = [f for f in row.get("_prefilled", ()) if f in cells]
            if mine:
                prefilled[table][row["id"]] = ",".join(mine)
    # ≤ 500 × 60 and 150 × 200 characters a cell: within a cell's limit (32,767)
    return {**digest_rows(tables), **_chunked(PREFILLED, prefilled, 500),
            **_chunked(OWN, mine_read, 150)}


def _chunked(prefix: str, tables: Mapping[str, Mapping[str, Any]], size: int) -> dict[str, str]:
    """_yoy rows `<prefix><table>:<n>` → JSON of `size` row ids → value each; _unchunked reads
    them back."""
    out = {}
    for table, marked in tables.items():
        chunk: dict[str, Any] = {}
        for n, (rid, value) in enumerate(sorted(marked.items())):
            chunk[rid] = value
            if len(chunk) == size or n == len(marked) - 1:
                out[f"{prefix}{table}:{n // size}"] = json.dumps(
                    chunk, ensure_ascii=False, sort_keys=True)
                chunk = {}
    return out


def _unchunked(provenance: Mapping[str, Any], prefix: str) -> dict[str, dict[str, Any]]:
    """table → id → value of the _yoy rows _chunked wrote under `prefix`."""
    out: dict[str, dict[str, Any]] = {}
    for key, value in provenance.items():
        if str(key).startswith(prefix) and isinstance(value, str):
            try:
                rows = json.loads(value)
            except ValueError:
                continue
            if isinstance(rows, dict):
                table = str(key)[len(prefix):].partition(":")[0]
                out.setdefault(table, {}).update({str(rid): v for rid, v in rows.items()})
    return out


def own_read_of(provenance: Mapping[str, Any]) -> dict[str, dict[str, dict[str, str]]]:
    """table → id → field → digest of yoy's own reading of the text as the sheet was written
    with it (office_digests)."""
    return {table: {rid: {str(f): str(d) for f, d in v.items()} for rid, v in rows.items()
                    if isinstance(v, dict)}
            for table, rows in _unchunked(provenance, OWN).items()}


def prefilled_of(provenance: Mapping[str, Any]) -> dict[str, dict[str, set[str]]]:
    """table → id → the cells yoy filled in from the store when it wrote the
    sheet (office_digests)."""
    return {table: {rid: set(str(f).split(",")) for rid, f in rows.items()}
            for table, rows in _unchunked(provenance, PREFILLED).items()}
