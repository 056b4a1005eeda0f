"""Do the tests catch a wrong answer? Apply each listed mutation and see whether a test fails.

Run from the project root: .venv/bin/python bench/mutate.py [--only SUBSTRING] [--jobs N]
The mutations are in bench/mutations.yaml: each names a file, an exact snippet that must
occur once in it, its replacement, the tests to run (default: all) and why the change
matters. Each mutation runs on a fresh copy of the tracked files in a temporary folder,
so the working tree is never touched. Prints one line per mutation (killed / SURVIVED /
stale) and the score; exit 1 if a listed mutation is stale (the code moved on).
"""
from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
LIST = ROOT / "bench" / "mutations.yaml"


def tracked_copy(dest: Path) -> None:
    """The files git tracks, copied to `dest` (the mutant's own tree)."""
    names = (
        subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True).stdout)
    for name in filter(None, names.decode().split("\0")):
        src, dst = ROOT / name, dest / name
        if src.is_file():
            dst.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, dst)


def run_one(m: dict) -> tuple[str, float]:
    """'killed', 'SURVIVED' or 'stale: …' for one mutation, and the seconds it took."""
    start = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="yoy-mutant-") as tmp:
        tree = Path(tmp)
        tracked_copy(tree)
        path = tree / m["file"]
        if not path.is_file():
            return f"stale: no file {m['file']}", 0.0
        text = path.read_text(encoding="utf-8")
        if text.count(m["old"]) != 1:
            return f"stale: snippet occurs {text.count(m['old'])} times in {m['file']}", 0.0
        path.write_text(text.replace(m["old"], m["new"]), encoding="utf-8")
        # the package finds its templates as compare.templates, which the editable install maps to
        # the real tree's templates/: the mutant's own come first through a link in its package
        (tree / "compare" / "templates").symlink_to(tree / "templates", target_is_directory=True)
        # the mutant's package comes first on the path, ahead of the editable install
        env = {**os.environ, "PYTHONPATH": str(tree), "PYTHONDONTWRITEBYTECODE": "1"}
        cmd = [sys.executable, "-m", "pytest", "-x", "-q", "-p", "no:cacheprovider",
               *m.get("tests", ["tests"])]
        done = subprocess.run(cmd, cwd=tree, env=env, capture_output=True, text=True)
    verdict = "killed" if done.returncode != 0 else "SURVIVED"
    return verdict, time.perf_counter() - start


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--only", default="", help="run the mutations whose name contains this")
    ap.add_argument("--jobs", type=int, default=2)
    args = ap.parse_args(argv)
    mutations = [m for m in yaml.safe_load(LIST.read_text(encoding="utf-8"))
                 if args.only in m["name"]]
    with ThreadPoolExecutor(args.jobs) as pool:
        results = list(pool.map(run_one, mutations))
    killed = stale = 0
    for m, (verdict, secs) in zip(mutations, results, strict=True):
        killed += verdict == "killed"
        stale += verdict.startswith("stale")
        note = (f"  — accepted: {m['accepted']}" if verdict == "SURVIVED"
                and m.get("accepted") else "")
        print(f"{verdict:9} {secs:5.1f}s  {m['name']}{note}")
    live = len(mutations) - stale
    print(f"mutation score: {killed}/{live} killed ({100 * killed / max(live, 1):.0f}%), {stale} "
          "stale")
    return 1 if stale else 0


if __name__ == "__main__":
    sys.exit(main())
