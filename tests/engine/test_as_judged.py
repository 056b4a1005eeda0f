"""One sentence of the plan, one answer (issue 18, item 1): a measure stating a plan target
(今年赤字率拟按2.8%左右安排) has the target's verdict on the 目标 sheet, on the sentence it
rests on."""
from compare.engine import compare_reports
from compare.engine.track import track_commitments
from compare.kinds import load_kind
from compare.store import load_report

KIND = load_kind("gov-work-report")


def _pair(region: str, year: int):
    return (load_report(f"reports/{year}/{region}-gov-work-report.yaml"),
            load_report(f"reports/{year + 1}/{region}-gov-work-report.yaml"))


def _deficit_row(rows):
    return next(r for r in rows if r.text.startswith("今年赤字率拟按2.8%左右安排"))


def test_a_measure_stating_a_met_target_is_delivered_on_the_verdicts_sentence():
    cmp = compare_reports(*_pair("国务院", 2022))
    target = next(t for t in cmp.targets if t.indicator == "赤字率")
    assert (target.verdict, target.actual) == ("met", 2.8)
    row = _deficit_row(cmp.commitments)
    assert row.status == "delivered"
    assert row.evidence[0].text == target.actual_text
    assert target.actual_text == "财政赤字率控制在2.8%，中央财政收支符合预算、支出略有结余。"
    assert row.evidence[0].location.startswith("2023年报告 ")
    assert row.matched == "赤字率" and row.reported == ["控制在2.8%"]
    assert not row.to_verify


def test_a_missed_target_makes_its_measure_partial_and_no_target_leaves_it_as_decided():
    old, new = _pair("国务院", 2022)
    targets = compare_reports(old, new).targets
    missed = [t.model_copy(update={"verdict": "missed", "actual": 3.4})
              if t.indicator == "赤字率" else t for t in targets]
    assert _deficit_row(track_commitments(old, new, KIND, targets=missed)).status == "partial"
    # a target of the same indicator at another figure is another sentence's: it decides nothing
    other = [t.model_copy(update={"text": "今年赤字率拟按3%左右安排", "low": 3.0, "high": 3.0})
             if t.indicator == "赤字率" else t for t in missed]
    assert (_deficit_row(track_commitments(old, new, KIND, targets=other))
            == _deficit_row(track_commitments(old, new, KIND)))
    # a target not reported decides nothing: the part is as the tracker decided it
    silent = [t.model_copy(update={"verdict": "not_reported", "actual": None}) for t in targets]
    assert (_deficit_row(track_commitments(old, new, KIND, targets=silent))
            == _deficit_row(track_commitments(old, new, KIND)))


def test_every_part_stating_a_judged_target_agrees_with_it():
    agreed = 0
    for region, years in (("国务院", (2021, 2022)), ("盐田区", (2020, 2021, 2022, 2023, 2024))):
        for year in years:
            cmp = compare_reports(*_pair(region, year))
            judged = [t for t in cmp.targets if t.verdict != "not_reported"
                      and t.actual is not None]
            for row in cmp.commitments:
                for part in row.parts:
                    t = next((t for t in judged if part.planned and t.indicator in part.text
                              and part.planned in t.text), None)
                    if part.checked and t is not None and part.evidence is not None \
                            and t.actual_text == part.evidence.text:
                        assert part.status == ("delivered" if t.verdict == "met" else "partial")
                        agreed += 1
    assert agreed >= 1
