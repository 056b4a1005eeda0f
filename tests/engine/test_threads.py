"""Threads over the years: a measure continues as the ledger says it is carried over."""
from __future__ import annotations

import pytest

from compare.engine import compare_reports
from compare.engine.passages import passages
from compare.engine.threads import followers, same_object, threads
from compare.ingest import ingest_text
from compare.kinds import load_kind


def report(year, *plans):
    lines = [f"某县{year}年度法治政府建设情况", "一、主要举措和成效", *["推进依法行政。" * 20] * 3,
             f"二、{year + 1}年工作计划", *(f"（{'一二三'[i]}）{p}" for i, p in enumerate(plans))]
    return ingest_text("\n".join(lines), kind="fazhi")


def test_a_thread_takes_one_plan_item_a_year():
    """Two plan items of one year that both resemble one of the year before:
    only one continues it."""
    old = report(2021, "普法。加强法治宣传教育，落实普法责任制。",
                 "复议。深化行政复议体制改革，健全行政复议案件审理机制。")
    new = report(2022, "复议。深化行政复议体制改革，完善行政复议案件审理机制。",
                 "复议。深化行政复议体制改革，提升行政复议案件审理质量。")
    found = threads([old, new], load_kind("fazhi"), {}, {})
    # each plan sentence is one row; both of 2022's resemble 2021's second, and
    # only one continues it
    assert sorted(len(t.steps) for t in found) == [1, 1, 2]
    assert all(len({s.year for s in t.steps}) == len(t.steps) for t in found)
    assert {(t.steps[0].text, t.steps[1].text) for t in found if t.carried_over} == {
        ("深化行政复议体制改革，健全行政复议案件审理机制",
         "深化行政复议体制改革，完善行政复议案件审理机制")}


def test_the_tracker_continues_only_what_the_ledger_carries_over(state_council):
    old, new = state_council[2021], state_council[2022]
    kind = load_kind(old.kind)
    cmp = compare_reports(old, new)
    ledger = {r.commitment_id: r.carried_over for r in cmp.commitments}
    texts = {p.node_id: p.text for p in passages(new)}
    found = threads([old, new], kind, {old.year: cmp}, {})
    links = [(t.steps[0], t.steps[1]) for t in found if t.carried_over]
    assert len(links) > len(cmp.commitments) / 2  # the 2021 plan is largely carried on in 2022's
    for before, after in links:
        carried = ledger[before.commitment_id]
        assert carried is not None, before.text
        assert after.text in texts[carried.node_id]  # stands in the passage the ledger cites
    assert {s.status for t in found for s in t.steps if s.year == old.plan_year} <= {
        "delivered", "partial", "not_reported"}


def test_a_thread_joins_only_measures_about_the_same_thing():
    """The ledger carries 8号线 on into a passage on 16号线, 土地整备 into one on 土地供应: the
    passages continue the work, their measures are about other things and start threads of
    their own; a measure restated continues its thread."""
    old = report(2021, "交通。加快推进轨道交通8号线二期建设。", "土地。完成土地整备10万平方米。",
                 "宣传。加强法治宣传教育，落实普法责任制。")
    new = report(2022, "交通。推进轨道交通16号线二期延伸至盐田。",
                 "土地。实现土地供应17万平方米以上。",
                 "宣传。加强法治宣传教育，落实普法责任制。")
    found = threads([old, new], load_kind("fazhi"), {}, {})
    assert [[s.text for s in t.steps] for t in found if t.carried_over] == [
        ["加强法治宣传教育，落实普法责任制", "加强法治宣传教育，落实普法责任制"]]
    assert len(found) == 5  # 2 + 2 measures alone, 1 thread of two


@pytest.mark.parametrize("measure, follower, same", [
    ("加快推进轨道交通8号线二期建设",
     "加快轨道交通8号线二期、三期建设，推动18号线延伸至沙头角口岸", True),
    ("加快推进轨道交通8号线二期建设", "推进16号线二期延伸至盐田", False),
    # 八项 names, not counts
    ("严格落实中央八项规定及实施细则精神", "持之以恒加固中央八项规定堤坝", True),
    # a shared unit is no name
    ("完成土地整备10万平方米", "实现土地供应17万平方米以上", False),
    # a measure all verbs
    ("全面深化改革开放", "全面深化改革开放，大力提振市场信心", True),
    ("防范打击各类犯罪", "坚决防范和打击各类违法犯罪", True),
    # two indicators of the dictionary: 赤字率 in both, 特别国债 in one only
    ("今年赤字率拟按3.2%左右安排，不再发行抗疫特别国债", "今年赤字率拟按2.8%左右安排", True),
    ("城镇居民人均可支配收入增长6%", "农村居民人均可支配收入增长8%", False),
])
def test_same_object(measure, follower, same):
    assert same_object(measure, follower, load_kind("gov-work-report")) is same


# 海拉尔区 2012's measure and the 2013 paragraph continuing it in its first sentence; the
# paragraph's 医疗 measure shares more of its words (不断, 提高, 服务, 水平) than that sentence does
SCIENCE_2012 = "大力实施科技强区战略，推进科技创新，不断提升科技服务水平。"
SOCIAL_2013 = (
    "加快社会事业发展。加强科技创新，做好全国科技进步考核先进县创建工作。不断改善办学条件，确保新建的"
    "学府路中学、呼伦小学、第二幼儿园投入使用，推进第三中学分校、南开路中学等项目，完成沿山路小学等8所"
    "风雨馆建设。加快发展现代职业教育，扩大海拉尔现代产业技术学校办学规模。加强民族教育，规范发展民办"
    "教育，促进教育公平和义务教育均衡发展。不断提高医疗水平和服务质量，加强与中日友好医院等先进医疗机构"
    "合作，确保健康社区卫生服务中心投入使用，启动正阳社区卫生服务中心建设。进一步做好新农合市级统筹工作，"
    "继续在公办基层医疗卫生机构实行基本药物制度。强化重大疾病预防体系建设。发展文体事业，加快农村公共"
    "文化设施建设，广泛开展全民健身活动。加强文物保护，做好谢尔塔拉墓地二次发掘，启动成德公故居修缮工程。")


def paragraphs(year, *plan):
    """A work report whose plan part is `plan`, paragraphs as printed (no numbered items)."""
    lines = [f"某县{year}年政府工作报告", f"一、{year - 1}年工作回顾", *["推进依法行政。" * 20] * 3,
             f"二、{year}年工作安排", *plan]
    return ingest_text("\n".join(lines), kind="gov-work-report", region="某县")


def test_a_thread_continues_into_the_measure_of_the_sentence_the_ledger_cites():
    old, new = paragraphs(2012, SCIENCE_2012), paragraphs(2013, SOCIAL_2013)
    follow = followers(old, new, load_kind("gov-work-report"))
    texts = {c.id: c.text for c in new.commitments}
    assert [texts[n] for n in follow] == ["加强科技创新，做好全国科技进步考核先进县创建工作"]
