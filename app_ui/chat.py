"""The chat tab: history, a streamed answer with citations, follow-ups, "새 대화"."""
from __future__ import annotations

import streamlit as st

from app_ui import answer_actions, conversations, engine, index_info, state
from app_ui.render import answer_markdown, render_answer
from app_ui.safe_md import escape_inline, escape_md
from assistant.errors import GenerationUnavailable, QuestionError, validate_question
from streamlit.delta_generator import DeltaGenerator

EXAMPLES = (
    "경제정책실 5월말 달성률은?",
    "청년 커뮤니티 활성화 지원 사업 대상은?",
    "영등포구 일자리플러스센터 위치는?",
)
PLACEHOLDER = "보고서에 대해 물어보세요 (예: 경제정책실 5월말 달성률은?)"


def _scope_caption() -> str:
    f = state.filters()
    titles = index_info.snapshot().titles
    doc = titles.get(f.doc_id, f.doc_id) if f.doc_id else "전체 문서"
    return f"검색 범위: {escape_inline(doc)} · {escape_inline(f.office or '전체 실·국')}"


def _header() -> None:
    left, right = st.columns([5, 1], vertical_alignment="center")
    left.caption(_scope_caption())
    right.button("새 대화", on_click=conversations.start_new, icon=":material/refresh:", width="stretch")


def _welcome() -> None:
    with st.chat_message("assistant"):
        count = len(index_info.snapshot().titles)
        st.markdown(
            f"색인된 일자리 사업 보고서 {count}건에서 찾아, 근거가 된 문장과 함께 답합니다. "
            "보고서에 없는 내용은 없다고 말합니다. 이렇게 물어보세요:"
        )
        titles = sorted(index_info.snapshot().titles.values())
        if titles:
            st.caption(escape_inline("보고서: " + " · ".join(titles)))
        cols = st.columns(len(EXAMPLES))
        for col, example in zip(cols, EXAMPLES):
            col.button(example, on_click=state.ask_later, args=(example,), width="stretch")


def _answer(question: str) -> None:
    try:
        question = validate_question(question)
    except QuestionError as exc:
        st.error(exc.message)
        return
    with st.chat_message("user"):
        st.markdown(escape_md(question))
    with st.chat_message("assistant"):
        try:
            if engine.status() == "loading":
                with st.spinner("준비 중… 모델과 색인을 불러오고 있습니다 (서버 시작 후 처음 한 번, 보통 몇 초)"):
                    bot = engine.get_assistant()
            else:
                bot = engine.get_assistant()
            if state.mode() == "generative":
                answer = _generate(bot, question)
            else:
                answer = bot.ask(question, history=state.history(), mode=state.mode(), filters=state.filters())
        except QuestionError as exc:
            st.error(exc.message)
            return
        except (GenerationUnavailable, engine.AssistantUnavailable) as exc:
            st.error(str(exc))
            return
        render_answer(answer)  # at once: an extractive answer is complete, a generated one was streamed live
        _next_steps(question, answer, fresh=True)
        answer_actions.render(question, answer)
    conversations.record(question, answer)


def _search_everywhere(question: str) -> None:
    st.session_state[state.FILTER_DOC] = ""
    st.session_state[state.FILTER_OFFICE] = ""
    state.ask_later(question)


def _next_steps(question: str, answer, fresh: bool = False) -> None:
    """Buttons for what the answer offers: the programs of a clarifying question, or searching
    everywhere after a refusal under a scope. Only under the latest answer."""
    if not fresh:
        return
    if answer.options:
        cols = st.columns(min(len(answer.options), 3))
        for i, option in enumerate(answer.options):
            cols[i % len(cols)].button(option, key=f"opt-{answer.id}-{i}", on_click=state.ask_later, args=(option,), width="stretch")
    elif answer.abstained and answer.scope:
        st.button("전체 문서에서 다시 찾기", key=f"everywhere-{answer.id}", icon=":material/travel_explore:",
                  on_click=_search_everywhere, args=(question,))


def _generate(bot, question: str):
    """The LLM's text as it is written, marked as a draft; the checked answer then replaces it (the
    extractive one, with a notice, when the text does not hold up against the evidence)."""
    slot = st.empty()
    text = ""
    final = None
    for item in bot.ask_stream(question, history=state.history(), filters=state.filters()):
        if isinstance(item, str):
            text += item
            with slot.container():
                st.caption("생성 중 · 근거 확인 전")
                st.markdown(answer_markdown(text) + " ▌")
        else:
            final = item
    slot.empty()
    return final


def render(tab: DeltaGenerator, is_open: bool) -> None:
    # The input is pinned to the bottom of the page, so it exists only while this tab is shown.
    # submit_mode="disable": a second question sent mid-answer would cancel the run answering the first.
    typed = st.chat_input(PLACEHOLDER, key="chat_question", submit_mode="disable") if is_open else None
    question = typed if typed is not None else state.take_pending()
    conversations.current_id()  # restores the conversation named in the URL (?c=…) on a reload
    with tab:
        _header()
        # An st.empty slot, not a block: in the run that answers the first question it is redrawn
        # empty at once, instead of the welcome's buttons lingering (greyed) until the run ends.
        welcome = st.empty()
        if not state.turns() and question is None:
            with welcome.container():
                _welcome()
        turns = state.turns()
        for i, turn in enumerate(turns):
            with st.chat_message("user"):
                st.markdown(escape_md(turn.question))
            with st.chat_message("assistant"):
                render_answer(turn.answer)
                _next_steps(turn.question, turn.answer, fresh=question is None and i == len(turns) - 1)
                answer_actions.render(turn.question, turn.answer)
        if question is not None:
            _answer(question)
