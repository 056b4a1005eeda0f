"""Year N's problem list as State Council reports print it across paragraphs (tests/data/
gov-work-report-archive/README.md): every problem read, nothing after the list."""
import pytest

from compare.ingest import ingest_text
from tests.support import DATA


def problems(year: int) -> list[str]:
    text = (DATA / "gov-work-report-archive" / f"国务院政府工作报告-{year}.txt").read_text(
        encoding="utf-8")
    return [s.text for s in ingest_text(text, kind="gov-work-report", region="国务院",
                                        year=year).shortcomings]


@pytest.mark.parametrize("year, first, last, after", [
    # a cue paragraph naming none, then ——… paragraphs (the dash is no part of a problem); the
    # closing thanks of its section are none
    (2008, "经济运行中一些突出问题和深层次矛盾依然存在", "弄虚作假、奢侈浪费和腐败现象比较严重",
     "表示诚挚的感谢"),
    # 一是 inside the cue paragraph, 二是…四是 in paragraphs of their own; the paragraph after
    # the run (我们一定要深刻认识…) is no problem
    (2009, "国际金融危机还在蔓延、仍未见底", "社会治安等方面存在不少亟待解决的问题",
     "深刻认识国际国内经济形势"),
    # opened without 清醒: 仍然存在一些突出矛盾和问题; the paragraphs after it (the year's
    # targets: 提出居民消费价格涨幅3%左右…) are no list entries
    (2010, "经济增长内生动力不足", None, "提出居民消费价格涨幅"),
])
def test_a_problem_list_over_paragraphs_is_read_whole(year, first, last, after):
    found = problems(year)
    assert found[0] == first
    if last is not None:
        assert any(last in p for p in found)
    assert not any(after in p for p in found)


def test_the_list_of_a_later_year_is_not_continued_into_its_plan():
    """2009's 二是…四是 continue the cue paragraph's 一是; the plan part's own 一是… lists do
    not."""
    found = problems(2009)
    assert any("经济增速持续下滑" in p for p in found)
    assert any("消费需求不足" in p for p in found)
    assert not any("优化信贷结构" in p for p in found)


@pytest.mark.parametrize("year, listed, after", [
    # 国务院 2010: the cue closes its paragraph (但是政府工作与人民的期望还有较大差距。) and the
    # next paragraph is the list; the one after it (我们要以转变职能为核心…) is the plan
    (2010, ["职能转变不到位", "一些领域腐败现象易发多发"], "以转变职能为核心"),
    # 国务院 2009, a plan section's own statement (…但与人民的期待仍有不小差距。政府职能转变还不
    # 到位，…): the sentences after the cue; the resolve closing them (这些问题必须下大气力解决)
    # is none
    (2009, ["行政效率有待提高", "腐败现象在一些地方、部门和领域比较严重"], "必须下大气力解决"),
])
def test_the_governments_own_shortcomings_are_read(year, listed, after):
    """Labelled in bench/gold/shortcomings-round6.yaml (2010's p17–p23) and round 5 (2009's
    list answering 2008's 办事效率低下 and 腐败现象)."""
    found = problems(year)
    assert all(p in found for p in listed)
    assert not any(after in p for p in found)


@pytest.mark.parametrize("year, first, listed", [
    # 还存在着一些不容忽视的问题： — neither 清醒 nor …矛盾和问题; the colon's tail is the first
    (1992, "经济结构调整进展缓慢", ["财政赤字增加", "不合理的分配格局尚未根本改善"]),
    # 还存在一些问题和困难。(问题 first) closes its sentence; the cue paragraph names the first
    # problem itself, then 一是…四是 paragraphs (each label on a line of its own) its causes
    (1995, "突出的问题是物价上涨幅度过高", ["去年出台的调价项目和影响价格的改革措施比较多",
                                    "农业投入不足"]),
])
def test_a_list_opened_by_problems_it_calls_not_to_be_ignored_or_problems_and_difficulties(
        year, first, listed):
    """Labelled in bench/gold/shortcomings-round8.yaml (1992's p1–p7; 1994's p2 answered by 1995's
    突出的问题是物价上涨幅度过高): before round 8 yoy read no problem of 1992 nor of 1995."""
    found = problems(year)
    assert found[0] == first
    assert all(p in found for p in listed)


def test_who_takes_the_problems_in_hand_is_no_problem():
    """1999 closes its list 我们对这些问题十分重视，正在采取措施，逐步加以解决。: none of it is a
    problem, while the list's last (有些地方的社会治安状况不好) is."""
    found = problems(1999)
    assert found[-1] == "有些地方的社会治安状况不好"
    assert not any("十分重视" in p or "加以解决" in p for p in found)


