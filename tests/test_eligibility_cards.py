"""Program cards from the real reports: every program that states a target, parsed as the reports
write it (line numbers are the report's own; the tables below were written from the reports)."""
from __future__ import annotations

import json

import pytest

from settings import CORPUS_DIR
from eligibility.cards import ProgramCard
from tests import shipped
from eligibility.criteria import parse_track
from eligibility.store import PROGRAMS_FILE, load_cards, read_cards, save_cards_of

SEOUL = "seoul-council-jobs-committee-report-2021"
YDP = "yeongdeungpo-job-policy-work-report-2023"


@pytest.fixture(scope="module")
def cards() -> dict[str, ProgramCard]:
    built = shipped.cards()
    return {c.name: c for c in built}


# name → (doc, first target line, participant, [track expectations])
# track: (label, kind, age (min, max) or None, residence, groups_all, groups_any, any_open)
EXPECTED = {
    "취업 취약계층을 위한 공공일자리사업 선제적 제공": (SEOUL, 873, "individual", [("", "individual", None, None, [], ["저소득", "장애인", "청년", "코로나피해자"], True)]),
    "소상공인·소기업 무급휴직 근로자 고용유지지원금 지원": (SEOUL, 907, "individual", [("", "individual", None, None, ["무급휴직자", "재직"], [], False)]),
    "서울형 뉴딜일자리 민간연계로 지속가능한 양질의 일자리 창출": (SEOUL, 992, "individual", [("", "individual", (18, None), "서울", ["미취업"], [], False)]),
    "청년과 함께하는 서울형 강소기업 선정·지원": (SEOUL, 1032, "business", [("", "business", None, None, [], [], False)]),
    "서울형 청년인턴 직무캠프 추진": (SEOUL, 1075, "mixed", [
        ("인턴", "individual", (18, 34), "서울", ["청년", "구직자"], [], False),
        ("기업", "business", None, None, [], [], False)]),
    "취업날개서비스 지원": (SEOUL, 1169, "individual", [("", "individual", (None, 39), "서울", ["청년"], [], False)]),
    "지역상생 청년 일자리 창출 연계사업 운영": (SEOUL, 1241, "individual", [("", "individual", (19, 39), "서울", ["청년"], [], False)]),
    "기술교육원 혁신 추진": (SEOUL, 1381, "individual", [("", "individual", (15, None), "서울", [], [], False)]),
    "맞춤형 직업훈련 프로그램 운영": (SEOUL, 1473, "individual", [("", "individual", None, None, ["여성"], [], False)]),
    "여성취업알선활동 강화": (SEOUL, 1526, "individual", [("", "individual", None, None, ["여성"], [], False)]),
    "경력단절여성 인턴십 지원": (SEOUL, 1577, "individual", [("", "individual", None, None, ["경력단절여성"], [], False)]),
    "여성창업 지원": (SEOUL, 1617, "individual", [("", "individual", None, None, ["여성", "창업자"], [], False)]),
    "어린이집 보조교사 및 보육도우미 지원": (SEOUL, 1792, "business", [("", "business", None, None, [], [], False)]),
    "육아종합지원센터 대체교사 등 파견지원": (SEOUL, 1848, "business", [("", "business", None, None, [], [], False)]),
    "어린이집 보육교직원 인건비 지원": (SEOUL, 1922, "business", [("", "business", None, None, [], [], False)]),
    "지역아동센터 아동복지교사 운영": (SEOUL, 1972, "individual", [("", "individual", (19, None), None, [], ["미취업"], True)]),
    "양육가정 아이돌보미 운영": (SEOUL, 2034, "individual", [("", "individual", None, None, [], [], False)]),
    "어르신 일자리 및 사회활동지원(보건복지부 지원)": (SEOUL, 2227, "individual", [("", "individual", (65, None), None, ["어르신"], [], False)]),
    "50플러스 보람일자리": (SEOUL, 2262, "individual", [
        ("", "individual", (50, 67), "서울", [], [], False),
        ("서울형 차상위", "individual", (40, 67), "서울", ["차상위"], [], False)]),
    "신중년사회공헌활동 지원사업(고용노동부 공모)": (SEOUL, 2310, "individual", [("", "individual", (50, 69), "서울", [], ["퇴직자", "자격증소지자"], False)]),
    "노인맞춤돌봄서비스 운영": (SEOUL, 2355, "individual", [("", "individual", None, None, [], [], False)]),
    "장애인일자리 지원": (SEOUL, 2396, "individual", [("", "individual", (18, None), "서울", ["미취업", "장애인"], [], False)]),
    "장애인 활동지원사업": (SEOUL, 2481, "individual", [("", "individual", None, None, [], [], False)]),
    "노숙인 일자리 지원사업": (SEOUL, 2541, "individual", [("", "individual", None, None, [], ["노숙인", "쪽방주민"], False)]),
    "자활근로사업": (SEOUL, 2597, "individual", [("", "individual", None, None, [], ["수급자"], True)]),
    "우리동네가게 아트테리어 지원사업": (SEOUL, 2793, "mixed", [
        ("참여예술가", "individual", None, "서울", [], [], False),
        ("소상공인", "business", None, None, [], [], False)]),
    "(예비)사회적기업 일자리 창출 사업": (SEOUL, 2916, "business", [("", "business", None, None, [], [], False)]),
    "마을기업 육성": (SEOUL, 2987, "business", [("", "business", None, None, [], [], False)]),
    "공공분야 일자리 창출을 통한 고용안정 지원": (YDP, 245, "individual", [("", "individual", (18, None), "영등포구", [], [], False)]),
    "상생기업 자립 기반 지원": (YDP, 318, "business", [("", "business", None, None, [], [], False)]),
    "청년 커뮤니티 활성화 지원": (YDP, 458, "individual", [("", "individual", (None, 39), None, ["청년"], [], False)]),
    "수요자 맞춤형 취·창업 교육 과정 운영": (YDP, 554, "individual", [("", "individual", None, "영등포구", ["구직자"], [], False)]),
    "4차산업 분야 등 다양한 청년취업 지원 활성화": (YDP, 605, "individual", [("", "individual", (None, 39), None, ["청년"], [], False)]),
}

