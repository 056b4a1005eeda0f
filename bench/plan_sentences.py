"""Plan sentences that are in no ledger row, and why (user review ua19, H1).

Run from the project root: .venv/bin/python bench/plan_sentences.py [FILES or folders…] [--show]

Each report's plan sentences (its plan sections' paragraphs, as `lists.commitments` reads them)
are counted: in a row, or left out. A sentence left out with no clause opening with an action or
row verb of the kind (`lists.left_out`) is left out silently unless ingest warns of it; the
others are left out by a rule with a name (a heading, framing, a principle, a recall). Defaults:
the shipped reports' sources, the State Council archive and
../shared/corpus/local-gov-work-report-2.
"""
from __future__ import annotations

import argparse
import sys
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
CORPUS = ROOT.parent / "shared" / "corpus"


def main() -> None:
    from compare import kinds
    from compare.ingest import ingest_file
    from compare.ingest.lists import left_out
    from compare.ingest.measures import _SENTENCE, _TRIM

    ap = argparse.ArgumentParser()
    ap.add_argument("paths", nargs="*")
    ap.add_argument("--show", action="store_true", help="print each sentence left out unread")
    a = ap.parse_args()
    paths = a.paths or [*sorted(str(p) for p in (ROOT / "reports").glob("*/*.source.txt")),
                        str(CORPUS / "gov-work-report-archive"),
                        str(CORPUS / "local-gov-work-report-2")]
    files = [f for p in paths for f in (sorted(Path(p).glob("*.txt")) if Path(p).is_dir()
                                        else [Path(p)])]
    total = {"sentences": 0, "in rows": 0, "left out": 0, "unread": 0}
    for f in files:
        kind = "fazhi" if "fazhi" in f.name or "法治" in f.name else "auto"
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            r = ingest_file(f, kind=kind)
        tmpl = kinds.load_kind(r.kind)
        rows = [c.text for c in r.commitments]
        n = {"sentences": 0, "in rows": 0, "left out": 0, "unread": 0}
        for s, _ in r.walk():
            if s.role != "plan":
                continue
            for par in s.paragraphs:
                for m in _SENTENCE.finditer(par):
                    t = m.group().strip(_TRIM)
                    if not t:
                        continue
                    n["sentences"] += 1
                    if any(t in row or row in t for row in rows):
                        n["in rows"] += 1
                        continue
                    n["left out"] += 1
        unread = left_out(r, tmpl)
        n["unread"] = len(unread)
        if a.show:
            print("".join(f"  {f.name}: {t}\n" for t in unread), end="")
        for k in total:
            total[k] += n[k]
        print(f"{f.name}: " + ", ".join(f"{k} {v}" for k, v in n.items()), flush=True)
    print("total: " + ", ".join(f"{k} {v}" for k, v in total.items()))


if __name__ == "__main__":
    main()
