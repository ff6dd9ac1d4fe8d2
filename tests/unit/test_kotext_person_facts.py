"""The administrative tree and the numbers people say about themselves (kotext)."""
from __future__ import annotations

from kotext.admin_areas import FINER_PLACE, Place, place_in, resolve
from kotext.person_facts import (
    Morph,
    amount_won,
    birth_year_age,
    experience_years,
    native_age,
    predicates,
    school_age,
    stated_age,
)


def test_places_resolve_through_the_tree():
    assert resolve("영등포") == Place("서울", "영등포구")
    assert resolve("당진") == Place("충남", "당진시")
    assert resolve("서울") == Place("서울") and resolve("광주") == Place("광주")
    assert resolve("중구") == Place("서울", "중구") and resolve("중구", "부산") == Place("부산", "중구")
    assert place_in("충청남도 당진시 누리집") == Place("충남", "당진시")
    assert Place("서울").contains(Place("서울", "영등포구")) and not Place("서울", "마포구").contains(Place("서울", "영등포구"))


def test_numbers_in_words():
    assert native_age("마흔다섯이고").low == 45 and native_age("서른두 살").low == 32 and native_age("열일곱 살").low == 17
    assert native_age("열심히 일해요") is None and native_age("세 번 했어요") is None
    assert (school_age("고3인데").low, school_age("고3인데").high) == (17, 18)
    assert amount_won("2억 5천만원") == 250_000_000 and amount_won("1억 5천") == 150_000_000 and amount_won("5천만원") == 50_000_000
    assert experience_years("경력은 1년 조금 넘고").low == 1 and experience_years("퇴직한 지 2년 됐어요") is None


def test_neighbourhoods_and_finer_places():
    assert resolve("신길동") == Place("서울", "영등포구") and resolve("여의도") == Place("서울", "영등포구")
    assert resolve("대림2동") == resolve("대림제2동") == Place("서울", "영등포구")
    assert resolve("양평") == Place("경기", "양평군")  # only 양평동 is 영등포구's
    for tail, n in ((" 신길동 살아요", 4), ("역 뒤 쪽방촌에 사는", 7), (" 송악읍 사는", 4), (" 살아요", 0), (" 동네 살아요", 0)):
        assert FINER_PLACE.match(tail).end() == n, tail


def test_ages_said_other_ways():
    assert (birth_year_age("99년생이에요", 2026).low, birth_year_age("99년생이에요", 2026).high) == (26, 27)
    assert birth_year_age("1972년생", 2026).high == 54 and birth_year_age("05년생", 2026).high == 21
    assert stated_age("나이는 58이고").low == 58 and stated_age("할머니(63)예요").low == 63
    assert stated_age("I'm 33, 영등포 살아요").low == 33 and stated_age("나이는 30년 전에") is None
    assert native_age("마흔여덟에 퇴직했어요").low == 48


def test_years_of_work_in_any_ending():
    assert experience_years("영업 일을 25년 했어요").low == 25
    assert experience_years("회사 25년 다니다가 퇴직했어요").low == 25
    assert experience_years("21년 복무하고 전역했습니다").low == 21
    assert experience_years("직장 경력은 통틀어 2년밖에").low == 2
    assert experience_years("25년 동안 살림만 했어요") is None


def _m(*parts: str) -> list[Morph]:
    """Morphemes written 'form/TAG', laid end to end (a fake analyzer: no model)."""
    out, pos = [], 0
    for part in parts:
        form, tag = part.rsplit("/", 1)
        out.append(Morph(form, tag, pos, pos + len(form)))
        pos += len(form)
    return out


