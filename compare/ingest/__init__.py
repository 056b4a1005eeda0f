"""Ingest: raw report text → a `Report` in the common schema.

Pure functions over text (reading files is `readers`' job, writing the store `store`'s); all
kind-specific knowledge (chrome, title shapes, heading cues, indicators) is the kind template's.
"""
from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Sequence
from pathlib import Path, PurePath
from typing import TYPE_CHECKING, TypedDict

from compare import kinds
from compare import text as textmod
from compare.errors import YoyError, input_name, warn
from compare.ingest.lists import commitments, left_out, metrics, targets
from compare.ingest.notes import drop_note_references, note_numbers
from compare.ingest.outline import item_sections, parse_outline
from compare.ingest.problems import shortcomings
from compare.ingest.region import (
    level_region,
    opener_region,
    pick_region,
    region_name,
    region_names,
)
from compare.ingest.years import (
    congress,
    heading_year,
    most_named_year,
    opener_year,
    pick_year,
    plans_later,
)
from compare.schema import REVIEW_ROLES, Report, Role, Section, Source

if TYPE_CHECKING:  # the readers (PDF, Word, web pages) load only to read a file: compare never does
    from compare.ingest.readers import SourceText

HEAD = 15           # paragraphs searched for the title and year
META_LINES = 60     # raw lines searched for chrome metadata (来源, 发布时间)
MIN_UNSTRUCTURED = 2000  # characters a report without numbered sections must have
_CLAUSE_END = textmod.chars(textmod.CLAUSE_END)


