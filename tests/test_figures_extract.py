"""Figure facts from the real reports: table cells with their column, unit and as-of date,
sentences with their meaning, and every fact traceable to its source line."""
from __future__ import annotations

import re

import pytest

from settings import CORPUS_DIR
from tests import shipped

SEOUL = "seoul-council-jobs-committee-report-2021"
YDP = "yeongdeungpo-job-policy-work-report-2023"


@pytest.fixture(scope="module")
def facts():
    from ingest.documents import load_corpus

    _, problems = load_corpus(CORPUS_DIR)
    assert not problems
    return shipped.facts()


def one(facts, **where):
    hits = [f for f in facts if all(getattr(f, k) == v for k, v in where.items())]
    assert len(hits) == 1, (where, [(f.line_start, f.raw, f.source) for f in hits])
    return hits[0]


def test_office_summary_row_becomes_facts_with_unit_and_as_of(facts):
    rate = one(facts, doc_id=SEOUL, line_start=821, metric="달성률")
    assert (rate.scope, rate.subject, rate.value, rate.unit, rate.raw) == ("office", "경제정책실", 54.8, "%", "54.8%")
    assert rate.as_of == "2021-05-31" and "5월말" in rate.as_of_text and rate.source == "table"
    budget = one(facts, doc_id=SEOUL, line_start=821, metric="예산액")
    assert budget.raw == "3,983억원" and budget.value == pytest.approx(3983e8) and budget.unit == "원"
    assert budget.column == "예산 예산액"  # the column group "예산(억원)" named the cell and lent its unit
    direct = one(facts, doc_id=SEOUL, line_start=1439, metric="달성률")
    assert (direct.scope, direct.subject, direct.value) == ("office_type", "여성가족정책실 직접일자리", 102.4)


def test_thousand_won_budget_table_with_unit_note_after_it(facts):
    # "(단위: 천원)" is printed below the table and "(5.31.기준)" inside its header
    f = one(facts, doc_id=YDP, line_start=150, metric="예산액")
    assert (f.scope, f.subject, f.raw, f.value, f.unit) == ("unit_program", "지역일자리사업 지원", "3,694,810천원", pytest.approx(3_694_810_000), "원")
    assert f.as_of == "2023-05-31" and f.as_of_text == "2023.5.31.기준"
    total = one(facts, doc_id=YDP, line_start=143, metric="집행률")
    assert (total.scope, total.value) == ("department", 37.6)


def test_vertical_budget_cells_skip_parenthesised_breakdowns(facts):
    spent = one(facts, doc_id=YDP, line_start=641, metric="집행액")
    assert spent.raw == "311,100천원" and spent.subject.startswith("4차산업 분야")
    assert one(facts, doc_id=YDP, line_start=641, metric="집행률").value == 75.5


def test_grouped_header_with_uneven_groups_gives_years_and_units(facts):
    # "일자리 수(개) 예산(백만원)" over "’20 ’21 증감 ’20 ’21"
    budget_20 = one(facts, doc_id=SEOUL, line_start=670, metric="예산액", period="2020")
    assert budget_20.raw == "2,073,473백만원" and budget_20.value == pytest.approx(2_073_473e6)
    target_21 = one(facts, doc_id=SEOUL, line_start=670, metric="목표", period="2021")
    assert (target_21.value, target_21.unit, target_21.meeting) == (393288, "개", "제4차회의")
    change = one(facts, doc_id=SEOUL, line_start=673, metric="증감")
    assert (change.subject, change.value) == ("간접일자리", -806)


def test_split_label_header_and_share_cells(facts):
    # "구 분 일자리사업 수(개) …" (a spaced-out 구분) and "6,480명(47.5%)" cells
    plan = one(facts, doc_id=SEOUL, line_start=361, metric="예산액")
    assert (plan.scope, plan.raw, plan.meeting) == ("city", "2,157,631백만원", "제2차회의")
    closed = one(facts, doc_id=SEOUL, line_start=951, metric="인원")
    assert (closed.subject, closed.value, closed.unit) == ("영업제한", 6480, "명")


def test_transposed_table_rows_name_the_metric(facts):
    picked = one(facts, doc_id=YDP, line_start=282, subject="동행일자리")
    assert (picked.metric, picked.column, picked.value, picked.unit) == ("실적", "선발인원", 181, "명")
    assert one(facts, doc_id=YDP, line_start=291, subject="청년드림나래").metric == "목표"


def test_achievement_and_budget_sentences(facts):
    target = one(facts, doc_id=SEOUL, line_start=810, metric="목표")
    assert (target.scope, target.subject, target.value, target.source) == ("office", "경제정책실", 70439, "sentence")
    spent = one(facts, doc_id=SEOUL, line_start=814, metric="집행액")
    assert spent.value == pytest.approx(2032e8) and spent.as_of == "2021-05-31"
    city = one(facts, doc_id=SEOUL, line_start=700, metric="집행액")
    assert (city.scope, city.raw) == ("city", "10,584억원")  # the text says 10,584; the table says 10,593
    assert one(facts, doc_id=SEOUL, line_start=708, metric="집행액").raw == "10,593억원"
    rate = one(facts, doc_id=SEOUL, line_start=2929, metric="달성률")
    assert (rate.scope, rate.value) == ("program", 65.7)


def test_jo_amounts_plan_bullets_wages_and_lists(facts):
    budget = one(facts, doc_id=SEOUL, line_start=335, metric="예산액", period="")
    assert budget.value == pytest.approx(2.1576e12)  # "2조 1,576억원"
    quarantine = one(facts, doc_id=SEOUL, line_start=343, metric="예산액")
    assert (quarantine.subject, quarantine.raw, quarantine.meeting) == ("지역 방역 일자리", "127억원", "제2차회의")
    assert one(facts, doc_id=SEOUL, line_start=1722, metric="시급").value == 10710
    youth = one(facts, doc_id=YDP, line_start=252, metric="시급")
    assert (youth.subject, youth.value) == ("청년일자리", 11157)
    general = one(facts, doc_id=SEOUL, line_start=2191, subject="일반형")
    assert (general.metric, general.value, general.unit) == ("실적", 1382, "개")


def test_every_fact_points_at_lines_holding_its_number(facts):
    lines = {d: p.read_text(encoding="utf-8").split("\n") for d, p in
             ((SEOUL, CORPUS_DIR / f"{SEOUL}.txt"), (YDP, CORPUS_DIR / f"{YDP}.txt"))}
    for f in facts:
        source = re.sub(r"[\s,]", "", "".join(lines[f.doc_id][f.line_start - 1 : f.line_end]))
        digits = re.sub(r"[^\d.]", "", f.raw.split("조")[-1]).rstrip(".")
        assert digits and digits in source, (f.line_start, f.raw, f.subject)
        assert f.unit in ("원", "%", "개", "명", "개소", "개사", "건", "팀", "가구"), f.unit
        assert f.subject and f.metric


def test_no_figures_from_unreadable_headers(facts):
    # the 공공일자리 table at 862-871 has a header split over five lines: no guessed columns
    assert not [f for f in facts if f.doc_id == SEOUL and f.line_start in (869, 871)]
