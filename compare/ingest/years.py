"""The report's year: read from its title, delivery line, congress session, file name, headings,
opening or the year it names most (`year`), and the plan part planning a later year said
(`plans_later`). All the shapes are the kind template's."""
from __future__ import annotations

import re
from collections import Counter

from compare import kinds
from compare import text as textmod
from compare.errors import warn
from compare.schema import Report, Section


def heading_year(sections: list[Section], tmpl: kinds.Kind) -> int | None:
    """The report's year from a top-level review or plan heading naming
    its year (一、2021年工作回顾)."""
    from compare.schema import PLAN_ROLES, REVIEW_ROLES
    for s in sections:
        years = [int(y) for y in re.findall(r"(?<!\d)(\d{4})年", textmod.arabic_years(s.heading))]
        # 1998年工作回顾和1999年工作的总体要求: a review names the earlier year, a plan the later
        if years and s.role in REVIEW_ROLES:
            return min(years) - tmpl.review_offset
        if years and s.role in PLAN_ROLES:
            return max(years) - tmpl.plan_offset
    return None


def congress(pars: list[str], tmpl: kinds.Kind) -> tuple[int | None, bool]:
    """Whether the report names the congress it is delivered to, and the year of that session
    (向第五届全国人民代表大会第二次会议) from the kind's table of terms; a session named as last
    year's (去年…第三次会议) is a year earlier."""
    from compare.text import cjk_number
    named = False
    for par in pars:
        for cue in tmpl.congress.cues:
            m = re.search(cue.pattern, par)
            if not m:
                continue
            named = True
            term = cjk_number(m["term"]) if m.groupdict().get("term") else None
            session = cjk_number(m["session"]) if m.groupdict().get("session") else 1
            years = tmpl.congress.terms.get(term) if term else None
            years = (years if isinstance(years, list) or years is None
                     else [years + k for k in range(5)])
            if years and session and session <= len(years):
                return years[session - 1] + cue.offset, True
    return None, named


MOST_NAMED_SHARE = 1.5  # how much more often the most named year must be named than the next


def most_named_year(pars: list[str], tmpl: kinds.Kind) -> int | None:
    """The year the text names most often, as the reviewed year, when it clearly leads: the last
    resort of a report with no title, delivery line, dated heading or opening."""
    counts = Counter(int(y) for y in re.findall(r"(?<!\d)((?:19|20)\d\d)年",
                                                textmod.arabic_years("".join(pars)))).most_common(2)
    if not counts or counts[0][1] < MOST_NAMED_MIN \
            or (len(counts) > 1 and counts[0][1] < MOST_NAMED_SHARE * counts[1][1]):
        return None
    return counts[0][0] - tmpl.review_offset


MOST_NAMED_MIN = 5

Said = tuple[str, int | None]  # where the year was read (its title, its file name…), the year


def pick_year(given: int | None, where: str, stated: list[Said], named: Said,
          read: list[Said]) -> tuple[int | None, Said]:
    """The report's year: `given`, else what the text `stated` it is (its title, delivery line,
    congress session), else what its file name `named`, else what was `read` from its body (a
    dated heading, its opening, the year it names most). The file name ranks above the body: a
    heading's year may be the plan's or the review's as the report is shaped (国务院 1980:
    关于1980、1981年国民经济计划安排的报告, filed as 1980), a file name says what the person
    who saved it called it. When two of them disagree the first is taken and a warning says
    what the other said; so does a `given` year the text or file name contradicts. Returns the
    year and what it was taken by, with the other year a warning named (None when none did)."""
    first = next(((w, y) for w, y in stated if y), None)
    body = next(((w, y) for w, y in read if y), None)
    found = first or (named if named[1] else None) or body
    if given:
        if found and found[1] != given:
            warn(f"{where}: stored as {given}, as given; by {found[0]} it is {found[1]}")
            return given, ("given", found[1])
        return given, ("given", None)
    other = first or body
    if found and named[1] and other and other[1] != named[1]:
        warn(f"{where}: the year is {other[1]} by {other[0]} and {named[1]} by {named[0]}: "
              f"stored as {found[1]}, by {found[0]}; pass --year to choose")
        return found[1], (found[0], other[1] if other[1] != found[1] else named[1])
    return (found[1], (found[0], None)) if found else (None, ("", None))


def plans_later(where: str, report: Report, taken: Said, tmpl: kinds.Kind) -> None:
    """A warning when the report's plan part plans a year after the one it is stored for
    (国务院 1981, delivered in November, reviews 今年 and plans 1982: 1982年是…): a plan
    heading naming a later year (as `heading_year` reads a plan heading), else a plan paragraph
    opening with one (the kind's `year_openers`), said as the year's other readings are,
    unless `pick_year` already named that year (`taken`: what the year was taken by, the year it
    warned of).
    An earlier year opening a plan paragraph is a look back, no other plan year."""
    from compare.schema import PLAN_ROLES
    parts = [s for s, _ in report.walk() if s.role in PLAN_ROLES]
    said = [(p, y) for s in parts for p in [s.heading]
            for y in [max(map(int, re.findall(r"(?<!\d)(\d{4})年", textmod.arabic_years(p))),
                          default=None)] if y] \
        or [(p, y) for s in parts for p in s.paragraphs for y in [opened_year(p, tmpl)] if y]
    later = next(((p, y) for p, y in said if y > report.plan_year), None)
    if later is None or later[1] - tmpl.plan_offset == taken[1]:
        return
    quote = f"「{later[0][:24]}{'…' if len(later[0]) > 24 else ''}」"
    other = later[1] - tmpl.plan_offset
    if taken[0] == "given":
        warn(f"{where}: stored as {report.year}, as given; by its plan part ({quote}) it is "
              f"{other}", stacklevel=4)
    else:
        warn(f"{where}: the year is {other} by its plan part ({quote}) and {report.year} by "
              f"{taken[0]}: stored as {report.year}, by {taken[0]}; pass --year to choose",
              stacklevel=4)


def opener_year(pars: list[str], tmpl: kinds.Kind) -> int | None:
    year = next((y for y in map(lambda p: opened_year(p, tmpl), pars) if y), None)
    return year - tmpl.review_offset if year else None


def opened_year(par: str, tmpl: kinds.Kind) -> int | None:
    """The year a paragraph opens with (the kind's `year_openers`: 1982年是…, 2021年，…)."""
    par = textmod.arabic_years(par)
    m = next((m for p in tmpl.year_openers if (m := re.search(p, par))), None)
    return int(m.group("year")) if m else None
