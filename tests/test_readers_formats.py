"""Readers for binary formats (through kordoc): PDF and HWPX made in test setup, real Hancom files,
and the Korean messages for files that cannot be read (password, damage, scans)."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from ingest.documents import load_corpus, load_document
from ingest.readers import ProblemKind, UnreadableDocument
from reports.model import BlockKind, Layout, SourceFormat
from tests import fixture_docs as fx

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")

SHARED = fx.SHARED_FIXTURES
NO_SHARED = f"실제 한컴 시험 문서 폴더가 없습니다 (real Hancom fixtures absent: {SHARED})"
PASSWORD_FILES = ("kordoc-password-123456.hwpx", "pyhwp-password-12345.hwp")


def _need_kordoc() -> None:
    from ingest.readers.node_runtime import node_status

    status = node_status()
    if not status.ok:
        pytest.skip(f"문서 변환기(kordoc)를 쓸 수 없습니다 (kordoc unavailable): {status.problem}")


def _need_font() -> fx.KoreanFont:
    font = fx.korean_font()
    if font is None:
        pytest.skip(fx.NO_FONT_REASON)
    return font


def _nows(text: str) -> str:
    return "".join(text.split())


def _tables(doc):
    return [(b, b.table) for s in doc.sections for b in s.blocks if b.kind is BlockKind.TABLE and b.table is not None]


def _table_for(doc, spec: fx.TableSpec):
    """The (block, table) of the document whose row labels are the spec's (PDF text may drop the
    spaces of spaced-out labels such as "직 접 일 자 리")."""
    want = [_nows(t) for t in spec.labels()]
    for block, table in _tables(doc):
        if [_nows(r.label) for r in table.rows] == want:
            return block, table
    raise AssertionError(f"no table with rows {want}; tables: {[[r.label for r in t.rows] for _, t in _tables(doc)]}")


def _spec_body(spec: fx.TableSpec) -> list[list[str]]:
    grid: dict[tuple[int, int], str] = {}
    for r, c, rs, cs, text in spec.placed():
        for dr in range(rs):
            for dc in range(cs):
                grid[(r + dr, c + dc)] = text
    return [[grid[(r, c)] for c in range(spec.n_cols)] for r in range(spec.header_rows, spec.n_rows)]


def _assert_cells(table, spec: fx.TableSpec) -> None:
    """Every body cell of the spec is at its row × column in the model (merged header expanded)."""
    body = _spec_body(spec)
    assert len(table.columns) == spec.n_cols - 1, table.columns
    assert len(table.rows) == len(body)
    for row, expected in zip(table.rows, body):
        assert _nows(row.label) == _nows(expected[0])
        assert tuple(_nows(v) for v in row.values) == tuple(_nows(v) for v in expected[1:]), (row.label, row.values)


class _Made(dict):
    def __missing__(self, key):
        pytest.skip(fx.NO_FONT_REASON)  # only the PDFs need a font


@pytest.fixture(scope="module")
def made(tmp_path_factory):
    """The synthetic outline report as PDF and HWPX, plus the shipped-report passages as both:
    {(name, fmt): (Document, Rendering)}."""
    _need_kordoc()
    font = fx.korean_font()
    root = tmp_path_factory.mktemp("readers")
    out = _Made()
    for fmt in ("pdf", "hwpx") if font else ("hwpx",):
        for name, pages in (("outline", fx.OUTLINE_PAGES), ("seoul", fx.seoul_pages())):
            path = root / f"{name}.{fmt}"
            rendering = fx.write_pdf(path, pages, font) if fmt == "pdf" else fx.write_hwpx(path, pages)
            out[(name, fmt)] = (load_document(path), rendering)
    return out


# ── PDF and HWPX made here ──────────────────────────────────────────────────────────────────────


@pytest.mark.parametrize("fmt, expected", [("pdf", SourceFormat.PDF), ("hwpx", SourceFormat.HWPX)])
def test_format_layout_and_pages(made, fmt, expected):
    doc, rendering = made[("outline", fmt)]
    assert doc.format is expected and doc.format.paged
    assert doc.layout is Layout.STRUCTURED and doc.encoding == fmt
    assert len(doc.pages) == len(doc.lines) and set(doc.pages) == {1, 2}
    assert list(doc.pages) == sorted(doc.pages)  # pages never go backwards
    page_of = {text: doc.page_of(n) for n, text in enumerate(doc.lines, 1)}
    assert page_of["Ⅱ. 주요업무 추진실적"] == 1
    assert page_of["2 공공분야 일자리 창출을 통한 고용안정 지원 일자리사업팀"] == 2
    assert rendering.table_pages == [1, 2]
    assert any("2쪽" in note and "표 2개" in note for note in doc.notes), doc.notes


@pytest.mark.parametrize("fmt", ("pdf", "hwpx"))
def test_merged_two_row_header_is_expanded(made, fmt):
    doc, _ = made[("outline", fmt)]
    block, table = _table_for(doc, fx.MERGED_RESULTS)
    assert table.columns == ("2022년 목표", "2022년 실적", "2023년 목표", "2023년 실적")
    assert table.groups == ("2022년", "2022년", "2023년", "2023년")
    assert _nows(table.label_column) == "구분"
    assert [r.label for r in table.rows] == ["취업상담", "취업연계"]
    assert table.cell(0, "2023년 실적") == "620" and table.cell(1, "2022년 목표") == "300"
    _assert_cells(table, fx.MERGED_RESULTS)
    assert block.page == 1
    # What is indexed names every value by its full column.
    assert "취업상담: 2022년 목표 1,000, 2022년 실적 1,100, 2023년 목표 1,200, 2023년 실적 620" in block.index_lines


@pytest.mark.parametrize("fmt", ("pdf", "hwpx"))
def test_plain_table_unit_and_page(made, fmt):
    doc, _ = made[("outline", fmt)]
    block, table = _table_for(doc, fx.PLAIN_BUDGET)
    assert table.columns == ("예산액", "집행액", "집행률(%)") and table.groups == ("", "", "")
    assert table.unit == "천원" and table.units == ("천원", "천원", "%")
    assert table.cell(0, "집행액") == "412,000" and table.cell(1, "집행률(%)") == "45.6"
    assert block.page == 2
    assert all(doc.page_of(r.line[0]) == 2 for r in table.rows)


@pytest.mark.parametrize("fmt", ("pdf", "hwpx"))
def test_outline_markers_make_sections(made, fmt):
    doc, _ = made[("outline", fmt)]
    by_tail = {s.path[-1]: s for s in doc.sections}
    group1, group2 = "고용기회 확대로 지속가능한 일자리 지원", "공공분야 일자리 창출을 통한 고용안정 지원"
    for aspect in ("사업개요", "추진실적", "향후계획"):
        sec = by_tail[aspect]
        assert sec.path[-3:] == ("Ⅱ. 주요업무 추진실적", group1, aspect), sec.path
        assert sec.aspect == aspect and sec.team == "일자리사업팀" and sec.page == 1
    budget = next(s for s in doc.sections if s.aspect.startswith("예산현황"))
    assert budget.path[-2] == group2 and budget.page == 2
    overview = by_tail["사업개요"]
    items = [b for b in overview.blocks if b.kind is BlockKind.ITEM]
    assert [(b.label, b.value) for b in items] == [("사업기간", "2023. 1.~12."), ("지원대상", "만 18세 이상 영등포 구민")]
    # The table sits in the 추진실적 section.
    assert any(b.kind is BlockKind.TABLE for b in by_tail["추진실적"].blocks)


@pytest.mark.parametrize("fmt", ("pdf", "hwpx"))
def test_chunks_carry_pages(made, fmt):
    from ingest.chunker import chunk_document

    doc, _ = made[("outline", fmt)]
    chunks = chunk_document(doc)
    assert chunks and all(c.page >= 1 and c.page_end >= c.page for c in chunks)
    budget = next(c for c in chunks if "공공근로" in c.text)
    assert budget.page == 2 and "공공근로: 예산액 830,000천원" in budget.index_text
    results = next(c for c in chunks if "취업상담" in c.text)
    assert results.page == 1


@pytest.mark.parametrize("fmt", ("pdf", "hwpx"))
@pytest.mark.parametrize("spec_name", ("SEOUL_TARGETS", "SEOUL_BY_TYPE", "SEOUL_OVERALL"))
def test_shipped_report_tables_keep_their_cells(made, fmt, spec_name):
    """The shipped reports' tables with merged group headers, rendered with real cells."""
    doc, rendering = made[("seoul", fmt)]
    spec = getattr(fx, spec_name)
    block, table = _table_for(doc, spec)
    _assert_cells(table, spec)
    assert block.page == rendering.table_pages[["SEOUL_TARGETS", "SEOUL_BY_TYPE", "SEOUL_OVERALL"].index(spec_name)]


