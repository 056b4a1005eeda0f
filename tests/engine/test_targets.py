"""Targets of every unit's report: level prefixes, qualifier and range forms, falls, and the
district gold (盐田区, tuning pairs only: plan years 2020–2022; 2023 and 2024 are held out)."""
import pytest
import yaml

from compare.engine import compare_reports
from compare.ingest import ingest_text
from compare.ingest.quantities import (
    expand_respectively,
    parse_target_clause,
    respectively,
    split_target_sentence,
)
from compare.kinds import load_kind
from compare.text import normalize_chars
from tests.support import DATA, STORE

LOCAL = yaml.safe_load((DATA / "local-targets-dev.yaml").read_text(encoding="utf-8"))
TUNING = [p for p in LOCAL["pairs"] if p["plan_year"] <= 2022]
KEYS = {"gdp": "国内生产总值", "revenue": "一般公共预算收入", "tax": "税收收入",
        "energy": "单位国内生产总值能耗",
        "water": "单位国内生产总值水耗", "unemp_reg": "城镇登记失业率",
        "unemp_survey": "城镇调查失业率"}


@pytest.fixture(scope="module")
def indicators():
    return load_kind("gov-work-report").indicators


def yantian(year: int):
    text = (STORE / str(year) / "盐田区-gov-work-report.source.txt").read_text(encoding="utf-8")
    return ingest_text(text, kind="gov-work-report", region="盐田区", year=year)


@pytest.mark.parametrize("pair", TUNING, ids=lambda p: str(p["plan_year"]))
def test_district_targets_match_gold(pair):
    cmp = compare_reports(yantian(pair["plan_year"]), yantian(pair["plan_year"] + 1))
    numeric = [t for t in cmp.targets if t.comparator != "qualitative"]
    assert len(numeric) == len(pair["targets"])
    by_indicator = {t.indicator: t for t in numeric}
    for g in pair["targets"]:
        t = by_indicator[KEYS[g["key"]]]
        assert t.text in g["target_quote"]
        value = t.low if t.low is not None else t.high
        assert (value, t.unit, t.comparator, t.actual, t.verdict) == (
            g["value"], g["unit"], g["comparator"], g["actual"], g["verdict"]), g["key"]
        if g["actual_quote"]:
            assert g["actual_quote"] in t.actual_text


@pytest.mark.parametrize("clause,indicator,comparator,low,high,change", [
    ("全市生产总值增长5%左右", "国内生产总值", "approx", 5, 5, "rise"),
    ("本区生产总值增长6.5%以上", "国内生产总值", "floor", 6.5, None, "rise"),
    ("全省地区生产总值增长6.5%－7%", "国内生产总值", "range", 6.5, 7, "rise"),
    ("全县生产总值增长5%—5.5%", "国内生产总值", "range", 5, 5.5, "rise"),
    ("地区生产总值增长4.5-5%", "国内生产总值", "range", 4.5, 5, "rise"),
    ("单位地区生产总值能耗下降3.1%以上", "单位国内生产总值能耗", "floor", 3.1, None, "fall"),
    ("万元GDP能耗下降4.3%", "单位国内生产总值能耗", "point", 4.3, 4.3, "fall"),
    ("城镇调查失业率控制在5.5%以内", "城镇调查失业率", "ceiling", None, 5.5, "rise"),
    ("居民消费价格涨幅不超过3%", "居民消费价格", "ceiling", None, 3, "rise"),
    ("规上工业增加值增长7.3%以上", "规模以上工业增加值", "floor", 7.3, None, "rise"),
    ("全口径税收收入增长5%", "税收收入", "point", 5, 5, "rise"),
    ("一般公共预算收入增长５％左右", "一般公共预算收入", "approx", 5, 5, "rise"),
])
def test_local_target_clauses(indicators, clause, indicator, comparator, low, high, change):
    t = parse_target_clause(normalize_chars(clause), indicators)
    assert (t.indicator, t.comparator, t.low, t.high, t.change) == (
        indicator, comparator, low, high, change)


