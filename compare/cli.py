"""The `yoy` command: thin click wrappers over the Python API.

Library errors (`YoyError`) become one line on stderr and exit code 2;
anything else is a bug: one line, exit 1, traceback only with --debug.
"""
from __future__ import annotations

import math
import sys
from collections.abc import Sequence
from pathlib import Path

import click

from compare import __version__
from compare.errors import YoyError


class _Group(click.Group):
    def invoke(self, ctx: click.Context):
        try:
            result = super().invoke(ctx)
            # flushed here, not at exit, so that stdout on a full device is reported as such
            if sys.stdout is not None:  # None: started with stdout closed
                sys.stdout.flush()
            return result
        except YoyError as e:
            _error(e.where, _reason(e))
        except (click.exceptions.Exit, click.ClickException, click.Abort, SystemExit):
            raise
        except BrokenPipeError:  # `yoy show … | head`: the reader left, nothing to report
            sys.stderr.close()
            sys.exit(0)
        except OSError as e:  # the machine refused a read or write (full disk, permissions…)
            if ctx.obj and ctx.obj.get("debug"):
                raise
            # an OSError without a file name on the way out is stdout's (echo, flush)
            _error(e.filename or "<stdout>", e.strerror or str(e))
        except Exception as e:  # a bug, not bad input
            if ctx.obj and ctx.obj.get("debug"):
                raise
            click.echo(f"yoy: error: internal error: {type(e).__name__}: {e} (rerun with --debug)", err=True)
            sys.exit(1)


# What to type to get past a refusal, by the library's hint (YoyError.hint).
HINTS = {"force": "use --force to compare anyway", "overwrite": "pass --overwrite to replace it"}


def _reason(e: YoyError) -> str:
    """The library's reason, with what to type to get past it."""
    return f"{e.reason}; {HINTS.get(e.hint, e.hint)}" if e.hint else e.reason


def _error(where: object, reason: str) -> None:
    # once stdout has failed, its buffer would fail again at exit: drop it
    try:
        if sys.stdout is not None:
            sys.stdout.flush()
    except OSError:
        sys.stdout = None
    click.echo(f"yoy: error: {where}: {reason}", err=True)
    sys.exit(2)


# ---- option checks: one line and exit 2, as for bad input files ---------------------

YEARS = (1900, 2200)  # nominal years a stored report may have
MAX_SIZE_MB = 2000.0


def _check_year(ctx: click.Context, param: click.Parameter, value: int | None) -> int | None:
    if value is not None and not YEARS[0] <= value <= YEARS[1]:
        raise YoyError(param.opts[0], f"{value} is not a year between {YEARS[0]} and {YEARS[1]}")
    return value


