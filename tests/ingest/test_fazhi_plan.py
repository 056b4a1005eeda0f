"""A 法治政府 plan as a 法制科 builds its 台账 from it (user review ua19, 龙华区 2019 → 2020): every
plan sentence that sets a task is a row, whatever verb of an office's it opens with or whichever
unit is its subject; one left out is named at ingest; units and deadlines in brackets stay on their
row; 宗 and 轮 are counted, a count inside a name (三项制度) is none; a task whose paragraph gives
no row still stands in the 台账 and its 汇总."""
from __future__ import annotations

import warnings

import openpyxl
import pytest

from compare.errors import YoyWarning
from compare.ingest import ingest_text
from compare.ingest.plan_cues import deadline, extracted_units
from compare.kinds import load_kind
from compare.workbook.plansheet import plan_rows, write_plan_sheet
from tests.support import SEED, STORE

LONGHUA = STORE / "2019" / "龙华区-fazhi.source.txt"
# where the reviewer appended their sentences: the end of 八、（四）
AFTER = "全面提升行政应诉能力。"


def longhua(added: str = "", templates=None):
    """龙华区 2019 as shipped, with `added` after the plan's last sentence (the reviewer's edit)."""
    text = LONGHUA.read_text(encoding="utf-8")
    assert AFTER in text
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", YoyWarning)
        report = ingest_text(text.replace(AFTER, AFTER + added, 1), kind="fazhi",
                             templates=templates)
    return report, [str(w.message) for w in caught if issubclass(w.category, YoyWarning)]


@pytest.fixture(scope="module")
def shipped():
    return longhua()[0]


# the reviewer's sentences (ua19, H1 repro 2), each dropped before: no row, no word
DROPPED = ["督促各执法部门落实行政执法公示制度", "推行行政执法人员持证上岗制度",
           "起草《龙华区行政规范性文件管理办法》", "梳理行政执法权责清单",
           "公布2020年度重大行政决策事项目录", "组织开展执法案卷评查4轮", "组织执法人员培训",
           "区司法局组织开展执法案卷评查4轮", "组织全区执法部门开展案卷评查",
           "指导各街道开展综合行政执法规范化建设", "牵头制定行政执法全过程记录实施细则"]


@pytest.mark.parametrize("sentence", DROPPED)
def test_a_sentence_opening_with_an_offices_verb_or_its_unit_is_a_row(shipped, sentence):
    report, said = longhua(sentence + "。")
    rows = [c.text for c in report.commitments]
    assert sentence in rows
    # the shipped rows stay as they were, ids too
    assert {c.id: c.text for c in shipped.commitments}.items() <= {
        c.id: c.text for c in report.commitments}.items()
    assert not any("in no row" in s for s in said)


# ver19: a principle word leading an action verb (the national plan's wording) opened a task that
# was in no row and not warned; a principle word before a noun still states a principle
LED = ["贯彻落实行政执法公示制度", "统筹推进行政执法协调监督工作体系建设", "坚持开展法治督察",
       "贯彻执行《重大行政决策程序暂行条例》"]
PRINCIPLES = ["贯彻党的十九届五中全会精神", "坚持依法行政"]


@pytest.mark.parametrize("sentence", LED + PRINCIPLES)
def test_a_principle_word_leading_an_action_opens_a_task(shipped, sentence):
    report, said = longhua(sentence + "。")
    assert (sentence in [c.text for c in report.commitments]) == (sentence in LED)
    assert {c.id: c.text for c in shipped.commitments}.items() <= {
        c.id: c.text for c in report.commitments}.items()
    assert not any("in no row" in s for s in said)


def test_a_principle_word_leads_only_where_its_kind_says_so():
    """The gov-work-report plan reads 统筹推进… as before (its template names no principle
    leads)."""
    gov, fazhi = load_kind("gov-work-report"), load_kind("fazhi")
    assert gov.cues.principle.match("统筹推进行政执法协调监督工作体系建设")
    assert not fazhi.cues.principle.match("统筹推进行政执法协调监督工作体系建设")
    assert fazhi.cues.principle.match("贯彻党的十九届五中全会精神")


