"""pandas views of comparisons, for notebooks: one DataFrame a table, statuses as Categoricals.

    ledger(cmp)              year N's plan measures: status, evidence and where it
                             stands, planned figure
    plan_sections(cmp)       N's plan sections, each rolled up from its measures
    targets(cmp)             N's targets: value, the actual N+1 reports, verdict
    shortcomings(cmp)        N's problems followed into N+1
    diffs(cmp)               the sentence pairs of aligned sections
    alignment(cmp)           N's sections ↔ N+1's
    metrics(cmp)             figures stated in both years
    panel(store)             every pair of a store: one row per region × year × measure or target
    write_frame(frame, path) a panel (or any view) as .csv or .parquet

A status column's categories are its whole vocabulary, in the schema's order, so counts show
the statuses no row has. The panel's `status` holds measures' and targets' vocabularies, which
share `not_reported`: count it per `row`.

    >>> from compare import compare_reports, load_report, views
    >>> cmp = compare_reports(load_report("reports/2022/国务院-gov-work-report.yaml"),
    ...                       load_report("reports/2023/国务院-gov-work-report.yaml"))
    >>> views.targets(cmp).verdict.cat.categories.tolist()
    ['met', 'missed', 'not_reported']

Each function's examples build that `cmp` again, so that each runs on its own (`python -m
doctest compare/views.py`, a notebook's cell).
"""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, get_args

from compare.errors import YoyError
from compare.schema import (
    Change,
    CommitmentStatus,
    Comparator,
    Comparison,
    ShortcomingStatus,
    TargetResult,
    Verdict,
)

if TYPE_CHECKING:
    import pandas as pd

    from compare.kinds import Kind
    from compare.schema import Report
    from compare.workbook.template import Template

__all__ = ["ledger", "plan_sections", "targets", "shortcomings", "diffs", "alignment", "metrics",
           "panel", "write_frame"]

SentenceChange = Literal["same", "edited", "added", "removed"]  # of a sentence pair (diffs)
# the panel's kinds of row, and its statuses: both vocabularies, `not_reported` once
PanelRow = Literal["measure", "target"]
PanelStatus = Literal["delivered", "partial", "not_reported", "met", "missed"]
PANEL_COLUMNS = ["region", "kind", "year", "plan_year", "reviewed_in", "row", "id", "section",
                 "text", "indicator",
                 "status", "planned", "planned_low", "planned_high", "unit", "actual", "reported",
                 "evidence", "evidence_at",
                 "confidence", "carried_over", "review_status", "review_note", "indicator_named"]


def _frame(rows: list[dict[str, Any]], columns: list[str], **vocabularies: Any) -> pd.DataFrame:
    """A DataFrame of `rows`; each column named in `vocabularies` Categorical over
    that Literal's values."""
    import pandas as pd
    frame = pd.DataFrame(rows, columns=columns)
    for column, vocabulary in vocabularies.items():
        frame[column] = pd.Categorical(frame[column], categories=list(get_args(vocabulary)))
    return frame


def _section(cmp: Comparison, section_id: str | None, side: str = "old") -> str | None:
    """A section as printed (label path and heading), e.g. 三、（一）深化改革."""
    if section_id is None:
        return None
    label, heading = getattr(cmp.sections, side).get(section_id, ("", section_id))
    return f"{label}{heading}"


def ledger(cmp: Comparison) -> pd.DataFrame:
    """Year N's plan measures, one row each, as on the workbook's ledger sheet.

    `status` (delivered, partial, not_reported) comes with the best evidence sentence of N+1's
    review and where it stands (`evidence_at`), the planned figure as printed, why (`cues`: each
    reported part's completion cue or reported figure), and N+1's plan sentence that carries the
    measure over, if any.

    >>> from compare import compare_reports, load_report, views
    >>> cmp = compare_reports(load_report("reports/2022/国务院-gov-work-report.yaml"),
    ...                       load_report("reports/2023/国务院-gov-work-report.yaml"))
    >>> frame = views.ledger(cmp)
    >>> frame.status.cat.categories.tolist()
    ['delivered', 'partial', 'not_reported']
    >>> frame.loc[frame.planned == "约2.5万亿元",  # doctest: +NORMALIZE_WHITESPACE
    ...           ["status", "cues", "evidence_at"]].to_dict("records")
    [{'status': 'partial', 'cues': '超过2.4万亿元',
      'evidence_at': '2023年报告 一、第3段'}]
    """
    return _frame([{
        "commitment_id": c.commitment_id, "section_id": c.section_id, "text": c.text,
        "status": c.status,
        "confidence": c.confidence,
        "evidence": c.evidence[0].text if c.evidence else None,
        "evidence_at": c.evidence[0].location if c.evidence else None,
        "planned": c.quantity.text if c.quantity else None, "cues": "、".join(c.cues),
        "carried_over": c.carried_over.text if c.carried_over else None,
    } for c in cmp.commitments], ["commitment_id", "section_id", "text", "status", "confidence",
                                  "evidence", "evidence_at", "planned", "cues", "carried_over"],
        status=CommitmentStatus)


