"""The topic decision (issue 18 round 2): a part the rules find no evidence for is reported in other
words when the review's paragraph on the same field is close to it; it is then partial, never
delivered, and cites that paragraph's sentence closest by characters."""
from dataclasses import replace

from compare.engine import compare_reports
from compare.engine.model import Logistic, shipped
from compare.engine.passages import Passage
from compare.engine.rules import _topic, read_parts
from compare.engine.track import _topic_row, decide
from compare.ingest import ingest_text
from compare.kinds import load_kind
from compare.schema import Commitment
from tests.support import local2

KIND = load_kind("gov-work-report")
# 就业 paragraph, then one on roads: the employment measure shares no name with the sentence
# reporting its outcome (毕业生, one trigram, is none: rules.NAME_TRIGRAMS), only single characters
# (就业, 岗位) and the paragraph's field
REVIEW = [Passage("a", ("一、", "¶1"), "就业形势保持稳定。", "review", "s"),
          Passage("a", ("一、", "¶1"), "发放创业担保贷款670万元，新增就业岗位2887个，"
                                     "毕业生就业率达到95%。", "review", "s"),
          Passage("b", ("一、", "¶2"), "完成道路改造12公里。", "review", "s"),
          Passage("b", ("一、", "¶2"), "新建停车泊位800个，城区交通更加顺畅。", "review", "s")]
PART = Commitment(id="m", section_id="s",
                  text="落实好就业扶持政策，解决好高校毕业生等重点人群就业问题")


def test_the_closest_paragraph_gives_its_sentence_closest_by_characters():
    near, signals = _topic([PART.text], REVIEW)
    assert near == [1]
    assert signals[0]["passage"] > 0 and signals[0]["passage_standout"] > 0 and signals[0][
        "char"] > 0


def test_a_part_reported_in_other_words_is_partial_and_cites_that_sentence():
    (reading,) = read_parts([(PART, True)], REVIEW, KIND)
    assert not reading.rule  # the rules find nothing: no run of three characters names its object
    sure = replace(shipped(), status_by="rules", ranked_by="rules", reported_by="rules",
                   delivered_by="rules", topic=Logistic(bias=30.0), topic_by="model",
                   topic_above=0.5)
    d = decide(reading, REVIEW, KIND, sure, [""] * len(REVIEW))
    # a completion cue (达到) in the cited sentence does not make it delivered: the
    # words are not its own
    assert d.status == "partial" and d.evidence[0].text == REVIEW[1].text
    assert decide(reading, REVIEW, KIND, replace(sure, topic_by="rules"),
                  [""] * len(REVIEW)).status == "not_reported"
    assert decide(reading, REVIEW, KIND, replace(sure, topic=Logistic(bias=-30.0)),
                  [""] * len(REVIEW)).status \
        == "not_reported"
    assert decide(reading, REVIEW, KIND, None, [""] * len(REVIEW)).status == "not_reported"


def test_a_row_of_several_parts_is_read_as_a_whole():
    """Parts are decided without the topic decision (a row of many parts has many chances to meet a
    paragraph on its field by chance); the row's words as a whole are, and the
    part sharing most with the sentence the row cites (the 就业 paragraph's)
    is made partial on it."""
    parts = [Commitment(id="m", section_id="s", text="落实好扶持政策"),
             Commitment(id="m", section_id="s", text="解决好重点人群就业问题")]
    whole = Commitment(id="m", section_id="s", text="落实好扶持政策，解决好重点人群就业问题")
    readings = read_parts([(p, True) for p in parts], REVIEW, KIND)
    sure = replace(shipped(), status_by="rules", ranked_by="rules", reported_by="rules",
                   delivered_by="rules", topic=Logistic(bias=30.0), topic_by="model",
                   topic_above=0.5)
    where = [""] * len(REVIEW)
    per_row = [(readings, [decide(r, REVIEW, KIND, sure, where, topic=False) for r in readings])]
    assert [d.status for d in per_row[0][1]] == ["not_reported", "not_reported"]
    (row,) = read_parts([(whole, True)], REVIEW, KIND)
    _, decided = _topic_row(*per_row[0], decide(row, REVIEW, KIND, sure, where), KIND)
    assert [d.status for d in decided] == ["not_reported", "partial"]
    assert decided[1].evidence[0].text == REVIEW[row.near].text and REVIEW[
        row.near].node_id == "a"


def test_a_project_reported_by_its_recognition_in_a_real_review():
    """海拉尔区 2017 plans 重点实施五所普通中小学新建扩建、…、素质教育基地…等工程建设; 2018 reports
    only 素质教育实践基地被教育部确定为第一批“全国中小学生研学实践教育营地” (the
    hand-labelled evidence, bench/gold/sample-hailaer-2017-2018.yaml r28: partial), which shares no
    run of three characters with the row's object: the rules alone find nothing."""
    old, new = (ingest_text(local2("海拉尔区", y).read_text(encoding="utf-8"),
                            kind="gov-work-report",
                            name_hint="report.txt") for y in (2017, 2018))

    def row(model):
        return next(c for c in compare_reports(old, new, model=model).commitments
                    if "五所普通中小学" in c.text)
    assert row(None).status == "not_reported"
    found = row("shipped")
    assert found.status == "partial" and "素质教育实践基地被教育部确定" in found.evidence[0].text


def test_track_commitments_reads_a_row_of_several_unreported_parts_whole():
    """Through the tracker itself (not only `_topic_row`): with a topic decision that always
    says reported, a row of several parts none of which the rules find (国务院 2021's
    取消港口建设费，将民航发展基金航空公司征收标准降低20%) is read whole and one part made
    partial on it."""
    from compare.engine.track import track_commitments
    from compare.store import load_report
    from tests.support import ROOT
    old, new = (load_report(ROOT / "reports" / str(y) / "国务院-gov-work-report.yaml")
                for y in (2021, 2022))
    sure = replace(shipped(), topic=Logistic(bias=30.0), topic_by="model", topic_above=0.5)
    rows = {r.text: r for r in track_commitments(old, new, KIND, model=sure)}
    row = next(r for t, r in rows.items() if t.startswith("取消港口建设费"))
    assert len(row.parts) == 2 and row.status == "partial"
    assert sorted(p.status for p in row.parts) == ["not_reported", "partial"]
