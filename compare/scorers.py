"""Similarity scorers for Chinese text: plain functions, swappable and measurable.

Chinese has no spaces, so "words" must be chosen: single characters, character
n-grams, or a segmenter's words. Each `*_terms` function turns text into terms;
`tfidf_matrix` scores every query against every passage (cosine over TF-IDF),
the way rapidfuzz's `process.cdist` scores all pairs at once.
The winner on our labelled pairs is `DEFAULT` (see bench/scorers.py).
"""
from __future__ import annotations

import math
import re
from collections import Counter
from typing import Callable, Sequence

Terms = Callable[[str], list[str]]

# Function words and report boilerplate carry no topic signal.
_NOISE = re.compile(r"[\s\d.,，。、；;：:“”‘’（）()《》！!？?—…·%-]+")


def _clean(text: str) -> str:
    return _NOISE.sub(" ", text)


def char_terms(text: str) -> list[str]:
    return [c for c in _clean(text) if c != " "]


def bigram_terms(text: str) -> list[str]:
    return [w[i:i + 2] for w in _clean(text).split() for i in range(len(w) - 1)]


def jieba_terms(text: str) -> list[str]:
    import jieba  # optional: only the scorer benchmark needs it
    return [w for w in jieba.lcut(_clean(text)) if w.strip() and len(w) > 1]


SCORERS: dict[str, Terms] = {"char": char_terms, "bigram": bigram_terms, "jieba": jieba_terms}
DEFAULT = "bigram"


def tfidf_matrix(queries: Sequence[str], passages: Sequence[str], terms: Terms | str = DEFAULT):
    """Cosine similarity (queries × passages) over TF-IDF vectors; IDF from both sides.

    Returns a dense numpy array with values in [0, 1].
    """
    import numpy as np
    from scipy.sparse import csr_matrix

    terms = SCORERS[terms] if isinstance(terms, str) else terms
    docs = [Counter(terms(t)) for t in [*queries, *passages]]
    df = Counter(t for d in docs for t in d)
    vocab = {t: i for i, t in enumerate(sorted(df))}
    n = len(docs)
    rows, cols, vals = [], [], []
    for r, d in enumerate(docs):
        for t, tf in d.items():
            rows.append(r)
            cols.append(vocab[t])
            vals.append((1 + math.log(tf)) * math.log((1 + n) / (1 + df[t])))
    m = csr_matrix((vals, (rows, cols)), shape=(n, max(len(vocab), 1)))
    norms = np.sqrt(m.multiply(m).sum(axis=1)).A.ravel()
    norms[norms == 0] = 1
    from scipy.sparse import diags
    m = diags(1 / norms) @ m
    q, p = m[: len(queries)], m[len(queries):]
    return np.clip((q @ p.T).toarray(), 0.0, 1.0)
