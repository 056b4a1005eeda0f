"""yoy: compare a government unit's yearly reports year over year.

    >>> from compare import load_report, compare_reports
    >>> cmp = compare_reports(load_report("reports/2022/国务院-gov-work-report.yaml"),
    ...                       load_report("reports/2023/国务院-gov-work-report.yaml"))
"""
__version__ = "0.1.0"

# Resolved on first use so that `yoy --help` does not pay for pydantic, numpy or cn2an.
_API = {"compare_reports": "engine", "ingest_text": "ingest", "load_report": "store"}
__all__ = [*_API, "__version__"]


def __getattr__(name: str):
    if name in _API:
        import importlib
        return getattr(importlib.import_module(f".{_API[name]}", __name__), name)
    raise AttributeError(name)