def test_one_clause_setting_several_targets(indicators):
    sentence = ("主要预期目标是：万元GDP能耗、水耗分别下降4.3%、2.5%，城镇、"
                "农村居民人均可支配收入分别增长4.5%、5.5%左右")
    clauses = [c for printed in split_target_sentence(sentence) for c in respectively(printed)]
    assert clauses == ["万元GDP能耗下降4.3%", "水耗下降2.5%", "城镇居民人均可支配收入增长4.5%左右",
                       "农村居民人均可支配收入增长5.5%左右"]
    got = [(t.indicator, t.low, t.comparator, t.change)
           for t in (parse_target_clause(c, indicators) for c in clauses)]
    assert got == [("单位国内生产总值能耗", 4.3, "point", "fall"),
                   ("单位国内生产总值水耗", 2.5, "point", "fall"),
                   ("城镇居民人均可支配收入", 4.5, "approx", "rise"),
                   ("农村居民人均可支配收入", 5.5, "approx", "rise")]


def report(year: int, *lines: str):
    head = ["政府工作报告", f"——{year}年1月20日在某省第十四届人民代表大会第三次会议上"]
    return ingest_text("\n".join([*head, *lines, f"三、{year}年工作安排", "（一）扩大内需。"]))


def test_this_years_targets_not_the_five_year_goals():
    r = report(2026, "一、2025年工作回顾", "过去一年，全省生产总值增长5.2%。",
               "二、“十五五”时期的主要目标",
               "“十五五”时期经济社会发展的主要目标是：全省生产总值年均增长5%左右。",
               "今年经济社会发展的主要预期目标为：全省生产总值增长5%以上，城镇调查失业率5.5%左右。")
    assert r.region == "某省"
    assert [(t.indicator, t.comparator, t.low) for t in r.targets] == [
        ("国内生产总值", "floor", 5), ("城镇调查失业率", "approx", 5.5)]


def test_direction_qualifiers_and_far_below_flags():
    old = report(2020, "一、2019年工作回顾", "过去一年，全省生产总值增长6.1%。",
                 "二、2020年总体要求",
                 "今年主要预期目标是：全省生产总值增长6%以上，单位地区生产总值能耗下降3%以上，"
                 "居民消费价格涨幅3%左右，规模以上工业增加值增长3%左右，城镇调查失业率5.5%左右。")
    new = report(2021, "一、2020年工作回顾",
                 "过去一年，全省生产总值下降6.8%，单位地区生产总值能耗下降5.6%，"
                 "居民消费价格上涨0.2%，规模以上工业增加值增长超过3%，城镇调查失业率5.2%。")
    got = {t.indicator: (t.change, t.actual, t.actual_qualifier, t.verdict, bool(t.note))
           for t in compare_reports(old, new).targets}
    assert got == {
        "国内生产总值": ("rise", -6.8, "", "missed", False),      # a fall against a growth target
        "单位国内生产总值能耗": ("fall", 5.6, "", "met", False),  # a reduction keeps its size
        "居民消费价格": ("rise", 0.2, "", "met", True),           # met, far below 3%左右
        "规模以上工业增加值": ("rise", 3, "超过", "met", False),
        "城镇调查失业率": ("rise", 5.2, "", "met", False),
    }


@pytest.mark.parametrize("clause,expected", [
    ("城乡居民人均可支配收入分别增长6.5%和7%",
     ["城镇居民人均可支配收入增长6.5%", "农村居民人均可支配收入增长7%"]),
    ("一般公共预算收入和税收收入分别增长5%和6%", ["一般公共预算收入增长5%", "税收收入增长6%"]),
    ("地区生产总值增长5%", ["地区生产总值增长5%"]),
    # one figure for several names is each one's (海拉尔区 2018:
    # 城乡居民人均可支配收入分别增长7.5%; 2016: …均增长8%)
    ("万元GDP能耗、水耗分别下降4.3%", ["万元GDP能耗下降4.3%", "水耗下降4.3%"]),
    ("城乡居民人均可支配收入分别增长7.5%", ["城镇居民人均可支配收入增长7.5%",
                             "农村居民人均可支配收入增长7.5%"]),
    ("城镇常住居民人均可支配收入、农村常住居民人均可支配收入均增长8%",
     ["城镇常住居民人均可支配收入增长8%", "农村常住居民人均可支配收入增长8%"]),
    ("居民人均可支配收入增长8%", ["居民人均可支配收入增长8%"]),  # 人均 is no 均
])
def test_respectively_with_and_and_paired_populations(clause, expected):
    assert respectively(clause) == expected


