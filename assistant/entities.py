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

    def find(self, question: str) -> EntityMentions:
        q = no_ws(question)
        offices = {o for o in self.offices if o in q}
        meetings = {m for m in self.meetings if m in q or m.replace("회의", "") in q}
        docs: set[str] = set()
        for w, ids in self.doc_words.items():
            if w in q:
                docs |= ids
        return EntityMentions(frozenset(offices), frozenset(meetings), frozenset(docs))
