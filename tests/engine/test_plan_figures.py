"""The year's figures a report with no target sentence sets through its plan part (the State
Council's reports of the 1950s: 将增长, 将要达到, 拟定为, 指标为), and their actuals a year later.
Real text: the 1956 report whole (tests/data), the paragraphs of 1957–1960 copied below from the
shared corpus (gov-work-report-archive, Wikisource); tuned on round 20's half 1954→1960."""
import pytest

from compare.engine.judge import judge_targets
from compare.ingest import ingest_text
from compare.kinds import load_kind
from tests.support import DATA

KIND = load_kind("gov-work-report")
# the made-up reports below have no measures and the plan reports no review: said, not tested here
pytestmark = pytest.mark.filterwarnings("ignore::compare.errors.YoyWarning")
FILLER = "我们继续努力工作。" * 40  # a section long enough to be one


def report(year: int, review: str, plan: str):
    """A report of `year` whose review part holds `review` and whose plan part `plan`."""
    text = (f"一、{year - 1}年工作回顾\n{review}{FILLER}\n"
            f"二、{year}年主要目标任务\n{plan}{FILLER}\n")
    return ingest_text(text, kind="gov-work-report", region="国务院", year=year)


def figures(r) -> set[tuple[str, float | None, str, str]]:
    return {(t.indicator, t.low if t.low is not None else t.high, t.unit, t.change)
            for t in r.targets}


def test_1956_plan_figures_read_from_the_plan_part():
    text = (DATA / "gov-work-report-archive" / "国务院政府工作报告-1956.txt").read_text(
        encoding="utf-8")
    got = figures(ingest_text(text, kind="gov-work-report", region="国务院", year=1956))
    assert {
        ("工业总产值", 19.7, "%", "rise"),          # 1956年工业生产总值比1955年将增长19.7%
        ("农业总产值", 9.3, "%", "rise"),           # 国家计划规定，1956年农业和副业总产值将…
        ("粮食产量", 3989.0, "亿斤", "rise"),        # 3，989亿斤: one number
        ("粮食产量", 8.4, "%", "rise"),             # …，比1955年增长8.4%: the name before it
        ("棉花产量", 3556.0, "万担", "rise"),        # after 比五年计划原定1957年…的水平；
        ("棉花产量", 17.1, "%", "rise"),
        ("工农业总产值", 14.1, "%", "rise"),
        ("国家预算收入", 9.29, "%", "rise"),         # 同1955年国家决算比较，本年收入增长9.29%
        ("国家预算支出", 4.76, "%", "rise"),
        ("基本建设投资", 62.0, "%", "rise"),         # a sentence after 1956年基本建设的…很大
        ("社会消费品零售总额", 460.0, "亿元", "rise"),
        ("社会消费品零售总额", 15.0, "%", "rise"),
    } <= got
    # the review of 1955 (its 决算, 1955年本年收入增长…3.68%) sets none, nor does a share
    # (占本年收入的33.53%) or the later figure of an indicator already set (实际增长15.83%)
    assert not {f for f in got if f[1] in (3.68, 6.32, 33.53, 15.83, 22.77)}


PLAN_1958 = (
    "一九五八年的基本建设总投资额，拟定为一百四十五亿七千七百万元，比一九五七年的预计数"
    "增加了二十二亿元，增长百分之十七点八。"
    "根据农业生产高潮的新形势，一九五八年农业和农副业总产值，拟定为六百八十八亿三千万元"
    "（按一九五七年不变价格计算），比一九五七年增长百分之六点一。以粮食和棉花的产量来说，"
    "一九五八粮食的指标为三千九百二十亿斤，比上一年增加二百二十亿斤，增长百分之五点九；"
    "棉花的指标为三千五百万担，比上一年增加二百二十万担，增长百分之六点七；"
    "这些速度都是相当高的。\n")


def test_1958_figures_named_a_clause_before_and_in_cjk_years():
    got = figures(report(1958, "", PLAN_1958))
    assert got == {
        ("基本建设投资", 145.77, "亿元", "rise"), ("基本建设投资", 17.8, "%", "rise"),
        ("农业总产值", 688.3, "亿元", "rise"), ("农业总产值", 6.1, "%", "rise"),
        ("粮食产量", 3920.0, "亿斤", "rise"), ("粮食产量", 5.9, "%", "rise"),
        ("棉花产量", 3500.0, "万担", "rise"), ("棉花产量", 6.7, "%", "rise")}


PLAN_1959 = (
    "在一九五八年十一月召开的中国共产党第八届中央委员会第六次全体会议上，曾经讨论了一九五九年发展"
    "国民经济的主要任务和方针，提出了钢产量一千八百万吨、煤产量三亿八千万吨、粮食产量一万零五百亿斤、"
    "棉花产量一亿担的四项指标。\n"
    "大家从计划草案中可以看到：一九五九年的工农业总产值将比一九五八年的二千零五十亿元增长百分之四十，"
    "达到二千八百七十亿元；其中，工业和手工业总产值为一千六百五十亿元，农业总产值为一千二百二十亿元。\n"
    "一九五九年基本建设投资总额，通过国家预算的部分，拟定为二百七十亿元，比一九五八年的二百一十四亿元"
    "增长百分之二十六。\n")


