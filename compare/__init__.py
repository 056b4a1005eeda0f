"""yoy: compare a government unit's yearly reports year over year.

The Python API (docs/api.md has the tour):

    ingest_file(path, …)       a report file (text, HTML, .docx, PDF) → Report; nothing stored
    ingest_text(text, …)       a report's text → Report
    load_report(path)          a stored report (reports/<year>/<region>-<kind>.yaml) → Report
    compare_reports(old, new)  two consecutive Reports → Comparison
    views                      Comparisons and whole stores → pandas DataFrames
    Report, Comparison         the data objects (pydantic; fields in docs/schema.md)
    YoyError                   what bad input raises: .where, .reason, .hint

    >>> from compare import compare_reports, load_report
    >>> cmp = compare_reports(load_report("reports/2022/国务院-gov-work-report.yaml"),
    ...                       load_report("reports/2023/国务院-gov-work-report.yaml"))
    >>> cmp.old.year, cmp.new.year, cmp.targets[0].indicator
    (2022, 2023, '国内生产总值')
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from compare.errors import YoyError

__version__ = "0.1.0"

# Each name's module, imported on first use so that `yoy --help` does not pay for pydantic,
# numpy or pandas; __dir__ lists them for pydoc and completion, TYPE_CHECKING for IDEs and mypy.
_LAZY = {"ingest_file": "compare.ingest", "ingest_text": "compare.ingest",
         "load_report": "compare.store",
         "compare_reports": "compare.engine", "views": "compare.views",
         "Report": "compare.schema", "Comparison": "compare.schema"}
__all__ = ["ingest_file", "ingest_text", "load_report", "compare_reports", "views", "Report",
           "Comparison",
           "YoyError", "__version__"]

if TYPE_CHECKING:
    from compare import views
    from compare.engine import compare_reports
    from compare.ingest import ingest_file, ingest_text
    from compare.schema import Comparison, Report
    from compare.store import load_report


def __getattr__(name: str):
    if name not in _LAZY:
        raise AttributeError(f"module 'compare' has no attribute {name!r}")
    import importlib
    module = importlib.import_module(_LAZY[name])
    value = module if module.__name__ == f"compare.{name}" else getattr(module, name)
    globals()[name] = value  # looked up once
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
