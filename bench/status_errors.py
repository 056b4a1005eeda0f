"""Where the tracker's status goes wrong on the labelled sample rows (issue 18 items 2 and 4).

Run from the project root: .venv/bin/python bench/status_errors.py [GOLD ...] [--corpus DIR]
    [--only GOLD→YOY ...] [--half odd|even] [--json FILE]
GOLD: gold files or folders (default bench/gold/sample-*.yaml). For every real-measure row (quality
R) it prints the confusion of gold → yoy status (shipped model), and for the rows of the pairs of
statuses named by --only (e.g. delivered→partial) the labeller's note and evidence, then yoy's
parts, each with its status by the shipped model and by the rules alone, its cited sentence and
what the rules read of it (`rules.read`: the completion and future cues of the clause nearest the
part, the stage planned and reached, the figure reported against the plan, objects left out, an
end point promised). --half keeps the pairs of odd or even plan year N (one half to read and
choose on, the other to report). --json writes every row so read, with its plan year, for counting
without running the engine again. --aggregate prints, for the rows of several parts, how many a
row status read from its parts' statuses could get right at best: the rows grouped by what their
parts say (coarse to fine), each group given its most frequent gold status — an upper bound, fitted
on the rows it scores, for any rule or model that sees only the parts' statuses.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from accuracy import holding  # noqa: E402
from gold import SHARED, confusion, dump_rows, gold_files, ledgers  # noqa: E402

from compare.engine.rules import read, read_parts  # noqa: E402
from compare.engine.track import parts_of, review_pool, status_of, track_commitments  # noqa: E402


def rows_of(path: Path, corpus: Path) -> list[dict]:
    """Every R row of one gold file, with yoy's reading of it (shipped and rules)."""
    out = []
    for label, old, new, pair, kind, shipped in ledgers(path, corpus):
        rules = track_commitments(old, new, kind, model=None)
        texts = [r.text for r in shipped]
        by_id = {c.id: c for c in old.commitments}
        for g in pair.get("measures") or []:
            if g.get("quality") != "R":
                continue
            k = holding(g["plan_quote"], texts)
            row: dict = {"pair": label, "year": old.year, "id": g["id"], "gold": g["status"],
                         "note": g.get("note", ""), "quotes": g.get("evidence_quotes") or [],
                         "plan_quote": g["plan_quote"], "yoy": None}
            if k is not None:
                s, r = shipped[k], rules[k]
                row.update(yoy=s.status, rules=r.status, text=s.text,
                           parts=_parts(by_id[s.commitment_id], s, r, new, kind))
            out.append(row)
    return out


def _parts(c, shipped, rules, new, kind) -> list[dict]:
    """Each part of a row: both statuses, its cited sentence and the rules' reading of it."""
    review = review_pool(new, kind)
    parts = parts_of(c, kind)
    readings = read_parts(parts, review, kind) if review else []
    out = []
    for j, (p, q) in enumerate(zip(shipped.parts, rules.parts, strict=True)):
        d = {"text": p.text, "checked": p.checked, "shipped": p.status, "rules": q.status,
             "score": p.score, "evidence": p.evidence.text if p.evidence else ""}
        if p.evidence is not None and readings:
            said = read(parts[j][0], readings[j].indicator, [p.evidence.text], kind,
                        readings[j].rivals)
            d.update(clause=said.clause, cue=said.cue, future=said.future,
                     planned_stage=said.planned, reached_stage=said.reached,
                     figure=said.figure[1] if said.figure else None, meets=said.meets,
                     quantity=p.planned, uncovered=said.uncovered, other_level=said.other_level,
                     set_phrase=said.set_phrase, end_point=said.end_point,
                     why=status_of(said)[1])
        out.append(d)
    return out


def show(row: dict) -> str:
    lines = [f"--- {row['pair']} {row['id']}: gold {row['gold']}, yoy {row['yoy']} "
             f"(rules {row.get('rules')})",
             f"  plan: {row.get('text', row['plan_quote'])}",
             f"  note: {row['note']}", f"  gold evidence: {' | '.join(row['quotes'])}"]
    for p in row.get("parts", []):
        lines.append(f"  part [{p['shipped']}/{p['rules']} {p['score']:.2f}"
                     f"{'' if p['checked'] else ' unchecked'}]: {p['text']}")
        if p["evidence"]:
            lines.append(f"    cites: {p['evidence']}")
        if "clause" in p:
            lines.append(f"    clause: {p['clause']} | cue {p['cue']} future {p['future']} "
                         f"stage {p['planned_stage']}→{p['reached_stage']} figure {p['figure']} "
                         f"vs {p['quantity'] or '-'} meets {p['meets']} uncovered {p['uncovered']}"
                         f" set_phrase {p['set_phrase']} end_point {p['end_point']} "
                         f"why {p['why']!r}")
    return "\n".join(lines)


# what a row's parts say, coarse to fine: which statuses occur; with the share of parts reported and
# the first part's; the counts of each with the first and last part's
GROUPINGS = {
    "statuses present": lambda st: "".join(sorted({s[0] for s in st})),
    "+ share reported, first part": lambda st: (
        "".join(sorted({s[0] for s in st})),
        round(4 * (len(st) - st.count("not_reported")) / len(st)), st[0]),
    "counts, first and last part": lambda st: (
        len(st), st.count("delivered"), st.count("partial"), st[0], st[-1]),
}


def aggregate(rows: list[dict]) -> str:
    """The rows of several parts: yoy's row status right, and the best any function of the parts'
    statuses could do, by each grouping of GROUPINGS."""
    multi = [r for r in rows if len(r.get("parts") or []) > 1]
    lines = [f"== rows of several parts: {len(multi)}, yoy right "
             f"{sum(r['gold'] == r['yoy'] for r in multi)}"]
    for name, key in GROUPINGS.items():
        groups: dict = {}
        for r in multi:
            g = groups.setdefault(key([p["shipped"] for p in r["parts"]]), {})
            g[r["gold"]] = g.get(r["gold"], 0) + 1
        best = sum(max(g.values()) for g in groups.values())
        lines.append(f"  best by {name} ({len(groups)} groups): {best}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("gold", nargs="*", type=Path)
    ap.add_argument("--corpus", type=Path, default=SHARED / "corpus")
    ap.add_argument("--only", nargs="*", default=[], help="gold→yoy pairs of statuses to print")
    ap.add_argument("--half", choices=("odd", "even"),
                    help="only the pairs of odd or even plan year N")
    ap.add_argument("--json", type=Path, help="write every R row read to this file")
    ap.add_argument("--aggregate", action="store_true",
                    help="how far a row status read from its parts' statuses could go")
    args = ap.parse_args(argv)
    files = ([f for f in gold_files(args.gold)] if args.gold
             else sorted((ROOT / "bench" / "gold").glob("sample-*.yaml")))
    rows = [r for f in files for r in rows_of(f, args.corpus)
            if args.half is None or (r["year"] % 2 == 1) == (args.half == "odd")]
    wanted = set(args.only)
    for r in rows:
        if f"{r['gold']}→{r['yoy']}" in wanted:
            print(show(r))
    confusion(rows, "gold → yoy (shipped), R rows" + (f", {args.half} N" if args.half else ""))
    if args.aggregate:
        print(aggregate(rows))
    dump_rows(rows, args.json)
    return 0


if __name__ == "__main__":
    sys.exit(main())
