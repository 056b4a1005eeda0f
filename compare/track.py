"""Trace year N's plan items and shortcomings to evidence in year N+1.

Every passage of N+1 is scored against every commitment at once (TF-IDF
cosine, `scorers`); passages from N+1's review part are preferred. A status is
read off the best evidence only, so each one can be explained by what it cites.
"""
from __future__ import annotations

import re

from .kinds import Kind
from .passages import Passage, passages
from .schema import REVIEW_ROLES, CommitmentResult, Evidence, Report, ShortcomingResult
from .scorers import DEFAULT, tfidf_matrix

OFF_ROLE = 0.85     # a passage outside the review part counts for this share of its score
TOP = 3             # evidence cited per commitment
# Thresholds on the bigram TF-IDF cosine (see bench/scorers.py for how they rank)
DELIVERED = 0.20    # best score needed for "delivered" (with a completion cue)
PARTIAL = 0.12      # best score needed for "partial"
# A shortcoming of N is unresolved when one of N+1's is clearly its closest: short texts
# score low, so a lead over the runner-up counts as much as the score itself.
REPEATED = 0.45     # close enough on its own
REPEATED_MIN = 0.15  # … or at least this close and LEAD times closer than the runner-up
LEAD = 1.8
ADDRESSED = 0.30    # … this close to a review passage of N+1 is addressed


def rank(queries: list[str], pool: list[Passage], scorer=DEFAULT):
    """Scores (queries × passages), review passages first by weighting the rest down."""
    import numpy as np
    if not queries or not pool:
        return np.zeros((len(queries), len(pool)))
    sim = tfidf_matrix(queries, [p.text for p in pool], scorer)
    weight = np.array([1.0 if p.role in REVIEW_ROLES else OFF_ROLE for p in pool])
    return sim * weight


def _evidence(scores, pool: list[Passage], top: int = TOP) -> list[Evidence]:
    order = sorted(range(len(pool)), key=lambda k: (-scores[k], k))[:top]
    return [Evidence(node_id=pool[k].node_id, label_path=list(pool[k].label_path), text=pool[k].text,
                     score=round(float(scores[k]), 4)) for k in order if scores[k] > 0]


def completion_cues(evidence: list[Evidence], kind: Kind) -> list[str]:
    """The completion cues (完成, 出台…) the best evidence contains, in template order."""
    return [c for c in kind.completion_cues if evidence and re.search(c, evidence[0].text)]


def status_of(evidence: list[Evidence], cues: list[str]) -> str:
    """delivered: strong evidence stating completion; partial: related evidence; else no_evidence."""
    if not evidence or evidence[0].score < PARTIAL:
        return "no_evidence"
    return "delivered" if evidence[0].score >= DELIVERED and cues else "partial"


def track_commitments(old: Report, new: Report, kind: Kind, scorer=DEFAULT) -> list[CommitmentResult]:
    pool = passages(new)
    scores = rank([c.text for c in old.commitments], pool, scorer)
    out = []
    for i, c in enumerate(old.commitments):
        ev = _evidence(scores[i], pool)
        cues = completion_cues(ev, kind)
        out.append(CommitmentResult(commitment_id=c.id, section_id=c.section_id, text=c.text,
                                    status=status_of(ev, cues), confidence=round(ev[0].score, 4) if ev else 0.0,
                                    evidence=ev, cues=cues))
    return out


def _repeated(scores) -> bool:
    ranked = sorted(scores, reverse=True)
    if not ranked:
        return False
    runner_up = ranked[1] if len(ranked) > 1 else 0.0
    return ranked[0] >= REPEATED or (ranked[0] >= REPEATED_MIN and ranked[0] >= LEAD * runner_up)


def track_shortcomings(old: Report, new: Report, scorer=DEFAULT) -> list[ShortcomingResult]:
    """unresolved: N+1 lists it again; addressed: N+1's review reports work on it; else not_mentioned."""
    if not old.shortcomings:
        return []
    texts = [s.text for s in old.shortcomings]
    again = [Passage(s.id, ("shortcomings", s.id), s.text, "shortcomings", "") for s in new.shortcomings]
    review = [p for p in passages(new) if p.role in REVIEW_ROLES]
    s_again = rank(texts, again, scorer)
    s_review = rank(texts, review, scorer)
    out = []
    for i, s in enumerate(old.shortcomings):
        ev_again = _evidence(s_again[i], again, 1)
        ev_review = _evidence(s_review[i], review, 2)
        if _repeated(s_again[i]):
            status, ev = "unresolved", ev_again
        elif ev_review and ev_review[0].score >= ADDRESSED:
            status, ev = "addressed", ev_review
        else:
            status, ev = "not_mentioned", []
        out.append(ShortcomingResult(shortcoming_id=s.id, text=s.text, status=status, evidence=ev))
    return out
