"""bench/evidence_ranks.py --cited: why a row yoy cites for does not cite the label's sentence
first. The rows stand in for yoy's (shipped) and the rules' readings of one measure; the
sentences are 盐田区 2024's review (its 2023 row 推进法治…, five parts)."""
from types import SimpleNamespace as Row

from tests.support import bench_module

LEAD = "法治政府加快建设。"
LABEL = "成立海事商事调解院，建立“一站式”涉港纠纷解决平台，法治深圳建设考核实现“三连冠”。"
OTHER = "行政效能全面提升。"


def _row(*parts: tuple[str, str, str]) -> Row:
    """A row of parts (text, status, best citation), its citations best first as listed."""
    made = [Row(text=t, status=s, checked=True, evidence=Row(text=e) if e else None)
            for t, s, e in parts]
    return Row(parts=made, evidence=[p.evidence for p in made if p.evidence])


def test_a_part_citing_the_label_after_another_parts_citation_is_another_part_first():
    cause = bench_module("evidence_ranks")._cause
    shipped = _row(("加快创建全国法治政府建设示范区", "partial", LEAD),
                   ("推动建设国际海事商事法务区", "delivered", LABEL))
    assert cause(shipped, shipped, [LABEL], "推动建设国际海事商事法务区") == "another part first"


def test_the_labels_part_left_not_reported_is_told_from_an_outranked_sentence():
    cause = bench_module("evidence_ranks")._cause
    shipped = _row(("全面提升教育教学水平", "partial", OTHER),
                   ("推动建设国际海事商事法务区", "not_reported", ""))
    rules = _row(("全面提升教育教学水平", "not_reported", ""),
                 ("推动建设国际海事商事法务区", "not_reported", ""))
    assert cause(shipped, rules, [LABEL], "推动建设国际海事商事法务区") == "its part not reported"
    # the label's part is the one cited: outranked there, by the status model's citation alone
    assert cause(shipped, rules, [LABEL], "全面提升教育教学水平") == "outranked (status model)"
    found = _row(("全面提升教育教学水平", "partial", OTHER),
                 ("推动建设国际海事商事法务区", "not_reported", ""))
    assert cause(shipped, found, [LABEL], "全面提升教育教学水平") == "outranked (rules)"
