"""The year's tracking sheet (yoy plan): rows from the plan part, the office's entries
read back, re-filled, and carried into next year's comparison."""
from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from compare.cli import main
from compare.errors import YoyError
from compare.ingest import ingest_text
from compare.ingest.plan_cues import deadline, deadline_date, extracted_units, stated_deadline
from compare.jobs.pipeline import compare_pair, pair_paths
from compare.jobs.plan import plan_path, plan_report
from compare.jobs.plan_merge import import_plan
from compare.jobs.run import run_store
from compare.kinds import load_kind
from compare.store import report_path, save_report
from compare.store.plan_entries import PlanEntry, entries_path, load_entries
from compare.workbook.plansheet import plan_rows, write_plan_sheet
from tests.support import DATA, SEED, sheet_rows, type_into

SEED_TASKS = {"(一)": "深入学习贯彻习近平法治思想", "(二)": "加快转变政府职能",
              "(三)": "提升依法决策能力",
              "(四)": "强化权力监督", "(五)": "浓造法治氛围"}


@pytest.fixture
def store(tmp_path, seed):
    """A store holding the seed (新余市 2021), ingested from its source as `yoy ingest` would."""
    store = tmp_path / "reports"
    save_report(seed, report_path(store, seed.year, seed.region, seed.kind))
    return store


def table(path: Path, sheet: str) -> list[dict]:
    return sheet_rows(path, sheet)


fill = type_into


def row_of(rows: list[dict], fragment: str) -> dict:
    found = [r for r in rows if fragment in (r["具体举措"] or "")]
    assert len(found) == 1, (fragment, [r["具体举措"] for r in found])
    return found[0]


# ---- what the sheet says ---------------------------------------------------------

def test_seed_tasks_then_their_measures(seed):
    rows = plan_rows(seed)
    groups = [r for r in rows if r.get("_look") == "group"]
    # the task heading on its own row only, numbered as the document numbers
    # it; (一)'s only sentence states a principle (把…贯彻落实到…全过程各方面):
    # no measure row, but its task row, with that sentence (user review ua19)
    assert [(r["task"], r["measure"], r["seq"]) for r in groups][1:] == [
        (f"四、{label}", f"四、{label}{heading}", None) for label, heading in SEED_TASKS.items()
        if label != "(一)"]
    assert groups[0]["measure"].startswith("四、(一)深入学习贯彻习近平法治思想。把习近平法治思想")
    for fragment, task in [("出台关于深入推进营商环境“一号改革工程”等若干措施", "加快转变政府职能"),
                           ("坚持司法行政部门负责人固定列席市政府常务会议制度", "提升依法决策能力"),
                           ("大力实施“八五”普法规划", "浓造法治氛围")]:
        found = [(i, r) for i, r in enumerate(rows) if fragment in r["measure"]]
        assert len(found) == 1, fragment
        i, row = found[0]
        group = next(r for r in reversed(rows[:i]) if r.get("_look") == "group")
        assert group["measure"].endswith(task) and row["task"] == group["task"] and task not in row[
            "measure"]
        assert row["deadline"] == date(2022, 12, 31)   # the seed states none: the plan year's end
    # 序号 numbers the measures across the sheet, so that each has one to cite
    assert [r["seq"] for r in rows if r.get("_look") != "group"] == list(
        range(1, len(seed.commitments) + 1))
    assert len(rows) == len(groups) + len(seed.commitments)