NO_TARGET = {
    "서울시 일자리카페 운영 확대", "서남권 기술특화캠퍼스 조성·운영", "서울시 안심귀가스카우트 운영", "여성 뉴딜일자리",
    "노동자종합지원센터 설치 운영 및 활성화", "서울밤도깨비야시장 운영", "전통시장 시설현대화 사업지원",
    "협동조합 활성화 종합지원", "고용기회 확대로 지속가능한 일자리 지원",
}


def test_every_program_has_a_card(cards):
    assert set(cards) == set(EXPECTED) | NO_TARGET
    assert {n for n, c in cards.items() if c.has_target} == set(EXPECTED)


def test_group_headings_are_not_programs(cards):
    # "1 공공일자리 및 고용유지 지원을 통한 고용안전망 강화" only heads programs ①① ②②.
    assert "공공일자리 및 고용유지 지원을 통한 고용안전망 강화" not in cards
    assert "50플러스세대․어르신 및 돌봄 일자리 지원" not in cards


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_parsed_target(cards, name):
    doc, line, participant, tracks = EXPECTED[name]
    card = cards[name]
    assert (card.doc_id, card.target_line, card.participant) == (doc, line, participant)
    assert len(card.tracks) == len(tracks)
    for track, (label, kind, age, residence, groups_all, groups_any, any_open) in zip(card.tracks, tracks):
        assert (track.label, track.kind) == (label, kind)
        if kind == "business":
            continue
        got_age = (track.age.min, track.age.max) if track.age and not track.age.no_limit else None
        assert got_age == age
        assert track.residence == residence
        assert track.groups_all == groups_all
        assert track.groups_any == groups_any
        assert track.any_open == any_open


