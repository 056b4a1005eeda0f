"""Accuracy of the engine against hand-labelled gold (`make accuracy`).

Run from the project root: .venv/bin/python bench/accuracy.py [GOLD ...] [--corpus DIR]
GOLD is a gold YAML file or a folder of them (default ../shared/gold); each file is
recognised by its shape (format: ../shared/gold/README.md):

- plan measures and shortcomings (`pairs: [{plan_report, review_report, measures, shortcomings}]`):
  measures found (the gold quote lies inside one measure of at most max(150, 4×quote)
  characters), evidence top-1 / top-3 right (a cited text overlaps a gold evidence quote),
  citations taken from N+1's plan part (must be 0), status right (3-way), not_reported
  marked delivered, shortcomings right (found and status right);
- numeric targets (`pairs: [{targets: [...]}]`, with report files or plan/outcome years):
  targets found, value right, actual right, verdict right.

Reports are ingested from the corpus with the pair's region and the year its plan_year
implies, so the figures measure the engine, not title parsing. Prints figures only; the
last lines are the overall summary.
"""
from __future__ import annotations

import argparse
import contextlib
import sys
from difflib import SequenceMatcher
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # measure the working tree, not whatever is installed
sys.path.insert(0, str(ROOT / "bench"))

from gold import DEFAULT_GOLD, SHARED, gold_files, ingest_pair, norm, overlaps, pair_files  # noqa: E402

from compare import compare_reports  # noqa: E402
from compare.schema import REVIEW_ROLES, Comparison, Report  # noqa: E402
from compare.text import CLAUSE_END, CLOSERS, MARKS  # noqa: E402

PLAN_ROLES = ("plan", "targets")


PUNCTUATION = CLAUSE_END + MARKS + CLOSERS + "、“‘"
# share of a row's text a sampled quote must be to be that row (not a clause inside it)
OWN_ROW = 0.6


def holding(quote: str, texts: list[str]) -> int | None:
    """Index of the shortest text holding `quote` whole, if it is at most max(150, 4×quote) long.
    Punctuation at the quote's ends is left out: labellers add it to make a short quote unique in
    its file (货币信贷投放过多，) and yoy keeps a problem or row without it."""
    q = norm(quote).strip(PUNCTUATION)
    limit = max(150, 4 * len(q))
    fits = [(len(norm(t)), k) for k, t in enumerate(texts) if q in norm(t)
            and len(norm(t)) <= limit]
    return min(fits)[1] if fits else None


def covering(quote: str, problems: list[str]) -> int | None:
    """The problem a gold problem is listed as: the one holding it, else the longest one inside it
    that is at least half of it (a quote of two clauses, 相互推诿，办事效率低下, which yoy lists as
    two problems, is found as the longer)."""
    k = holding(quote, problems)
    if k is not None:
        return k
    q = norm(quote)
    inside = [(len(norm(t)), -i) for i, t in enumerate(problems) if norm(t) and norm(t) in q
              and 2 * len(norm(t)) >= len(q.strip(PUNCTUATION))]
    return -max(inside)[1] if inside else None


# ---- loading the pairs ------------------------------------------------------------

def role_texts(report: Report, roles: tuple[str, ...]) -> list[str]:
    """The normalised words of every section with one of `roles` (heading, paragraphs, items)."""
    out = []
    for s, _ in report.walk():
        if s.role in roles:
            out.append(norm("".join([s.heading, *s.paragraphs, *(it.text for it in s.items)])))
    return out


def in_part(text: str, part: list[str]) -> bool:
    t = norm(text)
    return bool(t) and any(t in p for p in part)


# ---- scoring ------------------------------------------------------------------------

