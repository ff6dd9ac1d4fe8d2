"""Incremental ingest: only new or changed chunks are embedded; the rest are copied.

Each ingest writes a complete new index generation and switches to it atomically
(ingest/generations.py): readers see the old index or the new one, never a mix, and an ingest
killed half-way leaves the old one intact (its vectors are reused by the next run).
"""
from __future__ import annotations

import json
import time
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path
from typing import Callable

from settings import CORPUS_DIR, DATA_DIR
from ingest.chunker import DEFAULT_MAX_TOKENS, chunk_document
from ingest.documents import LoadProblem, corpus_files, load_corpus
from ingest.vectors import fill_collection
from kotext.injection import flag_items
from reports import generations
from reports.chunks import Chunk
from reports.generations import checkpoint
from reports.model import MODEL_VERSION, Document
from reports.store import Manifest, load_manifest, save_chunks, save_documents, save_manifest
from retrieval.lexicon import LEXICAL_DIR, save_lexicon

Progress = Callable[[str, int, int], None]  # (Korean stage label, done, total)
INDEX_VERSION = 2  # bump to force a rebuild for reasons the code fingerprint cannot see
# Code whose change alters chunks, facts or cards: a change must rebuild, not reuse stale output.
_PARSER_CODE = ("ingest", "ingest/readers", "reports", "kotext", "figures", "eligibility")
_EXTRA_CODE = ("retrieval/korean_tokens.py", "retrieval/lexicon.py", "retrieval/bm25.py", "retrieval/window.py", "retrieval/chroma_store.py", "package-lock.json")


def _code_fingerprint() -> str:
    import hashlib

    root = Path(__file__).resolve().parent.parent
    h = hashlib.sha256()
    files = sorted(p for d in _PARSER_CODE for p in (root / d).glob("*.py")) + [root / f for f in _EXTRA_CODE]
    for path in files:
        if path.exists():
            h.update(path.name.encode() + b"\x00" + path.read_bytes())
    return h.hexdigest()[:16]


@dataclass
class IngestReport:
    documents: int = 0
    chunks: int = 0
    added: int = 0
    deleted: int = 0
    updated: int = 0
    unchanged: int = 0
    embedded: int = 0  # vectors computed (the others were copied from the previous generation)
    skipped_noop: bool = False
    problems: list[LoadProblem] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)  # Korean cautions about files that were read ("주의: …")
    seconds: float = 0.0


def _settings(max_tokens: int) -> dict[str, str | int]:
    from retrieval.chroma_store import describe_backend
    from retrieval.korean_tokens import tokenizer_id

    return {"index_version": INDEX_VERSION, "model_version": MODEL_VERSION, "code": _code_fingerprint(), "max_tokens": max_tokens,
            "embedder": "multilingual-e5-small", "backend": describe_backend(), "tokenizer": json.dumps(tokenizer_id(), sort_keys=True)}


def corpus_fingerprint(files: dict[str, str], settings: dict[str, str | int]) -> str:
    """One fingerprint for everything derived in one ingest pass (chunks, facts, cards)."""
    import hashlib

    return hashlib.sha256(json.dumps([files, settings], sort_keys=True).encode()).hexdigest()[:20]


def _file_hashes(corpus_dir: Path, known: dict[str, str] | None = None) -> dict[str, str]:
    """sha256 of every corpus file; `known` (name → hash of the bytes a reader already read) is not
    read again, only the files that were refused or skipped."""
    import hashlib

    known = known or {}
    return {p.name: known.get(p.name) or hashlib.sha256(p.read_bytes()).hexdigest() for p in corpus_files(corpus_dir)}


def is_up_to_date(corpus_dir: Path = CORPUS_DIR, data_dir: Path = DATA_DIR, max_tokens: int = DEFAULT_MAX_TOKENS) -> bool:
    folder = generations.index_dir(data_dir)  # one generation for every check
    manifest = load_manifest(folder)
    return bool(
        manifest
        and manifest.files == _file_hashes(corpus_dir)
        and manifest.settings == _settings(max_tokens)
        and (folder / LEXICAL_DIR / "meta.json").exists()
    )


