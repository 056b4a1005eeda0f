"""Reviewer decisions: a YAML file per comparison, round-tripped through the workbook.

A reviewer fills the reviewer columns (复核状态 / 复核意见 / 复核人 / 复核时间) of the
workbook `yoy` wrote; workbook.review_import reads them back by header name and the stable ID
column, merge_reviews folds them into the stored file, and the next write_workbook
pre-fills them. Statuses are stored by vocabulary key (e.g. `partial`, see
templates/workbook.yaml), so zh and en workbooks share one file and relabelling the
template keeps stored reviews valid.
"""
from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Collection, Mapping
from pathlib import Path
from typing import Any, NamedTuple, Protocol, TypeVar

from compare.errors import YoyError
from compare.files import atomic_write, load_yaml, safe_name, validated
from compare.schema import Comparison, Model
from compare.text import quoted


class _Filled(Protocol):
    text: str | None  # the row's text when the entry was made


E = TypeVar("E", bound=_Filled)

# A review (or an office's 台账 entry) whose row id is gone moves to a row of the same section
# (where known) whose text is at least this similar (rapidfuzz ratio: a character or two in a long
# measure), or holds its text, or is held in it, the shorter being at least CONTAINED of the longer
# (a measure's boundary moved when the report was re-ingested). A deleted measure's review does not
# move to a merely similar neighbour: 推进城镇老旧小区改造 / 推进城镇老旧厂区改造 are 90% alike.
REATTACH = 95
CONTAINED = 0.7
# Appended to the id of an entry set aside because it may belong to another row (see reattach_rows):
# such an id is never a row's, so the entry is kept and shown nowhere until it is placed.
SET_ASIDE = "~"

# Ledger → the id field of its results in a Comparison.
LEDGERS = {"commitments": "commitment_id", "targets": "target_id", "shortcomings": "shortcoming_id"}
# _yoy keys holding, per pre-filled review, digests of its cells as exported:
# `review:<ledger>:<id>` → {"status": digest, …} (see base_rows).
BASE_PREFIX = "review:"
# A cell's field → digest as written, for each ledger and id.
Base = dict[str, dict[str, dict[str, str]]]


# The cells a reviewer fills (the row's text and section are the row's, recorded by yoy).
FIELDS = ("status", "note", "reviewed_by", "reviewed_at")


class ReviewEntry(Model):
    status: str | None = None
    note: str | None = None
    reviewed_by: str | None = None
    reviewed_at: str | None = None
    # the row's text when it was reviewed: how the review finds its row again if the row's id
    # changes (the report was re-ingested, the parser changed)
    text: str | None = None
    # the heading of the row's section, recorded where the text alone does not tell the row (two
    # sections plan the same words): renumbered sections then cannot swap their reviews
    section: str | None = None
    # columns the reviewer added to the sheet (备注, 责任人): header → text, carried over on every
    # rewrite as a 台账 carries an office's own columns (PlanEntry.extra)
    extra: dict[str, str] | None = None

    def cells(self) -> dict[str, str]:
        """The reviewer's cells, field → text: FIELDS, and `extra.<header>` for an added column."""
        return {**self.model_dump(exclude_none=True, include=set(FIELDS)),
                **{f"extra.{h}": v for h, v in (self.extra or {}).items()}}


class AddedColumn(Model):
    """A column a reviewer added to a ledger sheet: its header, and the key of yoy's column it
    stands right of ("" for the sheet's first), so that a rewrite puts it back where she put it."""
    header: str
    after: str = ""


class Row(NamedTuple):
    """A row of a comparison as a review finds it again: its text and (commitments)
    its section's heading."""
    text: str
    section: str | None = None


# Ledger → the comparison's rows: ids, or id → text or Row (comparison_ids).
CurrentRows = Mapping[str, Collection[str] | Mapping[str, str] | Mapping[str, Row]]