def ingest_text(
    text: str,
    *,
    kind: str = "auto",
    region: str | None = None,
    year: int | None = None,
    raw: bytes | None = None,
    source_file: str | None = None,
    url: str | None = None,
    title: str | None = None,
    published: str | None = None,
    where: str = "<text>",
    templates=None,
    name_hint: str | None = None,
    page: Sequence[str] = (),
) -> Report:
    """Parse one report. `where` names the input in error messages; `name_hint` is the input's
    file name, the last place region and year are looked for; `page`, a web page's lines around
    the report (来源, its date), read for metadata only. What is dropped from the text (a second
    copy of it) is said in a `YoyWarning`.

    >>> r = ingest_text("新余市2021年法治政府建设情况报告\\n一、2021年工作情况\\n"
    ...                 "全年办理行政复议案件120件。\\n二、存在的问题\\n执法力量不足。\\n"
    ...                 "三、2022年工作打算\\n（一）全面实施八五普法规划。\\n"
    ...                 "（二）建成区级行政执法监督平台。\\n")
    >>> r.kind, r.region, r.year, r.plan_year
    ('fazhi', '新余市', 2021, 2022)
    >>> [m.text for m in r.commitments], [s.text for s in r.shortcomings]
    (['全面实施八五普法规划', '建成区级行政执法监督平台'], ['执法力量不足'])
    """
    if not text.strip():
        raise YoyError(where, "empty file")
    # parsed in Simplified characters, hashed as printed
    printed, text = text, textmod.to_simplified(text)
    raw_lines = textmod.normalize_chars(text).split("\n")
    # a web page's <title> (`title`) names the report when its extracted text does not
    tmpl = _pick_kind(kind, [textmod.normalize_chars(title)] + raw_lines if title else raw_lines,
                      where, templates, name_hint)

    meta = _metadata(raw_lines[:META_LINES] + [textmod.normalize_chars(line) for line in page],
                     tmpl)
    chrome = [re.compile(c) for c in tmpl.chrome]
    # a chrome line that ends the page (分享到, 上一篇) stays until the tail is cut at it
    tails = [re.compile(t) for t in tmpl.tail_markers]
    pars = textmod.paragraphs(text, drop=lambda line: any(c.search(line) for c in chrome)
                              and not any(t.search(line) for t in tails),
                              alone=tmpl.item_breaks + tmpl.title_patterns)
    # the notes may stand past what is cut as the page's tail or the closing, joined in one
    # paragraph: each opens a line
    notes = note_numbers(text.split("\n"))
    pars = _cut_tail(_once(pars, where), tmpl.tail_markers, chrome)
    pars = pars[:len(pars) - _closing(pars, tmpl)[0]]
    pars = drop_note_references(pars, notes)
    # the raw lines still hold the date that page-chrome rules drop from the paragraphs
    signature = _closing([line.strip() for line in raw_lines if line.strip()], tmpl)[1]

    head = _title(pars[:HEAD], tmpl)
    titled = _page_title(title, tmpl)
    found_title = head.get("title") or titled.get("title")
    opened = opener_region(pars[:HEAD], tmpl)
    for index in sorted((head[k] for k in ("index", "bare") if k in head), reverse=True):
        del pars[index]
    roles = _heading_rule(tmpl)
    preamble, sections = parse_outline(pars, tmpl.item_breaks, bare_heading=roles)
    if not sections and sum(map(len, pars)) < MIN_UNSTRUCTURED:
        raise YoyError(where, "no recognisable report structure (no numbered sections)")
    _assign_roles(sections, tmpl)
    delivery = _delivery(pars[:HEAD], tmpl)
    hint = _name_hint(name_hint)
    congress_year, congress_named = congress(pars[:HEAD], tmpl)
    year, taken = pick_year(year, where, [
        ("its title", head.get("year") or titled.get("year")),
        ("its delivery line", delivery.get("year")),
        ("the congress session it names", congress_year)],
        ("its file name", hint.get("year")), [
        ("its headings", heading_year(sections, tmpl)),
        ("its opening", opener_year(
            preamble[:3] + [p for s in sections[:1] for p in s.paragraphs[:2]], tmpl)),
        ("the year it names most", most_named_year(pars, tmpl))])
    if not year:
        raise YoyError(where, "cannot tell the report's year from its title, delivery line, "
                              "headings, opening or file name; pass --year")
    _review_by_content(sections, tmpl, int(year))
    _period_parts(sections, tmpl, int(year))
    sections = _task_items(sections, tmpl)
    issuer = meta.get("issuer") or signature.get("issuer") or ""
    # what the document says it is (its title, the congress it is delivered to) before who speaks or
    # signs it (自治区人民政府主席 names a level, not the unit), then the file name
    said = [("its title", head.get("region")), ("its title", head.get("region2")),
            ("the line above its title", head.get("above")),
            ("the page's title", titled.get("region")), ("the page's title", titled.get("region2")),
            ("its delivery line", delivery.get("region")), ("its opening", opened),
            ("its source line", meta.get("issuer")), ("its signature", signature.get("issuer")),
            ("the congress it names", tmpl.congress.region if congress_named else None)]
    # a line naming several units (a portal's bar linking its counties) decides only when no other
    # line names one
    from_text = pick_region([c for _, c in said if len(region_names(c, tmpl)) < 2], tmpl) \
        or pick_region([c for _, c in said], tmpl)
    from_name = None if from_text else pick_region([hint.get("region")], tmpl)
    found = from_text or from_name or level_region(pars, tmpl)
    if from_text and not region:
        _several_regions(where, from_text, said, tmpl)
    if region:
        region = textmod.clean_name(region)
        if found and found not in region and region not in found:  # 呼伦贝尔市海拉尔区 is 海拉尔区
            warn(f"{where}: stored as {region}, as given; "
                  f"{'its file name' if from_name else 'the text'} names {found}")
    region = region or found
    if not region:
        raise YoyError(where, "cannot tell the region: no administrative name (…省, …市, …区, …县) "
                              "in the title, opening, signature or file name; pass --region")

    report = Report(
        kind=tmpl.kind,
        region=region,
        year=int(year),
        review_year=int(year) + tmpl.review_offset,
        plan_year=int(year) + tmpl.plan_offset,
        title=found_title or f"{region}{year}年{tmpl.name}",
        issuer=issuer,
        published=(meta.get("published") or signature.get("published") or meta.get("page_date")
                   or published),
        source=Source(
            file=source_file,
            url=url,
            sha256=hashlib.sha256(raw if raw is not None else printed.encode("utf-8")).hexdigest(),
        ),
        preamble=preamble,
        sections=sections,
    )
    plans_later(where, report, taken, tmpl)
    report.commitments = commitments(report, tmpl)
    report.targets = targets(report, tmpl)
    report.metrics = metrics(report)
    report.shortcomings = shortcomings(report, tmpl)
    if not report.commitments:
        warn(f"{where}: {no_measures(report)}", stacklevel=2)
    elif tmpl.expects_review and not any(s.role in REVIEW_ROLES for s, _ in report.walk()):
        warn(f"{where}: no review part (none of its {len(list(report.walk()))} sections reviews "
              f"{report.review_year}): a comparison with the report before it reads as its review "
              f"only the preamble's paragraphs from one naming {report.review_year} on, and with "
              "none, every measure not_reported", stacklevel=2)
    if report.commitments and (unread := _unread(report, tmpl)):
        # a task whose verb the template lacks is no row: said, never lost unseen (ua19)
        led = "" if tmpl.warn_unread else f" opening as a task does ({tmpl.unread_leads[0]}…)"
        warn(f"{where}: {len(unread)} plan sentence{'s' if len(unread) > 1 else ''} in no "
              f"row{led}: none of its clauses opens with a verb the template knows "
              f"(measure_verbs of {_kind_file(report.kind, templates)}; add yours in a copy of it "
              "in a folder given to yoy --templates DIR): "
              + "; ".join(f"「{t[:24]}{'…' if len(t) > 24 else ''}」" for t in unread[:3])
              + (f" and {len(unread) - 3} more" if len(unread) > 3 else ""), stacklevel=2)
    return report


