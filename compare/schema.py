"""The common schema: plain data objects passed between pipeline stages.

A `Report` is what ingest produces and the store keeps as YAML; a `Comparison`
is what the engine produces from two reports. Field names are a contract:
other tools read them (see docs/schema.md and schema/*.json).
"""
from __future__ import annotations

from typing import Literal, Optional

from pydantic import BaseModel, ConfigDict, Field

Role = Literal["achievements", "review", "shortcomings", "responsibility", "plan", "targets", "other"]
# The roles of the part that reports on the past year: where evidence and actuals are looked for.
REVIEW_ROLES = ("review", "achievements")
Comparator = Literal["approx", "floor", "ceiling", "range", "point", "qualitative"]
Change = Literal["same", "edited", "moved", "added", "removed"]
CommitmentStatus = Literal["delivered", "partial", "no_evidence"]
Verdict = Literal["met", "missed", "not_reported"]
ShortcomingStatus = Literal["unresolved", "addressed", "not_mentioned"]


class Model(BaseModel):
    # extra="forbid" so a typo in a hand-edited YAML is an error, not silently ignored data
    model_config = ConfigDict(extra="forbid")


class Source(Model):
    file: Optional[str] = None
    url: Optional[str] = None
    sha256: str = Field(description="SHA-256 of the raw source bytes")


class Item(Model):
    id: str
    label: str = Field(description="as printed, e.g. 一是")
    text: str = Field(description="the item's text without its label")


class Section(Model):
    id: str
    label: str = Field(description="as printed: 一、 （一） (一) 1. （1）")
    level: int = Field(ge=1)
    heading: str
    role: Role = "other"
    paragraphs: list[str] = []
    items: list[Item] = []
    children: list["Section"] = []

    def text(self) -> str:
        """The section's own words: heading, then body paragraphs (children excluded)."""
        return "\n".join([self.heading + "。", *self.paragraphs]) if self.paragraphs else self.heading


class Commitment(Model):
    id: str
    section_id: str
    text: str


class Target(Model):
    id: str
    indicator: str
    text: str = Field(description="the clause as printed")
    comparator: Comparator
    low: Optional[float] = None
    high: Optional[float] = None
    unit: str = ""
    change: Literal["rise", "fall"] = Field(
        "rise", description="fall: a reduction target (能耗下降3%); low/high are the size of the fall it asks for")


class Metric(Model):
    id: str
    node_id: str = Field(description="id of the section or item the figure is in")
    subject: str = Field(description="what is counted")
    value: float
    unit: str
    qualifier: str = Field("", description="近 超过 以上 多 左右 …, empty when exact")


class Shortcoming(Model):
    id: str
    text: str


class Report(Model):
    kind: str
    region: str
    year: int = Field(description="the report's nominal year, as titled")
    review_year: int = Field(description="the year it reports on")
    plan_year: int = Field(description="the year its plans are for")
    title: str
    issuer: str = ""
    published: Optional[str] = Field(None, description="ISO date")
    source: Source
    preamble: list[str] = Field([], description="paragraphs before the first numbered section")
    sections: list[Section] = []
    commitments: list[Commitment] = []
    targets: list[Target] = []
    metrics: list[Metric] = []
    shortcomings: list[Shortcoming] = []

    def walk(self):
        """Yield (section, label_path) for every section, depth first, in printed order."""
        def rec(nodes, path):
            for s in nodes:
                p = path + [s.label]
                yield s, p
                yield from rec(s.children, p)
        yield from rec(self.sections, [])


# ---- comparison -------------------------------------------------------------

class ReportRef(Model):
    kind: str
    region: str
    year: int
    review_year: int
    plan_year: int
    title: str


class AlignedSection(Model):
    old_id: Optional[str]
    new_id: Optional[str]
    score: float
    change: Change


class SentencePair(Model):
    old: Optional[str]
    new: Optional[str]
    similarity: float
    opcodes: list[tuple[str, int, int, int, int]] = Field(
        [], description="difflib-style (tag, i1, i2, j1, j2) over the characters of old/new")


class SectionDiff(Model):
    old_id: Optional[str]
    new_id: Optional[str]
    similarity: float
    pairs: list[SentencePair]


class Evidence(Model):
    node_id: str
    label_path: list[str]
    text: str
    score: float


class CommitmentResult(Model):
    commitment_id: str
    section_id: str
    text: str
    status: CommitmentStatus
    confidence: float
    evidence: list[Evidence] = []
    cues: list[str] = Field([], description="completion cues (完成, 出台…) found in the best evidence")


class TargetResult(Model):
    target_id: str
    indicator: str
    text: str = ""
    comparator: Comparator
    low: Optional[float]
    high: Optional[float]
    unit: str
    change: Literal["rise", "fall"] = "rise"
    actual: Optional[float] = Field(description="signed like the target: a fall reported against a growth target is "
                                                "negative, against a reduction target positive")
    actual_qualifier: str = Field("", description="the word that makes the actual inexact, as printed (超过, 左右, 近…)")
    actual_text: Optional[str]
    verdict: Verdict
    note: str = Field("", description="why a reviewer should check the verdict (a met target far from its value)")


class MetricChange(Model):
    subject: str
    unit: str
    old: float
    new: float
    change: float
    change_pct: Optional[float]


class ShortcomingResult(Model):
    shortcoming_id: str
    text: str
    status: ShortcomingStatus
    evidence: list[Evidence] = []


class Comparison(Model):
    old: ReportRef
    new: ReportRef
    engine_version: str
    warnings: list[str] = []
    alignment: list[AlignedSection] = []
    diffs: list[SectionDiff] = []
    commitments: list[CommitmentResult] = []
    targets: list[TargetResult] = []
    metrics: list[MetricChange] = []
    shortcomings: list[ShortcomingResult] = []


def json_schemas() -> dict[str, dict]:
    """The committed JSON Schemas (docs/schema/*.json), generated from these models."""
    return {"report": Report.model_json_schema(), "comparison": Comparison.model_json_schema()}


def write_json_schemas(directory: str) -> None:
    import json
    from pathlib import Path
    for name, schema in json_schemas().items():
        text = json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
        (Path(directory) / f"{name}.schema.json").write_text(text, encoding="utf-8")
