"""Cut a report into citable passages: items where a section has them, else paragraphs.

A passage is the unit of evidence: it has a stable node id and the printed
label path a reader follows to find it (`["一、", "三是"]`, `["一、", "¶5"]`).
"""
from __future__ import annotations

from dataclasses import dataclass

from .schema import Report


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
