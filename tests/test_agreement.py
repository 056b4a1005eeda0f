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


def test_a_second_labelling_meets_bench_golds_file_first_else_the_shared_golds(tmp_path):
    folder = tmp_path / "gold" / "second-labeller-shared"
    folder.mkdir(parents=True)
    (tmp_path / "gold" / "sample-ours.yaml").write_text("pairs: []\n", encoding="utf-8")
    assert agreement.first_of(folder, "sample-ours.yaml") == tmp_path / "gold" / "sample-ours.yaml"
    assert agreement.first_of(folder, "commitments-sample-dev.yaml") == (
        agreement.SHARED / "gold" / "commitments-sample-dev.yaml")


def test_the_shipped_second_labelling_of_the_shared_gold_covers_its_rows():
    # every row of the team's sample is labelled again, under the same id and plan quote
    from pathlib import Path

    import yaml
    here = Path(agreement.__file__).parent / "gold" / "second-labeller-shared"
    second = yaml.safe_load((here / "commitments-sample-dev.yaml").read_text(encoding="utf-8"))
    ids = [m["id"] for p in second["pairs"] for m in p["measures"]]
    assert len(ids) == len(set(ids)) == 75
    assert all(m["status"] in {"delivered", "partial", "not_reported"}
               and m["quality"] in {"R", "S", "F"} for p in second["pairs"] for m in p["measures"])