@pytest.mark.parametrize("sentence, expected", [
    # 海拉尔区 2016: 均 alone (no 分别) says each name has the figure
    ("城镇常住居民人均可支配收入、农村常住居民人均可支配收入均增长8%。",
     "城镇常住居民人均可支配收入增长8%，农村常住居民人均可支配收入增长8%。"),
    ("城乡居民人均可支配收入分别增长6.5%和7%。",
     "城镇居民人均可支配收入增长6.5%，农村居民人均可支配收入增长7%。"),
    ("居民人均可支配收入增长8%。", "居民人均可支配收入增长8%。"),
])
def test_sentences_written_out_clause_by_clause(sentence, expected):
    assert expand_respectively(sentence) == expected


def test_target_list_printed_one_clause_a_line():
    r = report(2026, "一、2025年工作回顾", "过去一年，全省生产总值增长5.2%。", "二、2026年总体要求",
               "今年经济社会发展的主要预期目标是：", "——地区生产总值增长5%左右；",
               "——城镇调查失业率控制在5.5%以内；",
               "——居民消费价格涨幅2%左右。", "全省一般公共预算收入增长3%。")
    assert [(t.indicator, t.comparator, t.low, t.high) for t in r.targets] == [
        ("国内生产总值", "approx", 5, 5), ("城镇调查失业率", "ceiling", None, 5.5),
        ("居民消费价格", "approx", 2, 2)]


def test_qualitative_targets_are_listed_and_relations_computed():
    """居民收入与经济增长同步 is computed from both actuals; other clauses without
    a figure are quoted."""
    old = report(2020, "一、2019年工作回顾", "过去一年，全省生产总值增长6.1%。",
                 "二、2020年总体要求",
                 "今年主要预期目标是：全省生产总值增长6%以上，居民收入与经济增长保持同步，"
                 "国际收支基本平衡。")
    new = report(2021, "一、2020年工作回顾",
                 "过去一年，全省生产总值增长6.2%，居民人均可支配收入增长5.8%。",
                 "国际收支保持基本平衡，外汇储备稳定。")
    got = {t.indicator: (t.comparator, t.actual, t.verdict)
           for t in compare_reports(old, new).targets}
    assert got == {"国内生产总值": ("floor", 6.2, "met"),
                   # 5.8 against 6.2, tolerance 0.2
                   "居民收入与经济增长同步": ("qualitative", 5.8, "missed"),
                   "国际收支基本平衡": ("qualitative", None, "not_reported")}
    quoted = next(t for t in compare_reports(old, new).targets if t.indicator == "国际收支基本平衡")
    assert quoted.actual_text == "国际收支保持基本平衡，外汇储备稳定。"



def test_a_qualitative_target_about_indicators_quotes_their_figures():
    """广东省 2024 → 2025 (real sentences): the target clause opens with the two indicators it
    is about, and 2025 reports both (a user's reviewer found it 下年报告未提及); the figures
    are quoted, the verdict left to the reviewer (完成国家下达任务 names no figure). An
    indicator an action opens the clause with (国务院 2003: 着力提高经济增长质量和效益) is
    its object: no figure."""
    old = report(2024, "一、2023年工作回顾", "过去一年，全省生产总值增长4.8%。",
                 "二、2024年总体要求",
                 "今年经济社会发展的主要预期目标是：地区生产总值增长5%；"
                 "空气质量优良天数比率和地表水水质优良率均完成国家下达任务；着力提高经济增长质量和效益；"
                 # 广东省 2022's, with its scope and a note in brackets; one written for the test
                 "全省空气质量优良天数比率（AQI）和地表水水质优良率均完成国家下达任务；提高居民收入水平。")
    new = report(2025, "一、2024年工作回顾",
                 "推动重污染行业超低排放改造，PM2.5平均浓度降至20.6微克/立方米，"
                 "空气质量优良天数比率达95.8%、创有记录以来最好水平。",
                 "新增污水管网超2000公里、污水处理能力超30万吨/日，地表水国考断面水质优良率达93.2%，"
                 "Ⅴ类、劣Ⅴ类国考省考断面首次全面清零。",
                 "全省生产总值增长3.5%，居民人均可支配收入增长4.1%。")
    got = {t.text: t for t in compare_reports(old, new).targets}
    water = got["空气质量优良天数比率和地表水水质优良率均完成国家下达任务"]
    assert (water.verdict, water.note) == ("not_reported", "qualitative_quoted")
    assert water.note_values == {"空气质量优良天数比率": 95.8, "地表水水质优良率": 93.2}
    assert "95.8%" in water.actual_text and "93.2%" in water.actual_text
    scoped = got["全省空气质量优良天数比率（AQI）和地表水水质优良率均完成国家下达任务"]
    assert scoped.note_values == water.note_values
    for clause in ("着力提高经济增长质量和效益", "提高居民收入水平"):
        assert got[clause].note_values == {}
        assert "3.5%" not in (got[clause].actual_text or "")

