"""Program cards from a citizen-facing web page (the real 당진시 pages in eval/generalization/corpus),
read through the same readers and document model as ingest: titles, target lines, one audience per
line under a bare "지원대상", residence through the administrative tree, and where each field is."""
from __future__ import annotations

from pathlib import Path

import pytest

from eligibility.cards import ProgramCard, build_cards
from eligibility.matching import match_card
from eligibility.profile import Profile
from ingest.documents import load_document, read_manifest_titles

GUIDES = Path(__file__).resolve().parents[1] / "eval" / "generalization" / "corpus"
PUBLIC_WORK = "2021년도 공공근로사업(행안부)"
COMMUNITY = "2021년도 지역공동체일자리사업(행안부)"
QUARANTINE = "2021년 지역방역일자리사업(행안부)"
NATIONAL = "국민취업지원제도"
STARTUP = "당진시중장년기술창업센터"


def _cards(name: str) -> dict[str, ProgramCard]:
    doc = load_document(GUIDES / name, read_manifest_titles(GUIDES))
    return {c.name: c for c in build_cards([doc], {doc.doc_id: list(doc.sections)})}


@pytest.fixture(scope="module")
def dangjin() -> dict[str, ProgramCard]:
    return _cards("dangjin-city-jobs-web-pages.txt")


def test_titled_programs_of_a_web_page(dangjin):
    assert {PUBLIC_WORK, COMMUNITY, QUARANTINE, NATIONAL, STARTUP} <= set(dangjin)
    lines = (GUIDES / "dangjin-city-jobs-web-pages.txt").read_text(encoding="utf-8").splitlines()
    for card in dangjin.values():
        # Each field cites the document's own line: the title line holds the name, the target line its rule.
        first, _ = card.sources["name"]
        assert card.name.replace("란?", "") in lines[first - 1].replace("란?", "")
        start, end = card.sources["target"]
        assert any(w in "\n".join(lines[start - 1 : end]) for w in ("자격", "대상", "세"))


def test_city_residence_and_means(dangjin):
    track = dangjin[PUBLIC_WORK].tracks[0]
    assert (track.residence, track.residence_sido) == ("당진시", "충남")
    assert (track.age.min, track.means.income_max_pct, track.means.property_max_won, track.means.either) == (18, 65, 200_000_000, False)
    assert track.conditions == []  # "사업개시일 현재", "근로능력이 있는" are not requirements
    community = dangjin[COMMUNITY].tracks[0]
    assert community.foreigners_ok and community.means.property_max_won == 300_000_000 - 1  # "3억원 미만"
    quarantine = dangjin[QUARANTINE].tracks[0]
    assert (quarantine.age.min, quarantine.age.max) == (18, 64)
    assert {"취업취약계층", "실직자", "폐업자"} <= set(quarantine.groups_any)


def test_one_audience_per_line_under_a_bare_label(dangjin):
    tracks = {t.label: t for t in dangjin[NATIONAL].tracks}
    assert {"청년층", "중장년층", "저소득층", "요건심사형"} <= set(tracks)
    assert (tracks["청년층"].age.min, tracks["청년층"].age.max) == (18, 34)
    assert tracks["중장년층"].means.income_max_pct == 100
    assert dangjin[NATIONAL].area == ""  # a national scheme (its page cites the law): no implied residence
    assert dangjin[STARTUP].tracks[0].age.min == 40  # "40대 이상"


@pytest.mark.parametrize(
    "name, profile, expected",
    [
        (PUBLIC_WORK, Profile.of(30, "당진", income_pct=50, property_won=100_000_000), "eligible"),
        (PUBLIC_WORK, Profile.of(30, "충남", income_pct=50, property_won=100_000_000), "maybe"),  # 충남 ⊃ 당진시
        (PUBLIC_WORK, Profile.of(30, "천안", income_pct=50, property_won=100_000_000), "ineligible"),
        (PUBLIC_WORK, Profile.of(40, "당진", income_pct=60, property_won=250_000_000), "ineligible"),
        (COMMUNITY, Profile.of(35, "천안", income_pct=60, property_won=100_000_000), "maybe"),  # a city's own program
        (NATIONAL, Profile.of(35, "천안", income_pct=60), "eligible"),
        (NATIONAL, Profile.of(50, "당진", income_pct=120), "ineligible"),
        (NATIONAL, Profile.of(45, "당진"), "maybe"),  # income unknown: never ineligible
        (QUARANTINE, Profile.of(64, "당진", groups=["폐업자"]), "eligible"),
        (QUARANTINE, Profile.of(65, "당진"), "ineligible"),
        (STARTUP, Profile.of(45, groups=["예비창업자"]), "eligible"),
        (STARTUP, Profile.of(39, groups=["예비창업자"]), "ineligible"),
    ],
)
def test_matching_on_the_page(dangjin, name, profile, expected):
    assert match_card(dangjin[name], profile).status == expected


def test_missing_fact_gives_the_one_question(dangjin):
    r = match_card(dangjin[PUBLIC_WORK], Profile.of(30, "충남", income_pct=50, property_won=100_000_000))
    assert r.questions == ["당진시에 사시나요?"]


def test_booklet_sentences_give_targets():
    booklet = _cards("whatsnew-2026-welfare-employment.md")
    pay = booklet["장애인취업성공패키지 구직촉진수당 단가 인상"].tracks[0]
    assert pay.means.income_max_pct == 60 and "장애인" in pay.groups_all
    incentive = booklet["일손부족일자리 동행인센티브 신설"]
    assert match_card(incentive, Profile.of(45)).status == "ineligible"  # "50+ 중장년"
