"""Carried over: what of N+1's plan carries a measure of N on (the one rule the ledger and the
multi-year tracker share)."""
from __future__ import annotations

import functools

from compare.engine.passages import location, passages
from compare.engine.rules import CARRIED, best_first, cite, indicator_of, query, rank
from compare.engine.scorers import DEFAULT, bigram_terms
from compare.kinds import Kind
from compare.schema import Evidence, Report
from compare.text import sentences

PLAN_ROLES = ("plan", "targets")


def carried_over(old: Report, new: Report, kind: Kind, scorer=DEFAULT) -> list[Evidence | None]:
    """For each measure of `old`, what of `new`'s plan carries it on, or None: the plan passage
    (item or paragraph) closest to it by TF-IDF cosine, when that reaches CARRIED, cited by its
    sentence closest to the measure. The one rule for "carried over": the comparison's ledger
    shows it, the multi-year tracker (engine.threads) follows its threads by it."""
    # N+1's plan is ranked by passage (item or paragraph: a few dozen, where its sentences are
    # hundreds) and the passage's sentence closest to the measure is cited
    plan = [p for p in passages(new) if p.role in PLAN_ROLES]
    scores = rank([query(c, indicator_of(c, kind)) for c in old.commitments], plan, scorer)
    order = best_first(scores, 1)
    where = [location(new, p.label_path) for p in plan]
    out: list[Evidence | None] = []
    for i, c in enumerate(old.commitments):
        carried = cite(scores[i], plan, new, 1, CARRIED, order=order[i], where=where)
        if carried:
            carried[0].text = _closest_sentence(carried[0].text, c.text)
        out.append(carried[0] if carried else None)
    return out


def _closest_sentence(passage: str, query: str) -> str:
    wanted = set(bigram_terms(query))
    return max(_sentence_terms(passage), key=lambda st: len(wanted & st[1]), default=(passage,))[0]


@functools.lru_cache(maxsize=1 << 10)
def _sentence_terms(passage: str) -> tuple[tuple[str, frozenset], ...]:
    """A passage's sentences with their bigrams: many measures pick their
    sentence from one passage."""
    return tuple((x, frozenset(bigram_terms(x))) for x in sentences(passage))