def test_binding_indicators_a_target_names_are_quoted_with_the_figures_of_the_year():
    """海拉尔区 2018 → 2019 (the real reports; user review 2026-12-05):
    城镇新增就业人数、城镇登记失业率、节能减排、安全生产等约束性指标完成呼伦贝尔市确定的目标 was
    未报告 with nothing quoted, though 2019 reports both figures: the clause names its
    indicators (城镇新增就业人数 is 城镇新增就业 counted), their sentence is quoted, the verdict
    left to the reviewer (the city's targets are in no report). A clause naming none
    (主要约束性指标达到上级要求, 海拉尔区 2016; 其他约束性指标, 涞源县 2021) stays silent: which
    indicators are binding differs by region and plan (涞源县 2022 names 能耗及污染物排放), so no
    list says which figures would be its."""
    folder = DATA / "local-gov-work-report-2"

    def stored(name: str, year: int):
        return ingest_text((folder / f"{name}-{year}.txt").read_text(encoding="utf-8"),
                           kind="gov-work-report", region=name, year=year)

    def binding(name: str, year: int):
        return next(t for t in compare_reports(stored(name, year), stored(name, year + 1)).targets
                    if "约束性指标" in t.text)

    named = binding("呼伦贝尔市海拉尔区", 2018)
    assert (named.verdict, named.note) == ("not_reported", "qualitative_quoted")
    assert named.note_values == {"城镇登记失业率": 3.5}
    assert "城镇新增就业5661人" in named.actual_text
    for name, year in (("呼伦贝尔市海拉尔区", 2016), ("涞源县", 2021)):
        unnamed = binding(name, year)
        assert (unnamed.note, unnamed.actual_text) == ("qualitative_silent", None), (name, year)


def test_cue_without_colon_and_a_base_year_in_the_review():
    old = report(2021, "一、2020年工作回顾", "过去一年，全市生产总值增长3.1%。",
                 "二、2021年总体要求",
                 "今年全市经济社会发展的主要目标任务是：全市生产总值增长6%以上，"
                 "居民人均可支配收入增长与经济增长同步。")
    new = report(2022, "一、2021年工作回顾",
                 "全年实现地区生产总值5100亿元，比2020年增长8.3%，居民人均可支配收入增长8.9%。")
    got = {t.indicator: (t.actual, t.verdict) for t in compare_reports(old, new).targets}
    assert got == {"国内生产总值": (8.3, "met"), "居民收入与经济增长同步": (8.9, "met")}


def test_indicator_named_before_the_cue():
    r = report(2003, "一、2002年工作回顾", "过去一年，国内生产总值增长8%。",
               "二、2003年工作总体部署",
               "综合分析国内外各种情况，今年经济增长预期目标为7%左右，这是必要的。")
    assert [(t.indicator, t.comparator, t.low, t.text) for t in r.targets] == [
        ("国内生产总值", "approx", 7, "今年经济增长预期目标为7%左右")]


@pytest.mark.parametrize("clause,indicator,comparator,low,high,unit", [
    ("细颗粒物年均浓度控制在29微克/立方米左右", "细颗粒物平均浓度", "approx", 29, 29,
     "微克/立方米"),
    ("空气质量优良天数比率达到90%以上", "空气质量优良天数比率", "floor", 90, None, "%"),
    ("实际利用外资增长5%", "实际利用外资", "point", 5, 5, "%"),
    ("外贸出口增长6%", "出口", "point", 6, 6, "%"),
    ("进出口总额增长3%", "进出口", "point", 3, 3, "%"),
])
def test_indicators_local_reports_set(indicators, clause, indicator, comparator, low, high, unit):
    t = parse_target_clause(clause, indicators)
    assert (t.indicator, t.comparator, t.low, t.high, t.unit) == (
        indicator, comparator, low, high, unit)


