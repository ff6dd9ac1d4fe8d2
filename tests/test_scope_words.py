"""Round-6 scope mechanisms on the real index: words that describe the asker or the action are not
what the reports lack, a district named in the question picks its own report, and a shortfall is a gap."""
from __future__ import annotations


def test_the_action_the_asker_takes_does_not_decline(assistant):
    # "문의" is nowhere in the reports; the team that runs the program is.
    ans = assistant.ask("영등포구 대학생 아르바이트 사업은 어느 팀에 문의하면 돼요?")
    assert not ans.abstained
    assert "대학생 아르바이트" in ans.answer


def test_a_word_pointing_back_at_the_person_does_not_decline(assistant):
    ans = assistant.ask("애 키우느라 일 쉬다가 인턴 한 엄마가 정규직 되고 6개월 버티면 본인은 얼마 받아요?")
    assert not ans.abstained
    assert "60만원" in ans.answer


def test_the_office_of_a_known_district_is_known(assistant):
    ans = assistant.ask("영등포구청에서 청년건축학교 운영은 어느 팀이 맡아요?")
    assert not ans.abstained
    assert "청년지원팀" in ans.answer


def test_a_named_district_reads_that_districts_report(assistant):
    # Retrieval alone leads with the Seoul report's 뉴딜일자리 sections, which never name 영등포구.
    ans = assistant.ask("영등포구청에서 서울형 뉴딜일자리는 어느 팀 소관이에요?")
    assert not ans.abstained
    assert ans.citations and all(c.doc_id.startswith("yeongdeungpo") for c in ans.citations)


def test_a_kind_of_a_known_institution_is_known(assistant):
    # "남부기술교육원" is not written as one word; 남부 and 기술교육원 share the passage.
    ans = assistant.ask("남부기술교육원 신기술 대표학과는 뭐예요?")
    assert not ans.abstained


def test_a_counter_with_each_after_how_many_is_not_a_topic(assistant):
    ans = assistant.ask("사회적경제지원센터에 들어와 있는 기업이랑 창업팀은 몇 개씩이에요?")
    assert "'개씩'" not in ans.answer


def test_a_district_the_reports_lack_still_declines(assistant):
    ans = assistant.ask("부산시 청년 일자리 사업 예산은 얼마예요?")
    assert ans.abstained


def test_a_shortfall_against_a_target_is_computed(assistant):
    ans = assistant.ask("영등포 공공구매 실적이 목표액에 비해 얼마나 모자라요?")
    assert not ans.abstained
    assert "19억원" in ans.answer and "적습니다" in ans.answer


def test_everyday_words_of_one_group_stand_for_each_other():
    from retrieval.synonyms import SYNONYM_NEIGHBOURS

    assert "노인" in SYNONYM_NEIGHBOURS["할아버지"]  # both mean 어르신: a guide writing 노인 knows 할아버지
    assert "예산" not in SYNONYM_NEIGHBOURS  # the reports' own word: an everyday 돈 in a document does not make it known


def test_what_얼마_asks_follows_its_measure():
    from questions.analysis import analyze

    # "지원센터" holds 원 but names no amount: an area is asked, and no money check applies
    assert "money" not in analyze("노동자종합지원센터 안 역사관은 면적이 얼마야?").kinds
    assert analyze("개정법은 공포하고 얼마 뒤에 시행되는 거예요?").kinds == ("duration",)
    assert "count" in analyze("청년정책 소식 문자는 얼마나 자주 와요?").kinds
    assert "money" not in analyze("하도급을 주려면 사업금액의 얼마를 넘기면 안 돼?").kinds  # a share
    assert analyze("하루에 얼마씩 받아요?").kinds == ("money",)


def test_an_area_asked_with_얼마_is_answered(assistant):
    ans = assistant.ask("영등포 노동자종합지원센터에서 사무실·상담실·북카페·강당으로 쓰는 면적은 얼마예요?")
    assert not ans.abstained and "318.35㎡" in ans.answer


def test_a_meeting_is_named_by_its_date(assistant):
    entities = assistant.view().entities
    assert entities.find("2021년 3월 5일 특위 회의에 위원 몇 명이 나왔어?").meetings == {"제3차회의"}
    assert entities.find("7월 회의 때 참석자는?").meetings == {"제4차회의"}
    assert not entities.find("5월에 무슨 일이 있었어?").meetings  # no meeting that month
    ans = assistant.ask("2021년 3월 5일 특위 회의에 위원 몇 명이 나왔어?")
    assert "12명" in ans.answer
