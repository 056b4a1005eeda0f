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
  as targets are (`judge.meets`): delivered when it meets the plan, else partial;
  without a figure in its unit, as an action but only on a completion cue;
- an action: delivered when the evidence states it in a past or result sense (a
  completion cue not governed by a future/imperative cue such as 要, 将, 力争) or
  restates the measure's own action without such a cue, in a clause sharing a run of three
  characters with the measure (not only a set phrase: 国家公园 for 国家文化公园); else partial.

Those are the rules (`status_of`). The shipped model (model.yaml: `status_by: model`) has the
last word on every part (`_decide_status`): a fitted 3-class decision that turns the rules'
delivered into partial when it doubts it (unless a count of the same thing reaches the plan's,
`guards.met_for_same_object`) and the rules' not_reported into partial when it finds the part
reported; its probability is the part's score. A cue word added to a template is read by the
rules (the row's 完成用语) and may still leave the status as the decision has it.
"""
from __future__ import annotations

import math
from collections.abc import Sequence
from typing import NamedTuple

from compare.engine.carried import carried_over
from compare.engine.guards import met_for_same_object
from compare.engine.model import Model, Softmax, shipped
from compare.engine.passages import (
    Passage,
    location,
    review_sentences,
    without_headings,
    year_sentences,
)
from compare.engine.rollups import rollup
from compare.engine.rules import (
    EVIDENCE_FEATURES,
    TOP,
    TOPIC_FEATURES,
    WHOLE_FEATURES,
    Reading,
    Said,
    cited,
    read_parts,
    spoken_of,
)
from compare.engine.scorers import DEFAULT
from compare.ingest.measures import aims, comparator, split_parts
from compare.ingest.quantities import RATE_UNITS, printed
from compare.kinds import Kind
from compare.schema import (
    Commitment,
    CommitmentResult,
    Evidence,
    PartResult,
    PlannedQuantity,
    Report,
    TargetResult,
)

# ---- parts, and the decisions on their readings (rules.py) ----------------------------------

REPORTED_FEATURES = ("evidence", "cosine", "coverage", "shared", "standout", "object", "figure",
                     "rule", "short")
DELIVERED_FEATURES = ("rule", "done", "future", "reached", "below", "met", "short_of_plan",
                      "no_figure", "uncovered", "other_level", "set_phrase", "end_point",
                      "evidence")
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
                           text=printed(text, q))


def review_pool(new: Report, kind: Kind) -> list[Passage]:
    """The sentences of N+1's review a measure's evidence is cited from (`review_sentences`: not
    its problem list, nor its thanks and tributes), not a term-end report's five-year passages
    (五年来…累计…), not a heading alone (健全社会保障体系。, the first sentence of a passage whose
    other sentences report the work), not the lead framing the year under its guiding thought
    (the kind's `review_framing`: 一年来，我们坚持以…思想为指导，…), which reports no task."""
    five_years = {x for x, one_year in year_sentences(new, kind) if not one_year}
    framing = kind.cues.review_framing
    # a heading is told by the sentences after it, five-year ones too (四是加强社会治安综合治理。
    # 依法严厉打击…: the heading alone stays when its passage is left out). The lead is left out
    # here, not from `review_sentences`: the shortcomings weigh a sentence by how far it stands
    # out from the others, and without the lead 4 labelled problems moved, each onto a sentence
    # about something else (dev, 2026-12-05).
    return [p for p in without_headings(review_sentences(new, kind))
            if p.text not in five_years and not framing.search(p.text)]


def status_of(said: Said) -> tuple[str, str]:
    """A reported part's status by the rules, and why (the cue or figure it rests on)."""
    # a clause reporting a lower stage than the part plans (开工 for 建成, 建成 for 投产): work on
    # it, not its delivery, whatever its cue or figure
    if said.quantity:
        if said.short_stage:
            return "partial", said.figure[1] if said.figure else said.cue or ""
        if said.figure is None:
            # no figure in the planned unit (…道路整治全面完成 for 10条道路, 4.6公里): the
            # review's own words decide, as for an action, but only a completion cue counts
            return (("delivered", said.cue) if said.cue and not said.uncovered
                    else ("partial", said.cue or ""))
        return ("delivered" if said.meets else "partial"), said.figure[1]
    # a clause sharing no run of three characters with the measure meets it through a set phrase
    # (国家公园 for 建设国家文化公园, 信访 for 完善信访制度): whatever its tense,
    # something else was done
    if said.uncovered or said.other_level or said.set_phrase or said.short_stage:
        return "partial", said.cue or ""
    if said.cue:
        return "delivered", said.cue
    # No completion word: an open-ended action (推进, 实施…) restated in the review without a
    # future/imperative cue was carried out; a measure promising an end point (建成, 出台…) was not
    # shown to reach it.
    if said.future or said.end_point:
        return "partial", ""
    return "delivered", said.clause[:12]


def status_features(reading: Reading, rules: str) -> dict[str, float]:
    """The signals of the `status` decision: the closest sentence's, the topic decision's, the
    review's as a whole (`_whole`) and the rules' status."""
    closest = reading.features[:, :2].max(axis=1).tolist()
    best = max(range(len(closest)), key=lambda j: (closest[j], -j))
    f = {f"closest_{k}": v for k, v in reading.feature(best).items() if k != "rank"}
    return {**f, **{f"topic_{k}": v for k, v in reading.topic.items()}, **reading.whole,
            **{f"rules_{s}": float(rules == s) for s in STATUSES}}


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


def delivered_features(said: Said, p_best: float, rule: bool | None = None) -> dict[str, float]:
    """The signals of the `delivered` decision on a reported part, from what its cited sentences
    say (`rules.read`): the rules' answer (`status_of`), a completion cue and a future cue in the
    clause nearest the part, the stage reported against the stage planned, the reported figure
    against the planned quantity, objects the evidence leaves out, another level reached, a clause
    sharing only a set phrase, an end point promised."""
    rule = status_of(said)[0] == "delivered" if rule is None else rule
    planned, reached, fig = said.planned, said.reached, said.figure
    return {
        "rule": float(rule),
        "done": float(said.cue is not None),
        "future": float(said.future is not None),
        "reached": float(planned is not None and reached is not None and reached >= planned),
        "below": float(planned is not None and reached is not None and reached < planned),
        "met": float(fig is not None and said.meets),
        "short_of_plan": float(fig is not None and not said.meets),
        "no_figure": float(said.quantity and fig is None),
        "uncovered": float(said.uncovered),
        "other_level": float(said.other_level),
        "set_phrase": float(said.set_phrase),
        "end_point": float(said.opening and said.end_point),
        "evidence": _logit(p_best),
    }


def _logit(p: float) -> float:
    p = min(max(p, 1e-6), 1 - 1e-6)
    return math.log(p / (1 - p))


class PartDecision(NamedTuple):  # a NamedTuple: see ingest.quantities.Quantity
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
        ev, says = cited(reading, [(reading.near, p_topic)], review, where, kind)
        return PartDecision("partial", ev, "", p_topic, cue=says.cue or "", matched=says.matched)
    evidence, says = cited(reading, [(reading.candidates[j], p[j]) for j in order[:TOP]], review,
                            where, kind)
    status, why = status_of(says)
    score = 1.0  # the rules alone say nothing of how sure they are
    if model is not None:
        p_delivered = model.delivered.p(delivered_features(says, p[order[0]],
                                                           status == "delivered"))
        if model.delivered_by == "model":
            status = "delivered" if p_delivered >= 0.5 else "partial"
        score = p_reported * (p_delivered if status == "delivered" else 1.0 - p_delivered)
    fig = says.figure
    if fig is not None:
        why = fig[1]
    elif status == "delivered" and not why:
        why = says.clause[:12]
    cue = says.cue or ""
    return PartDecision(status, evidence, why if status == "delivered" or fig or cue else "",
                        score, cue=cue, reported=fig[1] if fig else "", matched=says.matched)


def _decide_status(reading: Reading, review: Sequence[Passage], kind: Kind, status_model: Softmax,
                   where: list[str]) -> PartDecision:
    """The status the fitted `status` decision and the rules say together. A part the rules find
    evidence for keeps it, and is delivered when the rules say so and the model says delivered
    too, or its evidence reports a count of the same thing reaching the plan's
    (`guards.met_for_same_object`; a delivered part is always explained by the cue or figure the
    rules read); a part the rules find nothing for is partial when the model says it is reported,
    cited by its closest sentences (of the measures the labels call reported and the rules do not,
    the closest sentence is the evidence for half). Of the ways of combining the two, the one right
    most often leave-one-pair-out (the model alone: 443 of 648 labelled measures; this: 450; the
    rules and the topic decision: 423).

    Those sentences are scored by their closeness, as the rules score theirs, and the model's
    probability is the part's score: a row's citations are ordered by their scores
    (`_row_evidence`), and the probability, above most closenesses, put a part read on words alone
    before a part the rules found named (dev: evidence top-1 244 → 253/551, nothing else moves)."""
    rules = decide(reading, review, kind, None, where)
    p = status_model.p(status_features(reading, rules.status))
    said = status_model.classes[p.index(max(p))]
    if rules.status != "not_reported":
        # a count reaching the plan's, of the same thing, is delivered whatever the model says
        met = rules.status == "delivered" and any(
            met_for_same_object(reading.part.text, e.text) for e in rules.evidence)
        # a delivered part the model calls not reported at all is not shown done by the rules'
        # cue alone: partial, as when the model says partial (dev, `bench/accuracy.py --variants
        # lopo`: not reported marked delivered 8 → 6/868, status on real measures 689 → 691/984)
        doubt = said == "partial" or (said == "not_reported" and rules.status == "delivered")
        status = "partial" if doubt and not met else rules.status
        return rules._replace(status=status, score=p[status_model.classes.index(status)],
                       why=rules.why if status == "delivered" or rules.reported or rules.cue
                       else "")
    if said == "not_reported":
        return PartDecision(said, [], "", max(p))
    closest = reading.features[:, :2].max(axis=1).tolist()
    order = sorted(range(len(closest)), key=lambda j: (-closest[j], j))
    evidence, says = cited(reading, [(reading.candidates[j], closest[j]) for j in order[:TOP]],
                           review, where, kind)
    cue, fig = says.cue or "", says.figure
    return PartDecision("partial", evidence, fig[1] if fig else cue, max(p), cue=cue,
                        reported=fig[1] if fig else "", matched=says.matched)


def track_commitments(old: Report, new: Report, kind: Kind, scorer=DEFAULT,
                      model: Model | None | str = "shipped",
                      targets: Sequence[TargetResult] = ()) -> list[CommitmentResult]:
    """Each plan measure (row) of `old`, traced part by part to `new`'s review.

    A row is delivered when every checked part is, not_reported when none is reported, else
    partial; its evidence is each reported part's best sentence first. `model`: the fitted
    decisions (`compare.engine.model`), the shipped ones by default, None for the rules alone.
    `targets`: `old`'s targets as judged (`judge_targets`); a part stating one of them has its
    verdict (`as_judged`).

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
        # a row of several parts none of which is reported: the topic decision on its words whole
        todo = [i for i, (mine, decided) in enumerate(per_row) if len(mine) > 1
                and all(d.status == "not_reported" for r, d in zip(mine, decided, strict=True)
                        if r.checked)]
        whole = read_parts([(old.commitments[i], True) for i in todo], review, kind, scorer)
        for i, reading in zip(todo, whole, strict=True):
            per_row[i] = _topic_row(*per_row[i], decide(reading, review, kind, model, where_review),
                                    kind)
    judged = [t for t in targets if t.verdict != "not_reported" and t.actual is not None]
    if judged:
        per_row = [(mine, [as_judged(r, d, judged, review, where_review)
                           for r, d in zip(mine, decided, strict=True)])
                   for mine, decided in per_row]
    out = []
    for i, c in enumerate(old.commitments):
        mine, decided = per_row[i]
        checked = [d for r, d in zip(mine, decided, strict=True) if r.checked]
        status = rollup([d.status for d in checked])
        # a row is as sure as its least sure part (Python's min, once: numpy's, twice a row, was
        # 0.6% of a `yoy compare`'s instructions)
        low = float(min(d.score for d in checked))
        out.append(CommitmentResult(
            commitment_id=c.id, section_id=c.section_id, text=c.text, status=status,
            confidence=round(low, 4),
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
            and low < model.verify_below,
            parts=[PartResult(text=r.part.text, checked=r.checked, status=d.status, cue=d.cue,
                              planned=r.part.quantity.text if r.part.quantity else "",
                              reported=d.reported,
                              matched=d.matched, score=round(d.score, 4),
                              evidence=d.evidence[0] if d.evidence else None)
                   for r, d in zip(mine, decided, strict=True)]))
    return out


def as_judged(reading: Reading, d: PartDecision, judged: Sequence[TargetResult],
              review: Sequence[Passage], where: list[str]) -> PartDecision:
    """A part stating a plan target (今年赤字率拟按2.8%左右安排: it names the indicator and prints
    the target's figure) has the target's verdict, met delivered and missed partial, on the
    sentence the verdict rests on: one sentence of the plan, one answer on its 目标 and 举措 rows.
    Any other part, or one whose verdict's sentence is not in the review, is as decided."""
    q = reading.part.quantity
    if not reading.checked or q is None:
        return d
    t = next((t for t in judged if t.indicator in reading.part.text and q.text in t.text), None)
    k = next((k for k, p in enumerate(review) if t and t.actual_text and t.actual_text in p.text),
             None)
    if t is None or k is None:
        return d
    p = review[k]
    said = Evidence(node_id=p.node_id, label_path=list(p.label_path), text=t.actual_text or "",
                    score=1.0, location=where[k])
    figure = d.reported or f"{t.actual:g}{t.unit}"
    return d._replace(status="delivered" if t.verdict == "met" else "partial",
                      evidence=[said, *(e for e in d.evidence if e.text != said.text)],
                      why=figure, score=1.0, reported=figure, matched=t.indicator)


def _topic_row(mine: list[Reading], decided: list[PartDecision], d: PartDecision,
               kind: Kind) -> tuple[list[Reading], list[PartDecision]]:
    """A row of several parts none of which is reported, after the topic decision `d` on the row's
    words as a whole: when `d` finds the row reported in other words, the part sharing most bigrams
    with the sentence it cites is partial on that sentence."""
    if d.status == "not_reported":
        return mine, decided
    checked = [j for j, r in enumerate(mine) if r.checked]
    n, matched = spoken_of([mine[j].part.text for j in checked], d.evidence[0].text, kind)
    return mine, [d._replace(matched=matched) if k == checked[n] else x
                  for k, x in enumerate(decided)]


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
