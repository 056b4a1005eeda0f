"""Fit the row-quality decision on the uniform samples' labels (`make fit`):
compare/ingest/row_quality.yaml, and its leave-one-pair-out figures.

Run from the project root: .venv/bin/python bench/fit_rows.py [GOLD ...] [--out FILE] [--lopo]
[--cache FILE]
GOLD: gold files or folders holding sampled rows with `quality` (default: bench/gold).

Each labelled row is found in yoy's ledger as bench/accuracy.py finds it (the row holding the
quote) in the ledger the cues alone make, and read as ingest reads a candidate row
(`row_features`, and its bigrams). A logistic regression (scikit-learn, the `fit` extra; L2, the
named signals standardised, the bigrams 0 or 1) is fitted on the rows whose label is theirs: every
R row (a row holding a real measure keeps it), and the S/F rows that are a row of their own (the
quote is most of it; inside a longer row the label is a part's, not the row's). Its regularisation
and the threshold at which a row is found no task (and joined to a neighbour's row) are chosen by
FOLDS-fold cross-validation over the pairs fitted on (`choose`): the threshold is the lowest
probability at which at most R_LOSS of the R rows found would be.

`--lopo` prints, per pair and in total, the figures of bench/accuracy.py the decision moves (S/F
rows still rows, R rows found, status on R rows, evidence top-1…), each pair ingested and scored
end to end with a model, its regularisation and its threshold chosen without it (nested: the
cross-validation runs over the other pairs).
"""
from __future__ import annotations

import argparse
import pickle
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from accuracy import OWN_ROW, Tally, holding, score_measures  # noqa: E402
from gold import SHARED, gold_files, norm, pairs_of  # noqa: E402

from compare.engine import compare_reports  # noqa: E402
from compare.ingest.row_quality import Place, RowModel, grams, row_features, to_dict  # noqa: E402
from compare.kinds import load_kind  # noqa: E402

# At most this share of the R rows found, cross-validated inside the pairs fitted on, may be found
# no task: the threshold is the lowest probability that keeps to it. Such a row is joined to a
# neighbour as its description, not left out (compare/ingest/lists.py `joined`), so a misjudged
# task is still listed but its row reads and is matched with the other's words. Chosen
# leave-one-pair-out on the dev samples (docs/accuracy.md, 2026-12-04): 0.02 moved no R row's
# figure; 0.05 and 0.1 cost 1–3 statuses on R rows and 2 evidence top-1; rows12's 0.005 joins fewer
# slogans.
R_LOSS = 0.02
# the thresholds tried, lowest first
CUTS = tuple(round(0.5 + 0.01 * k, 2) for k in range(50))
# The regularisations tried (L2; with thousands of bigrams among 1,300
# rows, weak regularisation fits the labelling's noise) and the folds of pairs that choose among
# them; a bigram is a signal when at least MIN_ROWS rows fitted on hold it.
CS = (0.1, 0.3, 1.0)
FOLDS = 5
MIN_ROWS = 3
# The words the decision weighs (imperatives and leads, the past, judgements, stance; its section
# heading's): the kind template's `row_words` and `row_heading_words`, copied into the fitted model.
KIND = "gov-work-report"
WORDS = load_kind(KIND).row_words
HEADING_WORDS = load_kind(KIND).row_heading_words


@dataclass
class Row:
    """One labelled row as yoy lists it now: its pair, label, whether it is found and a row of
    its own, its text and place, the gold file labelling it, and its signals."""
    pair: str
    quality: str
    found: bool
    alone: bool
    text: str
    place: Place | None = None
    kind: str = ""
    gold: Path | None = None
    features: dict = field(default_factory=dict)


