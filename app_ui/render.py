"""Answers and their citations on screen. All report and user text goes through `safe_md`."""
from __future__ import annotations

import re
from typing import Any

import pandas as pd
import streamlit as st

from app_ui import comparison_view, index_info
from app_ui.highlight import answer_segment, is_table_row, line_markdown, mark_lines, table_markdown
from app_ui.safe_md import escape_inline, escape_md, join_lines
from assistant.extractive import ABSTAIN_TEXT
from assistant.types import Answer, Citation, RetrievedPassage
from reports.model import SECTION_SEP

NEAREST_SHOWN = 3
NEAREST_CUE = "가장 가까운 부분:"  # how the core's abstention lists the nearest sections
_ESCAPED_MARKER = re.compile(r"\\\[(\d+)\\\]")


def answer_markdown(text: str) -> str:
    """Escaped answer; "- " items stay a list, other lines stay lines, and [n] markers stand out."""
    out: list[str] = []
    in_list = False
    for line in text.split("\n"):
        if not line.strip():
            continue
        is_item = line.startswith("- ")
        if is_item:
            if out and not in_list:
                out.append("")  # a blank line starts the list after a paragraph
            out.append("- " + escape_md(line[2:]))
        elif in_list or not out:
            out += ([""] if out else []) + [escape_md(line)]  # a blank line ends the list
        else:
            out[-1] += "  \n" + escape_md(line)  # hard break: Markdown would join the lines
        in_list = is_item
    return _ESCAPED_MARKER.sub(r":blue-badge[\1]", "\n".join(out))


_TOP_PART = re.compile(r"^[ⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩ]")


def short_section(section: str) -> str:
    """A label that tells sections apart: meeting/office, then program and aspect, no document title
    ("복지정책실 소관(…) › … › 추진현황", not just "추진현황", which every office has)."""
    parts = section.split(SECTION_SEP)[1:] or [section]
    if len(parts) >= 3 and _TOP_PART.match(parts[0]):
        parts = parts[1:]  # "Ⅳ. 주요업무보고" says little once the office is named
    if len(parts) > 3:
        parts = [parts[0], "…", *parts[-2:]]
    return SECTION_SEP.join(parts)


def short_title(title: str, limit: int = 18) -> str:
    """The document's title, shortened for a citation label (the full title is in the caption)."""
    return title if len(title) <= limit else title[: limit - 1] + "…"


def _passage(
    doc_id: str, line_start: int, line_end: int, text: str, evidence: str, spans: tuple[tuple[int, int], ...] = ()
) -> None:
    lines = index_info.numbered_lines(doc_id, line_start, line_end, text)
    marked = mark_lines(lines, evidence, spans)
    # Table evidence (rows with real cells from HWP/PDF/Markdown) is shown as a table.
    parts: list[str] = []  # Markdown paragraphs: runs of lines, or one table
    run: list[str] = []
    i = 0
    while i < len(marked):
        j = i
        while j < len(marked) and is_table_row(marked[j].text):
            j += 1
        if j - i >= 2:
            if run:
                parts.append(join_lines(run))
                run = []
            parts.append(table_markdown(marked[i:j]))
            i = j
            continue
        run.append(line_markdown(marked[i]))
        i += 1
    if run:
        parts.append(join_lines(run))
    st.markdown("\n\n".join(p for p in parts if p.strip()))


def render_citation(c: Citation, answer: Answer) -> None:
    where = (f"{c.page}쪽 · " if getattr(c, "page", None) else "") + f"{c.line_start}–{c.line_end}행"
    label = f":blue-badge[{c.n}] {escape_inline(short_title(c.doc_title))} · {escape_inline(short_section(c.section))} · {where}"
    start, end = index_info.snapshot().sections.get((c.doc_id, c.section), (c.line_start, c.line_end))
    whole = (start, end) == (c.line_start, c.line_end)
    warning = getattr(c, "warning", "")
    if warning:  # outside the expander: visible without opening the passage
        label = ":orange-badge[⚠ 주의] " + label
        st.warning(escape_md(warning), icon=":material/warning:")
    with st.expander(label):
        st.caption(escape_inline(c.section) + f" · {where}" + (" (섹션 전체)" if whole else ""))
        evidence = answer_segment(answer.answer, c.n)
        _passage(c.doc_id, c.line_start, c.line_end, c.text, evidence, tuple(getattr(c, "spans", ()) or ()))
        if not whole and st.toggle(f"섹션 전체 보기 ({start}–{end}행)", key=f"full-{answer.id}-{c.n}"):
            st.divider()
            _passage(c.doc_id, start, end, c.text, evidence, tuple(getattr(c, "spans", ()) or ()))


def render_nearest(p: RetrievedPassage) -> None:
    with st.expander(escape_inline(f"{short_section(p.section)} · {p.line_start}–{p.line_end}행")):
        st.caption(escape_inline(p.section))
        _passage(p.doc_id, p.line_start, p.line_end, p.text, "")


_PROGRAM_COLUMNS = {"name": "사업", "status": "판정", "why": "이유", "reason": "이유", "citation": "출처"}
_PROGRAM_STATUS = {"eligible": "해당", "maybe": "확인 필요", "ineligible": "해당 안 됨", "unstated": "대상 미기재"}


def _programs(programs: list[dict[str, Any]]) -> None:
    """The eligibility verdicts as a table, with Korean headers and statuses."""
    frame = pd.DataFrame(programs).rename(columns=_PROGRAM_COLUMNS)
    if "판정" in frame:
        frame["판정"] = frame["판정"].map(lambda s: _PROGRAM_STATUS.get(s, s))
    with st.expander(f"사업별 판정 ({len(frame)}개)"):
        st.dataframe(frame, hide_index=True, width="stretch")


def _body_markdown(answer: Answer) -> str:
    if answer.abstained and answer.answer.startswith(ABSTAIN_TEXT):
        # The nearest sections follow below as openable passages, not as one long sentence.
        return escape_md(answer.answer.split(NEAREST_CUE, 1)[0].strip())
    if answer.table is not None and answer.mode == "extractive":
        return answer_markdown(answer.table.lead)  # the table below replaces the one-line listing
    return answer_markdown(answer.answer)


def render_answer(answer: Answer) -> None:
    """An answer as it is: an extractive answer is complete when computed, so it is shown at once
    (only a real LLM stream is shown while it is written, in chat._generate)."""
    if answer.resolved_question:
        st.caption(f"이전 질문에 이어서 “{escape_inline(answer.resolved_question)}”(으)로 이해했습니다.")
    st.markdown(_body_markdown(answer))
    comparison_view.render(answer, key=answer.id)
    if answer.notice:
        st.info(escape_md(answer.notice))
    if answer.programs:
        _programs(answer.programs)
    if answer.abstained:
        if answer.retrieved:
            st.caption("가장 가까운 부분 (질문을 바꾸거나 검색 범위를 넓혀 보세요)")
            for p in answer.retrieved[:NEAREST_SHOWN]:
                render_nearest(p)
    elif answer.citations:
        st.caption("출처")
        for c in answer.citations:
            render_citation(c, answer)
    if answer.extra:
        with st.expander("세부 데이터 (JSON)"):
            st.json(answer.extra, expanded=2)
    mode = "생성형(LLM, 근거 확인됨)" if answer.mode == "generative" else "추출형"
    st.caption(f"{mode} 답변 · {answer.latency_ms / 1000:.2f}초")
