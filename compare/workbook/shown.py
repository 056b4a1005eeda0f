"""How a row's status is shown and counted, apart from how it is stored.

The engine stores a status; the workbooks, `yoy compare`'s line and `yoy run`'s statuses line
show two more, so that all three give the same counts (review ua25: the line said "delivered 3",
the 概览 "Delivered 0, To verify 3"):

>>> SHOWN["measures"]
('delivered', 'partial', 'not_reported', 'to_verify')
>>> SHOWN["targets"]
('met', 'missed', 'not_judged', 'not_reported')
"""
from __future__ import annotations

from collections import Counter

from compare.schema import CommitmentResult, Comparison, TargetResult

# Each kind of row's statuses as shown, in the order they are said (the template's vocab order,
# as the 概览 lists them). to_verify and not_judged are
# no engine status: a delivery below the confidence band, and a target the review is quoted on
# for the reviewer to judge.
SHOWN: dict[str, tuple[str, ...]] = {
    "measures": ("delivered", "partial", "not_reported", "to_verify"),
    "targets": ("met", "missed", "not_judged", "not_reported"),
    "shortcomings": ("unresolved", "addressed", "not_mentioned"),
}

# The notes of a not_reported target that quote the review for the reviewer to judge
# (schema.TargetNote): a quoted sentence is not silence (review ua25: 生态环境质量持续改善, stated
# word for word, read as "Not reported").
QUOTED_NOTES = ("qualitative_quoted", "named_without_figure", "parts")


def shown_status(r: CommitmentResult) -> str:
    """The status the ledger shows: a delivery below the confidence band is to_verify (待核实).
    Most rows of another status are below it too: flagged, they would hide the few that matter."""
    return "to_verify" if r.to_verify and r.status == "delivered" else r.status


def shown_verdict(r: TargetResult) -> str:
    """The verdict the 目标 sheet shows: not_reported with a quoted sentence is not_judged."""
    return "not_judged" if r.verdict == "not_reported" and r.note in QUOTED_NOTES else r.verdict


def shown_counts(c: Comparison) -> dict[str, dict[str, int]]:
    """Each kind of row counted by its shown status, as the workbook's 概览 counts them."""
    return {"measures": dict(Counter(shown_status(x) for x in c.commitments)),
            "targets": dict(Counter(shown_verdict(x) for x in c.targets)),
            "shortcomings": dict(Counter(x.status for x in c.shortcomings))}
