"""The outline parser and table rebuilding on the real reports."""
from __future__ import annotations

import pytest

from ingest.documents import load_corpus
from ingest.outline import parse_outline
from kotext.flat_tables import rebuild_rows, rebuild_vertical, section_unit

SEOUL = "seoul-council-jobs-committee-report-2021"
YDP = "yeongdeungpo-job-policy-work-report-2023"


@pytest.fixture(scope="module")
def sections(repo_root):
    docs, problems = load_corpus(repo_root / "corpus")
    assert problems == []
    return {d.doc_id: (d, parse_outline(d.lines, d.title)) for d in docs}


def _rows(section):
    unit = section_unit([t for _, t in section.body] + [section.path[-1]])
    return {**rebuild_vertical(section.body, unit), **rebuild_rows(section.body, unit)}


def test_meetings_and_offices_found(sections):
    _, secs = sections[SEOUL]
    assert {s.meeting for s in secs if s.meeting} == {"제1차회의", "제2차회의", "제3차회의", "제4차회의"}
    assert {s.office for s in secs if s.office} == {"경제정책실", "여성가족정책실", "복지정책실", "노동민생정책관"}


def test_program_aspects_nest_under_office_and_program(sections):
    _, secs = sections[SEOUL]
    camp = [s for s in secs if s.program == "서울형 청년인턴 직무캠프 추진"]
    assert [s.aspect for s in camp] == ["", "사업개요", "추진실적", "향후계획"]
    overview = camp[1]
    assert overview.office == "경제정책실"
    assert overview.path[1] == "Ⅳ. 주요업무보고"
    assert any("만 18세이상 ~ 34세 이하" in text for _, text in overview.body)


def test_district_report_parts_programs_and_teams(sections):
    _, secs = sections[YDP]
    parts = {s.path[1] for s in secs if len(s.path) > 1}
    assert {"Ⅰ. 일반현황", "Ⅱ. 주요업무 추진실적", "Ⅲ. 신규·중점사업 추진실적"} <= parts
    programs = {(s.program, s.team) for s in secs if s.program}
    assert ("청년 커뮤니티 활성화 지원", "청년지원팀") in programs
    assert ("공공분야 일자리 창출을 통한 고용안정 지원", "일자리사업팀") in programs
    # A numbered table row ("4 사업개발비") must not become a program heading.
    assert not any(s.program == "사업개발비" for s in secs)


def test_office_summary_table_rows_rebuilt_with_units(sections):
    _, secs = sections[SEOUL]
    summary = next(s for s in secs if s.office == "경제정책실" and s.aspect.startswith("추진현황"))
    rendered = [r.render() for r in _rows(summary).values()]
    assert "총계: 목표 70,439개, 실적 38,622개, 달성률 54.8%, 예산액 3,983억원, 집행액 2,032억원, 집행율 51.0%" in rendered


def test_meeting_four_table_spaced_labels_joined(sections):
    _, secs = sections[SEOUL]
    results = next(s for s in secs if s.meeting == "제4차회의" and s.aspect.startswith("추진실적"))
    rendered = [r.render() for r in _rows(results).values()]
    assert "직접일자리: 목표 187,307개, 5월 176,743개, 달성률 94.4%, 예산 18,224억원, 집행 8,696억원" in rendered


def test_district_budget_tables_with_unit_line(sections):
    _, secs = sections[YDP]
    budget = next(s for s in secs if s.path[-1] == "예산현황")
    rendered = [r.render() for r in _rows(budget).values()]
    assert "청년의 행복한 사회진입 환경조성: 예산액 1,356,338천원, 집행액 715,397천원, 집행률 52.7%" in rendered
    youth = next(s for s in secs if s.program == "청년 커뮤니티 활성화 지원" and s.aspect.startswith("예산현황"))
    # Cells arrive one per line with multi-line breakdowns in parentheses; the breakdown stays with its value.
    assert [r.render() for r in _rows(youth).values()] == [
        "예산액 469,580천원(시 58,800, 구비 410,780), 집행액 227,955천원(시 23,986, 구비 203,969), 집행률 48.5%"]
