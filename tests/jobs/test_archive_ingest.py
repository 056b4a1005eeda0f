"""A folder of archive files and a district's years ingested as a user would (ninth session's
review, docs/reviews.md): the kind from the file name, a year the text and the file name disagree
on, a refusal naming the input, the same report from another copy, overrides the text
contradicts. The archive files are tests/data/gov-work-report-archive (copied from the corpus)."""
import shutil

from click.testing import CliRunner

from compare.cli import main
from tests.support import DATA, local2

ARCHIVE = DATA / "gov-work-report-archive"


def yoy(*args):
    result = CliRunner().invoke(main, [str(a) for a in args])
    return result.exit_code, result.stdout, result.stderr


def test_an_archive_file_opening_without_a_title_is_known_by_its_file_name(tmp_path):
    """国务院政府工作报告-1956.txt opens with its first heading, no title line and no 向大会报告:
    its file name names the kind, the README's last fallback."""
    code, out, err = yoy("ingest", ARCHIVE / "国务院政府工作报告-1956.txt", "--store", tmp_path / "s")
    assert code == 0 and "1956/国务院-gov-work-report.yaml" in out, err
    renamed = tmp_path / "1956.txt"
    shutil.copy(ARCHIVE / "国务院政府工作报告-1956.txt", renamed)
    code, _, err = yoy("ingest", renamed, "--store", tmp_path / "t")
    assert code == 2 and "cannot tell the report kind from its title, its opening or the file " \
                         "name; pass --kind" in err, err
