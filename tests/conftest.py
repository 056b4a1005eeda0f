import shutil
from pathlib import Path

import pytest

DATA = Path(__file__).parent / "data"
# The raw sources shipped beside the stored reports are the test inputs.
STORE = Path(__file__).parent.parent / "reports"
SEED = STORE / "2021" / "新余市-fazhi.source.txt"


# The regions the repository ships. A user's checkout may hold more reports and reviews
# under reports/: tests read only these, from a copy, so they neither see nor touch the rest.
SHIPPED_REGIONS = ("国务院", "新余市", "盐田区", "龙华区")


def shipped_files() -> list[Path]:
    """The shipped reports and their sources (no reviews, no lock, nothing a user added)."""
    return sorted(p for p in STORE.glob("[0-9]*/*") if p.is_file() and p.name.startswith(SHIPPED_REGIONS))


def copy_store(dest: Path, regions: tuple[str, ...] = SHIPPED_REGIONS) -> Path:
    """A copy of the shipped store at `dest` (only `regions`), for tests that read or write a store."""
    for p in shipped_files():
        if p.name.startswith(regions):
            target = dest / p.relative_to(STORE)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(p, target)
    return dest


@pytest.fixture
def store_copy(tmp_path) -> Path:
    return copy_store(tmp_path / "store")


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
