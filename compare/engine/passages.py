"""Cut a report into citable passages: items where a section has them, else paragraphs;
and those passages into sentences, the unit a measure's evidence is cited in. Retrieval over
them: a pool of passages ranked against queries (`rank`), cited as evidence (`cite`), or each
query's closest passage in one call (`closest`: what N+1's plan carries on).

A passage has a stable node id and the printed label path a reader follows to find
it (`["一、", "三是"]`, `["一、", "¶5"]`); `location` turns that path into the words
a reviewer reads ("2022年报告 一、（三）第2段").
"""
from __future__ import annotations

import contextlib
import contextvars
import functools
import re
from collections.abc import Callable, Collection, Iterator, Sequence
from typing import NamedTuple

from compare.engine.scorers import DEFAULT, best_first, bigram_terms, tfidf_matrix
from compare.ingest.measures import heads
from compare.kinds import Kind
from compare.schema import REVIEW_ROLES, Evidence, Report
from compare.text import CLAUSE_END, arabic_years, chars, sentences


class Passage(NamedTuple):  # a NamedTuple: see ingest.quantities.Quantity
    node_id: str
    label_path: tuple[str, ...]
    text: str
    role: str
    section_id: str


# What one comparison reads of a report more than once: its year sentences (the tracker, the
# metrics, the targets: four reads of two reports) and its review's sentences (the tracker, the
# shortcomings), ≈ 1.4% of a `yoy compare`'s instructions when read again. Kept while
# `one_comparison` is open, by the identity of the report and the kind (held here with what was
# read, so that no other object takes their id), and dropped when it closes: nothing changes a
# report during a comparison, and nothing is kept beyond one. A context variable, so that
# comparisons in other threads keep theirs apart.
_READ: contextvars.ContextVar[dict[tuple, tuple] | None] = contextvars.ContextVar("_READ",
                                                                                 default=None)


@contextlib.contextmanager
def one_comparison() -> Iterator[None]:
    """While inside, `year_sentences` and `sentence_passages` read each report once."""
    token = _READ.set({})
    try:
        yield
    finally:
        _READ.reset(token)


def _read_once(key: tuple, held: tuple, read: Callable[[], list]) -> list:
    """`read()`, or what it gave for `key` earlier in this comparison (`held`: the objects whose
    identity `key` holds)."""
    kept = _READ.get()
    if kept is None:
        return read()
    if key not in kept:
        kept[key] = (held, read())
    return kept[key][1]


def passages(report: Report) -> list[Passage]:
    out = [Passage(f"p{k + 1}", (f"¶{k + 1}",), p, "other", "")
           for k, p in enumerate(report.preamble)]
    for s, path in report.walk():
        for it in s.items:
            out.append(Passage(it.id, (*path, it.label), it.text, s.role, s.id))
        for k, par in enumerate(s.paragraphs):
            # a paragraph an item holds is cited as that item; so is an item's lead line, which
            # prints its label (五是…初见成效。 over the item's paragraphs): a passage of its own,
            # it would be a heading that no other sentence follows (without_headings)
            if any(it.text in par or par in it.label + it.text for it in s.items):
                continue
            out.append(Passage(f"{s.id}.p{k + 1}", (*path, f"¶{k + 1}"), par, s.role, s.id))
    return out


def sentence_passages(report: Report, roles: Sequence[str], stop: Sequence[str] = (),
                      skip: Collection[str] = ()) -> list[Passage]:
    """The sentences of the passages in `roles`, each a Passage citing its item or paragraph,
    less the sentences in `skip`.

    The sentence matching a `stop` pattern is left out with the rest of its section (the list
    of problems that closes a review: what fell short is not evidence of delivery, and what a
    section heading 1998年工作回顾和1999年工作的总体要求 holds after it is the next year's plan).
    Read once per comparison (`one_comparison`): the list is shared, not to be changed.
    """
    return _read_once(("sentence_passages", id(report), tuple(roles), tuple(stop), frozenset(skip)),
                      (report,), lambda: _sentence_passages(report, roles, stop, skip))


