"""Doctests (docs/api.md, the modules' docstrings) run from the checkout's root, as their paths
say; each example builds what it uses (tests/test_docs.py runs them as `python -m doctest` does)."""
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent


@pytest.fixture(autouse=True)
def _doctest_setup(request, monkeypatch):
    if isinstance(request.node, pytest.DoctestItem):
        monkeypatch.chdir(ROOT)
