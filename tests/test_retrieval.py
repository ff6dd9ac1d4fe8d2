"""Hybrid retrieval on the real index: numbers, spaced-out names, filters."""
from __future__ import annotations

import re

from retrieval.hybrid import SearchFilters
from retrieval.korean_tokens import tokenize


def _squash(s: str) -> str:
    return re.sub(r"\s+", "", s)


def test_kiwi_tokens_keep_numbers_and_join_spaced_names():
    assert {"393575", "70.7", "달성률"} <= set(tokenize("393,575개 일자리, 달성률은 70.7%"))
    assert "권수정" in tokenize("위  원 권 수 정 비 례 정의당")
    assert "집행률" in tokenize("집행율(%)")  # two spellings, one token


def _rank_of(assistant, query, needle, **kw):
    hits = assistant.retriever.search(query, k=10, **kw)
    for i, h in enumerate(hits, start=1):
        if _squash(needle) in _squash(h.chunk.text):
            return i
    return None


def test_known_questions_find_their_passage_in_top5(assistant):
    cases = [
        ("경제정책실 5월말 일자리 달성률", "목표(70,439개) 대비 54.8% 달성"),
        ("393,575개 일자리", "393,575개 일자리"),
        ("70.7", "70.7"),
        ("권수정 의원 정당", "권 수 정 비 례 정의당"),
        ("취업날개서비스 정장 대여 횟수", "1인당 연 10회까지"),
        ("영등포 공공일자리 선발요건", "기준중위소득 70%이하"),
    ]
    for query, needle in cases:
        rank = _rank_of(assistant, query, needle)
        assert rank is not None and rank <= 5, (query, rank)


def test_filters_by_document_and_office(assistant):
    ydp = assistant.retriever.search("예산 집행률", k=10, filters=SearchFilters(doc_id="yeongdeungpo-job-policy-work-report-2023"))
    assert ydp and all(h.chunk.doc_id == "yeongdeungpo-job-policy-work-report-2023" for h in ydp)
    welfare = assistant.retriever.search("집행률", k=10, filters=SearchFilters(office="복지정책실"))
    assert welfare and all(h.chunk.office == "복지정책실" for h in welfare)
