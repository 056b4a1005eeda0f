"""Reports as scraped (tests/data/local-gov-work-report-2: 广东省, 海拉尔区, 阜平县, 涞源县) and the
State Council's archive shapes: region and year from the text alone, one name per unit across
years, and the layouts that used to lose a report's plan."""
import pytest

from compare.ingest import ingest_text
from compare.jobs.ingest_file import ingest_and_store
from tests.support import local2

SERIES = {"海拉尔区": range(2012, 2020), "广东省": range(2022, 2026), "阜平县": range(2020, 2023),
          "涞源县": range(2020, 2023)}


@pytest.fixture(scope="module")
def reports():
    # a file name that says nothing: region and year must come from the text
    return {(unit, y): ingest_text(local2(unit, y).read_text(encoding="utf-8"),
                                   kind="gov-work-report", name_hint="report.txt")
            for unit, years in SERIES.items() for y in years}


def test_region_and_year_from_the_text_alone(reports):
    """No title line (广东省 starts at 各位代表, 我代表省人民政府), a letter-spaced
    title (政 府 工 作 报 告), a delivery line typed with hyphens, a speaker line under it,
    aggregator chrome: the unit and year of every report, and the unit by one name in every year
    (海拉尔区 2019's delivery line names 呼伦贝尔市海拉尔区, earlier years 海拉尔区)."""
    assert {k: (r.region, r.year) for k, r in reports.items()} == {k: k for k in reports}
    assert "呼伦贝尔市海拉尔区第十五届人民代表大会" in reports[("海拉尔区", 2019)].preamble[0]


def test_an_explicit_region_always_wins():
    r = ingest_text(local2("海拉尔区", 2019).read_text(encoding="utf-8"), kind="gov-work-report",
                    region="呼伦贝尔市海拉尔区")
    assert r.region == "呼伦贝尔市海拉尔区"


@pytest.mark.parametrize("unit,year,heading", [("涞源县", 2022, "2022年工作总体要求和主要目标"),
                                               ("海拉尔区", 2012,
                                                "2012年政府工作总体要求和目标任务")])
def test_numbered_tasks_under_the_targets_heading_are_the_plan(reports, unit, year, heading):
    """二、…总体要求和主要目标 opens with the targets, then numbers the year's tasks: those are plan
    sections with their measures (涞源县 2022 listed 21 measures, 海拉尔区 2012 none; now 88 and 104
    rows of one task sentence each)."""
    r = reports[(unit, year)]
    top = next(s for s in r.sections if s.heading == heading)
    assert top.role == "targets" and len(top.children) >= 8
    assert {c.role for c in top.children} == {"plan"}
    assert sum(c.section_id.startswith(top.id) for c in r.commitments) >= 80
    assert r.targets and r.targets[0].indicator == "国内生产总值"


def test_site_header_footer_and_summary_are_not_report_text(reports):
    """The aggregator's header (阅读/评论 counts, 内容摘要 and its summary cut
    with ......) and footer (分享到, 上一篇/下一篇, 相关文章, 本栏最新, 标签云: other units' report
    titles) are dropped."""
    for unit in ("涞源县", "阜平县"):
        for year in SERIES[unit]:
            r = reports[(unit, year)]
            dump = r.model_dump_json()
            for chrome in ("QQ空间", "标签云", "本栏最新", "相关文章", "......",
                           "博野县", "焦作市"):
                assert chrome not in dump, (unit, year, chrome)


def test_problems_after_a_sentence_admitting_them(reports):
    """涞源县 2022: 我们也清醒的认识到…还存在不少问题和不足 (的, not 地) opens its problem list."""
    problems = [p.text for p in reports[("涞源县", 2022)].shortcomings]
    assert len(problems) >= 5 and any("短板" in p or "不足" in p or "不强" in p for p in problems)