class Tally:
    """Named counts, each as (right, out of)."""

    def __init__(self) -> None:
        self.counts: dict[str, list[int]] = {}

    def add(self, name: str, right: bool, counted: bool = True) -> None:
        c = self.counts.setdefault(name, [0, 0])
        if counted:
            c[0] += int(right)
            c[1] += 1

    def plain(self, name: str, n: int) -> None:
        self.counts.setdefault(name, [0, 0])[0] += n

    def merge(self, other: Tally) -> None:
        for name, (r, n) in other.counts.items():
            c = self.counts.setdefault(name, [0, 0])
            c[0] += r
            c[1] += n

    def line(self, names: list[str]) -> str:
        parts = []
        for name in names:
            if name not in self.counts:
                continue
            r, n = self.counts[name]
            if n:
                lo, hi = wilson(r, n)
                parts.append(f"{name} {r}/{n} ({100 * r / n:.0f}%, CI "
                             f"{100 * lo:.0f}–{100 * hi:.0f}%)")
            else:
                parts.append(f"{name} {r}")
        return ", ".join(parts)


def wilson(k: int, n: int, z: float = 1.96) -> tuple[float, float]:
    """The Wilson score interval of a proportion k/n (95% for z = 1.96): unlike k/n ± z·SE it
    stays inside [0, 1] and is not zero-width at 0/n or n/n, which small samples often give."""
    if n == 0:
        return 0.0, 1.0
    p = k / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z / (1 + z * z / n) * ((p * (1 - p) / n + z * z / (4 * n * n)) ** 0.5)
    return max(0.0, centre - half), min(1.0, centre + half)


MEASURE_FIGURES = ["measures found", "evidence top-1", "evidence top-3", "status right",
                   "not_reported marked delivered", "part status right", "part evidence top-1",
                   "not_reported part marked delivered", "citations from N+1's plan",
                   "carried over right",
                   # uniform samples (gold with `quality`): how many sampled rows are
                   # real measures, status on those, and whether the S/F rows (slogans, framing,
                   # fragments) are still rows of their own
                   "sampled rows real (R)", "status right on R rows", "part status right on R rows",
                   "R rows found", "evidence top-1 on R rows",
                   "S/F rows still rows"]
SHORTCOMING_FIGURES = ["shortcomings found", "shortcomings right"]
# a unit's figures beside each variant's (`make accuracy`'s louo): the status on real rows and the
# costliest error (not_reported marked delivered)
UNIT_FIGURES = ["status right on R rows", "not_reported marked delivered"]
TARGET_FIGURES = ["targets found", "value right", "actual right", "verdict right"]


def score_measures(pair: dict, cmp: Comparison, new: Report) -> Tally:
    t = Tally()
    results = list(cmp.commitments)
    texts = [r.text for r in results]
    plan_part = role_texts(new, PLAN_ROLES)
    review_part = role_texts(new, REVIEW_ROLES)
    for g in pair.get("measures") or []:
        k = holding(g["plan_quote"], texts)
        t.add("measures found", k is not None)
        r = results[k] if k is not None else None
        quotes = g.get("evidence_quotes") or []
        if quotes:
            cited = [e.text for e in (r.evidence if r else [])]
            top1 = bool(cited) and any(overlaps(cited[0], q) for q in quotes)
            t.add("evidence top-1", top1)
            t.add("evidence top-3", any(overlaps(c, q) for c in cited[:3] for q in quotes))
        status = r.status if r else None
        t.add("status right", status == g["status"])
        # the part of the row the quote names (a row of several tasks is
        # delivered only when all are)
        part = _part(r, g["plan_quote"]) if r else None
        t.add("part status right", (part.status if part else status) == g["status"])
        if quotes:
            best = part.evidence if part else (r.evidence[0] if r and r.evidence else None)
            t.add("part evidence top-1", best is not None
                  and any(overlaps(best.text, q) for q in quotes))
        if g["status"] == "not_reported":
            t.add("not_reported part marked delivered",
                  (part.status if part else status) == "delivered")
        if "quality" in g:
            real = g["quality"] == "R"
            t.add("sampled rows real (R)", real)
            t.add("status right on R rows", status == g["status"], counted=real)
            t.add("part status right on R rows", (part.status if part else status) == g["status"],
                  counted=real)
            t.add("R rows found", k is not None, counted=real)
            if quotes and real:
                # a slogan (S) yoy rightly makes no row of cites nothing: "evidence top-1" counts it
                # wrong, this leaves it out (docs/accuracy.md, 2026-12-05)
                t.add("evidence top-1 on R rows", top1)
            # a row of its own: the quote is most of a row's text (inside a longer row it is
            # that task's description)
            alone = k is not None and len(norm(g["plan_quote"])) >= OWN_ROW * len(norm(texts[k]))
            t.add("S/F rows still rows", alone, counted=not real)
        if g["status"] == "not_reported":
            t.add("not_reported marked delivered", status == "delivered")
        if r is not None and hasattr(r, "carried_over") and "carried_over" in g:
            t.add("carried over right", bool(r.carried_over) == bool(g["carried_over"]))
    # every citation of every result, gold or not: evidence must come from what was done
    plan_cited = sum(1 for r in results for e in r.evidence
                     if in_part(e.text, plan_part) and not in_part(e.text, review_part))
    t.plain("citations from N+1's plan", plan_cited)
    found = [s.text for s in cmp.shortcomings]
    for g in pair.get("shortcomings") or []:
        k = covering(g["quote"], found)
        t.add("shortcomings found", k is not None)
        t.add("shortcomings right", k is not None and cmp.shortcomings[k].status == g["status"])
    return t


