"""Split plan text into measures: the rows a 督查台账 lists, one checkable task each.

A row is a task a unit can be assigned and checked: an action with its object (出台…条例,
建成…平台) or a quantity with its object (新增高标准农田1亿亩). Rows follow the text's own
sentences, as a 重点工作分工 list does: one sentence is one row, and a sentence longer than
ROW_MAX characters (a district report listing six projects in one) is cut into rows at the
clauses that open a new action, never before a clause without its own subject or action (a
figure without its subject stays with its object) nor after a clause setting the scene of the
next action (在县委的坚强领导下: it goes with that action), a list it announces or a purpose
(…的主要任务是：…; …的办法，以利于…: what follows is theirs). What is no task is no row:
the sentence that heads a paragraph (提升积极的财政政策效能。), or a paragraph of one such
sentence whose next paragraph names its object, a sentence with no action or quantity
(今年是…特殊重要性的一年), one matching the kind's framing cues (重点做好以下八个方面工作,
预计…, the targets sentence, …意义, 各级政府都要…), a row of principles, aims and actions on
a quality only (坚持…, 把…作为…, 提高…水平), a judgement (…20%左右，这是…), a recall of a past
year with nothing to do (去年进口增长较多，…) and a paragraph's closing 我们要… without a
figure. A sentence naming its object only through the one before it (在这项工作中，…;
对其他企业，…) joins that sentence's row.

Inside a row, `split_parts` cuts the clauses into parts, one action or quantity each: the
objects the tracker checks one by one (a row is delivered when every part is). A clause that
opens with an action verb (after leads such as 今年, 要, 继续) or states a quantity starts a
new part once the current one has its own action or quantity, so
"企业和群众经常办理的事项，今年要基本实现“跨省通办”" stays one part while
"支持和规范发展新就业形态，加快推进职业伤害保障试点" becomes two. The cue lists (leads,
verbs, framing, principles) come from the kind template.

    >>> from compare.kinds import load_kind
    >>> kind = load_kind("gov-work-report")
    >>> plan = "稳定就业。加快推进试点，新增就业1100万人以上。坚持就业优先。"
    >>> [m.text for m in split_measures(plan, kind)]
    ['加快推进试点，新增就业1100万人以上']
    >>> [m.text for m in split_parts("加快推进试点，新增就业1100万人以上", kind)]
    ['加快推进试点', '新增就业1100万人以上']
"""
from __future__ import annotations

import re
from typing import NamedTuple

from compare.ingest.quantities import (
    QUALIFIERS,
    RATE_UNITS,
    Quantity,
    counts_listed,
    extract_quantities,
)
from compare.kinds import Kind
from compare.text import (
    COLONS,
    COMMAS,
    FULL_STOP,
    ITEM_LABEL,
    LIST_COMMA,
    MARKS,
    SENTENCE_END,
    chars,
    count_hanzi,
    is_hanzi,
)

# a ； inside brackets ends no sentence: （牵头单位：区司法局；完成时限：2020年9月底前） is the
# units and deadline of the task before it (user review ua19), not a row of its own
_SENTENCE = re.compile(
    f"(?:[（(][^（()）{FULL_STOP}]*[）)]|[^{SENTENCE_END}])+{chars(SENTENCE_END)}*")
_CLAUSE = re.compile(f"[^{COMMAS}{COLONS}]+{chars(COMMAS, COLONS)}*")
_FULL_STOP = re.compile(f"[^{FULL_STOP}{MARKS}]+{chars(FULL_STOP, MARKS)}*")   # ； ends none
_TRIM = "，,。；;：:！!？?、 "
MIN_NAME = 4    # characters before its figure a listed quantity needs to be a part of its own
COUNTED_TASK = 6  # characters after a count naming what it counts that make it a part of its own
                  # (45个老旧小区基础设施综合改造; 5个社区花园 stays an item of its list: chosen on
                  # the dev pairs of odd plan years, 2026-12-05)
