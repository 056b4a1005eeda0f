"""The review round trip: workbook → edits → import → merge → YAML → pre-filled workbook."""
from __future__ import annotations

from datetime import datetime
from pathlib import Path

import openpyxl
import pytest
import yaml

from compare.errors import YoyError
from compare.store.reviews import (
    ReviewEntry,
    Reviews,
    comparison_ids,
    load_reviews,
    merge_reviews,
    reattach,
    reviews_path,
    save_reviews,
)
from compare.workbook.ledger import write_workbook
from compare.workbook.review_import import import_workbook, read_reviews
from tests.support import DATA, cell, edit
from tests.workbook.test_export import make_comparison


@pytest.fixture
def comparison():
    return make_comparison()


def import_and_store(xlsx: Path, store: Path, comparison) -> tuple[Reviews, list[str]]:
    imported, warnings = import_workbook(xlsx)
    path = reviews_path(store, imported.region, imported.kind, imported.old_year, imported.new_year)
    merged, more = merge_reviews(load_reviews(path), imported, comparison_ids(comparison))
    save_reviews(merged, path)
    return load_reviews(path), warnings + more


def test_three_cycles_keep_every_edit(tmp_path, comparison):
    store, xlsx = tmp_path / "reports", tmp_path / "out" / "w.xlsx"
    edits = [("举措跟踪", "c1", {"复核状态": "已落实", "复核意见": "粮食产量1.37万亿斤，已核实",
                             "复核人": "张三"}),
             ("目标", "t3", {"复核状态": "待核实", "复核意见": "需查统计公报"}),
             ("问题整改", "p1", {"复核状态": "部分整改", "复核时间": datetime(2024, 3, 8)})]
    reviews = None
    for sheet, rid, values in edits:
        write_workbook(comparison, xlsx, reviews=reviews)
        edit(xlsx, sheet, rid, **values)
        reviews, warnings = import_and_store(xlsx, store, comparison)
        assert warnings == []
    # each review keeps the text of the row it was given on (how it finds the row again)
    assert reviews.commitments == {"c1": ReviewEntry(status="delivered",
                                                     note="粮食产量1.37万亿斤，已核实",
                                                     reviewed_by="张三",
                                                     text="粮食产量保持在1.3万亿斤以上")}
    assert reviews.targets == {"t3": ReviewEntry(status="to_verify", note="需查统计公报",
                                                 text="能耗强度目标在“十四五”规划期内统筹考核")}
    assert reviews.shortcomings == {"p1": ReviewEntry(status="partly_addressed",
                                                      reviewed_at="2024-03-08",
                                                      text="经济恢复基础尚不牢固")}

    write_workbook(comparison, xlsx, reviews=reviews)
    assert cell(xlsx, "举措跟踪", "c1", "复核状态") == "已落实"
    assert cell(xlsx, "举措跟踪", "c1", "自动判定") == "已落实"  # the auto status stays beside it
    assert cell(xlsx, "举措跟踪", "c1", "复核人") == "张三"
    assert cell(xlsx, "目标", "t3", "复核意见") == "需查统计公报"
    assert cell(xlsx, "问题整改", "p1", "复核时间") == "2024-03-08"
    assert cell(xlsx, "举措跟踪", "c2", "复核状态") is None

    # the same reviews read back in English, and an edit there lands in the same file
    write_workbook(comparison, xlsx, lang="en", reviews=reviews)
    assert cell(xlsx, "Targets", "t3", "Reviewer status") == "To verify"
    edit(xlsx, "Measures", "c2", **{"Reviewer status": "not delivered", "Reviewer note": "no sign"})
    reviews, _ = import_and_store(xlsx, store, comparison)
    assert reviews.commitments["c2"] == ReviewEntry(status="not_delivered", note="no sign",
                                                    text="推进以人为核心的新型城镇化")
    assert set(reviews.commitments) == {"c1", "c2"} and set(reviews.targets) == {"t3"}


def test_stored_file_is_sorted_readable_yaml(tmp_path):
    path = reviews_path(tmp_path, "新余市", "fazhi", 2021, 2022)
    assert path == tmp_path / "reviews" / "新余市-fazhi-2021-2022.yaml"
    assert load_reviews(path) is None
    reviews = Reviews(region="新余市", kind="fazhi", old_year=2021, new_year=2022,
                      commitments={"c2": ReviewEntry(status="partial", note="仅部分区县落实"),
                                   "c10": ReviewEntry(status="delivered")})
    save_reviews(reviews, path)
    text = path.read_text(encoding="utf-8")
    assert "仅部分区县落实" in text and "null" not in text
    assert list(yaml.safe_load(text)) == sorted(yaml.safe_load(text))
    assert load_reviews(path) == reviews
    assert [p.name for p in path.parent.iterdir()] == [path.name]  # no temporary left behind


