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

- not_reported: no review sentence is evidence, and the topic decision (fitted, `_topic`) does not
  find the row reported in other words in the review's paragraph on its field (then partial);
- a measure with a planned quantity: the figure the evidence reports for it, compared
  as targets are (`judge.verdict`): delivered when it meets the plan, else partial;
  without a figure in its unit, as an action but only on a completion cue;
- an action: delivered when the evidence states it in a past or result sense (a
  completion cue not governed by a future/imperative cue such as 要, 将, 力争) or
  restates the measure's own action without such a cue, in a clause sharing a run of three
  characters with the measure (not only a set phrase: 国家公园 for 国家文化公园); else partial.
"""
from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from compare.engine.carried import carried_over
from compare.engine.guards import met_for_same_object
from compare.engine.model import Model, Softmax, shipped
from compare.engine.passages import Passage, location, sentence_passages, year_sentences
from compare.engine.rollups import rollup
from compare.engine.rules import (
    FIGURE_POOL,
    TOP,
    alias_expander,
    any_of,
    best_first,
    cite,
    closest_clause,
    evidence_scores,
    future_cue,
    measure_opening,
    meets_plan,
    names_object,
    other_level,
    query,
    reported,
    reported_figure,
    result_cue,
    stage,
    states_figure,
    status_of,
    uncovered,
)
from compare.engine.scorers import DEFAULT, bigram_terms, coverage_matrix, name_terms, tfidf_matrix
from compare.ingest.measures import aims, comparator, heads, split_parts
from compare.ingest.quantities import RATE_UNITS
from compare.kinds import Kind
from compare.schema import (
    REVIEW_ROLES,
    Commitment,
    CommitmentResult,
    Evidence,
    PartResult,
    PlannedQuantity,
    Report,
)

# ---- parts, their readings and the decisions ------------------------------------------------

CANDIDATES = 5      # review sentences closest to a part (by the larger of cosine and coverage)
                    # read closely
STAGE_WORDS = 4     # characters of a clause's opening read for the stage its verbs say


@dataclass(frozen=True)
class Reading:
    """A part of a measure and the review sentences that may report on it, each with the signals
    the `evidence` decision weighs (one row of `features` per sentence, columns
    `EVIDENCE_FEATURES`)."""
    part: Commitment                 # the part as a measure of its own: its words and quantity
    checked: bool                    # an aim (打造…体系) is cited with its row, never decides it
    candidates: tuple[int, ...]      # review sentences, closest first
    features: Any                    # numpy array, len(candidates) × len(EVIDENCE_FEATURES)
    rule: bool                       # the rules' answer: the closest sentence is evidence
                                     # (`reported`)
    # the same work in other words (`_topic`): the review sentence closest by characters in the
    # paragraph closest to the part (index into the review), and the signals saying how close
    topic: dict[str, float] = field(default_factory=dict)
    near: int = 0
    # the review as a whole against the part (`_whole`): the `status` decision's own signals
    whole: dict[str, float] = field(default_factory=dict)

    def feature(self, j: int) -> dict[str, float]:
        return dict(zip(EVIDENCE_FEATURES, self.features[j].tolist(), strict=True))


EVIDENCE_FEATURES = ("cosine", "coverage", "shared", "standout", "object", "figure", "rank")
REPORTED_FEATURES = ("evidence", "cosine", "coverage", "shared", "standout", "object", "figure",
                     "rule", "short")
TOPIC_FEATURES = ("cosine", "coverage", "char", "char_standout", "passage",
                  "passage_standout", "short")
DELIVERED_FEATURES = ("rule", "done", "future", "reached", "below", "met", "short_of_plan",
                      "no_figure", "uncovered", "other_level", "set_phrase", "end_point",
                      "evidence")
WHOLE_FEATURES = ("margin", "best", "top_done", "near_is_top", "anywhere", "rare_anywhere",
                  "top_k", "rare_top_k", "length", "quantity")
STATUSES = ("not_reported", "partial", "delivered")
STATUS_FEATURES = (*(f"closest_{n}" for n in EVIDENCE_FEATURES[:-1]),
                   *(f"topic_{n}" for n in TOPIC_FEATURES), *WHOLE_FEATURES,
                   *(f"rules_{s}" for s in STATUSES))


def parts_of(c: Commitment, kind: Kind) -> list[tuple[Commitment, bool]]:
    """A row's parts (`measures.split_parts`), each as a measure of its own with its planned
    quantity, and whether it is checked: an aim (打造…体系, 让…) is not, unless
    the row is all aims."""
    spans = split_parts(c.text, kind)
    if len(spans) <= 1:
        return [(c, True)]
    out = [(Commitment.model_construct(**{**dict(c), "text": m.text,
                                          "quantity": planned_quantity(m.text, m.quantity)}),
            not aims(m.text, kind)) for m in spans]
    return out if any(ok for _, ok in out) else [(p, True) for p, _ in out]


def planned_quantity(text: str, q) -> PlannedQuantity | None:
    """The quantity `q` found in `text` as a measure's planned figure (None stays None)."""
    if q is None:
        return None
    return PlannedQuantity(value=q.value, high=q.high, unit=q.unit, comparator=comparator(q),
                           text=text[q.start:q.end])


