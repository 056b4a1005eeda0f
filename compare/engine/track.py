"""Trace year N's plan measures and shortcomings to what year N+1 reports was done.

Evidence comes only from N+1's review part, one sentence per citation, measures × sentences
scored at once by two `scorers`: the bigram TF-IDF cosine (a measure restated at length) and
the IDF-weighted share of the measure's trigrams a sentence holds, its leading verbs left out
(a name such as 盐田北综合车场 shared with one clause of a long sentence). A sentence is
evidence when it is close by the cosine, or shares a name with the measure and stands out
from every other sentence (`reported`); a counted quantity close to nothing in words takes
the closest sentence reporting a figure in its unit under its words. N+1's plan part is
searched apart (by item or paragraph, citing its closest sentence) and its best match
reported as `carried_over`, never as evidence. A status is read off the cited sentence, so
each one can be explained by what it cites:

- not_reported: no review sentence is evidence;
- a measure with a planned quantity: the figure the evidence reports for it, compared
  as targets are (`judge.verdict`): delivered when it meets the plan, else partial;
  without a figure in its unit, as an action but only on a completion cue;
- an action: delivered when the evidence states it in a past or result sense (a
  completion cue not governed by a future/imperative cue such as 要, 将, 力争) or
  restates the measure's own action without such a cue, in a clause sharing a run of three
  characters with the measure (not only a set phrase: 国家公园 for 国家文化公园); else partial.
"""
from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import replace

from compare.engine.judge import verdict
from compare.engine.passages import Passage, location, passages, sentence_passages, year_sentences
from compare.engine.scorers import DEFAULT, bigram_terms, coverage_matrix, name_terms, tfidf_matrix
from compare.ingest.measures import reached
from compare.ingest.quantities import RATE_UNITS, extract_quantities
from compare.ingest.quantities import find_indicator as _find_indicator
from compare.kinds import Kind
from compare.schema import (
    REVIEW_ROLES,
    Commitment,
    CommitmentResult,
    CommitmentStatus,
    Evidence,
    PlanSectionResult,
    Report,
    ShortcomingResult,
    Target,
)
from compare.text import sentences

TOP = 3             # evidence cited per measure
# When a review sentence is evidence for a measure (`reported`), tuned on 国务院 and 盐田区
# 2021→2022 and checked against the section labels of 国务院 2022→2023 (tests/engine/test_engine.py):
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
# Problems are short (4–20 characters) and reworded from year to year (后劲不足 →
# 恢复迟缓): single characters match them better than bigrams (bench/scorers.py).
PROBLEM_SCORER = "char"
REPEATED = 0.20     # a problem of N this close to one of N+1's list is unresolved
ADDRESSED = 0.5    # … else this close to a review sentence of N+1 is addressed
PLAN_ROLES = ("plan", "targets")


def rank(queries: list[str], pool: Sequence[Passage], scorer=DEFAULT):
    """Scores (queries × passages)."""
    import numpy as np
    if not queries or not pool:
        return np.zeros((len(queries), len(pool)))
    return tfidf_matrix(queries, [p.text for p in pool], scorer)


def evidence_scores(queries: list[str], pool: Sequence[Passage], scorer=DEFAULT, objects: list[str] | None = None):
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


def reported(cosine, coverage, shared, order) -> bool:
    """Whether the best sentence (`order[0]`, by the larger of cosine and coverage) is evidence:
    close by either measure, or the one sentence naming the measure (its coverage above a
    floor, several times any other sentence's, through a shared run of characters)."""
    import numpy as np
    if not len(order):
        return False
    k = order[0]
    top2 = np.sort(coverage)[-2:]
    second = top2[0] if len(top2) > 1 else 0.0
    if cosine[k] >= PARTIAL:
        return True
    if coverage[k] < top2[-1] or shared[k] < NAME_TRIGRAMS:
        return False
    # the more of the measure a sentence holds, the less it must stand out from the next one
    return bool((coverage[k] >= COVERED_NAMES and coverage[k] >= AHEAD * second)
                or (coverage[k] >= FLOOR and coverage[k] >= STANDOUT * second))


def _top(scores, top: int):
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


def _evidence(scores, pool: Sequence[Passage], report: Report, top: int = TOP,
              floor: float = 0.0, order=None, where: list[str] | None = None) -> list[Evidence]:
    order = _top(scores, top) if order is None else order
    return [Evidence(node_id=pool[k].node_id, label_path=list(pool[k].label_path), text=pool[k].text,
                     score=round(float(scores[k]), 4),
                     location=where[k] if where else location(report, pool[k].label_path))
            for k in order.tolist() if scores[k] > floor]


@functools.cache
def _alternation(words: tuple[str, ...]) -> re.Pattern:
    return re.compile("|".join(f"(?:{w})" for w in words))


