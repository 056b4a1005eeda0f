"""One-to-one matching that maximises total similarity (the assignment problem).

Alignment and sentence pairing are solved as assignments, never greedily, with
the Jonker–Volgenant solver of the `lap` package (it imports in milliseconds,
where scipy.optimize takes most of a second of `yoy compare`'s start-up).
"""
from __future__ import annotations


def best_pairs(sim) -> list[tuple[int, int]]:
    """(row, column) pairs of a maximum-weight matching of the similarity matrix `sim`.

    Rows and columns with no positive similarity are left out before solving: they
    can only be matched at zero weight, which no caller keeps.
    """
    import lap
    import numpy as np
    sim = np.asarray(sim, dtype=float)
    if sim.size == 0:
        return []
    rows, cols = np.flatnonzero(sim.max(axis=1) > 0), np.flatnonzero(sim.max(axis=0) > 0)
    if not len(rows):
        return []
    sub = sim[np.ix_(rows, cols)]
    _, x, _ = lap.lapjv(sub.max() - sub, extend_cost=True)
    return [(int(rows[r]), int(cols[c])) for r, c in enumerate(x) if c >= 0 and sub[r, c] > 0]
