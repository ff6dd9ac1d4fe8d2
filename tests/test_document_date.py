"""The date a document is issued on, read from its letterhead or signature (assistant/document_date.py),
on real documents of the generalization sets chunked as ingest does."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from assistant.document_date import DocumentDate, asks_document_date
from ingest.chunker import chunk_document
from ingest.documents import load_document
from questions.analysis import analyze

ROOT = Path(__file__).resolve().parent.parent
R6 = ROOT / "eval" / "generalization" / "corpus_r6"


@dataclass
class _Hit:
    chunk: object


def _specialist(name: str) -> tuple[DocumentDate, list]:
    chunks = chunk_document(load_document(R6 / name))
    return DocumentDate({c.id: c for c in chunks}), chunks


@pytest.mark.parametrize(
    "name, question, date",
    [
        ("hira-immunotherapy-coverage-qa-press-release-2017-08-25.md", "이 보도자료는 언제 배포됐어요?", "2017년 8월 25일"),
        ("kalis-gr-simulator-subsidy-operator-call-2026-03-23.md", "이 공고 며칠 날짜로 올라왔어요?", "2026년 3월 23일"),
    ],
)
def test_reads_the_documents_own_date(name, question, date):
    specialist, chunks = _specialist(name)
    body = max(chunks, key=lambda c: c.line_start)  # the hit may be any passage of the document
    ans = specialist.try_answer(question, analyze(question), [_Hit(body)])
    assert ans is not None and date in ans.answer and ans.evidence


@pytest.mark.parametrize(
    "question",
    ["합격자 발표는 언제예요?", "접수 마감은 며칠이에요?", "이 자료는 언제 기준이에요?", "교육은 언제 해요?"],
)
def test_an_event_or_an_as_of_date_is_not_the_documents_date(question):
    assert not asks_document_date(question)


@pytest.mark.parametrize("question", ["정산보고서는 언제까지 내야 해요?", "사업계획서가 바뀌면 며칠 안에 변경신청해야 해요?"])
def test_a_deadline_for_a_document_is_not_its_date(question):
    assert not asks_document_date(question)