def test_targets_of_one_indicator_are_judged_apart_by_unit_and_direction():
    """judge_targets shares an actual between targets only when indicator, unit and direction all
    agree: 国内生产总值 in 万亿元 is another figure than its growth in %, and against a fall target
    the reported growth counts negative."""
    from compare.engine.judge import judge_targets
    from compare.store import load_report
    old, new = load_report(STORE / "2022" / "国务院-gov-work-report.yaml"), load_report(
        STORE / "2023" / "国务院-gov-work-report.yaml")
    gdp = next(t for t in old.targets if t.indicator == "国内生产总值" and t.unit == "%")
    level = gdp.model_copy(update={"id": "level", "unit": "万亿元", "low": 120.0, "high": 120.0})
    fall = gdp.model_copy(update={"id": "fall", "change": "fall"})
    growth, in_yuan, falling = judge_targets(old.model_copy(update={"targets": [gdp, level, fall]}),
                                             new,
                                             load_kind(old.kind))
    assert growth.actual == 3.0 and growth.verdict == "missed"
    # 国内生产总值增加到121万亿元 is printed only in the five-year passage: no 2022 figure in 万亿元
    assert in_yuan.actual is None and in_yuan.verdict == "not_reported"
    assert falling.actual == -3.0


def test_a_target_the_review_speaks_of_without_a_figure_is_quoted():
    """广东省 2025 set 粮食产量1285万吨; its 2026 review says 粮食总产量创2006年以来新高，… (no
    figure: a UA reviewer saw 未报告 and no sentence). The sentence is quoted, the verdict stays
    not reported (named_without_figure); the year a period starts from (2006年以来) does not move
    the sentence to that year, and a clause holding 以来 gives no actual (…以来…1300万吨)."""
    old = report(2025, "一、2024年工作回顾", "过去一年，地区生产总值增长3.5%。",
                 "二、2025年工作安排",
                 "今年经济社会发展的主要预期目标是：地区生产总值增长5%左右；粮食产量1285万吨。")
    grain = ("粮食总产量创2006年以来新高，单产创历史新高，在国家耕地保护和粮食安全责任制考核中"
             "获优秀等次。")
    new = report(2026, "一、2025年工作回顾",
                 "地区生产总值增长3.9%、总量连续37年居全国首位。" + grain)
    got = {t.indicator: t for t in compare_reports(old, new).targets}["粮食产量"]
    assert (got.actual, got.verdict, got.note, got.actual_text) == (
        None, "not_reported", "named_without_figure", grain)
    since = "2006年以来粮食产量持续增加，达到1300万吨。"
    new = report(2026, "一、2025年工作回顾", "地区生产总值增长3.9%。" + since)
    got = {t.indicator: t for t in compare_reports(old, new).targets}["粮食产量"]
    assert (got.actual, got.verdict, got.actual_text) == (None, "not_reported", since)


def test_targets_and_actuals_in_chinese_numerals():
    """Reports before the 1990s print figures and years in CJK numerals (国务院 1982: 增长百分之四,
    1983: 增长百分之七点四): the target is 4%, its actual the reviewed year's, never a sentence's
    on another year (一九八一年…); a clause holding a figure no indicator names is no qualitative
    target."""
    old = report(1982, "一、一九八一年工作回顾", "过去一年，全省生产总值增长百分之三。",
                 "二、一九八二年总体要求",
                 "今年主要预期目标是：全省生产总值增长百分之四，发电量达到三千亿千瓦时，"
                 "国际收支基本平衡。")
    assert [(t.indicator, t.comparator, t.low, t.unit) for t in old.targets] == [
        ("国内生产总值", "point", 4, "%"), ("国际收支基本平衡", "qualitative", None, "")]
    new = report(1983, "一、一九八二年工作回顾", "一九八一年全省生产总值增长百分之三。",
                 "过去一年，全省生产总值增长百分之七点四。")
    gdp = compare_reports(old, new).targets[0]
    assert (gdp.actual, gdp.verdict) == (7.4, "met")
    other_year = report(1983, "一、一九八二年工作回顾", "一九八一年全省生产总值增长百分之三。")
    assert compare_reports(old, other_year).targets[0].verdict == "not_reported"