@pytest.mark.parametrize("fmt", ("pdf", "hwpx"))
def test_overall_table_columns_name_group_and_leaf(made, fmt):
    doc, _ = made[("seoul", fmt)]
    _, table = _table_for(doc, fx.SEOUL_OVERALL)
    assert [_nows(c) for c in table.columns] == [
        "일자리수(개)목표", "일자리수(개)실적", "일자리수(개)달성률(%)", "예산(억원)예산액", "예산(억원)집행액", "예산(억원)집행율(%)",
    ]
    assert table.cell(1, table.columns[2]) == "88.7"  # 직접일자리 × 달성률
    assert table.cell(2, table.columns[4]) == "1,161"  # 간접일자리 × 집행액
    assert table.units[2] == "%" and table.units[4] == "억원"


@pytest.mark.parametrize("fmt", ("pdf", "hwpx"))
def test_facts_and_cards_from_binary_documents(made, fmt):
    """The fact and card derivations run on a kordoc document (and find the table's cells)."""
    from eligibility.cards import build_cards
    from figures.extract import extract_facts

    doc, _ = made[("outline", fmt)]
    build_cards([doc], {doc.doc_id: list(doc.sections)})
    facts = extract_facts([doc])
    values = {f.raw for f in facts if f.source == "table"}
    assert "830,000천원" in values and "49.6%" in values, sorted(values)


