"""The rules: when a review sentence is evidence for a measure (`reported`), what it says
(completion and future cues, the figure it reports, the objects and the stage it names), and the
status they give (`status_of`). track.py reads each part with them and makes the decisions."""
from __future__ import annotations

import functools
import re
from collections.abc import Callable, Sequence

from compare.engine.judge import verdict
from compare.engine.passages import Passage, location
from compare.engine.scorers import DEFAULT, bigram_terms, coverage_matrix, name_terms, tfidf_matrix
from compare.ingest.measures import reached
from compare.ingest.quantities import Quantity, extract_quantities, find_indicator
from compare.kinds import Kind
from compare.schema import (
    Commitment,
    Evidence,
    Report,
    Target,
)
from compare.text import verb_prefix

TOP = 3             # evidence cited per measure
# When a review sentence is evidence for a measure (`reported`), tuned on 国务院 and 盐田区
# 2021→2022 and checked against the section labels of 国务院 2022→2023
# (tests/engine/test_engine.py):
PARTIAL = 0.20      # its bigram TF-IDF cosine with the measure reaches this;
NAME_TRIGRAMS = 2   # or it shares a run of four characters or more with the measure (2+ trigrams),
COVERED_NAMES = 0.40  # holds this IDF-weighted share of the measure's trigrams (its verbs left out)
AHEAD = 1.5         # and this many times any other sentence's share (equal shares: a set phrase),
FLOOR = 0.12        # or holds this share and
STANDOUT = 4.0      # this many times any other sentence's (the one sentence naming it)
CARRIED = 0.10      # an N+1 plan passage (item or paragraph) this close continues the measure
FIGURE_POOL = 10    # closest sentences searched for a quantity's figure when none is close in words
MIN_SHARED = 2      # bigrams a reported figure's clause shares with the measure's
COVERED = 0.3       # share of an enumerated object's bigrams the evidence must contain


def rank(queries: list[str], pool: Sequence[Passage], scorer=DEFAULT):
    """Scores (queries × passages)."""
    import numpy as np
    if not queries or not pool:
        return np.zeros((len(queries), len(pool)))
    return tfidf_matrix(queries, [p.text for p in pool], scorer)


def evidence_scores(queries: list[str], pool: Sequence[Passage], scorer=DEFAULT,
                    objects: list[str] | None = None):
    """(cosine, coverage), each measures × review sentences: the TF-IDF cosine suits a long
    measure restated at length; the IDF-weighted share of the measure's trigrams a sentence
    holds suits a short measure reported in one clause of a long sentence under a shared name
    (建成启用盐田北综合车场 ↔ …，盐田北综合车场如期竣工，…). Coverage is read on `objects`, the
    measures without their leading verbs: 加快推进 shared with …建设加快推进 names nothing."""
    import numpy as np
    if not queries or not pool:
        return (np.zeros((len(queries), len(pool))),) * 3
    texts = [p.text for p in pool]
    return (tfidf_matrix(queries, texts, scorer), *coverage_matrix(objects or queries, texts))


def reported(cosine, coverage, shared, order, named: bool = True) -> bool:
    """Whether the best sentence (`order[0]`, by the larger of cosine and coverage) is evidence:
    close by the cosine and naming the measure's object (`names_object`), or the one sentence
    naming the measure (its coverage above a floor, several times any other sentence's, through a
    shared run of characters)."""
    import numpy as np
    if not len(order):
        return False
    k = order[0]
    top2 = np.sort(coverage)[-2:]
    second = top2[0] if len(top2) > 1 else 0.0
    if cosine[k] >= PARTIAL and named:
        return True
    if coverage[k] < top2[-1] or shared[k] < NAME_TRIGRAMS:
        return False
    # the more of the measure a sentence holds, the less it must stand out from the next one
    return bool((coverage[k] >= COVERED_NAMES and coverage[k] >= AHEAD * second)
                or (coverage[k] >= FLOOR and coverage[k] >= STANDOUT * second))


