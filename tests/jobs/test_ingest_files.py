"""`yoy ingest` of several files and folders, what a re-ingest says when it differs, and a store
left whole by an ingest killed between writing a report's source and the report."""
import os
import subprocess
import sys

import pytest
from click.testing import CliRunner

from compare.cli import main
from compare.ingest import ingest_text
from tests.support import ROOT, SEED, but_unread, local2


def yoy(*args):
    result = CliRunner().invoke(main, [str(a) for a in args])
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def store(tmp_path):
    code, _, err = yoy("ingest", SEED, "--kind", "fazhi", "--url", "http://xinyu.gov.cn/a.shtml",
                       "--store", tmp_path / "s")
    assert code == 0, err
    return tmp_path / "s"


def test_several_files_and_a_folder_one_line_each_and_exit_2_if_any_failed(tmp_path):
    """Good files are stored whatever the others do; each file has one line, on stdout when it was
    stored, on stderr when it was refused."""
    folder = tmp_path / "downloads"
    folder.mkdir()
    for year in (2020, 2021):
        (folder / f"阜平县-{year}.txt").write_bytes(local2("阜平县", year).read_bytes())
    (folder / "notes.md").write_text("下载记录", encoding="utf-8")  # not a report file: skipped
    (tmp_path / "empty.txt").write_bytes(b"")
    code, out, err = yoy("ingest", folder, tmp_path / "empty.txt", local2("涞源县", 2022),
                         "--kind", "gov-work-report", "--store", tmp_path / "s")
    assert code == 2
    assert [line.split(":")[0] for line in out.splitlines()] == [
        str(tmp_path / "s" / str(y) / f"{unit}-gov-work-report.yaml")
        for unit, y in (("阜平县", 2020), ("阜平县", 2021), ("涞源县", 2022))]
    assert but_unread(err) == f"yoy: error: {tmp_path / 'empty.txt'}: empty file\n"
    code, out, err = yoy("ingest", folder, "--kind", "gov-work-report", "--store", tmp_path / "s")
    assert code == 0 and out.count("(unchanged)") == 2, err


@pytest.mark.parametrize("option", [["--year", "2021"], ["--url", "http://a"], ["--json", "-"]])
def test_one_file_options_with_several_files_are_usage_errors(tmp_path, option):
    code, _, err = yoy("ingest", SEED, local2("阜平县", 2020), *option, "--store", tmp_path)
    assert code == 2 and f"{option[0]} applies to one file" in err and not list(tmp_path.iterdir())


def test_a_url_given_as_a_file_says_to_download_it_first(tmp_path):
    code, _, err = yoy("ingest", "http://xinyu.gov.cn/a.shtml", "--store", tmp_path)
    assert code == 2 and err == ("yoy: error: http://xinyu.gov.cn/a.shtml: a URL, not a file: "
                                 "download it first (e.g. curl -o report.html URL), then yoy "
                                 "ingest report.html --url URL\n")


def test_the_same_bytes_without_their_url_are_the_same_report(store):
    """Re-ingesting the very source without the --url it was stored with changes nothing."""
    code, out, err = yoy("ingest", SEED, "--kind", "fazhi", "--store", store)
    assert code == 0 and "(unchanged)" in out, err


