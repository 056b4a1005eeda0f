"""Byte identity: every file yoy writes, by this working tree and by a git ref, side by side.

Run from the project root: .venv/bin/python bench/identical.py [--base REF] [--archive N]

One scenario runs under each tree, in a folder of its own (paths relative, so the workbooks'
provenance reads the same): the shipped store compared by `yoy run` (workbooks, JSON,
trackers, plan sheets), re-ingested from its sources, and again with a workbook template of
the user's (`--templates`); `yoy compare --json --lang en`,
`yoy export` and `yoy plan --periods month`; a reviewer's and an office's entries typed into
those workbooks (openpyxl, the same cells on both sides) and read back by `yoy review import`,
then `yoy run` again, which pre-fills them; and the State Council archive
(../shared/corpus/gov-work-report-archive, skipped when absent) ingested and run. Prints a
SHA-256 per file and what differs; exits 1 when anything does. A layout change must leave
every line `same`.
"""
from __future__ import annotations

import argparse
import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ARCHIVE = ROOT.parent / "shared" / "corpus" / "gov-work-report-archive"
# Files that record when and where, not what: the run's index, state, parse cache and locks.
SKIP = (".yoy-index.json", ".yoy-run.json", ".yoy-run.lock", ".yoy.lock", ".yoy-cache")
# A driver, so each tree's yoy runs as its command would, from that tree's package.
YOY = "import sys; sys.argv[0] = 'yoy'; from compare.cli import main; main()"
INGEST = """
import sys
from compare.errors import YoyError
from compare.jobs.ingest_file import ingest_and_store
for spec in sys.argv[1:]:
    path, kind, region, year, store = spec.split("|")
    try:
        ingest_and_store(path, kind=kind, region=region or None, year=int(year) if year else None,
                         store=store)
    except YoyError as e:
        print(f"refused {path}: {e.reason}")
"""


def tree_of(ref: str, dest: Path) -> Path:
    """The package at `ref`, unpacked into `dest` (templates where an install would put them)."""
    dest.mkdir(parents=True)
    archive = subprocess.run(["git", "archive", ref, "compare", "templates"], cwd=ROOT, check=True,
                             capture_output=True).stdout
    subprocess.run(["tar", "-x", "-C", str(dest)], input=archive, check=True)
    (dest / "compare" / "templates").symlink_to(dest / "templates")
    return dest


def scenario(tree: Path, work: Path, archive: list[Path]) -> list[str]:
    """Run everything under `tree`'s package in `work`; return the commands' printed output."""
    env = {**os.environ, "PYTHONPATH": str(tree)}
    env.pop("YOY_TEMPLATES", None)
    logs: list[str] = []

    def yoy(*args: str) -> None:
        p = subprocess.run([sys.executable, "-c", YOY, *args], cwd=work, env=env,
                           capture_output=True, text=True)
        logs.append(f"$ yoy {' '.join(args)}  [exit {p.returncode}]\n{p.stdout}{p.stderr}")

    def ingest(specs: list[str]) -> None:
        p = subprocess.run([sys.executable, "-c", INGEST, *specs], cwd=work, env=env,
                           capture_output=True,
                           text=True, check=True)
        logs.append(f"$ ingest {len(specs)} files\n{p.stdout}{p.stderr}")

    work.mkdir(parents=True)
    shipped = sorted(p for p in (ROOT / "reports").glob("[0-9]*/*") if p.is_file())
    sources = []
    for p in shipped:
        (work / "store" / p.parent.name).mkdir(parents=True, exist_ok=True)
        shutil.copyfile(p, work / "store" / p.parent.name / p.name)
        if p.name.endswith(".source.txt"):
            region, kind = p.name.removesuffix(".source.txt").split("-", 1)
            sources.append(f"{p}|{kind}|{region}|{p.parent.name}|reingested")
    ingest(sources)
    yoy("run", "--store", "store", "--out", "out", "--jobs", "1")
    pair = ["--region", "国务院", "--kind", "gov-work-report", "--from", "2022", "--to", "2023",
            "--store", "store"]
    yoy("compare", *pair, "--json", "out/cmp.json", "-o", "out/cmp-en.xlsx", "--lang", "en")
    yoy("export", "out/cmp.json", "-o", "out/export.xlsx", "--store", "store")
    yoy("plan", "--region", "国务院", "--kind", "gov-work-report", "--year", "2022",
        "--periods", "month",
        "--store", "store", "--out", "out")
    ledger = work / "out" / "国务院" / "gov-work-report-2022-2023.xlsx"
    fill_review(ledger, work / "typed" / "review.xlsx")
    yoy("review", "import", "typed/review.xlsx", "--store", "store")
    fill_plan(work / "out" / "国务院" / "gov-work-report-2022-plan.xlsx",
              work / "typed" / "plan.xlsx")
    yoy("review", "import", "typed/plan.xlsx", "--store", "store")
    yoy("run", "--store", "store", "--out", "out", "--jobs", "1")
    yoy("compare", *pair, "-o", "out/after-review.xlsx")
    # a user's own workbook template reaches every workbook, the run's workers' included
    (work / "mine").mkdir()
    shipped_look = (tree / "templates" / "workbook.yaml").read_text(encoding="utf-8")
    # the comparison's title label (年度报告同比对照 until 2026-12-04, then 同比对照)
    (work / "mine" / "workbook.yaml").write_text(shipped_look.replace(
        "同比对照", "同比对照（自定）", 1)
                                                 .replace("计划内容", "计划事项"), encoding="utf-8")
    yoy("--templates", "mine", "compare", *pair, "-o", "out/mine.xlsx")
    yoy("--templates", "mine", "plan", "store/2021/新余市-fazhi.yaml", "--store", "store", "-o",
        "out/mine-plan.xlsx")
    yoy("--templates", "mine", "run", "--store", "store", "--out", "mine-out", "--jobs", "1")
    if archive:
        ingest([f"{f}|gov-work-report|国务院|{f.stem[-4:]}|archive" for f in archive])
        yoy("run", "--store", "archive", "--out", "archive-out", "--jobs", "1")
    (work / "printed.log").write_text("\n".join(logs), encoding="utf-8")
    return logs


