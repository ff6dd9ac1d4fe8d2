"""Profiles read from Korean questions: only self-descriptions count, topics do not."""
from __future__ import annotations

import pytest

from eligibility.profile import Profile, extract_profile, parse_place


def read(q: str) -> dict:
    p = extract_profile(q).profile
    return {"age": (p.age_min, p.age_max), "region": p.region, "district": p.district, "groups": sorted(p.groups),
            "businesses": sorted(p.businesses), "income": p.income_pct, "property": p.property_won}


@pytest.mark.parametrize(
    "question, expected",
    [
        ("서울 사는 만 29세 미취업 청년인데 지원할 수 있는 사업은?",
         {"age": (29, 29), "region": "서울", "groups": ["미취업", "청년"]}),
        ("만 70세인데 보람일자리 참여 가능한가요?", {"age": (70, 70), "region": None, "groups": []}),
        ("65세 여성이고 기초생활수급자예요. 참여할 수 있는 일자리 알려줘", {"age": (65, 65), "groups": ["수급자", "여성"]}),
        ("영등포구에 사는 만 45세인데 중위소득 60%예요.", {"district": "영등포구", "region": "서울", "income": 60.0}),
        ("영등포 사는 만 40세인데 재산 5억이고 중위소득 90%예요.", {"district": "영등포구", "property": 500_000_000, "income": 90.0}),
        ("저 서른두 살이고 서울 살아요. 취업 준비 중인데", {"age": (32, 32), "region": "서울", "groups": ["구직자"]}),
        ("60대 초반 서울 거주 퇴직자인데", {"age": (60, 63), "region": "서울", "groups": ["퇴직자"]}),
        ("엄마가 67세이신데 서울 사세요.", {"age": (67, 67), "region": "서울", "groups": ["여성"]}),
        ("경기도 사는 40대 주부인데", {"age": (40, 49), "region": "경기", "groups": ["여성"]}),
        ("서울 종로구에 사는 스물다섯 살 취준생입니다.", {"age": (25, 25), "district": "종로구", "groups": ["구직자", "청년"]}),
        ("경력단절여성 인턴십은 남자도 신청할 수 있나요?", {"groups": ["남성"]}),
        ("가게를 운영하는 소상공인인데 지원받을 수 있는 사업이 있나요?", {"businesses": ["소상공인"], "groups": []}),
        ("장애가 있는 28살 청년이에요. 서울 강서구 살고 일자리 찾고 있어요.",
         {"age": (28, 28), "district": "강서구", "groups": ["구직자", "장애인", "청년"]}),
        ("수급자 아니고 그냥 서울 사는 45세 직장인인데", {"groups": ["재직"], "age": (45, 45)}),
        # Ages in words and school years, residence verbs, status words (kotext/person_facts, admin_areas).
        ("영등포 살아요. 마흔다섯이고 지금 일 안 하고 있어요", {"age": (45, 45), "district": "영등포구", "groups": ["미취업"]}),
        ("고3인데 서울 살아요", {"age": (17, 18), "region": "서울", "groups": ["학생"]}),
        ("당진시민이고 만 66세예요", {"age": (66, 66), "region": "충남", "district": "당진시"}),
        ("충남에 사는 만 50세예요", {"region": "충남", "district": None}),
        ("영등포구민이고 만 50세예요", {"district": "영등포구"}),
        ("경단녀예요. 마흔둘이고 마포 살아요", {"age": (42, 42), "district": "마포구", "groups": ["경력단절여성"]}),
        ("몸이 불편한 스물다섯 살이에요", {"age": (25, 25), "groups": ["장애인"]}),
        ("기초수급 받고 있는 쉰다섯 살 남성입니다", {"age": (55, 55), "groups": ["남성", "수급자"]}),
        ("실직한 지 6개월 된 40살이에요", {"groups": ["실직자"]}),
        ("학교 그만둔 열일곱 살인데", {"age": (17, 17), "groups": ["학교밖청소년"]}),
        ("코로나 때문에 가게 문 닫은 만 64세예요", {"groups": ["폐업자"], "businesses": []}),
        ("재산이 2억 5천만원이라서요", {"property": 250_000_000}),
        ("가구소득 중위 90%, 재산 1억 5천이에요", {"income": 90.0, "property": 150_000_000}),
        # A status of a relative is not the asker's: "남편 퇴직하고 저도 …" (the asker wants to work:
        # 구직자 is hers, 퇴직자 is the husband's).
        ("서울 사는 60대 초반 여자예요. 남편 퇴직하고 저도 일을 좀 하고 싶은데", {"groups": ["구직자", "여성"]}),
        # Statuses by lemma, whatever the ending (kotext.person_facts.predicates on Kiwi morphemes).
        ("작년에 회사 그만두고 지금은 쉬고 있어요. 마흔둘이고 노원구 살아요", {"groups": ["미취업"]}),
        ("스물여섯 살이고 졸업하고 아직 한 번도 취업을 못 해서 걱정이에요", {"groups": ["미취업"]}),
        ("서울 사는 58세인데 다시 일하고 싶어요", {"groups": ["구직자"]}),
        ("영등포 사는 60세예요. 다른 일자리도 알아보고 있어요", {"groups": ["구직자"]}),
        ("만 51세고 21년 복무하고 전역했습니다", {"groups": ["퇴직자"]}),
        ("66세 서울 사는데 정년퇴임했어요", {"groups": ["퇴직자"]}),
        ("중3 때 학교를 그만뒀고 지금 열일곱 살이에요", {"groups": ["학교밖청소년"], "age": (17, 17)}),
        # 경력단절여성 needs a cause the law names (marriage, childbirth, childcare, housework, care).
        ("32살 여자고 애 낳고 회사를 그만둔 지 3년 됐어요", {"groups": ["경력단절여성", "미취업", "여성"]}),
        ("31살 여자예요. 다니던 회사를 그만둔 지 1년 됐어요", {"groups": ["미취업", "여성"]}),
        # Disability said with a having predicate or the registration card.
        ("청각장애 있는 스물여섯 살이에요", {"groups": ["장애인"]}),
        ("정신장애로 복지카드 받은 62세 남자입니다", {"groups": ["남성", "장애인"]}),
        ("중증 장애인으로 등록돼 있고 영등포에 살아요", {"groups": ["장애인"], "district": "영등포구"}),
        ("다리가 불편한 40대 남자인데 서울 삽니다", {"groups": ["남성", "장애인"]}),
        # Spoken endings: a dropped copula ("여자고"), "…함".
        ("서울사는38살 남자 실직함 ㅠ", {"groups": ["남성", "실직자"], "age": (38, 38)}),
        # Residence: a finer place between the area and the verb; 영등포구's 동; the hierarchy.
        ("영등포구 신길동 살아요. 스물여섯이에요", {"district": "영등포구"}),
        ("강남구 역삼동 살아요. 32살 여자고", {"district": "강남구", "region": "서울"}),
        ("여의도 사는 스물아홉 백수임", {"district": "영등포구", "groups": ["미취업"]}),
        ("영등포역 뒤 쪽방촌에 사는 58세예요", {"district": "영등포구", "groups": ["쪽방주민"]}),
        ("경기도 광명에 사는데 영등포 바로 옆이에요. 영등포구 취업 교육 신청돼요?", {"region": "경기", "district": "광명시"}),
        # Ages: birth year (this year), a bare number after 나이, an age in brackets, 에 after a native age.
        ("나이는 58이고 서울 강북구 살아요", {"age": (58, 58)}),
        ("손주 봐주던 할머니(63)예요", {"age": (63, 63), "groups": ["어르신", "여성"]}),
        ("일흔 넘으신 아버지(만 71세)가 집에만 계시니까 답답해하세요", {"age": (71, 71), "groups": ["남성", "미취업"]}),
        ("대기업에 20년 다니다가 마흔여덟에 퇴직했어요", {"age": (48, 48), "groups": ["퇴직자"]}),
        # Money with a word in between.
        ("영등포구 거주 61세예요. 가구소득이 기준중위소득 딱 70%고 재산은 4억 2천이에요", {"income": 70.0, "property": 420_000_000}),
        ("만 45세고 재산은 전세보증금 2억이 전부예요", {"property": 200_000_000}),
    ],
)
def test_reads_self_descriptions(question, expected):
    got = read(question)
    for key, value in expected.items():
        assert got[key] == value, (key, got)


