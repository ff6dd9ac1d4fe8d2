"""Entities a question can name that the index knows as metadata: offices, meetings, documents.

When a question names one ("경제정책실 달성률", "제2차 회의 일시"), evidence from that office or
meeting is preferred and evidence from a different one is pushed down: the same metric appears
in every office's table, and only the metadata tells them apart.
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from kotext.text import no_ws
from reports.chunks import Chunk


@dataclass(frozen=True)
class EntityMentions:
    offices: frozenset[str]
    meetings: frozenset[str]
    doc_ids: frozenset[str]

    def affinity(self, chunk: Chunk) -> float:
        """+ for evidence from the named office/meeting/document, − for a different one."""
        score = 0.0
        if self.offices:
            score += 0.3 if chunk.office in self.offices else -0.25
        if self.meetings:
            score += 0.3 if chunk.meeting in self.meetings else -0.25
        if self.doc_ids:
            score += 0.15 if chunk.doc_id in self.doc_ids else -0.15
        return score


# "○ 일시 : 2021. 3. 5.(금) 16:00~", "일시·장소 : 2020. 9. 15.(화)": a meeting's date.
_MEETING_DATE = re.compile(r"일\s*시[^\d\n]{0,8}(20\d\d)\s*\.\s*(\d{1,2})\s*\.\s*(\d{1,2})")
# A date in a question: "2021년 3월 5일", "3월 5일", "2021년 7월", "’21년 7월".
_ASKED_DATE = re.compile(r"(?:(20\d\d|[’‘']\d\d)\s*년\s*)?(\d{1,2})\s*월(?:\s*(\d{1,2})\s*일)?")


class EntityCatalog:
    def __init__(self, chunks: Iterable[Chunk]) -> None:
        # Only a chunk's document, title, office and meeting matter here, and at 100× the corpus most
        # chunks repeat those of another: each distinct combination once, in first-seen order. Sets
        # and dicts then receive their new members in the same order as a pass over every chunk, so
        # every order below is unchanged.
        keys = list(dict.fromkeys((c.doc_id, c.doc_title, c.office, c.meeting) for c in chunks))
        self.offices = sorted({office for _, _, office, _ in keys if office}, key=len, reverse=True)
        self.meetings = sorted({meeting for _, _, _, meeting in keys if meeting})
        office_docs: dict[str, set[str]] = {}
        for doc_id, _, office, _ in keys:
            if office:
                office_docs.setdefault(office, set()).add(doc_id)
        self.office_docs = {o: frozenset(ids) for o, ids in office_docs.items()}  # an office belongs to these documents
        # A document is named by a title word no other document's title has ("영등포").
        words: dict[str, set[str]] = {}
        for doc_id, doc_title in dict.fromkeys((doc_id, doc_title) for doc_id, doc_title, _, _ in keys):
            for w in re.findall(r"[가-힣]{2,}", doc_title):
                for alias in {w, re.sub(r"(구|시|특별시)$", "", w)}:
                    if len(alias) >= 2:
                        words.setdefault(alias, set()).add(doc_id)
        generic = {"일자리", "보고", "보고서", "주요업무", "결과보고서", "서울", "업무"}
        self.doc_words = {w: ids for w, ids in words.items() if len(ids) == 1 and w not in generic}
        # A meeting is also named by its date ("2021년 3월 5일 회의", "7월 회의"): the 일시 line its
        # passages print. Only chunks of meetings without a date yet are read.
        self.meeting_dates: dict[str, tuple[int, int, int]] = {}
        for c in chunks:
            if c.meeting and c.meeting not in self.meeting_dates and (m := _MEETING_DATE.search(c.text)):
                self.meeting_dates[c.meeting] = (int(m.group(1)), int(m.group(2)), int(m.group(3)))

    def _meetings_on(self, question: str) -> set[str]:
        """The one meeting held on the date the question names (day optional, year optional)."""
        for m in _ASKED_DATE.finditer(question):
            year = m.group(1)
            y = (2000 + int(year[1:]) if not year[0].isdigit() else int(year)) if year else None
            month, day = int(m.group(2)), int(m.group(3)) if m.group(3) else None
            found = {name for name, (my, mm, md) in self.meeting_dates.items()
                     if mm == month and (y is None or y == my) and (day is None or day == md)}
            if len(found) == 1:
                return found
        return set()

    def find(self, question: str) -> EntityMentions:
        q = no_ws(question)
        offices = {o for o in self.offices if o in q}
        meetings = {m for m in self.meetings if m in q or m.replace("회의", "") in q}
        if not meetings and self.meeting_dates:
            meetings = self._meetings_on(question)
        docs: set[str] = set()
        for w, ids in self.doc_words.items():
            if w in q:
                docs |= ids
        return EntityMentions(frozenset(offices), frozenset(meetings), frozenset(docs))
