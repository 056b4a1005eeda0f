"""Survey: how many problems yoy reads from each report's problem list, over a whole corpus.

Run from the project root:
    .venv/bin/python bench/problem_lists.py [--corpus PATH] [--chars N] [--few K] [--brief]

For every government work report under the corpus folders below (the State Council archive
1954–2012, 2021–2023, the local reports and the 2026 provincial ones) it ingests the report as
yoy does and prints how many shortcomings the engine read (`Report.shortcomings`) and the first
`--chars` characters of each; then how many reports have a list read at all, and which read
`--few` or fewer (the ones to read by eye). Figures printed, never asserted; nothing here is a test.
"""
from __future__ import annotations

import argparse
import re
import sys
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # measure the working tree, not whatever is installed

from compare.ingest import ingest_text  # noqa: E402
from compare.ingest.readers import read_source  # noqa: E402

FOLDERS = ["gov-work-report-archive", "gov-work-report", "local-gov-work-report",
           "local-gov-work-report-2", "provincial-2026"]
# 国务院政府工作报告-1995.txt, 盐田区-2020.txt, 北京市-2026年政府工作报告.txt
NAME = re.compile(r"^(?:(?P<region>.+?)政府工作报告-|(?P<local>.+?)-)(?P<year>\d{4})")


def reports(corpus: Path) -> list[tuple[str, int, Path]]:
    """(region, year, file) of every report in the surveyed folders, in folder and name order."""
    out = []
    for folder in FOLDERS:
        for f in sorted((corpus / folder).glob("*.txt")):
            m = NAME.match(f.name)
            if m:
                out.append((m["region"] or m["local"], int(m["year"]), f))
    return out


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus")
    ap.add_argument("--chars", type=int, default=24, help="characters printed of each problem")
    ap.add_argument("--few", type=int, default=2, help="a list of this many or fewer is 'few'")
    ap.add_argument("--brief", action="store_true", help="one line a report, no problems")
    args = ap.parse_args(argv)
    counts: dict[str, int] = {}
    for region, year, f in reports(args.corpus):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # a second copy dropped: not this survey's business
            report = ingest_text(read_source(str(f)).text, kind="gov-work-report", region=region,
                                 year=year, where=str(f))
        label = f"{region} {year}"
        counts[label] = len(report.shortcomings)
        print(f"{label}\t{len(report.shortcomings)}")
        if not args.brief:
            for s in report.shortcomings:
                print(f"    {s.text[:args.chars]}")
    read = [k for k, n in counts.items() if n]
    few = [f"{k} ({n})" for k, n in counts.items() if n <= args.few]
    print(f"\nreports with a list read: {len(read)}/{len(counts)}; problems read: "
          f"{sum(counts.values())}")
    print(f"reading {args.few} or fewer: {len(few)}: {', '.join(few)}")


if __name__ == "__main__":
    main()
