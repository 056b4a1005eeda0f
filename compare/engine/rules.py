"""The rules: when a review sentence is evidence for a measure (`reported`), what it says
(completion and future cues, the figure it reports, the objects and the stage it names), and the
status they give (`status_of`). A part's cited sentences are read once (`read` → `Said`); the
status and the fitted decisions (track.py) weigh that reading, never the text again."""
from __future__ import annotations

import functools
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from compare.engine.aliases import alias_expander
from compare.engine.figures import indicator_of, meets_plan, query, reported_figure, states_figure
from compare.engine.passages import Passage
from compare.engine.scorers import (
    DEFAULT,
    best_first,
    bigram_terms,
    coverage_matrix,
    name_terms,
    tfidf_matrix,
)
from compare.ingest.quantities import RATE_UNITS, extract_quantities
from compare.kinds import Indicator, Kind
from compare.schema import Commitment, Evidence
from compare.text import COLONS, COMMAS, LIST_COMMA, chars, masked_names

TOP = 3             # evidence cited per measure
# When a review sentence is evidence for a measure (`reported`), tuned on 国务院 and 盐田区
# 2021→2022 and checked against the section labels of 国务院 2022→2023
# (tests/engine/test_engine.py):
PARTIAL = 0.20      # its bigram TF-IDF cosine with the measure reaches this;
NAME_TRIGRAMS = 2   # or it shares a run of four characters or more with the measure (2+ trigrams),
COVERED_NAMES = 0.40  # holds this IDF-weighted share of the measure's trigrams (its verbs left out)
AHEAD = 1.5         # and this many times any other sentence's share (equal shares: a set phrase),
FLOOR = 0.10        # or holds this share and (0.12 until 2026-12-05: one task named among several
                    # holds less of a long part; 0.10 chosen on the dev pairs of odd plan years)
STANDOUT = 4.0      # this many times any other sentence's (the one sentence naming it)
FIGURE_POOL = 10    # closest sentences searched for a quantity's figure when none is close in words
COVERED = 0.3       # share of an enumerated object's bigrams the evidence must contain


def evidence_scores(queries: list[str], pool: Sequence[Passage], scorer=DEFAULT,
                    objects: list[str] | None = None):
    """(cosine, coverage), each measures × review sentences: the TF-IDF cosine suits a long
    measure restated at length; the IDF-weighted share of the measure's trigrams a sentence
    holds suits a short measure reported in one clause of a long sentence under a shared name
    (建成启用盐田北综合车场 ↔ …，盐田北综合车场如期竣工，…). Coverage is read on `objects`, the
    measures without their leading verbs: 加快推进 shared with …建设加快推进 names nothing."""
    import numpy as np
    if not queries or not pool:
        return (np.zeros((len(queries), len(pool))),) * 3
    texts = [p.text for p in pool]
    return (tfidf_matrix(queries, texts, scorer), *coverage_matrix(objects or queries, texts))


def reported(cosine, coverage, shared, top2, least=NAME_TRIGRAMS) -> list[bool | None]:
    """Whether each part's best sentence (by the larger of cosine and coverage; the arrays hold its
    cosine, coverage and trigrams shared, `top2` the part's two best coverages, the best last) is
    evidence: if it is the one sentence naming the measure (the best coverage, above a floor,
    several times any other sentence's, through a shared run of characters: `least` trigrams,
    `named_by`); else None when it is close by the cosine (evidence if it names the measure's
    object, `names_object`, asked of these only)."""
    second = top2[:, 0]
    # the more of the measure a sentence holds, the less it must stand out from the next one
    named = (coverage >= top2[:, 1]) & (shared >= least) & (
        ((coverage >= COVERED_NAMES) & (coverage >= AHEAD * second))
        | ((coverage >= FLOOR) & (coverage >= STANDOUT * second)))
    return [True if yes else None if close else False
            for close, yes in zip((cosine >= PARTIAL).tolist(), named.tolist(), strict=True)]


def named_by(objects: Sequence[str]) -> Any:  # a numpy array, one per object
    """The trigrams a sentence must share with each part's object to name it (`reported`):
    NAME_TRIGRAMS, a run of four characters, or the whole object when it is one run of three
    (全面落实林长制 → 林长制, named by 深入实施河湖长制、林长制: it has no second trigram to
    share)."""
    import numpy as np
    return np.array([min(NAME_TRIGRAMS, len(set(name_terms(o)))) for o in objects],
                    dtype=float)


