"""A question that names a month ("3월 누계 순융자", "6월 기준") wants the table or line of that month.

A report of monthly tables repeats the same rows under "(2010.1월 누계 기준)", "(2010.2월 누계 기준)" …: the
words of every copy match the question equally, and only the as-of note tells them apart. When the candidates
carry as-of notes of several months and one of them is the asked month, the others are dropped; a candidate
with no as-of note is kept (it may hold the asked month in its own words), and so is everything when no
candidate has the asked month (the month then says something else: a meeting, a deadline).
"""
from __future__ import annotations

import re
from typing import Sequence, TypeVar

from kotext.dates import AS_OF_SPAN

_ASKED_MONTH = re.compile(r"(?<!\d)(1[0-2]|[1-9])\s*월")
_NOTE_MONTH = re.compile(r"\d{2,4}\s*[.\s년]\s*(\d{1,2})\s*[.\s월]")

E = TypeVar("E")


def asked_month(question: str) -> str | None:
    """The one month a question names ("3월 누계" → "3"); None for none or several."""
    months = {str(int(m.group(1))) for m in _ASKED_MONTH.finditer(question)}
    return months.pop() if len(months) == 1 else None


def note_month(text: str) -> str | None:
    """The month of the as-of note in a candidate's text ("(2010.3월 누계 기준)" → "3")."""
    note = AS_OF_SPAN.search(text)
    month = _NOTE_MONTH.search(note.group(0)) if note else None
    return str(int(month.group(1))) if month else None


def keep_asked_month(question: str, candidates: Sequence[E], text_of) -> list[E]:
    """`candidates` without those whose as-of note names another month than the one asked."""
    month = asked_month(question)
    if month is None:
        return list(candidates)
    months = [note_month(text_of(c)) for c in candidates]
    if month not in months:
        return list(candidates)
    return [c for c, m in zip(candidates, months) if m is None or m == month]
