"""The status decision (issue 18 round 4): one multinomial model over the signals of a part, of the
review as a whole and the rules' answer says not_reported, partial or delivered; the evidence is
the rules' when they found some, else the part's closest sentences."""
from dataclasses import replace

import pytest

from compare.engine import compare_reports
from compare.engine.model import Softmax, from_dict, shipped, to_dict
from compare.engine.passages import Passage
from compare.engine.rules import read_parts
from compare.engine.track import STATUS_FEATURES, STATUSES, decide, status_features
from compare.ingest import ingest_text
from compare.kinds import load_kind
from compare.schema import Commitment
from tests.support import local2, task_named

KIND = load_kind("gov-work-report")
# 广东省 2025's review on roads, then on hospitals: the plan's 大通道 shares no run of three
# characters with the crossing that was opened
REVIEW = [Passage("a", ("一、", "¶1"), "黄茅海跨海通道建成通车，大湾区互联互通再添海上黄金通道。",
                  "review", "s"),
          Passage("a", ("一、", "¶1"), "新改建农村公路超5000公里，改造农村公路危旧桥梁240座。",
                  "review", "s"),
          Passage("b", ("一、", "¶2"), "新增三甲医院12家，县级医院综合能力持续提升。",
                  "review", "s")]
PART = Commitment(id="m", section_id="s",
                  text="进一步打通跨江跨海和出省大通道，打造交通强国先行示范省")


def always(status: str) -> Softmax:
    """A status model saying `status` whatever the signals."""
    return Softmax(STATUSES, tuple(9.0 if s == status else 0.0 for s in STATUSES), {})


@pytest.fixture(scope="module")
def reading():
    (r,) = read_parts([(PART, True)], REVIEW, KIND)
    return r


def test_the_review_as_a_whole_is_read_against_the_part(reading):
    w = reading.whole
    assert set(w) <= set(STATUS_FEATURES) and set(status_features(reading, "partial")) == set(
        STATUS_FEATURES)
    # its object's bigrams found anywhere in the review are found among its closest sentences too,
    # and some but not all are (跨海, 通道 but not 出省, 示范)
    assert 0 < w["top_k"] == w["anywhere"] < 1
    # 跨海 is in one sentence, 通道 in one: rare words weigh more than the plain share says
    assert w["rare_anywhere"] > 0
    assert w["near_is_top"] == 1.0 and w["best"] >= w["margin"] > 0
    # nothing of the part in a review about something else
    (other,) = read_parts([(PART, True)], REVIEW[2:], KIND)
    assert other.whole["anywhere"] == other.whole["top_k"] == 0.0


def test_the_model_decides_and_cites_the_closest_sentence_when_the_rules_find_nothing(reading):
    where = [""] * len(REVIEW)
    assert decide(reading, REVIEW, KIND, None, where).status == "not_reported"
    model = replace(shipped(), status_by="model", status=always("partial"))
    d = decide(reading, REVIEW, KIND, model, where)
    assert d.status == "partial" and d.evidence[0].text == REVIEW[0].text
    assert d.score > 0.99 and d.cue == "建成" and d.matched == "跨海"
    # cited at its closeness, as the rules cite theirs (the probability is the part's score): a
    # row's citations are ordered by these scores
    closeness = reading.features[0, :2].max()
    assert d.evidence[0].score == pytest.approx(closeness, abs=1e-4) and closeness < 0.5
    # delivered needs the rules' reading too: the rules find nothing here, so partial
    d = decide(reading, REVIEW, KIND, replace(model, status=always("delivered")), where)
    assert d.status == "partial" and d.evidence[0].text == REVIEW[0].text
    d = decide(reading, REVIEW, KIND, replace(model, status=always("not_reported")), where)
    assert d.status == "not_reported" and d.evidence == []
    # the status decision off: the four decisions of rounds 1–3 (the topic one may say partial)
    assert decide(reading, REVIEW, KIND, replace(model, status_by="rules",
                                                 topic_by="rules"), where).status == "not_reported"


def test_the_model_ships_as_data():
    m = shipped()
    assert m is not None and m.status is not None
    # what it was fitted on and at (bench/fit.py at 3d3882b gives it back exactly, 2026-12-04)
    assert m.fitted_measures > 0 and m.fitted_at
    again = from_dict(to_dict(m))
    assert again.status == m.status and again.status_by == m.status_by
    x = dict.fromkeys(STATUS_FEATURES, 0.5)
    assert again.status.p(x) == m.status.p(x) and abs(sum(m.status.p(x)) - 1) < 1e-9


