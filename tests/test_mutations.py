"""bench/mutations.yaml stays applicable: a mutant whose snippet the code no longer holds is
reported `stale` by `make mutate` and tests nothing, so a move or a rewrite must carry it along."""
from __future__ import annotations

import yaml

from tests.support import ROOT


def test_every_listed_mutation_applies_to_its_file_once():
    mutations = yaml.safe_load((ROOT / "bench" / "mutations.yaml").read_text(encoding="utf-8"))
    stale = [(m["name"], m["file"], (ROOT / m["file"]).read_text(encoding="utf-8").count(m["old"]))
             for m in mutations
             if (ROOT / m["file"]).read_text(encoding="utf-8").count(m["old"]) != 1]
    assert not stale, stale
    for m in mutations:
        # no `tests`: the whole suite runs
        assert all((ROOT / t.split("::")[0]).exists() for t in m.get("tests", [])), m["name"]
