"""What the built index holds, read from its files (no model needed): status, filter options,
section line ranges, and the source lines citations point to."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import streamlit as st

from reports.generations import index_dir
from reports.store import DOCUMENTS_DIR, Manifest, load_chunks, load_document_model, load_manifest
from settings import DATA_DIR


@dataclass(frozen=True)
class IndexSnapshot:
    titles: dict[str, str] = field(default_factory=dict)  # doc_id → title
    offices: dict[str, list[str]] = field(default_factory=dict)  # doc_id → offices named in it
    sections: dict[tuple[str, str], tuple[int, int]] = field(default_factory=dict)  # (doc_id, section) → lines

    def office_options(self, doc_id: str | None) -> list[str]:
        docs = [doc_id] if doc_id else list(self.offices)
        return sorted({o for d in docs for o in self.offices.get(d, [])})


def manifest() -> Manifest | None:
    return load_manifest(DATA_DIR)


@st.cache_data(show_spinner=False, max_entries=4)
def _snapshot(data_dir: str, built_at: str) -> IndexSnapshot:
    # Keyed on the generation folder: a new ingest is a new snapshot without any explicit invalidation.
    titles: dict[str, str] = {}
    offices: dict[str, set[str]] = {}
    sections: dict[tuple[str, str], tuple[int, int]] = {}
    for c in load_chunks(Path(data_dir)):
        titles.setdefault(c.doc_id, c.doc_title)
        offices.setdefault(c.doc_id, set())
        if c.office:
            offices[c.doc_id].add(c.office)
        start, end = sections.get((c.doc_id, c.section), (c.line_start, c.line_end))
        sections[(c.doc_id, c.section)] = (min(start, c.line_start), max(end, c.line_end))
    return IndexSnapshot(titles, {d: sorted(o) for d, o in offices.items()}, sections)


def snapshot() -> IndexSnapshot:
    folder = index_dir(DATA_DIR)  # one generation for the manifest and the chunks
    m = load_manifest(folder)
    if m is None:
        return IndexSnapshot()
    snap = _snapshot(str(folder), m.built_at)
    return IndexSnapshot({**snap.titles, **m.titles}, snap.offices, snap.sections)


@st.cache_data(show_spinner=False, max_entries=16)
def _read_lines(data_dir: str, doc_id: str, mtime_ns: int) -> tuple[list[str], list[int]] | None:
    doc = load_document_model(Path(data_dir), doc_id)
    return (list(doc.lines), list(doc.pages)) if doc else None


def _document_file(doc_id: str) -> Path:
    return index_dir(DATA_DIR) / DOCUMENTS_DIR / f"{doc_id}.json"


def source_lines(doc_id: str) -> list[str] | None:
    """The document's lines as ingest parsed them (line n is [n-1]; for HWP/PDF the reader's
    rendering); None when the document is not in the index."""
    path = _document_file(doc_id)
    if not path.exists():
        return None
    found = _read_lines(str(path.parent.parent), doc_id, path.stat().st_mtime_ns)
    return found[0] if found else None


def page_of(doc_id: str, line: int) -> int | None:
    path = _document_file(doc_id)
    if not path.exists():
        return None
    found = _read_lines(str(path.parent.parent), doc_id, path.stat().st_mtime_ns)
    if found and found[1] and 1 <= line <= len(found[1]):
        return found[1][line - 1]
    return None


def numbered_lines(doc_id: str, line_start: int, line_end: int, fallback_text: str) -> list[tuple[int | None, str]]:
    """Non-blank lines of a passage with their line numbers; the stored text, unnumbered, when the
    file changed since indexing (its lines would not be the ones cited)."""
    from app_ui.highlight import squash

    lines = source_lines(doc_id)
    if lines and 1 <= line_start <= line_end <= len(lines):
        picked = [(n, lines[n - 1]) for n in range(line_start, line_end + 1) if lines[n - 1].strip()]
        if squash(fallback_text)[:200] in squash("".join(t for _, t in picked)):
            return picked
    return [(None, t) for t in fallback_text.split("\n") if t.strip()]


def clear() -> None:
    _snapshot.clear()
    _read_lines.clear()
