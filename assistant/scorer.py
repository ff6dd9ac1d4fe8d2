"""The evidence scorer: a linear model over interpretable features of a candidate item.

Two kinds of weights:
- "hand": the constants the first version was tuned with on dev (kept to reproduce it exactly and
  as the baseline every fitted model is compared against);
- "logistic": weights fitted by `python -m eval.fit_scorer` (scikit-learn LogisticRegression,
  regularisation chosen by cross-validation grouped by document and by question family), saved in
  `assistant/scorer_weights.json` with how they were fitted. The score is then a probability.
The answer path only computes a dot product: no scikit-learn import at query time.
"""
from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from pathlib import Path

FEATURES = (
    "coverage",  # IDF-weighted share of the question's terms in the item (context words count 0.8)
    "rank_prior",  # 1 / (retrieval rank + 1) of the item's chunk
    "semantic",  # e5 closeness of the chunk relative to the others × its lexical share
    "entity_affinity",  # the chunk is about the program/office/meeting the question names
    "kind_present",  # the value kind asked (rate, money, count, date, age, place, person) is in the item
    "kind_missing",  # … is not
    "target_stated",  # a target is asked and the item states one
    "metric_named",  # the metric asked (달성률, 집행률 …) is named in the item
    "label_term",  # the item's label ("○ 근무시간 :") is a question term
    "label_intent",  # the item's label is of the kind asked (지원대상 for "누가")
    "total_row",  # the item is a total row (계/합계)
    "too_short",  # under 6 characters: a bare label
    "chunk_coverage",  # coverage of the whole chunk (passage level)
    "dense_sim",  # raw e5 cosine of the chunk
    "length",  # item length / 400, capped at 1
    "table_row",  # a rebuilt "label: column value" row
)
HAND_WEIGHTS = {
    "coverage": 1.0, "rank_prior": 0.12, "semantic": 0.8, "entity_affinity": 1.0,
    "kind_present": 0.3, "kind_missing": -0.25, "target_stated": 0.15, "metric_named": 0.1,
    "label_term": 0.3, "label_intent": 0.25, "total_row": 0.1, "too_short": -0.3,
}
WEIGHTS_FILE = Path(__file__).with_name("scorer_weights.json")


@dataclass(frozen=True)
class Scorer:
    kind: str  # "hand" | "logistic"
    weights: tuple[float, ...]
    bias: float = 0.0
    note: str = ""  # how the weights were chosen
    extra: dict = field(default_factory=dict)  # fitted thresholds (e.g. "abstain_below") and CV figures

    def score(self, features: tuple[float, ...]) -> float:
        z = self.bias + sum(w * f for w, f in zip(self.weights, features))
        if self.kind == "logistic":
            return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))
        return z


def hand_scorer() -> Scorer:
    return Scorer("hand", tuple(HAND_WEIGHTS.get(f, 0.0) for f in FEATURES), 0.0, "hand-set on dev (first version)")


def load_scorer(path: Path = WEIGHTS_FILE) -> Scorer:
    """Fitted weights when the file exists and names the same features; else the hand weights."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return hand_scorer()
    if tuple(data.get("features", ())) != FEATURES:
        return hand_scorer()  # fitted for another feature set: refit with python -m eval.fit_scorer
    return Scorer(data["kind"], tuple(data["weights"]), float(data.get("bias", 0.0)), data.get("note", ""), data.get("extra", {}))
