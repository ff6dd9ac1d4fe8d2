"""Run the core's incremental ingest from the page, with a progress bar, then drop stale caches."""
from __future__ import annotations

import threading

import streamlit as st

from app_ui import index_info
from app_ui.safe_md import escape_md
from settings import CORPUS_DIR, DATA_DIR
from ingest.pipeline import IngestReport, run_ingest


@st.cache_resource(show_spinner=False)
def _ingest_lock() -> threading.Lock:
    # Two sessions ingesting into the same data/ at once would interleave their writes.
    return threading.Lock()


def summary(report: IngestReport) -> str:
    if report.skipped_noop:
        return f"보고서가 바뀌지 않아 색인이 이미 최신입니다 (문서 {report.documents}개, 청크 {report.chunks}개)."
    return (
        f"색인 완료: 문서 {report.documents}개, 청크 {report.chunks}개 — 새로 추가 {report.added}, "
        f"삭제 {report.deleted}, 위치만 바뀜 {report.updated}, 그대로 {report.unchanged} · {report.seconds:.1f}초"
    )


def run_with_progress() -> IngestReport | None:
    """None when another session is already ingesting (a message says so)."""
    lock = _ingest_lock()
    if not lock.acquire(blocking=False):
        st.warning("다른 사용자가 지금 색인하고 있습니다. 잠시 뒤 다시 눌러 주세요.")
        return None
    try:
        bar = st.progress(0.0, text="색인 준비 중…")

        def progress(stage: str, done: int, total: int) -> None:
            bar.progress(min(1.0, done / total) if total else 1.0, text=f"{stage} ({done}/{total})")

        try:
            report = run_ingest(CORPUS_DIR, DATA_DIR, progress=progress)
        except Exception as exc:  # model folder missing, disk full …: say so, keep the old index
            st.error(f"색인하지 못했습니다: {escape_md(str(exc))}")
            return None
        finally:
            bar.empty()
    finally:
        lock.release()
    if not report.skipped_noop:
        index_info.clear()
        # The loaded Assistant notices the new generation (data/CURRENT) before its next question and
        # reloads the index itself, keeping the e5 model: no engine reset needed.
    return report


def notice_lines(report: IngestReport) -> list[tuple[str, str]]:
    """(kind, escaped message) pairs to show after an ingest: the summary, then each skipped file."""
    lines = [("success", escape_md(summary(report)))]
    lines += [("warning", escape_md(p.message)) for p in report.problems]
    return lines
