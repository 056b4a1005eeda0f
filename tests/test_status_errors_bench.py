"""bench/status_errors.py --aggregate: the most a row status read from its parts' statuses alone
could get right, by groupings of what the parts say."""

from tests.support import bench_module


def _row(gold: str, yoy: str, *parts: str) -> dict:
    return {"gold": gold, "yoy": yoy, "parts": [{"shipped": p} for p in parts]}


def test_the_bound_gives_each_group_its_most_frequent_gold_status():
    aggregate = bench_module("status_errors").aggregate
    rows = [
        # one part delivered, one not: two labelled partial, one delivered → best 2 of 3
        _row("partial", "partial", "delivered", "not_reported"),
        _row("partial", "partial", "delivered", "not_reported"),
        _row("delivered", "partial", "delivered", "not_reported"),
        # the same statuses in the other order: the coarse grouping joins them, the finest does not
        _row("delivered", "partial", "not_reported", "delivered"),
        _row("not_reported", "not_reported", "not_reported", "not_reported"),
        _row("partial", "partial", "partial"),  # one part: not a row of several
    ]
    lines = aggregate(rows).splitlines()
    assert lines[0] == "== rows of several parts: 5, yoy right 3"
    assert lines[1] == "  best by statuses present (2 groups): 3"
    assert lines[3] == "  best by counts, first and last part (3 groups): 4"
