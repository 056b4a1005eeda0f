"""The lists a report carries, derived from its sections: the plan's measures (commitments),
numeric targets and metrics (shortcomings: ingest.problems)."""
from __future__ import annotations

import itertools
import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

from compare import kinds
from compare import text as textmod
from compare.ingest import quantities
from compare.ingest.outline import ITEM
from compare.schema import (
    PLAN_ROLES,
    Commitment,
    Item,
    Metric,
    PlannedQuantity,
    Report,
    Section,
    Target,
)

if TYPE_CHECKING:
    from compare.ingest.measures import MeasureSpan

_CLAUSE_END = textmod.chars(textmod.CLAUSE_END)


def commitments(report: Report, tmpl: kinds.Kind) -> list[Commitment]:
    """The measures of the plan part, one row each (see `measures`), in printed order.

    Every paragraph of a plan section is split; the section's heading (a slogan such as
    （一）保持宏观政策连续性) is not a measure, unless the section is only its heading
    (（一）加强整改督查。) or its paragraphs hold none (paragraph 0). A section's measures end at a
    paragraph matching the kind's `measure_stops` (各位代表: the speech's closing parts follow). A
    row the fitted decision (compare/ingest/row_quality.py) finds no task joins a task's row of
    its paragraph as its description (`joined`). Ids
    come from the section's label path and the measure's text, so a measure keeps its id when
    others are added or moved.
    """
    from compare.ingest.measures import comparator, opens_section, split_measures
    from compare.ingest.row_quality import Place, shipped
    rows = shipped()
    out: list[Commitment] = []
    seen: dict[str, int] = {}
    read: set[str] = set()  # tasks read with the section above them
    for s, path in report.walk():
        if s.role != "plan" or s.id in read:
            continue
        # its tasks headed 一是…, 二是… on lines of their own (outline.item_sections) are read with
        # it as the paragraphs they were printed as, each row then put in its task
        tasks = [c for c in s.children if ITEM.fullmatch(c.label)]
        read.update(c.id for c in tasks)
        # (paragraph read → the section it is in, its label path, its ¶ there, its label's length)
        paragraphs = list(s.paragraphs)
        places = [(s, path, k + 1, 0) for k in range(len(s.paragraphs))]
        for c in tasks:
            # the lead sentence the task's heading is (item_sections: it ends with 。) is its ¶0
            paragraphs += [c.label + c.heading + "。", *c.paragraphs]
            places += [(c, [*path, c.label], k, len(c.label) if k == 0 else 0)
                       for k in range(len(c.paragraphs) + 1)]
        stop = next((k for k, par in enumerate(paragraphs)
                     if any(re.search(c, par) for c in tmpl.measure_stops)),
                    len(paragraphs))
        # a top-level section with numbered tasks below it frames them in its own paragraphs
        # (今年政府工作的总体要求是…, 要…推动高质量发展, 重点做好以下八个方面工作): they hold no
        # measure; a task section opening with its aim in one sentence (推进科技创新，…依靠创新
        # 提高发展质量。): that one
        numbered = bool(s.children) and not tasks
        first = (stop if numbered and s.level == 1
                 else 1 if opens_section(paragraphs[:stop]) else 0)
        pars = paragraphs[:stop]
        found = [(k + 1, m) for k, par in enumerate(pars) if k >= first
                 for m in split_measures(par, tmpl, "".join(pars[k + 1:k + 2]))]
        if not found and not numbered:
            found = [(0, m) for m in split_measures(s.heading, tmpl, whole=True)]
        # a sentence read whole for one of the kind's `measure_lone_verbs` is a row of its own,
        # outside the decision: the rows around it are cut as if it were none (MeasureSpan.lone)
        lone = [(k, m) for k, m in found if m.lone]
        found = [(k, m) for k, m in found if not m.lone]
        if rows is not None:
            # what the cues keep, the fitted decision may still find no task (a slogan, a
            # principle, reasoning): it joins a task's row of its paragraph as its description
            # (a row that could join none stays one whatever it is: it is not weighed)
            found = joined(found, [may_join(found, i) and rows.no_task(
                m.text, Place(pars[k - 1] if k else s.heading, m.start, m.end, k, len(path),
                              s.heading, report.plan_year), tmpl)
                for i, (k, m) in enumerate(found)], [s.heading, *pars])
        # … unless a row joined over it holds its text already (a slogan joined to the task after
        # it takes the sentences between: 1997's 切实关心和推进少年儿童文化艺术活动的开展)
        lone = [(k, m) for k, m in lone
                if not any(j == k and a.start < m.end and m.start < a.end for j, a in found)]
        found = sorted(found + lone, key=lambda r: (r[0], r[1].start)) if lone else found
        for k, m in found:
            q = m.quantity
            task, task_path, paragraph, shift = places[k - 1] if k else (s, path, 0, 0)
            out.append(Commitment(
                id=textmod.content_id("m", m.text, scope="".join(task_path), seen=seen),
                section_id=task.id, label_path=list(task_path), paragraph=paragraph,
                start=max(m.start - shift, 0), text=m.text,
                quantity=None if q is None else PlannedQuantity(
                    value=q.value, high=q.high, unit=q.unit, comparator=comparator(q),
                    text=quantities.printed(m.text, q))))
    return out


