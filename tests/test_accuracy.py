"""bench/accuracy.py: the harness behind `make accuracy` scores what it claims to."""
import shutil

import pytest

from tests.support import DATA, bench_module, sc

accuracy = bench_module("accuracy")


def test_overlap_needs_a_shared_passage():
    assert accuracy.overlaps("全年城镇新增就业1269万人，调查失业率5.1%。", "城镇新增就业1269万人")
    # cited text inside the quote
    assert accuracy.overlaps("新增就业1269万人", "城镇新增就业1269万人，调查失业率5.1%")
    assert not accuracy.overlaps("全年城镇新增就业1269万人。", "粮食产量1.37万亿斤")
    # a few common characters are not a shared passage
    assert not accuracy.overlaps("推进国家实验室建设", "加强全国重点实验室建设工作")


def test_a_quote_copied_with_full_width_figures_meets_the_ingested_text():
    """Archive reports print figures full width (外商直接投资４６８亿美元); ingest normalises
    them, and a labeller's quote copied from the corpus file must still meet the sentence yoy
    cites."""
    quote = "外商直接投资４６８亿美元，增长１４．９％"
    assert accuracy.overlaps("外商直接投资468亿美元，增长14.9%。", quote)
    plan = ["要使粮食总产量稳定在49250万吨。"]
    assert accuracy.holding("粮食总产量稳定在４９２５０万吨", plan) == 0


def test_a_measure_is_found_only_inside_a_short_enough_text():
    quote = "深入实施国企改革三年行动"
    assert accuracy.holding(quote, ["别的", "要" + quote + "。"]) == 1
    # a whole section is not one measure
    assert accuracy.holding(quote, ["x" * 200 + quote]) is None
    # zero-width spaces ignored
    assert accuracy.holding(quote, ["深入实施国企改革\u200b三年行动，加快"]) == 0
    # a short quote made unique by the comma after it is the problem without it
    assert accuracy.holding("货币信贷投放过多，", ["国际收支不平衡", "货币信贷投放过多"]) == 1
    assert accuracy.holding("货币信贷投放过多，国际", ["货币信贷投放过多"]) is None


def test_a_problem_quoted_with_its_neighbour_clause_is_found_as_the_longer():
    problems = ["相互推诿", "办事效率低下", "效率"]
    assert accuracy.covering("相互推诿，办事效率低下", problems) == 1
    assert accuracy.covering("办事效率低下", problems) == 1
    # a problem less than half of the quote is not it
    assert accuracy.covering("相互推诿，办事效率低下，服务意识不强", ["效率低下"]) is None


@pytest.fixture
def corpus(tmp_path):
    for year in (2021, 2022, 2023):
        shutil.copy(sc(year), tmp_path / f"国务院政府工作报告-{year}.txt")
    return tmp_path


def test_target_figures_on_the_state_council_gold(corpus, capsys):
    assert accuracy.main([str(DATA / "gov-work-report-targets.yaml"), "--corpus", str(corpus)]) == 0
    out = capsys.readouterr().out.splitlines()
    overall = next(line for line in out if line.strip().startswith("targets:"))
    assert "targets found 11/11" in overall and "verdict right 11/11" in overall


def test_a_wrong_gold_verdict_is_counted_wrong(corpus, tmp_path, capsys):
    gold = (DATA / "gov-work-report-targets.yaml").read_text(encoding="utf-8")
    bad = tmp_path / "bad.yaml"
    bad.write_text(gold.replace("actual: 8.1, verdict: met", "actual: 8.1, verdict: missed"),
                   encoding="utf-8")
    assert accuracy.main([str(bad), "--corpus", str(corpus)]) == 0
    overall = next(line for line in capsys.readouterr().out.splitlines()
                   if line.strip().startswith("targets:"))
    assert "verdict right 10/11" in overall


def test_no_gold_is_a_clean_error(tmp_path, capsys):
    assert accuracy.main([str(tmp_path), "--corpus", str(tmp_path)]) == 2
    assert capsys.readouterr().err.startswith("accuracy: error:")