def test_a_reingest_that_differs_names_what_differs(store, tmp_path):
    code, _, err = yoy("ingest", SEED, "--kind", "fazhi", "--url", "http://other.example/b",
                       "--store", store)
    assert code == 2 and ("differs from this file in source.url (stored "
                          "http://xinyu.gov.cn/a.shtml, now http://other.example/b); pass "
                          "--overwrite") in err, err
    edited = tmp_path / "edited.txt"
    edited.write_text(SEED.read_text(encoding="utf-8").replace(
        "推进“赣服通”迭代升级", "推进“赣服通”升级"), encoding="utf-8")
    code, _, err = yoy("ingest", edited, "--kind", "fazhi", "--region", "新余市", "--year", "2021",
                       "--store", store)
    assert code == 2 and "differs from this file in source.url, section 一、(一):" in err, err
    assert "another source (sha256" in err and "edited by hand" not in err, err
    yaml_path = store / "2021" / "新余市-fazhi.yaml"
    yaml_path.write_text(yaml_path.read_text(encoding="utf-8").replace(
        "title: 新余市2021年度法治政府建设情况", "title: 新余市2021年度法治政府建设情况（修订）"),
        encoding="utf-8")
    code, _, err = yoy("ingest", SEED, "--kind", "fazhi", "--url", "http://xinyu.gov.cn/a.shtml",
                       "--store", store)
    # the stamp yoy wrote no longer matches: a person's edit, never replaced unasked
    assert code == 2 and ("differs from this file in title; its source is the same file, and it "
                          "was edited by hand since yoy wrote it (replacing it discards the edit); "
                          "pass --overwrite") in err, err
    assert "新余市2021年度法治政府建设情况（修订）" in yaml_path.read_text(encoding="utf-8")


def test_a_source_an_earlier_release_read_otherwise_is_told_from_a_hand_edit(store):
    """After an upgrade, the unchanged source of a report an earlier release wrote (stamped,
    untouched since) reads otherwise: the refusal says so and what changed, not "edited by hand?"
    (ver19 A2); with --overwrite the new reading is taken."""
    from compare.store import load_report, report_bytes
    path = store / "2021" / "新余市-fazhi.yaml"
    earlier = load_report(path)
    earlier.metrics = earlier.metrics[:-2]  # an earlier release read two figures fewer
    earlier.commitments[0].text += "。"      # and cut its first measure otherwise
    path.write_bytes(report_bytes(earlier))
    code, _, err = yoy("ingest", SEED, "--kind", "fazhi", "--store", store)
    assert code == 2 and ("differs from this file in commitments, metrics: yoy wrote it from this "
                          "same file and it was not edited since; this release reads the file "
                          "differently (1 measure changed, 2 figures added); pass --overwrite"
                          ) in err, err
    assert "edited by hand" not in err and path.read_bytes() == report_bytes(earlier)
    code, out, err = yoy("ingest", SEED, "--kind", "fazhi", "--store", store, "--overwrite")
    assert code == 0 and load_report(path).metrics[-2:] and path.read_bytes() != report_bytes(
        earlier), err


def test_a_report_stored_before_the_stamp_gets_it_when_it_reads_the_same(store):
    """A report written before yoy stamped its reports and read the same is left as it says, only
    stamped ((unchanged)); one that reads otherwise cannot be told from an edit and says both."""
    from compare.store import STAMP
    path = store / "2021" / "新余市-fazhi.yaml"
    stamped = path.read_bytes()
    assert stamped.startswith(STAMP)
    path.write_bytes(stamped.partition(b"\n")[2])
    code, out, err = yoy("ingest", SEED, "--kind", "fazhi", "--store", store)
    assert code == 0 and "(unchanged)" in out and path.read_bytes() == stamped, err
    path.write_bytes(stamped.partition(b"\n")[2].replace(
        "新余市2021年度法治政府建设情况".encode(), "新余市2021年度法治政府建设".encode()))
    code, _, err = yoy("ingest", SEED, "--kind", "fazhi", "--store", store)
    assert code == 2 and "(edited by hand, or read by another version of yoy?)" in err, err


KILLED_BETWEEN_RENAMES = """
import os, signal, sys
import compare.files
real = os.replace
calls = []
def replace(src, dst):
    real(src, dst)
    calls.append(dst)
    if len(calls) == 1:
        os.kill(os.getpid(), signal.SIGKILL)  # kill -9 between the pair's two renames
compare.files.os.replace = replace
from compare.cli import main
main(sys.argv[1:])
"""


