"""bench/generic_terms.py: the spread of an n-gram over the corpus's report series, each series
weighing one, so that the State Council's 40 reports do not outvote a district's six."""
from pathlib import Path

from tests.support import bench_module


def test_a_series_is_a_region_or_a_decade_of_the_state_council():
    miner = bench_module("generic_terms")
    assert miner.series(Path("国务院政府工作报告-1994.txt")) == "国务院1990s"
    assert miner.series(Path("国务院政府工作报告-2021.txt")) == "国务院2020s"
    province = miner.series(Path("广东省-2023.txt"))
    assert miner.series(Path("广东省-2026年政府工作报告.txt")) == province == "广东省"


def test_each_series_weighs_one(tmp_path):
    miner = bench_module("generic_terms")
    # two State Council reports of one decade and one district report: 深水泊位 in the district's
    # only report spreads as far as 进一步 in one of the two State Council reports
    texts = {"国务院政府工作报告-2021": "进一步扩大开放。", "国务院政府工作报告-2022": "稳定就业。",
             "盐田区-2021": "建设深水泊位。"}
    files = []
    for name, text in texts.items():
        (tmp_path / f"{name}.txt").write_text(text, encoding="utf-8")
        files.append(tmp_path / f"{name}.txt")
    spread = miner.spread(files)
    assert spread["深水泊"] == 0.5 and spread["进一步"] == 0.25 and spread["就业"] == 0.25