def plan_sections(cmp: Comparison) -> pd.DataFrame:
    """N's plan sections, each rolled up from its measures (delivered / partial /
    not_reported counts).

    >>> from compare import compare_reports, load_report, views
    >>> cmp = compare_reports(load_report("reports/2022/国务院-gov-work-report.yaml"),
    ...                       load_report("reports/2023/国务院-gov-work-report.yaml"))
    >>> sections = views.plan_sections(cmp)
    >>> sections.label.head(3).tolist()
    ['三、（一）', '三、（二）', '三、（三）']
    >>> sections.columns.tolist()
    ['section_id', 'label', 'status', 'delivered', 'partial', 'not_reported']
    """
    return _frame([{"section_id": s.section_id, "label": "".join(s.label_path),
                    "status": s.status, **s.counts}
                   for s in cmp.plan_sections],
                  ["section_id", "label", "status", "delivered", "partial", "not_reported"],
                  status=CommitmentStatus)


def targets(cmp: Comparison) -> pd.DataFrame:
    """N's targets: the planned value (`low`, `high`, `unit`, `comparator`), the `actual` N+1
    reports for year N alone with the sentence it was read from, and the `verdict`.

    >>> from compare import compare_reports, load_report, views
    >>> cmp = compare_reports(load_report("reports/2022/国务院-gov-work-report.yaml"),
    ...                       load_report("reports/2023/国务院-gov-work-report.yaml"))
    >>> frame = views.targets(cmp)
    >>> frame.loc[frame.verdict == "missed",
    ...           ["indicator", "low", "actual", "unit"]].to_dict("records")
    [{'indicator': '国内生产总值', 'low': 5.5, 'actual': 3.0, 'unit': '%'}]
    """
    return _frame([t.model_dump() for t in cmp.targets], list(TargetResult.model_fields),
                  verdict=Verdict, comparator=Comparator)


def shortcomings(cmp: Comparison) -> pd.DataFrame:
    """N's problems, one each, followed into N+1: `unresolved` when N+1's problem list names it
    again, `addressed` when its review speaks of it, else `not_mentioned`.

    >>> from compare import compare_reports, load_report, views
    >>> cmp = compare_reports(load_report("reports/2022/国务院-gov-work-report.yaml"),
    ...                       load_report("reports/2023/国务院-gov-work-report.yaml"))
    >>> frame = views.shortcomings(cmp)
    >>> frame.status.cat.categories.tolist()
    ['unresolved', 'addressed', 'not_mentioned']
    >>> frame.loc[frame.status == "unresolved", "text"].iloc[0]
    '世界经济复苏动力不足'
    """
    return _frame([{
        "shortcoming_id": s.shortcoming_id, "text": s.text, "status": s.status,
        "evidence": s.evidence[0].text if s.evidence else None,
        "evidence_at": s.evidence[0].location if s.evidence else None,
    } for s in cmp.shortcomings], ["shortcoming_id", "text", "status", "evidence", "evidence_at"],
        status=ShortcomingStatus)


def diffs(cmp: Comparison) -> pd.DataFrame:
    """The sentence pairs of aligned sections, in reading order: `change` is `same`, `edited`,
    `added` (only in N+1) or `removed` (only in N); `opcodes` are difflib's, over characters.

    >>> from compare import compare_reports, load_report, views
    >>> cmp = compare_reports(load_report("reports/2022/国务院-gov-work-report.yaml"),
    ...                       load_report("reports/2023/国务院-gov-work-report.yaml"))
    >>> frame = views.diffs(cmp)
    >>> frame.change.cat.categories.tolist()
    ['same', 'edited', 'added', 'removed']
    >>> frame.loc[frame.change == "edited", ["old", "new"]].iloc[0].to_dict()
    {'old': '2021年工作回顾。', 'new': '过去一年和五年工作回顾。'}
    """
    rows = []
    for d in cmp.diffs:
        for p in d.pairs:
            change = "added" if p.old is None else "removed" if p.new is None else \
                "same" if p.old == p.new else "edited"
            rows.append({"old_section": _section(cmp, d.old_id),
                         "new_section": _section(cmp, d.new_id, "new"),
                         "change": change, "similarity": p.similarity, "old": p.old, "new": p.new,
                         "opcodes": p.opcodes})
    return _frame(rows, ["old_section", "new_section", "change", "similarity", "old",
                         "new", "opcodes"],
                  change=SentenceChange)


