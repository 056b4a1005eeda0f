"""序号 of a 台账 a re-ingest changed (L3, docs/reviews.md): a unit's reply quoting 第3项 must still
mean the task the 台账 was issued with as 3. The rows keep the numbers they had; a deleted task's
number is given to no other; a new task gets a new number, in its section; entries follow their
row by ID whatever its number."""
from click.testing import CliRunner

from compare.cli import main
from compare.store.plan_entries import entries_path, load_entries
from tests.support import SEED, sheet_rows, type_into

SHEET = "工作台账"
# 新余市 2021's plan, five measures; the second replaced by another task
OLD = ("严格落实重大行政决策程序规定,坚持司法行政部门负责人固定列席市政府常务会议制度,"
       "充分发挥法律顾问的咨询论证作用,做到依法决策、民主决策、科学决策。")
NEW = "健全重大行政决策目录管理制度,推行决策后评估。"


def yoy(*args):
    result = CliRunner().invoke(main, [str(a) for a in args])
    assert result.exit_code == 0, result.stderr
    return result.stdout


def numbered(path):
    return [(r["序号"], r["具体举措"][:6]) for r in sheet_rows(path, SHEET) if r["序号"]]


def test_a_reingest_keeps_the_numbers_a_taizhang_was_issued_with(tmp_path):
    store, out = tmp_path / "s", tmp_path / "o"
    source = tmp_path / "新余市.txt"
    source.write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    yoy("ingest", source, "--kind", "fazhi", "--store", store)
    plan = ("plan", "--store", store, "--region", "新余市", "--kind", "fazhi", "--year", "2021",
            "--out", out)
    yoy(*plan)
    sheet = out / "新余市" / "fazhi-2022-plan.xlsx"
    before = numbered(sheet)
    assert [n for n, _ in before] == [1, 2, 3, 4, 5]
    third = next(r["ID"] for r in sheet_rows(sheet, SHEET) if r["序号"] == 3)
    type_into(sheet, SHEET, {third: {"一季度进展情况": "已完成清单梳理"}})
    yoy("review", "import", sheet, "--store", store)
    # the office's copy (or a unit's) is elsewhere; the report is re-ingested with task 2 replaced
    text = SEED.read_text(encoding="utf-8")
    assert OLD in text
    source.write_text(text.replace(OLD, NEW), encoding="utf-8")
    yoy("ingest", source, "--kind", "fazhi", "--store", store, "--overwrite")
    yoy(*plan)
    after = numbered(sheet)
    assert [n for n, _ in after] == [1, 6, 3, 4, 5], after
    assert [t for _, t in after] == [before[0][1], NEW[:6], *[t for _, t in before[2:]]]
    # the entry follows its row by ID, the row still numbered 3
    row = next(r for r in sheet_rows(sheet, SHEET) if r["ID"] == third)
    assert row["序号"] == 3 and row["一季度进展情况"] == "已完成清单梳理"
    # one more re-ingest giving the old task back: it takes its number again, the new one keeps 6,
    # and task 4, a word changed (its ID with it), keeps 4
    assert text.count("着力厘清") == 1
    source.write_text(text.replace(OLD, OLD + NEW).replace("着力厘清", "着力理清"),
                      encoding="utf-8")
    yoy("ingest", source, "--kind", "fazhi", "--store", store, "--overwrite")
    yoy(*plan)
    assert [n for n, _ in numbered(sheet)] == [1, 2, 6, 3, 4, 5], numbered(sheet)


def test_a_reingest_that_moves_no_number_records_none(tmp_path):
    """A task added at the end renumbers nothing: the store is left as it was (no entries file),
    and the next 台账 numbers 1…6 as printed."""
    store = tmp_path / "s"
    source = tmp_path / "新余市.txt"
    text = SEED.read_text(encoding="utf-8")
    source.write_text(text, encoding="utf-8")
    yoy("ingest", source, "--kind", "fazhi", "--store", store)
    last = "深植全民守法社会根基。"
    assert text.count(last) == 1
    source.write_text(text.replace(last, last + "全面推进法治乡村建设。"), encoding="utf-8")
    yoy("ingest", source, "--kind", "fazhi", "--store", store, "--overwrite")
    assert load_entries(entries_path(store, "新余市", "fazhi", 2022)) is None
    yoy("plan", "--store", store, "--region", "新余市", "--kind", "fazhi", "--year", "2021",
        "--out", tmp_path / "o")
    assert [n for n, _ in numbered(tmp_path / "o" / "新余市" / "fazhi-2022-plan.xlsx")] == \
        [1, 2, 3, 4, 5, 6]


def test_the_highest_number_retired_is_not_given_again():
    # the last task deleted and a new one added: the new task is 4, not the deleted task's 3
    from compare.store.plan_entries import RowNumber, row_numbers
    issued = {"a": RowNumber(number=1), "b": RowNumber(number=2), "c": RowNumber(number=3)}
    numbers = row_numbers([("a", "修路"), ("b", "建桥"), ("d", "植树")], issued)
    assert {k: n.number for k, n in numbers.items()} == {"a": 1, "b": 2, "d": 4}
