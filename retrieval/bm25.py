"""Okapi BM25 over Kiwi tokens, on the `bm25s` library (sparse matrix of precomputed scores).

Scores equal the formula this project always used (Lucene IDF, Robertson TF with the (k1 + 1)
factor: bm25s method "atire" with idf_method "lucene", float64), so rankings and every threshold
tuned on them are unchanged; a query costs a few sparse column sums instead of a Python loop
over every chunk.

The index folder holds the bm25s arrays plus `meta.json`: chunk ids, parameters and the
tokenizer that made the tokens (name, version, Kiwi versions, source hash). `load` refuses an
index built by another tokenizer (`LexicalIndexStale`, Korean message): query tokens would not
match the stored ones and lexical search would silently miss.
"""
from __future__ import annotations

import bisect
import json
import math
import os
import shutil
from functools import lru_cache
from pathlib import Path

from retrieval.korean_tokens import tokenize, tokenizer_id

FORMAT_VERSION = 2
META_FILE = "meta.json"
EXPAND_LIMIT = 5  # vocabulary words an out-of-vocabulary query term may stand for


class LexicalIndexStale(RuntimeError):
    """The saved index was built by a different tokenizer or format: rebuild it (Korean message)."""


class _DocFreq:
    """`bm25._df.get(term, 0)` for callers of the old implementation: document frequencies read
    off the sparse matrix (one stored score per document containing the term)."""

    def __init__(self, index: "BM25Index") -> None:
        self._index = index

    def get(self, term: str, default: int = 0) -> int:
        df = self._index.df(term)
        return df if df else default

    def __getitem__(self, term: str) -> int:
        df = self._index.df(term)
        if not df:
            raise KeyError(term)
        return df

    def __contains__(self, term: object) -> bool:
        return isinstance(term, str) and self._index.df(term) > 0