@pytest.mark.parametrize(
    "question",
    [
        "장애인일자리 지원사업 대상자는?",
        "경력단절여성 인턴십 지원대상은 누구야?",
        "서울형 청년인턴 직무캠프 인턴은 몇 살부터 몇 살까지 참여 가능한가요?",
        "노숙인 일자리 지원사업 지원대상은?",
        "서울형 뉴딜일자리 지원대상은?",
        "만 65세 이상이면 어르신 일자리 되나요?",  # a rule, not an age
        "영등포 공공일자리 재산·소득 요건은?",
        "경제정책실 5월말 달성률은?",
        "서울형 뉴딜일자리 참여하고 싶은데 어떻게 신청해요?",  # a wish alone is not a profile
        "영등포 공공일자리 재산 4억 이하인가요?",
    ],
)
def test_topics_are_not_profiles(question):
    assert extract_profile(question).profile.is_empty(), read(question)


def test_places():
    assert parse_place("영등포") == ("서울", "영등포구")
    assert parse_place("서울 마포구") == ("서울", "마포구")
    assert parse_place("중구") == ("서울", "중구")
    assert parse_place("부산") == ("부산", None)
    assert Profile.of(age=30, residence="서울").describe() == "만 30세·서울"


def test_work_history_and_stated_non_membership():
    p = extract_profile("은퇴한 지 2년 된 62세입니다. 경력은 1년 조금 넘고 자격증은 없어요.").profile
    assert (p.experience_years, p.has_certificate, sorted(p.groups)) == (1, False, ["퇴직자"])
    assert extract_profile("회사에서 25년 일했어요. 58세 퇴직자예요").profile.experience_years == 25
    p = extract_profile("장애는 없는 만 30세 구직자예요.").profile
    assert p.not_groups == {"장애인"} and "장애인" not in p.groups


