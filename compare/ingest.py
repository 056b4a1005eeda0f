"""Ingest: raw report text → a `Report` in the common schema.

Pure functions over text; reading files of every format is `readers`' job and
writing the store is `store`'s. All kind-specific knowledge (chrome, title
shapes, heading cues, indicators) comes from the kind template.
"""
from __future__ import annotations

import hashlib
import re
from typing import Iterable, Optional

from . import kinds, quantities, text as textmod
from .errors import YoyError
from .outline import find_items, parse_outline
from .schema import Commitment, Metric, PlannedQuantity, Report, Section, Shortcoming, Source, Target

HEAD = 15           # paragraphs searched for the title and year
META_LINES = 60     # raw lines searched for chrome metadata (来源, 发布时间)
MIN_UNSTRUCTURED = 2000  # characters a report without numbered sections must have


def ingest_text(
    text: str,
    *,
    kind: str = "auto",
    region: Optional[str] = None,
    year: Optional[int] = None,
    raw: Optional[bytes] = None,
    source_file: Optional[str] = None,
    url: Optional[str] = None,
    title: Optional[str] = None,
    published: Optional[str] = None,
    where: str = "<text>",
    templates=None,
) -> Report:
    """Parse one report. `where` names the input in error messages."""
    if not text.strip():
        raise YoyError(where, "empty file")
    raw_lines = textmod.normalize_chars(text).split("\n")
    tmpl = _pick_kind(kind, raw_lines, where, templates)

    meta = _metadata(raw_lines[:META_LINES], tmpl)
    chrome = [re.compile(c) for c in tmpl.chrome]
    pars = textmod.paragraphs(text, drop=lambda line: any(c.search(line) for c in chrome), alone=tmpl.item_breaks + tmpl.title_patterns)
    pars = _cut_tail(pars, tmpl.tail_markers)

    head = _title(pars[:HEAD], tmpl)
    found_title = head.get("title") or title
    if head.get("index") is not None:
        del pars[head["index"]]
    preamble, sections = parse_outline(pars, tmpl.item_breaks)
    if not sections and sum(map(len, pars)) < MIN_UNSTRUCTURED:
        raise YoyError(where, "no recognisable report structure (no numbered sections)")
    _assign_roles(sections, tmpl)
    year = year or head.get("year") or _year(pars[:HEAD], tmpl)
    if not year:
        raise YoyError(where, "cannot tell the report's year from its title; pass --year")
    issuer = meta.get("issuer") or ""
    region = region or _trim_region(head.get("region") or issuer, tmpl)
    if not region:
        raise YoyError(where, "cannot tell the region from the title; pass --region")

    report = Report(
        kind=tmpl.kind,
        region=region,
        year=int(year),
        review_year=int(year) + tmpl.review_offset,
        plan_year=int(year) + tmpl.plan_offset,
        title=found_title or f"{region}{year}年{tmpl.name}",
        issuer=issuer,
        published=meta.get("published") or published,
        source=Source(
            file=source_file,
            url=url,
            sha256=hashlib.sha256(raw if raw is not None else text.encode("utf-8")).hexdigest(),
        ),
        preamble=preamble,
        sections=sections,
    )
    report.commitments = commitments(report, tmpl)
    report.targets = targets(report, tmpl)
    report.metrics = metrics(report)
    report.shortcomings = shortcomings(report, tmpl)
    return report


# ---- header -------------------------------------------------------------------

def _pick_kind(kind: str, lines: list[str], where: str, templates) -> kinds.Kind:
    if kind != "auto":
        return kinds.load_kind(kind, templates)
    guessed = kinds.guess_kind([line for line in lines[:40] if line.strip()], templates)
    if not guessed:
        raise YoyError(where, f"cannot tell the report kind from its title; pass --kind ({', '.join(kinds.available(templates))})")
    return kinds.load_kind(guessed, templates)


def _metadata(lines: list[str], tmpl: kinds.Kind) -> dict[str, str]:
    """First match of each key's patterns, the patterns tried in order (the kind's before the common ones)."""
    meta: dict[str, str] = {}
    for key, patterns in tmpl.metadata.items():
        found = (m.group("v").strip() for p in patterns for line in lines if (m := re.search(p, line.strip())))
        clean = textmod.iso_date if key == "published" else (lambda v: v)
        value = next((c for v in found if v and (c := clean(v))), None)
        if value:
            meta[key] = value
    return meta


