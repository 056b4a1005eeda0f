"""Render the first printed page of the ledger sheet of the shipped 2022→2023 workbook to
docs/ledger.png and the first printed page of the plan sheet (yoy plan) of the seed, 新余市
2021 → its 2022 台账 with an autumn's entries, to docs/plan.png (`make docs`).

Needs LibreOffice (soffice) and poppler (pdftoppm): `make check-office` installs them.
"""
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from openpyxl import load_workbook

from compare.ingest import ingest_text
from compare.jobs.pipeline import compare_pair, pair_paths
from compare.store.plan_entries import PlanEntries, PlanEntry
from compare.workbook.plansheet import plan_rows, write_plan_sheet

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    for tool in ("soffice", "pdftoppm"):
        if not shutil.which(tool):
            print(f"render: {tool} not found (make check-office installs LibreOffice and poppler)",
                  file=sys.stderr)
            return 2
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        store = ROOT / "reports"
        book = compare_pair(*pair_paths(store, "国务院", "gov-work-report", 2022, 2023),
                            store=store, workbook=tmp / "ledger.xlsx").workbook
        keep_sheet(book, "举措跟踪")
        # the first task's measures are nearly all 未见报告 (a term-end review): show the second's,
        # where every status, a figure short of plan and matched objects appear
        start_at(book, "举措跟踪", "所在章节", "三、（二）")
        pdf(book, tmp)
        # the first printed page, whole: what a 督查室 signs (A4 landscape at 100 dpi)
        subprocess.run(["pdftoppm", "-png", "-r", "100", "-f", "1", "-l", "1", "-singlefile",
                        str(tmp / "ledger.pdf"), str(ROOT / "docs" / "ledger")],
                       check=True, timeout=60)
        # the seed as ingest splits it today (the stored YAML may predate the measures), its 2022
        # 台账 as the office has it in the autumn: tasks given to units, three quarters filled in
        seed = ingest_text((store / "2021" / "新余市-fazhi.source.txt").read_text(encoding="utf-8"),
                           kind="fazhi")
        plan = write_plan_sheet(seed, tmp / "plan.xlsx", entries=autumn(seed))
        keep_sheet(plan, "工作台账")
        pdf(plan, tmp)
        # the first printed page, whole: what a unit holds in its hand (A4 landscape at 100 dpi)
        subprocess.run(["pdftoppm", "-png", "-r", "100", "-f", "1", "-l", "1", "-singlefile",
                        str(tmp / "plan.pdf"), str(ROOT / "docs" / "plan")], check=True, timeout=60)
    print("docs/ledger.png docs/plan.png")
    return 0


def autumn(report) -> PlanEntries:
    """Entries as a 督查室 would have them in October: each task with its lead unit, its measures'
    progress for three quarters, a problem and next step where one lags."""
    units = ["市司法局", "市发改委", "市政务服务管理局", "市委依法治市办", "市司法局"]
    measures: dict[str, PlanEntry] = {}
    rows = plan_rows(report)
    tasks = [r for r in rows if r.get("_look") == "group"]
    for task, unit in zip(tasks, units, strict=False):
        measures[task["id"]] = PlanEntry(lead=unit)
    statuses = ["done", "in_progress", "done", "lagging", "done", "in_progress", "done",
                "not_started", "done"]
    for n, row in enumerate(r for r in rows if r.get("_look") != "group"):
        status = statuses[n % len(statuses)]
        measures[row["id"]] = PlanEntry(
            status=({"q1": "in_progress", "q2": "in_progress", "q3": status}
                    if status != "not_started" else {"q3": status}),
            progress={"q3": ["已印发实施方案，全面推开", "按计划推进，完成年度任务七成",
                             "已完成并通过验收",
                             "方案初稿已形成，待审议", "已出台配套措施"][n % 5]},
            problem="部门协同不够，进度滞后" if status == "lagging" else None,
            next_step="四季度专题调度，12月底前完成" if status == "lagging" else None)
    return PlanEntries(region=report.region, kind=report.kind, plan_year=report.plan_year,
                       measures=measures)


def keep_sheet(book: Path, title: str) -> None:
    wb = load_workbook(book)
    for ws in wb.worksheets[:]:
        if ws.title != title:
            wb.remove(ws)
    wb.save(book)


def start_at(book: Path, title: str, header: str, prefix: str) -> None:
    """Hide the rows above the first whose `header` cell starts with `prefix` (the title and the
    header stay)."""
    wb = load_workbook(book)
    ws = wb[title]
    top = next(r for r in range(1, 6) if header in [c.value for c in ws[r]])
    col = next(c.column for c in ws[top] if c.value == header)
    first = next(r for r in range(top + 1, ws.max_row + 1)
                 if str(ws.cell(r, col).value or "").startswith(prefix))
    for r in range(top + 1, first):
        ws.row_dimensions[r].hidden = True
    wb.save(book)


def pdf(book: Path, outdir: Path) -> None:
    subprocess.run(["soffice", "--headless", "--convert-to", "pdf", "--outdir",
                    str(outdir), str(book)],
                   check=True, capture_output=True, timeout=180)


if __name__ == "__main__":
    sys.exit(main())
