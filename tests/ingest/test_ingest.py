"""Acceptance facts of the foundation issue, read off the real reports."""

import pytest

from compare.ingest import ingest_text
from compare.store import report_bytes
from tests.support import DATA, ROOT, SEED, local2

CHROME = ["您当前的位置", "分享到", "来源:", "发布时间", "访问量", "扫一扫", "字号", "作者:"]


def test_seed_metadata(seed):
    assert seed.title == "新余市2021年度法治政府建设情况"
    assert (seed.region, seed.year, seed.review_year, seed.plan_year) == (
        "新余市", 2021, 2021, 2022)
    assert seed.issuer == "新余市司法局"
    assert seed.published == "2022-03-10"
    assert seed.kind == "fazhi"
    assert len(seed.source.sha256) == 64


def test_seed_outline(seed):
    assert [s.role for s in seed.sections] == ["achievements", "shortcomings",
                                               "responsibility", "plan"]
    assert [len(s.children) for s in seed.sections] == [6, 0, 5, 5]
    assert [len(c.items) for c in seed.sections[0].children] == [4, 3, 2, 4, 5, 3]
    assert [s.label for s in seed.sections] == ["一、", "二、", "三、", "四、"]
    first = seed.sections[0].children[0]
    assert first.label == "(一)" and first.heading == "履行政府职能,优化营商环境竞争力"
    assert first.items[0].label == "一是" and first.items[0].text.startswith("持续优化政务服务环境")
    assert first.items[1].text.startswith("持续深化“一照通办”改革")


def test_seed_commitments_and_shortcomings(seed):
    # the plan part 四、2022年度主要工作安排: five sections, one row per sentence that sets a task;
    # (一)'s only sentence states a principle (把…贯彻落实到…全过程各方面): no row
    assert len(seed.commitments) == 5
    assert {c.section_id for c in seed.commitments} == {"s4.2", "s4.3", "s4.4", "s4.5"}
    assert [c.text for c in seed.commitments if c.section_id == "s4.4"] == [
        "牢记法定职责必须为、法无授权不可为,将政府各项工作纳入法治轨道",
        "全面履行行政职能,着力厘清政府与市场、政府与社会的关系,"
        "更加注重用法律和制度遏制不当干预经济活动的行为"]
    assert [s.text for s in seed.shortcomings] == [
        "少数单位主要负责人履行推进法治建设第一责任人职责有欠缺",
        "乡镇综合执法改革还没有完全落地落实",
        "执法人员整体素质发展不平衡",
        "法治政府建设数字化程度还不够高",
        "政府法律顾问作用发挥得还不够充分",
    ]


def test_seed_metrics(seed):
    got = {(m.value, m.unit, m.qualifier) for m in seed.metrics}
    for fact in [(877, "项", ""), (3190, "项", ""), (98.28, "%", ""), (1107, "万条", "")]:
        assert any(g[:2] == fact[:2] for g in got), fact
    assert (9000, "张", "近") in got
    assert any(m.value == 97.2 and m.unit == "%" for m in seed.metrics)
    # dates, rankings and ordinals are not metrics
    assert not any(m.unit in ("日", "位", "月") for m in seed.metrics)
    assert all(m.node_id.startswith("s") for m in seed.metrics)


def test_no_chrome_survives(seed):
    text = seed.model_dump_json()
    for chrome in CHROME:
        assert chrome not in text, chrome


def test_state_council_2022(state_council):
    r = state_council[2022]
    assert (r.year, r.review_year, r.plan_year, r.issuer, r.published) == (
        2022, 2021, 2022, "国务院", "2022-03-05")
    got = {t.indicator: (t.comparator, t.low, t.high, t.unit) for t in r.targets}
    assert got["国内生产总值"] == ("approx", 5.5, 5.5, "%")
    assert got["城镇新增就业"] == ("floor", 1100, None, "万人")
    assert got["城镇调查失业率"] == ("ceiling", None, 5.5, "%")
    assert got["居民消费价格"] == ("approx", 3, 3, "%")
    assert got["粮食产量"] == ("floor", 1.3, None, "万亿斤")
    review = r.sections[0]
    assert review.heading == "2021年工作回顾" and review.role == "review"
    assert [it.label for it in review.items] == ["一是", "二是", "三是", "四是", "五是", "六是",
                                                 "七是", "八是"]
    assert review.items[0].text.startswith("保持宏观政策连续性针对性")
    assert "2.8万亿元中央财政资金" in review.items[0].text  # the body paragraph belongs to its item
    # measures of the nine task sections of 三、, none elsewhere; 三、's opening paragraph frames
    # them (要按照…推动高质量发展，扎实做好各项工作) and holds none
    assert {c.section_id for c in r.commitments} == {f"s3.{k}" for k in range(1, 10)}
    assert not {"推动高质量发展", "扎实做好各项工作"} & {c.text for c in r.commitments}
    # numbers broken across lines by the wiki copy are rejoined
    assert any("PM2.5" in p for p in review.paragraphs)


def test_state_council_2023_plan(state_council):
    r = state_council[2023]
    plan = [s for s in r.sections if s.role == "plan"]
    assert [s.heading for s in plan] == ["对今年政府工作的建议"]
    assert len(plan[0].children) == 8
    assert [sid for sid in dict.fromkeys(c.section_id for c in r.commitments) if sid != "s2"] == [
        c.id for c in plan[0].children]
    assert (r.review_year, r.plan_year) == (2022, 2023)


def test_ids_and_bytes_are_stable():
    text = SEED.read_text(encoding="utf-8")
    a = ingest_text(text, kind="fazhi")
    b = ingest_text(text, kind="fazhi")
    assert report_bytes(a) == report_bytes(b)
    ids = [s.id for s, _ in a.walk()] + [m.id for m in a.metrics] + [c.id for c in a.commitments]
    assert len(ids) == len(set(ids))


def test_kind_auto_and_yaml_keeps_cjk():
    r = ingest_text(SEED.read_text(encoding="utf-8"))
    assert r.kind == "fazhi"
    assert "新余市" in report_bytes(r).decode("utf-8")  # not \u-escaped


def test_fullwidth_and_zero_width_are_normalised():
    text = SEED.read_text(encoding="utf-8").replace("877项", "８７７\u200b项").replace(
        "98.28%", "９８.２８％")
    r = ingest_text(text, kind="fazhi")
    assert any(m.value == 877 and m.unit == "项" for m in r.metrics)
    assert any(m.value == 98.28 and m.unit == "%" for m in r.metrics)


def test_fullwidth_labels_and_paragraph_items():
    text = "\n".join([
        "某县2022年度法治政府建设情况",
        "一、主要举措和成效",
        "（一）完善制度。一是出台了办法。二是建成了平台。",
        "（二）强化执法",
        "一是开展评查。",
        "评查案卷120件。",
        "二是组织培训。",
        "二、存在的不足",
        "主要是：人员不足，经费紧张等。",
        "三、2023年工作计划",
        "（一）深化改革。推进改革。",
        "（二）加强监督。强化监督。",
    ] + ["正文" * 10] * 3)
    r = ingest_text(text, kind="fazhi")
    assert r.region == "某县" and r.plan_year == 2023
    sub = r.sections[0].children
    assert [c.label for c in sub] == ["（一）", "（二）"]
    assert [it.text for it in sub[0].items] == ["出台了办法。", "建成了平台。"]
    assert sub[1].items[0].text == "开展评查。\n评查案卷120件。"
    assert [s.text for s in r.shortcomings] == ["人员不足", "经费紧张"]
    assert len(r.commitments) == 2
    assert any(m.value == 120 and m.node_id == sub[1].items[0].id for m in r.metrics)


