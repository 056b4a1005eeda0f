"""The fitted decisions of the tracker: logistic models whose coefficients ship as data.

Five decisions combine the signals `track` reads off a measure's parts and the review:
`evidence` (is this review sentence about this part?), `reported` (is the best of them
evidence enough to say the part was reported?), `topic` (when it is not, does the review's
paragraph on the same field report the same work in other words? then the part is partial)
and `delivered` (does the review say the part was done, or only worked on?); `status` says
whether the part is reported, partial or delivered at once, a multinomial logistic regression over
the signals of the part, of the review as a whole and the rules' answer (`Softmax`; track.py says
how it and the rules decide together). Each is fitted by `make fit` (bench/fit.py, scikit-learn
at fit time only) on the labelled pairs and written to compare/engine/model.yaml with the pairs it
was fitted on; here it is only evaluated, so no fitting library is needed at run time.

    >>> m = Logistic(bias=-1.0, weights={"cosine": 4.0})
    >>> round(m.p({"cosine": 0.5}), 3), round(m.p({}), 3)
    (0.731, 0.269)
"""
from __future__ import annotations

import functools
import math
import operator
from dataclasses import dataclass, field
from pathlib import Path

MODEL = Path(__file__).with_name("model.yaml")


@dataclass(frozen=True)
class Logistic:
    """P(yes) = 1 / (1 + exp(-(bias + Σ weight × feature))); a feature not given is 0."""
    bias: float
    weights: dict[str, float] = field(default_factory=dict)

    def p(self, x: dict[str, float]) -> float:
        z = self.bias + sum(w * x.get(k, 0.0) for k, w in self.weights.items())
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def p_rows(self, rows, names: tuple[str, ...]) -> list[float]:
        """P(yes) of each row of a numpy array whose columns are the features `names`."""
        import numpy as np
        w = np.array([self.weights.get(n, 0.0) for n in names])
        z = np.clip(self.bias + rows @ w, -30.0, 30.0)
        return (1.0 / (1.0 + np.exp(-z))).tolist()


@dataclass(frozen=True)
class Softmax:
    """P(class) ∝ exp(bias[class] + Σ weight[feature][class] × feature): one score per class, the
    classes in `classes` order; a feature not given is 0.

    >>> m = Softmax(("no", "yes"), (0.0, -1.0), {"cosine": (0.0, 4.0)})
    >>> [round(p, 3) for p in m.p({"cosine": 0.5})], m.best({"cosine": 0.5})
    ([0.269, 0.731], 'yes')
    """
    classes: tuple[str, ...]
    bias: tuple[float, ...]
    weights: dict[str, tuple[float, ...]] = field(default_factory=dict)

    def p(self, x: dict[str, float]) -> list[float]:
        values = [x.get(k, 0.0) for k in self.weights]
        # each class's products summed in the features' order, as written out in full
        z = [b + sum(map(operator.mul, column, values))
             for b, column in zip(self.bias, self._columns, strict=True)]
        top = max(z)
        e = [math.exp(v - top) for v in z]
        total = sum(e)
        return [v / total for v in e]

    @functools.cached_property
    def _columns(self) -> list[tuple[float, ...]]:
        """Each class's weights in the features' order: `p` looks each feature up once, not once
        for every class (it is asked for every part of every measure)."""
        return [tuple(w[c] for w in self.weights.values()) for c in range(len(self.bias))]

    def best(self, x: dict[str, float]) -> str:
        """The most likely class; on a tie the first."""
        p = self.p(x)
        return self.classes[p.index(max(p))]


@dataclass(frozen=True)
class Model:
    evidence: Logistic
    reported: Logistic
    delivered: Logistic
    # which of the model and the rules makes each decision: the one right more
    # often leave-one-pair-out
    ranked_by: str = "model"
    reported_by: str = "model"
    delivered_by: str = "model"
    # a part the rules find no evidence for is partial when the topic model's probability reaches
    # topic_above ("model"), or stays not_reported ("rules"); both chosen leave-one-pair-out
    topic: Logistic = Logistic(bias=-30.0)
    topic_by: str = "rules"
    topic_above: float = 0.5
    # the three decisions at once ("model"), or each as above ("rules"); chosen leave-one-pair-out
    status: Softmax | None = None
    status_by: str = "rules"
    # a row whose status is less likely right than this is shown to be verified (待核实)
    verify_below: float = 0.5
    fitted_on: tuple[str, ...] = ()
    # what it was fitted on besides the pairs (bench/fit.py): a pair's labels grow (盐田区 2021→22
    # held 648 measures when the first model was fitted, 708 the next day), and the fit reads a
    # measure as the engine of its commit does (`git describe`, -dirty: with changes not committed)
    fitted_measures: int = 0
    fitted_at: str = ""


def from_dict(data: dict) -> Model:
    def logistic(d: dict) -> Logistic:
        return Logistic(bias=float(d["bias"]),
                        weights={k: float(v) for k, v in (d.get("weights") or {}).items()})
    def softmax(d: dict) -> Softmax:
        return Softmax(classes=tuple(d["classes"]), bias=tuple(float(b) for b in d["bias"]),
                       weights={k: tuple(float(x) for x in v)
                                for k, v in (d.get("weights") or {}).items()})
    return Model(evidence=logistic(data["evidence"]), reported=logistic(data["reported"]),
                 delivered=logistic(data["delivered"]),
                 topic=logistic(data["topic"]) if "topic" in data else Logistic(bias=-30.0),
                 topic_by=data.get("topic_by", "rules"),
                 topic_above=float(data.get("topic_above", 0.5)),
                 ranked_by=data.get("ranked_by", "model"),
                 reported_by=data.get("reported_by", "model"),
                 delivered_by=data.get("delivered_by", "model"),
                 verify_below=float(data.get("verify_below", 0.5)),
                 status=softmax(data["status"]) if "status" in data else None,
                 status_by=data.get("status_by", "rules"),
                 fitted_on=tuple(data.get("fitted_on") or ()),
                 fitted_measures=int(data.get("fitted_measures", 0)),
                 fitted_at=str(data.get("fitted_at", "")))


def to_dict(model: Model) -> dict:
    def logistic(m: Logistic) -> dict:
        return {"bias": round(m.bias, 6), "weights": {k: round(v, 6) for k, v in m.weights.items()}}
    def softmax(m: Softmax) -> dict:
        return {"classes": list(m.classes), "bias": [round(b, 6) for b in m.bias],
                "weights": {k: [round(x, 6) for x in v] for k, v in m.weights.items()}}
    status = {"status_by": model.status_by,
              "status": softmax(model.status)} if model.status is not None else {}
    return {"fitted_at": model.fitted_at, "fitted_measures": model.fitted_measures,
            "fitted_on": list(model.fitted_on), "ranked_by": model.ranked_by,
            "reported_by": model.reported_by,
            "delivered_by": model.delivered_by, "topic_by": model.topic_by,
            "topic_above": round(model.topic_above, 4),
            "verify_below": round(model.verify_below, 4),
            "evidence": logistic(model.evidence), "reported": logistic(model.reported),
            "delivered": logistic(model.delivered), "topic": logistic(model.topic), **status}


@functools.cache
def shipped() -> Model | None:
    """The model shipped with the package, or None before one was fitted (the rules decide then)."""
    if not MODEL.is_file():
        return None
    from compare.files import load_yaml
    return from_dict(load_yaml(MODEL, keep=True))
