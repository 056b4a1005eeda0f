"""The comparison workbook of a real pair as a reviewer reads it: a legend for every column and
status, the columns of why a status, colours by status, links both ways, no English in Chinese."""
from __future__ import annotations

import re

import openpyxl
import pytest

from compare.engine import compare_reports
from compare.workbook.ledger import write_workbook
from compare.workbook.template import load_template
from tests.support import header_row, sc

SHEETS = ["举措跟踪", "目标", "章节对照", "文本差异", "数据变化", "问题整改"]


@pytest.fixture(scope="module")
def pair(state_council):
    return state_council[2022], state_council[2023], compare_reports(
        state_council[2022], state_council[2023])


@pytest.fixture(scope="module")
def books(pair, tmp_path_factory):
    old, new, cmp = pair
    tmp = tmp_path_factory.mktemp("ledger")
    return {lang: openpyxl.load_workbook(write_workbook(cmp, tmp / f"{lang}.xlsx", lang=lang,
                                                        headings=(old.headings(), new.headings())))
            for lang in ("zh", "en")}


def headers(ws) -> dict[str, int]:
    return {c.value: c.column for c in ws[header_row(ws)]}


def column(ws, header: str) -> list:
    col = headers(ws)[header]
    return [ws.cell(r, col) for r in range(header_row(ws) + 1, ws.max_row + 1)]


def test_the_legend_says_what_every_column_and_status_means(books):
    tpl = load_template()
    for lang, book in books.items():
        legend = book["说明" if lang == "zh" else "Legend"]
        items = {}
        current = None
        for item, meaning in legend.iter_rows(min_row=3, values_only=True):
            if item is not None and meaning is None:
                current = item  # a sheet's name, then its columns and their values
            elif item is not None:
                items[(current, item)] = meaning
        for key in ("commitments", "targets", "sections", "diff", "metrics", "shortcomings"):
            sheet = getattr(tpl.sheets, key)
            name = sheet.get(lang)
            shown = [c.value for c in book[name][header_row(book[name])]]
            assert [h for (s, h) in items if s == name and h in shown] == shown, (lang, name)
            assert all(items[(name, h)] for h in shown)
        statuses = {("举措跟踪", "已落实"), ("举措跟踪", "部分落实"), ("举措跟踪", "未见报告"),
                    ("举措跟踪", "待核实"),
                    ("目标", "未完成"), ("问题整改", "仍存在")} if lang == "zh" else \
            {("Measures", "Not reported"), ("Targets", "Missed")}
        assert statuses <= set(items)
    zh = books["zh"]["说明"]
    # a value is shown in its status colour; silence is told apart from failure
    cells = {c.value: c for c in zh["A"] if c.value}
    assert cells["未见报告"].fill.fgColor.rgb.endswith("EDEDED") and cells[
        "未完成"].fill.fgColor.rgb.endswith("FFC7CE")
    # 未见报告 is the engine's status and a reviewer's choice: the engine's says what silence means
    meaning = [b for a, b in zh.iter_rows(values_only=True) if a == "未见报告"]
    assert "不等于未落实" in meaning[0] and "复核认定" in meaning[1]


def test_why_a_status_is_in_columns_of_its_own(pair, books):
    _, _, cmp = pair
    ws = books["zh"]["举措跟踪"]
    h = headers(ws)
    assert {"完成用语", "计划数", "实际数", "匹配对象", "得分"} <= set(h) and not {"置信度",
                                                                   "证据得分"} & set(h)
    rows = {r[h["ID"] - 1].value: {k: r[i - 1] for k, i in h.items()}
            for r in ws.iter_rows(min_row=3)
            if r[h["ID"] - 1].value}
    results = {r.commitment_id: r for r in cmp.commitments}
    assert rows.keys() == results.keys()
    for rid, cells in rows.items():
        r = results[rid]
        # a completion cue is words, never a figure or a clause
        cue = cells["完成用语"].value
        assert cue == (r.completion_cue or None)
        assert cue is None or all(len(w) <= 4 and not re.search(r"\d", w) for w in cue.split("、"))
        # the figures compared: planned and reported, part by part
        assert cells["计划数"].value == ("；".join(r.planned) or None)
        if cells["实际数"].value:
            assert cells["计划数"].value and cells["实际数"].value.count("；") == cells[
                "计划数"].value.count("；")
        assert cells["匹配对象"].value == (r.matched or None)
        assert cells["得分"].value == r.confidence  # one score
    # 预计全年退税减税约2.5万亿元，其中留抵退税约1.5万亿元: 超过2.4万亿元 (增值税留抵退税) is the
    # second part's figure, which it meets; the total has none (—), so the row is not in red
    tax = next(c for c in rows.values()
               if c["举措内容"].value.startswith("预计全年退税减税约2.5万亿元"))
    assert (tax["计划数"].value, tax["实际数"].value) == ("约2.5万亿元；约1.5万亿元",
                                                    "—；超过2.4万亿元")
    red = [c for c in rows.values() if c["实际数"].fill.fill_type == "solid"]
    assert tax not in red and all(c["实际数"].fill.fgColor.rgb.endswith("FFC7CE") for c in red)
    assert all(any(p.checked and p.reported and p.status == "partial"
                   for p in results[c["ID"].value].parts)
               for c in red)
    # a delivery below the confidence band is 待核实, never 已落实; other statuses keep theirs
    for rid, cells in rows.items():
        r = results[rid]
        shown = "待核实" if r.status == "delivered" and r.to_verify else \
            {"delivered": "已落实", "partial": "部分落实", "not_reported": "未见报告"}[r.status]
        assert cells["自动判定"].value == shown
    assert any(c["自动判定"].value == "待核实" for c in rows.values())
    summary = {row[0]: row[1] for row in books["zh"]["概览"].iter_rows(values_only=True) if row[0]}
    assert summary["待核实"] == sum(1 for r in results.values() if r.status == "delivered"
                                 and r.to_verify)


