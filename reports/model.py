"""The document model every reader produces and every consumer (chunks, facts, cards) reads.

Document → Section (outline path) → Block. A block is a paragraph (split into sentences), an item
("label : value" bullet or a bullet with its wrapped lines) or a table with real cells. Every block
keeps the report's own lines (line number, text) so a citation can show and highlight them, and the
page for paged formats (PDF, HWP, HWPX, DOCX).

Frozen, JSON-serialisable (`to_dict`/`from_dict`) and versioned: bump MODEL_VERSION whenever a field
changes meaning, so a stored parse from older code is never read as if it were current.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from functools import cached_property
from enum import Enum

MODEL_VERSION = 2
SECTION_SEP = " › "

Line = tuple[int, str]  # (1-based line number in Document.lines, verbatim text)


class SourceFormat(str, Enum):
    TEXT = "text"
    MARKDOWN = "markdown"
    HWP = "hwp"
    HWPX = "hwpx"
    PDF = "pdf"
    DOCX = "docx"
    XLSX = "xlsx"

    @property
    def paged(self) -> bool:
        return self in (SourceFormat.PDF, SourceFormat.HWP, SourceFormat.HWPX, SourceFormat.DOCX)


class Layout(str, Enum):
    """How the text of a document is laid out, decided per document from the text itself."""

    FLATTENED = "flattened"  # PDF text: prose wrapped at a fixed width, table cells on their own lines
    PARAGRAPHS = "paragraphs"  # one paragraph per line (web pages, press releases, guides)
    MARKDOWN = "markdown"  # `#` headings and `|` tables
    STRUCTURED = "structured"  # blocks given by a format parser (kordoc): paragraphs and real tables


class BlockKind(str, Enum):
    PARAGRAPH = "paragraph"
    ITEM = "item"
    TABLE = "table"


@dataclass(frozen=True)
class TableRow:
    """One body row: its row header (label) and one value per column, aligned with Table.columns."""

    label: str
    values: tuple[str, ...]
    line: Line
    rendered: tuple[str, ...]  # index lines: "label: column value unit, …" (and the raw line if unlabeled)
    # A row too long to be one answer item (cells that list duties, rules …): one index line per cell, or per
    # listed item of a long cell, each naming the row and its column ("6. 각 부문 을종: 러. 불법체류 …"). () otherwise.
    cells: tuple[str, ...] = ()


@dataclass(frozen=True)
class Table:
    columns: tuple[str, ...]  # leaf column names (merged header cells expanded)
    units: tuple[str, ...] = ()  # per column; "" when unknown
    groups: tuple[str, ...] = ()  # column-group name per column ("일자리 수" over "’20 ’21 증감")
    rows: tuple[TableRow, ...] = ()
    caption: str = ""
    unit: str = ""  # table-wide unit from "(단위: …)" or the caption
    as_of: str = ""  # as-of note found in the caption or header ("2023.5.31. 기준")
    label_column: str = ""  # name of the row-header column ("구분", "사업명")

    def cell(self, row: int, column: str) -> str | None:
        """The value of `column` in body row `row` (0-based), or None when the table has no such cell."""
        if column not in self.columns or not 0 <= row < len(self.rows):
            return None
        values = self.rows[row].values
        idx = self.columns.index(column)
        return values[idx] if idx < len(values) else None

    def header_line(self) -> str:
        """One line that restates the header, repeated at the top of every chunk the table spans."""
        cols = ", ".join(c for c in self.columns if c)
        parts = [p for p in (self.caption, f"(단위: {self.unit})" if self.unit else "", f"{self.label_column or '구분'} | {cols}" if cols else "") if p]
        return " ".join(parts)


@dataclass(frozen=True)
class Block:
    kind: BlockKind
    lines: tuple[Line, ...]  # the report's own lines (what a citation shows)
    index_lines: tuple[str, ...]  # what is searched and embedded (tables rebuilt as "label: column value")
    sentences: tuple[str, ...] = ()  # PARAGRAPH / ITEM: the text split into sentences
    label: str = ""  # ITEM: the label of "label : value"
    value: str = ""
    table: Table | None = None  # TABLE
    page: int | None = None  # 1-based page of the first line, for paged formats

    @property
    def line_start(self) -> int:
        return self.lines[0][0]

    @property
    def line_end(self) -> int:
        return self.lines[-1][0]

    @property
    def text(self) -> str:
        return "\n".join(t for _, t in self.lines)


@dataclass(frozen=True)
class Section:
    """A leaf of the outline: its heading path and the blocks under it (up to the next heading)."""

    path: tuple[str, ...]
    heading_line: int
    line_end: int
    blocks: tuple[Block, ...] = ()
    meeting: str = ""
    office: str = ""
    program: str = ""
    team: str = ""
    aspect: str = ""  # 사업개요 / 추진실적 / 향후계획 / 예산현황 …
    page: int | None = None

    @property
    def path_text(self) -> str:
        return SECTION_SEP.join(self.path)

    @cached_property
    def body(self) -> list[Line]:
        """The section's lines in order (what the line-based fact and card extractors read).
        Computed once: extractors read it per table cell."""
        seen: set[int] = set()
        out: list[Line] = []
        for block in self.blocks:
            for n, t in block.lines:
                if n not in seen:  # a long line split into sentence units appears once
                    seen.add(n)
                    out.append((n, t))
        return out


@dataclass(frozen=True)
class Document:
    doc_id: str  # file stem, stable across runs
    path: str
    title: str
    format: SourceFormat
    layout: Layout
    encoding: str  # text encoding, or the format name for binary formats
    sha256: str
    lines: tuple[str, ...]  # line n is lines[n-1]; for binary formats, the reader's rendering
    sections: tuple[Section, ...] = ()
    pages: tuple[int, ...] = ()  # page of each line (same length as lines) for paged formats, else ()
    version: int = MODEL_VERSION
    notes: tuple[str, ...] = field(default=())  # Korean remarks from the reader (e.g. "표 3개 읽음")

    def page_of(self, line: int) -> int | None:
        if self.pages and 1 <= line <= len(self.pages):
            return self.pages[line - 1]
        return None

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict) -> "Document":
        if data.get("version") != MODEL_VERSION:
            raise ValueError(f"document model version {data.get('version')} != {MODEL_VERSION}")
        sections = []
        for s in data["sections"]:
            blocks = []
            for b in s["blocks"]:
                table = None
                if b.get("table"):
                    t = b["table"]
                    rows = tuple(
                        TableRow(r["label"], tuple(r["values"]), (r["line"][0], r["line"][1]), tuple(r["rendered"]), tuple(r.get("cells", ()))) for r in t["rows"]
                    )
                    table = Table(
                        tuple(t["columns"]), tuple(t["units"]), tuple(t["groups"]), rows,
                        t["caption"], t["unit"], t["as_of"], t.get("label_column", ""),
                    )
                blocks.append(
                    Block(
                        BlockKind(b["kind"]), tuple((n, x) for n, x in b["lines"]), tuple(b["index_lines"]),
                        tuple(b["sentences"]), b["label"], b["value"], table, b.get("page"),
                    )
                )
            sections.append(
                Section(
                    tuple(s["path"]), s["heading_line"], s["line_end"], tuple(blocks), s["meeting"], s["office"],
                    s["program"], s["team"], s["aspect"], s.get("page"),
                )
            )
        return cls(
            data["doc_id"], data["path"], data["title"], SourceFormat(data["format"]), Layout(data["layout"]),
            data["encoding"], data["sha256"], tuple(data["lines"]), tuple(sections), tuple(data.get("pages", ())),
            data["version"], tuple(data.get("notes", ())),
        )