def test_state_council_2021_measures_and_targets(tmp_path, state_council):
    report = state_council[2021]
    path = write_plan_sheet(report, tmp_path / "plan.xlsx")
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == ["工作台账", "目标任务", "单位", "汇总",
                             "_yoy"] and wb["_yoy"].sheet_state == "hidden"
    rows = table(path, "工作台账")
    assert [r["ID"] for r in rows if isinstance(r["序号"], int)] == [
        c.id for c in report.commitments]
    assert rows[0]["一季度完成状态"] is None and "四季度进展情况" in rows[0]
    assert list(rows[0])[:2] == ["序号", "具体举措"] and list(rows[0])[-1] == "ID"
    with_quantity = [(r["具体举措"], r["计划数"]) for r in rows if r["计划数"]]
    assert ("今年拟安排地方政府专项债券3.65万亿元，优化债券资金使用，优先支持在建工程，"
            "合理扩大使用范围",
            "3.65万亿元") in with_quantity
    # every figure the measure's parts plan, as the comparison's 计划数 shows them, not the first
    assert ("延续执行企业研发费用加计扣除75%政策，将制造业企业加计扣除比例提高到100%，"
            "用税收优惠机制激励企业加大研发投入，着力推动企业以创新引领发展",
            "75%；100%") in with_quantity
    targets = table(path, "目标任务")
    # 目标值 as the report states it, comparator and all; every target, in the report's order: a
    # qualitative one with its clause and no 目标值 (an office tracks 国际收支基本平衡 too)
    assert [(t["指标"], t["目标值"], t["单位"], t["实际值"]) for t in targets] == [
        ("国内生产总值", "6%以上", "%", None), ("城镇新增就业", "1100万人以上", "万人", None),
        # the indicator as the target says it (居民消费价格涨幅3%左右), not the template's key
        ("城镇调查失业率", "5.5%左右", "%", None), ("居民消费价格涨幅", "3%左右", "%", None),
        ("单位国内生产总值能耗", "下降3%左右", "%", None), ("粮食产量", "1.3万亿斤以上",
                                              "万亿斤", None),
        ("进出口量稳质升", None, None, None), ("国际收支基本平衡", None, None, None),
        ("居民收入稳步增长", None, None, None), ("生态环境质量进一步改善", None, None, None),
        ("主要污染物排放量继续下降", None, None, None),
        ("赤字率", "3.2%左右", "%", None), ("地方政府专项债券", "3.65万亿元", "万亿元", None)]
    assert [t["目标表述"] for t in targets][6:8] == ["进出口量稳质升", "国际收支基本平衡"]
    ws = wb["工作台账"]
    # title above the header; 序号 and 具体举措 frozen beside it; the filter on the header row
    assert ws["A1"].value == "国务院2021年《政府工作报告》重点工作任务分解表"
    last = ws.cell(2, ws.max_column).column_letter
    assert ws.freeze_panes == "C3" and ws.auto_filter.ref == f"A2:{last}{ws.max_row}"
    assert ws.print_title_rows == "$2:$2" and ws.print_area == f"'工作台账'!$A$1:$K${ws.max_row}"
    statuses = [dv.formula1 for dv in ws.data_validations.dataValidation
                if dv.formula1.startswith('"')]
    # 未完成 is the year's verdict: offered in the last quarter only
    assert statuses == ['"已完成,序时推进,滞后,未启动"'] * 3 + [
        '"已完成,序时推进,滞后,未启动,未完成"']
    units = {str(dv.sqref): dv.formula1 for dv in ws.data_validations.dataValidation
             if "OFFSET" in dv.formula1}
    assert units == {f"D3:D{ws.max_row}": "OFFSET('单位'!$A$2,0,0,MAX(1,COUNTA('单位'!$A:$A)-1),1)",
                     f"E3:E{ws.max_row}": "OFFSET('单位'!$A$2,0,0,MAX(1,COUNTA('单位'!$A:$A)-1),1)"}
    measure = ws.cell(4, 7)
    assert measure.is_date and measure.number_format == 'yyyy"年"m"月"d"日"'


def test_periods_and_english(tmp_path, seed):
    months = table(write_plan_sheet(seed, tmp_path / "m.xlsx", periods="month"), "工作台账")
    assert [h for h in months[0] if h.endswith("完成状态")] == [f"{m}月完成状态"
                                                            for m in range(1, 13)]
    halves = table(write_plan_sheet(seed, tmp_path / "h.xlsx", periods="half", lang="en"),
                   "Plan tracker")
    assert [h for h in halves[0] if h.endswith("status")] == ["H1 status", "H2 status"]
    # (一), a task without measures, heads the sheet (user review ua19)
    assert halves[1]["Measure"] == "四、(二)加快转变政府职能" and halves[2]["Deadline"] == datetime(
        2022, 12, 31)
    wb = openpyxl.load_workbook(tmp_path / "h.xlsx")
    assert wb["Plan tracker"]["A1"].value == "新余市: rule-of-law government tasks 2022"
    assert wb["Plan tracker"].cell(5, 7).number_format == "yyyy-mm-dd"
    with pytest.raises(YoyError, match="unknown periods"):
        write_plan_sheet(seed, tmp_path / "w.xlsx", periods="week")
    assert not (tmp_path / "w.xlsx").exists()