PROVINCIAL = DATA / "provincial"


@pytest.mark.parametrize("region,issuer,gdp", [
    ("北京市", "北京市人民政府", ("approx", 5.0, 5.0)),
    ("江西省", "江西省人民政府", ("range", 5.0, 5.5)),
    ("广东省", "广东省", ("range", 4.5, 5.0)),
])
def test_provincial_reports_with_their_page_chrome(region, issuer, gdp):
    """2026 provincial reports (other sites' chrome, other titles) parse with --kind auto."""
    text = (PROVINCIAL / f"{region}-2026年政府工作报告.txt").read_text(encoding="utf-8")
    r = ingest_text(text, region=region if region == "广东省" else None)
    assert (r.kind, r.region, r.year, r.review_year, r.plan_year) == (
        "gov-work-report", region, 2026, 2025, 2026)
    assert r.issuer == issuer
    targets = {t.indicator: (t.comparator, t.low, t.high) for t in r.targets}
    assert targets["国内生产总值"] == gdp
    assert [s.role for s in r.sections[:3]] == ["review", "other", "plan"]
    assert len(r.commitments) >= 8 and len(r.shortcomings) >= 4
    dump = r.model_dump_json()
    for chrome in ("【字号", "来源：", "本报记者", "全媒体记者", "相关报道：", "加大还原"):
        assert chrome not in dump, chrome


def test_a_clause_spurring_the_target_before_it_is_no_target():
    """广东省 2026: 地区生产总值增长4.5%—5%，在实际工作中全力争取更好结果；… — the rider is the
    GDP target's, not a qualitative target of its own (it would be judged on a review that cannot
    report it); 居民收入增长与经济增长同步 is one."""
    text = (PROVINCIAL / "广东省-2026年政府工作报告.txt").read_text(encoding="utf-8")
    r = ingest_text(text, region="广东省")
    assert [t.text for t in r.targets] == [
        "地区生产总值增长4.5%—5%", "地方一般公共预算收入增长3%左右", "居民收入增长与经济增长同步"]


def test_unseen_page_shapes_and_title_forms():
    """Another site's chrome and a 关于…的报告 title, as other units publish them."""
    text = "\n".join([
        "2023年04月01日 星期六", "【打印】【关闭】", "字号：大 中 小", "浏览次数：",
        "2023-03-28 09:12",
        "某某县人民政府关于2022年度法治政府建设情况的报告",
        "2022年，我县坚持依法行政。",
        "一、主要工作成效",
        "（一）完善依法行政制度体系。一是出台规范性文件管理办法。二是开展清理。",
        "二、存在的问题", "主要表现在：执法队伍力量不足，法治宣传不够深入等。",
        "三、2023年工作打算", "（一）深化法治政府示范创建。", "（二）提升执法水平。",
        "扫一扫在手机打开当前页",
    ] + ["正文" * 20] * 3)
    r = ingest_text(text)
    assert (r.kind, r.region, r.year, r.plan_year) == ("fazhi", "某某县", 2022, 2023)
    assert r.title == "某某县人民政府关于2022年度法治政府建设情况的报告"
    assert [s.role for s in r.sections] == ["achievements", "shortcomings", "plan"]
    assert [s.text for s in r.shortcomings] == ["执法队伍力量不足", "法治宣传不够深入"]
    assert len(r.commitments) == 2
    dump = r.model_dump_json()
    for chrome in ("星期六", "【打印】", "浏览次数", "09:12", "扫一扫"):
        assert chrome not in dump, chrome


def test_a_new_kind_is_a_new_yaml_file(tmp_path):
    import shutil
    templates = tmp_path / "templates"
    shutil.copytree(ROOT / "templates", templates)
    (templates / "kinds" / "audit.yaml").write_text("\n".join([
        "kind: audit", "name: 审计工作报告", "title_cues: ['审计工作报告']",
        r"title_patterns: ['^(?P<title>(?P<region>\S+?)(?P<year>\d{4})年度审计工作报告)$']",
        "review_offset: 0", "plan_offset: 1",
        "roles:", "  - {role: achievements, cues: ['审计发现']}",
        "  - {role: plan, cues: ['整改安排']}",
    ]), encoding="utf-8")
    text = "\n".join(["某市2023年度审计工作报告", "一、主要审计发现", "审计资金120亿元。",
                      "二、下一步整改安排", "（一）加强整改督查。", "（二）健全长效机制。"]
                     + ["正文" * 20] * 3)
    r = ingest_text(text, templates=templates)
    assert (r.kind, r.region, r.year, r.plan_year) == ("audit", "某市", 2023, 2024)
    assert [s.role for s in r.sections] == ["achievements", "plan"] and len(r.commitments) == 2


def test_dates_are_read_in_every_printed_form_and_checked():
    from compare.text import iso_date
    assert iso_date("发布时间: 2022-03-10 15:52") == "2022-03-10"
    assert iso_date("——2022年3月5日在第十三届全国人民代表大会") == "2022-03-05"
    assert iso_date("20220310") == "2022-03-10"
    assert iso_date("2022-02-30") is None and iso_date("无日期") is None


def test_measures_of_a_real_plan(state_council):
    """2021's plan part cut into measures: each a span of its paragraph, one
    action or quantity each."""
    r = state_council[2021]
    sections = {s.id: s for s, _ in r.walk()}
    by_text = {c.text: c for c in r.commitments}
    for c in r.commitments:
        par = sections[c.section_id].paragraphs[c.paragraph - 1]
        assert par[c.start:c.start + len(c.text)] == c.text
    # one sentence is one row, its actions its parts; a subject clause stays with its action
    from compare.ingest.measures import split_parts
    from compare.kinds import load_kind
    row = by_text["支持和规范发展新就业形态，加快推进职业伤害保障试点"]
    assert [m.text for m in split_parts(row.text, load_kind("gov-work-report"))] == [
        "支持和规范发展新就业形态", "加快推进职业伤害保障试点"]
    assert "企业和群众经常办理的事项，今年要基本实现“跨省通办”" in by_text
    # a prepositional phrase before the verb (a regular-expression lead in the template)
    assert "在西部地区脱贫县中集中支持一批乡村振兴重点帮扶县" in by_text
    q = by_text["大型商业银行普惠小微企业贷款增长30%以上"].quantity
    assert (q.value, q.unit, q.comparator, q.text) == (30, "%", "floor", "30%以上")
    skills = next(c for t, c in by_text.items() if "完成职业技能提升和高职扩招三年行动目标" in t)
    assert skills.quantity is None and skills.label_path == ["三、", "（一）"]
    # framing is no row: the paragraphs of 三、 above its task sections, a
    # paragraph's heading sentence
    assert not any(c.section_id == "s3" for c in r.commitments)
    assert "保持经济运行在合理区间" not in by_text and "强化就业优先政策" not in by_text
    # the last task section ends at the salutation: defence, Taiwan, diplomacy are not its measures
    last = [c for c in r.commitments if c.section_id == "s3.8"]
    assert (last[-1].paragraph, last[-1].text) == (
        7, "完善社会治安防控体系，常态化开展扫黑除恶斗争，防范打击各类犯罪，维护社会稳定和安全")
    assert not any("外交" in c.text or "国防" in c.text or "台独" in c.text for c in last)


