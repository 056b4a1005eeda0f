"""Survey: does the place a sentence holds in its paragraph tell a heading from a task?

Run from the project root: .venv/bin/python bench/heading_classes.py [GOLD ...] [--pairs]
On the uniform samples (gold with `quality`, default bench/gold), every labelled row yoy still
lists (an R row found, an S/F row still a row of its own, as bench/accuracy.py counts them) is
placed in its paragraph, and the labels are counted per class of sentence: R (a lost task if
the class gave no row) against S/F (a slogan, principle or framing gone). `--pairs` splits each
class by pair. Prints figures only. Measured 2026-12-04 (docs/accuracy.md, "Rows a 督查室 would
list, round 10"): no class keeps every R row, so none is built.
"""
from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # measure the working tree, not whatever is installed
sys.path.insert(0, str(ROOT / "bench"))

from accuracy import OWN_ROW, holding  # noqa: E402
from gold import SHARED, norm, pairs_of  # noqa: E402

from compare.ingest.measures import heads  # noqa: E402
from compare.ingest.quantities import extract_quantities  # noqa: E402
from compare.kinds import load_kind  # noqa: E402
from compare.text import SENTENCE, is_hanzi  # noqa: E402

TRIM = "，,。；;：:！!？?、 "
# the share of a sentence's word pairs the sentences after it repeat, above which class E counts
# it a summary of them; the dev samples' S rows so placed start at 0.3, their R rows end at 0.27
SHARE = 0.3


def repeated(sentence: str, rest: str, generic: set[str]) -> float:
    """The share of the sentence's hanzi pairs, generic heads (建设, 工作) left out, found in
    `rest`."""
    pairs = {sentence[i:i + 2] for i in range(len(sentence) - 1)
             if is_hanzi(sentence[i]) and is_hanzi(sentence[i + 1])
             and sentence[i:i + 2] not in generic}
    return sum(p in rest for p in pairs) / len(pairs) if pairs else 0.0


def placed(gold_paths: list[Path], corpus: Path) -> list[dict]:
    """Each labelled row yoy still lists, with where its sentence stands in its paragraph."""
    generic = set(load_kind("gov-work-report").generic_heads)
    out = []
    for f in gold_paths:
        for label, old, _, pair in pairs_of(yaml.safe_load(f.read_text("utf-8")) or {}, corpus):
            sections = {s.id: s for s, _ in old.walk()}
            texts = [c.text for c in old.commitments]
            for g in pair.get("measures") or []:
                k = holding(g["plan_quote"], texts) if "quality" in g else None
                c = old.commitments[k] if k is not None else None
                if c is None or c.paragraph == 0 or (
                        g["quality"] != "R"
                        and len(norm(g["plan_quote"])) < OWN_ROW * len(norm(texts[k]))):
                    continue
                s = sections[c.section_id]
                par = s.paragraphs[c.paragraph - 1]
                spans = [m.span() for m in SENTENCE.finditer(par) if m.group().strip(TRIM)]
                at = next(i for i, (a, b) in enumerate(spans) if a <= c.start < b)
                sents = [par[a:b].strip(TRIM) for a, b in spans]
                text = sents[at]
                out.append({
                    "pair": label, "real": g["quality"] == "R", "at": at, "n": len(sents),
                    "after": len(sents) - 1 - at, "heads": heads(text),
                    "after_heading": at == 1 and heads(sents[0]),
                    "figure": bool(extract_quantities(text)),
                    "name": bool(re.search("[“《]", text)),
                    "chars": len(text), "commas": len(re.findall("[，,：:]", text)),
                    "next_par": c.paragraph < len(s.paragraphs),
                    "share": repeated(text, "".join(sents[at + 1:]), generic)})
    return out


Row = dict
CLASSES: dict[str, Callable[[Row], bool]] = {
    "A  a paragraph's opening sentence heads() does not take, sentences after it":
        lambda r: r["at"] == 0 and r["after"] and not r["heads"],
    "A'   ... no figure, at most 40 characters and 3 commas":
        lambda r: r["at"] == 0 and r["after"] and not r["heads"] and not r["figure"]
        and r["chars"] <= 40 and r["commas"] <= 3,
    "B  a paragraph of one sentence before another, no figure, <= 30 chars, <= 2 commas":
        lambda r: r["n"] == 1 and r["next_par"] and not r["figure"] and r["chars"] <= 30
        and r["commas"] <= 2,
    "C  a heads()-shaped sentence inside a paragraph, sentences after it":
        lambda r: r["at"] > 0 and r["heads"] and not r["figure"] and r["after"],
    "C'   ... at least 3 sentences after it":
        lambda r: r["at"] > 0 and r["heads"] and not r["figure"] and r["after"] >= 3,
    "D  the sentence after a paragraph's heading, no figure (topic sentence)":
        lambda r: r["after_heading"] and not r["heads"] and not r["figure"],
    "D'   ... at least 3 sentences after it":
        lambda r: r["after_heading"] and not r["heads"] and not r["figure"] and r["after"] >= 3,
    f"E  A or D, no figure, name or heads() shape, >= {SHARE} of its pairs repeated after":
        lambda r: (r["at"] == 0 and r["after"] or r["after_heading"]) and not r["heads"]
        and not r["figure"] and not r["name"] and r["share"] >= SHARE,
}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("gold", nargs="*", type=Path, default=[ROOT / "bench" / "gold"])
    ap.add_argument("--corpus", type=Path, default=SHARED / "corpus")
    ap.add_argument("--pairs", action="store_true", help="split each class by pair")
    args = ap.parse_args(argv)
    files = sorted(f for p in args.gold for f in ([p] if p.is_file() else p.glob("*.yaml")))
    rows = placed(files, args.corpus)
    print(f"labelled rows still rows: R {sum(r['real'] for r in rows)}, "
          f"S/F {sum(not r['real'] for r in rows)}")
    for name, test in CLASSES.items():
        inside = [r for r in rows if test(r)]
        real = sum(r["real"] for r in inside)
        print(f"{name}: R {real}, S/F {len(inside) - real}")
        if args.pairs:
            by = Counter((r["pair"], r["real"]) for r in inside)
            for pair in sorted({p for p, _ in by}):
                print(f"    {pair}: R {by[pair, True]}, S/F {by[pair, False]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
