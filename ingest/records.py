"""Typed records passed between ingest stages and stored in the index."""
from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field

SECTION_SEP = " › "


@dataclass(frozen=True)
class SourceDocument:
    doc_id: str  # file stem, stable across runs
    path: str
    title: str
    encoding: str
    sha256: str
    lines: tuple[str, ...]  # without line terminators; line n is lines[n-1]


@dataclass
class Section:
    """A leaf of the outline: a heading and the body lines under it (up to the next heading)."""

    path: tuple[str, ...]
    heading_line: int
    line_end: int
    body: list[tuple[int, str]] = field(default_factory=list)  # (line number, text)
    meeting: str = ""
    office: str = ""
    program: str = ""
    team: str = ""
    aspect: str = ""  # 사업개요 / 추진실적 / 향후계획 / 예산현황 …

    @property
    def path_text(self) -> str:
        return SECTION_SEP.join(self.path)


@dataclass(frozen=True)
class Chunk:
    id: str
    doc_id: str
    doc_title: str
    section: str  # "document › part › meeting/office › program › aspect"
    meeting: str
    office: str
    program: str
    team: str
    aspect: str
    line_start: int
    line_end: int
    text: str  # the report's own lines, verbatim (what citations show)
    index_text: str  # what is embedded and tokenized: section title + tables rebuilt as "header: value"
    content_hash: str
    # Logical items (a bullet with its wrapped lines, or a rebuilt table row): (first line, last line, text).
    items: tuple[tuple[int, int, str], ...] = ()
    # Items that address a model or reader with instructions or ask for secrets (ingest/injection.py):
    # (first line, last line, Korean reason). Never evidence unless the question asks about them.
    flags: tuple[tuple[int, int, str], ...] = ()

    def metadata(self) -> dict[str, str | int]:
        data = asdict(self)
        for key in ("id", "text", "index_text", "items", "flags"):
            data.pop(key)
        return data


def content_hash(*parts: str) -> str:
    h = hashlib.sha256()
    for p in parts:
        h.update(p.encode("utf-8"))
        h.update(b"\x00")
    return h.hexdigest()