def test_a_paragraphs_heading_sentence_is_no_row(state_council):
    """提升积极的财政政策效能。 heads 2022's paragraph on fiscal policy: the task's
    description, not a row; the sentences after it are rows. A sentence as short standing alone in
    its paragraph is a row."""
    from compare.ingest.measures import split_measures
    from compare.kinds import load_kind
    texts = {c.text for c in state_council[2022].commitments}
    assert "提升积极的财政政策效能" not in texts and "加大稳健的货币政策实施力度" not in texts
    assert any(t.startswith("今年赤字率拟按2.8%左右安排") for t in texts)
    kind = load_kind("gov-work-report")
    assert [m.text for m in split_measures("加强科普工作。推进国际科技合作，新建实验室3个。",
                                           kind)] == [
        "推进国际科技合作，新建实验室3个"]
    assert [m.text for m in split_measures("加强科普工作。", kind)] == ["加强科普工作"]


def test_measure_ids_come_from_content(state_council):
    """Adding a paragraph before a measure leaves its id alone; the same text in the same
    section twice gets two ids."""
    r = state_council[2021]
    moved = r.model_copy(deep=True)
    sec = next(s for s, _ in moved.walk() if s.id == "s3.1")
    sec.paragraphs.insert(1, "建立全国统一的测试平台。")
    from compare.ingest import commitments
    from compare.kinds import load_kind
    again = commitments(moved, load_kind("gov-work-report"))
    assert {c.id: c.text for c in r.commitments}.items() <= {c.id: c.text for c in again}.items()
    assert len(again) == len(r.commitments) + 1
    sec.paragraphs.append(sec.paragraphs[1])
    twice = commitments(moved, load_kind("gov-work-report"))
    assert len({c.id for c in twice}) == len(twice)


@pytest.mark.parametrize("year, heading", [
    # the review named first holds the section until the year's requirements
    (1999, "1998年工作回顾和1999年工作的总体要求"),
    # a term-start report's first section reviews the five years before it
    (1993, "改革开放和现代化建设取得伟大成就的五年"),
    # no cue in the heading: most paragraphs name the reviewed year (1984年…, 去年…, 在过去的一年里)
    (1985, "关于经济形势"),
    (1980, "国民经济在调整、改革、整顿、提高中取得了新的进展"),
    (1987, "当前国内形势和基本任务"),
    (1956, "1955年国家决算"),
    # the first part, naming no reviewed year, states more results than plans: 这两年中…,
    # a report delivered late in its own year (今年…预计比去年增长)
    (1979, "伟大的历史性转变"),
    (1981, "当前的经济形势"),
])
def test_a_section_reviewing_past_years_is_the_review(year, heading):
    r = _archive(year)
    first = r.sections[0]
    assert (first.heading, first.role) == (heading, "review")
    # its sentences are evidence, not rows of the year's ledger
    assert not [c for c in r.commitments if c.section_id == first.id]



def test_a_heading_naming_the_five_years_before_is_the_review_by_its_cue():
    """1993's first part is the review by its heading alone (…的五年), whatever its sentences say:
    the rule reading a first part's tense only places a part no heading cue does."""
    from compare.kinds import load_kind
    kind = load_kind("gov-work-report")
    assert kind.role_for("改革开放和现代化建设取得伟大成就的五年") == "review"

def _archive(year: int):
    text = (DATA / "gov-work-report-archive" / f"国务院政府工作报告-{year}.txt").read_text(
        encoding="utf-8")
    return ingest_text(text, kind="gov-work-report", region="国务院", year=year)


def test_a_part_stating_results_after_the_plan_stays_the_plan():
    """Only a report's first part is read for its tense: the review opens a report. 国务院 1981's
    当前的经济形势 set after its plan part stays the plan."""
    from compare.ingest import _review_by_content
    from compare.kinds import load_kind
    r = _archive(1981)
    review, plan = r.sections[0], r.sections[1]
    moved = [plan.model_copy(update={"role": "plan"}),
             review.model_copy(update={"role": "plan", "children": []})]
    _review_by_content(moved, load_kind("gov-work-report"), 1981)
    assert [s.role for s in moved] == ["plan", "plan"]


def test_a_list_numbered_afresh_under_a_bare_heading_is_its_own():
    """国务院 1984: 关于国内建设's 一、…五、, then the bare heading 关于外交工作 and its own
    一、…三、 (foreign policy, no office's task): they nest in it and take its role; the bare
    heading's first list of a report (no numbering before it) still stands beside it."""
    r = _archive(1984)
    tops = [(s.label, s.role) for s in r.sections]
    assert tops == [("一、", "plan"), ("二、", "plan"), ("三、", "plan"), ("四、", "plan"),
                    ("五、", "plan"), ("", "other")]
    foreign = r.sections[-1]
    assert foreign.heading == "关于外交工作"
    assert [(c.label, c.role) for c in foreign.children] == [("一、", "other"), ("二、", "other"),
                                                            ("三、", "other")]
    assert not [c for c in r.commitments if c.section_id.startswith(foreign.id)]
    from compare.ingest.outline import parse_outline
    _, secs = parse_outline(["2021年工作回顾", "一、经济平稳运行", "二、民生改善"],
                            bare_heading=lambda p: p.endswith("回顾"))
    assert [(s.label, s.heading, len(s.children)) for s in secs] == [
        ("", "2021年工作回顾", 0), ("一、", "经济平稳运行", 0), ("二、", "民生改善", 0)]


@pytest.mark.parametrize("year, section, why", [
    # names 1955 in half its paragraphs, but the plan year in more: the budget of 1956
    (1956, "s2", "1956年的国家预算"),
    # three paragraphs, two recalling last year: too short to tell a review
    (1987, "s4", "巩固和发展安定团结的政治局面"),
    # five of thirteen paragraphs recall 1986 (去年…): the plan's reasoning, not its review
    (1987, "s2", "坚持长期稳定发展经济的方针"),
    # the review's own follower: the plan part after 关于经济形势
    (1985, "s2", "关于经济体制改革"),
    # a first part stating results in 5 of 33 sentences, plans in 13 (要…)
    (1984, "s1", "认真地有步骤地改革城市经济中普遍存在的吃“大锅饭”的弊端，"
                 "更好地调动企业和职工的积极性"),
])
def test_a_part_recalling_last_year_in_passing_stays_the_plan(year, section, why):
    s = next(s for s in _archive(year).sections if s.id == section)
    assert (s.heading, s.role) == (why, "plan")


