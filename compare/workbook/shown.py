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

import re
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


# A location as the engine writes it (engine/passages.py `location`): the report's year, then
# the section labels as printed, a paragraph as 第N段.
_LOCATION = re.compile(r"^(\d{4})年报告 (.*)$", re.S)
_PARAGRAPH = re.compile(r"第(\d+)段")


def shown_location(location: str, lang: str) -> str:
    """A location as a reader of `lang` reads it. The engine stores it in Chinese words; in
    English the words become English and the section labels stay as the report prints them
    (they are the document's own), a paragraph as ¶N. A location that is not the engine's shape
    (a JSON from elsewhere, a bare label path) is shown as it is.

    >>> shown_location("2023年报告 一、（三）第2段", "en")
    '2023 report, 一、（三） ¶2'
    >>> shown_location("2023年报告 一、（三）第2段", "zh")
    '2023年报告 一、（三）第2段'
    >>> shown_location("一、（三）", "en")
    '一、（三）'
    """
    found = _LOCATION.match(location) if lang == "en" else None
    if found is None:
        return location
    year, labels = found.groups()
    labels = _PARAGRAPH.sub(lambda m: f" ¶{m[1]}", labels).strip()
    return f"{year} report, {labels}" if labels else f"{year} report"