def test_a_bad_reviews_file_is_a_user_error(tmp_path):
    path = tmp_path / "r.yaml"
    path.write_text("region: x\nkind: y\nold_year: 2021\nnew_year: 2022\ncommitments: {c1: "
                    "{stauts: ok}}\n",
                    encoding="utf-8")
    with pytest.raises(YoyError, match="stauts"):
        load_reviews(path)


def test_a_vanished_id_is_kept_with_a_warning(tmp_path, comparison):
    store, xlsx = tmp_path / "reports", tmp_path / "w.xlsx"
    write_workbook(comparison, xlsx)
    edit(xlsx, "举措跟踪", "c3", 复核状态="未落实", 复核意见="无进展")
    reviews, _ = import_and_store(xlsx, store, comparison)

    later = comparison.model_copy(update={"commitments": [c for c in comparison.commitments
                                                          if c.commitment_id != "c3"]})
    write_workbook(later, xlsx, reviews=reviews)
    edit(xlsx, "举措跟踪", "c1", 复核状态="已落实")
    reviews, warnings = import_and_store(xlsx, store, later)
    assert set(reviews.commitments) == {"c1", "c3"}
    assert reviews.commitments["c3"] == ReviewEntry(status="not_delivered", note="无进展",
                                                    text="建设全国统一大市场")
    assert warnings == ["commitments: the review of c3 is kept, but c3 ('建设全国统一大市场') is "
                        "no longer in the comparison and no row matches it"]


def test_a_kept_review_shows_the_reviewers_own_columns(tmp_path, comparison):
    """A review whose row is gone is listed on 已删除行的复核 with what she typed in the columns
    she added (备注) as well as 复核意见: nothing typed on the row is out of sight."""
    from compare.store.reviews import Reviews
    reviews = Reviews(region=comparison.old.region, kind=comparison.old.kind,
                      old_year=comparison.old.year, new_year=comparison.new.year,
                      commitments={"c3": ReviewEntry(status="not_delivered", note="无进展",
                                                     text="建设全国统一大市场",
                                                     extra={"备注": "请发改局说明", "责任人": ""})})
    later = comparison.model_copy(update={"commitments": [c for c in comparison.commitments
                                                          if c.commitment_id != "c3"]})
    xlsx = tmp_path / "w.xlsx"
    write_workbook(later, xlsx, reviews=reviews)
    ws = openpyxl.load_workbook(xlsx)["已删除行的复核"]
    shown = [str(c.value) for row in ws.iter_rows() for c in row if c.value is not None]
    assert "无进展；备注：请发改局说明" in shown


def test_a_review_follows_its_row_to_a_new_id(tmp_path, comparison):
    """issue 12: ids changed (re-ingest, parser change) → the review moves to the row whose text
    matches, with a warning; a review whose row is gone stays put, with a
    warning; never silently."""
    store, xlsx = tmp_path / "reports", tmp_path / "w.xlsx"
    write_workbook(comparison, xlsx)
    edit(xlsx, "举措跟踪", "c4", 复核状态="已落实", 复核意见="细则已出台")
    edit(xlsx, "举措跟踪", "c3", 复核状态="未落实")
    reviews, _ = import_and_store(xlsx, store, comparison)
    renamed = [c.model_copy(update={"commitment_id": {"c4": "m-new4"}.get(
        c.commitment_id, c.commitment_id),
                                    "text": c.text + "并抓好落实" if c.commitment_id == "c4"
                                    else c.text})
               for c in comparison.commitments if c.commitment_id != "c3"]
    later = comparison.model_copy(update={"commitments": renamed})
    moved, warnings = reattach(reviews, comparison_ids(later))
    assert moved.commitments["m-new4"] == reviews.commitments[
        "c4"] and "c4" not in moved.commitments
    assert moved.commitments["c3"] == reviews.commitments["c3"]  # its row is gone: kept, not moved
    assert warnings[0].startswith("commitments: the review of c3 is kept")
    assert warnings[1].startswith("commitments: the review of c4 is re-attached to m-new4")
    # and the workbook written for the later comparison shows it on the renamed row
    write_workbook(later, xlsx, reviews=moved)
    assert cell(xlsx, "举措跟踪", "m-new4", "复核意见") == "细则已出台"