def test_a_foreign_affairs_subsection_of_the_plan_gives_no_rows():
    """国务院 1983 (tests/data/gov-work-report-archive) sets （五）关于外交工作 inside
    今后五年的主要任务: round 10's labeller marked its sampled rows S (our stance abroad), as
    the kind reads a foreign affairs part at the top level; its sibling subsections stay the
    plan."""
    text = (DATA / "gov-work-report-archive" / "国务院政府工作报告-1983.txt").read_text(
        encoding="utf-8")
    r = ingest_text(text, kind="gov-work-report", region="国务院", year=1983)
    plan = r.sections[1]
    assert [(c.heading, c.role) for c in plan.children][-2:] == [
        ("关于政法工作", "plan"), ("关于外交工作", "other")]
    assert plan.role == "plan" and plan.children[0].role == "plan"
    assert not any(c.section_id.startswith(plan.children[-1].id) for c in r.commitments)
    assert not any("纳米比亚" in c.text for c in r.commitments)
    assert any(c.section_id == plan.children[-2].id for c in r.commitments)
    # only the foreign-affairs rule holds at any depth: a plan's subsection on the Bay Area
    # (纵深推进粤港澳大湾区…, 广东省 2023) is the plan, though 港澳 affairs at the top are not
    from compare.kinds import load_kind
    kind = load_kind("gov-work-report")
    assert kind.role_for("纵深推进粤港澳大湾区、深圳先行示范区建设", nested=True) is None
    assert kind.role_for("关于外交工作", nested=True) == "other"


def test_a_paragraph_that_is_only_a_heading_heads_the_next():
    """国务院 2001's plan (政府工作报告 2001, 中国政府网 archive) gives each topic a paragraph of
    one heading sentence before the paragraph of its tasks: the heading is their description, not
    a row. A short task standing alone before another topic's paragraph stays a row."""
    from compare.ingest.measures import split_measures
    from compare.kinds import load_kind
    kind = load_kind("gov-work-report")
    tasks = ("依法保护和合理利用淡水、土地、能源等宝贵资源。"
             "逐步建立战略性矿产资源储备和安全供应体系。加强对海洋资源的综合开发利用和保护。")
    assert split_measures("保护和合理利用资源。", kind, tasks) == []
    forests = "抓好长江上游、黄河上中游等地区的天然林保护工程建设。"
    assert split_measures("加强生态建设和环境保护。", kind, forests) == []
    kept = [m.text for m in split_measures("积极发展公共交通。", kind, tasks)]
    assert kept == ["积极发展公共交通"]


def test_a_short_sentence_with_a_figure_in_chinese_numerals_heads_nothing():
    """国务院 1994 opens a paragraph with its growth plan, short as a heading; its figure,
    printed in CJK numerals as the report prints all, makes it a task as 增长9% would."""
    from compare.ingest.measures import heads
    assert not heads("根据这个要求，今年计划国内生产总值增长百分之九。")
    assert not heads("根据这个要求，今年计划国内生产总值增长9%。")
    assert heads("根据这个要求，今年计划国内生产总值较快增长。")


def test_principles_aims_and_qualities_only_are_no_row():
    """Sentences the uniform samples' labellers marked S (bench/gold/sample-guowuyuan-2003-2004,
    2007-2008; sample-yantian-2022-2023): a principle with an action on a quality (…水平, …需求,
    …执行力), or actions on qualities only. A task opening with a verb the kind does not
    list (承接…) stays a row, as does a quality that is all its section says
    (（二）提升执法水平。)."""
    from compare.ingest.measures import split_measures
    from compare.kinds import load_kind
    kind = load_kind("gov-work-report")
    for s in ("坚持“引进来”与“走出去”相结合，全面提高对外开放水平。",
              "坚持扩大内需方针，重点扩大消费需求。",
              "关键要注重调整和优化结构，着力提高经济增长质量和效益。",
              "不断提高政治判断力、政治领悟力、政治执行力，切实把增强“四个意识”、坚定“四个自信”、"
              "做到“两个维护”落实到实际行动上。"):
        assert split_measures(s, kind) == [], s
    kept = "大力承接国际服务外包，提高我国服务业发展水平"
    assert [m.text for m in split_measures(kept + "。", kind)] == [kept]
    assert [m.text for m in split_measures("提升执法水平。", load_kind("fazhi"), whole=True)] == [
        "提升执法水平"]
    assert split_measures("提升执法水平。", load_kind("fazhi")) == []


def test_significance_and_five_year_goals_are_no_rows():
    """国务院 2007 closes its 低保 paragraph with a statement of significance
    (…具有重大而深远的意义); 广东省 2023 sets its five-year goals in 二、今后五年的目标任务
    (tests/data/local-gov-work-report-2): neither is a task of the year, so neither gives
    rows; the year's tasks in 三、 do."""
    from compare.ingest import ingest_text
    from compare.ingest.measures import split_measures
    from compare.ingest.readers import read_source
    from compare.kinds import load_kind
    kind = load_kind("gov-work-report")
    significance = ("在全国城乡建立最低生活保障制度，"
                    "对于促进社会公平、构建和谐社会具有重大而深远的意义。")
    assert split_measures(significance, kind) == []
    path = local2("广东省", 2023)
    r = ingest_text(read_source(str(path)).text, kind="gov-work-report", region="广东省", year=2023)
    goals = next(s for s in r.sections if "今后五年的目标任务" in s.heading)
    assert goals.role == "other"
    assert not any(c.section_id == goals.id for c in r.commitments)
    assert not any("五外联动" in c.text for c in r.commitments)
    assert len(r.commitments) > 150


def test_statements_and_exhortations_are_no_rows():
    """Sentences the uniform samples' labellers marked S (bench/gold/sample-guowuyuan-1993-1994,
    1998-1999, 2007-2008, sample-hailaer-2012-2013, 2017-2018, 2018-2019; the shared dev sample's
    国务院 2009): a statement of duty, a judgement on a figure (这是…), the demands a year makes,
    an exhortation to every government, the government's own conduct, a formula, a title a place
    aims at. A task followed by its justification (国务院 2001) stays a row, and so does work every
    government's money is told to do (国务院 2010)."""
    from compare.ingest.measures import split_measures
    from compare.kinds import load_kind
    kind = load_kind("gov-work-report")
    for s in ("维护社会治安，是各级政府的重要职责。",
              "累计国债余额占国内生产总值比重20%左右，这是我国综合国力可以承受的，总体上也是安全的。",
              "今年的目标任务繁重而艰巨，对政府工作提出了新的更高的要求，我们必须加强自身建设，"
              "切实提高行政效率和工作水平。",
              "各级政府都要依法行政，严格依法办事。",
              "我们将以提高政府执行力和服务能力为重点，全面加强政府自身建设。",
              "以实现全域旅游、四季旅游为目标,着力建设国际化的文化旅游名城。",
              "必须坚持从国情出发，实现党的领导、人民当家作主和依法治国的有机统一。"):
        assert split_measures(s, kind) == [], s
    for kept in ("要保护好基本农田，决不允许擅自将耕地改为非农用地，这是一条不可逾越的“红线”",
                 "各级政府投资都要集中力量保重点，严格控制新开工项目"):
        assert [m.text for m in split_measures(kept + "。", kind)] == [kept]