def test_deadline_from_the_measure_text(state_council):
    rows = plan_rows(state_council[2022])
    assert row_of([{"具体举措": r["measure"], **r} for r in rows],
                  "存量留抵税额于6月底前")["deadline"] == date(2022, 6, 30)
    # every other row of the 232 states no deadline: the plan year's end
    assert sum(r["deadline"] == date(2022, 12, 31) for r in rows if "_look" not in r) > 220


@pytest.mark.parametrize("sentence, plan_year, stated, expected", [
    # 国务院 1982, 2011, 2022 reports
    ("计划在一九八五年底前建成投产八千万吨", 1982, "一九八五年底前", date(1985, 12, 31)),
    ("保证受灾群众在今年底前住进新房", 2011, "2011年底前", date(2011, 12, 31)),
    ("对小微企业的存量留抵税额于6月底前一次性全部退还", 2022, "2022年6月底前", date(2022, 6, 30)),
    ("增加停车场、充电桩、换电站等设施", 2021, None, date(2021, 12, 31)),
])
def test_deadline_cues(sentence, plan_year, stated, expected):
    kind = load_kind("gov-work-report")
    assert (stated_deadline(sentence, kind, plan_year), deadline(sentence, kind, plan_year)) == (
        stated, expected)


@pytest.mark.parametrize("typed, expected", [
    ("2022年9月底前", date(2022, 9, 30)), ("9月15日", date(2022, 9, 15)),
    ("三季度末", date(2022, 9, 30)),
    ("下半年", date(2022, 12, 31)), ("上半年", date(2022, 6, 30)), ("2023.3.31", date(2023, 3, 31)),
    ("2022-11-30", date(2022, 11, 30)), ("年内", date(2022, 12, 31)), ("十月", date(2022, 10, 31)),
    # how a 法制科 types a year's deadline (user review 2026-12-04, eighth session)
    ("本年度", date(2022, 12, 31)), ("年度内完成", date(2022, 12, 31)),
    ("2月30日", None), ("长期坚持", None), ("尽快", None),
    # left by that review, read 2026-12-05: dotted, 年中, English; in the plan year, a month its end
    ("6.30", date(2022, 6, 30)), ("2022.6", date(2022, 6, 30)), ("2022.6.30", date(2022, 6, 30)),
    ("6月底", date(2022, 6, 30)), ("年中", date(2022, 6, 30)), ("年底", date(2022, 12, 31)),
    ("三季度末", date(2022, 9, 30)), ("end of June", date(2022, 6, 30)),
    ("June 30", date(2022, 6, 30)), ("30 June 2023", date(2023, 6, 30)),
    ("by the end of Sep", date(2022, 9, 30)), ("2023.02", date(2023, 2, 28)),
    # no such day, or no day named
    # a quarter as offices type it (user review 2026-12-05): its last day
    ("Q3", date(2022, 9, 30)), ("Q1", date(2022, 3, 31)), ("3Q", date(2022, 9, 30)),
    ("第三季度", date(2022, 9, 30)), ("三季度", date(2022, 9, 30)), ("2023Q2", date(2023, 6, 30)),
    ("Q4 2023", date(2023, 12, 31)), ("by end of Q3", date(2022, 9, 30)),
    ("q2前", date(2022, 6, 30)),
    ("Q5", None), ("1Q84", None), ("2022Q3 2023", None), ("June Q3", None),
    ("6.31", None), ("13月", None), ("2022.13", None), ("mid-June", None),
    ("1.5万", None), ("June 30 31", None),
])
def test_deadlines_as_offices_type_them(typed, expected):
    assert deadline_date(typed, 2022, load_kind("fazhi")) == expected


