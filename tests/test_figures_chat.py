"""Figure questions through the real assistant (`Assistant.load()` on the index in data/, built by
`python -m ingest`, whose last step writes data/facts.jsonl)."""
from __future__ import annotations

import pytest

from tests import shipped
from figures.store import load_current_facts, load_facts
from settings import CORPUS_DIR


def _check(ans, *expected: str) -> dict:
    """A figures answer: short, every expected string present, every operand cited by the chunk
    that covers its source line."""
    assert ans.answered_by == "figures" and not ans.abstained
    assert len(ans.answer) <= 300, len(ans.answer)
    for text in expected:
        assert text in ans.answer, (text, ans.answer)
    calc = ans.extra["calculation"]
    assert calc["operands"]
    for op in calc["operands"]:
        n = op["citation"]
        assert f"[{n}]" in ans.answer
        cite = ans.citations[n - 1]
        assert cite.doc_id == op["doc_id"]
        assert cite.line_start <= op["line_start"] <= cite.line_end
    return calc


def test_lowest_office_rate(assistant):
    calc = _check(assistant.ask("실국별 달성률 중 가장 낮은 곳은?"), "노동민생정책관", "34.0%", "5월말", "최솟값")
    assert calc["operation"] == "min" and len(calc["operands"]) == 4 and calc["winner"] == "노동민생정책관"


def test_sum_of_two_offices_budgets(assistant):
    calc = _check(assistant.ask("경제정책실과 복지정책실 예산을 합치면?"), "12,132억원", "3,983억원", "8,149억원")
    assert calc["operation"] == "sum" and calc["result"]["value"] == pytest.approx(12132e8)


def test_difference_of_direct_and_indirect_rates(assistant):
    calc = _check(assistant.ask("직접일자리와 간접일자리 달성률 차이는?"), "45.1%p", "94.4%", "49.3%")
    assert calc["operation"] == "diff" and calc["result"]["unit"] == "%p"


def test_highest_execution_rate_unit_program(assistant):
    calc = _check(assistant.ask("집행률이 가장 높은 단위사업은?"), "청년의 행복한 사회진입 환경조성", "52.7%", "2023.5.31")
    assert len(calc["operands"]) == 6


def test_thousand_won_sum_shown_in_eok(assistant):
    _check(assistant.ask("영등포 사회적경제 활성화와 지역일자리사업 지원 단위사업의 예산을 합치면?"), "5,227,496천원", "52억 2,750만원")


def test_meetings_compared_on_one_program(assistant):
    _check(assistant.ask("제3차 회의 때 보고된 지역 방역 일자리 목표는 제2차 회의 때보다 몇 개 줄었어?"), "1,162개", "더 적습니다")


def test_threshold_against_city_rate(assistant):
    _check(assistant.ask("서울시 전체 달성률보다 달성률이 높은 실국은?"), "복지정책실(94.4%)", "70.7%")


def test_different_dates_are_refused_not_mixed(assistant):
    ans = assistant.ask("경제정책실 예산과 영등포 일자리정책과 예산을 합치면?")
    assert ans.answered_by == "figures" and "기준일" in ans.answer and "합계는" not in ans.answer
    assert ans.extra["calculation"]["refused"] and len(ans.citations) == 2


def test_single_figure_from_facts(assistant):
    ans = assistant.ask("복지정책실 간접일자리 실적은 몇 개?")
    assert ans.answered_by == "figures" and "6,750개" in ans.answer and "5월말" in ans.answer
    fig = ans.extra["figures"][0]["facts"][0]
    cite = ans.citations[0]
    assert cite.line_start <= fig["line_start"] <= cite.line_end


def test_text_and_table_disagreement_is_shown(assistant):
    ans = assistant.ask("서울시 전체 5월말 일자리 예산 집행액은?")
    assert ans.answered_by == "figures" and "10,584억원" in ans.answer and "10,593억원" in ans.answer


