"""The conventions every `yoy` command shares: exit codes; errors, warnings and messages (one
line each, the library's hint in the words of the command line); `-` for standard input or
output; option checks; the options the commands share."""
from __future__ import annotations

import contextlib
import gc
import math
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any, overload

import click

from compare.errors import STDIN, YoyError

USAGE = 2        # a usage error or bad input
INTERNAL = 1     # a bug
INTERRUPTED = 130


# click ≥ 8.2 raises this for a group given no command (8.1 printed the help and exited)
_NO_ARGS: Any = getattr(click.exceptions, "NoArgsIsHelpError", ())


# Commands whose work grows with the store or the files given: the cyclic garbage collector runs
# for them as usual (see YoyGroup.__call__).
COLLECTED = {"run", "ingest", "validate"}


class YoyGroup(click.Group):
    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        # Run as the program (the yoy script, python -m compare), any other command does one
        # bounded job (a pair, a report, a workbook): what it allocates is freed by reference
        # counting and its peak memory is the same without the cyclic collector (75 MB for `yoy
        # compare`), whose passes over every module it loads cost a tenth of its CPU, and whose
        # last pass at exit as much again (bench/one_pair.py). What is left is frozen on the way
        # out (never walked again) and the collector given back, for a caller in the same process.
        collecting = gc.isenabled()
        gc.disable()
        try:
            return super().__call__(*args, **kwargs)
        finally:
            gc.freeze()
            if collecting:
                gc.enable()

    def resolve_command(self, ctx: click.Context, args: list[str]) -> Any:
        name, cmd, rest = super().resolve_command(ctx, args)
        if name in COLLECTED and not gc.isenabled():
            gc.freeze()  # the modules loaded so far stay for the process: not walked again
            gc.enable()
        return name, cmd, rest

    def main(self, args: Any = None, prog_name: str | None = None, complete_var: str | None = None,
             standalone_mode: bool = True, **extra: Any) -> Any:
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, standalone_mode, **extra)
        try:
            code = super().main(args, prog_name, complete_var, False, **extra)
        except _NO_ARGS as e:  # `yoy` alone (or `yoy review`): its help, as `yoy -h` gives it
            click.echo(e.ctx.get_help())
            sys.exit(0)
        except click.ClickException as e:  # a usage error: click's own "Error:" block, as one line
            _error(*_usage(e))
        except click.Abort:  # Ctrl-C, or end of input at a prompt
            click.echo("yoy: error: interrupted", err=True)
            sys.exit(INTERRUPTED)
        sys.exit(code if isinstance(code, int) else 0)

    def invoke(self, ctx: click.Context):
        try:
            result = super().invoke(ctx)
            # flushed here, not at exit, so that stdout on a full device is reported as such
            if sys.stdout is not None:  # None: started with stdout closed
                sys.stdout.flush()
            return result
        except YoyError as e:
            _error(e.where, reason_with_hint(e))
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
            click.echo(f"yoy: error: internal error: {type(e).__name__}: {e} (rerun with --debug)",
                       err=True)
            sys.exit(INTERNAL)


# Temporary files standing in for standard input or output, by the name errors should show.
_STANDINS: dict[str, str] = {}

# What to type to get past a refusal, by the library's hint (YoyError.hint); {where} is the error's.
HINTS = {"force": "use --force to compare anyway", "overwrite": "pass --overwrite to replace it",
         "ingest": "yoy ingest <file> first", "kind": "give --kind",
         "templates": "a kind of your own: yoy --templates DIR with DIR/kinds/{where}.yaml",
         "parquet": "pip install 'yoy[parquet]'"}


def reason_with_hint(e: YoyError) -> str:
    """The library's reason, with what to type to get past it."""
    if not e.hint:
        return e.reason
    return f"{e.reason}; {HINTS[e.hint].format(where=e.where) if e.hint in HINTS else e.hint}"


def _error(where: object, reason: str) -> None:
    # once stdout has failed, its buffer would fail again at exit: drop it
    try:
        if sys.stdout is not None:
            sys.stdout.flush()
    except OSError:
        sys.stdout = None
    where = f"{shown(where)}: " if where else ""
    click.echo(f"yoy: error: {where}{shown(reason)}", err=True)
    sys.exit(USAGE)


def shown(text: object) -> str:
    """`text` with the temporary files standing in for standard input or output named as such."""
    text = str(text)
    for tmp, name in _STANDINS.items():
        text = text.replace(tmp, name)
    return text


def warn(message: str) -> None:
    click.echo(f"yoy: warning: {shown(message)}", err=True)


def _usage(e: click.ClickException) -> tuple[str, str]:
    """(where, reason) of a usage error: the command, and click's message with where its help is."""
    ctx = getattr(e, "ctx", None)
    command = ctx.command_path if ctx else "yoy"
    reason = e.format_message().rstrip(".")
    reason = reason[:1].lower() + reason[1:]
    return command.removeprefix("yoy").strip(), f"{reason} (see '{command} -h')"


