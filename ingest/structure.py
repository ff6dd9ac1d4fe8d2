"""RawText (a reader's lines + what the format knows) → the Document model: outline sections of blocks."""
from __future__ import annotations

from ingest.blocks import flattened_blocks, line_blocks, wrap_width
from ingest.outline import parse_outline
from ingest.readers.raw import RawText
from reports.model import Document, Layout, Line, Section


def _runs(body: list[Line], table_lines: set[int]) -> list[tuple[bool, list[Line]]]:
    """Consecutive lines grouped by whether they belong to a table with real cells."""
    runs: list[tuple[bool, list[Line]]] = []
    for n, t in body:
        inside = n in table_lines
        if not runs or runs[-1][0] != inside:
            runs.append((inside, []))
        runs[-1][1].append((n, t))
    return runs


def build_document(raw: RawText, doc_id: str, path: str, title: str, sha256: str) -> Document:
    lines = tuple(raw.lines)
    pages = tuple(raw.pages) if raw.format.paged and raw.pages else ()

    def page_of(line: int) -> int | None:
        return pages[line - 1] if pages and 1 <= line <= len(pages) else None

    table_lines = {n for first, (last, _) in raw.tables.items() for n in range(first, last + 1)}
    outline = parse_outline(lines, title, raw.layout, raw.headings, table_lines)
    width = wrap_width(lines) if raw.layout is Layout.FLATTENED else 0
    sections = []
    for sec in outline:
        if raw.layout is Layout.FLATTENED:
            blocks = []
            for in_table, run in _runs(sec.body, table_lines):
                blocks += line_blocks(run, raw.tables, page_of) if in_table else flattened_blocks(run, sec.path[-1], page_of, width)
        else:
            blocks = line_blocks(sec.body, raw.tables, page_of)
        sections.append(
            Section(
                path=sec.path, heading_line=sec.heading_line, line_end=sec.line_end, blocks=tuple(blocks),
                meeting=sec.meeting, office=sec.office, program=sec.program, team=sec.team, aspect=sec.aspect,
                page=page_of(sec.heading_line),
            )
        )
    return Document(
        doc_id=doc_id, path=path, title=title, format=raw.format, layout=raw.layout, encoding=raw.encoding,
        sha256=sha256, lines=lines, sections=tuple(sections), pages=pages, notes=tuple(raw.notes),
    )
