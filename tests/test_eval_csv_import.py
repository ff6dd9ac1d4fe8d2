"""CSV → JSONL importer: encodings, exact rows, all-or-nothing errors with line numbers."""
from __future__ import annotations

import json

import pytest

from eval.__main__ import main
from eval.csv_import import CsvImportError, import_csv

GOOD_CSV = (
    "질문,정답,근거,분류\r\n"
    "특위 위원장은 누구인가요?,이준형,위원장(이준형 의원),회의\r\n"
    "부위원장 두 사람은?,노승재 ; 이성배|이 성배,\"부위원장(노승재 의원,|노승재부위원장\",회의\r\n"
    "부산시 청년 예산은?,,,\r\n"
    "\r\n"
    "영등포구 일자리정책과 팀 수는?, 3개 | 3 ,일자리사업팀 상생기업팀 청년지원팀,\r\n"
)

EXPECTED = [
    {"id": "csv-001", "category": "회의", "question": "특위 위원장은 누구인가요?",
     "answer_contains": [["이준형"]], "evidence_contains": ["위원장(이준형 의원)"], "answerable": True},
    {"id": "csv-002", "category": "회의", "question": "부위원장 두 사람은?",
     "answer_contains": [["노승재"], ["이성배", "이 성배"]],
     "evidence_contains": ["부위원장(노승재 의원,", "노승재부위원장"], "answerable": True},
    {"id": "csv-003", "category": "미분류", "question": "부산시 청년 예산은?",
     "answer_contains": [], "evidence_contains": [], "answerable": False},
    {"id": "csv-004", "category": "미분류", "question": "영등포구 일자리정책과 팀 수는?",
     "answer_contains": [["3개", "3"]], "evidence_contains": ["일자리사업팀 상생기업팀 청년지원팀"],
     "answerable": True},
]


def read_jsonl(path):
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


@pytest.mark.parametrize(
    "encode",
    [
        lambda s: b"\xef\xbb\xbf" + s.encode("utf-8"),
        lambda s: s.encode("utf-8"),
        lambda s: s.encode("cp949"),
        lambda s: s.encode("euc-kr"),
    ],
    ids=["utf-8-bom", "utf-8", "cp949", "euc-kr"],
)
def test_good_file_converts_to_exact_rows(tmp_path, encode):
    src, out = tmp_path / "in.csv", tmp_path / "out.jsonl"
    src.write_bytes(encode(GOOD_CSV))
    rows = import_csv(src, out)
    assert len(rows) == 4
    assert read_jsonl(out) == EXPECTED
    assert not (tmp_path / "out.jsonl").read_text(encoding="utf-8").startswith("\ufeff")


def test_id_column_is_used_when_present(tmp_path):
    src, out = tmp_path / "in.csv", tmp_path / "out.jsonl"
    src.write_text("id,질문,정답,근거\nmy-1,질문 하나,가,근거 가\nmy-2,질문 둘,,\n", encoding="utf-8")
    import_csv(src, out)
    assert [r["id"] for r in read_jsonl(out)] == ["my-1", "my-2"]


def test_cli_reports_success(tmp_path, capsys):
    src, out = tmp_path / "in.csv", tmp_path / "sub" / "out.jsonl"
    src.write_bytes(GOOD_CSV.encode("cp949"))
    assert main(["import-csv", str(src), str(out)]) == 0
    assert "4개 문항" in capsys.readouterr().out
    assert read_jsonl(out) == EXPECTED


@pytest.mark.parametrize(
    "text, line, words",
    [
        ("질문,정답\n질문,답\n", 1, ["필수 열", "근거"]),
        ("질문,정답,근거\n좋은 질문,답,근거\n,답,근거\n", 3, ["질문이 비어"]),
        ("질문,정답,근거\n좋은 질문,답,근거\n\n다른 질문,답,\n", 4, ["근거가 있어야"]),
        ("질문,정답,근거\n좋은 질문,답\n", 2, ["열 개수"]),
        ("질문,정답,근거\n\"여러 줄\n질문\",답,근거\n질문,답,근거,남는 값\n", 4, ["열 개수"]),
    ],
    ids=["missing-column", "missing-question", "answer-without-evidence", "short-row", "extra-cells"],
)
def test_malformed_rows_stop_with_korean_error_and_write_nothing(tmp_path, capsys, text, line, words):
    src, out = tmp_path / "in.csv", tmp_path / "out.jsonl"
    src.write_text(text, encoding="utf-8")
    with pytest.raises(CsvImportError) as err:
        import_csv(src, out)
    assert err.value.line == line
    assert str(err.value).startswith(f"{line}번째 줄: ")
    for w in words:
        assert w in str(err.value)
    assert main(["import-csv", str(src), str(out)]) == 1
    stderr = capsys.readouterr().err
    assert f"{line}번째 줄" in stderr and "변환을 중단" in stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.csv"]  # no output, no temp leftovers


def test_failed_import_leaves_an_existing_output_untouched(tmp_path):
    src, out = tmp_path / "in.csv", tmp_path / "out.jsonl"
    out.write_text("old\n", encoding="utf-8")
    src.write_text("질문,정답,근거\n좋은 질문,답,근거\n,답,근거\n", encoding="utf-8")
    with pytest.raises(CsvImportError):
        import_csv(src, out)
    assert out.read_text(encoding="utf-8") == "old\n"


def test_undecodable_file_is_a_korean_error(tmp_path):
    src = tmp_path / "in.csv"
    src.write_bytes(b"\xff\xfe\x00\xd8garbage\x80\x80")
    with pytest.raises(CsvImportError, match="인코딩"):
        import_csv(src, tmp_path / "out.jsonl")
    assert not (tmp_path / "out.jsonl").exists()
