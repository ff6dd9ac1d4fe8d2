"""The administrative tree and the numbers people say about themselves (kotext)."""
from __future__ import annotations

from kotext.admin_areas import Place, place_in, resolve
from kotext.person_facts import amount_won, experience_years, native_age, school_age


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