@pytest.mark.parametrize("year, first, last, after", [
    # 至今还存在着许多缺点，…: 缺点 alone opens it; closed by …解决好这些问题; the setting a
    # problem arises in (在…中) goes with it
    (1983, "在生产、建设和流通领域中，经济效益不高", "还没有得到有效纠正",
     "巩固和发展当前的大好形势"),
    # 但是，我们前进的道路上还存在不少问题。; closed by …这些问题是可以逐步得到解决的
    (1980, "大多数农民、工人的生活有了改善", "财政还有赤字", "逐步得到解决"),
])
def test_a_list_opened_by_faults_or_problems_alone_is_read(year, first, last, after):
    """bench/problem_lists.py: yoy read no problem of either report before (no gold labels them);
    each list read by eye (tests/data/gov-work-report-archive/README.md)."""
    found = problems(year)
    assert found[0] == first
    assert last in found
    assert not any(after in p for p in found)


def test_a_list_ends_where_it_turns_to_confidence():
    """1964's 目前还存在不少缺点、错误和困难，… names none: 但是，我们相信，…任何缺点、
    错误和困难都是可以克服的 is no problem, nor the heading of the part after it."""
    assert problems(1964) == []


def test_tasks_after_a_cue_are_no_problems():
    """2002's plan section: 政府机构改革和职能转变，取得了很大进展，但还存在不少问题。
    goes on 必须进一步解放思想，…继续理顺政府部门职能分工，…: tasks, the first a resolve
    ending a list numbering nothing."""
    found = problems(2002)
    assert not any("解放思想" in p or "职能分工" in p or "电子政务" in p for p in found)


def test_a_list_goes_on_in_the_paragraph_that_closes_it():
    """1995, after its 一是…四是 paragraphs: 除物价问题外，农业和国有企业的问题也比较突出。
    … 一些地方社会治安状况不好，腐败现象有的还相当严重，… up to 上述这些问题已经引起我们的
    高度重视 (1994's problems answered there: bench/gold/shortcomings-round8.yaml, 3/8 → 6/8
    right)."""
    found = problems(1995)
    assert "农业和国有企业的问题也比较突出" in found
    assert "一些地方社会治安状况不好" in found
    assert "腐败现象有的还相当严重" in found
    assert not any("高度重视" in p or "基本上完成了" in p for p in found)


def test_a_cue_sentence_naming_its_problems_after_ru_holds_them_all():
    """1993: 还有一些薄弱环节和需要解决的问题，如固定资产投资增长较猛，…通货膨胀的潜在
    压力加大。 — each clause a problem (1992's 信贷规模和货币发行量偏大 listed again:
    bench/gold/shortcomings-round8.yaml); the plan after it (今年国民生产总值计划增长百分之八，…)
    none."""
    found = problems(1993)
    assert "银行信贷和货币投放增长过快" in found
    assert "通货膨胀的潜在压力加大" in found
    assert not any("百分之八" in p or "攀比速度" in p for p in found)


def test_the_government_s_own_list_opened_by_its_work_s_shortcomings_is_read():
    """国务院 2006: 我们还认识到，各级政府工作中存在不少缺点和不足。 opens the government's own
    problems, in the paragraph after the economy's (bench/gold round 9, 2005→06)."""
    found = problems(2006)
    assert any("政府职能转变滞后" in p for p in found)
    assert any("形式主义、做表面文章的现象还比较突出" in p for p in found)


def test_seeing_clearly_opens_a_list_only_where_it_names_a_problem():
    """阜平县 2022 names its problems after 清醒看到，发展中还存在不少困难和问题 (the review's
    last paragraph); its plan part's first paragraph says 但我们必须清醒认识到，我国发展仍处于重要
    战略机遇期… and goes on with opportunities: no problem is read there."""
    text = (DATA / "local-gov-work-report-2" / "阜平县-2022.txt").read_text(encoding="utf-8")
    found = [s.text for s in ingest_text(text, kind="gov-work-report", region="阜平县",
                                         year=2022).shortcomings]
    assert found[0] == "县域综合实力较弱" and found[-1] == "激情奋进的精气神有所减弱"
    assert len(found) == 16 and not any("雄安" in p or "机遇" in p for p in found)


@pytest.mark.parametrize("year, first", [
    # 主要是：市场需求不旺，… : the list's opening words are no part of its first problem
    (1999, "市场需求不旺"),
    # …还存在一些突出的困难和问题。主要是，国内有效需求不足…: nor a problem of their own
    (2003, "国内有效需求不足和供给结构不适应市场需求的变化"),
])
def test_a_lists_opening_words_are_no_problem(year, first):
    found = problems(year)
    assert found[0] == first
    assert not any(p.startswith("主要") for p in found)


