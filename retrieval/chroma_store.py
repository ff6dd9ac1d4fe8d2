"""One switch between a local PersistentClient and a shared Chroma server (HttpClient).

Vectors are always passed in: chromadb's default embedding function would download a model.
"""
from __future__ import annotations

import os
from pathlib import Path

COLLECTION = "job_reports"


def make_client(data_dir: Path):
    import chromadb
    from chromadb.config import Settings

    settings = Settings(anonymized_telemetry=False, allow_reset=False)
    host = os.environ.get("CHROMA_HOST", "").strip()
    if host:
        port = int(os.environ.get("CHROMA_PORT", "8000"))
        return chromadb.HttpClient(host=host, port=port, settings=settings)
    data_dir.mkdir(parents=True, exist_ok=True)
    return chromadb.PersistentClient(path=str(data_dir / "chroma"), settings=settings)


# HNSW settings that make the dense search the same in every process (chroma issue #2675: a collection
# smaller than the sync threshold, 1,000 by default, rebuilds its graph at every start from a multi-threaded
# replay, so the top-k differed between runs of the same question). Persisting every batch and building
# single-threaded gives one graph; search_ef 128 (≥ RETRIEVED_K's dense depth) keeps it near-exact.
HNSW_METADATA = {
    "hnsw:space": "cosine",
    "hnsw:batch_size": 100,  # Chroma's default
    "hnsw:sync_threshold": 100,  # persist the graph at every batch (default 1,000)
    "hnsw:num_threads": 1,
    "hnsw:construction_ef": 128,
    "hnsw:search_ef": 128,
}


def get_collection(client, name: str = COLLECTION):
    # embedding_function=None: we always supply e5 vectors ourselves.
    return client.get_or_create_collection(name=name, embedding_function=None, metadata=dict(HNSW_METADATA))


def describe_backend() -> str:
    host = os.environ.get("CHROMA_HOST", "").strip()
    return f"Chroma 서버 {host}:{os.environ.get('CHROMA_PORT', '8000')}" if host else "로컬 Chroma"


def open_collection(client, name: str):
    """A collection that must already exist (a reader's view of one index generation)."""
    from retrieval.hybrid import IndexMissingError

    try:
        return client.get_collection(name=name, embedding_function=None)
    except Exception as exc:  # chromadb raises NotFoundError / ValueError depending on version and backend
        raise IndexMissingError(
            f"벡터 저장소에 색인 '{name}'이(가) 없습니다. `python -m ingest --force`로 색인을 다시 만들어 주세요."
        ) from exc