@functools.lru_cache(maxsize=1 << 12)
def _clause(sentence: str, query: str) -> str:
    """The clause of `sentence` sharing most bigrams with `query`: where its tense is read."""
    wanted = set(bigram_terms(query))
    clauses = [c for c in re.split(r"[，,、：:]", sentence) if c.strip()] or [sentence]
    return max(clauses, key=lambda c: len(wanted & set(bigram_terms(c))))


def result_cue(sentence: str, query: str, kind: Kind) -> str | None:
    """The first completion cue in the clause of `sentence` closest to `query`, or None when
    there is none or a future/imperative cue (要, 将, 力争…) comes before it."""
    clause = _clause(sentence, query)
    future = _alternation(tuple(kind.future_cues)).search(clause)
    done = _alternation(tuple(kind.completion_cues)).search(clause)
    return done.group() if done and (future is None or done.start() < future.start()) else None


def future_cue(sentence: str, query: str, kind: Kind) -> str | None:
    """A future/imperative cue in the clause of `sentence` closest to `query`."""
    m = _alternation(tuple(kind.future_cues)).search(_clause(sentence, query))
    return m.group() if m else None


def _figure_clauses(text: str):
    """(quantity, the words of the clause it stands in, figures left out) for every figure."""
    bounds = [0] + [m.end() for m in re.finditer(r"[，,；;。：:]", text)] + [len(text) + 1]
    found = extract_quantities(text)
    for q in found:
        k = max(i for i, b in enumerate(bounds) if b <= q.start)
        lo, hi = bounds[k], bounds[k + 1]
        words = "".join(text[a:b] for a, b in zip([lo] + [f.end for f in found if lo <= f.start < hi],
                                                   [f.start for f in found if lo <= f.start < hi] + [hi], strict=True))
        yield q, words


def query(c: Commitment, kind: Kind) -> str:
    """A measure's words as searched for: its text, and, for a quantity, the full name of the
    indicator it names by an alias (社消零 → 社会消费品零售总额), the name a review reports the
    figure under."""
    named = _find_indicator(c.text, kind.indicators) if c.quantity is not None else None
    return c.text if named is None or named[0].name in c.text else f"{c.text} {named[0].name}"


def reported_figure(c: Commitment, evidence: list[Evidence], kind: Kind | None = None) -> tuple[float, str, Evidence] | None:
    """The figure the evidence states for the measure's quantity: same unit, in the clause
    whose words (figures and units left out) share most bigrams with the measure's own
    clause, at least MIN_SHARED; within a clause the level reached (…提高到100%) first."""
    if c.quantity is None:
        return None
    own = next((set(bigram_terms(words)) for q, words in _figure_clauses(c.text)
                if q.unit == c.quantity.unit), set(bigram_terms(c.text)))
    named = None
    if kind is not None:
        own |= set(bigram_terms(query(c, kind)[len(c.text):]))
        named = _find_indicator(c.text, kind.indicators)
    best, rank_ = None, (MIN_SHARED, False)
    for ev in evidence:
        for found, words in _figure_clauses(ev.text):
            # a measure on a known indicator takes only a figure given under its name: the words
            # around it (增加值增长) are shared by others (高技术制造业增加值增长7.4%)
            if named is not None and not any(w in words for w in named[0].words):
                continue
            key = (len(own & set(bigram_terms(words))), reached(ev.text, found))
            if found.unit == c.quantity.unit and key >= rank_ and (best is None or key > rank_):
                best, rank_ = (found.value, ev.text[found.start:found.end], ev), key
    return best


def _meets(c: Commitment, actual: float, kind: Kind) -> bool:
    """Planned and reported figures compared as targets are, in the direction of the indicator
    the measure names, if the template knows it (a jobless rate is met by a lower figure)."""
    q = c.quantity
    if q is None:  # only measures with a planned quantity have figures to meet
        return False
    low = None if q.comparator == "ceiling" else q.value
    high = q.high if q.comparator in ("range", "floor") else q.value
    t = Target(id=c.id, indicator="", text=c.text, comparator=q.comparator, low=low, high=high, unit=q.unit)
    named = _find_indicator(c.text, kind.indicators)
    return verdict(t, actual, named[0] if named else None) == "met"


def _parts(text: str, kind: Kind) -> list[str]:
    """The objects a measure's first clause enumerates (A、B和C), its leading verb left out."""
    body = re.split(r"[，,]", _verb_prefix(kind).sub("", text, count=1))[0]
    return [p for p in re.split(r"[、和及与]", body) if len(p) >= 2]


def _verb_prefix(kind: Kind) -> re.Pattern:
    return _prefix(tuple(kind.measure_leads), tuple(kind.measure_verbs))