# ── Files that cannot be read: Korean messages ──────────────────────────────────────────────────


def test_image_only_pdf_is_reported_as_scan(tmp_path):
    _need_kordoc()
    path = tmp_path / "스캔본.pdf"
    fx.write_image_only_pdf(path, pages=2)
    with pytest.raises(UnreadableDocument) as exc:
        load_document(path)
    assert exc.value.kind is ProblemKind.SCANNED
    assert "스캔" in exc.value.message and "'스캔본.pdf'" in exc.value.message


@pytest.mark.parametrize("how", ("garbage", "truncated"))
def test_corrupt_pdf_is_reported_as_damaged(tmp_path, how):
    _need_kordoc()
    good = None
    if how == "truncated":
        good = tmp_path / "good.pdf"
        fx.write_pdf(good, fx.OUTLINE_PAGES, _need_font())
    path = tmp_path / "broken.pdf"
    fx.write_corrupt_pdf(path, good)
    with pytest.raises(UnreadableDocument) as exc:
        load_document(path)
    assert exc.value.kind is ProblemKind.CORRUPT
    assert "손상" in exc.value.message


@pytest.mark.parametrize("suffix, data", [(".hwpx", b"PK\x03\x04" + b"\x00" * 200), (".hwp", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)])
def test_corrupt_hancom_files_are_reported_as_damaged(tmp_path, suffix, data):
    _need_kordoc()
    path = tmp_path / f"broken{suffix}"
    path.write_bytes(data)
    with pytest.raises(UnreadableDocument) as exc:
        load_document(path)
    assert "손상" in exc.value.message


