"""A comparison's reviews whose rows are gone (ver19 A1): the earlier report re-ingested with its
problems re-cut (two merged, one removed). The reviews stay in the store and are listed, with what
the reviewer typed, on a sheet of their own; 概览's 提示 says so in the workbook's language; the
workbook read back changes none of them, and a status copied onto the new row is that row's."""
from __future__ import annotations

import openpyxl
import pytest
from click.testing import CliRunner

from compare.cli import main
from compare.store.reviews import load_reviews, reviews_path
from tests.support import copy_store, sheet_rows, type_into

PAIR = ("--region", "盐田区", "--kind", "gov-work-report", "--from", "2023", "--to", "2024")
MERGED = "战略性新兴产业体量较小"
GONE = "内联外畅的交通体系需进一步完善"
# ver19: reworded to 83%, below re-attachment: its review is kept, and the sheet names the new row
REWORDED, REWORDING = "发展质量效益有待提高", "发展质量和效益有待进一步提高"


def yoy(*args):
    result = CliRunner().invoke(main, [str(a) for a in args])
    return result.exit_code, result.stdout, result.stderr


def compare(store, out, *more):
    code, _, err = yoy("compare", *PAIR, "--store", store, "--out", out, *more)
    assert code == 0, err
    return next(out.glob("盐田区/gov-work-report-2023-2024*.xlsx"))


def by_text(path, sheet, fragment):
    return next(r for r in sheet_rows(path, sheet)
                if fragment in (r.get("问题表述") or r.get("Shortcoming") or ""))


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_reviews_of_re_cut_problems_are_listed_and_never_re_imported(tmp_path, lang):
    store = copy_store(tmp_path / "store", ("盐田区",))
    out = tmp_path / "out"
    wb = compare(store, out)
    merged, gone, reworded = (by_text(wb, "问题整改", f)["ID"] for f in (MERGED, GONE, REWORDED))
    type_into(wb, "问题整改", {merged: {"复核状态": "部分整改", "复核意见": "V19-P2 产业在培育"},
                               gone: {"复核状态": "已整改", "复核意见": "V19-P3 地铁已通"},
                               reworded: {"复核状态": "仍存在"}})
    code, _, err = yoy("review", "import", wb, "--store", store)
    assert code == 0, err
    source = store / "2023" / "盐田区-gov-work-report.source.txt"
    edited = tmp_path / "src" / "盐田区2023年政府工作报告.txt"
    edited.parent.mkdir()
    text = source.read_text(encoding="utf-8")
    text = text.replace(f"{MERGED}，产业竞争力", f"{MERGED}、产业竞争力").replace(
        f"{GONE}，", "").replace(REWORDED, REWORDING)
    edited.write_text(text, encoding="utf-8")
    code, _, err = yoy("ingest", edited, "--kind", "gov-work-report", "--region", "盐田区",
                       "--year", "2023", "--store", store, "--overwrite")
    assert code == 0, err
    wb.unlink()
    wb = compare(store, out, "--lang", lang)
    sheet = "已删除行的复核" if lang == "zh" else "Reviews of removed rows"
    listed = sheet_rows(wb, sheet)
    # protected: typed there, a decision would be read by nothing and lost at the next rewrite
    assert openpyxl.load_workbook(wb)[sheet].protection.sheet
    ledger = "问题整改" if lang == "zh" else "Shortcomings"
    fixed, partly = ("已整改", "部分整改") if lang == "zh" else ("Addressed", "Partly addressed")
    rows = {r["ID"]: r for r in listed}
    assert set(rows) == {merged, gone, reworded}
    # the sheet names where a reworded problem went (never moving the review there), and no
    # unrelated row for one removed
    near = "最相近的现有行" if lang == "zh" else "Closest current row"
    new_row = by_text(wb, "问题整改" if lang == "zh" else "Shortcomings", REWORDING)
    assert rows[reworded][near] == (f"{REWORDING}（83%，{new_row['ID']}）" if lang == "zh"
                                    else f"{REWORDING} (83%, {new_row['ID']})")
    assert rows[gone][near] is None and not new_row.get("复核状态" if lang == "zh"
                                                         else "Reviewer status")
    assert (rows[merged]["工作表" if lang == "zh" else "Sheet"],
            rows[merged]["复核状态" if lang == "zh" else "Reviewer status"],
            rows[merged]["复核意见" if lang == "zh" else "Reviewer note"]) == (
                ledger, partly, "V19-P2 产业在培育")
    assert rows[gone]["复核状态" if lang == "zh" else "Reviewer status"] == fixed
    assert GONE in rows[gone]["原文" if lang == "zh" else "Text"]
    summary = [c for row in openpyxl.load_workbook(wb).worksheets[0].iter_rows(values_only=True)
               for c in row if isinstance(c, str)]
    assert not any("the review of" in c for c in summary), summary
    said = ("3条复核所在的行已不在本次比较中" if lang == "zh"
            else "3 reviews of rows no longer in this comparison")
    assert any(c.startswith(said) and sheet in c for c in summary), summary
    # read back as written: the kept reviews stay byte for byte
    path = reviews_path(store, "盐田区", "gov-work-report", 2023, 2024)
    before = path.read_bytes()
    code, _, err = yoy("review", "import", wb, "--store", store)
    assert code == 0, err
    assert path.read_bytes() == before
    # the reviewer carries the decision over to the merged problem's new row (the zh workbook)
    if lang == "en":
        return
    new = by_text(wb, "问题整改", "战略性新兴产业体量较小、产业竞争力")["ID"]
    assert new != merged
    type_into(wb, "问题整改", {new: {"复核状态": "部分整改"}})
    code, _, err = yoy("review", "import", wb, "--store", store)
    assert code == 0, err
    stored = load_reviews(path)
    assert stored.shortcomings[new].status == "partly_addressed"
    assert (stored.shortcomings[merged].status, stored.shortcomings[merged].note) == (
        "partly_addressed", "V19-P2 产业在培育")