def test_birth_year_counts_from_this_year(monkeypatch):
    import eligibility.profile as profile_module

    monkeypatch.setattr(profile_module, "_this_year", lambda: 2026)
    p = extract_profile("99년생 여자고 영등포 살아요. 지금 무직인데 취업하고 싶어요").profile
    assert (p.age_min, p.age_max, p.district) == (26, 27, "영등포구") and {"여성", "미취업"} <= p.groups


def test_experience_and_certificate_in_everyday_words():
    p = extract_profile("만 70세예요. 서울 마포 살고 공무원으로 30년 일하다 퇴직했어요").profile
    assert (p.experience_years, "퇴직자" in p.groups) == (30, True)
    p = extract_profile("퇴직한 지 2년 된 63세예요. 직장 경력은 통틀어 2년밖에 안 되고 자격증은 따로 없어요").profile
    assert (p.experience_years, p.has_certificate) == (2, False)
    assert extract_profile("쉰다섯 살 주부예요. 25년 동안 살림만 했어요").profile.experience_years is None


def test_low_income_is_read_from_the_median_income_share():
    p = extract_profile("서울 강북구 사는 마흔셋이에요. 가구소득이 중위 40%예요").profile
    assert "저소득" in p.all_groups() and "저소득" not in Profile.of(age=43, income_pct=60).all_groups()