class Reviews(Model):
    region: str
    kind: str
    old_year: int
    new_year: int
    commitments: dict[str, ReviewEntry] = {}
    targets: dict[str, ReviewEntry] = {}
    shortcomings: dict[str, ReviewEntry] = {}
    # ledger → the columns the reviewer added there, in the sheet's order
    columns: dict[str, list[AddedColumn]] | None = None

    def key(self) -> str:
        return f"{self.region}-{self.kind}-{self.old_year}-{self.new_year}"

    def matches(self, comparison: Comparison) -> bool:
        """True when these are reviews of `comparison`'s pair of reports."""
        c = comparison
        return (self.region, self.kind, self.old_year, self.new_year) == (
            c.old.region, c.old.kind, c.old.year, c.new.year)


def reviews_path(store: Path, region: str, kind: str, old_year: int, new_year: int) -> Path:
    name = f"{safe_name(region, 'region')}-{safe_name(kind, 'kind')}-{old_year}-{new_year}.yaml"
    return Path(store) / "reviews" / name


def comparison_ids(comparison: Comparison) -> dict[str, dict[str, Row]]:
    """Ledger → the rows `comparison` has, by id, for merge_reviews and reattach."""
    headings = comparison.sections.old
    return {ledger: {getattr(r, field): Row(getattr(r, "text", "") or "",
                                            headings.get(getattr(r, "section_id", ""), ("", ""))[1]
                                            or None)
                     for r in getattr(comparison, ledger)}
            for ledger, field in LEDGERS.items()}


# A kept entry's row on the sheets of entries without a row names the current row whose text is
# closest to its own when at least this alike (rapidfuzz ratio): where to carry the decision,
# never a move (REATTACH is the move's bar). Above the closest two rows of one shipped report
# (problems 72, measures 56), below ver19's reworded problem (83: 发展质量效益有待提高 →
# 发展质量和效益有待进一步提高).
NEAREST = 75


def nearest(text: str | None, rows: Mapping[str, str]) -> tuple[str, str, int] | None:
    """(id, text, ratio) of the row of `rows` (id → text) closest to `text`, when at least NEAREST
    alike; else None."""
    from rapidfuzz import fuzz, process
    key = text_key(text)
    if not key or not rows:
        return None
    keys = {rid: text_key(t) for rid, t in rows.items()}
    found = process.extractOne(key, keys, scorer=fuzz.ratio, score_cutoff=NEAREST)
    return (found[2], rows[found[2]], round(found[1])) if found else None


def gone_reviews(reviews: Reviews | None, current: CurrentRows) -> list[tuple[str, str,
                                                                          ReviewEntry]]:
    """(ledger, id, review) of the stored reviews no row of the comparison has (`current`: its
    rows, comparison_ids), after reattach: a problem or measure re-cut or removed when a report was
    re-ingested, or a review set aside (id + SET_ASIDE). Kept in the store, and listed on a sheet
    of their own, never hidden (ver19 A1), as a 台账's entries of tasks no longer in the report
    are (workbook.plansheet.gone_entries)."""
    if reviews is None:
        return []
    return [(ledger, rid, entry) for ledger in LEDGERS
            for rid, entry in sorted(getattr(reviews, ledger).items())
            if rid not in _rows(current.get(ledger, ()))]


def _rows(rows: Collection[str] | Mapping[str, str] | Mapping[str, Row]) -> dict[str, Row]:
    if isinstance(rows, Mapping):
        return {k: v if isinstance(v, Row) else Row(str(v or "")) for k, v in rows.items()}
    return {k: Row("") for k in rows}


def load_reviews(path: Path) -> Reviews | None:
    """The reviews stored at `path`, or None when there is no file yet."""
    path = Path(path)
    return validated(Reviews, load_yaml(path), path) if path.is_file() else None


def save_reviews(reviews: Reviews, path: Path) -> None:
    """Store `reviews` at `path` as YAML (sorted keys, so diffs stay small), atomically."""
    import yaml
    text = yaml.safe_dump(reviews.model_dump(exclude_none=True), allow_unicode=True,
                          sort_keys=True, default_flow_style=False)
    atomic_write(Path(path), text.encode("utf-8"))


