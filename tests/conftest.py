from pathlib import Path

import pytest

from tests.support import SEED, copy_store, sc


@pytest.fixture
def store_copy(tmp_path) -> Path:
    return copy_store(tmp_path / "store")


@pytest.fixture(scope="session")
def seed():
    from compare.ingest import ingest_text
    return ingest_text(SEED.read_text(encoding="utf-8"), kind="fazhi")


@pytest.fixture(scope="session")
def state_council():
    from compare.ingest import ingest_text
    return {y: ingest_text(sc(y).read_text(encoding="utf-8"), kind="gov-work-report",
                           region="国务院")
            for y in (2021, 2022, 2023)}


@pytest.fixture(scope="session")
def other_formats(tmp_path_factory):
    """Every shipped raw source as .docx, .pdf (LibreOffice from the .docx, in one
    run) and a web page, made once a session: {source path: {format: file}}, each file named
    report.<ext> in its own folder so no file name hints at region or year."""
    from compare.ingest import ingest_text
    from tests.support import as_docx, as_pdf, as_web_page, needs_writer, shipped_files
    needs_writer()
    root = tmp_path_factory.mktemp("formats")
    sources = [p for p in shipped_files() if ".source." in p.name]
    out: dict = {}
    for n, src in enumerate(sources):
        folder = root / str(n)
        folder.mkdir()
        text = src.read_text(encoding="utf-8")
        report = ingest_text(text, kind="fazhi" if "fazhi" in src.name else "gov-work-report")
        (folder / "report.txt").write_text(text, encoding="utf-8")
        (folder / "report.html").write_text(
            as_web_page(text, report.title, report.published, report.issuer), encoding="utf-8")
        out[src] = {"txt": folder / "report.txt", "docx": as_docx(text, folder / "report.docx"),
                    "html": folder / "report.html"}
    # one LibreOffice run for all: each under a name of its own, then beside its sources
    named = [f["docx"].rename(root / f"report-{n}.docx") for n, f in enumerate(out.values())]
    for files, docx, pdf in zip(out.values(), named, as_pdf(named, root), strict=True):
        files["docx"], files["pdf"] = docx.rename(files["docx"]), pdf.rename(
            files["docx"].with_suffix(".pdf"))
    return out