def best_first(scores, top: int):
    """Indices of the `top` best scores of each row, best first; equal scores in pool order."""
    import numpy as np
    if scores.shape[-1] <= top:
        return np.argsort(-scores, axis=-1, kind="stable")
    # argpartition finds each row's top candidates without sorting the whole row (a tie at
    # the cut is argpartition's choice, deterministic); then those few are sorted
    idx = np.argpartition(-scores, top - 1, axis=-1)[..., :top]
    vals = np.take_along_axis(scores, idx, axis=-1)
    order = np.lexsort((idx, -vals), axis=-1)
    return np.take_along_axis(idx, order, axis=-1)


def cite(scores, pool: Sequence[Passage], report: Report, top: int = TOP,
         floor: float = 0.0, order=None, where: list[str] | None = None) -> list[Evidence]:
    """The passages of `pool` one row of `scores` cites as evidence: its `top` best (or those
    `order` lists) scoring above `floor`, located in `report` (or by `where`)."""
    order = best_first(scores, top) if order is None else order
    return [Evidence(node_id=pool[k].node_id, label_path=list(pool[k].label_path),
                     text=pool[k].text,
                     score=round(float(scores[k]), 4),
                     location=where[k] if where else location(report, pool[k].label_path))
            for k in order.tolist() if scores[k] > floor]


@functools.cache
def any_of(words: tuple[str, ...]) -> re.Pattern:
    """One compiled regex matching any of a template's `words`, each a pattern of its own."""
    return re.compile("|".join(f"(?:{w})" for w in words))


@functools.lru_cache(maxsize=1 << 12)
def closest_clause(sentence: str, query: str) -> str:
    """The clause of `sentence` sharing most bigrams with `query`: where its tense is read."""
    wanted = set(bigram_terms(query))
    clauses = [c for c in re.split(r"[，,、：:]", sentence) if c.strip()] or [sentence]
    return max(clauses, key=lambda c: len(wanted & set(bigram_terms(c))))


def result_cue(sentence: str, query: str, kind: Kind) -> str | None:
    """The first completion cue in the clause of `sentence` closest to `query`, or None when
    there is none or a future/imperative cue (要, 将, 力争…) comes before it."""
    clause = closest_clause(sentence, query)
    future = any_of(tuple(kind.future_cues)).search(clause)
    done = any_of(tuple(kind.completion_cues)).search(clause)
    return done.group() if done and (future is None or done.start() < future.start()) else None


def future_cue(sentence: str, query: str, kind: Kind) -> str | None:
    """A future/imperative cue in the clause of `sentence` closest to `query`."""
    m = any_of(tuple(kind.future_cues)).search(closest_clause(sentence, query))
    return m.group() if m else None


@functools.lru_cache(maxsize=1 << 12)
def _figure_clauses(text: str) -> tuple[tuple[Quantity, str, frozenset[str]], ...]:
    """(quantity, the words of the clause it stands in, figures left out, their bigrams) for every
    figure; cached: a review sentence is read for the figures of many measures."""
    bounds = [0] + [m.end() for m in re.finditer(r"[，,；;。：:]", text)] + [len(text) + 1]
    found = extract_quantities(text)
    out = []
    for q in found:
        k = max(i for i, b in enumerate(bounds) if b <= q.start)
        lo, hi = bounds[k], bounds[k + 1]
        words = "".join(text[a:b] for a, b in zip(
            [lo] + [f.end for f in found if lo <= f.start < hi],
            [f.start for f in found if lo <= f.start < hi] + [hi], strict=True))
        out.append((q, words, frozenset(bigram_terms(words))))
    return tuple(out)


def query(c: Commitment, kind: Kind) -> str:
    """A measure's words as searched for: its text, and, for a quantity, the full name of the
    indicator it names by an alias (社消零 → 社会消费品零售总额), the name a review reports the
    figure under."""
    named = find_indicator(c.text, kind.indicators) if c.quantity is not None else None
    return c.text if named is None or named[0].name in c.text else f"{c.text} {named[0].name}"


def aliased(text: str, kind: Kind) -> str:
    """`text`, and after it the words naming the same things as the short names and programmes it
    names (the kind's `aliases`: 三块地 → 承包地 宅基地 集体经营性建设用地,
    宅基地 → 三块地; 空气质量 → PM2.5 优良天数…), those it does not hold already: a measure and a
    sentence naming one thing by two names then share its words."""
    return alias_expander(kind)(text)


