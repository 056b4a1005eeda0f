"""Whether a candidate row is a task a 督查室 would list: a fitted decision over what the row says
and where it stands, after the kind's cues have dropped what they know to be no task.

The cues (compare/ingest/measures.py) drop sentences by hand-written patterns; what they miss —
slogans, principles, recalls and reasoning written in words no cue names — are rows still. Here a
logistic regression weighs the signals of a row together: the kind's cue classes its clauses
match, words it opens or closes with or holds (the kind template's `row_words`, copied into the
fitted model), whether it states a quantity and names its object, its length and where it stands
(its paragraph's first or last sentence, right after a colon, the section's first paragraph).
Its coefficients are fitted by `make fit` (bench/fit_rows.py, on the uniform samples' R/S/F
labels) and shipped as data (compare/ingest/row_quality.yaml, with the pairs they were fitted on
and the threshold chosen leave-one-pair-out); here they are only evaluated.
"""
from __future__ import annotations

import functools
import math
import re
from dataclasses import dataclass, field
from itertools import repeat
from pathlib import Path

# the sentences, the trimmed ends and a figure's own name as the splitter reads them
from compare.ingest.measures import _SENTENCE, _TRIM, MIN_NAME
from compare.ingest.quantities import extract_quantities
from compare.kinds import Kind
from compare.text import COLONS, COMMAS, SENTENCE_END, chars, count_hanzi

MODEL = Path(__file__).with_name("row_quality.yaml")
_CLAUSE = re.compile(f"[^{COMMAS}{COLONS}{SENTENCE_END}]+")
_YEAR = re.compile(r"(?<!\d)((?:19|20)\d\d)年")


@dataclass(frozen=True)
class Place:
    """Where a row stands: its paragraph's text and its span in it, the paragraph's place in its
    section (1-based; 0 the heading), the section's depth and heading, and the plan's year."""
    paragraph: str
    start: int
    end: int
    index: int
    depth: int
    heading: str = ""
    year: int = 0


@functools.lru_cache(maxsize=64)
def _paragraph(paragraph: str, recall: re.Pattern) -> tuple[list[tuple[int, int]], bool]:
    """The spans of a paragraph's sentences and whether it recalls the past (read once for all
    the rows it holds)."""
    return ([(m.start(), m.end()) for m in _SENTENCE.finditer(paragraph)
             if m.group().strip(_TRIM)], recall.search(paragraph) is not None)


@functools.lru_cache(maxsize=64)
def _heading(heading: str, words: tuple[tuple[str, re.Pattern], ...]) -> dict[str, float]:
    """The signals of a section's heading (read once for all the rows of its section)."""
    return {f"heading {name}": float(p.search(heading) is not None) for name, p in words}


def row_features(row: str, place: Place, kind: Kind, words: dict[str, re.Pattern],
                 heading_words: dict[str, re.Pattern]) -> dict[str, float]:
    """The signals of a candidate row, each a number (0/1 for a cue), by name: `words` are
    searched in the row, `heading_words` in its section's heading."""
    cues = kind.cues
    clauses = [c.strip(_TRIM).lstrip("“‘（(") for c in _CLAUSE.findall(row) if c.strip(_TRIM)]
    sents, past = _paragraph(place.paragraph, cues.recall)
    at = next((k for k, (a, b) in enumerate(sents) if a <= place.start < b), 0)
    before = place.paragraph[:place.start].rstrip()
    after = place.paragraph[place.end:place.end + 1]
    found = extract_quantities(row)
    named = any(count_hanzi(re.split(chars(COMMAS, COLONS, "、"), row[:q.start])[-1]) >= MIN_NAME
                for q in found)
    acts = [cues.action.match(c) is not None for c in clauses]
    x = {
        "length": math.log(max(len(row), 1)),
        "clauses": float(len(clauses)),
        "first_sentence": float(at == 0),
        "last_sentence": float(at == len(sents) - 1),
        "one_sentence": float(len(sents) == 1),
        "after_colon": float(bool(before) and before[-1] in COLONS),
        "ends_colon": float(after in COLONS),
        "first_paragraph": float(place.index == 1),
        "heading": float(place.index == 0),
        "depth": float(place.depth),
        "quantity": float(bool(found)),
        "named_quantity": float(named),
        "opens_action": float(bool(acts) and acts[0]),
        "action_share": sum(acts) / len(acts) if acts else 0.0,
        "principle": float(bool(clauses) and cues.principle.match(clauses[0]) is not None),
        "aim": float(any(cues.aim.match(c) is not None for c in clauses)),
        "abstract": float(any(cues.abstract.search(c) is not None for c in clauses)),
        "future": float(cues.future.search(row) is not None),
        "completion": float(cues.completion.search(row) is not None),
        "recall": float(any(cues.recall.match(c) is not None for c in clauses)),
        "statement": float(any(cues.statement.match(c) is not None for c in clauses)),
        "closing": float(cues.closing.search(row) is not None),
        "end_point": float(bool(clauses) and cues.end_point.search(clauses[0]) is not None),
        "earlier_year": float(any(0 < int(y) < place.year for y in _YEAR.findall(row))),
        "paragraph_past": float(past),
    }
    x.update({name: float(p.search(row) is not None) for name, p in words.items()})
    x.update(_heading(place.heading, tuple(heading_words.items())))
    return x


