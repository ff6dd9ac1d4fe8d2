"""Session state in one place: the conversation, the search scope and the answer mode."""
from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

from assistant.types import Answer
from retrieval.hybrid import SearchFilters

TURNS = "turns"
PENDING = "pending_question"
FILTER_DOC = "filter_doc"
FILTER_OFFICE = "filter_office"
MODE = "answer_mode"
INGEST_NOTICE = "ingest_notice"

EXTRACTIVE_NO_LLM = "추출형(LLM 없음)"
MODE_LABELS = {"extractive": "추출형", "generative": "생성형(LLM)"}


@dataclass(frozen=True)
class Turn:
    question: str
    answer: Answer


def turns() -> list[Turn]:
    return st.session_state.setdefault(TURNS, [])


def add_turn(question: str, answer: Answer) -> None:
    turns().append(Turn(question, answer))


def history() -> list[Answer]:
    """What the core needs to resolve a follow-up ("그럼 집행률은?")."""
    return [t.answer for t in turns()]


def new_conversation() -> None:
    st.session_state[TURNS] = []
    st.session_state.pop(PENDING, None)


def ask_later(question: str) -> None:
    """An example button's callback: the question is asked on the rerun it triggers."""
    st.session_state[PENDING] = question


def take_pending() -> str | None:
    return st.session_state.pop(PENDING, None)


def filters() -> SearchFilters:
    return SearchFilters(doc_id=st.session_state.get(FILTER_DOC) or None, office=st.session_state.get(FILTER_OFFICE) or None)


def llm_configured() -> bool:
    """LLM_BASE_URL + LLM_MODEL (env or llm.toml/settings.toml), as the core reads them."""
    from assistant.llm_config import load_llm_settings

    return load_llm_settings().enabled


def mode() -> str | None:
    """None means the core's default (extractive)."""
    chosen = st.session_state.get(MODE)
    return "generative" if chosen == MODE_LABELS["generative"] and llm_configured() else None