# What the tense of a sentence is read in: its clauses and list items, spelled as ingest's
# measures.py spells them, so one pattern is compiled for both.
_CLAUSES = chars(COMMAS, COLONS, LIST_COMMA)


@functools.lru_cache(maxsize=1 << 12)
def closest_clause(sentence: str, query: str) -> str:
    """The clause of `sentence` sharing most bigrams with `query`: where its tense is read."""
    wanted = set(bigram_terms(query))
    clauses = [c for c in re.split(_CLAUSES, sentence) if c.strip()] or [sentence]
    return max(clauses, key=lambda c: len(wanted & set(bigram_terms(c))))


def result_cue(sentence: str, query: str, kind: Kind) -> str | None:
    """The first completion cue in the clause of `sentence` closest to `query`, or None when
    there is none or a future/imperative cue (要, 将, 力争…) or a verb of work under way (推进…设立:
    the completion word its object) comes before it. Words inside quotation or title marks are a
    name's (“两个确保”, 《…实施办法》), no cue (`masked_names`)."""
    clause = masked_names(closest_clause(sentence, query))
    done = kind.cues.completion.search(clause)
    before = [m.start() for m in (kind.cues.future.search(clause), kind.cues.ongoing.search(clause))
              if m]
    return done.group() if done and done.start() < min(before, default=len(clause)) else None


def future_cue(sentence: str, query: str, kind: Kind) -> str | None:
    """A future/imperative cue in the clause of `sentence` closest to `query`, outside names
    (为继续落实“两个确保”: no cue)."""
    m = kind.cues.future.search(masked_names(closest_clause(sentence, query)))
    return m.group() if m else None


def _parts(text: str, kind: Kind) -> list[str]:
    """The objects a measure's first clause enumerates (A、B和C), its leading verb left out; a list
    named as the contents of one object (以A、B为主要内容的X: the kind's `enumeration_contents`) is
    that object alone."""
    body = re.split(r"[，,]", kind.cues.opening.sub("", text, count=1))[0]
    contents = kind.cues.contents.search(body)
    if contents:
        return [body[contents.end():]]
    return [p for p in re.split(r"[、和及与]", body) if len(p) >= 2]


def uncovered(c: Commitment, texts: Sequence[str], kind: Kind) -> list[str]:
    """The objects of an enumerating measure (A、B和C) the cited sentences `texts` do not speak
    of: those sharing less than COVERED of their bigrams with them."""
    parts = _parts(c.text, kind)
    if len(parts) < 2:
        return []
    said = set().union(*(bigram_terms(t) for t in texts))
    out = []
    for p in parts:
        grams = set(bigram_terms(p))
        if grams and len(grams & said) / len(grams) < COVERED:
            out.append(p)
    return out


def other_level(measure: str, clause: str, kind: Kind) -> bool:
    """Whether the evidence's clause reaches another level than the measure plans (建成国家级…示范区
    ↔ 成功创建省级…区): a completion, but not the one planned."""
    if not kind.level_words:
        return False
    rx = kind.cues.level
    planned, reached_ = set(rx.findall(measure)), set(rx.findall(clause))
    return bool(planned and reached_ and not planned & reached_)


def names_object(obj: str, sentence: str, kind: Kind) -> bool:
    """Whether `sentence` names the object `obj` (a measure's words, its leading verbs left out):
    shares a run of three characters with it once the generic head noun that closes it is left
    out (数字政府建设 → 数字政府: 出台法治政府建设实施纲要 shares only 政府建设, a set phrase).

    `obj` may carry the names of what it names after it (`aliased`), each word read alone, its
    own head left out too; `sentence` is read as printed. Two texts both expanded share the name
    their words expand to: 中医药振兴发展重大工程 and 生态保护修复重大工程 both gain 两新一重,
    which names neither's object (国务院 2021→2022)."""
    core = " ".join(_core(w, kind) for w in obj.split())
    return bool(set(name_terms(core)) & set(name_terms(sentence)))


def _core(word: str, kind: Kind) -> str:
    """`word` without the generic head nouns closing it, unless fewer than three characters stay."""
    core = kind.cues.closing_heads.sub("", word.rstrip(_PUNCT)) if kind.generic_heads else word
    return core if len(core) >= 3 else word


_PUNCT = "，,。；;：:、 "