def _title(head: list[str], tmpl: kinds.Kind) -> dict:
    for i, par in enumerate(head):
        for pattern in tmpl.title_patterns:
            m = re.match(pattern, par)
            if m:
                found = {k: v for k, v in m.groupdict().items() if v}
                found["index"] = i
                if "year" in found:
                    found["year"] = int(found["year"])
                return found
    return {}


def _trim_region(name: str, tmpl: kinds.Kind) -> str:
    for suffix in tmpl.region_suffixes:
        if name.endswith(suffix) and len(name) > len(suffix):
            return name[: -len(suffix)]
    return name


def _year(head: list[str], tmpl: kinds.Kind) -> Optional[int]:
    for par in head:
        for pattern in tmpl.year_patterns:
            m = re.search(pattern, par)
            if m:
                return int(m.group("year"))
    return None


def _cut_tail(pars: list[str], markers: list[str]) -> list[str]:
    for i, par in enumerate(pars):
        if any(re.search(m, par) for m in markers):
            return pars[:i]
    return pars


def _assign_roles(sections: list[Section], tmpl: kinds.Kind, parent: str = "other") -> None:
    for s in sections:
        if s.level == 1:
            s.role = tmpl.role_for(s.heading) or tmpl.default_role
        else:
            s.role = parent if parent != "other" else (tmpl.role_for(s.heading) or "other")
        _assign_roles(s.children, tmpl, s.role)


# ---- derived lists ------------------------------------------------------------

def commitments(report: Report, tmpl: kinds.Kind) -> list[Commitment]:
    """The measures of the plan part, one row each (see `measures`), in printed order.

    Every paragraph of a plan section is split; the section's heading (a slogan such as
    （一）保持宏观政策连续性) is not a measure, unless the section is only its heading
    (（一）加强整改督查。) or its paragraphs hold none (paragraph 0). Ids come from the section's label path and
    the measure's text, so a measure keeps its id when others are added or moved.
    """
    from .measures import comparator, measure_id, split_measures
    out: list[Commitment] = []
    seen: dict[str, int] = {}
    for s, path in report.walk():
        if s.role != "plan":
            continue
        where = "".join(path)
        found = [(k + 1, m) for k, par in enumerate(s.paragraphs) for m in split_measures(par, tmpl)]
        if not found and not s.children:
            found = [(0, m) for m in split_measures(s.heading, tmpl)]
        for k, m in found:
            q = m.quantity
            out.append(Commitment(
                id=measure_id(where, m.text, seen), section_id=s.id, label_path=list(path),
                paragraph=k, start=m.start, text=m.text,
                quantity=None if q is None else PlannedQuantity(
                    value=q.value, high=q.high, unit=q.unit, comparator=comparator(q),
                    text=m.text[q.start:q.end])))
    return out


def _all_paragraphs(report: Report) -> Iterable[tuple[Section | None, str]]:
    for p in report.preamble:
        yield None, p
    for s, _ in report.walk():
        for p in s.paragraphs:
            yield s, p


def targets(report: Report, tmpl: kinds.Kind) -> list[Target]:
    """Targets from the first target sentence (`主要预期目标是：…`), one per indicator clause."""
    if not tmpl.target_cues:
        return []
    pars = [p for _, p in _all_paragraphs(report)]
    for i, par in enumerate(pars):
        m = next((m for c in tmpl.target_cues if (m := re.search(c, par))), None)
        if not m:
            continue
        rest = par[m.end():].strip() or (pars[i + 1] if i + 1 < len(pars) else "")
        rest = rest.lstrip("是：:").split("。")[0]  # the target sentence ends at its full stop
        found: list[Target] = []
        for clause in quantities.split_target_sentence(rest):
            spec = quantities.parse_target_clause(clause, tmpl.indicators)
            if spec and all(t.indicator != spec.indicator for t in found):
                found.append(Target(id=f"t{len(found) + 1}", indicator=spec.indicator, text=spec.text,
                                    comparator=spec.comparator, low=spec.low, high=spec.high, unit=spec.unit))
        if found:
            return found
    return []