def _kind_file(kind: str, templates) -> str:
    """The kind's template file as a user finds it: the path of their own (--templates), the
    shipped one by its place in the source tree (inside an installed yoy it has no other)."""
    path = kinds.template_file(f"kinds/{kind}.yaml", templates)
    return (f"templates/kinds/{kind}.yaml" if path.parent.parent == kinds.TEMPLATES
            else str(path))


def _unread(report: Report, tmpl: kinds.Kind) -> list[str]:
    """The plan sentences in no row for want of a verb the template knows (lists.left_out) that
    ingest names: all of them for a kind whose plan is a list of tasks (`warn_unread`), else
    those opening with one of the kind's `unread_leads` (a gov work report's plan part is half
    assessments and exhortations: 今年我国发展仍面临…, 欣逢盛世…, which it does not name)."""
    if not (tmpl.warn_unread or tmpl.unread_leads):
        return []
    unread = left_out(report, tmpl)
    if tmpl.warn_unread:
        return unread
    led = re.compile(f"(?:{textmod.alternation(tmpl.unread_leads)})")
    return [t for t in unread if led.match(t)]


def no_measures(report: Report) -> str:
    """Why a report holds no measures, and what that leaves out, in words (ingest's warning and
    `yoy run`'s): a report of no recognisable structure is still stored (its metrics, as
    evidence for the year before), but its 台账 and its ledger with the next year have no rows."""
    from compare.schema import PLAN_ROLES
    parts = [s for s, _ in report.walk()]
    why = ("no numbered sections" if not parts
           else f"no plan part among its {len(parts)} section{'s' if len(parts) > 1 else ''}"
           if not any(s.role in PLAN_ROLES for s in parts) else "none read in its plan part")
    return (f"no measures ({why}): its 台账 and its ledger with the next year will have no "
            "measure rows")


def ingest_file(path: str | Path, *, kind: str = "auto", region: str | None = None,
                year: int | None = None, url: str | None = None, encoding: str | None = None,
                max_bytes: int = 20_000_000, templates=None) -> Report:
    """Read a report file (text, HTML, .docx, PDF; "-" for stdin) and parse it; nothing is stored.

    >>> report = ingest_file("reports/2021/新余市-fazhi.source.txt", kind="fazhi")
    >>> report.region, report.year, report.plan_year, len(report.commitments)
    ('新余市', 2021, 2022, 5)
    """
    from compare.ingest.readers import read_source
    return ingest_source(read_source(str(path), encoding=encoding, max_bytes=max_bytes),
                         str(path), kind=kind, region=region, year=year, url=url,
                         templates=templates)


def ingest_source(src: SourceText, where: str, *, kind: str = "auto", region: str | None = None,
                  year: int | None = None, url: str | None = None, templates=None) -> Report:
    """Parse a file already read (`readers.read_source`) from `where`; its title, date and
    address count as the file's, its name as the last place region and year are looked for."""
    return ingest_text(src.text, kind=kind, region=region, year=year, raw=src.raw,
                       url=url or src.url, title=src.title, published=src.published,
                       where=input_name(where), templates=templates,
                       name_hint=None if where == "-" else where, page=src.page)


# ---- header -------------------------------------------------------------------

def _pick_kind(kind: str, lines: list[str], where: str, templates,
               name: str | None = None) -> kinds.Kind:
    """The kind asked for, else the one the text's head names, else the one the file's `name`
    names (国务院政府工作报告-1954.txt: an archive file opening 各位代表 with no title line)."""
    if kind != "auto":
        return kinds.load_kind(kind, templates)
    guessed = kinds.guess_kind([line for line in lines[:40] if line.strip()], templates) or (
        kinds.guess_kind([textmod.normalize_chars(PurePath(name).stem)], templates)
        if name else None)
    if not guessed:
        raise YoyError(where, "cannot tell the report kind from its title, its opening or the "
                              f"file name; pass --kind ({', '.join(kinds.available(templates))})")
    return kinds.load_kind(guessed, templates)


