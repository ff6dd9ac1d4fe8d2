"""Conversation resolution and the search scope on the real index, through Assistant.ask and the CLI.

A declined question leaves nothing to inherit; a self-contained question is answered on its own;
elliptical follow-ups keep their subject; "그 사업" after several programs gets a clarifying
question; every answer path (generic, figures, eligibility) stays inside the scope."""
from __future__ import annotations

import json

import pytest

from assistant import cli
from assistant.conversation_store import ConversationStore
from assistant.extractive import ABSTAIN_TEXT
from assistant.search_scope import EVERYWHERE_OFFER
from retrieval.hybrid import SearchFilters
from settings import DATA_DIR

def _has_index() -> bool:
    from reports.store import load_manifest

    return load_manifest(DATA_DIR) is not None  # the index lives in a generation folder, not data/manifest.json


pytestmark = pytest.mark.skipif(not _has_index(), reason="no index: run `python -m ingest`")
YDP = "yeongdeungpo-job-policy-work-report-2023"
SEOUL = "seoul-council-jobs-committee-report-2021"


def test_unrelated_question_after_a_decline_is_answered_on_its_own(assistant):
    declined = assistant.ask("부산시 일자리 예산은?")
    assert declined.abstained
    new = assistant.ask("청년 커뮤니티 활성화 지원 사업 대상은?", history=[declined])
    assert new.resolved_question == ""
    assert not new.abstained and "39세" in new.answer


def test_topic_switch_after_an_answer_is_not_merged(assistant):
    first = assistant.ask("서울시 일자리카페 운영 확대 사업 목표는?")
    new = assistant.ask("기술교육원 2021년 시비 예산은?", history=[first])
    assert new.resolved_question == ""
    assert "일자리카페" not in new.answer


def test_follow_up_of_a_declined_turn_is_declined(assistant):
    declined = assistant.ask("부산시 청년 일자리 예산은 얼마야?")
    follow = assistant.ask("그럼 집행률은?", history=[declined])
    assert follow.abstained and follow.answer.startswith(ABSTAIN_TEXT)
    assert "앞 질문" in follow.answer


@pytest.mark.parametrize(
    "history, question, expected",
    [
        (["여성가족정책실 5월말 일자리 달성률은?"], "그럼 간접일자리 달성률은?", "32.6"),
        (["경제정책실 5월말 달성률은?"], "그럼 여성가족정책실은?", "66.7"),
        (["영등포구 일자리플러스센터 어디 있어요?"], "거기 상담창구는 몇 개예요?", "5개"),
        (["취업날개서비스는 누가 이용할 수 있어?"], "이용자 만족도는 평균 몇 %야?", "97.7"),
    ],
)
def test_elliptical_follow_ups_keep_their_subject(assistant, history, question, expected):
    turns = []
    for q in history:
        turns.append(assistant.ask(q, history=list(turns)))
    follow = assistant.ask(question, history=turns)
    assert follow.resolved_question, "read as a follow-up"
    assert expected in follow.answer


def test_that_program_after_several_gets_a_clarifying_question(assistant):
    first = assistant.ask("서울시 청년층 현장밀착형 취업지원 사업들 알려줘")
    ask = assistant.ask("그 사업은 어떻게 신청해요?", history=[first])
    assert ask.answer.startswith("어느 사업을 말씀하시나요?")
    assert not ask.abstained and ask.answered_by == "clarify"
    assert "취업날개서비스 지원" in ask.options and "서울형 청년인턴 직무캠프 추진" in ask.options
    # Choosing one answers the pending question about it.
    chosen = assistant.ask("서울형 청년인턴 직무캠프 추진", history=[first, ask])
    assert "직무캠프" in chosen.resolved_question and "신청" in chosen.resolved_question


def test_one_program_is_not_ambiguous(assistant):
    first = assistant.ask("서울형 청년인턴 직무캠프 모집 규모는?")
    follow = assistant.ask("그 사업 예산은 얼마야?", history=[first])
    assert not follow.options and "4,000" in follow.answer


# --- the scope on every answer path --------------------------------------------------------


def test_generic_path_stays_in_the_document(assistant):
    ans = assistant.ask("청년 일자리 사업 대상은?", filters=SearchFilters(doc_id=YDP))
    assert ans.citations and {c.doc_id for c in ans.citations} == {YDP}
    assert {p.doc_id for p in ans.retrieved} == {YDP}
    assert ans.scope == {"doc": YDP}