def test_predicates_by_lemma():
    # 회사 그만두고 지금은 쉬고 있어요. 다시 일하고 싶은데
    got = predicates(_m("회사/NNG", "그만두/VV", "고/EC", "지금/NNG", "은/JX", "쉬/VV", "고/EC", "있/VX", "어요/EF",
                        "다시/MAG", "일/NNG", "하/XSV", "고/EC", "싶/VX", "은데/EC"))
    assert [(p.lemma, p.noun, p.ongoing, p.wished) for p in got] == [
        ("그만두다", "회사", False, False), ("쉬다", "지금", True, False), ("일하다", None, False, True)]
    # 취업을 못 해서 / 관뒀는데 / 공공일자리에 참여하고 싶은데
    (p,) = predicates(_m("취업/NNG", "을/JKO", "못/MAG", "하/VV", "어서/EC"))
    assert (p.lemma, p.negated, p.wished) == ("취업하다", True, False)
    (p,) = predicates(_m("회사/NNG", "를/JKO", "관두/VV", "었/EP", "는데/EC"))
    assert (p.lemma, p.noun, p.past) == ("관두다", "회사", True)
    (p,) = predicates(_m("일자리/NNG", "에/JKB", "참여/NNG", "하/XSV", "고/EC", "싶/VX", "은데/EC"))
    assert (p.lemma, p.noun, p.wished, p.head) == ("참여하다", "일자리", True, len("일자리에"))


def test_seoul_and_dangjin_neighbourhoods():
    from kotext.admin_areas import neighbourhood

    assert resolve("신림동") == resolve("신림1동") == resolve("신림제1동") == Place("서울", "관악구")
    assert resolve("목동") == Place("서울", "양천구") and resolve("잠실") == Place("서울", "송파구")
    assert resolve("합덕읍") == Place("충남", "당진시") and resolve("대덕동") == Place("충남", "당진시")
    assert resolve("신사동") == Place("서울")  # 강남구·관악구·은평구 all have one
    assert resolve("신당동", "대구") is None and resolve("신당동", "서울") == Place("서울", "중구")
    assert neighbourhood("방학") is None and resolve("방학동") == Place("서울", "도봉구")  # 방학 alone is a holiday
    assert FINER_PLACE.match(" 합덕읍에 사는").end() == 4


def test_whose_facts_in_a_question_about_several_people():
    from kotext.persons import SELF, asked_for, owner, speaker_gender

    q = "저는 예순셋이고 아내랑 살아요. 서른 살 된 아들이 장애가 있어요. 아들이 들어갈 만한 일자리 있을까요?"
    assert asked_for(q).word == "아들"
    assert owner(q, q.index("예순셋"), q.index("예순셋") + 3).word == SELF
    assert owner(q, q.index("서른"), q.index("서른") + 2).word == "아들"  # "서른 살 된 아들"
    assert asked_for("아버지 말고 제가 할 수 있는 일 있어요?").word == SELF
    assert asked_for("제 얘기 말고 장인어른 얘기예요.").word == "장인어른"
    q = "시어머니가 예순아홉이세요. 저는 마흔이고요."
    assert owner(q, q.index("예순아홉"), q.index("예순아홉") + 4).word == "시어머니"
    assert speaker_gender("남편이 퇴직하고 집에 있어요") == "여성" and speaker_gender("장모님이 일하고 싶어 하세요") == "남성"
    assert asked_for("서른 살이고 서울 살아요") is None
    assert native_age("일흔둘이신데").low == 72 and native_age("열아홉이야").low == 19
    assert school_age("고2 때 자퇴했고") is None


def test_milestone_birthdays_name_an_age():
    from kotext.person_facts import milestone_age

    assert milestone_age("올해 환갑 맞은 여자예요").low == 60 and milestone_age("칠순이세요").low == 70
    assert milestone_age("환갑 넘으면 못 하나요") is None


def test_ages_in_spoken_endings_sino_words_milestones_and_birth_years():
    from kotext.person_facts import birth_year_age, milestone_age, native_age, sino_age

    assert native_age("만 서른아홉이죠").low == 39 and native_age("쉰여섯이거든요").low == 56
    assert native_age("서른넷인디 당진 살아유").low == 34 and native_age("예순하나고 당진 살아요").low == 61
    assert native_age("세 살") is None and native_age("네 명이 같이") is None
    assert sino_age("나이는 딱 만 오십, 여자예요").low == 50 and sino_age("오십 명") is None
    assert milestone_age("환갑 지난 지 2년 됐어요").low == 62
    assert (birth_year_age("1983년에 태어났고", 2026).low, birth_year_age("1983년에 태어났고", 2026).high) == (42, 43)


def test_a_bare_thousand_of_a_spoken_amount_is_ten_million():
    from kotext.person_facts import amount_won

    assert amount_won("재산은 보증금 2천이 다예요") == 20_000_000
    assert amount_won("5천원") == 5_000 and amount_won("1억 5천") == 150_000_000
