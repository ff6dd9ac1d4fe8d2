"""자격 찾기 tab: a form (age, residence, groups, income/property) and result cards with the reason
and the report passage each verdict rests on.

`render_eligibility_tab(st, assistant)` is what the app calls; with `assistant=None` (or one
without the eligibility specialist) the cards are read from the index folder, which needs no
model, so the tab works while the chat model is still loading. `render()` is the zero-argument
form the app's tab loader looks for. Every string from a report or a user is escaped before it
reaches Markdown; raw report passages are shown with `st.text`, which renders no markup.
"""
from __future__ import annotations

import re
from typing import Any

from eligibility.answer import MAX_MAYBE, maybe_rank, reason_of
from eligibility.finder import EligibilityFinder
from eligibility.matching import MatchResult
from eligibility.profile import Profile
from eligibility.vocab import SEOUL_DISTRICTS, SIDO

TITLE = "자격 찾기"
_STATE = "eligibility_tab_query"
_UNKNOWN = "모름"
_SEOUL_ANY = "서울(구 모름)"
_OUTSIDE = [f"{r}" for r in SIDO if r != "서울"]
RESIDENCES = [_UNKNOWN, _SEOUL_ANY, *SEOUL_DISTRICTS, *_OUTSIDE]
PERSON_GROUPS = [
    ("여성", "여성"), ("청년", "청년"), ("중장년", "중장년·신중년"), ("어르신", "어르신"), ("경력단절여성", "경력단절여성"),
    ("장애인", "장애인"), ("노숙인", "노숙인"), ("쪽방주민", "쪽방주민"), ("저소득", "저소득"),
    ("수급자", "기초생활수급자"), ("차상위", "차상위계층"), ("미취업", "미취업·실업"), ("구직자", "구직자"),
    ("재직", "재직 중"), ("무급휴직자", "무급휴직"), ("퇴직자", "퇴직자"), ("창업자", "창업(예정)자"),
    ("자격증소지자", "자격증 소지자"), ("국가유공자", "국가유공자"), ("학생", "학생·고교졸업예정자"),
    ("학교밖청소년", "학교 밖 청소년"), ("한부모", "한부모"), ("실직자", "최근 실직"), ("예비창업자", "창업 준비 중"),
]
BUSINESSES = [("소상공인", "소상공인·자영업"), ("사회적기업", "사회적기업"), ("중소기업", "중소기업"),
              ("협동조합", "협동조합"), ("마을기업", "마을기업"), ("어린이집", "어린이집")]
_BADGE = {"eligible": "✅ 해당", "maybe": "❔ 확인 필요", "ineligible": "⛔ 해당 안 됨", "unstated": "· 대상 미기재"}
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()<>#+\-!|$~:&=^.])")


def esc(text: Any) -> str:
    """Literal text for st.markdown: Markdown/HTML punctuation backslash-escaped, one line."""
    return _MD_SPECIAL.sub(r"\\\1", " ".join(str(text).split()))


def _finder(assistant: Any) -> EligibilityFinder:
    for spec in getattr(assistant, "specialists", []) or []:
        finder = getattr(spec, "finder", None)
        if isinstance(finder, EligibilityFinder):
            return finder
    return _cached_finder()


def _cached_finder() -> EligibilityFinder:
    import streamlit as st

    @st.cache_resource(show_spinner=False)
    def load() -> EligibilityFinder:
        from settings import CORPUS_DIR, DATA_DIR

        return EligibilityFinder.load(DATA_DIR, corpus_dir=CORPUS_DIR)

    return load()


def profile_from_form(age: int | None, residence: str, gender: str, groups: list[str], businesses: list[str],
                      income_pct: float | None, property_manwon: float | None) -> Profile:
    place = None if residence == _UNKNOWN else ("서울" if residence == _SEOUL_ANY else residence)
    chosen = list(groups) + ([gender] if gender in ("여성", "남성") else [])
    won = int(property_manwon * 10_000) if property_manwon is not None else None
    return Profile.of(int(age) if age is not None else None, place, chosen, businesses, income_pct, won)


def _form(st: Any) -> dict | None:
    with st.form("eligibility_finder_form"):
        c1, c2, c3 = st.columns(3)
        age = c1.number_input("나이(만)", min_value=0, max_value=120, value=None, step=1, placeholder="모름")
        residence = c2.selectbox("거주지", RESIDENCES, index=0)
        # Gender is asked only as "여성" below: it matters only for women's programs.
        experience = c3.number_input("일한 경력(년)", min_value=0, max_value=60, value=None, step=1, placeholder="모름")
        gender = _UNKNOWN
        st.markdown("**해당하는 것을 모두 고르세요**")
        cols = st.columns(4)
        groups = [key for i, (key, label) in enumerate(PERSON_GROUPS)
                  if cols[i % 4].checkbox(label, key=f"elig_group_{key}")]
        with st.expander("사업체를 운영하나요?"):
            bcols = st.columns(3)
            businesses = [key for i, (key, label) in enumerate(BUSINESSES)
                          if bcols[i % 3].checkbox(label, key=f"elig_biz_{key}")]
        m1, m2 = st.columns(2)
        income = m1.number_input("가구 소득(기준중위소득 대비 %)", min_value=0.0, max_value=1000.0, value=None, step=5.0, placeholder="모름")
        prop = m2.number_input("재산(만원)", min_value=0.0, value=None, step=1000.0, placeholder="모름")
        why_not = st.checkbox("해당하지 않는 사업과 이유도 보기", key="elig_why_not")
        if not st.form_submit_button("맞는 사업 찾기", type="primary"):
            return None
    return {"age": age, "residence": residence, "gender": gender, "groups": groups, "businesses": businesses,
            "income": income, "property": prop, "why_not": why_not, "experience": experience}


