"""Tables with real cells (from kordoc or Markdown `|` tables) → the model's Table.

A grid arrives as rows of cells with row/column spans. Merged cells are expanded (the text is
repeated over the span), the header rows are found (a top row whose cells span several columns is a
column-group row above the leaf names), the leading text columns become the row header, and the unit
comes from "(단위: …)" in the caption, the line before the table or a header cell.
"""
from __future__ import annotations

import re
import statistics
from dataclasses import dataclass

from kotext.dates import AS_OF_SPAN, FULL_DATE
from kotext.numbers import is_numeric_cell, unit_note
from kotext.sentences import split_enumerated
from kotext.text import squash_ws
from reports.model import Line, Table, TableRow

_COL_UNIT = re.compile(r"\(([^()]{1,8})\)$")
# "1분기", "2023년", "3월": a period under a column group is a header cell, though it reads like "12명"
_PERIOD = re.compile(r"^[’‘']?\d{1,4}\s*(?:년도?|분기|반기|월|차|회차|주차)$")
MAX_LABEL_COLUMNS = 2  # row headers wider than two columns are rare in reports; more would eat value columns
# A second label column whose median cell is longer than this is content, not a name. Set between what every
# corpus table showed (2026-12-04): the shipped reports' second label columns have medians of at most 20
# characters, the 위험근무수당 table's duty lists 133.
LABEL_MAX_CHARS = 40
# A rebuilt row longer than an answer may be (the 300 characters) is also indexed cell by cell.
ROW_ITEM_MAX_CHARS = 300


@dataclass(frozen=True)
class GridCell:
    text: str
    row_span: int = 1
    col_span: int = 1
    is_header: bool = False


def _expand_full(rows: list[list[GridCell]]) -> tuple[list[list[str]], list[list[bool]], list[list[bool]]]:
    """A grid that already has a cell at every position (kordoc's layout: the cells a span covers
    are present and empty): copy each spanning cell's text over the positions it covers."""
    height, width = len(rows), max(len(r) for r in rows)
    text = [[squash_ws(c.text) for c in r] + [""] * (width - len(r)) for r in rows]
    left = [[False] * width for _ in range(height)]
    head = [[c.is_header for c in r] + [False] * (width - len(r)) for r in rows]
    for r, cells in enumerate(rows):
        for c, cell in enumerate(cells):
            for dr in range(max(1, cell.row_span)):
                for dc in range(max(1, cell.col_span)):
                    if (dr or dc) and r + dr < height and c + dc < width and not text[r + dr][c + dc]:
                        text[r + dr][c + dc] = text[r][c]
                        left[r + dr][c + dc] = dc > 0
                        head[r + dr][c + dc] = cell.is_header
    return text, left, head


def _expand_plain(rows: list[list[GridCell]]) -> tuple[list[list[str]], list[list[bool]], list[list[bool]]]:
    """No spans (every Markdown table): the grid is the rows, padded to the widest; what the general
    placement below gives, without a dict per position (thousands of tables in one long file)."""
    width = max((len(r) for r in rows), default=0)
    height = max((r + 1 for r, cells in enumerate(rows) if cells), default=0)
    text = [[squash_ws(c.text) for c in rows[r]] + [""] * (width - len(rows[r])) for r in range(height)]
    left = [[False] * width for _ in range(height)]
    head = [[c.is_header for c in rows[r]] + [False] * (width - len(rows[r])) for r in range(height)]
    return text, left, head


def expand(rows: list[list[GridCell]], full: bool = False) -> tuple[list[list[str]], list[list[bool]], list[list[bool]]]:
    """Place spanned cells on a full grid. Returns (text grid, 'covered by a span from the left',
    header flags). `full`: every position already has a cell (see _expand_full); otherwise the
    cells a span covers are absent, as in HTML."""
    if full and rows:
        return _expand_full(rows)
    if all(c.row_span <= 1 and c.col_span <= 1 for cells in rows for c in cells):
        return _expand_plain(rows)
    grid: dict[tuple[int, int], str] = {}
    from_left: dict[tuple[int, int], bool] = {}
    header: dict[tuple[int, int], bool] = {}
    width = 0
    for r, cells in enumerate(rows):
        c = 0
        for cell in cells:
            while (r, c) in grid:
                c += 1
            rs, cs = max(1, cell.row_span), max(1, cell.col_span)
            for dr in range(rs):
                for dc in range(cs):
                    grid[(r + dr, c + dc)] = squash_ws(cell.text)
                    from_left[(r + dr, c + dc)] = dc > 0
                    header[(r + dr, c + dc)] = cell.is_header
            c += cs
            width = max(width, c)
    height = max((r for r, _ in grid), default=-1) + 1
    text = [[grid.get((r, c), "") for c in range(width)] for r in range(height)]
    left = [[from_left.get((r, c), False) for c in range(width)] for r in range(height)]
    head = [[header.get((r, c), False) for c in range(width)] for r in range(height)]
    return text, left, head


