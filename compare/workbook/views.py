"""pandas views of a Comparison, for notebook users: one DataFrame per ledger, a row per result.

    >>> from compare import compare_reports, load_report
    >>> from compare.workbook import views
    >>> cmp = compare_reports(load_report("reports/2022/国务院-gov-work-report.yaml"),
    ...                       load_report("reports/2023/国务院-gov-work-report.yaml"))
    >>> gdp = views.targets(cmp).query("indicator == '国内生产总值'")
    >>> gdp[["low", "unit", "actual", "verdict"]].values.tolist()
    [[5.5, '%', 3.0, 'missed']]
    >>> [len(views.ledger(cmp)) == len(cmp.commitments), len(views.plan_sections(cmp)) == len(cmp.plan_sections),
    ...  len(views.alignment(cmp)) == len(cmp.alignment), len(views.metrics(cmp)) == len(cmp.metrics)]
    [True, True, True, True]
"""
from __future__ import annotations

from compare.schema import Comparison, TargetResult


def ledger(cmp: Comparison):
    """OLD's plan measures: status, confidence, best evidence and where it is, what carries them on."""
    import pandas as pd
    return pd.DataFrame([{
        "commitment_id": c.commitment_id, "section_id": c.section_id, "text": c.text, "status": c.status,
        "confidence": c.confidence,
        "evidence": c.evidence[0].text if c.evidence else None,
        "evidence_at": c.evidence[0].location if c.evidence else None,
        "planned": c.quantity.text if c.quantity else None, "cues": "、".join(c.cues),
        "carried_over": c.carried_over.text if c.carried_over else None,
    } for c in cmp.commitments], columns=["commitment_id", "section_id", "text", "status", "confidence",
                                         "evidence", "evidence_at", "planned", "cues", "carried_over"])


def plan_sections(cmp: Comparison):
    """OLD's plan sections, each rolled up from its measures (delivered / partial / not_reported counts)."""
    import pandas as pd
    return pd.DataFrame([{"section_id": s.section_id, "label": "".join(s.label_path), "status": s.status, **s.counts}
                         for s in cmp.plan_sections],
                        columns=["section_id", "label", "status", "delivered", "partial", "not_reported"])


def targets(cmp: Comparison):
    """OLD's targets with the actual NEW reports and the verdict (every TargetResult field)."""
    import pandas as pd
    return pd.DataFrame([t.model_dump() for t in cmp.targets],
                        columns=list(TargetResult.model_fields))


def alignment(cmp: Comparison):
    """Section pairs: old and new id, score and change (same, edited, moved, added, removed)."""
    import pandas as pd
    return pd.DataFrame([a.model_dump() for a in cmp.alignment], columns=["old_id", "new_id", "score", "change"])


def metrics(cmp: Comparison):
    """Figures counted under the same subject and unit in both years, and their change."""
    import pandas as pd
    return pd.DataFrame([m.model_dump() for m in cmp.metrics],
                        columns=["subject", "unit", "old", "new", "change", "change_pct"])
