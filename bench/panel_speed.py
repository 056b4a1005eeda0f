"""How long the panel of a store takes made from scratch and read from `yoy run`'s outputs
(views.panel(store) vs views.panel(store, out=…)), and that both give the same rows.

    .venv/bin/python bench/panel_speed.py --store reports --runs 3
"""
from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--store", default="reports")
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    import pandas as pd

    from compare import views
    with tempfile.TemporaryDirectory(prefix="yoy-panel-bench-") as folder:
        out = Path(folder) / "out"
        started = time.perf_counter()
        subprocess.run([sys.executable, "-m", "compare", "run", "--store", args.store, "--out",
                        str(out)], check=True, capture_output=True)
        print(f"yoy run: {time.perf_counter() - started:.1f} s")
        times: dict[str, list[float]] = {"compared": [], "read from run": []}
        frames = {}
        for _ in range(args.runs):
            for how, given in (("compared", None), ("read from run", out)):
                started = time.perf_counter()
                frames[how] = views.panel(args.store, out=given)
                times[how].append(time.perf_counter() - started)
        pd.testing.assert_frame_equal(frames["compared"], frames["read from run"])
        for how, t in times.items():
            print(f"panel {how}: median {statistics.median(t):.2f} s of {args.runs} "
                  f"({len(frames[how])} rows)")
        ratio = statistics.median(times["compared"]) / statistics.median(times["read from run"])
        print(f"ratio: {ratio:.1f}x")


if __name__ == "__main__":
    main()
