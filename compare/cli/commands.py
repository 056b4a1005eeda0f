"""The `yoy` commands: each parses its options, makes one library call and prints what it did."""
from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

import click

from compare import __version__
from compare.cli.conventions import (
    INTERNAL,
    INTERRUPTED,
    STDIO,
    USAGE,
    InPath,
    OutPath,
    YoyGroup,
    check_jobs,
    check_name,
    check_size,
    check_year,
    covered,
    discard_option,
    gaps_said,
    json_option,
    lang_option,
    listed,
    out_option,
    output_option,
    reason_with_hint,
    run_discard_option,
    say,
    shown,
    store_option,
    table,
    tell_kept,
    warn,
    written_to,
)
from compare.errors import YoyError

if TYPE_CHECKING:
    from compare.jobs.run import RunResult


@click.group("yoy", cls=YoyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="yoy")
@click.option("--debug", is_flag=True, help="Show tracebacks of internal errors.")
@click.option("--templates", type=click.Path(exists=True, file_okay=False, path_type=Path),
              envvar="YOY_TEMPLATES",
              help="Your own templates (kinds/*.yaml, workbook.yaml) tried before the shipped ones "
                   "[env: YOY_TEMPLATES].")
@click.pass_context
def main(ctx: click.Context, debug: bool, templates: Path | None) -> None:
    """Compare a government unit's yearly reports year over year.

    \b
    yoy ingest report.txt --kind fazhi       # add a report to the store
    yoy list                                 # what the store holds
    yoy compare --region 国务院 --kind gov-work-report --from 2022 --to 2023
    yoy run                                  # every pair, every workbook
    yoy --templates my-templates ingest r.txt --kind audit   # a kind of your own

    \b
    A path given as - is standard input or output. Exit codes: 0 done, 2 a usage
    error or bad input, 1 an internal error (a bug; --debug shows it), 130 interrupted.
    """
    # $YOY_TEMPLATES is read here (click's envvar) and nowhere else: every command passes it on
    ctx.obj = {"debug": debug, "templates": templates}
    # yoy uses no pydantic plugin; looking for them reads every installed distribution's entry
    # points when the first schema is built (≈ 0.03 s of a `yoy compare`, bench/one_pair.py)
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    if not debug and ctx.invoked_subcommand == "ingest":
        import logging
        # the readers' libraries (pypdfium2, trafilatura) log warnings about damaged input; the
        # user gets our one line instead. Only ingest reads documents: the others need no logging
        logging.disable(logging.WARNING)


@main.command()
@click.argument("files", nargs=-1, required=True)
@click.option("--kind", default="auto", show_default=True, callback=check_name("kind"),
              help="Report kind (a template under templates/kinds/).")
@click.option("--region", callback=check_name("region"),
              help="Region, when the title does not name it.")
@click.option("--year", type=int, callback=check_year, help="The report's nominal year, when the "
                                                            "title does not give it (one file).")
@click.option("--url", help="Where the report was published (one file).")
@click.option("--encoding", help="Text encoding, overriding detection.")
@click.option("--max-size", type=float, default=20, show_default=True, callback=check_size,
              help="Refuse inputs larger than this many MB (at most 2000).")
@store_option
@click.option("--overwrite", is_flag=True,
              help="Replace a stored report that differs (e.g. edited by hand).")
@json_option("the stored report (one file)")
@click.pass_obj
def ingest(obj, files, kind, region, year, url, encoding, max_size, store, overwrite, json_path):
    """Parse FILES (text, HTML or a saved .mhtml, Word, PDF; folders of them; - for stdin) into the
    store, one line each.

    \b
    yoy ingest 新余市-2021年度法治政府建设情况.txt --kind fazhi --url http://…
    yoy ingest downloads/ --kind gov-work-report      # every report file under a folder
    yoy ingest - --kind fazhi --json - < report.txt   # the stored report as JSON
    """
    from compare.files import atomic_write
    from compare.jobs.ingest_file import ingest_files, report_files
    many = len(report_files(files)) > 1
    for option, value in (("--year", year), ("--url", url), ("--json", json_path)):
        if value and many:
            raise click.UsageError(f"{option} applies to one file; give one file, or leave it out")
    failed = False
    with written_to(json_path, store, ".json") as target:
        for done in ingest_files(files, kind=kind, region=region, year=year, url=url,
                                 encoding=encoding,
                                 store=store, overwrite=overwrite,
                                 max_bytes=int(max_size * 1_000_000),
                                 templates=obj["templates"]):
            for w in done.warnings:
                warn(w)
            report = done.report
            if done.error is not None or report is None:
                failed = True
                if done.error is not None:
                    click.echo(
                        f"yoy: error: {done.error.where}: {reason_with_hint(done.error)}", err=True)
                continue
            if target:
                atomic_write(target, report.model_dump_json(indent=2).encode("utf-8"))
            items = sum(len(s.items) for s, _ in report.walk())
            n_sections = sum(1 for _ in report.walk())
            say(f"{done.path}{'' if done.changed else ' (unchanged)'}: {n_sections} sections, "
                f"{items} items, "
                 f"{len(report.commitments)} measures, {len(report.targets)} targets, "
                 f"{len(report.metrics)} metrics, {len(report.shortcomings)} shortcomings")
        if failed:  # inside: a refused file sends nothing to standard output
            sys.exit(USAGE)


