"""The common schema: plain data objects passed between pipeline stages.

A `Report` is what ingest produces and the store keeps as YAML; a `Comparison`
is what the engine produces from two reports. Field names are a contract:
other tools read them (see docs/schema.md and schema/*.json).
"""
from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

Role = Literal["achievements", "review", "shortcomings", "responsibility", "plan",
               "targets", "other"]
# The roles of the part that reports on the past year: where evidence and actuals are looked for.
REVIEW_ROLES = ("review", "achievements")
# The roles of the year's plan: where measures and targets are read, and what carries them on.
PLAN_ROLES = ("plan", "targets")
Comparator = Literal["approx", "floor", "ceiling", "range", "point", "qualitative"]
Change = Literal["same", "edited", "moved", "added", "removed"]
CommitmentStatus = Literal["delivered", "partial", "not_reported"]
Verdict = Literal["met", "missed", "not_reported"]
ShortcomingStatus = Literal["unresolved", "addressed", "not_mentioned"]
# Why a reviewer should look again at a target's verdict: the workbook template phrases each
# (vocab target_note) with the figures in TargetResult.note_values.
TargetNote = Literal["far_below", "needs_both", "relation", "qualitative_quoted",
                     "qualitative_silent", "parts", "named_without_figure", "point_in_time"]
# Which part of both reports a compared figure comes from: the review of the year, or the plan.
MetricPart = Literal["review", "plan"]


class Model(BaseModel):
    # extra="forbid" so a typo in a hand-edited YAML is an error, not silently ignored data
    model_config = ConfigDict(extra="forbid", defer_build=True)


class Source(Model):
    file: str | None = None
    url: str | None = None
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
    children: list[Section] = []

    def text(self) -> str:
        """The section's own words: heading, then body paragraphs (children excluded)."""
        return ("\n".join([self.heading + "。", *self.paragraphs]) if self.paragraphs
                else self.heading)


class PlannedQuantity(Model):
    value: float
    high: float | None = None
    unit: str
    comparator: Comparator
    text: str = Field(description="the figure as printed, e.g. 30%以上")


class Commitment(Model):
    """One measure of the plan part: a checkable action or quantity (compare/ingest/measures.py)."""
    id: str = Field(description="stable: derived from the section path and the measure's text")
    section_id: str
    label_path: list[str] = Field([],
                                  description="printed labels of its section, e.g. [三、, （一）]")
    paragraph: int = Field(
        0, description="1-based paragraph of its section it stands in (0: the heading)")
    start: int = Field(0, description="character offset of the text in that paragraph")
    text: str = Field(description="a contiguous span of the plan text")
    quantity: PlannedQuantity | None = None


class Target(Model):
    id: str
    indicator: str
    text: str = Field(description="the clause as printed")
    comparator: Comparator
    low: float | None = None
    high: float | None = None
    unit: str = ""
    change: Literal["rise", "fall"] = Field(
        "rise", description="fall: a reduction target (能耗下降3%); low/high are the size of the "
                            "fall it asks for")


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
    """One ingested report (ingest_text, ingest_file; load_report reads it from the store): kind,
    region and years, its outline of sections with their roles, and what was read from them —
    measures planned (`commitments`), targets, figures (`metrics`) and problems (`shortcomings`)."""
    kind: str
    region: str
    year: int = Field(description="the report's nominal year, as titled")
    review_year: int = Field(description="the year it reports on")
    plan_year: int = Field(description="the year its plans are for")
    title: str
    issuer: str = ""
    published: str | None = Field(None, description="ISO date")
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

    def headings(self) -> dict[str, tuple[str, str]]:
        """Section id → (label path, heading): how renderers name a section
        ("三、（二）", "扩大国内需求")."""
        return {s.id: ("".join(path), s.heading) for s, path in self.walk()}


# ---- comparison -------------------------------------------------------------

class ReportRef(Model):
    kind: str
    region: str
    year: int
    review_year: int
    plan_year: int
    title: str


class AlignedSection(Model):
    old_id: str | None
    new_id: str | None
    score: float
    change: Change


class SentencePair(Model):
    old: str | None
    new: str | None
    similarity: float
    opcodes: list[tuple[str, int, int, int, int]] = Field(
        [], description="difflib-style (tag, i1, i2, j1, j2) over the characters of old/new")


class SectionDiff(Model):
    old_id: str | None
    new_id: str | None
    similarity: float
    pairs: list[SentencePair]


class Evidence(Model):
    node_id: str = Field(description="id of the section or item of the cited report it comes from")
    label_path: list[str]
    text: str = Field(description="the cited sentence(s)")
    score: float
    location: str = Field("", description="where a reader finds it: 2022年报告 一、（三）第2段")


