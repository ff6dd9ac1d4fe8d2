"""Metric functions on hand-made rows and answers (eval/scoring.py)."""
from __future__ import annotations

import pytest

from assistant.types import Answer, Citation, RetrievedPassage
from eval.dataset import EvalRow
from eval.scoring import (
    METRIC_KEYS,
    aggregate,
    by_category,
    contains_any,
    first_hit_rank,
    normalize,
    percentile,
    score_row,
)

EVIDENCE = "위원장(이준형 의원)"


def row(rid="r1", answerable=True, groups=(("이준형",),), evidence=(EVIDENCE,), category="meeting") -> EvalRow:
    return EvalRow(
        id=rid, category=category, question="위원장은 누구인가요?",
        answer_contains=[list(g) for g in groups] if answerable else [],
        evidence_contains=list(evidence) if answerable else [], answerable=answerable,
    )


def passage(rank: int, text: str) -> RetrievedPassage:
    return RetrievedPassage(rank=rank, doc_id="d", section="", text=text, score=1.0 / rank)


def cite(text: str) -> Citation:
    return Citation(n=1, doc_id="d", doc_title="t", section="", line_start=1, line_end=2, text=text)


def answer(text="", abstained=False, citations=(), retrieved=(), latency=10.0) -> Answer:
    return Answer(id="r1", question="q", answer=text, abstained=abstained, mode="extractive",
                  citations=list(citations), retrieved=list(retrieved), latency_ms=latency)


def test_normalize_removes_all_whitespace_and_lowers_latin():
    assert normalize(" 2,000 천원\n(KPI)\u3000 ") == "2,000천원(kpi)"
    assert contains_any("예산은 2,000천원 입니다", ["2,000 천 원"])
    assert contains_any("Seoul  Youth", ["seoulyouth"])
    assert not contains_any("예산은 2,000천원", ["3,000천원"])
    assert not contains_any("anything", ["   "])  # an empty alternative must not match everything


def test_spaced_out_name_matches_and_every_group_is_required():
    r = row(groups=[["이준형"], ["노승재", "노 승재"]])
    ok = score_row(r, answer("위원장은 이 준 형, 부위원장은 노승재 의원입니다."))
    assert ok.answer_ok and ok.passed and ok.reasons == []
    half = score_row(r, answer("위원장은 이준형 의원입니다."))
    assert not half.answer_ok and not half.passed
    assert half.reasons == ["답변에 기대한 내용 없음: 노승재 | 노 승재"]


def test_answer_over_300_characters_is_wrong_even_if_it_contains_the_fact():
    r = row()
    exactly = "이준형" + "가" * 297
    assert len(exactly) == 300
    assert score_row(r, answer(exactly)).answer_ok
    too_long = score_row(r, answer(exactly + "나"))
    assert not too_long.answer_ok
    assert too_long.reasons == ["답변이 300자를 넘음 (301자)"]


def test_abstention_both_ways():
    answerable_abstained = score_row(row(), answer("보고서에서 찾을 수 없습니다. 이준형", abstained=True))
    assert not answerable_abstained.answer_ok and not answerable_abstained.passed
    assert answerable_abstained.reasons == ["답할 수 있는 질문인데 답변을 거절함"]

    unans = row(rid="u", answerable=False)
    assert score_row(unans, answer("찾을 수 없습니다", abstained=True)).passed
    answered = score_row(unans, answer("부산시 예산은 10억입니다"))
    assert not answered.passed and answered.reasons == ["답할 수 없는 질문인데 답변함"]

    m = aggregate([answerable_abstained, score_row(unans, answer("", abstained=True)), answered])
    assert m["false_abstain"] == 1.0  # the only answerable row was refused
    assert m["abstain_acc"] == 0.5  # one of two unanswerable rows refused
    assert m["answer_acc"] == 0.0


def test_citation_hit_needs_evidence_in_a_cited_passage():
    r = row()
    good = score_row(r, answer("이준형", citations=[cite("다른 내용"), cite("○ 위원장( 이준형 의원)과")]))
    assert good.citation_ok
    bad = score_row(r, answer("이준형", citations=[cite("이준형 위원장")], retrieved=[passage(1, EVIDENCE)]))
    assert not bad.citation_ok and bad.answer_ok


