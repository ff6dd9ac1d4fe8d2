"""Incremental ingest into a real Chroma on disk with the real e5 embedder."""
from __future__ import annotations

import shutil

import pytest

from reports.generations import collection_name
from ingest.pipeline import run_ingest
from reports.store import load_chunks
from retrieval.chroma_store import make_client, open_collection

YDP = "yeongdeungpo-job-policy-work-report-2023.txt"


@pytest.fixture()
def small_corpus(repo_root, tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(repo_root / "corpus" / YDP, corpus / YDP)
    shutil.copy(repo_root / "corpus" / "README.md", corpus / "README.md")
    (corpus / "extra-note.txt").write_text(
        "Ⅰ. 시험 보고\n1 시험 사업 안내\n□ 사업개요\n○ 대상: 만 20세 이상 시험 구민\n○ 예산: 1,000천원\n",
        encoding="cp949",
    )
    return corpus


def _ids(data_dir):
    """The ids in the current generation's Chroma collection."""
    return set(open_collection(make_client(data_dir), collection_name(data_dir)).get(include=[])["ids"])


def test_noop_change_and_removal(small_corpus, tmp_path, monkeypatch):
    monkeypatch.delenv("CHROMA_HOST", raising=False)
    data = tmp_path / "data"
    seen: list[tuple[str, int, int]] = []
    first = run_ingest(small_corpus, data, progress=lambda s, d, t: seen.append((s, d, t)))
    assert first.documents == 2 and first.problems == []
    assert first.added == first.chunks > 20
    assert _ids(data) == {c.id for c in load_chunks(data)}
    assert ("임베딩", first.added, first.added) in seen  # progress reached the end

    second = run_ingest(small_corpus, data)
    assert second.skipped_noop and second.added == 0 and second.deleted == 0

    # Edit one line: only the chunk holding it is re-embedded.
    path = small_corpus / YDP
    text = path.read_text(encoding="utf-8")
    assert "○ 목표인원: 448명" in text
    path.write_text(text.replace("○ 목표인원: 448명", "○ 목표인원: 450명"), encoding="utf-8")
    third = run_ingest(small_corpus, data)
    assert third.added == 1 and third.deleted == 1 and third.embedded == 1
    assert third.unchanged == third.chunks - 1
    changed = [c for c in load_chunks(data) if "목표인원: 450명" in c.text]
    assert len(changed) == 1 and changed[0].id in _ids(data)

    # Insert a line at the top: text unchanged, so nothing is re-embedded, only line numbers move.
    path.write_text("\n" + path.read_text(encoding="utf-8"), encoding="utf-8")
    fourth = run_ingest(small_corpus, data)
    assert fourth.added == 0 and fourth.updated > 0 and fourth.embedded == 0
    moved = {c.id: c.line_start for c in load_chunks(data)}
    stored = open_collection(make_client(data), collection_name(data)).get(ids=list(moved), include=["metadatas"])
    assert {cid: m["line_start"] for cid, m in zip(stored["ids"], stored["metadatas"])} == moved  # metadata follows

    # Remove the extra file: its chunks disappear from Chroma and from the lexical index.
    (small_corpus / "extra-note.txt").unlink()
    fifth = run_ingest(small_corpus, data)
    assert fifth.deleted >= 1 and fifth.added == 0
    remaining = load_chunks(data)
    assert all(c.doc_id != "extra-note" for c in remaining)
    assert _ids(data) == {c.id for c in remaining}


def test_unreadable_file_is_reported_and_rest_ingested(small_corpus, tmp_path, monkeypatch):
    monkeypatch.delenv("CHROMA_HOST", raising=False)
    (small_corpus / "broken.txt").write_bytes(b"\xff\xfe\x00\x00binary")
    report = run_ingest(small_corpus, tmp_path / "data")
    assert report.documents == 2
    assert [p.message for p in report.problems] == ["'broken.txt': 텍스트 파일이 아닙니다(이진 파일로 보입니다). 건너뜁니다."]