def test_figures_path_stays_in_the_office(assistant):
    everywhere = assistant.ask("실국별 달성률 중 가장 높은 곳은?")
    assert everywhere.answered_by == "figures"
    scoped = assistant.ask("실국별 달성률 중 가장 높은 곳은?", filters=SearchFilters(office="복지정책실"))
    assert "경제정책실" not in scoped.answer and "여성가족정책실" not in scoped.answer
    assert all("복지정책실" in c.section for c in scoped.citations)


def test_eligibility_path_stays_in_the_document(assistant):
    q = "서울 사는 만 29세 구직자인데 지원할 수 있는 사업은?"
    everywhere = assistant.ask(q)
    scoped = assistant.ask(q, filters=SearchFilters(doc_id=YDP))
    assert everywhere.answered_by == scoped.answered_by == "eligibility"
    assert {c.doc_id for c in everywhere.citations} == {SEOUL, YDP}
    assert {c.doc_id for c in scoped.citations} == {YDP}


def test_refusal_under_a_scope_says_the_scope_and_offers_everywhere(assistant):
    ans = assistant.ask("경제정책실 5월말 달성률은?", filters=SearchFilters(office="복지정책실"))
    assert ans.abstained and "검색 범위(복지정책실)" in ans.answer and EVERYWHERE_OFFER in ans.answer


@pytest.fixture()
def cli_bot(assistant, monkeypatch):
    monkeypatch.setattr(cli, "_load_assistant", lambda: assistant)
    return assistant


def test_cli_ask_takes_doc_and_office(cli_bot, capsys):
    assert cli.main(["ask", "서울 사는 만 29세 구직자인데 지원할 수 있는 사업은?", "--doc", YDP, "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["answered_by"] == "eligibility" and {c["doc_id"] for c in out["citations"]} == {YDP}
    assert cli.main(["ask", "실국별 달성률 중 가장 높은 곳은?", "--office", "복지정책실", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert "경제정책실" not in out["answer"]
    assert cli.main(["ask", "예산은?", "--office", "없는실"]) == 2
    assert "가능한 실·국" in capsys.readouterr().err


def test_cli_batch_rows_take_filters(cli_bot, tmp_path):
    rows = [
        {"id": "a", "question": "청년 일자리 사업 대상은?", "filters": {"doc": YDP}},
        {"id": "b", "question": "실국별 달성률 중 가장 높은 곳은?", "filters": {"office": "복지정책실"}},
        {"id": "c", "question": "예산은?", "filters": {"doc": "없는문서"}},
    ]
    src, out = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    src.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    assert cli.main(["batch", str(src), str(out)]) == 0
    a, b, c = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert {x["doc_id"] for x in a["citations"]} == {YDP}
    assert "경제정책실" not in b["answer"]
    assert "색인에 없습니다" in c["error"]


# --- feedback → eval rows --------------------------------------------------------------------


def test_thumbs_down_with_comment_becomes_a_review_row(assistant, tmp_path, monkeypatch, capsys):
    from eval.__main__ import main as eval_main
    from eval.dataset import DatasetError, load_dataset

    store = ConversationStore(tmp_path / "c.sqlite3")
    cid = store.new_conversation()
    first = assistant.ask("경제정책실 5월말 달성률은?")
    second = assistant.ask("그럼 집행률은?", history=[first])
    store.add_turn(cid, first.question, first)
    store.add_turn(cid, second.question, second)
    store.set_feedback(first.id, 1)
    store.set_feedback(second.id, -1, "예산 집행률이 아니라 일자리 집행률을 물었음")
    assert [t.answer.id for t in store.turns(cid)] == [first.id, second.id]  # read back as answers

    import eval.feedback_export as fe

    out = tmp_path / "feedback.jsonl"
    assert fe.export(out, store) == 1
    (row,) = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert row["question"] == "그럼 집행률은?" and row["history"] == ["경제정책실 5월말 달성률은?"]
    assert row["feedback_comment"] == "예산 집행률이 아니라 일자리 집행률을 물었음"
    assert row["review"] is True and row["answer_contains"] == [] and row["answerable"] is True
    with pytest.raises(DatasetError, match="검토"):  # not usable until a person fills it in
        load_dataset(out)
    # The same through `python -m eval feedback-export OUT.jsonl` (the default database).
    import assistant.conversation_store as cs

    monkeypatch.setattr(cs, "CONVERSATIONS_DB", store.path)
    cli_out = tmp_path / "cli.jsonl"
    assert eval_main(["feedback-export", str(cli_out)]) == 0
    assert "1건" in capsys.readouterr().out
    assert cli_out.read_text(encoding="utf-8") == out.read_text(encoding="utf-8")