def left_out(report: Report, tmpl: kinds.Kind) -> list[str]:
    """The plan sentences in no row for want of a verb the kind knows (`measures.unread`): ingest
    names them in a warning, so a task the template cannot read is never lost unseen (user review
    ua19: 督促各执法部门落实行政执法公示制度 gave no row and no word). A target's sentence
    (粮食产量保持在1.3万亿斤以上) is listed with the targets, not left out."""
    from compare.ingest.measures import _SENTENCE, _TRIM, heads, unread
    rows = [c.text for c in report.commitments] + [t.text for t in report.targets]
    out = []
    for s, _ in report.walk():
        for par in s.paragraphs if s.role in PLAN_ROLES else []:
            sents = [t for m in _SENTENCE.finditer(par) if (t := m.group().strip(_TRIM))]
            # a paragraph's heading sentence heads its tasks (split_measures): left out by that rule
            out += [t for k, t in enumerate(sents)
                    if not (k == 0 and len(sents) > 1 and heads(t)) and unread(t, tmpl)
                    and not any(t in row or row in t for row in rows)]
    return out


# A row no longer than this takes a neighbour found no task (bench/accuracy.py reads a row of more
# as several tasks, not a sampled quote's): past it, both stay rows. Chosen leave-one-pair-out on
# the dev samples with the fit's R_LOSS (docs/accuracy.md, 2026-12-04): 90 leaves more slogans
# rows, no cap loses real tasks inside rows of 200–450 characters.
JOIN_MAX = 150


def may_join(found: list[tuple[int, MeasureSpan]], i: int) -> bool:
    """Whether row `i` could join a neighbour (`joined`): the span from the row before it in its
    paragraph, or to the row after it, is at most JOIN_MAX characters. A row that could join none
    is a row whatever it is, so ingest does not weigh it (the decision costs a quarter of its
    time)."""
    k, m = found[i]
    before = found[i - 1] if i else None
    after = found[i + 1] if i + 1 < len(found) else None
    return ((before is not None and before[0] == k and m.end - before[1].start <= JOIN_MAX)
            or (after is not None and after[0] == k and after[1].end - m.start <= JOIN_MAX))


def joined(found: list[tuple[int, MeasureSpan]], no_task: list[bool],
           paragraphs: list[str]) -> list[tuple[int, MeasureSpan]]:
    """The rows of a section with each row found no task (`no_task`) joined to a task's row of its
    paragraph (`paragraphs`: the section's heading, then its paragraphs) as its description: to
    the row after it when it opens the paragraph's rows (a principle heading the tasks after it),
    else to the row before it (a fragment, a figure without its subject); the text between goes
    with it. Nothing is left out: a row that has no
    task in its paragraph to join, or would make it longer than JOIN_MAX, stays a row (a real
    task the decision misjudges is still listed)."""
    from compare.ingest.measures import join
    out: list[tuple[int, MeasureSpan]] = []
    waiting: list[tuple[int, MeasureSpan]] = []     # leading rows of no task, to head the next
    for (k, m), none in zip(found, no_task, strict=True):
        if waiting and waiting[0][0] != k:
            out.extend(waiting)     # their paragraph has no task to join: rows still
            waiting = []
        if none:
            if out and out[-1][0] == k:
                j = join(paragraphs[k], out[-1][1], m)
                out[-1:] = [(k, j)] if len(j.text) <= JOIN_MAX else [out[-1], (k, m)]
            else:
                waiting.append((k, m))
            continue
        if waiting:
            j = join(paragraphs[k], waiting[0][1], m)
            if len(j.text) <= JOIN_MAX:
                m = j
            else:
                out.extend(waiting)
        waiting = []
        out.append((k, m))
    return out + waiting