def _reads_as_data(row: list[str]) -> bool:
    """A row whose cells after its leading labels (up to MAX_LABEL_COLUMNS) are all figures: a body row
    ("수 입 (A) | 수 입 (A) | 19,159 | 727 …" under a "구 분" header spanning two label columns)."""
    cells = [t for t in row if t]
    lead = 0
    while lead < min(MAX_LABEL_COLUMNS, len(cells)) and not is_numeric_cell(cells[lead]):
        lead += 1
    rest = cells[lead:] or cells[1:]  # a row of labels only: its cells after the first decide, as before
    return all(is_numeric_cell(t) and not _PERIOD.match(t) for t in rest)


def _header_row_count(text: list[list[str]], left: list[list[bool]], head: list[list[bool]], spans_down: list[bool]) -> int:
    if len(text) < 2:
        return 0
    n = 1
    # A first row with a column-group cell (spanning columns) or a cell spanning down has a second header row.
    if len(text) > 2 and (any(left[0]) or spans_down[0]) and not _reads_as_data(text[1]):
        n = 2
    while n < len(text) - 1 and any(head[n]) and not any(is_numeric_cell(t) and t for t in text[n]):
        n += 1
    return n


# A value no column header holds: a full date or a phone number (a figure may: "3점", "1분기").
_PHONE = re.compile(r"\d{2,4}-\d{3,4}-\d{4}")


def _holds_a_value(row: list[str]) -> bool:
    """A header row never holds a value; a form's first rows do (its labels sit beside their values)."""
    for t in dict.fromkeys(row):
        if not t or AS_OF_SPAN.search(t) or _PERIOD.match(t):
            continue
        if FULL_DATE.search(t) or _PHONE.search(t):  # not a figure: "3점 | 만 50세 이상" rows head a score table
            return True
    return False


CONTEXT_LINES = 3  # the text lines just above a table that may hold its unit and as-of note
CONTEXT_REACH = 8  # … looked for this far up, past blank lines (a title, "(2010.1월 누계 기준)", "(단위 : 십억원)")


def table_context(lines: list[str], first: int) -> str:
    """The last CONTEXT_LINES non-blank lines above line index `first`, stopping at another table's row."""
    found: list[str] = []
    for n in range(first - 1, max(-1, first - 1 - CONTEXT_REACH), -1):
        text = lines[n].strip()
        if text.startswith(("|", "<t", "</t")):
            break
        if text:
            found.append(text)
            if len(found) == CONTEXT_LINES:
                break
    return " ".join(reversed(found))


def _is_content_column(c: int, cells: list[str], header_rows: list[list[str]], header_left: list[list[bool]]) -> bool:
    """A text column after the first that has a header of its own ("갑종" beside "을종", "병종") and long
    cells (lists of duties, descriptions) holds values, not a second row label: a row header names a
    thing. A column under the first column's spanning header ("구 분" over two label columns) stays a label."""
    if not header_rows or header_left[-1][c] or not header_rows[-1][c]:
        return False
    return statistics.median(len(t) for t in cells) > LABEL_MAX_CHARS


def render_row(label: str, columns: tuple[str, ...], values: tuple[str, ...], units: tuple[str, ...]) -> str:
    """'직접일자리: 목표 15,067개, 실적 13,364개' — each value beside its column name and unit."""
    cells = []
    previous = None
    for col, val, unit in zip(columns, values, units):
        if not val or (col, val) == previous:
            continue  # a merged cell repeated over its span is said once
        previous = (col, val)
        shown = val if (not unit or not is_numeric_cell(val) or val == "-" or val.endswith(unit) or val.endswith("%")) else f"{val}{unit}"
        cells.append(f"{col} {shown}" if col and col != val else shown)
    head = f"{label}: " if label else ""
    return head + ", ".join(cells)


def row_cells(label: str, columns: tuple[str, ...], values: tuple[str, ...], units: tuple[str, ...]) -> tuple[str, ...]:
    """A long row, cut into the cells a question asks about: one line per cell, and one per listed item of a
    cell that is itself too long ("가. … 나. …"); every line keeps the row label and the column name, so the
    item alone answers "몇 종이에요?" with its column."""
    out: list[str] = []
    for col, val, unit in zip(columns, values, units):
        line = render_row(label, (col,), (val,), (unit,))
        if not val or line in out:
            continue
        if len(line) <= ROW_ITEM_MAX_CHARS:
            out.append(line)
            continue
        head = f"{label} {col}".strip()
        out += [f"{head}: {item}" for item in split_enumerated(val)]
    return tuple(out)


