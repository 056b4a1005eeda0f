"""bench/fit.py: the fitted decisions learn from the signals the engine will read."""
import shutil
import subprocess
from types import SimpleNamespace

import numpy as np
import yaml

from tests.support import DATA, ROOT, bench_module, sc


def test_a_labelled_measure_is_read_as_the_engine_reads_its_row(tmp_path):
    """国务院 2021's 启动农村人居环境整治提升五年行动 (a row of one part, labelled delivered):
    the fit reads it among 2021's other parts, so its closest sentences of 2022's review and their
    signals are those the engine reads for that row. Read alone, the words it shares with the plan's
    other parts (启动, 行动, 提升) were rare, and the model learnt from signals it never meets."""
    from compare.engine.rules import read_parts
    from compare.engine.track import parts_of, review_pool
    from compare.kinds import load_kind

    for year in (2021, 2022):
        shutil.copy(sc(year), tmp_path / f"国务院政府工作报告-{year}.txt")
    quote = "启动农村人居环境整治提升五年行动"
    gold = tmp_path / "gold.yaml"
    gold.write_text(yaml.safe_dump({"pairs": [{"plan": 2021, "outcome": 2022, "measures": [
        {"id": "m15", "plan_quote": quote, "status": "delivered",
         "evidence_quotes": ["启动乡村建设行动"]}]}]}, allow_unicode=True), encoding="utf-8")
    fit = bench_module("fit")
    (labelled,) = fit.measures_of([gold], corpus=tmp_path)
    old, new = next(fit.pairs_of(yaml.safe_load(gold.read_text(encoding="utf-8")), tmp_path))[1:3]
    kind = load_kind(old.kind)
    flat = [pc for c in old.commitments for pc in parts_of(c, kind)]
    (k,) = [k for k, (p, _) in enumerate(flat) if quote in p.text]
    engine = read_parts(flat, review_pool(new, kind), kind)[k]
    assert labelled.reading.candidates == engine.candidates
    assert np.allclose(labelled.reading.features, engine.features)
    assert labelled.reading.topic["cosine"] == engine.topic["cosine"]


def test_a_fitted_model_says_what_it_was_fitted_on_and_at(tmp_path):
    """bench/fit.py writes, with the pairs, how many labelled measures they held and the commit of
    the code that read them (a pair's labels grow, and the fit reads a measure as that code's
    engine does); compare/engine/model.py reads both back, and a model written before them
    reads as fitted on 0 measures at no known commit."""
    from compare.engine.model import from_dict, shipped, to_dict
    for year in (2021, 2022):
        shutil.copy(sc(year), tmp_path / f"国务院政府工作报告-{year}.txt")
    labels = yaml.safe_load((DATA / "measures-2021-2022.yaml").read_text(encoding="utf-8"))
    gold = tmp_path / "gold.yaml"
    gold.write_text(yaml.safe_dump({"pairs": [{"plan": 2021, "outcome": 2022,
                                               "measures": labels["measures"]}]},
                                   allow_unicode=True), encoding="utf-8")
    out = tmp_path / "model.yaml"
    fit = bench_module("fit")
    assert fit.main([str(gold), "--out", str(out), "--corpus", str(tmp_path)]) == 0
    text = out.read_text(encoding="utf-8")
    model = from_dict(yaml.safe_load(text))
    described = subprocess.run(["git", "describe", "--always", "--dirty"], cwd=ROOT,
                               capture_output=True, text=True, check=True).stdout.strip()
    assert (model.fitted_measures, model.fitted_at) == (len(labels["measures"]), described)
    assert f"at {described} on the {len(labels['measures'])} labelled" in text.splitlines()[0]
    assert model.fitted_on == ("国务院 国务院政府工作报告-2021→国务院政府工作报告-2022",)
    old = {k: v for k, v in to_dict(shipped()).items() if k not in ("fitted_at", "fitted_measures")}
    assert (from_dict(old).fitted_measures, from_dict(old).fitted_at) == (0, "")


def test_the_fit_leaves_the_status_decision_on_and_scores_its_band_held_out(monkeypatch):
    """bench/fit.py (method21): the status decision decides, the four of round 1 left to the rules,
    whatever the rows (chosen leave-one-unit-out: choosing among them leave-one-pair-out flattered
    the round-1 models); the verify band is read off each pair scored by the model without it."""
    from dataclasses import replace as with_

    from compare.engine.model import shipped
    fit = bench_module("fit")
    rows = [fit.Labelled(p, "delivered", None, []) for p in ("a", "a", "b", "c")]
    loose = with_(shipped(), ranked_by="model", reported_by="model", delivered_by="model",
                  topic_by="model", status_by="rules")
    seen: list[tuple] = []

    def fitted(subset):
        return with_(loose, fitted_on=tuple(sorted({r.pair for r in subset})))

    def decide(reading, review, kind, model, notes):
        seen.append((model.fitted_on, model.status_by, model.ranked_by, model.reported_by,
                     model.delivered_by, model.topic_by))
        return SimpleNamespace(status="delivered", score=0.9 if len(seen) % 2 else 0.3)
    monkeypatch.setattr(fit, "decide", decide)
    m = fit.fit(rows, fitted)
    assert (m.status_by, m.ranked_by, m.reported_by, m.delivered_by, m.topic_by) == (
        "model", "rules", "rules", "rules", "rules")
    assert m.fitted_on == ("a", "b", "c")
    assert [s[0] for s in seen] == [("b", "c"), ("b", "c"), ("a", "c"), ("a", "b")]
    assert {s[1:] for s in seen} == {("model", "rules", "rules", "rules", "rules")}
    assert m.verify_below == 0.3  # every status right: the lowest score
