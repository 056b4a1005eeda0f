"""Similarity scorers for Chinese text: plain functions, swappable and measurable.

Chinese has no spaces, so "words" must be chosen: single characters, character
n-grams, or a segmenter's words. Each `*_terms` function turns text into terms;
`tfidf_matrix` scores every query against every passage (cosine over TF-IDF),
the way rapidfuzz's `process.cdist` scores all pairs at once; `best_first` orders
each row's best.
The winner on our labelled pairs is `DEFAULT` (see bench/scorers.py).
"""
from __future__ import annotations

import functools
import re
from collections.abc import Callable, Sequence

Terms = Callable[[str], Sequence[str]]

# Function words and report boilerplate carry no topic signal.
_NOISE = re.compile(r"[\s\d.,，。、；;：:“”‘’（）()《》！!？?—…·%-]+")


# Cached: the matrices clean a passage again for every scoring it is in (one `yoy compare` of the
# shipped 2022→2023 pair: 4,999 calls, 1,902 texts; ≈ 1% of its instructions)
@functools.lru_cache(maxsize=1 << 14)
def _clean(text: str) -> str:
    return _NOISE.sub(" ", text)


# Cached: one comparison scores the same passages several times (alignment, evidence, shortcomings).
@functools.lru_cache(maxsize=1 << 14)
def char_terms(text: str) -> tuple[str, ...]:
    return tuple(c for c in _clean(text) if c != " ")


@functools.lru_cache(maxsize=1 << 14)
def bigram_terms(text: str) -> tuple[str, ...]:
    return tuple(w[i:i + 2] for w in _clean(text).split() for i in range(len(w) - 1))


# Quotation marks inside a name (“八五”普法, 《民法典》) would cut it into pieces.
_QUOTES = re.compile(r"[“”‘’「」《》]")


def _unquoted(text: str) -> str:
    return _clean(_QUOTES.sub("", text))


@functools.lru_cache(maxsize=1 << 14)
def name_terms(text: str) -> tuple[str, ...]:
    """Character trigrams, quotation marks dropped first: two texts share one only where they
    share a run of three characters, mostly a name (盐田北综合车场, 八五普法, 规上企业)."""
    return tuple(w[i:i + 3] for w in _unquoted(text).split() for i in range(len(w) - 2))


# bench/scorers.py adds jieba's words (its `bench` extra) to compare them with these
SCORERS: dict[str, Terms] = {"char": char_terms, "bigram": bigram_terms, "name": name_terms}
DEFAULT = "bigram"
# The scorers whose terms are runs of n characters of a text as they clean it (its white space
# and noise one space): the matrices number their terms without a loop over them
# (_ngram_occurrences).
_NGRAMS: dict[Terms, tuple[int, Callable[[str], str]]] = {
    char_terms: (1, _clean), bigram_terms: (2, _clean), name_terms: (3, _unquoted)}


def _ngram_occurrences(texts: Sequence[str], n: int, prepare: Callable[[str], str]):
    """(doc, code) of every term of a scorer whose terms are the runs of `n` characters of each
    `prepare`d text that hold no space: a term's code is its characters' code points, 21 bits
    each, so codes sort as the terms' text does. Whole arrays at once, no loop over the terms."""
    import numpy as np
    cleaned = [prepare(t) for t in texts]
    # a space after each text, so that no run crosses from one into the next
    points = np.frombuffer("".join(c + " " for c in cleaned).encode("utf-32-le", "surrogatepass"),
                           dtype=np.uint32).astype(np.int64)
    doc = np.repeat(np.arange(len(texts), dtype=np.int64), [len(c) + 1 for c in cleaned])
    runs = max(len(points) - n + 1, 0)
    code, whole = points[:runs].copy(), points[:runs] != ord(" ")
    for k in range(1, n):
        code = (code << 21) | points[k:k + runs]
        whole &= points[k:k + runs] != ord(" ")
    return doc[:runs][whole], code[whole]


def _ranked_occurrences(sides: Sequence[Sequence[str]], terms: Terms):
    """(doc, code) of every term of each side's texts, for any scorer: a term's code is its
    rank among all the sides' terms in the order of their text."""
    import numpy as np
    found = [[terms(t) for t in texts] for texts in sides]
    rank = {t: i for i, t in enumerate(sorted({t for side in found for ts in side for t in ts}))}
    return [(np.repeat(np.arange(len(side), dtype=np.int64), [len(ts) for ts in side]),
             np.fromiter((rank[t] for ts in side for t in ts), dtype=np.int64))
            for side in found]