@pytest.mark.parametrize("year, problem", [
    # …前进中还存在一些矛盾和困难。主要是固定资产投资规模过大，…: no punctuation after 主要是
    (1994, "固定资产投资规模过大"),
    # …一些群众反映强烈的问题没有根本解决，主要是：优质教育、…: a second list in the paragraph
    (2011, "优质教育、医疗资源总量不足、分布不均"),
    # 去年居民消费价格总水平比上年上涨4.8%，主要是食品和居住类价格涨幅较大。
    (2008, "食品和居住类价格涨幅较大"),
])
def test_a_lists_opening_words_are_cut_wherever_they_open_a_problem(year, problem):
    """A reviewer's check of the fixes (ninth session): 主要是 was cut only before a sentence's
    first problem."""
    found = problems(year)
    assert problem in found
    assert not any(p.startswith("主要是") for p in found)


def test_a_problem_is_a_whole_clause():
    """海拉尔区 2019, as a user's reviewer read it: 一些干部在全面从严治党形势下 stood alone as a
    problem, and 主要是： opened the first (2017 prints it with a half-width colon)."""
    from compare.ingest import ingest_file
    from tests.support import local2

    def listed(year: int) -> list[str]:
        return [s.text for s in ingest_file(str(local2("海拉尔区", year)), kind="gov-work-report",
                                            region="海拉尔区", year=year).shortcomings]
    found = listed(2019)
    assert found[0] == "经济内生增长动力依然不强"
    assert ("一些干部在全面从严治党形势下，既有规矩意识不强的老问题，又暴露出担当精神不足的新问题"
            in found)
    assert listed(2017)[0] == "经济总量不够大、结构不够优"


@pytest.mark.parametrize("year, problem", [
    # what the problems are about, named as a list ending in 等+a noun for a class of things, and
    # what is wrong with them in the next clause: one problem, as the labellers quote it
    (1980, "长期积累下来的职工住宅、医疗卫生、城市公用事业和环境保护等问题，还要多年努力逐步解决"),
    (1987, "机构重叠、人浮于事、效率低下、官僚主义和不正之风等弊病，还需要下很大力量去努力消除"),
    (2006, "在土地征用、房屋拆迁、库区移民、企业改制、环境污染等方面，"
           "还存在一些违反法规和政策而损害群众利益的问题"),
    (2008, "劳动就业、社会保障、教育、医疗卫生、收入分配、住房、产品质量安全、"
           "安全生产、社会治安等方面，还有不少问题需要认真加以解决"),
])
def test_a_clause_naming_only_what_a_problem_is_about_opens_it(year, problem):
    """A clause ending in 等方面/等问题/等弊病… says no shortfall (`shortcoming_leads`): alone it
    was a problem of its own (…等方面), and the clause saying what is wrong (还有不少问题需要认真
    加以解决) another, with no subject; N's problems matched it on the topic's words alone."""
    found = problems(year)
    assert problem in found
    assert not any(p == problem.split("，")[0] for p in found)


@pytest.mark.parametrize("year, problem", [
    # a clause saying what is wrong itself (存在…, …等问题突出) stays a problem of its own
    (1994, "少数政府工作人员中存在贪污受贿、徇私舞弊等腐败现象"),
    (2006, "看病难、看病贵和上学难、上学贵等问题突出"),
])
def test_a_clause_saying_its_shortfall_after_a_list_is_a_problem_of_its_own(year, problem):
    assert problem in problems(year)


def test_a_clause_of_public_services_is_one_problem_with_its_gap():
    """盐田区 2023 (bench/gold shortcomings-round14, commitments-yantian-2023-2024: p8/p9 quote it
    whole): 医疗卫生、文化体育等公共服务 was a problem of its own and its gap another, which 2024's
    医疗卫生品质不高 did not list again."""
    text = "\n".join([
        "盐田区政府工作报告", "一、过去一年工作回顾", "过去一年，经济平稳。" * 30,
        "在看到成绩的同时，也要清醒认识到，当前盐田发展还面临不少问题挑战：一是经济发展不确定因素较多，"
        "战略性新兴产业体量较小，产业竞争力还不够强，发展质量效益有待提高。二是科技创新载体较为缺乏，"
        "国高企业、高层次人才总量较少，创新对经济增长的贡献率仍需提升。三是内联外畅的交通体系需进一步"
        "完善，医疗卫生、文化体育等公共服务，与居民群众对美好生活的向往还有一定差距。四是部分公职人员"
        "视野格局不够开阔，谋发展、抓落实能力不够强，斗争精神、斗争本领有待进一步提升。对这些问题，"
        "我们要狠下决心加以解决。",
        "二、今年主要工作", "继续办好民生实事。" * 10])
    found = [s.text for s in ingest_text(text, kind="gov-work-report", region="盐田区",
                                         year=2023).shortcomings]
    assert "医疗卫生、文化体育等公共服务，与居民群众对美好生活的向往还有一定差距" in found
    assert "医疗卫生、文化体育等公共服务" not in found
    assert "内联外畅的交通体系需进一步完善" in found