def _sentence_passages(report: Report, roles: Sequence[str], stop: Sequence[str],
                       skip: Collection[str]) -> list[Passage]:
    stops = [re.compile(c) for c in stop]
    # the items of a problem list (…面临不少问题挑战：一是…。二是…) are passages of their own: the
    # part of a paragraph from its stop sentence on is left out whichever passage holds it
    tails = [tail for s, _ in report.walk() if s.role in roles for tail in _closing(s, stops)]
    out: list[Passage] = []
    for p in passages(report):
        if p.role not in roles or any(p.text.strip() and p.text.strip() in tail for tail in tails):
            continue
        sents = sentences(p.text)
        for sent in sents[:_stop_at(sents, stops)]:
            if sent in skip:
                continue
            out.append(Passage(p.node_id, p.label_path, sent, p.role, p.section_id))
    return out


def review_sentences(report: Report, kind: Kind) -> list[Passage]:
    """The sentences of the review part that may report work, what a measure's evidence and
    headway on a problem are cited from: not its problem list (the kind's `shortcoming_cues` stop
    it), nor a thanks or a tribute (the kind's `review_tributes`: 在此，我代表区政府…表示衷心的感谢;
    这些成绩的取得，是…领导的结果), which report none."""
    tributes = kind.cues.review_tributes
    pool = (sentence_passages(report, REVIEW_ROLES, kind.shortcoming_cues)
            if any(s.role in REVIEW_ROLES for s in report.sections) else
            preamble_review(report, kind))
    return [p for p in pool if not tributes.search(p.text)]


def preamble_review(report: Report, kind: Kind) -> list[Passage]:
    """The sentences of a review left in the preamble of a report read with no review part (a
    heading no role cue names opens it: 国务院 1984's 关于国内建设 before its numbered tasks): the
    preamble's paragraphs from the first holding a sentence that opens by naming the reviewed
    year (`opens_with_year`: 一九八三年，农业生产…) up to the first that is a heading line (no
    sentence in it), opens with a break (the kind's `item_breaks`: 各位代表！为了…在新的一年里…) or
    holds the problem list (`shortcoming_cues`)."""
    names_year = opens_with_year(report, kind)
    breaks = [re.compile(c) for c in kind.item_breaks]
    stops = [re.compile(c) for c in kind.shortcoming_cues]
    out: list[Passage] = []
    for p in passages(report)[:len(report.preamble)]:
        said = sentences(p.text)
        if not out and not any(names_year(x) for x in said):
            continue
        # a paragraph with no clause end in it is a heading line
        if (not _FIRST_CLAUSE.search(p.text) or any(c.match(p.text) for c in breaks)
                or any(c.search(p.text) for c in stops)):
            break
        out += [p._replace(text=x, role="review") for x in said]
    return out


def without_headings(pool: list[Passage]) -> list[Passage]:
    """`pool` less its headings alone (持续提升科技创新能力。, the first sentence of a passage whose
    other sentences report the work): a heading names a task, it reports no work on it, neither
    a measure's evidence nor headway on a problem."""
    out: list[Passage] = []
    for k, p in enumerate(pool):
        first = k == 0 or pool[k - 1].node_id != p.node_id
        more = k + 1 < len(pool) and pool[k + 1].node_id == p.node_id
        if not (first and more and heads(p.text)):
            out.append(p)
    return out


_FIRST_CLAUSE = re.compile(chars(CLAUSE_END))


def opens_with_year(report: Report, kind: Kind) -> Callable[[str], bool]:
    """Whether a sentence opens by naming the report's reviewed year (去年…, 2022年…)."""
    year = str(report.review_year)
    last_year = [re.compile(c.replace("{year}", year)) for c in kind.last_year_openers]
    return lambda sentence: any(c.match(arabic_years(sentence)) for c in last_year)