@functools.cache
def _prefix(leads: tuple[str, ...], verbs: tuple[str, ...]) -> re.Pattern:
    lead = "|".join(sorted(leads, key=len, reverse=True))
    verb = "|".join(sorted(verbs, key=len, reverse=True))
    return re.compile(rf"^(?:{lead})*(?:{verb})*")


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
    rx = _alternation(tuple(kind.level_words))
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
            return ("delivered", cue) if cue and not uncovered(c, evidence, kind) else ("partial", cue or "")
        value, printed, _ = fig
        return ("delivered" if _meets(c, value, kind) else "partial"), printed
    clause = _clause(best.text, c.text)
    # a clause sharing no run of three characters with the measure meets it through a set phrase
    # (国家公园 for 建设国家文化公园, 信访 for 完善信访制度): whatever its tense, something else was done
    if uncovered(c, evidence, kind) or other_level(c.text, clause, kind) or not set(name_terms(clause)) & set(name_terms(c.text)):
        return "partial", cue or ""
    if cue:
        return "delivered", cue
    # No completion word: an open-ended action (推进, 实施…) restated in the review without a
    # future/imperative cue was carried out; a measure promising an end point (建成, 出台…) was not
    # shown to reach it.
    lead = _verb_prefix(kind).match(c.text)
    end_point = lead.group() if lead else ""
    if future_cue(best.text, c.text, kind) or _alternation(tuple(kind.end_point_verbs)).search(end_point):
        return "partial", ""
    return "delivered", _clause(best.text, c.text)[:12]


def track_commitments(old: Report, new: Report, kind: Kind, scorer=DEFAULT) -> list[CommitmentResult]:
    import numpy as np
    # a term-end report's five-year passages (五年来…累计…) are not evidence of year N's measures
    five_years = {x for x, one_year in year_sentences(new, kind) if not one_year}
    review = sentence_passages(new, REVIEW_ROLES, kind.shortcoming_cues, skip=five_years)
    texts = [query(c, kind) for c in old.commitments]
    objects = [_verb_prefix(kind).sub("", t, count=1) or t for t in texts]
    cosine, coverage, shared = evidence_scores(texts, review, scorer, objects)
    s_review = np.maximum(cosine, coverage)
    o_review = _top(s_review, TOP)
    where = [location(new, p.label_path) for p in review]
    carried = carried_over(old, new, kind, scorer)
    out = []
    for i, c in enumerate(old.commitments):
        # a measure nothing in the review comes close to is not_reported: no evidence to build
        ev = (_evidence(s_review[i], review, new, order=o_review[i], where=where)
              if len(review) and reported(cosine[i], coverage[i], shared[i], o_review[i]) else [])
        # a rate (%) is reported in every other sentence: without close words it identifies nothing
        if not ev and c.quantity is not None and c.quantity.unit not in RATE_UNITS and len(review):
            ev = _figure_evidence(c, s_review[i], review, new, kind, where)
        status, why = status_of(c, ev, kind)
        out.append(CommitmentResult(
            commitment_id=c.id, section_id=c.section_id, text=c.text, status=status,
            confidence=round(float(s_review[i][o_review[i][0]]), 4) if len(review) else 0.0,
            evidence=ev if status != "not_reported" else [], cues=[why] if why else [],
            location=location(old, [*c.label_path, f"¶{c.paragraph}"]) if c.paragraph else "",
            quantity=c.quantity, carried_over=carried[i]))
    return out


def carried_over(old: Report, new: Report, kind: Kind, scorer=DEFAULT) -> list[Evidence | None]:
    """For each measure of `old`, what of `new`'s plan carries it on, or None: the plan passage
    (item or paragraph) closest to it by TF-IDF cosine, when that reaches CARRIED, cited by its
    sentence closest to the measure. The one rule for "carried over": the comparison's ledger
    shows it, the multi-year tracker (engine.threads) follows its threads by it."""
    # N+1's plan is ranked by passage (item or paragraph: a few dozen, where its sentences are
    # hundreds) and the passage's sentence closest to the measure is cited
    plan = [p for p in passages(new) if p.role in PLAN_ROLES]
    scores = rank([query(c, kind) for c in old.commitments], plan, scorer)
    order = _top(scores, 1)
    where = [location(new, p.label_path) for p in plan]
    out: list[Evidence | None] = []
    for i, c in enumerate(old.commitments):
        carried = _evidence(scores[i], plan, new, 1, CARRIED, order=order[i], where=where)
        if carried:
            carried[0].text = _closest_sentence(carried[0].text, c.text)
        out.append(carried[0] if carried else None)
    return out


