"""Hybrid retrieval: dense e5 vectors in Chroma fused with Kiwi BM25 by weighted reciprocal rank."""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Protocol
from pathlib import Path

from reports.chunks import Chunk
from reports.store import load_chunks
from retrieval.lexicon import LEXICAL_DIR, load_index

RRF_K = 60


class Scoped(Protocol):
    """Anything that belongs to one document and perhaps one office: chunks, figure facts, program cards."""

    doc_id: str
    office: str


@dataclass(frozen=True)
class SearchFilters:
    """The search scope (the sidebar's 검색 범위, `--doc`/`--office`, a batch row's "filters"): one
    object that every answer path honours — retrieval, the figures and eligibility specialists,
    and the generative path, which answers from the scoped evidence."""

    doc_id: str | None = None
    office: str | None = None

    @property
    def is_everything(self) -> bool:
        return not (self.doc_id or self.office)

    def chroma_where(self) -> dict | None:
        clauses = [{k: v} for k, v in (("doc_id", self.doc_id), ("office", self.office)) if v]
        if not clauses:
            return None
        return clauses[0] if len(clauses) == 1 else {"$and": clauses}

    def allows(self, item: Scoped) -> bool:
        return (not self.doc_id or item.doc_id == self.doc_id) and (not self.office or item.office == self.office)


@dataclass(frozen=True)
class Hit:
    chunk: Chunk
    score: float
    dense_rank: int | None
    lexical_rank: int | None
    dense_sim: float = 0.0  # cosine similarity of the e5 vectors (0 when not in the dense list)


@dataclass
class FusionConfig:
    dense_weight: float = 1.0
    lexical_weight: float = 1.0
    candidates: int = 30


class IndexMissingError(RuntimeError):
    pass


class HybridRetriever:
    def __init__(self, data_dir: Path, embedder, collection, fusion: FusionConfig | None = None) -> None:
        chunks = load_chunks(data_dir)
        if not chunks or not (data_dir / LEXICAL_DIR).is_dir():
            raise IndexMissingError("검색 색인이 없습니다. 먼저 `python -m ingest`로 색인을 만들어 주세요.")
        self.chunks = {c.id: c for c in chunks}
        self.bm25 = load_index(data_dir)  # LexicalIndexStale (Korean) when another tokenizer built it
        self.data_dir = data_dir
        self._allowed = lru_cache(maxsize=64)(self._allowed_mask)
        self.embedder = embedder
        self.collection = collection
        self.fusion = fusion or FusionConfig()

    def dense(self, query: str, n: int, filters: SearchFilters) -> list[tuple[str, float]]:
        vector = self.embedder.embed_query(query)
        res = self.collection.query(
            query_embeddings=[vector], n_results=n, where=filters.chroma_where(), include=["distances"]
        )
        return [(cid, 1.0 - d) for cid, d in zip(res["ids"][0], res["distances"][0]) if cid in self.chunks]

    def _allowed_mask(self, filters: SearchFilters):
        """Which BM25 rows a filter admits, computed once per filter (not per question)."""
        import numpy as np

        return np.fromiter((filters.allows(self.chunks[cid]) if cid in self.chunks else False for cid in self.bm25.ids),
                           dtype=bool, count=len(self.bm25.ids))

    def lexical(self, query: str, n: int, filters: SearchFilters) -> list[str]:
        allowed = self._allowed(filters) if (filters.doc_id or filters.office) else None
        return [cid for cid, _ in self.bm25.search(query, n, allowed) if cid in self.chunks]

    def search(self, query: str, k: int = 10, filters: SearchFilters | None = None, lexical_query: str | None = None) -> list[Hit]:
        filters = filters or SearchFilters()
        f = self.fusion
        dense = self.dense(query, f.candidates, filters) if f.dense_weight > 0 else []
        dense_ids = [cid for cid, _ in dense]
        sims = dict(dense)
        lex_ids = self.lexical(lexical_query or query, f.candidates, filters) if f.lexical_weight > 0 else []
        scores: dict[str, float] = {}
        for rank, cid in enumerate(dense_ids):
            scores[cid] = scores.get(cid, 0.0) + f.dense_weight / (RRF_K + rank + 1)
        for rank, cid in enumerate(lex_ids):
            scores[cid] = scores.get(cid, 0.0) + f.lexical_weight / (RRF_K + rank + 1)
        dense_pos = {cid: i + 1 for i, cid in enumerate(dense_ids)}
        lex_pos = {cid: i + 1 for i, cid in enumerate(lex_ids)}
        ranked = sorted(scores.items(), key=lambda x: -x[1])[:k]
        return [Hit(self.chunks[cid], s, dense_pos.get(cid), lex_pos.get(cid), sims.get(cid, 0.0)) for cid, s in ranked]
