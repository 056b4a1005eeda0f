"""Roll-ups: a row's or a plan section's status from its parts' or measures'."""
from __future__ import annotations

from collections.abc import Sequence

from compare.schema import CommitmentResult, CommitmentStatus, PlanSectionResult, Report


def rollup(statuses: Sequence[str]) -> str:
    """A section's status from its measures': delivered when all are, not_reported when none
    is reported, else partial."""
    if statuses and all(s == "delivered" for s in statuses):
        return "delivered"
    if all(s == "not_reported" for s in statuses):
        return "not_reported"
    return "partial"


def section_rollups(old: Report, results: Sequence[CommitmentResult]) -> list[PlanSectionResult]:
    """One row per plan section with measures, in printed order: its roll-up status and counts."""
    from typing import get_args
    paths = {s.id: path for s, path in old.walk()}
    by_section: dict[str, list[str]] = {}
    for r in results:
        by_section.setdefault(r.section_id, []).append(r.status)
    return [PlanSectionResult(section_id=sid, label_path=list(paths.get(sid, [])),
                              status=rollup(statuses),
                              counts={k: statuses.count(k) for k in get_args(CommitmentStatus)})
            for sid, statuses in by_section.items()]
