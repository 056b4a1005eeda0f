"""Figures a report states for the same thing in two consecutive years.

    metric_changes(old, new, kind)  → one MetricChange per (part, subject, unit)
                                      both reports state once

A figure is compared only with its like: the review part's (what was done in the year reviewed)
with the review part's, the plan part's (what is planned for the coming year) with the plan
part's. Only figures of one year count: a term-end report's five-year passages
(`passages.year_sentences`), clauses with a multi-year cue (年均, 累计…) and sentences naming
another year give none, for a five-year fall (PM2.5浓度下降27.5%) is not a year's.

A figure is the value of the words before it only when it ends its clause (…平均浓度下降9.1%，):
a figure followed by what it counts (中央八项规定, 建成3所学校) counts something those words do
not name. The subject is the whole clause before the figure (`quantities.extract_quantities`),
less the time words opening it (今年, 2022年): the next report names the same figure by another.
"""
from __future__ import annotations

import re
from collections.abc import Iterator

from compare.engine.passages import year_sentences
from compare.ingest.quantities import FALLS, RISES, expand_respectively, extract_quantities
from compare.kinds import Kind
from compare.schema import PLAN_ROLES, MetricChange, MetricPart, Report
from compare.text import CLAUSE_END, arabic_years, chars, is_hanzi, sentences

# Joins a figure to a second one for the same subject (下降3%和2.5%): it still ends its clause.
_JOINS = "和与及或"
_CLAUSE_START = re.compile(chars(CLAUSE_END))
# A year named as the base of a change (比2020年增长, 较2020年) does not move the
# sentence to that year.
_YEAR = re.compile(r"(?<![比较])(\d{4})年")
# Words that say only which way a figure went (同比增长): such a subject borrows the one before it.
_CHANGE_ONLY = re.compile("^(?:同比|比上年|较上年|（[^）]*）|" + "|".join(RISES + FALLS) + ")+$")
# Time words opening a subject (今年拟安排…, 2021年共接收…, 一九五七年的…): the same figure is
# named by another next year.
_CJK_YEAR = "[〇○零一二三四五六七八九]{4}"
_WHEN = re.compile(rf"^(?:(?:\d{{4}}|{_CJK_YEAR}|今|去|全|明|当)年度?|过去一年|一年来|年内|预计)+")


def part_sentences(report: Report, kind: Kind) -> Iterator[tuple[MetricPart, int, str]]:
    """(part, the year it speaks of, sentence) for the sentences whose figures are the year's:
    the review part's that speak of the reviewed year alone, then the plan part's."""
    for sentence, one_year in year_sentences(report, kind):
        if one_year:
            yield "review", report.review_year, sentence
    for s, _ in report.walk():
        if s.role in PLAN_ROLES:
            for paragraph in s.paragraphs:
                for sentence in sentences(paragraph):
                    yield "plan", report.plan_year, sentence


def figures(report: Report, kind: Kind) -> Iterator[tuple[MetricPart, str, str, float]]:
    """(part, subject, unit, value) of every figure that is a value of its subject for one year."""
    several = kind.cues.several_years
    for part, year, printed in part_sentences(report, kind):
        # a year in CJK digits (一九五七年, reports before the 1990s) names one as 1957年 does
        if {int(y) for y in _YEAR.findall(arabic_years(printed))} - {year}:
            continue
        sentence = expand_respectively(printed)
        previous = ""
        for q in extract_quantities(sentence):
            after = sentence[q.end:q.end + 1]
            clause = (sentence[max((m.end() for m in _CLAUSE_START.finditer(sentence, 0, q.start)),
                                   default=0):q.start])
            subject = _WHEN.sub("", q.subject)
            if _CHANGE_ONLY.match(subject) and previous:  # 国内生产总值达到121万亿元，增长3%
                subject = previous + subject
            previous = subject
            # a subject of only 和 (…增长9.8%和8.5%) pairs the figure with a name it does not say
            if (not subject.strip(_JOINS) or (is_hanzi(after) and after not in _JOINS)
                    or several.search(clause)):
                continue
            yield part, subject, q.unit, q.value


def _unique(found: Iterator[tuple[MetricPart, str, str, float]]
            ) -> dict[tuple[MetricPart, str, str], float]:
    """`figures` by (part, subject, unit); a subject stated twice in a part is
    ambiguous and left out."""
    seen: dict[tuple[MetricPart, str, str], list[float]] = {}
    for part, subject, unit, value in found:
        seen.setdefault((part, subject, unit), []).append(value)
    return {k: v[0] for k, v in seen.items() if len(v) == 1}


def metric_changes(old: Report, new: Report, kind: Kind) -> list[MetricChange]:
    """Figures stated once under the same part, subject and unit in both reports, review part first.

    >>> from compare.ingest import ingest_text
    >>> from compare.kinds import load_kind
    >>> def report(year, review):
    ...     text = (f"一、{year - 1}年工作回顾\\n{review}" + "我们攻坚克难。" * 300
    ...             + f"\\n二、{year}年工作安排\\n稳步推进。")
    ...     return ingest_text(text, kind="gov-work-report", region="国务院", year=year)
    >>> old = report(2022, "城镇新增就业1269万人。严格落实中央八项规定精神。")
    >>> new = report(2023, "城镇新增就业1206万人。过去五年，城镇新增就业年均1270万人。"
    ...                    "严格落实中央八项规定精神。")
    >>> [(m.part, m.subject, m.old, m.new)
    ...  for m in metric_changes(old, new, load_kind("gov-work-report"))]
    [('review', '城镇新增就业', 1269.0, 1206.0)]
    """
    a, b = _unique(figures(old, kind)), _unique(figures(new, kind))
    out = []
    for key in sorted(a.keys() & b.keys(), key=lambda k: (k[0] != "review", k[1], k[2])):
        o, n = a[key], b[key]
        out.append(MetricChange(part=key[0], subject=key[1], unit=key[2], old=o, new=n,
                                change=round(n - o, 6),
                                change_pct=round((n - o) / o * 100, 2) if o else None))
    return out