# A paragraph's opening sentence of at most this many characters, without a figure and followed by
# others, heads them (提升积极的财政政策效能。加大…): the task's description, not a row of its own.
# Measured on the dev samples' labels (../shared/gold/commitments-sample-dev.yaml): every S row that
# was such a sentence had at most 20 characters; the longest heading seen in the dev plans, 22.
HEADING_MAX = 24
# A sentence longer than this is cut at its actions into rows of at least ROW_MIN characters: a
# district report lists half a dozen projects in one sentence (盐田区 2024: a quarter of its plan
# sentences exceed 90 characters; 国务院 2022: 2%). Chosen on our own uniform samples of rows
# (docs/accuracy.md).
ROW_MAX = 90
ROW_MIN = 30
_LABEL = re.compile(rf"^(?:{ITEM_LABEL}|[（(][一二三四五六七八九十\d]{{1,3}}[）)]|"
                    r"\d{1,2}[.．、])")


class MeasureSpan(NamedTuple):  # a NamedTuple: see ingest.quantities.Quantity
    start: int
    end: int
    text: str
    quantity: Quantity | None
    # a sentence read whole for one of the kind's `measure_lone_verbs` (`_row_verb`): a row of
    # its own, which no row joins and which joins none (lists.commitments), so those verbs add
    # rows without re-cutting the rows around them, whose ids a reviewer's decisions hang on
    lone: bool = False


def opens_with_action(clause: str, kind: Kind) -> bool:
    """Whether `clause` starts with an action verb, after leads such as 今年, 要, 继续."""
    return kind.cues.action.match(clause.lstrip("“‘（(")) is not None


def split_measures(paragraph: str, kind: Kind, after: str = "", *,
                   whole: bool = False) -> list[MeasureSpan]:
    """The rows of one plan paragraph, in order, each a span of `paragraph` (see the module doc).
    `after`: the paragraph that follows it in its section, which a paragraph of one
    heading-shaped sentence may head (加强生态建设和环境保护。 over the paragraph listing its
    projects); `whole`: the paragraph is all its section says (a section that is only its
    heading)."""
    framing, continues = kind.cues.framing, kind.cues.continues
    sents = [m for m in _SENTENCE.finditer(paragraph) if m.group().strip(_TRIM)]
    # a sentence to its 。 recalling past work gives no row, nor does any item of its ；-list
    # (已建成的主要有：加固…堤防近6100公里；新增公路…；…)
    past = [(m.start(), m.end()) for m in _FULL_STOP.finditer(paragraph)
            if kind.cues.past.search(m.group())]
    out: list[MeasureSpan] = []
    last = -1   # the sentence the last row ends in
    for k, s in enumerate(sents):
        text = s.group().strip(_TRIM)
        if continues.search(text) and last == k - 1 and out and not out[-1].lone:
            # no object of its own: it joins the row of the sentence before
            out[-1] = _span(paragraph, out[-1].start, s.end(),
                            _found(paragraph, out[-1].start, s.end()))
            last = k
            continue
        if k == 0 and heads(text) and (len(sents) > 1 or _introduces(text, after, kind)):
            continue
        if framing.search(text) or any(a <= s.start() < b for a, b in past):
            continue
        if k and k == len(sents) - 1 and sums_up(text, kind):
            continue
        parts = (_split(paragraph, s.start(), s.end(), kind)
                 or _row_verb(paragraph, s, kind.cues.row_action))
        lone = not parts
        parts = parts or _row_verb(paragraph, s, kind.cues.lone_action, first=True)
        rows = [(a, b) for a, b in (_rows(parts, kind) if parts else [])
                if not _states(paragraph[a:b], kind)
                and not _describes(paragraph[a:b], kind, whole)]
        if not rows:
            continue
        out.extend(_span(paragraph, a, b, _found(paragraph, a, b))._replace(lone=lone)
                   for a, b in rows)
        last = k
    return [m for m in out if len(m.text) >= kind.measure_min_chars]