@pytest.mark.parametrize(
    "question, district",
    [
        # A 동 resolves to its 구 through the administrative tree (kotext.admin_areas.NEIGHBOURHOODS).
        ("나 봉천동에서 자취하는 스물셋이야", "관악구"),
        ("마흔 살이고 서울 송파구 가락동 살아요", "송파구"),
        ("쉰둘이에요. 당진 송악읍에 혼자 살아요", "당진시"),
        ("당진 대덕동 살고 중위 45%예요", "당진시"),  # 당진's 대덕동, not 대전 대덕구
        ("은평구 신사동 살아요. 마흔이에요", "은평구"),  # 신사동 is in three 구: the 구 said stays
        # Residence words other than 살다: 자취, 주소, 정착, 지내다, "… 사람", 주민등록, 집은.
        ("서울 마포구에 주소 둔 예순여섯입니다", "마포구"),
        ("주민등록은 강서구 화곡동으로 돼 있어요. 서른이에요", "강서구"),
        ("노원구에 정착한 지 3년 된 마흔다섯이에요", "노원구"),
        ("이제 막 쉰 된 당진 사람인데요", "당진시"),
        ("집은 구로구고 직장은 강남구예요. 서른둘이에요", "구로구"),
        # Adverbials of manner and company between the place and the verb.
        ("서른셋이고 동작구에서 부모님이랑 같이 살아요", "동작구"),
        # A clause of a place and a copula; 여기 + place.
        ("예순둘이에요. 서울 도봉구 쌍문동이고요.", "도봉구"),
        ("여기 잠실인데요, 스물일곱 살이에요", "송파구"),
        # Where the asker ran a shop, when no residence is said.
        ("당진 면천면에서 식당을 하다가 접었어요. 쉰넷이에요", "당진시"),
    ],
)
def test_reads_residence_phrasings(question, district):
    assert read(question)["district"] == district, read(question)


@pytest.mark.parametrize(
    "question",
    [
        "영등포구에서 하는 취업 교육은 누가 들을 수 있어요? 서른이에요",  # a program's place
        "대구 신당동 사는 마흔이에요",  # 신당동 of 대구 is not Seoul's 중구
        "직장은 강남구 역삼동이고 서른둘이에요",  # a workplace is not a residence
        "서른둘인데 송파구요?",  # a question, not a statement
    ],
)
def test_places_that_are_not_seoul_residences(question):
    got = read(question)
    assert got["district"] in (None,) and got["region"] in (None, "대구"), got


@pytest.mark.parametrize(
    "question, expected",
    [
        # Ages said as honorific copulas, casual endings, birthdays that name an age; a school year with 때 is past.
        # Asking for work the person could do ("하실 만한 일 있을까요") says they look for work: 구직자, as every
        # persona set labels it (out of work, 미취업, is still asked, not assumed).
        ("아버지 연세가 일흔셋이신데 서울 노원구 사세요. 아버지가 하실 만한 일 있을까요?", {"age": (73, 73), "groups": ["구직자", "남성"]}),
        ("올해 칠순이세요. 할 만한 일자리 있나요? 저희 어머니요", {"age": (70, 70)}),
        ("올해 환갑 맞은 남자예요. 서울 살아요", {"age": (60, 60), "groups": ["남성"]}),
        ("중2 때 자퇴했고 지금 만 열여덟이야. 서울 살아", {"age": (18, 18)}),
        # Several people: the asked person's facts only (kotext.persons).
        ("저는 쉰아홉이고 남편이랑 살아요. 스물여덟 살 된 딸이 청각장애가 있어요. 딸이 할 만한 일자리 있을까요?",
         {"age": (28, 28), "groups": ["구직자", "여성", "장애인"]}),
        ("우리 딸 얘기예요. 스물다섯이고 마포구에서 저랑 같이 살아요. 저는 쉰다섯이고요. 딸이 할 만한 거 있나요?",
         {"age": (25, 25), "district": "마포구", "groups": ["여성"]}),
        ("어머니는 일흔하나이시고 저는 서른넷이에요. 어머니 말고 제가 할 수 있는 일자리 있어요?", {"age": (34, 34), "groups": ["구직자"]}),
        ("제 얘기 말고 장모님 얘기예요. 올해 예순여덟이신데 은평구 사세요.", {"age": (68, 68), "groups": ["여성"]}),
        # A companion (이랑/랑/하고) is not a subject, and a spouse word tells the speaker's gender.
        ("남편이랑 이혼하고 혼자 애 키우는 서른여덟 살이에요", {"age": (38, 38), "groups": ["여성"]}),
        ("아내가 일을 그만뒀어요. 저는 마흔둘이고 지금 일자리 찾고 있어요", {"age": (42, 42), "groups": ["구직자", "남성"]}),
    ],
)
def test_reads_the_asked_persons_facts(question, expected):
    got = read(question)
    for key, value in expected.items():
        assert got[key] == value, (key, got)