def test_age_details(cards):
    senior = cards["어르신 일자리 및 사회활동지원(보건복지부 지원)"].tracks[0].age
    assert (senior.min, senior.soft_min) == (65, 60)  # "※ 일부유형 만 60세 이상도 참여 가능"
    wing = cards["취업날개서비스 지원"].tracks[0].age
    assert wing.from_hs_graduate and wing.text == "고교졸업예정자~만 39세 이하"
    assert cards["신중년사회공헌활동 지원사업(고용노동부 공모)"].tracks[0].age.text == "만 50세 이상 70세 미만"
    assert cards["장애인 활동지원사업"].tracks[0].age.no_limit  # "(연령 제한 없음)"


def test_income_and_property(cards):
    means = cards["공공분야 일자리 창출을 통한 고용안정 지원"].tracks[0].means
    assert (means.property_max_won, means.income_max_pct, means.either) == (400_000_000, 70.0, True)
    assert means.describe() == "재산 4억원 이하 또는 기준중위소득 70% 이하"


def test_unparsed_conditions_kept_as_text(cards):
    assert cards["노인맞춤돌봄서비스 운영"].tracks[0].conditions == ["노인맞춤돌봄서비스 수행인력"]
    assert cards["장애인 활동지원사업"].tracks[0].conditions == ["활동지원사 교육 수료자"]
    assert "시각디자인전공자" in cards["우리동네가게 아트테리어 지원사업"].tracks[0].conditions
    assert cards["소상공인·소기업 무급휴직 근로자 고용유지지원금 지원"].tracks[0].conditions == ["’21.4.30.까지 고용보험 유지자"]
    # A qualifier of a parsed group is a note, not a requirement of its own.
    newmid = cards["신중년사회공헌활동 지원사업(고용노동부 공모)"].tracks[0]
    # "경력 3년 이상" qualifies 퇴직자: a rule with its number, not a note.
    assert newmid.conditions == [] and newmid.experience_years == {"퇴직자": 3}
    assert cards["경력단절여성 인턴십 지원"].tracks[0].conditions == []


def test_preferences_and_open_to_all(cards):
    tech = cards["기술교육원 혁신 추진"].tracks[0]
    assert tech.priority == ["수급자", "국가유공자"] and tech.groups_all == []
    assert cards["양육가정 아이돌보미 운영"].tracks[0].open_to_all


def test_business_types(cards):
    assert cards["(예비)사회적기업 일자리 창출 사업"].tracks[0].business_types == ["사회적기업"]
    assert cards["상생기업 자립 기반 지원"].tracks[0].business_types == ["사회적기업", "소상공인"]
    assert cards["우리동네가게 아트테리어 지원사업"].tracks[1].business_types == ["소상공인"]


def test_support_budget_period(cards):
    boram = cards["50플러스 보람일자리"]
    assert boram.support.startswith("참여자 활동비, 교육, 상해보험")
    assert boram.budget.startswith("14,916백만원")
    ydp = cards["공공분야 일자리 창출을 통한 고용안정 지원"]
    assert ydp.period.startswith("2023. 1.~ 12.") and ydp.budget == "3,301,630천원"
    assert ydp.office == "" and ydp.team == "일자리사업팀" and ydp.area == "영등포구"
    assert cards["50플러스 보람일자리"].office == "복지정책실"


def test_group_word_inside_another_word_is_not_a_group():
    # "노인맞춤돌봄서비스" names a service, not 어르신 as participants.
    track = parse_track("노인맞춤돌봄서비스 수행인력", "서울")
    assert track.groups_all == [] and track.conditions == ["노인맞춤돌봄서비스 수행인력"]


def test_store_roundtrip_and_stale_warning(tmp_path, cards, capsys):
    n = save_cards_of(list(shipped.documents()), tmp_path, "stamp-1")
    assert n == len(cards)
    stored, stamp = read_cards(tmp_path)
    assert stamp == "stamp-1"
    assert [c.to_dict() for c in stored] == [c.to_dict() for c in shipped.cards()]
    # Cards from another ingest pass than the manifest's are reported, not silently trusted.
    from reports.store import Manifest, save_manifest

    save_manifest(tmp_path, Manifest(fingerprint="stamp-2"))
    assert len(load_cards(tmp_path)) == len(cards)
    assert "사업 카드" in capsys.readouterr().err