@pytest.mark.parametrize("sentence, lead, responsible", [
    # 国务院 1980s reports
    ("这项工作由各级经委负责组织落实，并进行督促", None, "各级经委"),
    ("城市防洪由市政府负责，农村组织农民进行农田水利建设", None, "市政府"),
    ("由建设单位对国家全面负责", None, None),
    # 龙华区 2019: a person
    ("区分管领导牵头组织全区相关部门及各街道办事处召开年度法治政府建设工作会议", None, None),
    ("出台关于深入推进营商环境“一号改革工程”等若干措施", None, None),
])
def test_units_named_in_the_text(sentence, lead, responsible):
    assert extracted_units(sentence, load_kind("fazhi")) == {
        "lead": lead, "responsible": responsible}


def test_text_is_never_a_formula(tmp_path, seed):
    risky = seed.model_copy(deep=True)
    risky.commitments[0].text = '=HYPERLINK("http://x","click")'
    path = write_plan_sheet(risky, tmp_path / "p.xlsx")
    ws = openpyxl.load_workbook(path)["工作台账"]
    cell = next(c for row in ws.iter_rows() for c in row
                if c.value == '=HYPERLINK("http://x","click")')
    assert cell.data_type == "s" and cell.quotePrefix


def test_same_input_same_bytes(tmp_path, seed):
    assert write_plan_sheet(seed, tmp_path / "a.xlsx").read_bytes() == write_plan_sheet(
        seed, tmp_path / "b.xlsx").read_bytes()


# ---- the office's entries ------------------------------------------------------------

def test_three_round_trips_keep_every_entry(store, seed, tmp_path):
    out = tmp_path / "output"
    ids = {frag: row_of(table(plan_report(report_path(store, 2021, "新余市", "fazhi"), store=store,
                                          out=out).path,
                              "工作台账"), frag)["ID"]
           for frag in ("一号改革工程", "八五", "固定列席")}
    group = next(r["id"] for r in plan_rows(seed) if r["measure"].endswith("强化权力监督")
                 and r.get("_look"))
    edits = [{ids["一号改革工程"]: {"一季度进展情况": "已起草初稿，征求意见中",
                              "一季度完成状态": "推进中",
                                  "牵头单位": "市发改委"}},
             {ids["一号改革工程"]: {"二季度进展情况": "6月印发实施", "二季度完成状态": "已完成",
                                  "佐证材料": "新府发〔2022〕3号"},
              group: {"备注": "全年工作要点已印发", "责任单位": "市纪委监委"}},
             {ids["八五"]: {"一季度完成状态": "未启动", "备注": "待省里方案"},
              ids["固定列席"]: {"四季度完成状态": "已完成"}}]
    for n, edit in enumerate(edits):
        path = plan_report(report_path(store, 2021, "新余市", "fazhi"), store=store, out=out).path
        fill(path, "工作台账", edit)
        if n == 2:   # the office sorted the sheet by task before handing it back
            _sort_rows(path, "工作台账", key=lambda r: str(r[-2]))
        _, _, warnings = import_plan(path, store)
        assert warnings == []
    rows = (table(plan_report(report_path(store, 2021, "新余市", "fazhi"), store=store,
                              out=out).path, "工作台账"))
    reform = row_of(rows, "一号改革工程")
    assert (reform["一季度进展情况"], reform["一季度完成状态"], reform["二季度进展情况"],
            reform["二季度完成状态"],
            reform["佐证材料"], reform["牵头单位"]) == (
        "已起草初稿，征求意见中", "序时推进", "6月印发实施", "已完成",
        "新府发〔2022〕3号", "市发改委")
    assert (row_of(rows, "八五")["一季度完成状态"], row_of(rows, "八五")["备注"]) == (
        "未启动", "待省里方案")
    assert next((r["备注"], r["责任单位"]) for r in rows if r["ID"] == group) == (
        "全年工作要点已印发", "市纪委监委")
    stored = load_entries(entries_path(store, "新余市", "fazhi", 2022))
    assert stored.measures[ids["一号改革工程"]] == PlanEntry(
        progress={"q1": "已起草初稿，征求意见中", "q2": "6月印发实施"},
        status={"q1": "in_progress", "q2": "done"},
        lead="市发改委", evidence="新府发〔2022〕3号", text=reform["具体举措"])
    assert stored.measures[ids["一号改革工程"]].latest_status() == "done"