def test_a_sentence_without_its_own_object_joins_the_row_before():
    """Fragments the labellers marked F (bench/gold/sample-guowuyuan-1998-1999, 2001-2002,
    2007-2008): a sentence that names its object only through the one before it (在这项工作中,
    取得初步成效后，再…, 对其他企业, the central subsidy of the scheme just named) is part of that
    row, not a row of its own."""
    from compare.ingest.measures import split_measures
    from compare.kinds import load_kind
    kind = load_kind("gov-work-report")
    for first, rest in (
            ("以纺织行业为突破口，促进困难行业深化改革和扭亏解困。",
             "取得初步成效后，再推进到兵器、机械等其他困难行业。"),
            ("对关系国民经济命脉和国家安全的重要企业，国家必须控股；",
             "对其他企业，不必都要控股。"),
            ("试点范围扩大到全国80%以上的县（市、区），有条件的地方还可以搞得更快一些。",
             "中央财政安排补助资金101亿元，比去年增加58亿元。"),
            ("继续在试点城市和重点行业实行支持企业兼并、破产和减员增效的优惠政策，"
             "今年核销银行呆帐坏帐准备金的总额增加到4 0 0亿元。",
             "在这项工作中，要防止变相逃债，保护银行资产安全。")):
        rows = split_measures(first + rest, kind)
        assert [m.text for m in rows] == [(first + rest).rstrip("。")], first
        assert rows[0].quantity == split_measures(first, kind)[0].quantity


def test_a_list_label_before_a_sub_heading_makes_no_row():
    """盐田区 2020 heads each group of tasks with a numbered sentence (二是打造营商环境新高地。)
    inside the paragraph: a sentence whose only action follows a list label is that group's
    heading, no row (measured: reading the action after the label adds ten such headings to that
    report's ledger and no task the samples label)."""
    from compare.ingest.measures import split_measures
    from compare.kinds import load_kind
    kind = load_kind("gov-work-report")
    par = ("二是打造营商环境新高地。全面落实减税降费政策，严控住房和产业用房租金，建立企业家参与"
           "涉企政策制定等机制，编制派发政策解读“一本通”，让企业享受到实实在在的政策红利。")
    before = ("全面落实招商项目跟踪责任制，完善招商闭环和全程跟进服务体系，推动新华联光储一体化、"
              "百果园、幸福西饼等重大项目、重点企业尽快运营。")
    rows = [m.text for m in split_measures(before + par, kind)]
    assert rows == [before.rstrip("。"), par[12:].rstrip("。")]


def test_a_five_year_part_gives_no_rows():
    """海拉尔区 2016 sets its 十三五 goals and tasks in 二、“十三五”经济社会发展的主要目标和任务
    (tests/data/local-gov-work-report-2; round 5's labellers marked its sampled rows S): a report's
    five-year part is not the year's 台账, so it gives no rows; 三、2016年工作安排 does."""
    from compare.ingest.readers import read_source
    path = local2("呼伦贝尔市海拉尔区", 2016)
    r = ingest_text(read_source(str(path)).text, kind="gov-work-report", region="海拉尔区",
                    year=2016)
    five = next(s for s in r.sections if "“十三五”经济社会发展" in s.heading)
    assert five.role == "other"
    assert not any("推进绿色发展，着力培育生态文明新优势" in c.text for c in r.commitments)
    year = next(s for s in r.sections if "2016年工作安排" in s.heading)
    assert year.role == "plan" and len(r.commitments) > 100


def test_a_five_year_part_is_no_plan_even_where_no_other_part_names_the_year():
    """The heading cue alone (“十三五”经济社会发展…) makes a five-year part no plan; the rule of
    2026-12-04 (a period heading beside a part naming the plan year) needs the other part to name
    it, and here 三、 does not."""
    text = ("政府工作报告\n一、2015年工作回顾\n过去一年，全区地区生产总值增长8%，完成固定资产投资"
            "100亿元。\n二、“十三五”经济社会发展的主要目标和任务\n推进绿色发展，着力培育生态文明新优势。\n"
            "三、扎实做好各项工作\n加快建设城市道路，新建道路20公里。\n")
    r = ingest_text(text, kind="gov-work-report", region="海拉尔区", year=2016)
    assert [s.role for s in r.sections] == ["review", "other", "plan"]


def test_a_five_year_draft_explained_in_a_broken_heading_gives_no_rows():
    """国务院 2006 (tests/data/gov-work-report-archive) explains the 十一五 draft in part 三,
    its heading printed over three lines (三、关于《 / 国民经济…纲要（草案） / 》的说明); round 7's
    labellers marked its sampled rows S: the heading is read whole, the part and its
    subsection naming tasks (“十一五”时期的战略重点和主要任务) are no year's plan,
    二、今年主要任务 still is."""
    text = (DATA / "gov-work-report-archive" / "国务院政府工作报告-2006.txt").read_text(
        encoding="utf-8")
    r = ingest_text(text, kind="gov-work-report", region="国务院", year=2006)
    three = r.sections[2]
    assert three.heading == "关于《国民经济和社会发展第十一个五年规划纲要（草案）》的说明"
    assert three.role == "other"
    assert [c.role for c in three.children] == ["other"] * 4
    assert not any("四类主体功能区" in c.text or "年均增长7.5%" in c.text for c in r.commitments)
    assert r.sections[1].role == "plan" and len(r.commitments) > 150


def test_past_work_a_plan_paragraph_lists_gives_no_rows():
    """国务院 2000's plan (Wikisource archive; round 7's labellers marked these S/F) justifies the
    year's bonds by the two years before: 从国债投资的效果看，两年来… and the list
    已建成的主要有：…；…；… recall past work, so no item of them is a row; the year's bonds
    after them are."""
    from compare.ingest.measures import split_measures
    from compare.kinds import load_kind
    kind = load_kind("gov-work-report")
    par = ("从国债投资的效果看，两年来通过财政向银行发行2100亿元长期国债，"
           "带动4200多亿元银行贷款和自筹资金，用于增加基础设施投资，共建设5100多个项目。"
           "已建成的主要有：加固大江大河大湖堤防近6100公里；新增公路通车里程1．2万公里，"
           "其中高速公路3358公里；增加铁路新线1423公里、复线643公里；"
           "新建和改造农村电网高低压线路90万公里；建成仓容250亿公斤的国家粮食储备库。"
           "所有这些，不仅有力地促进了当前经济增长，而且为经济的长远发展打下了更好基础。")
    task = ("发行1000亿元长期国债，重点投向水利、交通、通信等基础设施建设，科技和教育设施建设，"
            "环境整治与生态建设和企业技术改造，并向中西部地区倾斜")
    assert split_measures(par, kind) == []
    assert [m.text for m in split_measures(task + "。", kind)] == [task]


