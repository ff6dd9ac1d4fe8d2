"""Sidebar part: upload a report, check it, save it into the corpus (asking on a name clash), ingest."""
from __future__ import annotations

import streamlit as st

from app_ui import reindex, state
from app_ui.safe_md import escape_inline
from app_ui.upload import MAX_BYTES, UploadRejected, check_upload, plan_save, save_upload
from settings import CORPUS_DIR

_GEN = "upload_generation"  # bumped after a save, which gives the uploader a fresh, empty key


def _uploader_key() -> str:
    return f"upload_{st.session_state.get(_GEN, 0)}"


def render() -> None:
    # No `type=` filter: a wrong type then gets our Korean message instead of the widget's English one.
    # The widget allows 10 MB so that 5–10 MB files also get the Korean "too big" message.
    uploaded = st.file_uploader(
        f"새 보고서 올리기 (hwp·hwpx·pdf·docx·xlsx·txt·md, 최대 {MAX_BYTES // 1048576}MB)", key=_uploader_key(),
        max_upload_size=MAX_BYTES // 1048576 + 5,
        help="한글(HWP·HWPX), PDF, 워드(DOCX), 엑셀(XLSX), 텍스트(UTF-8·CP949). 암호·DRM이 걸린 문서와 스캔 PDF는 읽을 수 없습니다. 저장한 뒤 바로 색인합니다.",
    )
    if uploaded is None:
        return
    try:
        checked = check_upload(uploaded.name, uploaded.getvalue())
    except UploadRejected as exc:
        st.error(escape_inline(exc.message))
        return
    plan = plan_save(CORPUS_DIR, checked)
    if plan.duplicate_of:
        st.info(f"같은 내용의 보고서가 이미 있습니다: {escape_inline(plan.duplicate_of)}")
        return
    name, replace = plan.target, False
    if plan.conflict:
        # Radio options render Markdown, so the file names are escaped like any other user text.
        options = [f"새 이름으로 저장: {escape_inline(plan.free_name)}"]
        options += [f"기존 {escape_inline(plan.target)} 바꾸기"] if plan.can_replace else []
        choice = st.radio("같은 이름의 보고서가 이미 있습니다. 어떻게 할까요?", options, key=f"{_uploader_key()}_choice")
        replace = choice != options[0]
        name = plan.target if replace else plan.free_name
    st.caption(escape_inline(f"{name} · {checked.encoding} · {checked.lines:,}줄"))
    if st.button("저장하고 색인하기", type="primary", key=f"{_uploader_key()}_save"):
        try:
            saved = save_upload(CORPUS_DIR, checked, name, replace=replace)
        except (UploadRejected, OSError) as exc:
            st.error(escape_inline(getattr(exc, "message", str(exc))))
            return
        report = reindex.run_with_progress()
        notices = [("success", escape_inline(f"‘{saved.name}’을(를) 보고서 폴더에 저장했습니다."))]
        st.session_state[state.INGEST_NOTICE] = notices + (reindex.notice_lines(report) if report else [])
        st.session_state[_GEN] = st.session_state.get(_GEN, 0) + 1
        st.rerun()