@pytest.mark.parametrize("name", PASSWORD_FILES)
def test_password_protected_hancom_files(name):
    if not SHARED.is_dir():
        pytest.skip(NO_SHARED)
    _need_kordoc()
    with pytest.raises(UnreadableDocument) as exc:
        load_document(SHARED / name)
    assert exc.value.kind is ProblemKind.PASSWORD
    assert "암호" in exc.value.message and name in exc.value.message


# ── Real Hancom files (/work/shared/fixtures) ─────────────────────────────────────────────────


def _shared_readable() -> list[str]:
    if not SHARED.is_dir():
        return []
    return sorted(p.name for p in SHARED.iterdir() if p.suffix in (".hwp", ".hwpx") and p.name not in PASSWORD_FILES and p.name != "pyhwp-matrix.hwp")


@pytest.mark.parametrize("name", _shared_readable() or [pytest.param("-", marks=pytest.mark.skip(reason=NO_SHARED))])
def test_real_hancom_files_read(name):
    _need_kordoc()
    doc = load_document(SHARED / name)
    assert doc.format is (SourceFormat.HWPX if name.endswith(".hwpx") else SourceFormat.HWP)
    assert doc.lines and any(line.strip() for line in doc.lines)
    assert doc.sections and sum(len(s.blocks) for s in doc.sections) >= 1
    assert len(doc.pages) == len(doc.lines) and min(doc.pages) >= 1


def test_real_hwpx_table_cells():
    if not SHARED.is_dir():
        pytest.skip(NO_SHARED)
    _need_kordoc()
    doc = load_document(SHARED / "kordoc-dummy.hwpx")
    (_, table), = _tables(doc)
    assert table.label_column == "항목" and table.columns == ("내용",)
    assert table.rows[0].label == "자문위원" and table.cell(0, "내용") == "홍길동"


def test_real_hwp_paragraph_split_across_pages():
    if not SHARED.is_dir():
        pytest.skip(NO_SHARED)
    _need_kordoc()
    doc = load_document(SHARED / "pyhwp-paragraph-split-page.hwp")
    assert set(doc.pages) == {1, 2}


def test_real_hwp_table_only_document():
    """pyhwp-matrix.hwp is a table-only HWP 5 file: a table when kordoc returns one, else a Korean
    'no readable text' note (kordoc 4.14 returns no blocks for it)."""
    if not SHARED.is_dir():
        pytest.skip(NO_SHARED)
    _need_kordoc()
    from ingest.readers.kordoc_reader import run_kordoc

    path = SHARED / "pyhwp-matrix.hwp"
    data = run_kordoc(path)
    kordoc_tables = [b for b in data.get("blocks") or [] if b.get("type") == "table" and b.get("table")]
    if kordoc_tables:
        doc = load_document(path)
        assert _tables(doc), "kordoc returned a table but the document has none"
    else:
        with pytest.raises(UnreadableDocument) as exc:
            load_document(path)
        assert exc.value.kind is ProblemKind.EMPTY and "글자가 없습니다" in exc.value.message


def test_corpus_of_real_files_reads_the_rest_and_reports_passwords(tmp_path):
    """A corpus folder holding the real files (copied to a temp folder, never into the repo)."""
    if not SHARED.is_dir():
        pytest.skip(NO_SHARED)
    _need_kordoc()
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for p in SHARED.iterdir():
        if p.suffix in (".hwp", ".hwpx"):
            shutil.copy(p, corpus / p.name)
    docs, problems = load_corpus(corpus)
    assert {d.doc_id for d in docs} >= {Path(n).stem for n in _shared_readable()}
    by_name = {Path(p.path).name: p for p in problems}
    for name in PASSWORD_FILES:
        assert by_name[name].kind is ProblemKind.PASSWORD
        assert "암호" in by_name[name].message and by_name[name].message.endswith("건너뜁니다.")
