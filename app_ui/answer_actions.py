"""Under each answer: export as Markdown (with its citations), copy, and 👍/👎 with a comment."""
from __future__ import annotations

import streamlit as st

from app_ui import conversations
from assistant.types import Answer

RATING_OF_CHOICE = {0: -1, 1: 1}  # st.feedback("thumbs"): 0 = 👎, 1 = 👍
CHOICE_OF_RATING = {v: k for k, v in RATING_OF_CHOICE.items()}


def answer_as_markdown(question: str, answer: Answer) -> str:
    """The answer as a reader would paste it elsewhere: question, answer, numbered sources."""
    lines = [f"## 질문\n\n{question}\n", "## 답변\n", answer.answer.strip(), ""]
    if answer.resolved_question:
        lines.insert(1, f"(이전 질문에 이어서 “{answer.resolved_question}”(으)로 이해함)\n")
    if answer.citations:
        lines.append("## 출처\n")
        for c in answer.citations:
            where = (f"{c.page}쪽, " if c.page else "") + f"{c.line_start}–{c.line_end}행"
            quoted = " ".join(c.text.split())
            quoted = quoted if len(quoted) <= 300 else quoted[:299] + "…"
            lines.append(f"[{c.n}] {c.doc_title} › {c.section} ({where})\n\n> {quoted}\n")
    mode = "생성형(LLM, 근거 확인됨)" if answer.mode == "generative" else "추출형"
    lines.append(f"\n---\n일자리 사업 도우미 · {mode} 답변")
    return "\n".join(lines)


def _save_rating(answer_id: str) -> None:
    choice = st.session_state.get(f"fb-{answer_id}")
    if choice is None:
        conversations.store().clear_feedback(answer_id)
        return
    old = conversations.store().feedback_for(answer_id)
    conversations.store().set_feedback(answer_id, RATING_OF_CHOICE[choice], old.comment if old else "")


def _save_comment(answer_id: str) -> None:
    choice = st.session_state.get(f"fb-{answer_id}")
    rating = RATING_OF_CHOICE.get(choice, -1) if choice is not None else -1
    conversations.store().set_feedback(answer_id, rating, st.session_state.get(f"fbc-{answer_id}", ""))
    st.session_state[f"fbsaved-{answer_id}"] = True


def render(question: str, answer: Answer) -> None:
    if answer.id.startswith("error"):
        return
    stored = conversations.store().feedback_for(answer.id)
    key = f"fb-{answer.id}"
    if key not in st.session_state and stored is not None:
        st.session_state[key] = CHOICE_OF_RATING[stored.rating]
    left, mid, right = st.columns([1, 1, 4], vertical_alignment="center")
    with left:
        st.feedback("thumbs", key=key, on_change=_save_rating, args=(answer.id,))
    md = answer_as_markdown(question, answer)
    mid.download_button("Markdown으로 저장", md, file_name=f"답변-{answer.id}.md", mime="text/markdown",
                        key=f"dl-{answer.id}", icon=":material/download:", on_click="ignore")
    with right.popover("복사", icon=":material/content_copy:"):
        st.caption("오른쪽 위 아이콘을 누르면 복사됩니다.")
        st.code(md, language="markdown", wrap_lines=True)
    if st.session_state.get(key) == 0:  # 👎: what was wrong, for the eval set
        if f"fbc-{answer.id}" not in st.session_state and stored is not None:
            st.session_state[f"fbc-{answer.id}"] = stored.comment
        with st.form(key=f"fbform-{answer.id}", border=False):
            st.text_input("무엇이 틀렸나요? (선택, 평가 질문을 만들 때 씁니다)", key=f"fbc-{answer.id}",
                          placeholder="예: 집행률이 아니라 달성률을 답함")
            st.form_submit_button("의견 저장", on_click=_save_comment, args=(answer.id,))
        if st.session_state.get(f"fbsaved-{answer.id}"):
            st.caption("의견을 저장했습니다. 평가 탭에서 평가 질문으로 내보낼 수 있습니다.")
