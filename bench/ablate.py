"""Which of the tracker's fitted decisions earn their place, leave-one-pair-out or -unit-out
(issue 18 item 4).

Run from the project root: .venv/bin/python bench/ablate.py [--corpus DIR] [--jobs N]
[--held pair|unit] [--json FILE]

Every labelled measure of the dev gold (bench/gold, in two halves: odd and even plan year N) and of
the shared gold (../shared/gold) is traced by the model fitted without its pair (`make accuracy`'s
lopo models, kept in bench/.cache/lopo), then again with one decision of that model taken back by
the rules (ABLATIONS), each built from the same fitted model, so no refit is needed. Printed per
part of the gold and over all three: status right on real (R) rows, status and part status right,
evidence top-1, not_reported marked delivered; then each variant against `lopo` on status on R rows
row by row (wins, losses, one-sided sign test), pair by pair, and with each false delivery costing
bench/fit.py's FALSE_DELIVERED; then each unit's status on R rows, each variant.

--held unit: each row's model is fitted without every pair of its unit (`accuracy.unit_of`: its
region, the State Council's era; `make accuracy`'s louo), as yoy meets the reports of a unit it was
never fitted on; `lopo` below then names that model.
"""
from __future__ import annotations

import argparse
import sys
from dataclasses import replace
from pathlib import Path
from types import SimpleNamespace

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import accuracy  # noqa: E402
from accuracy import _lopo, _louo, _pool, agreeing, holding, score_measures, unit_of  # noqa: E402
from fit import FALSE_DELIVERED, sign_test  # noqa: E402
from gold import SHARED, dump_rows, ingest_pair, pair_files  # noqa: E402

from compare.engine.model import Model  # noqa: E402


def _round1(m: Model, **by: str) -> Model:
    """`m` without the status decision: the four decisions of round 1, each the rules' unless
    `by` gives it to the model."""
    return replace(m, status_by="rules", **{"ranked_by": "rules", "reported_by": "rules",
                                            "delivered_by": "rules", "topic_by": "rules", **by})


ABLATIONS = {
    "lopo": ("the model fitted without the pair, as fitted (status decision on)", lambda m: m),
    "rules": ("the rules alone", lambda m: None),
    "status": ("the status decision on, whatever the fit chose (the shipped configuration; a fit "
               "before method21 could leave it off: 3 of the 10 leave-one-unit-out models did)",
               lambda m: replace(_round1(m), status_by="model")),
    "no-status": ("the status decision off: every decision the rules' (the model's probabilities "
                  "still score the parts)", _round1),
    "no-added": ("the status decision never reports a part the rules find nothing for",
                 accuracy.ABLATIONS["lopo-no-added"]),
    "no-doubt": ("the status decision never doubts a part the rules call delivered",
                 accuracy.ABLATIONS["lopo-no-doubt"]),
    "neither": ("both of the above: the status decision says what the rules say (its "
                "probabilities still score the parts)",
                lambda m: agreeing(agreeing(m, "delivered"), "not_reported")),
    "doubt-partial": ("a part the rules call delivered is doubted only when the status decision "
                      "says partial, not when it says not_reported",
                      lambda m: agreeing(m, "delivered", "not_reported", by=-1e6)),
    **{f"added{-by:+}": (f"the status decision's not_reported score changed by {by:+} where the "
                         "rules say not_reported (+: fewer parts added, -: more)",
                         lambda m, by=by: agreeing(m, "not_reported", by=by))
       for by in (0.5, -0.5, -1.0)},
    "ranked": ("no status decision; the evidence model ranks the candidates",
               lambda m: _round1(m, ranked_by="model")),
    "reported": ("no status decision; the reported model says a part is reported",
                 lambda m: _round1(m, reported_by="model")),
    "delivered": ("no status decision; the delivered model says a reported part is delivered",
                  lambda m: _round1(m, delivered_by="model")),
    "topic": ("no status decision; the topic model says a part nothing cites is partial",
              lambda m: _round1(m, topic_by="model", topic_above=0.5)),
}


