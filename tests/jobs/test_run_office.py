"""`yoy run` as a provincial 督查室 runs it over many regions (review ua23): --discard-edits for
the files named alone, the English copies said to be behind, the run summary a clerk opens."""
from click.testing import CliRunner

from compare.cli import main
from tests.jobs import test_run
from tests.support import edit, row_ids

store = test_run.store   # the fixture: the shipped 国务院 (two pairs) and 新余市 (a 台账) reports


def yoy(*args):
    result = CliRunner().invoke(main, [str(a) for a in args])
    return result.exit_code, result.stdout, result.stderr


def test_discard_edits_names_the_files_it_is_for(store, tmp_path):
    """ua23 L3: two workbooks refused (one truncated, one with a status yoy does not know): each
    error advises --discard-edits with its own file; naming one discards there alone, the other
    still refused; a named path the run writes no workbook at is said."""
    out = tmp_path / "out"
    assert yoy("run", "--store", store, "--out", out, "--jobs", "1")[0] == 0
    cut = out / "国务院" / "gov-work-report-2021-2022.xlsx"
    bad = out / "国务院" / "gov-work-report-2022-2023.xlsx"
    edit(bad, "问题整改", row_ids(bad, "问题整改")[0], 复核状态="差不多")
    cut.write_bytes(cut.read_bytes()[:4000])
    truncated = cut.read_bytes()
    code, _, err = yoy("run", "--store", store, "--out", out, "--jobs", "1")
    assert code == 2, err
    assert f"rerun with --discard-edits {cut} " in err and f"--discard-edits {bad} " in err, err
    code, _, err = yoy("run", "--store", store, "--out", out, "--jobs", "1",
                       "--discard-edits", bad, "--discard-edits", tmp_path / "typo.xlsx")
    errors = [line for line in err.splitlines() if line.startswith("yoy: error:")]
    assert code == 2 and len(errors) == 1 and f"{cut}: cannot read workbook" in errors[0], err
    # ua24 L: said in words, not Python's "File is not a zip file"
    assert "not an .xlsx workbook, or one cut short" in errors[0] and "zip" not in err, err
    assert f"{(tmp_path / 'typo.xlsx').resolve()}: --discard-edits names no workbook" in err, err
    assert cut.read_bytes() == truncated and bad.with_name(f"{bad.stem}.1.bak.xlsx").is_file()
    code, _, err = yoy("run", "--store", store, "--out", out, "--jobs", "1", "--discard-edits")
    assert code == 0 and cut.with_name(f"{cut.stem}.1.bak.xlsx").read_bytes() == truncated, err


def test_the_run_summary_lists_every_output_and_keeps_failures_until_fixed(store, tmp_path):
    """ua23 M2: <out>/运行摘要.csv (UTF-8 with BOM, for Excel) has a row per pair, tracker and
    台账 with its path from the output folder; a failed pair is listed with its reason on every
    run until it is fixed; an unchanged rerun leaves the file as it was (bytes and time)."""
    out = tmp_path / "out"
    code, stdout, _ = yoy("run", "--store", store, "--out", out, "--jobs", "1")
    summary = out / "运行摘要.csv"
    assert code == 0 and f"{summary}" in stdout
    data = summary.read_bytes()
    assert data.startswith("\ufeff".encode())
    rows = data.decode("utf-8-sig").splitlines()
    assert rows == [
        "地区,报告类型,内容,状态,原因,文件",
        # the kind as its template names it (ua24: the key gov-work-report)
        "国务院,政府工作报告,2021—2022年对比,已是最新,,国务院/gov-work-report-2021-2022.xlsx",
        "国务院,政府工作报告,2022—2023年对比,已是最新,,国务院/gov-work-report-2022-2023.xlsx",
        "国务院,政府工作报告,多年跟踪表,已是最新,,国务院/gov-work-report-tracker.xlsx",
        "国务院,政府工作报告,2023年台账,已是最新,,国务院/gov-work-report-2023-plan.xlsx",
        "新余市,法治政府建设年度报告,2022年台账,已是最新,,新余市/fazhi-2022-plan.xlsx"]
    before = summary.stat().st_mtime_ns
    assert yoy("run", "--store", store, "--out", out, "--jobs", "1")[0] == 0
    assert summary.read_bytes() == data and summary.stat().st_mtime_ns == before
    cut = out / "国务院" / "gov-work-report-2021-2022.xlsx"
    cut.write_bytes(cut.read_bytes()[:4000])
    for _ in range(2):
        assert yoy("run", "--store", store, "--out", out, "--jobs", "1")[0] == 2
        failed = [r for r in summary.read_text(encoding="utf-8-sig").splitlines() if "失败" in r]
        assert len(failed) == 1 and failed[0].startswith(
            "国务院,政府工作报告,2021—2022年对比,失败,\"cannot read workbook"), failed
    assert yoy("run", "--store", store, "--out", out, "--jobs", "1", "--discard-edits")[0] == 0
    assert summary.read_bytes() == data


