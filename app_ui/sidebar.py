"""Sidebar: index status, answer mode, search scope, re-ingest and upload."""
from __future__ import annotations

from datetime import datetime

import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from app_ui import conversations, engine, index_info, reindex, state, upload_panel
from app_ui.safe_md import escape_inline
from settings import CORPUS_DIR, DATA_DIR
from ingest.pipeline import is_up_to_date

_ENGINE_LABELS = {
    "ready": ":green[●] 답변 준비됨",
    "loading": ":orange[●] 준비 중… (모델과 색인을 불러오는 중, 보통 몇 초)",
    "error": ":red[●] 불러오기 실패",
}


def _built_at(text: str) -> str:
    try:
        return datetime.fromisoformat(text).strftime("%Y-%m-%d %H:%M")
    except ValueError:
        return text or "알 수 없음"


def show_engine_status(slot: DeltaGenerator | None) -> None:
    if slot is not None:
        status = engine.status()
        seconds = engine.load_seconds() if status == "ready" else None
        slot.caption(_ENGINE_LABELS[status] + (f" (불러오기 {seconds:.1f}초)" if seconds else ""))


def _status() -> DeltaGenerator | None:
    st.subheader("색인 상태")
    manifest = index_info.manifest()
    if manifest is None:
        st.warning("색인이 없습니다. 아래 ‘다시 색인’을 눌러 만들어 주세요.")
        return None
    docs, chunks = st.columns(2)
    docs.metric("문서", f"{len(manifest.titles)}개")
    chunks.metric("청크", f"{manifest.chunk_count:,}개")
    st.caption(f"마지막 색인: {_built_at(manifest.built_at)} · {escape_inline(manifest.backend or '로컬 Chroma')}")
    if not is_up_to_date(CORPUS_DIR, DATA_DIR):
        st.warning("색인 이후 보고서나 분석 방식이 바뀌었습니다. ‘다시 색인’을 눌러 주세요.")
    # Filled at the end of the run (app.py), so it tells the state after this run's question.
    # Not polled: a timed fragment rerun landing while a question is being answered cancels that run.
    return st.empty()


def _mode() -> None:
    if state.llm_configured():
        st.radio("답변 방식", list(state.MODE_LABELS.values()), key=state.MODE, horizontal=True)
    else:
        st.radio("답변 방식", [state.EXTRACTIVE_NO_LLM], disabled=True,
                 help="보고서 문장을 그대로 골라 답합니다. LLM_BASE_URL과 LLM_MODEL을 설정하면 생성형을 고를 수 있습니다(README ‘LLM 연결(선택)’).")


def _filters() -> None:
    st.subheader("검색 범위")
    snap = index_info.snapshot()
    # "" (not None) means "all": a None value would show the selectbox as empty, with a clear button.
    doc_ids = ["", *sorted(snap.titles)]
    if st.session_state.get(state.FILTER_DOC, "") not in doc_ids:
        st.session_state[state.FILTER_DOC] = ""  # the document left the index
    st.selectbox("문서", doc_ids, key=state.FILTER_DOC,
                 format_func=lambda d: snap.titles.get(d, d) if d else "전체 문서")
    offices = ["", *snap.office_options(st.session_state.get(state.FILTER_DOC) or None)]
    if st.session_state.get(state.FILTER_OFFICE, "") not in offices:
        st.session_state[state.FILTER_OFFICE] = ""  # not an office of the chosen document
    st.selectbox("실·국", offices, key=state.FILTER_OFFICE, disabled=len(offices) == 1,
                 format_func=lambda o: o or "전체 실·국",
                 help=None if len(offices) > 1 else "이 문서에는 실·국 구분이 없습니다.")


def _earlier_conversations() -> None:
    st.subheader("이전 대화")
    items = conversations.earlier()
    current = conversations.current_id()
    if not items:
        st.caption("아직 저장된 대화가 없습니다. 질문하면 이곳에 남습니다.")
        return
    for c in items:
        label = f"{c.title} ({c.turns}턴)"
        st.button(escape_inline(label), key=f"conv-{c.id}", width="stretch", type="primary" if c.id == current else "secondary",
                  on_click=conversations.open_conversation, args=(c.id,), help=f"마지막 질문: {_built_at(c.updated_at)}")


def _manage() -> None:
    st.subheader("보고서 관리")
    if st.button("다시 색인", icon=":material/sync:", width="stretch",
                 help="바뀐 보고서만 다시 읽고, 새 청크만 임베딩합니다."):
        report = reindex.run_with_progress()
        if report is not None:
            st.session_state[state.INGEST_NOTICE] = reindex.notice_lines(report)
            st.rerun()  # redraw the status above with the new manifest
    for kind, message in st.session_state.get(state.INGEST_NOTICE, []):
        (st.success if kind == "success" else st.warning)(message)
    upload_panel.render()


def render() -> DeltaGenerator | None:
    """Draw the sidebar; returns the slot for the model status (see `show_engine_status`)."""
    with st.sidebar:
        engine_slot = _status()
        _mode()
        _filters()
        st.divider()
        _earlier_conversations()
        st.divider()
        _manage()
    return engine_slot
