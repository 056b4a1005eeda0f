"""Same input, same bytes: a comparison does not depend on the hash seed of the process nor on
what the process scored before (a `yoy run` worker compares several pairs in turn)."""
import hashlib
import os
import subprocess
import sys

from tests.support import STORE

# Scores 盐田区 2020→2021 in a fresh process. With an argument, the process first compares the
# other pairs of the store, as a `yoy run` worker may have before.
_SCRIPT = r"""
import hashlib, sys
from pathlib import Path
from compare.engine import compare_reports, rules
from compare.engine.passages import sentence_passages
from compare.kinds import load_kind
from compare.schema import REVIEW_ROLES
from compare.store import load_report

store = Path(sys.argv[1])
old = load_report(store / "2020" / "盐田区-gov-work-report.yaml")
new = load_report(store / "2021" / "盐田区-gov-work-report.yaml")
if len(sys.argv) > 2:
    for earlier in ("2022", "2023"):
        compare_reports(load_report(store / "2021" / "国务院-gov-work-report.yaml"),
                        load_report(store / earlier / "国务院-gov-work-report.yaml"), force=True)
kind = load_kind(old.kind)
queries = [rules.query(c, rules.indicator_of(c, kind)) for c in old.commitments]
review = sentence_passages(new, REVIEW_ROLES, kind.shortcoming_cues)
cosine, coverage, _ = rules.evidence_scores(queries, review)
readings = rules.read_parts([(c, True) for c in old.commitments], review, kind)
signals = repr([(r.candidates, r.features.tolist(), r.topic, r.whole) for r in readings])
print(hashlib.sha256(cosine.tobytes() + coverage.tobytes() + signals.encode()).hexdigest())
sys.stdout.flush()
sys.stdout.buffer.write(compare_reports(old, new).model_dump_json(indent=2).encode())
"""


def _run(seed: str, *args: str) -> tuple[str, bytes]:
    env = {**os.environ, "PYTHONHASHSEED": seed}
    out = subprocess.run([sys.executable, "-c", _SCRIPT, str(STORE), *args], env=env,
                         capture_output=True,
                         check=True, timeout=300).stdout
    scores, _, comparison = out.partition(b"\n")
    return scores.decode(), comparison


def test_comparison_bytes_do_not_depend_on_hash_seed_or_process_history():
    plain = _run("1")
    shuffled = _run("2", "after other pairs")
    # the unrounded scores and every part's signals first: rounding to 4 places hides most
    # last-bit differences (a sum over a set's order differs in its last bit between seeds)
    assert shuffled[0] == plain[0]
    assert hashlib.sha256(shuffled[1]).hexdigest() == hashlib.sha256(plain[1]).hexdigest()
    assert b'"commitments"' in plain[1] and len(plain[1]) > 10_000