def test_unknown_status_names_sheet_and_cell_and_skips_only_it(tmp_path, comparison):
    """As the 台账's reader does: the bad cell is skipped with a warning, the row's note and the
    other rows read; `strict` refuses the workbook (review 2026-12-04)."""
    xlsx = tmp_path / "w.xlsx"
    write_workbook(comparison, xlsx)
    edit(xlsx, "举措跟踪", "c4", 复核状态="xyz", 复核意见="问过了")
    edit(xlsx, "举措跟踪", "c3", 复核状态="已落实")
    bad = ("sheet 举措跟踪 cell G6: unknown status 'xyz' "
           "(allowed: 已落实, 部分落实, 未落实, 未见报告, 不适用, 待核实)")
    with pytest.raises(YoyError) as e:
        import_workbook(xlsx, strict=True)
    assert (e.value.where, e.value.reason) == (str(xlsx), bad)
    reviews, warnings = import_workbook(xlsx)
    assert warnings == [f"{xlsx}: {bad}; skipped"]
    assert (reviews.commitments["c4"].status, reviews.commitments["c4"].note) == (None, "问过了")
    assert reviews.commitments["c3"].status == "delivered"
    assert read_reviews(xlsx).skipped == [bad]


def test_a_reviewer_can_agree_that_the_review_is_silent(tmp_path, comparison):
    """未见报告 (未报告 for a target) is a reviewer's choice too: without it, agreeing with the
    engine's meant typing 未落实 (未完成), which says the task was not done (reviews 2026-12-04)."""
    xlsx = tmp_path / "w.xlsx"
    write_workbook(comparison, xlsx)
    edit(xlsx, "举措跟踪", "c2", 复核状态="未见报告")
    edit(xlsx, "目标", "t3", 复核状态="未报告")
    reviews, warnings = import_workbook(xlsx)
    assert warnings == [] and reviews.commitments["c2"].status == "not_reported"
    assert reviews.targets["t3"].status == "not_reported"
    write_workbook(comparison, xlsx, reviews=reviews)
    assert cell(xlsx, "举措跟踪", "c2", "复核状态") == "未见报告"


def test_empty_rows_give_no_entry_and_odd_rows_warn(tmp_path, comparison):
    xlsx = tmp_path / "w.xlsx"
    write_workbook(comparison, xlsx)
    edit(xlsx, "举措跟踪", "c1", 复核人="张三")  # neither status nor note: nothing to keep
    edit(xlsx, "举措跟踪", "c2", 复核意见="  待补充材料 ")
    edit(xlsx, "举措跟踪", "c4", ID=None, 复核状态="已落实")
    edit(xlsx, "举措跟踪", "c5", ID="c2", 复核状态="部分落实")
    reviews, warnings = import_workbook(xlsx)
    assert (reviews.region, reviews.kind, reviews.old_year, reviews.new_year) == (
        "国务院", "gov-work-report", 2022, 2023)
    # row 7 (加快发展数字经济) was given c2's ID: its text is recorded with the review
    assert reviews.commitments == {"c2": ReviewEntry(status="partial", text="加快发展数字经济")}
    # each names its workbook: a folder's import warns of many
    assert warnings == [f"{xlsx}: sheet 举措跟踪 row 6: reviewer input without an ID, ignored",
                        f"{xlsx}: sheet 举措跟踪 row 7: ID c2 also in row 4; row 7 wins"]


def test_reordered_columns_are_found_by_header(tmp_path, comparison):
    xlsx = tmp_path / "w.xlsx"
    write_workbook(comparison, xlsx)
    wb = openpyxl.load_workbook(xlsx)
    wb["目标"].move_range("Q2:Q6", cols=5)  # the ID column moved further right
    wb["目标"].move_range("A2:A6", cols=25)  # and 序号 beyond it
    wb["目标"].cell(4, 8).value = "已完成"  # 复核状态, after 判定提示
    wb.save(xlsx)
    reviews, _ = import_workbook(xlsx)
    assert reviews.targets == {"t2": ReviewEntry(status="met", text="城镇新增就业1100万人以上")}


