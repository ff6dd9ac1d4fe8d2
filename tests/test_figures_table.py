"""Comparison answers carry their figures as rows (Answer.table), and the 수치 찾기 listing merges a
figure stated in a sentence and in a table into one row. Real assistant, real facts."""
from __future__ import annotations

import csv
import io
import json

import pandas as pd

from app_ui.comparison_view import table_markdown
from app_ui.figures_tab import KEY_COLUMNS, csv_bytes, figures_frame
from assistant.types import Answer
from figures.copies import copy_key, merge_copies
from questions.figure_table import FigureRow, FigureTable, RowRole
from tests import shipped


def _table(ans) -> FigureTable:
    assert ans.answered_by == "figures" and ans.table is not None, ans.answer
    return ans.table


def test_lowest_office_rate_rows_match_the_operands_and_citations(assistant):
    ans = assistant.ask("실국별 달성률 중 가장 낮은 곳은?")
    t = _table(ans)
    operands = ans.extra["calculation"]["operands"]
    assert [r.name for r in t.rows] == [op["subject"] for op in operands]
    assert [r.raw for r in t.rows] == [op["raw"] for op in operands]
    assert [r.citation for r in t.rows] == [op["citation"] for op in operands]
    assert {r.citation for r in t.rows} <= {c.n for c in ans.citations}
    winners = [r for r in t.rows if r.role is RowRole.WINNER]
    assert [w.name for w in winners] == [min(operands, key=lambda op: op["value"])["subject"]]
    assert (t.dimension, t.metric, t.unit) == ("실국", "달성률", "%")
    assert "계산:" in ans.answer and "계산:" not in t.lead  # the rows replace the listing line
    assert t.lead.split("\n")[0] == ans.answer.split("\n")[0]


def test_sum_keeps_its_arithmetic_and_adds_a_result_row(assistant):
    ans = assistant.ask("경제정책실과 복지정책실 예산을 합치면?")
    t = _table(ans)
    figures, results = t.compared, [r for r in t.rows if r.role is RowRole.RESULT]
    assert len(figures) == 2 and len(results) == 1
    assert results[0].value == sum(r.value for r in figures)
    assert results[0].raw in ans.answer and results[0].citation is None
    assert t.lead == ans.answer  # a sum's "계산: a + b = c" stays visible


def test_threshold_rows_mark_the_reference_and_the_selection(assistant):
    t = _table(assistant.ask("서울시 전체 달성률보다 달성률이 높은 실국은?"))
    reference = [r for r in t.rows if r.role is RowRole.REFERENCE]
    selected = [r for r in t.rows if r.role is RowRole.SELECTED]
    assert len(reference) == 1
    assert selected and all(r.value > reference[0].value for r in selected)
    assert all(r.value <= reference[0].value for r in t.rows if r.role is RowRole.PLAIN)


def test_table_survives_the_conversation_store_round_trip(assistant):
    ans = assistant.ask("실국별 예산 순위는?")
    back = Answer.from_dict(json.loads(json.dumps(ans.to_dict(), ensure_ascii=False)))
    assert back.table == ans.table and isinstance(back.table.rows[0].role, RowRole)
    assert back.table.rows[0].role is RowRole.WINNER  # the first of a ranking


def test_non_comparison_answers_have_no_table(assistant):
    assert assistant.ask("청년 커뮤니티 활성화 지원 사업 대상은?").table is None
    assert assistant.ask("경제정책실 5월말 달성률은?").table is None  # one figure: a sentence says it


def test_table_markdown_escapes_names_and_puts_a_shared_date_in_the_header():
    t = FigureTable("max", "사업", "예산액", "원", "", (
        FigureRow("A|B *사업*", "10억원", 1e9, "’21.5월말 기준", 1, RowRole.WINNER),
        FigureRow("<b>C</b>", "5억원", 5e8, "’21.5월말 기준", 2),
    ))
    md = table_markdown(t, cited={1})
    head, align, first, second = md.split("\n")
    assert head == r"| 사업 | 예산액 \(’21.5월말 기준\) | 출처 |" and align == "|---|---:|---|"
    assert r"A\|B \*사업\*" in first and first.count("**") == 4 and ":blue-badge[1]" in first
    assert r"\<b\>C\</b\>" in second and ":blue-badge[2]" not in second  # [2] is not among the answer's citations


def test_sentence_and_table_copies_are_one_row_with_both_sources():
    facts = shipped.facts()
    merged = merge_copies(facts)
    assert sum(len(g.copies) for g in merged) == len(facts)
    assert len({copy_key(g.fact) for g in merged}) == len(merged)  # no two rows state the same figure
    both = [g for g in merged if {f.source for f in g.copies} == {"sentence", "table"}]
    assert len(both) >= 30  # the reports restate their totals table by table (39 such figures today)
    g = next(g for g in both if g.fact.raw == "278,234개")
    assert g.fact.source == "table"  # the table's copy is the one shown
    lines = {f.line_start for f in g.copies}
    assert all(str(n) in g.lines for n in lines)
    assert g.sources.count("표 ") >= 1 and g.sources.count("문장 ") >= 1


def test_figures_frame_key_columns_first_and_csv_whole_numbers():
    frame = figures_frame(merge_copies(shipped.facts()))
    assert list(frame.columns[: len(KEY_COLUMNS)]) == list(KEY_COLUMNS)
    rows = list(csv.DictReader(io.StringIO(csv_bytes(frame).decode("utf-8-sig"))))
    won = [r["수치"] for r in rows if r["단위"] == "원"]
    assert won and all(v.isdigit() for v in won), [v for v in won if not v.isdigit()][:3]
    assert any(r["수치"] == "54.8" for r in rows)  # a rate keeps its decimals
    assert pd.api.types.is_float_dtype(frame["수치"])  # on screen the column stays numeric (sortable)