def review_pool(new: Report, kind: Kind) -> list[Passage]:
    """The sentences of N+1's review a measure's evidence is cited from: not its problem list, not
    a term-end report's five-year passages (五年来…累计…), not a heading alone (健全社会保障体系。,
    the first sentence of a passage whose other sentences report the work)."""
    five_years = {x for x, one_year in year_sentences(new, kind) if not one_year}
    pool = sentence_passages(new, REVIEW_ROLES, kind.shortcoming_cues, skip=five_years)
    out: list[Passage] = []
    for k, p in enumerate(pool):
        first = k == 0 or pool[k - 1].node_id != p.node_id
        more = k + 1 < len(pool) and pool[k + 1].node_id == p.node_id
        if first and more and heads(p.text):
            continue
        out.append(p)
    return out


def read_parts(parts: Sequence[tuple[Commitment, bool]], review: Sequence[Passage], kind: Kind,
               scorer=DEFAULT) -> list[Reading]:
    """Each part's closest review sentences and the signals of each: the bigram TF-IDF cosine, the
    IDF-weighted share of the part's trigrams (its leading verbs left out) a sentence holds, how
    many it shares, how far it stands out from the next sentence, the IDF-weighted share of the
    part's object bigrams it holds, whether it reports a figure for the part's
    quantity, and its rank."""
    import numpy as np
    expand = alias_expander(kind)
    texts = [expand(query(c, kind)) for c, _ in parts]
    objects = [measure_opening(kind).sub("", t, count=1) or t for t in texts]
    # a sentence naming a thing by another of its names (三块地 for 宅基地) is scored with both
    scored = [replace(p, text=expand(p.text)) for p in review]
    cosine, coverage, shared = evidence_scores(texts, scored, scorer, objects)
    if not len(review) or not parts:
        return [Reading(c, ok, (), np.zeros((0, len(EVIDENCE_FEATURES))), False) for c, ok in parts]
    by_object = coverage_matrix(objects, [p.text for p in scored], "bigram")[0]
    score = np.maximum(cosine, coverage)
    order = best_first(score, CANDIDATES)
    near, topic = _topic(texts, scored, scorer)
    top2 = np.sort(coverage, axis=1)[:, -2:] if coverage.shape[1] > 1 else np.hstack(
        [np.zeros_like(coverage), coverage])
    whole = _whole(parts, objects, scored, score, order, near, kind)
    out = []
    for i, (c, ok) in enumerate(parts):
        ks = order[i].tolist()
        figures = [0.0] * len(ks)
        if c.quantity is not None:
            # a counted quantity close to nothing in words: the sentence of its closest FIGURE_POOL
            # reporting a figure in its unit under its words (3000套 ↔ 建设筹集公共住房3100套)
            pool = (best_first(score[i], FIGURE_POOL).tolist()
                    if c.quantity.unit not in RATE_UNITS else ks)
            said = [k for k, yes in zip(
                pool, states_figure(c, [review[k].text for k in pool], kind), strict=True) if yes]
            ks += [k for k in said[:1] if k not in ks]
            figures = [float(k in said) for k in ks]
        cov = coverage[i, ks]
        x = np.column_stack([cosine[i, ks], cov, np.log1p(shared[i, ks]),
                             cov - np.where(cov >= top2[i, 1], top2[i, 0], top2[i, 1]),
                             by_object[i, ks], figures, np.arange(len(ks), dtype=float)])
        named = names_object(objects[i], scored[order[i][0]].text, kind)
        out.append(Reading(c, ok, tuple(ks), x, reported(cosine[i], coverage[i], shared[i],
                                                         order[i], named),
                           topic={"cosine": float(cosine[i].max()),
                                  "coverage": float(coverage[i].max()),
                                  **topic[i], "short": float(len(c.text) <= 8)},
                           near=near[i], whole=whole[i]))
    return out


