"""Rows yoy leaves not reported though a close candidate stands: what tells the labelled reported
from the truly not reported (issue 18 items 2 and 4).

Run from the project root: .venv/bin/python bench/close_candidates.py [GOLD ...] [--corpus DIR]
    [--json FILE] [--chosen-on JSON]
GOLD: gold files or folders (default bench/gold). For every labelled measure (any quality) whose
row yoy finds, each checked part the shipped decision leaves not reported although it has
candidates (`rules.read_parts`) is one row, with its closest candidate (by the larger of cosine
and coverage, as the rules rank them), whether that sentence is a labelled evidence sentence
(`gold.overlaps`), the row's labelled status and quality, and the signals read of the candidate:

- the engine's own (`f_*`: `EVIDENCE_FEATURES` of that sentence; `closeness`);
- nouns (jieba's POS tagger, the `bench` extra: n*, vn, j, l, …, two characters or more): the
  IDF-weighted share of the part's nouns the candidate holds (IDF over the review's sentences),
  how many, its first noun not a generic head, all of them; against the engine's `object` signal
  (the share of the object's character bigrams);
- `modifier`: the candidate holds the object's first two characters (教育 of 深化教育体制改革);
- year: a future cue of the kind anywhere in the candidate (`future`), and what the rules read of
  it (`r_*`, `rules.read`: completion and future cues of its clause nearest the part, …);
- place: the candidate stands in the review section closest (bigram TF-IDF) to the part's plan
  section (`section`); the cosine of the part's plan paragraph with the candidate's review
  paragraph (`ctx`) and that paragraph's rank among the review's (`ctx_rank`);
- whose sentence: its closeness to the part over its closeness to the closest part of another
  row (`own`), and how many parts of other rows are closer (`rivals`).

It prints, per half (plan year odd, even), each signal's AUC for "labelled reported" against
"labelled not reported" among those parts, and, for each threshold on the odd half, what turning
such parts partial would do to their rows (`route`); --chosen-on JSON chooses the thresholds on
the odd half of an earlier --json's rows instead (../shared/gold with the dev gold's choice).
"""
from __future__ import annotations

import argparse
import math
import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from accuracy import holding  # noqa: E402
from evidence_ranks import closeness  # noqa: E402
from gold import dump_rows, gold_files, ledgers, overlaps  # noqa: E402

from compare.engine.rules import read, read_parts  # noqa: E402
from compare.engine.scorers import tfidf_matrix  # noqa: E402
from compare.engine.track import parts_of, review_pool  # noqa: E402

NOUN_TAGS = ("n", "vn", "j", "l", "nz", "ns", "nt", "nr", "an")


def nouns(text: str) -> list[str]:
    """The text's nouns of two characters or more, by jieba's POS tagger."""
    import jieba.posseg as pseg
    return [w.word for w in pseg.cut(text) if len(w.word) > 1
            and any(w.flag.startswith(t) for t in NOUN_TAGS)]


def holds_modifier(part: str, sentence: str, kind) -> bool:
    """Whether `sentence` holds the first two characters of the part's object (its opening verb
    left out, as `read_parts` does): the modifier of a head-final object (教育 of 深化教育体制改革),
    where a sentence sharing only the head (国有资产管理体制改革) names another thing."""
    obj = kind.cues.opening.sub("", part, count=1) or part
    return len(obj) >= 2 and obj[:2] in sentence


def _sections(report) -> dict[str, object]:
    out: dict[str, object] = {}

    def walk(s) -> None:
        out[s.id] = s
        for c in s.children:
            walk(c)
    for s in report.sections:
        walk(s)
    return out


def closest_section(plan_text: str, review_sections: list) -> str:
    """The review section whose words are closest (bigram TF-IDF cosine) to a plan section's."""
    if not review_sections:
        return ""
    sims = tfidf_matrix([plan_text], [s.text() for s in review_sections])[0]
    return review_sections[int(sims.argmax())].id


