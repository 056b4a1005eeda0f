import re
import unicodedata
from pathlib import Path

# cn2an imported up front: its import (0.1-0.3 s) on a first figure such as 五五只 (cn2an reads the
# rarer forms) would blow hypothesis's deadline
import cn2an as _cn2an_loaded  # noqa: F401
import pytest
from hypothesis import given
from hypothesis import strategies as st

from compare.ingest.quantities import (
    MAGNITUDES,
    QUALIFIERS,
    UNITS,
    extract_quantities,
    parse_target_clause,
    split_target_sentence,
)
from compare.kinds import load_kind
from tests.support import SEED, sc


def normalised(path: Path) -> str:
    text = path.read_text(encoding="utf-8")
    return unicodedata.normalize("NFKC", text).replace("\u200b", "")


@pytest.fixture(scope="module")
def xinyu():
    return extract_quantities(normalised(SEED))


@pytest.fixture(scope="module")
def gwr2022():
    return extract_quantities(normalised(sc(2022)))


@pytest.fixture(scope="module")
def indicators():
    return load_kind("gov-work-report").indicators


def facts(quantities):
    return {(q.value, q.unit, q.qualifier) for q in quantities}


def only(text):
    [q] = extract_quantities(text)
    return q


# ---- extract_quantities on real text ----------------------------------------

@pytest.mark.parametrize("fact", [
    (877, "项", ""), (3190, "项", ""), (9000, "张", "近"),
    (98.28, "%", "达"), (97.2, "%", "达"), (1107, "万条", ""),
])
def test_xinyu_facts(xinyu, fact):
    assert fact in facts(xinyu)


@pytest.mark.parametrize("fact", [
    (114, "万亿元", "达到"), (8.1, "%", ""), (1269, "万人", ""), (1.37, "万亿斤", ""),
    (1.5, "亿户", "超过"),
])
def test_gwr2022_facts(gwr2022, fact):
    assert fact in facts(gwr2022)


def test_subjects_on_real_text(xinyu, gwr2022):
    subject = {(q.value, q.unit): q.subject for q in xinyu + gwr2022}
    assert subject[877, "项"] == "上线运行事项"
    assert subject[3190, "项"].endswith("清单事项")
    assert subject[98.28, "%"] == "成功率"
    assert subject[1269, "万人"] == "城镇新增就业"
    assert subject[1.5, "亿户"] == "市场主体总量"
    assert subject[114, "万亿元"] == "国内生产总值"


def test_kinds(xinyu):
    kinds = {q.unit: q.kind for q in xinyu}
    assert kinds["%"] == "percent"
    assert kinds["个百分点"] == "points"
    assert kinds["项"] == "amount"


def test_spans_cover_the_match(xinyu):
    text = normalised(SEED)
    for q in xinyu:
        printed = text[q.start:q.end]
        assert q.unit in re.sub("[多余 ]", "", printed)
        assert q.qualifier in printed or q.qualifier == "多"


# ---- extract_quantities: shapes ----------------------------------------------

@pytest.mark.parametrize("text, value, high, unit, qualifier", [
    ("企业超过1.5亿户", 1.5, None, "亿户", "超过"),
    ("规模1万亿元以上", 1, None, "万亿元", "以上"),
    ("增长5.5%左右", 5.5, None, "%", "左右"),
    ("控制在5.5%以内", 5.5, None, "%", "以内"),
    ("涨幅低于3%", 3, None, "%", "低于"),
    ("减税7500多亿元", 7500, None, "亿元", "多"),
    ("就业1270多万人", 1270, None, "万人", "多"),
    ("20余家企业受益", 20, None, "家", "多"),
    ("14亿多人口", 14, None, "亿人", "多"),
    ("增长6.5%－7%", 6.5, 7, "%", ""),
    ("增长5%—5.5%", 5, 5.5, "%", ""),
    ("增长4.5-5%", 4.5, 5, "%", ""),
    ("增长5%-5.5%", 5, 5.5, "%", ""),
    ("增长4%至5%", 4, 5, "%", ""),
    ("所得额100万元至300万元", 100, 300, "万元", ""),
    ("调解医患纠纷 872 起", 872, None, "起", ""),
    ("下降1.5个百分点", 1.5, None, "个百分点", ""),
    ("是十年前的3倍", 3, None, "倍", ""),
    ("覆盖10.5亿人", 10.5, None, "亿人", ""),
    ("增加1.4亿", 1.4, None, "亿", ""),
    # things a plan counts (盐田区 2025: 举办婚礼1000场以上…蜜月度假1万对以上 read as 1万 alone)
    ("举办婚礼1000场以上", 1000, None, "场", "以上"),
    ("蜜月度假1万对以上", 1, None, "万对", "以上"),
])
def test_shapes(text, value, high, unit, qualifier):
    q = only(unicodedata.normalize("NFKC", text))
    assert (q.value, q.high, q.unit, q.qualifier) == (value, high, unit, qualifier)


