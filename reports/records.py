"""Fast side files of the index's record files: the rows of chunks.jsonl or facts.jsonl as tuples
in one `marshal` blob (`chunks.marshal`, `facts.marshal`) that loads several times faster than
parsing the JSON lines (at 100× the corpus, parsing them was 2.5 s of the assistant's start).

The JSON file stays the reference: readable, independent of the Python version, and what a
loader falls back to. A side file is used only when its header matches
- this module's FORMAT, the Python version and marshal version that wrote it (marshal data is
  tied to them),
- the record kind and its field names (a changed dataclass is a different record),
- the JSON file it was written next to: the same size, and the same mtime or else the same CRC-32
  (a copied data folder keeps the fast path, an edited JSON file does not).
A side file that does not match is ignored (the JSON is parsed); the next ingest writes a new one.

Equal strings are written once (marshal writes a reference for an object it has already written),
so on load the rows share them: a section or a title repeated on many records is one object.
"""
from __future__ import annotations

import marshal
import os
import sys
import zlib
from collections.abc import Sequence
from pathlib import Path

FORMAT = 1  # bump when the row layout changes in a way the field names do not show
SUFFIX = ".marshal"
_LENGTH_BYTES = 8  # the file: header length, header (a marshalled dict), rows (a marshalled list of tuples)


def side_path(json_path: Path) -> Path:
    """chunks.jsonl → chunks.marshal (in the same folder)."""
    json_path = Path(json_path)
    return json_path.with_name(json_path.stem + SUFFIX)


def _crc32(path: Path) -> int:
    crc = 0
    with open(path, "rb") as f:
        while block := f.read(1 << 20):
            crc = zlib.crc32(block, crc)
    return crc


def _header(kind: str, fields: Sequence[str], json_path: Path) -> dict:
    st = os.stat(json_path)
    return {
        "format": FORMAT,
        "python": tuple(sys.version_info[:2]),
        "marshal": marshal.version,
        "kind": kind,
        "fields": tuple(fields),
        "size": st.st_size,
        "mtime_ns": st.st_mtime_ns,
        "crc32": _crc32(json_path),
    }


def _shared(value, seen: dict):
    """The one object for each distinct string (tuples of strings are walked), so that marshal
    writes repeats as references."""
    if type(value) is str:
        return seen.setdefault(value, value)
    if type(value) is tuple:
        return tuple(_shared(v, seen) for v in value)
    return value


def save_side(json_path: Path, kind: str, fields: Sequence[str], rows: Sequence[tuple]) -> Path:
    """Write the side file of `json_path` (which must already be written): `rows` are the records
    of that file, in its order, as tuples in the order of `fields`. Atomic (temp file + rename)."""
    json_path = Path(json_path)
    seen: dict = {}
    payload = [tuple(_shared(v, seen) for v in row) for row in rows]
    path = side_path(json_path)
    header = marshal.dumps(_header(kind, fields, json_path))
    tmp = path.with_name(path.name + ".tmp")
    with open(tmp, "wb") as out:
        out.write(len(header).to_bytes(_LENGTH_BYTES, "little"))
        out.write(header)
        out.write(marshal.dumps(payload))
    os.replace(tmp, path)
    return path


def load_side(json_path: Path, kind: str, fields: Sequence[str]) -> list[tuple] | None:
    """The rows of `json_path`'s side file, or None when there is none or it does not match (see
    the module docstring): the caller then parses the JSON."""
    json_path = Path(json_path)
    path = side_path(json_path)
    try:
        # One read, then loads from memory: marshal.load on a file object reads it piece by piece
        # and was ten times slower than the decoding itself.
        data = memoryview(path.read_bytes())
        start = _LENGTH_BYTES + int.from_bytes(data[:_LENGTH_BYTES], "little")
        if not _matches(marshal.loads(data[_LENGTH_BYTES:start]), kind, fields, json_path):
            return None
        rows = marshal.loads(data[start:])
    except (OSError, EOFError, ValueError, TypeError):
        return None  # missing, damaged, or written by another Python
    return rows if isinstance(rows, list) else None


def _matches(header, kind: str, fields: Sequence[str], json_path: Path) -> bool:
    if not isinstance(header, dict):
        return False
    expected = {"format": FORMAT, "python": tuple(sys.version_info[:2]), "marshal": marshal.version, "kind": kind,
                "fields": tuple(fields)}
    if any(header.get(k) != v for k, v in expected.items()):
        return False
    try:
        st = os.stat(json_path)
    except OSError:
        return False
    if header.get("size") != st.st_size:
        return False
    return header.get("mtime_ns") == st.st_mtime_ns or header.get("crc32") == _crc32(json_path)