# ---- paths: `-` is standard input or output ---------------------------------------------

class _Stdio:
    """`-` given for a path (a file really named `-` is `./-`)."""

    def __repr__(self) -> str:
        return "-"


STDIO = _Stdio()
BINARY = (".xlsx", ".parquet")


class OutPath(click.ParamType):
    """A file to write, or `-` for standard output (only one output of a command may take it)."""
    name = "path|-"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        if isinstance(value, (Path, _Stdio)):
            return value
        if value == "":  # the option given without a value (`--json` alone, as it once was)
            name = param.opts[0] if param else "the option"
            self.fail(f"needs a file to write, or - for standard output ({name} -)", param, ctx)
        if value != "-":
            return Path(value)
        if ctx is not None and param is not None:
            other = ctx.meta.setdefault("yoy.stdout", param.name)
            if other != param.name:
                self.fail(
                    f"standard output already takes --{str(other).replace('_', '-')}", param, ctx)
        return STDIO


class InPath(click.ParamType):
    """A file to read, or `-` for standard input (read into a temporary `stdin<suffix>`)."""
    name = "path|-"

    def __init__(self, suffix: str = "") -> None:
        self.suffix = suffix

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        if isinstance(value, Path):
            return value
        if value != "-":
            return Path(value)
        if ctx is None or ctx.meta.setdefault("yoy.stdin", param) is not param:
            self.fail("standard input can be read only once", param, ctx)
        import tempfile
        try:
            stdin = sys.stdin.buffer
            if stdin.isatty():
                raise YoyError(STDIN,
                               "standard input is a terminal: give a file, or pipe one in (< file)")
            data = stdin.read()
        # a closed descriptor 0 leaves no sys.stdin at all
        except (AttributeError, ValueError, OSError):
            raise YoyError(STDIN, "standard input is closed or unreadable") from None
        folder = ctx.with_resource(tempfile.TemporaryDirectory(prefix="yoy-"))
        path = Path(folder) / f"stdin{self.suffix}"
        path.write_bytes(data)
        _STANDINS[str(path)] = STDIN
        return path


class Folder(click.Path):
    """A folder (the store, an output folder): `-` cannot be one."""

    def __init__(self) -> None:
        super().__init__(path_type=Path)

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        if value == "-":
            self.fail("a folder is needed; - (standard input or output) cannot be one", param, ctx)
        return super().convert(value, param, ctx)


def _to_stdout(ctx: click.Context) -> bool:
    return "yoy.stdout" in ctx.meta


def say(message: str) -> None:
    """A message for the person: on stderr when standard output carries the command's data."""
    click.echo(message, err=_to_stdout(click.get_current_context()))


@overload
def written_to(target: None, store: Path,
               suffix: str) -> contextlib.AbstractContextManager[None]: ...
@overload
def written_to(target: Path | _Stdio, store: Path,
               suffix: str) -> contextlib.AbstractContextManager[Path]: ...
@overload
def written_to(target: Path | _Stdio | None, store: Path,
             suffix: str) -> contextlib.AbstractContextManager[Path | None]: ...


@contextlib.contextmanager  # type: ignore[misc]
def written_to(target: Path | _Stdio | None, store: Path, suffix: str) -> Iterator[Path | None]:
    """The path a library call writes `target` to: `target` itself, checked (store.check_output),
    or for `-` a temporary file whose bytes go to standard output once the call has succeeded.
    A path must end in `suffix`: a workbook named x.txt opens nowhere, and nothing says why."""
    if isinstance(target, Path) and target.suffix.lower() != suffix:
        raise YoyError(target, f"a {suffix} file is written here: give a path ending in {suffix}")
    if target is None or isinstance(target, Path):
        from compare.store import check_output
        yield None if target is None else check_output(target, store)
        return
    import tempfile
    out = sys.stdout.buffer
    if suffix in BINARY and out.isatty():
        raise YoyError("-", f"standard output is a terminal; send the {suffix} file to one (> "
                            f"file{suffix})")
    with tempfile.TemporaryDirectory(prefix="yoy-") as folder:
        path = Path(folder) / f"stdout{suffix}"
        _STANDINS[str(path)] = "<stdout>"
        yield path
        out.write(path.read_bytes())
        out.flush()


# ---- option checks: one line and exit 2, as for bad input files ---------------------

YEARS = (1900, 2200)  # nominal years a stored report may have
MAX_SIZE_MB = 2000.0


def check_year(ctx: click.Context, param: click.Parameter, value: int | None) -> int | None:
    if value is not None and not YEARS[0] <= value <= YEARS[1]:
        raise YoyError(param.opts[0], f"{value} is not a year between {YEARS[0]} and {YEARS[1]}")
    return value


