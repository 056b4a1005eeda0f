"""The hand-labelled gold and the reports it labels, shared by bench/accuracy.py (scoring) and
bench/fit.py (fitting): gold files found, each pair's reports ingested from the corpus, and how a
quote is compared with a text.

    gold_files(paths)       → the gold YAML files of files and folders (DEFAULT_GOLD:
                              ../shared/gold, bench/gold)
    pairs_of(gold, corpus)  → (label, old report, new report, pair) of each labelled pair
    ledgers(path, corpus)   → the same with the kind and the shipped tracker's rows
    norm, overlaps          → a text without whitespace; whether a cited text and a
                              quote share a passage
"""
from __future__ import annotations

import functools
import re
import sys
from difflib import SequenceMatcher
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # measure the working tree, not whatever is installed

from compare.errors import YoyError  # noqa: E402
from compare.ingest import ingest_text  # noqa: E402
from compare.ingest.readers import read_source  # noqa: E402
from compare.kinds import available, guess_kind, load_kind  # noqa: E402
from compare.schema import Report  # noqa: E402
from compare.text import normalize_chars  # noqa: E402

SHARED = ROOT.parent / "shared"
DEFAULT_GOLD = [SHARED / "gold", ROOT / "bench" / "gold"]
_INVISIBLE = re.compile(r"[\s\u200b\u200c\u200d\u2060\ufeff]")
# a note's mark (〔14〕): ingest drops those referring to a note of the report (阜平县's
# 名词解释), which the quotes copied from the corpus keep (compare.ingest._NOTE_MARK)
_NOTE_MARK = re.compile(r"〔\d{1,3}〕")


@functools.lru_cache(maxsize=1 << 16)
def norm(text: str) -> str:
    """Text as ingest normalises it (full-width figures: ５．９％ → 5.9%), without whitespace or
    invisible characters or notes' marks: quotes copied from the corpus and ingested text compare
    alike."""
    return _INVISIBLE.sub("", _NOTE_MARK.sub("", normalize_chars(text or "")))


def overlaps(cited: str, quote: str) -> bool:
    """Whether a cited text and a gold quote share a passage (half the quote, at
    least 8 characters)."""
    a, b = norm(cited), norm(quote)
    if not a or not b:
        return False
    if b in a or a in b:
        return True
    m = SequenceMatcher(None, a, b, autojunk=False).find_longest_match(0, len(a), 0, len(b))
    return m.size >= max(8, len(b) // 2)


def gold_files(paths: list[Path]) -> list[Path]:
    return sorted(f for p in paths for f in ([p] if p.is_file() else p.glob("*.yaml")))


def find_file(corpus: Path, name: str | None = None, region: str = "",
              year: int | None = None) -> Path:
    """A corpus file by exact name, else by region and year in its name."""
    files = sorted(p for p in corpus.rglob("*") if p.is_file() and p.suffix != ".md")
    if name:
        found = [p for p in files if p.name == name]
    else:
        found = [p for p in files if region in p.name and str(year) in p.name]
    if len(found) != 1:
        raise SystemExit(f"accuracy: error: {corpus}: {len(found)} files match "
                         f"{name or (region, year)}")
    return found[0]


def ingest_pair(old_path: Path, new_path: Path, region: str,
                plan_year: int) -> tuple[Report, Report]:
    """Both reports ingested as one kind: year N whose plan is plan_year, and year N+1 reviewing it.

    The kind guessed from either report's head is tried first, then the others; the year
    passed is the one the kind's offsets give, so a report with no title line still loads.
    """
    texts = [read_source(str(p)).text for p in (old_path, new_path)]
    # guessed as ingest guesses it: on normalised lines (a letter-spaced
    # 政 府 工 作 报 告 is a title)
    guessed = [g for t in texts
               if (g := guess_kind([x for x in normalize_chars(t).splitlines()[:40] if x.strip()]))]
    # a report naming no kind is read as its corpus folder's kind (gov-work-report-archive/), as a
    # user passes --kind for it, before the others in name order
    foldered = [k for k in available() if k in old_path.parent.name]
    problems = []
    for name in dict.fromkeys(guessed + foldered + available()):
        kind = load_kind(name)
        try:
            old = ingest_text(texts[0], kind=name, region=region, year=plan_year - kind.plan_offset,
                              where=str(old_path))
            new = ingest_text(texts[1], kind=name, region=region,
                              year=plan_year - kind.review_offset,
                              where=str(new_path))
        except YoyError as e:
            problems.append(f"{name}: {e}")
            continue
        return old, new
    raise SystemExit(f"accuracy: error: {old_path}: cannot ingest the pair ({'; '.join(problems)})")


def pairs_of(gold: dict, corpus: Path):
    """(label, old report, new report, pair) for each pair of a gold file of either format."""
    for label, old_path, new_path, region, plan_year, pair in pair_files(gold, corpus):
        old, new = ingest_pair(old_path, new_path, region, plan_year)
        yield label, old, new, pair


def pair_files(gold: dict, corpus: Path):
    """(label, old path, new path, region, plan year, pair) for each pair of a gold file of either
    format: what `pairs_of` ingests."""
    for pair in gold.get("pairs") or []:
        region = pair.get("region", "国务院")
        if "plan_report" in pair:
            plan_year = int(pair["plan_year"])
            old_path = find_file(corpus, pair["plan_report"])
            new_path = find_file(corpus, pair["review_report"])
        else:  # State Council format: files named by the year they were delivered
            plan_year = int(pair["plan"])
            old_path = find_file(corpus, region=region, year=plan_year)
            new_path = find_file(corpus, region=region, year=int(pair["outcome"]))
        label = f"{region} {old_path.stem}→{new_path.stem}"
        yield label, old_path, new_path, region, plan_year, pair


def ledgers(path: Path, corpus: Path):
    """(label, old, new, pair, kind, shipped) for each pair of a gold file: its reports, their
    kind and the shipped tracker's rows (`track_commitments`), as the bench's readers of yoy's
    errors start."""
    import yaml

    from compare.engine.track import track_commitments
    gold = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    for label, old, new, pair in pairs_of(gold, corpus):
        kind = load_kind(old.kind)
        yield label, old, new, pair, kind, track_commitments(old, new, kind)


def confusion(rows: list[dict], title: str) -> None:
    """Print how often each gold status went to each of yoy's (rows with `gold` and `yoy`)."""
    from collections import Counter
    print(f"== {title}")
    for (g, y), n in sorted(Counter((r["gold"], str(r["yoy"])) for r in rows).items()):
        print(f"  {g} → {y}: {n}")


def dump_rows(rows: list[dict], path: Path | None) -> None:
    """Every row read, as JSON at `path` (--json), for counting without running the engine again."""
    if path:
        import json
        path.write_text(json.dumps(rows, ensure_ascii=False, indent=1), encoding="utf-8")