@dataclass
class ParsedCorpus:
    documents: list[Document]
    chunks: list[Chunk]
    problems: list[LoadProblem]

    @property
    def titles(self) -> dict[str, str]:
        return {d.doc_id: d.title for d in self.documents}


def parse_corpus(corpus_dir: Path, max_tokens: int = DEFAULT_MAX_TOKENS) -> ParsedCorpus:
    """Read every document once; chunks are derived here, facts and cards from the same documents."""
    docs, problems = load_corpus(corpus_dir)
    chunks: list[Chunk] = []
    for doc in docs:
        chunks += chunk_document(doc, max_tokens)
    return ParsedCorpus(docs, chunks, problems)


def build_chunks(corpus_dir: Path, max_tokens: int = DEFAULT_MAX_TOKENS) -> tuple[list[Chunk], list[LoadProblem], dict[str, str]]:
    parsed = parse_corpus(corpus_dir, max_tokens)
    return parsed.chunks, parsed.problems, parsed.titles


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
    parsed = parse_corpus(corpus_dir, max_tokens)
    chunks, titles = parsed.chunks, parsed.titles
    report.problems, report.documents, report.chunks = parsed.problems, len(titles), len(chunks)
    report.notices = [n for d in parsed.documents for n in d.notes if n.startswith("주의:")]
    say("문서 분석", 1, 1)

    chunks = [replace(c, flags=flag_items(c.items)) for c in chunks]  # injected instructions stay data
    checkpoint("parsed")
    _write_generation(corpus_dir, data_dir, parsed, chunks, titles, max_tokens, report, say)
    report.seconds = time.perf_counter() - started
    return report


def _write_generation(corpus_dir: Path, data_dir: Path, parsed: ParsedCorpus, chunks: list[Chunk], titles: dict[str, str],
                      max_tokens: int, report: IngestReport, say: Progress) -> None:
    """Save step: write a complete new generation (vectors, chunks, lexical index, facts, cards,
    manifest last), then make it current in one atomic step. A crash anywhere before the switch
    leaves the current generation untouched; the next ingest reuses the vectors already computed."""
    from retrieval.chroma_store import make_client
    from retrieval.embedder import E5Embeddings

    client = make_client(data_dir)
    with generations.writer(data_dir, client.delete_collection) as staging:
        gen = staging.gen
        stats = fill_collection(client, gen.collection, chunks, staging.vector_sources(), E5Embeddings, say)
        report.added, report.deleted, report.updated = stats.added, stats.deleted, stats.updated
        report.unchanged, report.embedded = stats.unchanged, stats.embedded

        say("검색 색인 저장", 0, 1)
        save_chunks(gen.path, chunks)
        checkpoint("chunks_written")
        save_lexicon(gen.path, chunks)  # BM25 + per-chunk tokens + heading vocabulary (retrieval/lexicon.py)
        settings = _settings(max_tokens)  # reads the parser sources once for the fingerprint
        # Documents carry the hash of the bytes they were read from: only refused files are read again.
        files = _file_hashes(corpus_dir, {Path(d.path).name: d.sha256 for d in parsed.documents})
        stamp = corpus_fingerprint(files, settings)
        # Facts and cards from the documents parsed above (no second parse), with the manifest's fingerprint.
        from eligibility.store import save_cards_of
        from figures.store import save_facts_of

        save_documents(gen.path, parsed.documents)
        save_facts_of(parsed.documents, gen.path, stamp)
        checkpoint("facts_written")
        save_cards_of(parsed.documents, gen.path, stamp)
        checkpoint("cards_written")
        save_manifest(
            gen.path,
            Manifest(
                files=files,
                titles=titles,
                fingerprint=stamp,
                settings=settings,
                chunk_count=len(chunks),
                built_at=datetime.now().isoformat(timespec="seconds"),
                backend=str(settings["backend"]),
            ),
        )
        staging.commit()
        say("검색 색인 저장", 1, 1)
