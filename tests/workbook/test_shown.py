"""What an English-reading journalist met (review ua25, fix25b): a target the review is quoted on
is not counted as silence, the counts of `yoy compare`'s line are the 概览's, and a rate's change
is said in points, not in per cent of it."""
from __future__ import annotations

import openpyxl
import pytest

from compare.cli.commands import summary_line
from compare.schema import MetricChange, TargetResult
from compare.workbook.ledger import write_workbook
from tests.support import header_row
from tests.workbook.test_export import make_comparison


def _target(tid: str, text: str, note: str, quote: str | None) -> TargetResult:
    return TargetResult(target_id=tid, indicator=text, text=text, comparator="qualitative",
                        low=None, high=None, unit="", actual=None, actual_text=quote,
                        verdict="not_reported", note=note)


def quoted_comparison():
    """The fixture's comparison with 国务院 2022's qualitative targets as the engine leaves them:
    one stated word for word, one named without a figure, one combined of two parts, two the
    review is silent on (the fixture's t3 and q5)."""
    c = make_comparison()
    return c.model_copy(update={"targets": [*c.targets,
        _target("q1", "生态环境质量持续改善", "qualitative_quoted", "生态环境质量持续改善。"),
        _target("q2", "地方政府专项债券", "named_without_figure", "合理扩大专项债券使用范围。"),
        _target("q3", "进出口保稳提质", "parts", "货物进出口总额增长7.7%。"),
        _target("q5", "主要污染物排放量继续下降", "qualitative_silent", None)]})


def _rows(ws) -> dict[str, dict[str, object]]:
    top = header_row(ws)
    names = [c.value for c in ws[top]]
    return {row[names.index("ID")]: dict(zip(names, row, strict=True))
            for row in ws.iter_rows(min_row=top + 1, values_only=True)}


@pytest.mark.parametrize("lang, sheet, verdict, judged, silent", [
    ("zh", "目标", "自动判定", "未判定（见引文）", "未报告"),
    ("en", "Targets", "Verdict", "Not judged: see quote", "Not reported")])
def test_a_target_the_review_is_quoted_on_is_not_shown_as_silence(tmp_path, lang, sheet,
                                                                   verdict, judged, silent):
    """生态环境质量持续改善, quoted word for word, read "Not reported" (ua25 MEDIUM): a quoted
    sentence shows as its own label, counted apart in the 概览; the stored verdict stays."""
    c = quoted_comparison()
    wb = openpyxl.load_workbook(write_workbook(c, tmp_path / "w.xlsx", lang=lang))
    rows = _rows(wb[sheet])
    assert {t: rows[t][verdict] for t in ("q1", "q2", "q3", "q5", "t3")} == {
        "q1": judged, "q2": judged, "q3": judged, "q5": silent, "t3": silent}
    summary = wb.worksheets[0]
    counts = {row[0]: row[1] for row in summary.iter_rows(values_only=True) if row[0]}
    assert (counts[judged], counts[silent]) == (3, 2)
    legend = [row[0] for row in wb.worksheets[4].iter_rows(values_only=True) if row[0]]
    assert judged in [str(x) for x in legend]
    assert all(t.verdict == "not_reported" for t in c.targets[-4:])


def test_the_line_counts_as_the_summary_sheet_does():
    """The CLI said "delivered 3 (3 of them to verify)", the 概览 "Delivered 0, To verify 3"
    (ua25 LOW): one wording of the same counts, to verify apart from delivered, not judged apart
    from not reported."""
    c = quoted_comparison()
    unsure = c.commitments[0].model_copy(update={"status": "delivered", "to_verify": True})
    c = c.model_copy(update={"commitments": [unsure, *c.commitments[1:]]})
    line = summary_line(c)
    delivered = sum(x.status == "delivered" and not x.to_verify for x in c.commitments)
    assert f"measures [delivered {delivered}, " in line and "to_verify 1]" in line, line
    assert "targets [met 2, missed 1, not_judged 3, not_reported 2]" in line, line


def test_a_rate_has_no_change_in_per_cent_of_itself(tmp_path):
    """CPI 0.9% → 2% showed "Change %" 122.2% (ua25 LOW): for a figure in %, the change in points
    says it; a count's change in per cent stays."""
    c = make_comparison()
    c = c.model_copy(update={"metrics": [
        MetricChange(part="review", subject="居民消费价格上涨", unit="%", old=0.9, new=2,
                     change=1.1, change_pct=122.22),
        MetricChange(part="review", subject="城镇新增就业", unit="万人", old=1269, new=1206,
                     change=-63, change_pct=-4.96)]})
    ws = openpyxl.load_workbook(write_workbook(c, tmp_path / "w.xlsx", lang="en"))["Metrics"]
    top = header_row(ws)
    names = [x.value for x in ws[top]]
    got = [(row[names.index("Change")], row[names.index("Change %")])
           for row in ws.iter_rows(min_row=top + 1, values_only=True)]
    assert got[0] == (pytest.approx(1.1), None)
    assert got[1] == (-63, pytest.approx(-63 / 1269))
