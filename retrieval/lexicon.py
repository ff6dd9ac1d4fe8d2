"""Everything lexical that ingest computes once and queries only read: the BM25 index, each
chunk's Kiwi tokens, and the heading vocabulary.

Kiwi takes ~1 ms per short text. Tokenizing every section heading at start-up took 1.7 s, and the
answerer re-tokenized each retrieved chunk and its items on every question. Now ingest stores:
- `bm25/`: the bm25s index (retrieval/bm25.py), tokenizer id checked on load;
- `bm25/chunk_tokens.jsonl` (+ `chunk_tokens.offsets.npy`): per chunk, in index order, the tokens
  of its index text ("text"), of its context — section, program, office, meeting ("context") —,
  of each item ("items") and of each item joined with the previous one where the answerer scores
  that pair ("pairs", null elsewhere; see `pairs_with_previous`);
- `bm25/vocabularies.json`: the words of all section headings ("sections").
The token file is read lazily, one line per retrieved chunk (offsets), so memory does not grow
with the corpus.
"""
from __future__ import annotations

import json
import threading

from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path

from reports.generations import index_dir
from retrieval.bm25 import BM25Index, check_tokenizer
from retrieval.korean_tokens import tokenize

LEXICAL_DIR = "bm25"  # inside the data folder
TOKENS_FILE = "chunk_tokens.jsonl"
OFFSETS_FILE = "chunk_tokens.offsets.npy"
VOCABULARIES_FILE = "vocabularies.json"
PAIR_MAX_CHARS = 200


def pairs_with_previous(prev_text: str, text: str) -> bool:
    """A value often sits on the line after its label ("참석자 …" / "<총14명>"): the answerer also
    scores such an item joined with the one before it. One rule for ingest and the answerer."""
    return len(prev_text) <= 30 or len(text) <= 20


def pair_text(prev_text: str, text: str) -> str:
    return f"{prev_text} {text}"


def context_text(section: str, program: str, office: str, meeting: str) -> str:
    return " ".join((section, program, office, meeting))


@dataclass(frozen=True)
class ChunkTokens:
    text: frozenset[str]
    context: frozenset[str]
    items: tuple[frozenset[str], ...]
    pairs: tuple[frozenset[str] | None, ...]


def _items_of(chunk) -> tuple[tuple[int, int, str], ...]:
    return tuple(chunk.items) or ((chunk.line_start, chunk.line_end, chunk.text),)


def _signature(chunk) -> str:
    """What the token record is computed from: a changed text, heading or item means new tokens."""
    import hashlib

    parts = (chunk.index_text, context_text(chunk.section, chunk.program, chunk.office, chunk.meeting),
             *(item[2] for item in _items_of(chunk)))
    return hashlib.sha256("\x00".join(parts).encode("utf-8")).hexdigest()[:20]


def _record_texts(chunk) -> tuple[list[str], list[bool]]:
    """The texts a record tokenizes: index text, context, each item, each scored pair."""
    items = _items_of(chunk)
    texts = [chunk.index_text, context_text(chunk.section, chunk.program, chunk.office, chunk.meeting)]
    texts += [item[2] for item in items]
    has_pair = [False]
    for prev, item in zip(items, items[1:]):
        joined = pair_text(prev[2], item[2])
        has_pair.append(pairs_with_previous(prev[2], item[2]) and len(joined) <= PAIR_MAX_CHARS)
        if has_pair[-1]:
            texts.append(joined)
    return texts, has_pair


def _assemble(chunk, tokens: list[tuple[str, ...]], has_pair: list[bool]) -> dict:
    n_items = len(has_pair)
    pair_tokens = iter(tokens[2 + n_items :])
    return {
        "id": chunk.id,
        "sig": _signature(chunk),
        "text": list(tokens[0]),
        "context": list(tokens[1]),
        "items": [list(t) for t in tokens[2 : 2 + n_items]],
        "pairs": [list(next(pair_tokens)) if p else None for p in has_pair],
    }


def chunk_token_record(chunk) -> dict:
    texts, has_pair = _record_texts(chunk)
    return _assemble(chunk, [tokenize(t) for t in texts], has_pair)


