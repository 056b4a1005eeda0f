"""How often two blind labellers of the same sampled rows agree: the ceiling any status can reach.

Run from the project root:
    .venv/bin/python bench/agreement.py [bench/gold/second-labeller]

Each file in the folder labels again, independently, the rows of the bench/gold file of the same
name; printed per pair and overall: status, quality (R/S/F), status on the rows both call real
measures, carried over, and the pairs of statuses they disagree on.
"""
from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent


def rows(path: Path) -> dict[str, dict]:
    """The labelled rows of a sample file by their id (r01…)."""
    pairs = yaml.safe_load(path.read_text(encoding="utf-8"))["pairs"]
    return {m["id"]: m for p in pairs for m in p["measures"]}


def agreement(first: dict[str, dict], second: dict[str, dict]) -> Counter:
    """Counts of agreement between two labellings of the same rows."""
    n: Counter = Counter()
    for k, a in first.items():
        b = second[k]
        n["rows"] += 1
        n["status"] += a["status"] == b["status"]
        n["quality"] += a["quality"] == b["quality"]
        if a["quality"] == b["quality"] == "R":
            n["both R"] += 1
            n["status on R"] += a["status"] == b["status"]
        n["carried over"] += bool(a["carried_over"]) == bool(b["carried_over"])
        if a["status"] != b["status"]:
            n[f"{a['status']} / {b['status']}"] += 1
    return n


def line(name: str, n: Counter) -> str:
    split = ", ".join(f"{k} {v}" for k, v in sorted(n.items()) if " / " in k)
    return (f"{name}: status {n['status']}/{n['rows']}, quality {n['quality']}/{n['rows']}, "
            f"status on rows both call R {n['status on R']}/{n['both R']}, carried over "
            f"{n['carried over']}/{n['rows']}; disagreements: {split or 'none'}")


def main(argv: list[str]) -> int:
    folder = Path(argv[0]) if argv else HERE / "gold" / "second-labeller"
    total: Counter = Counter()
    for second in sorted(folder.glob("*.yaml")):
        n = agreement(rows(folder.parent / second.name), rows(second))
        print(line(second.stem, n))
        total += n
    print(line("overall", total))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