def _row_verb(paragraph: str, sentence: re.Match, opens: re.Pattern, *,
              first: bool = False) -> list[MeasureSpan]:
    """A sentence with no clause opening with an action, as one part when a clause `opens` with
    one of the kind's `measure_row_verbs` (推出一批智慧城市应用场景，…; …重点项目建设，增强…承载力),
    or with `first`, when its first clause does (`measure_lone_verbs`: 切实搞好退耕还林、天然林保护
    和防沙治沙; not 因此，我们必须纠正两种错误的偏向: such a verb inside a sentence of reasoning
    sets no task): a task, read whole."""
    a, b = sentence.start(), sentence.end()
    clauses = _CLAUSE.findall(_LABEL.sub("", paragraph[a:b].strip(_TRIM)))[:1] if first \
        else _CLAUSE.findall(paragraph[a:b])
    if not any(opens.match(c.strip(_TRIM).lstrip("“‘（(")) for c in clauses):
        return []
    return [_span(paragraph, a, b, _found(paragraph, a, b))]


def unread(sentence: str, kind: Kind) -> bool:
    """Whether a plan sentence is left out of the rows for want of a verb the kind knows: none of
    its clauses opens with an action, a row verb, a principle or an aim and it frames nothing (the
    kind's `measure_framing`). Ingest names such sentences in a warning (user
    review ua19: 督促各执法部门落实…公示制度 was in no row and nothing said so), so a task whose
    verb the template lacks is never lost unseen.

    >>> from compare.kinds import load_kind
    >>> kind = load_kind("gov-work-report")
    >>> unread("诠释各执法部门的公示制度", kind), unread("坚持就业优先", kind)
    (True, False)
    """
    text = sentence.strip(_TRIM)
    if not text or kind.cues.framing.search(text):
        return False
    cues = kind.cues
    clauses = [c.strip(_TRIM).lstrip("“‘（(") for c in _CLAUSE.findall(_LABEL.sub("", text))
               if c.strip(_TRIM)]
    return not (any(p.match(c) for c in clauses
                    for p in (cues.action, cues.row_action, cues.principle, cues.aim))
                or bool(clauses) and cues.lone_action.match(clauses[0]) is not None)


def sums_up(sentence: str, kind: Kind) -> bool:
    """Whether a paragraph's closing sentence sums the paragraph up instead of setting a task: it
    opens with the kind's `measure_closing` (我们要…, 我们必须…) and has no figure
    (…。我们要与最优者对标、与最强者比拼，打造…世界三大LNG加注港之一)."""
    return kind.cues.closing.search(sentence) is not None and not extract_quantities(sentence)


def _introduces(heading: str, following: str, kind: Kind) -> bool:
    """Whether a paragraph of one heading-shaped sentence heads the paragraph after it: that one
    names its object (保护和合理利用资源。 over 依法保护和合理利用淡水、土地…资源), not only a
    generic head such as 工作 or 建设 (a short task of its own in a list of tasks names another)."""
    obj = kind.cues.opening.sub("", _LABEL.sub("", heading.strip(_TRIM)), count=1)
    generic = "".join(kind.generic_heads)
    return any(is_hanzi(b) and b not in generic and b in following
               for b in (obj[i:i + 2] for i in range(len(obj) - 1)))


def opens_section(paragraphs: list[str]) -> bool:
    """Whether a plan section's first paragraph states its aim, not a task: one sentence without a
    figure, followed by the paragraphs that hold its tasks (推进科技创新，促进产业优化升级，…
    依靠创新提高发展质量。, 主动融入和服务海洋强国战略，…加快打造“海上新盐田”。)."""
    if len(paragraphs) < 2:
        return False
    sents = [m for m in _SENTENCE.finditer(paragraphs[0]) if m.group().strip(_TRIM)]
    return len(sents) == 1 and not extract_quantities(paragraphs[0])


def heads(sentence: str) -> bool:
    """Whether a paragraph's opening sentence is the heading of the tasks after it: short, at
    most one comma, no figure (一是巩固提升国际航运枢纽港地位。,
    大兴水利，全面加强农业农村基础设施建设。)."""
    body = _LABEL.sub("", sentence.strip(_TRIM))
    return (len(body) <= HEADING_MAX and len(re.findall("[，,：:]", body)) <= 1
            and not re.search(r"\d", body) and not extract_quantities(body))


