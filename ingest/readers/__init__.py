"""One reader per source kind, all returning the same Document model.

- `.txt`, `.md`: our own text reader (encoding detection, layout decided from the text);
- `.hwp`, `.hwpx`, `.pdf`, `.docx`, `.xlsx`: kordoc through Node (see kordoc_reader).
"""
from __future__ import annotations

from ingest.readers.errors import LoadProblem, ProblemKind, UnreadableDocument
from ingest.readers.kordoc_reader import FORMATS as KORDOC_FORMATS

TEXT_SUFFIXES = (".txt", ".md", ".markdown")
SUPPORTED_SUFFIXES = TEXT_SUFFIXES + tuple(KORDOC_FORMATS)

__all__ = ["LoadProblem", "ProblemKind", "UnreadableDocument", "SUPPORTED_SUFFIXES", "TEXT_SUFFIXES", "KORDOC_FORMATS"]
