"""The 자격 찾기 tab (Streamlit AppTest on the real cards) and the staff CLI / evaluation."""
from __future__ import annotations

import inspect
import re

import pytest
from streamlit.testing.v1 import AppTest

import eligibility.ui as ui
from eligibility import evaluate
from eligibility.__main__ import main as cli_main, parse_money


def _app():
    import streamlit as st

    from eligibility.ui import render_eligibility_tab

    render_eligibility_tab(st, None)


@pytest.fixture()
def app() -> AppTest:
    at = AppTest.from_function(_app, default_timeout=60)
    at.run()
    assert not at.exception
    return at


def _texts(at: AppTest) -> str:
    return "\n".join([m.value for m in at.markdown] + [c.value for c in at.caption])


def _counts(text: str) -> tuple[int, int, int, int]:
    m = re.search(r"사업 (\d+)개 중 해당 (\d+)개 · 확인 필요 (\d+)개 · 해당 안 됨 (\d+)개", text)
    assert m, text[:300]
    return tuple(int(g) for g in m.groups())  # type: ignore[return-value]


def _assert_reconciled(app: AppTest) -> tuple[int, int, int, int]:
    """The counts line, the cards shown and the expanders say the same numbers, and they add up."""
    text = _texts(app)
    total, eligible, maybe, ineligible = _counts(text)
    assert eligible + maybe + ineligible == total
    assert text.count("· ✅ 해당") == eligible
    shown_maybe = text.count("· ❔ 확인 필요")
    assert shown_maybe == min(maybe, ui.MAX_MAYBE)
    labels = [e.label for e in app.expander]
    if maybe > ui.MAX_MAYBE:
        assert f"나머지 확인 필요 {maybe - ui.MAX_MAYBE}개" in labels
    assert f"해당 안 됨 {ineligible}개 — 왜 안 되나요?" in labels
    rest = [e for e in app.expander if e.label.startswith("나머지 확인 필요")]
    if rest:
        assert len(rest[0].markdown) == maybe - ui.MAX_MAYBE
    why_not = next(e for e in app.expander if e.label.startswith("해당 안 됨"))
    assert len(why_not.markdown) == ineligible
    return total, eligible, maybe, ineligible


def test_form_and_result_cards(app):
    app.number_input[0].set_value(29)
    app.selectbox[0].select("서울(구 모름)")
    app.checkbox(key="elig_group_청년").check()
    app.checkbox(key="elig_group_미취업").check()
    app.button[0].click()
    app.run()
    assert not app.exception
    text = _texts(app)
    assert "만 29세·서울·미취업·청년 — 사업 " in text
    total, eligible, maybe, _ = _assert_reconciled(app)
    assert eligible >= 8 and maybe >= 1
    assert "**서울형 청년인턴 직무캠프 추진** · ✅ 해당" in text
    assert "출처\\: 서울특별시의회 일자리대책 특별위원회 결과보고서 · 경제정책실 · 1073–1087행" in text
    # A district program for someone who said only 서울: the one question to answer.
    assert "영등포구에 사시나요?" in text
    # The raw passage is shown as plain text, not Markdown; no developer panel.
    assert any("만 18세이상 ~ 34세 이하의 서울거주 청년 구직자" in t.value for t in app.text)
    assert not app.json


def test_why_not_and_business_programs(app):
    app.number_input[0].set_value(70)
    app.selectbox[0].select("서울(구 모름)")
    app.checkbox(key="elig_group_퇴직자").check()
    app.checkbox(key="elig_why_not").check()
    app.button[0].click()
    app.run()
    text = _texts(app)
    _assert_reconciled(app)
    assert "- **50플러스 보람일자리**: 만 70세는 대상 연령\\(만 50\\~67세\\)이 아님" in text
    assert "참여 대상이 적혀 있지 않은 사업" in text


def test_retiree_years_leave_one_question(app):
    app.number_input[0].set_value(60)
    app.selectbox[0].select("서울(구 모름)")
    app.number_input[1].set_value(2)
    app.checkbox(key="elig_group_퇴직자").check()
    app.button[0].click()
    app.run()
    _assert_reconciled(app)
    # 경력 2년 rules out "경력 3년 이상 퇴직자", but the rule is "… 혹은 자격증 소지자": the one question left.
    rest = next(e for e in app.expander if e.label.startswith("나머지 확인 필요"))
    assert any(m.value.startswith("- **신중년사회공헌활동") and m.value.endswith("자격증이 있으신가요?") for m in rest.markdown)


def test_empty_form_asks_for_input(app):
    app.button[0].click()
    app.run()
    assert any("조건을 하나 이상" in i.value for i in app.info)


def test_text_is_escaped():
    assert ui.esc("<script>alert(1)</script>") == "\\<script\\>alert\\(1\\)\\</script\\>"
    assert ui.esc("**굵게** [링크](http://x)") == "\\*\\*굵게\\*\\* \\[링크\\]\\(http\\://x\\)"
    assert "unsafe_allow_html" not in inspect.getsource(ui)


def test_cli_prints_matches(capsys):
    assert cli_main(["--age", "29", "--residence", "서울", "--group", "청년", "--group", "미취업"]) == 0
    out = capsys.readouterr().out
    assert "조건: 만 29세·서울·미취업·청년" in out
    assert "[해당] 서울형 청년인턴 직무캠프 추진 — (인턴) 만 18세이상 ~ 34세 이하, 서울 거주, 구직자" in out
    assert cli_main(["--question", "만 70세인데 보람일자리 참여 가능한가요?", "--all"]) == 0
    assert "[해당 안 됨] 50플러스 보람일자리 — 만 70세는 대상 연령(만 50~67세)이 아님" in capsys.readouterr().out
    assert parse_money("3억5천만") == 350_000_000 and parse_money("250,000,000원") == 250_000_000


def test_persona_evaluation_runs(capsys):
    assert evaluate.main([]) == 0
    out = capsys.readouterr().out
    assert "eligible 정밀도" in out and "질문에서 프로필 읽기" in out
