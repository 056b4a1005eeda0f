"""Carried over: what of N+1's plan carries a measure of N on (the one rule the ledger and the
multi-year tracker share)."""
from __future__ import annotations

from compare.engine.passages import closest, passages
from compare.engine.rules import indicator_of, query
from compare.engine.scorers import DEFAULT
from compare.kinds import Kind
from compare.schema import PLAN_ROLES, Evidence, Report

CARRIED = 0.10      # an N+1 plan passage (item or paragraph) this close continues the measure


def carried_over(old: Report, new: Report, kind: Kind, scorer=DEFAULT) -> list[Evidence | None]:
    """For each measure of `old`, what of `new`'s plan carries it on, or None: the plan passage
    (item or paragraph) closest to it by TF-IDF cosine, when that reaches CARRIED, cited by its
    sentence closest to the measure. The one rule for "carried over": the comparison's ledger
    shows it, the multi-year tracker (engine.threads) follows its threads by it."""
    # N+1's plan is ranked by passage (item or paragraph: a few dozen, where its sentences are
    # hundreds) and the passage's sentence closest to the measure is cited
    plan = [p for p in passages(new) if p.role in PLAN_ROLES]
    return closest([query(c, indicator_of(c, kind)) for c in old.commitments], plan, new, CARRIED,
                   [c.text for c in old.commitments], scorer)