def _sort_rows(path: Path, sheet: str, key) -> None:
    wb = openpyxl.load_workbook(path)
    ws = wb[sheet]
    body = sorted((list(r) for r in ws.iter_rows(min_row=3, values_only=True)), key=key,
                  reverse=True)
    for i, values in enumerate(body, 3):
        for j, v in enumerate(values, 1):
            ws.cell(i, j).value = v
    wb.save(path)


def test_units_yoy_found_are_not_stored(tmp_path):
    # a plan sentence naming its responsible unit (国务院 1984: 城市防洪由市政府负责)
    text = (SEED.read_text(encoding="utf-8")
            .replace("大力实施“八五”普法规划,", "大力实施“八五”普法规划,由市司法局牵头,"))
    report = ingest_text(text, kind="fazhi")
    store = tmp_path / "reports"
    save_report(report, report_path(store, 2021, "新余市", "fazhi"))
    path = plan_report(report_path(store, 2021, "新余市", "fazhi"), store=store, out=tmp_path).path
    row = row_of(table(path, "工作台账"), "八五")
    assert row["牵头单位"] == "市司法局"
    fill(path, "工作台账", {row["ID"]: {"一季度完成状态": "推进中"}})   # the old label of 序时推进
    _, entries, _ = import_plan(path, store)
    assert entries.measures[row["ID"]] == PlanEntry(status={"q1": "in_progress"},
                                                    text=row["具体举措"])


def test_a_bad_status_is_a_warning_naming_the_cell_and_the_rest_imports(store, tmp_path):
    path = plan_report(report_path(store, 2021, "新余市", "fazhi"), store=store, out=tmp_path).path
    rows = table(path, "工作台账")
    bad, good = row_of(rows, "八五")["ID"], row_of(rows, "固定列席")["ID"]
    fill(path, "工作台账", {bad: {"二季度完成状态": "差不多了", "二季度进展情况": "已印发方案"},
                          good: {"一季度完成状态": "未完成", "四季度完成状态": "未完成",
                                 "一季度进展情况": "待定"}})
    with pytest.raises(YoyError, match=rf"cell P{_row(rows, good)}: '未完成' is a year-end status, "
                                       r"for the last period only$"):
        import_plan(path, store, strict=True)   # --strict refuses the file
    assert not entries_path(store, "新余市", "fazhi", 2022).exists()
    _, entries, warnings = import_plan(path, store)
    assert [w.split(": ", 1)[1] for w in warnings] == [
        f"sheet 工作台账 cell P{_row(rows, good)}: '未完成' is a year-end status, for the last "
        "period only; stored as typed, counted under no status",
        f"sheet 工作台账 cell R{_row(rows, bad)}: unknown status '差不多了' (allowed: 已完成, "
        f"序时推进, 滞后, 未启动, 未完成); stored as typed, counted under no status"]
    assert (entries.measures[bad].progress, entries.measures[bad].status) == (
        {"q2": "已印发方案"}, {})
    assert (entries.measures[good].status, entries.measures[good].progress) == (
        {"q4": "not_done"}, {"q1": "待定"})


def _row(rows: list[dict], rid: str) -> int:
    """The sheet row of `rid` (a title and a header row above the table)."""
    return next(i for i, r in enumerate(rows) if r["ID"] == rid) + 3


def test_cli_plan_and_import(store, tmp_path):
    runner = CliRunner()
    res = runner.invoke(main, ["plan", "--region", "新余市", "--kind", "fazhi", "--year", "2021",
                               "--store", str(store), "--out", str(tmp_path / "out"),
                               "--periods", "half"])
    assert res.exit_code == 0, res.output
    path = plan_path(tmp_path / "out", "新余市", "fazhi", 2022)
    assert res.output.strip() == f"plan sheet: {path}"
    rid = row_of(table(path, "工作台账"), "八五")["ID"]
    fill(path, "工作台账", {rid: {"下半年完成状态": "已完成"}})
    res = runner.invoke(main, ["review", "import", str(path), "--store", str(store)])
    assert res.exit_code == 0, res.output
    assert load_entries(entries_path(store, "新余市", "fazhi", 2022)).measures[rid].status == {
        "h2": "done"}
    res = runner.invoke(main, ["plan", "--region", "新余市", "--kind", "fazhi", "--year", "2020",
                               "--store", str(store)])
    assert res.exit_code == 2 and ("no 新余市 fazhi report for 2020 (it holds 2021); yoy ingest "
                                   "<file> first") in res.output


