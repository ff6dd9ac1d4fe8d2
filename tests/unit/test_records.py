"""The fast side files of chunks.jsonl and facts.jsonl (reports/records.py): the same records as the
JSON, and a side file that does not match its JSON (stale, another format, damaged) is ignored."""
from __future__ import annotations

import os
import shutil
from dataclasses import replace
from functools import lru_cache
from pathlib import Path

import pytest

from figures.store import FACT_FIELDS, FACTS_FILE, load_facts, load_facts_json, save_facts
from reports import records
from reports.generations import index_dir
from reports.store import CHUNK_FIELDS, CHUNKS_FILE, load_chunks, load_chunks_json, save_chunks
from settings import DATA_DIR
from tests import shipped


@lru_cache(maxsize=1)
def _chunks():
    """The shipped corpus's chunks as ingest makes them (flagged items included)."""
    from ingest.chunker import chunk_document
    from kotext.injection import flag_items

    return [replace(c, flags=flag_items(c.items)) for d in shipped.documents() for c in chunk_document(d)]


def _same(a: list, b: list) -> bool:
    """Equal and of the same types all the way down (repr tells 1 from 1.0 and a tuple from a list)."""
    return a == b and repr(a) == repr(b)


def test_chunks_round_trip_through_the_side_file(tmp_path):
    chunks = _chunks()
    assert len(chunks) > 100 and any(c.items for c in chunks)
    save_chunks(tmp_path, chunks)
    assert records.side_path(tmp_path / CHUNKS_FILE).exists()
    assert records.load_side(tmp_path / CHUNKS_FILE, "chunk", CHUNK_FIELDS) is not None  # the fast path is taken
    fast, parsed = load_chunks(tmp_path), load_chunks_json(tmp_path / CHUNKS_FILE)
    assert _same(fast, parsed) and _same(fast, chunks)
    # Repeated strings are one object after loading (a section is shared by its chunks).
    assert fast[0].doc_title is fast[1].doc_title


def test_facts_round_trip_through_the_side_file(tmp_path):
    facts = shipped.facts()
    assert len(facts) > 100
    save_facts(tmp_path, facts, "stamp")
    assert records.load_side(tmp_path / FACTS_FILE, "fact", FACT_FIELDS) is not None
    fast, parsed = load_facts(tmp_path), load_facts_json(tmp_path / FACTS_FILE)
    assert _same(fast, parsed) and _same(fast, list(facts))
    assert [f.id for f in fast] == [f.id for f in facts]


def test_a_changed_json_file_makes_the_side_file_stale(tmp_path):
    chunks = _chunks()
    save_chunks(tmp_path, chunks)
    path = tmp_path / CHUNKS_FILE
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    path.write_text("".join(lines[:-1]), encoding="utf-8")  # one chunk fewer, the side file left as it was
    assert records.load_side(path, "chunk", CHUNK_FIELDS) is None
    assert _same(load_chunks(tmp_path), chunks[:-1])  # the JSON is read instead


def test_same_size_edit_with_a_new_mtime_is_caught_by_the_checksum(tmp_path):
    chunks = _chunks()
    save_chunks(tmp_path, chunks)
    path = tmp_path / CHUNKS_FILE
    k = next(i for i, c in enumerate(chunks) if any(ch in "0123456789" for ch in c.text))
    lines = path.read_bytes().splitlines(keepends=True)
    line = bytearray(lines[k])
    at = line.index(b'"text": "') + len(b'"text": "')
    digit = next(i for i in range(at, len(line)) if line[i:i + 1].isdigit())
    line[digit] = ord("1") if line[digit] != ord("1") else ord("2")  # one digit of that chunk's text
    lines[k] = bytes(line)
    st = path.stat()
    path.write_bytes(b"".join(lines))
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000))
    assert path.stat().st_size == st.st_size
    assert records.load_side(path, "chunk", CHUNK_FIELDS) is None
    edited = load_chunks(tmp_path)[k]
    assert edited.id == chunks[k].id and edited.text != chunks[k].text  # the edited JSON, not the side file


def test_a_copied_folder_keeps_the_fast_path(tmp_path):
    """A copy without timestamps (cp -r) changes the mtime, not the bytes: the checksum still matches."""
    save_chunks(tmp_path / "a", _chunks())
    (tmp_path / "b").mkdir()
    for name in (CHUNKS_FILE, records.side_path(Path(CHUNKS_FILE)).name):
        shutil.copyfile(tmp_path / "a" / name, tmp_path / "b" / name)
    path = tmp_path / "b" / CHUNKS_FILE
    st = path.stat()
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + 5_000_000_000))
    assert records.load_side(path, "chunk", CHUNK_FIELDS) is not None
    assert _same(load_chunks(tmp_path / "b"), _chunks())


def test_another_format_or_other_fields_are_rejected(tmp_path, monkeypatch):
    save_chunks(tmp_path, _chunks())
    path = tmp_path / CHUNKS_FILE
    assert records.load_side(path, "chunk", CHUNK_FIELDS[:-1]) is None  # a record with other fields
    assert records.load_side(path, "fact", CHUNK_FIELDS) is None  # another kind of record
    monkeypatch.setattr(records, "FORMAT", records.FORMAT + 1)  # written by an older layout
    assert records.load_side(path, "chunk", CHUNK_FIELDS) is None
    assert _same(load_chunks(tmp_path), _chunks())


@pytest.mark.parametrize("damage", ["truncate", "garbage", "empty"])
def test_a_damaged_side_file_is_ignored(tmp_path, damage):
    save_chunks(tmp_path, _chunks())
    side = records.side_path(tmp_path / CHUNKS_FILE)
    data = side.read_bytes()
    side.write_bytes({"truncate": data[: len(data) // 2], "garbage": b"\xff" * 64 + data[64:], "empty": b""}[damage])
    assert records.load_side(tmp_path / CHUNKS_FILE, "chunk", CHUNK_FIELDS) is None
    assert _same(load_chunks(tmp_path), _chunks())


def test_the_real_index_has_matching_side_files():
    """The index `python -m ingest` built: both side files there and equal to their JSON."""
    folder = index_dir(DATA_DIR)
    if not (folder / CHUNKS_FILE).exists():
        pytest.skip("no index: run python -m ingest")
    assert records.load_side(folder / CHUNKS_FILE, "chunk", CHUNK_FIELDS) is not None
    assert records.load_side(folder / FACTS_FILE, "fact", FACT_FIELDS) is not None
    assert _same(load_chunks(folder), load_chunks_json(folder / CHUNKS_FILE))
    assert _same(load_facts(folder), load_facts_json(folder / FACTS_FILE))
