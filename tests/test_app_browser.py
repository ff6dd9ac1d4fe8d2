"""The app in a real browser: Debian's headless Chromium (driven by Python playwright) opens the page
served by `streamlit run`, asks a question, and sees the answer with its citation.
Screenshots go to tests/artifacts/ (git-ignored) for a person to look at."""
from __future__ import annotations

import contextlib

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
ARTIFACTS = REPO / "tests" / "artifacts"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--no-first-run",
]
QUESTION = "경제정책실 5월말 달성률은?"

if not CHROMIUM.exists() or shutil.which(str(CHROMIUM)) is None:
    pytest.skip("Chromium이 없습니다 (/usr/bin/chromium): `apt-get install -y chromium chromium-driver`", allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api", reason="playwright가 설치되지 않았습니다 (pip install playwright==1.65.2)")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_healthy(url: str, proc: subprocess.Popen, seconds: float = 60) -> None:
    deadline = time.time() + seconds
    while time.time() < deadline:
        if proc.poll() is not None:
            pytest.fail(f"streamlit exited early with code {proc.returncode}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=1) as r:
                if r.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    pytest.fail("streamlit did not become healthy")


@contextlib.contextmanager
def running_app(env: dict[str, str], log_name: str):
    """`streamlit run app.py` on a free 127.0.0.1 port until the block ends; yields its URL.
    The server's output goes to tests/artifacts/<log_name>, for when a run fails."""
    port = _free_port()
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with (ARTIFACTS / log_name).open("wb") as out:
        proc = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", "app.py", "--server.headless", "true",
             "--server.port", str(port), "--server.address", "127.0.0.1"],
            cwd=REPO, env=env, stdout=out, stderr=subprocess.STDOUT,
        )
        url = f"http://127.0.0.1:{port}"
        try:
            _wait_healthy(url, proc)
            yield url
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                proc.kill()


@pytest.fixture(scope="module")
def app_url():
    with running_app({**os.environ, "PYTHONPATH": str(REPO)}, "streamlit.log") as url:
        yield url


@pytest.fixture(scope="module")
def page(app_url):
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 1000}, locale="ko-KR")
        page.goto(app_url)
        yield page
        browser.close()


def test_question_gets_answer_with_citation(page):
    box = page.get_by_test_id("stChatInputTextArea")
    box.wait_for(timeout=60_000)
    page.get_by_text("색인 상태").wait_for(timeout=30_000)
    page.screenshot(path=str(ARTIFACTS / "app_start.png"), full_page=True)

    started = time.perf_counter()
    box.fill(QUESTION)
    box.press("Enter")
    messages = page.get_by_test_id("stChatMessage")
    answer = messages.filter(has_text="54.8").filter(has_not_text=QUESTION).last
    answer.wait_for(timeout=90_000)
    seconds = time.perf_counter() - started
    citation = answer.get_by_test_id("stExpander").filter(has_text="행").first  # "1 … · 810–825행"
    citation.wait_for()
    assert citation.inner_text().split()[-1].endswith("행")
    assert answer.locator("p").first.inner_text().rstrip().endswith("1")  # the citation marker
    page.get_by_text("추출형 답변").first.wait_for()  # the streamed reply has finished
    page.screenshot(path=str(ARTIFACTS / "app_answer.png"), full_page=True)

    citation.locator("summary").click()
    evidence = citation.locator("strong", has_text="54.8").first
    evidence.wait_for(timeout=10_000)  # the cited number is highlighted in the source passage
    page.wait_for_timeout(600)  # let the expander finish opening
    page.screenshot(path=str(ARTIFACTS / "app_citation.png"), full_page=True)
    print(f"first answer {seconds:.1f}s after asking (model loading in the background since page open)")


def test_new_conversation_then_abstention_lists_nearest_sections(page):
    page.get_by_role("button", name="새 대화").click()
    page.get_by_test_id("stChatMessage").filter(has_text="54.8").wait_for(state="detached", timeout=15_000)
    box = page.get_by_test_id("stChatInputTextArea")
    box.fill("달나라 일자리 사업 예산은?")
    box.press("Enter")
    reply = page.get_by_test_id("stChatMessage").filter(has_text="찾을 수 없습니다").last
    reply.wait_for(timeout=60_000)
    reply.get_by_text("가장 가까운 부분").wait_for()
    assert reply.get_by_test_id("stExpander").count() >= 1
    page.wait_for_timeout(300)
    page.screenshot(path=str(ARTIFACTS / "app_abstain.png"), full_page=True)


def test_eval_tab_runs_and_hides_the_chat_box(page):
    page.get_by_role("tab", name="평가").click()
    page.get_by_test_id("stChatInputTextArea").wait_for(state="detached", timeout=15_000)
    limit = page.get_by_label("앞에서부터 N문항 (0 = 전체)")
    limit.fill("12")
    limit.press("Enter")
    page.get_by_role("button", name="평가 실행").click()
    page.get_by_text("분류별 통과율").wait_for(timeout=120_000)
    page.get_by_text("답변 정확도").first.wait_for()
    page.wait_for_timeout(1500)  # the chart draws after the text
    page.screenshot(path=str(ARTIFACTS / "app_eval.png"), full_page=True)
