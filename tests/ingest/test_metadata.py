"""Region, year and structure from reports as cities, districts and counties publish them.

The real reports (盐田区 2020–2025 with no title line, 龙华区 2019 with only a signature) are the
shipped sources in reports/; the other layouts are built from the classes of shapes seen in
published reports (delivery lines, joint issuers, aggregator chrome, Traditional characters)."""
import pytest

from compare.errors import YoyError
from compare.ingest import ingest_text, region_name
from compare.jobs.ingest_file import ingest_and_store
from compare.kinds import load_kind
from tests.support import STORE

BODY = ["这一年，我们坚持依法行政，各项工作取得新进展。" * 4] * 3


def yantian(year: int) -> str:
    return (STORE / str(year) / "盐田区-gov-work-report.source.txt").read_text(encoding="utf-8")


LONGHUA = STORE / "2019" / "龙华区-fazhi.source.txt"


@pytest.mark.parametrize("text,name", [
    ("国务院", "国务院"), ("四川省人民政府", "四川省"), ("四川省人民", "四川省"), ("保定市清苑区",
                                                           "保定市清苑区"),
    ("内蒙古自治区", "内蒙古自治区"), ("中共大余县委 大余县人民政府", "大余县"),
    ("新余市人民政府关于新余市", "新余市"),
    ("深圳市龙华区人民政府", "深圳市龙华区"), ("新余市司法局", "新余市"),
    ("关于", None), ("云南日报", None), ("根据市委要求，现将我市", None), ("全市", None),
    ("省人民政府", None),
    ("现将有关情况报告如下：", None), ("2024年,鹰潭市始终坚持", None),
])
def test_a_region_is_an_administrative_name_or_nothing(text, name):
    assert region_name(text, load_kind("fazhi")) == name


@pytest.mark.parametrize("year,review", [(2020, "2019年工作回顾"), (2021, "2020年工作回顾"),
                                         (2022, "一、2021年以来工作回顾"),
                                         (2025, "一、2024年工作回顾")])
def test_district_reports_without_a_title_line(year, review):
    """盐田区: no title, 各位代表： first; region from 我代表…人民政府, year
    from the review heading."""
    r = ingest_text(yantian(year))
    assert (r.kind, r.region, r.year, r.review_year, r.plan_year) == (
        "gov-work-report", "盐田区", year, year - 1, year)
    first = r.sections[0]
    assert (first.label + first.heading, first.role) == (review, "review")
    assert "plan" in [s.role for s in r.sections[1:]]
    # the glossary after the report (名词解释) is not part of it
    assert not any("名词" in s.heading and "解释" in s.heading or "术语" in s.heading
                   for s, _ in r.walk())


def test_unnumbered_top_level_headings_with_numbered_tasks():
    """盐田区 2020: 2019年工作回顾 / 2020年发展形势和总体要求 / 2020年主要工作任务 print no numbers;
    the review's （一） sections nest in it, the tasks' 一、 sections stand
    beside the task heading."""
    r = ingest_text(yantian(2020))
    assert [(s.label, s.heading, s.role) for s in r.sections[:3]] == [
        ("", "2019年工作回顾", "review"), ("", "2020年发展形势和总体要求", "targets"),
        ("", "2020年主要工作任务", "plan")]
    assert [c.label for c in r.sections[0].children] == ["（一）", "（二）", "（三）", "（四）"]
    assert [s.label for s in r.sections[3:]] == ["一、", "二、", "三、"]


def test_rule_of_law_report_known_only_by_its_signature():
    """龙华区 2019: starts 现将有关情况报告如下：; year from 八、2020年…工作计划,
    issuer and date from the signature, which is not a plan paragraph; the region is the unit's own
    name, with or without the file name."""
    text = LONGHUA.read_text(encoding="utf-8")
    r = ingest_text(text)
    assert (r.kind, r.region, r.year, r.plan_year) == ("fazhi", "龙华区", 2019, 2020)
    assert (r.issuer, r.published) == ("深圳市龙华区人民政府", "2019-12-18")
    assert [s.role for s in r.sections] == ["achievements"] * 7 + ["plan"]
    assert not any("专此报告" in p or p == "深圳市龙华区人民政府"
                   for p in r.sections[-1].paragraphs)
    hinted = ingest_text(text, name_hint="龙华区-2019年法治政府建设工作报告.txt")
    assert hinted.region == "龙华区"


