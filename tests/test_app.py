"""The Streamlit app through `streamlit.testing.v1.AppTest`, on the real index and the real Assistant
(loaded once per test process: it lives in st.cache_resource). Pure helpers are tested directly."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from app_ui import korean_ui, state
from settings import DATA_DIR
from app_ui.highlight import answer_segment, evidence_numbers, line_markdown, mark_lines
from app_ui.safe_md import escape_inline, escape_md
from app_ui.upload import MAX_BYTES, UploadRejected, check_upload, plan_save, safe_name, save_upload

REPO = Path(__file__).resolve().parent.parent
APP = str(REPO / "app.py")
QUESTION = "경제정책실 5월말 달성률은?"
YDP = "yeongdeungpo-job-policy-work-report-2023"
TIMEOUT = 180  # the first question waits for the model to load (~15 s cold, slower on a busy machine)

def _has_index() -> bool:
    from reports.store import load_manifest

    return load_manifest(DATA_DIR) is not None


pytestmark = pytest.mark.skipif(not _has_index(), reason="no index: run `python -m ingest`")


def _app() -> AppTest:
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    at.run()
    assert not at.exception, at.exception
    return at


def _ask(at: AppTest, question: str) -> AppTest:
    at.chat_input(key="chat_question").set_value(question).run()
    assert not at.exception, at.exception
    return at


def _texts(elements) -> list[str]:
    return [e.value for e in elements]


@pytest.fixture(scope="module")
def asked() -> AppTest:
    return _ask(_app(), QUESTION)


# --- chat -------------------------------------------------------------------------------------


def test_question_gets_answer_with_numbered_citation(asked):
    messages = asked.chat_message
    assert [m.name for m in messages] == ["user", "assistant"]
    assert _texts(messages[0].markdown) == [escape_md(QUESTION)]
    reply = messages[1]
    assert "54.8" in reply.markdown[0].value
    assert ":blue-badge[1]" in reply.markdown[0].value  # the [1] marker, shown as a badge
    labels = [e.label for e in reply.expander]
    assert any(label.startswith(":blue-badge[1] ") and label.endswith("행") for label in labels)
    answer = asked.session_state[state.TURNS][0].answer
    assert answer.citations and not answer.abstained
    # The cited passage shows its source line numbers with the answer's number highlighted.
    first = next(i for i, label in enumerate(labels) if label.startswith(":blue-badge[1]"))
    passage = "\n".join(_texts(reply.expander[first].markdown))
    assert ":orange-background[**54.8**]" in passage
    assert ":gray[" in passage
    assert any("경제정책실" in c.value for c in reply.caption)  # the section path


def test_follow_up_gets_the_previous_answers_as_history(asked):
    _ask(asked, "그럼 집행률은?")
    turns = asked.session_state[state.TURNS]
    assert len(turns) == 2
    assert "경제정책실" in turns[1].answer.resolved_question
    assert any("이전 질문에 이어서" in c.value for c in asked.chat_message[-1].caption)


def test_new_conversation_clears_the_chat():
    at = _ask(_app(), QUESTION)
    next(b for b in at.button if b.label == "새 대화").click().run()
    assert at.session_state[state.TURNS] == []
    assert [m.name for m in at.chat_message] == ["assistant"]  # only the welcome with its examples
    assert any(b.label == QUESTION for b in at.button)


def test_example_button_asks_its_question():
    at = _app()
    next(b for b in at.button if b.label == QUESTION).click().run()
    assert not at.exception
    assert at.session_state[state.TURNS][0].question == QUESTION


def test_empty_and_too_long_questions_get_a_korean_error():
    at = _ask(_app(), "   ")
    assert _texts(at.error) == ["질문을 입력해 주세요."]
    assert state.TURNS not in at.session_state or at.session_state[state.TURNS] == []
    _ask(at, "가" * 2001)
    assert "너무 깁니다" in at.error[0].value


def test_abstention_says_so_and_lists_nearest_sections():
    at = _ask(_app(), "달나라 일자리 사업 예산은?")
    reply = at.chat_message[-1]
    assert reply.markdown[0].value.startswith("보고서에서 해당 내용을 찾을 수 없습니다")
    assert any("가장 가까운 부분" in c.value for c in reply.caption)
    assert len(reply.expander) >= 1


def test_user_and_document_text_is_escaped():
    at = _ask(_app(), "<b>경제정책실</b> **달성률** | # [x](http://e.com)?")
    shown = at.chat_message[0].markdown[0].value
    assert "<b>" not in shown and "\\<b\\>" in shown and "\\*\\*" in shown and "\\[x\\]" in shown
    # Nothing from a user or a report is ever rendered as HTML: the only HTML is our constant script
    # that sets lang="ko" and Korean labels on Streamlit's widgets (app_ui/korean_ui.py).
    assert [h.proto.body for h in at.html] == [korean_ui.script().strip()]


# --- sidebar ----------------------------------------------------------------------------------


def test_sidebar_shows_index_status_and_mode():
    at = _app()
    labels = {m.label: m.value for m in at.sidebar.metric}
    assert labels["문서"].endswith("개") and labels["청크"].endswith("개")
    assert any(c.value.startswith("마지막 색인:") for c in at.sidebar.caption)
    assert at.sidebar.radio[0].options == [state.EXTRACTIVE_NO_LLM]


def test_document_filter_limits_the_search_and_the_office_options():
    at = _app()
    doc = at.selectbox(key=state.FILTER_DOC)
    assert YDP in doc.options or any("영등포" in o for o in doc.options)
    doc.set_value(YDP).run()
    assert at.selectbox(key=state.FILTER_OFFICE).disabled  # this report has no 실·국
    _ask(at, QUESTION)
    answer = at.session_state[state.TURNS][-1].answer
    assert answer.retrieved and {p.doc_id for p in answer.retrieved} == {YDP}
    assert "영등포" in at.caption[0].value  # the chat states the scope


def test_office_filter_limits_the_search():
    at = _app()
    office = at.selectbox(key=state.FILTER_OFFICE)
    assert "복지정책실" in office.options
    office.set_value("복지정책실").run()
    _ask(at, "5월말 달성률은?")
    answer = at.session_state[state.TURNS][-1].answer
    assert answer.retrieved and all("복지정책실" in p.section for p in answer.retrieved)


def test_rejected_upload_gets_a_korean_message():
    at = _app()
    at.sidebar.file_uploader[0].set_value(("보고서.key", b"keynote", "application/octet-stream")).run()
    assert "지원하지 않는 형식" in at.sidebar.error[0].value and "hwp" in at.sidebar.error[0].value
    at.sidebar.file_uploader[0].set_value(("보고서.pdf", b"%PDF-1.4", "application/pdf")).run()
    assert "손상" in at.sidebar.error[0].value and "보고서.pdf" in at.sidebar.error[0].value
    at.sidebar.file_uploader[0].set_value(("빈.txt", b"", "text/plain")).run()
    assert "비어 있습니다" in at.sidebar.error[0].value


REPORT = """구로구 일자리 사업 보고
Ⅰ. 주요업무
1. 청년 일자리 카페
 사업개요