def _figure_evidence(c: Commitment, scores, review: Sequence[Passage], new: Report, kind: Kind,
                     where: list[str]) -> list[Evidence]:
    """For a quantity no sentence is close to in words: the one of its FIGURE_POOL closest sentences
    reporting a figure in its unit under its indicator's words (人才住房和保障性住房3000套 ↔
    建设筹集公共住房3100套, in a sentence listing many figures), cited first."""
    pool = _evidence(scores, review, new, FIGURE_POOL, order=_top(scores, FIGURE_POOL), where=where)
    fig = reported_figure(c, pool, kind)
    return [fig[2], *(e for e in pool if e is not fig[2])][:TOP] if fig else []


def _closest_sentence(passage: str, query: str) -> str:
    wanted = set(bigram_terms(query))
    return max(_sentence_terms(passage), key=lambda st: len(wanted & st[1]), default=(passage,))[0]


@functools.lru_cache(maxsize=1 << 10)
def _sentence_terms(passage: str) -> tuple[tuple[str, frozenset], ...]:
    """A passage's sentences with their bigrams: many measures pick their sentence from one passage."""
    return tuple((x, frozenset(bigram_terms(x))) for x in sentences(passage))


def rollup(statuses: Sequence[str]) -> str:
    """A section's status from its measures': delivered when all are, not_reported when none
    is reported, else partial."""
    if statuses and all(s == "delivered" for s in statuses):
        return "delivered"
    if all(s == "not_reported" for s in statuses):
        return "not_reported"
    return "partial"


def section_rollups(old: Report, results: Sequence[CommitmentResult]) -> list[PlanSectionResult]:
    """One row per plan section with measures, in printed order: its roll-up status and counts."""
    from typing import get_args
    paths = {s.id: path for s, path in old.walk()}
    by_section: dict[str, list[str]] = {}
    for r in results:
        by_section.setdefault(r.section_id, []).append(r.status)
    return [PlanSectionResult(section_id=sid, label_path=list(paths.get(sid, [])), status=rollup(statuses),
                              counts={k: statuses.count(k) for k in get_args(CommitmentStatus)})
            for sid, statuses in by_section.items()]


def track_shortcomings(old: Report, new: Report, kind: Kind, scorer=PROBLEM_SCORER) -> list[ShortcomingResult]:
    """unresolved: N+1 lists it again (each N+1 problem may answer several of N's: merges and
    splits); addressed: N+1's review reports work on it; else not_mentioned."""
    import numpy as np
    if not old.shortcomings:
        return []
    shortfall = _alternation(tuple(kind.shortcoming_predicates)) if kind.shortcoming_predicates else None

    def subject(text: str) -> str:
        """What a problem is about: its text without the words saying it falls short, and the full
        name of an indicator it names by an alias (社消零短板 → 社会消费品零售总额)."""
        bare = shortfall.sub(" ", text) if shortfall else text
        named = _find_indicator(text, kind.indicators)
        return bare if named is None or named[0].name in text else f"{bare} {named[0].name}"

    texts = [subject(s.text) for s in old.shortcomings]
    again = [Passage(s.id, ("存在问题", f"第{k}条"), s.text, "shortcomings", "") for k, s in enumerate(new.shortcomings, 1)]
    # work on a problem is reported in one sentence of a long paragraph (营商环境不断优化。整体重构…):
    # the share of the problem's subject a review sentence holds
    review = sentence_passages(new, REVIEW_ROLES, kind.shortcoming_cues)
    # a problem of N+1 naming several things (城区管理…、精细化水平和交通基础设施配套还需提升) is
    # a merge: each thing is matched apart, and the best of them scores the whole problem
    parts = [(k, x) for k, p in enumerate(again) for x in re.split(r"[、和及与]", subject(p.text)) if len(x.strip()) >= 2]
    s_parts = rank(texts, [replace(again[k], text=x) for k, x in parts], scorer)
    s_again = np.zeros((len(again), len(texts)))
    np.maximum.at(s_again, np.array([k for k, _ in parts], dtype=np.int64), s_parts.T)
    s_again = s_again.T
    s_review = coverage_matrix(texts, [p.text for p in review], "bigram")[0] if review else rank(texts, review)
    # every row's best columns in one call, not a partition per row
    o_again, o_review = _top(s_again, 1), _top(s_review, 2)
    out = []
    for i, s in enumerate(old.shortcomings):
        ev_again = _evidence(s_again[i], again, new, 1, order=o_again[i])
        ev_review = _evidence(s_review[i], review, new, 2, order=o_review[i])
        if ev_again and ev_again[0].score >= REPEATED:
            status, ev = "unresolved", ev_again
        elif ev_review and ev_review[0].score >= ADDRESSED:
            status, ev = "addressed", ev_review
        else:
            status, ev = "not_mentioned", []
        out.append(ShortcomingResult(shortcoming_id=s.id, text=s.text, status=status, evidence=ev))
    return out
