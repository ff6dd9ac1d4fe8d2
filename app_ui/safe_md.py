"""Safe Markdown: every string from a report or a user passes through `escape_md` before Streamlit
renders it, so report text can neither inject HTML nor break the layout (tables, headings, math …).
"""
from __future__ import annotations

import re
from collections.abc import Iterable

# CommonMark allows a backslash before any ASCII punctuation. These change layout in Streamlit's
# Markdown: emphasis, code, links/images, HTML and entities, headings, tables, math ($), strikethrough
# (~), Streamlit's :color[...] / :emoji: directives (:), list and quote markers, and the backslash.
_SPECIAL = re.compile(r"([\\`*_{}\[\]()<>#+\-!|$~:&=^])")
_ORDERED_MARKER = re.compile(r"^(\d+)([.)])")  # "1. 제2차 회의" would become an ordered list


def escape_md(text: str) -> str:
    """Literal text for st.markdown and Markdown-aware labels. Newlines are kept; leading spaces
    are dropped because four of them would start a code block."""
    lines = []
    for line in str(text).replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        line = _SPECIAL.sub(r"\\\1", line.lstrip())
        lines.append(_ORDERED_MARKER.sub(r"\1\\\2", line))
    return "\n".join(lines)


def escape_fragment(text: str) -> str:
    """Escape a piece that will be placed mid-line (its spaces are kept; no line-start rules)."""
    return _SPECIAL.sub(r"\\\1", str(text))


def escape_inline(text: str) -> str:
    """One-line literal text (labels, captions): whitespace collapsed, then escaped."""
    return escape_md(" ".join(str(text).split()))


def join_lines(md_lines: Iterable[str]) -> str:
    """Already-escaped lines shown one per line (Markdown would otherwise merge them into one)."""
    return "  \n".join(line for line in md_lines if line.strip())


def mark(md: str) -> str:
    """Highlight an already-escaped fragment (bold on a light background, like a marker pen).
    Spaces stay outside the ** (inside they would void the bold)."""
    core = md.strip()
    if not core:
        return md
    start = md.index(core)
    return f"{md[:start]}:orange-background[**{core}**]{md[start + len(core):]}"
