"""Doctests (docs/api.md, compare/views.py) run from the checkout's root, as their paths say;
the views' examples share one comparison, built as their module docstring shows."""
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent


@pytest.fixture(scope="session")
def _example_comparison():
    from compare import compare_reports, load_report
    return compare_reports(load_report(ROOT / "reports/2022/国务院-gov-work-report.yaml"),
                           load_report(ROOT / "reports/2023/国务院-gov-work-report.yaml"))


@pytest.fixture(autouse=True)
def _doctest_setup(request, monkeypatch):
    if isinstance(request.node, pytest.DoctestItem):
        from compare import views
        monkeypatch.chdir(ROOT)
        request.node.dtest.globs.setdefault("views", views)
        if request.node.dtest.name.startswith("compare.views."):
            request.node.dtest.globs["cmp"] = request.getfixturevalue("_example_comparison")