@main.command()
@click.argument("report", type=InPath(".yaml"))
def show(report: Path):
    """Print a stored report's outline with counts (REPORT - reads it from stdin).

    \b
    yoy show reports/2021/新余市-fazhi.yaml
    """
    from compare.store import load_report, outline
    r = load_report(report)
    click.echo(f"{r.title}  [{r.kind}] {r.region} {r.year} (reviews {r.review_year}, plans "
               f"{r.plan_year})")
    for s in outline(r):
        counts = f"{s['paragraphs']} ¶, {s['items']} items" + (
            f", {s['children']} sub" if s["children"] else "")
        click.echo(f"{'  ' * int(s['level'])}{s['label']}{s['heading']}  <{s['role']}> ({counts})")
    click.echo(f"measures {len(r.commitments)}, targets {len(r.targets)}, "
               f"metrics {len(r.metrics)}, shortcomings {len(r.shortcomings)}")


@main.command("list")
@store_option
@click.option("--region", callback=check_name("region"), help="Only this region's reports.")
def list_(store: Path, region: str | None):
    """List the stored reports as a table.

    \b
    yoy list --store reports --region 盐田区
    """
    from compare.store import catalog
    heads = ("year", "region", "kind", "title", "sections", "measures", "targets", "metrics")
    table([heads] + [tuple(str(e[h]) for h in heads) for e in catalog(store, region)])


@main.command()
@click.argument("paths", nargs=-1, type=InPath(".yaml"))
@store_option
def validate(paths, store):
    """Check stored reports against the schema (default: the whole store).

    \b
    yoy validate reports/2022/国务院-gov-work-report.yaml
    """
    from compare.store import validate_reports
    files = validate_reports(list(paths), store)
    click.echo(f"{len(files)} report(s) valid")


@main.command("compare")
@click.argument("old", required=False, type=InPath(".yaml"))
@click.argument("new", required=False, type=InPath(".yaml"))
@click.option("--region", callback=check_name("region"),
              help="With --kind/--from/--to: pick the pair from the store.")
@click.option("--kind", callback=check_name("kind"),
              help="Report kind of the pair [default: the one kind the store holds for --region].")
@click.option("--from", "from_year", type=int, callback=check_year,
              help="Year of the older report.")
@click.option("--to", "to_year", type=int, callback=check_year, help="Year of the newer report.")
@store_option
@json_option("the whole Comparison")
@out_option("Where the workbook goes (<out>/<region>/<kind>-<old>-<new>.xlsx).")
@output_option("Workbook", " [default: <out>/<region>/<kind>-<old>-<new>.xlsx]")
@click.option("--no-workbook", is_flag=True, help="Only print the summary (and --json).")
@lang_option
@click.option("--force", is_flag=True, help="Compare reports of different regions/kinds or "
                                            "non-consecutive years.")
