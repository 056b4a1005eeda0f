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
    return {y: ingest_text(sc(y).read_text(encoding="utf-8"), kind="gov-work-report", region="国务院")
            for y in (2021, 2022, 2023)}
