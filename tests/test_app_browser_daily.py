"""The app as a daily tool in a real browser (Debian's headless Chromium via playwright): no request
leaves 127.0.0.1 while the page loads, the page says it is Korean (lang and Streamlit's own labels),
the theme follows the browser, a declined question does not leak into the next one, a reload brings
the conversation back, a comparison arrives as a table and a labelled chart on a phone, and the
수치 찾기 table fits a 1400 px screen and downloads whole won amounts."""
from __future__ import annotations

import csv
import io
import json
import os
from urllib.parse import urlparse

import pytest

from app_ui.figures_tab import KEY_COLUMNS
from app_ui.korean_ui import LABELS
from tests.test_app_browser import ARTIFACTS, CHROMIUM, CHROMIUM_ARGS, REPO, running_app, sync_api

# Every label and tooltip text on the page (aria-label, title, placeholder) and the visible text of
# Streamlit's own controls: what a screen reader says besides our Korean content.
_LABELS_JS = """() => {
  const out = [];
  for (const el of document.querySelectorAll('[aria-label],[title],[placeholder]'))
    for (const a of ['aria-label', 'title', 'placeholder']) if (el.getAttribute(a)) out.push(el.getAttribute(a));
  for (const id of ['stFileUploaderDropzone', 'stChatInput', 'stElementToolbar'])
    for (const el of document.querySelectorAll(`[data-testid=${id}]`)) out.push(...el.innerText.split('\\n').map(s => s.trim()));
  return out;
}"""


@pytest.fixture(scope="module")
def app_url(tmp_path_factory):
    db = tmp_path_factory.mktemp("conversations") / "conversations.sqlite3"
    env = {**os.environ, "PYTHONPATH": str(REPO), "JOBS_CONVERSATIONS_DB": str(db)}
    with running_app(env, "streamlit-daily.log") as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        yield b
        b.close()


def _ask(page, question: str):
    box = page.get_by_test_id("stChatInputTextArea")
    box.wait_for(timeout=60_000)
    box.fill(question)
    box.press("Enter")


def _outside(urls: list[str]) -> list[str]:
    return [u for u in urls if urlparse(u).hostname not in ("127.0.0.1", None) and not u.startswith(("data:", "blob:", "about:"))]


def test_page_load_makes_no_request_outside_localhost_and_says_korean(browser, app_url):
    context = browser.new_context(locale="ko-KR")
    page = context.new_page()
    requested: list[str] = []
    page.on("request", lambda r: requested.append(r.url))
    page.goto(app_url)
    page.get_by_text("색인 상태").wait_for(timeout=60_000)
    page.get_by_test_id("stChatInputTextArea").wait_for(timeout=60_000)
    page.wait_for_function("document.documentElement.lang === 'ko'", timeout=15_000)
    page.wait_for_timeout(2000)  # late requests (favicon, fonts) included
    assert requested and not _outside(requested), _outside(requested)
    page.screenshot(path=str(ARTIFACTS / "daily_start.png"), full_page=True)
    context.close()


