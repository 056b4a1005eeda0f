"""A count reported for the thing the plan counted, reaching it, keeps a part delivered whatever
the status decision says (compare/engine/guards.py). Sentences from the real reports: 盐田区's in
reports/, 广东省 2024 and 2025 from the corpus (local-gov-work-report-2)."""
import pytest

from compare.engine.guards import met_for_same_object


@pytest.mark.parametrize("part,sentence,met", [
    # 盐田区 2021 → 2022: ten roads planned, eighteen reported (4.6公里 has no figure in the review)
    ("完成盐田北四街等4.6公里的10条道路品质提升工程",
     "盐坝高速市政化改造完成前期工作，盐田北四街等18条道路整治全面完成，盐田一街等断头路顺利打通",
     True),
    # 盐田区 2023 → 2024: school places, named by another adjective
    ("新增优质学位2340个以上",
     "建成开办山海学校等3所校（园），新增公办学位2880个，全市率先完成“十四五”学位建设目标", True),
    # 盐田区 2022 → 2023: 16 toilets reach 15, but 4 parks of 8 planned fall short
    ("新改建公园8座、花景节点12个、公厕15座，增种开花乔木2500株以上",
     "新改建公厕16座，新增公园4个，市容环境考核全市第二、居民满意度全市第一。", False),
    # 广东省 2024 → 2025: 14 enterprises of another kind than the 10 state enterprises planned
    ("遴选10家左右国有企业打造现代产业链龙头企业", "新增14家农业产业化国家重点龙头企业", False),
    # fewer than planned of the same thing
    ("新增优质学位2340个以上", "新增公办学位1880个", False),
])
def test_a_count_of_the_same_thing_reaching_the_plan(part, sentence, met):
    assert met_for_same_object(part, sentence) is met


def test_money_is_not_a_count_of_things():
    """An amount invested is met by other projects' sums as easily (海拉尔区 2012's plan, and a
    review sentence made from 2013's with a larger sum): the verb before a sum (投资) names
    nothing; 海拉尔区 2017's plan against 2018's review, the sum of 47 projects."""
    assert not met_for_same_object("投资1.3亿元实施自来水管网改造工程",
                                   "投资3.5亿元的二三级供水管网改造")
    assert not met_for_same_object("投资2.5亿元,实施俄罗斯风情精品街项目",
                                   "全年实施重点项目47个，完成投资46.9亿元。")


@pytest.mark.parametrize("sentence,met", [
    # 国务院 2022's review: the very sum, of the very funds (中央财政资金 after it)
    ("建立常态化财政资金直达机制，将2.8万亿元中央财政资金纳入直达范围。", True),
    # less of them falls short (made from it)
    ("将2.2万亿元中央财政资金纳入直达范围。", False),
])
def test_a_sum_of_the_same_thing_reaching_the_plan(sentence, met):
    """国务院 2021's 将2.8万亿元中央财政资金纳入直达机制: what a sum is stands after it."""
    assert met_for_same_object("将2.8万亿元中央财政资金纳入直达机制、规模明显大于去年",
                               sentence) is met
