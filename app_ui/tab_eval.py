"""평가: run an eval set in-process against the app's own Assistant and read the result as a report."""
from __future__ import annotations

import time
from datetime import datetime
from pathlib import Path
from typing import Any

import pandas as pd
import streamlit as st

from app_ui import engine, feedback_panel
from app_ui.render import render_answer
from app_ui.safe_md import escape_inline
from settings import REPO_ROOT
from assistant.types import Answer
from eval.dataset import DatasetError, load_dataset
from eval.report_json import RunMeta, build_report
from eval.report_md import expected_text, fmt_metric, render_markdown
from eval.runner import RowResult, run_dataset
from eval.scoring import METRIC_KEYS, METRIC_LABELS

DATASETS_DIR = REPO_ROOT / "eval" / "datasets"
_REPORT = "eval_report"
_RESULTS = "eval_results"
CATEGORY_LABELS = {
    "figure": "수치", "program_detail": "사업 세부", "district": "영등포구", "eligibility": "자격",
    "meeting": "회의·위원회", "unanswerable": "답변 불가", "paraphrase": "바꿔 말하기",
    "comparison": "비교", "followup": "후속 질문",
}


class _AppPipeline:
    """The eval runner's Pipeline protocol over the app's cached Assistant: no second model load."""

    name = "assistant"

    def __init__(self) -> None:
        self.bot = engine.get_assistant()

    def ask(self, question: str, history: list[Answer] | None = None, qid: str = "", mode: str | None = None) -> Answer:
        return self.bot.ask(question, history=history, qid=qid, mode=mode)


@st.cache_data(show_spinner=False, max_entries=64)
def _dataset_problem(path: str, mtime_ns: int) -> str:
    """"" for a valid eval set; the Korean reason otherwise (other teams keep other JSONL here)."""
    try:
        load_dataset(path)
    except DatasetError as exc:
        return str(exc)
    return ""


def _datasets() -> tuple[list[Path], list[str]]:
    """(valid eval sets, names of the other JSONL files in the folder)."""
    good: list[Path] = []
    skipped: list[str] = []
    for path in sorted(DATASETS_DIR.glob("*.jsonl")):
        if _dataset_problem(str(path), path.stat().st_mtime_ns):
            skipped.append(path.name)
        else:
            good.append(path)
    return good, skipped


def _category(name: str) -> str:
    return CATEGORY_LABELS.get(name, name)


def _run(dataset: Path, limit: int) -> None:
    try:
        rows = load_dataset(dataset)
    except DatasetError as exc:
        st.error(escape_inline(str(exc)))
        return
    rows = rows[:limit] if limit else rows
    started, t0 = datetime.now(), time.perf_counter()
    try:
        pipeline = _AppPipeline()
    except engine.AssistantUnavailable as exc:
        st.error(str(exc))
        return
    load_s = time.perf_counter() - t0
    bar = st.progress(0.0, text="평가 중…")

    def progress(done: int, total: int, result: RowResult) -> None:
        bar.progress(done / total, text=f"평가 중… {done}/{total}")

    results = run_dataset(pipeline, rows, progress=progress)
    bar.empty()
    meta = RunMeta(str(dataset.relative_to(REPO_ROOT)), "assistant", "extractive", started.isoformat(timespec="seconds"),
                   round(time.perf_counter() - t0, 2), round(load_s, 2))
    st.session_state[_REPORT] = build_report(results, meta)
    st.session_state[_RESULTS] = {r.row.id: r for r in results}


def _metrics(report: dict[str, Any]) -> None:
    keys = list(METRIC_KEYS)
    for row in (keys[:5], keys[5:]):
        for col, key in zip(st.columns(5), row):
            col.metric(METRIC_LABELS[key], fmt_metric(key, report["metrics"][key]))