def _part(row, quote: str):
    """The part of a row sharing most of the quote (None for a row of one part)."""
    if len(getattr(row, "parts", [])) < 2:
        return None
    q = norm(quote)
    return max(row.parts, key=lambda p: SequenceMatcher(None, norm(p.text), q,
                                                        autojunk=False).find_longest_match(
        0, len(norm(p.text)), 0, len(q)).size)


def value_of(result) -> float | None:
    """A target's value as the gold gives it: its low bound, or its only bound
    (以内 has a high one)."""
    return result.low if result.low is not None else result.high


def score_targets(targets: list[dict], cmp: Comparison) -> Tally:
    t = Tally()
    for g in targets:
        words = norm(g["words"])
        cands = [r for r in cmp.targets if words in norm(r.indicator) or words in norm(r.text)]
        # a clause setting several (城镇、农村…均增长8%) is each one's text: the
        # indicator named decides first
        cands.sort(key=lambda r: words not in norm(r.indicator))
        r = (next((r for r in cands if (v := value_of(r)) is not None
                   and abs(abs(v) - g["value"]) < 1e-6), None))
        r = r or (cands[0] if cands else None)
        t.add("targets found", r is not None)
        if r is None:
            for name in TARGET_FIGURES[1:]:
                t.add(name, False)
            continue
        # a reduction target may be stored as a negative change; gold gives its size
        value = value_of(r)
        sign = -1 if (value is not None and value < 0 < g["value"]) else 1
        t.add("value right", value is not None and abs(sign * value - g["value"]) < 1e-6)
        if g.get("actual") is None:
            t.add("actual right", r.actual is None)
        else:
            t.add("actual right", r.actual is not None
                  and abs(sign * r.actual - g["actual"]) < 0.01)
        t.add("verdict right", r.verdict == g["verdict"])
    return t


def agreeing(m, rules: str, said: str | None = None, by: float = 1e6):
    """Model `m` whose status decision (`track._decide_status`) says `said` (default: `rules`)
    whenever the rules say `rules`, or with a negative `by` never says it there: `by` added to
    that class's weight on the 0/1 signal `rules_<rules>` (1e6: no other signal outweighs it).
    That part of the decision is then the rules', without refitting (bench/ablate.py)."""
    from dataclasses import replace

    from compare.engine.model import Softmax
    s = m.status
    k = s.classes.index(said or rules)
    column = s.weights.get(f"rules_{rules}", (0.0,) * len(s.classes))
    weights = {**s.weights, f"rules_{rules}": tuple(w + (by if c == k else 0.0)
                                                    for c, w in enumerate(column))}
    return replace(m, status=Softmax(s.classes, s.bias, weights))


