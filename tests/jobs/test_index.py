"""The store index `yoy run` plans from: signatures, incremental refresh, duplicates, pairs."""
import shutil

import pytest

import compare.jobs.index
from compare.jobs.index import Entry, gaps, plan_pairs, refresh_index, usable
from tests.support import STORE


@pytest.fixture
def store(tmp_path):
    """The shipped 国务院 and 新余市 reports."""
    s = tmp_path / "reports"
    shutil.copytree(STORE, s, ignore=lambda d, names: [n for n in names
                                                       if n.startswith(("盐田区", "龙华区"))])
    return s


def counting(monkeypatch) -> list[str]:
    """Record every file the index parses."""
    seen: list[str] = []
    real = compare.jobs.index.read_entry

    def spy(store, rel, *cache):
        seen.append(rel)
        return real(store, rel, *cache)
    monkeypatch.setattr(compare.jobs.index, "read_entry", spy)
    return seen


def test_index_reads_a_file_once_until_it_changes(store, tmp_path, monkeypatch):
    seen = counting(monkeypatch)
    first = refresh_index(store, tmp_path / "out")
    assert sorted(seen) == ["2021/国务院-gov-work-report.yaml", "2021/新余市-fazhi.yaml",
                            "2022/国务院-gov-work-report.yaml", "2023/国务院-gov-work-report.yaml"]
    e = next(x for x in first if x.path == "2022/国务院-gov-work-report.yaml")
    assert (e.region, e.kind, e.year, e.review_year, e.plan_year, e.error) == (
        "国务院", "gov-work-report", 2022, 2021, 2022, "")
    seen.clear()
    # unchanged: nothing parsed
    assert refresh_index(store, tmp_path / "out") == first and seen == []
    path = store / "2022" / "国务院-gov-work-report.yaml"
    path.write_bytes(path.read_bytes().replace(b"title: ", b"title: x", 1))
    again = refresh_index(store, tmp_path / "out")
    assert seen == ["2022/国务院-gov-work-report.yaml"]
    changed = next(x for x in again if x.path == e.path)
    assert changed.sha256 != e.sha256 and changed.error == ""


def test_index_of_another_store_is_not_trusted(store, tmp_path, monkeypatch):
    refresh_index(store, tmp_path / "out")
    other = tmp_path / "other"
    shutil.copytree(store, other)
    seen = counting(monkeypatch)
    refresh_index(other, tmp_path / "out")
    assert len(seen) == 4


def test_two_files_for_one_year_refuse_that_year_only(store, tmp_path):
    shutil.copyfile(store / "2022" / "国务院-gov-work-report.yaml",
                    store / "2022" / "国务院-copy.yaml")
    entries, broken = usable(refresh_index(store, tmp_path / "out"))
    assert [f for f, _ in broken] == ["2022/国务院-copy.yaml", "2022/国务院-gov-work-report.yaml"]
    assert "2 files hold 国务院 gov-work-report 2022" in broken[0][1]
    assert sorted(e.path for e in entries) == ["2021/国务院-gov-work-report.yaml",
                                               "2021/新余市-fazhi.yaml",
                                               "2023/国务院-gov-work-report.yaml"]
    assert plan_pairs(entries, store) == []   # 2021→2022 and 2022→2023 both need the refused year


def entry(region: str, year: int, review: int, plan: int) -> Entry:
    return Entry(path=f"{year}/{region}-k.yaml", size=1, mtime_ns=1, ctime_ns=1, inode=1,
                 sha256=f"{region}{year}", region=region, kind="k", year=year,
                 review_year=review, plan_year=plan)


