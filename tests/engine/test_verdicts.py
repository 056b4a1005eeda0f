"""Boundaries the documented rules draw (docs/schema.md, the gold's conventions), each checked on
both sides: a floor is met at its value, a growth target within its tolerance below, a range from
its low end; removed sentences stay where they stood; written files get the usual mode; mostly
control characters are binary."""
import os

import pytest

from compare.engine.diff import diff_sentences
from compare.engine.judge import verdict
from compare.errors import YoyError
from compare.files import atomic_write
from compare.ingest.readers import read_source
from compare.kinds import load_kind
from compare.schema import Target

GDP = load_kind("gov-work-report").indicator("国内生产总值")  # tolerance 0.2 in the template


def target(comparator, low=None, high=None):
    return Target(id="t1", indicator="国内生产总值", text="", comparator=comparator, low=low,
                  high=high, unit="%")


@pytest.mark.parametrize("t,actual,expected", [
    (target("floor", low=6.0), 6.0, "met"),          # 6%以上, reported 6%: met at the value itself
    (target("floor", low=6.0), 5.9, "missed"),
    (target("approx", low=5.5), 5.3, "met"),         # 5.5%左右: 0.2 points below still met
    (target("approx", low=5.5), 5.2, "missed"),
    (target("range", low=6.5, high=7.0), 6.6, "met"),  # 6.5%－7%: judged from the low end
    (target("range", low=6.5, high=7.0), 6.2, "missed"),
    (target("ceiling", high=3.0), 3.0, "met"),
    (target("ceiling", high=3.0), 3.1, "missed"),
])
def test_verdict_boundaries(t, actual, expected):
    assert GDP is not None and GDP.tolerance == 0.2
    assert verdict(t, actual, GDP) == expected


def test_removed_sentences_stay_where_they_stood():
    old = ["今年完成了第一项重点工作任务。", "这一句在新报告里被删除了。",
           "第三项工作也已经全部完成了。"]
    new = ["今年完成了第一项重点工作任务。", "第三项工作也已经全部完成了。"]
    assert [(p.old, p.new) for p in diff_sentences(old, new)] == [
        (old[0], new[0]), (old[1], None), (old[2], new[1])]


def test_written_files_get_the_usual_mode(tmp_path):
    mask = os.umask(0o022)
    try:
        atomic_write(tmp_path / "r.yaml", b"x: 1\n")
    finally:
        os.umask(mask)
    assert (tmp_path / "r.yaml").stat().st_mode & 0o777 == 0o644  # not mkstemp's 0600


def test_text_one_tenth_control_characters_is_binary(tmp_path):
    path = tmp_path / "r.txt"
    path.write_bytes(("这是一份年度工作报告的正文。" * 60 + "\x01" * 100).encode("utf-8"))
    with pytest.raises(YoyError, match="binary"):
        read_source(str(path))
    path.write_bytes(("这是一份年度工作报告的正文。" * 60 + "\x01" * 10).encode("utf-8"))
    assert read_source(str(path)).text.startswith("这是一份")
