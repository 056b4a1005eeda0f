"""Where the labelled evidence stands among what yoy reads for a measure (issue 18 item 2).

Run from the project root: .venv/bin/python bench/evidence_ranks.py [GOLD ...] [--corpus DIR]
    [--show WHERE ...] [--cited] [--sample N [--seed S]] [--json FILE]
GOLD: gold files or folders (default bench/gold). For every labelled measure with evidence quotes
it says where the first review sentence overlapping a quote (`gold.overlaps`, as
bench/accuracy.py's evidence top-1) stands for the row yoy lists it as (shipped model):

- top-1 / top-3: yoy's first citation is it / one of its first three citations are;
- cited below 3: cited, but after the first three (a row of many parts);
- candidate, not cited: among a part's CANDIDATES closest sentences (`rules.read_parts`), but
  not cited (the row is not reported, or others come first); `rank` is its place by closeness
  (the larger of cosine and coverage), `outranked by` the sentence yoy cites first;
- in the review, not a candidate: in the sentences the tracker reads (`track.review_pool`), but
  not among the closest; `rank` its place there;
- left out of the review: in N+1's review part but not in the pool (five-year passages, the
  problem list, a heading); in another part of N+1 (the plan); nowhere in N+1's text as ingested;
- row not found: the plan quote is in no row (bench/accuracy.py's measures found).

Per pair and in total, then the rows of the places named by --show (e.g. "candidate, not cited")
with the measure, the gold sentence and its signals, and what yoy cites first and its signals;
--cited shows instead every row yoy cites for whose first citation is not the label's, with
each part's status and best citation and the cause (`_cause`, counted in the totals too);
--sample N shows instead N rows drawn uniformly among those whose first citation is not the
label's (`random.Random(S)`, 1646 by default: docs/accuracy.md's reading of 40 of them).
--json writes every row so read.
"""
from __future__ import annotations

import argparse
import random
import sys
from collections import Counter
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from accuracy import holding, role_texts  # noqa: E402
from gold import dump_rows, gold_files, norm, overlaps, pairs_of  # noqa: E402

from compare import compare_reports  # noqa: E402
from compare.engine.aliases import alias_expander  # noqa: E402
from compare.engine.rules import (  # noqa: E402
    EVIDENCE_FEATURES,
    evidence_scores,
    indicator_of,
    query,
    read_parts,
)
from compare.engine.track import parts_of, review_pool, track_commitments  # noqa: E402
from compare.kinds import load_kind  # noqa: E402
from compare.schema import REVIEW_ROLES  # noqa: E402

PLACES = ("top-1", "top-3", "cited below 3", "candidate, not cited",
          "in the review, not a candidate", "left out of the review", "in another part of N+1",
          "nowhere in N+1", "row not found")


def closeness(parts, review, kind):
    """Each part's closeness to every review sentence, as `read_parts` ranks its candidates: the
    larger of the bigram cosine and the trigram coverage of its object (parts × sentences)."""
    import numpy as np
    expand = alias_expander(kind)
    texts = [expand(query(c, indicator_of(c, kind))) for c, _ in parts]
    objects = [kind.cues.opening.sub("", t, count=1) or t for t in texts]
    scored = [p._replace(text=expand(p.text)) for p in review]
    cosine, coverage, _ = evidence_scores(texts, scored, objects=objects)
    return np.maximum(cosine, coverage)


def rows_of(path: Path, corpus: Path) -> list[dict]:
    gold = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    out = []
    for label, old, new, pair in pairs_of(gold, corpus):
        measures = [g for g in pair.get("measures") or [] if g.get("evidence_quotes")]
        if not measures:
            continue
        kind = load_kind(old.kind)
        cmp = compare_reports(old, new)
        results = list(cmp.commitments)
        # the rules alone, to tell a part the rules found from one the status model calls partial
        rules = {x.commitment_id: x for x in track_commitments(old, new, kind, model=None)}
        texts = [r.text for r in results]
        review = review_pool(new, kind)
        by_id = {c.id: c for c in old.commitments}
        rows = [parts_of(c, kind) for c in old.commitments]
        flat = [pc for r in rows for pc in r]
        readings = read_parts(flat, review, kind)
        score = closeness(flat, review, kind)
        start = {c.id: sum(len(r) for r in rows[:i]) for i, c in enumerate(old.commitments)}
        review_part = role_texts(new, REVIEW_ROLES)
        whole = norm("".join(p for s, _ in new.walk()
                             for p in [s.heading, *s.paragraphs, *(it.text for it in s.items)]))
        for g in measures:
            quotes = g["evidence_quotes"]
            row = {"pair": label, "id": g["id"], "gold": g["status"], "plan_quote": g["plan_quote"],
                   "quotes": quotes}
            k = holding(g["plan_quote"], texts)
            if k is None:
                out.append({**row, "place": "row not found"})
                continue
            r = results[k]
            cited = [e.text for e in r.evidence]
            hit = next((n for n, t in enumerate(cited) if any(overlaps(t, q) for q in quotes)),
                       None)
            row.update(yoy=r.status, cited=cited[:1],
                       parts=[{"text": p.text, "status": p.status, "checked": p.checked,
                               "evidence": p.evidence.text if p.evidence else "",
                               "score": p.evidence.score if p.evidence else None}
                              for p in r.parts])
            gold_k = [j for j, p in enumerate(review) if any(overlaps(p.text, q) for q in quotes)]
            first = start[r.commitment_id]
            mine = list(range(first, first + len(rows[old.commitments.index(by_id[
                r.commitment_id])])))
            if hit == 0:
                place = "top-1"
            elif hit is not None:
                place = "top-3" if hit < 3 else "cited below 3"
            elif any(j in readings[i].candidates for i in mine for j in gold_k):
                place = "candidate, not cited"
            elif gold_k:
                place = "in the review, not a candidate"
            elif any(norm(q)[:12] in p for q in quotes for p in review_part):
                place = "left out of the review"
            elif any(norm(q)[:12] in whole for q in quotes):
                place = "in another part of N+1"
            else:
                place = "nowhere in N+1"
            row["place"] = place
            if gold_k and place != "top-1":
                # the part closest to the gold sentence, the gold sentence's rank and signals
                i, j = max(((i, j) for i in mine for j in gold_k), key=lambda ij: score[ij])
                rank = int((score[i] > score[i, j]).sum())
                reading = readings[i]
                row.update(part=flat[i][0].text, gold_sentence=review[j].text, rank=rank,
                           gold_score=round(float(score[i, j]), 3))
                if j in reading.candidates:
                    row["gold_signals"] = _signals(reading, reading.candidates.index(j))
                top = next((n for n, x in enumerate(reading.candidates)
                            if cited and review[x].text == cited[0]), None)
                if top is not None:
                    row["top_signals"] = _signals(reading, top)
            if cited and hit != 0:
                row["cause"] = _cause(r, rules[r.commitment_id], quotes, row.get("part"))
            out.append(row)
    return out


