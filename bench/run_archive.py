"""Batch benchmark: the 1954–2012 State Council archive through ingest and `yoy run`.

Run from the project root: .venv/bin/python bench/run_archive.py [--corpus PATH]
The archive is copied once into bench/fixtures/archive/ (public-domain texts, so
the benchmark runs without shared/). Everything else happens in a temporary
store and output folder. Prints figures beside targets; nothing here is a test.
"""
from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from itertools import pairwise
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # measure the working tree, not whatever is installed

FIXTURES = ROOT / "bench" / "fixtures" / "archive"
SHARED = ROOT.parent / "shared" / "corpus" / "gov-work-report-archive"
YOY = str(Path(sys.executable).with_name("yoy"))
YEAR = re.compile(r"-(\d{4})\.txt$")


def fixtures(corpus: Path | None) -> Path:
    """The archive folder to read: --corpus as given, else the fixtures, copied in once."""
    if corpus:
        return corpus
    if not any(FIXTURES.glob("*.txt")):
        FIXTURES.mkdir(parents=True, exist_ok=True)
        for f in sorted(SHARED.glob("*.txt")):
            shutil.copyfile(f, FIXTURES / f.name)  # copyfile: the shared files are read-only
        print(f"copied {len(list(FIXTURES.glob('*.txt')))} reports from {SHARED} into "
              f"{FIXTURES.relative_to(ROOT)}")
    return FIXTURES


def ingest_all(files: list[Path], store: Path) -> list[str]:
    """Ingest through the Python API (one process, not 40 interpreter starts); return failures."""
    from compare.errors import YoyError
    from compare.jobs.ingest_file import ingest_and_store
    failed = []
    for f in files:
        try:
            ingest_and_store(str(f), kind="gov-work-report", region="国务院",
                             year=int(YEAR.search(f.name)[1]), store=store)
        except YoyError as e:
            failed.append(f"{f.name}: {e.reason}")
    return failed


def yoy_run(store: Path, out: Path, *args: str) -> tuple[float, str]:
    """Wall seconds of `yoy run` as a subprocess (interpreter start included),
    and what it printed."""
    t = time.perf_counter()
    p = subprocess.run([YOY, "run", "--store", str(store), "--out", str(out), *args],
                       cwd=ROOT, capture_output=True, text=True)
    took = time.perf_counter() - t
    # 1: some pairs failed, which the table reports; anything else is a crash
    if p.returncode not in (0, 1):
        sys.exit(f"yoy run {' '.join(args)} exited {p.returncode}:\n{p.stderr}")
    return took, p.stdout + p.stderr


def counts(output: str) -> str:
    """'pairs N done N skipped N failed N' from the table `yoy run` prints."""
    lines = output.splitlines()
    for head, values in pairwise(lines):
        if head.split()[:2] == ["pairs", "done"]:
            return " ".join(f"{k} {v}" for k, v in zip(head.split(), values.split(), strict=False))
    return "(no pairs table: the command failed, see below)"


def row(what: str, seconds: float, target: str = "", limit: float | None = None,
        note: str = "") -> None:
    verdict = "" if limit is None else ("PASS" if seconds <= limit else "MISS")
    print(f"{what:<34} {seconds:>7.2f} s  {target:<8} {verdict:<4}  {note}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, help="folder of 国务院政府工作报告-YYYY.txt files")
    args = ap.parse_args()
    files = sorted(f for f in fixtures(args.corpus).glob("*.txt") if YEAR.search(f.name))
    chars = sum(len(f.read_text(encoding="utf-8")) for f in files)
    print(f"{len(files)} reports, {chars:,} characters, {os.cpu_count()} CPUs, "
          f"load average " + " ".join(f"{x:.2f}" for x in os.getloadavg()) + "\n")

    with tempfile.TemporaryDirectory() as tmp:
        store, out = Path(tmp) / "store", Path(tmp) / "out"
        t = time.perf_counter()
        failed = ingest_all(files, store)
        row("ingest (Python API, 1 process)", time.perf_counter() - t,
            note=f"{len(files) - len(failed)} stored, "
            f"{len(failed)} refused")
        for f in failed:
            print(f"    refused {f}")

        runs = [("yoy run --jobs 1 --force", ["--jobs", "1", "--force"], None, ""),
                ("yoy run --jobs 2 --force", ["--jobs", "2", "--force"], 10.0, "≤ 10 s"),
                ("yoy run --jobs 2 (nothing changed)", ["--jobs", "2"], 2.0, "≤ 2 s")]
        errors = []
        for what, extra, limit, target in runs:
            took, output = yoy_run(store, out, *extra)
            row(what, took, target, limit, counts(output))
            if "--force" not in extra and " done 0 " not in counts(output):
                # the inputs' hashes changed between runs: someone edited templates/
                # or compare/ meanwhile?
                print("    (nothing changed, yet pairs were redone: this rerun figure is not a "
                      "no-change figure)")
            errors += [line for line in output.splitlines() if line.startswith("yoy: error")]
        for line in dict.fromkeys(errors):  # the same failing pair is reported by every run
            print(f"    {line}")


if __name__ == "__main__":
    main()
