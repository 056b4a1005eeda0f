"""The pipeline's layers hold: import-linter's contract in pyproject.toml, run on the package."""
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LINT = Path(sys.executable).with_name("lint-imports")


def lint(root: Path) -> subprocess.CompletedProcess:
    # the package under `root` first on the path, so a copy is checked rather
    # than the install; wide, so that the workbook contract's name is printed on one line
    return subprocess.run([str(LINT), "--no-cache"], cwd=root, capture_output=True, text=True,
                          env={"PYTHONPATH": str(root), "PATH": str(LINT.parent), "COLUMNS": "200"})


def test_imports_flow_one_way():
    done = lint(ROOT)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "4 kept, 0 broken" in done.stdout


def test_a_lower_layer_importing_a_higher_one_breaks_the_contract(tmp_path):
    shutil.copytree(ROOT / "compare", tmp_path / "compare",
                    ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path)
    schema = tmp_path / "compare" / "schema.py"
    schema.write_text(schema.read_text(encoding="utf-8")
                      + "\n\ndef _late():\n    from compare.workbook import ledger  # noqa\n",
                      encoding="utf-8")
    done = lint(tmp_path)
    assert done.returncode != 0
    assert "compare.schema is not allowed to import compare.workbook" in done.stdout


def _late_import(tmp_path, module: str, imported: str,
                 package: str = "workbook") -> subprocess.CompletedProcess:
    """The package copied, with `module` of `package` importing `imported` inside a function
    (where an import hides from a reader, not from the contract)."""
    shutil.copytree(ROOT / "compare", tmp_path / "compare",
                    ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path)
    path = tmp_path / "compare" / package / f"{module}.py"
    path.write_text(path.read_text(encoding="utf-8")
                    + f"\n\ndef _late():\n    from compare.{package} import {imported}  # noqa\n",
                    encoding="utf-8")
    return lint(tmp_path)


@pytest.mark.parametrize("module, imported", [("sheets", "ledger"), ("ledger", "plansheet"),
                                              ("plansheet", "review_import"),
                                              ("plansheet", "brief"),
                                              ("cells", "sheets"), ("template", "cells"),
                                              ("reading", "plan_import"), ("ledger", "reading")])
def test_no_circle_can_return_inside_workbook(tmp_path, module, imported):
    done = _late_import(tmp_path, module, imported)
    assert done.returncode != 0
    assert ("Workbook: review_import | plan_import | brief → ledger | plansheet | tracker | "
            "reading → sheets → cells → template BROKEN") in done.stdout
    assert f"- compare.workbook.{module} -> compare.workbook.{imported} (l." in done.stdout


# the circle jobs/ had: guard → reviews | plan (what it imports), which → guard, and
# reviews → pipeline
@pytest.mark.parametrize("module, imported", [("guard", "reviews"), ("guard", "plan"),
                                              ("merge", "pipeline"), ("merge", "guard"),
                                              ("merge", "plan_merge"), ("reviews", "plan"),
                                              ("run_pool", "run"), ("run_pool", "run_tasks"),
                                              ("run_tasks", "run_pool")])
def test_no_circle_can_return_inside_jobs(tmp_path, module, imported):
    done = _late_import(tmp_path, module, imported, "jobs")
    assert done.returncode != 0
    assert ("Jobs: run → tracker → pipeline | plan | reviews → guard → plan_merge → merge → blas | "
            "index | run_state | ingest_file BROKEN") in done.stdout
    assert f"- compare.jobs.{module} -> compare.jobs.{imported} (l." in done.stdout
