"""Sentence matching of very long sections: in bands along the matched path, linear in length,
and nearly the all-pairs answer when sentences are edited, dropped, added and moved locally."""
import random

import pytest

import compare.engine.diff
from compare.engine.diff import diff_sentences
from compare.store import load_report
from compare.text import sentences
from tests.support import STORE


def report_sentences(year: int) -> list[str]:
    r = load_report(STORE / str(year) / "国务院-gov-work-report.yaml")
    return [x for s, _ in r.walk() for x in sentences(s.text())]


@pytest.fixture(scope="module")
def edited():
    """The 2022 report's 533 sentences as one section, and a next year's version of it: every
    fifth sentence edited, some dropped (and a passage of 60), 2023 sentences added, some
    moved up to 20 places."""
    rng = random.Random(14)
    old = report_sentences(2022)
    new = [s[:len(s) // 2] + "进一步" + s[len(s) // 2:] if i % 5 == 0 else s
           for i, s in enumerate(old) if i % 11 != 3]
    for s in report_sentences(2023)[::9]:
        new.insert(rng.randrange(len(new)), s)
    del new[150:210]   # a dropped passage: the path shifts by more than half a band
    for _ in range(20):
        i = rng.randrange(len(new) - 20)
        new.insert(i + rng.randrange(1, 20), new.pop(i))
    return old, new


def kept(result) -> list[tuple]:
    return [(p.old, p.new, p.similarity) for p in result if p.old and p.new]


@pytest.mark.parametrize("band", [64, 128])
def test_banded_matching_gives_the_all_pairs_answer_on_an_edited_real_report(
        edited, monkeypatch, band):
    old, new = edited
    full = diff_sentences(old, new)
    monkeypatch.setattr(compare.engine.diff, "LONG", 10_000)
    monkeypatch.setattr(compare.engine.diff, "BAND", band)
    banded = diff_sentences(old, new)
    assert len(kept(full)) > 400
    # an assignment per band is not the global optimum: a handful of near-tie pairs differ
    assert len(set(kept(banded)) & set(kept(full))) >= 0.97 * len(kept(full))
    assert sum(p[2] for p in kept(banded)) >= 0.99 * sum(p[2] for p in kept(full))
    assert [p.new for p in banded if p.new] == new
    assert sorted(p.old for p in banded if p.old) == sorted(old)


def test_a_new_text_longer_than_the_old_is_banded_along_the_new(edited, monkeypatch):
    old, new = edited
    full = diff_sentences(new, old)
    monkeypatch.setattr(compare.engine.diff, "LONG", 10_000)
    monkeypatch.setattr(compare.engine.diff, "BAND", 64)
    banded = diff_sentences(new, old)
    assert len(set(kept(banded)) & set(kept(full))) >= 0.97 * len(kept(full))


def test_a_figure_is_edited_whole():
    """ua25: 21.4% → 7.7% was printed 2̶7̶1̶.̶4̶7% (digits of both interleaved); a figure is one token
    of the edit, struck and added whole."""
    old, new = "货物进出口总额增长21.4%。", "货物进出口总额增长7.7%。"
    [pair] = diff_sentences([old], [new])
    edits = [(old[i1:i2], new[j1:j2]) for tag, i1, i2, j1, j2 in pair.opcodes if tag != "equal"]
    assert edits == [("21.4", "7.7")]
    # text without figures is edited character by character, as before
    [pair] = diff_sentences(["推进依法行政工作。"], ["推进依法治理工作。"])
    assert [(t, i1, i2) for t, i1, i2, _, _ in pair.opcodes] == [
        ("equal", 0, 4), ("replace", 4, 6), ("equal", 6, 9)]
