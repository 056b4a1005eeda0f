"""Where following year N's problems into N+1 goes wrong on the labelled shortcomings (issue 18
item 7), and why.

Run from the project root: .venv/bin/python bench/shortcoming_errors.py [GOLD ...] [--corpus DIR]
    [--only GOLD→YOY ...] [--json FILE] [--half odd|even]
GOLD: gold files or folders (default: bench/gold and ../shared/gold). --half keeps the pairs whose
plan year N is odd (or even) alone: the half a rule is chosen on, the other left unread. For every
labelled problem it prints the confusion of gold → yoy status (MISSING: the gold problem is none of
yoy's problems), and for the problems of the pairs of statuses named by --only (e.g.
addressed→not_mentioned) the labeller's quote, evidence and note, yoy's problem and its evidence,
then what the tracker saw: N+1's problems closest to it (score, whether they share a word of the
object) and where the labeller's evidence stands among them, and the closest review sentences
(coverage) and where the labeller's evidence sentence stands among those (`--only all` prints every
problem). --json writes every problem so read, for counting without running the engine again. Last,
the wrong ones counted by cause (`cause`: what the tracker saw of the labeller's evidence).
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

from accuracy import covering  # noqa: E402
from gold import (  # noqa: E402
    DEFAULT_GOLD,
    confusion,
    dump_rows,
    gold_files,
    norm,
    overlaps,
    pairs_of,
)

from compare.engine.shortcomings import (  # noqa: E402
    problem_subject,
    same_object,
    score_problems,
    track_shortcomings,
)
from compare.kinds import load_kind  # noqa: E402

SHOWN = 3  # candidates printed of N+1's problems and of its review sentences


def problems_of(path: Path, corpus: Path) -> list[dict]:
    """Every labelled problem of one gold file, with yoy's reading of it."""
    gold = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    out = []
    for label, old, new, pair in pairs_of(gold, corpus):
        if not pair.get("shortcomings"):
            continue
        kind = load_kind(old.kind)
        results = track_shortcomings(old, new, kind)
        sc = score_problems(old, new, kind) if old.shortcomings else None
        found = [r.text for r in results]

        def same(text: str, k: int, sc=sc, kind=kind) -> bool:
            return same_object(sc.texts[k], problem_subject(text, kind), kind)
        for g in pair["shortcomings"]:
            k = covering(g["quote"], found)
            quotes = g.get("evidence_quotes") or []
            row: dict = {"pair": label, "year": old.year, "file": path.name, "id": g["id"],
                         "gold": g["status"],
                         "quote": g["quote"], "quotes": quotes, "note": g.get("note", ""),
                         "yoy": "MISSING", "n_old": len(found), "n_new": len(new.shortcomings),
                         # yoy's problems inside the quote: a labeller's problem yoy cut at commas
                         "inside": sum(bool(norm(t)) and norm(t) in norm(g["quote"])
                                       for t in found)}
            if k is not None and sc is not None:
                r = results[k]
                row.update(yoy=r.status, text=r.text, subject=sc.texts[k],
                           evidence=[(e.text, e.score) for e in r.evidence[:2]],
                           again=_ranked(sc.s_again[k], sc.again, quotes,
                                         lambda t, k=k: same(t, k)),
                           review=_ranked(sc.s_review[k], sc.review, quotes))
            out.append(row)
    return out


def _ranked(scores, pool, quotes: list[str], same=None) -> dict:
    """The SHOWN best of `pool` for one problem, and the best place and score of a passage
    overlapping a labeller's evidence quote."""
    order = sorted(range(len(pool)), key=lambda j: (-scores[j], j))
    top = [(pool[j].text, round(float(scores[j]), 3), same(pool[j].text) if same else None)
           for j in order[:SHOWN]]
    gold_at = next(((n, round(float(scores[j]), 3), pool[j].text) for n, j in enumerate(order)
                    if any(overlaps(pool[j].text, q) or norm(q) in norm(pool[j].text)
                           for q in quotes)), None)
    return {"top": top, "gold_at": gold_at}


