"""Rendered reports: self-contained HTML, escaped text, failures first; markdown says the same."""
from __future__ import annotations

import re

from assistant.types import Answer, Citation, RetrievedPassage
from eval.dataset import EvalRow
from eval.report_html import render_html
from eval.report_json import RunMeta, build_report
from eval.report_md import render_markdown, render_summary
from eval.runner import RowResult
from eval.scoring import METRIC_KEYS, score_row

EVIL = '<script>alert("x")</script>'


def result(rid: str, category: str, text: str, answerable=True) -> RowResult:
    row = EvalRow(id=rid, category=category, question=f"{rid} 질문 <b>굵게</b>",
                  answer_contains=[["이준형"]] if answerable else [],
                  evidence_contains=["위원장(이준형 의원)"] if answerable else [], answerable=answerable)
    ans = Answer(
        id=rid, question=row.question, answer=text, abstained=not answerable, mode="extractive",
        citations=[Citation(1, "doc", "제목", "1. 구성", 3, 4, "위원장(이준형 의원) <img src=x>")],
        retrieved=[RetrievedPassage(1, "doc", "1. 구성", "위원장(이준형 의원)", 0.9)],
        latency_ms=12.5,
    )
    return RowResult(row=row, answer=ans, score=score_row(row, ans))


def make_report() -> dict:
    results = [
        result("ok-1", "meeting", "위원장은 이준형 의원입니다."),
        result("bad-1", "meeting <&>", "모르겠습니다 " + EVIL),
        result("un-1", "unanswerable", "", answerable=False),
    ]
    meta = RunMeta(dataset="ds.jsonl", pipeline="langchain-baseline", mode="extractive",
                   started_at="2024-01-01T00:00:00", wall_time_s=1.0, load_time_s=0.5)
    return build_report(results, meta)


def test_report_json_shape():
    rep = make_report()
    assert list(rep["metrics"]) == list(METRIC_KEYS)
    assert set(rep["by_category"]) == {"meeting", "meeting <&>", "unanswerable"}
    assert rep["counts"] == {"rows": 3, "answerable": 2, "unanswerable": 1, "passed": 2, "errors": 0}
    assert rep["metrics"]["answer_acc"] == 0.5 and rep["metrics"]["abstain_acc"] == 1.0


def test_html_is_self_contained_and_escapes_text():
    html = render_html(make_report())
    assert "<svg" in html and "</svg>" in html
    assert not re.search(r"""(src|href)\s*=\s*["']?\s*(https?:)?//""", html, re.I)
    assert "<script" not in html.lower() and "<link" not in html.lower()
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html
    assert "<img" not in html and "&lt;img src=x&gt;" in html
    assert "<b>굵게</b>" not in html and "meeting &lt;&amp;&gt;" in html


def test_failures_come_first_with_expected_and_returned():
    html = render_html(make_report())
    assert html.index(">bad-1<") < html.index(">ok-1<")
    fail_section = html[html.index("실패한 문항"):html.index("통과한 문항")]
    assert ">bad-1<" in fail_section and "(이준형)" in fail_section and "모르겠습니다" in fail_section
    assert "답변에 기대한 내용 없음: 이준형" in fail_section


def test_markdown_and_summary():
    rep = make_report()
    md = render_markdown(rep)
    assert "## 실패한 문항 (1개)" in md and "### bad-1" in md and "### ok-1" not in md
    assert "| 답변 정확도 | 50.0% |" in md
    summary = render_summary(rep)
    assert "답변 정확도" in summary and "unanswerable" in summary and "100.0%" in summary