def test_pairs_match_the_all_pairs_definition():
    """The linear plan gives exactly the pairs of the definition (NEW reviews what OLD
    planned, NEW later), including a term-end report that reviews five years and a gap year."""
    entries = [entry(r, y, y - 1, y) for r in ("甲", "乙") for y in (2018, 2019, 2020, 2022)]
    entries += [entry("甲", 2023, 2022, 2023), entry("丙", 2023, 2023, 2023),
                entry("丙", 2024, 2023, 2024)]
    brute = sorted((a.region, a.year, b.year) for a in entries for b in entries
                   if a.series == b.series and b.review_year == a.plan_year and b.year > a.year)
    planned = [(p.region, p.old_year, p.new_year) for p in plan_pairs(entries)]
    assert planned == brute
    assert ("甲", 2020, 2022) not in planned and ("甲", 2022, 2023) in planned \
        and ("丙", 2023, 2024) in planned


# ---- parsed reports kept by content hash (<out>/.yoy-cache) --------------------------------

def _cached_files(cache):
    return sorted(p.name.split(".")[0] for p in cache.rglob("*.json.z"))


def test_a_report_is_parsed_once_then_read_back_from_the_cache(store, tmp_path, monkeypatch):
    import hashlib

    import compare.store
    from compare.store import load_report
    path, cache = store / "2022" / "国务院-gov-work-report.yaml", tmp_path / "cache"
    parsed = load_report(path)
    assert load_report(path, cache) == parsed
    assert _cached_files(cache) == [hashlib.sha256(path.read_bytes()).hexdigest()]

    def no_yaml(*args):
        raise AssertionError("parsed the YAML again")
    monkeypatch.setattr(compare.store, "_parse_report", no_yaml)
    assert load_report(path, cache) == parsed


def test_a_damaged_or_stale_cache_entry_is_never_believed(store, tmp_path):
    from compare.errors import YoyError
    from compare.store import load_report
    path, cache = store / "2022" / "国务院-gov-work-report.yaml", tmp_path / "cache"
    load_report(path, cache)
    (hit,) = cache.rglob("*.json.z")
    hit.write_bytes(b"not zlib")
    # the YAML decides, and the entry is rewritten
    assert load_report(path, cache) == load_report(path)
    assert hit.read_bytes() != b"not zlib"
    path.write_bytes(path.read_bytes().replace(b"title: ", b"title: x", 1))
    assert load_report(path, cache).title.startswith("x")    # another content, another entry
    assert len(_cached_files(cache)) == 2
    moved = store / "2023" / path.name  # the folder check holds for a cached report too
    moved.write_bytes(path.read_bytes())
    with pytest.raises(YoyError, match="in the folder 2023"):
        load_report(moved, cache)


def test_a_template_is_read_back_from_the_parse_cache_as_its_yaml_gives_it(tmp_path, monkeypatch):
    """Inside files.kept_in, a template (here the kind's, whose congress terms are keyed by
    numbers) is parsed once, then read back from the cache as the same data, without its YAML;
    an altered entry is never believed, and outside kept_in nothing is kept."""
    import compare.files
    from compare.files import PARSED, kept_in, load_yaml
    from compare.kinds import template_file
    path, cache = template_file("kinds/gov-work-report.yaml"), tmp_path / "cache"
    parsed = load_yaml(path)
    assert 1 in parsed["congress"]["terms"]  # a key JSON would have turned into text
    load_yaml(path, keep=True)
    assert not cache.exists()
    with kept_in(cache):
        assert load_yaml(path, keep=True) == parsed
        load_yaml(path)  # not asked to keep: a review or plan entry a person typed
    (entry,) = (cache / PARSED).iterdir()

    def no_yaml(*args):
        raise AssertionError("parsed the YAML again")
    with monkeypatch.context() as m:
        m.setattr(compare.files, "_parsed", no_yaml)
        with kept_in(cache):
            assert load_yaml(path, keep=True) == parsed
    entry.write_bytes(entry.read_bytes().replace(b"gov-work-report", b"other-kind-xyz"))
    with kept_in(cache):
        assert load_yaml(path, keep=True) == parsed
    assert b"other-kind-xyz" not in entry.read_bytes()  # rewritten from the YAML