@pytest.mark.parametrize("text, value, unit", [
    ("年内共组织了两次集中交叉评查", 2, "次"),
    ("出台十五条措施", 15, "条"),
    ("培训三千人", 3000, "人"),
    ("新增三千五百万人", 3500, "万人"),
])
def test_chinese_numerals(text, value, unit):
    q = only(text)
    assert (q.value, q.unit) == (value, unit)


# Figures as the State Council's reports before the 1990s print them (sentences of the archive):
# value and unit as the same figure in digits would read (628.1亿元, 5.5%), the span as printed.
@pytest.mark.parametrize("text, printed, value, high, unit, qualifier", [
    ("一九五七年的工业总产值预计达到六百二十八亿一千万元（按一九五二年不变价格计算）",
     "达到六百二十八亿一千万元", 628.1, None, "亿元", "达到"),
    ("超过年度计划百分之四点一", "百分之四点一", 4.1, None, "%", ""),
    ("原油增长百分之零点五", "百分之零点五", 0.5, None, "%", ""),
    ("煤产量三亿八千万吨", "三亿八千万吨", 3.8, None, "亿吨", ""),
    ("粮食产量一万零五百亿斤", "一万零五百亿斤", 10500, None, "亿斤", ""),
    ("粮食产量达到四亿零七百多万吨", "达到四亿零七百多万吨", 4.07, None, "亿吨", "多"),
    ("全部建成后增加的发电能力将为四百零六万千瓦", "四百零六万千瓦", 406, None, "万千瓦", ""),
    ("这三年城镇共安排两千多万人就业", "两千多万人", 2000, None, "万人", "多"),
    ("五年内修建公路一万公里以上", "一万公里以上", 1, None, "万公里", "以上"),
    ("油料增长一点二六倍", "一点二六倍", 1.26, None, "倍", ""),
    ("比一九七八年增加一倍", "一倍", 1, None, "倍", ""),
    ("目前已经揭露出来的十几万经济犯罪案件中", "十几万", 10, None, "万", "多"),
    ("二亿七千八百零九万三千一百人", "二亿七千八百零九万三千一百人", 2.780931, None, "亿人", ""),
    ("我国工农业总产值突破一万亿元", "突破一万亿元", 1, None, "万亿元", "突破"),
    ("一万六千亿元", "一万六千亿元", 16000, None, "亿元", ""),
    ("而全国人口有六万万之多", "六万万", 6, None, "万万", ""),
    ("力争控制在百分之十五左右", "控制在百分之十五左右", 15, None, "%", "左右"),
    ("增长百分之五至六", "百分之五至六", 5, 6, "%", ""),
    ("业的生产成本只要降低百分之一", "百分之一", 1, None, "%", ""),
])
def test_figures_in_chinese_numerals(text, printed, value, high, unit, qualifier):
    q = only(text)
    assert (text[q.start:q.end], q.value, q.high, q.unit, q.qualifier) == (
        printed, value, high, unit, qualifier)
    assert q.kind == ("percent" if unit == "%" else "amount")


@pytest.mark.parametrize("text", [
    "一九八三年", "第二个五年计划", "三峡工程", "两会", "一带一路", "一万二千万元", "万千瓦",
])
def test_chinese_numerals_that_are_no_figure(text):
    assert extract_quantities(text) == []


# Every character a figure may open with, as a clause's one figure: extract_quantities skips a
# clause holding none of them, so one missing from that set would lose every figure it opens.
@pytest.mark.parametrize("text, value", [
    *((f"培训{d}人", int(d)) for d in "0123456789"),
    ("培训一百人", 100), ("培训二人", 2), ("培训两人", 2), ("培训三人", 3), ("培训四人", 4),
    ("培训五人", 5), ("培训六人", 6), ("培训七人", 7), ("培训八人", 8), ("培训九人", 9),
    ("培训十人", 10),
])
def test_every_opening_character_of_a_figure(text, value):
    assert (only(text).value, only(text).unit) == (value, "人")


@pytest.mark.parametrize("text", [
    "12月17日", "2021年", "3月5日", "2022-03-10 15:52", "列第5位", "第二批", "列全省前列",
    "第十四个五年规划", "〔2021〕33号", "18岁以上人群", "3-11岁人群", "(2021-2025年)", "5G基础设施",
    "细颗粒物(PM2.5)浓度", "4.0版新系统", "“十四五”规划", "“两个确立”", "《纲要十五条措施》",
    "一是持续优化", "二是坚持", "一批", "一体推进", "一张营业执照", "一件事一次办", "千家万户",
])
def test_not_quantities(text):
    assert extract_quantities(text) == []


