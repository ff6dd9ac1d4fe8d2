"""App tab 수치 찾기: a filterable table of figure facts with their sources, CSV download, and a bar
chart of one metric across offices, 단위사업 or programs. Every report string is shown as data or as
escaped text, never as HTML."""
from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from app_ui import figure_chart
from figures.copies import StatedFigure, merge_copies
from figures.facts import SCOPES, Fact
from figures.query import IncompatibleFigures, filter_facts, one_as_of
from figures.resolve import pick
from figures.intent import Intent

TITLE = "수치 찾기"
ALL = "전체"
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$])")
# Scopes whose entities line up for a chart, in the order users ask for them.
CHART_SCOPES = ("office", "office_type", "unit_program", "program", "city_type", "item")


def md_escape(text: str) -> str:
    """Markdown-inert text for st.caption/st.markdown (report text may contain *, _, <, [ …)."""
    return _MD_SPECIAL.sub(r"\\\1", text)


def _facts_of(assistant: Any) -> list[Fact]:
    for sp in getattr(assistant, "specialists", []) or []:
        if getattr(sp, "name", "") == "figures":
            return list(sp.facts)
    from settings import DATA_DIR
    from figures.store import load_current_facts

    data_dir = getattr(getattr(assistant, "config", None), "data_dir", None) or DATA_DIR
    return load_current_facts(Path(data_dir))


# Key columns first, sized so that all of them fit a 1400 px wide window with the sidebar open:
# the table is 940 px wide there (measured by tests/test_app_browser_daily.py, which checks the sum);
# 행 fits two line ranges ("331–333, 504–506"), the rest scroll to the right.
KEY_COLUMNS = {"실국": 100, "대상": 180, "지표": 75, "값": 100, "단위": 45, "기준일": 100, "행": 100, "출처": 225}
MORE_COLUMNS = ("연도", "회의", "사업", "범위", "문서", "구역", "수치")


def figures_frame(figures: list[StatedFigure]):
    """The table users see and download: one row per figure (a sentence and a table stating the
    same figure are one row), key columns first, every source line and text in 행/출처."""
    import pandas as pd

    rows = []
    for g in figures:
        f = g.fact
        rows.append({
            "실국": g.joined("office"), "대상": f.subject, "지표": f.metric, "값": f.raw, "단위": f.unit,
            "기준일": f.as_of_text, "행": g.lines, "출처": g.sources,
            "연도": f.period, "회의": g.joined("meeting"), "사업": g.joined("program"), "범위": SCOPES.get(f.scope, f.scope),
            "문서": f.doc_title, "구역": g.joined("section"), "수치": f.value,
        })
    return pd.DataFrame(rows, columns=[*KEY_COLUMNS, *MORE_COLUMNS])


def plain_number(value: float) -> int | float:
    """2157600000000.0 → 2157600000000: whole numbers (all won amounts) without a decimal point."""
    return int(value) if float(value).is_integer() else value


def csv_bytes(frame) -> bytes:
    """The CSV download: UTF-8 with BOM (Excel opens Korean correctly), whole numbers as integers."""
    import pandas as pd

    out = frame.copy()
    # Built as objects: Series.map would infer float64 again and write 2157600000000.0.
    out["수치"] = pd.Series([plain_number(v) for v in out["수치"]], index=out.index, dtype=object)
    return out.to_csv(index=False).encode("utf-8-sig")


def column_config(st) -> dict:
    config = {name: st.column_config.TextColumn(name, width=px) for name, px in KEY_COLUMNS.items()}
    config["수치"] = st.column_config.NumberColumn("수치", help="단위(원·%·개 …)로 바꾼 값", format="localized")
    return config


def chart_rows(facts: list[Fact], metric: str, scope: str) -> tuple[list[Fact], list[str]]:
    """One figure per entity for the chart: same metric and scope, one as-of month, one unit."""
    chosen = [f for f in facts if f.metric == metric and f.scope == scope]
    by_subject: dict[str, list[Fact]] = {}
    for f in chosen:
        by_subject.setdefault(f"{f.subject}|{f.period}|{f.meeting}", []).append(f)
    intent = Intent(text="", op="rank", metrics=[metric])
    rows = [p[0] for group in by_subject.values() if len(p := pick(group, intent)) == 1]
    notes: list[str] = []
    if rows:
        rows, notes = one_as_of(rows)
    units = {f.unit for f in rows}
    if len(units) > 1:
        keep = max(units, key=lambda u: sum(f.unit == u for f in rows))
        notes.append(f"단위가 다른 수치({', '.join(sorted(units - {keep}))})는 그래프에서 뺐습니다.")
        rows = [f for f in rows if f.unit == keep]
    return rows, notes