def base_rows(reviews: Reviews | None, as_read: Callable[[str], str] = str) -> dict[str, str]:
    """_yoy rows recording the review cells a workbook is pre-filled with (as digests),
    so that importing the workbook later can tell which cells the reviewer changed.
    `as_read`: a value as the import reads it back from the cell it was written to (text cut
    at Excel's limit, characters the file cannot hold left out), so that a cell left alone
    never passes for an edit."""
    if reviews is None:
        return {}
    return digest_rows({ledger: {rid: {f: as_read(v) for f, v in {
                                           **entry.model_dump(exclude_none=True, exclude={"extra"}),
                                           **entry.cells()}.items()}
                                 for rid, entry in getattr(reviews, ledger).items()}
                        for ledger in LEDGERS})


def digest_rows(tables: Mapping[str, Mapping[str, Mapping[str, str]]]) -> dict[str, str]:
    """_yoy rows for the cells a workbook is written with: table → row id → field → the value
    as stored (base_of reads them back; a plan sheet records its office columns this way)."""
    import json  # here: a comparison without reviews never needs it (json and its four modules)
    return {f"{BASE_PREFIX}{table}:{rid}": json.dumps({f: digest(v) for f, v in cells.items()},
                                                      sort_keys=True)
            for table, rows in tables.items() for rid, cells in sorted(rows.items())}


def base_of(provenance: Mapping[str, Any]) -> Base:
    """The review cells a workbook was pre-filled with, read back from its _yoy sheet's
    key → value (what base_rows wrote); rows that are not such digests are passed over."""
    import json
    base: Base = {}
    for key, value in provenance.items():
        if key.startswith(BASE_PREFIX) and isinstance(value, str):
            ledger, _, rid = key[len(BASE_PREFIX):].partition(":")
            try:
                digests = json.loads(value)
            except ValueError:
                continue
            if isinstance(digests, dict):
                base.setdefault(ledger, {})[rid] = {str(k): str(v) for k, v in digests.items()}
    return base


def digest(value: str) -> str:
    """A cell's value as _yoy records it (base_rows, digest_rows)."""
    return hashlib.sha256(value.encode("utf-8")).hexdigest()[:16]


def merge_reviews(stored: Reviews | None, imported: Reviews, current_ids: CurrentRows,
                  base: Base | None = None, *,
                  clashes: list[tuple[str, str, str]] | None = None,
                  name: Callable[[str, str, str], str] | None = None) -> tuple[Reviews, list[str]]:
    """`stored` updated with `imported`, and warnings.

    Imported values win field by field; an empty imported field keeps the stored value,
    so a workbook can add or change reviews but never erase them (edit the YAML for
    that). current_ids (ledger → ids, or id → row text or Row, see comparison_ids) are the
    comparison's rows: the stored reviews are first placed on them as the workbook was
    pre-filled (reattach), and a review of an id no longer there is re-attached to its
    row, else kept under its id; either way a warning names it.

    base (ledger → id → field → digest, from the workbook's _yoy sheet) is what the
    workbook was pre-filled with: the last edit wins per cell, so a cell the reviewer
    left as exported does not overwrite a stored value changed since (an older
    workbook cannot revert newer decisions), and a changed cell that replaces such a
    newer value says so (`clashes` collects such cells: (ledger, id, field)). The row's text
    is no reviewer cell: the workbook's always wins; its section is recorded where another
    row has the same text.
    """
    if stored is not None and stored.key() != imported.key():
        raise YoyError(imported.key(), f"cannot merge these reviews into those of {stored.key()}")
    warnings: list[str] = []
    if stored is not None:
        # as the workbook showed them: its cells compare with what it was pre-filled with
        stored, warnings = reattach(stored, current_ids)
    merged: dict[str, dict[str, ReviewEntry]] = {}
    for ledger in LEDGERS:
        rows = _rows(current_ids.get(ledger, ()))
        shared = _shared_texts(rows)
        entries = dict(getattr(stored, ledger)) if stored else {}
        for rid, new in getattr(imported, ledger).items():
            old = entries.get(rid)
            if old is None and new.status and rid in rows:
                # her status typed on one part of a split sentence places her set-aside review
                old = _confirmed(entries, rid, rows, ledger, warnings)
            update = new.cells()
            if base is not None:
                update = newer_cells(ledger, rid, update, old.cells() if old else {},
                                     base.get(ledger, {}).get(rid, {}), warnings, clashes, name)
            if update and new.text:
                update["text"] = new.text
                if rid in rows and text_key(rows[rid].text) in shared and rows[rid].section:
                    update["section"] = rows[rid].section
            update = _nested(update, old.extra if old else None)
            if old:
                entries[rid] = old.model_copy(update=update)
            elif update:  # nothing newer than the store: no empty entry either
                entries[rid] = ReviewEntry(**update)
        merged[ledger] = entries
    out = Reviews(region=imported.region, kind=imported.kind, old_year=imported.old_year,
                  new_year=imported.new_year, **merged,
                  columns=_columns(stored.columns if stored else None, imported.columns))
    out, moved = reattach(out, current_ids)
    return out, list(dict.fromkeys(warnings + moved))