CAUSES = ("another part first", "its part not reported", "outranked (rules)",
          "outranked (status model)")


def _cause(r, rules, quotes, label_part: str | None) -> str:
    """Why a row yoy cites for does not cite the label's sentence first (--cited). `r`: yoy's
    row (shipped), `rules`: the same row by the rules alone, `label_part`: the row's part closest
    to the label's sentence (None when that sentence is not in the review yoy reads). Another
    part's citation comes first while a part of the row cites the label's sentence as its best;
    the label's part is left not reported while another is cited; else the label's sentence is
    outranked (or not a candidate) in the part cited first, a part the rules find reported or one
    the status model alone calls partial (the rules: not reported), cited by its closest."""
    first = r.evidence[0].text
    j = next((n for n, p in enumerate(r.parts) if p.evidence and p.evidence.text == first), 0)
    if any(p.evidence and any(overlaps(p.evidence.text, q) for q in quotes) for p in r.parts):
        return "another part first"
    if any(p.text == label_part and p.status == "not_reported" for p in r.parts):
        return "its part not reported"
    return "outranked (rules)" if rules.parts[j].status != "not_reported" else \
        "outranked (status model)"


def _signals(reading, n: int) -> dict[str, float]:
    return {k: round(v, 3) for k, v in zip(EVIDENCE_FEATURES, reading.features[n].tolist(),
                                           strict=True)}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("gold", nargs="*", type=Path)
    ap.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus")
    ap.add_argument("--show", nargs="*", default=[], choices=PLACES)
    ap.add_argument("--cited", action="store_true",
                    help="show every row yoy cites for whose first citation is not the label's, "
                         "with each part's status and best citation (score: its closeness)")
    ap.add_argument("--sample", type=int, default=0)
    ap.add_argument("--seed", type=int, default=1646)
    ap.add_argument("--json", type=Path)
    args = ap.parse_args(argv)
    files = gold_files(args.gold or [ROOT / "bench" / "gold"])
    rows = [r for f in files for r in rows_of(f, args.corpus)]
    for label in dict.fromkeys(r["pair"] for r in rows):
        n = Counter(r["place"] for r in rows if r["pair"] == label)
        print(f"{label}: " + ", ".join(f"{p} {n[p]}" for p in PLACES if n[p]))
    n = Counter(r["place"] for r in rows)
    print(f"== all {len(rows)} labelled measures with evidence")
    for p in PLACES:
        below = Counter(r["yoy"] for r in rows if r["place"] == p and "yoy" in r)
        print(f"  {p}: {n[p]}" + (f" (yoy {dict(sorted(below.items()))})" if below else ""))
    # the first citation's own accuracy: a row yoy does not report cites nothing
    cites = [r for r in rows if r.get("cited")]
    print(f"  of the {len(cites)} yoy cites for: top-1 "
          f"{sum(r['place'] == 'top-1' for r in cites)}")
    why = Counter(r["cause"] for r in cites if "cause" in r)
    print("  the others: " + ", ".join(f"{c} {why[c]}" for c in CAUSES))
    shown = [r for r in rows if r["place"] in args.show]
    if args.cited:
        shown = [r for r in rows if r.get("cited") and r["place"] != "top-1"]
    if args.sample:
        missed = [r for r in rows if r["place"] != "top-1"]
        shown = random.Random(args.seed).sample(missed, args.sample)
    for r in shown:
        print(f"\n[{r['place']}{'; ' + r['cause'] if 'cause' in r else ''}] {r['pair']} {r['id']}"
              f" gold {r['gold']} yoy {r.get('yoy')}"
              f" rank {r.get('rank')}\n  part: {r.get('part', r['plan_quote'])}\n"
              f"  gold: {r.get('gold_sentence', r['quotes'][0])}\n"
              f"        {r.get('gold_signals', '')}\n"
              f"  yoy:  {(r.get('cited') or [''])[0]}\n        {r.get('top_signals', '')}")
        for n, p in enumerate(r.get("parts", []) if args.cited else []):
            print(f"  part {n} [{p['status']}{'' if p['checked'] else ', aim'} {p['score']}]"
                  f" {p['text'][:40]}\n      {p['evidence'][:90]}")
    dump_rows(rows, args.json)
    return 0


if __name__ == "__main__":
    sys.exit(main())
