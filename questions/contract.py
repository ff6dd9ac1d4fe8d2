"""The contract of a specialist answerer (figures, eligibility): the assistant owns the list,
the specialists only implement this."""
from __future__ import annotations

from dataclasses import dataclass, field
from collections.abc import Iterable
from typing import Any, Protocol

from questions.analysis import QuestionAnalysis
from questions.figure_table import FigureTable
from reports.chunks import Chunk
from retrieval.hybrid import Hit, SearchFilters


@dataclass
class SpecialistAnswer:
    answer: str  # Korean, with [n] markers numbered in the order of `evidence`
    evidence: list[Chunk]  # cited chunks, citation n = position + 1
    abstained: bool = False
    extra: dict[str, Any] = field(default_factory=dict)  # merged into the JSON answer (e.g. "programs")
    table: FigureTable | None = None  # a comparison's figures as rows, for a table and a chart


def passage_calculation(operation: str, operands: Iterable[Any], result: float) -> dict[str, Any]:
    """The JSON "calculation" of an answer computed from values of its one cited passage ([1]); each operand
    has `label`, `number` and `printed` (the value as the document prints it)."""
    return {"operation": operation, "result": result, "operands": [
        {"label": v.label, "value": v.number, "raw": v.printed, "citation": 1} for v in operands]}


class Specialist(Protocol):
    name: str

    def try_answer(
        self, question: str, analysis: QuestionAnalysis, hits: list[Hit], scope: SearchFilters | None = None
    ) -> SpecialistAnswer | None:
        """None when the question is not for this specialist. With a scope, only facts/cards of that
        document/office may be used (the hits are already scoped)."""
        ...