def _confirmed(entries: dict[str, ReviewEntry], rid: str, rows: Mapping[str, Row], ledger: str,
               warnings: list[str]) -> ReviewEntry | None:
    """The review set aside (reattach_rows) because a 更正版 split its sentence into parts, `rid`
    one of them, taken out of `entries`: a status typed on `rid` says the review is that row's."""
    for key in sorted(entries):
        if key.endswith(SET_ASIDE) and rid in split_parts(entries[key].text, rows):
            warnings.append(f"{ledger}: the review set aside as {key} is attached to {rid}, "
                            "where 复核状态 was typed")
            return entries.pop(key)
    return None


def _nested(update: Mapping[str, str], extra: Mapping[str, str] | None) -> dict[str, Any]:
    """Merged cells (field → text, `extra.<header>` for an added column) as ReviewEntry fields:
    the added columns' cells over those the entry had (`extra`)."""
    added = {f.removeprefix("extra."): v for f, v in update.items() if f.startswith("extra.")}
    out: dict[str, Any] = {f: v for f, v in update.items() if not f.startswith("extra.")}
    if added:
        out["extra"] = {**(extra or {}), **added}
    return out


def _columns(stored: Mapping[str, list[AddedColumn]] | None,
             imported: Mapping[str, list[AddedColumn]] | None
             ) -> dict[str, list[AddedColumn]] | None:
    """The reviewer's added columns per ledger: the workbook's, in its order and places, then
    those only the store has (a copy without them never drops their cells)."""
    out = {ledger: [*(imported or {}).get(ledger, []),
                    *[c for c in (stored or {}).get(ledger, []) if c.header not in
                      {i.header for i in (imported or {}).get(ledger, [])}]]
           for ledger in LEDGERS}
    return {ledger: cols for ledger, cols in out.items() if cols} or None


def edits(imported: Reviews, base: Base) -> list[tuple[str, str, str]]:
    """(ledger, id, field) of each reviewer cell of a workbook that is not what the workbook
    was pre-filled with (base, see base_of): what the reviewer typed."""
    return [(ledger, rid, field) for ledger in LEDGERS
            for rid, entry in sorted(getattr(imported, ledger).items())
            for field, value in entry.cells().items()
            if digest(value) != base.get(ledger, {}).get(rid, {}).get(field)]


def _both_changed(field: str, value: str, stored: str | None, was: str | None) -> bool:
    """Whether a workbook's edit `value` replaces a stored value that changed since the workbook
    was written (`was`: the digest it was pre-filled with). A text that keeps the stored one whole
    (two units' entries typed in one cell, as a refusal advises) replaces nothing; a status is one
    choice (not_delivered holds delivered's letters)."""
    return (stored is not None and stored != value and digest(stored) != was
            and ("status" in field.split(".") or str(stored) not in value))


def text_key(text: str | None) -> str:
    """A row's text as reviews compare it: without white space (a workbook may wrap it)."""
    return re.sub(r"\s+", "", text or "")


def _shared_texts(rows: Mapping[str, Row]) -> set[str]:
    """The texts more than one row has (the section tells those rows apart)."""
    seen: set[str] = set()
    shared: set[str] = set()
    for row in rows.values():
        text = text_key(row.text)
        (shared if text in seen else seen).add(text)
    return shared - {""}


def _agreement(recorded: str | None, current: str | None) -> float:
    """1 when a review was given in the row's section, 0 when in another, ½
    when either is unknown."""
    if recorded is None or current is None:
        return 0.5
    return 1.0 if text_key(recorded) == text_key(current) else 0.0


