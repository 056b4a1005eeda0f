"""Shortcomings right on the labelled pairs for settings of the tracker's constants, per half of
the pairs (issue 18 item 7): a setting chosen on one half is read on the other.

Run from the project root:
    .venv/bin/python bench/shortcoming_sweep.py [GOLD ...] [--corpus DIR] [--set NAME=V1,V2 ...]
        [--per-pair] [--half odd|even]
GOLD: gold files or folders (default: bench/gold). Each pair is ingested once; for every
combination of the values given (NAME: a constant of compare/engine/shortcomings.py, e.g.
--set REPEATED=0.18,0.2 AGAIN=1,3) it prints the problems right over all pairs, over the pairs
whose year N is odd and over those whose N is even (the halves chosen on and checked on since
2026-12-04), and with --per-pair each pair's right/found/all. --half odd reads the pairs of odd N
alone (those of even N are neither scored nor printed: a setting chosen with them unseen).
Figures printed, never asserted.
"""
from __future__ import annotations

import argparse
import itertools
import re
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from accuracy import covering  # noqa: E402
from gold import gold_files, pairs_of  # noqa: E402

from compare.engine import shortcomings  # noqa: E402
from compare.kinds import load_kind  # noqa: E402

YEAR = re.compile(r"-(\d{4})→")  # year N in a pair's label (国务院 国务院政府工作报告-2004→…)


def labelled(golds: list[Path], corpus: Path) -> list[tuple[str, object, object, list[dict]]]:
    """(label, report N, report N+1, labelled problems) of every pair labelled with shortcomings."""
    out = []
    for f in gold_files(golds):
        gold = yaml.safe_load(f.read_text(encoding="utf-8")) or {}
        # a pair labelled in two files (国务院 2022→23: round 14 and the commitments) is two
        # pairs here, as bench/accuracy.py counts it: keyed by its label alone, one overwrote
        # the other
        out += [(f"{label} ({f.name})", old, new, pair["shortcomings"])
                for label, old, new, pair in pairs_of(gold, corpus) if pair.get("shortcomings")]
    return out


def scored(pairs: list) -> dict[str, tuple[int, int, int]]:
    """Each pair's problems right, found and labelled, under the constants as they are set."""
    out = {}
    for label, old, new, problems in pairs:
        results = shortcomings.track_shortcomings(old, new, load_kind(old.kind))
        found = [r.text for r in results]
        ks = [covering(g["quote"], found) for g in problems]
        out[label] = (sum(k is not None and results[k].status == g["status"]
                          for k, g in zip(ks, problems, strict=True)),
                      sum(k is not None for k in ks), len(problems))
    return out


def halves(per_pair: dict[str, tuple[int, int, int]], half: str | None = None) -> str:
    def total(odd: bool | None) -> str:
        rows = [v for k, v in per_pair.items() for m in [YEAR.search(k)]
                if m and (odd is None or (int(m[1]) % 2 == 1) == odd)]
        return f"{sum(r[0] for r in rows)}/{sum(r[2] for r in rows)}"
    if half is not None:
        return f"{half} N {total(half == 'odd')}"
    return f"all {total(None)}  odd N {total(True)}  even N {total(False)}"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("gold", nargs="*", type=Path, default=[ROOT / "bench" / "gold"])
    ap.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus")
    ap.add_argument("--set", nargs="*", default=[], metavar="NAME=V1,V2",
                    help="values of a constant of compare/engine/shortcomings.py")
    ap.add_argument("--per-pair", action="store_true", help="each pair's right/found/all too")
    ap.add_argument("--half", choices=["odd", "even"],
                    help="only the pairs whose plan year N is odd (even)")
    args = ap.parse_args(argv)
    grid = {}
    for item in args.set:
        name, _, values = item.partition("=")
        if not hasattr(shortcomings, name) or not values:
            ap.error(f"not a constant of compare/engine/shortcomings.py with values: {item!r}")
        grid[name] = [float(v) if "." in v else int(v) for v in values.split(",")]
    pairs = [p for p in labelled(args.gold, args.corpus)
             if args.half is None or (p[1].year % 2 == 1) == (args.half == "odd")]
    for values in itertools.product(*grid.values()):
        setting = dict(zip(grid, values, strict=True))
        for name, v in setting.items():
            setattr(shortcomings, name, v)
        per_pair = scored(pairs)
        print(" ".join(f"{n}={v}" for n, v in setting.items()) or "as shipped",
              halves(per_pair, args.half))
        if args.per_pair:
            for label, (right, found, n) in per_pair.items():
                print(f"  {label}: right {right}/{n}, found {found}/{n}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