def chunk_token_records(chunks: list) -> list[dict]:
    # Kiwi's batch call (many texts, its worker threads) measured no faster here than one call
    # per text on 2 busy cores, so records are made one by one.
    return [chunk_token_record(c) for c in chunks]


def save_lexicon(data_dir: Path, chunks: list) -> BM25Index:
    """Tokenize every chunk once and write the lexical folder (atomically, as one folder)."""
    import numpy as np

    previous = _previous_records(Path(data_dir) / LEXICAL_DIR)
    reused = {c.id: previous[c.id] for c in chunks if c.id in previous and previous[c.id].get("sig") == _signature(c)}
    fresh = iter(chunk_token_records([c for c in chunks if c.id not in reused]))
    records = [reused[c.id] if c.id in reused else next(fresh) for c in chunks]
    index = BM25Index.from_tokens([c.id for c in chunks], [r["text"] for r in records])
    lines = [json.dumps(r, ensure_ascii=False).encode("utf-8") + b"\n" for r in records]
    offsets = np.zeros(len(lines) + 1, dtype=np.int64)
    np.cumsum([len(line) for line in lines], out=offsets[1:])
    sections = sorted({t for section in {c.section for c in chunks} for t in tokenize(section)})

    def extras(folder: Path) -> None:
        (folder / TOKENS_FILE).write_bytes(b"".join(lines))
        np.save(folder / OFFSETS_FILE, offsets)
        (folder / VOCABULARIES_FILE).write_text(json.dumps({"sections": sections}, ensure_ascii=False), encoding="utf-8")

    index.save(Path(data_dir) / LEXICAL_DIR, extras=extras)
    return index


def _previous_records(folder: Path) -> dict[str, dict]:
    """The last ingest's token records, when the same tokenizer made them (re-ingest reuses them)."""
    try:
        check_tokenizer(json.loads((folder / "meta.json").read_text(encoding="utf-8")))
        with open(folder / TOKENS_FILE, encoding="utf-8") as f:
            return {r["id"]: r for r in map(json.loads, f)}
    except Exception:  # missing, stale or damaged: tokenize afresh
        return {}


def load_index(data_dir: Path) -> BM25Index:
    return BM25Index.load(index_dir(data_dir) / LEXICAL_DIR)


def load_vocabularies(data_dir: Path) -> dict[str, set[str]]:
    path = index_dir(data_dir) / LEXICAL_DIR / VOCABULARIES_FILE
    data = json.loads(path.read_text(encoding="utf-8"))
    return {name: set(words) for name, words in data.items()}


class ChunkTokenStore:
    """Stored tokens by chunk id, read on demand (an LRU of recently used chunks)."""

    def __init__(self, data_dir: Path, ids: list[str], cache_size: int = 1024) -> None:
        import numpy as np

        folder = index_dir(data_dir) / LEXICAL_DIR
        check_tokenizer(json.loads((folder / "meta.json").read_text(encoding="utf-8")))
        self._path = folder / TOKENS_FILE
        self._offsets = np.load(folder / OFFSETS_FILE, mmap_mode="r")
        self._row = {cid: i for i, cid in enumerate(ids)}
        self._cache: OrderedDict[str, ChunkTokens] = OrderedDict()
        self._size = cache_size
        self._lock = threading.Lock()
        self._file = None

    def get(self, chunk_id: str) -> ChunkTokens | None:
        with self._lock:
            hit = self._cache.get(chunk_id)
            if hit is not None:
                self._cache.move_to_end(chunk_id)
                return hit
            row = self._row.get(chunk_id)
            if row is None:
                return None
            if self._file is None:
                self._file = open(self._path, "rb")
            start, end = int(self._offsets[row]), int(self._offsets[row + 1])
            self._file.seek(start)
            data = json.loads(self._file.read(end - start))
            tokens = ChunkTokens(
                frozenset(data["text"]), frozenset(data["context"]), tuple(frozenset(t) for t in data["items"]),
                tuple(None if p is None else frozenset(p) for p in data["pairs"]),
            )
            self._cache[chunk_id] = tokens
            if len(self._cache) > self._size:
                self._cache.popitem(last=False)
            return tokens