def rows_of(task: tuple) -> list[dict]:
    """Each labelled measure of one pair (all its labellings), scored by every variant."""
    from compare.engine.passages import one_comparison
    from compare.engine.track import track_commitments
    from compare.kinds import load_kind
    labellings, group, variants, held = task
    label, old_path, new_path, region, plan_year = labellings[0][:5]
    old, new = ingest_pair(old_path, new_path, region, plan_year)
    kind = load_kind(old.kind)
    m = {"pair": _lopo, "unit": _louo}[held](label)
    traced = {}
    for v in variants:
        with one_comparison():
            traced[v] = track_commitments(old, new, kind, model=ABLATIONS[v][1](m))
    out = []
    for *_, pair in labellings:
        for g in pair.get("measures") or []:
            row = {"pair": label, "unit": unit_of(region, plan_year), "id": g["id"],
                   "group": group, "gold": g["status"],
                   "real": g.get("quality") == "R", "quoted": bool(g.get("evidence_quotes"))}
            for v in variants:
                # the row scored as `make accuracy` scores it, alone
                t = score_measures({"measures": [g]},
                                   SimpleNamespace(commitments=traced[v], shortcomings=[]), new)
                k = holding(g["plan_quote"], [r.text for r in traced[v]])
                row[v] = {"said": traced[v][k].status if k is not None else None,
                          **{what: bool(t.counts.get(name, [0])[0]) for what, name in (
                              ("status", "status right"), ("part", "part status right"),
                              ("top1", "evidence top-1"),
                              ("false_delivered", "not_reported marked delivered"))}}
            out.append(row)
    return out


def figures(rows: list[dict], v: str) -> str:
    real = [r for r in rows if r["real"]]
    quoted = [r for r in rows if r["quoted"]]
    nr = [r for r in rows if r["gold"] == "not_reported"]

    def n(rs: list[dict], what: str) -> str:
        return f"{sum(r[v][what] for r in rs)}/{len(rs)}"
    return (f"status R {n(real, 'status')}, status {n(rows, 'status')}, part {n(rows, 'part')}, "
            f"top-1 {n(quoted, 'top1')}, nr→delivered {n(nr, 'false_delivered')}")


def against(rows: list[dict], v: str, base: str = "lopo") -> str:
    """`v` against `base` on status on R rows: rows won and lost, the one-sided sign test (that `v`
    is better; and that it is worse), pairs won and lost."""
    real = [r for r in rows if r["real"]]
    a = [int(r[v]["status"]) for r in real]
    b = [int(r[base]["status"]) for r in real]
    wins = sum(x > y for x, y in zip(a, b, strict=True))
    losses = sum(x < y for x, y in zip(a, b, strict=True))
    pairs: dict[str, int] = {}
    for r, x, y in zip(real, a, b, strict=True):
        pairs[r["pair"]] = pairs.get(r["pair"], 0) + x - y
    up, down = sum(d > 0 for d in pairs.values()), sum(d < 0 for d in pairs.values())
    won, lost = [int(d > 0) for d in pairs.values()], [int(d < 0) for d in pairs.values()]
    # as bench/fit.py chooses: a not_reported row marked delivered costs FALSE_DELIVERED more
    ca, cb = cost(real, v), cost(real, base)
    return (f"rows +{wins} −{losses} (p better {sign_test(a, b):.3f}, p worse "
            f"{sign_test(b, a):.3f}); pairs +{up} −{down} (p better "
            f"{sign_test(won, lost):.3f}); with false deliveries {sum(ca)} vs {sum(cb)} "
            f"(p better {sign_test(ca, cb):.3f}, p worse {sign_test(cb, ca):.3f})")


def cost(rows: list[dict], v: str) -> list[int]:
    """Each row's point as bench/fit.py counts it: its status right, less FALSE_DELIVERED when a
    not_reported row is marked delivered."""
    return [int(r[v]["status"]) - FALSE_DELIVERED * int(r[v]["false_delivered"]) for r in rows]