def test_exhortations_to_staff_calls_to_strive_and_recalls_are_no_rows():
    """Sentences the uniform samples' labellers marked S (bench/gold/sample-hailaer-2014-2015,
    sample-guowuyuan-1993-1994, 1998-1999, 2007-2008): the conduct asked of the government's
    staff, a call to strive (…而努力), the next five years (今后五年), past work a plan section
    recalls (几年来，…; 近年来，…). A task the State Council sets every government stays a row
    (国务院 2007), and so does a policy from now on (今后…, 国务院 1988's paragraph on financial
    reform)."""
    from compare.ingest.measures import split_measures
    from compare.kinds import load_kind
    kind = load_kind("gov-work-report")
    for s in ("政府工作人员要敬畏组织、敬畏法律、敬畏人民，筑牢思想防线，守住道德底线，不碰廉政红"
              "线，"
              "划清公私界线。",
              "现在宏观经济环境比较好，要树立信心，采取坚决而又稳妥的步骤，为搞好国有企业改革，"
              "促进效益提高而努力。",
              "我们要以是否有利于发展社会主义社会的生产力，是否有利于增强社会主义国家的综合国力，"
              "是否有利于提高人民生活水平为标准，大胆实践，积极探索，努力完成今后五年深化改革的任"
              "务。",
              "几年来，我们把实行科学民主决策、推进依法行政、加强行政监督作为政府工作的三项基本准"
              "则，"
              "注重全面履行政府职能，着力加强社会管理和公共服务，建立健全应对突发公共事件管理体制"
              "机制，"
              "推进行政审批制度改革，制定和贯彻全面推进依法行政实施纲要，加强监察和审计工作，"
              "加大反腐倡廉力度。",
              # 国务院 1997's plan, on the loss-making industries: a result of past years, no task
              "近年来，煤炭行业在国家给予定额补贴和贴息贷款的帮助下，积极发展多种经营、分流富余人员，"
              "减少亏损取得了明显成效。"):
        assert split_measures(s, kind) == [], s
    kept = ("各级政府要坚持科学民主决策，完善重大问题集体决策制度、专家咨询制度、社会公示和听证制"
            "度、"
            "决策责任制度，依法保障公民的知情权、参与权、表达权、监督权")
    assert [m.text for m in split_measures(kept + "。", kind)] == [kept]
    policy = "今后财政发生赤字，将主要通过发行政府债券解决"
    assert [m.text for m in split_measures(policy + "。", kind)] == [policy]


def test_a_paragraph_closing_on_what_we_must_do_lists_no_row_for_it():
    """The uniform samples' labellers marked S a paragraph's closing 我们要…/我们必须…
    with no figure (bench/gold/sample-yantian-2022-2023 r04, sample-guangdong-2024-2025 r02,
    sample-guowuyuan-2000-2001 r25, sample-hailaer-2014-2015 r10): it sums the paragraph's
    tasks up or exhorts (so does 我们一定要…, 国务院 2009). The same opening inside a paragraph
    (国务院 1978: 我们要认真研究工农业产品比价), with a figure (盐田区 2020:
    …确保全年新增拆除重建累计划规模25万平方米) or alone in its paragraph stays a task."""
    from compare.ingest.measures import split_measures
    from compare.kinds import load_kind
    kind = load_kind("gov-work-report")
    task = ("加快保税LNG加注落地，推动中石油、中石化、中海油、国家管网集团等保税加"
            "油加气相关业务落户盐田，建设国际船舶燃料加注中心")
    closing = ("我们要与最优者对标、与最强者比拼，打造与新加坡、鹿特丹鼎足而立的世界三大"
               "LNG加注港之一")
    assert [m.text for m in split_measures(task + "。" + closing + "。", kind)] == [task]
    # 国务院 2009 closes its anti-corruption paragraph so
    par = ("加强廉政建设和反腐败工作。以规范制度和制约权力为核心，针对腐败现象易发多"
           "发的领域和环节，从源头上防治腐败。坚决查处腐败案件，依法惩处腐败分子。我"
           "们一定要勤勉尽责，以实际行动和工作业绩，建设为民、务实、廉洁、高效的政府"
           "，让人民放心，让人民满意。")
    assert not [m for m in split_measures(par, kind) if "勤勉尽责" in m.text]
    inside = "我们要认真研究工农业产品比价，原材料、燃料和加工工业产品的比价"
    par = ("要在国家统一计划的指导下，自觉利用价值规律。" + inside
           + "。适当提高农产品的收购价格，在降低成本的基础上适当降低工业品"
           "特别是支农产品的销售价格，以促进生产发展。")
    assert inside in [m.text for m in split_measures(par, kind)]
    figure = ("我们必须决战决胜城市空间再造这场“硬仗”，倒排工期、挂图作战，立下“军令"
              "状”，啃下“硬骨头”，确保全年新增拆除重建累计划规模25万平方米，拆除重"
              "建类用地供应14万平方米")
    par = "土地二次开发利用是盐田实现跨越发展和形象蝶变的必由之路。" + figure + "。"
    assert figure in [m.text for m in split_measures(par, kind)]
    alone = ("我们要以转变职能为核心，深化行政管理体制改革，大力推进服务型政府建设，努"
             "力为各类市场主体创造公平的发展环境，为人民群众提供良好的公共服务，维护社"
             "会公平正义")
    assert [m.text for m in split_measures(alone + "。", kind)] == [alone]


def test_a_list_label_before_a_task_makes_a_row():
    """国务院 2009 numbers its industry tasks (一是认真实施…振兴规划。着力解决这些行业…): the label
    before a sentence longer than a heading hides no task, so that sentence is a row and the one
    naming its object through it (这些行业) joins it (sample-2009 in ../shared/gold marked the
    second alone F). Behind a label, principles and qualities only are still no row."""
    from compare.ingest.measures import split_measures
    from compare.kinds import load_kind
    kind = load_kind("gov-work-report")
    first = ("一是认真实施汽车、钢铁、造船、石化、轻工、纺织、有色金属、装备制造、电子信息、现代"
             "物流等"
             "重点产业调整和振兴规划。")
    rest = "着力解决这些行业发展中存在的突出矛盾和问题，推进结构调整和优化升级。"
    assert [m.text for m in split_measures(first + rest, kind)] == [(first + rest).rstrip("。")]
    # 海拉尔区 2012's self-building headings: behind the label, principles and qualities only
    for s in ("三是强化法治意识，提高依法行政水平。", "四是坚持从严治政，提高拒腐防变能力。"):
        assert split_measures(s, kind) == [], s


def test_a_long_sentence_is_not_cut_between_a_scene_and_its_action():
    """涞源县 2020 (tests/data/local-gov-work-report-2) says …工作部署，在县委的坚强领导下，
    持续开展… in a sentence long enough to be cut into rows: the scene (在县委的坚强领导下) goes
    with the action it sets, never ends the row before (round 1's labeller marked that row a
    fragment)."""
    from compare.ingest.measures import split_measures
    from compare.kinds import load_kind
    kind = load_kind("gov-work-report")
    text = ("越是艰难险重，越要自身过硬，政府要始终重视政治建设，全面坚持党的领导，坚决贯彻落实中"
            "央、省、市"
            "政策方针和工作部署，在县委的坚强领导下，持续开展“不忘初心，牢记使命”主题教育活动，增"
            "强政府"
            "工作的前瞻性、科学性、专业性、协同性，提高政府的执行力、战斗力、凝聚力、亲和力，打造"
            "让人民"
            "群众满意的政府。")
    assert text in local2("涞源县", 2020).read_text(encoding="utf-8")
    rows = [m.text for m in split_measures(text, kind)]
    assert len(rows) == 2
    assert rows[0].endswith("坚决贯彻落实中央、省、市政策方针和工作部署")
    assert rows[1].startswith("在县委的坚强领导下，持续开展")