@discard_option
@click.pass_obj
def compare_cmd(obj, old, new, region, kind, from_year, to_year, store, json_path, out, output,
                no_workbook, lang, force,
                discard_edits):
    """Compare two yearly reports: alignment, diff, plan tracking, targets.

    \b
    yoy compare reports/2022/国务院-gov-work-report.yaml reports/2023/国务院-gov-work-report.yaml
    yoy compare --region 国务院 --kind gov-work-report --from 2022 --to 2023 --json cmp.json
    yoy compare --region 国务院 --kind gov-work-report --from 2022 --to 2023 --out /tmp/out
    """
    from compare.jobs.pipeline import compare_pair, pair_paths
    if old is None or new is None:
        if not (region and from_year and to_year):
            raise click.UsageError(
                "give OLD and NEW report files, or --region, --from and --to (and --kind)")
        old, new = pair_paths(store, region, kind, from_year, to_year)
    if output is None and not no_workbook:
        from compare.jobs.run_state import check_owner
        from compare.store import outside_store
        outside_store(out, store)
        check_owner(out, store, "--out DIR or -o FILE")  # not into another store's run outputs
    with written_to(json_path, store, ".json") as json_target, \
            written_to(None if no_workbook else output, store, ".xlsx") as book:
        result = compare_pair(old, new, store=store, out=out, json_path=json_target, lang=lang,
                              force=force,
                              workbook=None if no_workbook else (book or "default"),
                              discard_edits=discard_edits,
                              templates=obj["templates"])
    cmp = result.comparison
    # a stored review re-attached, named by the workbook (review ua24: by no file or region)
    moved, where = set(result.kept.reattached), result.workbook or ""
    for w in dict.fromkeys(result.kept.warnings + [f"{where}: {w}" if w in moved and where else w
                                                   for w in cmp.warnings]):
        warn(w)
    for note in result.kept.notes:
        say(note)
    say(summary_line(cmp))
    if result.workbook and output is not STDIO:
        say(f"workbook: {result.workbook}")


def summary_line(cmp) -> str:
    """One line of counts: measures, targets and shortcomings, each by its statuses as the
    workbook's 概览 counts them (to_verify is not delivered, not_judged not not_reported)."""
    from compare.workbook.shown import shown_counts
    counts = shown_counts(cmp)
    return (f"{cmp.old.region} {cmp.old.kind} {cmp.old.year}→{cmp.new.year}: "
            + " ".join(_counts(what, counts[what])
                       for what in ("measures", "targets", "shortcomings")))


def _counts(what: str, counts: Mapping[str, int]) -> str:
    """`measures [delivered 2, to_verify 1, partial 1]`: in the order of `what`'s shown statuses
    (workbook.shown.SHOWN), never mixed with another kind of row's (measures and targets both have
    a not_reported)."""
    from compare.workbook.shown import SHOWN
    counted = ", ".join(f"{k} {counts[k]}" for k in SHOWN[what] if counts.get(k))
    return f"{what} [{counted or 'none'}]"


@main.command()
@store_option
@out_option("Where workbooks go.")
@click.option("--jobs", type=int, default=None, callback=check_jobs,
              help="Pairs compared in parallel [default: number of cores].")
@click.option("--force", is_flag=True, help="Redo every pair, even unchanged ones.")
@click.option("--lang", type=click.Choice(["zh", "en"]), default="zh", show_default=True,
              help="Workbook language; English workbooks are written beside the Chinese ones "
                   "(…-en.xlsx).")