def _whole(parts: Sequence[tuple[Commitment, bool]], objects: list[str],
           review: Sequence[Passage], score, order, near: list[int],
           kind: Kind) -> list[dict[str, float]]:
    """For each part, the review as a whole rather than one sentence: how far its closest sentence
    stands above the next, whether that one says the work was done, whether the topic decision's
    sentence is that one, and the share of the part's object bigrams the whole review and its
    CANDIDATES closest sentences hold, plain and weighted by rarity among the review's sentences
    (a measure whose rare words the review never uses is seldom reported at all)."""
    import numpy as np
    grams = [frozenset(bigram_terms(p.text)) for p in review]
    df: dict[str, int] = {}
    for g in grams:
        for t in g:
            df[t] = df.get(t, 0) + 1
    idf = math.log(len(review) + 1)
    out = []
    for i, (c, _) in enumerate(parts):
        ks = order[i].tolist()
        best = np.sort(score[i])[::-1]
        wanted = set(bigram_terms(objects[i]))
        weight = {t: idf - math.log(df.get(t, 0) + 0.5) for t in wanted}
        near_by = frozenset().union(*(grams[k] for k in ks))
        out.append({
            "margin": float(best[0] - (best[1] if len(best) > 1 else 0.0)),
            "best": float(best[0]),
            "top_done": float(result_cue(review[ks[0]].text, c.text, kind) is not None),
            "near_is_top": float(near[i] == ks[0]),
            "anywhere": _share(wanted, df.keys()), "rare_anywhere": _share(weight, df.keys()),
            "top_k": _share(wanted, near_by), "rare_top_k": _share(weight, near_by),
            "length": math.log1p(len(c.text)),
            "quantity": float(c.quantity is not None)})
    return out


def _share(wanted, held) -> float:
    """The share of `wanted` terms `held` holds, each counting 1 or its weight (`wanted` a dict)."""
    w = wanted if isinstance(wanted, dict) else dict.fromkeys(wanted, 1.0)
    return sum(v for t, v in w.items() if t in held) / (sum(w.values()) or 1.0)


def status_features(reading: Reading, rules: str) -> dict[str, float]:
    """The signals of the `status` decision: the closest sentence's, the topic decision's, the
    review's as a whole (`_whole`) and the rules' status."""
    closest = reading.features[:, :2].max(axis=1).tolist()
    best = max(range(len(closest)), key=lambda j: (closest[j], -j))
    f = {f"closest_{k}": v for k, v in reading.feature(best).items() if k != "rank"}
    return {**f, **{f"topic_{k}": v for k, v in reading.topic.items()}, **reading.whole,
            **{f"rules_{s}": float(rules == s) for s in STATUSES}}


def _topic(texts: list[str], review: Sequence[Passage],
           scorer=DEFAULT) -> tuple[list[int], list[dict[str, float]]]:
    """For each part: the review sentence reporting the same work in other words, and how close.

    A review reports an outcome for an action (落实好就业扶持政策 ↔
    发放小额担保贷款670万元…稳定就业岗位 2887个) in a paragraph about the same field: the paragraph
    (its pool sentences) closest by the TF-IDF cosine finds it more often than any one sentence
    does, and in it the sentence closest by single characters, which meet across rewordings that
    share no bigram (bench/scorers.py). The signals: each cosine and how far it stands out from the
    next paragraph's or sentence's."""
    import numpy as np
    nodes = list(dict.fromkeys(p.node_id for p in review))
    node_of = {n: j for j, n in enumerate(nodes)}
    members: list[list[int]] = [[] for _ in nodes]
    for k, p in enumerate(review):
        members[node_of[p.node_id]].append(k)
    para = tfidf_matrix(texts, ["".join(review[k].text for k in m) for m in members], scorer)
    chars = tfidf_matrix(texts, [p.text for p in review], "char")
    near, out = [], []
    # every part's best paragraph and standouts at once, not a partition per part
    best_of, char_best = np.argmax(para, axis=1).tolist(), chars.max(axis=1).tolist()
    char_out, para_out = _standout(chars).tolist(), _standout(para).tolist()
    for i, best in enumerate(best_of):
        near.append(max(members[best], key=lambda k: (chars[i, k], -k)))
        out.append({"char": char_best[i], "char_standout": char_out[i],
                    "passage": float(para[i, best]), "passage_standout": para_out[i]})
    return near, out


