"""The app as a daily tool in a real browser (Debian's headless Chromium via playwright): no request
leaves 127.0.0.1 while the page loads, the page says it is Korean, a declined question does not
leak into the next one, and a reload brings the conversation back."""
from __future__ import annotations

import os
from urllib.parse import urlparse

import pytest

from tests.test_app_browser import ARTIFACTS, CHROMIUM, CHROMIUM_ARGS, REPO, running_app, sync_api


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
    outside = [u for u in requested if urlparse(u).hostname not in ("127.0.0.1", None) and not u.startswith(("data:", "blob:", "about:"))]
    assert requested and not outside, outside
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
