"""Draw a uniform random sample of ledger rows for blind labelling (gold format, no yoy status).

Run from the project root:
    .venv/bin/python bench/sample_rows.py PLAN_FILE REVIEW_FILE --region R --plan-year
    N [-n 30] [--seed S]

Both files are ingested as accuracy.py ingests a pair, compared, and `n` rows are drawn with
random.Random(seed) from the commitments sorted by id. The worksheet printed (YAML) has one entry
per row with its section and text as plan_quote (extended to the whole sentence when the text is
shorter than 8 characters or not unique in the plan file) and blank labels; yoy's status and
evidence are left out, so a labeller reading it judges from the report texts alone.
"""
from __future__ import annotations

import argparse
import random
import re
import sys
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
from gold import ingest_pair, norm  # noqa: E402

from compare import compare_reports  # noqa: E402
from compare.ingest.readers import read_source  # noqa: E402

_SENTENCE = re.compile(r"[^。！？；\n]*")


def unique_quote(text: str, source: str) -> str:
    """The row's text, or the sentence around it when it is short or not unique in `source`."""
    if len(text) >= 8 and source.count(text) == 1:
        return text
    at = source.find(text)
    if at < 0:
        return text
    for m in _SENTENCE.finditer(source):
        if m.start() <= at < m.end() and source.count(m.group(0)) == 1:
            return m.group(0).strip()
    return text


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("plan", type=Path)
    ap.add_argument("review", type=Path)
    ap.add_argument("--region", required=True)
    ap.add_argument("--plan-year", type=int, required=True)
    ap.add_argument("-n", type=int, default=30)
    ap.add_argument("--seed", type=int, default=20261203)
    args = ap.parse_args(argv)
    old, new = ingest_pair(args.plan, args.review, args.region, args.plan_year)
    cmp = compare_reports(old, new)
    rows = sorted(cmp.commitments, key=lambda c: c.commitment_id)
    drawn = random.Random(args.seed).sample(rows, min(args.n, len(rows)))
    source = read_source(str(args.plan)).text
    measures = []
    for k, c in enumerate(drawn, 1):
        measures.append({
            "id": f"r{k:02d}", "yoy_id": c.commitment_id, "section": c.section_id,
            "plan_quote": unique_quote(norm(c.text) if norm(c.text) not in source
                                       else c.text, source),
            "kind": None, "quality": None, "status": None, "evidence_quotes": [],
            "carried_over": None,
            "note": "",
        })
    pair = {"region": args.region, "plan_report": args.plan.name, "review_report": args.review.name,
            "plan_year": args.plan_year,
            "sampled_from": f"uniform random sample (random.Random({args.seed}), {len(drawn)} of "
                            f"{len(rows)} rows listed by yoy)",
            "measures": measures}
    yaml.safe_dump({"pairs": [pair]}, sys.stdout, allow_unicode=True, sort_keys=False, width=1000)
    return 0


if __name__ == "__main__":
    sys.exit(main())