# ---- next spring: the office's status beside yoy's ----------------------------------

def test_office_status_beside_yoys_disagreements_marked(store, tmp_path):
    later = ingest_text((DATA / "新余市-2022年度法治政府建设情况-constructed.txt").read_text(
        encoding="utf-8"),
                        kind="fazhi")
    save_report(later, report_path(store, 2022, "新余市", "fazhi"))
    path = plan_report(report_path(store, 2021, "新余市", "fazhi"), store=store, out=tmp_path).path
    rows = table(path, "工作台账")
    cmp = (compare_pair(*pair_paths(store, "新余市", "fazhi", 2021, 2022), store=store,
                        workbook=None).comparison)
    status = {r.commitment_id: r.status for r in cmp.commitments}
    # a delivery below the confidence band is shown 待核实
    shown = {r.commitment_id: "待核实" if r.to_verify else "已落实" for r in cmp.commitments}
    delivered = [r["ID"] for r in rows if status.get(r["ID"]) == "delivered"]
    silent = [r["ID"] for r in rows if status.get(r["ID"]) == "not_reported"]
    assert len(delivered) >= 2 and silent
    # yoy: delivered
    office = {delivered[0]: {"四季度完成状态": "未完成", "四季度进展情况": "省里方案未出"},
              delivered[1]: {"二季度完成状态": "已完成"},                                 # agrees
              silent[0]: {"三季度完成状态": "已完成"}}  # the report says nothing
    fill(path, "工作台账", office)
    import_plan(path, store)
    book = compare_pair(*pair_paths(store, "新余市", "fazhi", 2021, 2022), store=store,
                        workbook=tmp_path / "cmp.xlsx").workbook
    ledger = {r["ID"]: r for r in table(book, "举措跟踪")}
    got = ({rid: (ledger[rid]["自动判定"], ledger[rid]["台账完成状态"],
                  ledger[rid]["与台账是否一致"]) for rid in office})
    assert got == {delivered[0]: (shown[delivered[0]], "未完成", "不一致"),
                   delivered[1]: (shown[delivered[1]], "已完成", "一致"),
                   silent[0]: ("未见报告", "已完成", "不一致")}
    assert ledger[delivered[0]]["台账进展情况"] == "省里方案未出"
    others = [r for rid, r in ledger.items() if rid not in office]
    assert others and all(r["台账完成状态"] is None and r["与台账是否一致"] is None for r in others)
    # highlighted: the agreement column is coloured where it says 不一致
    ws = openpyxl.load_workbook(book)["举措跟踪"]
    col = next(c.column_letter for c in ws[2] if c.value == "与台账是否一致")
    rules = [(str(rng.sqref), rule.formula) for rng in ws.conditional_formatting
             for rule in rng.rules]
    assert (f"{col}3:{col}{ws.max_row}", ['"不一致"']) in rules


def test_run_writes_the_plan_sheet_of_a_year_without_successor(store, tmp_path, state_council):
    for year, report in state_council.items():
        save_report(report, report_path(store, year, "国务院", "gov-work-report"))
    out = tmp_path / "output"
    result = run_store(store, out, jobs=1)
    assert result.failed == []
    plans = sorted(p.relative_to(out).as_posix() for p in out.rglob("*-plan.xlsx"))
    # 国务院 2021 and 2022 plan years are reviewed by the 2022 and 2023 reports
    assert plans == ["国务院/gov-work-report-2023-plan.xlsx", "新余市/fazhi-2022-plan.xlsx"]


