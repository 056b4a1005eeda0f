from pathlib import Path

import pytest

DATA = Path(__file__).parent / "data"
SEED = DATA / "新余市-2021年度法治政府建设情况.txt"


def sc(year: int) -> Path:
    return DATA / f"国务院政府工作报告-{year}.txt"


@pytest.fixture(scope="session")
def seed():
    from compare.ingest import ingest_text
    return ingest_text(SEED.read_text(encoding="utf-8"), kind="fazhi")


@pytest.fixture(scope="session")
def state_council():
    from compare.ingest import ingest_text
    return {y: ingest_text(sc(y).read_text(encoding="utf-8"), kind="gov-work-report", region="国务院")
            for y in (2021, 2022, 2023)}