def all_paragraphs(report: Report) -> Iterable[tuple[Section | None, str]]:
    for p in report.preamble:
        yield None, p
    for s, _ in report.walk():
        for p in s.paragraphs:
            yield s, p


def targets(report: Report, tmpl: kinds.Kind) -> list[Target]:
    """Targets from the first target sentence (`主要预期目标是：…`), one per indicator clause, then
    the figures the plan part sets elsewhere for indicators tracked anywhere (赤字率, 专项债券)."""
    if not tmpl.target_cues:
        return []
    return identified(_found_targets(report, tmpl))


def identified(found: list[Target]) -> list[Target]:
    """Each target with its id from its content, as a measure's (textmod.content_id): its
    indicator and unit, with the occurrence number of that pair, never its position; a reviewer's
    decision hangs on it (ua22b F1: swapping two targets of a 更正版 moved a review). A corrected
    figure keeps the id (same indicator): the review's recorded text tells the change
    (store.reviews.reattach_rows says it)."""
    seen: dict[str, int] = {}
    return [t.model_copy(update={"id": textmod.content_id("t", f"{t.indicator}|{t.unit}", scope="",
                                                          seen=seen)})
            for t in found]


def _found_targets(report: Report, tmpl: kinds.Kind) -> list[Target]:
    found = _target_sentence(report, tmpl)
    if found:
        found += _labelled_later(report, tmpl, found)
    else:
        found = _plan_figures(report, tmpl)
    anywhere = [i for i in tmpl.indicators if i.anywhere]
    multi = [re.compile(c) for c in tmpl.multi_year_cues]
    plan = [p for s, _ in report.walk() if s.role in PLAN_ROLES for p in s.paragraphs]
    named = re.compile("|".join(re.escape(w) for i in anywhere for w in i.words))
    for par in plan if anywhere else []:
        for clause in re.split(textmod.chars(textmod.COMMAS, textmod.SEMICOLONS,
                                             textmod.FULL_STOP), par) if named.search(par) else []:
            spec = quantities.parse_target_clause(clause, anywhere)
            if spec and not any(c.search(clause) for c in multi) \
                    and all(t.indicator != spec.indicator for t in found):
                found.append(_target(spec, spec.text))
    return found


def _target(spec: quantities.TargetSpec, text: str) -> Target:
    # the id is given once all are found (identified)
    return Target(id="", indicator=spec.indicator, text=text, comparator=spec.comparator,
                  low=spec.low, high=spec.high, unit=spec.unit, change=spec.change)


def _target_sentence(report: Report, tmpl: kinds.Kind) -> list[Target]:
    pars = [p for _, p in all_paragraphs(report)]
    multi_year = [re.compile(c) for c in tmpl.multi_year_openers]
    # each cue a paragraph holds in turn: one sets no figure (今年计划安排的信贷规模和货币投放量，…)
    # where another sets the year's (今年国民生产总值计划增长百分之八: 国务院 1993)
    for i, par, m in ((i, par, m) for i, par in enumerate(pars) for c in tmpl.target_cues
                      if (m := re.search(c, par))):
        # the goals of a five-year plan (“十五五”时期…主要目标是) are not this year's targets
        if any(c.search(re.split(r"[。；]", par[:m.start()])[-1]) for c in multi_year):
            continue
        rest = par[m.end():].strip().lstrip("是：:") or _listed_after(pars[i + 1:], _named(tmpl))
        rest = _target_sentences(rest, tmpl)
        found: list[Target] = []
        # a clause setting several targets (能耗、水耗分别下降4.3%、2.5%) is each one's text
        qualitative: list[str] = []
        clauses = _led(quantities.split_target_sentence(rest), par, m, tmpl)
        previous: tuple[str, str] | None = None  # the last clause's indicator and text
        aside = False  # in the clauses that explain the target before them (target_asides)
        for printed in clauses:
            specs = [quantities.parse_target_clause(c, tmpl.indicators)
                     for c in quantities.respectively(printed)]
            if not any(specs) and previous and (q := quantities.extract_quantities(printed)) \
                    and _NAMELESS_FIGURE.fullmatch(printed[:q[0].start]):
                # 地区生产总值达到240亿元，同比增长21% / 增长20%，达到282亿元: a figure
                # without a name is the last named indicator's, in another unit
                specs = [quantities.parse_target_clause(previous[0] + printed, tmpl.indicators)]
                printed = f"{previous[1]}，{printed}"
            for spec in specs:
                if spec and all((t.indicator, t.unit) != (spec.indicator, spec.unit)
                                for t in found):
                    found.append(_target(spec, printed))
            named = [spec for spec in specs if spec]
            previous = (named[-1].indicator, printed) if len(named) == 1 else None
            rider = any(re.search(c, printed) for c in tmpl.target_riders)
            aside = not any(specs) and (aside or any(re.search(c, printed)
                                                     for c in tmpl.target_asides))
            if not any(specs) and not re.search(r"\d", printed) \
                    and not quantities.extract_quantities(printed) \
                    and len(printed) >= QUALITATIVE_MIN and not rider and not aside:
                qualitative.append(printed)
        if found:
            for clause in qualitative:
                relation = next((r.name for r in tmpl.relations if re.search(r.cue, clause)), None)
                found.append(Target(id="", indicator=relation or clause,
                                    text=clause, comparator="qualitative"))
            return found
    return []


