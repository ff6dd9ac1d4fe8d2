"""The chunk: the unit that is embedded, searched and cited. Derived from Document blocks at ingest."""
from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass

from reports.model import SECTION_SEP

__all__ = ["Chunk", "SECTION_SEP", "content_hash"]


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
    # Items that address a model or reader with instructions or ask for secrets (kotext/injection.py):
    # (first line, last line, Korean reason). Never evidence unless the question asks about them.
    flags: tuple[tuple[int, int, str], ...] = ()
    page: int = 0  # 1-based page of the first line for paged formats; 0 for plain text (Chroma has no null)
    page_end: int = 0

    @property
    def page_or_none(self) -> int | None:
        return self.page or None

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
