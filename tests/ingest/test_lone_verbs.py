"""A gov work report's plan sentence with no action whose first clause opens with one of the
kind's `measure_lone_verbs` is a row of its own (issue 18: a 督查室's 台账 must hold every task the
report assigns), and the rows around it are cut as they were without it (a reviewer's decision
hangs on their ids). The excerpts are copied from the State Council's reports of 2003, 2007 and
1955 and 呼伦贝尔市海拉尔区's of 2017: odd plan years, the half the verbs were chosen on
(docs/accuracy.md, 2026-12-05, rows22)."""
from __future__ import annotations

import warnings
from pathlib import Path

import pytest

from compare.ingest import ingest_text
from compare.ingest.measures import split_measures, unread
from compare.kinds import TEMPLATES, Kind, load_kind

WEST = ("扎扎实实推进西部大开发。要突出重点，注重实效，打好基础。"
        "继续加强生态环境建设和基础设施建设。切实搞好退耕还林、天然林保护和防沙治沙。实施天然草原退牧还草工程，加强相关法制建设。"
        "着力抓好重大项目建设，确保建设进度和工程质量。积极发展特色经济和优势产业。加快科技、教育发展。"
        "加强东、中、西部地区的经济交流与合作，促进优势互补和共同发展。"
        "防止已淘汰的落后工业设备、污染企业向西部地区转移。")
FINANCE = ("加快金融体制改革。一要深化国有银行改革。巩固和发展国有商业银行股份制改革成果。"
           "推进中国农业银行股份制改革。二要加快农村金融改革。"
           "构建分工合理、投资多元、功能完善、服务高效的农村金融组织体系。三要大力发展资本市场。"
           "推进多层次资本市场体系建设，扩大直接融资规模和比重。")
TOURISM = ("推动旅游服务全域配套。"
           "做好婚庆产业基地、五星级酒店、产权式酒店等旅游服务设施的招商工作。"
           "建成智慧旅游服务、管理和营销平台。加强旅游标准化体系建设,健立完善多部门联合执法检查、"
           "旅游投诉和突发事件应急处理、旅游行业自律等机制,推动旅游市场治理规范化、长效化。"
           "加速推动冬季旅游发展。进一步加大以冰雪赛事、观光、娱乐、休闲为主体的冬季旅游产品开发,"
           "丰富内容,推出精品,提高冬季旅游的知名度和吸引力,增强旅游产业的竞争力和带动力,"
           "让海拉尔文化旅游业一年四季都火起来,百姓富起来。")
# 1997: a sentence inside the row the decision joined over it (加强…。切实关心…。重视…。广播影视…)
CULTURE = ("加强基层文化建设，发展健康文明向上的社区文化、村镇文化、企业文化和校园文化，"
           "丰富城乡群众的文化生活。切实关心和推进少年儿童文化艺术活动的开展。重视文化馆、图书馆、博物馆、科技馆、"
           "档案馆等公共文化设施的建设，充分发挥它们的作用。广播影视、新闻出版工作要坚持正确导向，"
           "着力提高节目和出版物的质量。重视文物保护。加强文化市场管理，继续“扫黄”、“打非”，"
           "促进文化事业健康发展。")
# 2004 (an even year: the held-out half; copied for the rule only): a sentence naming its object
# through the one before (通过这些措施) after a lone row (五要…)
INVEST = ("三要依法加强用地管理。对不符合国家产业政策和行业准入标准的建设项目，一律不得批准用地。"
          "继续清理开发区，整顿规范土地市场。四要强化信贷审核和监管。对不符合市场准入条件的新建项目"
          "和改扩建项目，金融机构不予贷款。五要严肃税制，坚决禁止和纠正擅自出台税收优惠政策的行为。"
          "通过这些措施，努力使投资结构得到调整和优化，投资总规模保持合理水平，投资效益得到提高。"
          "要按照走新型工业化道路的要求，推进国民经济和社会信息化，促进产业结构优化升级。")
# one task a lone verb opens, each copied from an odd plan year's report (the State Council's of
# the year named, 海拉尔区's, 广东省's, 盐田区's)
ONE = {
    "[一二三四五六七八九十]要": "二要加快农村金融改革",                          # 2007
    "整顿": "整顿和规范金融秩序",                                                # 2001
    "搞好": "切实搞好退耕还林、天然林保护和防沙治沙",                            # 2003
    "推行": "推行企业年度经营业绩和任期业绩责任制",                              # 2005
    "改进": "改进对外贸出口企业考核的内容和方法",                                # 1999
    "防止": "防止盲目投资和重复建设",                                            # 2011
    "执行": "切实执行宗教政策，依法管理宗教事务",                                # 1993
    "严禁": "继续严禁洋垃圾入境",                                                # 2021
    "压缩": "第四、坚决压缩行政费开支，压缩社会集团购买力",                      # 1985
    "提倡": "提倡企业联合，通过优势互补扩大经营规模",                            # 1997
    "淘汰": "进一步淘汰落后生产能力",                                            # 2003
    "纠正": "要继续大力纠正部门和行业不正之风，查处那种利用职权索取钱财，不给好处不办事的腐败现象",
    "组织": "组织返乡农民工参与农村公共设施建设",                                # 2009
    "做到": "今年务必做到小微企业融资更便利、综合融资成本稳中有降",              # 2021
    "制止": "必须坚决制止各种通过歪门邪道来损害国家和人民利益的行为",            # 1981
    "力戒": "力戒形式主义、官僚主义，持续精简规范会议文件、创建示范、评比达标、节庆展会论坛等事项",
    "加紧": "加紧南水北调等重大项目的规划和建设",                                # 2001
    "加速": "加速推动冬季旅游发展",                                              # 海拉尔区 2017
    "厉行": "全面厉行节约，反对铺张浪费",                                        # 2005
    "听取": "认真听取各民主党派、工商联、无党派人士和各人民团体的意见，高效回应社会关切",
    "帮助": "帮助进城农民工解决住房困难问题",                                    # 2009
    "开发": "积极开发新能源和可再生能源",                                        # 2005
    "多渠道": "多渠道增加居民收入",                                              # 2021
    "妥善": "妥善应对贸易摩擦",                                                  # 2009
    "突出抓好": "突出抓好工业、建筑、交通运输、公共机构等领域节能",              # 2011
}   # 纠正: 1993; 力戒: 广东省 2025; 听取: 盐田区 2021
# a verb inside a sentence of reasoning sets no task (1955)
REASONING = "因此，我们必须纠正两种错误的偏向：一种偏向是看不见全局，不区别轻重缓急，盲目地到处建设"