def test_run_redoes_what_shows_the_offices_entries(store, tmp_path):
    """An imported plan sheet changes the plan sheet and the comparison's ledger: `yoy run` redoes
    both, and a rerun with nothing changed redoes neither."""
    later = ingest_text((DATA / "新余市-2022年度法治政府建设情况-constructed.txt").read_text(
        encoding="utf-8"),
                        kind="fazhi")
    save_report(later, report_path(store, 2022, "新余市", "fazhi"))
    out = tmp_path / "output"
    first = run_store(store, out, jobs=1)
    assert first.failed == [] and len(first.done) == 1
    # 2022's plan has no successor yet
    assert [p.name for p in first.plans] == ["fazhi-2023-plan.xlsx"]
    assert len(run_store(store, out, jobs=1).done) == 0
    sheet = (plan_report(report_path(store, 2021, "新余市", "fazhi"), store=store,
                         out=tmp_path / "sheets").path)
    rid = row_of(table(sheet, "工作台账"), "八五")["ID"]
    fill(sheet, "工作台账", {rid: {"四季度完成状态": "已完成"}})
    import_plan(sheet, store)
    again = run_store(store, out, jobs=1)
    assert [(p.old_year, p.new_year) for p in again.done] == [(2021, 2022)]
    book = out / "新余市" / "fazhi-2021-2022.xlsx"
    assert {r["ID"]: r["台账完成状态"] for r in table(book, "举措跟踪")}[rid] == "已完成"


def test_planned_holds_every_figure_a_measure_states():
    """计划数 is what a unit is held to: every figure of the measure, not only the one its
    comparison checks part by part (a user's read, 2026-12-04: 20家以上 dropped beside 30%)."""
    from compare import load_report
    from tests.support import STORE
    rows = plan_rows(load_report(STORE / "2025" / "盐田区-gov-work-report.yaml"))
    planned = {r["measure"]: r["planned"] for r in rows if r.get("_look") != "group"}
    found = {text: figures for text, figures in planned.items()
             if "分销商20家以上" in text or "新建城市“微景观”10处" in text}
    assert sorted(found.values()) == ["10处；8公里；15公里；1万平方米", "20家以上；30%"]


def test_the_unit_list_prints_as_a_list_or_not_at_all(tmp_path, seed):
    """Review 2026-12-04: an empty 单位 sheet printed a page holding its header alone. Empty, its
    print area is a blank cell (Excel and LibreOffice print nothing of it); with units, its pages
    carry the 台账's title and page x/y as the other sheets' do, and the header stays in the first
    row, where the drop-downs count the list from."""
    from compare.store.plan_entries import PlanEntries, Unit
    empty = openpyxl.load_workbook(write_plan_sheet(seed, tmp_path / "e.xlsx"))["单位"]
    assert empty.max_row == 1 and empty.print_area == "'单位'!$A$2"
    entries = PlanEntries(region=seed.region, kind=seed.kind, plan_year=seed.plan_year,
                          units=[Unit(name="市司法局", leader="王某", contact="0790-1234567"),
                                 Unit(name="市发改委")])
    book = openpyxl.load_workbook(write_plan_sheet(seed, tmp_path / "u.xlsx", entries=entries))
    ws = book["单位"]
    assert [c.value for c in ws[1]] == ["单位名称", "责任领导", "联系人", "备注"]
    assert [ws.cell(r, 1).value for r in (2, 3)] == ["市司法局", "市发改委"]
    assert not ws.print_area and ws.print_title_rows == "$1:$1"
    assert ws.oddHeader.center.text == book["工作台账"]["A1"].value
    assert ws.oddFooter.right.text == "第 &P 页 / 共 &N 页"


def test_rows_are_fitted_to_the_columns_that_print(tmp_path, seed):
    """Review 2026-12-04: 新余市 2021's task 四、(三) printed two lines tall for its one line: its
    ID (saaab3c49, letters wider than digits) wraps in its 10-wide column beside the print area,
    which counted in the row's height. Fitted to the printed columns only, it prints a line tall,
    as 四、(二) (s1500d083) did."""
    ws = openpyxl.load_workbook(write_plan_sheet(seed, tmp_path / "p.xlsx"))["工作台账"]
    task = next(r for r in range(3, ws.max_row + 1)
                if str(ws.cell(r, 2).value).startswith("四、(三)提升依法决策能力"))
    assert ws.row_dimensions[task].height is None


