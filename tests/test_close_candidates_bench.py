"""bench/close_candidates.py: what turning a not-reported part partial on its closest candidate
would do to its row, and the signals read of that candidate. The sentences are the corpus's
(国务院 2001→02 and 2003→04, the dev gold's rows r05 and r24)."""

from compare.kinds import load_kind
from tests.support import bench_module

# 国务院 2001's 加强社区建设 (labelled partial) and its closest sentence in the 2002 review, the
# label's; 2003's 深化教育体制改革 (labelled not reported) and its closest in the 2004 review
COMMUNITY = ("加强社区建设", "城市社区和农村基层政权建设得到加强。")
EDUCATION = ("深化教育体制改革",
             "宏观调控体系建设、国有资产管理体制改革和银行业监管体系建设取得重要进展。")


def test_a_sentence_sharing_only_the_head_does_not_hold_the_modifier():
    holds = bench_module("close_candidates").holds_modifier
    kind = load_kind("gov-work-report")
    assert holds(*COMMUNITY, kind)
    assert not holds(*EDUCATION, kind)


def _part(gold: str, row_yoy: str, labelled: bool, quality: str = "R", id_: str = "r05") -> dict:
    return {"pair": "国务院 2001→2002", "id": id_, "gold": gold, "row_yoy": row_yoy,
            "labelled": labelled, "quality": quality}


def test_a_route_counts_rows_turned_right_and_wrong():
    route = bench_module("close_candidates").route
    parts = [
        _part("partial", "not_reported", True),                         # right, cites the label
        _part("partial", "not_reported", False),                        # its second part
        _part("not_reported", "not_reported", False, id_="r24"),        # wrong
        _part("delivered", "not_reported", True, "S", id_="r09"),       # stays wrong
        _part("delivered", "partial", False, id_="r10"),                # already partial
        _part("partial", "partial", True, id_="r12"),                   # already cites it
        _part("partial", "not_reported", True, id_="r11"),              # not turned
    ]
    out = route(parts, lambda p: p["id"] != "r11")
    assert out == {"right": 1, "wrong": 1, "R_right": 1, "R_wrong": 1, "cites_label": 2}


def test_auc_counts_ties_as_half():
    auc = bench_module("close_candidates").auc
    assert auc([0.3, 0.2], [0.1, 0.2]) == 0.875
