"""Citation spans from the core decide which lines the app highlights."""
from __future__ import annotations

from app_ui.highlight import mark_lines


def test_spans_mark_exactly_their_lines():
    lines = [(10, "○ 지원대상 : 서울시 거주 청년"), (11, "○ 지원내용 : 면접용 정장 무료대여"), (12, "○ 예산 : 1,324백만원")]
    marked = mark_lines(lines, "지원내용 : 면접용 정장 무료대여", spans=((11, 11),))
    assert [m.whole for m in marked] == [False, True, False]


def test_without_spans_the_quoted_line_is_found_by_text():
    lines = [(10, "○ 지원대상 : 서울시 거주 청년"), (11, "○ 지원내용 : 면접용 정장 무료대여")]
    marked = mark_lines(lines, "지원내용 : 면접용 정장 무료대여")
    assert [m.whole for m in marked] == [False, True]
