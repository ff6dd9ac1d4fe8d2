"""Shared frame of the feature tabs built in their own packages (자격 찾기 → `eligibility`,
수치 찾기 → `figures`): the package's `ui.render()` when it has one, an honest "준비 중" otherwise."""
from __future__ import annotations

import importlib
import logging
from collections.abc import Callable

import streamlit as st

from app_ui.safe_md import escape_inline

log = logging.getLogger(__name__)


def package_ui(name: str) -> tuple[Callable[[], None] | None, str]:
    """(`<package>.ui.render`, "") or (None, why not) — missing, half-written, or without a tab yet."""
    try:
        module = importlib.import_module(f"{name}.ui")
    except ModuleNotFoundError as exc:
        return None, "" if exc.name in (name, f"{name}.ui") else f"{exc}"
    except Exception as exc:  # being written right now, or broken: not ready
        log.exception("%s.ui could not be imported", name)
        return None, f"{type(exc).__name__}: {exc}"
    render = getattr(module, "render", None)
    return (render, "") if callable(render) else (None, f"{name}.ui에 render()가 없습니다.")


def render_feature(package: str, description: str) -> None:
    render, problem = package_ui(package)
    if render is None:
        st.info(f"준비 중 — {description}", icon=":material/construction:")
        if problem:
            st.caption(escape_inline(f"(화면을 불러오지 못했습니다: {problem})"))
        return
    render_guarded(package, render)


def render_guarded(name: str, render: Callable[[], None]) -> None:
    try:
        render()
    except Exception as exc:  # one feature's bug must not take the chat and the other tabs down
        log.exception("%s tab failed", name)
        st.error(escape_inline(f"이 탭을 그리는 중 오류가 났습니다: {type(exc).__name__}: {exc}"))