def test_evidence_on_r_rows_leaves_out_a_slogan_yoy_makes_no_row_of():
    # 海拉尔区 2012→13: a slogan (S) the labeller quoted evidence for, which yoy rightly makes no
    # row of; and 广东省 2023→24: a real measure (R) cited by the label's sentence
    from types import SimpleNamespace as NS
    cited = "退役军人服务保障不断增强，拥军优属力度持续加大。"
    row = NS(text="加强军人军属荣誉激励和权益保障，营造全社会尊军崇军浓厚氛围", status="partial",
             evidence=[NS(text=cited)], parts=[])
    pair = {"measures": [
        {"plan_quote": "加强军人军属荣誉激励和权益保障", "status": "partial", "quality": "R",
         "evidence_quotes": ["退役军人服务保障不断增强"]},
        {"plan_quote": "今年的目标任务繁重而艰巨，对政府工作提出了新的更高的要求",
         "status": "delivered", "quality": "S",
         "evidence_quotes": ["政务公开、廉政建设和效能建设取得新实效"]}]}
    t = accuracy.score_measures(pair, NS(commitments=[row], shortcomings=[]), NS(walk=lambda: []))
    assert t.counts["evidence top-1"] == [1, 2]
    assert t.counts["evidence top-1 on R rows"] == [1, 1]


def test_pairs_scored_in_several_processes_print_in_the_gold_order(corpus, capsys):
    """`--jobs`: the pairs are scored in a pool, and printed, and summed, in the gold's order."""
    gold = str(DATA / "gov-work-report-targets.yaml")
    assert accuracy.main([gold, "--corpus", str(corpus), "--jobs", "1"]) == 0
    alone = capsys.readouterr().out
    assert accuracy.main([gold, "--corpus", str(corpus), "--jobs", "2"]) == 0
    pooled = capsys.readouterr().out
    labels = [line.split(":")[0] for line in alone.splitlines() if "→" in line]
    assert len(labels) >= 2 and labels == sorted(labels)  # 2021→2022 before 2022→2023
    assert pooled == alone


def test_a_kept_leave_one_pair_out_model_is_the_one_fitted_from_the_same_inputs(tmp_path,
                                                                               monkeypatch):
    """bench/.cache: a model fitted once is read back (not refitted) while nothing it was fitted
    from changed, equal to the one fitted; a changed gold file is another key (refitted)."""
    from compare.engine.model import shipped
    fit = bench_module("fit")
    gold = tmp_path / "gold.yaml"
    gold.write_text("pairs: []\n", encoding="utf-8")
    fitted: list[str] = []
    model = shipped()
    monkeypatch.setattr(fit, "measures_of", lambda files, corpus: [])
    monkeypatch.setattr(fit, "fit", lambda rows, fit_models: fitted.append("fit") or model)
    cache, corpus = tmp_path / "cache", tmp_path / "corpus"
    corpus.mkdir()
    first = accuracy._lopo_fitter(cache, [gold], corpus)("a pair")
    again = accuracy._lopo_fitter(cache, [gold], corpus)("a pair")
    assert (first, again, fitted) == (model, model, ["fit"])
    assert again is not model  # read back from the disk
    key = accuracy.lopo_inputs([gold], corpus)
    gold.write_text("pairs: [] # relabelled\n", encoding="utf-8")
    assert accuracy.lopo_inputs([gold], corpus) != key
    accuracy._lopo_fitter(cache, [gold], corpus)("a pair")
    assert fitted == ["fit", "fit"]
    assert [p.name for p in cache.iterdir()] == [accuracy.lopo_inputs([gold], corpus)]


def test_the_leave_one_pair_out_refits_are_remembered_by_their_rows(monkeypatch):
    """fit(rows without a) refits the rows without a and b, as fit(rows without b) does for a:
    the fitter fits each list of rows once (same rows, same fit: sklearn's is deterministic)."""
    fit = bench_module("fit")
    Row = fit.Labelled
    rows = [Row(p, "delivered", None, []) for p in ("a", "b", "c", "d")]
    calls: list[tuple[str, ...]] = []

    def counted(subset):
        calls.append(tuple(r.pair for r in subset))
        return tuple(r.pair for r in subset)

    def lopo(subset, fit_models):
        pairs = sorted({r.pair for r in subset})
        return [fit_models(subset), *(fit_models([r for r in subset if r.pair != h])
                                      for h in pairs)]
    monkeypatch.setattr(fit, "measures_of", lambda files, corpus: rows)
    monkeypatch.setattr(fit, "_fit_models", counted)
    monkeypatch.setattr(fit, "fit", lopo)
    without = accuracy._lopo_fitter(None, [], DATA)
    assert without("a") == [("b", "c", "d"), ("c", "d"), ("b", "d"), ("b", "c")]
    assert without("b")[1] == ("c", "d")
    assert len(calls) == 4 + 3  # ("c", "d") fitted once for a and b