def cause(row: dict) -> str:
    """Why a problem's status is wrong, read off what the tracker saw (`problems_of`)."""
    gold, yoy = row["gold"], row["yoy"]
    if yoy == "MISSING":
        return ("one problem to the labeller, several clauses to yoy" if row["inside"] > 1
                else "not one of yoy's problems (no list read there, or split otherwise)")
    if gold == "unresolved":
        at = row["again"]["gold_at"]
        if at is None:
            return "N+1's problem is not one yoy reads"
        n, score, _ = at
        if n >= SHOWN:
            return "reworded: N+1's problem not among the closest" + (
                "" if score > 0 else ", no character shared")
        if not row["again"]["top"][n][2]:
            return "N+1's problem among the closest, no word of the object shared"
        return "N+1's problem among the closest, same object, below REPEATED"
    if yoy == "unresolved":
        return "an N+1 problem shares a word of the object"
    if gold == "addressed":
        at = row["review"]["gold_at"]
        if at and at[0] < SHOWN and at[1] > 0:
            return "the labeller's review sentence among the closest, below ADDRESSED"
        if at and at[1] > 0:
            return "the labeller's review sentence shares words, not among the closest"
        return "worked on in other words (no word shared)"
    return "a review sentence shares words, reports no work on it"


def show(row: dict) -> str:
    lines = [f"--- {row['pair']} {row['id']}: gold {row['gold']}, yoy {row['yoy']}",
             f"  quote: {row['quote']}"]
    if "text" in row:
        lines.append(f"  yoy's problem: {row['text']}  [subject: {row['subject']}]")
    lines += [f"  gold evidence: {' | '.join(row['quotes'])}", f"  note: {row['note']}"]
    for t, s in row.get("evidence", []):
        lines.append(f"  yoy cites ({s:.2f}): {t}")
    for what in ("again", "review"):
        if what not in row:
            continue
        r = row[what]
        for t, s, same in r["top"]:
            lines.append(f"  {what} {s:.2f}{'' if same is None else ' same' if same else ' other'}"
                         f": {t[:90]}")
        if row["quotes"]:
            g = r["gold_at"]
            lines.append(f"  {what} gold evidence: "
                         + (f"#{g[0] + 1} at {g[1]:.2f}: {g[2][:90]}" if g else "none of them"))
    if row["yoy"] == "MISSING":
        lines.append(f"  (yoy reads {row['n_old']} problems of N, {row['n_new']} of N+1)")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("gold", nargs="*", type=Path)
    ap.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus")
    ap.add_argument("--only", nargs="*", default=[], help="gold→yoy pairs of statuses to print")
    ap.add_argument("--json", type=Path, help="write every problem read to this file")
    ap.add_argument("--half", choices=["odd", "even"],
                    help="only the pairs whose plan year N is odd (even)")
    args = ap.parse_args(argv)
    rows = [r for f in gold_files(args.gold or DEFAULT_GOLD) for r in problems_of(f, args.corpus)
            if args.half is None or (r["year"] % 2 == 1) == (args.half == "odd")]
    wanted = set(args.only)
    for r in rows:
        if f"{r['gold']}→{r['yoy']}" in wanted or "all" in wanted:
            print(show(r))
    print("== gold → yoy, per pair (right/all)")
    for pair in dict.fromkeys(r["pair"] for r in rows):
        mine = [r for r in rows if r["pair"] == pair]
        print(f"  {pair}: {sum(r['gold'] == r['yoy'] for r in mine)}/{len(mine)}")
    confusion(rows, "gold → yoy")
    print(f"  right {sum(r['gold'] == r['yoy'] for r in rows)}/{len(rows)}")
    print("== the wrong ones by cause")
    causes = Counter((f"{r['gold']}→{r['yoy']}", cause(r)) for r in rows if r["gold"] != r["yoy"])
    for (pair, why), n in sorted(causes.items(), key=lambda x: (x[0][0], -x[1])):
        print(f"  {n:3d}  {pair}: {why}")
    dump_rows(rows, args.json)
    return 0


if __name__ == "__main__":
    sys.exit(main())
