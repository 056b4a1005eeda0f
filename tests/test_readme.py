"""Every command in the README's fenced blocks runs as written, in order, in a copy of this
checkout, so the tour cannot rot. Only commands that install from PyPI are skipped, each named in
SKIP with its reason; a comment line `#   …` under a command is output it must
                                          print (… is any text)."""
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
SKIP = {
    "pipx install .": "installs from PyPI",
    "pip install .": "installs from PyPI",
    "pip install '.[parquet]'": "installs from PyPI",
    "make run": "creates .venv and installs from PyPI",
    "make test": "creates .venv and installs from PyPI (and runs this test)",
    "make accuracy": "installs from PyPI into .venv",
    "make mutate": "installs from PyPI into .venv",
    "make ablate": "installs from PyPI into .venv",
    "make bench": "installs from PyPI into .venv",
}
# fenced blocks by language: run in bash, run in Python, or not for this machine
SHELL, PYTHON, WINDOWS = "sh", "python", "bat"


def blocks(text: str) -> list[tuple[str, str]]:
    return re.findall(r"^```(\w*)\n(.*?)^```$", text, flags=re.M | re.S)


def commands(block: str) -> list[tuple[str, list[str]]]:
    """(command, output lines it must print) in order; comment lines are not commands."""
    found: list[tuple[str, list[str]]] = []
    for line in block.splitlines():
        if line.startswith("#   ") and found:
            found[-1][1].append(line[4:].strip())
        elif line.strip() and not line.lstrip().startswith("#"):
            found.append((line.strip(), []))
    return found


def bare(command: str) -> str:
    """The command without its trailing comment, as SKIP names it."""
    return re.split(r"\s+#\s", command, maxsplit=1)[0].strip()


def checkout_copy(dest: Path) -> Path:
    """The files of this checkout git knows or would add (not .venv, output/ or caches), but of the
    store only what git tracks: reports a user added are theirs, not the tour's."""
    def git_files(*which: str) -> list[str]:
        return list(filter(None, subprocess.run(["git", "ls-files", "-z", *which], cwd=ROOT,
                                                capture_output=True,
                                                check=True).stdout.decode().split("\0")))
    added = [rel for rel in git_files("--others", "--exclude-standard")
             if not rel.startswith("reports/")]
    for rel in git_files("--cached") + added:
        if (ROOT / rel).is_file():
            (dest / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / rel, dest / rel)
    # the checkout's .venv, as `make` would have made it: this test's own environment
    (dest / ".venv").symlink_to(Path(sys.prefix), target_is_directory=True)
    return dest


def test_the_readme_runs_as_written(tmp_path):
    text = README.read_text(encoding="utf-8")
    found = blocks(text)
    assert {lang for lang, _ in found} <= {SHELL, PYTHON,
                                           WINDOWS}, "a fenced block this test cannot run"
    work = checkout_copy(tmp_path / "checkout")
    env = {k: v for k, v in os.environ.items() if k not in ("YOY_TEMPLATES", "PYTHONPATH",
                                                            "VIRTUAL_ENV")}
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}"
    skipped, ran = set(), 0
    for lang, block in found:
        if lang == WINDOWS:
            continue
        if lang == PYTHON:
            done = subprocess.run([sys.executable, "-c", block], cwd=work, env=env,
                                  capture_output=True,
                                  text=True, timeout=600)
            assert done.returncode == 0, f"{block}\n{done.stderr}"
            ran += 1
            continue
        for command, output in commands(block):
            if bare(command) in SKIP:
                skipped.add(bare(command))
                continue
            done = subprocess.run(["bash", "-o", "pipefail", "-c", command], cwd=work, env=env,
                                  capture_output=True,
                                  text=True, timeout=600)
            assert done.returncode == 0, f"{command}\n{done.stderr}"
            printed = done.stdout + done.stderr
            for line in output:
                pattern = ".*?".join(re.escape(part) for part in line.split("…"))
                assert re.search(pattern, printed), (f"{command}: no line like {line!r} "
                                                     f"in\n{printed}")
            ran += 1
    assert skipped == set(SKIP), "SKIP names a command the README no longer has"
    assert ran >= 20
    # what the tour wrote is there
    assert (work / "output" / "国务院" / "gov-work-report-2022-2023.xlsx").is_file()
    # the tour types nothing into the workbook it imports: no empty reviews file (ua21b)
    assert not (work / "reports" / "reviews" / "国务院-gov-work-report-2022-2023.yaml").exists()
    assert (work / "2021-2022.xlsx").stat().st_size > 5000 and (
        work / "panel.csv").stat().st_size > 10_000