def without_lone(tmp: Path) -> Path:
    """A templates folder whose gov-work-report kind is the shipped one less its lone verbs."""
    lines = (TEMPLATES / "kinds" / "gov-work-report.yaml").read_text(encoding="utf-8").splitlines()
    at = next(i for i, line in enumerate(lines) if line.startswith("measure_lone_verbs:"))
    end = next(i for i in range(at + 1, len(lines)) if not lines[i].startswith(" "))
    (tmp / "kinds").mkdir()
    (tmp / "kinds" / "gov-work-report.yaml").write_text(
        "\n".join([*lines[:at], "measure_lone_verbs: []", *lines[end:]]) + "\n", encoding="utf-8")
    return tmp


@pytest.fixture
def plain_dir(tmp_path: Path) -> Path:
    return without_lone(tmp_path)


@pytest.fixture
def kinds(plain_dir: Path) -> tuple[Kind, Kind]:
    return load_kind("gov-work-report"), load_kind("gov-work-report", plain_dir)


def test_a_sentence_opening_with_a_lone_verb_is_a_row_and_cuts_no_other(kinds):
    kind, plain = kinds
    for par, lone in ((WEST, ["切实搞好退耕还林、天然林保护和防沙治沙",
                              "防止已淘汰的落后工业设备、污染企业向西部地区转移"]),
                      # an ordinal's 要 opens a listed task (一要…, 二要…)
                      (FINANCE, ["一要深化国有银行改革", "二要加快农村金融改革",
                                 "三要大力发展资本市场"])):
        rows = split_measures(par, kind)
        assert [m.text for m in rows if m.lone] == lone
        assert [m for m in rows if not m.lone] == split_measures(par, plain)
        assert all(unread(t, plain) and not unread(t, kind) for t in lone)


def test_each_lone_verb_opens_a_task_of_the_corpus(kinds):
    """Every lone verb of the kind, each with a task of the corpus it opens: a verb dropped from
    the template leaves its task in no row, a verb added without one fails here."""
    kind, plain = kinds
    assert sorted(ONE) == sorted(kind.measure_lone_verbs)
    for task in ONE.values():
        assert [(m.text, m.lone) for m in split_measures(task + "。", kind)] == [(task, True)]
        assert split_measures(task + "。", plain) == []   # in no row before


def test_a_lone_verb_inside_reasoning_sets_no_task(kinds):
    kind, _ = kinds
    assert split_measures(REASONING + "。", kind) == []
    assert unread(REASONING, kind)


@pytest.mark.parametrize("region, year, par, added", [
    ("海拉尔区", 2017, TOURISM, ["加速推动冬季旅游发展"]),
    ("国务院", 2003, WEST, ["切实搞好退耕还林、天然林保护和防沙治沙",
                          "防止已淘汰的落后工业设备、污染企业向西部地区转移"]),
    ("国务院", 1997, CULTURE, []),
    ("国务院", 2004, INVEST, ["四要强化信贷审核和监管"])])
def test_a_lone_row_joins_no_row_and_no_row_joins_it(plain_dir, region, year, par, added):
    """The rows yoy listed before stay as they were, each with its id, and the lone rows are
    added between them: read as a row verb's, the decision would have joined 加速推动冬季旅游发展
    to the row before it (海拉尔区 2017); a lone row is none where a joined row holds its text
    (1997), nor does the sentence after it join it (2004: 通过这些措施 stays where it was)."""
    text = (f"{region}{year}年政府工作报告\n一、{year - 1}年工作回顾\n过去一年，经济增长。\n"
            f"二、{year}年工作安排\n（一）重点工作\n" + par + "\n")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")     # the sentences the plain kind leaves unread
        new, old = (ingest_text(text, kind="gov-work-report", region=region, year=year,
                                templates=t) for t in (None, plain_dir))
    before = [(c.id, c.text) for c in old.commitments]
    after = [(c.id, c.text) for c in new.commitments]
    assert [r for r in after if r in before] == before
    assert [t for i, t in after if (i, t) not in before] == added