def year_sentences(report: Report, kind: Kind) -> list[tuple[str, bool]]:
    """The sentences of the review part in printed order, each with whether it speaks of the
    reviewed year alone.

    A term-end report reviews five years beside the last one (过去五年…, 五年来…): a passage
    opened by a multi-year opener speaks of the whole period until a heading or a paragraph
    opens on the one year again (过去一年, 去年…); in it, only a sentence that opens by naming
    the year speaks of that year. Neither a target's actual nor a measure's evidence is taken
    from the rest: what was done over five years does not show what was done last year.
    Read once per comparison (`one_comparison`): the list is shared, not to be changed.
    """
    return _read_once(("year_sentences", id(report), id(kind)), (report, kind),
                      lambda: _year_sentences(report, kind))


def _year_sentences(report: Report, kind: Kind) -> list[tuple[str, bool]]:
    year = str(report.review_year)
    multi = [re.compile(c) for c in kind.multi_year_openers]
    one = [re.compile(c.replace("{year}", year)) for c in kind.one_year_openers]
    several = kind.cues.several_years
    names_year = opens_with_year(report, kind)

    def period(text: str, current: bool) -> bool:
        """Whether `text` (a heading or first sentence) leaves us in a multi-year passage.

        A multi-year opener counts in the first clause alone: 五年来，… opens a passage on the
        term, …，宏观政策延续疫情发生以来的做法 speaks of last year's policy. A sentence naming
        the year beside several (1997年国内生产总值达到…，平均每年增长11%) leaves no passage."""
        if (any(c.search(arabic_years(text)) for c in one)
                and not several.search(text)):
            return False
        return True if any(c.search(_FIRST_CLAUSE.split(text, 1)[0]) for c in multi) else current

    out: list[tuple[str, bool]] = []

    def walk(s, multi_years: bool) -> None:
        multi_years = period(s.heading, multi_years) if s.level == 1 else multi_years
        for p in s.paragraphs:
            sents = sentences(p)
            multi_years = period(sents[0], multi_years) if sents else multi_years
            out.extend((x, not multi_years or names_year(x)) for x in sents)
        for c in s.children:
            # a subsection speaks of the period its parent was in when it began
            walk(c, period(c.heading, multi_years))

    for s in report.sections:
        if s.role in REVIEW_ROLES:
            walk(s, False)
    return out


def reviewed_year_sentences(report: Report, kind: Kind) -> list[str]:
    """The sentences that speak of the reviewed year alone, in the order an actual of the year is
    searched for (judge.ReviewIndex).

    First the review part, skipping multi-year passages (`year_sentences`) and its thanks and
    tributes (`review_sentences`); then, elsewhere in
    the report, sentences that open by naming the year (a term-end report may give last year's
    prices in its plan part), each with the sentences after it in its paragraph that name no
    other period nor speak of the future (过去一年，我们的各项工作取得了很大成绩。国内生产总值增长
    10.3%，…: 国务院 2011, whose review part is the five-year one).
    """
    names_year = opens_with_year(report, kind)
    tributes = kind.cues.review_tributes
    review = [x for x, one_year in year_sentences(report, kind)
              if one_year and not tributes.search(x)]
    elsewhere = [p for s, _ in report.walk() if s.role not in REVIEW_ROLES for p in s.paragraphs]
    elsewhere += report.preamble
    other = _other_period(report, kind)
    out: list[str] = []
    for p in elsewhere:
        run = False
        for x in sentences(p):
            run = names_year(x) or (run and not other.search(arabic_years(x))
                                    and not kind.cues.future.search(x))
            if run:
                out.append(x)
    return review + out


def _other_period(report: Report, kind: Kind) -> re.Pattern:
    """Words naming a period other than the reviewed year: the plan year's (今年, 2011年), several
    years' (五年, 以来), any year's but the reviewed one."""
    plan = [c.replace("{year}", f"(?<!\\d){report.plan_year}") for c in kind.plan_year_words]
    return re.compile("|".join([*plan, *kind.multi_year_cues,
                                rf"(?<![比较\d])(?!{report.review_year}年)\d{{4}}年"]))


