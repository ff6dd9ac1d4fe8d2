"""Loading reports from the field: encodings, unreadable files, the manifest titles."""
from __future__ import annotations

from ingest.documents import load_corpus

TEXT = "Ⅰ. 일반현황\n1. 구성 목적\n○ 대 상 : 만 18세 이상 구민\n"


def test_cp949_and_euckr_files_are_decoded(tmp_path):
    (tmp_path / "a.txt").write_bytes(TEXT.encode("cp949"))
    (tmp_path / "b.txt").write_bytes(TEXT.encode("euc-kr"))
    (tmp_path / "c.txt").write_bytes(("\ufeff" + TEXT).encode("utf-8"))
    docs, problems = load_corpus(tmp_path)
    assert problems == []
    assert [d.encoding for d in docs] == ["cp949", "cp949", "utf-8"]
    assert all(d.lines[2] == "○ 대 상 : 만 18세 이상 구민" for d in docs)


def test_unreadable_files_are_skipped_with_korean_messages(tmp_path):
    (tmp_path / "good.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02PK")
    (tmp_path / "garbage.txt").write_bytes(bytes([0xFF, 0xFE, 0xFA, 0x80]) * 50)
    (tmp_path / "empty.md").write_text("  \n", encoding="utf-8")
    (tmp_path / "broken.pdf").write_bytes(b"%PDF-1.4")
    (tmp_path / "slides.key").write_bytes(b"keynote")
    docs, problems = load_corpus(tmp_path)
    assert [d.doc_id for d in docs] == ["good"]
    messages = {p.path.rsplit("/", 1)[-1]: p.message for p in problems}
    assert "이진 파일" in messages["binary.txt"]
    assert "인코딩" in messages["garbage.txt"]
    assert "비어 있습니다" in messages["empty.md"]
    assert "읽을 수 없습니다" in messages["broken.pdf"]
    assert "지원하지 않는 형식" in messages["slides.key"] and "hwp" in messages["slides.key"]
    assert all(m.endswith("건너뜁니다.") for m in messages.values())


def test_titles_come_from_the_corpus_manifest(repo_root):
    docs, _ = load_corpus(repo_root / "corpus")
    titles = {d.doc_id: d.title for d in docs}
    assert titles["yeongdeungpo-job-policy-work-report-2023"] == "영등포구 일자리정책과 주요업무 보고"
    assert titles["seoul-council-jobs-committee-report-2021"] == "서울특별시의회 일자리대책 특별위원회 결과보고서"
