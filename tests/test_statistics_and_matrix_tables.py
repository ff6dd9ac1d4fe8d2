"""Two real table layouts of the round-9 generalization documents, read through the whole ingest:

- a monthly statistics report: six tables with the same rows and columns, told apart only by the as-of line
  above each ("(2010.3월 누계 기준/잠정)"); the header "구 분" spans two label columns, so the first body row
  ("수 입 (A)" with its figures) must not be read as a second header row;
- a statute annex matrix: a title across the whole first row (with the amendment date), then 부문 × 갑종/을종/병종
  whose cells list duties ("가. … 나. …"): each grade is a column, and each listed duty is an item that names it.
"""
from __future__ import annotations

from pathlib import Path

from assistant.as_of_filter import asked_month, keep_asked_month, note_month
from ingest.chunker import chunk_document
from ingest.documents import load_document
from kotext.sentences import split_enumerated

ROOT = Path(__file__).resolve().parent.parent
R9 = ROOT / "eval" / "generalization" / "corpus_r9"
FISCAL = R9 / "consolidated-fiscal-statistics-2010-monthly-cumulative-jan-jun.md"
HAZARD = R9 / "civil-servant-hazard-duty-allowance-grade-table-2026-01-02.md"


def _tables(path: Path):
    doc = load_document(path, {})
    return doc, [b.table for s in doc.sections for b in s.blocks if b.table is not None]


def test_monthly_tables_keep_their_first_row_and_their_month():
    _, tables = _tables(FISCAL)
    assert len(tables) == 6
    first = tables[0]
    assert first.columns == ("일반 회계", "특별 회계", "세입 세출외", "비금융성 기 금", "기 업 특별회계", "합 계")
    assert first.unit == "십억원" and first.as_of == "2010.1월 누계 기준"
    assert first.rows[0].label == "수 입 (A)" and first.rows[0].values[-1] == "25,002"
    assert [t.as_of for t in tables] == [f"2010.{m}월 누계 기준" for m in range(1, 7)]
    march = next(r.rendered[0] for r in tables[2].rows if r.label.startswith("순융자"))
    assert march.startswith("순융자15) (2010.3월 누계 기준):") and "합 계 2,593십억원" in march


def test_the_asked_month_keeps_only_that_months_rows():
    _, tables = _tables(FISCAL)
    rows = [r.rendered[0] for t in tables for r in t.rows if r.label.startswith("순융자")]
    assert [note_month(r) for r in rows] == ["1", "2", "3", "4", "5", "6"]
    assert asked_month("3월 누계 순융자 합계가 얼마였죠?") == "3"
    assert asked_month("1월과 2월을 비교하면?") is None  # two months: a comparison, nothing is dropped
    kept = keep_asked_month("3월 누계 순융자 합계가 얼마였죠?", rows + ["○ 순융자는 융자에서 회수를 뺀 값"], str)
    assert kept == [rows[2], "○ 순융자는 융자에서 회수를 뺀 값"]  # a line without an as-of note stays
    assert keep_asked_month("12월 누계 순융자는?", rows, str) == rows  # no December table: the month says nothing here


def test_a_matrix_of_duties_reads_each_grade_as_a_column():
    doc, tables = _tables(HAZARD)
    table = tables[0]
    assert table.columns == ("갑종", "을종", "병종")
    assert "위험근무수당 등급별 구분표" in table.caption  # the title row, though it holds a date, is no form row
    fire = next(r for r in table.rows if r.label.startswith("5. 소방"))
    assert fire.values[0].startswith("소방자동차의 운전원") and fire.rendered[0].startswith("5. 소방 부문: 갑종 소방자동차")
    items = [text for c in chunk_document(doc) for _, _, text in c.items]
    assert "6. 각 부문 을종: 러. 불법체류 외국인 단속업무를 상시적으로 수행하는 출입국관리공무원" in items
    assert "6. 각 부문 병종: 다. 구급차의 운전원" in items
    assert all(len(t) <= 400 for t in items if t.startswith("6. 각 부문"))


def test_listed_items_split_only_in_order():
    assert split_enumerated("가. 보일러 장치 나. 저압 동력 다. 구급차의 운전원") == ["가. 보일러 장치", "나. 저압 동력", "다. 구급차의 운전원"]
    assert split_enumerated("지원 대상 가. 청년 나. 중장년") == ["지원 대상", "가. 청년", "나. 중장년"]
    assert split_enumerated("교육을 마친 뒤 다. 그리고 나. 둘") == ["교육을 마친 뒤 다. 그리고 나. 둘"]  # no 가 first: prose