def stage(text: str, kind: Kind) -> int | None:
    """The highest stage (index in the kind's `stages`, lowest first) a verb of `text` names:
    开工 (started) < 建成 (done) < 达产 (producing); None when it names none."""
    found = [k for k, rx in enumerate(kind.cues.stages) if rx.search(text)]
    return max(found) if found else None


def matched_object(measure: str, sentence: str, kind: Kind) -> str:
    """The object the evidence names: the longest run of characters the measure's object (its
    leading verbs left out) shares with the evidence, less the words it cuts where the text says
    what a whole word is (`whole_words`: a number, a verb of the kind's).

    >>> from compare.kinds import load_kind
    >>> matched_object("全年筹集人才住房和保障性住房3000套以上", "建设筹集公共住房3030套",
    ...                load_kind("gov-work-report"))
    '住房'
    """
    from difflib import SequenceMatcher
    obj = kind.cues.opening.sub("", measure, count=1) or measure
    m = SequenceMatcher(None, obj, sentence, autojunk=False).find_longest_match(
        0, len(obj), 0, len(sentence))
    a, b = whole_words(obj, m.a, m.a + m.size, kind)
    run = obj[a:b].strip(_PUNCT)
    return run if len(run) >= 2 else ""


_NUMBER = re.compile(r"\d+(?:\.\d+)?")


def whole_words(text: str, a: int, b: int, kind: Kind) -> tuple[int, int]:
    """`text[a:b]` less the words it cuts, where the text bounds them: a number (住房3 of
    住房3000套: the figures differ) and a verb of the kind's (院综合楼建 of 院综合楼建设: the
    object is 院综合楼). Both texts share what is left, whole at those edges;
    a noun it cuts stays cut (区域公 of 区域公共服务中心): no list says where a noun ends.

    >>> from compare.kinds import load_kind
    >>> text = "大型商业银行普惠小微企业贷款增长30%以上"
    >>> text.__getitem__(slice(*whole_words(text, 0, 15, load_kind("gov-work-report"))))
    '大型商业银行普惠小微企业贷款'
    """
    # a figure in CJK numerals is a number too (住房三千 of 住房三千套以上), cut as its quantity
    cjk = [(q.start, q.end) for q in extract_quantities(text)
           if not _NUMBER.search(text, q.start, q.end)]
    for s, e in [*(m.span() for m in _NUMBER.finditer(text)), *cjk,
                 *(m.span() for m in kind.cues.word_verbs.finditer(text))]:
        b = s if s < b < e else b
        a = e if s < a < e else a
    return a, max(a, b)


def spoken_of(parts: Sequence[str], sentence: str, kind: Kind) -> tuple[int, str]:
    """Which of a row's `parts` `sentence` speaks of: the one sharing most bigrams with it (the
    first of equals), and the object they share (`matched_object`)."""
    said = set(bigram_terms(sentence))
    j = max(range(len(parts)), key=lambda j: (len(said & set(bigram_terms(parts[j]))), -j))
    return j, matched_object(parts[j], sentence, kind)


# ---- a part read against the review: its closest sentences and their signals --------------

CANDIDATES = 5      # review sentences closest to a part (by the larger of cosine and coverage)
                    # read closely


@dataclass(frozen=True)
class Reading:
    """A part of a measure and the review sentences that may report on it, each with the signals
    the `evidence` decision weighs (one row of `features` per sentence, columns
    `EVIDENCE_FEATURES`)."""
    part: Commitment                 # the part as a measure of its own: its words and quantity
    indicator: Indicator | None      # the indicator its quantity is given under (`indicator_of`)
    checked: bool                    # an aim (打造…体系) is cited with its row, never decides it
    candidates: tuple[int, ...]      # review sentences, closest first
    features: Any                    # numpy array, len(candidates) × len(EVIDENCE_FEATURES)
    rule: bool                       # the rules' answer: the closest sentence is evidence
                                     # (`reported`)
    # the same work in other words (`_topic`): the review sentence closest by characters in the
    # paragraph closest to the part (index into the review), and the signals saying how close
    topic: dict[str, float] = field(default_factory=dict)
    near: int = 0
    # the review as a whole against the part (`_whole`): the `status` decision's own signals
    whole: dict[str, float] = field(default_factory=dict)
    # the other parts of its row (`parts_of`: the same measure id), whose figures it does not take
    rivals: tuple[Commitment, ...] = ()

    def feature(self, j: int) -> dict[str, float]:
        return dict(zip(EVIDENCE_FEATURES, self.features[j].tolist(), strict=True))


