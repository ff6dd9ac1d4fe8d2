"""What a reader hands to the structure step: the document's lines plus what the format already knows."""
from __future__ import annotations

from dataclasses import dataclass, field

from reports.model import Layout, SourceFormat, Table


@dataclass
class RawText:
    lines: list[str]
    format: SourceFormat
    layout: Layout
    encoding: str
    pages: list[int] = field(default_factory=list)  # page of each line, for paged formats
    # Tables the format gave with real cells: first line → (last line, table). Their lines are never headings.
    tables: dict[int, tuple[int, Table]] = field(default_factory=dict)
    headings: dict[int, int] = field(default_factory=dict)  # line → level (1 = outermost) from `#` or kordoc
    title_hint: str = ""
    notes: list[str] = field(default_factory=list)
