"""kotext: the shared Korean text/number/date helpers (fast, no model)."""
from __future__ import annotations

import re
import sys
import time

from kotext.dates import find_as_of, year_in_name
from kotext.numbers import is_numeric_cell, parse_korean_money, won_of
from kotext.sentences import ends_sentence
from kotext.text import is_pipe_row, no_ws


def test_ends_sentence_reads_korean_endings_quotes_and_brackets():
    assert ends_sentence("청년 일자리를 지원합니다.")
    assert ends_sentence("사업을 추진할 예정임")
    assert ends_sentence("“참여자를 모집한다” ")
    assert ends_sentence("(예산은 구비로 충당한다) ”")
    assert ends_sentence("이 문장은 끝났다。")
    assert not ends_sentence("4 예 산 현 황")
    assert not ends_sentence("직접일자리 15,067 13,364 88.7")
    assert not ends_sentence("")


def test_ends_sentence_is_linear_on_long_space_runs():
    # The regex it replaced took 223 s on this line (cubic backtracking over adjacent \s*).
    line = "다" + " " * 100_000 + "x"
    started = time.perf_counter()
    assert not ends_sentence(line)
    assert time.perf_counter() - started < 0.1


def test_pipe_rows():
    assert is_pipe_row("| 구분 | 목표 |")
    assert is_pipe_row("  |a|  ")
    assert not is_pipe_row("|")
    assert not is_pipe_row("구분 | 목표")


def test_korean_money_and_cells():
    assert parse_korean_money("3억5천만") == 350_000_000
    assert parse_korean_money("5,000만원") == 50_000_000
    assert parse_korean_money("250000000") == 250_000_000
    assert parse_korean_money("많이") is None
    assert won_of("1.5", "억") == 150_000_000 and won_of("7,000", None) == 7000
    assert is_numeric_cell("1,234명") and is_numeric_cell("△5") and is_numeric_cell("-")
    assert not is_numeric_cell("직접일자리")


def test_dates():
    assert find_as_of("(‘21.5월말 기준)").iso == "2021-05-31"
    assert find_as_of("(5.31.기준)", 2023).iso == "2023-05-31"
    assert year_in_name("yeongdeungpo-job-policy-work-report-2023") == 2023
    assert year_in_name("notes") is None


def test_no_ws_drops_exactly_what_regex_whitespace_matches():
    # no_ws uses str.split(); it replaced re.sub(r"\s+", "", text), and must drop the same characters.
    spaces = "".join(c for c in map(chr, range(sys.maxunicode + 1)) if re.match(r"\s", c))
    assert spaces == "".join(c for c in map(chr, range(sys.maxunicode + 1)) if c.isspace())
    assert no_ws("경제 정책실\u30005월말\t달성률\n" + spaces + "x\u200b") == "경제정책실5월말달성률x\u200b"
