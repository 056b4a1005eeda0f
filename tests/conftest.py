from pathlib import Path

import pytest

DATA = Path(__file__).parent / "data"
# The raw sources shipped beside the stored reports are the test inputs.
STORE = Path(__file__).parent.parent / "reports"
SEED = STORE / "2021" / "新余市-fazhi.source.txt"


def sc(year: int) -> Path:
    return STORE / str(year) / "国务院-gov-work-report.source.txt"


@pytest.fixture(scope="session")
def seed():
    from compare.ingest import ingest_text
    return ingest_text(SEED.read_text(encoding="utf-8"), kind="fazhi")


@pytest.fixture(scope="session")
def state_council():
    from compare.ingest import ingest_text
    return {y: ingest_text(sc(y).read_text(encoding="utf-8"), kind="gov-work-report", region="国务院")
            for y in (2021, 2022, 2023)}
