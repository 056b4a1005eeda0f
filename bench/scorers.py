"""Which term scorer (char, bigram, jieba) ranks best on the labelled 2022→2023 pair.

Run from the project root: .venv/bin/python bench/scorers.py
For each scorer: plan↔plan alignment precision and plan→review top-1 precision
against tests/data/gold-2022-2023.yaml, scored as tests/test_engine.py scores
them, and the time each step takes. Prints figures only.
"""
from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # measure the working tree, not whatever is installed

from compare.align import align_sections, similarity  # noqa: E402
from compare.kinds import load_kind  # noqa: E402
from compare.scorers import DEFAULT, SCORERS  # noqa: E402
from compare.store import load_report  # noqa: E402
from compare.passages import passages  # noqa: E402
from compare.track import rank, track_commitments  # noqa: E402

STORE = ROOT / "reports"
GOLD = yaml.safe_load((ROOT / "tests" / "data" / "gold-2022-2023.yaml").read_text(encoding="utf-8"))


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
    hits = 0
    for c in results:
        prefixes = GOLD["plan_review"].get(c.commitment_id)
        if prefixes and c.evidence:
            best = c.evidence[0].node_id
            hits += is_gold(best, prefixes)
    return hits


def is_gold(node_id: str, prefixes: list[str]) -> bool:
    return any(node_id == p or node_id.startswith(p + ".") for p in prefixes)


def margin(gold: float, other: float) -> float:
    """How far the gold answer leads the best wrong one, relative to the larger (scorers' scales differ)."""
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


def review_margin(old, new, scorer: str) -> list[float]:
    """Lead of the best gold passage over the best non-gold passage, per labelled commitment."""
    pool = passages(new)
    labelled = [c for c in old.commitments if c.id in GOLD["plan_review"]]
    scores = rank([c.text for c in labelled], pool, scorer)
    out = []
    for i, c in enumerate(labelled):
        gold = [k for k, p in enumerate(pool) if is_gold(p.node_id, GOLD["plan_review"][c.id])]
        other = [k for k in range(len(pool)) if k not in set(gold)]
        out.append(margin(max(scores[i][gold], default=0.0), max(scores[i][other], default=0.0)))
    return out


def main() -> None:
    old = load_report(STORE / "2022" / "国务院-gov-work-report.yaml")
    new = load_report(STORE / "2023" / "国务院-gov-work-report.yaml")
    kind = load_kind(old.kind)
    n_align, n_review = len(GOLD["plan_alignment"]), len(GOLD["plan_review"])
    # the gold is keyed by commitment id: a re-ingest that renumbers them would silently lower the scores
    unlabelled = [c.id for c in old.commitments if c.id not in GOLD["plan_review"]]
    print(f"2022→2023: {n_align} labelled plan sections, {n_review} labelled commitments "
          f"({len(old.commitments)} commitments in the stored 2022 report"
          + (f"; not labelled: {', '.join(unlabelled)}" if unlabelled else "") + ")")

    # jieba loads its dictionary on first use (about a second); keep that out of its figures
    import logging

    import jieba
    jieba.setLogLevel(logging.WARNING)  # its loading chatter would interleave with the table
    t = time.perf_counter()
    SCORERS["jieba"]("加快建设现代化产业体系")
    print(f"jieba dictionary load (once per process): {time.perf_counter() - t:.2f} s\n")

    print(f"{'scorer':<8} {'plan↔plan':>11} {'precision':>9} {'margin mean/min':>16} {'plan→review':>12} {'precision':>9} "
          f"{'margin mean/min':>16} {'align ms':>9} {'track ms':>9}")
    for name in SCORERS:
        alignment, t_align = timed(lambda: align_sections(old, new, scorer=name))
        results, t_track = timed(lambda: track_commitments(old, new, kind, scorer=name))
        a, r = alignment_hits(alignment), review_hits(results)
        ma, mr = alignment_margin(old, new, name), review_margin(old, new, name)
        mark = "  (DEFAULT)" if name == DEFAULT else ""
        print(f"{name:<8} {a:>6}/{n_align:<4} {a / n_align:>9.3f} {statistics.mean(ma):>8.3f}/{min(ma):<7.3f} {r:>7}/{n_review:<4} {r / n_review:>9.3f} "
              f"{statistics.mean(mr):>8.3f}/{min(mr):<7.3f} {t_align * 1000:>9.1f} {t_track * 1000:>9.1f}{mark}")
    print("\nprecision as in tests/test_engine.py: hits / labelled items. margin: (gold − best wrong) / larger, per labelled")
    print("item, on the raw similarity before thresholds: > 0 means gold ranks first in its row; larger separates")
    print("better. Alignment is an assignment, so it can still be right where a row's margin is < 0.")
    print("times: median of 3 after a warm-up.")


if __name__ == "__main__":
    main()
