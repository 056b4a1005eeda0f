"""How often two blind labellers of the same pairs agree: the ceiling any status can reach.

Run from the project root:
    .venv/bin/python bench/agreement.py [bench/gold/second-labeller [CORPUS]]
    .venv/bin/python bench/agreement.py bench/gold/second-labeller-shared

Each file in the folder labels again, independently, the rows (*sample*.yaml) or the problems
(shortcomings-*.yaml) of the gold file of the same name: bench/gold's, or where bench/gold has none,
../shared/gold's (the team's own labels: how far this project's labellers read a row as the team
does). For rows, printed per pair and overall: status, quality (R/S/F), status on the rows both call
real measures, carried over, and the pairs of statuses they disagree on. For problems, which the two
may split differently: the first labeller's problems the second quotes too (at the same place of
year N's text, read from the corpus, ../shared/corpus by default), the status on those, and the
pairs of statuses they disagree on.
"""
from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

import yaml
from gold import SHARED, find_file

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
        disagree(n, a, b)
    return n


def disagree(n: Counter, a: dict, b: dict) -> None:
    """Count the pair of statuses two labellers gave, where they differ."""
    if a["status"] != b["status"]:
        n[f"{a['status']} / {b['status']}"] += 1


def disagreements(n: Counter) -> str:
    return ", ".join(f"{k} {v}" for k, v in sorted(n.items()) if " / " in k) or "none"


def line(name: str, n: Counter) -> str:
    return (f"{name}: status {n['status']}/{n['rows']}, quality {n['quality']}/{n['rows']}, "
            f"status on rows both call R {n['status on R']}/{n['both R']}, carried over "
            f"{n['carried over']}/{n['rows']}; disagreements: {disagreements(n)}")


def problems(path: Path) -> dict[str, list[dict]]:
    """The labelled problems of a shortcomings file, by the pair's year-N report."""
    pairs = yaml.safe_load(path.read_text(encoding="utf-8"))["pairs"]
    return {p["plan_report"]: p["shortcomings"] for p in pairs}


def span(text: str, quote: str) -> range:
    """Where a quote stands in its report (labellers quote verbatim, once in the file)."""
    at = text.find(quote)
    return range(at, at + len(quote)) if at >= 0 else range(0)


def problem_agreement(first: dict[str, list[dict]], second: dict[str, list[dict]],
                      texts: dict[str, str]) -> Counter:
    """Counts of agreement between two labellings of the same pairs' problem lists. Labellers split
    a list differently (有效需求不足 alone, or 有效需求不足、社会预期偏弱), so each of the first's
    problems meets the second's problem whose quote covers most of the same characters of year N's
    text: their place in the list, not shared words (有待提高 ends many problems)."""
    n: Counter = Counter()
    for report, listed in first.items():
        text = texts[report]
        others = [(o, span(text, o["quote"])) for o in second.get(report, [])]
        for a in listed:
            n["problems"] += 1
            at = span(text, a["quote"])
            shared = [(len(set(at) & set(where)), o) for o, where in others]
            size, b = max(shared, key=lambda s: s[0], default=(0, None))
            if b is None or size < 2:
                continue
            n["matched"] += 1
            n["status"] += a["status"] == b["status"]
            disagree(n, a, b)
    return n


def problem_line(name: str, n: Counter) -> str:
    return (f"{name}: problems quoted by both {n['matched']}/{n['problems']}, status "
            f"{n['status']}/{n['matched']}; disagreements: {disagreements(n)}")


def first_of(folder: Path, name: str) -> Path:
    """The first labelling of a second labeller's file: bench/gold's file of that name, else the
    shared gold's."""
    ours = folder.parent / name
    return ours if ours.exists() else SHARED / "gold" / name


def main(argv: list[str]) -> int:
    folder = Path(argv[0]) if argv else HERE / "gold" / "second-labeller"
    corpus = Path(argv[1]) if len(argv) > 1 else SHARED / "corpus"
    total: Counter = Counter()
    total_problems: Counter = Counter()
    for second in sorted(folder.glob("*sample*.yaml")):
        n = agreement(rows(first_of(folder, second.name)), rows(second))
        print(line(second.stem, n))
        total += n
    if total:
        print(line("overall", total))
    for second in sorted(folder.glob("shortcomings-*.yaml")):
        first = problems(first_of(folder, second.name))
        texts = {name: find_file(corpus, name).read_text(encoding="utf-8") for name in first}
        n = problem_agreement(first, problems(second), texts)
        print(problem_line(second.stem, n))
        total_problems += n
    if total_problems:
        print(problem_line("problems overall", total_problems))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