# The leave-one-pair-out model with a part of its status decision taken back by the rules: whether
# each part earns its place (docs/accuracy.md, 2026-12-05; bench/ablate.py measures more). A model
# whose fit left the status decision off (2 of the 55 on 2026-12-05) is unchanged by them.
ABLATIONS = {
    # a part the rules find nothing for stays not_reported (else partial when the model says it is
    # reported, cited by its closest sentences)
    "lopo-no-added": lambda m: agreeing(m, "not_reported"),
    # a part the rules call delivered stays delivered (else partial when the model doubts it)
    "lopo-no-doubt": lambda m: agreeing(m, "delivered"),
}
ABLATIONS.update({f"louo{k[4:]}": f for k, f in list(ABLATIONS.items())})
VARIANTS = {
    "shipped": "the shipped model (compare/engine/model.yaml; "
               "in-sample on the pairs it was fitted on)",
    "lopo": "leave-one-pair-out: each pair scored by a model fitted without it (bench/fit.py)",
    "rules": "the rules alone (no fitted model): the baseline",
    "lopo-no-added": "lopo, but a part the rules find no evidence for stays not_reported "
                     "(the status decision adds no partial)",
    "lopo-no-doubt": "lopo, but a part the rules call delivered stays delivered "
                     "(the status decision never doubts one)",
    "louo": "leave-one-unit-out: each pair scored by a model fitted without any pair of its unit "
            "(its region; the State Council's era), as yoy meets another unit's reports",
    "louo-no-added": "louo, but a part the rules find no evidence for stays not_reported",
    "louo-no-doubt": "louo, but a part the rules call delivered stays delivered",
}


def main(argv: list[str] | None = None) -> int:
    import os
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("gold", nargs="*", type=Path,
                    help="gold files or folders (default ../shared/gold)")
    ap.add_argument("--corpus", type=Path, default=SHARED / "corpus")
    ap.add_argument("--variants", default="shipped",
                    help=f"comma-separated, of {', '.join(VARIANTS)}")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1,
                    help="pairs scored at once, each in its own process (default: the CPU count)")
    args = ap.parse_args(argv)
    paths = args.gold or [SHARED / "gold"]
    files = sorted(f for p in paths for f in ([p] if p.is_file() else p.glob("*.yaml")))
    variants = [v for v in args.variants.split(",") if v]
    if not files or not args.corpus.is_dir() or not set(variants) <= set(VARIANTS):
        print(f"accuracy: error: no gold files in {paths}, no corpus at {args.corpus} or a variant "
              f"not in {', '.join(VARIANTS)}", file=sys.stderr)
        return 2
    measures = {v: Tally() for v in variants}
    shortcomings, targets = Tally(), Tally()
    for v in variants:
        print(f"# {v}: {VARIANTS[v]}")
    tasks: list[tuple] = []
    for f in files:
        gold = _load_yaml(f.read_text(encoding="utf-8")) or {}
        tasks.append((f.name, list(pair_files(gold, args.corpus))))
    # a pair labelled in several files (its rows, its problems, its targets) is ingested and
    # compared once, each variant: one task of all its labellings, in the files' order
    same: dict[str, list] = {}
    for _, pairs in tasks:
        for p in pairs:
            same.setdefault(p[0], []).append(p)
    unit = {label: unit_of(*ps[0][3:5]) for label, ps in same.items()}
    if any(v.startswith("louo") for v in variants):
        # each unit's model fitted once (not by each process scoring one of its pairs), then read
        firsts = list({u: label for label, u in reversed(unit.items())}.values())
        with _pool(min(args.jobs, len(firsts))) as pool:
            list(pool(_louo_kept, firsts))
    with _pool(min(args.jobs, len(same))) as pool:
        scored = dict(zip(same, pool(score_pair, [(ps, variants) for ps in same.values()]),
                          strict=True))
    by_unit: dict[str, dict[str, Tally]] = {}
    for name, pairs in tasks:
        print(f"== {name}")
        for p in pairs:
            # the pair's results in the order its labellings were listed: this one is the first left
            lines, m, s, t = scored[p[0]].pop(0)
            for v in variants:
                measures[v].merge(m[v])
                by_unit.setdefault(unit[p[0]], {}).setdefault(v, Tally()).merge(m[v])
            shortcomings.merge(s)
            targets.merge(t)
            for line in lines:
                print(line)
    if any(v.startswith("louo") for v in variants):
        print("== by unit (louo: each unit's pairs scored by a model fitted without them)")
        for u, tallies in sorted(by_unit.items()):
            line = ", ".join(f"{v} {r}/{n}" + (f" (nr→delivered {d})" if d else "")
                             for v in variants for (r, n), (d, _) in [(
                                 tallies[v].counts.get(UNIT_FIGURES[0], [0, 0]),
                                 tallies[v].counts.get(UNIT_FIGURES[1], [0, 0]))] if n)
            if line:
                print(f"  {u} ({sum(x == u for x in unit.values())} pairs), status on R rows: "
                      f"{line}")
    print("== overall")
    for v in variants:
        if line := measures[v].line(MEASURE_FIGURES):
            print(f"  measures [{v}]: {line}")
    for name, tally, figures in (("shortcomings", shortcomings, SHORTCOMING_FIGURES),
                                 ("targets", targets, TARGET_FIGURES)):
        if line := tally.line(figures):
            print(f"  {name}: {line}")
    return 0