def build_table(
    rows: list[list[GridCell]], row_lines: list[Line], caption: str = "", context: str = "", full: bool = False
) -> Table | None:
    """`row_lines[i]` is the rendered line of grid row i (what citations show). `context` is the text
    just before the table (where "(단위: 천원)" and "(2023.5.31. 기준)" usually sit). `full`: the
    grid has a cell at every position (kordoc), see expand()."""
    text, left, head = expand(rows, full)
    if not text or len(text[0]) < 2:
        return None
    width = len(text[0])
    spans_down = [any(c.row_span > 1 for c in cells) for cells in rows] + [False] * (len(text) - len(rows))
    n_head = _header_row_count(text, left, head, spans_down)
    # A title across the whole first row may carry its date ("[별표 9] <개정 2026. 1. 2.>"): that is not a form's value.
    if any(_holds_a_value(row) for row in text[:n_head] if len(set(row)) > 1):
        n_head = 0  # a form ("배포일 | 2017년 8월 25일 | 매수 | 13매"): label and value side by side in every row
    header_rows = text[:n_head]
    body = text[n_head:]
    if not body:
        return None
    # Row-header columns: leading columns whose body cells are text, not figures.
    n_label = 0
    for c in range(min(MAX_LABEL_COLUMNS, width - 1)):
        col = [r[c] for r in body if r[c]]
        if not col or sum(not is_numeric_cell(t) for t in col) < 0.8 * len(col):
            break
        if c and _is_content_column(c, col, header_rows, left[:n_head]):
            break
        n_label += 1
    if n_label == 0 and width >= 2 and all(not is_numeric_cell(r[0]) for r in body if r[0]):
        n_label = 1
    leaf = header_rows[-1] if header_rows else [""] * width
    groups_row = header_rows[0] if len(header_rows) >= 2 else [""] * width
    columns = tuple(leaf[c] for c in range(n_label, width))
    groups = tuple(groups_row[c] if groups_row[c] != leaf[c] else "" for c in range(n_label, width))
    if len(columns) > 1 and len(set(groups)) == 1 and groups[0]:
        # One header cell over every value column is the table's title, not a column group.
        caption = caption or groups[0]
        groups = ("",) * len(columns)
    where = " ".join([caption, context, *[" ".join(r) for r in header_rows]])
    unit = unit_note(where)
    units = []
    for col, grp in zip(columns, groups):
        cm = _COL_UNIT.search(col) or _COL_UNIT.search(grp)
        if cm and not cm.group(1)[:1].isdigit():
            units.append(cm.group(1))
        elif "률" in col or "율" in col or "%" in col:
            units.append("%")
        else:
            units.append(unit)
    full_columns = tuple(f"{g} {c}".strip() if g else c for g, c in zip(groups, columns))
    as_of_m = AS_OF_SPAN.search(where)
    as_of = squash_ws(as_of_m.group(0)).strip("() ") if as_of_m else ""
    body_lines = row_lines[n_head:]
    table_rows = []
    for values_row, line in zip(body, body_lines):
        label_parts: list[str] = []
        for c in range(n_label):
            if values_row[c] and values_row[c] not in label_parts:
                label_parts.append(values_row[c])
        label = " ".join(label_parts)
        values = tuple(values_row[n_label:])
        cells: tuple[str, ...] = ()
        if len(set(values_row)) == 1:
            rendered = values_row[0]  # one cell across the row (a form's notes box): its text, once
        else:
            # The as-of note goes with every row: a report of monthly tables repeats the same rows, and only
            # "(2010.3월 누계 기준)" tells them apart.
            rendered = render_row(f"{label} ({as_of})" if as_of and label else label, full_columns, values, tuple(units))
            # A long row whose cells are lists ("가. … 나. …" under 갑종, 을종 …) is a matrix of descriptions: each
            # cell, or listed item, is what a question asks for. A long record (one long 산출내역 beside short
            # fields) stays one item: its short cells say which record it is. Only long rows are split into lists.
            if len(rendered) > ROW_ITEM_MAX_CHARS and sum(len(split_enumerated(v)) > 1 for v in values) >= 2:
                cells = row_cells(label, full_columns, values, tuple(units))
        table_rows.append(TableRow(label, values, line, (rendered,), cells))
    return Table(
        columns=full_columns,
        units=tuple(units),
        groups=groups,
        rows=tuple(table_rows),
        caption=caption,
        unit=unit,
        as_of=as_of,
        label_column=" ".join(leaf[:n_label]) if n_label else "",
    )
