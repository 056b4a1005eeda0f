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
from typing import Callable, Sequence

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


SCORERS: dict[str, Terms] = {"char": char_terms, "bigram": bigram_terms, "jieba": jieba_terms}
DEFAULT = "bigram"


def _counts(texts: Sequence[str], terms: Terms, vocab: dict[str, int]):
    """(doc, term id, count) arrays for `texts`, growing `vocab`."""
    import numpy as np
    docs, ids = [], []
    for d, text in enumerate(texts):
        tid = [vocab.setdefault(t, len(vocab)) for t in terms(text)]
        ids += tid
        docs += [d] * len(tid)
    keys = np.asarray(docs, dtype=np.int64) * (1 << 32) + np.asarray(ids, dtype=np.int64)
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
    vocab: dict[str, int] = {}
    side = [_counts(queries, terms, vocab), _counts(passages, terms, vocab)]
    n = len(queries) + len(passages)
    df = sum(np.bincount(t, minlength=len(vocab)) for _, t, _ in side)
    idf = np.log((1 + n) / (1 + df))
    shared = np.flatnonzero(np.bincount(side[0][1], minlength=len(vocab)) *
                            np.bincount(side[1][1], minlength=len(vocab)))
    column = np.full(len(vocab), -1)
    column[shared] = np.arange(len(shared))
    dense = []
    for (doc, term, count), size in zip(side, (len(queries), len(passages))):
        w = (1 + np.log(count)) * idf[term]
        norm = np.sqrt(np.bincount(doc, weights=w * w, minlength=size))
        norm[norm == 0] = 1
        m = np.zeros((size, len(shared)), dtype=np.float32)
        keep = column[term] >= 0
        m[doc[keep], column[term[keep]]] = w[keep] / norm[doc[keep]]
        dense.append(m)
    return np.clip(dense[0] @ dense[1].T, 0.0, 1.0).astype(float)