def _rows(parts: list[MeasureSpan], kind: Kind) -> list[tuple[int, int]]:
    """A sentence's parts grouped into rows: the whole sentence, or, past ROW_MAX characters,
    runs of parts of at least ROW_MIN characters each, cut where the next part would overflow
    and opens a task, not the aim of the tasks before it (打造…服务圈，让…), and never after a
    clause making the rest of the sentence its own (…的主要任务是：…; …的办法，以利于…)."""
    if parts[-1].end - parts[0].start <= ROW_MAX:
        return [(parts[0].start, parts[-1].end)]
    rows: list[tuple[int, int]] = []
    start, last = parts[0].start, parts[0]
    # where the clause making the rest of the sentence its own ends (…主要任务是：): no cut after it
    held = next((q.end for q in parts if _holds(q, kind)), parts[-1].end + 1)
    for p in parts[1:]:
        if (p.start < held and last.end - start >= ROW_MIN and p.end - start > ROW_MAX
                and parts[-1].end - p.start >= ROW_MIN and not aims(p.text, kind)):
            cut = _scene_set(last, kind)
            if cut <= start:    # the scene-setting clause is all the row has: no cut before it
                cut = last.end
            rows.append((start, cut))
            start = cut if cut < last.end else p.start
        last = p
    rows.append((start, last.end))
    return rows


def _holds(part: MeasureSpan, kind: Kind) -> bool:
    """Whether a clause of `part` makes the clauses after it its own (the kind's `measure_holds`:
    a list announced, …的主要任务是：; the aims of a method, …的办法，以利于…): the sentence is
    not cut into rows after it, none of them is cut from its subject."""
    return any(kind.cues.holds.search(c) for c in _CLAUSE.findall(part.text))


def _scene_set(part: MeasureSpan, kind: Kind) -> int:
    """Where the scene-setting clause ending `part` starts (…工作部署，在县委的坚强领导下: the
    kind's `measure_preludes`), which goes with the action after it when a row is cut there;
    else the part's end."""
    prelude = kind.cues.prelude
    clauses = [c for c in _CLAUSE.finditer(part.text) if c.group().strip(_TRIM)]
    tail = clauses[-1] if len(clauses) > 1 else None
    if tail is None or not prelude.search(tail.group().strip(_TRIM)):
        return part.end
    return part.start + tail.start()


def aims(part: str, kind: Kind) -> bool:
    """Whether a part states the aim of the tasks before it (打造畅通高效的综合交通体系, 营造…环境):
    it describes them and is checked with them, not as a task of its own."""
    return (kind.cues.aim.match(part.lstrip("“‘（(")) is not None
            and not extract_quantities(part))


def _describes(row: str, kind: Kind, whole: bool = False) -> bool:
    """Whether a row states principles, aims and qualities only, no task (坚持“引进来”与“走出去”
    相结合，全面提高对外开放水平): it has no quantity and none of its clauses opens a task. A clause
    opens a task when it opens with an action, unless that is a principle (坚持…, 把…), an aim
    (打造…) or an action on a quality (提高…水平, 强化…意识: the kind's `measure_abstract`), except
    in a section that says nothing else (`whole`: （二）提升执法水平。 is that section's task)."""
    if extract_quantities(row):
        return False
    principle, abstract = kind.cues.principle, kind.cues.abstract
    clauses = [c.strip(_TRIM).lstrip("“‘（(") for c in _CLAUSE.findall(_LABEL.sub("", row))
               if c.strip(_TRIM)]
    # the first clause opens with an action or principle we know: a verb we do not know
    # (承接…外包) may head a task
    return bool(clauses) and (principle.match(clauses[0]) is not None
                              or opens_with_action(clauses[0], kind)) and not any(
        opens_with_action(c, kind) and principle.match(c) is None
        and not (k and aims(c, kind)) and (whole or not abstract.search(c))
        for k, c in enumerate(clauses))