class PartResult(Model):
    """One part of a measure (one action or quantity with its object, `measures.split_parts`), traced alone."""  # noqa: E501
    text: str
    checked: bool = Field(True, description="false for an aim (打造…体系, 让…): cited with its "
                                            "measure, never deciding it")
    status: CommitmentStatus
    cue: str = Field("", description="the completion cue in the evidence clause nearest the part "
                                     "(建成, 出台了…)")
    planned: str = Field("", description="the part's planned figure as printed")
    reported: str = Field("", description="the figure the evidence reports for it, as printed")
    matched: str = Field("", description="the words the evidence shares with the part's object")
    score: float = Field(description="how likely the part's status is right (the fitted decisions' "
                                     "probability)")
    evidence: Evidence | None = Field(None, description="the part's best evidence")


class CommitmentResult(Model):
    commitment_id: str
    section_id: str
    text: str
    status: CommitmentStatus = Field(description="delivered when every checked part is, "
                                                 "not_reported when none is reported, else partial")
    confidence: float = Field(description="the one score: how likely the status is right (its "
                                          "least sure part's)")
    evidence: list[Evidence] = []
    cues: list[str] = Field([],
                            description="why the status: the completion cue (建成, 出台了…) or the "
                                             "reported figure the best evidence states")
    location: str = Field("", description="where the measure stands in year N's report")
    quantity: PlannedQuantity | None = Field(None, description="the quantity the measure plans")
    carried_over: Evidence | None = Field(
        None, description="the sentence of N+1's plan part continuing the measure (never evidence "
                          "of delivery)")
    completion_cue: str = Field("", description="the completion cues its delivered parts rest on "
                                                "(建成、出台了)")
    planned: list[str] = Field([], description="the figures its parts plan, as printed, in order")
    reported: list[str] = Field([], description="the figure the review reports for each planned "
                                                "one ('' when none)")
    matched: str = Field("", description="the object the evidence names: the words it shares with "
                                         "each reported part")
    to_verify: bool = Field(False, description="the score is below the fitted band: a reviewer "
                                               "should check it (待核实)")
    parts: list[PartResult] = Field([], description="its parts, each traced alone")


class PlanSectionResult(Model):
    """A plan section's status, rolled up from its measures' (rollups.rollup)."""
    section_id: str
    label_path: list[str] = []
    status: CommitmentStatus
    counts: dict[str, int] = Field(description="measures by status")


class TargetResult(Model):
    target_id: str
    indicator: str
    text: str = ""
    comparator: Comparator
    low: float | None
    high: float | None
    unit: str
    change: Literal["rise", "fall"] = "rise"
    actual: float | None = Field(description="signed like the target: a fall reported against a "
                                             "growth target is "
                                                "negative, against a reduction target positive")
    actual_qualifier: str = Field("", description="the word that makes the actual inexact, as "
                                                  "printed (超过, 左右, 近…)")
    actual_text: str | None
    verdict: Verdict
    note: str = Field("", description="why a reviewer should check the verdict: far_below (met, "
                                      "but far from its value), needs_both, relation (the two "
                                      "figures a relation compares), qualitative_quoted, "
                                      "qualitative_silent, parts (a combined indicator's two "
                                      "parts, its own figure not given), "
                                      "named_without_figure (the review names the indicator, "
                                      "no figure of the year), point_in_time (a whole-year "
                                      "bound met on a figure of one moment: 年末) "
                                      "(TargetNote), which "
                                      "renderers phrase; "
                                      "an older comparison's English prose is shown as is")
    note_values: dict[str, float | str] = Field({}, description="the figures and names the note "
                                                                "speaks of (actual, value; left, "
                                                                "right, left_value, right_value)")


class MetricChange(Model):
    part: MetricPart | None = Field(None, description="review: the figure each report gives for "
                                                      "the year it reviews; "
                                                       "plan: for the year it plans (None: not "
                                                       "recorded)")
    subject: str
    unit: str
    old: float
    new: float
    change: float
    change_pct: float | None


class ShortcomingResult(Model):
    shortcoming_id: str
    text: str
    status: ShortcomingStatus
    evidence: list[Evidence] = []


class SectionNames(Model):
    old: dict[str, tuple[str, str]] = Field({},
                                            description="OLD's section id → (label path, heading)")
    new: dict[str, tuple[str, str]] = Field({},
                                            description="NEW's section id → (label path, heading)")


class Comparison(Model):
    """Year N's report against year N+1's (compare_reports): the sections aligned, every measure
    traced with its status and evidence (`commitments`), targets judged, shortcomings followed, the
    sentences diffed; views.ledger and the other views turn it into DataFrames."""
    old: ReportRef
    new: ReportRef
    sections: SectionNames = Field(SectionNames(),
                                   description="so every renderer names sections as printed")
    engine_version: str
    warnings: list[str] = []
    alignment: list[AlignedSection] = []
    diffs: list[SectionDiff] = []
    commitments: list[CommitmentResult] = Field([], description="one per plan measure of OLD")
    plan_sections: list[PlanSectionResult] = Field([], description="OLD's plan sections, rolled up")
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