def _card(st: Any, finder: EligibilityFinder, r: MatchResult) -> None:
    card = r.card
    with st.container(border=True):
        st.markdown(f"**{esc(card.display_name)}** · {esc(_BADGE[r.status])}")
        if r.status == "maybe":
            st.markdown(f"확인할 것: {esc(reason_of(r))}")
        elif r.why:
            st.markdown(f"이유: {esc(r.why)}")
        if card.target_text:
            st.caption(f"대상(문서): {esc(card.target_text)}")
        facts = [f"{k}: {v}" for k, v in (("지원내용", card.support), ("신청", card.apply), ("예산", card.budget), ("기간", card.period)) if v]
        if facts:
            st.caption(esc(" · ".join(facts)))
        chunk = finder.chunk_for(card)
        if chunk is not None:
            where = card.office or card.team or ""
            st.caption(esc(f"출처: {chunk.doc_title}{' · ' + where if where else ''} · {chunk.line_start}–{chunk.line_end}행"))
            with st.expander("원문 보기"):
                st.text(chunk.text)


def counts_line(profile: Profile, eligible: int, maybe: int, ineligible: int) -> str:
    """The one line every number of the tab is checked against (they add up to the total)."""
    total = eligible + maybe + ineligible
    return f"{profile.describe()} — 사업 {total}개 중 해당 {eligible}개 · 확인 필요 {maybe}개 · 해당 안 됨 {ineligible}개"


def render_eligibility_tab(st: Any, assistant: Any = None) -> None:
    st.subheader(TITLE)
    st.caption("나이·거주지·처지를 넣으면 문서에 적힌 참여 대상에 맞는 사업을 이유와 출처와 함께 보여 줍니다. "
               "모르는 항목은 비워 두세요: 모르는 조건은 '확인 필요'로 표시될 뿐 탈락으로 보지 않습니다.")
    submitted = _form(st)
    if submitted is not None:
        st.session_state[_STATE] = submitted
    query = st.session_state.get(_STATE)
    if not query:
        return
    try:
        finder = _finder(assistant)
    except Exception as exc:  # no index yet: say what to do
        st.error(f"사업 카드를 불러오지 못했습니다: {exc}. 먼저 `python -m ingest`로 색인을 만들어 주세요.")
        return
    profile = profile_from_form(query["age"], query["residence"], query["gender"], query["groups"],
                                query["businesses"], query["income"], query["property"])
    if query.get("experience") is not None:
        profile.experience_years = int(query["experience"])
    if profile.is_empty():
        st.info("조건을 하나 이상 입력해 주세요.")
        return
    results = finder.match(profile)
    person = [r for r in results if r.status != "unstated" and not (r.status == "ineligible" and r.card.participant == "business")]
    eligible = [r for r in person if r.status == "eligible"]
    maybe = sorted((r for r in person if r.status == "maybe"), key=maybe_rank)
    ineligible = [r for r in person if r.status == "ineligible"]
    st.markdown(esc(counts_line(profile, len(eligible), len(maybe), len(ineligible))))
    if not eligible:
        st.warning("조건에 딱 맞는 사업은 찾지 못했습니다. 아래 '확인 필요' 사업의 질문에 답해 보세요.")
    for r in eligible:
        _card(st, finder, r)
    if maybe:
        st.markdown(esc(f"확인 필요 {len(maybe)}개 — 한 가지만 더 알면 판단할 수 있는 사업부터"))
        for r in maybe[:MAX_MAYBE]:
            _card(st, finder, r)
        rest = maybe[MAX_MAYBE:]
        if rest:
            with st.expander(f"나머지 확인 필요 {len(rest)}개"):
                for r in rest:
                    st.markdown(f"- **{esc(r.card.display_name)}**: {esc(reason_of(r))}")
    with st.expander(f"해당 안 됨 {len(ineligible)}개 — 왜 안 되나요?", expanded=bool(query.get("why_not"))):
        for r in ineligible:
            st.markdown(f"- **{esc(r.card.display_name)}**: {esc(r.why)}")
    unstated = [r for r in results if r.status == "unstated"]
    if unstated:
        st.caption(esc(f"참여 대상이 적혀 있지 않은 사업 {len(unstated)}개는 판단하지 않았습니다: "
                       + ", ".join(r.card.short_name for r in unstated)))


def render() -> None:
    """Zero-argument entry point for the app's tab loader (`app_ui.specialist_tab.package_ui`)."""
    import streamlit as st

    render_eligibility_tab(st, None)
