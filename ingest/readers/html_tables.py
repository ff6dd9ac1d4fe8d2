"""HTML `<table>` blocks inside Markdown or text (kordoc's Markdown writes merged-cell tables so, and so
do many web exports): real cells with row/column spans, parsed by the standard library's HTML parser.

Each `<tr>` line is rewritten as a `| a | b |` row (the line numbers stay, so citations still point at
the right line) and the `<table>`/`</table>` lines become blank: readers see the cells, not markup.
"""
from __future__ import annotations

import re
from html.parser import HTMLParser

from ingest.grid_tables import GridCell, build_table, table_context
from ingest.readers.raw import RawText

_OPEN = re.compile(r"^\s*<table\b[^>]*>\s*$", re.I)
_CLOSE = re.compile(r"</table\s*>", re.I)
_OPEN_ANY = re.compile(r"<table\b", re.I)
MAX_TABLE_LINES = 2000  # a table without its closing tag is not read past this many lines


class _Rows(HTMLParser):
    """Cells of each <tr>, with spans and header flags; <br> is a space inside a cell."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.rows: list[list[GridCell]] = []
        self._cell: list[str] | None = None
        self._attrs: dict[str, str] = {}
        self._header = False
        self._depth = 0  # a table inside a cell is that cell's text, not rows of the outer table

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "table":
            self._depth += 1
        if self._depth > 1:
            if self._cell is not None and tag in ("td", "th", "tr", "br", "table"):
                self._cell.append(" ")
            return
        if tag == "tr":
            self.rows.append([])
        elif tag in ("td", "th") and self.rows:
            self._cell, self._attrs, self._header = [], {k: v or "" for k, v in attrs}, tag == "th"
        elif tag == "br" and self._cell is not None:
            self._cell.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag == "table":
            self._depth -= 1
            return
        if self._depth > 1:
            return
        if tag in ("td", "th") and self._cell is not None and self.rows:
            self.rows[-1].append(GridCell(" ".join("".join(self._cell).split()), _span(self._attrs.get("rowspan")),
                                          _span(self._attrs.get("colspan")), self._header))
            self._cell = None

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)


def _span(value: str | None) -> int:
    digits = re.sub(r"\D", "", value or "")[:3]
    return max(1, int(digits)) if digits else 1


def find_html_tables(raw: RawText) -> None:
    """Rebuild every `<table>` … `</table>` block whose rows each start on their own line."""
    lines = raw.lines
    i = 0
    while i < len(lines):
        if not _OPEN.match(lines[i]):
            i += 1
            continue
        j, depth = None, 0
        for k in range(i, min(len(lines), i + MAX_TABLE_LINES)):  # the line that closes the outer table
            depth += len(_OPEN_ANY.findall(lines[k])) - len(_CLOSE.findall(lines[k]))
            if depth <= 0:
                j = k
                break
        if j is None:
            i += MAX_TABLE_LINES  # unclosed: left as text; skipping the scanned lines keeps this linear
            continue
        row_starts, depth = [], 0
        for n in range(i, j + 1):  # rows of the outer table start their lines; a nested table's rows do not count
            if depth == 1 and re.match(r"\s*<tr\b", lines[n], re.I):
                row_starts.append(n)
            depth += len(_OPEN_ANY.findall(lines[n])) - len(_CLOSE.findall(lines[n]))
        parser = _Rows()
        parser.feed("\n".join(lines[i : j + 1]))
        rows = parser.rows
        if row_starts and len(rows) == len(row_starts) and any(rows):
            for n, cells in zip(row_starts, rows):
                lines[n] = "| " + " | ".join(c.text for c in cells) + " |"
            for n in range(i, j + 1):
                if n not in row_starts:
                    lines[n] = ""  # markup and rows' continuation lines: the row line holds the cells
            context = table_context(lines, i)
            table = build_table(rows, [(n + 1, lines[n]) for n in row_starts], "", context)
            if table is not None:
                raw.tables[row_starts[0] + 1] = (row_starts[-1] + 1, table)
        i = j + 1