def test_a_run_keeps_one_parsed_copy_per_stored_report(store, tmp_path):
    import hashlib

    from compare.jobs.run import run_store
    from compare.store import CACHE, report_files
    out = tmp_path / "out"

    def stored():
        return sorted(hashlib.sha256(p.read_bytes()).hexdigest() for p in report_files(store))
    run_store(store, out)
    assert _cached_files(out / CACHE) == stored()
    path = store / "2022" / "国务院-gov-work-report.yaml"
    path.write_bytes(path.read_bytes().replace(b"title: ", b"title: x", 1))
    run_store(store, out)
    assert _cached_files(out / CACHE) == stored()            # the old copy pruned, the new one kept


# ---- never believed over the store ---------------------------------------------------------

def test_index_sees_an_edit_that_keeps_size_and_mtime(store, tmp_path, monkeypatch):
    from tests.support import edit_in_place
    first = {e.path: e for e in refresh_index(store, tmp_path / "out")}
    seen = counting(monkeypatch)
    edit_in_place(store / "2022" / "国务院-gov-work-report.yaml", "title: 政府工作报告",
                  "title: 政府工作汇报")
    again = {e.path: e for e in refresh_index(store, tmp_path / "out")}
    assert seen == ["2022/国务院-gov-work-report.yaml"]
    path = "2022/国务院-gov-work-report.yaml"
    assert (again[path].size, again[path].mtime_ns) == (first[path].size, first[path].mtime_ns)
    assert again[path].sha256 != first[path].sha256


def test_an_edited_index_is_rebuilt_from_the_store(store, tmp_path, monkeypatch):
    from compare.jobs.index import index_path, load_index
    out = tmp_path / "out"
    first = refresh_index(store, out)
    text = index_path(out).read_text(encoding="utf-8")
    index_path(out).write_text(text.replace('"year":2022', '"year":2023'), encoding="utf-8")
    assert load_index(out, store) == {}
    seen = counting(monkeypatch)
    assert refresh_index(store, out) == first and len(seen) == 4


def test_a_file_whose_read_failed_is_read_again_though_unchanged(store, tmp_path, monkeypatch):
    import dataclasses
    real = compare.jobs.index.read_entry
    failing = "2021/新余市-fazhi.yaml"

    def once(store_, rel, *cache):
        e = real(store_, rel, *cache)
        return (dataclasses.replace(e, error="internal error: MemoryError: ")
                if rel == failing else e)
    monkeypatch.setattr(compare.jobs.index, "read_entry", once)
    assert [f for f, _ in usable(refresh_index(store, tmp_path / "out"))[1]] == [failing]
    monkeypatch.setattr(compare.jobs.index, "read_entry", real)
    seen = counting(monkeypatch)
    assert usable(refresh_index(store, tmp_path / "out"))[1] == [] and seen == [failing]


def test_an_altered_cache_entry_is_never_believed(store, tmp_path):
    import hashlib
    import zlib

    from compare.store import cached_path, load_report
    path, cache = store / "2022" / "国务院-gov-work-report.yaml", tmp_path / "cache"
    load_report(path, cache)
    hit = cached_path(cache, hashlib.sha256(path.read_bytes()).hexdigest())
    sealed = hit.read_bytes()
    altered = zlib.compress(
        zlib.decompress(sealed[32:]).replace("政府工作报告".encode(), "伪造的报告".encode()))
    hit.write_bytes(sealed[:32] + altered)
    assert load_report(path, cache).title == "政府工作报告"
    assert hit.read_bytes() == sealed        # sealed again from the YAML
    other = store / "2023" / "国务院-gov-work-report.yaml"  # another report's entry under this name
    load_report(other, cache)
    hit.write_bytes(cached_path(cache, hashlib.sha256(other.read_bytes()).hexdigest()).read_bytes())
    assert load_report(path, cache).year == 2022


def test_gaps_are_the_stored_reports_no_pair_joins_to_the_next():
    entries = [entry("甲", y, y - 1, y) for y in (1960, 1964, 1965, 1975)] + [
        entry("乙", y, y - 1, y) for y in (2015, 2016)]
    assert gaps(entries, plan_pairs(entries)) == [("甲", "k", 1960, 1964), ("甲", "k", 1965, 1975)]