@pytest.mark.parametrize("opening,year", [
    (["各位代表：", "我们第一届全国人民代表大会第一次会议，在听了关于宪法草案的报告以后，"
               "通过了宪法。现在，我代表中央人民政府作工作报告。"], 1954),
    (["各位代表：", "现在我代表中华人民共和国国务院向第一届全国人民代表大会第三次会议提出关于1955年"
               "国家决算和1956年国家预算的报告，请予审查。"], 1956),
    (["各位代表：", "我现在根据国务院的决定，向第二届全国人民代表大会第一次会议作政府工作报告。"],
     1959),
    (["各位代表：", "从去年９月第五届全国人民代表大会第三次会议到现在，已经过去了一年零两个月。"],
     1981),
    (["各位代表：", "刚刚过去的１９８４年，是我国各族人民取得伟大成就的一年。"], 1985),
    (["各位代表：", "一九八三年，农业生产在连续四年增产的基础上又获得大丰收。"
               "我代表国务院向大会作政府工作报告。"], 1984),
    (["各位代表：", "本届政府从1 9 9 3 年3 月就职，到现在已经五年了。"
               "我代表国务院向大会报告过去五年的工作。",
      "一、关于过去五年的政府工作", "1 9 9 7 年，国内生产总值增长8.8%。"], 1998),
])
def test_state_council_archive_openings_give_region_and_year(opening, year):
    """The 1954–2008 reports print no title or delivery line: the congress session addressed (from
    the kind's table of terms), a year in CJK numerals or spaced digits, or a speech in the nation's
    voice (我国, 全国) tell 国务院 and the year."""
    body = ["我国经济持续发展，全国人民生活水平不断提高，我国国际地位进一步提高。" * 3] * 8
    text = "\n".join([*opening, *body, "二、今后的任务", "（一）发展农业生产。",
                      "（二）加强经济建设。"])
    r = ingest_text(text, kind="gov-work-report")
    assert (r.region, r.year) == ("国务院", year)


def test_a_province_known_only_by_its_level_and_its_name_in_the_text():
    """广东省 2024 never prints 广东省: it says 我代表省人民政府, 全省 and 广东 (78 times)."""
    text = local2("广东省", 2024).read_text(encoding="utf-8")
    assert "广东省" not in text
    assert ingest_text(text, kind="gov-work-report").region == "广东省"
    # a city's report speaks of 全市: the province it lies in is not its region
    city = text.replace("全省", "全市").replace("我省", "我市").replace("省人民政府", "市人民政府")
    with pytest.raises(Exception, match="pass --region"):
        ingest_text(city, kind="gov-work-report")


@pytest.mark.parametrize("speaker", ["自治区人民政府主席 王莉霞", "自治区人民政府代主席　某某",
                                     "盟行政公署盟长 某某"])
def test_a_speaker_line_naming_only_a_level_is_never_the_region(speaker):
    """The title (here the page's) and the delivery line name the unit; the speaker line only its
    level (自治区人民政府主席): the region is the unit, never 自治区."""
    text = "\n".join(["政府工作报告", "——2023年1月12日在自治区第十四届人民代表大会第一次会议上",
                      speaker, "各位代表：",
                      "现在，我代表自治区人民政府，向大会报告工作，请予审议。",
                      "一、2022年工作回顾",
                      "过去一年，全区生产总值增长4.2%。" * 5, "二、2023年工作安排",
                      "（一）扩大有效需求。", "（二）发展产业。"])
    r = ingest_text(text, title="2023年内蒙古自治区政府工作报告_内蒙古自治区人民政府")
    assert (r.region, r.year, r.title) == ("内蒙古自治区", 2023, "政府工作报告")


@pytest.mark.parametrize("look_alike", ["盐田区\u200b", "盐田区 ", "\u00a0盐田区",
                                        "\u2066盐田区\u2069", "盐\u2f65区", "盐田\ufeff区"])
