"""A comparison answer's figures in the chat: a small table (one row per office, program or year,
with the figure, its as-of date and its [n]) and a bar chart with the values written on it."""
from __future__ import annotations

import streamlit as st

from app_ui import figure_chart
from app_ui.safe_md import escape_inline
from assistant.types import Answer
from questions.figure_table import FigureTable, RowRole

# A chart adds nothing to a sum or difference of two figures (the arithmetic line says it all);
# from three figures on, or for any max/min/rank/threshold, it shows the spread at a glance.
CHART_MIN_ROWS = 3
_ALWAYS_CHARTED = {"max", "min", "rank", "above", "below"}
_STRONG = {RowRole.WINNER, RowRole.SELECTED, RowRole.RESULT}


def _cell(text: str) -> str:
    return escape_inline(text) or " "


def table_markdown(table: FigureTable, cited: set[int]) -> str:
    """The rows as a Markdown table; every report string escaped. [n] only for citations the answer has."""
    ranked = table.operation == "rank"
    dates = {r.as_of for r in table.rows}
    shared = next(iter(dates)) if len(dates) == 1 else ""
    # One as-of date for all rows goes into the figure's header (a phone has no room for a column
    # repeating it); rows of different dates get a 기준일 column.
    has_as_of = len(dates) > 1
    metric = f"{table.metric} ({shared})" if shared else table.metric
    head = [table.dimension, metric] + (["기준일"] if has_as_of else []) + ["출처"]
    align = ["---:" if i == 1 else "---" for i in range(len(head))]  # figures right-aligned, as in a report
    lines = ["| " + " | ".join(_cell(h) for h in head) + " |", "|" + "|".join(align) + "|"]
    rank = 0
    for r in table.rows:
        name, value = _cell(r.name), _cell(r.raw)
        if r.role is RowRole.REFERENCE:
            name += " (기준)"
        if r.role in _STRONG:
            name, value = f"**{name}**", f"**{value}**"
        if ranked:  # the rank in the name's cell: a phone has no room for a column of "1위"
            rank += 1
            name = f"{rank}위 {name}"
        cells = [name, value]
        if has_as_of:
            cells.append(_cell(r.as_of) if r.as_of else "—")
        cells.append(f":blue-badge[{r.citation}]" if r.citation in cited else ("계산" if r.role is RowRole.RESULT else "—"))
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def charted(table: FigureTable) -> bool:
    return len(table.compared) >= CHART_MIN_ROWS or (table.operation in _ALWAYS_CHARTED and len(table.compared) >= 2)


def render(answer: Answer, key: str) -> None:
    table = answer.table
    if table is None or not table.rows:
        return
    st.markdown(table_markdown(table, {c.n for c in answer.citations}))
    if charted(table):
        bars = [figure_chart.Bar(r.name, r.value, r.raw, r.role in _STRONG) for r in table.compared]
        figure_chart.draw(st, bars, table.metric, table.unit, key=f"chart-{key}")
