"""Runner (conversation history, error rows, generative unavailability) and dataset loading."""
from __future__ import annotations

import json

import pytest

from assistant.types import Answer
from eval.dataset import DatasetError, EvalRow, load_dataset
from eval.runner import ModeUnavailable, run_dataset


class FakePipeline:
    """Deterministic stand-in: records every call and answers from a table."""

    name = "fake"

    def __init__(self, answers: dict[str, str], fail_on: str = "", exc: type[Exception] = ValueError):
        self.answers, self.fail_on, self.exc = answers, fail_on, exc
        self.calls: list[tuple[str, list[str], str, str | None]] = []

    def ask(self, question, history=None, qid="", mode=None):
        self.calls.append((question, [h.question for h in history or []], qid, mode))
        if question == self.fail_on:
            raise self.exc("LLM 엔드포인트가 설정되지 않았습니다")
        return Answer(id=qid, question=question, answer=self.answers.get(question, ""), abstained=False,
                      mode=mode or "extractive", latency_ms=float(len(self.calls) * 100))


def erow(rid, question, groups, history=(), answerable=True) -> EvalRow:
    return EvalRow(id=rid, category="followup", question=question, answer_contains=groups,
                   evidence_contains=["청년지원팀"] if answerable else [], answerable=answerable,
                   history=list(history))


def test_history_questions_are_asked_first_and_only_the_last_answer_is_scored():
    fake = FakePipeline({"팀 구성은?": "청년지원팀 포함 3개 팀", "그 중 두 번째 팀은?": "상생기업팀"})
    r = erow("f1", "그 중 두 번째 팀은?", [["상생기업팀"]], history=["첫 질문", "팀 구성은?"])
    [res] = run_dataset(fake, [r], progress=None)
    assert fake.calls == [
        ("첫 질문", [], "f1#h1", None),
        ("팀 구성은?", ["첫 질문"], "f1#h2", None),
        ("그 중 두 번째 팀은?", ["첫 질문", "팀 구성은?"], "f1", None),
    ]
    assert res.answer.answer == "상생기업팀" and res.score.passed
    assert res.score.latency_ms == 300.0  # the last answer's latency, not the sum
    assert [h.question for h in res.history_answers] == ["첫 질문", "팀 구성은?"]


def test_a_failing_row_is_recorded_and_the_run_continues():
    fake = FakePipeline({"둘째": "청년지원팀"}, fail_on="첫째")
    rows = [erow("a", "첫째", [["x"]]), erow("b", "둘째", [["청년지원팀"]])]
    progress = []
    res = run_dataset(fake, rows, progress=lambda i, n, r: progress.append((i, n, r.row.id)))
    assert res[0].error.startswith("ValueError") and not res[0].score.passed
    assert res[0].score.reasons[0].startswith("실행 오류")
    assert res[1].score.passed
    assert progress == [(1, 2, "a"), (2, 2, "b")]


def test_generative_runtime_error_stops_the_run():
    fake = FakePipeline({}, fail_on="q", exc=RuntimeError)
    with pytest.raises(ModeUnavailable):
        run_dataset(fake, [erow("a", "q", [["x"]])], mode="generative", progress=None)


def test_load_dataset_reads_rows_and_names_the_bad_line(tmp_path):
    good = {"id": "d1", "category": "figure", "question": "q", "answer_contains": [["1", "일"]],
            "evidence_contains": ["e"], "answerable": True, "history": ["h"], "derived": {"from": "x"}}
    p = tmp_path / "ds.jsonl"
    p.write_text(json.dumps(good, ensure_ascii=False) + "\n\n", encoding="utf-8")
    [r] = load_dataset(p)
    assert r == EvalRow("d1", "figure", "q", [["1", "일"]], ["e"], True, ["h"], {"from": "x"})

    bad = dict(good, id="d2", answerable="yes")
    p.write_text(json.dumps(good) + "\n" + json.dumps(bad) + "\n", encoding="utf-8")
    with pytest.raises(DatasetError, match="2번째 줄.*answerable"):
        load_dataset(p)
    p.write_text(json.dumps(good) + "\n" + json.dumps(good) + "\n", encoding="utf-8")
    with pytest.raises(DatasetError, match="2번째 줄.*중복"):
        load_dataset(p)
    p.write_text(json.dumps(good) + "\n{not json\n", encoding="utf-8")
    with pytest.raises(DatasetError, match="2번째 줄.*JSON"):
        load_dataset(p)