def rows_of(path: Path, corpus: Path) -> list[dict]:
    out = []
    for label, old, new, pair, kind, shipped in ledgers(path, corpus):
        texts = [r.text for r in shipped]
        by_id = {c.id: c for c in old.commitments}
        review = review_pool(new, kind)
        if not review:
            continue
        n_sents = len(review)
        df: Counter = Counter()
        review_nouns = [set(nouns(p.text)) for p in review]
        for ws in review_nouns:
            df.update(ws)
        old_secs, new_secs = _sections(old), _sections(new)
        held = {p.section_id for p in review}
        review_secs = [new_secs[s] for s in new_secs if s in held]
        future = (re.compile("|".join(map(re.escape, kind.future_cues)))
                  if kind.future_cues else None)
        year = int(pair.get("plan_year") or pair.get("plan"))
        # every part of the plan against every review sentence: whose sentence is it?
        flat = [(i, j) for i, c in enumerate(old.commitments)
                for j in range(len(parts_of(c, kind)))]
        at = {ij: n for n, ij in enumerate(flat)}
        grid = closeness([pc for c in old.commitments for pc in parts_of(c, kind)], review, kind)
        index = {c.id: i for i, c in enumerate(old.commitments)}
        # the review's paragraphs (a sentence's node), against each plan paragraph as a whole
        nodes = list(dict.fromkeys(p.node_id for p in review))
        node_text = {n: "".join(p.text for p in review if p.node_id == n) for n in nodes}
        for g in pair.get("measures") or []:
            k = holding(g["plan_quote"], texts)
            if k is None:
                continue
            row = shipped[k]
            c = by_id[row.commitment_id]
            parts = parts_of(c, kind)
            readings = read_parts(parts, review, kind)
            sec = old_secs.get(c.section_id)
            aligned = closest_section(sec.text(), review_secs) if sec is not None else ""
            context = (sec.paragraphs[c.paragraph - 1] if sec is not None and c.paragraph
                       and c.paragraph <= len(sec.paragraphs) else c.text)
            ctx = tfidf_matrix([context], [node_text[n] for n in nodes])[0].tolist()
            ctx_order = sorted(range(len(nodes)), key=lambda n: -ctx[n])
            for j, (pr, rd) in enumerate(zip(row.parts, readings, strict=True)):
                if not pr.checked or pr.status != "not_reported" or not rd.candidates:
                    continue
                close = rd.features[:, :2].max(axis=1).tolist()
                b = max(range(len(close)), key=lambda i: (close[i], -i))
                cand = review[rd.candidates[b]]
                column = grid[:, rd.candidates[b]]
                mine = float(column[at[(index[c.id], j)]])
                others = [v for n, v in enumerate(column.tolist()) if flat[n][0] != index[c.id]
                          and old.commitments[flat[n][0]].text != c.text]
                pn = nouns(pr.text)
                idf = {w: math.log((1 + n_sents) / (1 + df[w])) + 1 for w in pn}
                tot = sum(idf.values())
                held_n = sum(v for w, v in idf.items() if w in cand.text)
                out.append({
                    "pair": label, "year": year, "id": g["id"], "quality": g.get("quality"),
                    "gold": g["status"], "row_yoy": row.status, "part": pr.text,
                    "n_parts": sum(p.checked for p in row.parts),
                    "candidate": cand.text,
                    "labelled": any(overlaps(cand.text, q)
                                    for q in g.get("evidence_quotes") or []),
                    "closeness": close[b], **{f"f_{n}": v for n, v in rd.feature(b).items()},
                    "nouns": pn, "noun_share": held_n / tot if tot else 0.0,
                    "nouns_held": sum(w in cand.text for w in pn),
                    # the object's first noun not a generic head (its modifier: 教育 of
                    # 教育体制改革), every noun of the part
                    "first_noun": next((w in cand.text for w in pn
                                        if w not in kind.generic_heads), False),
                    "all_nouns": bool(pn) and all(w in cand.text for w in pn),
                    "modifier": holds_modifier(pr.text, cand.text, kind),
                    "future": bool(future and future.search(cand.text)),
                    "section": cand.section_id == aligned,
                    # the measure's plan paragraph against the candidate's review paragraph
                    "ctx": ctx[nodes.index(cand.node_id)],
                    "ctx_rank": ctx_order.index(nodes.index(cand.node_id)),
                    **_said(pr.text, rd, cand.text, kind),
                    # the candidate's closeness to this part over its closeness to the closest
                    # part of another row (1+: no other row is closer)
                    "own": float(mine) / max(max(others, default=0.0), 1e-9),
                    "rivals": int(sum(v > mine for v in others)),
                })
    return out