def test_look_alike_regions_are_one_unit(tmp_path, look_alike):
    """A region typed or copied with an invisible character, a trailing or non-breaking space, a
    bidirectional isolate or a Kangxi radical (⽥ for 田) is the same unit: one
    file, not a second unit."""
    from compare.store import report_files
    src = local2("阜平县", 2020)
    store = tmp_path / "store"
    ingest_and_store(str(src), kind="gov-work-report", region="盐田区", store=store)
    r, path, changed = ingest_and_store(str(src), kind="gov-work-report", region=look_alike,
                                        store=store)
    assert (r.region, path.name, changed) == ("盐田区", "盐田区-gov-work-report.yaml", False)
    assert len(list(report_files(store))) == 1
    # … and so is a region found in the text
    text = src.read_text(encoding="utf-8").replace("2020年阜平县政府工作报告",
                                                   f"2020年{look_alike.strip()}政府工作报告", 1)
    assert ingest_text(text, kind="gov-work-report").region == "盐田区"


def test_targets_in_the_sentences_after_the_target_sentence_and_figures_without_a_name(reports):
    """海拉尔区 2019 sets one target in its 主要预期目标 sentence and the rest in
    the sentences after it; 海拉尔区 2012 prints a level, then the rate without the indicator's
    name (…达到240亿元，同比增长21%)."""
    got = {(t.indicator, t.low, t.unit) for t in reports[("海拉尔区", 2019)].targets}
    assert {("国内生产总值", 3.5, "%"), ("城镇居民人均可支配收入", 7, "%"),
            ("农村居民人均可支配收入", 8, "%"),
            ("社会消费品零售总额", 6.5, "%")} <= got
    assert not any("为实现上述目标" in t.text for t in reports[("海拉尔区", 2019)].targets)
    gdp = [(t.low, t.unit, t.text) for t in reports[("海拉尔区", 2012)].targets
           if t.indicator == "国内生产总值"]
    assert gdp == [(240, "亿元", "地区生产总值达到240亿元"),
                   (21, "%", "地区生产总值达到240亿元，同比增长21%")]


def test_a_five_year_outline_is_no_plan_beside_the_years(reports):
    """涞源县 2021: 二、展望“十四五”… outlines five years, 三、接续奋斗2021年… plans the
    year; the outline's six tasks (要围绕农业供给侧结构性改革…, 完善党委领导…的社会治理体系)
    are no 2021 台账 rows (a user-acceptance review: 25 of 112 rows)."""
    r = reports[("涞源县", 2021)]
    outline, year = r.sections[1], r.sections[2]
    assert outline.heading.startswith("展望“十四五”") and year.heading.startswith("接续奋斗2021年")
    assert outline.role == "other" and {c.role for c in outline.children} == {"other"}
    assert year.role == "plan" and {c.role for c in year.children} == {"plan"}
    assert not any(c.section_id.startswith(outline.id) for c in r.commitments)
    assert sum(c.section_id.startswith(year.id) for c in r.commitments) >= 80


def test_a_five_year_plan_part_stays_the_plan_where_no_part_plans_the_year():
    """国务院 1983's 今后五年的主要任务 is the report's only plan: no other part's heading
    names 1983."""
    from tests.support import DATA
    text = (DATA / "gov-work-report-archive" / "国务院政府工作报告-1983.txt").read_text(
        encoding="utf-8")
    r = ingest_text(text, kind="gov-work-report", region="国务院", year=1983)
    part = next(s for s in r.sections if s.heading == "今后五年的主要任务")
    assert part.role == "plan" and r.commitments