def rows_of(files: list[Path], corpus: Path = SHARED / "corpus") -> list[Row]:
    """Every row with a `quality` label in `files`, found in yoy's ledger of its pair as the cues
    alone make it (the rows the decision fitted here would cut are its data)."""
    import compare.ingest.row_quality
    compare.ingest.row_quality.shipped = lambda: None  # type: ignore[assignment]
    out: list[Row] = []
    for f in files:
        gold = yaml.safe_load(f.read_text(encoding="utf-8")) or {}
        for label, old, new, pair in pairs_of(gold, corpus):
            measures = [g for g in pair.get("measures") or [] if "quality" in g]
            if not measures:
                continue
            kind = load_kind(old.kind)
            cmp = compare_reports(old, new, model="shipped")
            results = list(cmp.commitments)
            texts = [r.text for r in results]
            by_id = {c.id: c for c in old.commitments}
            sections = {s.id: (s, path) for s, path in old.walk()}
            for g in measures:
                k = holding(g["plan_quote"], texts)
                if k is None:
                    out.append(Row(label, g["quality"], False, False, "", gold=f))
                    continue
                r = results[k]
                c = by_id[r.commitment_id]
                s, path = sections[c.section_id]
                par = s.paragraphs[c.paragraph - 1] if c.paragraph else s.heading
                place = Place(par, c.start, c.start + len(c.text), c.paragraph, len(path),
                              s.heading, old.plan_year)
                alone = len(norm(g["plan_quote"])) >= OWN_ROW * len(norm(texts[k]))
                out.append(Row(label, g["quality"], True, alone, c.text, place, kind.kind, f))
    return featured(out)


def featured(rows: list[Row]) -> list[Row]:
    """`rows` with their signals read (again: the signals may have changed since they were
    cached)."""
    import re
    words = {k: re.compile(p) for k, p in WORDS.items()}
    heading = {k: re.compile(p) for k, p in HEADING_WORDS.items()}
    for r in rows:
        if r.place is not None:
            r.features = row_features(r.text, r.place, load_kind(r.kind), words, heading)
    return rows


def _train(rows: list[Row]) -> list[Row]:
    """The rows whose label is the row's: R rows found, S/F rows that are a row of their own."""
    return [r for r in rows if r.found and (r.quality == "R" or r.alone)]


def fitted(rows: list[Row], c: float, cut: float = 1.0) -> RowModel:
    """The logistic regression on `rows` (L2, C=`c`, on standardised signals), written back in
    the signals' own units: the named signals and the bigrams of at least MIN_ROWS rows."""
    import numpy as np
    from sklearn.linear_model import LogisticRegression
    train = _train(rows)
    names = tuple(train[0].features)
    seen = Counter(g for r in train for g in grams(r.text))
    vocab = sorted(g for g, n in seen.items() if n >= MIN_ROWS)
    at = {g: k for k, g in enumerate(vocab)}
    X = np.zeros((len(train), len(names) + len(vocab)))
    for i, r in enumerate(train):
        X[i, :len(names)] = [r.features[n] for n in names]
        for g in grams(r.text):
            if g in at:
                X[i, len(names) + at[g]] = 1.0
    y = np.array([r.quality != "R" for r in train], dtype=int)
    # the named signals standardised; a bigram is 0 or 1 as it is, so a rare one weighs no more
    # for being rare
    mean, scale = np.zeros(X.shape[1]), np.ones(X.shape[1])
    named = X[:, :len(names)]
    mean[:len(names)], scale[:len(names)] = named.mean(axis=0), named.std(axis=0)
    scale[scale == 0] = 1.0
    m = LogisticRegression(C=c, solver="liblinear").fit((X - mean) / scale, y)
    w = m.coef_[0] / scale
    return RowModel(bias=float(m.intercept_[0] - (w * mean).sum()),
                    weights=dict(zip(names, w[:len(names)].tolist(), strict=True)),
                    grams=dict(zip(vocab, w[len(names):].tolist(), strict=True)),
                    words=dict(WORDS), heading_words=dict(HEADING_WORDS), cut=cut,
                    kinds=(KIND,), fitted_on=tuple(sorted({r.pair for r in rows})))