def fazhi(*lines: str, plan: str = "三、2023年工作打算") -> str:
    return "\n".join([*lines, "一、主要工作成效", *BODY, "二、存在的问题", "执法力量不足。", plan,
                      "（一）深化法治政府示范创建。", "（二）提升执法水平。"])


@pytest.mark.parametrize("head,region,year", [
    (["中共大余县委 大余县人民政府关于2022年度法治政府建设情况的报告"], "大余县", 2022),
    (["中共大余县委 大余县人民政府", "关于2022年度法治政府建设情况的报告"], "大余县", 2022),
    (["新余市人民政府关于新余市2022年度法治政府建设情况的报告"], "新余市", 2022),
    (["关于2022年度法治政府建设情况的报告", "2022年，清苑区始终坚持以习近平法治思想为指导。"],
     "清苑区", 2022),
    (["根据市委要求，现将鹰潭市2022年法治政府建设情况报告如下："], "鹰潭市", 2022),
    (["2022年，鹰潭市始终坚持以习近平法治思想为指导，深入推进法治政府建设。"], "鹰潭市", 2022),
])
def test_rule_of_law_title_and_opening_shapes(head, region, year):
    r = ingest_text(fazhi(*head))
    assert (r.kind, r.region, r.year, r.plan_year) == ("fazhi", region, year, year + 1)
    assert [s.role for s in r.sections] == ["achievements", "shortcomings", "plan"]


@pytest.mark.parametrize("delivery", [
    "（2026年1月27日在贵州省第十四届人民代表大会第四次会议上）",
    "――2026年1月27日在贵州省第十四届人民代表大会第四次会议上",
    "——2026年1月27日在贵州省第十四届",
    "2026年1月27日在贵州省第十四届人民代表大会第四次会议上",
    "——2026年1月在贵州省第十四届人民代表大会第四次会议上",
])
def test_work_report_title_with_its_delivery_line(delivery):
    text = "\n".join(["来源：贵州日报", "政府工作报告", delivery, "各位代表：",
                      "一、2025年工作回顾", *BODY, "二、2026年工作安排", "（一）扩大有效需求。",
                      "（二）发展产业。"])
    r = ingest_text(text)
    assert (r.kind, r.region, r.year, r.review_year) == ("gov-work-report", "贵州省", 2026, 2025)
    assert r.published == (None if "1月在" in delivery else "2026-01-27")
    assert [s.role for s in r.sections] == ["review", "plan"]


def test_aggregator_page_with_lost_characters_and_unnumbered_review():
    """A county report copied from an aggregator site: chrome on one line, a summary, runs of ??
    where characters were lost, the review heading without a number and the tasks numbered."""
    text = "\n".join([
        "时间：2022-01-10 09:30 作者：县政府办 来源：某某网 阅读：1203 评论：0",
        "内容摘要：各位代表：现在，我代表县人民政府，向大会报告工作……",
        "各位代表：", "现在，我代表安远县人民政府，向大会报告工作，请予审议。",
        "过去五年工作回顾", "过去五年，全县生产总值年均增长7.5%，??群众获得感明显增强。" * 3,
        "2022年工作安排", "今年全县经济社会发展的主要预期目标是：生产总值增长8%左右。",
        "一、坚持工业强县，加快转型升级", "全力推进园区建设。??",
        "二、坚持乡村振兴，促进共同富裕", "巩固拓展脱贫攻坚成果。",
    ])
    r = ingest_text(text)
    assert (r.kind, r.region, r.year) == ("gov-work-report", "安远县", 2022)
    assert [(s.label, s.role) for s in r.sections] == [("", "review"), ("", "plan"),
                                                       ("一、", "plan"), ("二、", "plan")]
    dump = r.model_dump_json()
    for chrome in ("阅读：", "内容摘要", "??", "评论"):
        assert chrome not in dump, chrome