def test_subject_trims_fillers_and_keeps_growth_verbs():
    assert only("行政权力清单事项共3190项").subject == "行政权力清单事项"
    assert only("累计归集向省信用平台上报数据1107万条").subject == "归集向省信用平台上报数据"
    assert only("国内生产总值增长3%").subject == "国内生产总值增长"
    assert only("城镇调查失业率降到5.2%").subject == "城镇调查失业率"


def test_from_to_shares_the_subject():
    old, new = extract_quantities("高速铁路运营里程从2.5万公里增加到4.2万公里")
    assert old.subject == new.subject == "高速铁路运营里程"
    assert (old.value, new.value) == (2.5, 4.2)


def test_a_quantity_starts_a_new_subject_only_within_its_clause():
    first, second = extract_quantities("调处纠纷7591件,涉及当事人18977人")
    assert (first.subject, second.subject) == ("调处纠纷", "涉及当事人")


def test_magnitudes_are_not_units():
    # a magnitude listed as a unit too would be matched twice: 万 of 万人 and 万 alone
    assert not set(MAGNITUDES) & set(UNITS)


# ---- never raises -------------------------------------------------------------

PIECES = st.sampled_from(
    list("0123456789.零〇一二两三四五六七八九十百千万亿第-—–~至，,。；;：:、“”《》〔〕() %")
    + list(UNITS) + list(MAGNITUDES) + list(QUALIFIERS) + ["岁", "年", "月", "日", "号", "PM", "G"]
)


@given(st.text())
def test_never_raises_on_any_text(text):
    for q in extract_quantities(text):
        assert 0 <= q.start < q.end <= len(text)


@given(st.lists(PIECES, max_size=40).map("".join))
def test_never_raises_on_number_like_text(text):
    quantities = extract_quantities(text)
    assert [q.start for q in quantities] == sorted(q.start for q in quantities)
    for q in quantities:
        assert 0 <= q.start < q.end <= len(text)
        assert q.kind in ("amount", "percent", "points")


# ---- target clauses ------------------------------------------------------------

def target_sentence(name: Path) -> str:
    return next(line for line in normalised(name).splitlines() if "主要预期目标是" in line)


def targets(name, indicators):
    clauses = split_target_sentence(target_sentence(name))
    parsed = (parse_target_clause(c, indicators) for c in clauses)
    return {t.indicator: (t.comparator, t.low, t.high, t.unit) for t in parsed if t}


def test_targets_2022(indicators):
    got = targets(sc(2022), indicators)
    assert got["国内生产总值"] == ("approx", 5.5, 5.5, "%")
    assert got["城镇新增就业"] == ("floor", 1100, None, "万人")
    assert got["城镇调查失业率"] == ("ceiling", None, 5.5, "%")
    assert got["居民消费价格"] == ("approx", 3, 3, "%")
    assert got["粮食产量"] == ("floor", 1.3, None, "万亿斤")


def test_targets_2021(indicators):
    got = targets(sc(2021), indicators)
    assert got["国内生产总值"] == ("floor", 6, None, "%")
    assert got["城镇调查失业率"] == ("approx", 5.5, 5.5, "%")
    assert got["单位国内生产总值能耗"] == ("approx", 3, 3, "%")
    assert got["粮食产量"] == ("floor", 1.3, None, "万亿斤")


def test_target_text_is_the_clause(indicators):
    t = parse_target_clause(" 城镇调查失业率全年控制在5.5%以内 ", indicators)
    assert t.text == "城镇调查失业率全年控制在5.5%以内"


@pytest.mark.parametrize("clause, indicator, comparator, low, high", [
    ("地区生产总值增长5%-5.5%", "国内生产总值", "range", 5, 5.5),
    ("城镇登记失业率控制在4.5%以内", "城镇登记失业率", "ceiling", None, 4.5),
    ("城镇调查失业率5.5%左右", "城镇调查失业率", "approx", 5.5, 5.5),
    ("居民消费价格涨幅不超过3%", "居民消费价格", "ceiling", None, 3),
    ("研发经费投入增长不低于7%", "研发经费投入", "floor", 7, None),
    ("规模以上工业增加值增长6%", "规模以上工业增加值", "point", 6, 6),
    ("单位国内生产总值能耗降低3%左右", "单位国内生产总值能耗", "approx", 3, 3),
])
def test_target_clauses(indicators, clause, indicator, comparator, low, high):
    t = parse_target_clause(clause, indicators)
    assert (t.indicator, t.comparator, t.low, t.high) == (indicator, comparator, low, high)


