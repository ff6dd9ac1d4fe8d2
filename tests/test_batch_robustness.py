"""Batch and question robustness: bad rows get their own Korean error, good rows their answer, the
output file is complete or absent, and the tokenizer never sees text it cannot take."""
from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from assistant.batch import read_rows, run_batch
from assistant.errors import MAX_QUESTION_CHARS, QuestionError, clean_question, validate_question

GOOD = "경제정책실 5월말 달성률은?"


def _run(repo_root, *args):
    env = {**os.environ, "PYTHONPATH": str(repo_root)}
    return subprocess.run([sys.executable, "-m", "assistant", *args], cwd=repo_root, env=env,
                          capture_output=True, text=True, timeout=300)


def test_cleaning_drops_what_the_tokenizer_cannot_take():
    assert clean_question("경제\ud800정책실\x00 5월말\x07 달성률은?\ufeff") == "경제정책실 5월말 달성률은?"
    assert clean_question("  줄\n바꿈\t탭  ") == "줄 바꿈 탭"
    with pytest.raises(QuestionError, match="읽을 수 있는 글자가 없습니다"):
        validate_question("\ud800\x00\x01")
    with pytest.raises(QuestionError, match="너무 깁니다"):
        validate_question("가" * (MAX_QUESTION_CHARS + 1))
    with pytest.raises(QuestionError, match="질문을 입력해 주세요"):
        validate_question(None)


def test_kiwi_gets_only_clean_text(assistant):
    from retrieval.korean_tokens import tokenize

    with pytest.raises(Exception):
        list(tokenize("달성률\ud800"))  # the failure the cleaning exists for
    answer = assistant.ask(GOOD + "\ud800\x00")
    assert "54.8" in answer.answer and answer.question == GOOD


def test_batch_answers_good_rows_and_reports_bad_ones(repo_root, tmp_path):
    src = tmp_path / "in.jsonl"
    lines = [
        json.dumps({"id": "good", "question": GOOD}, ensure_ascii=False),
        '{"id": "surrogate", "question": "경제정책실 달성률\\ud800은?"}',  # a lone surrogate, as JSON allows
        json.dumps({"id": "empty", "question": ""}),
        json.dumps({"id": "huge", "question": "가" * 50_000}),
        json.dumps({"id": "nul", "question": "\x00\x01\x02"}),
        "{not json",
        json.dumps({"id": "noq"}),
        json.dumps({"id": "badhist", "question": GOOD, "history": ["\x00"]}),
    ]
    src.write_bytes(("\n".join(lines) + "\n").encode("utf-8") + b"\xff\xfe broken\n")
    out = tmp_path / "out.jsonl"
    proc = _run(repo_root, "batch", str(src), str(out))
    assert proc.returncode == 0, proc.stderr
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in rows] == ["good", "surrogate", "empty", "huge", "nul", "row-6", "noq", "badhist", "row-9"]
    by_id = {r["id"]: r for r in rows}
    assert "54.8" in by_id["good"]["answer"]
    assert "answer" in by_id["surrogate"] and "error" not in by_id["surrogate"]  # cleaned, then answered
    assert by_id["empty"]["error"] == "질문을 입력해 주세요."
    assert "너무 깁니다" in by_id["huge"]["error"] and len(by_id["huge"]["question"]) < 300
    assert "읽을 수 있는 글자가 없습니다" in by_id["nul"]["error"]
    assert "JSON 형식이 아닙니다" in by_id["row-6"]["error"]
    assert "'question' 필드가 없습니다" in by_id["noq"]["error"]
    assert by_id["badhist"]["error"].startswith("대화 기록(history)의 1번째 질문")
    assert "UTF-8 텍스트가 아닙니다" in by_id["row-9"]["error"]
    assert "오류 7개" in proc.stderr and "경고: 7개 행은 답하지 못했습니다" in proc.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.jsonl", "out.jsonl"]  # no temp file left


def test_unreadable_input_file_is_a_failed_batch(repo_root, tmp_path):
    proc = _run(repo_root, "batch", str(tmp_path / "missing.jsonl"), str(tmp_path / "out.jsonl"))
    assert proc.returncode == 2 and "입력 파일을 읽을 수 없습니다" in proc.stderr
    assert not (tmp_path / "out.jsonl").exists()


class _Boom:
    """An assistant that answers the first question and is interrupted on the second."""

    def __init__(self, real):
        self.real, self.calls = real, 0

    def ask(self, question, **kw):
        self.calls += 1
        if self.calls == 2:
            raise KeyboardInterrupt
        return self.real.ask(question, **kw)


def test_interrupted_batch_leaves_the_old_output_and_no_temp(assistant, tmp_path):
    src = tmp_path / "in.jsonl"
    src.write_text("\n".join(json.dumps({"id": f"q{i}", "question": GOOD}, ensure_ascii=False) for i in range(3)), encoding="utf-8")
    out = tmp_path / "out.jsonl"
    out.write_text("previous run\n", encoding="utf-8")
    with pytest.raises(KeyboardInterrupt):
        run_batch(_Boom(assistant), read_rows(src), out)
    assert out.read_text(encoding="utf-8") == "previous run\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.jsonl", "out.jsonl"]


def test_internal_error_on_one_row_is_that_rows_error(assistant, tmp_path):
    class Flaky:
        def ask(self, question, **kw):
            if "터져라" in question:
                raise RuntimeError("boom")
            return assistant.ask(question, **kw)

    src = tmp_path / "in.jsonl"
    src.write_text(json.dumps({"id": "a", "question": "터져라"}, ensure_ascii=False) + "\n"
                   + json.dumps({"id": "b", "question": GOOD}, ensure_ascii=False), encoding="utf-8")
    result = run_batch(Flaky(), read_rows(src), tmp_path / "out.jsonl")
    assert result.answered == 1 and result.errors == [("a", "이 질문을 처리하지 못했습니다(내부 오류: RuntimeError).")]


def test_ask_cleans_its_argument(repo_root):
    proc = _run(repo_root, "ask", GOOD + "\x07", "--json")
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["question"] == GOOD
