"""The same report passages as text, as a PDF and as an HWPX give the same answers.

Passages of the shipped reports that hold a table and its headings (the Seoul committee's ’21
targets, its table by job type, 경제정책실's overall table, 영등포구's budget/execution table) are
rendered as PDF pages (ruled cells, fpdf2) and as an HWPX document (real cells, python-hwpx), each
in its own temp corpus with a README.md manifest, and the verbatim text excerpt in a third. Each
corpus is ingested into its own index (real e5 + Chroma) and the real assistant is asked the same
cell questions: the figure must be the same, taken from the right cell (row label × column), and
the PDF/HWPX citations must carry the page the table is printed on.
"""
from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest

from tests import fixture_docs as fx

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")

FORMATS = ("txt", "pdf", "hwpx")
SEOUL_STEM, YDP_STEM = "seoul-council-excerpt-2021", "yeongdeungpo-excerpt-2023"  # the year in the name dates figures, as in corpus/


def _skip_unless_ready() -> None:
    from ingest.readers.node_runtime import node_status

    status = node_status()
    if not status.ok:
        pytest.skip(f"문서 변환기(kordoc)를 쓸 수 없습니다: {status.problem}")
    if fx.korean_font() is None:
        pytest.skip(fx.NO_FONT_REASON)


def _corpus(root: Path, fmt: str) -> tuple[Path, dict[str, fx.Rendering]]:
    corpus = root / f"corpus-{fmt}"
    corpus.mkdir()
    rendered: dict[str, fx.Rendering] = {}
    docs = ((SEOUL_STEM, fx.SEOUL_TITLE, fx.seoul_text_lines, fx.seoul_pages), (YDP_STEM, fx.YDP_TITLE, fx.ydp_text_lines, fx.ydp_pages))
    for stem, _, text_lines, pages in docs:
        path = corpus / f"{stem}.{fmt}"
        if fmt == "txt":
            path.write_text("\n".join(text_lines()) + "\n", encoding="utf-8")
        elif fmt == "pdf":
            rendered[stem] = fx.write_pdf(path, pages(), fx.korean_font())
        else:
            rendered[stem] = fx.write_hwpx(path, pages())
    (corpus / "README.md").write_text(fx.manifest([(f"{stem}.{fmt}", title) for stem, title, _, _ in docs]), encoding="utf-8")
    return corpus, rendered


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """{format: (assistant, {stem: Rendering}, {stem: Document})} — three corpora, three indexes."""
    _skip_unless_ready()
    from assistant.service import Assistant, AssistantConfig
    from ingest.documents import load_corpus
    from ingest.pipeline import run_ingest

    saved = os.environ.pop("CHROMA_HOST", None)  # a local on-disk Chroma per corpus
    root = tmp_path_factory.mktemp("formats")
    out = {}
    try:
        for fmt in FORMATS:
            corpus, rendered = _corpus(root, fmt)
            report = run_ingest(corpus, root / f"data-{fmt}")
            assert report.problems == [], [p.message for p in report.problems]
            assert report.documents == 2
            docs, _ = load_corpus(corpus)
            out[fmt] = (Assistant.load(AssistantConfig(data_dir=root / f"data-{fmt}")), rendered, {d.doc_id: d for d in docs})
        yield out
    finally:
        if saved is not None:
            os.environ["CHROMA_HOST"] = saved


def _plain(answer: str) -> str:
    """The answer without citation markers and spacing (the numbering of citations may differ)."""
    return re.sub(r"\s+", "", re.sub(r"\[\d+\]", "", answer))


def _row_of(table, label: str) -> int | None:
    want = label.replace(" ", "")
    for i, row in enumerate(table.rows):
        if row.label.replace(" ", "") == want:
            return i
    return None


def _column(table, leaf: str) -> str | None:
    """The model's column whose leaf is `leaf` (columns are "group leaf" when the header is merged)."""
    want = leaf.replace(" ", "")
    for col in table.columns:
        flat = col.replace(" ", "")
        if flat == want or flat.endswith(want):
            return col
    return None


def _labels(rows) -> list[str]:
    return [label.replace(" ", "") for label in rows]


def _model_table(doc, spec: fx.TableSpec):
    """(Table, page) of the document table that renders `spec`: the one with the same row labels."""
    want = _labels(spec.labels())
    for section in doc.sections:
        for block in section.blocks:
            if block.table is not None and _labels(r.label for r in block.table.rows) == want:
                return block.table, block.page
    return None, None


def _model_cell(doc, q: fx.CellQuestion):
    """(value, page) of row label × column in the document's real table for the question, or (None, page)."""
    table, page = _model_table(doc, getattr(fx, q.table))
    if table is None:
        return None, None
    r, col = _row_of(table, q.row), _column(table, q.column)
    return (table.cell(r, col) if r is not None and col is not None else None), page