def test_evidence_and_diff_link_both_ways(books):
    book = books["zh"]
    ws, diff = book["举措跟踪"], book["文本差异"]
    h, dh = headers(ws), headers(diff)
    back = 0
    # the link is on the evidence's location (a hyperlink cell prints on one line in LibreOffice)
    for cell in column(ws, "证据位置"):
        if not cell.hyperlink:
            continue
        target = int(cell.hyperlink.location.rsplit("A", 1)[1])
        quoted = ws.cell(cell.row, h["最佳证据"]).value.strip("“”")
        assert quoted in diff.cell(target, dh["本年原文"]).value or diff.cell(
            target, dh["本年原文"]).value in quoted
        cited_by = diff.cell(target, dh["引用行"])
        seq = ws.cell(cell.row, h["序号"]).value
        # the diff row names this row by its 序号 and links back to the first row citing it
        assert str(seq) in re.split(r"[ 、；]", cited_by.value)
        first = int(cited_by.hyperlink.location.rsplit("A", 1)[1])
        sheet = cited_by.hyperlink.location.rsplit("!", 1)[0].strip("'")
        assert book[sheet].cell(
            first, headers(book[sheet])["证据位置"]).hyperlink.location == cell.hyperlink.location
        back += 1
    assert back > 10
    # and nothing links back that no row cites
    cited = [c for c in column(diff, "引用行") if c.value]
    assert all(c.hyperlink for c in cited) and len(cited) <= back + len(
        column(book["问题整改"], "最佳证据"))


def test_no_english_in_the_chinese_workbook(pair, books):
    old_text, new_text = (sc(y).read_text(encoding="utf-8") for y in (2022, 2023))
    # 5G, PM2.5, …: the reports' own
    printed = set(re.findall(r"[A-Za-z]{3,}", old_text + new_text))
    book = books["zh"]
    for name in ["说明", *SHEETS]:
        ws = book[name]
        ids = {c for c, head in enumerate(ws[header_row(ws)]) if head.value == "ID"}
        for row in ws.iter_rows():
            for c in row:
                if c.column - 1 in ids or not isinstance(c.value, str):
                    continue
                # the tool and a command a reviewer types (yoy review import) are named as typed
                english = (set(re.findall(r"[A-Za-z]{3,}", re.sub(r"yoy( [a-z]+)*", "",
                                                                  c.value))) - printed)
                assert not english, (name, c.coordinate, c.value)
    notes = [c.value for c in column(book["目标"], "判定提示") if c.value]
    assert "定性目标：请据所引原文判断" in notes
    en = books["en"]["Targets"]
    assert "qualitative: judge from the quoted sentence" in [
        c.value for c in column(en, "Check note")]


def test_ids_fit_their_column(books):
    for book in books.values():
        for ws in book.worksheets:
            h = headers(ws)
            if "ID" not in h:
                continue
            letter = openpyxl.utils.get_column_letter(h["ID"])
            longest = max((len(c.value) for c in column(ws, "ID") if c.value), default=0)
            # Latin characters are about one width unit each at the template's 10 pt
            assert ws.column_dimensions[letter].width >= longest + 1, (ws.title, longest)


