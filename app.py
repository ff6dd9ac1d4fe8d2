"""일자리 사업 도우미 — the Streamlit front end. Run: `streamlit run app.py`.

Every answer comes from `assistant.service.Assistant.ask`, the same path as the CLI and the eval.
"""
from __future__ import annotations

import streamlit as st

from app_ui import chat, engine, page, sidebar, tab_eligibility, tab_eval, tab_figures

st.set_page_config(page_title="일자리 사업 도우미", page_icon=page.icon(), layout="wide")
page.set_korean()
engine.start_loading()  # in the background: the page draws now, the model is ready by the first question

engine_status = sidebar.render()
st.title("일자리 사업 도우미", anchor=False)
# on_change="rerun": `.open` says which tab shows, so the pinned chat box appears only under 질문하기.
ask_tab, eligibility_tab, figures_tab, eval_tab = st.tabs(
    ["질문하기", tab_eligibility.TITLE, tab_figures.TITLE, "평가"], key="main_tab", on_change="rerun"
)
chat.render(ask_tab, is_open=bool(ask_tab.open))
with eligibility_tab:
    tab_eligibility.render()
with figures_tab:
    tab_figures.render()
with eval_tab:
    tab_eval.render()
sidebar.show_engine_status(engine_status)  # last: reflects a model load this run waited for