def test_the_lopo_key_leaves_out_the_layers_above_the_engine(tmp_path, monkeypatch):
    """A change to a workbook, a job or the workbooks' template keeps the kept models; one to the
    engine, ingest or a kind's template is another key (a model is never believed over a refit)."""
    accuracy = bench_module("accuracy")
    files = ["compare/engine/rules.py", "compare/ingest/measures.py", "compare/workbook/ledger.py",
             "compare/jobs/plan.py", "compare/views.py", "compare/store/reviews.py",
             "templates/workbook.yaml",
             "templates/kinds/fazhi.yaml", "bench/fit.py", "bench/gold.py"]
    for name in files:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x = 1\n", encoding="utf-8")
    monkeypatch.setattr(accuracy, "ROOT", tmp_path)
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    key = accuracy.lopo_inputs([], corpus)
    for name in files:
        (tmp_path / name).write_text("x = 2\n", encoding="utf-8")
        moved = accuracy.lopo_inputs([], corpus) != key
        assert moved == (name.split("/")[1] not in ("workbook", "jobs", "views.py", "store",
                                                     "workbook.yaml")), name
        key = accuracy.lopo_inputs([], corpus)


def test_the_lopo_key_is_the_codes_meaning_not_its_docs(tmp_path, monkeypatch):
    """A docstring, comment or layout edit in the engine, or a YAML comment in a kind's template,
    keeps the kept models (fifty refits for a word of docs); a changed statement or value is another
    key."""
    accuracy = bench_module("accuracy")
    rules, kind = tmp_path / "compare/engine/rules.py", tmp_path / "templates/kinds/fazhi.yaml"
    for f in (rules, kind):
        f.parent.mkdir(parents=True, exist_ok=True)
    rules.write_text('"""The rules."""\n\n\ndef f():\n    """Say one."""\n    return 1\n', "utf-8")
    kind.write_text("cues: [了]  # why\n", encoding="utf-8")
    monkeypatch.setattr(accuracy, "ROOT", tmp_path)
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    key = accuracy.lopo_inputs([], corpus)
    rules.write_text('"""The rules, read again."""\n# a comment\ndef f():\n    return 1  # one\n',
                     encoding="utf-8")
    kind.write_text("# a comment\ncues:\n  - 了\n", encoding="utf-8")
    assert accuracy.lopo_inputs([], corpus) == key
    rules.write_text('def f():\n    return 2\n', encoding="utf-8")
    assert accuracy.lopo_inputs([], corpus) != key
    rules.write_text('def f():\n    return 1\n', encoding="utf-8")
    assert accuracy.lopo_inputs([], corpus) == key
    kind.write_text("cues: [了, 已]\n", encoding="utf-8")
    assert accuracy.lopo_inputs([], corpus) != key


def test_a_unit_is_a_region_or_the_state_councils_era():
    """louo's units: a region's pairs are one unit whatever their years; the State Council's by
    era of the plan year (1992–2002 one, split from 2003–2012 at the change of government)."""
    assert accuracy.unit_of("盐田区", 2020) == accuracy.unit_of("盐田区", 2024) == "盐田区"
    assert accuracy.unit_of("国务院", 1992) == accuracy.unit_of("国务院", 2002)
    assert accuracy.unit_of("国务院", 2002) != accuracy.unit_of("国务院", 2003)
    assert accuracy.unit_of("国务院", 2003) == accuracy.unit_of("国务院", 2011)
    assert accuracy.unit_of("国务院", 1959) != accuracy.unit_of("国务院", 1978)
    assert accuracy.unit_of("国务院", 2011) != accuracy.unit_of("国务院", 2021)
    assert accuracy.unit_of("国务院", 2022) == "国务院 2013–"


