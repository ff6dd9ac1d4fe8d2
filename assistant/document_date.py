"""When was this document issued? ("이 공고는 며칠 날짜로 나왔어요?", "보도자료 배포한 날이 언제예요?")

A notice, a press release or a call prints its own date once: a labelled cell of its letterhead
("배포일 | 2017년 8월 25일", "입주자 모집공고일 [2026.05.29]") or a line of its own at the top or at the
signature ("2026년 3월 23일", "### 2026.05.29."). Passages about the topic never say it, so retrieval
by the question's words finds the body instead. This specialist reads the first and last lines of
the document the question is about (the best hit's) for that date.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from kotext.dates import FULL_DATE
from questions.analysis import QuestionAnalysis
from questions.contract import SpecialistAnswer
from reports.chunks import Chunk

# The document itself is what is dated: a document noun (or "이 공고") with its issuing verb or a date
# noun, then an interrogative of when. "합격자 발표는 언제", "접수 마감이 언제" name an event instead.
_DOC_NOUN = r"(?:공고문?|보도\s*자료|자료|문서|공문|안내문|보고서|분석서|계획서?|입법\s*예고)"
_ISSUE_DAYS = "공고일|배포일|작성일|게시일|발행일|보고일"  # a document's own day, by the act that dates it
_ISSUED = r"(?:배포|작성|게시|공고|발표|발행|등록|나온|나왔|올라온|올라왔|올라와|냈|낸)"
_ASKS = re.compile(
    # "보도자료를 배포한 날이 언제", "공고는 며칠 날짜로 나왔어요": an issuing verb or a date noun is needed
    rf"{_DOC_NOUN}(?:를|을|가|이|는|은|의)?\s*(?:\S+\s+)?(?:{_ISSUED}\S{{0,4}}\s*(?:날짜|날|일자)?|날짜|일자)"
    rf"\S{{0,3}}\s*(?:언제|며칠|몇\s*월\s*며칠|무슨\s*날)"
    rf"|{_DOC_NOUN}(?:는|은|가|이)?\s*(?:며칠|언제)\s*(?:날짜|일자)?\S{{0,2}}\s*(?:로\s*)?{_ISSUED}"
    rf"|(?:{_ISSUE_DAYS})\S{{0,3}}\s*(?:\S+\s+)?(?:언제|며칠)"
    # "이 보고서는 언제 작성됐어요?": when first, then the issuing verb
    rf"|{_DOC_NOUN}(?:는|은|가|이)?\s*언제\s*(?:배포|작성|게시|공고|발표|발행|나왔|나온|만들|냈|올라)")
_EVENT = re.compile(r"기준\S{0,2}\s*(?:언제|며칠)|언제\s*기준|(?:언제|며칠)\s*(?:까지|안에|이내|전에|뒤에|후에)|제출|정산|변경|접수|마감|신청\s*기간|모집\s*기간|합격|당첨|선정|계약|입주|개최|회의|교육|행사|발표회|설명회|심사|평가")
_DATE_LABEL = re.compile(rf"{_ISSUE_DAYS}|일\s*자|날\s*짜")
EDGE_LINES = 40  # the letterhead and the signature sit within this many lines of either end


@dataclass(frozen=True)
class _Candidate:
    rank: int  # 0: labelled date, 1: a line that is only a date, 2: another date near the start
    line: int
    text: str
    date: str
    chunk: Chunk


def asks_document_date(question: str) -> bool:
    return bool(_ASKS.search(question)) and not _EVENT.search(question)


class DocumentDate:
    name = "document_date"

    def __init__(self, chunks: dict[str, Chunk]) -> None:
        self._by_doc: dict[str, list[Chunk]] = {}
        for c in chunks.values():
            self._by_doc.setdefault(c.doc_id, []).append(c)
        for cs in self._by_doc.values():
            cs.sort(key=lambda c: c.line_start)

    def _candidates(self, doc_id: str) -> list[_Candidate]:
        chunks = self._by_doc.get(doc_id, [])
        if not chunks:
            return []
        first, last = chunks[0].line_start, chunks[-1].line_end
        out = []
        for chunk in chunks:
            if chunk.line_start > first + EDGE_LINES and chunk.line_end < last - EDGE_LINES:
                continue
            for n, line in enumerate(chunk.text.splitlines(), start=chunk.line_start):
                m = FULL_DATE.search(line)
                if not m or (first + EDGE_LINES < n < last - EDGE_LINES):
                    continue
                bare = re.sub(r"[#*\s\[\]().·,:|<>/a-z]+", "", line.replace(m.group(0), ""))
                rank = 0 if _DATE_LABEL.search(line) else 1 if not bare else 2
                out.append(_Candidate(rank, n, line.strip(), m.group(0), chunk))
        return sorted(out, key=lambda c: (c.rank, c.line))

    def try_answer(self, question: str, analysis: QuestionAnalysis, hits, scope=None) -> SpecialistAnswer | None:
        if not hits or not asks_document_date(question):
            return None
        found = self._candidates(hits[0].chunk.doc_id)
        if not found or found[0].rank == 2:
            return None  # no date the document gives as its own: the generic answerer tries
        best = found[0]
        # The cited source names the document; a title read from a letterhead row can be a table's cells.
        text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>|\|", " ", best.text)).strip()
        return SpecialistAnswer(f"이 문서의 날짜는 {best.date}입니다. 원문: {text[:160]} [1]", [best.chunk])
