"""The package's public names: importable as docs/api.md shows, listed for pydoc and IDEs, and
loaded only when used, so that `yoy --help` stays instant."""
import subprocess
import sys

import compare

HEAVY = ("pydantic", "pandas", "numpy", "yaml", "rapidfuzz", "openpyxl", "xlsxwriter")


def fresh(code: str) -> str:
    """What `code` prints in a new interpreter, where no test has imported anything yet."""
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def test_the_api_names_are_listed_and_resolve():
    assert fresh("import compare; print(sorted(set(compare.__all__) - set(dir(compare))))") == "[]"
    for name in compare.__all__:
        assert getattr(compare, name) is not None, name
    from compare import views
    from compare.engine import compare_reports
    from compare.ingest import ingest_file
    assert (compare.views, compare.compare_reports, compare.ingest_file) == (
        views, compare_reports, ingest_file)


def test_pydoc_shows_the_api_with_its_docstrings():
    page = fresh(
        "import pydoc, compare; print(pydoc.render_doc(compare, renderer=pydoc.plaintext))")
    for name in ("compare_reports(", "ingest_file(", "load_report(", "ingest_text(", "class Report",
                 "class YoyError"):
        assert name in page, name
    assert "Read a report file (text, HTML, .docx, PDF" in page  # ingest_file's own docstring


def test_importing_the_package_and_the_cli_loads_nothing_heavy():
    assert fresh("import sys, compare, compare.cli; "
                 "print(sorted({m.split('.')[0] for m in sys.modules} "
                 f"& set({HEAVY!r})))") == "[]"
