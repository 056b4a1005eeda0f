"""A folder of archive files and a district's years ingested as a user would (ninth session's
review, docs/reviews.md): the kind from the file name, a year the text and the file name disagree
on, a refusal naming the input, the same report from another copy, overrides the text
contradicts. The archive files are tests/data/gov-work-report-archive (copied from the corpus)."""
import shutil

from click.testing import CliRunner

from compare.cli import main
from tests.support import DATA, but_unread, local2

ARCHIVE = DATA / "gov-work-report-archive"
# 国务院 1981's plan part, as a warning quotes it
PLANS_1982 = "「1982年是第六个五年计划的第二年，也是进一步调…」"


def yoy(*args):
    result = CliRunner().invoke(main, [str(a) for a in args])
    return result.exit_code, result.stdout, result.stderr


def test_an_archive_file_opening_without_a_title_is_known_by_its_file_name(tmp_path):
    """国务院政府工作报告-1956.txt opens with its first heading, no title line and no 向大会报告:
    its file name names the kind, the README's last fallback."""
    code, out, err = yoy("ingest", ARCHIVE / "国务院政府工作报告-1956.txt", "--store",
                         tmp_path / "s")
    assert code == 0 and "1956/国务院-gov-work-report.yaml" in out, err
    renamed = tmp_path / "1956.txt"
    shutil.copy(ARCHIVE / "国务院政府工作报告-1956.txt", renamed)
    code, _, err = yoy("ingest", renamed, "--store", tmp_path / "t")
    assert code == 2 and "cannot tell the report kind from its title, its opening or the file " \
                         "name; pass --kind" in err, err


def test_a_year_the_file_name_and_the_headings_disagree_on_is_the_file_names_with_a_warning(
        tmp_path):
    """1980's report (关于1980、1981年国民经济计划安排的报告) heads its plan 1981年国民经济计划的
    任务和主要指标: stored as 1980, as its file says, and said once (its plan part names 1981 too);
    the real 1981 file then goes to 1981, its congress session's year, and is said too: delivered
    in November 1981, its plan part plans 1982 (1982年是第六个五年计划的第二年), which no heading
    names (docs/reviews.md, ua20a)."""
    code, out, err = yoy("ingest", ARCHIVE / "国务院政府工作报告-1980.txt",
                         ARCHIVE / "国务院政府工作报告-1981.txt", "--store", tmp_path / "s")
    assert code == 0, err
    assert [line.split(":")[0] for line in out.splitlines()] == [
        str(tmp_path / "s" / y / "国务院-gov-work-report.yaml") for y in ("1980", "1981")]
    assert but_unread(err) == (
        f"yoy: warning: {ARCHIVE / '国务院政府工作报告-1980.txt'}: the year is 1981 by "
        "its headings and 1980 by its file name: stored as 1980, by its file name; "
        "pass --year to choose\n"
        f"yoy: warning: {ARCHIVE / '国务院政府工作报告-1981.txt'}: the year is 1982 by "
        f"its plan part ({PLANS_1982}) and 1981 by the congress session it names: stored as 1981, "
        "by the congress session it names; pass --year to choose\n")


def test_a_plan_part_planning_a_later_year_is_said_against_a_given_year_too(tmp_path):
    code, _, err = yoy("ingest", "--year", "1981", ARCHIVE / "国务院政府工作报告-1981.txt",
                       "--store", tmp_path / "s")
    assert code == 0 and but_unread(err).endswith(
        f"stored as 1981, as given; by its plan part ({PLANS_1982}) it is 1982\n"), err


def test_a_refused_reingest_names_the_input_and_the_stored_file(tmp_path):
    store = tmp_path / "s"
    assert yoy("ingest", ARCHIVE / "国务院政府工作报告-1981.txt", "--store", store)[0] == 0
    other = ARCHIVE / "国务院政府工作报告-1980.txt"
    code, out, err = yoy("ingest", other, "--year", "1981", "--store", store)
    stored = store / "1981" / "国务院-gov-work-report.yaml"
    assert code == 2 and out == "" and err.splitlines()[-1].startswith(
        f"yoy: error: {other}: the store's {stored} differs from this file in "), err
    assert "another source (sha256" in err and err.endswith("pass --overwrite to replace it\n")


def test_the_same_report_from_another_copy_of_its_source_is_unchanged(tmp_path):
    """Another scrape of the same report (here: CRLF line ends) parses to the same report: the
    stored one is kept, and a warning says why nothing was written."""
    store = tmp_path / "s"
    source = local2("海拉尔区", 2013)
    assert yoy("ingest", source, "--store", store)[0] == 0
    copy = tmp_path / "下载" / source.name
    copy.parent.mkdir()
    copy.write_bytes(source.read_bytes().replace(b"\n", b"\r\n"))
    code, out, err = yoy("ingest", copy, "--store", store)
    stored = store / "2013" / "海拉尔区-gov-work-report.yaml"
    assert code == 0 and out.startswith(f"{stored} (unchanged): "), err
    err = but_unread(err)
    assert err.startswith(f"yoy: warning: {copy}: the same report as {stored}, from another copy "
                          "of its source (sha256 "), err
    assert err.endswith("…): the stored one kept\n"), err
    assert (stored.parent / "海拉尔区-gov-work-report.source.txt").read_bytes() == \
        source.read_bytes()