def _said(text: str, reading, sentence: str, kind) -> dict:
    """What the rules read of the candidate for the part (`rules.read`)."""
    said = read(reading.part, reading.indicator, [sentence], kind, reading.rivals)
    return {"r_cue": said.cue is not None, "r_future": said.future is not None,
            "r_uncovered": said.uncovered, "r_other_level": said.other_level,
            "r_set_phrase": said.set_phrase, "r_end_point": said.end_point,
            "r_reached": said.reached is not None}


def auc(pos: list[float], neg: list[float]) -> float:
    if not pos or not neg:
        return float("nan")
    wins = sum((p > n) + 0.5 * (p == n) for p in pos for n in neg)
    return wins / (len(pos) * len(neg))


SIGNALS = ("closeness", "f_cosine", "f_coverage", "f_object", "f_standout", "noun_share",
           "nouns_held", "first_noun", "all_nouns", "modifier", "future", "section", "own",
           "rivals", "ctx", "ctx_rank", "r_cue", "r_future", "r_uncovered", "r_other_level",
           "r_set_phrase", "r_end_point", "r_reached")


def route(rows: list[dict], flip) -> dict[str, int]:
    """What turning the parts `flip` says yes to partial would do to their rows (a row is
    delivered only when every checked part is, so a row with such a part is not reported or
    partial, and turns partial): rows whose status turns right, turns wrong, the same on R rows,
    and rows yoy left not reported whose turned part's candidate is a labelled evidence sentence
    (their first citation, when that part is the only one turned)."""
    rows_of: dict[tuple, list[dict]] = {}
    for r in rows:
        rows_of.setdefault((r["pair"], r["id"]), []).append(r)
    out = dict.fromkeys(("right", "wrong", "R_right", "R_wrong", "cites_label"), 0)
    for ps in rows_of.values():
        turned = [p for p in ps if flip(p)]
        if not turned:
            continue
        r = ps[0]
        d = int(r["gold"] == "partial") - int(r["gold"] == r["row_yoy"])
        out["right"] += d > 0
        out["wrong"] += d < 0
        out["R_right"] += d > 0 and r["quality"] == "R"
        out["R_wrong"] += d < 0 and r["quality"] == "R"
        out["cites_label"] += r["row_yoy"] == "not_reported" and any(p["labelled"] for p in turned)
    return out


def _net(e: dict[str, int]) -> tuple[int, int]:
    return e["R_right"] - e["R_wrong"], -(e["right"] + e["wrong"])


def _show(e: dict[str, int]) -> str:
    return (f"rows +{e['right']} -{e['wrong']}, on R +{e['R_right']} -{e['R_wrong']}, "
            f"label's sentence first {e['cites_label']}")


THRESHOLDS = (0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.4, 0.5, 0.6, 0.8, 1.0, 1.5, 2.0)


def report(rows: list[dict], chosen_on: list[dict] | None = None) -> None:
    """Each signal's AUC per half, then each route at its threshold chosen on the odd half of
    `chosen_on` (the rows of another gold, read before: the dev gold's for ../shared/gold), by
    default of `rows`, on both halves of `rows`."""
    halves = {"odd N": [r for r in rows if r["year"] % 2],
              "even N": [r for r in rows if not r["year"] % 2]}
    for name, rs in halves.items():
        pos = [r for r in rs if r["gold"] != "not_reported"]
        neg = [r for r in rs if r["gold"] == "not_reported"]
        lab = [r for r in pos if r["labelled"]]
        print(f"== {name}: {len(rs)} parts left not reported with a candidate; row labelled "
              f"reported {len(pos)} (its sentence the closest: {len(lab)}), not reported "
              f"{len(neg)}. AUC reported/not, labelled-closest/not:")
        for s in SIGNALS:
            a = auc([float(r[s]) for r in pos], [float(r[s]) for r in neg])
            b = auc([float(r[s]) for r in lab], [float(r[s]) for r in neg])
            print(f"  {s:14s} {a:.2f} {b:.2f}")
    odd, even = halves["odd N"], halves["even N"]
    choose = [r for r in chosen_on if r["year"] % 2] if chosen_on else odd
    print("== each signal as a route (partial at signal >= T; ctx_rank, rivals <= T), the T that "
          "turns a row and is best on R rows of odd N (ties: fewer rows turned):")
    for s in SIGNALS:
        sign = -1 if s in LOWER_BETTER else 1
        print(_chosen(choose, odd, even, s, (0, 1, 2, 3) if s in LOWER_BETTER else THRESHOLDS,
                      lambda p, t, s=s, sign=sign: sign * float(p[s]) >= sign * t))
    print("== a yes/no signal and a closeness signal together, T chosen so on odd N:")
    for flag, level in CONJUNCTIONS:
        print(_chosen(choose, odd, even, f"{flag} and {level}", THRESHOLDS,
                      lambda p, t, f=flag, v=level: bool(p[f]) and p[v] >= t))
    _fitted(choose, odd, even, rows)