def test_a_long_sentence_is_not_cut_after_a_list_it_announces_or_a_purpose():
    """国务院 1987 (tests/data/gov-work-report-archive): round 11's labeller marked fragments
    two rows cut from a long sentence, the second half of a list it announces (…的主要任务是：…，
    进一步扩大生产资料市场，…) and the aims of a method (…的办法，以利于…，减少社会物资库存，…):
    such a sentence is one row; one without them is still cut."""
    from compare.ingest.measures import split_measures
    from compare.kinds import load_kind
    kind = load_kind("gov-work-report")
    text = (DATA / "gov-work-report-archive" / "国务院政府工作报告-1987.txt").read_text(
        encoding="utf-8")
    for s in ("国务院经过认真研究，确定１９８７年经济体制改革的主要任务是："
              "以增强企业特别是全民所有制大中型企业活力为中心，着重改革企业经营机制和企业内部的领导体制，继续发展横向经济联合，"
              "适当加快金融改革步伐，进一步扩大生产资料市场，逐步改革和完善企业劳动工资制度和固定资产"
              "投资管理办法，并积极为下一步各方面的配套改革做好必要的准备。",
              "在有条件的地方，可以有步骤地推广石家庄等地的经验，对一些重要生产资料，无论是计划内还是"
              "计划外，都实行“同一销价、差价返还、逐步放开、扩大市场”的办法，以利于扩大企业择优选购的"
              "自主权，减少社会物资库存，有效防止倒买倒卖现象，更好地促进生产资料市场的形成。"):
        assert s in text
        assert len(split_measures(s, kind)) == 1, s
    cut = s.replace("的办法，以利于", "的办法，扩大")
    assert len(split_measures(cut, kind)) == 2


def test_an_items_label_on_a_line_of_its_own_goes_on_in_the_next():
    """The archive's pages set an item's label apart from its item (国务院 1995 一是 / 去年出台…;
    1986 第六、 / 中国属于第三世界…): the two lines are one paragraph; a label-like word ending a
    full sentence is not one."""
    from compare.text import paragraphs

    printed = "一是\n去年出台的调价项目和影响价格的改革措施比较多。\n二是\n农业投入不足。"
    assert paragraphs(printed) == [
        "一是去年出台的调价项目和影响价格的改革措施比较多。", "二是农业投入不足。"]
    assert paragraphs("第六、\n中国属于第三世界。") == ["第六、中国属于第三世界。"]
    assert paragraphs("问题在于我们对联带影响估计不够。\n二是农业投入不足。") == [
        "问题在于我们对联带影响估计不够。", "二是农业投入不足。"]


def test_significance_lessons_target_comments_and_recalls_are_no_rows():
    """Sentences the uniform samples' labellers marked S (bench/gold/sample-guowuyuan-1986-1987,
    1994-1995, 1999-2000) and their likes elsewhere in the corpus (国务院 1959, 1992, 1997,
    海拉尔区 2015): what a task is to the whole (…是…的重要条件, …的关键), a lesson drawn
    (经验…告诉/证明), a comment on a target's figure (…是比较合适的, …可以达到的) and a recall
    of a past year without a task (去年…, 近两年…). A recall going on to a task
    (各级政府都要继续采取…措施) and a task naming its priorities (增加进口的重点，是…) stay rows."""
    from compare.ingest.measures import split_measures
    from compare.kinds import load_kind
    kind = load_kind("gov-work-report")
    for s in ("保持国际收支基本平衡，是实现经济持续健康发展的重要条件。",
              "发展科技教育文化事业，加强社会主义精神文明建设，既是现代化建设的重要内容，"
              "也是改革开放和经济建设顺利进行的重要保证。",
              "抓好项目建设是稳增长的保障，是完成全年目标任务的关键。",
              "历史的经验反复告诉我们，只有认真地从需要和可能两个方面考虑问题，瞻前顾后，保持适当的"
              "增长率，才能促进经济的稳定发展，使人民生活的持续改善得到可靠的保证。",
              "经验证明，这种会议最便于集中群众智慧，加强人民内部的团结，是发扬人民民主的一种有效的武器。",
              "在连续两年增长百分之十三的基础上，安排这样的速度是比较合适的。",
              "在优化结构、提高质量和效益的基础上，实现7%左右的增长速度并不容易，"
              "但是预计经过努力还是可以达到的。",
              "去年进口增长较多，出口增长相对缓慢，对外贸易出现较大逆差。",
              "近两年货币、信贷总量增加很多，但由于经济发展很快，建设规模过大，资金供需矛盾仍很突出。"):
        assert split_measures(s, kind) == [], s
    for kept in ("去年在这方面虽然取得了一定的成绩，但目前一些地方社会治安状况仍然不好，"
                 "各种刑事犯罪活动还比较严重，各级政府都要继续采取坚决有力的措施，加强综合治理，"
                 "使治安状况较快较明显地得到改善",
                 "近几年加大反腐败斗争的力度，取得一定成效，但问题仍然不少，必须继续努力做好这些方面的工作",
                 "增加进口的重点，是短缺的资源性产品、高新技术和关键技术设备"):
        assert [m.text for m in split_measures(kept + "。", kind)] == [kept], kept


def test_reasoning_findings_and_past_results_are_no_rows():
    """Sentences of 国务院 1983, 1986 and 1987 the uniform samples' labellers marked S (bench/gold
    sample-guowuyuan-1983-1984, 1986-1987, 1987-1988; rows round 11): significance whose aim runs
    over a comma, what follows if something is (not) done (…就会…), a finding quoted
    (据…检查), the effect past work has had (…起了重要作用), what years of reform have
    brought (通过几年来的改革，…), a first clause comparing two past levels (由…增加到…),
    what only something can bring (只有…才能…) and what one should see (应该充分认识到，…).
    The same comparison set for the year with 将 (国务院 2007, 2009: a task the samples mark
    R) stays a row."""
    from compare.ingest.measures import split_measures
    from compare.kinds import load_kind
    kind = load_kind("gov-work-report")
    for s in ("大力推进企业的技术改造，同重点建设一样，是全面完成“六五”计划，"
              "迎接新的经济振兴的重要条件。",
              "不实行改革和开放，社会主义就会停滞和僵化，不可能充分发展社会生产力，"
              "也就不能在实践中真正有效地坚持四项基本原则。",
              "据对一百七十六个在建的大中型项目的检查，现在要花的投资就比原来的概算增加一百八十五亿元，"
              "其中固然有些是原概算偏低，但大量的是由于种种不合理的因素造成的。",
              "去年以来，金融体制改革特别是短期资金市场发展较快，对于缓解企业流动资金短缺和促进社会资金"
              "合理使用起了重要作用。",
              "通过几年来的改革，目前在全国注册登记的各种经济联合体有32000多个，"
              "已形成24个跨地区的横向经济联合网络。",
              "国家财政收入由1121亿元增加到2220亿元，增长98%。",
              "改革中的问题，也只有通过改革的不断深入和完善才能得到解决。",
              "应该充分认识到，尽管改革中不可避免地会出现某些问题，但正是已经和正在进行的改革，"
              "搞活了经济，解放了生产力，提高了人民的生活水平，使我国现代化建设出现了前所未有的蓬勃发展的"
              "兴旺局面。"):
        assert split_measures(s, kind) == [], s
    for kept in ("今年中央财政用于教育的投入，将由去年的1076亿元增加到1562亿元",
                 "为此中央财政支出将由上年18亿元增加到95亿元，明年将安排200亿元，地方财政也要相应增加支出"):
        assert [m.text for m in split_measures(kept + "。", kind)] == [kept], kept


