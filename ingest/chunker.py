"""Cut document sections into chunks: never across a section, never over the embedder's window.

A chunk keeps the report's own lines (`text`, what a citation shows) and an `index_text` (section
context + tables rebuilt as "label: column value") that is embedded and tokenized. Sizing is in
tiktoken tokens (the budget the retrieval ablation chose: 480), and every chunk is then checked
against e5's own 512-token window and split further when it would be truncated.
"""
from __future__ import annotations

from dataclasses import dataclass

from ingest.token_count import count_tokens
from kotext.sentences import split_sentences
from kotext.text import squash_ws
from reports.chunks import Chunk, content_hash
from reports.model import SECTION_SEP, Block, BlockKind, Document, Line, Section
from retrieval.window import E5_MAX_TOKENS, e5_tokens, e5_tokens_many, split_to_fit

DEFAULT_MAX_TOKENS = 480  # chosen by eval.retrieval_ablation (480 > 320 > 160 on hit@5 and MRR)
MIN_BUDGET = 64  # a context line never leaves less than this for the body
WINDOW_MARGIN = 8  # tokens kept free when a long line is cut: joining pieces can merge a token or two
ROW_RUN_SLACK = 1.6  # a table may overrun the budget by 60 % rather than split a total row from its header


@dataclass
class _Unit:
    """The smallest piece a chunk is built from: a logical item, a table row, or one sentence."""

    lines: list[Line]
    index_lines: list[str]
    table_header: str = ""  # set on table rows from tables with a real header: repeated when a chunk starts mid-table
    is_row: bool = False


def _units(block: Block, budget: int) -> list[_Unit]:
    if block.kind is BlockKind.TABLE and block.table is not None:
        table = block.table
        row_lines = {r.line[0] for r in table.rows}
        header_lines = [(n, t) for n, t in block.lines if n not in row_lines]
        units = []
        repeat = _clip_context(table.header_line()) if header_lines else ""  # a huge header must not fill every chunk
        if header_lines:
            units.append(_Unit(header_lines, [repeat] if repeat else [t for _, t in header_lines]))
        for row in table.rows:
            if row.cells:  # a long row: each cell (or listed item) is an item of its own, all citing the row's line
                units += [_Unit([row.line], [cell], repeat, True) for cell in row.cells]
            else:
                units.append(_Unit([row.line], list(row.rendered), repeat, True))
        return units
    unit = _Unit(list(block.lines), list(block.index_lines))
    if len(block.lines) == 1 and count_tokens(block.index_lines[0]) > budget:
        # One line holding a whole article: its sentences become units that share the line number.
        n, _ = block.lines[0]
        return [_Unit([(n, s)], [s]) for s in split_sentences(block.index_lines[0])]
    return [unit]


def _is_row(unit: _Unit) -> bool:
    last = unit.index_lines[-1]
    return unit.is_row or (":" in last and any(ch.isdigit() for ch in last))


def context_line(doc: Document, section: Section) -> str:
    """Short section context for the index: document, office or meeting, program, aspect."""
    parts = [doc.title, section.office or section.meeting or (section.path[1] if len(section.path) > 1 else "")]
    parts += [section.program, section.team, section.path[-1] if len(section.path) > 1 else ""]
    seen: list[str] = []
    for p in parts:
        if p and p not in seen:
            seen.append(p)
    return squash_ws(SECTION_SEP.join(seen))


def _group(units: list[_Unit], budget: int) -> list[list[_Unit]]:
    groups: list[list[_Unit]] = [[]]
    used = 0
    prev_is_row = False
    for unit in units:
        cost = count_tokens("\n".join(unit.index_lines))
        is_row = _is_row(unit)
        limit = budget * ROW_RUN_SLACK if (is_row and prev_is_row) else budget
        prev_is_row = is_row
        if groups[-1] and used + cost > limit:
            groups.append([])
            used = 0
        groups[-1].append(unit)
        used += cost
    return [g for g in groups if g]


def _index_text(context: str, group: list[_Unit]) -> str:
    lines = [line for unit in group for line in unit.index_lines]
    if group[0].table_header and group[0].index_lines[0] != group[0].table_header:
        lines.insert(0, group[0].table_header)  # a chunk that starts mid-table restates its header
    return context + "\n" + "\n".join(lines)