def alignment(cmp: Comparison) -> pd.DataFrame:
    """N's sections ↔ N+1's by id, with the similarity and the `change` (same, edited,
    moved, added, removed).

    >>> from compare import compare_reports, load_report, views
    >>> cmp = compare_reports(load_report("reports/2022/国务院-gov-work-report.yaml"),
    ...                       load_report("reports/2023/国务院-gov-work-report.yaml"))
    >>> views.alignment(cmp)[["old_id", "new_id", "change"]].head(2).to_dict(
    ...     "records")  # doctest: +NORMALIZE_WHITESPACE
    [{'old_id': 's1', 'new_id': 's1', 'change': 'edited'},
     {'old_id': 's3', 'new_id': 's2', 'change': 'moved'}]
    """
    return _frame([a.model_dump() for a in cmp.alignment], ["old_id", "new_id", "score", "change"],
                  change=Change)


def metrics(cmp: Comparison) -> pd.DataFrame:
    """Figures stated in both years, with the change and the change in percent.

    >>> from compare import compare_reports, load_report, views
    >>> cmp = compare_reports(load_report("reports/2022/国务院-gov-work-report.yaml"),
    ...                       load_report("reports/2023/国务院-gov-work-report.yaml"))
    >>> views.metrics(cmp).columns.tolist()
    ['subject', 'unit', 'old', 'new', 'change', 'change_pct']
    """
    import pandas as pd
    return pd.DataFrame([m.model_dump() for m in cmp.metrics],
                        columns=["subject", "unit", "old", "new", "change", "change_pct"])


def panel(store: Path | str = "reports", *, templates: Path | str | None = None,
          out: Path | str | None = None) -> pd.DataFrame:
    """Every pair of reports in `store` compared, as one tidy table for pandas or R: one row per
    region × year × measure or target of year N's plan, with its status, planned and actual
    figures, evidence and where it stands, and the reviewer's decision when one is stored.

    `row` says what a row is (measure, target); `status` holds both vocabularies, so count them
    per `row`. Cells are the comparison workbook's (docs/api.md lists the columns): `planned` its
    计划数 (a target's value as the 台账 prints it), `reported` a measure's 实际数, `actual` a
    target's 实际值, `evidence_at` where the evidence stands (a target's: where N+1 prints it).
    A file of the store that cannot be read stops the panel (a panel silently missing its pairs
    would mislead): `yoy validate` names them all. Reviews stored under an id that has
    changed since follow their row by text, as in the workbooks; each such move is listed in
    `frame.attrs["warnings"]`. With `out`, where `yoy run` wrote its outputs, a pair that run
    would skip now (nothing it is made from changed) is read from its JSON there, not compared
    again: the same rows, several times faster.

    >>> from compare import views
    >>> frame = views.panel("reports")
    >>> years = frame.drop_duplicates(["region", "year"])[["region", "year", "reviewed_in"]]
    >>> years.values.tolist()  # doctest: +NORMALIZE_WHITESPACE
    [['国务院', 2021, 2022], ['国务院', 2022, 2023], ['盐田区', 2020, 2021], ['盐田区', 2021, 2022],
     ['盐田区', 2022, 2023], ['盐田区', 2023, 2024], ['盐田区', 2024, 2025]]
    >>> frame.status.cat.categories.tolist()
    ['delivered', 'partial', 'not_reported', 'met', 'missed']
    >>> frame.columns.tolist()[:11]  # doctest: +NORMALIZE_WHITESPACE
    ['region', 'kind', 'year', 'plan_year', 'reviewed_in', 'row', 'id', 'section', 'text',
     'indicator', 'status']
    """
    import tempfile

    from compare.engine import compare_reports
    from compare.jobs.index import plan_pairs, read_entry, usable
    from compare.jobs.run import run_comparisons
    from compare.kinds import load_kind
    from compare.store import load_comparison, load_report, report_files
    from compare.store.reviews import comparison_ids, load_reviews, reattach, reviews_path
    from compare.workbook.template import load_template
    store = Path(store)
    tpl = load_template(Path(templates) if templates else None)
    rows: list[dict[str, Any]] = []
    warnings: list[str] = []
    with tempfile.TemporaryDirectory(prefix="yoy-panel-") as folder:
        cache = Path(folder)  # each report parsed once, for its entry and both its pairs
        entries, broken = usable(read_entry(store, str(f.relative_to(store)), cache)
                                 for f in report_files(store))
        for path, why in broken:
            raise YoyError(store / path, why)
        pairs = plan_pairs(entries, store)
        written = run_comparisons(pairs, store, Path(out),
                                  Path(templates) if templates else None) if out else {}
        for pair in pairs:
            new = load_report(pair.new_path, cache)
            cmp = (load_comparison(written[pair], diffs=False) if pair in written else
                   compare_reports(load_report(pair.old_path, cache), new, templates=templates))
            reviews = load_reviews(reviews_path(store, pair.region, pair.kind, pair.old_year,
                                                pair.new_year))
            if reviews is not None:
                reviews, moved = reattach(reviews, comparison_ids(cmp))
                warnings += moved
            rows += _panel_rows(cmp, reviews, new, tpl, load_kind(cmp.old.kind, templates))
    frame = _frame(rows, PANEL_COLUMNS, row=PanelRow, status=PanelStatus)
    frame["carried_over"] = frame["carried_over"].astype("boolean")  # a target has none: <NA>
    frame.attrs["warnings"] = warnings
    return frame


