"""Rosters flattened by PDF extraction (kotext/word_tables.py) on the shipped Seoul report."""
from __future__ import annotations

from pathlib import Path

from kotext.word_tables import header_columns, rebuild_word_rows

SEOUL = Path(__file__).resolve().parents[1] / "corpus" / "seoul-council-jobs-committee-report-2021.txt"


def _rows():
    lines = SEOUL.read_text(encoding="utf-8").splitlines()
    return rebuild_word_rows([(i + 1, t) for i, t in enumerate(lines)])


def test_a_spaced_out_header_is_read_as_its_column_names():
    assert header_columns("구분 성 명 선거구 정당") == ("구분", "성명", "선거구", "정당")
    assert header_columns("직 위 직 급 성 명 비 고") == ("직위", "직급", "성명", "비고")
    assert header_columns("일하는 습관 형성") is None  # prose, not column names
    assert header_columns("○ 사업목표 : 어르신 일자리 71,836개") is None


def test_every_member_of_the_roster_gets_its_own_columns():
    rendered = {r.render() for r in _rows().values()}
    # "위  원 김 경 우 동작2": the spaced syllables of two cells are cut where the name starts
    assert "구분 위원, 성명 김경우, 선거구 동작2, 정당 더불어민주당" in rendered
    # "부위원장 이 성 배 비 례": the name and the 비례 of the next cell
    assert "구분 부위원장, 성명 이성배, 선거구 비례, 정당 국민의힘" in rendered
    # "위  원 이 광 호 비 례": two cuts, from the values the other rows show
    assert "구분 위원, 성명 이광호, 선거구 비례, 정당 더불어민주당" in rendered
    assert "구분 위원, 성명 최선, 선거구 강북3, 정당 더불어민주당" in rendered  # a two-syllable name
    members = [r for r in _rows().values() if "선거구" in r.columns]
    assert len(members) == 15


def test_a_row_that_cannot_be_aligned_keeps_its_header_beside_it():
    staff = [r for r in _rows().values() if "직급" in r.columns]
    assert len(staff) >= 18
    assert any(r.render() == "입법조사관 임기 7급 김태훈 〃 [직위 직급 성명 비고]" for r in staff)


def test_a_roster_question_is_answered_from_the_persons_row(assistant):
    ans = assistant.ask("김경우 위원은 어느 선거구예요?")
    assert "동작2" in ans.answer.splitlines()[0]


def test_a_district_is_found_where_the_roster_writes_it_without_its_suffix(assistant):
    ans = assistant.ask("서대문구가 지역구인 특위 위원은 누구죠?")
    assert not ans.abstained and "이승미" in ans.answer