@pytest.mark.parametrize("clause", [
    "进出口量稳质升", "居民收入增长与经济增长基本同步", "新建1亿亩高标准农田", "",
])
def test_clauses_without_indicator_or_number(indicators, clause):
    assert parse_target_clause(clause, indicators) is None


def test_split_target_sentence():
    sentence = ("今年发展主要预期目标是：国内生产总值增长5.5%左右；城镇新增就业1100万人以上，"
                "城镇调查失业率5.5%左右。")
    assert split_target_sentence(sentence) == [
        "国内生产总值增长5.5%左右", "城镇新增就业1100万人以上", "城镇调查失业率5.5%左右"]
    assert split_target_sentence("粮食产量保持在1.3万亿斤以上") == ["粮食产量保持在1.3万亿斤以上"]
    assert split_target_sentence("") == []


@pytest.mark.parametrize("clause, comparator, value, unit", [
    # X is last year's figure: the target is Y
    ("常住人口城镇化率从去年的2.1%提高到2.3%", "point", 2.3, "%"),
    ("城镇调查失业率由5.5%降至5%左右", "approx", 5, "%"),
    ("地区生产总值从100亿元增加到120亿元", "point", 120, "亿元"),
    ("城镇调查失业率5.5%至6%", "range", 5.5, "%"),                       # a range is no change
])
def test_a_change_between_two_figures_sets_the_second(indicators, clause, comparator, value, unit):
    t = parse_target_clause(clause, indicators)
    assert (t.comparator, t.low if t.low is not None else t.high, t.unit) == (
        comparator, value, unit)


def test_clauses_joined_by_a_list_comma_each_with_a_figure_are_split():
    """阜平县 2020: 地区生产总值增长7%以上、规模以上工业增加值增长6%以上、…; a list
    of names is not split."""
    assert split_target_sentence("主要预期目标是：地区生产总值增长7%以上、"
                                 "规模以上工业增加值增长6%以上;"
                                 "万元GDP能耗、水耗分别下降4.3%、2.5%") == [
        "地区生产总值增长7%以上", "规模以上工业增加值增长6%以上",
        "万元GDP能耗、水耗分别下降4.3%、2.5%"]


def test_split_real_sentence_keeps_every_clause():
    clauses = split_target_sentence(target_sentence(sc(2021)))
    assert clauses[0] == "国内生产总值增长6%以上"
    assert "单位国内生产总值能耗降低3%左右" in clauses
    assert not any(re.search(r"[；;，,。]", c) for c in clauses)


# ---- CJK numerals: read without cn2an where they are written forms, and as cn2an reads them ----

_NUMERAL_CHARS = "零〇一二两三四五六七八九十百千"


def _cn2an(numeral: str) -> int | None:
    import cn2an
    try:
        return int(cn2an.cn2an(numeral, "normal"))
    except (ValueError, KeyError):
        return None


def test_cjk_number_agrees_with_cn2an_on_every_short_string():
    import itertools

    from compare.text import cjk_number
    strings = ("".join(t) for n in range(1, 5) for t in itertools.product(_NUMERAL_CHARS, repeat=n))
    assert [s for s in strings if cjk_number(s) != _cn2an(s)] == []


@given(st.text(alphabet=_NUMERAL_CHARS, min_size=5, max_size=9))
def test_cjk_number_agrees_with_cn2an_on_longer_strings(numeral):
    from compare.text import cjk_number
    assert cjk_number(numeral) == _cn2an(numeral)


def test_written_numerals_below_ten_thousand_need_no_cn2an():
    """cn2an costs 0.1 s to import: a compare reading 三项, 一千零五十 or
    两千〇二十 must not pay it."""
    import subprocess
    import sys

    import cn2an
    written = [cn2an.an2cn(n) for n in range(1, 10000)]
    written += [w.replace("二", "两") for w in written] + [w.replace("零", "〇") for w in written]
    code = ("import sys\nfrom compare.text import cjk_number\n"
            "values = [cjk_number(w) for w in sys.stdin.read().split()]\n"
            "print('cn2an' in sys.modules, sum(v is None for v in values))")
    out = subprocess.run([sys.executable, "-c", code], input=" ".join(written),
                         capture_output=True, text=True,
                         check=True).stdout.split()
    assert out == ["False", "0"]
    from compare.text import cjk_number
    assert [cjk_number(w) for w in written] == [*range(1, 10000)] * 3
