"""Okapi BM25 over Kiwi tokens, small enough to rebuild on every ingest and load in milliseconds."""
from __future__ import annotations

import json
import math
import os
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from retrieval.korean_tokens import tokenize


@dataclass
class BM25Index:
    ids: list[str]
    doc_tokens: list[list[str]]
    k1: float = 1.2
    b: float = 0.75
    _df: Counter = field(default_factory=Counter, repr=False)
    _tf: list[Counter] = field(default_factory=list, repr=False)
    _len: list[int] = field(default_factory=list, repr=False)
    _avg: float = 1.0

    def __post_init__(self) -> None:
        self._tf = [Counter(toks) for toks in self.doc_tokens]
        self._len = [len(toks) for toks in self.doc_tokens]
        self._avg = (sum(self._len) / len(self._len)) if self._len else 1.0
        self._df = Counter()
        for tf in self._tf:
            self._df.update(tf.keys())
        self.vocabulary = set(self._df)

    @classmethod
    def build(cls, ids: list[str], texts: list[str]) -> "BM25Index":
        return cls(ids=list(ids), doc_tokens=[list(tokenize(t)) for t in texts])

    def idf(self, term: str) -> float:
        n, df = len(self.ids), self._df.get(term, 0)
        return math.log(1 + (n - df + 0.5) / (df + 0.5))

    def expand(self, terms: list[str]) -> list[str]:
        """Out-of-vocabulary query terms (e.g. a name the index holds glued to a neighbour,
        "권수정" inside "권수정비례") fall back to the vocabulary terms that contain them."""
        out: list[str] = []
        for t in terms:
            if t in self.vocabulary or len(t) < 2:
                out.append(t)
            else:
                out += [v for v in self.vocabulary if t in v][:5]
        return out

    def scores(self, query: str) -> list[float]:
        terms = self.expand(list(tokenize(query)))
        scores = [0.0] * len(self.ids)
        for term in set(terms):
            if term not in self._df:
                continue
            idf = self.idf(term)
            for i, tf in enumerate(self._tf):
                f = tf.get(term)
                if f:
                    norm = f + self.k1 * (1 - self.b + self.b * self._len[i] / self._avg)
                    scores[i] += idf * f * (self.k1 + 1) / norm
        return scores

    def search(self, query: str, k: int = 20, allowed: set[str] | None = None) -> list[tuple[str, float]]:
        scored = [(cid, s) for cid, s in zip(self.ids, self.scores(query)) if s > 0 and (allowed is None or cid in allowed)]
        scored.sort(key=lambda x: -x[1])
        return scored[:k]

    def save(self, path: Path) -> None:
        tmp = path.with_suffix(".tmp")
        tmp.write_text(json.dumps({"ids": self.ids, "tokens": self.doc_tokens}, ensure_ascii=False), encoding="utf-8")
        os.replace(tmp, path)

    @classmethod
    def load(cls, path: Path) -> "BM25Index":
        data = json.loads(path.read_text(encoding="utf-8"))
        return cls(ids=data["ids"], doc_tokens=data["tokens"])
