"""Which lines of a cited passage hold the answer, so the citation can show its evidence.

A citation carries its whole chunk, not the span the answer came from, so the span is found
again here: a line is evidence when its text appears in the answer; otherwise the answer's
numbers are marked inside it (table rows come flattened, one number per column).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher

from app_ui.safe_md import escape_fragment, escape_md, mark
from kotext.text import is_pipe_row

NUMBER = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?")
_MARKER = re.compile(r"\[(\d+)\]")
_AS_OF = re.compile(r"\([^()]*(?:기준|현재)\s*\)")  # "(‘21.5월말 기준)" is context, not the evidence
_MIN_LINE = 4  # shorter lines ("구 분") would match almost any answer
_MIN_SHARED = 12  # a long line sharing this much text with the answer is part of it (trimmed answers)


@dataclass(frozen=True)
class MarkedLine:
    lineno: int | None  # line number in the source file, None when unknown
    text: str
    whole: bool  # the line itself is quoted in the answer
    numbers: frozenset[str]  # numbers of the answer found in this line


def squash(text: str) -> str:
    """Letters and digits only: PDF extraction spaces Korean words and bullets at random."""
    return re.sub(r"[\W_]+", "", text)


def answer_segment(answer: str, n: int) -> str:
    """The part of the answer that cites [n] (answers can be a short list, one line per item)."""
    lines = [line for line in answer.split("\n") if f"[{n}]" in line]
    return _MARKER.sub(" ", " ".join(lines or [answer]))


def evidence_numbers(segment: str) -> frozenset[str]:
    return frozenset(m for m in NUMBER.findall(_AS_OF.sub(" ", segment)) if len(re.sub(r"\D", "", m)) >= 2)


def _quoted(line: str, segment_sq: str) -> bool:
    line_sq = squash(line)
    if len(line_sq) < _MIN_LINE or not segment_sq:
        return False
    if line_sq in segment_sq:
        return True
    if len(line_sq) < _MIN_SHARED:
        return False
    match = SequenceMatcher(None, line_sq, segment_sq, autojunk=False).find_longest_match()
    return match.size >= _MIN_SHARED


def mark_lines(
    lines: list[tuple[int | None, str]], segment: str, spans: tuple[tuple[int, int], ...] = ()
) -> list[MarkedLine]:
    """Mark the evidence: the lines the answerer says it used (`spans`) when known, else the
    lines the answer quotes; numbers of the answer are marked in any line."""
    segment_sq = squash(segment)
    numbers = evidence_numbers(segment)
    out = []
    for lineno, text in lines:
        in_span = lineno is not None and any(a <= lineno <= b for a, b in spans)
        whole = in_span or (not spans and bool(segment) and _quoted(text, segment_sq))
        found = frozenset(m for m in NUMBER.findall(text) if m in numbers)
        out.append(MarkedLine(lineno, text, whole, found))
    return out


def line_markdown(line: MarkedLine) -> str:
    """Escaped line with its evidence highlighted: the whole line, or just the answer's numbers in it."""
    if line.whole:
        body = mark(escape_md(line.text.strip()))
    elif line.numbers:
        parts, last = [], 0
        text = line.text.strip()
        for m in NUMBER.finditer(text):
            if m.group() in line.numbers:
                before = text[last : m.start()]
                parts += [escape_fragment(before) if last else escape_md(before), mark(m.group())]
                last = m.end()
        parts.append(escape_fragment(text[last:]) if last else escape_md(text))
        body = "".join(parts)
    else:
        body = escape_md(line.text.strip())
    return f":gray[{line.lineno}]\u2003{body}" if line.lineno is not None else body


def is_table_row(text: str) -> bool:
    """A table row with real cells, as the HWP/PDF/Markdown readers write them: `| a | b |`."""
    return is_pipe_row(text)


def table_markdown(rows: list[MarkedLine]) -> str:
    """Consecutive table-row lines as a Markdown table, line numbers in the first column and the
    evidence highlighted cell by cell."""
    cells = [[c.strip() for c in r.text.strip().strip("|").split("|")] for r in rows]
    width = max(len(c) for c in cells)
    out = []
    for i, (row, parts) in enumerate(zip(rows, cells)):
        shown = []
        for part in parts + [""] * (width - len(parts)):
            body = line_markdown(MarkedLine(None, part, row.whole, row.numbers)) if part else " "
            shown.append(body.replace("|", "\\|"))
        num = f":gray[{row.lineno}]" if row.lineno is not None else ""
        out.append(f"| {num} | " + " | ".join(shown) + " |")
        if i == 0:
            out.append("|---|" + "---|" * width)
    return "\n".join(out)
