"""Paragraphs → a tree of numbered sections with their `一是…二是…` items.

Labels are recognised by their printed style (一、 （一） 1. （1）) and accepted
only when they continue a numbering sequence, so a stray `3.` inside a
sentence never becomes a heading. Roles are not assigned here (see ingest).
"""
from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from compare.schema import Item, Section
from compare.text import COLONS, COMMAS, SENTENCE_END, STYLES, chars, cjk_number, sentences

# 一是 … 十是, at a paragraph start or after punctuation (so 统一是 is not an item).
_AFTER = chars(SENTENCE_END, COMMAS, COLONS, r"\s")
ITEM = re.compile(rf"(?:^|(?<={_AFTER}))([一二三四五六七八九十]{{1,3}})是")


def _number(s: str) -> int | None:
    """The value of a label's numeral; None for a malformed one (九九十), which is no label."""
    return int(s) if s.isdigit() else cjk_number(s)


def _match_label(par: str):
    for style, rx in STYLES:
        m = rx.match(par)
        if m and (n := _number(m.group(1))) is not None:
            return style, n, par[: m.end()].strip(), par[m.end():]
    return None


def _split_heading(body: str) -> tuple[str, str]:
    """A heading ends at the first 。 of its paragraph; the rest is body text."""
    cut = body.find("。")
    if cut == -1 or cut == len(body) - 1:
        return body.rstrip("。"), ""
    return body[:cut], body[cut + 1:].strip()


@dataclass
class _Open:
    style: str
    number: int
    node: dict = field(default_factory=dict)


def parse_outline(pars: list[str], item_breaks: Sequence[str] = (),
                  bare_heading: Callable[[str], bool] = lambda par: False
                  ) -> tuple[list[str], list[Section]]:
    """Return (preamble paragraphs, top-level sections).

    A paragraph for which `bare_heading` is true opens a top-level section without a label
    (2019年工作回顾 on its own line): （一） sections after it nest in it, 一、 sections stand
    beside it, and a top-level numbering it interrupted goes on — unless that numbering begins
    again at 一、 under it: then it is the bare heading's own list (关于外交工作 / 一、…三、)."""
    preamble: list[str] = []
    roots: list[dict] = []
    stack: list[_Open] = []
    for par in pars:
        label = _match_label(par)
        placed = label and _place(label, stack, roots)
        if placed:
            continue
        if not label and bare_heading(par):
            node = {"label": "", "heading": par, "paragraphs": [], "children": []}
            roots.append(node)
            # the interrupted top-level numbering stays open below the bare section
            top = next((o for o in stack if o.style != _BARE), None)
            stack[:] = ([_Open(top.style, top.number, {"children": roots})] if top else []) \
                + [_Open(_BARE, 0, node)]
            continue
        (stack[-1].node["paragraphs"] if stack else preamble).append(par)
    breaks = [re.compile(b) for b in item_breaks]
    return preamble, [_build(n, str(i + 1), breaks) for i, n in enumerate(roots)]


_BARE = "bare"


def _place(label, stack: list[_Open], roots: list[dict]) -> bool:
    style, number, printed, body = label
    depth = next((i for i in range(len(stack) - 1, -1, -1) if stack[i].style == style), None)
    if (depth is not None and number == 1 and stack[-1].style == _BARE
            and style == STYLES[0][0]):
        # a numbering begun again right under a bare heading (关于外交工作 / 一、…三、 after
        # the domestic part's 一、…五、) is that heading's own list: it nests in it
        stack[-1].node["children"].append(node := _node(printed, body))
        stack.append(_Open(style, number, node))
        return True
    # a list nested in a bare heading (below) goes on in it
    in_bare = depth is not None and any(o.style == _BARE for o in stack[:depth])
    if depth is not None and number in (stack[depth].number + 1, 1):
        del stack[depth:]
    elif depth is None and number == 1:
        pass
    else:
        return False  # breaks the sequence: an ordinary paragraph that starts with a number
    node = _node(printed, body)
    if style == STYLES[0][0] and any(o.style == _BARE for o in stack) and not in_bare:
        # 一、 is top-level numbering: after a bare heading it stands beside it; （一） nests in it
        del stack[:]
    (stack[-1].node["children"] if stack else roots).append(node)
    stack.append(_Open(style, number, node))
    return True


def _node(printed: str, body: str) -> dict:
    heading, rest = _split_heading(body)
    return {"label": printed, "heading": heading, "paragraphs": [rest] if rest else [],
            "children": []}


def _build(node: dict, sid: str, breaks) -> Section:
    return Section(
        id=f"s{sid}",
        label=node["label"],
        level=sid.count(".") + 1,
        heading=node["heading"],
        paragraphs=node["paragraphs"],
        items=find_items(node["paragraphs"], f"s{sid}", breaks),
        children=[_build(c, f"{sid}.{i + 1}", breaks) for i, c in enumerate(node["children"])],
    )