def test_the_reviewers_added_task_is_a_row_with_its_figures(shipped):
    """H1 repro 1 and M3: 7 rows before, 8 now; 计划数 不少于4轮；不少于1500宗."""
    report, _ = longhua("全年组织开展执法案卷评查不少于4轮，评查案卷不少于1500宗。")
    assert len(shipped.commitments) == 7 and len(report.commitments) == 8
    [row] = [r for r in plan_rows(report) if r["measure"].startswith("全年组织开展执法案卷评查")]
    assert row["planned"] == "不少于4轮；不少于1500宗"
    new = next(c for c in report.commitments if c.text.startswith("全年组织"))
    assert (new.quantity.value, new.quantity.unit) == (4, "轮")


def test_a_count_inside_a_name_is_no_planned_figure(shipped):
    """M3: 继续深入落实行政执法三项制度 plans no 三项 (a name, as 中央八项规定 is): its 计划数 is
    empty. (The comparison's planned figure is left as it was: the engine reads a figure in a
    name through rules._named, and dropping it there moved a dev status.)"""
    [row] = [r for r in plan_rows(shipped) if "三项制度" in r["measure"]]
    assert row["planned"] is None
    # a figure in digits followed by what it counts plans (建成3所学校)
    report, _ = longhua("新建3所法治文化公园。")
    assert [r["planned"] for r in plan_rows(report) if r["measure"] == "新建3所法治文化公园"] == [
        "3所"]


def test_units_and_deadline_in_brackets_stay_on_their_row():
    """M5: （牵头单位：区司法局；完成时限：2020年9月底前） is one row's, not a second row."""
    report, _ = longhua("开展执法案卷评查不少于4轮（牵头单位：区司法局；"
                        "完成时限：2020年9月底前）。")
    assert len(report.commitments) == 8
    [row] = [r for r in plan_rows(report) if r["measure"].startswith("开展执法案卷评查")]
    assert row["measure"].endswith("完成时限：2020年9月底前）")
    assert (row["lead"], row["planned"], str(row["deadline"])[:10]) == (
        "区司法局", "不少于4轮", "2020-09-30")


def test_a_unit_as_subject_leads_and_a_helping_unit_is_responsible():
    # a row without a figure to open it: the unit, then the verb
    report, _ = longhua("区司法局督促各执法部门落实行政执法公示制度。")
    [row] = [r for r in plan_rows(report) if r["measure"].startswith("区司法局督促")]
    assert row["lead"] == "区司法局"
    fazhi = load_kind("fazhi")
    assert extracted_units("区司法局组织开展执法案卷评查4轮", fazhi) == {
        "lead": "区司法局", "responsible": None}
    assert extracted_units("区司法局牵头，区城市管理和综合执法局配合，开展违法建筑专项整治，"
                           "6月底前完成", fazhi) == {"lead": "区司法局",
                                                  "responsible": "区城市管理和综合执法局"}
    assert extracted_units("区应急管理局、区消防救援大队配合开展消防安全检查", fazhi)[
        "responsible"] == "区应急管理局、区消防救援大队"
    # 由…负责 stays the 责任单位 it was; a unit helping is no lead
    assert extracted_units("由区司法局负责，开展执法案卷评查不少于4轮", fazhi) == {
        "lead": None, "responsible": "区司法局"}
    assert extracted_units("区城市管理和综合执法局配合开展评查", fazhi)["lead"] is None
    assert str(deadline("区司法局牵头，6月底前完成", fazhi, 2020)) == "2020-06-30"


def test_a_sentence_left_out_names_the_users_own_kind_file(tmp_path):
    """Under --templates, the kind file read is the user's: the warning names it, not the shipped
    one's place in a source tree the user may not have (ua25: a wheel's user)."""
    from compare.kinds import TEMPLATES
    (tmp_path / "kinds").mkdir()
    own = tmp_path / "kinds" / "fazhi.yaml"
    own.write_text((TEMPLATES / "kinds" / "fazhi.yaml").read_text(encoding="utf-8"),
                   encoding="utf-8")
    [message] = [s for s in longhua("诠释行政执法公示制度。", tmp_path)[1] if "in no row" in s]
    assert f"measure_verbs of {own.resolve()};" in message