@pytest.fixture(scope="module")
def guangdong():
    """广东省 2024 → 2025, as bench/gold/sample-guangdong-2024-2025.yaml labels them (dev data,
    fitted on)."""
    return tuple(ingest_text(local2("广东省", y).read_text(encoding="utf-8"),
                             kind="gov-work-report",
                             name_hint="report.txt") for y in (2024, 2025))


def test_a_measure_the_rules_miss_is_partial_on_its_evidence_in_a_real_review(guangdong):
    """Labelled partial (the review's one crossing opened, not the network built); the rules find
    no sentence naming 大通道."""
    quote, evidence = "进一步打通跨江跨海和出省大通道", "黄茅海跨海通道建成通车"
    old, new = guangdong

    def task(model):
        row = next(r for r in compare_reports(old, new, model=model).commitments
                   if quote in r.text)
        return task_named(row, quote)
    assert task(None).status == "not_reported"
    found = task("shipped")
    assert found.status == "partial" and evidence in found.evidence[0].text


def test_what_the_rules_find_is_kept_and_delivered_needs_both():
    """A part the rules find evidence for keeps it whatever the model says; delivered is said only
    when the rules say it and the model says delivered too (a model saying not reported leaves the
    rules' completion cue alone: partial)."""
    part = Commitment(id="m", section_id="s", text="建成黄茅海跨海通道")
    (r,) = read_parts([(part, True)], REVIEW, KIND)
    where = [""] * len(REVIEW)
    rules = decide(r, REVIEW, KIND, None, where)
    assert rules.status == "delivered" and rules.evidence[0].text == REVIEW[0].text
    model = replace(shipped(), status_by="model")
    for said, status in (("not_reported", "partial"), ("delivered", "delivered"),
                         ("partial", "partial")):
        d = decide(r, REVIEW, KIND, replace(model, status=always(said)), where)
        assert (d.status, d.evidence[0].text) == (status, REVIEW[0].text), said


def test_an_exact_sum_of_the_same_funds_stays_delivered(state_council):
    """国务院 2021's 将2.8万亿元中央财政资金纳入直达机制 (labelled delivered): 2022's review
    reports the very sum of the very funds; a status model saying partial does not undo that
    (`guards.met_for_same_object`)."""
    quote = "将2.8万亿元中央财政资金纳入直达机制"
    model = replace(shipped(), status_by="model", status=always("partial"))
    row = next(r for r in compare_reports(state_council[2021], state_council[2022],
                                          model=model).commitments if quote in r.text)
    task = task_named(row, quote)
    assert task.status == "delivered" and "2.8万亿元" in task.evidence[0].text


def test_each_half_of_the_status_decision_can_be_taken_back_by_the_rules():
    """`make ablate`'s lopo-no-added and lopo-no-doubt (bench/accuracy.py's ABLATIONS, what
    bench/ablate.py measures): a model whose status decision says what the rules say on the parts
    they find nothing for, or on the parts they call delivered, and still decides the others."""
    import sys

    from tests.support import bench_module
    # the module tests/test_accuracy.py loaded, if it did: loaded again, its functions would no
    # longer be the ones its worker processes pickle by name
    ablations = (sys.modules.get("accuracy") or bench_module("accuracy")).ABLATIONS
    where = [""] * len(REVIEW)
    (missed,) = read_parts([(PART, True)], REVIEW, KIND)  # the rules: not_reported
    (named,) = read_parts([(Commitment(id="m", section_id="s", text="建成黄茅海跨海通道"), True)],
                          REVIEW, KIND)  # the rules: delivered
    doubting = replace(shipped(), status_by="model", status=always("partial"))

    def said(reading, model):
        return decide(reading, REVIEW, KIND, model, where).status
    assert (said(missed, doubting), said(named, doubting)) == ("partial", "partial")
    no_added, no_doubt = ablations["lopo-no-added"](doubting), ablations["lopo-no-doubt"](doubting)
    assert (said(missed, no_added), said(named, no_added)) == ("not_reported", "partial")
    assert (said(missed, no_doubt), said(named, no_doubt)) == ("partial", "delivered")
    # a model sure the part was never reported does not outweigh the rules' delivered either
    sure = replace(doubting, status=always("not_reported"))
    assert said(named, sure) == "partial" and said(named, ablations["lopo-no-doubt"](sure)) == (
        "delivered")