@pytest.mark.parametrize(
    "question, expected",
    [
        # Homemaking as an occupation is a career break for a woman who wants work (경력단절여성법 제2조).
        ("저는 12년째 전업주부예요. 마흔넷이고 일하고 싶어요", {"groups": ["경력단절여성", "구직자", "여성"]}),
        ("쉰 살 여자예요. 결혼하고 쭉 살림만 했는데 이제 일 좀 하려고요", {"groups": ["경력단절여성", "구직자", "여성"]}),
        # Childbirth is said by a woman.
        ("둘째 낳고 회사를 그만둔 지 4년 됐어요. 서른여섯이에요", {"groups": ["경력단절여성", "미취업", "여성"]}),
        # Setting up a business in any verb; intended or done.
        ("카페를 차린 지 2년 된 서른다섯이에요", {"groups": ["창업자"]}),
        ("사업자 낸 지 6개월 된 마흔 살이에요", {"groups": ["창업자"]}),
        ("마흔셋이고 작은 식당을 차리려고 준비 중이에요", {"groups": ["예비창업자"]}),
        ("쉰둘이고 작년에 치킨집을 접었어요", {"groups": ["폐업자"]}),
        # Out of work: fired, never worked, not found work, a state noun, passive 당하다.
        ("스물아홉인데 다니던 학원에서 잘렸어요", {"groups": ["실직자"]}),
        ("스물넷이고 아직 한 번도 일해 본 적이 없어요", {"groups": ["미취업"]}),
        ("서른둘인데 아직 일자리를 못 구했어요", {"groups": ["구직자", "미취업"]}),
        ("마흔이고 지금 실직 상태예요", {"groups": ["실직자"]}),
        ("서른여섯 살인데 지난달 권고사직 당했어요", {"groups": ["실직자"]}),
        # At work now, or hired.
        ("마흔둘이고 지금 식당에서 일하는 중이에요", {"groups": ["재직"]}),
        ("쉰셋인데 올해 취업한 지 석 달 됐어요", {"groups": ["재직"]}),
        ("다시 회사 다니고 싶은 서른넷 여자예요", {"groups": ["여성"]}),  # a wish is not a job
        # Benefits said with 받다, and "X는 아니고".
        ("주거급여 말고 생계급여 받으면서 사는 예순이에요", {"groups": ["수급자"]}),
        ("기초수급자는 아니고 차상위예요. 쉰이에요", {"groups": ["차상위"]}),
        ("마흔여덟이고 명퇴했어요", {"groups": ["퇴직자"]}),
        ("혼자 애 키우는 싱글맘이에요. 서른아홉이에요", {"groups": ["여성", "한부모"]}),
        ("쇼핑몰을 차린 지 1년 된 여성 대표예요", {"groups": ["여성", "창업자"]}),
        ("노숙인 쉼터에서 지내는 쉰 살이에요", {"groups": ["노숙인"]}),
    ],
)
def test_reads_statuses_said_as_nouns_or_verbs(question, expected):
    got = read(question)
    for key, value in expected.items():
        assert got[key] == value, (key, got)


def test_years_of_work_with_a_noun_between():
    assert extract_profile("28년 간호사 하다 퇴직한 쉰여덟이에요").profile.experience_years == 28
    assert extract_profile("25년 다닌 회사에서 은퇴한 예순이에요").profile.experience_years == 25
    assert extract_profile("직장 생활은 3년밖에 안 했어요. 쉰다섯이에요").profile.experience_years == 3
    assert extract_profile("20년 동안 육아만 했어요. 쉰이에요").profile.experience_years is None
    p = extract_profile("기초수급자는 아니고 차상위예요. 마흔세 살이에요").profile
    assert p.not_groups == {"수급자"}