def _standout(m):
    """How far the best of each row of `m` stands above the next (the best
    itself in a row of one)."""
    import numpy as np
    if m.shape[1] < 2:
        return m.max(axis=1) if m.shape[1] else np.zeros(len(m))
    top2 = np.partition(m, m.shape[1] - 2, axis=1)[:, -2:]
    return top2[:, 1] - top2[:, 0]


def reported_features(reading: Reading, p: list[float]) -> dict[str, float]:
    """The signals of the `reported` decision: the best sentence's (by `p`, the evidence model's
    probabilities) and the rules' answer; a short part (加强科普工作) is
    named in passing by many."""
    if not reading.candidates:
        return {}
    best = max(range(len(p)), key=lambda j: (p[j], -j))
    f = reading.feature(best)
    f.pop("rank", None)
    f["evidence"] = _logit(p[best])
    f["rule"] = float(reading.rule)
    f["short"] = float(len(reading.part.text) <= 8)
    return f


def delivered_features(c: Commitment, evidence: list[Evidence], kind: Kind, p_best: float,
                       rule: bool | None = None) -> dict[str, float]:
    """The signals of the `delivered` decision on a reported part: the rules' answer (`status_of`),
    a completion cue and a future cue in the clause nearest the part, the stage reported against the
    stage planned, the reported figure against the planned quantity, objects the
    evidence leaves out, another level reached, a clause sharing only a set phrase,
    an end point promised."""
    best = evidence[0]
    clause = closest_clause(best.text, c.text)
    rule = status_of(c, evidence, kind)[0] == "delivered" if rule is None else rule
    planned, said = stage(c.text, kind), stage(clause, kind)
    fig = reported_figure(c, evidence, kind) if c.quantity is not None else None
    lead = measure_opening(kind).match(c.text)
    return {
        "rule": float(rule),
        "done": float(result_cue(best.text, c.text, kind) is not None),
        "future": float(future_cue(best.text, c.text, kind) is not None),
        "reached": float(planned is not None and said is not None and said >= planned),
        "below": float(planned is not None and said is not None and said < planned),
        "met": float(fig is not None and meets_plan(c, fig[0], kind)),
        "short_of_plan": float(fig is not None and not meets_plan(c, fig[0], kind)),
        "no_figure": float(c.quantity is not None and fig is None),
        "uncovered": float(bool(uncovered(c, evidence, kind))),
        "other_level": float(other_level(c.text, clause, kind)),
        "set_phrase": float(not set(name_terms(clause)) & set(name_terms(c.text))),
        "end_point": float(bool(lead and any_of(tuple(kind.end_point_verbs)).search(lead.group()))),
        "evidence": _logit(p_best),
    }


def _logit(p: float) -> float:
    p = min(max(p, 1e-6), 1 - 1e-6)
    return math.log(p / (1 - p))


@dataclass(frozen=True)
class PartDecision:
    status: str
    evidence: list[Evidence]
    why: str                      # the completion cue or the reported figure
    score: float                  # how likely the status is right
    cue: str = ""
    reported: str = ""
    matched: str = ""


