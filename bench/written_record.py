"""A rerun that rewrites every workbook, by this working tree and by a git ref, side by side: what
keeping jobs.guard's record of the workbooks yoy wrote (the parse cache's `written` folder) from
one run to the next saves. Before it was kept, a run's start pruned it, so every workbook about to
be rewritten was read back (openpyxl) to find what nobody had typed.

Run from the project root: .venv/bin/python bench/written_record.py [--base REF] [--regions N]
                                                                   [--rounds N] [--jobs N]
A store of the 1954–2012 State Council archive under N region names (bench/scale.py's; 4 → 160
reports, 136 pairs) is run once by each tree into its own output folder; then `yoy run --force`
(every pair compared and its workbook rewritten, as after a template change) by each tree in turn,
the order alternating each round (the shared machine drifts over minutes). Prints each round's
wall times and their ratio (base ÷ this), and the median. Prints figures only; nothing here is a
test.
"""
from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # measure the working tree, not whatever is installed
sys.path.insert(0, str(ROOT / "bench"))

from identical import YOY, tree_of  # noqa: E402
from scale import base_store, build_store  # noqa: E402


def yoy_run(tree: Path, store: Path, out: Path, jobs: int, *args: str) -> float:
    """Wall seconds of `yoy run` under `tree`'s package (interpreter start included)."""
    env = {**os.environ, "PYTHONPATH": str(tree)}
    env.pop("YOY_TEMPLATES", None)
    t = time.perf_counter()
    # run from the store's folder: `python -c` puts the working directory first on the path, and
    # from the project root that is this tree's package whatever PYTHONPATH says
    p = subprocess.run([sys.executable, "-c", YOY, "run", "--store", str(store), "--out", str(out),
                        "--jobs", str(jobs), *args], env=env, capture_output=True, text=True,
                       cwd=store.parent)
    took = time.perf_counter() - t
    if p.returncode:
        sys.exit(f"yoy run under {tree} failed ({p.returncode}):\n{p.stderr}")
    return took


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--base", default="main", help="git ref to compare against (default main)")
    ap.add_argument("--regions", type=int, default=4, help="archive copies (4: 136 pairs)")
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--work", type=Path,
                    help="keep the store and outputs here; if it holds them, go on from them")
    args = ap.parse_args()
    tmp = args.work or Path(tempfile.mkdtemp(prefix="yoy-written-"))
    try:
        tmp.mkdir(parents=True, exist_ok=True)
        shutil.rmtree(tmp / "base-tree", ignore_errors=True)
        trees = {"base": tree_of(args.base, tmp / "base-tree"), "this": ROOT}
        store = tmp / "store"
        if not store.is_dir():
            build_store(base_store(tmp), store, args.regions)
        n = len(list(store.glob("*/*.yaml")))
        for side, tree in trees.items():
            if not (tmp / f"out-{side}").is_dir():
                first = yoy_run(tree, store, tmp / f"out-{side}", args.jobs)
                print(f"{side}: first run {first:.1f} s")
        print(f"{n} reports, `yoy run --force --jobs {args.jobs}`, load average "
              + " ".join(f"{x:.2f}" for x in os.getloadavg()))
        times: dict[str, list[float]] = {"base": [], "this": []}
        for r in range(args.rounds):
            order = ("base", "this") if r % 2 == 0 else ("this", "base")
            for side in order:
                times[side].append(yoy_run(trees[side], store, tmp / f"out-{side}", args.jobs,
                                           "--force"))
            print(f"round {r + 1}: base {times['base'][-1]:.1f} s, this {times['this'][-1]:.1f} s"
                  f", base ÷ this {times['base'][-1] / times['this'][-1]:.2f}")
        ratios = [b / t for b, t in zip(times["base"], times["this"], strict=True)]
        print(f"median: base {statistics.median(times['base']):.1f} s, this "
              f"{statistics.median(times['this']):.1f} s, base ÷ this "
              f"{statistics.median(ratios):.2f} (rounds: "
              + " / ".join(f"{x:.2f}" for x in ratios) + ")")
    finally:
        if args.work is None:
            shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