@pytest.mark.parametrize(
    "question, region, district",
    [
        # the dwelling between the place and the verb of living
        ("봉천동 원룸에서 혼자 지내는 스물일곱이에요.", "서울", "관악구"),
        ("마흔한 살 남자고 난곡동 반지하에서 혼자 지내요.", "서울", "관악구"),
        ("영등포 대림3동 원룸 사는 스물아홉이에요.", "서울", "영등포구"),
        ("지금 예순넷이고 노원구 중계동 아파트 살아요.", "서울", "노원구"),
        ("서울 시내에 사는데 구는 말 안 할게요.", "서울", None),
        # a place said as a clause after a connective -고
        ("서른일곱이고 서울 구로구 신도림동이에요.", "서울", "구로구"),
        # the registered address is the residence, not where one stays
        ("직장 때문에 당진 기숙사에 살지만 주소는 천안에 그대로 둔 마흔둘이에요.", "충남", "천안시"),
    ],
)
def test_reads_residence_through_dwellings_and_addresses(question, region, district):
    p = extract_profile(question).profile
    assert (p.region, p.district) == (region, district)


def test_a_milestone_birthday_is_an_age():
    p = extract_profile("올해 환갑인 남자입니다. 은평구 불광동 살고 있어요.").profile
    assert (p.age_min, p.age_max) == (60, 60)


def test_leaving_a_career_of_stated_years_is_retiring():
    p = extract_profile("올해 환갑인 남자입니다. 은평구 불광동 살고 보일러 설비 일을 28년 하다가 작년에 그만뒀어요.").profile
    assert p.experience_years == 28 and "퇴직자" in p.groups
    q = extract_profile("서른한 살 여자고 석 달 전에 회사를 그만뒀어요. 영등포 살아요.").profile
    assert "퇴직자" not in q.groups  # no career length said: out of work, not a retiree


@pytest.mark.parametrize(
    "question, district",
    [
        # How long one has lived there, settling, or the dwelling between the place and the verb.
        ("합정동에서 30년 넘게 살았어요. 쉰다섯이에요", "마포구"),
        ("구로구 개봉동에 자리 잡은 지 1년 된 마흔 살이에요", "구로구"),
        ("노원구 상계동 쪽방에서 지내는 예순 살이에요", "노원구"),
        # A native of the place, whatever ending follows.
        ("하남 토박이고 예순둘이에요", "하남시"),
    ],
)
def test_reads_residence_said_with_duration_settling_or_dwelling(question, district):
    assert read(question)["district"] == district


@pytest.mark.parametrize(
    "question",
    ["마흔여섯인데 요즘 일이 뚝 끊겼어요. 서울 살아요", "서른아홉이고 다니던 직장에서 나왔어요. 서울 살아요"],
)
def test_work_that_stopped_or_a_left_workplace_is_out_of_work(question):
    assert "미취업" in read(question)["groups"]


def test_leaving_a_workplace_in_the_future_is_not_out_of_work():
    assert "미취업" not in read("내년에 회사에서 나오려고 해요. 쉰아홉이고 서울 살아요")["groups"]


@pytest.mark.parametrize(
    "question, district",
    [
        # Where one works is read when no residence is said: a glued verb noun, or going to work there.
        ("구로구 신도림동에서 알바하다가 잘렸어요. 스물여섯이에요", "구로구"),
        ("서른둘이고 마포구 상암동에서 방송국 다니고 있어요", "마포구"),
        # A dwelling with one describing word before it.
        ("용산역 근처 노숙인 쉼터에서 지내는 예순 살이에요", "용산구"),
    ],
)
def test_reads_a_workplace_or_a_described_dwelling(question, district):
    assert read(question)["district"] == district


def test_a_programs_place_is_not_the_askers_workplace():
    assert read("마포구에서 하는 청년 교육 있어요? 저는 서른이에요")["district"] is None


@pytest.mark.parametrize(
    "question",
    ["스물아홉이고 서울 살아요. 지난달에 계약이 만료됐어요", "서울 사는 서른여섯인데 작년에 회사를 나와서 지금 쉬고 있어요"],
)
def test_an_ended_contract_or_a_left_company_is_out_of_work(question):
    assert "미취업" in read(question)["groups"]


def test_a_contract_that_will_end_is_not_out_of_work():
    assert "미취업" not in read("서울 사는 서른 살인데 다음 달에 계약이 끝나요")["groups"]


@pytest.mark.parametrize("question, age", [("지난달에 쉰이 됐어요. 서울 살아요", 50), ("아버지가 올해 일흔둘이 되셨어요. 아버지가 할 만한 일 있을까요?", 72)])
def test_an_age_just_reached_is_read(question, age):
    assert read(question)["age"] == (age, age)


