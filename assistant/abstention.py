"""Whether the reports answer a question at all: a logistic model over the signals the answerer
already computes, fitted and cross-validated by `python -m eval.fit_abstainer`.

The rules decline whenever a question word the reports never use is "what is asked"; on the
development splits that was right 45 times and wrong 41 times ('번호', '역할', '할아버지' ask about things
the documents state in other words). A model can weigh that signal with the others (coverage, the
best item's score, the e5 similarity of the best passage). Measured 2026-12-02 (leave-one-split-out
over 8 development splits, 779 questions): logistic regression, gradient boosting and random forests
all stayed below the rules' balanced accuracy (0.77–0.82 vs 0.83; an e5 word-to-passage similarity
was tried and dropped: it was higher for unanswerable questions), so no model is shipped and the
rules decide.
Measured again 2026-12-04 (session 11) on all 22 development splits (2,774 questions the generic answerer
decides, 347 unanswerable), with every answer seen (the answerer forced to answer) and the goal the
number of right outcomes (unanswerable declined + answerable answered right): the rules get 1,794; a
logistic model over these 14 signals 1,741 (leave-one-split-out), 1,733 with its threshold chosen inside
each fold; gradient boosting 1,778 at its best threshold; "the rules or the model" 1,792 nested. The
signals separate unanswerable questions from right answers only weakly (best single AUC 0.78, coverage),
so again no model is shipped. Scope evidence that is unambiguous (a year, a meeting, an as-of month or a district
the documents never mention) stays a rule in any case.
"""
from __future__ import annotations

import json
import math
from dataclasses import asdict, dataclass, fields
from pathlib import Path

MODEL_PATH = Path(__file__).with_name("abstention_model.json")


@dataclass(frozen=True)
class AbstainSignals:
    """What the answerer knows about a question when it decides to answer or decline."""

    unknown_decisive: int  # question words the reports never use that say what is asked
    unknown_other: int  # never-used words that only describe
    unknown_len: int  # length of the longest decisive unknown word (names are long)
    value_missing: int  # a rate/amount/age/time is asked and the close items state none
    coverage: float  # how much of the question the best passage covers
    best_score: float  # the best item's score
    dense_top: float  # e5 cosine of the question to the best passage
    rare_missing: int  # a heading word of the question the answer passages lack
    word_kept: int  # the word gate kept a decline on a word (assistant/word_gate.py)
    other_value_missing: int  # how many asked counts/dates/places/persons the close items state none of
    item_coverage: float  # how much of the question the best item itself covers
    margin: float  # the best item's score minus the runner-up's (a clear winner or a tie)
    attribute_coverage: float  # IDF share of the question words outside the passage's headings that the close items state
    attribute_missing: float  # the IDF of the most specific such word none of them states (0: none missing)

    def vector(self) -> list[float]:
        return [float(getattr(self, f.name)) for f in fields(self)]

    def to_dict(self) -> dict:
        return asdict(self)


FEATURES = tuple(f.name for f in fields(AbstainSignals))


@dataclass(frozen=True)
class AbstentionModel:
    features: tuple[str, ...]
    mean: tuple[float, ...]
    scale: tuple[float, ...]
    coef: tuple[float, ...]
    intercept: float
    threshold: float  # decline when P(unanswerable) is at least this (chosen by cross-validation)
    info: dict

    def probability(self, s: AbstainSignals) -> float:
        x = s.vector()
        z = self.intercept + sum(c * (v - m) / (sd or 1.0) for c, v, m, sd in zip(self.coef, x, self.mean, self.scale))
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def declines(self, s: AbstainSignals) -> bool:
        return self.probability(s) >= self.threshold

    def to_json(self) -> str:
        return json.dumps({"features": list(self.features), "mean": list(self.mean), "scale": list(self.scale),
                           "coef": list(self.coef), "intercept": self.intercept, "threshold": self.threshold,
                           "info": self.info}, ensure_ascii=False, indent=1) + "\n"


def load_model(path: Path = MODEL_PATH) -> AbstentionModel | None:
    """The fitted model, or None (the answerer then keeps its rules) when none was fitted or its
    features are not the ones the answerer computes."""
    if not path.exists():
        return None
    data = json.loads(path.read_text(encoding="utf-8"))
    if tuple(data["features"]) != FEATURES:
        return None
    return AbstentionModel(tuple(data["features"]), tuple(data["mean"]), tuple(data["scale"]), tuple(data["coef"]),
                           float(data["intercept"]), float(data["threshold"]), data.get("info", {}))
