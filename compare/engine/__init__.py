"""compare_reports: two stored reports of consecutive years → one `Comparison`.

Each step is its own module and pure function (align, diff, track, judge, metrics);
this module only checks the pair makes sense and wires the steps together.
"""
from __future__ import annotations

from compare import __version__
from compare.engine.align import align_sections
from compare.engine.diff import diff_sections
from compare.engine.judge import judge_targets
from compare.engine.metrics import metric_changes
from compare.engine.passages import one_comparison
from compare.engine.rollups import section_rollups
from compare.engine.shortcomings import track_shortcomings
from compare.engine.track import track_commitments
from compare.errors import YoyError
from compare.kinds import load_kind
from compare.schema import Comparison, Report, ReportRef, SectionNames

ENGINE_VERSION = __version__


def ref(r: Report) -> ReportRef:
    return ReportRef(kind=r.kind, region=r.region, year=r.year, review_year=r.review_year,
                     plan_year=r.plan_year, title=r.title)


def check_pair(old: Report, new: Report, *, force: bool = False,
               where: str = "compare") -> list[str]:
    """Refuse pairs that cannot be compared (unless `force`); return warnings for weak ones."""
    problems = []
    if (old.region, old.kind) != (new.region, new.kind):
        problems.append(f"different reports: {old.region}/{old.kind} vs {new.region}/{new.kind}")
    if old.plan_year != new.review_year:
        problems.append(f"not consecutive: OLD plans {old.plan_year} but NEW reviews "
                        f"{new.review_year}")
    if problems and not force:
        raise YoyError(where, "; ".join(problems), hint="force")
    warnings = [f"forced: {p}" for p in problems]
    if not old.commitments and not old.targets:
        warnings.append(f"{old.title} ({old.year}) has no plan part: nothing to track")
    return warnings


def compare_reports(old: Report, new: Report, *, force: bool = False, templates=None,
                    model="shipped") -> Comparison:
    """Align, diff and track `old` (year N) against `new` (year N+1). `model`: the tracker's fitted
    decisions (`engine.model`), the shipped ones by default, None for its rules alone.

    >>> from compare.store import load_report
    >>> cmp = compare_reports(load_report("reports/2021/国务院-gov-work-report.yaml"),
    ...                       load_report("reports/2022/国务院-gov-work-report.yaml"))
    >>> cmp.old.year, cmp.new.year, [(t.actual, t.verdict) for t in cmp.targets
    ...                              if t.indicator == "国内生产总值"]
    (2021, 2022, [(8.1, 'met')])
    """
    warnings = check_pair(old, new, force=force)
    kind = load_kind(old.kind, templates)
    alignment = align_sections(old, new)
    with one_comparison():  # the steps read the same sentences of a report: once
        targets = judge_targets(old, new, kind)
        commitments = track_commitments(old, new, kind, model=model, targets=targets)
        return Comparison(
            old=ref(old), new=ref(new), engine_version=ENGINE_VERSION, warnings=warnings,
            sections=SectionNames(old=old.headings(), new=new.headings()),
            alignment=alignment,
            diffs=diff_sections(old, new, alignment),
            commitments=commitments,
            plan_sections=section_rollups(old, commitments),
            targets=targets,
            metrics=metric_changes(old, new, kind),
            shortcomings=track_shortcomings(old, new, kind),
        )