def retracked(cmp: Comparison, old: Report, new: Report, model) -> Comparison:
    """`cmp` (compare_reports(old, new)) with its measures tracked by `model`: the one step of
    compare_reports the model reads, and the roll-ups made from it."""
    from compare.engine import one_comparison, section_rollups, track_commitments
    from compare.kinds import load_kind
    with one_comparison():
        commitments = track_commitments(old, new, load_kind(old.kind), model=model,
                                         targets=cmp.targets)
    return cmp.model_copy(update={"commitments": commitments,
                                  "plan_sections": section_rollups(old, commitments)})


def score_pair(task: tuple) -> list[tuple[list[str], dict[str, Tally], Tally, Tally]]:
    """The labellings of one pair scored, each as the lines it prints, its measures' tallies by
    variant, its shortcomings' and its targets': the pair is ingested once and compared once by
    each model (the same reports, the same comparison)."""
    labellings, variants = task
    label, old_path, new_path, region, plan_year = labellings[0][:5]
    old, new = ingest_pair(old_path, new_path, region, plan_year)
    compared: dict[str, Comparison] = {}

    def comparison(v: str) -> Comparison:
        if v not in compared:
            held = {"lopo": _lopo, "louo": _louo}.get(v[:4])
            model = (held(label) if v in ("lopo", "louo") else ABLATIONS[v](held(label))
                     if held is not None else {"shipped": "shipped", "rules": None}[v])
            # the model decides the measures only: the pair's other steps are the first
            # variant's, not computed again for each model
            compared[v] = (retracked(next(iter(compared.values())), old, new, model) if compared
                           else compare_reports(old, new, model=model))
        return compared[v]
    out = []
    for *_, pair in labellings:
        lines: list[str] = []
        measures = {v: Tally() for v in variants}
        shortcomings, targets = Tally(), Tally()
        if "measures" in pair or "shortcomings" in pair:
            for v in variants:
                cmp = comparison(v)
                t = score_measures(pair, cmp, new)
                measures[v].merge(t)
                if "measures" in pair:
                    lines.append(f"  {label} [{v}]: {t.line(MEASURE_FIGURES)}")
            if pair.get("shortcomings"):
                # scored on the last variant's comparison, as the harness always has
                t = score_measures({"shortcomings": pair["shortcomings"]}, cmp, new)
                shortcomings.merge(t)
                lines.append(f"  {label}: {t.line(SHORTCOMING_FIGURES)}")
        if "targets" in pair:
            t = score_targets(pair["targets"], comparison("shipped"))
            targets.merge(t)
            lines.append(f"  {label}: {t.line(TARGET_FIGURES)}")
        out.append((lines, measures, shortcomings, targets))
    return out


@contextlib.contextmanager
def _pool(jobs: int):
    """map(function, items) → an iterator of the results in the items' order: in this process
    for one job, else in `jobs` processes."""
    if jobs <= 1:
        yield map
        return
    from concurrent.futures import ProcessPoolExecutor
    with ProcessPoolExecutor(jobs) as pool:
        yield lambda function, items: pool.map(function, items)


