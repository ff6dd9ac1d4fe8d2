"""The on-disk index files next to Chroma: chunk store (chunks.jsonl and its fast side file
chunks.marshal, reports/records.py), BM25 tokens and the ingest manifest.

Ingest writes them into a new generation folder (ingest/generations.py), which becomes current in
one atomic step once every file is there. Loaders take the data folder (and read its current
generation) or a generation folder itself.
"""
from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path

from reports import records
from reports.chunks import Chunk
from reports.generations import index_dir

CHUNKS_FILE = "chunks.jsonl"
BM25_FILE = "bm25.json"
MANIFEST_FILE = "manifest.json"


@dataclass
class Manifest:
    files: dict[str, str] = field(default_factory=dict)  # file name → sha256
    titles: dict[str, str] = field(default_factory=dict)  # doc_id → title
    settings: dict[str, str | int] = field(default_factory=dict)
    chunk_count: int = 0
    built_at: str = ""
    backend: str = ""
    fingerprint: str = ""  # of files + settings: facts.jsonl and programs.json carry the same value


def atomic_write_text(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)


CHUNK_FIELDS = tuple(f.name for f in fields(Chunk))


def _chunk_row(chunk: Chunk) -> tuple:
    """A chunk's fields in CHUNK_FIELDS order, nested sequences as tuples (as load_chunks makes them)."""
    data = {name: getattr(chunk, name) for name in CHUNK_FIELDS}
    data["items"] = tuple(tuple(item) for item in data["items"])
    data["flags"] = tuple(tuple(flag) for flag in data["flags"])
    return tuple(data.values())


def save_chunks(data_dir: Path, chunks: list[Chunk]) -> None:
    """chunks.jsonl (the reference) and its fast side file chunks.marshal (reports/records.py)."""
    path = data_dir / CHUNKS_FILE
    atomic_write_text(path, "".join(json.dumps(asdict(c), ensure_ascii=False) + "\n" for c in chunks))
    records.save_side(path, "chunk", CHUNK_FIELDS, [_chunk_row(c) for c in chunks])


def load_chunks(data_dir: Path) -> list[Chunk]:
    path = index_dir(data_dir) / CHUNKS_FILE
    if not path.exists():
        return []
    rows = records.load_side(path, "chunk", CHUNK_FIELDS)
    if rows is not None:
        return [Chunk(*row) for row in rows]
    return load_chunks_json(path)


def load_chunks_json(path: Path) -> list[Chunk]:
    """The chunks parsed from chunks.jsonl itself (without the side file)."""
    chunks = []
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    for data in json.loads("[" + ",".join(lines) + "]"):  # one decode call for the file, not one per line
        data["items"] = tuple(tuple(item) for item in data.get("items", ()))  # JSON gives lists
        data["flags"] = tuple(tuple(flag) for flag in data.get("flags", ()))
        chunks.append(Chunk(**data))
    return chunks


def save_manifest(data_dir: Path, manifest: Manifest) -> None:
    atomic_write_text(data_dir / MANIFEST_FILE, json.dumps(asdict(manifest), ensure_ascii=False, indent=1))


def load_manifest(data_dir: Path) -> Manifest | None:
    path = index_dir(data_dir) / MANIFEST_FILE
    if not path.exists():
        return None
    try:
        return Manifest(**json.loads(path.read_text(encoding="utf-8")))
    except (ValueError, TypeError):
        return None  # a damaged manifest just means "rebuild"


DOCUMENTS_DIR = "documents"  # one parsed Document (reports.model) per file: the lines citations point to


def save_documents(data_dir: Path, documents: list) -> None:
    folder = data_dir / DOCUMENTS_DIR
    folder.mkdir(parents=True, exist_ok=True)
    keep = set()
    for doc in documents:
        name = f"{doc.doc_id}.json"
        keep.add(name)
        atomic_write_text(folder / name, json.dumps(doc.to_dict(), ensure_ascii=False))
    for old in folder.glob("*.json"):
        if old.name not in keep:
            old.unlink(missing_ok=True)


def load_document_model(data_dir: Path, doc_id: str):
    """The parsed document as ingest saw it, or None (not indexed, or saved by another model version)."""
    from reports.model import Document

    path = index_dir(data_dir) / DOCUMENTS_DIR / f"{doc_id}.json"
    if not path.exists():
        return None
    try:
        return Document.from_dict(json.loads(path.read_text(encoding="utf-8")))
    except (ValueError, KeyError, TypeError):
        return None