# An item opening its paragraph as a lead sentence of at most this many characters heads the
# paragraphs after it (find_items: the last item runs over them; item_sections: a run of them
# becomes sub-sections). find_items' bound, kept for item_sections: over the corpus (2026-12-04)
# one-sentence item paragraphs with paragraphs of their own after them run to 49 characters (国务院
# 2000's 一是发行1000亿元长期国债，…), those that are a task or a finding themselves to 132 (1995);
# item_sections' other tests (every lead of the run with paragraphs after it) tell them apart.
LEAD_MAX = 80


def _lead(par: str) -> bool:
    """Whether a paragraph opening with an item is only its lead: one short sentence, ended."""
    return len(par) <= LEAD_MAX and len(sentences(par)) == 1 and par.endswith("。")


def item_sections(section: Section, breaks: Sequence[str] = ()) -> Section:
    """`section` with its run of lead items as sub-sections: its paragraphs past its lead opening
    with 一是, 二是, … in turn, each item one sentence with paragraphs of its own after it (盐田区
    2021's 2021年主要工作任务: 一是坚定不移实施产业兴盐，加快推动产业结构优化升级。 / 以深化
    供给侧结构性改革为主线，…). An item's sub-section holds the paragraphs up to the next item, the
    last one's up to the section's end; the paragraphs before the run stay the section's own.

    Returned as it is: a section with sub-sections; one whose item paragraphs are not all such
    leads (a list of tasks one paragraph each, 一是…。…; a lead without paragraphs); one where a
    lead without a label follows the last item's first paragraph before a break (各位代表), the
    items being one sub-heading's (国务院 2000's 八、: 进一步加强廉政建设和反腐败斗争。 /
    一是…三是 / 厉行勤俭节约，反对奢侈浪费。), not the section's tasks; and one going on past a
    break (国务院 2000's 七、: 三是… / 各位代表！ / 维护社会稳定和国家安全…), which the last task
    would take in.
    A break ending the section (盐田区 2021's closing 各位代表，奋斗创造历史…) holds no measure
    (the kind's measure_stops)."""
    pars = section.paragraphs
    runs = [(k, m) for k, par in enumerate(pars) if (m := ITEM.match(par))]
    starts = [k for k, _ in runs]
    rx = [re.compile(b) for b in breaks]
    if (section.children or len(runs) < 2
            or [_number(m.group(1)) for _, m in runs] != list(range(1, len(runs) + 1))
            or any(not _lead(pars[k]) or k + 1 in starts or k + 1 == len(pars) for k in starts)):
        return section
    last = starts[-1] + 1
    end = next((k for k in range(last, len(pars)) if any(b.search(pars[k]) for b in rx)),
               len(pars))
    # (the paragraph right after an item's lead may be one sentence too: its aim, 面对新形势…)
    if any(_lead(par) for par in pars[last + 1:end]) or end < len(pars) - 1:
        return section
    children = []
    for n, ((k, m), upto) in enumerate(zip(runs, [*starts[1:], len(pars)], strict=True)):
        heading, rest = _split_heading(pars[k][m.end():])
        sid = f"{section.id}.{n + 1}"
        own = ([rest] if rest else []) + pars[k + 1:upto]
        children.append(Section(id=sid, label=m.group(0), level=section.level + 1,
                                heading=heading, paragraphs=own, items=find_items(own, sid, rx)))
    lead = pars[:starts[0]]
    return section.model_copy(update={"paragraphs": lead, "children": children,
                                      "items": find_items(lead, section.id, rx)})


def find_items(pars: list[str], prefix: str, breaks=()) -> list[Item]:
    """`一是…二是…` runs, inline or at paragraph starts, as items.

    An item runs to the next item of its run; the last one to the end of its
    paragraph, or, when it opened its paragraph as a short lead sentence, over
    the following paragraphs up to a break (e.g. `各位代表`).
    """
    marks: list[tuple[int, int, int, str]] = []  # (paragraph, start, body start, label)
    expected = 1
    for p, par in enumerate(pars):
        for m in ITEM.finditer(par):
            n = _number(m.group(1))
            if n is not None and (n == expected or (n == 1 and marks)):
                marks.append((p, m.start(), m.end(), m.group(0)))
                expected = n + 1
    items = []
    for k, (p, start, body, label) in enumerate(marks):
        if k + 1 < len(marks):
            np_, nstart, _, _ = marks[k + 1]
            parts = [pars[p][body:]] if np_ > p else [pars[p][body:nstart]]
            parts += pars[p + 1:np_]
            if np_ > p and nstart:
                parts.append(pars[np_][:nstart])
        else:
            parts = [pars[p][body:]]
            if start == 0 and len(pars[p]) <= LEAD_MAX:
                for nxt in pars[p + 1:]:
                    if any(b.search(nxt) for b in breaks):
                        break
                    parts.append(nxt)
        text = "\n".join(s.strip() for s in parts if s.strip())
        items.append(Item(id=f"{prefix}-i{k + 1}", label=label, text=text))
    return items
