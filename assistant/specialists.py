"""Specialist answerers that take over from the generic extractive path for question types they
understand better (eligibility from program cards, figures from table facts).

Each specialist returns None when the question is not for it; the first one that answers wins.
Evidence is given as chunks of the index, so citations are built the same way for every path.
"""
from __future__ import annotations

from questions.contract import Specialist, SpecialistAnswer
from reports.chunks import Chunk

__all__ = ["Specialist", "SpecialistAnswer", "load_specialists"]


def load_specialists(data_dir, chunks: dict[str, Chunk]) -> list[Specialist]:
    """Specialists available for this index. Each package registers itself here."""
    found: list[Specialist] = []
    try:
        from figures.specialist import FiguresSpecialist  # figures: comparisons and sums over table facts

        found.append(FiguresSpecialist.load(data_dir, chunks))
    except ImportError:
        pass
    # the gap between two values one line prints side by side (any document's items)
    from assistant.pair_difference import PairDifference

    found.append(PairDifference())
    # "A가 B보다 얼마나 더": each side's value found where its own words name it
    from assistant.sided_difference import SidedDifference

    found.append(SidedDifference())
    # "A 중 B는 몇 %": a share the document does not print, from its part and whole
    from assistant.share_of_whole import ShareOfWhole

    found.append(ShareOfWhole())
    # sums and remainders of the values one line (or a short list) prints
    from assistant.line_arithmetic import LineArithmetic

    found.append(LineArithmetic())
    # the date a notice or press release is issued on, from its letterhead or signature
    from assistant.document_date import DocumentDate

    found.append(DocumentDate(chunks))
    # who holds a role, from the speaker headings minutes are divided by
    from assistant.speaker_roster import SpeakerRoster

    found.append(SpeakerRoster())
    # eligibility: "what can I apply for?" from the program cards (eligibility/)
    from eligibility.specialist import load_specialist as load_eligibility

    eligibility = load_eligibility(data_dir, chunks)
    if eligibility is not None:
        found.append(eligibility)
    return found
