"""Facts from flattened tables: each cell becomes a fact named by its column (and column group),
its row label and the section's (단위: …)."""
from __future__ import annotations

import re

from figures.context import SectionContext, clean_label
from figures.facts import Fact
from figures.metrics import metric_by_unit, metric_for
from kotext.numbers import COUNT_UNITS, is_money, normalise, parse_number
from kotext.flat_tables import TableRow, rebuild_rows, rebuild_vertical, section_unit

# "13,635명(100%)" / "3,587백만원(23.1%)": a value with its share; the share is not a column.
_SHARE_CELL = re.compile(r"(\d[\d,]*(?:\.\d+)?)(?:명|개소|개|건|백만원|천원|억원|원)?\(\d+(?:\.\d+)?%\)")
_PERIOD = re.compile(r"^[’‘']?(\d\d)(?:년)?(?:\((\d{1,2})월\))?$")
_UNIT_IN_LABEL = re.compile(r"\(([^()]*)\)$")
# A transposed table: "구분 동행일자리 지역공동체일자리 청년드림나래", later "선발인원 181명 20명 20명".
_SUBJECT_HEADER = re.compile(r"^구\s*분\s+(?P<cols>[^\d]+)$")
_CELL = r"(\d[\d,]*(?:\.\d+)?)\s*(명|개소|개|건|팀|%)"


def _period(column: str) -> str:
    m = _PERIOD.match(column.replace(" ", ""))
    return f"20{m.group(1)}" if m else ""


def _unit_of(row: TableRow, idx: int, default: str) -> str:
    unit = row.units[idx] if idx < len(row.units) else ""
    if not unit and (m := _UNIT_IN_LABEL.search(row.label)):
        unit = m.group(1).strip()  # "이용자수(명)": the row label carries the unit
    return unit or default


def _cell_lines(body: list[tuple[int, str]], row: TableRow, cell: str) -> tuple[int, int]:
    """Source lines of one cell: the row's own line, or for a table whose cells come one per line
    (rebuild_vertical) the header line through the line that prints the value."""
    import bisect

    # Bodies are in line order: find the row's line by bisection, not by scanning (a 320 KB table
    # section has thousands of cells).
    start = bisect.bisect_left(body, (row.lineno, ""))
    after = body[start : start + 9]
    for ln, text in after:
        if _has_number(text, cell):
            return row.lineno, ln
    return row.lineno, row.lineno


def _has_number(text: str, cell: str) -> bool:
    """A number `cell` in `text`, not inside a longer number (what `(?<![\\d,.])CELL(?![\\d,])` matched),
    found without compiling a pattern per distinct cell: thousands of cells overflow re's cache (1.4 s
    of a 320 KB table section went to compiling)."""
    at = text.find(cell)
    while at >= 0:
        end = at + len(cell)
        if (at == 0 or text[at - 1] not in _NUMBER_BEFORE) and (end == len(text) or text[end] not in _NUMBER_AFTER):
            return True
        at = text.find(cell, at + 1)
    return False


_NUMBER_BEFORE = frozenset("0123456789,.")  # a cell preceded by these is the tail of a longer number
_NUMBER_AFTER = frozenset("0123456789,")


def _row_facts(ctx: SectionContext, row: TableRow, default_unit: str, group: str) -> list[Fact]:
    names = [c.replace(" ", "") for c in row.columns]
    if not row.groups and len(set(names)) < len(names):
        return []  # a header we could not read (the same column twice): better no facts than wrong ones
    label = clean_label(_UNIT_IN_LABEL.sub("", row.label)) if row.label else ""
    label_metric = metric_for(row.label) if row.label else None
    facts: list[Fact] = []
    rendered = row.render()  # the row as context of each of its cells' facts
    for idx, (column, cell) in enumerate(zip(row.columns, row.values)):
        number = parse_number(cell)
        if number is None:
            continue
        group_name = row.groups[idx] if idx < len(row.groups) else ""
        unit = "%" if cell.endswith("%") else _unit_of(row, idx, default_unit)
        value, base = normalise(number, unit)
        metric = metric_for(group_name + column) or metric_for(column)
        subject_label, period = label, _period(column)
        if metric is None and label_metric:
            # Transposed rows ("이용자수(명) | ’16년 ’17년 …"): the label names the metric, columns the period.
            metric, subject_label = label_metric, ""
            period = period or column
        if metric is None:
            # A breakdown row ("연령별 | 30세미만 …"): the column names what is counted.
            metric, subject_label = metric_by_unit(base), f"{label} {column}".strip()
        if ctx.is_city and metric == "일자리 수":
            metric = "목표"  # a meeting's plan table: jobs planned for the year are its target
        raw = cell if (cell.endswith("%") or not unit) else f"{cell}{unit}"
        fact = ctx.fact(
            label=subject_label or label,
            metric=metric,
            column=f"{group_name} {column}".strip(),
            value=value,
            unit=base,
            raw=raw,
            lines=_cell_lines(ctx.section.body, row, cell),
            source="table",
            group=group,
            period=period,
            scope=ctx.classify(subject_label),
            context=rendered,
        )
        if fact:
            facts.append(fact)
    return facts


