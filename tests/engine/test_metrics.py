"""数据变化: figures of one year compared with their like, subjects whole, on
the shipped reports."""
import pytest

from compare.engine.metrics import figures, metric_changes
from compare.ingest import ingest_text
from compare.kinds import load_kind

KIND = load_kind("gov-work-report")


@pytest.fixture(scope="module")
def changes(state_council):
    return {(m.part, m.subject, m.unit): m
            for m in metric_changes(state_council[2022], state_council[2023], KIND)}


def test_the_years_figures_side_by_side(changes):
    # read off the reports: GDP grew 8.1% in 2021 and 3% in 2022; prices rose 0.9%, then 2%; goods
    # trade grew 21.4%, then 7.7%; the growth planned went from 5.5% to 5%
    got = {key: (m.old, m.new) for key, m in changes.items()}
    assert got[("review", "国内生产总值增长", "%")] == (8.1, 3.0)
    assert got[("review", "居民消费价格上涨", "%")] == (0.9, 2.0)
    assert got[("review", "货物进出口总额增长", "%")] == (21.4, 7.7)
    assert got[("plan", "国内生产总值增长", "%")] == (5.5, 5.0)
    trade = changes[("review", "货物进出口总额增长", "%")]
    assert (trade.change, trade.change_pct) == (-13.7, -64.02)
    # the review's figures first, then the plan's
    parts = [part for part, _, _ in changes]
    assert parts == sorted(parts, key=lambda p: p != "review") and {"review", "plan"} == set(parts)


def test_five_year_figures_are_left_out(state_council, changes):
    # 2023 is a term-end report: PM2.5 fell 27.5% over five years (过去五年…), 9.1% in 2021 alone
    old = list(figures(state_council[2022], KIND))
    new = list(figures(state_council[2023], KIND))
    assert ("review", "地级及以上城市细颗粒物（PM2.5）平均浓度下降", "%", 9.1) in old
    assert not [f for f in new if f[3] == 27.5]
    assert not any("浓度" in subject for _, subject, _ in changes)
    # 国内生产总值增加到121万亿元 stands in the five-year passage: not compared with 2021's 114
    assert ("review", "国内生产总值", "万亿元") not in changes


def test_subjects_are_whole_and_names_are_not_figures(state_council):
    subjects = [subject for r in state_council.values() for _, subject, _, _ in figures(r, KIND)]
    assert "提请全国人大常委会审议法律议案" in subjects  # 15 characters, kept whole
    # no subject opens inside a bracket, and 中央八项规定 counts no 8项 of 严格落实中央
    assert not [s for s in subjects if s[0] in "）)”》"]
    assert not [s for s in subjects if s.endswith("中央")]


@pytest.mark.parametrize("text, expected", [
    # the figure ends its clause: the words before it are what it counts
    ("城镇新增就业1206万人。", [("城镇新增就业", "万人", 1206)]),
    # a figure followed by what it counts: its subject is not named before it
    ("严格落实中央八项规定精神。建成3所学校。", []),
    # time words that change every year are not part of the subject
    ("2022年共接收报送备案的规范性文件26件。", [("共接收报送备案的规范性文件", "件", 26)]),
    # a bare change borrows the subject of the figure before it; a bare 和 names nothing
    ("国内生产总值达到121万亿元，增长3%。", [("国内生产总值", "万亿元", 121),
                              ("国内生产总值增长", "%", 3)]),
    ("城乡居民收入实际增长9.8%和8.5%。", [("城乡居民收入实际增长", "%", 9.8)]),
    # multi-year cues and other years give nothing
    ("年均增长5.2%。累计新增就业6000万人。2020年粮食产量1.3万亿斤。", []),
])
def test_which_figures_count(text, expected):
    report = ingest_text(f"2023年政府工作报告\n\n一、2022年工作回顾\n\n{text}\n",
                         kind="gov-work-report",
                         region="国务院", year=2023)
    assert [(s, u, v) for part, s, u, v in figures(report, KIND) if part == "review"] == expected


@pytest.mark.parametrize("text, expected", [
    # 国务院 1958, figures and years in CJK numerals: a year opening the subject is no part of it,
    # a sentence naming another year gives nothing, as in digits
    ("一九五七年钢产量达到五百二十四万吨。", [("钢产量", "万吨", 524)]),
    ("一九五二年粮食产量三千零八十八亿斤。", []),
])
def test_which_figures_count_in_chinese_numerals(text, expected):
    report = ingest_text(f"1958年政府工作报告\n\n一、一九五七年工作回顾\n\n{text}\n",
                         kind="gov-work-report", region="国务院", year=1958)
    assert [(s, u, v) for part, s, u, v in figures(report, KIND) if part == "review"] == expected