EVIDENCE_FEATURES = ("cosine", "coverage", "shared", "standout", "object", "figure", "rank")
TOPIC_FEATURES = ("cosine", "coverage", "char", "char_standout", "passage",
                  "passage_standout", "short")
WHOLE_FEATURES = ("margin", "best", "top_done", "near_is_top", "anywhere", "rare_anywhere",
                  "top_k", "rare_top_k", "length", "quantity")


def read_parts(parts: Sequence[tuple[Commitment, bool]], review: Sequence[Passage], kind: Kind,
               scorer=DEFAULT) -> list[Reading]:
    """Each part's closest review sentences and the signals of each: the bigram TF-IDF cosine, the
    IDF-weighted share of the part's trigrams (its leading verbs left out) a sentence holds, how
    many it shares, how far it stands out from the next sentence, the IDF-weighted share of the
    part's object bigrams it holds, whether it reports a figure for the part's
    quantity, and its rank."""
    import numpy as np
    expand = alias_expander(kind)
    indicators = [indicator_of(c, kind) for c, _ in parts]
    rivals = _rows_of(parts)
    texts = [expand(query(c, ind)) for (c, _), ind in zip(parts, indicators, strict=True)]
    objects = [kind.cues.opening.sub("", t, count=1) or t for t in texts]
    # a sentence naming a thing by another of its names (三块地 for 宅基地) is scored with both
    scored = [p._replace(text=expand(p.text)) for p in review]
    cosine, coverage, shared = evidence_scores(texts, scored, scorer, objects)
    if not len(review) or not parts:
        return [Reading(c, ind, ok, (), np.zeros((0, len(EVIDENCE_FEATURES))), False,
                        rivals=others)
                for (c, ok), ind, others in zip(parts, indicators, rivals, strict=True)]
    by_object = coverage_matrix(objects, [p.text for p in scored], "bigram")[0]
    score = np.maximum(cosine, coverage)
    order = best_first(score, CANDIDATES)
    near, topic = _topic(texts, scored, scorer)
    top2 = np.sort(coverage, axis=1)[:, -2:] if coverage.shape[1] > 1 else np.hstack(
        [np.zeros_like(coverage), coverage])
    whole = _whole(parts, objects, scored, score, order, near, kind)
    rows = np.arange(len(parts))[:, None]
    cov = coverage[rows, order]
    # every part's closest sentences' signals at once (parts × candidates × EVIDENCE_FEATURES);
    # a part whose figure is said by a sentence outside them is read again below
    x = np.stack([cosine[rows, order], cov, np.log1p(shared[rows, order]),
                  cov - np.where(cov >= top2[:, 1:], top2[:, :1], top2[:, 1:]),
                  by_object[rows, order], np.zeros(cov.shape),
                  np.broadcast_to(np.arange(order.shape[1], dtype=float), cov.shape)], axis=-1)
    firsts = order[:, 0].tolist()
    best = rows[:, 0], order[:, 0]
    answers = reported(cosine[best], coverage[best], shared[best], top2, named_by(objects))
    cosine_best, coverage_best = cosine.max(axis=1).tolist(), coverage.max(axis=1).tolist()
    out = []
    for i, (c, ok) in enumerate(parts):
        ks, features = order[i].tolist(), x[i]
        if c.quantity is not None:
            # a counted quantity close to nothing in words: the sentence of its closest FIGURE_POOL
            # reporting a figure in its unit under its words (3000套 ↔ 建设筹集公共住房3100套)
            pool = (best_first(score[i], FIGURE_POOL).tolist()
                    if c.quantity.unit not in RATE_UNITS else ks)
            said = [k for k, yes in zip(
                pool, states_figure(c, [review[k].text for k in pool], indicators[i], kind,
                                    rivals[i]),
                strict=True)
                if yes]
            ks += [k for k in said[:1] if k not in ks]
            cov_i = coverage[i, ks]
            features = np.column_stack([
                cosine[i, ks], cov_i, np.log1p(shared[i, ks]),
                cov_i - np.where(cov_i >= top2[i, 1], top2[i, 0], top2[i, 1]), by_object[i, ks],
                [float(k in said) for k in ks], np.arange(len(ks), dtype=float)])
        rule = answers[i]
        if rule is not False:
            # close by the cosine, or the one sentence sharing its words: evidence when it names
            # the part's object, not a set phrase alone (出台法治政府建设实施纲要 for
            # 加强数字政府建设 shares 政府建设, and stands alone once no heading shares it too)
            rule = names_object(objects[i], review[firsts[i]].text, kind)
        out.append(Reading(c, indicators[i], ok, tuple(ks), features, rule,
                           topic={"cosine": cosine_best[i], "coverage": coverage_best[i],
                                  **topic[i], "short": float(len(c.text) <= 8)},
                           near=near[i], whole=whole[i], rivals=rivals[i]))
    return out


