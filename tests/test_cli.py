"""The CLI contract from DESIGN.md, run as a user would run it."""
from __future__ import annotations

import json
import os
import subprocess
import sys

ANSWER_KEYS = {"id", "question", "answer", "abstained", "mode", "citations", "retrieved", "latency_ms"}
CITATION_KEYS = {"n", "doc_id", "doc_title", "section", "line_start", "line_end", "text"}
RETRIEVED_KEYS = {"rank", "doc_id", "section", "text", "score"}


def _run(repo_root, *args):
    env = {**os.environ, "PYTHONPATH": str(repo_root)}
    return subprocess.run([sys.executable, "-m", "assistant", *args], cwd=repo_root, env=env,
                          capture_output=True, text=True, timeout=300)


def test_ask_json_shape(repo_root):
    proc = _run(repo_root, "ask", "복지정책실 5월말 집행률은?", "--json")
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert ANSWER_KEYS <= data.keys()
    assert data["mode"] == "extractive" and data["abstained"] is False
    assert "56.2" in data["answer"]
    assert data["citations"] and CITATION_KEYS <= data["citations"][0].keys()
    assert len(data["retrieved"]) == 10 and RETRIEVED_KEYS <= data["retrieved"][0].keys()
    assert [r["rank"] for r in data["retrieved"]] == list(range(1, 11))


def test_ask_rejects_empty_question_in_korean(repo_root):
    proc = _run(repo_root, "ask", "   ")
    assert proc.returncode == 2
    assert "질문을 입력해 주세요." in proc.stderr


def test_batch_writes_one_answer_per_row(repo_root, tmp_path):
    src = tmp_path / "in.jsonl"
    rows = [
        {"id": "q1", "question": "제4차 회의 일시는?"},
        {"id": "q2", "question": "그럼 장소는?", "history": ["제4차 회의 일시는?"]},
        {"id": "q3", "question": ""},
    ]
    src.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), encoding="utf-8")
    out = tmp_path / "out.jsonl"
    proc = _run(repo_root, "batch", str(src), str(out))
    assert proc.returncode == 0, proc.stderr
    answers = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [a["id"] for a in answers] == ["q1", "q2", "q3"]
    assert ANSWER_KEYS <= answers[0].keys() and len(answers[0]["retrieved"]) == 10
    assert "2021.7.1" in answers[0]["answer"].replace(" ", "")
    assert "기획경제위원회 회의실" in answers[1]["answer"]
    assert answers[2]["error"] == "질문을 입력해 주세요."
    assert all(a.get("latency_ms", 0) < 5000 for a in answers[:2])