def _metadata(lines: list[str], tmpl: kinds.Kind) -> dict[str, str]:
    """First match of each key's patterns, the patterns tried in order (the kind's
    before the common ones)."""
    meta: dict[str, str] = {}
    for key, patterns in tmpl.metadata.items():
        found = (m.group("v").strip() for p in patterns for line in lines
                 if (m := re.search(p, line.strip())))
        clean = textmod.iso_date if key in ("published", "page_date") else (lambda v: v)
        value = next((c for v in found if v and (c := clean(v))), None)
        if value:
            meta[key] = value
    return meta


def _title_match(par: str, tmpl: kinds.Kind) -> dict | None:
    m = next((m for p in tmpl.title_patterns if (m := re.match(p, par))), None)
    return {k: v for k, v in m.groupdict().items() if v} if m else None


def _title(head: list[str], tmpl: kinds.Kind) -> dict:
    """The report's title among its first paragraphs: its index, the region and year it names,
    the issuer printed above it. A bare title (政府工作报告, a web page's <h1>) gives way to a
    fuller one on the line right below it (2023年广东省政府工作报告 in a CMS's <p class="title">):
    both are the title, neither is the report's text ("bare": the bare one's index)."""
    for i, par in enumerate(head):
        found = _title_match(par, tmpl)
        if found is not None:
            found["index"] = i
            fuller = _title_match(head[i + 1], tmpl) if i + 1 < len(head) else None
            if "year" not in found and fuller is not None and "year" in fuller:
                found = {**fuller, "index": i + 1, "bare": i}
            # issuers printed on the line above the title
            # (中共某县委 某县人民政府 / 关于…的报告)
            if i and len(head[i - 1]) <= 40 and not re.search(_CLAUSE_END, head[i - 1]):
                found["above"] = head[i - 1]
            if "year" in found:
                found["year"] = int(found["year"])
            return found
    return {}


def _page_title(title: str | None, tmpl: kinds.Kind) -> dict:
    """Title, region and year from a web page's <title> or a document's own title: the part that
    names the report, without the site's name (…年政府工作报告_中国政府网)."""
    if not title:
        return {}
    parts = [p.strip() for p in re.split(r"\s*(?:[_|｜]|\s[-–—－]\s)\s*",
                                         textmod.normalize_chars(title)) if p.strip()]
    if not parts:
        return {}
    named = [p for p in parts if any(re.match(t, p) for t in tmpl.title_patterns)] \
        or [p for p in parts if any(re.search(c, p) for c in tmpl.title_cues)] or parts[:1]
    found = {k: v for k, v in _title(named[:1], tmpl).items() if k != "index"}
    return {"title": named[0], **found}


def _delivery(head: list[str], tmpl: kinds.Kind) -> dict:
    """Year (and region) from the delivery line (——2026年1月27日在贵州省第十四届人民代表大会…)."""
    for par in head:
        for pattern in tmpl.year_patterns:
            m = re.search(pattern, par)
            if m:
                return {k: int(v) if k == "year" else v for k, v in m.groupdict().items() if v}
    return {}


def _several_regions(where: str, taken: str, said: list[tuple[str, str | None]],
                     tmpl: kinds.Kind) -> None:
    """A warning when the lines a region is read from name more than one (a portal's bar linking
    its counties above the title, a title naming another unit than the delivery line): which
    was taken, and by what."""
    named = [(what, region_names(line, tmpl) or [n for n in [pick_region([line], tmpl)] if n])
             for what, line in said]
    others: dict[str, str] = {}
    for what, names in named:
        for name in names:
            if name != taken:
                others.setdefault(name, what)
    if others:
        by = next((what for what, names in named if names == [taken]), None) \
            or next((what for what, names in named if taken in names), None)
        warn(f"{where}: the text names {taken}{f' ({by})' if by else ''} and "
              f"{', '.join(f'{n} ({w})' for n, w in others.items())}: stored as {taken}; "
              "pass --region to choose", stacklevel=4)


class _Signature(TypedDict, total=False):
    issuer: str
    published: str  # ISO date