def _section(entry: _Filled) -> str | None:
    return getattr(entry, "section", None)  # recorded by reviews; an office's 台账 entry has none


def _same(entry: _Filled, row: Row) -> bool:
    """Whether `entry` was given to a row of `row`'s text in its section (or one not recorded)."""
    return bool(text_key(entry.text)) and text_key(entry.text) == text_key(row.text) \
        and _agreement(_section(entry), row.section) > 0


def _fit(entry: _Filled, row: Row, a: str, b: str, ratio: float) -> tuple[float, float] | None:
    """How well an entry without a row fits `row` (`a`, `b`: their text_keys, `ratio` theirs):
    (section agreement, text ratio), or None when it may not move there: another section takes
    only identical text, its own section at least REATTACH or one text holding
    the other (CONTAINED)."""
    agree = _agreement(_section(entry), row.section)
    short, long = sorted((a, b), key=len)
    held = short in long and len(short) >= CONTAINED * len(long)
    return (agree, ratio) if ratio == 100 or (agree > 0 and (ratio >= REATTACH or held)) else None


# Below this ratio no text fits (_fit): one holding the other at CONTAINED is 2c/(1+c) alike.
_FLOOR = min(REATTACH, 200 * CONTAINED / (1 + CONTAINED))


def reattach(reviews: Reviews, current: CurrentRows) -> tuple[Reviews, list[str]]:
    """Reviews put on the rows they were given to when ids changed (a report re-ingested, its
    sections renumbered, the parser changed), each move or doubt in a warning, never silently
    onto another row (reattach_rows, ledger by ledger)."""
    warnings: list[str] = []
    placed = {ledger: reattach_rows(getattr(reviews, ledger), current.get(ledger, ()),
                                    f"{ledger}: the review",
                                    "comparison", warnings)
              for ledger in LEDGERS}
    return reviews.model_copy(update=placed), warnings