def _led(clauses: list[str], text: str, m: re.Match, tmpl: kinds.Kind) -> list[str]:
    """The clauses after a target cue, the first led by the clause's words before the cue where
    the indicator is named there (经济增长预期目标为7%左右; 今年全社会固定资产投资调控目标为
    ２５３００亿元: 国务院 1997)."""
    lead = re.split(_CLAUSE_END, text[:m.start()])[-1]
    if clauses and lead and not quantities.parse_target_clause(clauses[0], tmpl.indicators):
        clauses = [lead + m.group() + clauses[0], *clauses[1:]]
    return clauses


def _labelled_later(report: Report, tmpl: kinds.Kind, found: list[Target]) -> list[Target]:
    """The figures a later sentence of the plan part sets under a target cue of its own, for
    indicators the target sentence leaves out (千方百计增加就业是政府的重要职责。今年的预期目标是，
    新增城镇就业900万人，…: 国务院 2004, whose target sentence sets growth alone). Figures only: the
    clauses around such a sentence explain or pursue it."""
    first = found[0].text
    plan = [p for s, _ in report.walk() if s.role in PLAN_ROLES for p in s.paragraphs]
    this_year = re.compile("|".join(c.replace("{year}", f"(?<!\\d){report.plan_year}")
                                    for c in tmpl.plan_year_words) or "(?!)")
    out: list[Target] = []
    for par in plan:
        for sentence in par.split("。"):
            m = next((m for c in tmpl.target_cues if (m := re.search(c, sentence))), None)
            # labelled as this year's (今年的预期目标是), not a five-year plan's (“十二五”时期的主要
            # 目标是, 今后五年，我国经济增长预期目标是…年均增长7%)
            if not m or first in sentence \
                    or not this_year.search(textmod.arabic_years(
                        re.split(_CLAUSE_END, sentence[:m.start()])[-1])):
                continue
            for printed in _led(quantities.split_target_sentence(sentence[m.end():]), sentence, m,
                                tmpl):
                for spec in map(lambda c: quantities.parse_target_clause(c, tmpl.indicators),
                                quantities.respectively(printed)):
                    if spec and all(t.indicator != spec.indicator for t in found + out):
                        out.append(_target(spec, printed))
    return out