def _closing(pars: list[str], tmpl: kinds.Kind) -> tuple[int, _Signature]:
    """A letter's closing lines at the end of `pars` (专此报告, the issuing body, the date):
    how many there are, and the issuer and date they give."""
    closing = [re.compile(c) for c in tmpl.closing_lines]
    found: _Signature = {}
    n = 0
    for par in reversed(pars):
        if len(par) > 30:
            break
        date = textmod.iso_date(par)
        if date and re.fullmatch(r"[\d\s年月日.\-/]+", par) and "published" not in found:
            found["published"] = date
        elif "issuer" not in found and not re.search(_CLAUSE_END, par) and region_name(par, tmpl):
            found["issuer"] = par
        elif not any(c.search(par) for c in closing):
            break
        n += 1
    return n, found


class _NameHint(TypedDict, total=False):
    year: int
    region: str


def _name_hint(name: str | None) -> _NameHint:
    """Region and year from a file name (新余市2022年度法治政府建设情况.html, 深圳市-2022.txt)."""
    if not name:
        return {}
    stem = PurePath(name).stem
    found: _NameHint = {}
    m = re.search(r"(?<!\d)((?:19|20)\d{2})(?!\d)", stem)
    if m:
        found["year"] = int(m.group(1))
    lead = re.split(r"[-_\s.（(]|\d", stem)[0]
    if lead:
        found["region"] = lead
    return found


def _heading_rule(tmpl: kinds.Kind) -> Callable[[str], bool]:
    """Whether a paragraph is an unnumbered top-level heading: a short line with no sentence
    punctuation that carries a role cue (2019年工作回顾, 2020年主要工作任务)."""
    def is_heading(par: str) -> bool:
        # a line ending in a particle or conjunction is a hard-wrapped sentence, not a heading
        return (len(par) <= 24 and not re.search(textmod.chars(textmod.CLAUSE_END, textmod.MARKS,
                                                               textmod.LIST_COMMA), par)
                and par[-1] not in "的和与及并对在把将为了"
                and tmpl.role_for(par) is not None)
    return is_heading


REPEAT_MIN = 5     # paragraphs a run must have to be a second copy of the text
REPEAT_SHARE = 0.2  # … and of the text's characters
REPEAT_PAR = 20     # characters a paragraph needs to start one (各位代表！ repeats in every speech)


def _once(pars: list[str], where: str) -> list[str]:
    """`pars` without a second copy of a run of them (a page printing the report and its print view,
    a copy pasted twice): a run of at least REPEAT_MIN paragraphs and REPEAT_SHARE of the text that
    repeats one earlier, word for word, is dropped, with a warning saying what."""
    first: dict[str, int] = {}
    total = sum(map(len, pars)) or 1
    i = 0
    while i < len(pars):
        j = first.get(pars[i]) if len(pars[i]) >= REPEAT_PAR else None
        start, n = i, 0
        if j is not None:
            while i + n < len(pars) and j + n < i and pars[j + n] == pars[i + n]:
                n += 1
            # the short lines above it (the title, the speaker) are part of the copy too
            while j > 0 and start - 1 >= j + n and pars[start - 1] == pars[j - 1]:
                start, j, n = start - 1, j - 1, n + 1
        if n >= REPEAT_MIN and sum(map(len, pars[start:start + n])) >= REPEAT_SHARE * total:
            warn(f"{where}: the text is printed twice (a page and its print view?): dropped the "
                  f"second copy, {n} paragraphs from “{pars[start][:20]}…”")
            pars = pars[:start] + pars[start + n:]
            i = start
            continue
        first.setdefault(pars[i], i)
        i += 1
    return pars


def _cut_tail(pars: list[str], markers: list[str], chrome: list[re.Pattern]) -> list[str]:
    """`pars` up to the first tail marker in their second half (a share bar or 上一篇 link above the
    text ends nothing), without the chrome lines kept for the cut."""
    half, seen = sum(map(len, pars)) / 2, 0
    for i, par in enumerate(pars):
        if seen >= half and any(re.search(m, par) for m in markers):
            pars = pars[:i]
            break
        seen += len(par)
    return [p for p in pars if not any(c.search(p) for c in chrome)]


REVIEW_SHARE = 0.5   # of a section's paragraphs that must name the reviewed year …
REVIEW_MIN_PARS = 5  # … at least this long (a short part may recall last year in passing)