def test_a_leave_one_unit_out_model_never_sees_a_pair_of_its_unit(tmp_path, monkeypatch):
    """louo: each pair is scored by a model fitted without every labelled pair of its unit (its
    region's other years and the State Council's pairs of its era, in any gold file: the shared
    gold's 2009→10 and the dev gold's 2003→04 are one unit) and with every other unit's."""
    fit = bench_module("fit")
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name in [*(f"国务院政府工作报告-{y}" for y in (1997, 1998, 2002, 2003, 2004, 2009, 2010)),
                 *(f"盐田区-{y}" for y in (2021, 2022, 2023))]:
        (corpus / f"{name}.txt").write_text("x\n", encoding="utf-8")
    shared, dev = tmp_path / "shared.yaml", tmp_path / "dev.yaml"
    shared.write_text("pairs:\n- {plan: 2009, outcome: 2010}\n"
                      "- {region: 盐田区, plan_year: 2021, plan_report: 盐田区-2021.txt, "
                      "review_report: 盐田区-2022.txt}\n", encoding="utf-8")
    dev.write_text("pairs:\n- {plan: 1997, outcome: 1998}\n- {plan: 2002, outcome: 2003}\n"
                   "- {plan: 2003, outcome: 2004}\n"
                   "- {region: 盐田区, plan_year: 2022, plan_report: 盐田区-2022.txt, "
                   "review_report: 盐田区-2023.txt}\n", encoding="utf-8")
    units = accuracy.units([shared, dev], corpus)
    assert len(units) == 6 and len(set(units.values())) == 3
    rows = [fit.Labelled(label, "delivered", None, []) for label in units]
    monkeypatch.setattr(fit, "measures_of", lambda files, corpus: rows)
    monkeypatch.setattr(fit, "fit", lambda subset, fit_models: sorted({r.pair for r in subset}))
    monkeypatch.setattr(accuracy, "_UNITS", dict(units))
    monkeypatch.setattr(accuracy, "_LOPO", [accuracy._lopo_fitter(None, [shared, dev], corpus)])
    for label, unit in units.items():
        seen = accuracy._louo(label)
        assert seen == sorted(k for k, u in units.items() if u != unit), label
    assert accuracy._lopo(next(iter(units))) == sorted(units)[1:]  # lopo: only the pair itself


def test_a_units_kept_model_is_keyed_by_its_pairs_and_a_pairs_stays_the_lopo_one(tmp_path,
                                                                                 monkeypatch):
    """bench/.cache: the model without a unit's pairs is read back whatever their order; the model
    without one pair is the leave-one-pair-out model's file (kept lopo models stay valid), not the
    unit's."""
    fit = bench_module("fit")
    fitted: list[tuple[str, ...]] = []
    rows = [fit.Labelled(p, "delivered", None, []) for p in ("a", "b", "c")]
    monkeypatch.setattr(fit, "measures_of", lambda files, corpus: rows)
    monkeypatch.setattr(fit, "fit", lambda subset, fit_models: fitted.append(
        tuple(r.pair for r in subset)) or fitted[-1])
    cache, corpus = tmp_path / "cache", tmp_path / "corpus"
    corpus.mkdir()
    assert accuracy._lopo_fitter(cache, [], corpus)(frozenset({"a", "b"})) == ("c",)
    assert accuracy._lopo_fitter(cache, [], corpus)(frozenset({"b", "a"})) == ("c",)
    assert accuracy._lopo_fitter(cache, [], corpus)("a") == ("b", "c")
    assert accuracy._lopo_fitter(cache, [], corpus)(frozenset({"a"})) == ("b", "c")
    assert fitted == [("c",), ("b", "c")]


def test_make_accuracy_scores_louo_by_the_model_without_the_whole_unit(corpus, tmp_path,
                                                                        monkeypatch, capsys):
    """`--variants louo`: the pair is scored by the model fitted without every labelled pair of its
    unit (here another 国务院 pair of its era, from no gold file scored), and its unit's figures
    print before the overall ones."""
    import yaml
    pair = yaml.safe_load((DATA / "measures-2021-2022.yaml").read_text(encoding="utf-8"))
    pair["measures"] = [{**g, "quality": "R"} for g in pair["measures"][:3]]
    gold = tmp_path / "gold.yaml"
    gold.write_text(yaml.safe_dump({"pairs": [pair]}, allow_unicode=True), encoding="utf-8")
    label = "国务院 国务院政府工作报告-2021→国务院政府工作报告-2022"
    asked: list[frozenset] = []
    units = {label: "国务院 2013–", "国务院 another": "国务院 2013–", "盐田区 a pair": "盐田区"}
    monkeypatch.setattr(accuracy, "_UNITS", units)
    monkeypatch.setattr(accuracy, "_LOPO", [lambda held: asked.append(held)])  # the rules
    assert accuracy.main([str(gold), "--corpus", str(corpus), "--variants", "louo,rules",
                          "--jobs", "1"]) == 0
    assert set(asked) == {frozenset({label, "国务院 another"})}
    out = capsys.readouterr().out
    by_unit = out.split("== by unit")[1].split("== overall")[0]
    assert "国务院 2013– (1 pairs), status on R rows: louo " in by_unit and "rules " in by_unit
