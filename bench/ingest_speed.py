"""Ingest's speed beside a git ref's: the store's report sources ingested by this working tree
and by REF (default HEAD), in turn, each round a fresh process per side.

Run from the project root: .venv/bin/python bench/ingest_speed.py [--base REF] [--rounds 9]

Each round each side's process ingests every `reports/*/*.source.txt` once to warm up (imports,
templates, the row decision's model), then again, timed in CPU seconds (`time.process_time`);
the sides alternate (A B A B …) and the ratio is the median of the rounds' ratios, so the
machine's drift cancels. Prints figures only.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from identical import tree_of  # noqa: E402

# One side's timing, in a fresh process that imports `compare` from the tree given.
TIMED = r"""
import json, sys, time
from pathlib import Path
sys.path.insert(0, sys.argv[1])
from compare.ingest import ingest_text
sources = sorted(Path(sys.argv[2]).glob("*/*.source.txt"))
def once():
    for p in sources:
        region, kind = p.name.split(".")[0].split("-", 1)
        text = p.read_text(encoding="utf-8")
        ingest_text(text, kind=kind, region=region, year=int(p.parent.name))
once()
t = time.process_time()
once()
print(json.dumps({"cpu": time.process_time() - t, "sources": len(sources)}))
"""


def timed(tree: Path) -> dict:
    out = subprocess.run([sys.executable, "-c", TIMED, str(tree), str(ROOT / "reports")],
                         check=True, capture_output=True, text=True).stdout
    return json.loads(out)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--base", default="HEAD", help="git ref to compare against (default HEAD)")
    ap.add_argument("--rounds", type=int, default=9)
    args = ap.parse_args()
    print(f"date {date.today()} | {platform.platform()} | {os.cpu_count()} CPUs | Python "
          f"{platform.python_version()}")
    print("load average at start: " + " ".join(f"{x:.2f}" for x in os.getloadavg()))
    tmp = Path(tempfile.mkdtemp(prefix="yoy-ingest-speed-"))
    try:
        base = tree_of(args.base, tmp / "base-tree")
        rounds = [(timed(ROOT), timed(base)) for _ in range(args.rounds)]
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    this = statistics.median(a["cpu"] for a, _ in rounds)
    that = statistics.median(b["cpu"] for _, b in rounds)
    ratio = statistics.median(a["cpu"] / b["cpu"] for a, b in rounds)
    print(f"\ningest of the store's {rounds[0][0]['sources']} sources, {args.rounds} rounds in "
          "turn (CPU s, median; ratio: median of the rounds' ratios)")
    print(f"  this tree        {this:.3f}")
    print(f"  {args.base:<16} {that:.3f}")
    print(f"  this ÷ {args.base}: {ratio:.2f}×")


if __name__ == "__main__":
    main()