def _states(row: str, kind: Kind) -> bool:
    """Whether a row judges or recalls instead of setting a task: a clause opens with a statement
    (这是…, the kind's `measure_statements`) and no clause before it opens with an action (累计国债
    余额占国内生产总值比重20%左右，这是我国综合国力可以承受的), or it opens with a past year (去年…,
    近两年…: the kind's `measure_recalls`) and says nothing is to be done, no future or imperative
    cue (去年进口增长较多，出口增长相对缓慢，对外贸易出现较大逆差; a recall going on to
    …，各级政府都要继续采取…措施 is a task)."""
    statement = kind.cues.statement
    clauses = [c.strip(_TRIM) for c in _CLAUSE.findall(row) if c.strip(_TRIM)]
    if clauses and kind.cues.recall.match(clauses[0]):
        return kind.cues.future.search(row) is None
    at = next((k for k, c in enumerate(clauses) if k and statement.match(c)), None)
    return at is not None and not any(opens_with_action(c, kind) for c in clauses[:at])


def split_parts(text: str, kind: Kind) -> list[MeasureSpan]:
    """A row's parts, one action or quantity each, in order, each a span of `text`."""
    out: list[MeasureSpan] = []
    for s in _SENTENCE.finditer(text):
        out.extend(_split(text, s.start(), s.end(), kind, counts_first=True))
    return out


def _found(paragraph: str, start: int, end: int) -> list[Quantity]:
    return [q._replace(start=start + q.start, end=start + q.end)
            for q in extract_quantities(paragraph[start:end])]


def _split(paragraph: str, start: int, end: int, kind: Kind,
           counts_first: bool = False) -> list[MeasureSpan]:
    """The parts of the sentence paragraph[start:end]. `counts_first`: a count may name what it
    counts after it (实施36个老旧小区的既有建筑节能改造、45个老旧小区基础设施综合改造: one part
    each); a row's parts are cut so, its rows (`split_measures`) are not."""
    out: list[MeasureSpan] = []
    current: tuple[int, int] | None = None   # (start, end) of the open part
    complete = False                      # the open part has its action or quantity
    # figures found once per sentence, positions made relative to the paragraph
    found = _found(paragraph, start, end)
    figures = [q.start for q in found]
    named = [q.start for q in found if _names_own(paragraph, start, q.start)
             or counts_first and _names_after(paragraph, q, end)]
    # a list label (一是, 第三，) before a sentence longer than a heading hides the action that
    # makes its first part a task (一是认真实施汽车、钢铁…等重点产业调整和振兴规划。); the clauses
    # after it still join that part, and a heading's label (二是打造营商环境新高地。) stays no row
    labelled = (not heads(paragraph[start:end])
                and opens_with_action(_LABEL.sub("", paragraph[start:end].lstrip(_TRIM)), kind))
    for c in _clauses(paragraph, start, end, figures, found if counts_first else []):
        text = c.group().strip(_TRIM)
        if not text:
            continue
        # a figure opens a part when the clause names what it counts (增长18% alone continues
        # the last)
        starts = opens_with_action(text, kind) or any(c.start() <= f < c.end() for f in named)
        if current is not None and starts and complete:
            out.append(_span(paragraph, current[0], current[1], found))
            current = None
        if current is None:
            current, complete = (c.start(), c.end()), starts
        else:
            current = (current[0], c.end())
            complete = complete or starts
    if current is not None and (complete or labelled and not out):
        out.append(_span(paragraph, current[0], current[1], found))
    return [m for m in out if len(m.text) >= kind.measure_min_chars]


class _Clause(NamedTuple):  # a NamedTuple: see ingest.quantities.Quantity
    """A clause's span, with the accessors of the match it stands for."""
    begin: int
    finish: int
    paragraph: str

    def start(self) -> int:
        return self.begin

    def end(self) -> int:
        return self.finish

    def group(self) -> str:
        return self.paragraph[self.begin:self.finish]


