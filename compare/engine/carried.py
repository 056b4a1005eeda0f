"""Carried over: what of N+1's plan carries a measure of N on (the one rule the ledger and the
multi-year tracker share)."""
from __future__ import annotations

from collections.abc import Sequence

from compare.engine.figures import indicator_of, query
from compare.engine.passages import Passage, closest, rank, sentence_passages
from compare.engine.scorers import DEFAULT
from compare.kinds import Kind
from compare.schema import PLAN_ROLES, Evidence, Report

# an N+1 plan sentence this close (bigram TF-IDF cosine) continues the measure: chosen on the dev
# samples of odd plan years (bench/gold, 694 rows with round 14: 536 right at 0.11 with CONTEXT,
# 0.10 and 0.12 give 532 and 533), reported on the even ones (docs/accuracy.md, 2026-12-05)
CARRIED = 0.11
# a plan sentence shorter than this (characters) is scored with its neighbours in its item or
# paragraph until it is this long: alone, a short sentence sharing one set phrase with the measure
# (谋划实施…光伏发电项目 ↔ 生活垃圾焚烧发电项目年内建成投用) comes close to it; chosen on the odd
# plan years (40 → 534, 45 → 536, 50 → 536, 60 → 530 right; alone 531), docs/accuracy.md
CONTEXT = 45
# unless it is this close alone: a short sentence saying the measure again (加强社会信用体系建设 ↔
# 健全社会信用体系, 0.67 alone, 0.47 with its neighbours) is cited, not a longer one its
# neighbours' words outscore it with; no labelled row of either half or of the shared gold
# changes between 0.25 and 1 (bench/carried_links.py), chosen on the cited sentences of the
# shipped store's pairs (docs/accuracy.md)
ALONE = 0.25


def carried_over(old: Report, new: Report, kind: Kind, scorer=DEFAULT) -> list[Evidence | None]:
    """For each measure of `old`, what of `new`'s plan carries it on, or None: the plan sentence
    closest to it by TF-IDF cosine (a short one read with its neighbours, `in_context`, unless it
    is ALONE close by itself), when that is above CARRIED, cited with its item or paragraph.
    The one rule for "carried over": the comparison's ledger shows it, the multi-year tracker
    (engine.threads) follows its threads by it."""
    import numpy as np
    # ranked by sentence, not by passage: N+1 mostly continues a measure in one sentence of a long
    # paragraph on its field (加快培育农村新型金融机构 among twenty reforms), whose other words
    # dilute the passage's cosine (16 of 40 wrong rows drawn from bench/gold, docs/accuracy.md)
    sentences = sentence_passages(new, PLAN_ROLES)
    queries = [query(c, indicator_of(c, kind)) for c in old.commitments]
    # the pool: each sentence with its neighbours, cited by the one of them sharing most words
    # with the measure (citing the sentence read would cite 支持棉花、甘蔗等生产 for
    # 发展畜禽水产养殖 on its neighbour's 畜禽、水产), and each sentence alone where it is ALONE
    # close by itself
    plan = [*in_context(sentences, CONTEXT), *sentences]
    alone = rank(queries, sentences, scorer)
    scores = np.hstack([rank(queries, plan[:len(sentences)], scorer),
                        np.where(alone >= ALONE, alone, 0.0)])
    return closest(queries, plan, new, CARRIED, [c.text for c in old.commitments], scorer, scores)


def in_context(pool: Sequence[Passage], least: int) -> list[Passage]:
    """Each sentence of `pool` (`sentence_passages`, in text order) with the sentences around it
    in its item or paragraph, one before and one after in turn, until it holds `least` characters
    or its passage has no more.

    >>> p = [Passage("n1", ("一、",), t, "plan", "s1") for t in ("做好旅发大会。", "举办论坛。",
    ...      "建设景区。")] + [Passage("n2", ("二、",), "推进文明城市创建。", "plan", "s1")]
    >>> for x in in_context(p, 12):
    ...     print(x.text)
    做好旅发大会。举办论坛。
    做好旅发大会。举办论坛。
    做好旅发大会。举办论坛。建设景区。
    推进文明城市创建。
    """
    out = []
    for i, p in enumerate(pool):
        a = b = i
        text = p.text
        while len(text) < least:
            grown = text
            if a > 0 and pool[a - 1].node_id == p.node_id:
                a -= 1
                text = pool[a].text + text
            if len(text) < least and b + 1 < len(pool) and pool[b + 1].node_id == p.node_id:
                b += 1
                text += pool[b].text
            if text == grown:
                break
        out.append(p._replace(text=text))
    return out
