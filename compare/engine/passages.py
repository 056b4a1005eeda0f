"""Cut a report into citable passages: items where a section has them, else paragraphs;
and those passages into sentences, the unit a measure's evidence is cited in.

A passage has a stable node id and the printed label path a reader follows to find
it (`["一、", "三是"]`, `["一、", "¶5"]`); `location` turns that path into the words
a reviewer reads ("2022年报告 一、（三）第2段").
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from compare.schema import Report
from compare.text import sentences


@dataclass(frozen=True)
class Passage:
    node_id: str
    label_path: tuple[str, ...]
    text: str
    role: str
    section_id: str


def passages(report: Report) -> list[Passage]:
    out = [Passage(f"p{k + 1}", (f"¶{k + 1}",), p, "other", "") for k, p in enumerate(report.preamble)]
    for s, path in report.walk():
        for it in s.items:
            out.append(Passage(it.id, (*path, it.label), it.text, s.role, s.id))
        for k, par in enumerate(s.paragraphs):
            if any(it.text in par or par in it.text for it in s.items):
                continue
            out.append(Passage(f"{s.id}.p{k + 1}", (*path, f"¶{k + 1}"), par, s.role, s.id))
    return out


def sentence_passages(report: Report, roles: Sequence[str], stop: Sequence[str] = ()) -> list[Passage]:
    """The sentences of the passages in `roles`, each a Passage citing its item or paragraph.

    In a paragraph, the sentence matching a `stop` pattern and those after it are left out
    (the list of problems that closes a review: what fell short is not evidence of delivery).
    """
    stops = [re.compile(c) for c in stop]
    # the items of a problem list (…面临不少问题挑战：一是…。二是…) are passages of their own: the
    # part of a paragraph from its stop sentence on is left out whichever passage holds it
    tails = [tail for s, _ in report.walk() if s.role in roles for par in s.paragraphs
             if (tail := "".join((sents := sentences(par))[_stop_at(sents, stops):]))]
    out: list[Passage] = []
    for p in passages(report):
        if p.role not in roles or any(p.text.strip() and p.text.strip() in tail for tail in tails):
            continue
        sents = sentences(p.text)
        for sent in sents[:_stop_at(sents, stops)]:
            out.append(Passage(p.node_id, p.label_path, sent, p.role, p.section_id))
    return out


def _stop_at(sents: list[str], stops: list[re.Pattern]) -> int:
    """Index of the first sentence matching a stop pattern (len(sents) when none does)."""
    return next((i for i, x in enumerate(sents) if any(rx.search(x) for rx in stops)), len(sents))


def location(report: Report, label_path: Sequence[str]) -> str:
    """A citation a reviewer can follow: 2022年报告 一、（三）第2段."""
    parts = [f"第{label[1:]}段" if label.startswith("¶") else label for label in label_path]
    return f"{report.year}年报告 " + "".join(parts)
