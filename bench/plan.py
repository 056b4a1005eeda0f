"""Speed of the plan sheet (yoy plan) for the 2021 State Council report, beside its target.

Run from the project root: .venv/bin/python bench/plan.py
The report is ingested from its shipped source, so its plan is split into measures as
ingest does today. Baseline beside it: the comparison workbook of 2022→2023 written by
the same helpers (export.write_workbook), the heaviest workbook yoy writes.
Prints figures only; nothing here is a test, so a MISS never fails the run.
"""
from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # measure the working tree, not whatever is installed
sys.path.insert(0, str(ROOT / "bench"))

from bench import chars, median_time, row  # noqa: E402
from compare.engine import compare_reports  # noqa: E402
from compare.ingest import ingest_text  # noqa: E402
from compare.workbook.ledger import write_workbook  # noqa: E402
from compare.workbook.plansheet import write_plan_sheet  # noqa: E402

STORE = ROOT / "reports"


def report(year: int):
    text = (STORE / str(year) / "国务院-gov-work-report.source.txt").read_text(encoding="utf-8")
    return ingest_text(text, kind="gov-work-report", region="国务院")


def main() -> None:
    r2021, r2022, r2023 = report(2021), report(2022), report(2023)
    cmp = compare_reports(r2022, r2023)
    heads = (r2022.headings(), r2023.headings())
    with tempfile.TemporaryDirectory() as tmp:
        plan = median_time(lambda: write_plan_sheet(r2021, Path(tmp) / "plan.xlsx"))
        month = median_time(lambda: write_plan_sheet(r2021, Path(tmp) / "plan-m.xlsx",
                                                     periods="month"))
        base = median_time(lambda: write_workbook(cmp, Path(tmp) / "cmp.xlsx", headings=heads))
    print(f"国务院 2021: {chars(r2021):,} characters, {len(r2021.commitments)} measures, "
          f"{len(r2021.targets)} targets")
    row("write_plan_sheet 2021 (quarters), median of 5", f"{plan * 1000:.0f} ms", "≤ 300 ms",
        plan <= 0.3)
    row("write_plan_sheet 2021 (months), median of 5", f"{month * 1000:.0f} ms")
    row("baseline: write_workbook 2022→2023, median of 5", f"{base * 1000:.0f} ms")
    row("plan sheet ÷ comparison workbook", f"{plan / base:.2f}×")


if __name__ == "__main__":
    main()