def decide(reading: Reading, review: Sequence[Passage], kind: Kind, model: Model | None,
           where: list[str], p_evidence: list[float] | None = None,
           topic: bool = True) -> PartDecision:
    """A part's status, evidence and why. Each of ranking the candidates, saying
    the part is reported and saying it is delivered is the fitted `model`'s or the rules' (the
    larger of cosine and coverage; `reported`; `status_of`) as
    `model.ranked_by`/`reported_by`/`delivered_by` say (whichever was right more often
    leave-one-pair-out, bench/fit.py); the score is the model's probability of the status given.
    Without a model, the rules decide and the score is 1. `p_evidence`: the evidence model's
    probabilities of the candidates, when already computed. `topic`: whether the topic decision may
    say a part nothing else reports is partial (it is made on a whole row, whose words it was fitted
    on: a row of many parts has many chances to meet a paragraph on its field by chance)."""
    c = reading.part
    if not reading.candidates:
        return PartDecision("not_reported", [], "", 1.0)
    if model is not None and model.status_by == "model" and model.status is not None:
        return _decide_status(reading, review, kind, model.status, where)
    closest = reading.features[:, :2].max(axis=1).tolist()
    if model is None:
        p, p_reported = closest, (1.0 if reading.rule else 0.0)
    else:
        p = p_evidence if p_evidence is not None else model.evidence.p_rows(
            reading.features, EVIDENCE_FEATURES)
        p_reported = model.reported.p(reported_features(reading, p))
    order = sorted(range(len(p)),
                   key=lambda j: (-(p if model and model.ranked_by == "model" else closest)[j], j))
    if model is None or model.reported_by == "rules":
        is_reported = reading.rule
        if not is_reported and c.quantity is not None and c.quantity.unit not in RATE_UNITS:
            # a counted quantity close to nothing in words is reported by the
            # sentence stating its figure
            said = next(
                (j for j in order if reading.features[j][EVIDENCE_FEATURES.index("figure")]), None)
            if said is not None:
                is_reported, order = True, [said, *(j for j in order if j != said)]
    else:
        is_reported = p_reported >= 0.5
    if not is_reported:
        p_topic = (model.topic.p(reading.topic) if topic and model is not None
                   and model.topic_by == "model" else 0.0)
        if p_topic < (model.topic_above if model is not None else 1.0):
            return PartDecision("not_reported", [], "", 1.0 - p_reported
                                if model is not None else 1.0)
        # the same work in other words: reported, but nothing here says it was done
        k = reading.near
        ev = Evidence(node_id=review[k].node_id, label_path=list(review[k].label_path),
                      text=review[k].text,
                      score=round(p_topic, 4), location=where[k])
        return PartDecision("partial", [ev], "", p_topic,
                            cue=result_cue(ev.text, c.text, kind) or "",
                            matched=matched_object(c.text, ev.text, kind))
    evidence = [Evidence(node_id=review[k].node_id, label_path=list(review[k].label_path),
                         text=review[k].text,
                         score=round(p[j], 4), location=where[k])
                for j in order[:TOP] for k in [reading.candidates[j]]]
    status, why = status_of(c, evidence, kind)
    status = status if status != "not_reported" else "partial"
    score = 1.0  # the rules alone say nothing of how sure they are
    if model is not None:
        p_delivered = model.delivered.p(delivered_features(c, evidence, kind, p[order[0]],
                                                           status == "delivered"))
        if model.delivered_by == "model":
            status = "delivered" if p_delivered >= 0.5 else "partial"
        score = p_reported * (p_delivered if status == "delivered" else 1.0 - p_delivered)
    fig = reported_figure(c, evidence, kind) if c.quantity is not None else None
    if fig is not None:
        why = fig[1]
    elif status == "delivered" and not why:
        why = closest_clause(evidence[0].text, c.text)[:12]
    cue = result_cue(evidence[0].text, c.text, kind) or ""
    return PartDecision(status, evidence, why if status == "delivered" or fig or cue else "",
                        score, cue=cue,
                        reported=fig[1] if fig else "",
                        matched=matched_object(c.text, evidence[0].text, kind))


