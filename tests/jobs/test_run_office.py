"""`yoy run` as a provincial 督查室 runs it over many regions (review ua23): --discard-edits for
the files named alone, the English copies said to be behind, the run summary a clerk opens."""
import shutil

import pytest
from click.testing import CliRunner

from compare.cli import main
from tests.support import STORE, edit, row_ids


@pytest.fixture
def store(tmp_path):
    """The shipped 国务院 (two pairs) and 新余市 (a 台账) reports."""
    s = tmp_path / "reports"
    shutil.copytree(STORE, s, ignore=lambda d, names: [n for n in names
                                                       if n.startswith(("盐田区", "龙华区"))])
    return s


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
    assert f"{(tmp_path / 'typo.xlsx').resolve()}: --discard-edits names no workbook" in err, err
    assert cut.read_bytes() == truncated and bad.with_name(f"{bad.stem}.1.bak.xlsx").is_file()
    code, _, err = yoy("run", "--store", store, "--out", out, "--jobs", "1", "--discard-edits")
    assert code == 0 and cut.with_name(f"{cut.stem}.1.bak.xlsx").read_bytes() == truncated, err