def test_a_later_sentence_labelled_as_this_years_target_adds_its_figures():
    """国务院 2004 sets growth in its target sentence and its jobs targets in the employment
    section (今年的预期目标是，…); the clauses explaining the growth target (既考虑了…, 这也有利于…)
    are no qualitative targets."""
    r = report(2004, "一、2003年工作回顾", "过去一年，国内生产总值增长9.1%。",
               "二、2004年工作总体部署",
               "中央提出今年经济增长预期目标为7%左右，既考虑了保持宏观调控目标的连续性，也考虑了经济"
               "增长速度与能源、重要原材料、交通运输等实际条件的衔接，减轻对资源和环境的压力。这也有利于"
               "引导各方面把主要精力放在深化改革、调整结构、提高经济增长的质量和效益上，把更多的财力、"
               "物力用在社会发展和加强薄弱环节上。",
               "千方百计增加就业是政府的重要职责。今年的预期目标是，新增城镇就业900万人，下岗失业人员"
               "再就业500万人。继续实施积极的就业政策，特别要把财政、信贷支持和税费减免等政策真正落到"
               "实处。")
    assert [(t.indicator, t.comparator, t.low, t.unit) for t in r.targets] == [
        ("国内生产总值", "approx", 7, "%"), ("城镇新增就业", "point", 900, "万人"),
        ("下岗失业人员再就业", "point", 500, "万人")]
    # a later cue sentence of a five-year plan (国务院 2011's 今后五年，我国经济增长预期目标是…) or
    # of a later year sets none of this year's
    r = report(2011, "一、2010年工作回顾", "过去一年，国内生产总值增长10.3%。",
               "二、2011年的工作",
               "今年国民经济和社会发展的主要预期目标是：城镇新增就业900万人以上。",
               "今后五年，我国经济增长预期目标是在明显提高质量和效益的基础上年均增长7%。",
               "到2015年的预期目标是，城镇登记失业率控制在5%以内。")
    assert [t.indicator for t in r.targets] == ["城镇新增就业"]


@pytest.mark.parametrize("year,sentence,qualitative", [
    (2003, "综合分析国内外各种情况，今年经济增长预期目标为7%左右，这是必要的，经过努力也是可以实"
           "现的。关键要注重调整和优化结构，着力提高经济增长质量和效益。要坚持扩大内需的方针，继续实施积极的"
           "财政政策和稳健的货币政策，保持消费需求和投资需求对经济增长的双拉动。", []),
    (2007, "综合考虑各种因素，今年国民经济和社会发展的主要目标是：在优化结构、提高效益和降低消耗"
           "、保护环境的基础上，国内生产总值增长8%左右；城镇新增就业人数不低于900万人，城镇登记失业率控制在"
           "4.6%以内；物价总水平基本稳定，居民消费价格总水平涨幅在 3%以内；国际收支不平衡状况"
           "得到改善。",
     ["物价总水平基本稳定", "国际收支不平衡状况得到改善"]),
    (2009, "今年国民经济和社会发展的主要预期目标是：国内生产总值增长8%左右，经济结构进一步优化；"
           "城镇新增就业900万人以上，城镇登记失业率4.6%以内；城乡居民收入稳定增长；居民消费价格总水平涨幅4%左右；"
           "国际收支状况继续改善。这里要着重说明，提出8%左右的国内生产总值增长目标，综合考虑了发展的需要"
           "和可能。在我们这样一个13亿人口的发展中国家，要扩大城乡就业，增加居民收入，维护社会稳定，就"
           "必须保持一定的经济增长速度。只要政策对头，措施得当，落实有力，就有可能实现这一目标。",
     ["经济结构进一步优化", "城乡居民收入稳定增长", "国际收支状况继续改善"]),
    (2012, "今年经济社会发展的主要预期目标是：国内生产总值增长7.5%；城镇新增就业900万人以上，城"
           "镇登记失业率控制在4.6%以内；居民消费价格涨幅控制在4%左右；进出口总额增长10%左右，国际收支状况"
           "继续改善。同时，要在产业结构调整、自主创新、节能减排等方面取得新进展，城乡居民收入实际增长"
           "和经济增长保持同步。",
     ["国际收支状况继续改善", "要在产业结构调整、自主创新、节能减排等方面取得新进展",
      "城乡居民收入实际增长和经济增长保持同步"]),
])
def test_the_sentences_explaining_the_targets_set_none(year, sentence, qualitative):
    """国务院 2003–2012: a qualitative target is a goal the target sentence sets (or a sentence
    after it going on to set one: 同时，…), not the reasons weighed (综合考虑了…), the ground it is
    set on (在…的基础上) or how it is pursued (关键要…, 要坚持…)."""
    r = report(year, f"一、{year - 1}年工作回顾", "过去一年，国内生产总值增长9%。",
               f"二、{year}年工作总体部署", sentence)
    assert [t.text for t in r.targets if t.comparator == "qualitative"] == qualitative
    assert next(t for t in r.targets).indicator == "国内生产总值"


