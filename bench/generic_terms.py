"""Generic character n-grams of government reports, mined from the corpus (issue 18 items 2, 3
and 7: evidence and shortcomings matched on the same object, not on a set phrase). Measured, not
shipped: see README.md, "Generic words as data".

Run from the project root: .venv/bin/python bench/generic_terms.py [CORPUS] [--top N]
    [--words PHRASE ...]
A run of characters every government report uses (持续推进, 进一步加强, 社会主义) names no object,
however rare it is in one pair's review, where the engine's weights (IDF within the pair) are
taken. Its spread: the share of the corpus's report series that use it, each series weighing one
(a region's reports; the State Council's by decade, so that its 40 reports do not outvote the
other series and the words of the 1950s and of the 2010s are each one series'), and within a
series the share of its reports that do. Only the reports' texts are read, never a label.
Prints the bigrams and trigrams (`scorers.bigram_terms`, `scorers.name_terms`) of the highest
spread, for a person to read, and with --words the spread of each n-gram of the phrases given
(营造良好 深水泊位: a set phrase and a port's berths are both rare in the corpus's reports).
"""
from __future__ import annotations

import argparse
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # measure the working tree, not whatever is installed

from compare.engine.scorers import bigram_terms, name_terms  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus"
# the corpus's folders of government work reports (fazhi-report is another kind)
FOLDERS = ("gov-work-report", "gov-work-report-archive", "local-gov-work-report",
           "local-gov-work-report-2", "provincial-2026")
# 盐田区-2021, 国务院政府工作报告-1994, 广东省-2026年政府工作报告
NAME = re.compile(r"^(?P<region>[^-]+)-(?P<year>\d{4})")


def series(path: Path) -> str:
    """The series a report file belongs to: its region, the State Council's by decade."""
    m = NAME.match(path.stem)
    if m is None:
        return path.stem
    if m["region"].startswith("国务院"):
        return f"国务院{int(m['year']) // 10}0s"
    return m["region"]


def spread(files: list[Path]) -> dict[str, float]:
    """Each bigram's and trigram's spread over the series of `files`."""
    held: dict[str, list[set[str]]] = defaultdict(list)
    for p in files:
        text = p.read_text(encoding="utf-8", errors="replace")
        held[series(p)].append(set(bigram_terms(text)) | set(name_terms(text)))
    out: Counter[str] = Counter()
    for reports in held.values():
        for gram, k in Counter(g for r in reports for g in r).items():
            out[gram] += k / len(reports) / len(held)
    return dict(out)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("corpus", nargs="?", type=Path, default=CORPUS)
    ap.add_argument("--top", type=int, default=200, help="print this many of each length")
    ap.add_argument("--words", nargs="*", default=[],
                    help="print the spread of each bigram and trigram of these phrases")
    args = ap.parse_args(argv)
    files = sorted(p for d in FOLDERS for p in (args.corpus / d).glob("*.txt"))
    if not files:
        print(f"generic_terms: error: {args.corpus}: no reports", file=sys.stderr)
        return 2
    found = spread(files)
    print(f"{len(files)} reports in {len({series(p) for p in files})} series")
    for n in (2, 3):
        ranked = sorted((g for g in found if len(g) == n), key=lambda g: (-found[g], g))
        print(f"== {n} characters: {sum(found[g] >= 0.3 for g in ranked)} of spread 0.3 or "
              f"more; the top {args.top}")
        print(" ".join(f"{g}{found[g]:.2f}" for g in ranked[:args.top]))
    for phrase in args.words:
        grams = dict.fromkeys([*bigram_terms(phrase), *name_terms(phrase)])
        print(f"{phrase}: " + " ".join(f"{g}{found.get(g, 0.0):.2f}" for g in grams))
    return 0


if __name__ == "__main__":
    sys.exit(main())
