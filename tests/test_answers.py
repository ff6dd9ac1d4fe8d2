"""Extractive answers, abstention, follow-ups and input errors through the real assistant."""
from __future__ import annotations

import pytest

from assistant.errors import QuestionError
from assistant.extractive import ABSTAIN_TEXT


def test_figure_answer_is_short_with_unit_date_and_citation(assistant):
    ans = assistant.ask("경제정책실 5월말 일자리 달성률은?")
    assert not ans.abstained and ans.mode == "extractive"
    assert "54.8%" in ans.answer and "5월말" in ans.answer
    assert len(ans.answer) <= 300 and "[1]" in ans.answer
    first = ans.citations[0]
    assert first.n == 1 and "경제정책실" in first.section and "54.8" in first.text
    assert first.line_start <= first.line_end


def test_eligibility_fact_answer(assistant):
    ans = assistant.ask("50플러스 보람일자리 지원대상은?")
    assert "만 50~67세" in ans.answer
    assert "보람일자리" in ans.citations[0].section


def test_meeting_fact_answer(assistant):
    ans = assistant.ask("제2차 회의 일시는?")
    assert "2020.11.17" in ans.answer.replace(" ", "")
    assert "제2차 회의" in ans.citations[0].section


@pytest.mark.parametrize(
    "question",
    [
        "부산시 청년 일자리 사업은 어떤 게 있어?",  # another city
        "일자리대책 특별위원회 제5차 회의는 언제 열렸어?",  # a meeting that never happened
        "2019년 영등포구 공공일자리 예산은?",  # a year the reports do not cover
        "2025년 영등포구 청년 예산은?",
        "서울밤도깨비야시장 참여 상인 평균 매출 증가율은 몇 %인가요?",  # a figure never reported
        "서울 희망두배 청년통장 가입 조건은?",  # a plausible program the reports do not have
        "서울시 어르신 교통비 지원 금액은?",
    ],
)
def test_abstains_with_nearest_sections(assistant, question):
    ans = assistant.ask(question)
    assert ans.abstained
    assert ans.answer.startswith(ABSTAIN_TEXT)
    assert "가장 가까운 부분" in ans.answer and ans.retrieved
    assert ans.citations == []


def test_follow_up_resolved_against_previous_turn(assistant):
    first = assistant.ask("경제정책실 5월말 일자리 달성률은?")
    follow = assistant.ask("그럼 집행률은?", history=[first])
    assert "경제정책실" in follow.resolved_question
    assert "51.0" in follow.answer
    assert not follow.abstained


@pytest.mark.parametrize("bad, message", [("", "질문을 입력해 주세요."), ("   \n\t ", "질문을 입력해 주세요.")])
def test_empty_questions_get_korean_errors(assistant, bad, message):
    with pytest.raises(QuestionError) as err:
        assistant.ask(bad)
    assert err.value.message == message


def test_oversized_question_gets_korean_error(assistant):
    with pytest.raises(QuestionError) as err:
        assistant.ask("가" * 2001)
    assert "2,000자 이내" in err.value.message
    assert not assistant.ask("가" * 10 + " 보람일자리 지원대상은?").answer == ""


@pytest.mark.parametrize(
    "question, expected",
    [
        ("양복 무료로 빌려주는 곳?", "정장 무료대여"),  # everyday words for 정장/무료
        ("노인 일자리 활동비는 얼마?", "월27만원"),  # 노인 → 어르신
        ("취업날개서비스 이용자 만족도는?", "97.7%"),
    ],
)
def test_paraphrases_reach_the_report_wording(assistant, question, expected):
    ans = assistant.ask(question)
    assert not ans.abstained
    assert expected in ans.answer


def test_bare_follow_up_repeats_the_question_for_another_office(assistant):
    first = assistant.ask("경제정책실 5월말 달성률은?")
    follow = assistant.ask("복지정책실은?", history=[first])
    assert follow.resolved_question == "복지정책실 5월말 달성률은?"
    assert "94.4" in follow.answer


def test_new_subject_is_not_read_as_a_follow_up(assistant):
    first = assistant.ask("경제정책실 5월말 달성률은?")
    new = assistant.ask("달나라 일자리 사업 예산은?", history=[first])
    assert new.resolved_question == "" and new.abstained


def test_citation_spans_point_at_the_lines_the_answer_quotes(assistant, repo_root):
    ans = assistant.ask("취업날개서비스 정장 대여 횟수는?")
    cite = ans.citations[0]
    assert cite.spans, "the extractive path knows which lines it used"
    lines = (repo_root / "corpus" / f"{cite.doc_id}.txt").read_text(encoding="utf-8").split("\n")
    for start, end in cite.spans:
        assert cite.line_start <= start <= end <= cite.line_end
    quoted = " ".join(" ".join(lines[a - 1 : b]) for a, b in cite.spans)
    assert "10회까지" in quoted and "10회까지" in ans.answer


def test_a_fact_stated_twice_cites_both_passages(assistant):
    # 8,758개 appears in the meeting summaries and in 경제정책실's own section.
    ans = assistant.ask("제4차 회의 보고에서 서울 시민안심 일자리는 몇 개였나요?")
    assert "8,758" in ans.answer
    numbers = [int(n) for n in __import__("re").findall(r"\[(\d+)\]", ans.answer)]
    assert sorted(set(numbers)) == [c.n for c in ans.citations]  # every marker has its citation, no extras
    holding = [c for c in ans.citations if "8,758" in c.text]
    assert len(holding) == len(ans.citations) == 2  # the corroborating passage states it too