def test_a_bare_figures_comparator_says_the_rule_the_verdict_applies(pair, books):
    """2026-12-04's reviewer: 增长5% read 比较方式 等于, while the verdict takes any actual at
    or above 5 as met (and, unlike 左右, with no tolerance): the label says 达到, the legend
    the rule."""
    from compare.engine.judge import meets
    from compare.kinds import load_kind
    _, _, cmp = pair
    gdp = load_kind("gov-work-report").indicator("国内生产总值")
    assert gdp is not None and gdp.tolerance > 0
    # the rule: reached, above it too; no tolerance below it, as 左右 has
    assert meets(6.0, "point", 5, 5, gdp) and not meets(4.9, "point", 5, 5, gdp)
    assert meets(4.9, "approx", 5, 5, gdp)
    ws = books["zh"]["目标"]
    labels = {t.comparator: c.value for t, c in zip(cmp.targets, column(ws, "比较方式"),
                                                     strict=True)}
    assert labels["point"] == "达到"
    meaning = {a: b for a, b in books["zh"]["说明"].iter_rows(values_only=True)}
    assert "不留容差" in meaning["达到"] and "容差" in meaning["左右"]
    assert {a: b for a, b in books["en"]["Legend"].iter_rows(values_only=True)}["Reach"]


def test_a_targets_indicator_is_shown_as_its_report_names_it(pair, tmp_path):
    """A user's reviewer (海拉尔区 2018→19): 地区生产总值增长6%左右 was shown under
    国内生产总值, the name the template keys the indicator by; the 目标 sheet says it as the
    report does."""
    _, _, cmp = pair
    gdp = next(t for t in cmp.targets if t.indicator == "国内生产总值")
    district = gdp.model_copy(update={"text": "地区生产总值增长6%左右"})
    book = openpyxl.load_workbook(write_workbook(
        cmp.model_copy(update={"targets": [district, *cmp.targets]}), tmp_path / "t.xlsx"))
    shown = [c.value for c in column(book["目标"], "指标")]
    assert shown[0] == "地区生产总值"
    assert shown[1 + cmp.targets.index(gdp)] == "国内生产总值"


def test_an_actual_shows_the_unit_its_target_states(pair, books):
    """UA 2026-12-05: 目标's 实际值 read "5", "149.4", the unit far beyond the print area: the
    figure stays a number, shown with its target's unit (8.1%, 1269万人)."""
    _, _, cmp = pair
    ws = books["zh"]["目标"]
    shown = {t.indicator: (c.value, c.number_format)
             for t, c in zip(cmp.targets, column(ws, "实际值"), strict=True)}
    gdp = next(t for t in cmp.targets if t.indicator == "国内生产总值")
    assert gdp.actual is not None and gdp.unit == "%"
    assert shown["国内生产总值"] == (gdp.actual, 'General"%"')
    assert all(fmt == f'General"{t.unit}"' for t in cmp.targets if t.unit and t.actual is not None
               for fmt in [shown[t.indicator][1]])


def test_a_relation_targets_actual_shows_the_unit_it_was_read_in(tmp_path):
    """UA 2026-12-05: 居民收入与经济增长同步 (a qualitative target, no unit stated) showed a bare
    4.3 in 目标: its figure is shown as the review reads it (居民人均可支配收入增长4.3%), with the
    unit it was read in. Two reports ingested and compared by the commands."""
    from click.testing import CliRunner
    from openpyxl import load_workbook

    from compare.cli import main
    texts = {2020: ["一、2019年工作回顾", "过去一年，全省生产总值增长6.1%。", "二、2020年总体要求",
                    "今年主要预期目标是：全省生产总值增长6%以上，居民收入与经济增长同步。"],
             2021: ["一、2020年工作回顾",
                    "过去一年，全省生产总值增长6.2%，居民人均可支配收入增长4.3%。",
                    "二、2021年总体要求", "今年主要预期目标是：全省生产总值增长6%以上。"]}
    store, runner = tmp_path / "store", CliRunner()
    for year, lines in texts.items():
        path = tmp_path / f"{year}.txt"
        head = ["政府工作报告", f"——{year}年1月20日在某省第十四届人民代表大会第三次会议上"]
        path.write_text("\n".join([*head, *lines, f"三、{year}年工作安排", "（一）扩大内需。"]),
                        encoding="utf-8")
        res = runner.invoke(main, ["ingest", str(path), "--store", str(store)])
        assert res.exit_code == 0, res.output
    wb = tmp_path / "w.xlsx"
    res = runner.invoke(main, ["compare", "--region", "某省", "--from", "2020", "--to", "2021",
                               "--store", str(store), "-o", str(wb)])
    assert res.exit_code == 0, res.output
    ws = load_workbook(wb)["目标"]
    income = next(c for c in column(ws, "实际值")
                  if any("经济增长同步" in str(v) for v in next(ws.iter_rows(
                      min_row=c.row, max_row=c.row, values_only=True))))
    assert (income.value, income.number_format) == (4.3, 'General"%"')
