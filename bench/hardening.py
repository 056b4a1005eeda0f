"""Issue 12's cost: the archive through ingest and `yoy run`, this tree beside a baseline.

Run from the project root, with a checkout of the revision to compare against:
    git worktree add /tmp/yoy-base main   # or: git archive main | tar -x -C /tmp/yoy-base
    .venv/bin/python bench/hardening.py --baseline /tmp/yoy-base [--rounds 3]
Both sides run with this venv (PYTHONPATH picks the code), alternately, so that the
VM's drift hits both alike. Prints medians, the ratio this/baseline and whether the
run's figures (pairs table and status counts) are the same. Nothing here is a test.
"""
from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
from run_archive import YEAR, YOY, counts, fixtures  # noqa: E402

INGEST = """
import sys
from pathlib import Path
from compare.ingest import ingest_file
for f in sys.argv[2:]:
    ingest_file(f, kind="gov-work-report", region="国务院", year=int(f.rsplit("-", 1)[1][:4]),
                store=sys.argv[1])
"""


def timed(cmd: list[str], code: Path, cwd: Path) -> tuple[float, str]:
    env = {**os.environ, "PYTHONPATH": str(code)}
    t = time.perf_counter()
    p = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True)
    took = time.perf_counter() - t
    if p.returncode not in (0, 1):
        sys.exit(f"{' '.join(cmd[:3])}… exited {p.returncode} with code from {code}:\n{p.stderr}")
    return took, p.stdout + p.stderr


def figures(output: str) -> str:
    statuses = next((line for line in output.splitlines() if line.startswith("statuses:")), "")
    return f"{counts(output)}; {statuses}"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--baseline", type=Path, required=True,
                    help="a checkout of the revision to compare with")
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--corpus", type=Path)
    args = ap.parse_args()
    files = [str(f) for f in sorted(fixtures(args.corpus).glob("*.txt")) if YEAR.search(f.name)]
    sides = {"baseline": args.baseline.resolve(), "this tree": ROOT}
    print(f"{len(files)} reports, {args.rounds} rounds, load average "
          + " ".join(f"{x:.2f}" for x in os.getloadavg()) + "\n")
    times: dict[tuple[str, str], list[float]] = {}
    seen: dict[str, set[str]] = {side: set() for side in sides}
    with tempfile.TemporaryDirectory() as tmp:
        for r in range(args.rounds):
            for side, code in (sides.items() if r % 2 == 0 else reversed(sides.items())):
                store, out = Path(tmp) / side / f"store{r}", Path(tmp) / side / f"out{r}"
                took, _ = timed([sys.executable, "-c", INGEST, str(store), *files], code, ROOT)
                times.setdefault(("ingest 40 (one process)", side), []).append(took)
                took, output = timed([YOY, "run", "--store", str(store), "--out", str(out),
                                      "--jobs", "1", "--force"],
                                     code, ROOT)
                times.setdefault(("yoy run --jobs 1 --force", side), []).append(took)
                seen[side].add(figures(output))
    for what in dict.fromkeys(w for w, _ in times):
        base, this = (statistics.median(times[(what, s)]) for s in sides)
        print(f"{what:<28} baseline {base:6.2f} s   this tree {this:6.2f} s   ratio "
              f"{this / base:.3f}")
    same = seen["baseline"] == seen["this tree"] and len(seen["baseline"]) == 1
    print(f"\nfigures {'the same' if same else 'DIFFER'}: " + " | ".join(sorted(seen["this tree"])))
    if not same:
        print("baseline: " + " | ".join(sorted(seen["baseline"])))


if __name__ == "__main__":
    main()