def by_unit(rows: list[dict], variants: list[str]) -> list[str]:
    """Status on R rows of each unit, each variant (and its false deliveries), most lost by the
    model against the rules first: which unit a fitted decision fails on."""
    units: dict[str, list[dict]] = {}
    for r in rows:
        if r["real"]:
            units.setdefault(r["unit"], []).append(r)
    out = []
    for u, rs in sorted(units.items(), key=lambda kv: (sum(cost(kv[1], "lopo"))
                                                        - sum(cost(kv[1], "rules")), kv[0])):
        out.append(f"  {u} ({len({r['pair'] for r in rs})} pairs, {len(rs)} R rows): " + ", ".join(
            f"{v} {sum(r[v]['status'] for r in rs)}"
            + (f" (nr→delivered {n})" if (n := sum(r[v]['false_delivered'] for r in rs)) else "")
            for v in variants))
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--corpus", type=Path, default=SHARED / "corpus")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--variants", default=",".join(ABLATIONS))
    ap.add_argument("--differ", default="",
                    help="also print the R rows where this variant and lopo differ")
    ap.add_argument("--held", choices=("pair", "unit"), default="pair",
                    help="what each row's model is fitted without: its pair (lopo), or every pair "
                         "of its unit (louo: its region, the State Council's era)")
    ap.add_argument("--json", type=Path, help="every row read, each variant's reading, as JSON "
                    "(to compare two fits row by row)")
    args = ap.parse_args(argv)
    variants = args.variants.split(",")
    if args.held == "unit":
        print("# held out: every pair of the row's unit (louo); `lopo` below is the model fitted "
              "without the unit")
    same: dict[tuple, list] = {}
    for folder, shared in ((ROOT / "bench" / "gold", False), (SHARED / "gold", True)):
        for f in sorted(folder.glob("*.yaml")):
            gold = yaml.safe_load(f.read_text(encoding="utf-8")) or {}
            for p in pair_files(gold, args.corpus):
                if p[-1].get("measures"):
                    group = "shared" if shared else ("dev-odd" if p[4] % 2 else "dev-even")
                    same.setdefault((p[0], group), []).append(p)
    tasks = [(ps, group, variants, args.held) for (_, group), ps in same.items()]
    if args.held == "unit":
        # each unit's model fitted once, then read by the processes scoring its pairs
        firsts = list({unit_of(*ps[0][3:5]): ps[0][0] for ps, *_ in reversed(tasks)}.values())
        with _pool(min(args.jobs, len(firsts))) as pool:
            list(pool(accuracy._louo_kept, firsts))
    with _pool(min(args.jobs, len(tasks))) as pool:
        rows = [r for rs in pool(rows_of, tasks) for r in rs]
    dump_rows(rows, args.json)
    for v in variants:
        print(f"# {v}: {ABLATIONS[v][0]}")
    for group in ("dev-odd", "dev-even", "dev", "shared", "all"):
        mine = [r for r in rows if group in ("all", r["group"], r["group"][:3])]
        print(f"== {group}: {len(mine)} labelled measures of {len({r['pair'] for r in mine})} "
              "pairs")
        for v in variants:
            print(f"  {v:>17}: {figures(mine, v)}"
                  + (f"\n  {'':>17}  vs lopo: {against(mine, v)}" if v != "lopo" else ""))
    if {"rules", "lopo"} <= set(variants):
        for group in ("dev", "shared"):
            print(f"== {group} by unit, status on R rows (the model's worst against the rules "
                  "first)")
            print("\n".join(by_unit([r for r in rows if r["group"].startswith(group)], variants)))
    if args.differ:
        print(f"== R rows where {args.differ} and lopo differ (gold: {args.differ} / lopo)")
        for r in rows:
            if r["real"] and r[args.differ]["status"] != r["lopo"]["status"]:
                print(f"  {r['group']} {r['pair']} {r['id']}: {r['gold']}: "
                      f"{r[args.differ]['said']} / {r['lopo']['said']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