def _review_by_content(sections: list[Section], tmpl: kinds.Kind, year: int) -> None:
    """An older report's first part reviews last year under a heading with no cue (关于经济形势,
    1955年国家决算, 国民经济在调整…中取得了新的进展): a top-level section left to the default
    plan role whose paragraphs mostly name the reviewed year (1984年…, 去年…), and more of them
    than name the plan year, is the review, children and all: evidence, not ledger rows. So is
    the report's first part when more of its sentences state results than plans (`_reports`):
    the review opens a report, so a later part recalling the past (国务院 1959, 关于国家的政治
    生活) is left to its role."""
    def naming(cues: list[str], of_year: int) -> list[re.Pattern]:
        return [re.compile(c.replace("{year}", f"(?<!\\d){of_year}")) for c in cues]
    reviewed = naming(tmpl.last_year_openers, year + tmpl.review_offset)
    planned = naming(tmpl.plan_year_words, year + tmpl.plan_offset)
    for k, s in enumerate(sections):
        if (s.level != 1 or s.role != "plan" or tmpl.default_role != "plan"
                or tmpl.role_for(s.heading) is not None or len(s.paragraphs) < REVIEW_MIN_PARS):
            continue
        pars = [textmod.arabic_years(p) for p in s.paragraphs]
        back = sum(any(c.search(p) for c in reviewed) for p in pars)
        ahead = sum(any(c.search(p) for c in planned) for p in pars)
        if (back >= REVIEW_SHARE * len(pars) and back > ahead) or (k == 0 and _reports(s, tmpl)):
            s.role = "review"
            _assign_roles(s.children, tmpl, s.role)


def _period_parts(sections: list[Section], tmpl: kinds.Kind, year: int) -> None:
    """A top-level plan part whose heading names a period of several years (the kind's
    `period_headings`: 展望“十四五”…) and not the plan year is no year's plan where another
    top-level plan part's heading names the plan year (接续奋斗2021年…): its role is other,
    children and all, as a five-year part whose heading says 时期 or 规划 already is."""
    period = [re.compile(c) for c in tmpl.period_headings]
    planned = [re.compile(c.replace("{year}", f"(?<!\\d){year + tmpl.plan_offset}"))
               for c in tmpl.plan_year_words]

    def names_year(s: Section) -> bool:
        return any(c.search(textmod.arabic_years(s.heading)) for c in planned)
    plans = [s for s in sections if s.level == 1 and s.role == "plan"]
    if not any(names_year(s) for s in plans):
        return
    for s in plans:
        if any(c.search(s.heading) for c in period) and not names_year(s):
            s.role = "other"
            _assign_roles(s.children, tmpl, s.role)


def _reports(section: Section, tmpl: kinds.Kind) -> bool:
    """Whether more of a part's sentences state a result (a completion cue, no future cue) than
    a plan (a future cue): a report delivered late in its own year reviews it as 今年 (国务院
    1981, 当前的经济形势: 今年轻纺工业的总产值预计比去年增长12%), one after a congress's term
    recalls 这两年 (1979, 伟大的历史性转变), neither naming the reviewed year as the year test
    above asks."""
    said = [x for p in section.paragraphs for x in textmod.sentences(p)]
    future = sum(bool(tmpl.cues.future.search(x)) for x in said)
    done = sum(bool(tmpl.cues.completion.search(x)) and not tmpl.cues.future.search(x)
               for x in said)
    return done > future


def _assign_roles(sections: list[Section], tmpl: kinds.Kind, parent: Role = "other") -> None:
    for s in sections:
        if s.level == 1:
            s.role = tmpl.role_for(s.heading) or tmpl.default_role
        elif parent == "targets":
            # 二、2022年工作总体要求和主要目标 / （一）抢抓…机遇: the targets come first, the
            # numbered tasks are the plan
            s.role = tmpl.role_for(s.heading) or "plan"
        else:
            s.role = tmpl.role_for(s.heading, nested=True) or (
                parent if parent != "other" else (tmpl.role_for(s.heading) or "other"))
        _assign_roles(s.children, tmpl, s.role)


def _task_items(sections: list[Section], tmpl: kinds.Kind) -> list[Section]:
    """Plan sections whose tasks are headed 一是…, 二是… on lines of their own, with those tasks as
    their sub-sections (outline.item_sections), so each task's measures fall under it; the
    sub-sections' roles as any sub-section's."""
    out = []
    for s in sections:
        if s.role == "plan" and not s.children:
            s = item_sections(s, tmpl.item_breaks)
            _assign_roles(s.children, tmpl, s.role)
        else:
            s.children = _task_items(s.children, tmpl)
        out.append(s)
    return out
