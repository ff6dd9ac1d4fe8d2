"""Unit normalisation, amount parsing and formatting, and as-of dates as the reports print them."""
from __future__ import annotations

import pytest

from kotext.dates import find_as_of
from kotext.numbers import format_won, korean_won, normalise, parse_amount, parse_number


@pytest.mark.parametrize(
    ("text", "won", "printed"),
    [
        ("3,983억원", 3983e8, "억원"),
        ("15,050백만원", 15050e6, "백만원"),
        ("7,113,947천원", 7_113_947e3, "천원"),
        ("2조 1,576억원", 2.1576e12, "억원"),
        ("2조 734억원", 2.0734e12, "억원"),
        ("10,710원", 10710, "원"),
        ("842 억원", 842e8, "억원"),  # a wrapped line: "842" / "억원 증가"
    ],
)
def test_amounts_become_won(text, won, printed):
    value, unit = parse_amount(text)
    assert value == pytest.approx(won) and unit == printed


def test_numbers_signs_and_missing_cells():
    assert parse_number("△806") == -806 and parse_number("-806") == -806
    assert parse_number("1,234.5") == 1234.5 and parse_number("88.7%") == 88.7
    assert parse_number("-") is None


def test_counts_keep_their_unit_and_amounts_go_to_won():
    assert normalise(3, "억원") == (3e8, "원")
    assert normalise(412_000, "천원") == (412_000_000, "원")
    assert normalise(181, "명") == (181, "명") and normalise(62, "개소") == (62, "개소")


def test_amounts_shown_in_the_reports_units():
    assert format_won(12132e8, "억원") == "12,132억원"
    assert format_won(5_227_496e3, "천원") == "5,227,496천원"
    assert korean_won(1.2132e12) == "1조 2,132억원"
    assert korean_won(7_113_947e3) == "71억 1,395만원"
    assert korean_won(412_000e3) == "4억 1,200만원"


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("추진현황(‘21.5월말 기준)", "2021-05-31"),
        ("(2023.5.31.기준)", "2023-05-31"),
        ("(5.31.기준)", "2023-05-31"),  # the year comes from the report
        ("(※ ’21.6월 기준)", "2021-06"),
        ("(’21.5월말 현재)", "2021-05-31"),
        ("(’21.5.31기준)", "2021-05-31"),
    ],
)
def test_as_of_dates(text, iso):
    assert find_as_of(text, 2023).iso == iso


def test_not_an_as_of_date():
    assert find_as_of("’21.3~5월 외부 전문기관을 통한 참여자 교육", 2021) is None