def _bar_chart(st, rows: list[Fact], metric: str) -> None:
    ordered = sorted(rows, key=lambda f: f.value, reverse=True)
    bars = [figure_chart.Bar(f.subject + (f" ({f.period})" if f.period else ""), f.value, f.raw) for f in ordered]
    figure_chart.draw(st, bars, metric, rows[0].unit, key="fig_chart")


def render_figures_tab(st, assistant: Any = None) -> None:
    st.subheader(TITLE)
    st.caption("보고서의 표와 문장에서 뽑은 수치입니다. 값마다 단위·기준일·출처 행이 붙어 있습니다.")
    try:
        facts = _facts_of(assistant)
    except Exception as exc:  # a missing or damaged index: say what to do
        st.error(f"수치를 불러오지 못했습니다: {exc}. `python -m ingest`로 색인을 만드세요.")
        return
    if not facts:
        st.info("수치가 없습니다. `python -m ingest`로 색인을 만든 뒤 다시 열어 주세요.")
        return

    docs = [ALL, *sorted({f.doc_title for f in facts})]
    offices = [ALL, *sorted({f.office for f in facts if f.office})]
    metrics = [ALL, *sorted({f.metric for f in facts})]
    scopes = [ALL, *[SCOPES[s] for s in SCOPES if any(f.scope == s for f in facts)]]
    c1, c2, c3, c4 = st.columns(4)
    doc = c1.selectbox("문서", docs, key="fig_doc")
    office = c2.selectbox("실·국", offices, key="fig_office")
    metric = c3.selectbox("지표", metrics, key="fig_metric")
    scope_name = c4.selectbox("범위", scopes, key="fig_scope")
    query = st.text_input("검색어 (대상·사업·문장)", key="fig_query", placeholder="예: 직접일자리, 단위사업, 시급")
    scope = next((k for k, v in SCOPES.items() if v == scope_name), "")
    found = filter_facts(
        facts, query=query, office="" if office == ALL else office, metric="" if metric == ALL else metric,
        scope=scope,
    )
    if doc != ALL:
        found = [f for f in found if f.doc_title == doc]
    matched = {id(f) for f in found}
    everything = merge_copies(facts)
    # A figure is listed when any of its copies matches, with all its copies' sources.
    figures = [g for g in everything if any(id(f) in matched for f in g.copies)]
    st.caption(md_escape(f"수치 {len(figures)}개 (전체 {len(everything)}개 · 문장과 표에 함께 나온 같은 수치는 한 줄에 출처를 모두 적었습니다)"))
    frame = figures_frame(figures)
    st.dataframe(frame, hide_index=True, width="stretch", column_config=column_config(st))
    st.download_button("CSV 내려받기", csv_bytes(frame), file_name="figures.csv", mime="text/csv", key="fig_csv",
                       icon=":material/download:", on_click="ignore")

    st.markdown("#### 지표 비교 그래프")
    chart_metrics = sorted({f.metric for f in found}) or ["달성률"]
    preferred = metric if metric in chart_metrics else ("달성률" if "달성률" in chart_metrics else chart_metrics[0])
    g1, g2 = st.columns(2)
    chart_metric = g1.selectbox("지표", chart_metrics, index=chart_metrics.index(preferred), key="fig_chart_metric")
    available = [s for s in CHART_SCOPES if any(f.scope == s and f.metric == chart_metric for f in found)]
    if not available:
        st.info("이 지표로 비교할 수 있는 대상이 없습니다.")
        return
    scope_label = g2.selectbox("비교 대상", [SCOPES[s] for s in available], key="fig_chart_scope")
    chart_scope = next(k for k, v in SCOPES.items() if v == scope_label)
    try:
        rows, notes = chart_rows(found, chart_metric, chart_scope)
    except IncompatibleFigures as exc:
        st.warning(str(exc))
        return
    if len(rows) < 2:
        st.info("그래프를 그리려면 같은 기준의 수치가 둘 이상 있어야 합니다. 필터를 넓혀 보세요.")
        return
    _bar_chart(st, rows, chart_metric)
    dates = sorted({f.as_of_text for f in rows if f.as_of_text})
    st.caption(md_escape(f"기준일: {', '.join(dates) if dates else '보고서에 표기 없음'} · 출처 행은 표에서 확인하세요."))
    for note in notes:
        st.caption(md_escape(note))


def render() -> None:
    """The app's hook (`app_ui.specialist_tab.package_ui`): the tab with the app's Assistant when loaded."""
    import streamlit as st

    assistant = None
    try:
        from app_ui import engine

        if engine.status() == "ready":
            assistant = engine.get_assistant()
    except Exception:  # the table works from data/facts.jsonl without the model
        assistant = None
    render_figures_tab(st, assistant)
