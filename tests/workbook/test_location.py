"""wb26: where the evidence stands (证据位置), in the workbook's language. The engine stores it
in Chinese words (2023年报告 一、（三）第2段); an English workbook reads `2023 report, 一、（三）
¶2`, the report's own section labels as printed, and its link still goes to the sentence."""
from __future__ import annotations

import re

import openpyxl
import pytest

from compare.workbook.shown import shown_location
from tests.support import copy_store, header_row
from tests.test_cli import yoy


@pytest.mark.parametrize("stored, lang, shown", [
    ("2023年报告 一、（三）第2段", "en", "2023 report, 一、（三） ¶2"),
    ("2023年报告 一、七是", "en", "2023 report, 一、七是"),
    ("2023年报告 第12段", "en", "2023 report, ¶12"),
    ("2023年报告 一、（三）第2段", "zh", "2023年报告 一、（三）第2段"),
    # not the engine's shape: shown as it is, never half-translated
    ("一、（三）第2段", "en", "一、（三）第2段"),
    ("2023年度报告 一、", "en", "2023年度报告 一、"),
])
def test_a_location_reads_in_the_workbooks_language(stored, lang, shown):
    assert shown_location(stored, lang) == shown


def _locations(path, sheet: str, column: str) -> list[tuple[str, str | None]]:
    """Each filled cell of `column` on `sheet`: its value and its hyperlink's target."""
    ws = openpyxl.load_workbook(path)[sheet]
    top = header_row(ws)
    col = next(c.column for c in ws[top] if c.value == column)
    return [(ws.cell(r, col).value, ws.cell(r, col).hyperlink.location
             if ws.cell(r, col).hyperlink else None)
            for r in range(top + 1, ws.max_row + 1) if ws.cell(r, col).value]


def test_the_evidence_location_is_english_in_an_english_workbook(tmp_path):
    """The shipped 国务院 2022→2023 pair, compared in each language and exported from its JSON:
    every location on 举措跟踪 and 问题整改 is the Chinese one in words of the workbook's
    language, on the same row, linking to the same diff row."""
    store = copy_store(tmp_path / "store")
    pair = ["--region", "国务院", "--kind", "gov-work-report", "--from", 2022, "--to", 2023,
            "--store", store]
    code, _, err = yoy("compare", *pair, "-o", tmp_path / "zh.xlsx", "--json", tmp_path / "c.json")
    assert code == 0, err
    code, _, err = yoy("compare", *pair, "-o", tmp_path / "en.xlsx", "--lang", "en")
    assert code == 0, err
    code, _, err = yoy("export", tmp_path / "c.json", "-o", tmp_path / "export.xlsx", "--lang",
                       "en", "--store", store)
    assert code == 0, err
    for zh_sheet, en_sheet in (("举措跟踪", "Measures"), ("问题整改", "Shortcomings")):
        zh = _locations(tmp_path / "zh.xlsx", zh_sheet, "证据位置")
        en = _locations(tmp_path / "en.xlsx", en_sheet, "Evidence location")
        assert en == _locations(tmp_path / "export.xlsx", en_sheet, "Evidence location")
        assert len(zh) == len(en) > 0
        for (zh_text, zh_link), (en_text, en_link) in zip(zh, en, strict=True):
            assert re.fullmatch(r"\d{4}年报告 .+", zh_text), zh_text
            year, labels = zh_text.split("年报告 ")
            # the section labels as printed, the paragraph as ¶N, no Chinese word of yoy's
            assert en_text == f"{year} report, " + re.sub(r"第(\d+)段", r" ¶\1", labels).strip()
            assert "年报告" not in en_text and not re.search(r"第\d+段", en_text)
            # the same sentence: the diff sheet's row, under its name in each language
            assert (zh_link is None) == (en_link is None)
            if zh_link:
                assert zh_link.replace("文本差异", "Diff") == en_link, (zh_link, en_link)
    en = _locations(tmp_path / "en.xlsx", "Measures", "Evidence location")
    assert any("¶" in text for text, _ in en) and all(link for _, link in en)
