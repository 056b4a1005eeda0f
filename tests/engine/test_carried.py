"""Carried over: N+1's plan continuing a measure of N, found by its plan sentence closest to it."""
from __future__ import annotations

from compare.engine.carried import carried_over
from compare.engine.passages import passages
from compare.ingest import ingest_text
from compare.kinds import load_kind


def report(year: int, *plans: str):
    lines = [f"某县{year}年度法治政府建设情况", "一、主要举措和成效", *["推进依法行政。" * 20] * 3,
             f"二、{year + 1}年工作计划", *(f"（{'一二三'[i]}）{p}" for i, p in enumerate(plans))]
    return ingest_text("\n".join(lines), kind="fazhi")


# 国务院 2010's plan and the 2011 paragraph of reforms that continues it in one sentence of twenty
# (bench/gold/sample-guowuyuan-2010-2011.yaml r22: carried over)
RURAL_FINANCE = "加快培育小型农村金融机构，积极推广农村小额信用贷款，切实改善农村金融服务。"
REFORMS_2011 = (
    "继续推进国有经济战略性调整，健全国有资本有进有退、合理流动机制。完善国有金融资产、非经营性资产"
    "和自然资源资产监管体制，加强境外国有资产监管。继续鼓励、支持和引导非公有制经济发展。健全财力与"
    "事权相匹配的财税体制，清理和归并专项转移支付项目，增加一般性转移支付，健全县级基本财力保障机制。"
    "在一些生产性服务业领域推行增值税改革试点，推进资源税改革。深化预算管理制度改革，全面编制政府性"
    "基金预算，扩大国有资本经营预算范围，试编社会保险基金预算。继续深化金融企业改革，加快建立现代金融"
    "企业制度。加快培育农村新型金融机构。继续大力发展金融市场，鼓励金融创新。推进利率市场化改革。扩大"
    "人民币在跨境贸易和投资中的使用。推进人民币资本项下可兑换工作。加强和改善金融监管，建立健全系统性"
    "金融风险防范预警体系和处置机制。完善成品油、天然气价格形成机制和各类电价定价机制。推进水价改革。"
    "研究制定排污权有偿使用和交易试点的指导意见。价格改革要充分考虑人民群众特别是低收入群众的承受能力。"
    "按照政事分开、事企分开、管办分开、营利性与非营利性分开的要求，积极稳妥地分类推进事业单位改革。")
MANUFACTURING_2011 = (
    "改造提升制造业。加大企业技术改造力度，重点增强新产品开发能力和品牌创建能力，提高能源资源综合利用"
    "水平、技术工艺系统集成水平，提高产品质量、技术含量和附加值。推动重点行业企业跨地区兼并重组。完善"
    "落后产能退出机制和配套政策。")


def test_a_measure_continued_in_one_sentence_of_a_long_paragraph_is_carried_over():
    """The paragraph's other nineteen reforms dilute its cosine with the measure (0.05, below
    any threshold): its sentence 加快培育农村新型金融机构 carries the measure on, and is cited."""
    old = report(2010, RURAL_FINANCE)
    new = report(2011, REFORMS_2011, MANUFACTURING_2011)
    [found] = carried_over(old, new, load_kind("fazhi"))
    assert found is not None and found.text == "加快培育农村新型金融机构。"
    # cited with its item: the tracker follows the thread into the measures standing in it
    assert found.text in {p.node_id: p.text for p in passages(new)}[found.node_id]


def _carried(state_council, year: int, text: str):
    old, new = state_council[year], state_council[year + 1]
    found = carried_over(old, new, load_kind("gov-work-report"))
    return next(ev for c, ev in zip(old.commitments, found, strict=True) if text in c.text)


def test_a_sentence_just_above_the_threshold_carries_the_measure_on(state_council):
    """2022's 推进国际科技合作 and 2023's plan sentence 科技政策要聚焦自立自强，也要坚持国际合作
    (0.112 read with its neighbours): international cooperation in science, continued."""
    found = _carried(state_council, 2022, "推进国际科技合作")
    assert found is not None and found.text == "科技政策要聚焦自立自强，也要坚持国际合作。"


def test_a_shared_set_phrase_just_below_the_threshold_carries_nothing_on(state_council):
    """2022's 深入开展文明村镇建设: its closest 2023 plan sentence,
    各级政府要大力支持国防和军队建设，深入开展“双拥”活动… (0.107 with its neighbours), shares only
    深入开展…建设 and is no continuation. (2023's 深化群众性精神文明创建 would be one, in other
    words: not found, as a miss.) The example before, 加强劳动保障监察执法 ↔ 保障妇女…合法权益 at
    0.109, rose to 0.111 when 2022's store gained rows (fixeng17): a score this close to the
    threshold moves with the texts' word weights."""
    found = _carried(state_council, 2022, "深入开展文明村镇建设")
    assert found is None or found.text == "深化群众性精神文明创建。"


def test_a_short_sentence_sharing_a_set_phrase_is_read_with_its_neighbours(state_council):
    """2021's 健全地方税体系 and 2022's 健全社会信用体系。: alone, the short sentence is close to
    the measure (0.14, on 健全…体系); with the sentence before it in its paragraph
    (创新和完善基层社会治理…提升基层治理能力。) it is not, and 2022 names no local tax."""
    assert _carried(state_council, 2021, "健全地方税体系") is None


def test_a_short_sentence_saying_the_measure_again_is_cited_itself(state_council):
    """2021's 加强社会信用体系建设 and 2022's 健全社会信用体系。 (0.67 alone): the sentence is
    cited, not the neighbour sharing most words with the measure once the two are read together."""
    found = _carried(state_council, 2021, "加强社会信用体系建设")
    assert found is not None and found.text == "健全社会信用体系。"


def test_a_set_phrase_just_below_the_threshold_carries_nothing_on(state_council):
    """2022's 落实和完善乡村医生待遇保障与激励政策: 2023's plan names no 乡村医生; its closest
    sentence, 落实好外资企业国民待遇 (cosine 0.109), shares only 落实…待遇."""
    assert _carried(state_council, 2022, "落实和完善乡村医生待遇保障与激励政策") is None
