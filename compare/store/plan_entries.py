"""What people type into a plan sheet (台账): the office's entries, stored beside the reviews.

The office's entries (PlanEntries) live in <store>/reviews/<region>-<kind>-<plan_year>-plan.yaml
and are keyed by content-derived ids, so rows may be sorted, filtered or regenerated. Like
Reviews (reviews.py), they are never erased by an import: a sheet adds or changes entries.

    entries_path(store, region, kind, plan_year)  → where they are stored
    load_entries(path) / save_entries(entries, path)
    merge_entries(stored, imported)               → stored updated, field by field and period by period
    period_keys(periods), period_end(key)         → q1…q4, m1…m12, h1 h2 and when each ends
    disagrees(office, status)                     → the office's 完成状态 against yoy's status
"""
from __future__ import annotations

import re
from pathlib import Path

from compare.errors import YoyError
from compare.files import atomic_write, load_yaml, safe_name, validated
from compare.schema import Model

PERIODS: tuple[str, ...] = ("quarter", "month", "half")
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


def entries_path(store: Path, region: str, kind: str, plan_year: int) -> Path:
    return Path(store) / "reviews" / f"{safe_name(region, 'region')}-{safe_name(kind, 'kind')}-{plan_year}-plan.yaml"


def load_entries(path: Path) -> PlanEntries | None:
    """The office's entries stored at `path`, or None when there is no file yet."""
    path = Path(path)
    return validated(PlanEntries, load_yaml(path), path) if path.is_file() else None


def save_entries(entries: PlanEntries, path: Path) -> None:
    """Store `entries` as YAML (sorted keys, so diffs stay small), atomically."""
    import yaml

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


def disagrees(office: str | None, status: str) -> bool | None:
    """Whether the office's latest 完成状态 contradicts yoy's status from the next report
    (None when the office gave none).

    >>> disagrees("done", "not_reported"), disagrees("in_progress", "delivered")
    (True, False)
    """
    return None if office is None else status in _DISAGREE.get(office, set())