def _rows_of(parts: Sequence[tuple[Commitment, bool]]) -> list[tuple[Commitment, ...]]:
    """For each part, the other parts of its row: those with its measure's id (`parts_of`)."""
    by_id: dict[str, list[Commitment]] = {}
    for c, _ in parts:
        by_id.setdefault(c.id, []).append(c)
    return [tuple(r for r in by_id[c.id] if r is not c) for c, _ in parts]


def _whole(parts: Sequence[tuple[Commitment, bool]], objects: list[str],
           review: Sequence[Passage], score, order, near: list[int],
           kind: Kind) -> list[dict[str, float]]:
    """For each part, the review as a whole rather than one sentence: how far its closest sentence
    stands above the next, whether that one says the work was done, whether the topic decision's
    sentence is that one, and the share of the part's object bigrams the whole review and its
    CANDIDATES closest sentences hold, plain and weighted by rarity among the review's sentences
    (a measure whose rare words the review never uses is seldom reported at all)."""
    import numpy as np
    held_by: dict[str, list[int]] = {}  # a bigram → the review sentences holding it
    for k, p in enumerate(review):
        for t in frozenset(bigram_terms(p.text)):
            held_by.setdefault(t, []).append(k)
    idf = math.log(len(review) + 1)
    # each part's two best scores: the first two of its closest sentences (`order`)
    tops = np.take_along_axis(score, order[:, :2], axis=1).tolist()
    out = []
    for i, (c, _) in enumerate(parts):
        ks, best = order[i].tolist(), tops[i]
        # the object's bigrams, each with its weight; which the review holds, which its closest
        weight = {t: idf - math.log(len(held_by.get(t, ())) + 0.5)
                  for t in dict.fromkeys(bigram_terms(objects[i]))}
        anywhere = [t in held_by for t in weight]
        closest = set(ks)
        near_by = [not closest.isdisjoint(held_by.get(t, ())) for t in weight]
        rare = list(weight.values())
        out.append({
            "margin": float(best[0] - (best[1] if len(best) > 1 else 0.0)),
            "best": float(best[0]),
            "top_done": float(result_cue(review[ks[0]].text, c.text, kind) is not None),
            "near_is_top": float(near[i] == ks[0]),
            "anywhere": _share(anywhere), "rare_anywhere": _share(anywhere, rare),
            "top_k": _share(near_by), "rare_top_k": _share(near_by, rare),
            "length": math.log1p(len(c.text)),
            "quantity": float(c.quantity is not None)})
    return out


def _share(held: list[bool], weights: list[float] | None = None) -> float:
    """The share of the wanted terms held (`held`: whether each is), each counting 1 or its
    weight."""
    if weights is None:
        return sum(held) / (len(held) or 1.0)
    return sum(w for w, yes in zip(weights, held, strict=True) if yes) / (sum(weights) or 1.0)


def _topic(texts: list[str], review: Sequence[Passage],
           scorer=DEFAULT) -> tuple[list[int], list[dict[str, float]]]:
    """For each part: the review sentence reporting the same work in other words, and how close.

    A review reports an outcome for an action (落实好就业扶持政策 ↔
    发放小额担保贷款670万元…稳定就业岗位 2887个) in a paragraph about the same field: the paragraph
    (its pool sentences) closest by the TF-IDF cosine finds it more often than any one sentence
    does, and in it the sentence closest by single characters, which meet across rewordings that
    share no bigram (bench/scorers.py). The signals: each cosine and how far it stands out from the
    next paragraph's or sentence's."""
    import numpy as np
    nodes = list(dict.fromkeys(p.node_id for p in review))
    node_of = {n: j for j, n in enumerate(nodes)}
    members: list[list[int]] = [[] for _ in nodes]
    for k, p in enumerate(review):
        members[node_of[p.node_id]].append(k)
    para = tfidf_matrix(texts, ["".join(review[k].text for k in m) for m in members], scorer)
    chars = tfidf_matrix(texts, [p.text for p in review], "char")
    near, out = [], []
    # every part's best paragraph and standouts at once, not a partition per part
    best_of, char_best = np.argmax(para, axis=1).tolist(), chars.max(axis=1).tolist()
    char_out, para_out = _standout(chars).tolist(), _standout(para).tolist()
    for i, best in enumerate(best_of):
        near.append(max(members[best], key=lambda k: (chars[i, k], -k)))
        out.append({"char": char_best[i], "char_standout": char_out[i],
                    "passage": float(para[i, best]), "passage_standout": para_out[i]})
    return near, out


