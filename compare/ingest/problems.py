"""The shortcomings a report lists: the problems its shortcomings sections name, one per
problem (a list's items, or a paragraph's clauses each naming one)."""
from __future__ import annotations

import re

from compare import kinds
from compare import text as textmod
from compare.ingest.lists import all_paragraphs
from compare.ingest.outline import ITEM, find_items
from compare.schema import Report, Section, Shortcoming


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
    closers = [re.compile(c) for c in tmpl.shortcoming_closers]
    skip = [re.compile(c) for c in tmpl.shortcoming_skip]
    pars = list(all_paragraphs(report))
    for j, (s, par) in enumerate(pars):
        if s is not None and s.role == "shortcomings":
            continue
        sents = textmod.sentences(par)
        k = next((i for i, x in enumerate(sents) if any(c.search(x) for c in cues)), None)
        if k is not None:
            # a cue sentence ending in a colon opens the list (…主要表现有：一是…): its tail is the
            # first problem; one naming its problems after 如/比如 holds them all (…还有一些薄弱环节
            # 和需要解决的问题，如固定资产投资增长较猛，…。今年国民生产总值计划增长百分之八，…)
            cue = next(m for c in cues if (m := c.search(sents[k])))
            m = next((m for rx in lists if (m := rx.search(sents[k], cue.end()))), None)
            opened = (sents[k].split("：", 1)[1] if "：" in sents[k]
                      else sents[k][m.end():] if m else "")
            after = sents[k + 1:] if "：" in sents[k] or not m else []
            # a sentence referring back to the list (这些问题是可以逐步得到解决的) ends it; so does,
            # where nothing is numbered, a resolve (…但还存在不少问题。必须进一步解放思想，…: the
            # paragraph goes on with tasks, not problems)
            own = _until_closed(([opened] if opened else []) + after, closers)
            numbered = len(find_items(["".join(own)], "x"))
            said = bool(opened or sents[k + 1:])
            own = own if numbered else _until_closed(own, skip)
            listed = own + _list_after(pars, j, numbered, said, closers)
            items = find_items(["".join(listed)], "x")
            # a cue paragraph numbering nothing names its first problem itself, before the 一是…
            # paragraphs after it (还存在一些问题和困难。突出的问题是物价上涨幅度过高。…/ 一是…)
            first = [] if numbered or not items else [x for x in own if len(x) > 4]
            texts += first + [it.text for it in items] or [x for x in listed if len(x) > 4]
    seen: list[str] = []
    # a run of items may go on past its last problem (…执行力不强。对此，我们将…): each sentence
    # is kept or skipped on its own, and the words opening a list (主要是：, 主要表现在：) are no
    # part of the problem they open, wherever it stands in its sentence (…没有根本解决，主要是：…)
    opening = textmod.any_of(f"^(?:{c})" for c in tmpl.shortcoming_list_cues)
    texts = [x.strip() for t in texts for x in textmod.sentences(t)
             if not any(rx.search(x.strip()) for rx in skip)]
    for problem in (p for t in texts for p in _one_problem_each(t, tmpl.shortcoming_leads)):
        t = opening.sub("", problem.strip()).rstrip("。；;，,！!")
        if t and t not in seen and not any(rx.search(t) for rx in skip):
            seen.append(t)
    ids: dict[str, int] = {}
    return [Shortcoming(id=textmod.content_id("p", t, scope="", seen=ids), text=t) for t in seen]


def _list_after(pars: list[tuple[Section | None, str]], j: int,
                listed: int, said: bool, closers: list[re.Pattern]) -> list[str]:
    """The rest of a cue paragraph's list in the paragraphs after it, in its section: 一是…
    paragraphs numbered on from the `listed` items it holds (…困难和挑战。一是… / 二是…),
    or, when it lists none (我们也清醒地认识到，…还存在不少问题。), a run of ——… paragraphs;
    when its cue sentence closes it (`said` nothing after: 但是政府工作与人民的期望还有较大差距。),
    the next paragraph (职能转变不到位，对微观经济干预过多，…). The list ends at a sentence
    referring back to it (`closers`); the paragraph after the run goes on the list up to such a
    sentence when it has one (国务院 1995, after 一是…四是: 除物价问题外，农业和国有企业的问题也比较
    突出。… 上述这些问题已经引起我们的高度重视)."""
    out: list[str] = []
    for k, (s, par) in enumerate(pars[j + 1:]):
        m = ITEM.match(par)
        numbered = m is not None and textmod.cjk_number(m.group(1)) == listed + 1
        plain = not said and k == 0 and m is None
        sents = textmod.sentences(par.removeprefix(textmod.DASH))
        if s is not pars[j][0]:
            break
        if not (numbered or plain or (not listed and par.startswith(textmod.DASH))):
            closed = _until_closed(sents, closers)
            return out + (closed if len(closed) < len(sents) else [])
        listed += numbered
        closed = _until_closed(sents, closers)
        out += closed
        if len(closed) < len(sents):
            break
    return out


def _until_closed(sents: list[str], closers: list[re.Pattern]) -> list[str]:
    """A list's sentences up to the first referring back to it (上述这些问题…, …这些缺点…)."""
    k = next((i for i, x in enumerate(sents) if any(c.search(x.strip()) for c in closers)),
             len(sents))
    return sents[:k]


def _one_problem_each(text: str, leads: list[str]) -> list[str]:
    """A run of problems cut at its commas, one problem each; a clause that only introduces
    the next (`leads`) stays with it."""
    out: list[str] = []
    lead = ""
    for clause in re.split(f"(?<={textmod.chars(textmod.COMMAS, textmod.SEMICOLONS)})", text):
        if any(re.search(c, clause.rstrip(textmod.COMMAS + textmod.SEMICOLONS)) for c in leads):
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
            return [p for p in re.split(textmod.chars(textmod.COMMAS, textmod.SEMICOLONS), span)
                    if len(p.strip()) > 3]
    if s.items:
        return [it.text for it in s.items]
    return [x for p in s.paragraphs for x in textmod.sentences(p)]
