"""End to end: `python -m eval run` in a subprocess on 4 rows built from real report facts."""
from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from settings import E5_MODEL_DIR, REPO_ROOT
from eval.scoring import METRIC_KEYS

ROWS = [
    {"id": "e2e-1", "category": "meeting", "question": "서울시의회 일자리대책 특별위원회 위원장은 누구인가요?",
     "answer_contains": [["이준형"]], "evidence_contains": ["위원장(이준형 의원)"], "answerable": True},
    {"id": "e2e-2", "category": "district", "question": "영등포구 일자리정책과는 어떤 팀들로 구성되어 있나요?",
     "answer_contains": [["일자리사업팀"], ["상생기업팀"], ["청년지원팀"]],
     "evidence_contains": ["일자리사업팀 상생기업팀 청년지원팀"], "answerable": True},
    {"id": "e2e-3", "category": "followup", "question": "그 중 청년 업무는 어느 팀이 맡나요?",
     "answer_contains": [["청년지원팀"]], "evidence_contains": ["청년지원팀"], "answerable": True,
     "history": ["영등포구 일자리정책과의 팀 구성은?"]},
    {"id": "e2e-4", "category": "unanswerable", "question": "부산시 청년 일자리 사업 예산은 얼마인가요?",
     "answer_contains": [], "evidence_contains": [], "answerable": False},
]

ROW_FIELDS = {
    "id", "category", "question", "history", "answerable", "expected", "answer", "abstained", "mode",
    "notice", "resolved_question", "citations", "retrieved", "latency_ms", "history_answers",
    "answer_ok", "citation_ok", "hit_rank", "passed", "reasons", "error",
}

needs_model = pytest.mark.skipif(
    not (E5_MODEL_DIR / "config.json").exists(),
    reason=f"e5 model folder missing ({E5_MODEL_DIR}); run `python -m offline_models` first",
)


def run_eval(tmp_path: Path, pipeline: str) -> tuple[subprocess.CompletedProcess, Path]:
    ds = tmp_path / "four.jsonl"
    ds.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in ROWS), encoding="utf-8")
    out = tmp_path / "out"
    proc = subprocess.run(
        [sys.executable, "-m", "eval", "run", "--dataset", str(ds), "--pipeline", pipeline, "--out", str(out)],
        cwd=REPO_ROOT, capture_output=True, text=True, timeout=900,
        env={**os.environ, "PYTHONIOENCODING": "utf-8"},
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    return proc, out


def check_common(proc: subprocess.CompletedProcess, out: Path) -> dict:
    rep = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert set(rep["metrics"]) == set(METRIC_KEYS)
    assert set(rep["by_category"]) == {"meeting", "district", "followup", "unanswerable"}
    assert [r["id"] for r in rep["rows"]] == ["e2e-1", "e2e-2", "e2e-3", "e2e-4"]
    for r in rep["rows"]:
        assert set(r) == ROW_FIELDS, r["id"]
        assert r["error"] == "", r["error"]
        assert r["latency_ms"] > 0
        assert r["passed"] == (r["reasons"] == [])
        for p in r["retrieved"]:
            assert {"rank", "doc_id", "section", "text", "score"} <= set(p)
        for c in r["citations"]:
            assert {"n", "doc_id", "doc_title", "section", "line_start", "line_end", "text"} <= set(c)
    assert len(rep["rows"][2]["history_answers"]) == 1
    assert rep["rows"][2]["history_answers"][0]["question"] == "영등포구 일자리정책과의 팀 구성은?"
    assert rep["metrics"]["latency_p50_ms"] > 0
    html = (out / "report.html").read_text(encoding="utf-8")
    assert "<svg" in html and "https://" not in html
    assert "# 평가 보고서" in (out / "report.md").read_text(encoding="utf-8")
    assert "답변 정확도" in proc.stdout
    assert "[4/4] e2e-4" in proc.stderr
    return rep


@needs_model
def test_run_langchain_baseline_end_to_end(tmp_path):
    proc, out = run_eval(tmp_path, "langchain-baseline")
    rep = check_common(proc, out)
    rows = {r["id"]: r for r in rep["rows"]}
    # The plain recipe never abstains and always cites its top chunk out of five.
    assert rep["metrics"]["abstain_acc"] == 0.0 and rep["metrics"]["false_abstain"] == 0.0
    assert not rows["e2e-4"]["passed"]
    for r in rows.values():
        assert [p["rank"] for p in r["retrieved"]] == [1, 2, 3, 4, 5]
        assert len(r["citations"]) == 1 and r["citations"][0]["text"] == r["answer"] == r["retrieved"][0]["text"]
        assert r["citations"][0]["doc_id"] in {
            "seoul-council-jobs-committee-report-2021", "yeongdeungpo-job-policy-work-report-2023"}
    # The team list is a 3-line fact at the top of the district report: e5 must rank it in the top 5.
    assert rows["e2e-2"]["hit_rank"] is not None and rows["e2e-2"]["hit_rank"] <= 5


@needs_model
@pytest.mark.skipif(
    importlib.util.find_spec("assistant.service") is None,
    reason="assistant/service.py (the core assistant) does not exist yet",
)
def test_run_assistant_end_to_end(tmp_path):
    proc, out = run_eval(tmp_path, "assistant")
    rep = check_common(proc, out)
    assert all(r["mode"] == "extractive" for r in rep["rows"])