def _closing(section, stops: list[re.Pattern]) -> list[str]:
    """The text of `section` from its first stop sentence on: that paragraph's tail and every
    paragraph after it."""
    for k, par in enumerate(section.paragraphs):
        sents = sentences(par)
        if (at := _stop_at(sents, stops)) < len(sents):
            return ["".join(sents[at:]), *section.paragraphs[k + 1:]]
    return []


def _stop_at(sents: list[str], stops: list[re.Pattern]) -> int:
    """Index of the first sentence matching a stop pattern (len(sents) when none does)."""
    return next((i for i, x in enumerate(sents) if any(rx.search(x) for rx in stops)), len(sents))


def location(report: Report, label_path: Sequence[str]) -> str:
    """A citation a reviewer can follow: 2022年报告 一、（三）第2段."""
    parts = [f"第{label[1:]}段" if label.startswith("¶") else label for label in label_path]
    return f"{report.year}年报告 " + "".join(parts)


# how a target's quote joins sentences printed apart (judge.py: two indicators of a relation, a
# qualitative target's several indicators)
QUOTE_JOIN = "……"


def located(report: Report, sentence: str) -> str:
    """Where `sentence` is printed in `report` (the first passage holding it; a quote of several,
    its first), as `location` says it; "" when no passage holds it."""
    first = sentence.split(QUOTE_JOIN, 1)[0]
    return next((location(report, p.label_path) for p in passages(report) if first in p.text),
                "")


def rank(queries: list[str], pool: Sequence[Passage], scorer=DEFAULT):
    """Scores (queries × passages): the TF-IDF cosine of each query with each passage."""
    import numpy as np
    if not queries or not pool:
        return np.zeros((len(queries), len(pool)))
    return tfidf_matrix(queries, [p.text for p in pool], scorer)


def cite(scores, pool: Sequence[Passage], report: Report, order, floor: float = 0.0,
         where: list[str] | None = None) -> list[Evidence]:
    """The passages of `pool` one row of `scores` cites as evidence: those `order` lists (its best
    first, `best_first`) scoring above `floor`, located in `report` (or by `where`)."""
    return [Evidence(node_id=pool[k].node_id, label_path=list(pool[k].label_path),
                     text=pool[k].text,
                     score=round(float(scores[k]), 4),
                     location=where[k] if where else location(report, pool[k].label_path))
            for k in order.tolist() if scores[k] > floor]


def closest(queries: list[str], pool: Sequence[Passage], report: Report, floor: float,
            near: Sequence[str], scorer=DEFAULT, scores=None) -> list[Evidence | None]:
    """Each query's closest passage of `pool` by TF-IDF cosine (or by `scores`, queries ×
    passages, when given) when that is above `floor`, else None; cited by the passage's sentence
    sharing most bigrams with the query's `near` text."""
    scores = rank(queries, pool, scorer) if scores is None else scores
    order = best_first(scores, 1)
    where = [location(report, p.label_path) for p in pool]
    out: list[Evidence | None] = []
    for i, text in enumerate(near):
        found = cite(scores[i], pool, report, order[i], floor, where)
        if found:
            found[0].text = _closest_sentence(found[0].text, text)
        out.append(found[0] if found else None)
    return out


def _closest_sentence(passage: str, query: str) -> str:
    said = _sentence_terms(passage)
    wanted = set(bigram_terms(query))
    return max(said, key=lambda st: len(wanted & st[1]), default=(passage,))[0]


@functools.lru_cache(maxsize=1 << 10)
def _sentence_terms(passage: str) -> tuple[tuple[str, frozenset], ...]:
    """A passage's sentences with their bigrams: many measures pick their
    sentence from one passage."""
    split = sentences(passage)
    return tuple((x, frozenset(bigram_terms(x))) for x in split)