def test_a_clause_leaving_the_target_room_and_the_rule_after_it_set_none():
    """国务院 2022 (ua25: a journalist counted 并留有适当弹性 and the accounting rule after it as
    targets not reported): a clause leaving the target room weighs it, as 是留有余地的 (1993)."""
    r = report(2022, "一、2021年工作回顾", "过去一年，国内生产总值增长8.1%。",
               "二、2022年经济社会发展总体要求和政策取向",
               "今年发展主要预期目标是：国内生产总值增长5.5%左右；生态环境质量持续改善，主要污染物"
               "排放量继续下降；能耗强度目标在“十四五”规划期内统筹考核，并留有适当弹性，新增可再生"
               "能源和原料用能不纳入能源消费总量控制；粮食产量保持在1.3万亿斤以上。")
    assert [t.text for t in r.targets if t.comparator == "qualitative"] == [
        "生态环境质量持续改善", "主要污染物排放量继续下降",
        "能耗强度目标在“十四五”规划期内统筹考核"]


def test_a_whole_year_bound_met_on_a_year_end_figure_is_noted():
    """国务院 2022→2023 (ua25): 城镇调查失业率全年控制在5.5%以内 is met by 年末…降到5.5% (the team's
    gold says met), and the note says the review gives the year's end only; a figure of the year
    (平均为5.1%) or a target without 全年 carries no such note."""
    def judged(target: str, review: str):
        old = report(2022, "一、2021年工作回顾", "过去一年，国内生产总值增长8.1%。",
                     "二、2022年总体要求",
                     f"今年发展主要预期目标是：国内生产总值增长5.5%左右；{target}。")
        new = report(2023, "一、2022年工作回顾", f"过去一年，国内生产总值增长3%，{review}。")
        return next((t.verdict, t.note, t.note_values) for t in compare_reports(old, new).targets
                    if t.indicator == "城镇调查失业率")
    whole_year, year_end = "城镇调查失业率全年控制在5.5%以内", "年末城镇调查失业率降到5.5%"
    assert judged(whole_year, year_end) == ("met", "point_in_time", {"when": "年末"})
    assert judged(whole_year, "城镇调查失业率平均为5.1%") == ("met", "", {})
    assert judged("城镇调查失业率控制在5.5%以内", year_end) == ("met", "", {})
    assert judged(whole_year, "年末城镇调查失业率为5.7%")[:2] == ("missed", "")


