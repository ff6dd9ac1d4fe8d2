"""Comparisons, sums and differences over the real facts; units converted first, dates never mixed."""
from __future__ import annotations

import pytest

from settings import CORPUS_DIR
from tests import shipped
from figures.query import IncompatibleFigures, difference, extreme, filter_facts, ranking, show, threshold, total

SEOUL = "seoul-council-jobs-committee-report-2021"


@pytest.fixture(scope="module")
def facts():
    return shipped.facts()


def office_rows(facts, metric):
    return [f for f in facts if f.scope == "office" and f.metric == metric and f.source == "table"]


def fact_at(facts, line, metric, **where):
    hits = [f for f in facts if f.line_start == line and f.metric == metric and all(getattr(f, k) == v for k, v in where.items())]
    assert len(hits) == 1, hits
    return hits[0]


def test_lowest_and_highest_office_rates(facts):
    low = extreme(office_rows(facts, "달성률"), "min")
    assert (low.winner.subject, low.result) == ("노동민생정책관", 34.0)
    high = extreme(office_rows(facts, "집행률"), "max")
    assert (high.winner.subject, high.result) == ("노동민생정책관", 59.1)
    assert [f.subject for f in ranking(office_rows(facts, "예산액")).operands][:2] == ["복지정책실", "여성가족정책실"]


def test_difference_of_rates_is_in_percentage_points(facts):
    direct, indirect = fact_at(facts, 710, "달성률"), fact_at(facts, 711, "달성률")
    calc = difference(direct, indirect)
    assert calc.result == pytest.approx(45.1) and calc.result_unit == "%p" and calc.result_text() == "45.1%p"


def test_sum_of_two_office_budgets(facts):
    calc = total([fact_at(facts, 821, "예산액"), fact_at(facts, 2144, "예산액")])
    assert calc.result == pytest.approx(12132e8) and calc.result_text() == "12,132억원"


def test_mixed_amount_units_are_converted_before_adding(facts):
    # 소요예산 15,050백만원 (고용유지지원금) + 620억원 (서울 시민안심 일자리, 제2차 회의): neither is dated
    a = fact_at(facts, 913, "예산액")
    b = fact_at(facts, 341, "예산액")
    calc = total([a, b])
    assert calc.result == pytest.approx(15050e6 + 620e8)
    assert calc.result_text() == "770.5억원"


def test_thousand_won_sum_is_also_shown_in_eok(facts):
    calc = total([fact_at(facts, 152, "예산액"), fact_at(facts, 150, "예산액")])
    assert calc.result_text() == "5,227,496천원(52억 2,750만원)"


def test_counts_of_people_and_jobs_do_not_mix(facts):
    jobs = fact_at(facts, 2616, "실적")  # 9,670개
    people = fact_at(facts, 2595, "목표")  # 11,368명
    with pytest.raises(IncompatibleFigures, match="단위"):
        difference(jobs, people)


def test_different_as_of_dates_are_not_summed(facts):
    seoul = fact_at(facts, 821, "예산액")  # ’21.5월말
    ydp = [f for f in facts if f.scope == "department" and f.metric == "예산액"][0]  # 2023.5.31.
    with pytest.raises(IncompatibleFigures, match="기준일"):
        total([seoul, ydp])


def test_extremes_keep_one_as_of_month_and_say_what_was_left_out(facts):
    rows = office_rows(facts, "집행률") + [f for f in facts if f.scope == "department" and f.metric == "집행률"]
    calc = extreme(rows, "max")
    assert calc.winner.subject == "노동민생정책관"
    assert any("기준일이 다른 1개" in n for n in calc.notes)


def test_threshold_against_the_city_rate(facts):
    city = fact_at(facts, 708, "달성률")
    calc = threshold(office_rows(facts, "달성률"), city.value, above=True, reference=city)
    assert [f.subject for f in calc.selected] == ["복지정책실"]


def test_filters_for_cli_and_app(facts):
    rows = filter_facts(facts, office="경제정책실", metric="집행율")  # the reports' other spelling
    assert rows and {f.metric for f in rows} == {"집행률"} and all(f.office == "경제정책실" for f in rows)
    assert all("영등포" in f.doc_title for f in filter_facts(facts, doc="영등포"))
    assert show(45.1, "%p", []) == "45.1%p"