def _plan_figures(report: Report, tmpl: kinds.Kind) -> list[Target]:
    """The year's figures a report with no target sentence sets through its plan part, as the
    reports before the 1990s do (1956年工业生产总值比1955年将增长19.7%; 一九五八年的工业总产值，拟定
    为六百四十三亿七千万元（…），比一九五七年预计数增加八十一亿九千万元，增长百分之十四点六: 国务院
    1956, 1958). In a plan paragraph holding one of `plan_figure_cues`, a sentence naming the plan
    year, or following one that names it alone, sets the figures of the indicators it names, each
    indicator's first figure in each unit (a level and a rate); a clause naming another year (a
    five-year plan's 1957), a base other than the year before (农业总产值比1952年将增长26%) or a
    multi-year or share cue (占本年收入的33.53%) sets none. A clause naming no indicator sets the
    figure of the one named before it in its sentence (粮食产量将要达到3，989亿斤，比1955年增长
    8.4%), unless it is the increment (比上一年增加二百二十亿斤)."""
    if not tmpl.plan_figure_cues:
        return []
    year = report.plan_year
    cue = re.compile("|".join(tmpl.plan_figure_cues))
    stops = [re.compile(c) for c in tmpl.multi_year_cues + tmpl.share_cues]
    found: list[Target] = []
    for par in (p for s, _ in report.walk() if s.role in PLAN_ROLES for p in s.paragraphs):
        if not cue.search(par):
            continue
        alone = False  # the last sentence naming a year named the plan year alone
        for sentence in par.split(textmod.FULL_STOP):
            named = _years(sentence)[0]
            alone = named == {year} if named else alone
            # a period (一九五五年到一九五七年，…粮食产量要增长百分之十三点七: 国务院 1955's
            # five-year plan) is no year's
            if (alone or year in named) and not _SPAN.search(textmod.arabic_years(sentence)):
                for spec, printed in (f for part in re.split(textmod.chars(textmod.SEMICOLONS),
                                                             _GROUPED.sub("", sentence))
                                      for f in _figures_set(part, year, stops, tmpl)):
                    if all((t.indicator, t.unit) != (spec.indicator, spec.unit) for t in found):
                        found.append(_target(spec, printed))
    return found


def _figures_set(sentence: str, year: int, stops: list[re.Pattern], tmpl: kinds.Kind
                 ) -> Iterable[tuple[quantities.TargetSpec, str]]:
    """The figures a sentence of the plan year sets, up to a semicolon (`_plan_figures`), each
    with the clauses that print it from its indicator's name on."""
    name: str | None = None  # the indicator the clauses since `since` speak of
    since: list[str] = []
    for clause in (c for printed in quantities.split_target_sentence(sentence)
                   for c in quantities.respectively(printed)):
        named, bases = _years(clause)
        if bases - {year - 1}:
            # compared with another year (以1957年的计划数字同1952年的实际数字作比较，…增长
            # 一点二倍) or another plan's (比五年计划原定1957年3，856亿斤的水平): the rest too
            return
        if named - {year} or any(c.search(clause) for c in stops):
            name, since = None, []
            continue
        if spec := quantities.parse_target_clause(clause, tmpl.indicators):
            name, since = spec.indicator, [clause]
            yield spec, clause
            continue
        if found := quantities.find_indicator(clause, tmpl.indicators):
            # named without a figure (一九五八年的基本建设总投资额，拟定为…): the next clause's
            name, since = found[0].name, [clause]
            continue
        q = quantities.extract_quantities(clause)
        if name is not None and not q:
            # a scope between the name and its figure (一九五九年基本建设投资总额，通过国家预算的
            # 部分，拟定为二百七十亿元)
            since.append(clause)
            continue
        if name is None or not q or q[0].start > NAMELESS_LEAD:
            name, since = None, []
            continue
        since.append(clause)
        spec = quantities.parse_target_clause(name + clause, tmpl.indicators)
        if spec and (spec.unit in quantities.RATE_UNITS
                     or quantities.change_of(clause[:q[0].start]) is None):
            yield spec, "，".join(since)


# the most characters a clause naming no indicator may print before its figure and still set the
# figure of the indicator named before it (它虽然比1956年减少百分之二十; 比一九五七年的预计数
# 增加了…)
NAMELESS_LEAD = 16
# a thousands separator as the 1950s print it (3，989亿斤, 29，731，732，000元): one number
_GROUPED = re.compile(r"(?<=\d)[，,](?=\d{3}(?!\d))")
# a year named by a clause (1956年, 一九五八年, 一九五八粮食: four CJK digits are a year), and
# whether as the base of a change (比1955年, 同1955年国家决算比较) or another plan's year (五年计划
# 原定1957年…的水平); what a bracket says (按一九五七年不变价格计算) names none
_NAMED_YEAR = re.compile(r"(?P<base>[比较同]|原定的?)?(?:(?<!\d)(?P<year>(?:19|20)\d\d)(?=年)"
                         r"|(?P<cjk>[〇○零一二三四五六七八九]{4}))")
_SPAN = re.compile(r"\d{4}年?(?:到|至|—|－|-)\d{4}年")
_BRACKETED = re.compile(r"[（(][^）)]*[）)]")


def _years(text: str) -> tuple[set[int], set[int]]:
    """The years `text` names outside brackets: (those it speaks of, those it compares with)."""
    named: set[int] = set()
    bases: set[int] = set()
    for m in _NAMED_YEAR.finditer(_BRACKETED.sub("", text)):
        value = int(m["year"] or textmod.arabic_years(m["cjk"] + "年")[:-1])
        (bases if m["base"] else named).add(value)
    return named, bases