def test_traditional_characters_are_parsed_as_simplified_and_stored_as_printed(tmp_path):
    import opencc
    text = opencc.OpenCC("s2t").convert(fazhi("深圳市龙华区2019年法治政府建设工作报告",
                                              plan="三、2020年工作计划"))
    assert "龍華區" in text and "建設" in text
    src = tmp_path / "report.txt"
    src.write_text(text, encoding="utf-8")
    r, path, _ = ingest_and_store(str(src), store=tmp_path / "store")
    assert (r.kind, r.region, r.year) == ("fazhi", "龙华区", 2019)
    assert [s.role for s in r.sections] == ["achievements", "shortcomings", "plan"]
    assert r.sections[-1].heading == "2020年工作计划"
    assert path.with_name(r.source.file).read_text(encoding="utf-8") == text


@pytest.mark.parametrize("text", [
    "根据市委要求，现将我市有关工作情况报告如下：\n一、2021年法治政府建设情况\n" + "我们坚持依法行"
                                                  "政，推进法治政府建设，各项工作取得新进展。" * 40,
    "各位代表：\n现在，我代表市人民政府，向大会报告政府工作。\n一、2021年工作回顾\n"
    + "全年工作取得新进展。" * 200,
])
def test_no_region_is_a_clean_error_naming_the_flag(tmp_path, text):
    src = tmp_path / "report.txt"
    src.write_text(text, encoding="utf-8")
    with pytest.raises(YoyError, match="pass --region"):
        ingest_and_store(str(src), store=tmp_path / "store")
    assert not (tmp_path / "store").exists()
    r, path, _ = ingest_and_store(str(src), store=tmp_path / "store", region="某市", year=2021)
    assert path.parent.parent == tmp_path / "store" and path.name.startswith("某市-")


def test_file_name_is_the_last_hint(tmp_path):
    text = "\n".join(["各位代表：", "现在，我向大会报告政府工作。", "一、过去一年工作回顾", *BODY,
                      "二、今年工作安排", "（一）扩大内需。", "（二）发展产业。"])
    src = tmp_path / "深圳市-2022.txt"
    src.write_text(text, encoding="utf-8")
    r, path, _ = ingest_and_store(str(src), store=tmp_path / "store")
    assert (r.region, r.year, path.name) == ("深圳市", 2022, "深圳市-gov-work-report.yaml")


def test_a_sentence_given_as_region_is_refused_before_anything_is_written(tmp_path):
    src = tmp_path / "r.txt"
    src.write_text(fazhi("某县2022年度法治政府建设情况"), encoding="utf-8")
    with pytest.raises(YoyError, match="at most 40"):
        ingest_and_store(str(src), store=tmp_path / "store",
                         region="根据县委要求现将我县有关工作情况报告如下" * 3)
    assert not (tmp_path / "store").exists()


def test_cli_names_what_to_pass_in_one_line(tmp_path):
    from click.testing import CliRunner

    from compare.cli import main
    src = tmp_path / "report.txt"
    src.write_text("各位代表：\n现在，我代表市人民政府，向大会报告政府工作。\n一、2021年工作回顾\n"
                   + "全年工作取得新进展。" * 200,
                   encoding="utf-8")
    result = CliRunner().invoke(main, ["ingest", str(src), "--store", str(tmp_path / "store")])
    assert result.exit_code == 2 and result.stderr.count("\n") == 1
    assert result.stderr.startswith(
        f"yoy: error: {src}: cannot tell the region") and "pass --region" in result.stderr
    done = CliRunner().invoke(main, ["ingest", str(src), "--region", "某市", "--store",
                                     str(tmp_path / "store")])
    assert done.exit_code == 0 and (
        tmp_path / "store" / "2022" / "某市-gov-work-report.yaml").is_file()


def test_information_disclosure_page_metadata_table():
    """政府信息公开 pages print a metadata table above the text: issuer and date come from it."""
    text = "\n".join(["索引号：11360723MB1234567X/2023-00012", "发布机构：大余县人民政府",
                      "成文日期：2023-01-18",
                      "主题分类：政府工作", "文号：无",
                      fazhi("大余县人民政府关于2022年度法治政府建设情况的报告")])
    r = ingest_text(text)
    assert (r.region, r.year, r.issuer, r.published) == ("大余县", 2022, "大余县人民政府",
                                                         "2023-01-18")
    assert "索引号" not in r.model_dump_json()