def _check_name(what: str):
    def check(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
        if value is None or (what == "kind" and value == "auto"):
            return value
        from compare.files import safe_name
        from compare.text import clean_name
        try:
            # a region typed or pasted with an invisible character or a stray space is the same unit
            return safe_name(clean_name(value) if what == "region" else value, what)
        except YoyError as e:
            raise YoyError(param.opts[0], f"{e.reason}: {e.where}") from None
    return check


def _check_size(ctx: click.Context, param: click.Parameter, value: float) -> float:
    if not (math.isfinite(value) and 0 < value <= MAX_SIZE_MB):
        raise YoyError(param.opts[0], f"{value} is not a size in MB between 0 and {MAX_SIZE_MB:g}")
    return value


def _check_jobs(ctx: click.Context, param: click.Parameter, value: int | None) -> int | None:
    if value is not None and not 1 <= value <= 256:
        raise YoyError(param.opts[0], f"{value} is not a number of jobs between 1 and 256")
    return value


def _output(path: Path | None, store: Path) -> Path | None:
    """`path` checked as a place yoy may write (see store.check_output)."""
    from compare.store import check_output
    return None if path is None else check_output(path, store)


@click.group(cls=_Group)
@click.version_option(__version__, prog_name="yoy")
@click.option("--debug", is_flag=True, help="Show tracebacks of internal errors.")
@click.option("--templates", type=click.Path(exists=True, file_okay=False, path_type=Path), envvar="YOY_TEMPLATES",
              help="Your own templates (kinds/*.yaml, workbook.yaml) tried before the shipped ones [env: YOY_TEMPLATES].")
@click.pass_context
def main(ctx: click.Context, debug: bool, templates: Path | None) -> None:
    """Compare a government unit's yearly reports year over year.

    \b
    yoy ingest report.txt --kind fazhi       # add a report to the store
    yoy list                                 # what the store holds
    yoy compare --region 国务院 --kind gov-work-report --from 2022 --to 2023
    yoy run                                  # every pair, every workbook
    yoy --templates my-templates ingest r.txt --kind audit   # a kind of your own
    """
    # $YOY_TEMPLATES is read here (click's envvar) and nowhere else: every command passes it on
    ctx.obj = {"debug": debug, "templates": templates}
    if not debug:
        import logging
        # pypdf and trafilatura log warnings about damaged input; the user gets our one line instead
        logging.disable(logging.WARNING)


store_option = click.option("--store", type=click.Path(path_type=Path), default=Path("reports"),
                            show_default=True, help="The report store.")
discard_option = click.option("--discard-edits", is_flag=True,
                              help="Replace a workbook whose typed cells cannot be imported (it is kept as a backup).")


def _kept(kept) -> None:
    """What was done with a workbook's typed cells before it was rewritten (jobs.guard)."""
    for w in dict.fromkeys(kept.warnings):
        click.echo(f"yoy: warning: {w}", err=True)
    for note in kept.notes:
        click.echo(note)


@main.command()
@click.argument("files", nargs=-1, required=True)
@click.option("--kind", default="auto", show_default=True, callback=_check_name("kind"),
              help="Report kind (a template under templates/kinds/).")
@click.option("--region", callback=_check_name("region"), help="Region, when the title does not name it.")
@click.option("--year", type=int, callback=_check_year, help="The report's nominal year, when the title does not give it (one file).")
@click.option("--url", help="Where the report was published (one file).")
@click.option("--encoding", help="Text encoding, overriding detection.")
@click.option("--max-size", type=float, default=20, show_default=True, callback=_check_size,
              help="Refuse inputs larger than this many MB (at most 2000).")
@store_option
@click.option("--overwrite", is_flag=True, help="Replace a stored report that differs (e.g. edited by hand).")
@click.option("--json", "as_json", is_flag=True, help="Print the stored report as JSON instead of a summary (one file).")
@click.pass_obj
def ingest(obj, files, kind, region, year, url, encoding, max_size, store, overwrite, as_json):
    """Parse FILES (text, HTML, Word, PDF; folders of them; - for stdin) into the store, one line each.

    \b
    yoy ingest 新余市-2021年度法治政府建设情况.txt --kind fazhi --url http://…
    yoy ingest downloads/ --kind gov-work-report      # every report file under a folder
    """
    from compare.jobs.ingest_file import ingest_files, report_files
    many = len(report_files(files)) > 1
    for option, value in (("--year", year), ("--url", url), ("--json", as_json)):
        if value and many:
            raise click.UsageError(f"{option} applies to one file; give one file, or leave it out")
    failed = False
    for done in ingest_files(files, kind=kind, region=region, year=year, url=url, encoding=encoding, store=store,
                             overwrite=overwrite, max_bytes=int(max_size * 1_000_000),
                             templates=obj["templates"]):
        for w in done.warnings:
            click.echo(f"yoy: warning: {w}", err=True)
        report = done.report
        if done.error is not None or report is None:
            failed = True
            if done.error is not None:
                click.echo(f"yoy: error: {done.error.where}: {_reason(done.error)}", err=True)
            continue
        if as_json:
            click.echo(report.model_dump_json(indent=2))
            continue
        items = sum(len(s.items) for s, _ in report.walk())
        n_sections = sum(1 for _ in report.walk())
        click.echo(f"{done.path}{'' if done.changed else ' (unchanged)'}: {n_sections} sections, {items} items, "
                   f"{len(report.commitments)} commitments, {len(report.targets)} targets, "
                   f"{len(report.metrics)} metrics, {len(report.shortcomings)} shortcomings")
    if failed:
        sys.exit(2)


@main.command()
@click.argument("report", type=click.Path(path_type=Path))
def show(report: Path):
    """Print a stored report's outline with counts.

    \b
    yoy show reports/2021/新余市-fazhi.yaml
    """
    from compare.store import load_report
    r = load_report(report)
    click.echo(f"{r.title}  [{r.kind}] {r.region} {r.year} (reviews {r.review_year}, plans {r.plan_year})")
    for s, _ in r.walk():
        counts = f"{len(s.paragraphs)} ¶, {len(s.items)} items" + (f", {len(s.children)} sub" if s.children else "")
        click.echo(f"{'  ' * s.level}{s.label}{s.heading}  <{s.role}> ({counts})")
    click.echo(f"commitments {len(r.commitments)}, targets {len(r.targets)}, "
               f"metrics {len(r.metrics)}, shortcomings {len(r.shortcomings)}")


@main.command("list")
@store_option
def list_(store: Path):
    """List the stored reports as a table.

    \b
    yoy list --store reports
    """
    from compare.store import load_report, report_files
    rows = [("year", "region", "kind", "title", "sections", "commitments", "targets", "metrics")]
    for path in report_files(store):
        r = load_report(path)
        rows.append((str(r.year), r.region, r.kind, r.title, str(sum(1 for _ in r.walk())),
                     str(len(r.commitments)), str(len(r.targets)), str(len(r.metrics))))
    _table(rows)


def _table(rows: Sequence[tuple[str, ...]]) -> None:
    from unicodedata import east_asian_width

    def width(s: str) -> int:
        return sum(2 if east_asian_width(c) in "WF" else 1 for c in s)
    widths = [max(width(r[i]) for r in rows) for i in range(len(rows[0]))]
    for r in rows:
        click.echo("  ".join(c + " " * (w - width(c)) for c, w in zip(r, widths, strict=True)).rstrip())


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@store_option
def validate(paths, store):
    """Check stored reports against the schema (default: the whole store).

    \b
    yoy validate reports/2022/国务院-gov-work-report.yaml
    """
    from compare.store import validate_reports
    files = validate_reports([Path(p) for p in paths], store)
    click.echo(f"{len(files)} report(s) valid")


@main.command("compare")
@click.argument("old", required=False, type=click.Path(path_type=Path))
@click.argument("new", required=False, type=click.Path(path_type=Path))
@click.option("--region", callback=_check_name("region"), help="With --kind/--from/--to: pick the pair from the store.")
@click.option("--kind", callback=_check_name("kind"), help="Report kind of the pair.")
@click.option("--from", "from_year", type=int, callback=_check_year, help="Year of the older report.")
@click.option("--to", "to_year", type=int, callback=_check_year, help="Year of the newer report.")
@store_option
@click.option("--json", "json_path", type=click.Path(path_type=Path), help="Write the whole Comparison as JSON.")
@click.option("-o", "--output", type=click.Path(path_type=Path), help="Workbook path [default: output/<region>/<kind>-<old>-<new>.xlsx].")
@click.option("--no-workbook", is_flag=True, help="Only print the summary (and --json).")
@click.option("--lang", type=click.Choice(["zh", "en"]), default="zh", show_default=True, help="Workbook language.")
@click.option("--force", is_flag=True, help="Compare reports of different regions/kinds or non-consecutive years.")
@discard_option
@click.pass_obj
def compare_cmd(obj, old, new, region, kind, from_year, to_year, store, json_path, output, no_workbook, lang, force,
                discard_edits):
    """Compare two yearly reports: alignment, diff, plan tracking, targets.

    \b
    yoy compare reports/2022/国务院-gov-work-report.yaml reports/2023/国务院-gov-work-report.yaml
    yoy compare --region 国务院 --kind gov-work-report --from 2022 --to 2023 --json cmp.json
    """
    from compare.jobs.pipeline import compare_pair, pair_paths
    if old is None or new is None:
        if not (region and kind and from_year and to_year):
            raise click.UsageError("give OLD and NEW report files, or --region, --kind, --from and --to")
        old, new = pair_paths(store, region, kind, from_year, to_year)
    json_path = _output(json_path, store)
    output = _output(output, store)
    result = compare_pair(old, new, store=store, json_path=json_path, lang=lang, force=force,
                          workbook=None if no_workbook else (output or "default"), discard_edits=discard_edits,
                          templates=obj["templates"])
    cmp = result.comparison
    for w in dict.fromkeys(result.kept.warnings + cmp.warnings):
        click.echo(f"yoy: warning: {w}", err=True)
    for note in result.kept.notes:
        click.echo(note)
    click.echo(summary_line(cmp))
    if result.workbook:
        click.echo(f"workbook: {result.workbook}")


def summary_line(cmp) -> str:
    from collections import Counter
    from typing import get_args

    from compare.schema import CommitmentStatus, ShortcomingStatus, Verdict

    def counts(values, vocabulary) -> str:
        c = Counter(values)
        return ", ".join(f"{k} {c[k]}" for k in get_args(vocabulary) if c[k]) or "none"
    return (f"{cmp.old.region} {cmp.old.kind} {cmp.old.year}→{cmp.new.year}: "
            f"commitments [{counts((x.status for x in cmp.commitments), CommitmentStatus)}] "
            f"targets [{counts((x.verdict for x in cmp.targets), Verdict)}] "
            f"shortcomings [{counts((x.status for x in cmp.shortcomings), ShortcomingStatus)}]")


@main.command()
@store_option
@click.option("--out", type=click.Path(path_type=Path), default=Path("output"), show_default=True,
              help="Where workbooks go.")
@click.option("--jobs", type=int, default=None, callback=_check_jobs, help="Pairs compared in parallel [default: number of cores].")
@click.option("--force", is_flag=True, help="Redo every pair, even unchanged ones.")
@click.option("--lang", type=click.Choice(["zh", "en"]), default="zh", show_default=True,
              help="Workbook language; English workbooks are written beside the Chinese ones (…-en.xlsx).")
@discard_option
@click.pass_obj
def run(obj, store, out, jobs, force, lang, discard_edits):
    """Compare every pairing report in the store and write all workbooks and trackers.

    \b
    yoy run --store reports --out output --jobs 2
    """
    import os

    from compare.jobs.run import run_store
    from compare.store import outside_store
    outside_store(out, store)
    jobs = jobs or os.cpu_count() or 1
    if sys.stderr.isatty():
        from rich.progress import Progress
        with Progress(transient=True) as bar:
            task = bar.add_task("comparing", total=None)
            result = run_store(store, out, jobs=jobs, force=force, lang=lang, templates=obj["templates"],
                               discard_edits=discard_edits,
                               progress=lambda done, total: bar.update(task, completed=done, total=total))
    else:
        result = run_store(store, out, jobs=jobs, force=force, lang=lang, templates=obj["templates"],
                           discard_edits=discard_edits)
    for what, error in result.failed:
        click.echo(f"yoy: error: {what}: {error}", err=True)
    _kept(result)  # its warnings, and what was done with typed cells
    rows = [("pairs", "done", "skipped", "failed"),
            (str(result.total), str(len(result.done)), str(len(result.skipped)), str(len(result.failed)))]
    _table(rows)
    if result.statuses:
        click.echo("statuses: " + ", ".join(f"{k} {v}" for k, v in sorted(result.statuses.items())))
    click.echo(f"workbooks in {out}/ (trackers: {', '.join(str(t) for t in result.trackers) or 'none'})")
    if result.plans:
        click.echo(f"plan sheets (台账) of years not reviewed yet: {', '.join(str(p) for p in result.plans)}")
    if result.removed:
        click.echo(f"removed, made from reports no longer in the store: {', '.join(str(p) for p in result.removed)}")
    if result.failed:
        sys.exit(1)


@main.command()
@click.argument("comparison", type=click.Path(path_type=Path))
@click.option("-o", "--output", type=click.Path(path_type=Path), required=True, help="Workbook to write.")
@click.option("--lang", type=click.Choice(["zh", "en"]), default="zh", show_default=True)
@click.option("--store", type=click.Path(path_type=Path), default=Path("reports"), show_default=True,
              help="The report store, which -o must not be inside.")
@discard_option
@click.pass_obj
def export(obj, comparison, output, lang, store, discard_edits):
    """Write the workbook of a Comparison JSON (from `yoy compare --json`).

    \b
    yoy export cmp.json -o ledger.xlsx --lang en
    """
    from compare.jobs.pipeline import export_workbook
    from compare.store import load_comparison
    cmp = load_comparison(comparison)
    output = _output(output, store)
    _kept(export_workbook(cmp, output, store=store, lang=lang, discard_edits=discard_edits,
                          templates=obj["templates"]))
    click.echo(f"workbook: {output}")


def _stored_report(what: str, path: str):
    """The options naming a stored report and where its document goes (yoy plan, yoy brief)."""
    options = [
        click.argument("report", required=False, type=click.Path(path_type=Path)),
        click.option("--region", help="With --kind/--year: pick the report from the store."),
        click.option("--kind", help="Report kind."),
        click.option("--year", type=int, help="The report's year (its plan is for the year after)."),
        store_option,
        click.option("--out", type=click.Path(path_type=Path), default=Path("output"), show_default=True,
                     help=f"Where the {what} goes."),
        click.option("-o", "--output", type=click.Path(path_type=Path), help=f"{what.capitalize()} path [default: {path}]."),
        click.option("--lang", type=click.Choice(["zh", "en"]), default="zh", show_default=True),
    ]

    def decorate(f):
        for option in reversed(options):
            f = option(f)
        return f
    return decorate


def _need_report(report: Path | None, region: str | None, kind: str | None, year: int | None) -> None:
    if report is None and not (region and kind and year):
        raise click.UsageError("give a REPORT file, or --region, --kind and --year")


@main.command()
@_stored_report("sheet", "<out>/<region>/<kind>-<plan year>-plan.xlsx")
@click.option("--periods", type=click.Choice(["quarter", "month", "half"]),
              help="Progress columns: one pair (进展情况, 完成状态) per period [default: as the sheet at the "
                   "same path was written, else quarter].")
@click.option("--units", type=click.Path(path_type=Path),
              help="The units the 单位 sheet and the 牵头单位/责任单位 drop-downs offer: a text file (a unit a "
                   "line; 责任领导, 联系人 after commas) or a workbook's 单位 sheet.")
@click.option("--split-by", help="牵头单位 or 责任单位: one workbook per unit it names, to send out.")
@discard_option
@click.pass_obj
def plan(obj, report, region, kind, year, store, out, output, lang, periods, units, split_by, discard_edits):
    """Write the year's tracking sheet (台账) from a report's plan part.

    \b
    yoy plan reports/2021/新余市-fazhi.yaml               # → output/新余市/fazhi-2022-plan.xlsx
    yoy plan --region 国务院 --kind gov-work-report --year 2021 --periods month --units units.txt
    yoy plan reports/2021/新余市-fazhi.yaml --split-by 牵头单位   # → …-plan-<unit>.xlsx, one per unit
    # the units fill progress and status, then: yoy review import output/新余市/
    """
    from compare.jobs.guard import Kept
    from compare.jobs.plan import plan_report
    _need_report(report, region, kind, year)
    kept = Kept()
    written = plan_report(report, store=store, out=out, region=region, kind=kind, year=year, periods=periods,
                          lang=lang, output=output, units=units, split_by=split_by,
                          templates=obj["templates"], discard_edits=discard_edits, kept=kept)
    _kept(kept)
    for w in written.warnings:
        click.echo(f"yoy: warning: {w}", err=True)
    for path in written.paths:
        click.echo(f"plan sheet: {path}")


@main.command()
@_stored_report("brief", "<out>/<region>/<kind>-<plan year>-brief.docx")
@click.option("--date", "when", type=click.DateTime(formats=["%Y-%m-%d"]),
              help="The date the brief is as of [default: today].")
@click.pass_obj
def brief(obj, report, region, kind, year, store, out, output, lang, when):
    """Write the year-end 督查通报 draft (.docx) from the office's 台账 entries.

    \b
    yoy brief reports/2021/新余市-fazhi.yaml --date 2022-12-20   # → output/新余市/fazhi-2022-brief.docx
    """
    from compare.jobs.plan import brief_report
    _need_report(report, region, kind, year)
    path = brief_report(report, store=store, out=out, region=region, kind=kind, year=year, lang=lang,
                        output=output, when=when.date() if when else None, templates=obj["templates"])
    click.echo(f"brief: {path}")


@main.group()
def review():
    """Reviewer judgements: read them back from a workbook."""


@review.command("import")
@click.argument("xlsx", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--strict", is_flag=True, help="Refuse a plan sheet with a bad value instead of skipping the cell.")
@store_option
@click.pass_obj
def review_import(obj, xlsx, strict, store):
    """Store the reviewer statuses and notes, or the office's 台账 entries, of workbooks (files or
    folders of them); later compares and plan sheets pre-fill them.

    \b
    yoy review import output/国务院/gov-work-report-2022-2023.xlsx
    yoy review import returned/        # every unit's 台账, merged by measure id
    """
    from compare.jobs.reviews import import_workbooks
    from compare.store.reviews import Reviews
    for done in import_workbooks(xlsx, store, strict=strict, templates=obj["templates"]):
        for w in done.warnings:
            click.echo(f"yoy: warning: {w}", err=True)
        if done.stored is None:
            continue
        if isinstance(done.stored, Reviews):
            n = len(done.stored.commitments) + len(done.stored.targets) + len(done.stored.shortcomings)
            click.echo(f"{done.path}: {n} reviewed rows")
        else:
            click.echo(f"{done.path}: {len(done.stored.measures)} rows, {len(done.stored.targets)} targets "
                       f"with entries (from {done.source})")