_LOPO: list = []


def _lopo(label: str):
    """The leave-one-pair-out model without `label`, from this process's fitter."""
    if not _LOPO:
        _LOPO.append(_lopo_fitter())
    return _LOPO[0](label)


# The State Council's labelled pairs by era, as units of their own (by the plan year, the first of
# each era): its decades read like different governments' reports (1950s plan targets, the early
# reform years, the socialist market economy, the 2003–2012 government, the 2020s), and the labelled
# years come in runs (1955–60, 1978–88, 1992–95 and 1997–2012, 2021–23). Split at 2003, the change
# of government, 1992–2012 is two units of nine pairs, not one of eighteen (a third of the gold).
STATE_COUNCIL_ERAS = (1954, 1978, 1992, 2003, 2013)


def unit_of(region: str, plan_year: int) -> str:
    """The unit a pair belongs to: its region, the State Council's era by the plan year
    (leave-one-unit-out holds out all of a unit's pairs, as yoy meets another unit's reports)."""
    if region != "国务院":
        return region
    starts = [y for y in STATE_COUNCIL_ERAS if y <= plan_year] or [STATE_COUNCIL_ERAS[0]]
    later = [y for y in STATE_COUNCIL_ERAS if y > starts[-1]]
    return f"国务院 {starts[-1]}–{later[0] - 1 if later else ''}"


def _load_yaml(text: str | bytes):
    """yaml.safe_load through libyaml when PyYAML has it: the same data, the gold files read ~10×
    faster (pure-Python parsing was a third of a warm `make accuracy`)."""
    return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


def units(gold: list[Path] = DEFAULT_GOLD, corpus: Path = SHARED / "corpus") -> dict[str, str]:
    """label → unit of every pair of the `gold` files (what a louo model is fitted without)."""
    out = {}
    for f in gold_files(gold):
        for label, _, _, region, plan_year, _ in pair_files(
                _load_yaml(f.read_text(encoding="utf-8")) or {}, corpus):
            out[label] = unit_of(region, plan_year)
    return out


_UNITS: dict[str, str] = {}


def _louo_kept(label: str) -> None:
    """The leave-one-unit-out model for `label` fitted and kept (in a process of its own)."""
    _louo(label)


def _louo(label: str):
    """The leave-one-unit-out model for `label`: fitted without any labelled pair of its unit, from
    this process's fitter."""
    if not _UNITS:
        _UNITS.update(units())
    unit = _UNITS.get(label)
    if not _LOPO:
        _LOPO.append(_lopo_fitter())
    return _LOPO[0](frozenset(k for k, u in _UNITS.items() if u == unit) | {label})


# Leave-one-pair-out models kept between runs (git-ignored), by what they are fitted from: each
# refit is a minute or more, and ~50 of them are most of `make accuracy` (docs/performance.md)
LOPO_CACHE = ROOT / "bench" / ".cache" / "lopo"
# compare/'s layers above the engine and the store, which the engine and ingest never import
# (pyproject.toml's contracts), and the workbooks' template: nothing a model is fitted from
ABOVE_ENGINE = ("compare/workbook", "compare/jobs", "compare/views.py", "compare/cli",
                "compare/store", "templates/workbook.yaml")


