"""One pair's cost (issue 21): `yoy compare` of the shipped 国务院 2022→2023 pair writing over its
own workbook, with the parse cache a run leaves, against the import of its own stack.

Run from the project root: .venv/bin/python bench/one_pair.py [--runs 7]

Both commands run as whole processes in turn (A B A B …), each run's CPU time (user + system, from
the kernel's accounting of the finished child) and wall time taken; the ratios are medians of the
per-round ratios, so the machine's drift cancels. Then the pair's steps, timed in fresh processes
(CPU seconds, medians), each also as a multiple of the stack's import, and the floor: the part of
the stack the pair imports (a third command in the rounds), what pydantic loads to validate a first
model, and the engine and the writer as they run with everything loaded. Prints figures only; the
goal is the issue's, ≤ 1.5× the stack.

Both sides read compiled bytecode, as an installed program does (pip compiles the libraries when it
installs them, Python yoy's own modules on their first run): PYTHONDONTWRITEBYTECODE, if set, is
dropped for the children, else yoy alone would compile its own modules from source on every run.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
STORE = ROOT / "reports"
YOY = str(Path(sys.executable).with_name("yoy"))
PAIR = ["compare", "--region", "国务院", "--kind", "gov-work-report", "--from", "2022", "--to",
        "2023", "--store", str(STORE)]
# the libraries one pair with its workbook cannot do without: what any program using them pays
STACK = "import click, pydantic, numpy, rapidfuzz, yaml, xlsxwriter, openpyxl"
# what the pair imports of it: pydantic's models (BaseModel), but not yaml (the templates come from
# the parse cache) nor openpyxl (the workbook there is as yoy wrote it): the floor's first part
USED = "import click, numpy, rapidfuzz, xlsxwriter; from pydantic import BaseModel"
GOAL = 1.5
# the children's environment: bytecode written and read on both sides (see the docstring)
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}

# The pair's steps in one fresh process, as compare_pair takes them (CPU seconds each, as JSON).
# `yoy compare` asks for one BLAS thread before numpy loads (jobs.blas); so does this.
STEPS = r"""
import json, os, sys, time
from pathlib import Path
for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(var, "1")
os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")  # as `yoy` asks
clock, times = time.process_time, {}
t = clock()
import click, pydantic, numpy, rapidfuzz, yaml, xlsxwriter, openpyxl
times["stack import"], t = clock() - t, clock()
# what validating any model loads of pydantic (its schema builder, annotated_types,
# importlib.metadata for plugins), left by `import pydantic` for the first model: the pair pays it
class Probe(pydantic.BaseModel):
    x: int
Probe(x=1)
times["pydantic's first validated model"], t = clock() - t, clock()
import compare.cli.commands
from compare.engine import compare_reports
from compare.files import kept_in
from compare.jobs import pipeline
from compare.store import load_report
times["yoy's own imports"], t = clock() - t, clock()
store, work = Path(sys.argv[1]), Path(sys.argv[2])
cache = work / "output" / ".yoy-cache"
old_path, new_path = pipeline.pair_paths(store, "国务院", "gov-work-report", 2022, 2023)
old, new = (load_report(p, cache) for p in (old_path, new_path))
times["the two reports via the parse cache"], t = clock() - t, clock()
with kept_in(cache):  # the templates read back from the parse cache, as compare_pair reads them
    cmp = compare_reports(old, new)
times["compare_reports, first call"], t = clock() - t, clock()
from compare.jobs.guard import WRITTEN, keep_typed
keep_typed(work / "pair.xlsx", store, pipeline.workbook_identity(cmp), record=cache / WRITTEN)
times["guard (typed cells kept)"], t = clock() - t, clock()
from compare.workbook.ledger import write_workbook
with kept_in(cache):
    write_workbook(cmp, work / "steps.xlsx", origin={"store": str(store)})