def _term_table(terms: Terms, *sides: Sequence[str]):
    """The (doc, term id, count) arrays of each side's texts, one entry per distinct term of a
    document, sorted by (doc, term), over one vocabulary 0…V-1 numbered in the order of the
    terms' text: (V, sides).

    Numbered from the texts alone, never by what the process scored before (a `yoy run`
    worker's earlier pairs): float sums taken in term order (norms, dot products, coverage
    totals) are the same in every run to the last bit.
    """
    import numpy as np
    ngram = _NGRAMS.get(terms)
    found = ([_ngram_occurrences(texts, *ngram) for texts in sides] if ngram
             else _ranked_occurrences(sides, terms))
    vocab, term = np.unique(np.concatenate([code for _, code in found]), return_inverse=True)
    out, at = [], 0
    for doc, code in found:
        keys, counts = np.unique((doc << 32) + term[at:at + len(code)], return_counts=True)
        at += len(code)
        out.append((keys >> 32, keys & 0xFFFFFFFF, counts))
    return len(vocab), out


def tfidf_matrix(queries: Sequence[str], passages: Sequence[str], terms: Terms | str = DEFAULT):
    """Cosine similarity (queries × passages) over TF-IDF vectors; IDF from both sides.

    Returns a dense numpy array with values in [0, 1]. Only terms that occur on
    both sides can contribute to a dot product, so the dense matrices are built
    over those alone; each document's norm still counts all its terms.
    """
    import numpy as np

    terms = SCORERS[terms] if isinstance(terms, str) else terms
    size_v, side = _term_table(terms, queries, passages)
    n = len(queries) + len(passages)
    df = sum(np.bincount(t, minlength=size_v) for _, t, _ in side)
    idf = np.log((1 + n) / (1 + df))
    shared = np.flatnonzero(np.bincount(side[0][1], minlength=size_v) *
                            np.bincount(side[1][1], minlength=size_v))
    column = np.full(size_v, -1)
    column[shared] = np.arange(len(shared))
    dense = []
    for (doc, term, count), size in zip(side, (len(queries), len(passages)), strict=True):
        w = (1 + np.log(count)) * idf[term]
        norm = np.sqrt(np.bincount(doc, weights=w * w, minlength=size))
        norm[norm == 0] = 1
        m = np.zeros((size, len(shared)), dtype=np.float32)
        keep = column[term] >= 0
        m[doc[keep], column[term[keep]]] = w[keep] / norm[doc[keep]]
        dense.append(m)
    return np.clip(dense[0] @ dense[1].T, 0.0, 1.0).astype(float)


def coverage_matrix(queries: Sequence[str], passages: Sequence[str], terms: Terms | str = "name"):
    """Share of each query's distinct terms a passage holds, each term weighted by its IDF
    (queries × passages, values in [0, 1]), and how many distinct terms they share.

    Unlike the cosine, a long passage is not penalised for what else it says, and a name
    rare among the passages (盐田北综合车场, 八五普法) weighs more than words every passage
    repeats: a short measure and the clause of a long sentence that reports it score high.
    Over `name_terms` (trigrams) by default: over bigrams, a short generic measure (严格规范
    村庄撤并) is covered by any sentence sharing two common words (bench/accuracy.py).
    """
    import numpy as np

    terms = SCORERS[terms] if isinstance(terms, str) else terms
    size_v, ((qdoc, qterm, _), (pdoc, pterm, _)) = _term_table(terms, queries, passages)
    # document frequency over both sides: a phrase many measures open with (加快推进, 加强农村)
    # is as common as one many sentences hold
    df = np.bincount(qterm, minlength=size_v) + np.bincount(pterm, minlength=size_v)
    idf = np.log((len(queries) + len(passages) + 1) / (df + 0.5))
    total = np.bincount(qdoc, weights=idf[qterm], minlength=len(queries))
    total[total == 0] = 1
    # a query term meets the passages holding it through a posting list: a trigram is in a
    # handful of sentences, so this walks far fewer pairs than a dense product would
    order = np.argsort(pterm, kind="stable")
    starts = np.searchsorted(pterm[order], np.arange(size_v + 1))
    hits = starts[qterm + 1] - starts[qterm]
    rows = np.repeat(qdoc, hits)
    first = np.repeat(starts[qterm] - (np.cumsum(hits) - hits), hits)
    cols = pdoc[order][first + np.arange(len(rows))]
    cell = rows * len(passages) + cols
    size = len(queries) * len(passages)
    weight = np.bincount(cell, weights=np.repeat(idf[qterm] / total[qdoc], hits), minlength=size)
    count = np.bincount(cell, minlength=size)
    shape = (len(queries), len(passages))
    return np.clip(weight.reshape(shape), 0.0, 1.0), count.reshape(shape)


def best_first(scores, top: int):
    """Indices of the `top` best scores of each row, best first; equal scores in pool order."""
    import numpy as np
    if scores.shape[-1] <= top:
        return np.argsort(-scores, axis=-1, kind="stable")
    # argpartition finds each row's top candidates without sorting the whole row (a tie at
    # the cut is argpartition's choice, deterministic); then those few are sorted
    idx = np.argpartition(-scores, top - 1, axis=-1)[..., :top]
    vals = np.take_along_axis(scores, idx, axis=-1)
    order = np.lexsort((idx, -vals), axis=-1)
    return np.take_along_axis(idx, order, axis=-1)
