"""Generative mode in the Streamlit app (AppTest, real index, a fake LLM): the mode is offered only
when configured, the checked answer says which path answered, and a failed check or a dead endpoint
shows the extractive answer with a notice."""
from __future__ import annotations

from pathlib import Path

import pytest
from langchain_core.language_models.fake_chat_models import GenericFakeChatModel
from langchain_core.messages import AIMessage
from streamlit.testing.v1 import AppTest

from app_ui import state
from assistant.generative import make_chat_model as REAL_CLIENT  # before the fixture swaps it

REPO = Path(__file__).resolve().parent.parent
APP = str(REPO / "app.py")
QUESTION = "경제정책실 5월말 달성률은?"
def _has_index() -> bool:
    from settings import DATA_DIR
    from reports.store import load_manifest

    return load_manifest(DATA_DIR) is not None


pytestmark = pytest.mark.skipif(not _has_index(), reason="no index: run `python -m ingest`")


@pytest.fixture
def llm(monkeypatch, tmp_path):
    """LLM settings from the environment only; `replies` is what the fake model says next."""
    empty = tmp_path / "llm.toml"
    empty.write_text("[llm]\n", encoding="utf-8")
    monkeypatch.setenv("LLM_CONFIG", str(empty))
    monkeypatch.setenv("LLM_BASE_URL", "http://127.0.0.1:9/v1")
    # A new model name per test: the app keeps its Assistant (and its LLM client) across AppTests.
    monkeypatch.setenv("LLM_MODEL", f"fake-{tmp_path.name}")
    monkeypatch.setenv("LLM_TIMEOUT", "3")
    replies: list[str] = []

    def feed():  # one model may serve several questions: the app keeps its Assistant across runs
        while True:
            yield AIMessage(content=replies.pop(0))

    monkeypatch.setattr("assistant.generative.make_chat_model", lambda s: GenericFakeChatModel(messages=feed()))
    return replies


def _ask_generative(question: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=180)
    at.run()
    assert at.sidebar.radio[0].options == list(state.MODE_LABELS.values())
    at.sidebar.radio[0].set_value(state.MODE_LABELS["generative"]).run()
    at.chat_input(key="chat_question").set_value(question).run()
    assert not at.exception, at.exception
    return at


def test_generated_answer_is_shown_with_its_mode(llm):
    llm.append("경제정책실의 5월말 달성률은 54.8%입니다 [1].")
    at = _ask_generative(QUESTION)
    reply = at.chat_message[-1]
    assert "54.8%입니다 :blue-badge[1]" in reply.markdown[0].value
    assert any(c.value.startswith("생성형(LLM, 근거 확인됨) 답변") for c in reply.caption)
    answer = at.session_state[state.TURNS][0].answer
    assert answer.mode == "generative" and answer.grounding["ok"]


def test_ungrounded_text_is_replaced_by_the_extractive_answer(llm):
    llm.append("경제정책실의 달성률은 99.9%입니다 [1].")
    at = _ask_generative(QUESTION)
    reply = at.chat_message[-1]
    assert "99.9" not in " ".join(m.value for m in reply.markdown)
    assert "54.8" in reply.markdown[0].value
    assert any("근거와 맞지 않아" in i.value for i in reply.info)
    assert any(c.value.startswith("추출형 답변") for c in reply.caption)


def test_dead_endpoint_gives_the_extractive_answer_with_a_notice(llm, monkeypatch):
    monkeypatch.setattr("assistant.generative.make_chat_model", REAL_CLIENT)
    monkeypatch.setenv("LLM_BASE_URL", "http://127.0.0.1:1/v1")  # nothing listens on port 1
    at = _ask_generative(QUESTION)
    reply = at.chat_message[-1]
    assert "54.8" in reply.markdown[0].value
    assert any("LLM 서버에 연결할 수 없어" in i.value for i in reply.info)