times["write_workbook"] = clock() - t
# the same two again in the same process: what they cost with every import, template and
# regular expression already loaded (the floor a faster start-up alone could reach)
t = clock()
compare_reports(old, new)
warm, t = {"compare_reports, again": clock() - t}, clock()
write_workbook(cmp, work / "steps.xlsx", origin={"store": str(store)})
warm["write_workbook, again"] = clock() - t
print(json.dumps([times, warm]))
"""


def timed(cmd: list[str], cwd: Path) -> tuple[float, float]:
    """(CPU, wall) seconds of `cmd` run to its end as a child process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    subprocess.run(cmd, cwd=cwd, check=True, stdout=subprocess.DEVNULL, env=ENV)
    wall = time.perf_counter() - t
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime), wall


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=7, help="rounds of each (default 7)")
    runs = parser.parse_args().runs
    print(f"date {date.today()} | {platform.platform()} | {os.cpu_count()} CPUs | Python "
          f"{platform.python_version()}")
    print("load average at start: " + " ".join(f"{x:.2f}" for x in os.getloadavg()))
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        (work / "output" / ".yoy-cache").mkdir(parents=True)
        pair = [YOY, *PAIR, "-o", str(work / "pair.xlsx")]
        stack, used = [sys.executable, "-c", STACK], [sys.executable, "-c", USED]
        timed(pair, work)  # fills the parse cache and writes the workbook it then writes over
        timed(stack, work)
        rounds = [(timed(pair, work), timed(stack, work), timed(used, work)) for _ in range(runs)]
        print(f"\none pair vs its stack's import, {runs} rounds in turn (median; ratio: median of "
              "the rounds' ratios)")
        print(f"{'':<28}{'CPU s':>8}{'wall s':>8}")
        for name, i in (("yoy compare (one pair)", 0), ("stack import", 1),
                        ("the part of it the pair uses", 2)):
            print(f"{name:<28}{statistics.median(r[i][0] for r in rounds):>8.3f}"
                  f"{statistics.median(r[i][1] for r in rounds):>8.3f}")
        cpu = statistics.median(a[0] / b[0] for a, b, _ in rounds)
        wall = statistics.median(a[1] / b[1] for a, b, _ in rounds)
        used_share = statistics.median(c[0] / b[0] for _, b, c in rounds)
        stack_cpu = statistics.median(b[0] for _, b, _ in rounds)
        print(f"{'one pair ÷ stack':<28}{cpu:>7.2f}×{wall:>7.2f}×   goal ≤ {GOAL}× "
              f"{'PASS' if max(cpu, wall) <= GOAL else 'MISS'}")
        steps = [json.loads(subprocess.run([sys.executable, "-c", STEPS, str(STORE), tmp],
                                           cwd=work, check=True, capture_output=True,
                                           text=True, env=ENV).stdout) for _ in range(runs)]
    print(f"\nthe steps in a fresh process, CPU s (median of {runs}), and ÷ the stack's import")
    base = statistics.median(s["stack import"] for s, _ in steps)

    def show(name: str, values: list[float]) -> None:
        value = statistics.median(values)
        print(f"{name:<40}{value:>8.3f}{value / base:>7.2f}×")
    for name in steps[0][0]:
        show(name, [s[name] for s, _ in steps])
    show("all steps", [sum(s.values()) for s, _ in steps])
    print("then in the same process (all loaded)")
    for name in steps[0][1]:
        show(name, [w[name] for _, w in steps])
    # were yoy's own modules, templates, regular expressions and first calls free: the used part of
    # the stack as a process, then the engine and the writer as they run with everything loaded
    work_cpu = statistics.median(sum(w.values()) for _, w in steps)
    first_model = statistics.median(s["pydantic's first validated model"] for s, _ in steps)
    floor = used_share + first_model / stack_cpu + work_cpu / stack_cpu
    print(f"\nfloor: the stack's part the pair uses {used_share:.2f}× + pydantic's first validated "
          f"model {first_model / stack_cpu:.2f}× + the engine and the writer with all loaded "
          f"{work_cpu / stack_cpu:.2f}× = {floor:.2f}× the stack's import as a process")


if __name__ == "__main__":
    main()