def check_name(what: str):
    def check(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
        if value is None or (what == "kind" and value == "auto"):
            return value
        from compare.files import safe_name
        from compare.text import clean_name
        try:
            # a region typed or pasted with an invisible character or a stray space is the same unit
            name = safe_name(clean_name(value) if what == "region" else value, what)
        except YoyError as e:
            raise YoyError(param.opts[0], f"{e.reason}: {e.where}") from None
        if what == "kind":
            from compare.kinds import check_kind
            check_kind(name, (ctx.find_object(dict) or {}).get("templates"))
        return name
    return check


def check_size(ctx: click.Context, param: click.Parameter, value: float) -> float:
    if not (math.isfinite(value) and 0 < value <= MAX_SIZE_MB):
        raise YoyError(param.opts[0], f"{value} is not a size in MB between 0 and {MAX_SIZE_MB:g}")
    return value


def check_jobs(ctx: click.Context, param: click.Parameter, value: int | None) -> int | None:
    if value is not None and not 1 <= value <= 256:
        raise YoyError(param.opts[0], f"{value} is not a number of jobs between 1 and 256")
    return value


# ---- options shared by the commands -----------------------------------------------------

discard_option = click.option("--discard-edits", is_flag=True,
                              help="Replace a workbook whose typed cells cannot be imported (it is "
                                   "kept as a backup).")


def _discarded(ctx: click.Context, param: click.Parameter,
               value: tuple[str, ...]) -> bool | list[Path]:
    """`--discard-edits` alone: every workbook (True); `--discard-edits PATH`…: those files."""
    return True if "" in value else [Path(v) for v in value]


# `yoy run` rewrites every region's workbooks: the flag may name the files it is meant for (review
# ua23 L3). The commands taking a positional argument keep the bare flag: an optional value there
# would swallow the argument after it.
run_discard_option = click.option(
    "--discard-edits", multiple=True, is_flag=False, flag_value="", metavar="[PATH]",
    callback=_discarded,
    help="Replace the workbook at PATH (repeatable) even though its typed cells cannot be "
         "imported (it is kept as a backup); without PATH, every such workbook of the run.")


def tell_kept(kept) -> None:
    """What was done with a workbook's typed cells before it was rewritten (jobs.guard)."""
    for w in dict.fromkeys(kept.warnings):
        warn(w)
    for note in kept.notes:
        say(note)

store_option = click.option("--store", type=Folder(), default=Path("reports"), show_default=True,
                            help="The report store (outputs are never written inside it).")
lang_option = click.option("--lang", type=click.Choice(["zh", "en"]), default="zh",
                           show_default=True,
                           help="Language of the workbook or document written.")


def json_option(what: str):
    # a value is optional to the parser, so that `--json` alone gets a message saying what to give
    return click.option("--json", "json_path", type=OutPath(), is_flag=False, flag_value="",
                        metavar="PATH|-",
                        help=f"Write {what} as JSON to PATH (- for standard output).")


def out_option(help: str):
    """`--out DIR`: the folder of outputs, as every command writing into output/ takes it (one
    file elsewhere: `-o FILE`, output_option)."""
    return click.option("--out", type=Folder(), default=Path("output"), show_default=True,
                        metavar="DIR", help=help)


def output_option(what: str, default: str = ""):
    return click.option("-o", "--output", type=OutPath(), metavar="PATH|-",
                        help=f"{what} to write (- for standard output){default}.")


# what `yoy run` says it did
LISTED = 5  # files a summary line names (65 trackers made one line of 5 KB: review ua20a)


def listed(paths: Sequence[Path]) -> str:
    """`paths` joined, or when there are more than LISTED, their count and the first ones."""
    return (", ".join(str(p) for p in paths) if len(paths) <= LISTED else
            f"{len(paths)}, {', '.join(str(p) for p in paths[:LISTED - 2])}, … (one a series)")


def covered(counted: int, total: int) -> str:
    """Which pairs the counts are of: compared now or as recorded; said when some are missing (a
    failed pair, an older run state: a reader took a few pairs' counts for the store's total)."""
    return (f"(all {total} pair{'s' if total != 1 else ''})" if counted == total
            else f"({counted} of {total} pairs; the other pairs' are not counted)")


def gaps_said(gaps: Sequence[tuple[str, str, int, int]]) -> str:
    """海拉尔区 gov-work-report 2015→2017 (no 2016); 国务院 gov-work-report 1960→1964 (no
    1961–1963), 1964→1975 (…): a series named once."""
    by_series: dict[tuple[str, str], list[str]] = {}
    for region, kind, a, b in gaps:
        missing = str(a + 1) if b == a + 2 else f"{a + 1}–{b - 1}"
        by_series.setdefault((region, kind), []).append(f"{a}→{b} (no {missing})")
    return "; ".join(f"{region} {kind} {', '.join(said)}"
                     for (region, kind), said in by_series.items())


def table(rows: Sequence[tuple[str, ...]]) -> None:
    from unicodedata import east_asian_width

    def width(s: str) -> int:
        return sum(2 if east_asian_width(c) in "WF" else 1 for c in s)
    widths = [max(width(r[i]) for r in rows) for i in range(len(rows[0]))]
    for r in rows:
        click.echo(
            "  ".join(c + " " * (w - width(c)) for c, w in zip(r, widths, strict=True)).rstrip())
