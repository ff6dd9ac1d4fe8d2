"""The 수치 찾기 tab (figures/ui.py) rendered with Streamlit's AppTest on the real facts."""
from __future__ import annotations


import pytest
from streamlit.testing.v1 import AppTest

from app_ui.figures_tab import chart_rows, md_escape

SCRIPT = """
import streamlit as st
from app_ui.figures_tab import render_figures_tab
render_figures_tab(st, None)
"""


@pytest.fixture()
def app():
    return AppTest.from_string(SCRIPT, default_timeout=90).run()


def test_table_download_and_chart(app):
    assert not app.exception
    table = app.dataframe[0].value
    assert len(table) > 400 and list(table.columns[:8]) == ["실국", "대상", "지표", "값", "단위", "기준일", "행", "출처"]
    assert app.get("download_button")
    app.selectbox(key="fig_metric").set_value("집행률").run()
    table = app.dataframe[0].value
    assert set(table["지표"]) == {"집행률"}
    app.selectbox(key="fig_chart_scope").set_value("단위사업").run()
    assert not app.exception
    assert app.get("arrow_vega_lite_chart") or app.get("vega_lite_chart")
    assert any("2023" in c.value for c in app.caption)


def test_filters_narrow_the_table(app):
    app.selectbox(key="fig_office").set_value("경제정책실").run()
    app.text_input(key="fig_query").input("직접일자리").run()
    table = app.dataframe[0].value
    assert len(table) and set(table["실국"]) == {"경제정책실"}
    assert table["대상"].str.contains("직접일자리").all()


def test_chart_rows_one_per_office_one_date():
    from settings import CORPUS_DIR
    from tests import shipped

    rows, notes = chart_rows(shipped.facts(), "달성률", "office")
    assert sorted(f.subject for f in rows) == sorted(["경제정책실", "여성가족정책실", "복지정책실", "노동민생정책관"])
    assert not notes


def test_report_text_is_escaped_for_markdown():
    assert md_escape("<b>x</b> *y* [z](u)") == r"\<b\>x\</b\> \*y\* \[z\]\(u\)"
