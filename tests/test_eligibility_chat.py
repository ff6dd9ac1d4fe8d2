"""Eligibility answers through the real assistant (`Assistant.load()` on the index in data/)."""
from __future__ import annotations

import pytest

from eligibility.store import load_cards

SEOUL = "seoul-council-jobs-committee-report-2021"


@pytest.fixture(scope="module")
def cards_by_name(assistant):
    return {c.display_name: c for c in load_cards(assistant.config.data_dir)}


def _check_citations(answer, cards_by_name):
    """Every program has name, status, reason and citation; a program shown in the text cites the
    passage holding its target statement, and the citation names the lines of that statement."""
    import re

    for p in answer.programs:
        assert set(p) == {"name", "status", "reason", "citation"}
        assert p["status"] in ("eligible", "maybe", "ineligible") and p["reason"]
        card = cards_by_name[p["name"]]
        assert f"{card.target_line}" in p["citation"]
        m = re.match(r"\[(\d+)\] ", p["citation"])
        if not m:
            continue
        n = int(m.group(1))
        assert f"[{n}]" in answer.answer
        cite = answer.citations[n - 1]
        assert cite.doc_id == card.doc_id
        assert cite.line_start <= card.target_line <= cite.line_end, (p["name"], cite.line_start, cite.line_end)


def _counts(answer) -> tuple[int, int, int, int]:
    import re

    m = re.search(r"사업 (\d+)개 중 해당 (\d+)개, 확인 필요 (\d+)개, 해당 안 됨 (\d+)개", answer.answer)
    assert m, answer.answer[:200]
    total, eligible, maybe, ineligible = (int(g) for g in m.groups())
    by_status = [p["status"] for p in answer.programs]
    # The counts in the text are the table's counts, and they add up.
    assert (by_status.count("eligible"), by_status.count("maybe"), by_status.count("ineligible")) == (eligible, maybe, ineligible)
    assert eligible + maybe + ineligible == total == len(answer.programs)
    return total, eligible, maybe, ineligible


def test_young_jobseeker_list(assistant, cards_by_name):
    a = assistant.ask("서울 사는 만 29세 미취업 청년인데 지원할 수 있는 사업은?")
    assert a.answered_by == "eligibility" and not a.abstained
    status = {p["name"]: p["status"] for p in a.programs}
    for name in ("서울형 청년인턴 직무캠프 추진", "서울형 뉴딜일자리 민간연계로 지속가능한 양질의 일자리 창출",
                 "취업날개서비스 지원", "지역상생 청년 일자리 창출 연계사업 운영"):
        assert status[name] == "eligible"
    assert status["50플러스 보람일자리"] == "ineligible"
    assert "서울형 청년인턴 직무캠프 — (인턴) 만 18세이상 ~ 34세 이하" in a.answer
    _check_citations(a, cards_by_name)
    _counts(a)
    assert a.answer.startswith("만 29세·서울·미취업·청년 기준으로") and a.extra == {}  # no developer panel


def test_older_woman_on_benefits(assistant, cards_by_name):
    a = assistant.ask("65세 여성이고 기초생활수급자예요. 참여할 수 있는 일자리 알려줘")
    assert a.answered_by == "eligibility"
    status = {p["name"]: p["status"] for p in a.programs}
    assert status["어르신 일자리 및 사회활동지원(보건복지부 지원)"] == "eligible"
    assert status["자활근로사업"] == "eligible"
    assert status["서울형 청년인턴 직무캠프 추진"] == "ineligible"
    _check_citations(a, cards_by_name)


def test_yes_no_no(assistant, cards_by_name):
    a = assistant.ask("만 70세인데 보람일자리 참여 가능한가요?")
    assert a.answered_by == "eligibility"
    assert a.answer.startswith("아니요") and "만 50~67세" in a.answer and "[1]" in a.answer
    assert len(a.answer) < 300
    assert a.programs[0]["status"] == "ineligible" and "만 50~67세" in a.programs[0]["reason"]
    cite = a.citations[0]
    assert (cite.doc_id, cite.line_start <= 2262 <= cite.line_end) == (SEOUL, True)


def test_yes_no_yes(assistant, cards_by_name):
    a = assistant.ask("서울 사는 만 29세 구직자인데 직무캠프 인턴 지원할 수 있나요?")
    assert a.answer.startswith("네") and "34세" in a.answer and len(a.answer) < 300
    assert a.programs == [{"name": "서울형 청년인턴 직무캠프 추진", "status": "eligible",
                           "reason": "(인턴) 만 18세이상 ~ 34세 이하, 서울 거주, 구직자",
                           "citation": "[1] 서울특별시의회 일자리대책 특별위원회 결과보고서 · 1075–1081행"}]
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
    assert a.answer.startswith("아니요") and "경력단절" in a.answer
    assert [p["status"] for p in a.programs] == ["ineligible"] and "남성" in a.programs[0]["reason"]


