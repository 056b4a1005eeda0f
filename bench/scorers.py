"""Which term scorer (char, bigram, jieba) ranks best on the labelled 2022→2023 pair.

Run from the project root: .venv/bin/python bench/scorers.py (needs the `bench` extra, for jieba:
.venv/bin/pip install -e ".[bench]")
For each scorer: plan↔plan alignment precision and plan→review top-1 precision
against tests/data/gold-2022-2023.yaml, scored as tests/test_engine.py scores
them, and the time each step takes. Prints figures only.
"""
from __future__ import annotations

import functools
import statistics
import sys
import time
from functools import partial
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # measure the working tree, not whatever is installed

from compare.engine.align import align_sections, similarity  # noqa: E402
from compare.engine.scorers import DEFAULT, SCORERS, _clean  # noqa: E402
from compare.engine.shortcomings import PROBLEM_SCORER, track_shortcomings  # noqa: E402
from compare.engine.track import track_commitments  # noqa: E402
from compare.kinds import load_kind  # noqa: E402
from compare.store import load_report  # noqa: E402

STORE = ROOT / "reports"
GOLD = yaml.safe_load((ROOT / "tests" / "data" / "gold-2022-2023.yaml").read_text(encoding="utf-8"))
MEASURES = yaml.safe_load(
    (ROOT / "tests" / "data" / "measures-2021-2022.yaml").read_text(encoding="utf-8"))


def timed(fn, runs: int = 3):
    """(result, median seconds of `runs` calls); the first call is a warm-up, untimed."""
    result = fn()
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return result, statistics.median(times)


def alignment_hits(alignment) -> int:
    # as the test does: the (last) new section each labelled old section is matched to
    got = {a.old_id: a.new_id for a in alignment if a.old_id in GOLD["plan_alignment"] and a.new_id}
    return sum(got.get(k) == v for k, v in GOLD["plan_alignment"].items())


def review_hits(results) -> int:
    """2022→2023: measures whose best evidence lies in a passage labelled for their section."""
    return sum(is_gold(c.evidence[0].node_id, GOLD["plan_review"][c.section_id])
               for c in results if c.evidence and c.section_id in GOLD["plan_review"])


def overlaps(a: str, b: str) -> bool:
    from difflib import SequenceMatcher
    return (a in b or b in a
            or SequenceMatcher(None, a, b).find_longest_match(0, len(a), 0, len(b)).size >= 8)


def measure_hits(results) -> tuple[int, int, int]:
    """2021→2022 labelled measures: (evidence top-1 right, status right, labelled)."""
    top1 = status = 0
    for g in MEASURES["measures"]:
        c = next((c for c in results if g["plan_quote"] in c.text), None)
        if c is None:
            continue
        quotes = g["evidence_quotes"]
        top1 += (not quotes and not c.evidence) or bool(
            quotes and c.evidence and any(overlaps(c.evidence[0].text, q) for q in quotes))
        status += c.status == g["status"]
    return top1, status, len(MEASURES["measures"])


def shortcoming_hits(results) -> int:
    got = {r.text: r.status for r in results}
    return sum(next((st for t, st in got.items() if g["quote"].rstrip("。") in t
                     or t in g["quote"]), None) == g["status"]
               for g in MEASURES["shortcomings"])


def is_gold(node_id: str, prefixes: list[str]) -> bool:
    return any(node_id == p or node_id.startswith(p + ".") for p in prefixes)


def margin(gold: float, other: float) -> float:
    """How far the gold answer leads the best wrong one, relative to the larger
    (scorers' scales differ)."""
    top = max(gold, other)
    return (gold - other) / top if top > 0 else 0.0


def alignment_margin(old, new, scorer: str) -> list[float]:
    """Lead of each labelled section's gold partner over its best other candidate."""
    olds, news = [s for s, _ in old.walk()], [s for s, _ in new.walk()]
    sim = similarity(olds, news, scorer)
    col = {s.id: c for c, s in enumerate(news)}
    out = []
    for r, s in enumerate(olds):
        if s.id in GOLD["plan_alignment"]:
            g = col[GOLD["plan_alignment"][s.id]]
            out.append(margin(sim[r, g], max(v for c, v in enumerate(sim[r]) if c != g)))
    return out


@functools.lru_cache(maxsize=1 << 14)
def jieba_terms(text: str) -> tuple[str, ...]:
    """jieba's words of two characters or more: the one scorer that needs an extra (`bench`)."""
    import jieba
    return tuple(w for w in jieba.lcut(_clean(text)) if w.strip() and len(w) > 1)


def main() -> None:
    old = load_report(STORE / "2022" / "国务院-gov-work-report.yaml")
    new = load_report(STORE / "2023" / "国务院-gov-work-report.yaml")
    old21 = load_report(STORE / "2021" / "国务院-gov-work-report.yaml")
    kind = load_kind(old.kind)
    n_align = len(GOLD["plan_alignment"])
    n_sc = len(MEASURES["shortcomings"])
    print(f"2022→2023: {n_align} labelled plan sections; measures' evidence in the passages "
          f"labelled for their section. 2021→2022: {len(MEASURES['measures'])} labelled measures, "
          f"{n_sc} labelled problems.")

    # jieba loads its dictionary on first use (about a second); keep that out of its figures
    import logging

    import jieba
    jieba.setLogLevel(logging.WARNING)  # its loading chatter would interleave with the table
    t = time.perf_counter()
    SCORERS["jieba"] = jieba_terms
    jieba_terms("加快建设现代化产业体系")
    print(f"jieba dictionary load (once per process): {time.perf_counter() - t:.2f} s\n")

    print(f"{'scorer':<8} {'plan↔plan':>10} {'margin mean/min':>16} {'22→23 evid.':>12} "
          f"{'21→22 top-1':>12} {'status':>7} {'problems':>9} {'align ms':>9} {'track ms':>9}")
    for name in SCORERS:
        alignment, t_align = timed(partial(align_sections, old, new, scorer=name))
        results, t_track = timed(partial(track_commitments, old, new, kind, scorer=name))
        r21 = track_commitments(old21, new21 := load_report(
            STORE / "2022" / "国务院-gov-work-report.yaml"),
                                kind, scorer=name)
        problems = shortcoming_hits(track_shortcomings(old21, new21, kind, scorer=name))
        a, r = alignment_hits(alignment), review_hits(results)
        cited = sum(1 for c in results if c.evidence and c.section_id in GOLD["plan_review"])
        top1, status, n = measure_hits(r21)
        ma = alignment_margin(old, new, name)
        mark = "  (DEFAULT)" if name == DEFAULT else ""
        mark += "  (problems)" if name == PROBLEM_SCORER else ""
        print(f"{name:<8} {a:>6}/{n_align:<3} {statistics.mean(ma):>8.3f}/{min(ma):<7.3f} "
              f"{r:>6}/{cited:<5} {top1:>7}/{n:<4} {status:>4}/{n:<2} {problems:>5}/{n_sc:<3} "
              f"{t_align * 1000:>9.1f} {t_track * 1000:>9.1f}{mark}")
    print("\nplan↔plan: labelled 2022 sections aligned to their 2023 partner. margin: (gold − best "
          "wrong) / larger,")
    print("on the raw similarity. 22→23 evid.: measures whose best evidence is in a passage "
          "labelled for their section,")
    print("of those with evidence. 21→22: best evidence overlapping the labelled quote (or none "
          "where none is labelled),")
    print("status right, problems' status right (every scorer with the same thresholds: those were "
          "tuned for the")
    print("default of each). times: median of 3 after a warm-up.")


if __name__ == "__main__":
    main()