def test_decline_then_new_question_then_reload_restores(browser, app_url):
    context = browser.new_context(locale="ko-KR", viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    page.goto(app_url)
    _ask(page, "부산시 일자리 예산은?")
    messages = page.get_by_test_id("stChatMessage")
    messages.filter(has_text="찾을 수 없습니다").last.wait_for(timeout=90_000)
    page.get_by_text("추출형 답변").first.wait_for(timeout=30_000)
    _ask(page, "청년 커뮤니티 활성화 지원 사업 대상은?")
    answer = messages.filter(has_text="39세").last
    answer.wait_for(timeout=60_000)
    assert "이전 질문에 이어서" not in answer.inner_text()
    page.wait_for_function("location.search.includes('c=')", timeout=15_000)
    page.screenshot(path=str(ARTIFACTS / "daily_decline_then_new.png"), full_page=True)

    page.reload()
    page.get_by_test_id("stChatMessage").filter(has_text="39세").first.wait_for(timeout=60_000)
    texts = page.get_by_test_id("stChatMessage").all_inner_texts()
    assert any("부산시 일자리 예산은?" in t for t in texts)
    assert any("청년 커뮤니티 활성화 지원 사업 대상은?" in t for t in texts)
    page.get_by_test_id("stSidebar").get_by_text("부산시 일자리 예산은?").first.wait_for(timeout=15_000)
    page.screenshot(path=str(ARTIFACTS / "daily_reloaded.png"), full_page=True)
    context.close()


def _open(browser, app_url, **options):
    context = browser.new_context(locale="ko-KR", **options)
    page = context.new_page()
    page.goto(app_url)
    page.get_by_test_id("stChatInputTextArea").wait_for(timeout=60_000)
    return context, page


def _english(page) -> list[str]:
    """Streamlit's English strings still on the page (the ones app_ui/korean_ui.py translates)."""
    words = [*LABELS, "per file", "Help for "]
    return sorted({t for t in page.evaluate(_LABELS_JS) for w in words if t and (t == w or t.startswith(w + ":") or (w in ("per file", "Help for ") and w in t))})


def test_streamlit_widgets_speak_korean(browser, app_url):
    context, page = _open(browser, app_url, viewport={"width": 1400, "height": 900})
    page.wait_for_function("document.documentElement.lang === 'ko'", timeout=15_000)
    page.get_by_test_id("stChatInputSubmitButton").and_(page.locator("[aria-label='질문 보내기']")).wait_for(timeout=15_000)
    page.locator("[data-testid=stChatMessageContent][aria-label='도우미 답변']").first.wait_for(timeout=15_000)
    dropzone = page.get_by_test_id("stFileUploaderDropzone")
    dropzone.get_by_text("파일 하나에 최대").wait_for(timeout=15_000)  # not "…MB per file" next to our own limit
    assert _english(page) == []
    page.get_by_role("tab", name="수치 찾기").click()
    page.locator("[data-testid=stDataFrame]:visible").first.wait_for(timeout=60_000)
    _idle(page)
    page.locator("[aria-label^='CSV로 내려받기']").first.wait_for(state="attached", timeout=15_000)
    page.locator("[aria-label^='전체 화면']").first.wait_for(state="attached", timeout=15_000)
    assert _english(page) == []
    context.close()


def test_theme_follows_the_browser(browser, app_url):
    brightness = {}
    for scheme in ("light", "dark"):
        context, page = _open(browser, app_url, color_scheme=scheme)
        rgb = page.evaluate("getComputedStyle(document.querySelector('.stApp')).backgroundColor")
        brightness[scheme] = sum(int(v) for v in rgb[rgb.index("(") + 1:rgb.index(")")].split(",")[:3]) / 3
        context.close()
    assert brightness["light"] > 200 and brightness["dark"] < 60, brightness


def test_comparison_is_a_table_and_a_labelled_chart_on_a_phone(browser, app_url):
    context, page = _open(browser, app_url, viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    requested: list[str] = []
    page.on("request", lambda r: requested.append(r.url))  # the chart loads nothing from outside either
    _ask(page, "실국별 예산 순위는?")
    answer = page.get_by_test_id("stChatMessage").filter(has_text="8,149억원").last
    answer.wait_for(timeout=90_000)
    table = answer.locator("table").first
    table.wait_for(timeout=15_000)
    rows = [r.split("\t") for r in table.inner_text().strip().split("\n")]
    assert rows[0][:2] == ["실국", "예산액 (‘21.5월말 기준)"], rows[0]
    assert [r[0] for r in rows[1:]] == ["1위 복지정책실", "2위 여성가족정책실", "3위 경제정책실", "4위 노동민생정책관"]
    assert [r[1] for r in rows[1:]] == ["8,149억원", "5,938억원", "3,983억원", "386억원"]
    assert "2위" not in answer.locator("p").first.inner_text()  # no run-on "1위 … 2위 …" line above it
    chart = answer.get_by_test_id("stVegaLiteChart")
    chart.scroll_into_view_if_needed()
    # The values are written on the chart (SVG text, no hover) and fit inside it on a 390 px screen.
    page.wait_for_function(
        "(el) => [...el.querySelectorAll('svg text')].some(t => t.textContent === '386억원')", arg=chart.element_handle(),
        timeout=30_000,
    )
    box = chart.bounding_box()
    labels = chart.evaluate(
        "(el) => [...el.querySelectorAll('svg text')].filter(t => t.textContent.endsWith('억원'))"
        ".map(t => { const r = t.getBoundingClientRect(); return [t.textContent, r.left, r.right]; })"
    )
    assert sorted(t for t, _, _ in labels) == sorted(r[1] for r in rows[1:]), labels
    names = chart.evaluate("(el) => [...el.querySelectorAll('svg text')].map(t => t.textContent)")
    assert {"복지정책실", "여성가족정책실", "경제정책실", "노동민생정책관"} <= set(names), names  # every bar named
    assert all(box["x"] <= left and right <= box["x"] + box["width"] + 1 for _, left, right in labels), (box, labels)
    assert box["x"] + box["width"] <= 390
    answer.screenshot(path=str(ARTIFACTS / "daily_comparison_phone.png"))
    assert not _outside(requested), _outside(requested)
    context.close()


def test_figures_table_fits_1400_and_csv_has_whole_won(browser, app_url):
    context, page = _open(browser, app_url, viewport={"width": 1400, "height": 900}, accept_downloads=True)
    page.get_by_role("tab", name="수치 찾기").click()
    frame = page.locator("[data-testid=stDataFrame]:visible").first  # other tabs' tables are hidden
    frame.wait_for(timeout=60_000)
    _idle(page)  # the tab switch reruns the script: measure the table that run drew
    width = frame.evaluate("(el) => el.getBoundingClientRect().width")
    assert sum(KEY_COLUMNS.values()) <= width, (sum(KEY_COLUMNS.values()), width)  # key columns need no scrolling
    with page.expect_download(timeout=30_000) as download:
        page.get_by_role("button", name="CSV 내려받기").click()
    text = open(download.value.path(), encoding="utf-8-sig").read()
    rows = list(csv.DictReader(io.StringIO(text)))
    assert list(rows[0])[: len(KEY_COLUMNS)] == list(KEY_COLUMNS)
    won = [r["수치"] for r in rows if r["단위"] == "원"]
    assert won and all(v.isdigit() for v in won), [v for v in won if not v.isdigit()][:3]
    both = [r for r in rows if "표 " in r["출처"] and "문장 " in r["출처"]]
    assert both, "a figure stated in a sentence and a table is one row with both sources"
    page.screenshot(path=str(ARTIFACTS / "daily_figures_1400.png"))
    context.close()


def _idle(page) -> None:
    """Until the script run has finished (Streamlit shows its status widget while running)."""
    page.wait_for_function("!document.querySelector('[data-testid=stStatusWidget]')", timeout=30_000)


def _choose(page, label: str, option: str) -> None:
    """Pick `option` in the sidebar selectbox `label` (the app reruns on the change)."""
    page.get_by_test_id("stSidebar").get_by_label(label, exact=True).click()
    page.get_by_role("option", name=option, exact=True).click()


def test_scope_is_honoured_by_figures_eligibility_and_generic_answers(browser, app_url):
    context, page = _open(browser, app_url, viewport={"width": 1400, "height": 1000})
    messages = page.get_by_test_id("stChatMessage")
    _choose(page, "문서", "영등포구 일자리정책과 주요업무 보고")
    page.get_by_text("검색 범위: 영등포구 일자리정책과 주요업무 보고").wait_for(timeout=15_000)
    # eligibility: only the 영등포구 report's programs
    _ask(page, "서울 사는 만 29세 미취업 청년인데 지원할 수 있는 사업은?")
    programs = messages.filter(has_text="기준으로 문서의 사업").last  # the finder's reconciled count line
    programs.wait_for(timeout=90_000)
    assert "(영등포구)" in programs.inner_text() and "서울형 뉴딜일자리" not in programs.inner_text()
    # figures: the Seoul report's figure is outside the scope, and the refusal says so and offers more
    _ask(page, "경제정책실 5월말 달성률은?")
    refusal = messages.filter(has_text="안에서만 찾았습니다").last
    refusal.wait_for(timeout=60_000)
    assert "54.8" not in refusal.inner_text()
    refusal.get_by_role("button", name="전체 문서에서 다시 찾기").click()
    messages.filter(has_text="54.8%").last.wait_for(timeout=60_000)
    page.get_by_text("검색 범위: 전체 문서 · 전체 실·국").wait_for(timeout=15_000)
    # generic (extractive) path: an office scope leaves 영등포구 out
    _choose(page, "실·국", "복지정책실")
    _ask(page, "영등포구 일자리플러스센터 위치는?")
    declined = messages.filter(has_text="검색 범위(복지정책실) 안에서만").last
    declined.wait_for(timeout=60_000)
    assert "당산로" not in declined.inner_text()
    page.screenshot(path=str(ARTIFACTS / "daily_scope.png"))
    context.close()


def test_thumbs_down_with_comment_becomes_an_exported_eval_row(browser, app_url):
    context, page = _open(browser, app_url, viewport={"width": 1400, "height": 1000}, accept_downloads=True)
    question = "기술교육원 2021년 시비 예산은?"
    _ask(page, question)
    answer = page.get_by_test_id("stChatMessage").filter(has_not_text=question).last
    page.get_by_text("추출형 답변").first.wait_for(timeout=90_000)
    answer.get_by_role("radio", name="별로예요").click()  # 👎, read out in Korean
    comment = "예산 표의 시비 금액을 답해야 함"
    box = answer.get_by_label("무엇이 틀렸나요? (선택, 평가 질문을 만들 때 씁니다)")
    box.wait_for(timeout=15_000)
    _idle(page)  # text typed while the 👎 run is still drawing is replaced by that run's empty box
    box.fill(comment)
    answer.get_by_role("button", name="의견 저장").click()
    page.get_by_text("의견을 저장했습니다").wait_for(timeout=15_000)
    page.get_by_role("tab", name="평가").click()
    with page.expect_download(timeout=30_000) as download:
        page.get_by_role("button", name="검토용 평가 행 내려받기 (JSONL)").click()
    rows = [json.loads(line) for line in open(download.value.path(), encoding="utf-8") if line.strip()]
    row = next(r for r in rows if r["question"] == question)
    assert row["feedback_comment"] == comment and row["review"] is True
    assert row["answer_contains"] == [] and row["assistant_answer"]  # a person fills in the right answer
    context.close()