def grams(row: str) -> set[str]:
    """The row's character bigrams, with the two it opens with (^要求) and ends with (工作$)."""
    return (set(map(str.__add__, row, row[1:]))
            | ({f"^{row[:2]}", f"{row[-2:]}$"} if row else set()))


@dataclass(frozen=True)
class RowModel:
    """P(no task) = 1 / (1 + exp(-(bias + Σ weight × signal + Σ weight of the row's bigrams)));
    a row at or above `cut` is no row. `words` and `heading_words`: the lexical signals, a name
    and its pattern; `kinds`: the kinds it was fitted on (another kind keeps every row)."""
    bias: float
    weights: dict[str, float]
    grams: dict[str, float]
    words: dict[str, str]
    heading_words: dict[str, str]
    cut: float
    kinds: tuple[str, ...]
    fitted_on: tuple[str, ...] = ()
    _compiled: list[dict[str, re.Pattern]] = field(default_factory=list, compare=False,
                                                   repr=False)

    def features(self, row: str, place: Place, kind: Kind) -> dict[str, float]:
        if not self._compiled:
            self._compiled.extend([{k: re.compile(p) for k, p in self.words.items()},
                                   {k: re.compile(p) for k, p in self.heading_words.items()}])
        return row_features(row, place, kind, *self._compiled)

    def p(self, x: dict[str, float], row: str) -> float:
        weights = self.weights
        # fsum over the bigrams: exact, so the sum does not depend on the order of their set
        z = (self.bias + sum([weights.get(k, 0.0) * v for k, v in x.items() if v])
             + math.fsum(map(self.grams.get, grams(row), repeat(0.0))))
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def no_task(self, row: str, place: Place, kind: Kind) -> bool:
        """Whether the row is no task: the model is sure enough (p ≥ cut) of a kind it was fitted
        on."""
        if kind.kind not in self.kinds:
            return False
        return self.p(self.features(row, place, kind), row) >= self.cut


def from_dict(data: dict) -> RowModel:
    return RowModel(bias=float(data["bias"]),
                    weights={k: float(v) for k, v in (data.get("weights") or {}).items()},
                    grams={k: float(v) for k, v in (data.get("grams") or {}).items()},
                    words={k: str(v) for k, v in (data.get("words") or {}).items()},
                    heading_words={k: str(v) for k, v in (data.get("heading_words") or {}).items()},
                    cut=float(data["cut"]), kinds=tuple(data.get("kinds") or ()),
                    fitted_on=tuple(data.get("fitted_on") or ()))


def to_dict(model: RowModel) -> dict:
    return {"fitted_on": list(model.fitted_on), "kinds": list(model.kinds),
            "cut": round(model.cut, 4), "bias": round(model.bias, 6),
            "weights": {k: round(v, 6) for k, v in model.weights.items()},
            "words": dict(model.words), "heading_words": dict(model.heading_words),
            "grams": {k: round(v, 6) for k, v in model.grams.items()}}


@functools.cache
def shipped() -> RowModel | None:
    """The decision shipped with the package, or None before one was fitted (the cues alone)."""
    if not MODEL.is_file():
        return None
    from compare.files import load_yaml
    return from_dict(load_yaml(MODEL, keep=True))
