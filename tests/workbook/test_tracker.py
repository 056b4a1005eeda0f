"""The tracker workbook as a reader sees it: charts that never overlap, none without a figure."""
from __future__ import annotations

import openpyxl
import pytest

from compare.engine.threads import Step, TargetPoint, Thread
from compare.workbook.tracker import write_tracker_workbook


def point(year: int, low: float | None, actual: float | None,
          comparator: str = "approx") -> TargetPoint:
    return TargetPoint(year=year, comparator=comparator, low=low, high=low, unit="%", actual=actual,
                       verdict=None if actual is None else "met")


def test_charts_stand_apart_and_only_where_there_is_a_figure(tmp_path):
    series = {
        "国内生产总值": [point(2021, 6.0, 8.1), point(2022, 5.5, 3.0)],
        "城镇调查失业率": [point(2021, 5.5, 5.1, "ceiling"), point(2022, 5.5, 5.5, "ceiling")],
        "居民消费价格": [point(2021, 3.0, 0.9), point(2022, 3.0, 2.0), point(2023, 3.0, None)],
        "生态环境质量持续改善": [point(2021, None, None, "qualitative"),
                       point(2022, None, None, "qualitative")],
        "粮食产量": [point(2022, 1.3, 1.37)],   # one year: nothing to draw a line through
    }
    threads = [Thread([Step(2021, "m1", "加快推进轨道交通8号线二期建设", "partial", None)])]
    path = write_tracker_workbook(threads, series, tmp_path / "t.xlsx")
    wb = openpyxl.load_workbook(path)
    ws = wb["目标序列"]
    rows = list(ws.iter_rows(min_row=2, values_only=True))
    # 0-based rows
    first = {name: next(r for r, row in enumerate(rows, 1) if row[0] == name) for name in series}
    charts = sorted(ws._charts, key=lambda c: c.anchor._from.row)
    # three indicators have figures in two years or more; the qualitative one and
    # the single year none
    assert len(charts) == 3
    spans = [(c.anchor._from.row, c.anchor.to.row) for c in charts]
    assert all(below[0] > above[1] for above, below in zip(spans, spans[1:], strict=False)), spans
    # each chart starts beside its indicator's rows, or one row below the chart above
    assert spans[0][0] == first["国内生产总值"]
    assert spans[1][0] == max(first["城镇调查失业率"], spans[0][1] + 2)
    # two rows of figures, a chart of nine: pushed down
    assert spans[1][0] > first["城镇调查失业率"]
    # a series is drawn once: the target's one bound (low = high) and the actual
    assert [len(c.series) for c in charts] == [2, 2, 2]
    assert wb.sheetnames[-1] == "说明"


@pytest.mark.parametrize("lang, names, title", [
    ("zh", ["举措跨年跟踪", "目标序列", "说明"], "盐田区政府工作报告跨年跟踪（2021—2023年）："),
    ("en", ["Measures over years", "Target series", "Legend"],
     "盐田区 government work report over the years 2021–2023: ")])
def test_the_tracker_prints_as_the_comparison_does(tmp_path, lang, names, title):
    """ua26: the tracker printed 12 pages at 8 pt, 计划内容 cut to a line, without borders, title
    or page numbers. Each sheet now prints as the comparison's: a title row naming the region,
    kind and years, the same title in the page header, page x / y in the footer, the header row
    on every page, A4 landscape one page wide at 9 pt or more, borders, rows as high as their
    wrapped text (LibreOffice, 2026-12-06: 盐田区 2020–2025 at 9.6 pt, every cell whole)."""
    from tests.workbook.test_export import printed_size
    long = "加快推进轨道交通8号线二期建设，" * 8   # several lines in 计划内容
    threads = [Thread([Step(2021, "m1", long, "partial", None),
                       Step(2022, "m2", "轨道交通8号线二期通车", "delivered", "delivered")])]
    series = {"国内生产总值": [point(2021, 6.0, 8.1), point(2022, 5.5, 3.0)]}
    kind = "政府工作报告" if lang == "zh" else "government work report"
    about = {"region": "盐田区", "kind": kind, "first_year": 2021, "last_year": 2023}
    path = write_tracker_workbook(threads, series, tmp_path / "t.xlsx", lang=lang, about=about)
    wb = openpyxl.load_workbook(path)
    footer = {"zh": "第 &P 页 / 共 &N 页", "en": "Page &P / &N"}[lang]
    for name in names:
        ws = wb[name]
        assert ws["A1"].value == ws.oddHeader.center.text == title + name
        assert ws.oddFooter.right.text == footer
        assert ws.print_title_rows == "$2:$2"
        assert ws.page_setup.paperSize == 9 and ws.page_setup.orientation == "landscape"
        assert ws.sheet_properties.pageSetUpPr.fitToPage and ws.page_setup.fitToHeight == 0
        assert ws["A2"].border.left.style == ws["B3"].border.left.style == "thin"
        assert ws["B3"].alignment.wrap_text
    steps = wb[names[0]]
    area = f"A1:{openpyxl.utils.get_column_letter(steps.max_column)}{steps.max_row}"
    steps.print_area = area   # no print area: all its columns print
    assert printed_size(steps) >= 9
    # the long measure's row as high as its lines, a short one lower
    assert steps.row_dimensions[3].height >= 3 * 10 * 1.3
    assert (steps.row_dimensions[4].height or 15) < steps.row_dimensions[3].height
    # the charts still read the header, below the title row
    chart = wb[names[1]]._charts[0]
    assert chart.series[0].tx.strRef.f.endswith("$D$2")