def test_a_part_naming_five_years_and_the_year_plans_the_year():
    """A heading naming the plan year beside a five-year plan (国务院 1959: 我们在第二个五年计划的
    第二年——一九五九年经济战线上的任务) plans the year, whatever the other parts' headings say."""
    text = "\n".join([
        "2021年涞源县政府工作报告", "各位代表：",
        "一、2020年工作回顾", "全县地区生产总值完成70.11亿元，同比增长4.9%。",
        "二、“十四五”开局之年——2021年的主要任务", "完成造林19万亩。完成矿山生态修复18处。",
        "三、2021年的政府自身建设", "全面实行政府权责清单制度，加快推进政务服务标准化。"])
    r = ingest_text(text, kind="gov-work-report")
    assert [s.role for s in r.sections] == ["review", "plan", "plan"]


def test_a_sentence_referring_back_to_the_problems_ends_their_list(reports):
    """涞源县 2021's list ends 对于这些存在的问题，我们将采取更加有力有效的措施，认真加以
    解决，决不辜负全县人民的期望。: its clauses are no problems (a user-acceptance review found
    three listed)."""
    problems = [p.text for p in reports[("涞源县", 2021)].shortcomings]
    assert "干部综合能力仍待提升" in problems
    assert not any("这些存在的问题" in p or "加以解决" in p or "辜负" in p for p in problems)


def test_marks_referring_to_the_reports_notes_are_dropped_others_kept():
    """阜平县 2022's 台账 kept its 名词解释 references in 18 of 110 rows (聚焦“两不愁三保障”〔14〕和
    饮水安全…, UA 2026-12-05): a mark a note of the report explains (a line opening with it) is
    apparatus, dropped from the text; the same text without its notes keeps them (content, as
    far as yoy can tell), as it keeps a document number's 〔2021〕."""
    import re

    from compare.ingest import ingest_text
    from tests.support import local2
    text = local2("阜平县", 2022).read_text(encoding="utf-8")
    marked = re.compile(r"〔\d{1,3}〕")
    report = ingest_text(text, kind="gov-work-report")
    assert not [c.text for c in report.commitments if marked.search(c.text)]
    assert any("聚焦“两不愁三保障”和饮水安全" in c.text for c in report.commitments)
    # a mark no note explains stays, beside those that go
    odd = ingest_text(text.replace("两不愁三保障”〔14〕和", "两不愁三保障”〔99〕和"),
                      kind="gov-work-report")
    assert [c.text for c in odd.commitments if marked.search(c.text)] == \
        [c.text.replace("”和饮水", "”〔99〕和饮水") for c in report.commitments
         if "聚焦“两不愁三保障”和饮水安全" in c.text]
    unexplained = "\n".join(line for line in text.splitlines() if not marked.match(line))
    kept = ingest_text(unexplained.replace("两不愁三保障”〔14〕", "两不愁三保障”〔2021〕"),
                       kind="gov-work-report")
    assert sum(bool(marked.search(c.text)) for c in kept.commitments) == 17
    assert any("两不愁三保障”〔2021〕和饮水安全" in c.text for c in kept.commitments)
    # only the marks differ: the same rows otherwise
    assert [marked.sub("", c.text).replace("〔2021〕", "") for c in kept.commitments] == \
        [c.text for c in report.commitments]


@pytest.mark.parametrize("unit", ["阜平县", "涞源县"])
def test_a_scraped_pages_counters_stay_out_of_the_preamble(unit):
    """中国县域's pages set 阅读： / 354 / 评论： / 0 on lines of their own: the labels were
    dropped as chrome, their values joined into a paragraph '3540' (UA 2026-12-05). A bare number
    right after a dropped label ending in a colon goes with it; one after a line of the text
    stays."""
    from compare.ingest import ingest_text
    from compare.text import paragraphs
    from tests.support import local2
    report = ingest_text(local2(unit, 2022).read_text(encoding="utf-8"), kind="gov-work-report")
    assert not [p for p in report.preamble if p.isdigit()]
    chrome = lambda line: line.startswith(("阅读：", "评论："))  # noqa: E731
    assert paragraphs("标题\n阅读：\n354\n评论：\n0\n各位代表：\n2022\n", drop=chrome) == \
        ["标题", "各位代表：", "2022"]
