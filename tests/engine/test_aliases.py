"""Domain knowledge as data (issue 18 round 3): a short name or programme and the
words naming the same thing (the kind templates' `aliases`, mined by bench/mine_aliases.py and
reviewed) make a review sentence naming one of them evidence for a measure naming the other."""
import shutil
from pathlib import Path

import pytest

from compare.engine.aliases import aliased
from compare.engine.track import track_commitments
from compare.errors import YoyError
from compare.ingest import ingest_text
from compare.kinds import load_kind
from tests.support import local2

KIND = load_kind("gov-work-report")
BARE = KIND.model_copy(update={"aliases": []})
SHIPPED = Path(__file__).parent.parent.parent / "templates"


def test_a_short_name_brings_its_words_and_a_word_its_short_name():
    assert aliased("抓好“三块地”改革", KIND).split(" ", 1)[1].split() == [
        "承包地", "宅基地", "集体经营性建设用地"]
    assert aliased("完成国家宅基地制度改革试点任务", KIND).endswith(" 三块地")
    # the words of one entry are not each other's aliases: 承包地 is not 宅基地
    assert "承包地" not in aliased("完成国家宅基地制度改革试点任务", KIND)
    # an outcome figure reports a programme (空气质量 ↔ PM2.5, 优良天数)
    assert "PM2.5" in aliased("全面实施空气质量持续改善行动", KIND)
    assert aliased("加快生活垃圾焚烧设施建设", KIND) == "加快生活垃圾焚烧设施建设"
    assert aliased("抓好“三块地”改革", BARE) == "抓好“三块地”改革"


@pytest.fixture(scope="module")
def guangdong():
    """广东省 2024 → 2025, as bench/gold/sample-guangdong-2024-2025.yaml labels them (dev data)."""
    return tuple(ingest_text(local2("广东省", y).read_text(encoding="utf-8"),
                             kind="gov-work-report",
                             name_hint="report.txt") for y in (2024, 2025))


def _row(rows, words: str):
    return next(r for r in rows if words in r.text)


def test_a_programme_reported_by_one_of_its_works_in_a_real_review(guangdong):
    """广东省 2024 plans
    …加快推进保障性住房建设、“平急两用”公共基础设施建设、城中村改造等“三大工程”; 2025 reports
    推进城中村改造和老旧小区改造 (r08: partial), which the row reaches only
    through 三大工程's parts."""
    old, new = guangdong
    with_aliases = _row(track_commitments(old, new, KIND, model=None), "“三大工程”")
    assert with_aliases.status == "partial"
    assert any("推进城中村改造和老旧小区改造" in e.text for e in with_aliases.evidence)
    assert _row(track_commitments(old, new, BARE, model=None),
                "“三大工程”").status == "not_reported"


def test_an_outcome_figure_reports_its_programme_in_a_real_review(guangdong):
    """…基本消除重污染天气 (r30) is reported by
    PM2.5平均浓度降至20.6微克/立方米，空气质量优良天数比率达95.8%."""
    old, new = guangdong

    def part(kind):
        row = _row(track_commitments(old, new, kind, model=None), "基本消除重污染天气")
        return next(p for p in row.parts if "重污染天气" in p.text)
    found = part(KIND)
    assert found.status != "not_reported" and "PM2.5平均浓度降至20.6" in found.evidence.text
    assert part(BARE).status == "not_reported"


def test_a_bad_alias_entry_is_an_error_naming_its_field(tmp_path):
    templates = tmp_path / "templates"
    shutil.copytree(SHIPPED, templates)
    path = templates / "kinds" / "gov-work-report.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "aliases:\n  - {name: 三块地, words: []}\n",
                    encoding="utf-8")
    with pytest.raises(YoyError, match=r"aliases\.\d+\.words"):
        load_kind("gov-work-report", templates)


def test_a_short_name_in_the_plan_meets_its_works_in_the_review():
    """The measure's own words are expanded too, not only the review's: 三大工程 planned, two of
    its works reported (城中村改造, 保障性住房) — partial; scored on the plan's bare words, not
    reported (the real 广东省 row above no longer tells the two apart once a part's names count
    from 0.10)."""
    def row(kind):
        old = ingest_text("\n".join(["某区2023年政府工作报告", "一、2022年工作回顾",
                                     "过去一年，经济平稳。", "二、2023年工作安排",
                                     "加快推进“三大工程”建设。"]),
                          kind="gov-work-report", region="某区", year=2023)
        new = ingest_text("\n".join(["某区2024年政府工作报告", "一、2023年工作回顾",
                                     "过去一年，推进城中村改造和老旧小区改造，新开工保障性住房2万套。",
                                     "二、2024年工作安排", "继续努力。"]),
                          kind="gov-work-report", region="某区", year=2024)
        return track_commitments(old, new, kind, model=None)[0]
    found = row(KIND)
    assert found.status == "partial" and "城中村改造" in found.evidence[0].text
    assert row(BARE).status == "not_reported"