def test_a_run_says_the_other_languages_workbooks_are_behind(store, tmp_path):
    """ua23 L2: reviews imported by a Chinese run leave that pair's English workbook as it was:
    the run says how many pairs' are behind and what brings them up to date, until it is done."""
    out = tmp_path / "out"
    for lang in ("zh", "en"):
        assert yoy("run", "--store", store, "--out", out, "--jobs", "1", "--lang", lang)[0] == 0
    book = out / "国务院" / "gov-work-report-2022-2023.xlsx"
    edit(book, "问题整改", row_ids(book, "问题整改")[0], 复核状态="仍存在")
    code, stdout, _ = yoy("run", "--store", store, "--out", out, "--jobs", "1")
    said = ("English (-en.xlsx) workbooks of 1 pair behind the store (reviews imported, reports "
            "changed since): yoy run --lang en brings them up to date")
    assert code == 0 and said in stdout, stdout
    assert said in yoy("run", "--store", store, "--out", out, "--jobs", "1")[1]
    assert yoy("run", "--store", store, "--out", out, "--jobs", "1", "--lang", "en")[0] == 0
    assert "behind" not in yoy("run", "--store", store, "--out", out, "--jobs", "1")[1]


def test_list_region_lists_that_regions_reports(store):
    """ua23 M2: `yoy list --region` filters; a region with no report is named with those there."""
    code, stdout, _ = yoy("list", "--store", store, "--region", "新余市")
    assert code == 0 and len(stdout.splitlines()) == 2 and "新余市" in stdout.splitlines()[1]
    code, _, err = yoy("list", "--store", store, "--region", "甲市")
    assert code == 2
    assert err == f"yoy: error: {store}: no 甲市 report (its regions: 国务院, 新余市)\n"



def test_list_region_parses_that_regions_reports_alone_and_lists_as_before(tmp_path, monkeypatch):
    """left24: `yoy list --region R` lists what filtering the whole listing by R gave, for every
    region (a report kept under another file name, a quoted region line) while parsing only R's
    reports (another region's is known by its region line); another region's damaged file no
    longer stops it."""
    import re
    import shutil
    from pathlib import Path

    import compare.store
    from compare.store import catalog
    from tests.support import copy_store
    store = copy_store(tmp_path / "store")
    shutil.copyfile(store / "2021" / "新余市-fazhi.yaml", store / "2021" / "旧稿.yaml")
    quoted = store / "2022" / "盐田区-gov-work-report.yaml"
    quoted.write_bytes(quoted.read_bytes().replace("region: 盐田区\n".encode(),
                                                   'region: "盐田区"\n'.encode(), 1))
    # a key YAML allows to be spelt otherwise, and a quoted title going on with a region line:
    # this one is parsed whatever region is asked for
    explicit = store / "2019" / "龙华区-fazhi.yaml"
    text = explicit.read_text(encoding="utf-8").replace("region: 龙华区\n",
                                                        "? region\n: 龙华区\n", 1)
    assert "\n? region\n" in text
    explicit.write_text(re.sub(r"^title: (.*)$", r'title: "\1\nregion: 新余市"', text, count=1,
                               flags=re.M), encoding="utf-8")
    everything = catalog(store)
    regions = sorted({str(e["region"]) for e in everything})
    assert regions == ["国务院", "新余市", "盐田区", "龙华区"]
    parsed: list[Path] = []
    real = compare.store.load_report

    def noting(path, *args, **kwargs):
        parsed.append(Path(path))
        return real(path, *args, **kwargs)
    monkeypatch.setattr(compare.store, "load_report", noting)
    for region in regions:
        parsed.clear()
        listed = catalog(store, region)
        assert listed == [e for e in everything if e["region"] == region]
        assert sorted(set(parsed) - {explicit}) == sorted(
            Path(str(e["path"])) for e in listed if Path(str(e["path"])) != explicit)
    assert [Path(str(e["path"])).name for e in catalog(store, "新余市")] == [
        "新余市-fazhi.yaml", "旧稿.yaml"]
    explicit.write_text("region: 龙华区\nyear: [\n", encoding="utf-8")
    assert len(catalog(store, "新余市")) == 2
    code, _, err = yoy("list", "--store", store)
    assert code == 2 and "龙华区-fazhi.yaml" in err

