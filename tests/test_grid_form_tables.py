"""Forms held in a table (a press release's letterhead, a contact box): label and value side by side in
every row, so no row is a column header. Read from the real HIRA press release of the generalization set."""
from __future__ import annotations

from pathlib import Path

from ingest.documents import load_document
from ingest.grid_tables import GridCell, build_table

ROOT = Path(__file__).resolve().parent.parent
HIRA = ROOT / "eval" / "generalization" / "corpus_r6" / "hira-immunotherapy-coverage-qa-press-release-2017-08-25.md"


def _rows(table) -> list[str]:
    return [r.rendered[0] for r in table.rows]


def test_a_press_release_letterhead_keeps_each_label_beside_its_value():
    doc = load_document(HIRA, {})
    tables = [b.table for s in doc.sections for b in s.blocks if getattr(b, "table", None) is not None]
    rows = _rows(tables[0])
    assert "배포일, 2017년 8월 25일, 매수, 13매" in rows  # once each: merged cells are not repeated
    assert any("박영미" in r and "02-2182-8525" in r for r in rows)
    assert not any("보도일시 부 장" in r for r in rows)  # a value row is not a column header


def test_a_score_table_keeps_its_header_rows():
    def row(*cells):
        return [GridCell(c) for c in cells]

    grid = [row("항목", "3점", "2점", "1점"), row("신청자 나이", "만 50세 이상", "만 40세 이상", "만 30세 이상")]
    table = build_table(grid, [(1, "a"), (2, "b")])
    assert table is not None and "2점" in table.columns  # figures in a header row ("3점") do not make it a form
    assert "2점 만 40세 이상" in _rows(table)[0]
