"""Specialist answerers that take over from the generic extractive path for question types they
understand better (eligibility from program cards, figures from table facts).

Each specialist returns None when the question is not for it; the first one that answers wins.
Evidence is given as chunks of the index, so citations are built the same way for every path.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Protocol

from assistant.question import QuestionAnalysis
from reports.chunks import Chunk
from retrieval.hybrid import Hit


@dataclass
class SpecialistAnswer:
    answer: str  # Korean, with [n] markers numbered in the order of `evidence`
    evidence: list[Chunk]  # cited chunks, citation n = position + 1
    abstained: bool = False
    extra: dict[str, Any] = field(default_factory=dict)  # merged into the JSON answer (e.g. "programs")


class Specialist(Protocol):
    name: str

    def try_answer(self, question: str, analysis: QuestionAnalysis, hits: list[Hit]) -> SpecialistAnswer | None: ...


def load_specialists(data_dir, chunks: dict[str, Chunk]) -> list[Specialist]:
    """Specialists available for this index. Each package registers itself here."""
    found: list[Specialist] = []
    try:
        from figures.specialist import FiguresSpecialist  # figures: comparisons and sums over table facts

        found.append(FiguresSpecialist.load(data_dir, chunks))
    except ImportError:
        pass
    # eligibility: "what can I apply for?" from the program cards (eligibility/)
    from eligibility.specialist import load_specialist as load_eligibility

    eligibility = load_eligibility(data_dir, chunks)
    if eligibility is not None:
        found.append(eligibility)
    return found