def test_year_from_the_opening_sentence_and_date_from_the_page():
    text = "\n".join(["2023-03-28 09:12",
                      "根据县委要求，现将我县2022年度法治政府建设工作情况报告如下：",
                      "一、主要工作成效", *BODY, "二、存在的问题", "执法力量不足。",
                      "三、下一步工作打算",
                      "（一）深化法治政府示范创建。", "（二）提升执法水平。"])
    r = ingest_text(text, name_hint="安远县法治政府建设情况.html")
    assert (r.region, r.year, r.plan_year, r.published) == ("安远县", 2022, 2023, "2023-03-28")
    assert [s.role for s in r.sections] == ["achievements", "shortcomings", "plan"]


def test_county_work_report_known_by_its_speaker_line():
    text = "\n".join(["政府工作报告", "——2022年1月10日在县第十八届人民代表大会第一次会议上",
                      "安远县人民政府县长 张三",
                      "各位代表：", "现在，我代表县人民政府，向大会报告工作，请予审议。",
                      "过去五年工作回顾", "过去五年，全县生产总值年均增长7.5%。" * 3,
                      "一、2022年工作安排", "（一）扩大有效投资。", "（二）发展产业。"])
    r = ingest_text(text)
    assert (r.region, r.year, r.published) == ("安远县", 2022, "2022-01-10")
    assert [s.role for s in r.sections] == ["review", "plan"]


@pytest.mark.parametrize("page", ["大余县2022年度法治政府建设情况_大余县人民政府网",
                                  "大余县2022年度法治政府建设情况 | 赣州市人民政府",
                                  "大余县人民政府 - 大余县2022年度法治政府建设情况"])
def test_a_web_pages_title_names_the_report_its_text_does_not(page):
    """The page's title gives kind, region and year, and is the report's title
    without the site's name."""
    text = "\n".join(["一、主要工作成效", *BODY, "二、存在的问题", "执法力量不足。",
                      "三、2023年工作打算",
                      "（一）深化法治政府示范创建。", "（二）提升执法水平。"])
    r = ingest_text(text, title=page)
    assert (r.kind, r.region, r.year) == ("fazhi", "大余县", 2022)
    assert r.title == "大余县2022年度法治政府建设情况"


@pytest.mark.parametrize("heading,year", [("一、1998年工作回顾和1999年工作的总体要求", 1999),
                                          ("首先报告2001年的工作", 2002)])
def test_year_from_a_heading_naming_two_years_or_a_review_by_its_wording(heading, year):
    text = "\n".join(["各位代表：", "现在，我代表国务院，向大会作政府工作报告。", heading, *BODY,
                      "二、继续扩大内需", "（一）增加投资。", "（二）扩大消费。"])
    r = ingest_text(text)
    # the review named first is what the section holds until the year's requirements
    assert (r.region, r.year, r.sections[0].role) == ("国务院", year, "review")


@pytest.mark.parametrize("opening,said", [("2023年是全面贯彻党的二十大精神的开局之年。", True),
                                          ("2021年，我们加大投资力度。", False)])
def test_a_plan_part_opening_with_a_later_year_is_said_and_an_earlier_one_is_not(opening, said):
    """A plan paragraph opening with the year after the stored plan year (国务院 1981's 1982年是…)
    plans that year: said; one opening with an earlier year looks back (国务院 1957's plan part
    opens paragraphs with 1956年，…): nothing to say."""
    import warnings
    text = "\n".join(["各位代表：", "现在，我代表国务院，向大会作政府工作报告。",
                      "一、过去一年工作回顾", *BODY, "二、今后的工作", opening,
                      "（一）增加投资。", "要加大投资力度，推进重大项目建设。"])
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        r = ingest_text(text, year=2022)
    assert r.year == 2022
    found = [str(w.message) for w in caught if "plan part" in str(w.message)]
    assert found == ([f"<text>: stored as 2022, as given; by its plan part (「{opening}」) "
                      "it is 2023"] if said else []), found