def test_a_sentence_left_out_is_named_at_ingest():
    """A task opening with a verb the template lacks is said, with its words."""
    report, said = longhua("诠释行政执法公示制度。")
    assert len(report.commitments) == 7
    [message] = [s for s in said if "in no row" in s]
    assert "1 plan sentence in no row" in message and "「诠释行政执法公示制度」" in message
    assert "templates/kinds/fazhi.yaml" in message
    # the shipped report: every plan sentence a row or left out by a rule with a name
    assert not any("in no row" in s for s in longhua()[1])
    # … as a principle is (牢固树立…: no task, left out by its rule) and a paragraph's heading
    # sentence (it heads the tasks after it)
    report, said = longhua("牢固树立法治理念。")
    assert len(report.commitments) == 7 and not any("in no row" in s for s in said)
    report, said = longhua("\n执法监督再上新台阶。开展执法案卷评查4轮。")
    assert "开展执法案卷评查4轮" in [c.text for c in report.commitments]
    assert not any("in no row" in s for s in said)


def test_a_targets_sentence_is_not_left_out(state_council):
    """国务院 2021: 粮食产量保持在1.3万亿斤以上 is a target (目标), not a task lost; 毫不动摇巩固和
    发展公有制经济 opens with no verb the template knows and is said."""
    from compare.ingest.lists import left_out
    report = state_council[2021]
    said = left_out(report, load_kind("gov-work-report"))
    assert "粮食产量保持在1.3万亿斤以上" in [t.text for t in report.targets]
    assert "粮食产量保持在1.3万亿斤以上" not in said
    assert any(t.startswith("毫不动摇巩固和发展公有制经济") for t in said)


def tasks_summed(report, path) -> list[str]:
    """The tasks 汇总 counts measures of (its second block, 按任务)."""
    write_plan_sheet(report, path)
    names = [r[0] for r in openpyxl.load_workbook(path)["汇总"].iter_rows(values_only=True)]
    return [n for n in names[names.index("二、按任务") + 1:] if n]


def test_every_task_of_xinyu_is_in_the_ledger_and_its_summary(tmp_path):
    """M4: 新余市 2021's （一）深入学习贯彻习近平法治思想 was no row and missing from 汇总 (4 of
    5)."""
    report = ingest_text(SEED.read_text(encoding="utf-8"), kind="fazhi")
    rows = plan_rows(report)
    groups = [r["measure"] for r in rows if r.get("_look") == "group"]
    assert len(groups) == 5 and groups[0] == (
        "四、(一)深入学习贯彻习近平法治思想。把习近平法治思想贯彻落实到法治政府建设全过程各方面,"
        "具体落实到科学立法、严格执法、公正司法、全民守法等各环节中去")
    assert rows[1].get("_look") == "group"    # no measure under it: its paragraph is a principle
    assert tasks_summed(report, tmp_path / "p.xlsx") == [
        "四、(一)深入学习贯彻习近平法治思想", "四、(二)加快转变政府职能",
        "四、(三)提升依法决策能力",
        "四、(四)强化权力监督", "四、(五)浓造法治氛围"]


def test_a_gov_work_reports_unread_tasks_are_said_not_its_assessments():
    """阜平县 2022's plan part holds 21 sentences in no row for want of a verb: its situation
    (从外部发展环境和机遇来看…), exhortations (欣逢盛世，当不负盛世) and tasks whose verb the
    template lacks (继续选派优秀干部…, 持续打好…保卫战). The warning names the tasks only, those
    opening as a task does (the kind's unread_leads), one warning for the report."""
    from compare.ingest.lists import left_out
    from tests.support import local2
    text = local2("阜平县", 2022).read_text(encoding="utf-8")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", YoyWarning)
        report = ingest_text(text, kind="gov-work-report")
    said = [str(w.message) for w in caught if "in no row" in str(w.message)]
    assert len(left_out(report, load_kind("gov-work-report"))) == 21
    assert said == ["<text>: 4 plan sentences in no row opening as a task does (继续…): none of "
                    "its clauses opens with a verb the template knows (measure_verbs of "
                    "templates/kinds/gov-work-report.yaml; add yours in a copy of it in a folder "
                    "given to yoy --templates DIR): "
                    "「继续选派优秀干部赴杭州高新区等地学习锻炼，借鉴引…」; "
                    "「持续打好蓝天、碧水、净土保卫战」; 「主动履职有作为」 and 1 more"], said