def _standout(m):
    """How far the best of each row of `m` stands above the next (the best
    itself in a row of one)."""
    import numpy as np
    if m.shape[1] < 2:
        return m.max(axis=1) if m.shape[1] else np.zeros(len(m))
    top2 = np.partition(m, m.shape[1] - 2, axis=1)[:, -2:]
    return top2[:, 1] - top2[:, 0]


# ---- what the cited sentences say of a part, read once ---------------------------------------

class Said(NamedTuple):  # a NamedTuple: see ingest.quantities.Quantity
    """What a part's cited review sentences (best first) say of it, read once (`read`): all that
    the rules' status (`status_of`) and the fitted decisions weigh, so none of them reads text."""
    quantity: bool               # the part plans a quantity
    clause: str                  # the best sentence's clause closest to the part
    cue: str | None              # its completion cue not governed by a future cue (`result_cue`)
    future: str | None           # its future/imperative cue (`future_cue`)
    planned: int | None          # the stage the part's verbs plan (`stage`)
    reached: int | None          # the stage the clause reports
    figure: tuple[float, str] | None  # the figure reported for the quantity (`reported_figure`)
    meets: bool                  # that figure meets the plan (`meets_plan`)
    uncovered: bool              # an object the part enumerates goes unmentioned (`uncovered`)
    other_level: bool            # the clause reaches another level (`other_level`)
    set_phrase: bool             # the clause shares no run of three characters with the part
    opening: bool                # the part opens with a lead or action verb (`Cues.opening`)
    end_point: bool              # that opening promises an end point (建成, 出台…)
    short_stage: bool            # the part plans an end point (the kind's `end_stage` or above)
                                 # and the clause reports a lower stage (开工 for 建成)
    matched: str                 # the object part and best sentence share (`matched_object`)


def cited(reading: Reading, sentences: list[tuple[int, float]], review: Sequence[Passage],
          where: list[str], kind: Kind) -> tuple[list[Evidence], Said]:
    """The review sentences cited for the reading's part (each its index in `review` and its
    score, best first) as its evidence (`where`: each review sentence's location), and what they
    say of it (`read`): the one place a decision's citations are read."""
    evidence = [Evidence(node_id=review[k].node_id, label_path=list(review[k].label_path),
                         text=review[k].text, score=round(score, 4), location=where[k])
                for k, score in sentences]
    return evidence, read(reading.part, reading.indicator, [e.text for e in evidence], kind,
                          reading.rivals)


def read(c: Commitment, named: Indicator | None, texts: Sequence[str], kind: Kind,
         rivals: Sequence[Commitment] = ()) -> Said:
    """What `texts`, the sentences cited for part `c` (best first, at least one), say of it;
    `named`: the indicator its quantity is given under (`indicator_of`); `rivals`: the other parts
    of its row (`reported_figure`)."""
    best = texts[0]
    clause = closest_clause(best, c.text)
    figure = reported_figure(c, texts, named, kind, rivals)
    lead = kind.cues.opening.match(c.text)
    planned, reached_ = stage(c.text, kind), stage(clause, kind)
    return Said(
        quantity=c.quantity is not None, clause=clause,
        cue=result_cue(best, c.text, kind), future=future_cue(best, c.text, kind),
        planned=planned, reached=reached_,
        figure=figure, meets=figure is not None and meets_plan(c, figure[0], named),
        uncovered=bool(uncovered(c, texts, kind)), other_level=other_level(c.text, clause, kind),
        set_phrase=not set(name_terms(clause)) & set(name_terms(c.text)),
        opening=lead is not None,
        end_point=bool(kind.cues.end_point.search(lead.group() if lead else "")),
        matched=matched_object(c.text, best, kind),
        short_stage=(planned is not None and reached_ is not None
                     and reached_ < planned and planned >= kind.end_stage))