def _panel_rows(cmp: Comparison, reviews: Any, new: Report, tpl: Template,
                kind: Kind) -> list[dict[str, Any]]:
    """A pair's panel rows: each cell as the workbooks show it (the same functions fill both);
    a target's `indicator` is the template's key its series is followed by, `indicator_named`
    the indicator as its clause names it (地区生产总值 where the key is 国内生产总值), as 目标 shows
    it."""
    from compare.engine.passages import located
    from compare.workbook.ledger import best_first, planned_figures, reported_figures, where
    from compare.workbook.plan_targets import target_value
    pair = {"region": cmp.old.region, "kind": cmp.old.kind, "year": cmp.old.year,
            "plan_year": cmp.old.plan_year,
            "reviewed_in": cmp.new.year}

    def review(ledger: str, rid: str) -> dict[str, str | None]:
        entry = getattr(reviews, ledger).get(rid) if reviews is not None else None
        return {"review_status": entry.status if entry else None, "review_note": entry.note
                if entry else None}
    rows = []
    for c in cmp.commitments:
        q = c.quantity
        best = best_first(c.evidence)[0] if c.evidence else None
        rows.append({**pair, "row": "measure", "id": c.commitment_id,
                     "section": _section(cmp, c.section_id),
                     "text": c.text, "status": c.status, "planned": planned_figures(c),
                     "planned_low": q.value if q else None, "planned_high": q.high if q else None,
                     "unit": q.unit if q else None, "reported": reported_figures(c),
                     "evidence": best.text if best else None,
                     "evidence_at": where(best) if best else None,
                     "confidence": c.confidence, "carried_over": c.carried_over is not None,
                     **review("commitments", c.commitment_id)})
    for t in cmp.targets:
        rows.append({**pair, "row": "target", "id": t.target_id, "text": t.text,
                     "indicator": t.indicator, "indicator_named": kind.named(t.indicator, t.text),
                     "status": t.verdict, "planned": target_value(t, tpl, "zh"),
                     "planned_low": t.low, "planned_high": t.high, "unit": t.unit,
                     "actual": t.actual, "evidence": t.actual_text,
                     "evidence_at": located(new, t.actual_text) or None if t.actual_text else None,
                     **review("targets", t.target_id)})
    return rows


def write_frame(frame: pd.DataFrame, path: Path | str, *, lang: str = "zh",
                templates: Path | str | None = None) -> pd.DataFrame:
    """Write `frame` (a panel, or any view) to `path` and return it: CSV (UTF-8 with a BOM, so
    that Excel on a Chinese Windows opens it by double-click; pandas' read_csv and R's readr skip
    it, base R's read.csv needs fileEncoding = "UTF-8-BOM"); an Excel workbook when `path` ends in
    .xlsx, its columns explained on its 说明 sheet (in `lang`, from the workbook template in
    `templates`); Parquet when it ends in .parquet (needs pyarrow: pip install 'yoy[parquet]').
    The file is replaced whole or not at all.

    >>> from compare import compare_reports, load_report, views
    >>> cmp = compare_reports(load_report("reports/2022/国务院-gov-work-report.yaml"),
    ...                       load_report("reports/2023/国务院-gov-work-report.yaml"))
    >>> import tempfile, pandas as pd
    >>> path = f"{tempfile.mkdtemp()}/targets.csv"
    >>> written = views.write_frame(views.targets(cmp), path)
    >>> pd.read_csv(path).indicator.head(2).tolist()
    ['国内生产总值', '城镇新增就业']
    """
    from compare.files import atomic_write
    path = Path(path)
    if path.suffix.lower() == ".parquet":
        import io
        from importlib.util import find_spec
        # pandas' own message names two engines and no way to get either
        if find_spec("pyarrow") is None:
            raise YoyError(path, "writing Parquet needs pyarrow", hint="parquet")
        buffer = io.BytesIO()
        frame.to_parquet(buffer, index=False)
        data = buffer.getvalue()
    elif path.suffix.lower() == ".xlsx":
        from compare.workbook.panel import write_panel
        write_panel(frame, path, lang=lang, templates=Path(templates) if templates else None)
        return frame
    else:
        data = frame.to_csv(index=False, lineterminator="\n").encode("utf-8-sig")
    atomic_write(path, data)
    return frame
