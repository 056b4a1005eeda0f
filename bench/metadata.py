"""Region and year found with `--kind` only: how many reports of each corpus folder get both right.

Run from the project root: .venv/bin/python bench/metadata.py [FOLDER ...] [--kind KIND] [-v]
(default: every folder of ../shared/corpus holding government work reports). Each file is ingested
twice, once under a name that says nothing (report.txt) and once under its corpus name, which
carries the truth: `<region>-<year>…` (国务院政府工作报告-1954.txt is 国务院 1954). The region
expected is the unit's own name (呼伦贝尔市海拉尔区 → 海拉尔区), as yoy stores
it. Prints one line per folder and name: right, wrong (the worst outcome: stored under another
unit or year), refused.
"""
from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # measure the working tree, not whatever is installed

from compare.errors import YoyError  # noqa: E402
from compare.ingest import ingest_text  # noqa: E402
from compare.ingest.readers import read_source  # noqa: E402
from compare.ingest.region import own_name  # noqa: E402
from compare.kinds import load_kind  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus"
FOLDERS = ["gov-work-report-archive", "gov-work-report", "local-gov-work-report",
           "local-gov-work-report-2",
           "provincial-2026"]


def truth(path: Path, kind) -> tuple[str, int]:
    region = re.split(r"[-_]", path.stem)[0].replace("政府工作报告", "")
    return own_name(region, kind), int(re.search(r"(?<!\d)(\d{4})(?!\d)", path.stem).group(1))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("folders", nargs="*", type=Path)
    ap.add_argument("--kind", default="gov-work-report")
    ap.add_argument("-v", action="store_true", help="list what was wrong or refused")
    args = ap.parse_args()
    kind = load_kind(args.kind)
    folders = args.folders or [CORPUS / f for f in FOLDERS]
    for folder in folders:
        files = sorted(p for p in folder.glob("*")
                       if p.suffix in (".txt", ".html", ".docx", ".pdf"))
        texts = [(p, read_source(str(p))) for p in files]
        for named in (False, True):
            right, wrong, refused = 0, [], []
            for path, src in texts:
                try:
                    r = ingest_text(src.text, kind=args.kind, title=src.title, name_hint=path.name
                                    if named else "report.txt")
                except YoyError as e:
                    refused.append(f"{path.name}: {e.reason[:40]}")
                    continue
                if (r.region, r.year) == truth(path, kind):
                    right += 1
                else:
                    wrong.append(f"{path.name}: {r.region} {r.year}")
            print(f"{folder.name:26s} {'corpus name ' if named else 'neutral name'}  right "
                  f"{right:3d}/{len(files):3d}  wrong {len(wrong)}  refused {len(refused)}")
            if args.v:
                for line in wrong + refused:
                    print(f"    {line}")


if __name__ == "__main__":
    main()