def reattach_rows(given: Mapping[str, E],
                  current: Collection[str] | Mapping[str, str] | Mapping[str, Row],
                  what: str, where: str, warnings: list[str]) -> dict[str, E]:
    """`given` (id → an entry with the `text` of its row when it was filled, and a review its
    `section`) put on the `current` rows (id → text or Row) they were given to when ids changed;
    each move or doubt is a warning ("<what> of <id> …", "no longer in the <where>"):

    - an entry under an id that now names a row of another section (renumbering hands one
      section's id to another's row when both plan the same words) leaves that row;
    - an entry whose row has an identical twin (same text and section) among the entries whose
      rows are gone is set aside (id + SET_ASIDE): which of the two measures remains cannot be told;
    - an entry without a row moves to the free row it fits best (_fit), unless it fits two rows
      equally or another entry fits its row equally;
    - one that cannot be placed is kept under its id (set aside when that id names another row).
    """
    import numpy as np
    from rapidfuzz import fuzz, process

    rows = _rows(current)
    entries = dict(given)
    # the id an entry is kept under if not placed → (its id, it)
    loose: dict[str, tuple[str, E]] = {}
    for rid in sorted(given):
        entry = given[rid]
        if rid in rows and _agreement(_section(entry), rows[rid].section) == 0:
            del entries[rid]
            loose[_aside(rid, given)] = (rid, entry)
            warnings.append(f"{what} of {rid} was given in section {_section(entry)!r}, but "
                            f"{rid} now names a row of {rows[rid].section!r}: it leaves that row")
        elif rid not in rows:
            loose[rid] = (rid, entries.pop(rid))
    for rid in sorted(entries):
        if rid + SET_ASIDE in given:
            continue  # its twin's entry was set aside before: this one was given since
        twin = (next((was for was, e in sorted(loose.values(), key=lambda x: x[0])
                      if _same(e, rows[rid])), None))
        if twin is not None and _same(entries[rid], rows[rid]):
            loose[rid + SET_ASIDE] = (rid, entries.pop(rid))
            warnings.append(f"{what} of {rid} is set aside as {rid}{SET_ASIDE} and shown on no "
                            f"row: {rid} and {twin} were identical rows (same text and section) "
                            f"and one is gone, so which one {rid} now is cannot be told")
    notes: list[tuple[str, str]] = []
    for rid in sorted(entries):
        # an id from an indicator (a target) stays when its figure is corrected: the entry was
        # given to the row's earlier words, which the person should see (ua22b F1). One text
        # holding the other is the same row shown otherwise (a 台账 task row without measures
        # shows its paragraphs after its heading); a comparison's row has no such view, and one
        # shorter than its entry's lost words (a sentence split off by a 更正版, ua24 M3)
        if reworded(entries[rid].text, rows[rid].text, dropped=where == "comparison"):
            notes.append((rid, f"{what} of {rid} was given when its row read otherwise"
                               + _changed(entries[rid], rows[rid].text)))
    free = {rid: row for rid, row in rows.items() if rid not in entries and text_key(row.text)}
    keys = {rid: text_key(row.text) for rid, row in free.items()}
    texts = {key: text_key(e.text) for key, (_, e) in loose.items() if text_key(e.text)}
    # every entry without a row against every free row at once (a re-ingest may change them all)
    ratios = process.cdist(list(texts.values()), list(keys.values()), scorer=fuzz.ratio) \
        if texts and keys else np.zeros((len(texts), len(keys)))
    order, at = list(keys), {key: i for i, key in enumerate(texts)}
    fits: dict[str, dict[str, tuple[float, float]]] = {}
    for key, i in at.items():
        entry = loose[key][1]
        fits[key] = {rid: f for j in (ratios[i] >= _FLOOR).nonzero()[0]
                     if (f := _fit(entry, free[rid := order[j]], texts[key], keys[rid],
                                   float(ratios[i, j])))}
    best = {key: max(f.values()) for key, f in fits.items() if f}
    tops = {key: sorted(rid for rid, f in fits[key].items() if f == best[key]) for key in best}
    wanted: dict[tuple[str, tuple[float, float]], list[str]] = {}
    for key, rids in tops.items():
        if len(rids) == 1:
            wanted.setdefault((rids[0], best[key]), []).append(key)
    # the best fits first, so that an entry fitting its row exactly is not crowded out
    for key in sorted(loose, key=lambda k: (tuple(-x for x in best.get(k, (0, 0))), k)):
        was, entry = loose[key]
        target = tops[key][0] if key in tops else None
        rivals = ([loose[k][0] for k in wanted.get((target, best[key]), []) if k != key]
                  if target else [])
        parts = split_parts(entry.text, rows) if where == "comparison" else []
        if target in parts:
            # a 更正版 cut the sentence she reviewed in parts: her review fits each in part, and
            # moving it whole to the longer one put her words on a row they are not about (calc25 1)
            aside = key if key.endswith(SET_ASIDE) else _aside(was, {*given, *entries, *loose})
            entries[aside] = entry
            notes.append((was, f"{what} of {was} is set aside as {aside}, shown on no row: its "
                               f"text ({quoted(entry.text, 30)}) is now {len(parts)} rows, "
                               f"{' and '.join(parts)}; type 复核状态 on the row it belongs to and "
                               "import the workbook: the review (note, reviewer, your columns) "
                               "is attached there"))
            continue
        if target is not None and len(tops[key]) == 1 and not rivals and target not in entries:
            entries[target] = entry
            ratio = best[key][1]
            # which way the bar took it (ua22b F5: an office saw one figure corrected kept on its
            # row, another dropped, and was not told why)
            bar = ("" if ratio == 100 else f", at least {REATTACH}%" if ratio >= REATTACH
                   else ", one text holding the other")
            notes.append((was, f"{what} of {was} is re-attached to {target}, whose text "
                               f"matches it best ({ratio:.0f}%{bar})"
                               + _changed(entry, rows[target].text)))
            continue
        entries[key] = entry
        kept = f"{what} of {was} is kept" + (f" as {key}, shown on no row" if key != was else "")
        if target is not None and (len(tops[key]) > 1 or rivals):
            others = (" and ".join(tops[key]) if len(tops[key]) > 1
                      else f"{target}, as does that of {rivals[0]}")
            notes.append((was, f"{kept}: it matches {others} equally, so none is chosen"))
            continue
        # the row's text too: an id alone tells a person nothing (ua19 M1)
        said = f" ({quoted(entry.text, 30)})" if getattr(entry, "text", None) else ""
        why = (f"{kept}, but {was}{said} is no longer in the {where} and no row matches it"
               if key == was else f"{kept}: no other row matches it")
        ratio, near = max(((float(ratios[at[key], j]), rid) for j, rid in enumerate(order)
                           if rid not in entries
                           and _agreement(_section(entry), free[rid].section) > 0),
                          default=(0.0, "")) if key in at else (0.0, "")
        if ratio >= 60:  # a near miss is worth naming: the reviewer may want it there
            why += (f" (the closest, {near} at {ratio:.0f}%, is under the {REATTACH}% that moves "
                    "an entry)")
        notes.append((was, why))
    warnings += [note for _, note in sorted(notes)]
    return entries