@pytest.mark.parametrize("q", fx.TABLE_QUESTIONS, ids=lambda q: q.id)
def test_spec_matches_shipped_text(q):
    """The rendered tables hold what the shipped report prints (so PDF/HWPX and text are the same report)."""
    table = getattr(fx, q.table)
    assert fx.spec_cell(table, q.row, q.column) == q.value
    text = "\n".join(fx.seoul_text_lines() + fx.ydp_text_lines())
    assert q.value in text and q.row.replace(" ", "") in text.replace(" ", "")


@pytest.mark.parametrize("fmt", ("pdf", "hwpx"))
@pytest.mark.parametrize("q", fx.TABLE_QUESTIONS, ids=lambda q: q.id)
def test_reader_puts_value_in_the_right_cell(built, fmt, q):
    """Before any retrieval: the reader's Table has the value at row label × column (merged headers expanded)."""
    _, _, docs = built[fmt]
    stem = YDP_STEM if q.table.startswith("YDP") else SEOUL_STEM
    value, page = _model_cell(docs[stem], q)
    assert value == q.value, f"{fmt}: {q.row} × {q.column} = {value!r}, expected {q.value!r}"
    assert page is not None and page >= 1


@pytest.mark.parametrize("q", fx.TABLE_QUESTIONS, ids=lambda q: q.id)
def test_same_answer_from_text_pdf_and_hwpx(built, q):
    answers = {fmt: built[fmt][0].ask(q.question) for fmt in FORMATS}
    for fmt, ans in answers.items():
        assert not ans.abstained, f"{fmt}: abstained: {ans.answer}"
        assert q.value in ans.answer, f"{fmt}: {q.row} × {q.column} should be {q.value}: {ans.answer}"
        assert ans.citations, f"{fmt}: no citation"
        # The cited passage holds the row: the figure comes from that row's line, not another row.
        cited = "\n".join(c.text for c in ans.citations)
        row_lines = [line for line in cited.splitlines() if q.row.replace(" ", "") in line.replace(" ", "")]
        assert any(q.value in line for line in row_lines), f"{fmt}: cited text has no '{q.row}' line with {q.value}:\n{cited}"
    plain = {fmt: _plain(ans.answer) for fmt, ans in answers.items()}
    assert plain["pdf"] == plain["txt"] and plain["hwpx"] == plain["txt"], {f: a.answer for f, a in answers.items()}


@pytest.mark.parametrize("fmt", ("pdf", "hwpx"))
@pytest.mark.parametrize("q", fx.TABLE_QUESTIONS, ids=lambda q: q.id)
def test_paged_citations_carry_the_page(built, fmt, q):
    """The first citation (and the chunk behind it) carries the page the table is printed on."""
    assistant, rendered, docs = built[fmt]
    ans = assistant.ask(q.question)
    first = ans.citations[0]
    chunk = next(c for c in assistant.retriever.chunks.values() if c.doc_id == first.doc_id and c.line_start == first.line_start)
    spec = getattr(fx, q.table)
    tables = [fx.SEOUL_TARGETS, fx.SEOUL_BY_TYPE, fx.SEOUL_OVERALL] if first.doc_id == SEOUL_STEM else [fx.YDP_BUDGET]
    printed_on = rendered[first.doc_id].table_pages[tables.index(spec)]
    assert _model_table(docs[first.doc_id], spec)[1] == printed_on  # the reader's page for the table
    assert isinstance(first.page, int) and first.page == printed_on
    assert chunk.page == printed_on and chunk.page_end >= chunk.page


@pytest.mark.parametrize("fmt", ("pdf", "hwpx"))
def test_json_citations_have_page(built, fmt):
    """`python -m assistant ask --json` prints `Answer.to_dict()`: every citation of a PDF/HWPX answer
    has an int `page` ≥ 1."""
    for q in fx.TABLE_QUESTIONS:
        data = json.loads(json.dumps(built[fmt][0].ask(q.question).to_dict(), ensure_ascii=False))
        assert data["citations"], q.question
        for c in data["citations"]:
            assert "page" in c, "Citation has no 'page' field (assistant/types.py)"
            assert isinstance(c["page"], int) and c["page"] >= 1, (q.question, c["page"])


def test_text_citations_have_no_page(built):
    assistant = built["txt"][0]
    ans = assistant.ask(fx.TABLE_QUESTIONS[0].question)
    chunks = [c for c in assistant.retriever.chunks.values() if c.doc_id == ans.citations[0].doc_id]
    assert chunks and all(c.page == 0 for c in chunks)
    for c in ans.to_dict()["citations"]:
        assert not c.get("page")