@run_discard_option
@click.pass_obj
def run(obj, store, out, jobs, force, lang, discard_edits):
    """Compare every pairing report in the store and write all comparison workbooks, trackers
    and each plan year's 台账 (task ledger), and <out>/运行摘要.csv: every output, up to date or
    failed with the reason (for Excel).

    \b
    yoy run --store reports --out output --jobs 2
    yoy run --discard-edits output/新余市/fazhi-2021-2022.xlsx   # that file's typed cells dropped
    """
    import os
    try:  # a Ctrl-C as the command starts (importing what it runs with) is said as one before
        # the store is read
        from compare.jobs.run import Interrupted, run_store
        from compare.jobs.run_tasks import INTERNAL as BUG
        from compare.store import outside_store
    except KeyboardInterrupt:
        _interrupted(None)
    outside_store(out, store)
    jobs = jobs or os.cpu_count() or 1
    try:
        if sys.stderr.isatty():
            from rich.progress import Progress
            with Progress(transient=True) as bar:
                task = bar.add_task("comparing", total=None)
                result = run_store(store, out, jobs=jobs, force=force, lang=lang,
                                   templates=obj["templates"],
                                   discard_edits=discard_edits,
                                   progress=lambda done, total: bar.update(
                                       task, completed=done, total=total))
        else:
            result = run_store(store, out, jobs=jobs, force=force, lang=lang,
                               templates=obj["templates"],
                               discard_edits=discard_edits)
    except Interrupted as e:
        _interrupted(e.result)
    for what, error in result.failed:
        click.echo(f"yoy: error: {what}: {error}", err=True)
    tell_kept(result)  # its warnings, and what was done with typed cells
    for path, why in result.no_measures:  # every run: they stay empty until fixed
        warn(f"{path}: {why}")
    # the table counts pairs; a 台账, tracker or report file that failed is counted apart (a pair
    # row adding up to more than its pairs was read as a miscount)
    pairs_failed = result.total - len(result.done) - len(result.skipped)
    table([("pairs", "done", "skipped", "failed"), (str(result.total), str(len(result.done)),
                                                     str(len(result.skipped)), str(pairs_failed))])
    if len(result.failed) > pairs_failed:
        click.echo(f"files failed: {len(result.failed) - pairs_failed} (each in an error line)")
    if result.statuses:
        click.echo(f"statuses: {covered(result.counted, result.total)} "
                   + " ".join(_counts(what, result.statuses.get(what, {}))
                              for what in ("measures", "targets")))
    if result.gaps:
        click.echo(f"not compared, a year missing between them: {gaps_said(result.gaps)}")
    click.echo(f"workbooks in {out}/ (trackers: {listed(result.trackers) or 'none'})")
    for other, n in result.behind.items():  # review ua23 L2: the English copies went stale unsaid
        click.echo(f"{'English (-en.xlsx)' * (other == 'en') or other} workbooks of {n} "
                   f"pair{'s' * (n != 1)} behind the store (reviews imported, reports changed "
                   f"since): yoy run --lang {other} brings them up to date")
    failed = {what for what, _ in result.failed}
    plans = [p for p in result.plans if str(p) not in failed]  # a 台账 not written is not listed
    if plans:
        click.echo(f"plan sheets (台账) of years not reviewed yet: {listed(plans)}")
    click.echo(f"summary of every output, failures with their reasons: {result.summary}")
    if result.removed:
        click.echo("removed, made from reports no longer in the store: "
                   f"{', '.join(str(p) for p in result.removed)}")
    if result.failed:
        sys.exit(INTERNAL if any(why.startswith(BUG) for _, why in result.failed) else USAGE)


def _interrupted(kept: RunResult | None) -> NoReturn:
    """Ctrl-C during `yoy run`, said with what it had done (`kept`: its RunResult; None before
    the store's pairs were known), and exit 130."""
    click.echo("yoy: error: interrupted: " + (
        "before the store's pairs were known: no pair compared, no workbook written; "
        "yoy run again starts afresh" if kept is None else
        f"{len(kept.done) + len(kept.skipped)} of {kept.total} pairs up to date "
        f"({len(kept.done)} compared by this run), kept; yoy run again resumes from there"),
        err=True)
    sys.exit(INTERRUPTED)


@main.command()
@click.argument("comparison", required=False, type=InPath(".json"))
@output_option("Workbook")
@click.option("--panel", type=OutPath(), metavar="PATH|-",
              help="Instead: the panel of the whole store, one row per region × year × measure or "
                   "target (.csv, .xlsx with its columns explained, .parquet; - for CSV on "
                   "standard output).")
@lang_option
@store_option
@out_option("With --panel: where `yoy run` wrote its outputs; the pairs it would skip now are "
            "read from there, not compared again.")
@discard_option
@click.pass_obj
def export(obj, comparison, output, panel, lang, store, out, discard_edits):
    """Write the workbook of a Comparison JSON (from `yoy compare --json`), with the reviews and
    office entries the store holds for its pair, or the store's panel.


    \b
    yoy export cmp.json -o ledger.xlsx --lang en
    yoy compare --region 国务院 --kind gov-work-report --from 2022 --to 2023 --json - \\
      | yoy export - -o ledger.xlsx
    yoy export --panel panel.csv          # every pair of the store, tidy, for pandas or R
    yoy export --panel panel.xlsx         # the same for Excel, a Legend sheet (说明) explaining it
    """
    if panel is not None:
        if comparison is not None or output is not None:
            raise click.UsageError("give COMPARISON and -o for a workbook, or --panel alone")
        suffix = ".csv" if panel is STDIO else panel.suffix.lower()
        if suffix not in (".csv", ".xlsx", ".parquet"):
            raise YoyError(panel, "a panel is written as .csv, .xlsx or .parquet")
        from compare import views
        with written_to(panel, store, suffix) as target:
            frame = views.write_frame(views.panel(store, templates=obj["templates"], out=out),
                                      target,
                                      lang=lang, templates=obj["templates"])
        say(f"panel: {len(frame)} rows" + ("" if panel is STDIO else f" in {panel}"))
        return
    if comparison is None or output is None:
        raise click.UsageError("give COMPARISON and -o for a workbook, or --panel alone")
    from compare.jobs.pipeline import export_workbook
    from compare.store import load_comparison
    cmp = load_comparison(comparison)
    with written_to(output, store, ".xlsx") as book:
        tell_kept(export_workbook(cmp, book, store=store, lang=lang, discard_edits=discard_edits,
                              templates=obj["templates"]))
    if output is not STDIO:
        say(f"workbook: {output}")