def metrics(report: Report) -> list[Metric]:
    """Every counted quantity, attached to the item (or else the section, or preamble paragraph) it stands in."""
    places = [(f"p{k + 1}", [], par) for k, par in enumerate(report.preamble)]
    places += [(s.id, s.items, par) for s, _ in report.walk() for par in [s.heading, *s.paragraphs]]
    out: list[Metric] = []
    for node, items, par in places:
        for q in quantities.extract_quantities(par):
            window = par[max(0, q.start - len(q.subject)):q.end]
            node_id = next((it.id for it in items if window in it.text), node)
            out.append(Metric(id=f"m{len(out) + 1}", node_id=node_id, subject=q.subject, value=q.value,
                              unit=q.unit, qualifier=q.qualifier))
    return out


def shortcomings(report: Report, tmpl: kinds.Kind) -> list[Shortcoming]:
    texts: list[str] = []
    lists = [re.compile(c) for c in tmpl.shortcoming_list_cues]
    for s, _ in report.walk():
        if s.role != "shortcomings":
            continue
        if s.children:
            continue  # each child is listed on its own turn
        texts += _problems(s, lists) if s.paragraphs else [s.heading]
    cues = [re.compile(c) for c in tmpl.shortcoming_cues]
    for s, par in _all_paragraphs(report):
        if s is not None and s.role == "shortcomings":
            continue
        sents = textmod.sentences(par)
        k = next((i for i, x in enumerate(sents) if any(c.search(x) for c in cues)), None)
        if k is not None:
            rest = "".join(sents[k + 1:])
            items = find_items([rest], "x")
            texts += [it.text for it in items] or [x for x in sents[k + 1:] if len(x) > 4]
    skip = [re.compile(c) for c in tmpl.shortcoming_skip]
    seen: list[str] = []
    texts = [t for t in texts if not any(rx.search(t.strip()) for rx in skip)]
    for t in (p for t in texts for p in _one_problem_each(t, tmpl.shortcoming_leads)):
        t = t.strip().rstrip("。；;，,！!")
        if t and t not in seen and not any(rx.search(t) for rx in skip):
            seen.append(t)
    return [Shortcoming(id=f"p{i + 1}", text=t) for i, t in enumerate(seen)]


def _one_problem_each(text: str, leads: list[str]) -> list[str]:
    """A run of problems cut at its commas, one problem each; a clause that only introduces
    the next (`leads`) stays with it."""
    out: list[str] = []
    lead = ""
    for clause in re.split(r"(?<=[，,；;])", text):
        if any(re.search(c, clause.rstrip("，,；;")) for c in leads):
            lead += clause
            continue
        out.append(lead + clause)
        lead = ""
    if lead:
        out.append(lead)
    return out


def _problems(s: Section, lists) -> list[str]:
    """Problems in a shortcomings section: a `比如，A，B，C等` list, else items, else sentences."""
    for par in s.paragraphs:
        m = next((m for rx in lists if (m := rx.search(par))), None)
        if m:
            span = par[m.end():].split("。")[0]
            span = re.sub(r"等(方面|问题)?$", "", span)
            return [p for p in re.split(r"[，；;,]", span) if len(p.strip()) > 3]
    if s.items:
        return [it.text for it in s.items]
    return [x for p in s.paragraphs for x in textmod.sentences(p)]


def ingest_file(file: str, *, kind: str = "auto", region=None, year=None, url=None, encoding=None,
                store="reports", overwrite: bool = False, max_bytes: int = 20_000_000, templates=None):
    """Read `file`, parse it and store it with its raw source beside the YAML.

    Returns (report, yaml path, whether anything was written).
    """
    from pathlib import Path

    from .readers import read_source
    from .store import atomic_write, report_path, safe_name, save_report
    if region:
        safe_name(region, "region")
    src = read_source(file, encoding=encoding, max_bytes=max_bytes)
    ext = {"text": "txt", "html": "html", "docx": "docx", "pdf": "pdf"}[src.format]
    report = ingest_text(src.text, kind=kind, region=region, year=year, raw=src.raw, url=url or src.url,
                         title=src.title, published=src.published, where=file, templates=templates)
    path = report_path(Path(store), report.year, report.region, report.kind)
    report.source.file = f"{path.stem}.source.{ext}"
    raw_path = path.with_name(report.source.file)
    changed = save_report(report, path, overwrite=overwrite)
    if changed or not raw_path.exists():
        atomic_write(raw_path, src.raw)
    return report, path, changed
