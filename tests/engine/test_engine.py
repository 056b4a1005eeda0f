"""The comparison engine against gold read off the real reports."""

from concurrent.futures import ThreadPoolExecutor
from itertools import pairwise

import pytest
import yaml

from compare.engine import compare_reports
from compare.engine.passages import one_comparison, sentence_passages, year_sentences
from compare.engine.rules import indicator_of, read
from compare.engine.track import status_of
from compare.errors import YoyError
from compare.files import dump_yaml
from compare.ingest import ingest_text
from compare.kinds import load_kind
from compare.schema import REVIEW_ROLES
from tests.support import DATA, task_named

GOLD = yaml.safe_load((DATA / "gov-work-report-targets.yaml").read_text(encoding="utf-8"))
LABELS = yaml.safe_load((DATA / "gold-2022-2023.yaml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def comparisons(state_council):
    return {(a, b): compare_reports(state_council[a], state_council[b])
            for a, b in ((2021, 2022), (2022, 2023))}


@pytest.mark.parametrize("pair", GOLD["pairs"], ids=lambda p: f"{p['plan']}-{p['outcome']}")
def test_target_verdicts_match_gold(pair, comparisons):
    results = {t.indicator: t for t in comparisons[(pair["plan"], pair["outcome"])].targets}
    for g in pair["targets"]:
        t = next(r for name, r in results.items() if g["words"] in name)
        assert (t.comparator, t.unit, t.actual, t.verdict) == (g["comparator"], g["unit"],
                                                               g["actual"], g["verdict"]), g["key"]
        assert g["value"] in (t.low, t.high)
        if t.actual is not None:
            assert str(g["actual"]).rstrip("0").rstrip(".") in t.actual_text


def test_five_year_figures_are_never_actuals(comparisons):
    for t in comparisons[(2022, 2023)].targets:
        if t.actual_text:
            assert not any(w in t.actual_text for w in ("五年", "年均", "十年"))


def precision(pairs: dict, gold: dict) -> float:
    return sum(pairs.get(k) == v for k, v in gold.items()) / len(gold)


def test_plan_alignment_precision(comparisons):
    got = {a.old_id: a.new_id for a in comparisons[(2022, 2023)].alignment
           if a.old_id in LABELS["plan_alignment"] and a.new_id}
    assert precision(got, LABELS["plan_alignment"]) == 1.0
    unmatched = [a for a in comparisons[(2022, 2023)].alignment if a.old_id == "s3.2"]
    assert unmatched and unmatched[0].new_id is None and unmatched[0].change == "removed"


def test_term_end_review_cites_last_year_only(comparisons, state_council):
    """2023 reviews 2022 in its opening paragraphs and five years (过去五年…, 五年来…) in the rest:
    a measure of 2022 is cited from the former alone, whatever the five-year sections restate
    (they carry most of the review: 350 of its 402 sentences)."""
    new = state_council[2023]
    periods = year_sentences(new, load_kind(new.kind))
    one_year = {x for x, one in periods if one}
    cited = [e.text for c in comparisons[(2022, 2023)].commitments for e in c.evidence]
    # measured: 50 measures with evidence, 128 citations; with the five-year sections, 260 measures
    assert len(one_year) == 52 and len(periods) == 402
    assert len(cited) >= 100 and [x for x in cited if x not in one_year] == []


def test_evidence_is_cited_with_label_paths(comparisons):
    c = next(c for c in comparisons[(2021, 2022)].commitments if c.evidence)
    assert c.evidence == sorted(c.evidence, key=lambda e: -e.score)
    assert all(e.label_path and e.text and e.location.startswith("2022年报告 ") for e in c.evidence)
    items = [e for cm in comparisons[(2021, 2022)].commitments for e in cm.evidence
             if "-i" in e.node_id]
    assert any(e.label_path[0] == "一、" and e.label_path[-1].endswith("是") for e in items)


def test_seed_plan_items_against_constructed_year(seed):
    new = (ingest_text((DATA / "新余市-2022年度法治政府建设情况-constructed.txt").read_text(
        encoding="utf-8"), kind="fazhi"))
    cmp = compare_reports(seed, new)
    def status(words: str) -> str:
        """The status of the task these words name (a part of its row)."""
        return task_named(next(c for c in cmp.commitments if words in c.text), words).status
    assert status("出台关于深入推进营商环境") == "delivered"
    assert status("大力实施“八五”普法规划") == "delivered"
    # 2022 only 继续探索…研究…: work on it, not delivery (the tense check)
    assert status("严格落实重大行政决策程序规定") == status(
        "坚持司法行政部门负责人固定列席") == "partial"
    assert status("牢记法定职责必须为") == "not_reported"
    sc = {s.text: s.status for s in cmp.shortcomings}
    assert sc["执法人员整体素质发展不平衡"] == "unresolved"
    assert sc["法治政府建设数字化程度还不够高"] == "addressed"
    assert sc["政府法律顾问作用发挥得还不够充分"] == "not_mentioned"


def test_diff_opcodes_are_difflib_compatible(comparisons):
    pairs = [p for d in comparisons[(2022, 2023)].diffs for p in d.pairs if p.old and p.new
             and p.opcodes]
    assert pairs
    for p in pairs[:50]:
        rebuilt = "".join(p.new[j1:j2] if tag != "equal" else p.old[i1:i2]
                          for tag, i1, i2, j1, j2 in p.opcodes)
        assert rebuilt == p.new
        assert {op[0] for op in p.opcodes} <= {"equal", "replace", "insert", "delete"}
        # difflib's contract: spans tile both strings in order, equal spans hold equal text
        assert p.opcodes[0][1] == p.opcodes[0][3] == 0
        assert (p.opcodes[-1][2], p.opcodes[-1][4]) == (len(p.old), len(p.new))
        for (_, _, i2, _, j2), (_, i1, _, j1, _) in pairwise(p.opcodes):
            assert (i1, j1) == (i2, j2)
        assert all(p.old[i1:i2] == p.new[j1:j2] for t, i1, i2, j1, j2 in p.opcodes if t == "equal")


def test_comparison_is_deterministic(state_council):
    a = compare_reports(state_council[2022], state_council[2023]).model_dump(mode="json")
    b = compare_reports(state_council[2022], state_council[2023]).model_dump(mode="json")
    assert dump_yaml(a) == dump_yaml(b)


def test_one_comparison_reads_a_report_once_and_keeps_nothing_after(state_council):
    """Inside one comparison the steps share one reading of a report's year sentences and of its
    review's sentences (the same list, not read again), per report and per arguments; outside it
    each call reads afresh, as in another thread: nothing is kept beyond the comparison."""
    old, new = state_council[2022], state_council[2023]
    kind = load_kind(new.kind)
    with one_comparison():
        first = year_sentences(new, kind)
        assert year_sentences(new, kind) is first
        assert year_sentences(old, kind) != first
        review = sentence_passages(new, REVIEW_ROLES, kind.shortcoming_cues)
        assert sentence_passages(new, REVIEW_ROLES, kind.shortcoming_cues) is review
        assert sentence_passages(new, REVIEW_ROLES) != review  # the problem list is not left out
        # a comparison in another thread keeps its own
        with ThreadPoolExecutor(1) as pool:
            other = pool.submit(year_sentences, new, kind).result()
        assert other == first and other is not first
    again = year_sentences(new, kind)
    assert again == first and again is not first
    assert sentence_passages(new, REVIEW_ROLES, kind.shortcoming_cues) == review


def test_refuses_unrelated_pairs(seed, state_council):
    with pytest.raises(YoyError, match="different reports"):
        compare_reports(seed, state_council[2022])
    with pytest.raises(YoyError, match="not consecutive") as refused:
        compare_reports(state_council[2021], state_council[2023])
    # the library names its own argument, never a flag of the CLI
    assert refused.value.hint == "force" and "--" not in refused.value.reason
    forced = compare_reports(state_council[2021], state_council[2023], force=True)
    assert any("forced" in w for w in forced.warnings)


def test_old_without_plan_warns_but_aligns(state_council):
    old = state_council[2021].model_copy(deep=True)
    old.commitments, old.targets = [], []
    cmp = compare_reports(old, state_council[2022])
    assert cmp.commitments == [] and cmp.targets == []
    assert cmp.warnings == ["政府工作报告 (2021) has no plan part: nothing to track"]
    whole = compare_reports(state_council[2021], state_council[2022])
    # sections align and diff as they do with the plan part's lists in place
    assert cmp.alignment == whole.alignment and cmp.diffs == whole.diffs


def gov_report(year: int, *lines: str):
    """A minimal government work report delivered in `year`, with the given body lines."""
    head = ["政府工作报告", f"——{year}年3月5日在全国人民代表大会上", "国务院总理"]
    tail = [f"三、{year}年主要任务", "（一）保持经济平稳较快发展。扩大内需。"]
    return ingest_text("\n".join([*head, *lines, *tail]), kind="gov-work-report", region="某地")


@pytest.mark.parametrize("old_lines,new_lines,expected", [
    pytest.param(  # the 2011 shape: a five-year review, a restated target
        ["一、2009年工作回顾", "过去一年，国内生产总值增长8.7%。", "二、2010年工作总体部署",
         "今年发展主要预期目标是：国内生产总值增长8%左右；城镇新增就业900万人以上；"
         "单位国内生产总值能耗降低4%左右。"],
        ["一、“十一五”时期国民经济和社会发展的回顾", "“十一五”时期是极不平凡的五年。",
         "这五年，城镇新增就业5771万人。",
         "全国没有实现年初确定的单位国内生产总值能耗降低4%左右的目标。",
         "（一）加强和改善宏观调控。国内生产总值年均增长11.2%。"],
        {"国内生产总值": (None, "not_reported"), "城镇新增就业": (None, "not_reported"),
         "单位国内生产总值能耗": (None, "not_reported")},
        id="term-end review"),
    pytest.param(  # the 2008 shape: last year's prices given in the plan part, opening with 去年
        ["一、2006年工作回顾", "过去一年，国内生产总值增长10.7%。", "二、2007年工作总体部署",
         "今年国民经济和社会发展的主要目标是：国内生产总值增长8%左右；"
         "居民消费价格总水平涨幅在3%以内。"],
        ["一、过去五年工作回顾", "这五年，国内生产总值年均增长10.6%。", "二、2008年工作总体部署",
         "去年居民消费价格总水平比上年上涨4.8%，主要是食品价格涨幅较大。"],
        {"国内生产总值": (None, "not_reported"), "居民消费价格": (4.8, "missed")},
        id="last year named outside the review"),
    pytest.param(  # a review restating last year's target is no report of its outcome
        ["一、2020年工作回顾", "过去一年，国内生产总值增长2.3%。", "二、2021年工作总体部署",
         "今年发展主要预期目标是：国内生产总值增长6%以上；城镇新增就业1100万人以上。"],
        ["一、2021年工作回顾", "过去一年，国内生产总值预期目标为增长6%以上，城镇新增就业1269万人。",
         "二、2022年工作总体部署", "今年发展主要预期目标是：国内生产总值增长5.5%左右。"],
        {"国内生产总值": (None, "not_reported"), "城镇新增就业": (1269.0, "met")},
        id="restated target"),
    pytest.param(  # 国务院 2008: the year's level beside a change over five years, no rate of 2007
        ["一、2006年工作回顾", "过去一年，国内生产总值增长10.7%。", "二、2007年工作总体部署",
         "今年国民经济和社会发展的主要目标是：国内生产总值增长8%左右；"
         "居民消费价格总水平涨幅在3%以内。"],
        ["一、过去五年工作回顾", "2007年，国内生产总值达到24.66万亿元，比2002年增长65.5%，年均增长"
         "10.6%，从世界第六位上升到第四位；去年居民消费价格总水平比上年上涨4.8%。"],
        {"国内生产总值": (None, "not_reported"), "居民消费价格": (4.8, "missed")},
        id="a base year five years back"),
    pytest.param(  # …the clause after it may give the year's own
        ["一、2006年工作回顾", "过去一年，国内生产总值增长10.7%。", "二、2007年工作总体部署",
         "今年国民经济和社会发展的主要目标是：国内生产总值增长8%左右。"],
        ["一、过去五年工作回顾", "2007年，国内生产总值达到24.66万亿元，比2002年增长65.5%，比上年"
         "增长11.4%。"],
        {"国内生产总值": (11.4, "met")},
        id="a base year five years back, then the year before"),
    pytest.param(  # …and so in the clause naming the indicator (a target word would end it there)
        ["一、2006年工作回顾", "过去一年，国内生产总值增长10.7%。", "二、2007年工作总体部署",
         "今年国民经济和社会发展的主要目标是：国内生产总值增长8%左右。"],
        ["一、过去五年工作回顾", "2007年，国内生产总值比2002年增长65.5%，比上年增长11.4%。"],
        {"国内生产总值": (11.4, "met")},
        id="a base year in the indicator's clause, then the year before"),
    pytest.param(  # 国务院 2007: a fall after three years' rises, each clause its own period
        ["一、2005年工作回顾", "过去一年，国内生产总值增长9.9%。", "二、2006年工作总体部署",
         "今年国民经济和社会发展的主要目标是：国内生产总值增长8%左右；单位国内生产总值能耗降低"
         "4%左右。"],
        ["一、2006年工作回顾", "国内生产总值20.94万亿元，比上年增长10.7%。",
         "2006年，单位国内生产总值能耗由前三年分别上升4.9%、5.5%、0.2%，转为下降1.2%；"
         "主要污染物排放总量增幅减缓。"],
        {"国内生产总值": (10.7, "met"), "单位国内生产总值能耗": (1.2, "missed")},
        id="a multi-year clause then the year's"),
    pytest.param(  # 国务院 2010: a review opening by ranking its year against a period
        ["一、2008年工作回顾", "过去一年，国内生产总值增长9%。", "二、2009年工作总体部署",
         "今年国民经济和社会发展的主要预期目标是：国内生产总值增长8%左右，经济结构进一步优化；"
         "城镇新增就业900万人以上，城镇登记失业率4.6%以内。"],
        ["一、2009年工作回顾", "2009年是新世纪以来我国经济发展最为困难的一年。去年这个时候，国际"
         "金融危机还在扩散蔓延，世界经济深度衰退。",
         "国内生产总值达到33.5万亿元，比上年增长8.7%；财政收入6.85万亿元，增长11.7%；城镇新增就业"
         "1102万人。"],
        {"国内生产总值": (8.7, "met"), "城镇新增就业": (1102.0, "met"),
         "城镇登记失业率": (None, "not_reported"), "经济结构进一步优化": (None, "not_reported")},
        id="the hardest year since"),
    pytest.param(  # 国务院 2011: a five-year review; the year's figures open the plan part
        ["一、2009年工作回顾", "过去一年，国内生产总值增长8.7%。", "二、2010年工作总体部署",
         "今年发展主要预期目标是：国内生产总值增长8%左右；城镇新增就业900万人以上；"
         "居民消费价格涨幅3%左右。"],
        ["一、“十一五”时期国民经济和社会发展的回顾", "这五年，国内生产总值年均增长11.2%。",
         "二、2011年的工作",
         "2011年，是“十二五”开局之年，做好今年的工作对于完成“十二五”各项目标任务至关重要。过去一年，"
         "我们的各项工作取得了很大成绩。国内生产总值增长10.3%，居民消费价格涨幅控制在 3.3%，城镇"
         "新增就业1168万人，国际收支状况有所改善。这为做好今年的工作打下了良好基础。"],
        {"国内生产总值": (10.3, "met"), "城镇新增就业": (1168.0, "met"),
         "居民消费价格": (3.3, "missed")},
        id="the year's figures after 过去一年 in the plan part"),
    pytest.param(  # …but not past a sentence naming the plan year
        ["一、2009年工作回顾", "过去一年，国内生产总值增长8.7%。", "二、2010年工作总体部署",
         "今年发展主要预期目标是：国内生产总值增长8%左右；城镇新增就业900万人以上。"],
        ["一、“十一五”时期国民经济和社会发展的回顾", "这五年，国内生产总值年均增长11.2%。",
         "二、2011年的工作",
         "过去一年，我们的各项工作取得了很大成绩。这为做好今年的工作打下了良好基础。国内生产总值增长"
         "8%左右，城镇新增就业900万人以上。"],
        {"国内生产总值": (None, "not_reported"), "城镇新增就业": (None, "not_reported")},
        id="the plan year's figures after 过去一年"),
    pytest.param(  # …nor past one speaking of the future
        ["一、2009年工作回顾", "过去一年，国内生产总值增长8.7%。", "二、2010年工作总体部署",
         "今年发展主要预期目标是：国内生产总值增长8%左右；城镇新增就业900万人以上。"],
        ["一、“十一五”时期国民经济和社会发展的回顾", "这五年，国内生产总值年均增长11.2%。",
         "二、2011年的工作",
         "过去一年，我们的各项工作取得了很大成绩。要继续保持经济平稳较快发展。国内生产总值增长"
         "8%左右，城镇新增就业900万人以上。"],
        {"国内生产总值": (None, "not_reported"), "城镇新增就业": (None, "not_reported")},
        id="the future after 过去一年"),
])
def test_targets_in_term_end_reports(old_lines, new_lines, expected):
    old_year = int(old_lines[0][2:6]) + 1
    old, new = gov_report(old_year, *old_lines), gov_report(old_year + 1, *new_lines)
    assert {t.indicator: (t.actual, t.verdict)
            for t in compare_reports(old, new).targets} == expected


def test_shortcoming_carry_over_precision_and_recall(comparisons):
    got = {s.text: s.status for s in comparisons[(2022, 2023)].shortcomings}
    gold, other = set(LABELS["shortcomings_unresolved"]), set(LABELS["shortcomings_other"])
    assert gold | other <= set(got)
    unresolved = {t for t in gold | other if got[t] == "unresolved"}
    precision, recall = len(unresolved & gold) / len(unresolved), len(unresolved & gold) / len(gold)
    # measured: 15/17 and 15/16 (大宗商品, 输入性通胀 unlabelled); must not regress
    assert precision >= 15 / 17 and recall >= 15 / 16, (precision, recall)


def test_every_status_is_explained_by_its_cited_evidence(comparisons):
    from compare.engine.rules import FLOOR
    for cmp in comparisons.values():
        for c in cmp.commitments:
            best = c.evidence[0] if c.evidence else None
            assert all(any(cue in e.text for e in c.evidence) for cue in c.cues)
            if c.status == "delivered":
                assert c.cues and best.score >= FLOOR
            elif c.status == "partial":
                # close, or the closest sentence of a part the status decision says is partial on
                # words alone (cited at its closeness; the part's score is how sure that is)
                assert best.score >= FLOOR or any(
                    p.status == "partial" and p.evidence == best for p in c.parts)
            else:
                # nothing cited, so no cue either
                assert best is None and c.cues == []
            # evidence is never taken from N+1's plan part
            assert all(e.node_id.startswith("s1") for e in c.evidence)


MEASURES = yaml.safe_load((DATA / "measures-2021-2022.yaml").read_text(encoding="utf-8"))
# Known misses on the labelled pair: m23 enumerates objects the evidence names in other words
# (优抚标准), so it comes out partial; m06, 跨省通办, labelled a trap for loose matching, is taken
# by the status decision of engine round 4 (partial on 更多政务服务事项实现一网通办): it is right
# more often than the rules leave-one-pair-out over all labelled pairs, and wrong here.
KNOWN_MISSES = {"m23", "m06"}


def _overlaps(a: str, b: str) -> bool:
    from difflib import SequenceMatcher
    return (a in b or b in a
            or SequenceMatcher(None, a, b).find_longest_match(0, len(a), 0, len(b)).size >= 8)


@pytest.mark.parametrize("gold", [m for m in MEASURES["measures"] if m["id"] not in KNOWN_MISSES],
                         ids=lambda m: m["id"])
def test_measure_status_and_evidence_on_the_labelled_pair(gold, comparisons):
    """Each labelled 2021 measure: found in one ledger row, the task it names (a part of that row)
    with the status a reviewer judged, its best evidence a sentence of 2022's review overlapping
    the labelled one, the figure reported for its quantity the labelled actual."""
    found = [c for c in comparisons[(2021, 2022)].commitments
             if gold["plan_quote"] in c.text
             and len(c.text) <= max(150, 4 * len(gold["plan_quote"]))]
    assert len(found) == 1
    task = task_named(found[0], gold["plan_quote"])
    assert task.status == gold["status"]
    if gold["evidence_quotes"]:
        assert any(_overlaps(task.evidence[0].text, q) for q in gold["evidence_quotes"])
        assert task.evidence[0].location.startswith("2022年报告 一、")
    if gold.get("actual") and task.status == "delivered":
        assert float(task.cues[0].rstrip("%").split("万")[0].lstrip("超过")) == pytest.approx(
            gold["actual"]["value"])


def test_measure_accuracy_on_the_labelled_pair(comparisons):
    """The pair the rules were tuned on: 25/25 found, the task each names 23/25 right
    (measured; 24/25 before the status decision took the 跨省通办 trap); must not regress."""
    cmp = comparisons[(2021, 2022)]
    right = 0
    for g in MEASURES["measures"]:
        c = next((c for c in cmp.commitments if g["plan_quote"] in c.text), None)
        right += c is not None and task_named(c, g["plan_quote"]).status == g["status"]
    assert right >= 23
    shortcomings = {s.text: s.status for s in cmp.shortcomings}
    got = [next((st for t, st in shortcomings.items() if g["quote"].rstrip("。") in t
                 or t in g["quote"]), None)
           for g in MEASURES["shortcomings"]]
    # measured 16/16 (生态环保任重道远 addressed: 生态环境质量明显改善)
    assert sum(a == g["status"] for a, g in zip(got, MEASURES["shortcomings"], strict=True)) == 16


@pytest.mark.parametrize("pair,text,status,cited", [
    # future/imperative wording in the review (加快…) is work in progress, never completion
    ((2021, 2022), "强化国家战略科技力量", "partial", "国家战略科技力量加快壮大"),
    # a sentence sharing only a set phrase with the measure, no run of three characters of its
    # object (国家公园 ≠ 国家文化公园), names something else: no evidence
    ((2021, 2022), "建设国家文化公园", "not_reported", ""),
    # … but the review's paragraph on the same field reporting work
    # on it (扎实做好信访工作，化解信访积案 for 完善信访制度，推进矛盾纠纷多元化解) is the topic
    # decision's: work in other words, partial
    ((2021, 2022), "继续完善信访制度", "partial", "扎实做好信访工作"),
    # close enough to count as reported, though only just (score 0.23)
    ((2021, 2022), "推动实际贷款利率进一步降低", "partial", "推动降低贷款利率"),
    # a figure that meets the plan is delivered; one short of it (超过2.4 against 约2.5, as targets
    # are judged) is partial (the jobless rate of the targets sentence, met by a lower figure, is a
    # target now, judged in test_target_verdicts_match_gold: the targets sentence is no ledger row)
    ((2021, 2022), "新开工改造城镇老旧小区5.3万个", "delivered", "新开工改造城镇老旧小区5.6万个"),
])
def test_tense_and_thresholds_on_real_measures(comparisons, pair, text, status, cited):
    c = task_named(next(c for c in comparisons[pair].commitments if text in c.text), text)
    # an action is read off its best evidence; a quantity off the evidence stating its figure
    said = ("" if not c.evidence else next(e.text for e in c.evidence if c.cues[0] in e.text)
            if c.quantity else c.evidence[0].text)
    assert (c.status, cited in said) == (status, True)


def test_a_figure_is_the_part_of_the_row_whose_object_it_counts(comparisons):
    """国务院 2022's 预计全年退税减税约2.5万亿元，其中留抵退税约1.5万亿元: 2023's
    全年增值税留抵退税超过2.4万亿元 counts the VAT credit refunds, the second part's object
    (delivered on it), not the total of tax cuts and refunds, which stays partial on that sentence
    with no figure of its own (until 2026-12-05 the total was given 2.4 and the refunds none:
    user review ua20a F1)."""
    row = next(c for c in comparisons[(2022, 2023)].commitments
               if "预计全年退税减税约2.5万亿元" in c.text)
    total, refunds = row.parts
    assert (total.status, total.reported) == ("partial", "")
    assert "全年增值税留抵退税超过2.4万亿元" in total.evidence.text
    assert (refunds.status, refunds.reported) == ("delivered", "超过2.4万亿元")


@pytest.mark.parametrize("text,status,cited", [
    # future/imperative wording in the review (加快…) is work in progress, never completion
    ("加快建设全国统一大市场", "partial", "加快建设全国统一大市场，建设高标准市场体系"),
    # a completion word after 推动 in the clause (here 上线 inside 线上线下) states no result
    ("推动线上线下消费深度融合", "partial", "推动线上线下消费深度融合，实物商品网上零售额"),
    # the level reached is the planned and the reported figure (从75%提高到100%)
    ("将科技型中小企业加计扣除比例从75%提高到100%", "delivered", "分别从50%、75%提高至100%"),
])
def test_status_read_off_a_five_year_sentence(comparisons, state_council, text, status, cited):
    """2023 restates these measures of 2022 only in its five-year sections: they are not reported;
    read as evidence, those sentences would still give the status the wording says."""
    from compare.engine.track import parts_of
    c = next(c for c in comparisons[(2022, 2023)].commitments if text in c.text)
    assert (task_named(c, text).status, task_named(c, text).evidence) == ("not_reported", [])
    kind = load_kind("gov-work-report")
    sentence = next(x for x, one in year_sentences(state_council[2023], kind) if cited in x
                    and not one)
    row = next(m for m in state_council[2022].commitments if m.id == c.commitment_id)
    plan = next(p for p, _ in parts_of(row, kind) if text in p.text)
    assert status_of(read(plan, indicator_of(plan, kind), [sentence], kind))[0] == status


def test_carried_over_is_never_evidence(comparisons):
    """N+1's plan repeats N's wording: it is reported as carried over, never cited as evidence."""
    cmp = comparisons[(2021, 2022)]
    c = next(c for c in cmp.commitments if "今年拟安排地方政府专项债券3.65万亿元" in c.text)
    assert c.carried_over is not None and "3.65万亿元" in c.carried_over.text
    assert c.carried_over.location.startswith("2022年报告 三、")
    assert all("3.65万亿元" not in e.text for e in c.evidence) and c.status == "partial"


def test_a_weak_match_is_never_delivery(comparisons, state_council):
    """加强数字政府建设: 2022's review never names it (only its plan repeats it). Its best review
    sentence, 出台法治政府建设实施纲要 (cosine 0.19), shares only the set phrase 政府建设: never
    delivered. The rules find no evidence (names_object); the fitted decision, which read the
    task lead 八是推进法治政府建设… as a sentence sharing it too until 2026-12-05 (fixeng17: a
    lead is its item's, no passage of its own), says partial, below its confidence band."""
    row = next(c for c in comparisons[(2021, 2022)].commitments if "加强数字政府建设" in c.text)
    task = task_named(row, "加强数字政府建设")
    assert task.text == "加强数字政府建设" and task.status in ("not_reported", "partial")
    part = next(p for p in row.parts if p.text == "加强数字政府建设")
    assert part.status == "not_reported" or part.score < 0.5
    by_rules = next(c for c in compare_reports(state_council[2021], state_council[2022],
                                               model=None).commitments
                    if "加强数字政府建设" in c.text)
    assert task_named(by_rules, "加强数字政府建设").status == "not_reported"


def test_carried_over_on_the_labelled_pair(comparisons):
    """N+1's plan continuing a row, against the labels of the tasks they quote: 18/25 agree
    (measured). m15 is continued in other words, m24's 冬奥会遗产 is judged a new task; m03, m19,
    m21, m22 and m25 are rows of several tasks continued through another of their tasks
    (大规模职业技能培训, 大气污染协同控制, 法律援助…) than the one labelled: carried over is said
    of the row."""
    cmp = comparisons[(2021, 2022)]
    right = {g["id"]: bool(next(c for c in cmp.commitments
                                if g["plan_quote"] in c.text).carried_over) == g["carried_over"]
             for g in MEASURES["measures"]}
    assert {k for k, ok in right.items() if not ok} == {"m03", "m15", "m19", "m21", "m22", "m24",
                                                        "m25"}



# A term-end review's paragraphs as printed (国务院 1983, 1998): after a multi-year heading, a
# sentence opening on the reviewed year speaks of it alone, in CJK digits (一九八二年) or spaced
# ones (1 9 9 7 年, joined at ingest) too; a first sentence naming the year beside several
# (平均每年) ends no five-year passage.
PAR_1983 = ("在生产发展的基础上，城乡人民生活有了明显的改善。一九八二年全国农民平均每人的纯收入达到"
            "二百七十元，比一九七八年增加一倍。五年中，农村新建住宅二十二亿平方米，有几千万农户搬进了新居。")
PARS_1998 = ["1 9 9 7 年国内生产总值达到7 4 7 7 2 亿元，按可比价格计算，平均每年增长1 1 ％。"
             "顺利完成了“八五”计划。",
             "农村经济全面发展，农业增加值平均每年增长4.5%。"]


@pytest.mark.parametrize("year,lines,one_year", [
    (1983, ["一、过去五年的回顾", PAR_1983], "一九八二年全国农民"),
    # the spaced digits are joined at ingest (targets20)
    (1998, ["一、关于过去五年的政府工作", *PARS_1998], "1997年国内生产总值"),
])
def test_a_term_end_review_names_its_year_as_printed(year, lines, one_year):
    new = gov_report(year, *lines)
    assert new.review_year == year - 1
    review = year_sentences(new, load_kind(new.kind))[:3]  # the three sentences of `lines`
    dated = [x for x, one in review if one]
    assert review[-1][0].endswith("。") and len(dated) == 1 and dated[0].startswith(one_year)


def test_a_paragraph_opening_on_the_year_in_cjk_digits_ends_a_five_year_passage():
    """Sentences of 1983's review regrouped: a paragraph opening on 一九八二年 speaks of that year
    to its end, after a paragraph on five years."""
    opening = "一九八二年底，城乡储蓄余额达六百七十五亿元，比一九七八年增长二点二倍。"
    new = gov_report(1983, "一、过去五年的回顾", PAR_1983,
                     opening + "社会保障和社会福利事业也有较大的发展。")
    review = year_sentences(new, load_kind(new.kind))[:5]
    assert [one for _, one in review] == [False, True, False, True, True]


def test_since_this_year_opens_no_multi_year_passage():
    """今年以来 (since this year began) speaks of one year, unlike 2019年以来 or 三中全会以来:
    国务院 1981, delivered at the end of Nov 1981, reviews the year after 过去的一年 in paragraphs
    opening 今年以来，…; they stay evidence (the dev labels of 1980→81 cite them)."""
    text = (DATA / "gov-work-report-archive" / "国务院政府工作报告-1981.txt").read_text(
        encoding="utf-8")
    new = ingest_text(text, kind="gov-work-report", region="国务院", year=1981)
    periods = dict(year_sentences(new, load_kind(new.kind)))
    since = [x for x in periods if x.startswith("今年以来，各级政府坚决执行")]
    assert since and periods[since[0]]
    assert periods[next(x for x in periods if x.startswith("棉纱、棉布、化学纤维、食糖"))]


def test_a_row_is_delivered_only_when_every_part_is(comparisons):
    """A row of several tasks (its parts) is delivered when all are: one delivered part beside one
    partly done or not reported makes the row partial, never delivered."""
    mixed = [c for cmp in comparisons.values() for c in cmp.commitments
             if any(p.status == "delivered" for p in c.parts)
             and any(p.status != "delivered" for p in c.parts)]
    assert mixed  # the State Council's pairs hold such rows
    assert {c.status for c in mixed} == {"partial"}
