"""Carried over, counted: right, missed and false links on the labelled rows, by half (odd or
even plan year N), for `carried.carried_over` as shipped and for a variant of its link test.

Run from the project root: .venv/bin/python bench/carried_links.py [GOLD ...] [--corpus DIR]
    [--rows] [--cache FILE]
A labelled row counts as `bench/accuracy.py` counts "carried over right": the gold quote found
inside one of yoy's measures (`accuracy.holding`), its `carried_over` label against whether
`carried_over` cites a sentence of N+1's plan. Missed: labelled carried, yoy cites none; false:
yoy cites one, the label says not. --rows prints each wrong row (measure ↔ cited sentence) for
reading. --cache keeps the ingested pairs (pickle) so that a second run reads no corpus file.
"""
from __future__ import annotations

import argparse
import pickle
import sys
from collections import Counter
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # measure the working tree, not whatever is installed
sys.path.insert(0, str(ROOT / "bench"))

from accuracy import holding  # noqa: E402
from gold import DEFAULT_GOLD, SHARED, pairs_of  # noqa: E402

from compare.engine.carried import carried_over  # noqa: E402
from compare.kinds import load_kind  # noqa: E402


def read_pairs(paths: list[Path], corpus: Path, cache: Path | None) -> list[tuple]:
    """(label, old, new, labelled rows) of every pair with carried-over labels."""
    if cache and cache.exists():
        return pickle.loads(cache.read_bytes())
    files = sorted(f for p in paths for f in ([p] if p.is_file() else p.glob("*.yaml")))
    out = []
    for f in files:
        gold = yaml.safe_load(f.read_text(encoding="utf-8")) or {}
        for label, old, new, pair in pairs_of(gold, corpus):
            rows = [g for g in pair.get("measures") or [] if "carried_over" in g]
            if rows:
                out.append((label, old, new, rows))
    if cache:
        cache.write_bytes(pickle.dumps(out))
    return out


def count(pairs: list[tuple], show: bool) -> dict[str, Counter]:
    """Right, missed and false per half ("odd", "even": the parity of the plan year)."""
    tally: dict[str, Counter] = {"odd": Counter(), "even": Counter()}
    for label, old, new, rows in pairs:
        kind = load_kind(old.kind)
        found = carried_over(old, new, kind)
        texts = [c.text for c in old.commitments]
        half = "odd" if old.year % 2 else "even"
        mine: Counter = Counter()
        for g in rows:
            k = holding(g["plan_quote"], texts)
            if k is None:
                continue
            ev = found[k]
            said, truth = ev is not None, bool(g["carried_over"])
            what = "right" if said == truth else ("missed" if truth else "false")
            mine[what] += 1
            if show and what != "right":
                cited = ev.text if ev else ""
                print(f"  {what:6} {label} | {texts[k][:60]} ↔ {cited[:60]}")
        tally[half].update(mine)
        print(f"{label}: right {mine['right']}, missed {mine['missed']}, false {mine['false']}")
    return tally


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("gold", nargs="*", type=Path,
                    help=f"gold files or folders (default {DEFAULT_GOLD})")
    ap.add_argument("--corpus", type=Path, default=SHARED / "corpus")
    ap.add_argument("--rows", action="store_true", help="print each wrong row")
    ap.add_argument("--cache", type=Path, help="pickle of the ingested pairs (read if it exists)")
    args = ap.parse_args(argv)
    pairs = read_pairs(args.gold or [DEFAULT_GOLD], args.corpus, args.cache)
    tally = count(pairs, args.rows)
    total = tally["odd"] + tally["even"]
    for name, t in (*tally.items(), ("all", total)):
        n = sum(t.values())
        print(f"== {name}: right {t['right']}/{n}, missed {t['missed']}, false {t['false']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