class BM25Index:
    """build / search / scores / save / load, as before; plus df, idf, expand and vocabulary."""

    def __init__(self, ids: list[str], retriever, k1: float = 1.2, b: float = 0.75) -> None:
        import numpy as np

        self.ids = list(ids)
        self.k1, self.b = k1, b
        self._bm25 = retriever
        self._indptr = np.asarray(retriever.scores["indptr"])
        # bm25s also maps "" to an id past the matrix (its placeholder for unknown tokens): not a term.
        columns = len(self._indptr) - 1
        self._vocab: dict[str, int] = {t: i for t, i in retriever.vocab_dict.items() if t and i < columns}
        self.vocabulary = self._vocab.keys()  # set-like: `term in vocabulary`, iteration
        self._df = _DocFreq(self)
        # Vocabulary as one "\n"-separated string, sorted: substring lookups (`expand`) run in C.
        words = sorted(self._vocab)
        self._blob = "\n".join(words)
        self._starts: list[int] = []
        pos = 0
        for w in words:
            self._starts.append(pos)
            pos += len(w) + 1
        self._words = words
        self._expand_cached = lru_cache(maxsize=4096)(self._expand_one)

    # ── building ────────────────────────────────────────────────────────────────────────────
    @classmethod
    def build(cls, ids: list[str], texts: list[str], k1: float = 1.2, b: float = 0.75) -> "BM25Index":
        return cls.from_tokens(ids, [list(tokenize(t)) for t in texts], k1, b)

    @classmethod
    def from_tokens(cls, ids: list[str], doc_tokens: list[list[str]], k1: float = 1.2, b: float = 0.75) -> "BM25Index":
        """From tokens made at ingest (`retrieval.lexicon`), so nothing is tokenized twice."""
        import bm25s

        retriever = bm25s.BM25(k1=k1, b=b, method="atire", idf_method="lucene", dtype="float64", int_dtype="int32")
        if ids:
            # An empty document would make bm25s's vocabulary step fail; a token no query can
            # produce keeps the matrix shape (it is a control character, never a Kiwi token).
            corpus = [list(toks) or ["\x00"] for toks in doc_tokens]
            # Our own sorted vocabulary: bm25s numbers the tokens of a list corpus in set order, which
            # changes with PYTHONHASHSEED, and so did the order scores are summed in — near-ties between
            # chunks then flipped from one ingest to the next.
            vocab = {tok: i for i, tok in enumerate(sorted({t for toks in corpus for t in toks}))}
            retriever.index(bm25s.tokenization.Tokenized(ids=[[vocab[t] for t in toks] for toks in corpus], vocab=vocab),
                            show_progress=False)
        else:
            retriever.scores = {"data": [], "indices": [], "indptr": [0], "num_docs": 0}
            retriever.vocab_dict = {}
        return cls(ids, retriever, k1, b)

    # ── statistics ──────────────────────────────────────────────────────────────────────────
    def df(self, term: str) -> int:
        tid = self._vocab.get(term)
        return 0 if tid is None else int(self._indptr[tid + 1] - self._indptr[tid])

    def idf(self, term: str) -> float:
        n, df = len(self.ids), self.df(term)
        return math.log(1 + (n - df + 0.5) / (df + 0.5))

    def max_idf(self) -> float:
        """The IDF of the rarest vocabulary term (the weight ceiling for known words)."""
        if not self._vocab:
            return 0.0
        import numpy as np

        return self.idf_for_df(int(np.diff(self._indptr).min()))

    def idf_for_df(self, df: int) -> float:
        return math.log(1 + (len(self.ids) - df + 0.5) / (df + 0.5))

    # ── query-time expansion ────────────────────────────────────────────────────────────────
    def _expand_one(self, term: str) -> tuple[str, ...]:
        found: dict[str, None] = {}
        pos = self._blob.find(term)
        while pos >= 0:
            i = bisect.bisect_right(self._starts, pos) - 1
            found[self._words[i]] = None
            pos = self._blob.find(term, self._starts[i] + len(self._words[i]) + 1)  # next word
        # Documented order: the closest words first (shortest: fewest extra characters), then the
        # most common, then alphabetical. Deterministic in every process (no set order involved).
        ranked = sorted(found, key=lambda w: (len(w), -self.df(w), w))
        return tuple(ranked[:EXPAND_LIMIT])

    def expand(self, terms: list[str]) -> list[str]:
        """Out-of-vocabulary query terms (e.g. a name the index holds glued to a neighbour,
        "권수정" inside "권수정비례") fall back to up to EXPAND_LIMIT vocabulary words that
        contain them, ordered by (length, -document frequency, word)."""
        out: list[str] = []
        for t in terms:
            if t in self._vocab or len(t) < 2:
                out.append(t)
            elif "\n" not in t:
                out += self._expand_cached(t)
        return out

    # ── scoring ─────────────────────────────────────────────────────────────────────────────
    def _score_array(self, query: str):
        import numpy as np

        terms = self.expand(list(tokenize(query)))
        token_ids = sorted({self._vocab[t] for t in terms if t in self._vocab})
        if not token_ids or not self.ids:
            return np.zeros(len(self.ids), dtype=np.float64)
        return self._bm25.get_scores_from_ids(token_ids)

    def scores(self, query: str) -> list[float]:
        return self._score_array(query).tolist()

    def search(self, query: str, k: int = 20, allowed=None) -> list[tuple[str, float]]:
        """Top k (chunk id, score) with score > 0, best first (ties: index order). `allowed` is a
        set of chunk ids or a boolean array over `ids`."""
        import numpy as np

        scores = self._score_array(query)
        keep = scores > 0
        if allowed is not None:
            if isinstance(allowed, np.ndarray):
                keep &= allowed
            else:
                keep &= np.fromiter((cid in allowed for cid in self.ids), dtype=bool, count=len(self.ids))
        idx = np.flatnonzero(keep)
        if len(idx) > k:
            cut = np.partition(scores[idx], len(idx) - k)[len(idx) - k]
            idx = idx[scores[idx] >= cut]
        order = idx[np.lexsort((idx, -scores[idx]))][:k]
        return [(self.ids[i], float(scores[i])) for i in order]

    # ── persistence ─────────────────────────────────────────────────────────────────────────
    def save(self, path: Path, extras=None) -> None:
        """Write the index folder atomically: a temp folder renamed into place. `extras(folder)`
        may add files that must be replaced together with the index (retrieval/lexicon.py)."""
        path = Path(path)
        tmp = path.with_name(path.name + ".tmp")
        shutil.rmtree(tmp, ignore_errors=True)
        tmp.mkdir(parents=True)
        self._bm25.save(str(tmp), show_progress=False)
        meta = {"format": FORMAT_VERSION, "tokenizer": tokenizer_id(), "k1": self.k1, "b": self.b, "ids": self.ids}
        if extras is not None:
            extras(tmp)
        (tmp / META_FILE).write_text(json.dumps(meta, ensure_ascii=False), encoding="utf-8")  # last
        old = path.with_name(path.name + ".old")
        shutil.rmtree(old, ignore_errors=True)
        if path.is_dir():
            os.rename(path, old)
        elif path.exists():
            path.unlink()
        os.rename(tmp, path)
        shutil.rmtree(old, ignore_errors=True)

    @classmethod
    def load(cls, path: Path) -> "BM25Index":
        import bm25s

        path = Path(path)
        try:
            meta = json.loads((path / META_FILE).read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise LexicalIndexStale(
                f"검색 색인(BM25)을 읽을 수 없습니다: {path}. `python -m ingest`로 색인을 다시 만들어 주세요."
            ) from exc
        check_tokenizer(meta)
        retriever = bm25s.BM25.load(str(path), mmap=True, load_corpus=False)
        return cls(meta["ids"], retriever, float(meta["k1"]), float(meta["b"]))


def check_tokenizer(meta: dict) -> None:
    """Raise LexicalIndexStale (Korean) unless `meta` was written by this tokenizer and format."""
    if meta.get("format") != FORMAT_VERSION:
        raise LexicalIndexStale("검색 색인(BM25) 형식이 바뀌었습니다. `python -m ingest`로 색인을 다시 만들어 주세요.")
    saved, current = meta.get("tokenizer"), tokenizer_id()
    if saved != current:
        changed = ", ".join(k for k in sorted(current) if (saved or {}).get(k) != current[k]) or "전체"
        raise LexicalIndexStale(
            f"검색 색인을 만든 형태소 분석기가 지금과 다릅니다(달라진 항목: {changed}). "
            "`python -m ingest`로 색인을 다시 만들어 주세요."
        )



