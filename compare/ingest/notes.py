"""A report's notes (名词解释) and the marks referring to them: a mark is dropped from the text
where the report has its note (a measure, a 台账 row or a cited sentence reads as the text, not its
apparatus), kept where no note explains it (a document number's year: 冀政〔2021〕5号)."""
from __future__ import annotations

import re

# A note's mark: 〔14〕 opening the note in a report's 名词解释, and after the words it explains
# (聚焦“两不愁三保障”〔14〕和饮水安全). A document number's year (冀政〔2021〕5号) has the shape
# too, and no note.
_NOTE_MARK = re.compile(r"\s*〔(\d+)〕")


# a note inside a line, the notes run together (a PDF's text: …(见第14页)〔49〕“五个保定”：…):
# its mark, then the term it explains and a colon
_NOTE = re.compile(r"〔(\d{1,3})〕[^，。；：:、]{1,24}[：:]")


def note_numbers(lines: list[str]) -> set[str]:
    """The numbers of the report's notes: the marks its lines open with (〔14〕两不愁三保障：…), and
    those before a term and its colon anywhere."""
    return ({m.group(1) for line in lines if (m := _NOTE_MARK.match(line))}
            | {m.group(1) for line in lines for m in _NOTE.finditer(line)})


def drop_note_references(pars: list[str], notes: set[str]) -> list[str]:
    """`pars` without the marks that refer to one of the report's `notes` (〔14〕 where a line
    opens with 〔14〕): a measure, a 台账 row or a sentence quoted as evidence reads as the text,
    not its apparatus (UA 2026-12-05: 18 of 110 rows of 阜平县 2022's 台账 kept them). The notes
    keep their own marks (a paragraph opening with one: the notes, however many it joins), and a
    mark no note of the report explains is kept: it may be content."""
    if not notes:
        return pars
    return [par if _NOTE_MARK.match(par) else
            _NOTE_MARK.sub(lambda r: "" if r.group(1) in notes else r.group(), par)
            for par in pars]