def test_a_measures_row_is_fitted_but_not_fixed(tmp_path, store):
    """UA 2026-12-05: units' returned files kept the blank sheet's row heights and printed
    当前进展 and 下一步措施 cut: a row of fixed height (customHeight) is never fitted again by
    Excel or LibreOffice. A measure's row is written as tall as its text but not fixed, so the
    spreadsheet fits it again when a unit types into it (LibreOffice does: checked through its
    API, 2026-12-05); the title, header and task rows stay fixed."""
    import re
    import zipfile
    report = report_path(store, 2021, "新余市", "fazhi")
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["plan", str(report), "--store", str(store),
                                       "--out", str(out)])
    assert result.exit_code == 0, result.output
    sheet = plan_path(out, "新余市", "fazhi", 2022)
    with zipfile.ZipFile(sheet) as zf:
        xml = zf.read("xl/worksheets/sheet1.xml").decode()
    rows = {int(m.group(1)): m.group(0) for m in re.finditer(r'<row r="(\d+)"[^>]*>', xml)}
    ids = {r["ID"]: n for n, r in enumerate(sheet_rows(sheet, "工作台账"), 3)}
    measures = [n for rid, n in ids.items() if rid.startswith("m")]
    tasks = [n for rid, n in ids.items() if rid.startswith("s")]
    assert measures and tasks
    assert all('ht="' in rows[n] and "customHeight" not in rows[n] for n in measures)
    assert all("customHeight" in rows[n] for n in [1, 2, *tasks] if 'ht="' in rows[n])
def test_planned_leaves_out_a_count_naming_a_list_and_the_verb_of_reaching():
    """A UA reviewer's 北京 2026 台账: 计划数 held 两个 for 深入抓好垃圾分类和物业管理两个关键小事
    (a count in words of the things listed before it, inside a name: it plans nothing) and 达80%以上
    (达 says nothing of the plan). A count after 等 (住房保障、创业服务等十条支持措施) counts more
    than it lists and stays; the measure's own planned figure follows (3000个)."""
    plan = ("深入抓好垃圾分类和物业管理两个关键小事，完善生活垃圾分类可回收物体系，在3000个小区设置"
            "智能回收机，为800个老旧小区引入物业服务。推动“三医”协同发展，规范畅通医联体内双向转诊，"
            "新建5个以上紧密型城市医疗集团、区级覆盖率达80%以上，村卫生室与乡镇卫生院一体化管理率达90%。"
            "构建青年友好型政策体系，实施住房保障、创业服务等十条支持措施，建设青年人才创新创业生态区。")
    report = ingest_text("北京市2026年政府工作报告\n一、2025年工作回顾\n过去一年，经济增长。\n"
                         "二、2026年重点工作\n（一）提升城市治理水平\n" + plan + "\n",
                         kind="gov-work-report", region="北京市", year=2026)
    planned = {r["measure"][:6]: r["planned"] for r in plan_rows(report)
               if r.get("_look") != "group"}
    assert planned == {"深入抓好垃圾": "3000个；800个", "推动“三医”": "5个以上；80%以上；90%",
                       "构建青年友好": "十条"}
    rows = {c.text[:6]: c.quantity.text for c in report.commitments if c.quantity}
    assert rows["深入抓好垃圾"] == "3000个"


def test_an_overdue_deadline_reads_on_a_black_and_white_copy(tmp_path, store):
    """ua26 F5: 完成时限's fills (red overdue, amber, blue, green) print as one pale grey on a
    black-and-white copy sent to units: no overdue task showed. An overdue deadline is underlined
    twice besides red (not bold: wider, 2022年12月31日 wrapped past its fitted line); the others
    keep their colour alone."""
    report = report_path(store, 2021, "新余市", "fazhi")
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["plan", str(report), "--store", str(store),
                                       "--out", str(out)])
    assert result.exit_code == 0, result.output
    ws = openpyxl.load_workbook(plan_path(out, "新余市", "fazhi", 2022))["工作台账"]
    col = next(c.column_letter for c in ws[2] if c.value == "完成时限")
    rules = [rule for rng in ws.conditional_formatting if str(rng.sqref).startswith(col)
             for rule in rng.rules]
    overdue = [r for r in rules if "<TODAY()" in r.formula[0]]
    others = [r for r in rules if "<TODAY()" not in r.formula[0]]
    assert overdue and others
    assert all(r.dxf.font.u == "double" and not r.dxf.font.b for r in overdue)
    assert not any(r.dxf.font.b or r.dxf.font.u for r in others)
