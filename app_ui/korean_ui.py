"""Korean for the words Streamlit's own widgets say (screen-reader labels, tooltips, the uploader's
texts) and `<html lang="ko">`.

Streamlit 1.67 has no setting for either: its index.html says lang="en" (streamlit/streamlit#15726,
a page_lang option was proposed in #16024 but is not in 1.67) and the labels are English strings in
its frontend (no i18n, streamlit/streamlit#1353; the uploader's texts, #13500). So one small script,
run in the page itself through `st.html(unsafe_allow_javascript=True)` (our own constant code, no
user text in it), sets the language and rewrites exactly the strings below wherever they appear,
now and in elements drawn later (a MutationObserver).
"""
from __future__ import annotations

import json
import re

import streamlit as st

from app_ui.upload import MAX_BYTES

# Streamlit's English (as in its 1.67 frontend bundle) → what a Korean user hears or reads.
# Whole strings only: a label "Download as CSV: 표 이름" keeps its ": …" context part.
LABELS = {
    "Send message": "질문 보내기",
    "Stop script": "실행 멈추기",
    "Chat message from user": "내 질문",
    "Chat message from assistant": "도우미 답변",
    "Download as CSV": "CSV로 내려받기",
    "Search": "검색",
    "Close Search": "검색 닫기",
    "Show/hide columns": "열 보이기·숨기기",
    "Fullscreen": "전체 화면",
    "Close fullscreen": "전체 화면 닫기",
    "Feedback rating": "답변 평가",
    "Thumbs up": "좋아요",
    "Thumbs down": "별로예요",
    "Upload": "파일 고르기",
    "file upload": "보고서 파일 올리기",
    "Drag and drop files here": "파일을 여기로 끌어다 놓으세요",
    "Drag and drop a file here": "파일을 여기로 끌어다 놓으세요",
    "Copy to clipboard": "클립보드에 복사",
    "Copied": "복사했습니다",
    "Collapse sidebar": "사이드바 접기",
    "Expand sidebar": "사이드바 펼치기",
    "Main menu": "메뉴",
    "Running...": "실행 중…",
    "Clear value": "선택 지우기",
    "Clear all": "모두 지우기",
    "Choose an option": "선택하세요",
    "No results": "결과 없음",
    "Press Enter to apply": "Enter 키를 누르면 적용됩니다",
    "Press Enter to submit form": "Enter 키를 누르면 제출됩니다",
    "Close": "닫기",
    "Open": "열기",
    "Sidebar": "사이드바",
    "Link to heading": "제목 링크",
    "Show data": "데이터 보기",
    "Copy Vega-Lite spec": "그래프 정의 복사",
    "Download as PNG": "PNG로 내려받기",
    "Download as SVG": "SVG로 내려받기",
}
# Labels that end with our own text: "Help for 답변 방식" → "답변 방식 도움말".
PREFIXES = {"Help for ": " 도움말"}
# The uploader's own limit line ("10MB per file") is replaced by ours: the widget allows 10 MB so that
# 5–10 MB files get our Korean "too big" message (app_ui/upload_panel.py), but 5 MB is the real limit.
PER_FILE = f"파일 하나에 최대 {MAX_BYTES // 1048576}MB"
ATTRIBUTES = ("aria-label", "title", "placeholder")
MARKER = "jobs-korean-ui"  # id of the element; its container is hidden by the style next to it

_SCRIPT = """
<style>div[data-testid="stElementContainer"]:has(#%(marker)s){display:none}</style>
<span id="%(marker)s"></span>
<script>
(() => {
  const doc = document;
  doc.documentElement.lang = "ko";
  if (window.__jobsKoreanUi) return;  // one observer per page, however often the script is drawn
  window.__jobsKoreanUi = true;
  const labels = %(labels)s;
  const attrs = %(attrs)s;
  const perFile = /^\\s*\\d+(?:\\.\\d+)?\\s*[KMG]B per file/;
  const perFileText = %(per_file)s;
  const prefixes = %(prefixes)s;
  const word = (s, isAttr) => {
    if (labels[s] !== undefined) return labels[s];
    const i = s.indexOf(": ");  // "Download as CSV: 표 이름" keeps its context
    if (i > 0 && labels[s.slice(0, i)] !== undefined) return labels[s.slice(0, i)] + s.slice(i);
    if (isAttr) for (const p in prefixes) if (s.startsWith(p)) return s.slice(p.length) + prefixes[p];
    return null;
  };
  const fixText = (node) => {
    const text = node.nodeValue;
    if (!text || text.length > 60) return;
    const trimmed = text.trim();
    const korean = word(trimmed, false);
    if (korean !== null) { node.nodeValue = text.replace(trimmed, korean); return; }
    if (perFile.test(text)) node.nodeValue = text.replace(perFile, perFileText);
  };
  const fixAttrs = (el) => {
    for (const a of attrs) {
      const v = el.getAttribute && el.getAttribute(a);
      if (v) { const k = word(v, true); if (k !== null) el.setAttribute(a, k); }
    }
  };
  const walk = (root) => {
    if (root.nodeType === 3) { fixText(root); return; }
    if (root.nodeType !== 1) return;
    fixAttrs(root);
    const tree = doc.createTreeWalker(root, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT);
    for (let n = tree.nextNode(); n; n = tree.nextNode()) n.nodeType === 3 ? fixText(n) : fixAttrs(n);
  };
  const observer = new MutationObserver((changes) => {
    for (const c of changes) {
      if (c.type === "attributes") fixAttrs(c.target);
      else if (c.type === "characterData") fixText(c.target);
      else c.addedNodes.forEach(walk);
    }
    if (doc.documentElement.lang !== "ko") doc.documentElement.lang = "ko";
  });
  observer.observe(doc.body, {subtree: true, childList: true, characterData: true, attributes: true, attributeFilter: attrs});
  walk(doc.body);
})();
</script>
"""


def script() -> str:
    def js(value) -> str:  # JSON is valid JavaScript; "<" written as \\u003c (see below)
        return json.dumps(value, ensure_ascii=False).replace("<", "\\u003c")

    text = _SCRIPT % {"marker": MARKER, "labels": js(LABELS), "attrs": js(list(ATTRIBUTES)), "per_file": js(PER_FILE), "prefixes": js(PREFIXES)}
    # st.html sanitises with DOMPurify, which drops a <script> whose code contains "<" + a letter,
    # "/" or "!" (its SAFE_FOR_XML rule): the code must have none.
    code = text.split("<script>", 1)[1].split("</script>", 1)[0]
    assert not re.search(r"<[/\\w!]", code), "the Korean-labels script would be dropped by st.html"
    return text


def install() -> None:
    """Once per run, before anything else is drawn (the script keeps watching later elements)."""
    st.html(script(), unsafe_allow_javascript=True)