@pytest.mark.parametrize(
    "hit_at, expect",
    [
        (1, dict(hit1=1.0, hit5=1.0, mrr=1.0)),
        (3, dict(hit1=0.0, hit5=1.0, mrr=1 / 3)),
        (5, dict(hit1=0.0, hit5=1.0, mrr=0.2)),
        (7, dict(hit1=0.0, hit5=0.0, mrr=1 / 7)),
        (10, dict(hit1=0.0, hit5=0.0, mrr=0.1)),
        (11, dict(hit1=0.0, hit5=0.0, mrr=0.0)),  # MRR only counts the top 10
        (None, dict(hit1=0.0, hit5=0.0, mrr=0.0)),
    ],
)
def test_hit_and_mrr_ranks(hit_at, expect):
    retrieved = [passage(i, EVIDENCE if i == hit_at else f"관계없는 문단 {i}") for i in range(1, 13)]
    s = score_row(row(), answer("이준형", retrieved=retrieved))
    assert s.hit_rank == hit_at
    m = aggregate([s])
    for key, value in expect.items():
        assert m[key] == pytest.approx(value), key


def test_rank_order_comes_from_rank_field_and_first_match_wins():
    retrieved = [passage(4, EVIDENCE), passage(2, "위원장 (이준형의원)"), passage(1, "무관")]
    assert first_hit_rank(retrieved, [EVIDENCE]) == 2
    assert first_hit_rank(retrieved, []) is None


def test_averages_use_answerable_rows_only_and_keys_are_exact():
    rows_scores = [
        score_row(row("a"), answer("이준형", citations=[cite(EVIDENCE)], retrieved=[passage(1, EVIDENCE)], latency=10)),
        score_row(row("b"), answer("모름", retrieved=[passage(1, "x"), passage(2, EVIDENCE)], latency=20)),
        score_row(row("u", answerable=False), answer("없음", abstained=True, latency=30)),
        score_row(row("v", answerable=False), answer("무언가", latency=40)),
    ]
    m = aggregate(rows_scores)
    assert tuple(m) == METRIC_KEYS
    assert m["answer_acc"] == 0.5
    assert m["citation_acc"] == 0.5
    assert m["hit1"] == 0.5 and m["hit5"] == 1.0
    assert m["mrr"] == pytest.approx((1 + 0.5) / 2)
    assert m["abstain_acc"] == 0.5 and m["false_abstain"] == 0.0
    assert m["latency_p50_ms"] == 25.0
    assert m["latency_p95_ms"] == pytest.approx(38.5)


def test_no_answerable_rows_gives_none_not_zero():
    m = aggregate([score_row(row("u", answerable=False), answer("", abstained=True))])
    assert m["answer_acc"] is None and m["mrr"] is None and m["abstain_acc"] == 1.0


def test_percentile_interpolates():
    assert percentile([], 50) is None
    assert percentile([7.0], 95) == 7.0
    assert percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 50) == 5.5
    assert percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 95) == pytest.approx(9.55)


def test_by_category_aggregates_each_category_separately():
    scores = [
        score_row(row("a", category="figure"), answer("이준형", latency=5)),
        score_row(row("b", category="figure"), answer("틀림", latency=15)),
        score_row(row("c", category="meeting"), answer("이준형", latency=100)),
        score_row(row("u", answerable=False, category="unanswerable"), answer("", abstained=True, latency=1)),
    ]
    cats = by_category(scores)
    assert list(cats) == ["figure", "meeting", "unanswerable"]
    assert cats["figure"]["n"] == 2 and cats["figure"]["passed"] == 1
    assert cats["figure"]["answer_acc"] == 0.5
    assert cats["figure"]["latency_p50_ms"] == 10.0
    assert cats["meeting"]["answer_acc"] == 1.0
    assert cats["unanswerable"]["answer_acc"] is None
    assert cats["unanswerable"]["abstain_acc"] == 1.0
    assert set(METRIC_KEYS) <= set(cats["meeting"])