# the most characters a clause continuing the targets may print before the indicator it opens
# with: a scope (城乡…, 全省…), as a qualitative target's subject (engine.judge.SUBJECT_LEAD)
SUBJECT_LEAD = 2
QUALITATIVE_MIN = 6  # characters a clause without a figure needs to be listed as a target
# what may stand before the figure of a clause that names no indicator (同比增长21%, 达到282亿元)
_NAMELESS_FIGURE = re.compile(r"(?:同比|比上年|较上年|可比)?(?:增长|提高|增加|上升|下降|降低|减少|"
                              r"达到|达|完成|实现|突破|超过|为|控制在|保持在)?")


def _target_sentences(rest: str, tmpl: kinds.Kind) -> str:
    """The target sentence up to its full stop, and the sentences right after it that go on setting
    indicators: their first clause names one, or a clause opens with one after at most a scope
    (`SUBJECT_LEAD`) (…增长3.5%左右。固定资产投资扭转下滑态势，实现正增长。城乡…分别增长7%和
    8%左右。; 同时，…，城乡居民收入实际增长和经济增长保持同步。). A sentence naming one further in
    explains the targets or how they are pursued (这里要着重说明，提出8%左右的国内生产总值增长目标，
    …; 关键要注重调整和优化结构，着力提高经济增长质量和效益: 国务院 2009, 2003)."""
    first, *more = rest.split("。")
    named = _named(tmpl)
    held = None  # a sentence without a figure between two that set targets

    def sets(sentence: str) -> bool:
        clauses = re.split(_CLAUSE_END, sentence)
        return bool(named.search(clauses[0])) \
            or any((m := named.search(c)) and m.start() <= SUBJECT_LEAD for c in clauses)
    for sentence in more:
        if not sets(sentence):
            # one sentence without a figure says how a target is pursued and the targets go on
            # after it (…全社会固定资产投资增长百分之八。投资要符合产业政策，避免盲目发展和重复
            # 建设。社会商品零售总额增长百分之十二点三，…: 国务院 1992): it is left out, the next
            # kept
            if held is None and not quantities.extract_quantities(sentence):
                held = sentence
                continue
            break
        if held is not None and not quantities.extract_quantities(sentence):
            break
        held = None
        first += "。" + sentence
    return first


def _named(tmpl: kinds.Kind) -> re.Pattern:
    """Any word naming one of the kind's indicators."""
    return re.compile(
        "|".join(re.escape(w) for i in tmpl.indicators for w in i.words if w) or "(?!)")


LISTED = 15  # paragraphs a target list printed one clause a line may run over


def _listed_after(pars: list[str], named: re.Pattern) -> str:
    """A target sentence printed one clause a paragraph after its cue, up to its full stop; or
    printed as a table (指标 | 预期目标), its rows up to the table's end, each row a clause (its
    cells read as one: 地区生产总值 | 增长8%以上), a first row naming no indicator its header
    (指标 | 2022年预期目标)."""
    rows = list(itertools.takewhile(lambda par: textmod.CELL in par, pars))
    if rows:
        if not named.search(rows[0]):
            rows = rows[1:]
        return "；".join(row.replace(textmod.CELL, "") for row in rows)
    taken: list[str] = []
    for par in pars[:LISTED]:
        taken.append(par.rstrip(textmod.SEMICOLONS + textmod.COMMAS))
        if par.endswith("。"):
            break
    return "；".join(taken)


def metrics(report: Report) -> list[Metric]:
    """Every counted quantity, attached to the item (or else the section, or preamble
    paragraph) it stands in."""
    places: list[tuple[str, list[Item], str]] = [(f"p{k + 1}", [], par)
                                                 for k, par in enumerate(report.preamble)]
    places += [(s.id, s.items, par) for s, _ in report.walk() for par in [s.heading, *s.paragraphs]]
    out: list[Metric] = []
    for node, items, par in places:
        for q in quantities.extract_quantities(par):
            window = par[max(0, q.start - len(q.subject)):q.end]
            node_id = next((it.id for it in items if window in it.text), node)
            out.append(Metric(id=f"m{len(out) + 1}", node_id=node_id, subject=q.subject,
                              value=q.value, unit=q.unit, qualifier=q.qualifier))
    return out