def test_merge_keeps_stored_fields_the_workbook_left_empty():
    base = dict(region="国务院", kind="gov-work-report", old_year=2022, new_year=2023)
    stored = Reviews(**base, commitments={"c1": ReviewEntry(status="partial", note="旧意见",
                                                            reviewed_by="李四")})
    imported = Reviews(**base, commitments={"c1": ReviewEntry(status="delivered")})
    merged, warnings = merge_reviews(stored, imported, {"commitments": {"c1"}})
    assert merged.commitments["c1"] == ReviewEntry(status="delivered", note="旧意见",
                                                   reviewed_by="李四")
    assert warnings == []
    with pytest.raises(YoyError, match="国务院-gov-work-report-2022-2023"):
        merge_reviews(stored, imported.model_copy(update={"new_year": 2024}), {})


def test_reviews_of_another_pair_are_refused(tmp_path, comparison):
    other = Reviews(region="国务院", kind="gov-work-report", old_year=2021, new_year=2022)
    with pytest.raises(YoyError, match="2021-2022"):
        write_workbook(comparison, tmp_path / "w.xlsx", reviews=other)


def test_not_a_yoy_workbook(tmp_path):
    plain = tmp_path / "plain.xlsx"
    openpyxl.Workbook().save(plain)
    with pytest.raises(YoyError, match="no _yoy sheet .the hidden sheet yoy.*not written by yoy"):
        import_workbook(plain)
    (tmp_path / "junk.xlsx").write_bytes(b"not a zip")
    with pytest.raises(YoyError, match="a text file .*not an Excel workbook"):
        import_workbook(tmp_path / "junk.xlsx")
    (tmp_path / "junk.xlsx").write_bytes(b"\x00\xff\xfe not a zip \x81\x00" * 20)
    with pytest.raises(YoyError, match="cannot read workbook"):
        import_workbook(tmp_path / "junk.xlsx")


def test_an_empty_comparison_round_trips(tmp_path, comparison):
    empty = comparison.model_copy(update={"commitments": [], "targets": [], "shortcomings": [],
                                          "diffs": [], "alignment": [], "metrics": []})
    xlsx = write_workbook(empty, tmp_path / "w.xlsx")
    reviews, warnings = import_workbook(xlsx)
    assert reviews.commitments == reviews.targets == reviews.shortcomings == {} and warnings == []


def test_unsafe_names_are_refused(tmp_path):
    with pytest.raises(YoyError, match="unsafe region"):
        reviews_path(tmp_path, "../x", "fazhi", 2021, 2022)


@pytest.mark.parametrize("sheet, column, status", [("承诺跟踪", "承诺内容", "已落实"),
                                                   ("Commitments", "Commitment", "Delivered")])
def test_a_workbook_of_an_earlier_version_is_still_read(tmp_path, comparison, sheet,
                                                        column, status):
    """The measures' sheet and text column had other names (承诺跟踪, 承诺内容):
    what a reviewer typed into such a workbook is read back, with the row's text."""
    xlsx = tmp_path / "old.xlsx"
    write_workbook(comparison, xlsx, lang="zh" if sheet == "承诺跟踪" else "en")
    wb = openpyxl.load_workbook(xlsx)
    ws = wb["举措跟踪" if sheet == "承诺跟踪" else "Measures"]
    ws.title = sheet
    next(c for c in ws[2] if c.value in ("举措内容", "Measure")).value = column
    wb.save(xlsx)
    edit(xlsx, sheet, "c1", **{"复核状态" if sheet == "承诺跟踪" else "Reviewer status": status})
    reviews, warnings = import_workbook(xlsx)
    assert warnings == []  # no column yoy does not read
    assert reviews.commitments == {"c1": ReviewEntry(status="delivered",
                                                     text="粮食产量保持在1.3万亿斤以上")}


def test_a_workbook_written_before_the_ledger_explained_itself_imports_without_warnings(tmp_path):
    """tests/data/ledger-0.1.0-ce9d3ea.xlsx: make_comparison() as yoy wrote it at commit ce9d3ea
    (ID first, 证据得分 and 置信度, no legend): its reviewer input is read, and the columns since
    dropped are known, not named in warnings."""
    xlsx = tmp_path / "old.xlsx"
    xlsx.write_bytes((DATA / "ledger-0.1.0-ce9d3ea.xlsx").read_bytes())
    edit(xlsx, "承诺跟踪", "c2", 复核状态="未落实", 复核意见="只推进，未完成")
    edit(xlsx, "目标", "t1", 复核状态="未完成")
    reviews, warnings = import_workbook(xlsx)
    assert warnings == []
    assert (reviews.commitments["c2"].status, reviews.commitments["c2"].note) == (
        "not_delivered", "只推进，未完成")
    assert reviews.targets["t1"].status == "missed"
    # a column the reviewer added is still named
    wb = openpyxl.load_workbook(xlsx)
    wb["承诺跟踪"].cell(1, 30).value, wb["承诺跟踪"].cell(3, 30).value = "督办意见", "请补充"
    wb.save(xlsx)
    assert any("督办意见" in w for w in import_workbook(xlsx)[1])


