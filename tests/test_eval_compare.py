"""`compare` on two hand-made reports: metric deltas and flipped questions both ways."""
from __future__ import annotations

import json

import pytest

from eval.__main__ import main
from eval.compare import compare_reports
from eval.scoring import METRIC_KEYS


def report(metrics: dict, passed: dict[str, bool], label: str) -> dict:
    full = {k: None for k in METRIC_KEYS} | metrics
    return {
        "meta": {"pipeline": label, "mode": "extractive", "started_at": "2024-01-01T00:00:00"},
        "metrics": full,
        "rows": [
            {"id": rid, "question": f"{rid}번 질문입니다", "passed": ok, "reasons": [] if ok else [f"{rid} 실패 이유"]}
            for rid, ok in passed.items()
        ],
    }


A = report({"answer_acc": 0.5, "hit5": 0.75, "latency_p50_ms": 100.0},
           {"q1": True, "q2": True, "q3": False, "q4": False, "only-a": True}, "baseline")
B = report({"answer_acc": 0.625, "hit5": 0.5, "latency_p50_ms": 80.0},
           {"q1": True, "q2": False, "q3": True, "q4": False, "only-b": False}, "assistant")


def test_deltas_and_flips():
    c = compare_reports(A, B)
    d = {x.key: x for x in c.deltas}
    assert [x.key for x in c.deltas] == list(METRIC_KEYS)
    assert d["answer_acc"].delta == pytest.approx(0.125)
    assert d["hit5"].delta == pytest.approx(-0.25)
    assert d["latency_p50_ms"].delta == pytest.approx(-20.0)
    assert d["mrr"].delta is None  # missing on both sides: no made-up zero
    assert [(f.id, f.question) for f in c.pass_to_fail] == [("q2", "q2번 질문입니다")]
    assert c.pass_to_fail[0].reasons == ["q2 실패 이유"]
    assert [f.id for f in c.fail_to_pass] == ["q3"]
    assert c.only_in_a == ["only-a"] and c.only_in_b == ["only-b"]


def test_identical_reports_have_no_flips():
    c = compare_reports(A, A)
    assert c.pass_to_fail == [] and c.fail_to_pass == []
    assert all(x.delta in (0, None) for x in c.deltas)


def test_cli_prints_deltas_and_flipped_ids(tmp_path, capsys):
    pa, pb = tmp_path / "a" / "report.json", tmp_path / "b" / "report.json"
    for p, r in ((pa, A), (pb, B)):
        p.parent.mkdir()
        p.write_text(json.dumps(r, ensure_ascii=False), encoding="utf-8")
    assert main(["compare", str(pa), str(pb.parent)]) == 0  # a run folder works too
    out = capsys.readouterr().out
    assert "+12.5%p" in out and "-25.0%p" in out and "-20" in out
    p2f = out.index("[통과 → 실패] 1개")
    f2p = out.index("[실패 → 통과] 1개")
    assert p2f < out.index("q2  q2번 질문입니다") < f2p < out.index("q3  q3번 질문입니다")
    assert "only-a" in out and "only-b" in out


def test_cli_missing_file_is_a_korean_error(tmp_path, capsys):
    assert main(["compare", str(tmp_path / "x.json"), str(tmp_path / "y.json")]) == 1
    assert "보고서를 읽을 수 없습니다" in capsys.readouterr().err
