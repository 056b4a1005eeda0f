"""One-to-one matching that maximises total similarity (the assignment problem).

Alignment and sentence pairing are solved as assignments, never greedily, with
the Jonker–Volgenant solver of the `lap` package (it imports in milliseconds,
where scipy.optimize takes most of a second of `yoy compare`'s start-up).
"""
from __future__ import annotations


def best_pairs(sim) -> list[tuple[int, int]]:
    """(row, column) pairs of a maximum-weight matching of the similarity matrix `sim`."""
    import lap
    import numpy as np
    sim = np.asarray(sim, dtype=float)
    if sim.size == 0:
        return []
    _, rows, _ = lap.lapjv(sim.max() - sim, extend_cost=True)
    return [(r, int(c)) for r, c in enumerate(rows) if c >= 0]