○ 대상: 만19세~34세 구로구 거주 청년
○ 내용: 취업 상담, 면접 정장 대여
"""


def test_upload_is_saved_renamed_on_clash_and_ingested(tmp_path, monkeypatch):
    from app_ui import engine, index_info, reindex, upload_panel

    corpus, data = tmp_path / "corpus", tmp_path / "data"
    corpus.mkdir()
    monkeypatch.setattr(upload_panel, "CORPUS_DIR", corpus)
    monkeypatch.setattr(reindex, "CORPUS_DIR", corpus)
    monkeypatch.setattr(reindex, "DATA_DIR", data)
    monkeypatch.setattr(engine, "reset", lambda: None)  # keep the real index loaded for the other tests
    monkeypatch.setattr(index_info, "clear", lambda: None)
    at = _app()
    at.sidebar.file_uploader[0].set_value(("구로.txt", REPORT.encode("cp949"), "text/plain")).run()
    assert "cp949" in at.sidebar.caption[-1].value
    at.button(key="upload_0_save").click().run()
    assert not at.exception, at.exception
    assert (corpus / "구로.txt").read_bytes() == REPORT.encode("cp949")  # saved as uploaded
    notices = _texts(at.sidebar.success)
    assert any("구로.txt" in n for n in notices) and any(n.startswith("색인 완료") for n in notices)
    from reports.generations import index_dir

    assert (data / "CURRENT").exists() and (index_dir(data) / "manifest.json").exists()  # a generation went current
    # Same name, other content: the user is asked; the default is a new name, never a silent overwrite.
    at.sidebar.file_uploader[0].set_value(("구로.txt", (REPORT + "○ 추가\n").encode(), "text/plain")).run()
    assert at.sidebar.radio[-1].options[0] == "새 이름으로 저장: " + escape_inline("구로-2.txt")
    at.button(key="upload_1_save").click().run()
    assert sorted(p.name for p in corpus.iterdir()) == ["구로-2.txt", "구로.txt"]


# --- tabs -------------------------------------------------------------------------------------


def test_tabs_and_unfinished_features_say_coming_soon(monkeypatch):
    for name in ("eligibility", "eligibility.ui"):
        monkeypatch.setitem(sys.modules, name, None)  # as if the package were not there yet
    at = _app()
    assert [t.label for t in at.tabs] == ["질문하기", "자격 찾기", "수치 찾기", "평가"]
    tab = at.tabs[1]
    assert tab.info and tab.info[0].value.startswith("준비 중 — ")
    assert not tab.caption  # a missing package is not an error


def test_feature_tabs_render_their_package_ui_when_present():
    at = _app()
    eligibility, figures = at.tabs[1:3]
    if (REPO / "eligibility" / "ui.py").exists():
        assert not eligibility.info or not eligibility.info[0].value.startswith("준비 중"), eligibility.info
        assert not eligibility.error, [e.value for e in eligibility.error]
    # The figures tab lives in app_ui (figures/ has no UI): it always shows the table.
    assert not figures.error, [e.value for e in figures.error]
    assert not any(i.value.startswith("준비 중") for i in figures.info)
    assert len(figures.dataframe[0].value) > 400


def test_eval_tab_runs_an_eval_set_and_shows_metrics_and_failures():
    at = _app()
    at.session_state["main_tab"] = "평가"
    at.run()
    assert not at.chat_input  # the pinned chat box belongs to the chat tab only
    at.number_input(key="eval_limit").set_value(4)
    at.button(key="eval_run").click().run()
    assert not at.exception, at.exception
    report = at.session_state["eval_report"]
    assert report["counts"]["rows"] == 4
    assert "답변 정확도" in [m.label for m in at.metric]
    assert any("실패한 문항" in m.value for m in at.markdown)


# --- pure helpers -----------------------------------------------------------------------------


@pytest.mark.parametrize("raw", ["<script>x</script>", "**b** _i_", "# h", "| a | b |", "`c`", "[l](u)", "$x$", ":red[r]", "1. 항목"])
def test_escape_md_neutralises_markdown_and_html(raw):
    out = escape_md(raw)
    for ch in "<>*_#|`[]$:":
        assert ch not in out.replace("\\" + ch, "")
    assert not out.startswith("1.")


def test_answer_markdown_keeps_its_layout():
    from app_ui.render import answer_markdown

    md = answer_markdown("8개입니다.\n- a [1]\n확인 필요:\n- b* [2]")
    assert md == "8개입니다.\n\n- a :blue-badge[1]\n\n확인 필요\\:\n\n- b\\* :blue-badge[2]"


def test_escape_inline_collapses_lines():
    assert escape_inline("a\n  b") == "a b"


def test_evidence_lines_and_numbers_are_highlighted():
    answer = "- 경제정책실 — 총계: 달성률 54.8% (‘21.5월말 기준) [1]\n- 직접일자리: 달성률 88.7% [2]"
    segment = answer_segment(answer, 1)
    assert evidence_numbers(segment) == {"54.8"}  # not 21.5, the as-of date
    marked = mark_lines([(811, "목표(70,439개) 대비 54.8% 달성"), (812, "○ 대상: 만39세 이하 청년")], segment)
    assert line_markdown(marked[0]) == ":gray[811]\u2003목표\\(70,439개\\) 대비 :orange-background[**54.8**]% 달성"
    assert "orange" not in line_markdown(marked[1])
    quoted = mark_lines([(3, "○ 대상: 만39세 이하 청년")], "대상: 만39세 이하 청년")[0]
    assert quoted.whole and line_markdown(quoted).startswith(":gray[3]\u2003:orange-background[**")


def test_upload_rules(tmp_path):
    assert check_upload("a.TXT", "보고서".encode("cp949")).encoding == "cp949"
    for name, data, message in [
        ("a.key", b"x", "지원하지 않는 형식"),
        ("a.pdf", b"x", "손상"),
        ("a.txt", b"", "비어 있습니다"),
        ("a.txt", b" \n\t ", "공백만"),
        ("a.txt", b"x" * (MAX_BYTES + 1), "너무 큽니다"),
        ("a.txt", b"\x00\x01\x02", "이진 파일"),
        ("a.md", b"\xff\xfe\xfa\xfb" * 10, "인코딩"),
    ]:
        with pytest.raises(UploadRejected, match=message):
            check_upload(name, data)
    assert safe_name("../../etc/.보고서 (최종).TXT") == "보고서_최종.txt"
    assert safe_name(".hidden.md") == "hidden.md"


def test_upload_never_overwrites_silently(tmp_path):
    (tmp_path / "report.txt").write_text("old", encoding="utf-8")
    new = check_upload("report.md", "새 보고서".encode())
    plan = plan_save(tmp_path, new)
    assert plan.conflict and plan.free_name == "report-2.md" and plan.can_replace  # same stem = same doc_id
    with pytest.raises(UploadRejected):
        save_upload(tmp_path, new, "report.md")
    assert save_upload(tmp_path, new, plan.free_name).read_text(encoding="utf-8") == "새 보고서"
    assert plan_save(tmp_path, check_upload("x.txt", b"old")).duplicate_of == "report.txt"
    readme = plan_save(tmp_path, check_upload("README.md", "목록".encode()))
    assert readme.conflict and not readme.can_replace  # the corpus manifest is never replaced
    save_upload(tmp_path, check_upload("report.txt", b"newer"), "report.txt", replace=True)
    assert (tmp_path / "report.txt").read_bytes() == b"newer"
