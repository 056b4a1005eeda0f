"""Similarity scorers for Chinese text: plain functions, swappable and measurable.

Chinese has no spaces, so "words" must be chosen: single characters, character
n-grams, or a segmenter's words. Each `*_terms` function turns text into terms;
`tfidf_matrix` scores every query against every passage (cosine over TF-IDF),
the way rapidfuzz's `process.cdist` scores all pairs at once.
The winner on our labelled pairs is `DEFAULT` (see bench/scorers.py).
"""
from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Callable, Sequence

Terms = Callable[[str], Sequence[str]]

# Function words and report boilerplate carry no topic signal.
_NOISE = re.compile(r"[\s\d.,，。、；;：:“”‘’（）()《》！!？?—…·%-]+")


def _clean(text: str) -> str:
    return _NOISE.sub(" ", text)


# Cached: one comparison scores the same passages several times (alignment, evidence, shortcomings).
@functools.lru_cache(maxsize=1 << 14)
def char_terms(text: str) -> tuple[str, ...]:
    return tuple(c for c in _clean(text) if c != " ")


@functools.lru_cache(maxsize=1 << 14)
def bigram_terms(text: str) -> tuple[str, ...]:
    return tuple(w[i:i + 2] for w in _clean(text).split() for i in range(len(w) - 1))


@functools.lru_cache(maxsize=1 << 14)
def jieba_terms(text: str) -> tuple[str, ...]:
    import jieba  # optional: only the scorer benchmark needs it
    return tuple(w for w in jieba.lcut(_clean(text)) if w.strip() and len(w) > 1)


# Quotation marks inside a name (“八五”普法, 《民法典》) would cut it into pieces.
_QUOTES = re.compile(r"[“”‘’「」《》]")


@functools.lru_cache(maxsize=1 << 14)
def name_terms(text: str) -> tuple[str, ...]:
    """Character trigrams, quotation marks dropped first: two texts share one only where they
    share a run of three characters, mostly a name (盐田北综合车场, 八五普法, 规上企业)."""
    return tuple(w[i:i + 3] for w in _clean(_QUOTES.sub("", text)).split()
                 for i in range(len(w) - 2))


SCORERS: dict[str, Terms] = {"char": char_terms, "bigram": bigram_terms, "jieba": jieba_terms,
                             "name": name_terms}
DEFAULT = "bigram"


# Every term seen in this process gets a number once; a text's numbers are cached
# with it, so scoring the same passage again costs no Python-level loop.
_VOCAB: dict[str, int] = {}
# _VOCAB's terms by number (a dict keeps insertion order), extended as it grows
_TERMS: list[str] = []


@functools.lru_cache(maxsize=1 << 14)
def _term_ids(text: str, terms: Terms):
    import numpy as np
    return np.fromiter((_VOCAB.setdefault(t, len(_VOCAB)) for t in terms(text)), dtype=np.int64)


def _counts(texts: Sequence[str], terms: Terms):
    """(doc, term id, count) arrays for `texts`: one entry per distinct term of a document."""
    import numpy as np
    ids = [_term_ids(t, terms) for t in texts]
    docs = np.repeat(np.arange(len(texts), dtype=np.int64), [len(x) for x in ids])
    keys = (docs << 32) + (np.concatenate(ids) if ids else np.zeros(0, dtype=np.int64))
    keys, counts = np.unique(keys, return_counts=True)
    return keys >> 32, keys & 0xFFFFFFFF, counts


def _local(*sides):
    """The (doc, term id, count) arrays of `sides` over one vocabulary 0…V-1 numbered in the
    order of the terms' text, each side sorted by (doc, term): (V, sides).

    A process-wide id depends on which texts the process scored before (a `yoy run` worker's
    earlier pairs): float sums taken in that order (norms, dot products, coverage totals)
    would differ in the last bits from one run to the next.
    """
    import numpy as np
    if len(_TERMS) < len(_VOCAB):
        _TERMS.extend(itertools.islice(_VOCAB, len(_TERMS), None))
    vocab, local = np.unique(np.concatenate([t for _, t, _ in sides]), return_inverse=True)
    rank = np.empty(len(vocab), dtype=np.int64)
    rank[np.argsort(np.array([_TERMS[i] for i in vocab.tolist()], dtype=str), kind="stable")] = (
        np.arange(len(vocab)))
    local = rank[local]
    out, at = [], 0
    for doc, term, count in sides:
        t = local[at:at + len(term)]
        at += len(term)
        order = np.lexsort((t, doc))
        out.append((doc[order], t[order], count[order]))
    return len(vocab), out


def tfidf_matrix(queries: Sequence[str], passages: Sequence[str], terms: Terms | str = DEFAULT):
    """Cosine similarity (queries × passages) over TF-IDF vectors; IDF from both sides.

    Returns a dense numpy array with values in [0, 1]. Only terms that occur on
    both sides can contribute to a dot product, so the dense matrices are built
    over those alone; each document's norm still counts all its terms.
    """
    import numpy as np

    terms = SCORERS[terms] if isinstance(terms, str) else terms
    size_v, side = _local(_counts(queries, terms), _counts(passages, terms))
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
    size_v, ((qdoc, qterm, _), (pdoc, pterm, _)) = _local(_counts(queries, terms),
                                                          _counts(passages, terms))
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
