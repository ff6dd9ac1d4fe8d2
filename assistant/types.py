"""Typed answer objects: the JSON contract of `python -m assistant ask --json` (see DESIGN.md)."""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from questions.figure_table import FigureTable


@dataclass(frozen=True)
class Citation:
    n: int
    doc_id: str
    doc_title: str
    section: str
    line_start: int
    line_end: int
    text: str
    # Line ranges inside [line_start, line_end] that the answer was taken from (empty when the
    # whole passage is the evidence), so a viewer can highlight exactly those lines.
    spans: tuple[tuple[int, int], ...] = ()
    # Korean warning when the passage holds lines that address a model or reader with instructions
    # or ask for secrets (kotext/injection.py); "" when none.
    warning: str = ""
    page: int | None = None  # 1-based page for paged formats (PDF, HWP, HWPX, DOCX); None for plain text


@dataclass(frozen=True)
class RetrievedPassage:
    rank: int
    doc_id: str
    section: str
    text: str
    score: float
    chunk_id: str = ""
    line_start: int = 0
    line_end: int = 0


@dataclass
class Answer:
    id: str
    question: str
    answer: str
    abstained: bool
    mode: str  # "extractive" | "generative"
    citations: list[Citation] = field(default_factory=list)
    retrieved: list[RetrievedPassage] = field(default_factory=list)
    latency_ms: float = 0.0
    notice: str = ""  # user-facing Korean notice (e.g. fallback), empty when none
    resolved_question: str = ""  # the question after follow-up resolution
    answered_by: str = "extractive"  # which path produced the answer ("extractive" or a specialist's name)
    programs: list[dict[str, Any]] = field(default_factory=list)  # eligibility matches, when asked
    extra: dict[str, Any] = field(default_factory=dict)  # specialist-specific fields (e.g. a calculation)
    options: list[str] = field(default_factory=list)  # a clarifying question's choices ("어느 사업을 …?")
    scope: dict[str, str] = field(default_factory=dict)  # the search scope it was answered in ({"doc", "office"}), {} = everything
    table: FigureTable | None = None  # a comparison's figures as rows (shown as a table and a chart), None otherwise

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "Answer":
        """The inverse of to_dict (a stored conversation is read back into answers)."""
        known = {f for f in cls.__dataclass_fields__}
        data = {k: v for k, v in d.items() if k in known}
        data["citations"] = [
            Citation(**{**c, "spans": tuple(tuple(s) for s in c.get("spans", ()))}) for c in d.get("citations", [])
        ]
        data["retrieved"] = [RetrievedPassage(**p) for p in d.get("retrieved", [])]
        data["table"] = FigureTable.from_dict(d["table"]) if d.get("table") else None
        return cls(**data)