@pytest.mark.parametrize(
    "question, district, region",
    [
        # A dwelling glued to its kind ("다세대주택"), a shelter one moved into, a neighbourhood said as 동네,
        # a form's "사는 곳:", an old-style verb (기거하다), a finer place the tree does not name.
        ("대림동 다세대주택에 혼자 살아요. 일흔셋이에요", "영등포구", "서울"),
        ("영등포역 근처 노숙인 쉼터에 들어와 지낸 지 반년 된 쉰둘이에요", "영등포구", "서울"),
        ("나이는 쉰넷, 동네는 오류동. 이제는 아무 일이나 좋아요", "구로구", "서울"),
        ("나이: 44 / 성별: 남 / 사는 곳: 중랑구 망우동", "중랑구", "서울"),
        ("소생은 일흔둘이오. 용산 후암동에 기거하오", "용산구", "서울"),
        ("마흔아홉 남자고 종로에 있는 고시원이에요", "종로구", "서울"),
        ("인천 송도에 사는 쉰다섯 여자인데요", None, "인천"),
    ],
)
def test_reads_where_the_person_lives(question, district, region):
    got = read(question)
    assert (got["district"], got["region"]) == (district, region), got


def test_work_status_defaults_follow_what_is_said():
    from eligibility.profile import extract_profile

    from eligibility.vocab import closure
    seeker = extract_profile("서른둘 남자고 관악구 살아요. 일 구하는 중이에요").profile.groups
    assert "구직자" in seeker and "미취업" in closure(seeker)  # looking for work, no job said: out of work
    mover = extract_profile("금호동 사는 스물아홉 직장인이에요. 다른 데로 옮기고 싶어서 일자리 알아보고 있어요").profile.groups
    assert {"구직자", "재직"} <= mover and "미취업" not in closure(mover)  # a said job rules the default out
    parttime = extract_profile("서른 살 남자예요. 배달 알바 뛰면서 정규직 자리 찾고 있어요").profile.groups
    assert "재직" in parttime and "미취업" not in closure(parttime)  # part-time work is work
    retired = extract_profile("은행에서 30년 일하다 작년에 퇴직한 예순둘이에요. 서울 살아요").profile.groups
    assert "미취업" in closure(retired)
    assert "구직자" not in extract_profile("만 70세인데 보람일자리 참여 가능한가요?").profile.groups  # a program's name


def test_ages_said_with_more_endings_and_as_birth_dates(monkeypatch):
    import eligibility.profile as profile_module

    monkeypatch.setattr(profile_module, "_this_year", lambda: 2026)
    cases = {
        "애 둘 키우다 보니 벌써 서른넷이네요. 신도림동 살아요.": (34, 34),
        "올해 만 예순여덟이 되니까 안 된다고 하더라고요.": (68, 68),
        "1961년 5월생 여자예요. 불광동 살고요": (64, 65),
        "58년 개띠 남자예요. 잠원동 삽니다.": (67, 68),
    }
    for q, (low, high) in cases.items():
        p = extract_profile(q).profile
        assert (p.age_min, p.age_max) == (low, high), q


def test_a_landmark_and_where_by_it_still_say_the_place_one_lives():
    p = extract_profile("영등포 타임스퀘어 바로 뒤 빌라에 사는 스물넷 남자예요.").profile
    assert p.district == "영등포구"


@pytest.mark.parametrize("question, district", [
    ("이혼하고 애 둘이랑 봉천동에서 산 지 1년 됐어요. 마흔두 살이에요.", "관악구"),  # lived there for a year
    ("여의도 IFC몰 근처 오피스텔에서 혼자 사는 스물다섯 여자예요.", "영등포구"),  # a landmark, a dwelling, an adverb
    ("서울 맨 서쪽 끝 개화동, 김포공항 바로 옆에 사는 마흔넷 남자예요.", "강서구"),  # the place, then what it is by
    ("54세/남/성수동/무직 6개월째. 가능한 사업 목록 주세요.", "성동구"),  # a form's field
])
def test_residence_said_by_its_surroundings_or_in_a_form(question, district):
    assert extract_profile(question).profile.district == district
