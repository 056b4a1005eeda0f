"""Similarity scorers for Chinese text: plain functions, swappable and measurable.

Chinese has no spaces, so "words" must be chosen: single characters, character
n-grams, or a segmenter's words. Each `*_terms` function turns text into terms;
`tfidf_matrix` scores every query against every passage (cosine over TF-IDF),
the way rapidfuzz's `process.cdist` scores all pairs at once.
The winner on our labelled pairs is `DEFAULT` (see bench/scorers.py).
"""
from __future__ import annotations

import functools
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
    return tuple(w[i:i + 3] for w in _clean(_QUOTES.sub("", text)).split() for i in range(len(w) - 2))


SCORERS: dict[str, Terms] = {"char": char_terms, "bigram": bigram_terms, "jieba": jieba_terms,
                             "name": name_terms}
DEFAULT = "bigram"


# Every term seen in this process gets a number once; a text's numbers are cached
# with it, so scoring the same passage again costs no Python-level loop.
_VOCAB: dict[str, int] = {}


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


def tfidf_matrix(queries: Sequence[str], passages: Sequence[str], terms: Terms | str = DEFAULT):
    """Cosine similarity (queries × passages) over TF-IDF vectors; IDF from both sides.

    Returns a dense numpy array with values in [0, 1]. Only terms that occur on
    both sides can contribute to a dot product, so the dense matrices are built
    over those alone; each document's norm still counts all its terms.
    """
    import numpy as np

    terms = SCORERS[terms] if isinstance(terms, str) else terms
    side = [_counts(queries, terms), _counts(passages, terms)]
    # renumber the process-wide term ids of these documents 0…V-1
    vocab, local = np.unique(np.concatenate([side[0][1], side[1][1]]), return_inverse=True)
    cut = len(side[0][1])
    side = [(side[0][0], local[:cut], side[0][2]), (side[1][0], local[cut:], side[1][2])]
    n = len(queries) + len(passages)
    df = sum(np.bincount(t, minlength=len(vocab)) for _, t, _ in side)
    idf = np.log((1 + n) / (1 + df))
    shared = np.flatnonzero(np.bincount(side[0][1], minlength=len(vocab)) *
                            np.bincount(side[1][1], minlength=len(vocab)))
    column = np.full(len(vocab), -1)
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
    (qdoc, qterm, _), (pdoc, pterm, _) = _counts(queries, terms), _counts(passages, terms)
    vocab, local = np.unique(np.concatenate([qterm, pterm]), return_inverse=True)
    qterm, pterm = local[:len(qterm)], local[len(qterm):]
    # document frequency over both sides: a phrase many measures open with (加快推进, 加强农村)
    # is as common as one many sentences hold
    df = np.bincount(qterm, minlength=len(vocab)) + np.bincount(pterm, minlength=len(vocab))
    idf = np.log((len(queries) + len(passages) + 1) / (df + 0.5))
    total = np.bincount(qdoc, weights=idf[qterm], minlength=len(queries))
    total[total == 0] = 1
    # a query term meets the passages holding it through a posting list: a trigram is in a
    # handful of sentences, so this walks far fewer pairs than a dense product would
    order = np.argsort(pterm, kind="stable")
    starts = np.searchsorted(pterm[order], np.arange(len(vocab) + 1))
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