def test_a_problem_recut_keeps_its_review_on_no_other_problem(tmp_path, comparison):
    """issue 18 item 7: a problem list read otherwise (a problem cut into its clauses, or two
    merged) gives the changed problems new ids (content ids). A reviewer's decision typed on the
    old problem is kept under its id and named in the workbook's warnings, through the same
    re-attachment as the measures' (store.reviews.reattach): never put on one of its clauses or on
    the merge, never dropped, and still there when the next workbook is read back."""
    from compare.jobs.pipeline import export_workbook
    from tests.support import sheet_rows
    store, first, xlsx = tmp_path / "reports", tmp_path / "w1.xlsx", tmp_path / "w2.xlsx"
    export_workbook(comparison, first, store=store)
    edit(first, "问题整改", "p2", 复核状态="部分整改", 复核意见="作风专项整治已开展")
    edit(first, "问题整改", "p3", 复核状态="仍存在")
    import_and_store(first, store, comparison)  # yoy review import
    p1, p2, p3 = comparison.shortcomings
    # p2 cut at its 、 into two problems; p1 and p3 merged into one
    recut = [p2.model_copy(update={"shortcoming_id": "p-xs", "text": "形式主义仍较突出"}),
             p2.model_copy(update={"shortcoming_id": "p-gl", "text": "官僚主义现象仍较突出"}),
             p1.model_copy(update={"shortcoming_id": "p-m",
                                   "text": "经济恢复基础尚不牢固，一些领域风险隐患较多"})]
    later = comparison.model_copy(update={"shortcomings": recut})
    kept = export_workbook(later, xlsx, store=store)
    stored = load_reviews(reviews_path(store, later.old.region, later.old.kind,
                                       later.old.year, later.new.year))
    assert stored.shortcomings["p2"] == ReviewEntry(status="partly_addressed",
                                                    note="作风专项整治已开展",
                                                    text="形式主义、官僚主义现象仍较突出")
    assert stored.shortcomings["p3"].status == "unresolved"
    rows = {r["ID"]: r for r in sheet_rows(xlsx, "问题整改") if r["ID"]}
    assert set(rows) == {"p-xs", "p-gl", "p-m"}
    assert all(not r["复核状态"] and not r["复核意见"] for r in rows.values())
    assert [w.split(":")[1].strip().split(" is ")[0] for w in kept.reattached] == [
        "the review of p2", "the review of p3"]
    shown = [str(v) for r in openpyxl.load_workbook(xlsx)["概览"].iter_rows(values_only=True)
             for v in r if v]
    # 概览 says it in the workbook's language, and the sheet 已删除行的复核 lists them (ver19 A1)
    assert not any(w == v for w in kept.reattached for v in shown)
    assert ("2条复核所在的行已不在本次比较中（报告重新导入后已改写或删除）："
            "已保存，见“已删除行的复核”表。") in shown
    listed = sheet_rows(xlsx, "已删除行的复核")
    assert [(r["ID"], r["复核状态"], r["复核意见"]) for r in listed] == [
        ("p2", "部分整改", "作风专项整治已开展"), ("p3", "仍存在", None)]
    # read back (yoy review import): the kept decisions stay, on no row
    reviews, _ = import_and_store(xlsx, store, later)
    assert reviews.shortcomings["p2"] == stored.shortcomings["p2"]
    assert reviews.shortcomings["p3"] == stored.shortcomings["p3"]
    assert not {"p-xs", "p-gl", "p-m"} & set(reviews.shortcomings)


def test_a_text_keeping_the_stored_one_is_no_clash_a_status_always_is():
    """ua22a M1's way out: a note typed with both units' text (the store's kept whole) replaces
    nothing; a status is one choice, whatever its letters ('not_delivered' holds 'delivered')."""
    from compare.store.reviews import newer_cells
    clashes: list = []
    typed = {"status": "not_delivered", "note": "甲局意见；乙局意见"}
    kept = newer_cells("commitments", "m1", typed, {"status": "delivered", "note": "甲局意见"}, {},
                       [], clashes)
    assert clashes == [("commitments", "m1", "status")]
    assert kept == typed