def _stored_report(what: str, path: str):
    """The options naming a stored report and where its document goes (yoy plan, yoy brief)."""
    options = [
        click.argument("report", required=False, type=InPath(".yaml")),
        click.option("--region", callback=check_name("region"),
                     help="With --kind/--year: pick the report from the store."),
        click.option("--kind", callback=check_name("kind"),
                     help="Report kind [default: the one kind the store holds for --region]."),
        click.option("--year", type=int, callback=check_year,
                     help="The report's year in the store (reports/<year>/); the 台账 is for "
                          "the year it plans."),
        store_option,
        out_option(f"Where the {what} goes."),
        output_option(what.capitalize(), f" [default: {path}]"),
        lang_option,
    ]

    def decorate(f):
        for option in reversed(options):
            f = option(f)
        return f
    return decorate


def _need_report(report: Path | None, region: str | None, kind: str | None,
                 year: int | None) -> None:
    if report is None and not (region and year):
        raise click.UsageError("give a REPORT file, or --region and --year (and --kind)")


@main.command()
@_stored_report("sheet", "<out>/<region>/<kind>-<plan year>-plan.xlsx")
@click.option("--periods", type=click.Choice(["quarter", "month", "half"]),
              help="Progress columns: one pair (进展情况, 完成状态) per period [default: as the "
                   "sheet at the same path was written, else quarter].")
@click.option("--units", type=InPath(".txt"), metavar="PATH|-",
              help="The units the 单位 sheet and the 牵头单位/责任单位 drop-downs offer: a text "
                   "file (a unit a line; 责任领导, 联系人 after commas; - for stdin) or a "
                   "workbook's 单位 sheet.")
@click.option("--split-by",
              help="牵头单位 or 责任单位: one workbook per unit it names, to send out.")
@discard_option
@click.pass_obj
def plan(obj, report, region, kind, year, store, out, output, lang, periods, units, split_by,
         discard_edits):
    """Write the year's task ledger (台账) that offices fill in, from a report's plan part.

    \b
    yoy plan reports/2021/新余市-fazhi.yaml               # → output/新余市/fazhi-2022-plan.xlsx
    yoy plan --region 国务院 --kind gov-work-report --year 2021 --periods month --units units.txt
    yoy plan reports/2021/新余市-fazhi.yaml --split-by 牵头单位
    # → …-plan-<unit>.xlsx, one per unit
    # the units fill progress and status, then: yoy review import output/新余市/
    """
    from compare.jobs.guard import Kept
    from compare.jobs.plan import plan_report
    _need_report(report, region, kind, year)
    if split_by and output is STDIO:
        raise click.UsageError("--split-by writes one workbook per unit: give -o a file name, or "
                               "leave it out")
    if output is None:
        from compare.jobs.merge import report_file
        from compare.jobs.run_state import check_owner
        from compare.store import outside_store

        # the report asked for first: a missing one is said as such, wherever it would be written
        report = report_file(report, store, region, kind, year, "yoy plan")
        outside_store(out, store)
        check_owner(out, store, "--out DIR or -o FILE")  # not into another store's run outputs
    kept = Kept()
    with written_to(output, store, ".xlsx") as sheet:
        written = plan_report(report, store=store, out=out, region=region, kind=kind, year=year,
                              periods=periods,
                              lang=lang, output=sheet, units=units, split_by=split_by,
                              templates=obj["templates"], discard_edits=discard_edits, kept=kept)
    tell_kept(kept)
    for w in written.warnings:
        if w not in kept.warnings:  # a stale sheet's re-attachments, said by its import (left25)
            warn(w)
    if output is not STDIO:
        for path in written.paths:
            say(f"plan sheet: {path}")