def _decide_status(reading: Reading, review: Sequence[Passage], kind: Kind, status_model: Softmax,
                   where: list[str]) -> PartDecision:
    """The status the fitted `status` decision and the rules say together. A part the rules find
    evidence for keeps it, and is delivered when the rules say so and the model does not say
    partial, or its evidence reports a count of the same thing reaching the plan's
    (`guards.met_for_same_object`; a delivered part is always explained by the cue or figure the
    rules read); a part the rules find nothing for is partial when the model says it is reported,
    cited by its closest sentences (of the measures the labels call reported and the rules do not,
    the closest sentence is the evidence for half) and scored by the model's probability that it
    is reported. Of the ways of combining the two, the one right most often leave-one-pair-out
    (the model alone: 443 of 648 labelled measures; this: 450; the rules and the topic decision:
    423)."""
    rules = decide(reading, review, kind, None, where)
    p = status_model.p(status_features(reading, rules.status))
    said = status_model.classes[p.index(max(p))]
    if rules.status != "not_reported":
        # a count reaching the plan's, of the same thing, is delivered whatever the model says
        met = rules.status == "delivered" and any(
            met_for_same_object(reading.part.text, e.text) for e in rules.evidence)
        status = "partial" if said == "partial" and not met else rules.status
        return replace(rules, status=status, score=p[status_model.classes.index(status)],
                       why=rules.why if status == "delivered" or rules.reported or rules.cue
                       else "")
    if said == "not_reported":
        return PartDecision(said, [], "", max(p))
    c = reading.part
    closest = reading.features[:, :2].max(axis=1).tolist()
    order = sorted(range(len(closest)), key=lambda j: (-closest[j], j))
    reported = 1.0 - p[status_model.classes.index("not_reported")]
    evidence = [Evidence(node_id=review[k].node_id, label_path=list(review[k].label_path),
                         text=review[k].text, score=round(reported if n == 0 else closest[j], 4),
                         location=where[k])
                for n, j in enumerate(order[:TOP]) for k in [reading.candidates[j]]]
    cue = result_cue(evidence[0].text, c.text, kind) or ""
    fig = reported_figure(c, evidence, kind) if c.quantity is not None else None
    return PartDecision("partial", evidence, fig[1] if fig else cue, max(p), cue=cue,
                        reported=fig[1] if fig else "",
                        matched=matched_object(c.text, evidence[0].text, kind))


def matched_object(measure: str, sentence: str, kind: Kind) -> str:
    """The longest run of characters the measure's object (its leading verbs left out) shares with
    the evidence: the thing both speak of (盐田北综合车场, 老旧小区)."""
    from difflib import SequenceMatcher
    obj = measure_opening(kind).sub("", measure, count=1) or measure
    m = SequenceMatcher(None, obj, sentence, autojunk=False).find_longest_match(
        0, len(obj), 0, len(sentence))
    run = obj[m.a:m.a + m.size].strip("，,。；;：:、 ")
    return run if len(run) >= 2 else ""


def track_commitments(old: Report, new: Report, kind: Kind, scorer=DEFAULT,
                      model: Model | None | str = "shipped"
                      ) -> list[CommitmentResult]:
    """Each plan measure (row) of `old`, traced part by part to `new`'s review.

    A row is delivered when every checked part is, not_reported when none is reported, else
    partial; its evidence is each reported part's best sentence first. `model`: the fitted
    decisions (`compare.engine.model`), the shipped ones by default, None for the rules alone.

    >>> from compare.store import load_report
    >>> from compare.kinds import load_kind
    >>> old, new = (load_report(f"reports/{y}/国务院-gov-work-report.yaml") for y in (2021, 2022))
    >>> rows = track_commitments(old, new, load_kind("gov-work-report"))
    >>> len(rows) == len(old.commitments), sorted({r.status for r in rows})
    (True, ['delivered', 'not_reported', 'partial'])
    """
    import numpy as np
    if model == "shipped":
        model = shipped()
    assert model is None or isinstance(model, Model)
    review = review_pool(new, kind)
    rows = [parts_of(c, kind) for c in old.commitments]
    carried = carried_over(old, new, kind, scorer)
    flat = [pc for r in rows for pc in r]
    readings = read_parts(flat, review, kind, scorer)
    where_review = [location(new, p.label_path) for p in review]
    # the evidence model over every candidate of every part at once
    p_all: list[list[float]] = []
    if model is not None and readings:
        sizes = [len(r.candidates) for r in readings]
        flat_p = model.evidence.p_rows(np.concatenate([r.features for r in readings]),
                                       EVIDENCE_FEATURES)
        p_all = [flat_p[a - n:a] for a, n in zip(np.cumsum(sizes).tolist(), sizes, strict=True)]
    per_row, at = [], 0
    for i in range(len(old.commitments)):
        mine = readings[at:at + len(rows[i])]
        at += len(rows[i])
        per_row.append((mine, [decide(r, review, kind, model, where_review,
                                      p_all[at - len(rows[i]) + j] if p_all else None,
                                      topic=len(mine) == 1) for j, r in enumerate(mine)]))
    if model is not None and model.topic_by == "model":
        _topic_rows(old.commitments, per_row, review, kind, model, where_review, scorer)
    out = []
    for i, c in enumerate(old.commitments):
        mine, decided = per_row[i]
        checked = [d for r, d in zip(mine, decided, strict=True) if r.checked]
        status = rollup([d.status for d in checked])
        out.append(CommitmentResult(
            commitment_id=c.id, section_id=c.section_id, text=c.text, status=status,
            confidence=round(float(np.min([d.score for d in checked])), 4),
            evidence=_row_evidence(decided) if status != "not_reported" else [],
            cues=[d.why for d in checked if d.why and d.status != "not_reported"],
            location=location(old, [*c.label_path, f"¶{c.paragraph}"]) if c.paragraph else "",
            quantity=c.quantity, carried_over=carried[i],
            completion_cue="、".join(dict.fromkeys(d.cue for d in checked if d.cue
                                                  and d.status == "delivered")),
            planned=[r.part.quantity.text for r in mine if r.checked
                     and r.part.quantity is not None],
            reported=[d.reported for r, d in zip(mine, decided, strict=True) if r.checked
                      and r.part.quantity is not None],
            matched="、".join(dict.fromkeys(d.matched for d in checked if d.matched
                                           and d.status != "not_reported")),
            to_verify=model is not None
            and float(np.min([d.score for d in checked])) < model.verify_below,
            parts=[PartResult(text=r.part.text, checked=r.checked, status=d.status, cue=d.cue,
                              planned=r.part.quantity.text if r.part.quantity else "",
                              reported=d.reported,
                              matched=d.matched, score=round(d.score, 4),
                              evidence=d.evidence[0] if d.evidence else None)
                   for r, d in zip(mine, decided, strict=True)]))
    return out


