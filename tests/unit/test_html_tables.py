"""HTML <table> blocks in Markdown (kordoc's Markdown and web exports) become tables with real cells."""
from __future__ import annotations

from pathlib import Path

from ingest.readers.text_reader import read_text

ROOT = Path(__file__).resolve().parents[2]
PRESS_RELEASE = ROOT / "eval" / "generalization" / "corpus_r4" / "moef-overseas-direct-investment-2024q3-press-release.md"


def test_merged_header_cells_give_year_and_quarter_columns():
    raw = read_text(PRESS_RELEASE, PRESS_RELEASE.read_bytes())
    first, (last, table) = next((f, v) for f, v in sorted(raw.tables.items()) if any(r.label == "총투자" for r in v[1].rows))
    assert table.columns[0] == "2022년 1분기" and table.columns[-1] == "2024년 3분기"
    total = next(r for r in table.rows if r.label == "총투자")
    assert total.values[-1] == "141.9"
    # the lines citations show are readable rows, not markup, and keep their numbers
    assert all("<t" not in raw.lines[n - 1] for n in range(first, last + 1))
    assert raw.lines[total.line[0] - 1].startswith("| 총투자 | 282.5")


def test_row_spans_carry_the_row_label_and_br_is_a_space(tmp_path):
    doc = tmp_path / "t.md"
    doc.write_text("< 업종별 동향(억 달러) >\n\n<table>\n<tr><th rowspan=\"2\">구 분</th><th colspan=\"2\">2024년</th></tr>\n"
                   "<tr><td>1분기</td><td>2분기</td></tr>\n<tr><td rowspan=\"2\">금융<br>보험업</td><td>62.6</td><td>53.7</td></tr>\n"
                   "<tr><td>(△6.4)</td><td>(△16.8)</td></tr>\n</table>\n", encoding="utf-8")
    raw = read_text(doc, doc.read_bytes())
    (_, table), = raw.tables.values()
    assert [r.label for r in table.rows] == ["금융 보험업", "금융 보험업"]
    assert table.rows[0].values == ("62.6", "53.7") and table.columns == ("1분기", "2분기")


def test_a_table_inside_a_cell_is_that_cells_text():
    rfp = ROOT / "eval" / "generalization" / "corpus_r4" / "kwater-digital-platform-rfp-2025-01.md"
    raw = read_text(rfp, rfp.read_bytes())
    row = next(line for line in raw.lines if "일반국민/기업(30,000)" in line)
    assert row.startswith("| 대상사업 분석 | ▪ (서비스) 제공대상") and "SFR-CLOUD-001" in row and "<t" not in row


def test_unclosed_and_huge_tables_stay_text_quickly(tmp_path):
    import time

    doc = tmp_path / "bad.md"
    doc.write_text("<table>\n" * 20000 + "<tr><td>" + "가" * 50000 + "\n", encoding="utf-8")
    started = time.perf_counter()
    raw = read_text(doc, doc.read_bytes())
    assert time.perf_counter() - started < 5 and not raw.tables  # bounded, not a crash
