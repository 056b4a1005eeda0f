"""bench/agreement.py: two labellers' problems meet where they quote the same place of year N's
list, their statuses compared only on problems both quote."""
from tests.support import bench_module

agreement = bench_module("agreement")

# 广东省 2024's list, as printed (shortened)
TEXT = ("主要是：有效需求不足，社会预期偏弱，部分企业生产经营困难；财政收支矛盾突出，"
        "行政效能有待提高，科技创新能力有待提高。")


def test_problems_meet_by_place_not_by_words():
    first = {"广东省-2024.txt": [
        {"quote": "有效需求不足", "status": "unresolved"},
        {"quote": "社会预期偏弱", "status": "not_mentioned"},
        {"quote": "行政效能有待提高", "status": "addressed"}]}
    second = {"广东省-2024.txt": [
        # split otherwise: one quote over two of the first's problems
        {"quote": "有效需求不足，社会预期偏弱", "status": "unresolved"},
        # a problem sharing only the framing words 有待提高 with the first's third
        {"quote": "科技创新能力有待提高", "status": "addressed"}]}
    n = agreement.problem_agreement(first, second, {"广东省-2024.txt": TEXT})
    assert (n["problems"], n["matched"], n["status"]) == (3, 2, 1)
    assert n["not_mentioned / unresolved"] == 1
    assert "problems quoted by both 2/3, status 1/2" in agreement.problem_line("x", n)


def test_the_larger_overlap_wins():
    first = {"r.txt": [{"quote": "社会预期偏弱，部分企业生产经营困难", "status": "addressed"}]}
    second = {"r.txt": [{"quote": "有效需求不足，社会预期偏弱", "status": "unresolved"},
                        {"quote": "部分企业生产经营困难", "status": "addressed"}]}
    n = agreement.problem_agreement(first, second, {"r.txt": TEXT})
    assert (n["matched"], n["status"]) == (1, 1)