def test_targets_of_the_1990s_set_as_plan_or_control_targets():
    # 国务院 1992: 今年计划要求, a sentence without a figure between two that set targets, the
    # 1990s names of retail sales and retail prices
    r = report(1992, "一、1991年工作回顾", "过去一年，国民生产总值比上年增长百分之七。",
               "二、1992年的主要任务",
               "今年计划要求，在保持社会总需求与总供给基本平衡的基础上，国民生产总值增长百分之六，"
               "全社会固定资产投资增长百分之八。投资要符合产业政策，避免盲目发展和重复建设。"
               "社会商品零售总额增长百分之十二点三，货币发行和新增信贷规模与去年大体持平，"
               "零售物价上涨幅度控制在百分之六以内。")
    assert [(t.indicator, t.comparator, t.low, t.high) for t in r.targets] == [
        ("国内生产总值", "point", 6, 6), ("固定资产投资", "point", 8, 8),
        ("社会消费品零售总额", "point", 12.3, 12.3), ("商品零售价格", "ceiling", None, 6),
        ("货币发行和新增信贷规模与去年大体持平", "qualitative", None, None)]
    # 1993: the cue after the name, a paragraph whose first cue sets nothing, 留有余地 no target
    r = report(1993, "一、1992年工作回顾", "过去一年，国民生产总值比上年增长百分之十二点八。",
               "二、1993年的主要任务",
               "今年国民生产总值计划增长百分之八，是留有余地的。"
               "今年计划安排的信贷规模和货币投放量，都有适当增长。")
    assert [(t.indicator, t.low) for t in r.targets] == [("国内生产总值", 8)]
    # 1997 and 1999: 调控目标定为, 预期为; a later 调控目标 sentence led by its name
    r = report(1997, "一、1996年工作回顾", "过去一年，国内生产总值增长9.7%。",
               "二、1997年的主要任务",
               "今年要保持国民经济持续、快速、健康发展，经济增长速度的调控目标定为８％。",
               "综合考虑促进经济增长的需要和财力物力的可能，今年全社会固定资产投资调控目标为"
               "２５３００亿元，投资率为３２％。")
    assert [(t.indicator, t.low, t.unit) for t in r.targets] == [
        ("国内生产总值", 8, "%"), ("固定资产投资", 25300, "亿元")]
    r = report(1999, "一、1998年工作回顾", "过去一年，国内生产总值比上年增长7.8％。",
               "二、1999年的主要任务",
               "综合分析国内外的有利条件和制约因素，今年的经济增长预期为7％左右。")
    assert [(t.indicator, t.comparator, t.low) for t in r.targets] == [
        ("国内生产总值", "approx", 7)]


def test_figures_typeset_a_digit_at_a_time():
    # 国务院 1998
    assert normalize_chars("粮食总产量稳定在4 9 2 5 0 万吨，预定增长1 0 ％或者更多一些") \
        == "粮食总产量稳定在49250万吨，预定增长10%或者更多一些"
    assert normalize_chars("增长7.8 ％，2 0 0 0 年") == "增长7.8%，2000年"


def test_actuals_of_the_1990s():
    # 国务院 1998→1999: the target's longer name read first (国有单位固定资产投资 is not the whole),
    # 14·1％ a decimal
    old = report(1998, "一、1997年工作回顾", "过去一年，国内生产总值增长8.8%。",
                 "二、1998年的主要任务",
                 "今年国民经济宏观调控的主要目标是：经济增长速度8 ％，"
                 "商品零售价格涨幅控制在3 ％以内。",
                 "今年全社会固定资产投资预定增长1 0 ％或者更多一些。")
    new = report(1999, "一、1998年工作回顾",
                 "下半年国有单位固定资产投资增长显著加快，全年增长19·5％，"
                 "全社会固定资产投资增长14·1％。")
    got = {t.indicator: (t.actual, t.verdict) for t in compare_reports(old, new).targets}
    assert got["固定资产投资"] == (14.1, "met")
    # 1994→1995: the review recalling the target (要把…控制在百分之十以内) gives no actual
    old = report(1994, "一、1993年工作回顾", "过去一年，国内生产总值增长百分之十三点四。",
                 "二、1994年的主要任务", "根据这个要求，今年计划国内生产总值增长百分之九。",
                 "各级政府和社会有关方面要采取积极有效的措施，努力把全年零售物价上涨幅度控制在"
                 "百分之十以内。")
    new = report(1995, "一、1994年工作回顾", "国内生产总值比上年增长百分之十一点八。",
                 "去年我在政府工作报告中曾提出，要把全年商品零售物价上涨幅度控制在百分之十以内。")
    got = {t.indicator: (t.low, t.high, t.actual, t.verdict)
           for t in compare_reports(old, new).targets}
    assert got == {"国内生产总值": (9, 9, 11.8, "met"),
                   "商品零售价格": (None, 10, None, "not_reported")}