def _transposed(ctx: SectionContext) -> list[Fact]:
    facts: list[Fact] = []
    columns: list[str] = []
    header_line = 0
    for lineno, text in ctx.section.body:
        if m := _SUBJECT_HEADER.match(text.strip()):
            columns = m.group("cols").split()
            header_line = lineno
            continue
        if not columns:
            continue
        cells = re.findall(_CELL, text)
        lead = re.sub(rf"(?:\s*{_CELL})+\s*$", "", text).strip()
        if len(cells) != len(columns) or not lead or re.search(r"\d", lead):
            continue
        metric = metric_for(lead)
        if metric is None:
            continue
        for column, (num, unit) in zip(columns, cells):
            number = parse_number(num)
            if number is None:
                continue
            fact = ctx.fact(
                label=column, metric=metric, column=clean_label(lead), value=number, unit=unit,
                raw=f"{num}{unit}", lines=(lineno, lineno), source="table", group=f"T{header_line}",
                scope=("item", column), context=f"{clean_label(lead)}: " + text,
            )
            if fact:
                facts.append(fact)
    return facts


def _grid_rows(ctx: SectionContext, taken: set[int]) -> list[tuple[TableRow, str]]:
    """Rows of tables that came with real cells (HWP/HWPX/PDF/DOCX, Markdown `|` tables), as the
    flat rows the cell facts are made from: column names without their group, the group apart."""
    out = []
    for block in ctx.section.blocks:
        table = block.table
        if table is None or not table.rows or any(r.line[0] in taken for r in table.rows):
            continue
        groups = table.groups or ("",) * len(table.columns)
        leaves = tuple(c[len(g) + 1:] if g and c.startswith(g + " ") else c for c, g in zip(table.columns, groups))
        units = tuple(table.units) if table.units else ("",) * len(leaves)
        for row in table.rows:
            values = tuple(row.values[: len(leaves)])
            out.append((TableRow(row.line[0], row.label, leaves[: len(values)], values, units[: len(values)],
                                 tuple(groups[: len(values)]) if any(groups) else ()), table.unit))
    return out


def table_facts(ctx: SectionContext) -> list[Fact]:
    body = ctx.section.body
    unit = section_unit([t for _, t in body] + [ctx.section.path[-1]])
    # Lines of tables that came with real cells are read from those cells (_grid_rows); re-parsing
    # them as flattened text only costs time on long Markdown/HWP tables.
    grid_lines = ctx.real_table_lines
    flat_body = [(ln, t) for ln, t in body if ln not in grid_lines] if grid_lines else body
    if unit and not (is_money(unit) or unit in COUNT_UNITS or unit == "%"):
        unit = ""
    # Only a line with "%)" can hold a share cell; skipping the others keeps long tables cheap.
    cleaned = [(ln, _SHARE_CELL.sub(r"\1", t) if "%)" in t else t) for ln, t in flat_body]
    rows = {**rebuild_vertical(flat_body, unit), **rebuild_rows(cleaned, unit)}
    facts: list[Fact] = []
    for lineno in sorted(rows):
        row = rows[lineno]
        group = f"T{ctx.section.heading_line}:{'|'.join(row.columns)}"
        facts += _row_facts(ctx, row, unit, group)
    for row, table_unit in _grid_rows(ctx, set(rows)):
        grid_unit = table_unit if (is_money(table_unit) or table_unit in COUNT_UNITS or table_unit == "%") else unit
        group = f"T{ctx.section.heading_line}:{'|'.join(row.columns)}"
        facts += _row_facts(ctx, row, grid_unit, group)
    return facts + _transposed(ctx)

