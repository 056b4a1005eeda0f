"""Why the labelled slogans, framing and fragments (S/F) yoy still lists are rows of their own.

Run from the project root: .venv/bin/python bench/row_causes.py [GOLD ...] [--corpus DIR]
[--pairs] [--rows]
GOLD: gold files or folders with sampled rows labelled `quality` (default: bench/gold).

Each pair is ingested as bench/accuracy.py ingests it; an S/F row still a row is one whose quote
is most of the row holding it (accuracy's `S/F rows still rows`). Its row is traced through
`compare/ingest/lists.py`'s join (the fitted decision's probability read for every candidate row,
the rows ingest writes unchanged) and given one cause, the first that holds:

  joined, still most of its row   it joined a task's row but is most of the row so made
  the decision finds a task       p below the shipped model's cut (whether or not it was weighed)
  no task: only row of paragraph  found no task, and its paragraph holds no other row
  no task: past JOIN_MAX          found no task, its neighbours too long to take it (`may_join`)
  no task: no task in paragraph   found no task, as is every other row of its paragraph
  no task: join past JOIN_MAX     found no task, the join it was weighed for would pass JOIN_MAX

Counts are printed for the State Council's pairs (国务院) and the others apart; `--pairs` by
pair, `--rows` every row with its cause and the labeller's note. Prints figures only.
"""
from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from accuracy import OWN_ROW, holding  # noqa: E402
from gold import SHARED, gold_files, norm, pairs_of  # noqa: E402

import compare.ingest.lists as lists  # noqa: E402
from compare import compare_reports  # noqa: E402
from compare.ingest import row_quality  # noqa: E402
from compare.kinds import load_kind  # noqa: E402

CAUSES = ("joined, still most of its row", "the decision finds a task",
          "no task: only row of paragraph", "no task: past JOIN_MAX",
          "no task: no task in paragraph", "no task: join past JOIN_MAX")


class Recorder:
    """Ingest's join with every candidate row weighed: `may_join` answers yes so the decision is
    read for each row (each section's rows, its verdicts and whether each could join), and the
    join is given the flags ingest gives it (`may_join` and no task), so the rows it makes are
    ingest's."""

    def __init__(self) -> None:
        self.sections: list[tuple[list, list[bool], list[bool]]] = []
        self.may_join, self.joined = lists.may_join, lists.joined

    def __enter__(self) -> Recorder:
        rec = self

        def joined(found, flags, paragraphs):
            can = [rec.may_join(found, i) for i in range(len(found))]
            real = [c and f for c, f in zip(can, flags, strict=True)]
            rec.sections.append((found, flags, can))
            return rec.joined(found, real, paragraphs)

        lists.may_join = lambda found, i: True  # type: ignore[assignment]
        lists.joined = joined  # type: ignore[assignment]
        return self

    def __exit__(self, *exc) -> None:
        lists.may_join, lists.joined = self.may_join, self.joined  # type: ignore[assignment]


def cause(rec: Recorder, paragraph: int, start: int, text: str) -> str:
    """The cause of a row ingest wrote at (paragraph, start) with `text` (see the docstring)."""
    for found, flags, can in rec.sections:
        at = next((i for i, (k, m) in enumerate(found)
                   if k == paragraph and m.start == start and m.text == text), None)
        if at is None:
            continue
        if not flags[at]:
            return CAUSES[1]
        same = [i for i, (k, _) in enumerate(found) if k == paragraph]
        if len(same) == 1:
            return CAUSES[2]
        if not can[at]:
            return CAUSES[3]
        if all(flags[i] for i in same):
            return CAUSES[4]
        return CAUSES[5]
    return CAUSES[0]    # no candidate row is this row: it is a join


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("gold", nargs="*", type=Path)
    ap.add_argument("--corpus", type=Path, default=SHARED / "corpus")
    ap.add_argument("--pairs", action="store_true")
    ap.add_argument("--rows", action="store_true")
    args = ap.parse_args(argv)
    if row_quality.shipped() is None:
        print("row_causes: error: no fitted row decision (compare/ingest/row_quality.yaml)",
              file=sys.stderr)
        return 2
    counts: Counter[tuple[str, str, str]] = Counter()
    for f in gold_files(args.gold or [ROOT / "bench" / "gold"]):
        gold = yaml.safe_load(f.read_text(encoding="utf-8")) or {}
        for label, old, new, pair in pairs_of(gold, args.corpus):
            sampled = [g for g in pair.get("measures") or [] if g.get("quality") in ("S", "F")]
            if not sampled:
                continue
            results = list(compare_reports(old, new).commitments)
            texts = [r.text for r in results]
            with Recorder() as rec:
                rows = lists.commitments(old, load_kind(old.kind))
            assert [c.text for c in rows] == [c.text for c in old.commitments], label
            by_id = {c.id: c for c in rows}
            group = "国务院" if label.startswith("国务院") else "others"
            for g in sampled:
                k = holding(g["plan_quote"], texts)
                if k is None or len(norm(g["plan_quote"])) < OWN_ROW * len(norm(texts[k])):
                    continue
                c = by_id[results[k].commitment_id]
                why = cause(rec, c.paragraph, c.start, c.text)
                counts[(group, label, why)] += 1
                if args.rows:
                    print(f"{label} {g['id']} {g['quality']} [{why}] {c.text[:60]} | "
                          f"{(g.get('note') or '')[:80]}")
    groups = sorted({g for g, _, _ in counts})
    print("cause: " + ", ".join(groups))
    for why in CAUSES:
        print(f"  {why}: " + ", ".join(
            str(sum(n for (g, _, w), n in counts.items() if g == group and w == why))
            for group in groups))
    if args.pairs:
        for label in sorted({p for _, p, _ in counts}):
            print(f"  {label}: " + ", ".join(f"{why} {n}" for why in CAUSES
                                             if (n := sum(v for (_, p, w), v in counts.items()
                                                          if p == label and w == why))))
    return 0


if __name__ == "__main__":
    sys.exit(main())