def _chart(report: dict[str, Any]) -> None:
    import altair as alt

    cats = report["by_category"]
    df = pd.DataFrame(
        {
            "분류": [_category(c) for c in cats],
            "통과율": [round(100 * m["passed"] / m["n"], 1) if m["n"] else 0.0 for m in cats.values()],
            "문항": [f"{m['passed']}/{m['n']}" for m in cats.values()],
        }
    )
    st.markdown("**분류별 통과율**")
    # Altair rather than st.bar_chart: a fixed 0–100 % axis, so a glance compares runs, and no
    # vertical axis title (Korean set sideways reads as a column of glyphs).
    y = alt.Y("분류:N", sort="-x", title=None, axis=alt.Axis(labelLimit=200))
    bars = alt.Chart(df).mark_bar(color="#1f5fa8").encode(
        x=alt.X("통과율:Q", scale=alt.Scale(domain=[0, 100]), title="통과율 (%)"), y=y, tooltip=["분류", "통과율", "문항"]
    )
    labels = bars.mark_text(align="left", dx=4, color="#31333f").encode(text="문항:N")
    st.altair_chart((bars + labels).properties(height=34 * len(df) + 20), width="stretch")


def _failures(report: dict[str, Any]) -> None:
    failed = [r for r in report["rows"] if not r["passed"]]
    st.markdown(f"**실패한 문항 {len(failed)}개**")
    if not failed:
        return
    table = pd.DataFrame(
        {
            "id": [r["id"] for r in failed],
            "분류": [_category(r["category"]) for r in failed],
            "질문": [r["question"] for r in failed],
            "기대": [expected_text(r) for r in failed],
            "답변": [("[답변 거절] " if r["abstained"] else "") + (r["answer"] or "") for r in failed],
            "이유": ["; ".join(r["reasons"]) for r in failed],
        }
    )
    st.dataframe(table, hide_index=True, height=min(400, 38 + 35 * len(failed)))
    results: dict[str, RowResult] = st.session_state.get(_RESULTS, {})
    labels = {r["id"]: f"{r['id']} · {r['question']}" for r in failed if r["id"] in results}
    if not labels:
        return
    chosen = st.selectbox("실패 문항 자세히 보기", list(labels), format_func=labels.get, key="eval_failure")
    result = results[chosen]
    with st.container(border=True):
        st.caption(escape_inline("기대: " + expected_text(next(r for r in failed if r["id"] == chosen))))
        for reason in result.score.reasons:
            st.caption(escape_inline("✗ " + reason))
        render_answer(result.answer)


def render() -> None:
    st.caption("평가 세트의 질문을 지금 도우미에게 그대로 묻고, 정답·근거와 맞춰 채점합니다.")
    _run_section()
    st.divider()
    feedback_panel.render()


def _run_section() -> None:
    datasets, skipped = _datasets()
    if not datasets:
        st.info("eval/datasets/에 평가 세트(JSONL)가 없습니다.")
        return
    with st.form("eval_form", border=False):
        ds_col, limit_col = st.columns([3, 1])
        dataset = ds_col.selectbox("평가 세트", datasets, format_func=lambda p: p.name, key="eval_dataset")
        limit = limit_col.number_input("앞에서부터 N문항 (0 = 전체)", min_value=0, value=0, step=10, key="eval_limit")
        run = st.form_submit_button("평가 실행", type="primary", icon=":material/play_arrow:", key="eval_run")
    if skipped:
        st.caption(escape_inline(f"평가 세트 형식이 아니라 목록에서 뺀 파일: {', '.join(skipped)}"))
    if run:
        _run(dataset, int(limit))
    report = st.session_state.get(_REPORT)
    if report is None:
        return
    meta, counts = report["meta"], report["counts"]
    st.caption(
        escape_inline(
            f"{Path(meta['dataset']).name} · {counts['rows']}문항 (답변 가능 {counts['answerable']}, 불가 {counts['unanswerable']}) · "
            f"통과 {counts['passed']} · 오류 {counts['errors']} · {meta['wall_time_s']:.1f}초"
        )
    )
    _metrics(report)
    _chart(report)
    _failures(report)
    st.download_button("보고서 내려받기 (Markdown)", render_markdown(report), file_name="report.md", mime="text/markdown")
