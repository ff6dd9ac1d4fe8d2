"""The chat as a daily tool, through `streamlit.testing.v1.AppTest` on the real index and Assistant:
a declined question does not leak into the next one, the sidebar scope reaches every answer path,
a reload (the conversation id in the URL) restores the conversation, and 👎 + a comment ends up as
a review row in the exported eval file."""
from __future__ import annotations

import json

import pytest
from streamlit.testing.v1 import AppTest

import assistant.conversation_store as cs
from app_ui import conversations, state
from settings import DATA_DIR, REPO_ROOT

APP = str(REPO_ROOT / "app.py")
TIMEOUT = 180
YDP = "yeongdeungpo-job-policy-work-report-2023"

def _has_index() -> bool:
    from reports.store import load_manifest

    return load_manifest(DATA_DIR) is not None  # the index lives in a generation folder, not data/manifest.json


pytestmark = pytest.mark.skipif(not _has_index(), reason="no index: run `python -m ingest`")


@pytest.fixture(autouse=True)
def own_database(tmp_path, monkeypatch):
    """Each test writes its conversations to its own SQLite file."""
    monkeypatch.setattr(cs, "CONVERSATIONS_DB", tmp_path / "conversations.sqlite3")
    conversations.store.clear()
    yield
    conversations.store.clear()


def _app(**query) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    for k, v in query.items():
        at.query_params[k] = v
    at.run()
    assert not at.exception, at.exception
    return at


def _ask(at: AppTest, question: str) -> AppTest:
    at.chat_input(key="chat_question").set_value(question).run()
    assert not at.exception, at.exception
    return at


def _turns(at: AppTest):
    return at.session_state[state.TURNS]


def test_unrelated_question_after_a_decline_is_answered():
    at = _ask(_app(), "부산시 일자리 예산은?")
    assert _turns(at)[0].answer.abstained
    # The welcome's own example, asked next: answered as itself, not as "부산시 일자리 청년 커뮤니티 …".
    _ask(at, "청년 커뮤니티 활성화 지원 사업 대상은?")
    second = _turns(at)[1].answer
    assert second.resolved_question == "" and not second.abstained
    assert not any("이전 질문에 이어서" in c.value for c in at.chat_message[-1].caption)


def test_sidebar_scope_reaches_generic_figures_and_eligibility_answers():
    at = _app()
    at.sidebar.selectbox(key=state.FILTER_DOC).set_value(YDP).run()
    _ask(at, "서울 사는 만 29세 구직자인데 지원할 수 있는 사업은?")  # eligibility
    _ask(at, "청년 일자리 사업 대상은?")  # generic
    eligibility, generic = (t.answer for t in _turns(at))
    assert eligibility.answered_by == "eligibility" and {c.doc_id for c in eligibility.citations} == {YDP}
    assert generic.answered_by == "extractive" and {c.doc_id for c in generic.citations} == {YDP}
    at.sidebar.selectbox(key=state.FILTER_DOC).set_value("").run()
    at.sidebar.selectbox(key=state.FILTER_OFFICE).set_value("복지정책실").run()
    next(b for b in at.button if b.label == "새 대화").click().run()
    _ask(at, "실국별 달성률 중 가장 높은 곳은?")  # figures
    figures = _turns(at)[0].answer
    assert figures.scope == {"office": "복지정책실"} and "경제정책실" not in figures.answer
    _ask(at, "경제정책실 5월말 달성률은?")  # another office: refused, with the way out
    refused = _turns(at)[1].answer
    assert refused.abstained and "전체 문서에서 다시 찾을까요?" in refused.answer
    everywhere = next(b for b in at.button if b.label == "전체 문서에서 다시 찾기")
    everywhere.click().run()
    assert "54.8" in _turns(at)[2].answer.answer and _turns(at)[2].answer.scope == {}


def test_reload_restores_the_conversation_and_the_sidebar_lists_it():
    at = _ask(_app(), "경제정책실 5월말 달성률은?")
    _ask(at, "그럼 집행률은?")
    cid = at.query_params[conversations.QUERY_KEY]
    cid = cid[0] if isinstance(cid, list) else cid
    reloaded = _app(c=cid)  # a new session, as after a browser reload
    assert [t.question for t in _turns(reloaded)] == ["경제정책실 5월말 달성률은?", "그럼 집행률은?"]
    assert "51.0" in _turns(reloaded)[1].answer.answer
    assert any(b.label.startswith("경제정책실 5월말 달성률은?") for b in reloaded.sidebar.button)
    # The follow-up context survives too: the next follow-up resolves against the restored turns.
    _ask(reloaded, "그럼 복지정책실은?")
    assert "복지정책실" in _turns(reloaded)[2].answer.resolved_question


def test_thumbs_down_with_comment_becomes_an_exported_eval_row(tmp_path):
    at = _ask(_app(), "경제정책실 5월말 달성률은?")
    answer = _turns(at)[0].answer
    assert at.download_button(key=f"dl-{answer.id}")  # Markdown export under the answer
    at.feedback(key=f"fb-{answer.id}").set_value(0).run()  # 👎
    at.text_input(key=f"fbc-{answer.id}").input("기준일을 같이 알려 주면 좋겠음")
    next(b for b in at.button if b.label == "의견 저장").click().run()
    assert not at.exception, at.exception
    stored = conversations.store().feedback_for(answer.id)
    assert stored is not None and stored.rating == -1 and stored.comment == "기준일을 같이 알려 주면 좋겠음"

    from eval.__main__ import main as eval_main

    out = tmp_path / "feedback.jsonl"
    assert eval_main(["feedback-export", str(out)]) == 0
    (row,) = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert row["question"] == "경제정책실 5월말 달성률은?" and row["feedback_comment"] == "기준일을 같이 알려 주면 좋겠음"
    assert row["review"] is True and row["answer_contains"] == []


def test_answer_markdown_export_carries_the_citations():
    from app_ui.answer_actions import answer_as_markdown

    at = _ask(_app(), "경제정책실 5월말 달성률은?")
    answer = _turns(at)[0].answer
    md = answer_as_markdown("경제정책실 5월말 달성률은?", answer)
    assert "## 출처" in md and "[1] " in md and "54.8" in md and "행)" in md
