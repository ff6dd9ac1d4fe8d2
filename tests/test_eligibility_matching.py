"""Matching on the real cards: age boundaries, unknowns, contradictions, income/property, businesses."""
from __future__ import annotations

import pytest

from settings import CORPUS_DIR
from eligibility.cards import ProgramCard
from tests import shipped
from eligibility.matching import match, match_card
from eligibility.profile import Profile

CAMP = "서울형 청년인턴 직무캠프 추진"
SENIOR = "어르신 일자리 및 사회활동지원(보건복지부 지원)"
BORAM = "50플러스 보람일자리"
NEWMID = "신중년사회공헌활동 지원사업(고용노동부 공모)"
COMM = "청년 커뮤니티 활성화 지원"
LOCAL = "지역상생 청년 일자리 창출 연계사업 운영"
WING = "취업날개서비스 지원"
YPUB = "공공분야 일자리 창출을 통한 고용안정 지원"
CAREER = "경력단절여성 인턴십 지원"
NEWDEAL = "서울형 뉴딜일자리 민간연계로 지속가능한 양질의 일자리 창출"


@pytest.fixture(scope="module")
def cards() -> dict[str, ProgramCard]:
    return {c.name: c for c in shipped.cards()}


def status(cards, name: str, profile: Profile) -> str:
    return match_card(cards[name], profile).status


@pytest.mark.parametrize(
    "name, profile_kw, expected",
    [
        # 직무캠프 (인턴): 만 18세이상 ~ 34세 이하의 서울거주 청년 구직자
        (CAMP, dict(age=34, residence="서울", groups=["구직자"]), "eligible"),
        (CAMP, dict(age=35, residence="서울", groups=["구직자"]), "ineligible"),
        (CAMP, dict(age=18, residence="서울", groups=["구직자"]), "eligible"),
        (CAMP, dict(age=17, residence="서울", groups=["구직자"]), "ineligible"),
        # 어르신 일자리: 만 65세 이상 ※ 일부유형 만 60세 이상도 참여 가능
        (SENIOR, dict(age=65), "eligible"),
        (SENIOR, dict(age=64), "maybe"),
        (SENIOR, dict(age=60), "maybe"),
        (SENIOR, dict(age=59), "ineligible"),
        # 보람일자리: 만 50~67세 서울시 거주자 (+ 만40~67세 서울형 차상위)
        (BORAM, dict(age=67, residence="서울"), "eligible"),
        (BORAM, dict(age=68, residence="서울"), "ineligible"),
        (BORAM, dict(age=50, residence="서울"), "eligible"),
        (BORAM, dict(age=45, residence="서울"), "maybe"),  # 차상위 track not settled
        (BORAM, dict(age=45, residence="서울", groups=["차상위"]), "eligible"),
        (BORAM, dict(age=39, residence="서울", groups=["차상위"]), "ineligible"),
        # 신중년: 만 50세 이상 70세 미만 서울시 거주자로 경력 3년 이상 퇴직자 혹은 자격증 소지자:
        # a retiree who gives no years of experience is "maybe", never ineligible
        (NEWMID, dict(age=69, residence="서울", groups=["퇴직자"]), "maybe"),
        (NEWMID, dict(age=70, residence="서울", groups=["퇴직자"]), "ineligible"),
        (NEWMID, dict(age=50, residence="서울", groups=["자격증소지자"]), "eligible"),
        (NEWMID, dict(age=49, residence="서울", groups=["퇴직자"]), "ineligible"),
        # 만39세 이하 / 만19세~39세
        (COMM, dict(age=39), "eligible"),
        (COMM, dict(age=40), "ineligible"),
        (LOCAL, dict(age=19, residence="서울"), "eligible"),
        (LOCAL, dict(age=18, residence="서울"), "ineligible"),
        # 고교졸업예정자~만 39세 이하: 17-18 may be a 고3
        (WING, dict(age=17, residence="서울"), "maybe"),
        (WING, dict(age=16, residence="서울"), "ineligible"),
    ],
)
def test_age_boundaries(cards, name, profile_kw, expected):
    assert status(cards, name, Profile.of(**profile_kw)) == expected