def _topic_rows(commitments: Sequence[Commitment],
                per_row: list[tuple[list[Reading], list[PartDecision]]],
                review: Sequence[Passage], kind: Kind, model: Model, where: list[str],
                scorer=DEFAULT) -> None:
    """A row of several parts none of which is reported: the topic decision on the row's words as a
    whole; when it finds the row reported in other words, the part sharing most bigrams with the
    sentence it cites is partial on that sentence (in place in `per_row`)."""
    todo = [i for i, (mine, decided) in enumerate(per_row) if len(mine) > 1
            and all(d.status == "not_reported" for r, d in zip(mine, decided, strict=True)
                    if r.checked)]
    whole = read_parts([(commitments[i], True) for i in todo], review, kind, scorer)
    for i, reading in zip(todo, whole, strict=True):
        d = decide(reading, review, kind, model, where)
        if d.status == "not_reported":
            continue
        mine, decided = per_row[i]
        said = set(bigram_terms(d.evidence[0].text))
        j = max((j for j, r in enumerate(mine) if r.checked),
                key=lambda j: (len(said & set(bigram_terms(mine[j].part.text))), -j))
        decided[j] = replace(d, matched=matched_object(mine[j].part.text, d.evidence[0].text, kind))


def _row_evidence(decided: list[PartDecision]) -> list[Evidence]:
    """A row's citations: each reported part's best sentence, then the others,
    best first, once each."""
    firsts = sorted((d.evidence[0] for d in decided if d.evidence), key=lambda e: -e.score)
    rest = sorted((e for d in decided for e in d.evidence[1:]), key=lambda e: -e.score)
    out: list[Evidence] = []
    for e in [*firsts, *rest]:
        if all(e.text != o.text for o in out):
            out.append(e)
    return out[:max(TOP, len(firsts))]


def _figure_evidence(c: Commitment, scores, review: Sequence[Passage], new: Report, kind: Kind,
                     where: list[str]) -> list[Evidence]:
    """For a quantity no sentence is close to in words: the one of its FIGURE_POOL closest sentences
    reporting a figure in its unit under its indicator's words (人才住房和保障性住房3000套 ↔
    建设筹集公共住房3100套, in a sentence listing many figures), cited first."""
    pool = cite(scores, review, new, FIGURE_POOL, order=best_first(scores, FIGURE_POOL),
                where=where)
    fig = reported_figure(c, pool, kind)
    return [fig[2], *(e for e in pool if e is not fig[2])][:TOP] if fig else []
