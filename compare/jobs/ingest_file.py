"""`yoy ingest`: read a file of any format, parse it, store the report and its raw source."""
from __future__ import annotations

from pathlib import Path

from compare.files import safe_name
from compare.ingest import ingest_text
from compare.ingest.readers import read_source
from compare.store import report_path, save_report_with_source


def ingest_file(file: str, *, kind: str = "auto", region=None, year=None, url=None, encoding=None,
                store="reports", overwrite: bool = False, max_bytes: int = 20_000_000, templates=None):
    """Read `file`, parse it and store it with its raw source beside the YAML.

    Returns (report, yaml path, whether anything was written).
    """
    if region:
        safe_name(region, "region")  # before anything is read or written
    src = read_source(file, encoding=encoding, max_bytes=max_bytes)
    ext = {"text": "txt", "html": "html", "docx": "docx", "pdf": "pdf"}[src.format]
    report = ingest_text(src.text, kind=kind, region=region, year=year, raw=src.raw, url=url or src.url,
                         title=src.title, published=src.published, where=file, templates=templates,
                         name_hint=None if file == "-" else file)
    path = report_path(Path(store), report.year, report.region, report.kind)
    report.source.file = f"{path.stem}.source.{ext}"
    changed = save_report_with_source(report, path, (path.with_name(report.source.file), src.raw),
                                      overwrite=overwrite, store=Path(store))
    return report, path, changed