def lopo_inputs(gold: list[Path], corpus: Path) -> str:
    """SHA-256 of everything a leave-one-pair-out model is fitted from: the code (compare/ but the
    layers above the engine, the templates, bench/fit.py and gold.py), the `gold`, the `corpus` and
    the fitting libraries' versions. Any change there is another key, so a kept model is never
    believed over a refit; the code and templates by their meaning (`_meaning`: no docstring,
    comment or layout). The layers above the engine and the store (ABOVE_ENGINE) are left out:
    the import contracts (pyproject.toml, tests/test_layers.py) keep the engine and ingest from
    importing them, so a change to a workbook or the store does not refit fifty models."""
    import hashlib
    from importlib.metadata import version
    h = hashlib.sha256()
    trees = [(ROOT, ROOT / "compare"), (ROOT, ROOT / "templates"),
             (ROOT, ROOT / "bench" / "fit.py"), (ROOT, ROOT / "bench" / "gold.py"),
             *((p, p) for p in gold), (corpus, corpus)]
    for base, top in trees:
        files = [top] if top.is_file() else sorted(
            p for p in top.rglob("*") if p.is_file() and "__pycache__" not in p.parts
            and not (base == ROOT and p.relative_to(ROOT).as_posix().startswith(ABOVE_ENGINE)))
        for f in files:
            data = _meaning(f) if base == ROOT else f.read_bytes()
            h.update(f"{f.relative_to(base) if f != base else f.name}\0{len(data)}\0".encode())
            h.update(data)
    h.update(sys.version.encode())
    for lib in ("numpy", "scipy", "scikit-learn"):
        h.update(f"\0{lib} {version(lib)}".encode())
    return h.hexdigest()


def _meaning(path: Path) -> bytes:
    """What of a file of the code or templates a fitted model can depend on: a module's syntax tree
    without its docstrings (comments, layout and docs change no model, and a docstring edit in the
    engine would otherwise refit fifty models), a YAML file's data without its comments; any other
    file's bytes."""
    import ast
    import json
    data = path.read_bytes()
    if path.suffix == ".py":
        tree = ast.parse(data)
        for node in ast.walk(tree):
            body = getattr(node, "body", None)
            scoped = (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)
            if (isinstance(node, scoped) and body and isinstance(body[0], ast.Expr)
                    and isinstance(body[0].value, ast.Constant)
                    and isinstance(body[0].value.value, str)):
                node.body = body[1:] or [ast.Pass()]
        return ast.dump(tree).encode()
    if path.suffix in (".yaml", ".yml"):
        return json.dumps(_load_yaml(data), ensure_ascii=False, default=str).encode()
    return data


def _lopo_fitter(cache: Path | None = LOPO_CACHE, gold: list[Path] = DEFAULT_GOLD,
                 corpus: Path = SHARED / "corpus"):
    """label, or a set of labels (a unit's) → the model fitted on every labelled pair of the `gold`
    but those (bench/fit.py), kept in `cache` by `lopo_inputs()` and the labels (None: not kept);
    the labelled pairs are read only when a model is to be fitted."""
    import hashlib
    import pickle

    import fit
    folder = cache / lopo_inputs(gold, corpus) if cache is not None else None
    rows: list = []
    models: dict[str, object] = {}
    # the decisions fitted on a list of rows, by the rows themselves: fit(rows without a) fits the
    # rows without a and b for each b, as fit(rows without b) does for a
    fitted: dict[tuple[int, ...], object] = {}

    def fit_models(subset: list) -> object:
        key = tuple(map(id, subset))
        if key not in fitted:
            fitted[key] = fit._fit_models(subset)
        return fitted[key]

    def model_without(held: str | frozenset[str]):
        # one label is a set of one: its file is the leave-one-pair-out model's, as it always was
        labels = frozenset([held]) if isinstance(held, str) else frozenset(held)
        if labels in models:
            return models[labels]
        name = "\n".join(sorted(labels))
        kept = (folder / f"{hashlib.sha256(name.encode()).hexdigest()}.pickle"
                if folder is not None else None)
        if kept is not None and kept.is_file():
            models[labels] = pickle.loads(kept.read_bytes())
            return models[labels]
        if not rows:
            rows.extend(fit.measures_of(gold_files(gold), corpus))
        models[labels] = fit.fit([r for r in rows if r.pair not in labels], fit_models)
        if kept is not None:
            import shutil

            from compare.files import atomic_write
            if not kept.parent.is_dir():  # the models of other inputs are not asked for again
                for old in cache.glob("*") if cache is not None else []:
                    shutil.rmtree(old, ignore_errors=True)
                kept.parent.mkdir(parents=True, exist_ok=True)
            atomic_write(kept, pickle.dumps(models[labels]))
        return models[labels]
    return model_without


if __name__ == "__main__":
    sys.exit(main())
