"""Cut outline sections into chunks: never across a section boundary, sized in tiktoken tokens.

A chunk keeps the report's own lines (`text`, what a citation shows) and an `index_text`
(section context + table rows rebuilt as "header: value") that is embedded and tokenized.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ingest.korean_text import squash_ws
from ingest.records import SECTION_SEP, Chunk, Section, SourceDocument, content_hash
from ingest.tables import TableRow, rebuild_rows, rebuild_vertical, section_unit
from ingest.token_count import count_tokens

DEFAULT_MAX_TOKENS = 480
_ITEM_START = re.compile(r"^(?:[○□■◦•‣▸▶➡⇒⇨－−\-※❖✜*·ㆍ]|[①-⑳➀-➉]|\(\S{1,6}\)|<|〈)")


# Prose in these reports wraps at ~35-45 characters; a shorter line ended where its author ended it.
_WRAP_WIDTH = 28
_SUB_ITEM = re.compile(r"^[－−\-·ㆍ]")


def _is_bare_label(item: "_Item") -> bool:
    text = " ".join(t for _, t in item.lines)
    return len(item.lines) <= 2 and len(text) <= 16 and bool(re.match(r"^[○□]", text))


@dataclass
class _Item:
    lines: list[tuple[int, str]]
    index_lines: list[str]


def _items(section: Section) -> list[_Item]:
    unit = section_unit([t for _, t in section.body] + [section.path[-1]])
    rebuilt: dict[int, TableRow] = {**rebuild_vertical(section.body, unit), **rebuild_rows(section.body, unit)}
    items: list[_Item] = []
    prev_text = ""
    for lineno, text in section.body:
        row = rebuilt.get(lineno)
        starts = row is not None or _ITEM_START.match(text) or not items
        if not starts and items and any(ln in rebuilt for ln, _ in items[-1].lines):
            starts = True  # text after a table row starts a new item
        if not starts and len(prev_text) < _WRAP_WIDTH:
            starts = True  # the previous line was not wrapped: a table cell or a short line of its own
        if starts and row is None and text.startswith("(") and items and len(prev_text) < _WRAP_WIDTH and not _ITEM_START.match(prev_text):
            starts = False  # "일자리플러스센터" + "(당산로123, 우리은행 2층)": a cell and its detail
        if starts and _SUB_ITEM.match(text) and items and _is_bare_label(items[-1]):
            starts = False  # "○ 참여대상" followed by its "－ (인턴) …" lines is one item
        prev_text = text
        if starts:
            items.append(_Item([], []))
        items[-1].lines.append((lineno, text))
        if row is not None and row.label:
            items[-1].index_lines.append(row.render())
        elif row is not None:
            items[-1].index_lines += [text, row.render()]
        else:
            items[-1].index_lines.append(text)
    return items


def context_line(doc: SourceDocument, section: Section) -> str:
    """Short section context for the index: document, office or meeting, program, aspect."""
    parts = [doc.title, section.office or section.meeting or (section.path[1] if len(section.path) > 1 else "")]
    parts += [section.program, section.team, section.path[-1] if len(section.path) > 1 else ""]
    seen: list[str] = []
    for p in parts:
        if p and p not in seen:
            seen.append(p)
    return squash_ws(SECTION_SEP.join(seen))


def chunk_section(doc: SourceDocument, section: Section, max_tokens: int = DEFAULT_MAX_TOKENS) -> list[Chunk]:
    if not section.body:
        return []
    context = context_line(doc, section)
    budget = max(64, max_tokens - count_tokens(context))
    groups: list[list[_Item]] = [[]]
    used = 0
    prev_is_row = False
    for item in _items(section):
        cost = count_tokens("\n".join(item.index_lines))
        is_row = ":" in item.index_lines[-1] and any(ch.isdigit() for ch in item.index_lines[-1])
        # Keep a table's rows together: splitting them puts a total row apart from its header.
        limit = budget * 1.6 if (is_row and prev_is_row) else budget
        prev_is_row = is_row
        if groups[-1] and used + cost > limit:
            groups.append([])
            used = 0
        groups[-1].append(item)
        used += cost
    chunks = []
    for group in groups:
        lines = [pair for item in group for pair in item.lines]
        text = "\n".join(t for _, t in lines)
        index_text = context + "\n" + "\n".join(line for item in group for line in item.index_lines)
        items = tuple((it.lines[0][0], it.lines[-1][0], " ".join(it.index_lines)) for it in group)
        section_text = SECTION_SEP.join(section.path)
        # What is embedded (index_text) is part of the identity: a new context line must re-embed.
        digest = content_hash(doc.doc_id, section_text, text, index_text)
        chunks.append(
            Chunk(
                id=f"{doc.doc_id}:{digest[:20]}",
                doc_id=doc.doc_id,
                doc_title=doc.title,
                section=section_text,
                meeting=section.meeting,
                office=section.office,
                program=section.program,
                team=section.team,
                aspect=section.aspect,
                line_start=lines[0][0],
                line_end=lines[-1][0],
                text=text,
                index_text=index_text,
                content_hash=digest,
                items=items,
            )
        )
    return chunks


def chunk_document(doc: SourceDocument, sections: list[Section], max_tokens: int = DEFAULT_MAX_TOKENS) -> list[Chunk]:
    chunks: list[Chunk] = []
    for section in sections:
        chunks += chunk_section(doc, section, max_tokens)
    # The same lines can repeat inside one section (a table printed twice); ids must stay unique.
    seen: set[str] = set()
    unique = []
    for c in chunks:
        if c.id not in seen:
            seen.add(c.id)
            unique.append(c)
    return unique