def test_a_clerk_s_notes_in_the_run_summary_are_kept_when_it_is_rewritten(store, tmp_path):
    """The summary is a file a clerk opens in Excel and may type into: a rewrite keeps her copy as
    a backup (<name>.1.bak.csv); a summary as yoy wrote it is replaced with no backup."""
    out = tmp_path / "out"
    assert yoy("run", "--store", store, "--out", out, "--jobs", "1")[0] == 0
    summary = out / "运行摘要.csv"
    cut = out / "国务院" / "gov-work-report-2021-2022.xlsx"
    cut.write_bytes(cut.read_bytes()[:4000])    # the next run's summary differs: a failure
    assert yoy("run", "--store", store, "--out", out, "--jobs", "1")[0] == 2
    assert not list(out.glob("运行摘要.*.bak.csv"))  # yoy's own bytes: nothing to keep
    typed = summary.read_bytes() + "备注,已电话督促国务院办公厅\r\n".encode()
    summary.write_bytes(typed)
    code, stdout, _ = yoy("run", "--store", store, "--out", out, "--jobs", "1", "--discard-edits")
    assert code == 0
    (backup,) = out.glob("运行摘要.*.bak.csv")
    assert backup.read_bytes() == typed
    assert "已电话督促" not in summary.read_text(encoding="utf-8-sig")


def test_discard_edits_advice_can_be_pasted_into_a_shell(store, tmp_path):
    """left24: the file an advice names is quoted for a shell when its path holds a space (a
    folder 督查 室 on a clerk's desktop): the advice pasted and split as a shell splits it gives
    the file back, and rerunning with it discards there; a path a shell reads as it is (Chinese
    folder names) is printed as before."""
    import re
    import shlex
    out = tmp_path / "督查 室" / "输出"
    assert yoy("run", "--store", store, "--out", out, "--jobs", "1")[0] == 0
    bad = out / "国务院" / "gov-work-report-2022-2023.xlsx"
    edit(bad, "问题整改", row_ids(bad, "问题整改")[0], 复核状态="差不多")
    code, _, err = yoy("run", "--store", store, "--out", out, "--jobs", "1")
    assert code == 2 and f"rerun with --discard-edits '{bad}' (" in err, err
    advised = re.search(r"rerun with (--discard-edits .+?) \(the file", err)
    assert advised is not None
    flag, path = shlex.split(advised[1])
    assert (flag, path) == ("--discard-edits", str(bad))
    code, _, err = yoy("run", "--store", store, "--out", out, "--jobs", "1", flag, path)
    assert code == 0 and bad.with_name(f"{bad.stem}.1.bak.xlsx").is_file(), err


def test_a_path_a_shell_reads_as_it_is_is_not_quoted():
    from pathlib import Path

    from compare.jobs.guard import shell_word
    assert shell_word(Path("output/新余市/fazhi-2021-2022.xlsx")) == (
        "output/新余市/fazhi-2021-2022.xlsx")
    assert shell_word(Path("/tmp/督查 室/a$b.xlsx")) == "'/tmp/督查 室/a$b.xlsx'"
    assert shlex_split_one("/tmp/it's 新.xlsx") == "/tmp/it's 新.xlsx"


def shlex_split_one(text: str) -> str:
    """`text` quoted by shell_word and split back as a shell would: one word, the same text."""
    import shlex
    from pathlib import Path

    from compare.jobs.guard import shell_word
    (word,) = shlex.split(shell_word(Path(text)))
    return word


def test_the_run_summary_names_kinds_as_their_templates_do_in_each_language():
    """ua24 LOW: 报告类型 showed the key gov-work-report; its template's name per language, the key
    where a kind has no template here."""
    from pathlib import Path

    from compare.jobs.run_summary import Row, summary_bytes
    rows = [Row("盐田区", "gov-work-report", "tracker", (), Path("/o/盐田区/t.xlsx"), ""),
            Row("盐田区", "no-such-kind", "tracker", (), Path("/o/盐田区/u.xlsx"), "")]
    zh = summary_bytes(rows, Path("/o"), "zh").decode("utf-8-sig").splitlines()
    en = summary_bytes(rows, Path("/o"), "en").decode("utf-8-sig").splitlines()
    assert zh[1:] == ["盐田区,政府工作报告,多年跟踪表,已是最新,,盐田区/t.xlsx",
                      "盐田区,no-such-kind,多年跟踪表,已是最新,,盐田区/u.xlsx"]
    assert en[1] == "盐田区,government work report,multi-year tracker,up to date,,盐田区/t.xlsx"


def _with_note(text: str, where: str, note: str) -> str:
    """The summary `text` with a clerk's column 备注 after 状态, `note` on the row of `where`."""
    lines = text.splitlines()
    out = []
    for n, line in enumerate(lines):
        cells = line.split(",")
        cells.insert(4, "备注" if n == 0 else note if cells[-1] == where else "")
        out.append(",".join(cells))
    return "\r\n".join(out) + "\r\n"


