"""Incremental ingest: only new or changed chunks are embedded; removed ones are deleted.

Chroma's own id list is the source of truth for what is embedded, so an ingest interrupted
half-way resumes where it stopped instead of starting over or leaving stale vectors.
"""
from __future__ import annotations

import json
import time
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Callable

from assistant.paths import CORPUS_DIR, DATA_DIR
from ingest.chunker import DEFAULT_MAX_TOKENS, chunk_document
from ingest.documents import LoadProblem, corpus_files, load_corpus
from ingest.outline import parse_outline
from ingest.records import Chunk
from retrieval.lexicon import LEXICAL_DIR, save_lexicon
from ingest.store import Manifest, load_chunks, load_manifest, save_chunks, save_manifest

Progress = Callable[[str, int, int], None]  # (Korean stage label, done, total)
EMBED_BATCH = 32
INDEX_VERSION = 1  # bump to force a rebuild for reasons the code fingerprint cannot see
_PARSER_FILES = ("outline.py", "tables.py", "chunker.py", "korean_text.py", "documents.py", "records.py")


def _code_fingerprint() -> str:
    """Changing how reports are parsed or chunked must rebuild the index, not reuse stale chunks."""
    import hashlib

    here = Path(__file__).resolve().parent
    h = hashlib.sha256()
    for name in _PARSER_FILES:
        h.update((here / name).read_bytes())
    h.update((here.parent / "retrieval" / "korean_tokens.py").read_bytes())
    return h.hexdigest()[:16]


@dataclass
class IngestReport:
    documents: int = 0
    chunks: int = 0
    added: int = 0
    deleted: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped_noop: bool = False
    problems: list[LoadProblem] = field(default_factory=list)
    seconds: float = 0.0


def _settings(max_tokens: int) -> dict[str, str | int]:
    from retrieval.chroma_store import describe_backend
    from retrieval.korean_tokens import tokenizer_id

    return {"index_version": INDEX_VERSION, "code": _code_fingerprint(), "max_tokens": max_tokens, "embedder": "multilingual-e5-small", "backend": describe_backend(),
            "tokenizer": json.dumps(tokenizer_id(), sort_keys=True)}


def _file_hashes(corpus_dir: Path) -> dict[str, str]:
    import hashlib

    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in corpus_files(corpus_dir)}


def is_up_to_date(corpus_dir: Path = CORPUS_DIR, data_dir: Path = DATA_DIR, max_tokens: int = DEFAULT_MAX_TOKENS) -> bool:
    manifest = load_manifest(data_dir)
    return bool(
        manifest
        and manifest.files == _file_hashes(corpus_dir)
        and manifest.settings == _settings(max_tokens)
        and (data_dir / LEXICAL_DIR / "meta.json").exists()
    )


def build_chunks(corpus_dir: Path, max_tokens: int = DEFAULT_MAX_TOKENS) -> tuple[list[Chunk], list[LoadProblem], dict[str, str]]:
    docs, problems = load_corpus(corpus_dir)
    chunks: list[Chunk] = []
    for doc in docs:
        chunks += chunk_document(doc, parse_outline(doc.lines, doc.title), max_tokens)
    return chunks, problems, {d.doc_id: d.title for d in docs}


def run_ingest(
    corpus_dir: Path = CORPUS_DIR,
    data_dir: Path = DATA_DIR,
    max_tokens: int = DEFAULT_MAX_TOKENS,
    progress: Progress | None = None,
    force: bool = False,
) -> IngestReport:
    started = time.perf_counter()
    say = progress or (lambda stage, done, total: None)
    report = IngestReport()
    if not force and is_up_to_date(corpus_dir, data_dir, max_tokens):
        manifest = load_manifest(data_dir)
        assert manifest is not None
        report.skipped_noop = True
        report.documents, report.chunks = len(manifest.titles), manifest.chunk_count
        report.unchanged = manifest.chunk_count
        report.seconds = time.perf_counter() - started
        return report

    say("문서 분석", 0, 1)
    chunks, problems, titles = build_chunks(corpus_dir, max_tokens)
    report.problems, report.documents, report.chunks = problems, len(titles), len(chunks)
    say("문서 분석", 1, 1)

    from retrieval.chroma_store import get_collection, make_client

    collection = get_collection(make_client(data_dir))
    existing = set(collection.get(include=[])["ids"])
    wanted = {c.id: c for c in chunks}
    stale = sorted(existing - wanted.keys())
    if stale:
        collection.delete(ids=stale)
    report.deleted = len(stale)

    # Same text and section, new line numbers (an edit above it): update metadata, no re-embedding.
    previous = {c.id: c for c in load_chunks(data_dir)}
    moved = [c for cid, c in wanted.items() if cid in existing and cid in previous and previous[cid].metadata() != c.metadata()]
    if moved:
        collection.update(ids=[c.id for c in moved], metadatas=[c.metadata() for c in moved])
    report.updated = len(moved)

    # Longest first: batches of similar length waste less time on padding.
    todo = sorted((c for cid, c in wanted.items() if cid not in existing), key=lambda c: -len(c.index_text))
    report.unchanged = len(wanted) - len(todo)
    if todo:
        from retrieval.embedder import E5Embeddings

        embedder = E5Embeddings()
        say("임베딩", 0, len(todo))
        for start in range(0, len(todo), EMBED_BATCH):
            batch = todo[start : start + EMBED_BATCH]
            vectors = embedder.embed_documents([c.index_text for c in batch])
            collection.add(
                ids=[c.id for c in batch],
                embeddings=vectors,
                documents=[c.text for c in batch],
                metadatas=[c.metadata() for c in batch],
            )
            say("임베딩", min(start + EMBED_BATCH, len(todo)), len(todo))
    report.added = len(todo)

    say("검색 색인 저장", 0, 1)
    save_chunks(data_dir, chunks)
    save_lexicon(data_dir, chunks)  # BM25 + per-chunk tokens + heading vocabulary (retrieval/lexicon.py)
    settings = _settings(max_tokens)  # reads the parser sources once for the fingerprint
    save_manifest(
        data_dir,
        Manifest(
            files=_file_hashes(corpus_dir),
            titles=titles,
            settings=settings,
            chunk_count=len(chunks),
            built_at=datetime.now().isoformat(timespec="seconds"),
            backend=str(settings["backend"]),
        ),
    )
    say("검색 색인 저장", 1, 1)
    # --- figures: figure facts (metric, value, unit, as-of, source line) → data_dir/facts.jsonl ---
    from figures.store import refresh_facts

    refresh_facts(corpus_dir, data_dir)
    # --- eligibility: program cards with parsed target criteria → data_dir/programs.json ---
    from eligibility.store import build_and_save

    build_and_save(corpus_dir, data_dir)
    report.seconds = time.perf_counter() - started
    return report
