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
from compare.text import COLONS, COMMAS, SENTENCE_END, STYLES, chars, cjk_number

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
            if start == 0 and len(pars[p]) <= 80:
                for nxt in pars[p + 1:]:
                    if any(b.search(nxt) for b in breaks):
                        break
                    parts.append(nxt)
        text = "\n".join(s.strip() for s in parts if s.strip())
        items.append(Item(id=f"{prefix}-i{k + 1}", label=label, text=text))
    return items
