"""Short names and programmes with the words naming the same things (the kind's `aliases`), so a
measure and a sentence naming one thing by two names share its words."""
from __future__ import annotations

import functools
import re
from collections.abc import Callable

from compare.kinds import Kind


def aliased(text: str, kind: Kind) -> str:
    """`text`, and after it the words naming the same things as the short names and programmes it
    names (the kind's `aliases`: 三块地 → 承包地 宅基地 集体经营性建设用地,
    宅基地 → 三块地; 空气质量 → PM2.5 优良天数…), those it does not hold already: a measure and a
    sentence naming one thing by two names then share its words."""
    return alias_expander(kind)(text)


def alias_expander(kind: Kind) -> Callable[[str], str]:
    """`aliased` for one kind, built once (a comparison expands every part and review sentence)."""
    return _expander(tuple((a.name, tuple(a.words)) for a in kind.aliases))


@functools.cache
def _expander(entries: tuple[tuple[str, tuple[str, ...]], ...]) -> Callable[[str], str]:
    other: dict[str, list[str]] = {}
    for name, words in entries:
        other.setdefault(name, []).extend(words)
        for w in words:
            other.setdefault(w, []).append(name)
    # every name and word, longest first
    names = (re.compile("|".join(map(re.escape, sorted(other, key=len, reverse=True))))
             if other else None)

    @functools.lru_cache(maxsize=1 << 14)
    def expand(text: str) -> str:
        said = {m.group() for m in names.finditer(text)} if names else set()
        extra = [w for s in sorted(said) for w in other[s] if w not in text]
        return f"{text} {' '.join(dict.fromkeys(extra))}" if extra else text
    return expand