def test_overrides_the_text_contradicts_are_kept_and_said(tmp_path):
    source = local2("涞源县", 2020)
    code, out, err = yoy("ingest", source, "--region", "海拉尔区", "--year", "2020", "--store",
                         tmp_path / "s")
    assert code == 0 and "2020/海拉尔区-gov-work-report.yaml" in out, err
    assert but_unread(err) == \
        f"yoy: warning: {source}: stored as 海拉尔区, as given; the text names 涞源县\n"
    code, out, err = yoy("ingest", local2("海拉尔区", 2013), "--year", "2014", "--store",
                         tmp_path / "t")
    assert code == 0 and "2014/海拉尔区" in out and but_unread(err) == (
        f"yoy: warning: {local2('海拉尔区', 2013)}: stored as 2014, as given; by its delivery line "
        "it is 2013\n"), err
    # the unit's name with its city, as the title prints it, is no contradiction
    code, _, err = yoy("ingest", local2("海拉尔区", 2013), "--region", "呼伦贝尔市海拉尔区",
                       "--store", tmp_path / "u")
    assert code == 0 and but_unread(err) == "", err


def test_a_report_with_no_measures_is_said_at_ingest_and_at_every_run(tmp_path):
    """国务院 1964 is read as one part of role other (no plan part): stored for its figures, but
    its 台账 would be empty, so ingest and run both name it."""
    source = ARCHIVE / "国务院政府工作报告-1964.txt"
    code, out, err = yoy("ingest", source, "--store", tmp_path / "s")
    why = ("no measures (no plan part among its 1 section): its 台账 and its ledger with the next "
           "year will have no measure rows")
    assert code == 0 and ", 0 measures," in out and err == f"yoy: warning: {source}: {why}\n", err
    for _ in range(2):  # the second run skips everything, and says it again
        code, out, err = yoy("run", "--store", tmp_path / "s", "--out", tmp_path / "o",
                             "--jobs", "1")
        assert code == 0 and err == (f"yoy: warning: {tmp_path / 's' / '1964'}/国务院-gov-work-"
                                     f"report.yaml: {why}\n"), err
    # a report with measures is not named
    code, _, err = yoy("ingest", ARCHIVE / "国务院政府工作报告-1956.txt", "--store", tmp_path / "t")
    assert code == 0 and err == "", err


def test_a_missing_year_is_named_by_the_run(tmp_path):
    """海拉尔区 2012, 2013 and 2015: 2012→2013 is compared, and the run says that 2013 and 2015
    were not, 2014 missing between them."""
    code, _, err = yoy("ingest", *(local2("海拉尔区", y) for y in (2012, 2013, 2015)), "--store",
                       tmp_path / "s")
    assert code == 0, err
    code, out, err = yoy("run", "--store", tmp_path / "s", "--out", tmp_path / "o", "--jobs", "1")
    assert code == 0 and "\n1      1     0        0\n" in out, out + err
    assert "\nnot compared, a year missing between them: 海拉尔区 gov-work-report 2013→2015 " \
           "(no 2014)\n" in out, out


def test_compare_infers_the_kind_when_the_store_holds_one_for_the_region(tmp_path):
    store = tmp_path / "s"
    code, _, err = yoy("ingest", local2("海拉尔区", 2012), local2("海拉尔区", 2013), "--store",
                       store)
    assert code == 0, err
    code, out, err = yoy("compare", "--region", "海拉尔区", "--from", "2012", "--to", "2013",
                         "--store", store, "--no-workbook")
    assert code == 0 and out.startswith("海拉尔区 gov-work-report 2012→2013: measures ["), err
    code, _, err = yoy("compare", "--region", "海拉", "--from", "2012", "--to", "2013", "--store",
                       store, "--no-workbook")
    assert code == 2 and err == (f"yoy: error: {store}: no 海拉 report in the store (the store "
                                 "holds 海拉尔区); yoy ingest <file> first\n"), err
    year = store / "2013"
    shutil.copy(year / "海拉尔区-gov-work-report.yaml", year / "海拉尔区-fazhi.yaml")
    code, _, err = yoy("compare", "--region", "海拉尔区", "--from", "2012", "--to", "2013",
                       "--store", store, "--no-workbook")
    assert code == 2 and err == (f"yoy: error: {store}: it holds 海拉尔区 reports of 2 kinds "
                                 "(fazhi, gov-work-report); give --kind\n"), err


def test_plan_infers_the_kind_as_compare_does(tmp_path):
    store = tmp_path / "s"
    assert yoy("ingest", local2("海拉尔区", 2013), "--store", store)[0] == 0
    code, out, err = yoy("plan", "--region", "海拉尔区", "--year", "2013", "--store", store,
                         "--out", tmp_path / "o")
    assert code == 0 and out == f"plan sheet: {tmp_path / 'o' / '海拉尔区'}/" \
                                "gov-work-report-2013-plan.xlsx\n", err