def _rows(ws, header: str):
    """(row, {header: column}) of each row with an ID, as a reviewer finds them (a printed sheet has
    a title row above its header)."""
    top = next(r for r in range(1, 6) if header in [c.value for c in ws[r]])
    col = {c.value: c.column for c in ws[top]}
    return col, [r for r in range(top + 1, ws.max_row + 1) if ws.cell(r, col[header]).value]


def fill_review(src: Path, dest: Path) -> None:
    """A reviewer's statuses, notes and names in every ledger sheet, typed into fixed rows."""
    import openpyxl
    dest.parent.mkdir(parents=True, exist_ok=True)
    wb = openpyxl.load_workbook(src)
    statuses = {"举措跟踪": ["已落实", "部分落实", "未落实", "待核实"],
                "目标": ["已完成", "未完成", "待核实"],
                "问题整改": ["已整改", "部分整改", "仍存在"]}
    for ws in wb.worksheets:
        # the comparison's ledgers: the header is in the first rows (below the title row since
        # 2026-12-04)
        if not any("复核状态" in [c.value for c in ws[r]] for r in range(1, 6)):
            continue
        col, rows = _rows(ws, "ID")
        labels = next((v for k, v in statuses.items() if ws.title.startswith(k)), ["待核实"])
        for n, r in enumerate(rows[::3][:8]):
            ws.cell(r, col["复核状态"]).value = labels[n % len(labels)]
            ws.cell(r, col["复核意见"]).value = f"核实第{n + 1}条"
            ws.cell(r, col["复核人"]).value = "张三"
    wb.save(dest)


def fill_plan(src: Path, dest: Path) -> None:
    """An office's progress, statuses, units and actuals, typed into fixed rows of a plan sheet."""
    import openpyxl
    wb = openpyxl.load_workbook(src)
    plan, targets = wb.worksheets[0], wb.worksheets[1]
    col, rows = _rows(plan, "ID")
    for n, r in enumerate(rows[::4][:10]):
        plan.cell(r, col["3月进展情况"]).value = f"已推进{n + 1}项"
        # 未完成: year end
        plan.cell(r, col["3月完成状态"]).value = ["推进中", "已完成", "未启动", "推进中"][n % 4]
        if n % 3 == 0:
            plan.cell(r, col["牵头单位"]).value = "发展改革委"
    col, rows = _rows(targets, "ID")
    for n, r in enumerate(rows[:3]):
        targets.cell(r, col["实际值"]).value = f"{5 + n}.2"
    wb.save(dest)


def digests(work: Path) -> dict[str, str]:
    out = {}
    for p in sorted(work.rglob("*")):
        rel = p.relative_to(work).as_posix()
        if p.is_file() and not rel.startswith("typed/") and not any(s in p.parts for s in SKIP):
            out[rel] = hashlib.sha256(p.read_bytes()).hexdigest()[:16]
    return out


def _members(a: Path, b: Path) -> str:
    """Which parts of two workbooks differ."""
    try:
        with zipfile.ZipFile(a) as za, zipfile.ZipFile(b) as zb:
            names = sorted(set(za.namelist()) | set(zb.namelist()))
            return ", ".join(n for n in names if n not in za.namelist() or n not in zb.namelist()
                             or za.read(n) != zb.read(n))
    except zipfile.BadZipFile:
        return ""


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--base", default="HEAD", help="git ref to compare against (default HEAD)")
    ap.add_argument("--archive", type=int, default=40, help="archive reports ingested (0: none)")
    ap.add_argument("--keep", type=Path, help="keep both folders here to look into differences")
    args = ap.parse_args()
    archive = sorted(ARCHIVE.glob("*.txt"))[:args.archive] if ARCHIVE.is_dir() else []
    if not archive and args.archive:
        print(f"({ARCHIVE} not found: the archive part is skipped)")
    tmp = Path(tempfile.mkdtemp(prefix="yoy-identical-")) if args.keep is None else args.keep
    try:
        base_tree = tree_of(args.base, tmp / "base-tree")
        runs = {}
        for side, tree in (("base", base_tree), ("this", ROOT)):
            logs = scenario(tree, tmp / side, archive)
            runs[side] = digests(tmp / side), logs
        (a, logs_a), (b, logs_b) = runs["base"], runs["this"]
        differ = 0
        for name in sorted(a.keys() | b.keys()):
            if a.get(name) == b.get(name):
                mark = "same"
            else:
                differ += 1
                mark = "DIFF" if name in a and name in b else (
                    "only base" if name in a else "only this")
                if name.endswith(".xlsx") and mark == "DIFF":
                    mark += f" ({_members(tmp / 'base' / name, tmp / 'this' / name)})"
            print(f"{b.get(name) or a.get(name)}  {mark:<9} {name}")
        for la, lb in zip(logs_a, logs_b, strict=False):
            if la != lb:
                print(f"--- base printed:\n{la}--- this printed:\n{lb}")
        print(f"\n{len(a | b)} files and outputs against {args.base}: "
              f"{'all byte-identical' if not differ else f'{differ} differ'}"
              f" ({len(archive)} archive reports)")
        sys.exit(1 if differ else 0)
    finally:
        if args.keep is None:
            shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
