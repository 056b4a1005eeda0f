"""bench/row_causes.py: why a labelled slogan is still a row, read off ingest's own join without
changing the rows it makes."""

from compare.ingest import ingest_text
from compare.ingest.measures import MeasureSpan
from tests.support import bench_module, sc


def test_the_recorder_leaves_ingests_rows_as_they_are():
    """With every candidate weighed for the record, 国务院 2022's rows are ingest's, the rows it
    joins (落实好外资企业国民待遇。积极推动加入 among them) joined as before."""
    from compare.ingest import lists
    rc = bench_module("row_causes")
    report = ingest_text(sc(2022).read_text(encoding="utf-8"), kind="gov-work-report",
                         region="国务院", year=2022)
    with rc.Recorder() as rec:
        rows = lists.commitments(report, rc.load_kind("gov-work-report"))
    assert [c.text for c in rows] == [c.text for c in report.commitments]
    assert rec.sections and lists.may_join is rec.may_join and lists.joined is rec.joined
    # the decision was read for rows `may_join` keeps from it, too (ingest does not weigh them)
    assert any(not c for _, _, can in rec.sections for c in can)
    assert all(len(found) == len(flags) == len(can) for found, flags, can in rec.sections)


def _span(start: int, text: str) -> MeasureSpan:
    return MeasureSpan(start, start + len(text), text, None)


def test_each_row_gets_the_first_cause_that_holds():
    rc = bench_module("row_causes")
    rec = rc.Recorder()
    a, b = _span(0, "坚持稳中求进工作总基调"), _span(12, "新增就业1100万人以上")
    c = _span(0, "发展是第一要务")
    rec.sections = [([(1, a), (1, b), (2, c)], [True, False, True], [False, True, False])]
    assert rc.cause(rec, 1, 12, b.text) == "the decision finds a task"
    assert rc.cause(rec, 2, 0, c.text) == "no task: only row of paragraph"
    assert rc.cause(rec, 1, 0, a.text) == "no task: past JOIN_MAX"
    rec.sections = [([(1, a), (1, b)], [True, True], [True, True])]
    assert rc.cause(rec, 1, 0, a.text) == "no task: no task in paragraph"
    rec.sections = [([(1, a), (1, b)], [True, False], [True, True])]
    assert rc.cause(rec, 1, 0, a.text) == "no task: join past JOIN_MAX"
    assert rc.cause(rec, 1, 0, a.text + "，" + b.text) == "joined, still most of its row"