def alias_expander(kind: Kind) -> Callable[[str], str]:
    """`aliased` for one kind, built once (a comparison expands every part and review sentence)."""
    return _expander(tuple((a.name, tuple(a.words)) for a in kind.aliases))


@functools.cache
def _expander(entries: tuple[tuple[str, tuple[str, ...]], ...]) -> Callable[[str], str]:
    other: dict[str, list[str]] = {}
    for name, words in entries:
        other.setdefault(name, []).extend(words)
        for w in words:
            other.setdefault(w, []).append(name)
    # every name and word, longest first
    names = (re.compile("|".join(map(re.escape, sorted(other, key=len, reverse=True))))
             if other else None)

    @functools.lru_cache(maxsize=1 << 14)
    def expand(text: str) -> str:
        said = {m.group() for m in names.finditer(text)} if names else set()
        extra = [w for s in sorted(said) for w in other[s] if w not in text]
        return f"{text} {' '.join(dict.fromkeys(extra))}" if extra else text
    return expand


def reported_figure(c: Commitment, evidence: list[Evidence],
                    kind: Kind | None = None) -> tuple[float, str, Evidence] | None:
    """The figure the evidence states for the measure's quantity: same unit, in the clause
    whose words (figures and units left out) share most bigrams with the measure's own
    clause, at least MIN_SHARED; within a clause the level reached (…提高到100%) first."""
    if c.quantity is None:
        return None
    own, named = _figure_words(c, kind)
    best, rank_ = None, (MIN_SHARED, False)
    for ev in evidence:
        for found, key in _figures(c, ev.text, own, named):
            if key >= rank_ and (best is None or key > rank_):
                best, rank_ = (found.value, ev.text[found.start:found.end], ev), key
    return best


def states_figure(c: Commitment, texts: Sequence[str], kind: Kind) -> list[bool]:
    """Whether each of `texts` states a figure for the measure's quantity (as `reported_figure`
    would find one in it), the measure's words read once for all."""
    if c.quantity is None:
        return [False] * len(texts)
    own, named = _figure_words(c, kind)
    return [any(key >= (MIN_SHARED, False) for _, key in _figures(c, t, own, named)) for t in texts]


def _figure_words(c: Commitment, kind: Kind | None):
    """The bigrams of the measure's clause stating its quantity (with its indicator's full name),
    and the indicator it names."""
    assert c.quantity is not None
    own = next((set(grams) for q, _, grams in _figure_clauses(c.text)
                if q.unit == c.quantity.unit), set(bigram_terms(c.text)))
    named = None
    if kind is not None:
        own |= set(bigram_terms(query(c, kind)[len(c.text):]))
        named = find_indicator(c.text, kind.indicators)
    return own, named


def _figures(c: Commitment, text: str, own: set[str], named):
    """Each figure of `text` in the measure's unit, with its rank: bigrams shared, level reached."""
    assert c.quantity is not None
    for found, words, grams in _figure_clauses(text):
        if found.unit != c.quantity.unit:
            continue
        # a measure on a known indicator takes only a figure given under its name: the words
        # around it (增加值增长) are shared by others (高技术制造业增加值增长7.4%)
        if named is not None and not any(w in words for w in named[0].words):
            continue
        yield found, (len(own & grams), reached(text, found))


def meets_plan(c: Commitment, actual: float, kind: Kind) -> bool:
    """Planned and reported figures compared as targets are, in the direction of the indicator
    the measure names, if the template knows it (a jobless rate is met by a lower figure)."""
    q = c.quantity
    if q is None:  # only measures with a planned quantity have figures to meet
        return False
    low = None if q.comparator == "ceiling" else q.value
    high = q.high if q.comparator in ("range", "floor") else q.value
    t = Target(id=c.id, indicator="", text=c.text, comparator=q.comparator, low=low, high=high,
               unit=q.unit)
    named = find_indicator(c.text, kind.indicators)
    return verdict(t, actual, named[0] if named else None) == "met"


def _parts(text: str, kind: Kind) -> list[str]:
    """The objects a measure's first clause enumerates (A、B和C), its leading verb left out."""
    body = re.split(r"[，,]", measure_opening(kind).sub("", text, count=1))[0]
    return [p for p in re.split(r"[、和及与]", body) if len(p) >= 2]