# Sentences a plan states that are no office's task, each beside one that is (bench/gold
# marks the first S): China's stance abroad (国务院 1986's foreign policy in paragraphs
# 第一、…第十、, 国务院 2021's 中国愿与世界各国…; the government backing a bid, 1993, is a
# task); the policy or aim a task serves (国务院 1992 and 2002: …，是我们坚定不移的方针,
# …的根本大计) and the speaker's beliefs and feelings (国务院 1984 and 2002: 我们深感关切,
# 我们对…满怀信心; bench/gold round 9).
@pytest.mark.parametrize("no_rows, kept", [
    (["第六、中国属于第三世界，坚持把加强和发展同第三世界国家的团结与合作作为我国对外工作的"
      "一个基本立足点。",
      "中国坚决反对帝国主义、殖民主义和种族主义，支持第三世界国家争取和维护民族独立的正义斗争。",
      "中国广泛参加各种国际组织，开展积极的多边外交活动，努力增进各国在各个领域的合作。",
      "中国愿与世界各国扩大相互开放，实现互利共赢。"],
     "中国政府支持北京市申办2000年奥运会，我们将为此做出一切努力"),
    (["坚持各民族平等、团结、互助的原则，坚持实行民族区域自治制度，"
      "促进各民族的团结进步和共同繁荣，是我们坚定不移的方针。",
      "发展教育事业，提高全民族素质，是社会主义现代化建设的根本大计。",
      "保持经济发展的良好势头，是做好各项工作的基础。",
      "对于这种状况，我们深感关切。",
      "我们对香港、澳门的前景满怀信心。",
      "我们相信，在中葡两国友好合作的基础上，澳门的平稳过渡一定会实现。"],
     "实行对外开放的政策，加强国际经济技术交流"),
], ids=["stance abroad", "policy served and beliefs"])
def test_statements_that_are_no_office_s_task_are_no_rows(no_rows, kept):
    from compare.ingest.measures import split_measures
    from compare.kinds import load_kind
    kind = load_kind("gov-work-report")
    for s in no_rows:
        assert split_measures(s, kind) == [], s
    assert [m.text for m in split_measures(kept + "。", kind)] == [kept]


# 北京市 2026's plan (three、（十）), its paragraph on the government's own conduct and its closing
BEIJING_2026_CONDUCT = (
    "各位代表，完成今年目标任务，确保“十五五”开好局、起好步，必须把政府自身建设得更加坚强有力。"
    "要锻造对党忠诚的政治品格。牢记“看北京首先要从政治上看”，坚定拥护“两个确立”，坚决做到“两个维护”，"
    "始终在思想上政治上行动上同以习近平同志为核心的党中央保持高度一致，不折不扣落实党中央决策部署，"
    "以首善标准抓好中央巡视等反馈问题整改。要恪守依法行政的基本准则。自觉接受市人大及其常委会法律监督、"
    "工作监督，自觉接受市政协民主监督，高质量办好市人大代表议案建议和市政协提案；推进民营经济、食品安全"
    "等重点领域立法，严格规范公正文明执法，扎实推进“九五”普法。要提高履职尽责的质效水平。大兴调查研究"
    "之风，做到察实情、出实招、求实效；坚持政府过紧日子，深入推进零基预算改革，完善政府债务管理机制，"
    "健全财政支出标准体系，强化成本绩效管理，把更多财政资金用在发展紧要处、花在社会民生上。")


def test_the_governments_own_conduct_after_the_salutation_gives_rows():
    """北京 2026 opens its paragraph on the government's own conduct with the salutation
    (各位代表，…必须把政府自身建设得更加坚强有力。): the paragraph lists work an office is
    given (零基预算改革, 政府债务管理, 重点领域立法, 九五普法, 议案建议和提案), so it is read for
    rows, its salutation sentence none; a salutation after it (各位代表！蓝图已经绘就…; 国务院
    2022's 各位代表！ before defence) still ends the plan's rows."""
    text = ("北京市2026年政府工作报告\n一、2025年工作回顾\n过去一年，地区生产总值增长5.4%。\n"
            "二、2026年重点工作\n（一）扎实推进平安北京建设\n"
            "扎实推进平安北京建设。始终把捍卫政治安全放在首位，强化首都低空安全保障，"
            "做好重要地区重要活动安全防范。\n" + BEIJING_2026_CONDUCT + "\n"
            "各位代表！蓝图已经绘就，实干创造未来。让我们更加紧密地团结在以习近平同志为核心的"
            "党中央周围，继往开来、锐意进取，奋力谱写中国式现代化的北京新篇章。\n"
            # what a salutation turns to (国务院 2022): no task of the section before it
            "各位代表！\n过去一年，国防和军队建设取得重大进展，实现“十四五”良好开局。新的一年，要深入"
            "贯彻习近平强军思想，贯彻新时代军事战略方针，全面深化练兵备战，捍卫国家主权、安全、发展利益。\n")
    rows = [c.text for c in ingest_text(text, kind="gov-work-report", region="北京市",
                                        year=2026).commitments]
    assert any("零基预算改革" in r for r in rows), rows
    assert any("九五" in r for r in rows) and any("市政协提案" in r for r in rows), rows
    assert not any("各位代表" in r or "蓝图已经绘就" in r or "练兵备战" in r for r in rows), rows


def test_a_sentence_opening_with_a_row_verb_is_a_row():
    """北京 2026 ends two plan paragraphs on a task no clause of which opens with an action verb
    the parts are cut at (加快第四使馆区…等重点项目建设，增强…; 推出一批智慧城市应用场景，…):
    each is a row (the kind's `measure_row_verbs`), read as one part."""
    from compare.engine.track import parts_of
    from compare.ingest.measures import split_measures
    from compare.kinds import load_kind
    kind = load_kind("gov-work-report")
    embassy = "加快第四使馆区、雁栖湖国际会都等重点项目建设，增强国际交往综合承载力"
    par = ("加力推进核心区平房申请式退租，加强第五立面维护，推动老城生活条件和秩序改善。"
           + embassy + "。")
    assert [m.text for m in split_measures(par, kind)][-1] == embassy
    scenes = "推出一批智慧城市应用场景，为群众提供更多便捷服务"
    par = ("发挥京通、京办、京智等智慧终端牵引作用，创新开展政务领域大模型示范应用，"
           "推进数智赋能城市治理和基层工作。" + scenes + "。")
    assert [m.text for m in split_measures(par, kind)][-1] == scenes
    report = ingest_text("北京市2026年政府工作报告\n一、2025年工作回顾\n过去一年，经济增长。\n"
                         "二、2026年重点工作\n（一）建设国际交往中心\n" + par + "\n",
                         kind="gov-work-report", region="北京市", year=2026)
    row = next(c for c in report.commitments if c.text == scenes)
    assert [p.text for p, _ in parts_of(row, kind)] == [scenes]
    # a sentence of no action at all is still no row
    assert [m.text for m in split_measures(par.replace(scenes, "群众办事更加便捷"), kind)] == [
        "发挥京通、京办、京智等智慧终端牵引作用，创新开展政务领域大模型示范应用，推进数智赋能城市治理"
        "和基层工作"]
