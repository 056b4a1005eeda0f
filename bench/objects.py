"""Does a part's evidence name its object? jieba's part-of-speech nouns against character trigrams.

Run from the project root: .venv/bin/python bench/objects.py   (jieba: the `bench` extra)
On every labelled measure of the default gold (bench/fit.py), the rules' reported decision is
taken with each object test on the closest review sentence (the cosine route needs the object
named; the coverage route is unchanged) and compared with the label (reported or not); each
test's time is summed. Prints figures only. Measured 2026-12-03 on the 11 labelled pairs:
trigrams 215/288, jieba nouns 213/288, 0.007 s against 14.5 s (and about 1 s to load jieba's
dictionary): the tracker keeps character trigrams (`rules.names_object`).
"""
from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import fit  # noqa: E402
from gold import DEFAULT_GOLD, gold_files  # noqa: E402

from compare.engine import rules  # noqa: E402
from compare.engine.rules import names_object  # noqa: E402

# jieba's tags of nouns, names and set phrases
NOUNS = ("n", "nz", "ns", "nt", "nr", "vn", "j", "l")


def main() -> int:
    import jieba.posseg as pseg

    def nouns(text: str) -> set[str]:
        return {w for w, tag in pseg.cut(text) if tag.startswith(NOUNS) and len(w) >= 2}

    rows = fit.measures_of(gold_files(DEFAULT_GOLD))
    right = {"trigrams": 0, "jieba nouns": 0}
    seconds = dict.fromkeys(right, 0.0)
    counted = 0
    for r in rows:
        if not r.reading.candidates:
            continue
        counted += 1
        part = r.reading.part.text
        obj = r.kind.cues.opening.sub("", part, count=1) or part
        sentence = r.review[r.reading.candidates[0]].text
        by_cosine = r.reading.features[0][0] >= rules.PARTIAL
        by_coverage = r.reading.rule and not by_cosine
        for name in right:
            t = time.perf_counter()
            named = names_object(obj, sentence, r.kind) if name == "trigrams" else bool(
                nouns(obj) & nouns(sentence))
            seconds[name] += time.perf_counter() - t
            right[name] += (by_coverage or (by_cosine and named)) == (r.status != "not_reported")
    for name in right:
        print(f"{name}: reported decision right {right[name]}/{counted}, {seconds[name]:.3f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