@main.command(short_help="Draft a bulletin (督查通报) from a filled-in task ledger (台账).")
@_stored_report("brief", "<out>/<region>/<kind>-<plan year>-brief.docx")
@click.option("--date", "when", type=click.DateTime(formats=["%Y-%m-%d"]),
              help="The date the brief is as of [default: today].")
@click.pass_obj
def brief(obj, report, region, kind, year, store, out, output, lang, when):
    """Draft a bulletin (督查通报, .docx) from the offices' filled-in task ledger (台账).

    The year-end supervision bulletin of a plan year, from the entries the offices typed into
    its 台账 (yoy plan, then yoy review import); to compare two years' reports, use yoy compare.

    \b
    yoy brief reports/2021/新余市-fazhi.yaml --date 2022-12-20
    # → output/新余市/fazhi-2022-brief.docx
    yoy brief reports/2021/新余市-fazhi.yaml -o - > brief.docx
    """
    from compare.jobs.plan import brief_report
    from compare.store import outside_store
    _need_report(report, region, kind, year)
    if output is None:
        outside_store(out, store)
    with written_to(output, store, ".docx") as document:
        written = brief_report(report, store=store, out=out, region=region, kind=kind,
                               year=year, lang=lang,
                               output=document, when=when.date() if when else None,
                               templates=obj["templates"])
    for w in written.warnings:
        warn(w)
    if output is not STDIO:
        say(f"brief: {written.path}")


@main.group()
def review():
    """Reviewer and office entries: read them back from a workbook into the store.

    \b
    yoy review import output/国务院/gov-work-report-2022-2023.xlsx
    """


# the fields naming what a store file of reviews or office entries is of (guard.workbook_of)
_IDENTITY = {"region", "kind", "plan_year", "old_year", "new_year"}


@review.command("import")
@click.argument("xlsx", nargs=-1, required=True, type=InPath(".xlsx"))
@click.option("--strict", is_flag=True, help="Refuse a workbook with a bad value (an unknown "
                                             "status) instead of skipping the cell.")
@click.option("--replace", is_flag=True, help="This file's entries are the newer ones (a "
              "correction sent again after its import): a cell edited both here and in the store "
              "since yoy wrote the file takes this file's value; each replaced value is said.")
@store_option
@click.pass_obj
def review_import(obj, xlsx, strict, replace, store):
    """Store the reviewer statuses and notes, or the office's 台账 entries, of workbooks (files or
    folders of them; - for stdin); later compares and plan sheets pre-fill them.

    \b
    yoy review import output/国务院/gov-work-report-2022-2023.xlsx
    yoy review import output/新余市/fazhi-2022-plan.xlsx
    yoy review import returned/        # every unit's 台账, merged by measure id
    """
    from compare.jobs.guard import workbook_of
    from compare.jobs.reviews import import_workbooks
    from compare.store.reviews import Reviews
    failed = False
    for done in import_workbooks(xlsx, store, strict=strict, templates=obj["templates"],
                                 replace=replace):
        for w in done.warnings:
            warn(w)
        if done.error is not None:  # one line, the folder's other workbooks go on; exit 2 after
            failed = True
            click.echo(f"yoy: error: {done.error.where}: {done.error.reason}", err=True)
        if done.stored is None:
            continue
        # what the file was imported as, by its _yoy: a file named for one region may be another's
        into = (f"(from {shown(done.source)}, imported as "
                f"{workbook_of(done.stored.model_dump(include=_IDENTITY))})")
        if done.path is not None and not Path(done.path).exists():
            click.echo(f"{shown(done.source)}: nothing typed in it to import ("
                       f"{workbook_of(done.stored.model_dump(include=_IDENTITY))})")
            continue
        if isinstance(done.stored, Reviews):
            n = len(done.stored.commitments) + len(done.stored.targets) + len(
                done.stored.shortcomings)
            click.echo(f"{done.path}: {n} reviewed rows {into}")
        else:
            from compare.workbook.plansheet import is_task_row
            tasks = sum(map(is_task_row, done.stored.measures))  # a task's 牵头单位, on its row
            click.echo(f"{done.path}: {len(done.stored.measures) - tasks} measures, {tasks} tasks, "
                       f"{len(done.stored.targets)} targets with entries {into}")
    if failed:
        sys.exit(USAGE)