def _clauses(paragraph: str, start: int, end: int, figures: list[int],
             counts: list[Quantity]):
    """The comma clauses of a sentence; a clause listing several quantities (社消零增长10%以上、
    旅游总收入增长20%以上) is cut at its 、 into one clause per quantity,
    each checked on its own; with `counts` (the sentence's quantities), also a list of counts
    each naming what it counts after it (36个老旧小区的…改造、45个老旧小区…改造)."""
    for c in _CLAUSE.finditer(paragraph, start, end):
        cuts = [c.start(), *(c.start() + m.end() for m in re.finditer("、", c.group())), c.end()]
        pieces = list(zip(cuts, cuts[1:], strict=False))  # consecutive cuts
        if len(pieces) > 1 and all(
                _names_its_quantity(paragraph, a, b, figures)
                or any(a <= q.start < b and _names_after(paragraph, q, b) for q in counts)
                for a, b in pieces):
            yield from (_Clause(a, b, paragraph) for a, b in pieces)
        else:
            yield _Clause(c.start(), c.end(), paragraph)


def _names_its_quantity(paragraph: str, a: int, b: int, figures: list[int]) -> bool:
    """Whether paragraph[a:b] holds a figure after words of its own (旅游总收入增长20%), not a
    bare figure of the subject before it (转移支付增加约1.5万亿元、规模近9.8万亿元)."""
    # figures in digits: 二次全会、六次全会 are meetings, not quantities
    first = next(
        (f for f in figures if a <= f < b and re.match(r"\D{0,2}\d", paragraph[f:b])), None)
    return first is not None and count_hanzi(paragraph[a:first]) >= MIN_NAME


def _names_after(paragraph: str, q: Quantity, end: int) -> bool:
    """Whether the count `q` is followed, before `end` or the next comma or 、, by COUNTED_TASK
    characters naming what it counts (45个老旧小区基础设施综合改造), the way a count names its
    object in Chinese; a figure with nothing after it (增长18%、下降5%) names nothing there."""
    if q.unit in RATE_UNITS:  # a rate is of the words before it (增长10%以上的…: a qualifier)
        return False
    after = re.split(chars(COMMAS, COLONS, LIST_COMMA), paragraph[q.end:end])[0]
    return count_hanzi(after) >= COUNTED_TASK


def _names_own(paragraph: str, start: int, figure: int) -> bool:
    """Whether the figure at `figure` follows MIN_NAME characters of its own clause
    (赤字率拟按2.8%), not a bare change (增长18%, 下降5%) that continues the figure before it."""
    clause = re.split(chars(COMMAS, COLONS, LIST_COMMA), paragraph[start:figure])[-1]
    return count_hanzi(clause, letters=True) >= MIN_NAME


def _span(paragraph: str, start: int, end: int, figures: list[Quantity]) -> MeasureSpan:
    raw = paragraph[start:end]
    lead = len(raw) - len(raw.lstrip(_TRIM))
    text = raw.strip(_TRIM)
    begin = start + lead
    inside = [q._replace(start=q.start - begin, end=q.end - begin) for q in figures
              if begin <= q.start and q.end <= begin + len(text)]
    return MeasureSpan(begin, begin + len(text), text, planned(text, inside))


def join(paragraph: str, first: MeasureSpan, second: MeasureSpan) -> MeasureSpan:
    """One row spanning two rows of `paragraph` and what stands between them."""
    return _span(paragraph, first.start, second.end, _found(paragraph, first.start, second.end))


def planned(text: str, found: list[Quantity] | None = None) -> Quantity | None:
    """The quantity a measure plans: the level it is raised or cut to (从75%提高到100%: 100%),
    else its first figure. `found`: the figures of `text`, when already extracted."""
    found = [q for q in (extract_quantities(text) if found is None else found)
             if not counts_listed(text, q)]
    return next((q for q in found if reached(text, q)), found[0] if found else None)


def reached(text: str, q: Quantity) -> bool:
    """Whether `q` is the level something is brought to (…提高到100%, …降至3%)."""
    return text[:q.start].endswith(("到", "至"))


def comparator(q: Quantity) -> str:
    """The planned quantity's comparator: its qualifier's (以上 floor, 以内 ceiling, 左右
    approx), else point."""
    if q.high is not None:
        return "range"
    return (QUALIFIERS[q.qualifier][1] if q.qualifier in QUALIFIERS
            else "floor" if q.qualifier == "多" else "point")
