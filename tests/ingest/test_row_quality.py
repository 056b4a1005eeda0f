"""The fitted row decision (compare/ingest/row_quality.py, bench/fit_rows.py): what the cues keep,
a slogan, a principle, reasoning or a stance is still no row of its own but joins a task's row
(compare/ingest/lists.py `joined`); a real task stays one. Sentences from the corpus, with the
paragraph and section they stand in."""
from __future__ import annotations

import pytest

from compare.ingest import ingest_text
from compare.ingest.lists import joined, may_join
from compare.ingest.measures import MeasureSpan
from compare.ingest.row_quality import Place, shipped
from compare.kinds import load_kind
from tests.support import STORE, sc

KIND = load_kind("gov-work-report")


def _alone(sentence: str, index: int, depth: int, heading: str, year: int) -> Place:
    """A paragraph of the one sentence."""
    return Place(sentence + "。", 0, len(sentence), index, depth, heading, year)


# labelled S on the uniform samples (bench/gold: 国务院 1979→80, 1981→82, 1979→80)
NO_TASK = [
    ("国务院认为，根据上述方针，当前我们发展国民经济的主要任务，是要着重抓好以下的十项工作", 5, 2,
     "在发展生产的基础上，要使全国农民从集体分得的平均收入和全国职工的平均工资继续有所提高", 1979),
    ("调整、改革、整顿、提高方针的提出，是在中共十一届三中全会的正确路线指引下，我国经济建设指导思想的"
     "根本转折", 17, 1, "当前的经济形势", 1981),
    ("在人民内部，在上级和下级、领导和群众的关系上，必须坚持民主与集中的统一，坚持反对官僚主义和无政府"
     "主义", 13, 1, "加强社会主义民主和社会主义法制", 1979),
]
# labelled R (国务院 1980→81, 1984→85, 1998→99)
TASKS = [
    ("工农业总产值，比1980年预计增长5.5%，其中，农业总产值增长4%，工业总产值增长6%", 3, 1,
     "1981年国民经济计划的任务和主要指标", 1980),
    ("城市住宅建设，要进一步推行商品化试点，开展房地产经营业务，通过多种途径，增加资金来源，逐步缓和城市"
     "住房的紧张状况", 10, 1, "改革建筑业和基本建设的管理体制，大力提高投资效益", 1984),
    ("努力扩大出口，适当增加进口，实现进出口贸易基本平衡", 34, 1, "关于1 9 9 8年政府工作的建议",
     1998),
]


@pytest.mark.parametrize("row", NO_TASK, ids=lambda r: r[0][:12])
def test_slogans_reasoning_and_principles_are_no_rows(row):
    model = shipped()
    assert model is not None
    assert model.no_task(row[0], _alone(*row), KIND)


@pytest.mark.parametrize("row", TASKS, ids=lambda r: r[0][:12])
def test_real_tasks_stay_rows(row):
    model = shipped()
    assert model is not None
    assert not model.no_task(row[0], _alone(*row), KIND)


def test_a_task_the_decision_doubts_stays_a_row_of_its_own():
    """国务院 2022's 中央对地方转移支付增加约1.5万亿元… is a task; the model gives it about 0.57,
    under the threshold chosen by cross-validation (at 0.5 it would join a neighbour's row)."""
    report = ingest_text(sc(2022).read_text(encoding="utf-8"), kind="gov-work-report",
                         region="国务院")
    assert "中央对地方转移支付增加约1.5万亿元、规模近9.8万亿元，增长18%、为多年来最大增幅" in [
        c.text for c in report.commitments]


def test_a_kind_it_was_not_fitted_on_keeps_every_row():
    model = shipped()
    assert model is not None
    row = NO_TASK[0]
    assert not model.no_task(row[0], _alone(*row), load_kind("fazhi"))


def _texts(year: int, region: str) -> list[str]:
    source = (sc(year) if region == "国务院"
              else STORE / str(year) / f"{region}-gov-work-report.source.txt")
    report = ingest_text(source.read_text(encoding="utf-8"), kind="gov-work-report", region=region)
    return [c.text for c in report.commitments]


def test_a_fragment_of_a_wrapped_line_is_no_row():
    """国务院 2023: 积极推动加入 (a verb without its object, labelled F on the uniform sample of
    国务院 2022→23) was a fragment made by the source's line breaks, which dropped the agreement's
    name; joined, the sentence is one row again (text.paragraphs; before that, the decision joined
    the fragment to the row before it); 44 rows (43 before the lone row 多渠道增加城乡居民收入)."""
    texts = _texts(2023, "国务院")
    assert "落实好外资企业国民待遇" in texts
    assert any(t.startswith("积极推动加入全面与进步跨太平洋伙伴关系协定（CPTPP）") for t in texts)
    assert "积极推动加入" not in texts
    assert len(texts) == 44


def test_a_misjudged_task_is_still_listed_inside_a_row():
    """国务院 2022: 经济困难地区要用好国家支持政策… is a task the decision misjudges; joined to the
    row before it in its paragraph, it is still listed (left out, it was lost)."""
    texts = _texts(2022, "国务院")
    assert any("经济困难地区要用好国家支持政策，挖掘自身潜力" in t for t in texts)


def test_a_row_with_no_task_to_join_stays_a_row():
    """盐田区 2021: 树立“全周期”管理理念… (labelled S) is the only row of its paragraph: nothing
    to join, so it stays a row; 要以“开局就是决战…” heads 春节将至，要切实抓好疫情防控… and
    joins it. 111 rows (111 before the decision; 110 before the lone row 认真听取各民主党派…)."""
    texts = _texts(2021, "盐田区")
    assert any(t.startswith("树立“全周期”管理理念") for t in texts)
    joined = next(t for t in texts if t.startswith("要以“开局就是决战"))
    assert "春节将至，要切实抓好疫情防控" in joined
    assert len(texts) == 111


PARAGRAPH = "坚持稳中求进。新增就业1100万人以上。积极推动加入。" + "推进" * 72 + "。"


def _rows(*spans: tuple[int, int]) -> list[tuple[int, MeasureSpan]]:
    return [(1, MeasureSpan(a, b, PARAGRAPH[a:b], None)) for a, b in spans]


def test_joined_heads_the_next_row_and_ends_the_one_before():
    """A no-task row opening its paragraph's rows joins the row after it; one after a task, the row
    before it; a row too long to take one stays a row, and so does the no-task row beside it."""
    found = _rows((0, 6), (7, 19), (20, 26), (27, 171))
    rows = joined(found, [True, False, True, False], ["", PARAGRAPH])
    assert [m.text for _, m in rows] == [
        "坚持稳中求进。新增就业1100万人以上。积极推动加入", "推进" * 72]
    rows = joined(found, [False, False, True, True], ["", PARAGRAPH])
    assert [m.text for _, m in rows] == [
        "坚持稳中求进", "新增就业1100万人以上。积极推动加入", "推进" * 72]
    assert may_join(found, 2) and not may_join(found, 3)
    assert joined(found[3:], [True], ["", PARAGRAPH]) == found[3:]


def test_the_shipped_decision_was_fitted_with_the_templates_words():
    """The words the row decision weighs are the kind template's (`row_words`,
    `row_heading_words`); the fitted model keeps the copy its weights belong to, so a template
    edited without `make fit` would weigh other words than it was fitted on."""
    from compare.ingest.row_quality import shipped
    from compare.kinds import load_kind
    model, kind = shipped(), load_kind("gov-work-report")
    assert model is not None and kind.row_words and kind.row_heading_words
    assert (model.words, model.heading_words) == (kind.row_words, kind.row_heading_words)
