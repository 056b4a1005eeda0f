"""The tracker workbook as a reader sees it: charts that never overlap, none without a figure."""
from __future__ import annotations

import openpyxl

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