def measure_opening(kind: Kind) -> re.Pattern:
    """How a measure of `kind` opens (its leads, then its action verbs, either may be missing):
    what is stripped to find the object it acts on."""
    return verb_prefix(tuple(kind.measure_leads), tuple(kind.measure_verbs), optional=True)


def uncovered(c: Commitment, evidence: list[Evidence], kind: Kind) -> list[str]:
    """The objects of an enumerating measure (A、B和C) the evidence does not speak of:
    those sharing less than COVERED of their bigrams with it."""
    parts = _parts(c.text, kind)
    if len(parts) < 2:
        return []
    said = set().union(*(bigram_terms(e.text) for e in evidence))
    out = []
    for p in parts:
        grams = set(bigram_terms(p))
        if grams and len(grams & said) / len(grams) < COVERED:
            out.append(p)
    return out


def other_level(measure: str, clause: str, kind: Kind) -> bool:
    """Whether the evidence's clause reaches another level than the measure plans (建成国家级…示范区
    ↔ 成功创建省级…区): a completion, but not the one planned."""
    if not kind.level_words:
        return False
    rx = any_of(tuple(kind.level_words))
    planned, reached_ = set(rx.findall(measure)), set(rx.findall(clause))
    return bool(planned and reached_ and not planned & reached_)


def status_of(c: Commitment, evidence: list[Evidence], kind: Kind) -> tuple[str, str]:
    """The measure's status and why (the cue or figure it rests on)."""
    if not evidence:
        return "not_reported", ""
    best = evidence[0]
    cue = result_cue(best.text, c.text, kind)
    if c.quantity is not None:
        fig = reported_figure(c, evidence, kind)
        if fig is None:
            # no figure in the planned unit (…道路整治全面完成 for 10条道路, 4.6公里): the
            # review's own words decide, as for an action, but only a completion cue counts
            return (("delivered", cue) if cue and not uncovered(c, evidence, kind)
                    else ("partial", cue or ""))
        value, printed, _ = fig
        return ("delivered" if meets_plan(c, value, kind) else "partial"), printed
    clause = closest_clause(best.text, c.text)
    # a clause sharing no run of three characters with the measure meets it through a set phrase
    # (国家公园 for 建设国家文化公园, 信访 for 完善信访制度): whatever its tense,
    # something else was done
    if (uncovered(c, evidence, kind) or other_level(c.text, clause, kind)
            or not set(name_terms(clause)) & set(name_terms(c.text))):
        return "partial", cue or ""
    if cue:
        return "delivered", cue
    # No completion word: an open-ended action (推进, 实施…) restated in the review without a
    # future/imperative cue was carried out; a measure promising an end point (建成, 出台…) was not
    # shown to reach it.
    lead = measure_opening(kind).match(c.text)
    end_point = lead.group() if lead else ""
    if future_cue(best.text, c.text, kind) or any_of(tuple(kind.end_point_verbs)).search(end_point):
        return "partial", ""
    return "delivered", closest_clause(best.text, c.text)[:12]


def names_object(obj: str, sentence: str, kind: Kind) -> bool:
    """Whether `sentence` names the object `obj` (a measure's words, its leading verbs left out):
    shares a run of three characters with it once the generic head noun that closes it is left
    out (数字政府建设 → 数字政府: 出台法治政府建设实施纲要 shares only 政府建设, a set phrase)."""
    core = (_closing_heads(tuple(kind.generic_heads)).sub("", obj.rstrip(_PUNCT))
            if kind.generic_heads else obj)
    core = core if len(core) >= 3 else obj
    return bool(set(name_terms(core)) & set(name_terms(sentence)))


_PUNCT = "，,。；;：:、 "


@functools.cache
def _closing_heads(words: tuple[str, ...]) -> re.Pattern:
    return re.compile("(?:" + "|".join(map(re.escape, words)) + ")+$")


def stage(text: str, kind: Kind) -> int | None:
    """The highest stage (index in the kind's `stages`, lowest first) a verb of `text` names:
    开工 (started) < 建成 (done) < 达产 (producing); None when it names none."""
    found = [k for k, words in enumerate(kind.stages) if any_of(tuple(words)).search(text)]
    return max(found) if found else None
