"""Fill a new generation's Chroma collection: copy the vectors of unchanged chunks, embed only new ones.

A chunk id is a hash of what is embedded (ingest/chunker.py), so a vector stored under the same id in
an earlier collection is the vector this chunk would get again: copying it is exact and costs a
fraction of embedding it.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from reports.generations import checkpoint
from reports.chunks import Chunk

Progress = Callable[[str, int, int], None]
EMBED_BATCH = 32
COPY_BATCH = 256  # well under Chroma's max batch size (5,461 locally)


@dataclass(frozen=True)
class VectorStats:
    added: int  # chunks the current generation does not have
    deleted: int  # chunks of the current generation that are gone
    updated: int  # same chunk, new line numbers or metadata (vector copied, metadata rewritten)
    unchanged: int  # chunks the current generation already has
    embedded: int  # vectors computed in this run (added minus those resumed from a killed ingest)
    copied: int


def _open(client, name: str):
    try:
        return client.get_collection(name=name, embedding_function=None)
    except Exception:  # not there (first ingest, or a server that was reset)
        return None


def fill_collection(client, target_name: str, chunks: list[Chunk], sources: list[str],
                    embedder_factory: Callable[[], object], progress: Progress | None = None) -> VectorStats:
    """`sources`: collections to copy from, most trusted first (`sources[0]` is the current one)."""
    say = progress or (lambda stage, done, total: None)
    from retrieval.chroma_store import get_collection

    target = get_collection(client, target_name)
    wanted = {c.id: c for c in chunks}
    have: set[str] = set(target.get(include=[])["ids"])  # non-empty only if a previous attempt died here
    current_ids: set[str] = set()
    updated = copied = 0
    for i, name in enumerate(sources):
        source = _open(client, name)
        if source is None:
            continue
        ids = set(source.get(include=[])["ids"])
        if i == 0:
            current_ids = ids
        todo = sorted((ids & wanted.keys()) - have)
        for start in range(0, len(todo), COPY_BATCH):
            batch = todo[start:start + COPY_BATCH]
            got = source.get(ids=batch, include=["embeddings", "metadatas"])
            metas = [wanted[cid].metadata() for cid in got["ids"]]
            if i == 0:
                updated += sum(1 for old, new in zip(got["metadatas"], metas) if dict(old or {}) != new)
            target.add(ids=list(got["ids"]), embeddings=[list(map(float, v)) for v in got["embeddings"]],
                       documents=[wanted[cid].text for cid in got["ids"]], metadatas=metas)
            have.update(got["ids"])
            copied += len(got["ids"])
    checkpoint("vectors_copied")
    # Longest first: batches of similar length waste less time on padding.
    todo_chunks = sorted((c for cid, c in wanted.items() if cid not in have), key=lambda c: -len(c.index_text))
    if todo_chunks:
        embedder = embedder_factory()
        say("임베딩", 0, len(todo_chunks))
        for start in range(0, len(todo_chunks), EMBED_BATCH):
            batch = todo_chunks[start:start + EMBED_BATCH]
            vectors = embedder.embed_documents([c.index_text for c in batch])
            target.add(ids=[c.id for c in batch], embeddings=vectors, documents=[c.text for c in batch],
                       metadatas=[c.metadata() for c in batch])
            say("임베딩", min(start + EMBED_BATCH, len(todo_chunks)), len(todo_chunks))
            checkpoint("embedding")
    return VectorStats(
        added=len(wanted.keys() - current_ids), deleted=len(current_ids - wanted.keys()), updated=updated,
        unchanged=len(wanted.keys() & current_ids), embedded=len(todo_chunks), copied=copied,
    )