def test_unknown_is_not_ineligible(cards):
    nobody = Profile.of(residence="서울")
    for name in (CAMP, SENIOR, BORAM, NEWMID, LOCAL, WING, CAREER):
        result = match_card(cards[name], nobody)
        assert result.status == "maybe", (name, result.why)
    assert "나이 확인 필요" in match_card(cards[BORAM], nobody).why
    # Residence unknown, age fits: maybe, and the reason names the residence.
    result = match_card(cards[BORAM], Profile.of(age=60))
    assert result.status == "maybe" and "서울 거주 여부 확인 필요" in result.why


def test_stated_facts_that_contradict(cards):
    assert status(cards, CAREER, Profile.of(groups=["남성"])) == "ineligible"
    assert "남성" in match_card(cards[CAREER], Profile.of(groups=["남성"])).why
    assert status(cards, NEWDEAL, Profile.of(age=30, residence="서울", groups=["재직"])) == "ineligible"
    assert status(cards, NEWDEAL, Profile.of(age=30, residence="부산", groups=["미취업"])) == "ineligible"
    assert status(cards, YPUB, Profile.of(age=30, residence="강남구")) == "ineligible"
    assert status(cards, YPUB, Profile.of(age=30, residence="서울")) == "maybe"  # which 구 is unknown


def test_income_or_property(cards):
    ydp = lambda **kw: status(cards, YPUB, Profile.of(age=40, residence="영등포구", **kw))  # noqa: E731
    assert ydp(income_pct=70) == "eligible"
    assert ydp(income_pct=90, property_won=300_000_000) == "eligible"  # "이거나": one suffices
    assert ydp(income_pct=90, property_won=500_000_000) == "ineligible"
    assert ydp(income_pct=90) == "maybe"  # property might still be under 4억
    assert ydp() == "maybe"
    assert ydp(groups=["수급자"]) == "eligible"  # 수급자 are at or below 50% of the median


def test_businesses_are_not_offered_to_individuals(cards):
    person = Profile.of(age=30, residence="서울", groups=["구직자"])
    business_only = [c for c in cards.values() if c.participant == "business"]
    assert len(business_only) == 7
    for card in business_only:
        result = match_card(card, person)
        assert result.status == "ineligible" and "기업·기관 대상" in result.why
    # A mixed program offers its person track: 직무캠프 (인턴) yes, (기업) no.
    assert match_card(cards[CAMP], person).track.label == "인턴"
    owner = Profile.of(businesses=["소상공인"])
    assert status(cards, "상생기업 자립 기반 지원", owner) == "maybe"
    assert status(cards, "(예비)사회적기업 일자리 창출 사업", owner) == "ineligible"
    assert status(cards, "육아종합지원센터 대체교사 등 파견지원", owner) == "ineligible"  # untyped institutions
    # For an owner, programs for their kind of business come first among the "maybe"s.
    maybes = [r.card.name for r in match(list(cards.values()), owner) if r.status == "maybe"]
    assert set(maybes[:2]) == {"우리동네가게 아트테리어 지원사업", "상생기업 자립 기반 지원"}


def test_open_to_all_and_unstated(cards):
    assert status(cards, "양육가정 아이돌보미 운영", Profile.of(age=45)) == "eligible"
    assert status(cards, "서울시 안심귀가스카우트 운영", Profile.of(age=45)) == "unstated"


def test_order_and_reasons(cards):
    results = match(list(cards.values()), Profile.of(age=29, residence="서울", groups=["미취업", "청년"]))
    statuses = [r.status for r in results]
    assert statuses == sorted(statuses, key=["eligible", "maybe", "ineligible", "unstated"].index)
    eligible = [r.card.name for r in results if r.status == "eligible"]
    assert {NEWDEAL, CAMP, WING, LOCAL, "기술교육원 혁신 추진"} <= set(eligible)
    # Targeted programs come before ones open to everyone.
    assert eligible.index(CAMP) < eligible.index("양육가정 아이돌보미 운영")
    assert all(r.why for r in results)


def test_an_age_said_only_from_below_is_open_above():
    from eligibility.evaluate import profile_from_row

    p = profile_from_row({"age_min": 70, "residence": "도봉구", "groups": ["구직자"]})
    assert p.age_min == 70 and p.age_max is not None and p.age_max >= 100
