"""Section lines → model blocks (paragraphs with sentences, items, tables).

Two segmenters, chosen by the document's layout:
- flattened PDF text: a logical item is a bullet with its wrapped lines; table rows are rebuilt
  from header lines plus rows of numbers (kotext.flat_tables) and consecutive rows form one table block;
- every other layout: a line is a paragraph or an item of its own; tables come with real cells.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from kotext.flat_tables import TableRow as FlatRow
from kotext.flat_tables import rebuild_rows, rebuild_vertical, section_unit
from kotext.sentences import split_sentences
from kotext.word_tables import rebuild_word_rows
from reports.model import Block, BlockKind, Line, Table, TableRow

_ITEM_START = re.compile(r"^(?:[○□■◦•‣▸▶➡⇒⇨－−\-※❖✜*·ㆍ]|[①-⑳➀-➉]|\(\S{1,6}\)|<|〈)")
_LIST_ITEM = re.compile(r"^(?:[○□■◦•‣▸▶➡⇒⇨－−\-※❖✜*·ㆍ]|[①-⑳➀-➉]|\(\S{1,6}\)|\d{1,2}[.)]\s|[가-하][.)]\s)")
_LABEL_VALUE = re.compile(r"^(?:[○□■◦•·\-－*※]\s*)?([^:：]{1,20}?)\s*[:：]\s*(\S.*)$")

# Flattened PDF text wraps prose at the page width; a line much shorter than that width ended where
# its author ended it. The width is measured per document (the 90th percentile of line lengths), and a
# line counts as wrapped when it reaches WRAP_SHARE of it: 0.65 reproduces the first version's fixed
# 28 characters on the Seoul report (p90 = 43), the layout it was built on.
WRAP_SHARE = 0.65
DEFAULT_WRAP_WIDTH = 28
# "위치 : 당진시 …", "참여자격 : 만18세 …": a label and its value start an item of their own.
_LABEL_LINE = re.compile(r"^[가-힣A-Za-z][가-힣A-Za-z·\s]{0,11}\s?[:：]\s*\S")


def wrap_width(lines: list[str] | tuple[str, ...]) -> int:
    lengths = sorted(len(t.strip()) for t in lines if t.strip())
    if not lengths:
        return DEFAULT_WRAP_WIDTH
    p90 = lengths[min(len(lengths) - 1, int(0.9 * len(lengths)))]
    return max(12, round(WRAP_SHARE * p90))
_SUB_ITEM = re.compile(r"^[－−\-·ㆍ]")


@dataclass
class _Item:
    lines: list[Line]
    index_lines: list[str]
    row: FlatRow | None = None


def _is_bare_label(item: _Item) -> bool:
    text = " ".join(t for _, t in item.lines)
    return len(item.lines) <= 2 and len(text) <= 16 and bool(re.match(r"^[○□]", text))


def _flattened_items(body: list[Line], heading: str, width: int = DEFAULT_WRAP_WIDTH) -> list[_Item]:
    unit = section_unit([t for _, t in body] + [heading])
    rebuilt: dict[int, FlatRow] = {**rebuild_vertical(body, unit), **rebuild_rows(body, unit)}
    # rosters: rows of words under a header of column names, each person an item with its columns
    word_rows = {n: r for n, r in rebuild_word_rows(body).items() if n not in rebuilt}
    items: list[_Item] = []
    prev_text = ""
    for lineno, text in body:
        row = rebuilt.get(lineno)
        word_row = word_rows.get(lineno)
        starts = row is not None or word_row is not None or _ITEM_START.match(text) or not items
        if not starts and items and any(ln in rebuilt or ln in word_rows for ln, _ in items[-1].lines):
            starts = True  # text after a table row starts a new item
        if not starts and len(prev_text) < width:
            starts = True  # the previous line was not wrapped: a table cell or a short line of its own
        if not starts and _LABEL_LINE.match(text):
            starts = True
        if starts and row is None and text.startswith("(") and items and len(prev_text) < width and not _ITEM_START.match(prev_text):
            starts = False  # "일자리플러스센터" + "(당산로123, 우리은행 2층)": a cell and its detail
        if starts and _SUB_ITEM.match(text) and items and _is_bare_label(items[-1]):
            starts = False  # "○ 참여대상" followed by its "－ (인턴) …" lines is one item
        prev_text = text
        if starts:
            items.append(_Item([], [], row))
        items[-1].lines.append((lineno, text))
        if word_row is not None:
            items[-1].index_lines.append(word_row.render())
        elif row is not None and row.label:
            items[-1].index_lines.append(row.render())
        elif row is not None:
            items[-1].index_lines += [text, row.render()]
        else:
            items[-1].index_lines.append(text)
    return items


def _text_block(lines: list[Line], index_lines: list[str], page_of) -> Block:
    text = " ".join(t for _, t in lines)
    kind = BlockKind.ITEM if _LIST_ITEM.match(text) else BlockKind.PARAGRAPH
    label = value = ""
    if m := _LABEL_VALUE.match(text):
        kind, label, value = BlockKind.ITEM, m.group(1).strip(), m.group(2).strip()
    return Block(kind, tuple(lines), tuple(index_lines), tuple(split_sentences(text)), label, value, None, page_of(lines[0][0]))


def flattened_blocks(body: list[Line], heading: str, page_of, width: int = DEFAULT_WRAP_WIDTH) -> list[Block]:
    """Blocks of a flattened-PDF section; consecutive rebuilt rows with the same columns are one table."""
    blocks: list[Block] = []
    run: list[_Item] = []

    def flush() -> None:
        if not run:
            return
        first = run[0].row
        assert first is not None
        rows = tuple(TableRow(it.row.label, it.row.values, it.lines[0], tuple(it.index_lines)) for it in run if it.row)
        table = Table(columns=first.columns, units=first.units, groups=first.groups, rows=rows, unit=section_unit([heading]))
        lines = tuple(pair for it in run for pair in it.lines)
        blocks.append(Block(BlockKind.TABLE, lines, tuple(x for it in run for x in it.index_lines), (), "", "", table, page_of(lines[0][0])))
        run.clear()

    for item in _flattened_items(body, heading, width):
        if item.row is not None and len(item.lines) == 1:
            if run and run[-1].row and run[-1].row.columns != item.row.columns:
                flush()
            run.append(item)
            continue
        flush()
        blocks.append(_text_block(item.lines, item.index_lines, page_of))
    flush()
    return blocks


def line_blocks(body: list[Line], tables: dict[int, tuple[int, Table]], page_of) -> list[Block]:
    """Blocks of a section whose lines are whole paragraphs; `tables` maps a first line to its table."""
    blocks: list[Block] = []
    i = 0
    while i < len(body):
        lineno, text = body[i]
        if lineno in tables:
            last, table = tables[lineno]
            lines = []
            while i < len(body) and body[i][0] <= last:
                lines.append(body[i])
                i += 1
            row_lines = {r.line[0] for r in table.rows}
            header = [t for n, t in lines if n not in row_lines]
            index = ([table.header_line()] if header else []) + [x for r in table.rows for x in r.rendered]
            blocks.append(Block(BlockKind.TABLE, tuple(lines), tuple(index), (), "", "", table, page_of(lineno)))
            continue
        blocks.append(_text_block([(lineno, text)], [text], page_of))
        i += 1
    return blocks