def test_why_not_when_asked(assistant, cards_by_name):
    a = assistant.ask("서울 사는 만 70세 퇴직자인데 참여할 수 있는 사업이 있나요? 안 되는 건 왜 안 돼요?")
    assert "해당하지 않는 사업" in a.answer
    assert "신중년사회공헌활동 지원사업 — 만 70세는 대상 연령(만 50세 이상 70세 미만)이 아님" in a.answer
    _check_citations(a, cards_by_name)


def test_business_owner_gets_a_list(assistant, cards_by_name):
    # "가게" is also in "우리동네가게 아트테리어": a list question must not turn into a yes/no about it.
    a = assistant.ask("가게를 운영하는 소상공인인데 지원받을 수 있는 사업이 있나요?")
    assert a.answered_by == "eligibility" and a.answer.startswith("소상공인 기준으로 문서의 사업")
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


@pytest.mark.parametrize(
    "question",
    [
        "영등포 살아요. 마흔다섯이고 지금 일 안 하고 일자리 알아보는 중이에요. 구에서 하는 교육이나 일자리 있을까요?",
        "서울 사는 60대 초반 여자예요. 할 만한 일자리 있을까요?",
        "고3인데 졸업하면 바로 취업하고 싶어요. 서울 살아요.",
    ],
)
def test_facts_about_a_person_go_to_the_finder_however_phrased(assistant, cards_by_name, question):
    a = assistant.ask(question)
    assert a.answered_by == "eligibility" and not a.abstained
    _check_citations(a, cards_by_name)
    _counts(a)


def test_disabled_jobseeker_is_shown_the_disability_program(assistant, cards_by_name):
    a = assistant.ask("저 장애 3급이고 영등포구 사는 32살 남자예요. 일자리 구하고 있는데 신청할 만한 사업 있나요?")
    assert a.answered_by == "eligibility"
    # "미취업 장애인": someone looking for work who says no job is taken to be out of work (as every
    # persona set since personas_test4 labels it), so the program is listed as one they can join.
    eligible = [p["name"] for p in a.programs if p["status"] == "eligible"]
    assert "장애인일자리 지원" in eligible and "- 장애인일자리 — 만18세 이상, 서울 거주, 미취업, 장애인" in a.answer
    # … while someone who says they have a job is asked nothing of the kind and not listed as out of work.
    b = assistant.ask("저 장애 3급이고 영등포구 사는 32살 남자예요. 지금 회사 다니는데 옮길 만한 일자리 있나요?")
    assert "장애인일자리 지원" not in [p["name"] for p in b.programs if p["status"] == "eligible"]
    _check_citations(a, cards_by_name)


def test_district_program_asks_the_district(assistant, cards_by_name):
    a = assistant.ask("서울 사는 만 30세예요. 영등포구 공공일자리 참여할 수 있나요? 재산은 1억 정도예요")
    assert a.answered_by == "eligibility" and a.answer.startswith("조건에 따라")
    assert "영등포구에 사시나요?" in a.answer
    assert a.programs[0]["status"] == "maybe"


def test_that_program_after_a_list_asks_which_one(assistant):
    first = assistant.ask("서울 사는 만 29세 미취업 청년인데 지원할 수 있는 사업은?")
    eligible = [p["name"] for p in first.programs if p["status"] == "eligible"]
    follow = assistant.ask("그 사업은 어떻게 신청해?", history=[first])
    assert follow.answered_by == "clarify" and follow.answer.startswith("어느 사업을 말씀하시나요?")
    assert follow.options and all(any(o.rstrip("…") in name for name in eligible) for o in follow.options)


def test_a_yes_no_about_one_program_in_any_verb_is_answered_for_that_program(assistant):
    # "뽑힐 수 있나요?" asks about one program (-ㄹ 수 있다 of any verb), not for the whole list
    ans = assistant.ask("영등포에 사는 열여섯 살인데 구청 공공일자리에 뽑힐 수 있나요?")
    assert ans.answer.startswith("아니요") and "만 18세 이상" in ans.answer
    assert "문서의 사업" not in ans.answer


def test_a_yes_no_about_a_part_no_card_names_goes_to_the_passage(assistant):
    # 스페이스 살림 is one centre of the 여성창업 program: its own condition line answers, not the list of programs
    ans = assistant.ask("창업 6년 된 여성 대표예요. 스페이스 살림 입주 대상이 될 수 있어요?")
    assert "7년 미만" in ans.answer and "문서의 사업" not in ans.answer
