"""One Assistant per server process, loaded in the background as soon as the page first opens.

Loading (ONNX Runtime with the e5 model, Kiwi, Chroma, the index) takes a few seconds; starting it
on page open instead of on the first question means the answer is usually ready by the time a
question is typed. Until then the sidebar says "준비 중…" and a question waits with a spinner.
"""
from __future__ import annotations

import logging
import time
from concurrent.futures import Future, ThreadPoolExecutor

import streamlit as st

from assistant.service import Assistant

log = logging.getLogger(__name__)
WARM_UP_QUESTION = "경제정책실 5월말 달성률은?"  # first query pays Kiwi's and torch's lazy setup


class AssistantUnavailable(RuntimeError):
    """The model or index could not be loaded; the message is Korean and says what to do."""


_timing: dict[str, float] = {}


def _load() -> Assistant:
    started = time.perf_counter()
    bot = Assistant.load()
    try:
        bot.ask(WARM_UP_QUESTION)
    except Exception:  # a failed warm-up only costs speed, never the app
        log.exception("warm-up question failed")
    _timing["load_s"] = time.perf_counter() - started
    return bot


def load_seconds() -> float | None:
    """How long the background load took (model, index and a warm-up question), once it is done."""
    return _timing.get("load_s")


@st.cache_resource(show_spinner=False)
def _loading() -> Future[Assistant]:
    pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="assistant-load")
    future = pool.submit(_load)
    pool.shutdown(wait=False)
    return future


def start_loading() -> None:
    _loading()


def status() -> str:
    """"ready", "loading" or "error"."""
    future = _loading()
    if not future.done():
        return "loading"
    return "error" if future.exception() is not None else "ready"


def get_assistant() -> Assistant:
    future = _loading()
    try:
        return future.result()
    except Exception as exc:
        _loading.clear()  # let the next attempt retry, e.g. after the index has been built
        raise AssistantUnavailable(f"도우미를 불러오지 못했습니다: {exc or type(exc).__name__}") from exc


def reset() -> None:
    """After a re-ingest: the next question loads the new index (the e5 model itself stays cached)."""
    _loading.clear()
    start_loading()