@pytest.mark.parametrize(
    "question",
    [
        "일자리대책 특별위원회 위원장은 누구인가요?",  # not a figure
        "서울형 청년인턴 직무캠프 참여대상은?",  # eligibility
        "2019년 영등포구 공공일자리 예산은?",  # no 2019 figures: the generic path abstains
        "2021년 12월말 기준 서울시 일자리 달성률은?",  # only May figures exist
        "두 실국 예산을 합치면?",  # which two?
        "경제정책실 달성률이 왜 낮아?",  # asks for the reason, not the figure
    ],
)
def test_declines_what_it_cannot_identify(assistant, question):
    assert assistant.ask(question).answered_by != "figures"


def test_ingest_wrote_current_facts(assistant):
    stored = load_facts(assistant.config.data_dir)
    assert stored, "python -m ingest did not write data/facts.jsonl"
    current = load_current_facts(assistant.config.data_dir)
    assert [f.id for f in current] == [f.id for f in shipped.facts()]
    assert [f.id for f in stored] == [f.id for f in current], "facts.jsonl is stale: run python -m ingest --force"


def test_every_fact_is_citable(assistant):
    chunks = list(assistant.retriever.chunks.values())
    for f in load_current_facts(assistant.config.data_dir):
        assert any(c.doc_id == f.doc_id and c.line_start <= f.line_start <= c.line_end for c in chunks), (f.line_start, f.raw)


def test_two_metrics_of_one_entity(assistant):
    calc = _check(assistant.ask("복지정책실 예산 중 아직 집행하지 않은 금액은 얼마야?"), "3,572억원", "8,149억원", "4,577억원")
    assert [op["metric"] for op in calc["operands"]] == ["예산액", "집행액"]


def test_larger_of_two_named_programs(assistant):
    calc = _check(assistant.ask("장애인일자리 지원과 자활근로사업 중 예산이 더 큰 사업은?"), "장애인일자리 지원(97,449백만원)")
    assert len(calc["operands"]) == 2


def test_years_of_one_table_row(assistant):
    _check(assistant.ask("취업날개서비스 이용자가 가장 많았던 해는?"), "’19년(37,690명)")
    ans = assistant.ask("취업날개서비스 누적 이용자 수는?")
    assert ans.answered_by == "figures" and "138,162명" in ans.answer


def test_same_figure_from_two_meetings_is_one_answer_citing_both(assistant):
    ans = assistant.ask("제2차·제3차 회의 때 보고된 ’21년 일자리 추진목표(일자리 수)는?")
    assert ans.answered_by == "figures" and "393,575개" in ans.answer and "[2]" in ans.answer
    assert {c.line_start <= 333 <= c.line_end or c.line_start <= 506 <= c.line_end for c in ans.citations} == {True}


def test_people_and_jobs_are_not_added(assistant):
    ans = assistant.ask("자활근로사업 목표 인원과 노숙인 일자리 목표를 더하면?")
    assert ans.answered_by == "figures" and "단위" in ans.answer and "합계는" not in ans.answer
    assert "11,368명" in ans.answer and "2,487개" in ans.answer and len(ans.citations) == 2


def test_target_against_results_sentence(assistant):
    # "○ 총 5개 사업 여성일자리 355명(1,483백만원) 지원" under 추진실적 is the result; "실제 지원 인원" asks it
    calc = _check(assistant.ask("여성 뉴딜일자리 목표 인원보다 실제 지원 인원이 몇 명 적어요?"), "6명", "361명", "355명")
    assert [op["metric"] for op in calc["operands"]] == ["목표", "실적"]


def test_second_ask_gets_the_source_line(assistant):
    # one figure answers "얼마고"; its line states the "재원" beside it, so the answer quotes that line
    ans = assistant.ask("지역아동센터 아동복지교사 운영 예산은 얼마고 재원은 어떻게 돼요?")
    assert ans.answered_by == "figures" and "6,917백만원" in ans.answer
    assert "국비 30%, 시비 70%" in ans.answer and len(ans.answer) <= 300
