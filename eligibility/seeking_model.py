"""Whether a citizen's question says the person looks for work, from its character n-grams.

People say it in endless ways ("이제 다시 제대로 일하고 싶은데", "일용직 일이 끊겨서 노는 날이 더 많아요",
"지난달 전역하고 아직 아무 데도 안 다녀요"); `vocab.SEEKS_WORK` lists some. A logistic regression over
character 2–4-grams of the question (within words, as scikit-learn's `char_wb` analyzer cuts them),
fitted on the development persona sets by `python -m eval.fit_seeking --write`, adds 구직자 when the
rules are silent and its probability reaches the threshold chosen by leave-one-set-out validation.
The weights are data (`seeking_weights.json`); this module only scores, without scikit-learn.
"""
from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

WEIGHTS_FILE = Path(__file__).with_name("seeking_weights.json")
_WS = re.compile(r"\s\s+")


def char_wb_ngrams(text: str, low: int, high: int) -> list[str]:
    """The n-grams scikit-learn's TfidfVectorizer(analyzer="char_wb") takes: each word padded with a
    space on both sides, every n from `low` to `high` (a word shorter than n gives itself once)."""
    out: list[str] = []
    for word in _WS.sub(" ", text.lower()).split():
        w = f" {word} "
        for n in range(low, high + 1):
            offset = 0
            out.append(w[offset:offset + n])
            while offset + n < len(w):
                offset += 1
                out.append(w[offset:offset + n])
            if offset == 0:  # the word is shorter than n: counted once
                break
    return out


@dataclass(frozen=True)
class SeekingModel:
    low: int
    high: int
    weights: dict[str, tuple[float, float]]  # n-gram → (idf, coefficient)
    intercept: float
    threshold: float
    info: dict

    def probability(self, question: str) -> float:
        counts: dict[str, int] = {}
        for g in char_wb_ngrams(question, self.low, self.high):
            if g in self.weights:
                counts[g] = counts.get(g, 0) + 1
        # sublinear tf × idf, l2-normalised, as the vectorizer was fitted
        values = {g: (1.0 + math.log(c)) * self.weights[g][0] for g, c in counts.items()}
        norm = math.sqrt(sum(v * v for v in values.values())) or 1.0
        z = self.intercept + sum(v / norm * self.weights[g][1] for g, v in values.items())
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def seeks_work(self, question: str) -> bool:
        return self.probability(question) >= self.threshold


@lru_cache(maxsize=1)
def load_model(path: Path = WEIGHTS_FILE) -> SeekingModel | None:
    """The fitted model, or None (the rules alone decide) when none was fitted."""
    if not path.exists():
        return None
    data = json.loads(path.read_text(encoding="utf-8"))
    return SeekingModel(int(data["ngram"][0]), int(data["ngram"][1]),
                        {g: (float(i), float(c)) for g, i, c in data["features"]},
                        float(data["intercept"]), float(data["threshold"]), data.get("info", {}))
