"""Plan sentences that are in no ledger row, and why (user review ua19, H1).

Run from the project root: .venv/bin/python bench/plan_sentences.py [FILES or folders…] [--show]
    [--half odd|even] [--sample N --seed S] [--json FILE] [--against FILE]

Each report's plan sentences (its plan sections' paragraphs, as `lists.commitments` reads them)
are counted: in a row, or left out. A sentence left out with no clause opening with an action or
row verb of the kind (`lists.left_out`) is left out silently unless ingest warns of it; the
others are left out by a rule with a name (a heading, framing, a principle, a recall). Defaults:
the shipped reports' sources, the State Council archive and
../shared/corpus/local-gov-work-report-2.

--half keeps the gov work reports whose plan year is odd (the half verbs are chosen on) or even
(the held-out half); --sample prints, instead of the counts, a worksheet (YAML) of N of their
unread sentences drawn uniformly with random.Random(S).sample from the list of (report, sentence)
in the order the reports are read, for a blind labeller (report and sentence only); --json writes
each report's plan year, unread sentences and rows, so two trees' runs can be compared row by row;
--against FILE (another tree's --json) draws the sample from the rows this tree lists and that one
does not (each report's rows less the other's, as multisets), and prints how many rows each side
lists that the other does not.
"""
from __future__ import annotations

import argparse
import json
import random
import sys
import warnings
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
CORPUS = ROOT.parent / "shared" / "corpus"


def _name(f: Path) -> str:
    """A report's file as a labeller finds it: from the project root or the shared corpus."""
    for base in (ROOT, CORPUS):
        if f.resolve().is_relative_to(base.resolve()):
            return str(f.resolve().relative_to(base.resolve()))
    return str(f)


def main() -> None:
    from compare import kinds
    from compare.ingest import ingest_file
    from compare.ingest.lists import left_out
    from compare.ingest.measures import _SENTENCE, _TRIM

    ap = argparse.ArgumentParser()
    ap.add_argument("paths", nargs="*")
    ap.add_argument("--show", action="store_true", help="print each sentence left out unread")
    ap.add_argument("--half", choices=["odd", "even"],
                    help="only the gov work reports whose plan year has this parity")
    ap.add_argument("--sample", type=int, metavar="N",
                    help="print a worksheet of N unread sentences drawn uniformly")
    ap.add_argument("--seed", type=int, default=22)
    ap.add_argument("--json", metavar="FILE", help="write each report's unread sentences and rows")
    ap.add_argument("--against", metavar="FILE",
                    help="another tree's --json: sample the rows only this tree lists")
    a = ap.parse_args()
    paths = a.paths or [*sorted(str(p) for p in (ROOT / "reports").glob("*/*.source.txt")),
                        str(CORPUS / "gov-work-report-archive"),
                        str(CORPUS / "local-gov-work-report-2")]
    files = [f for p in paths for f in (sorted(Path(p).glob("*.txt")) if Path(p).is_dir()
                                        else [Path(p)])]
    total = {"sentences": 0, "in rows": 0, "left out": 0, "unread": 0}
    drawn: list[tuple[str, str]] = []
    base = json.loads(Path(a.against).read_text(encoding="utf-8")) if a.against else None
    gone = 0
    out: dict[str, dict] = {}
    say = sys.stderr if a.sample else sys.stdout
    for f in files:
        kind = "fazhi" if "fazhi" in f.name or "法治" in f.name else "auto"
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            r = ingest_file(f, kind=kind)
        year = r.plan_year or r.year
        if a.half and (r.kind != "gov-work-report" or year is None
                       or year % 2 != (a.half == "odd")):
            continue
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
        if base is None:
            drawn += [(_name(f), t) for t in unread]
        else:
            mine, theirs = Counter(rows), Counter(base.get(_name(f), {}).get("rows", []))
            extra = mine - theirs   # in printed order, each text as many times as it is extra
            for t in rows:
                if extra[t] > 0:
                    drawn.append((_name(f), t))
                    extra[t] -= 1
            gone += sum((theirs - mine).values())
        out[_name(f)] = {"plan_year": year, "unread": unread, "rows": rows}
        if a.show:
            print("".join(f"  {_name(f)}: {t}\n" for t in unread), end="")
        for k in total:
            total[k] += n[k]
        print(f"{_name(f)}: " + ", ".join(f"{k} {v}" for k, v in n.items()), file=say, flush=True)
    print("total: " + ", ".join(f"{k} {v}" for k, v in total.items()), file=say)
    if base is not None:
        print(f"rows only here {len(drawn)}, only in {a.against} {gone}", file=say)
    if a.json:
        Path(a.json).write_text(json.dumps(out, ensure_ascii=False, indent=1), encoding="utf-8")
    if a.sample:
        import yaml
        picked = random.Random(a.seed).sample(drawn, min(a.sample, len(drawn)))
        what, field = (("plan sentences in no row", "sentence") if base is None else
                       (f"rows this tree lists and {Path(a.against).name} does not", "row"))
        print(yaml.safe_dump({
            "sampled_from": f"uniform random sample of {len(picked)} of the {len(drawn)} {what} "
                            f"of the {a.half or 'all'} plan-year gov work reports "
                            f"(bench/plan_sentences.py --sample {a.sample} --seed {a.seed})",
            "labels": "task: R (a real checkable task) | S (slogan, assessment, framing) | "
                      "F (fragment); verb: the word that makes it a task",
            "sentences" if base is None else "rows": [
                {"id": f"{field[0] if base is not None else 'u'}{i:02d}", "report": rep, field: t}
                for i, (rep, t) in enumerate(picked, 1)]},
            allow_unicode=True, sort_keys=False, width=1000), end="")


if __name__ == "__main__":
    main()