def test_1959_the_four_indicators_a_base_and_a_scope():
    got = figures(report(1959, "", PLAN_1959))
    assert got == {
        ("钢产量", 1800.0, "万吨", "rise"), ("煤产量", 3.8, "亿吨", "rise"),
        ("粮食产量", 10500.0, "亿斤", "rise"), ("棉花产量", 1.0, "亿担", "rise"),
        # 比一九五八年的二千零五十亿元 is the base, not the target
        ("工农业总产值", 40.0, "%", "rise"), ("工农业总产值", 2870.0, "亿元", "rise"),
        ("工业总产值", 1650.0, "亿元", "rise"), ("农业总产值", 1220.0, "亿元", "rise"),
        ("基本建设投资", 270.0, "亿元", "rise"), ("基本建设投资", 26.0, "%", "rise")}


@pytest.mark.parametrize("year,plan", [
    # another base year: a comparison over five years (国务院 1957)
    (1957, "以1957年的计划数字同1952年的实际数字作比较，我国的工业总产值增长一点二倍，"
           "即增加三百三十三亿元。\n"),
    (1957, "我国1957年的农业计划如果完成，农业总产值比1952年将增长26%，"
           "即增加一百二十七亿六千万元。\n"),
    # a period (国务院 1955, the first five-year plan)
    (1955, "第一个五年计划规定，一九五五年到一九五七年，基本建设要完成五年投资总额的百分之六十八；"
           "以一九五四年为基数，粮食产量要增长百分之十三点七，即增产四百六十六亿斤。\n"),
    # the year before (国务院 1957's review of 1956, as a plan paragraph would print it)
    (1957, "1956年，全国农业总产值约为五百八十三亿元，比1955年增加了二十七亿四千万元，"
           "接近了第一个五年计划最后一年的指标。\n"),
    # a share (国务院 1956)
    (1956, "1956年国家预算草案用在经济建设和文化教育事业的支出，共占本年支出总数的64.96%。\n"),
])
def test_no_figure_of_another_year_a_period_or_a_share(year, plan):
    assert report(year, "", plan).targets == []


def test_a_target_sentence_keeps_the_plan_part_unread():
    plan = ("今年发展主要预期目标是：国内生产总值增长6%以上。\n" + FILLER
            + "\n2021年粮食产量将达到1.3万亿斤以上，工业总产值将增长5%。\n")
    assert figures(report(2021, "", plan)) == {("国内生产总值", 6.0, "%", "rise")}


def test_an_increment_named_a_clause_later_sets_no_level():
    """比上一年增加二百二十亿斤 after the indicator's name is the change, not the level planned;
    the rate it is printed with is (国务院 1958's wording, the level left out)."""
    plan = "一九五八年的粮食产量，将比上一年增加二百二十亿斤，增长百分之五点九。\n"
    assert figures(report(1958, "", plan)) == {("粮食产量", 5.9, "%", "rise")}


def judged(review_year: int, review: str, plan: str) -> dict[tuple[str, str], tuple]:
    old, new = report(review_year - 1, "", plan), report(review_year, review, "")
    return {(r.indicator, r.unit): (r.actual, r.verdict)
            for r in judge_targets(old, new, KIND)}


def test_an_increment_is_no_level():
    """粮食增加了三千八百亿斤 (国务院 1959 on 1958) is the change, not the level reached."""
    review = ("而一九五八年比一九五七年，钢增加了五百七十三万吨，煤增加了一亿四千万吨，"
              "粮食增加了三千八百亿斤，棉花增加了三千三百五十八万担。\n")
    got = judged(1959, review, PLAN_1958)
    assert got[("粮食产量", "亿斤")] == (None, "not_reported")
    assert got[("棉花产量", "万担")] == (None, "not_reported")


PLAN_1957 = ("这次提交大会审议的1957年度的国家预算草案和发展国民经济计划草案的各种数字表明，"
             "我们的社会主义建设事业是以既积极又充分可靠的步骤向前发展的。"
             "1957年的工业总产值比1956年将增长百分之四点五，达到六百零三亿元。"
             "农业总产值比1956年将增长百分之四点九，达到六百一十一亿元。\n")


def test_actuals_past_a_bracketed_year_and_a_clause_on_the_plan():
    """国务院 1958 on 1957: the prices a figure is in (按一九五二年不变价格计算) name no year of
    the review; the overshoot of the plan (超过年度计划百分之四点一) is its clause's only."""
    review = ("一九五七年的工业总产值（不包括手工业产值，下同），包括原有企业和新建企业的在内，"
              "预计达到六百二十八亿一千万元（按一九五二年不变价格计算），超过年度计划百分之四点一，"
              "比上一年增长百分之六点九，超过第一个五年计划所规定的一九五七年的指标百分之十七点三。"
              "农业和农副业总产值达到六百零三亿五千万元（按一九五二年不变价格计算），"
              "比一九五六年增长百分之"
              "三点五。\n")
    got = judged(1958, review, PLAN_1957)
    assert got[("工业总产值", "%")] == (6.9, "met")
    assert got[("农业总产值", "%")] == (3.5, "missed")