def _chosen(choose: list[dict], odd: list[dict], even: list[dict], name: str, thresholds,
            flip) -> str:
    """The route `flip(part, T)` at the T of `thresholds` best on `choose`, on both halves."""
    ts = [t for t in thresholds if any(flip(p, t) for p in choose)]
    if not ts:
        return f"  {name}: turns no row of odd N"
    t = max(ts, key=lambda t: _net(route(choose, lambda p: flip(p, t))))
    return (f"  {name} T {t}: odd {_show(route(odd, lambda p: flip(p, t)))} | even "
            f"{_show(route(even, lambda p: flip(p, t)))}")


CONJUNCTIONS = (("modifier", "closeness"), ("modifier", "f_object"), ("all_nouns", "closeness"),
                ("first_noun", "closeness"), ("section", "closeness"))


LOWER_BETTER = ("ctx_rank", "rivals")


def _fitted(choose: list[dict], odd: list[dict], even: list[dict], rows: list[dict]) -> None:
    """A logistic regression over every signal (the `fit` extra), fitted on `choose` (odd N) and
    its probability threshold chosen there, then reported on both halves; and fitted leaving each
    pair out, at that threshold, on all pairs."""
    import numpy as np
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler

    def logistic():
        return make_pipeline(StandardScaler(), LogisticRegression(max_iter=5000))

    def x(rs):
        return np.array([[float(r[s]) for s in SIGNALS] for r in rs])

    def y(rs):
        return np.array([r["gold"] != "not_reported" for r in rs])
    if len(set(y(choose).tolist())) < 2 or len({r["pair"] for r in rows}) < 2:
        return  # nothing to fit on
    model = logistic().fit(x(choose), y(choose))
    for rs in (choose, odd, even):
        for r, p in zip(rs, model.predict_proba(x(rs))[:, 1].tolist(), strict=True):
            r["p"] = p
    ts = [t for t in (0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7, 0.8)
          if any(r["p"] >= t for r in choose)]
    t = max(ts, key=lambda t: _net(route(choose, lambda p: p["p"] >= t)))
    print(f"  logistic (fitted on odd N) p >= {t}: odd {_show(route(odd, lambda p: p['p'] >= t))}"
          f" | even {_show(route(even, lambda p: p['p'] >= t))}")
    for pair in sorted({r["pair"] for r in rows}):
        rest = [r for r in rows if r["pair"] != pair]
        mine = [r for r in rows if r["pair"] == pair]
        if len(set(y(rest).tolist())) < 2:
            continue
        m = logistic().fit(x(rest), y(rest))
        for r, p in zip(mine, m.predict_proba(x(mine))[:, 1].tolist(), strict=True):
            r["lopo"] = p
    print(f"  logistic, leave-one-pair-out, p >= {t}, all pairs: "
          f"{_show(route(rows, lambda p: p.get('lopo', 0.0) >= t))}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("gold", nargs="*", type=Path, default=[ROOT / "bench" / "gold"])
    ap.add_argument("--corpus", type=Path, default=Path("/work/shared/corpus"))
    ap.add_argument("--json", type=Path)
    ap.add_argument("--chosen-on", type=Path,
                    help="choose thresholds on the odd half of these rows (an earlier --json)")
    args = ap.parse_args(argv)
    import logging

    import jieba
    jieba.setLogLevel(logging.WARNING)
    rows = [r for f in gold_files(args.gold) for r in rows_of(f, args.corpus)]
    import json
    report(rows, json.loads(args.chosen_on.read_text(encoding="utf-8"))
           if args.chosen_on else None)
    dump_rows(rows, args.json)
    return 0


if __name__ == "__main__":
    sys.exit(main())
