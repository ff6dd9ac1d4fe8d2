"""Eligibility answers through the real assistant (`Assistant.load()` on the index in data/)."""
from __future__ import annotations

import pytest

from eligibility.store import load_cards

SEOUL = "seoul-council-jobs-committee-report-2021"


@pytest.fixture(scope="module")
def cards_by_name(assistant):
    return {c.display_name: c for c in load_cards(assistant.config.data_dir)}


def _check_citations(answer, cards_by_name):
    """Every listed program cites the passage holding its target statement."""
    for p in answer.programs:
        assert set(p) == {"name", "status", "why", "citation"}
        assert p["status"] in ("eligible", "maybe")
        assert f"[{p['citation']}]" in answer.answer
        cite = answer.citations[p["citation"] - 1]
        card = cards_by_name[p["name"]]
        assert cite.doc_id == card.doc_id
        assert cite.line_start <= card.target_line <= cite.line_end, (p["name"], cite.line_start, cite.line_end)


def test_young_jobseeker_list(assistant, cards_by_name):
    a = assistant.ask("서울 사는 만 29세 미취업 청년인데 지원할 수 있는 사업은?")
    assert a.answered_by == "eligibility" and not a.abstained
    status = {p["name"]: p["status"] for p in a.programs}
    for name in ("서울형 청년인턴 직무캠프 추진", "서울형 뉴딜일자리 민간연계로 지속가능한 양질의 일자리 창출",
                 "취업날개서비스 지원", "지역상생 청년 일자리 창출 연계사업 운영"):
        assert status[name] == "eligible"
    assert "50플러스 보람일자리" not in status
    assert "서울형 청년인턴 직무캠프 — (인턴) 만 18세이상 ~ 34세 이하" in a.answer
    _check_citations(a, cards_by_name)
    assert a.extra["profile"]["age_min"] == 29


def test_older_woman_on_benefits(assistant, cards_by_name):
    a = assistant.ask("65세 여성이고 기초생활수급자예요. 참여할 수 있는 일자리 알려줘")
    assert a.answered_by == "eligibility"
    status = {p["name"]: p["status"] for p in a.programs}
    assert status["어르신 일자리 및 사회활동지원(보건복지부 지원)"] == "eligible"
    assert status["자활근로사업"] == "eligible"
    assert "서울형 청년인턴 직무캠프 추진" not in status
    _check_citations(a, cards_by_name)


def test_yes_no_no(assistant, cards_by_name):
    a = assistant.ask("만 70세인데 보람일자리 참여 가능한가요?")
    assert a.answered_by == "eligibility"
    assert a.answer.startswith("아니요") and "만 50~67세" in a.answer and "[1]" in a.answer
    assert len(a.answer) < 300
    assert a.extra["eligibility"]["status"] == "ineligible"
    cite = a.citations[0]
    assert (cite.doc_id, cite.line_start <= 2262 <= cite.line_end) == (SEOUL, True)


def test_yes_no_yes(assistant, cards_by_name):
    a = assistant.ask("서울 사는 만 29세 구직자인데 직무캠프 인턴 지원할 수 있나요?")
    assert a.answer.startswith("네") and "34세" in a.answer and len(a.answer) < 300
    assert a.programs == [{"name": "서울형 청년인턴 직무캠프 추진", "status": "eligible",
                           "why": "(인턴) 만 18세이상 ~ 34세 이하, 서울 거주, 구직자", "citation": 1}]
    _check_citations(a, cards_by_name)


def test_yes_no_depends_on_property(assistant, cards_by_name):
    a = assistant.ask("영등포 사는데 집이 좀 있어도 구청 공공일자리 할 수 있나? 재산 얼마까지 돼?")
    assert a.answered_by == "eligibility"
    assert a.answer.startswith("조건에 따라") and "4억" in a.answer and len(a.answer) < 300
    assert a.programs[0]["name"] == "공공분야 일자리 창출을 통한 고용안정 지원 (영등포구)"
    assert a.programs[0]["status"] == "maybe"
    _check_citations(a, cards_by_name)


def test_man_asking_about_a_womens_program(assistant):
    a = assistant.ask("경력단절여성 인턴십은 남자도 신청할 수 있나요?")
    assert a.answer.startswith("아니요") and "경력단절" in a.answer and a.programs == []


def test_why_not_when_asked(assistant, cards_by_name):
    a = assistant.ask("서울 사는 만 70세 퇴직자인데 참여할 수 있는 사업이 있나요? 안 되는 건 왜 안 돼요?")
    assert "해당하지 않는 사업" in a.answer
    assert "신중년사회공헌활동 지원사업 — 만 70세는 대상 연령(만 50세 이상 70세 미만)이 아님" in a.answer
    _check_citations(a, cards_by_name)


def test_business_owner_gets_a_list(assistant, cards_by_name):
    # "가게" is also in "우리동네가게 아트테리어": a list question must not turn into a yes/no about it.
    a = assistant.ask("가게를 운영하는 소상공인인데 지원받을 수 있는 사업이 있나요?")
    assert a.answered_by == "eligibility" and a.answer.startswith("보고서 기준으로 소상공인에 맞는 사업")
    status = {p["name"]: p["status"] for p in a.programs}
    assert status["우리동네가게 아트테리어 지원사업"] == "maybe"
    assert status["상생기업 자립 기반 지원 (영등포구)"] == "maybe"
    assert "(예비)사회적기업 일자리 창출 사업" not in status
    _check_citations(a, cards_by_name)


def test_program_without_stated_target_abstains(assistant):
    a = assistant.ask("만 30세인데 안심귀가스카우트 할 수 있나요?")
    assert a.answered_by == "eligibility" and a.abstained


@pytest.mark.parametrize(
    "question",
    [
        "장애인일자리 지원사업 대상자는?",  # names no asker
        "서울형 뉴딜일자리 참여하면 최대 몇 개월, 임금은 얼마?",
        "29세인데 직무캠프 인턴 월급은 얼마야?",  # an asker, but not asking about joining
        "서울 사는 30세인데 취업날개서비스 몇 번 이용할 수 있나요?",
        "몇 살까지 정장 빌릴 수 있어요?",
        "경제정책실 5월말 달성률은?",
    ],
)
def test_other_questions_go_elsewhere(assistant, question):
    assert assistant.ask(question).answered_by != "eligibility"