def split_parts(text: str | None, rows: Mapping[str, Row]) -> list[str]:
    """The ids of the rows of `rows` whose texts `text` holds, when two or more do (a 更正版 cut
    the sentence a review was given to into parts: reattach_rows sets it aside); else none."""
    key = text_key(text)
    parts = sorted(rid for rid, row in rows.items()
                   if (now := text_key(row.text)) and now != key and now in key)
    return parts if len(parts) > 1 else []


def reworded(recorded: str | None, text: str | None, *, dropped: bool = False) -> str | None:
    """What changed (text.changed_part: '…1450万标箱' → '…1500万标箱') when an entry given to a row
    reading `recorded` now stands on a row reading `text`, the two materially apart (neither
    holds the other: a 台账 task row without measures shows its paragraphs after its heading;
    `dropped`: a row whose text lost words of `recorded` is apart too, a comparison's row);
    else None. The warnings say it on every run, and the workbooks mark the row's text cell."""
    from compare.text import changed_part
    was, now = text_key(recorded), text_key(text)
    if was and now and was not in now and (dropped or now not in was):
        return changed_part(recorded or "", text or "")
    return None


def _changed(entry: _Filled, text: str) -> str:
    """What changed from the text `entry` was given to to the row's `text` (text.changed_part),
    for a warning; the row's text where the entry recorded none."""
    from compare.text import changed_part
    if not text_key(entry.text) or text_key(entry.text) == text_key(text):
        return f": {quoted(text, 30)}"
    return f": {changed_part(entry.text or '', text)}"


def _aside(rid: str, taken: Collection[str]) -> str:
    """The id an entry of `rid` is set aside under: one no row and no other entry has."""
    key = rid + SET_ASIDE
    while key in taken:
        key += SET_ASIDE
    return key


def newer_cells(ledger: str, rid: str, update: Mapping[str, str], old: Mapping[str, Any],
                exported: Mapping[str, str], warnings: list[str],
                clashes: list[tuple[str, str, str]] | None = None,
                name: Callable[[str, str, str], str] | None = None) -> dict[str, str]:
    """The imported cells (field → value) that are edits made in the workbook: those that differ
    from the digests it was `exported` with; `old` is what the store holds now (see merge_reviews,
    and store.plan_entries.merge_entries for the office's plan sheet). An edit that replaces a
    stored value changed since the workbook was written is said, and added to `clashes`. `name`:
    (table, id, field) as the warnings name the cell (the sheet's names: review_import.cell_names);
    by default the store's."""
    kept = {}
    for field, value in update.items():
        cell = name(ledger, rid, field) if name else f"{ledger} {rid} {field}"
        stored = old.get(field)
        was = exported.get(field)
        stored_changed = (None if stored is None else digest(stored)) != was
        if digest(value) == was:  # left as exported
            if stored_changed and stored is None:
                warnings.append(f"{cell}: erased in the store since this workbook "
                                f"was written; the workbook's unchanged {quoted(value)} is not "
                                "restored")
            elif stored_changed and stored != value:
                warnings.append(f"{cell}: the store's {quoted(stored)} is newer "
                                f"than the workbook's unchanged {quoted(value)}; kept")
            continue
        if _both_changed(field, value, stored, was):
            if clashes is not None:
                clashes.append((ledger, rid, field))
            warnings.append(f"{cell}: the store's {quoted(stored)}, changed since "
                            "this workbook was written, is replaced by the workbook's edit "
                            f"{quoted(value)}")
        kept[field] = value
    return kept