def test_an_overwrite_killed_between_its_two_renames_is_seen_and_repaired(store, tmp_path):
    """The source is replaced first and the report last: killed in between, the store holds the old
    report beside the new source, which validate refuses and the rerun completes
    (never "(unchanged)")."""
    new = tmp_path / "新余市2021.txt"
    new.write_text(SEED.read_text(encoding="utf-8") + "\n（本文有删改）\n", encoding="utf-8")
    args = ["ingest", str(new), "--kind", "fazhi", "--region", "新余市", "--store", str(store),
            "--overwrite"]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    killed = subprocess.run([sys.executable, "-c", KILLED_BETWEEN_RENAMES, *args], env=env,
                            capture_output=True)
    assert killed.returncode == -9
    assert (store / "2021" / "新余市-fazhi.source.txt").read_bytes() == new.read_bytes()
    code, _, err = yoy("validate", "--store", store)
    assert code == 2 and "新余市-fazhi.source.txt is not the file it was ingested from" in err, err
    code, out, err = yoy(*args)
    assert code == 0 and "(unchanged)" not in out, err
    assert yoy("validate", "--store", store)[0] == 0


def test_a_report_beside_a_source_it_was_not_made_from_is_repaired_not_unchanged(store):
    """The mixed state an older yoy could leave (the new report beside the old source): the rerun
    writes the source, and says so."""
    source = store / "2021" / "新余市-fazhi.source.txt"
    source.write_bytes(source.read_bytes() + b"\n")
    assert yoy("validate", "--store", store)[0] == 2
    code, out, err = yoy("ingest", SEED, "--kind", "fazhi", "--store", store)
    assert code == 0 and "(unchanged)" not in out and source.read_bytes() == SEED.read_bytes(), err
    assert yoy("validate", "--store", store)[0] == 0


def test_a_duplicated_body_is_a_warning_on_stderr(tmp_path):
    text = SEED.read_text(encoding="utf-8")
    (tmp_path / "twice.txt").write_text(text + "\n打印本页\n" + text, encoding="utf-8")
    code, out, err = yoy("ingest", tmp_path / "twice.txt", "--kind", "fazhi",
                         "--store", tmp_path / "s")
    once = ingest_text(text, kind="fazhi")
    assert code == 0 and f"{len(once.commitments)} measures" in out and len(once.commitments) == 5
    assert err.startswith(f"yoy: warning: {tmp_path / 'twice.txt'}: the text is printed twice") \
        and err.count("\n") == 1


def test_a_look_alike_region_on_the_command_line_names_the_stored_unit(store):
    """--region with a zero-width space and a trailing space looks for 新余市's
    files, not another unit's."""
    code, _, err = yoy("compare", "--region", "新余市\u200b ", "--kind", "fazhi", "--from", 2021,
                       "--to", 2022, "--store", store, "--no-workbook")
    assert code == 2 and "no 新余市 fazhi report for 2022 (it holds 2021)" in err \
        and "\u200b" not in err, err


def test_an_overwrite_from_another_format_leaves_only_the_new_source(tmp_path):
    """F9 (ua20b): the 督查室 re-ingested its report from the .docx with --overwrite; the .mhtml
    it first gave stayed beside the .docx the report now names, taken for its source by anyone
    opening the folder. The old source goes with the report made from it; a same-format
    overwrite replaces the file as before, and a refused ingest leaves both untouched."""
    from tests.support import DATA
    forms, store = DATA / "forms-web-word", tmp_path / "s"
    folder = store / "2022"
    assert yoy("ingest", forms / "涞源县-2022.mhtml", "--store", store)[0] == 0
    code, _, err = yoy("ingest", forms / "涞源县-2022-table.docx", "--store", store)
    assert code == 2 and sorted(p.name for p in folder.iterdir()) == [
        "涞源县-gov-work-report.source.mhtml", "涞源县-gov-work-report.yaml"], err
    code, _, err = yoy("ingest", forms / "涞源县-2022-table.docx", "--overwrite", "--store", store)
    assert code == 0 and sorted(p.name for p in folder.iterdir()) == [
        "涞源县-gov-work-report.source.docx", "涞源县-gov-work-report.yaml"], err
    assert (folder / "涞源县-gov-work-report.source.docx").read_bytes() == \
        (forms / "涞源县-2022-table.docx").read_bytes()
    assert yoy("validate", "--store", store)[0] == 0
