"""The conversation on screen, kept in SQLite (assistant/conversation_store.py): its id rides in the
URL (?c=…), so a reload — or a bookmark — brings the same conversation back."""
from __future__ import annotations

import streamlit as st

from app_ui import state
from assistant.conversation_store import ConversationStore, ConversationSummary
from assistant.types import Answer

CONVERSATION = "conversation_id"
QUERY_KEY = "c"


@st.cache_resource(show_spinner=False)
def store() -> ConversationStore:
    return ConversationStore()


def current_id() -> str:
    """This session's conversation: the one named in the URL when it exists, else a new one."""
    cid = st.session_state.get(CONVERSATION)
    if cid is None:
        wanted = st.query_params.get(QUERY_KEY)
        if wanted and store().exists(wanted):
            _load(wanted)
            cid = wanted
        else:
            cid = store().new_conversation()
        st.session_state[CONVERSATION] = cid
    return cid


def _load(cid: str) -> None:
    st.session_state[state.TURNS] = [state.Turn(t.question, t.answer) for t in store().turns(cid)]
    st.session_state[CONVERSATION] = cid


def record(question: str, answer: Answer) -> None:
    """Keep the turn on screen and in the database; the URL now names this conversation."""
    cid = current_id()
    state.add_turn(question, answer)
    store().add_turn(cid, question, answer)
    st.query_params[QUERY_KEY] = cid


def open_conversation(cid: str) -> None:
    """A sidebar entry's callback."""
    _load(cid)
    st.session_state.pop(state.PENDING, None)
    st.query_params[QUERY_KEY] = cid


def start_new() -> None:
    """"새 대화": an empty conversation (created in the database with its first question)."""
    state.new_conversation()
    st.session_state[CONVERSATION] = store().new_conversation()
    st.query_params.pop(QUERY_KEY, None)


def earlier(limit: int = 15) -> list[ConversationSummary]:
    return store().conversations(limit)