def choose(rows: list[Row]) -> tuple[float, float]:
    """The regularisation and the threshold, by FOLDS-fold cross-validation over the pairs of
    `rows` (each pair's rows scored by a model fitted without its fold): for each C of CS, the
    lowest threshold at which at most R_LOSS of the R rows found are cut; the C cutting the most
    S/F rows that are rows of their own (on a tie the strongest regularisation)."""
    pairs = sorted({r.pair for r in rows})
    fold = {p: k % FOLDS for k, p in enumerate(pairs)}
    best: tuple[int, float, float] | None = None
    for c in CS:
        real, other = [], []
        for k in range(FOLDS):
            m = fitted([r for r in rows if fold[r.pair] != k], c)
            for r in rows:
                if fold[r.pair] == k and r.found and (r.quality == "R" or r.alone):
                    (real if r.quality == "R" else other).append(m.p(r.features, r.text))
        cut = next((t for t in CUTS if sum(p >= t for p in real) <= R_LOSS * len(real)), 1.0)
        gain = sum(p >= cut for p in other)
        if best is None or gain > best[0]:
            best = (gain, c, cut)
    assert best is not None
    return best[1], best[2]


def model(rows: list[Row]) -> RowModel:
    """The decision fitted on every row, with its regularisation and threshold chosen by
    cross-validation over the pairs (`choose`)."""
    c, cut = choose(rows)
    return fitted(rows, c, cut)


# the figures of bench/accuracy.py the decision may move, printed by --lopo
LOPO_FIGURES = ["S/F rows still rows", "R rows found", "status right on R rows",
                "part status right on R rows", "evidence top-1", "measures found"]


def _held_out(args: tuple[list[Row], str, list[Path]]) -> tuple[str, float, float, Tally]:
    """One pair scored end to end by bench/accuracy.py (its reports ingested again) with the
    decision fitted, and its regularisation and threshold chosen, without the pair."""
    import compare.ingest.row_quality
    rows, held, files = args
    c, cut = choose([r for r in rows if r.pair != held])
    m = fitted([r for r in rows if r.pair != held], c, cut)
    compare.ingest.row_quality.shipped = lambda: m  # type: ignore[assignment]
    t = Tally()
    for f in files:
        gold = yaml.safe_load(f.read_text(encoding="utf-8")) or {}
        for label, old, new, pair in pairs_of(gold, SHARED / "corpus"):
            if label == held:
                cmp = compare_reports(old, new, model="shipped")
                t.merge(score_measures({"measures": pair.get("measures")}, cmp, new))
    return held, c, cut, t


def lopo(rows: list[Row], files: list[Path]) -> None:
    """Per pair and in total: the figures of bench/accuracy.py the decision moves, each pair
    scored with a decision fitted, and its regularisation and threshold chosen, without it."""
    from multiprocessing import Pool
    pairs = sorted({r.pair for r in rows})
    mine = {p: [f for f in files if any(r.pair == p for r in rows if r.gold == f)] for p in pairs}
    with Pool(2) as pool:
        results = pool.map(_held_out, [(rows, p, mine[p]) for p in pairs])
    total = Tally()
    for held, c, cut, t in results:
        total.merge(t)
        print(f"  {held} (C {c}, cut {cut}): {t.line(LOPO_FIGURES)}")
    print(f"total: {total.line(LOPO_FIGURES)}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("gold", nargs="*", type=Path)
    ap.add_argument("--out", type=Path, default=ROOT / "compare" / "ingest" / "row_quality.yaml")
    ap.add_argument("--lopo", action="store_true")
    ap.add_argument("--cache", type=Path)
    args = ap.parse_args(argv)
    if args.cache and args.cache.is_file():
        rows = featured(pickle.loads(args.cache.read_bytes()))
    else:
        rows = rows_of(gold_files(args.gold or [ROOT / "bench" / "gold"]))
        if args.cache:
            args.cache.write_bytes(pickle.dumps(rows))
    if args.lopo:
        lopo(rows, gold_files(args.gold or [ROOT / "bench" / "gold"]))
        return 0
    m = model(rows)
    header = ("# Fitted by `make fit` (bench/fit_rows.py) on the sampled rows of the pairs below:\n"
              "# a logistic regression over the signals of compare/ingest/row_quality.py.\n"
              "# Do not edit by hand; refit.\n")
    args.out.write_text(header + yaml.safe_dump(to_dict(m), allow_unicode=True, sort_keys=False),
                        encoding="utf-8")
    print(f"fit_rows: {len(_train(rows))} labelled rows of {len(m.fitted_on)} pairs, cut "
          f"{m.cut:.2f} → {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