def test_a_clerk_s_column_in_the_run_summary_saved_in_gbk_is_read_back(store, tmp_path):
    """left25: Excel on a Chinese Windows saves "CSV (逗号分隔)" in GBK. Her column 备注 is read
    back (utf-8-sig, else gb18030) and written again on its row, the file in yoy's UTF-8 with a
    BOM, her copy kept as a backup; a rerun keeps the note and the bytes."""
    out = tmp_path / "out"
    assert yoy("run", "--store", store, "--out", out, "--jobs", "1")[0] == 0
    summary = out / "运行摘要.csv"
    tracker = "国务院/gov-work-report-tracker.xlsx"
    gbk = _with_note(summary.read_text(encoding="utf-8-sig"), tracker,
                     "已电话督促办公厅").encode("gbk")
    summary.write_bytes(gbk)
    code, _, err = yoy("run", "--store", store, "--out", out, "--jobs", "1")
    assert code == 0 and "UTF-8" not in err, err
    data = summary.read_bytes()
    assert data.startswith("\ufeff".encode())
    rows = data.decode("utf-8-sig").splitlines()
    assert rows[0] == "地区,报告类型,内容,状态,备注,原因,文件"
    assert [r for r in rows if "已电话督促办公厅" in r] == [
        f"国务院,政府工作报告,多年跟踪表,已是最新,已电话督促办公厅,,{tracker}"]
    (backup,) = out.glob("运行摘要.*.bak.csv")
    assert backup.read_bytes() == gbk
    assert yoy("run", "--store", store, "--out", out, "--jobs", "1")[0] == 0
    assert summary.read_bytes() == data and len(list(out.glob("运行摘要.*.bak.csv"))) == 1


def test_a_run_summary_whose_saver_lost_its_chinese_is_said_and_kept(store, tmp_path):
    """left25: Calc's CSV filter in Windows-1252 turns every Chinese character into "?" as it
    saves: the note cannot be read back, so the run says so in one line naming the file and how
    to save it in UTF-8, and keeps the file as a backup (her note is not silently replaced)."""
    out = tmp_path / "out"
    assert yoy("run", "--store", store, "--out", out, "--jobs", "1")[0] == 0
    summary = out / "运行摘要.csv"
    typed = _with_note(summary.read_text(encoding="utf-8-sig"),
                       "国务院/gov-work-report-tracker.xlsx", "已督促 (call 3/12)")
    lost = typed.encode("cp1252", errors="replace")
    assert b"???" in lost
    summary.write_bytes(lost)
    code, stdout, err = yoy("run", "--store", store, "--out", out, "--jobs", "1")
    said = [line for line in err.splitlines() if "did not save it in UTF-8" in line]
    assert code == 0 and len(said) == 1, err
    assert said[0].startswith(f"yoy: warning: {summary}: ") and "Unicode (UTF-8)" in said[0]
    assert "CSV UTF-8" in said[0] and "运行摘要.1.bak.csv" in said[0], said
    assert (out / "运行摘要.1.bak.csv").read_bytes() == lost
    heads = summary.read_text(encoding="utf-8-sig").splitlines()[0]
    assert heads == "地区,报告类型,内容,状态,原因,文件"


def test_a_note_on_a_row_no_longer_listed_is_kept_in_a_backup(tmp_path):
    """left25: a clerk's note yoy wrote again is in yoy's bytes; when its row leaves the summary
    (its pair no longer stored), the file is kept as a backup all the same."""
    from compare.jobs.guard import keep_unless_written
    from compare.jobs.run_summary import Row, write_summary
    rows = [Row("盐田区", "gov-work-report", "tracker", (), tmp_path / f"{n}.xlsx", "")
            for n in ("a", "b")]
    path = write_summary(rows, tmp_path, "zh", keep=keep_unless_written).path
    path.write_text(_with_note(path.read_text(encoding="utf-8-sig"), "b.xlsx", "待核"),
                    encoding="utf-8")
    written = write_summary(rows, tmp_path, "zh", keep=keep_unless_written)
    assert written.kept is not None and "待核" in path.read_text(encoding="utf-8-sig")
    assert write_summary(rows, tmp_path, "zh", keep=keep_unless_written).kept is None
    dropped = write_summary(rows[:1], tmp_path, "zh", keep=keep_unless_written)
    assert dropped.kept is not None and "待核" in dropped.kept.read_text(encoding="utf-8-sig")
    assert "待核" not in path.read_text(encoding="utf-8-sig")