def _fit_windows(context: str, groups: list[list[_Unit]]) -> list[list[_Unit]]:
    """Every group that e5 reads whole, counted in one batch; the others split by _fit_window."""
    counts = e5_tokens_many([_index_text(context, g) for g in groups])
    return [piece for g, n in zip(groups, counts) for piece in ([g] if n <= E5_MAX_TOKENS else _fit_window(context, g, n))]


def _fit_window(context: str, group: list[_Unit], tokens: int | None = None) -> list[list[_Unit]]:
    """Split a group until e5 reads every token of it; a single unit too long is cut by characters."""
    if (tokens if tokens is not None else e5_tokens(_index_text(context, group))) <= E5_MAX_TOKENS:
        return [group]
    if len(group) > 1:
        mid = len(group) // 2
        return _fit_window(context, group[:mid]) + _fit_window(context, group[mid:])
    unit = group[0]
    text = " ".join(unit.index_lines)
    # One unit too long for the window (a line with no sentence ends): cut it at token boundaries,
    # leaving room for the context line, the header and the special tokens.
    room = E5_MAX_TOKENS - e5_tokens(_index_text(context, [_Unit(unit.lines, [""], unit.table_header)])) - WINDOW_MARGIN
    n = unit.lines[0][0]
    pieces = split_to_fit(text, max(16, room))
    if len(pieces) <= 1:
        return [group]  # nothing left to split (the context alone fills the window)
    return [[_Unit([(n, piece)], [piece], unit.table_header)] for piece in pieces]


MAX_CONTEXT_E5_TOKENS = 128  # the section context may take a quarter of e5's window; a longer heading is cut


def _clip_context(context: str) -> str:
    """A pathological heading (thousands of characters) must not eat the window: cut it to fit."""
    if e5_tokens(context) <= MAX_CONTEXT_E5_TOKENS:
        return context
    lo, hi = 0, len(context)
    while lo < hi:  # the longest prefix that fits
        mid = (lo + hi + 1) // 2
        if e5_tokens(context[:mid]) <= MAX_CONTEXT_E5_TOKENS:
            lo = mid
        else:
            hi = mid - 1
    return context[:lo].rstrip() + "…"


def chunk_section(doc: Document, section: Section, max_tokens: int = DEFAULT_MAX_TOKENS) -> list[Chunk]:
    if not section.blocks:
        return []
    context = _clip_context(context_line(doc, section))
    budget = max(MIN_BUDGET, max_tokens - count_tokens(context))
    units = [u for block in section.blocks for u in _units(block, budget)]
    groups = _fit_windows(context, _group(units, budget))
    section_text = SECTION_SEP.join(section.path)
    chunks = []
    for group in groups:
        lines: list[Line] = []
        for unit in group:
            for n, t in unit.lines:
                if lines and lines[-1][0] == n:
                    if t not in lines[-1][1]:
                        lines[-1] = (n, lines[-1][1] + " " + t)  # sentences of one long line, in order
                else:
                    lines.append((n, t))
        text = "\n".join(t for _, t in lines)
        index_text = _index_text(context, group)
        items = tuple((u.lines[0][0], u.lines[-1][0], " ".join(u.index_lines)) for u in group)
        # What is embedded (index_text) is part of the identity: a new context line must re-embed.
        digest = content_hash(doc.doc_id, section_text, text, index_text)
        page, page_end = doc.page_of(min(n for n, _ in lines)) or 0, doc.page_of(max(n for n, _ in lines)) or 0
        chunks.append(
            Chunk(
                id=f"{doc.doc_id}:{digest[:20]}", doc_id=doc.doc_id, doc_title=doc.title, section=section_text,
                meeting=section.meeting, office=section.office, program=section.program, team=section.team,
                aspect=section.aspect, line_start=min(n for n, _ in lines), line_end=max(n for n, _ in lines), text=text,
                index_text=index_text, content_hash=digest, items=items, page=page, page_end=page_end,
            )
        )
    return chunks


def chunk_document(doc: Document, max_tokens: int = DEFAULT_MAX_TOKENS) -> list[Chunk]:
    chunks: list[Chunk] = []
    for section in doc.sections:
        chunks += chunk_section(doc, section, max_tokens)
    # The same lines can repeat inside one section (a table printed twice); ids must stay unique.
    seen: set[str] = set()
    unique = []
    for c in chunks:
        if c.id not in seen:
            seen.add(c.id)
            unique.append(c)
    return unique
