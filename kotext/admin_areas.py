"""Korea's administrative areas: 시·도 and their 시·군·구, and where a place name sits in that tree.

Used to read a residence from text ("영등포 살아요", "당진시민", "충남 아산") and to compare a
person's residence with a program's ("서울" ⊃ "영등포구": someone who only said 서울 may or may
not live in 영등포구). Names are the 2024 units (general 구 of large cities are not listed; 세종
and 제주 have none). A bare district name shared by several cities ("중구", "강서구") resolves to
Seoul's, the reports' city, unless the 시·도 is named with it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

# 시·도 → the names people and documents use for it (the first is the label).
SIDO_NAMES: dict[str, tuple[str, ...]] = {
    "서울": ("서울", "서울특별시", "서울시"),
    "부산": ("부산", "부산광역시", "부산시"),
    "대구": ("대구", "대구광역시", "대구시"),
    "인천": ("인천", "인천광역시", "인천시"),
    "광주": ("광주", "광주광역시"),  # a bare "광주" is the metropolitan city, not 경기 광주시
    "대전": ("대전", "대전광역시", "대전시"),
    "울산": ("울산", "울산광역시", "울산시"),
    "세종": ("세종", "세종특별자치시", "세종시"),
    "경기": ("경기", "경기도"),
    "강원": ("강원", "강원도", "강원특별자치도"),
    "충북": ("충북", "충청북도"),
    "충남": ("충남", "충청남도"),
    "전북": ("전북", "전라북도", "전북특별자치도"),
    "전남": ("전남", "전라남도"),
    "경북": ("경북", "경상북도"),
    "경남": ("경남", "경상남도"),
    "제주": ("제주", "제주도", "제주특별자치도"),
}

_SIGUNGU_TEXT: dict[str, str] = {
    "서울": "종로구 중구 용산구 성동구 광진구 동대문구 중랑구 성북구 강북구 도봉구 노원구 은평구 서대문구 마포구 "
            "양천구 강서구 구로구 금천구 영등포구 동작구 관악구 서초구 강남구 송파구 강동구",
    "부산": "중구 서구 동구 영도구 부산진구 동래구 남구 북구 해운대구 사하구 금정구 강서구 연제구 수영구 사상구 기장군",
    "대구": "중구 동구 서구 남구 북구 수성구 달서구 달성군 군위군",
    "인천": "중구 동구 미추홀구 연수구 남동구 부평구 계양구 서구 강화군 옹진군",
    "광주": "동구 서구 남구 북구 광산구",
    "대전": "동구 중구 서구 유성구 대덕구",
    "울산": "중구 남구 동구 북구 울주군",
    "세종": "",
    "경기": "수원시 성남시 의정부시 안양시 부천시 광명시 평택시 동두천시 안산시 고양시 과천시 구리시 남양주시 오산시 "
            "시흥시 군포시 의왕시 하남시 용인시 파주시 이천시 안성시 김포시 화성시 광주시 양주시 포천시 여주시 연천군 "
            "가평군 양평군",
    "강원": "춘천시 원주시 강릉시 동해시 태백시 속초시 삼척시 홍천군 횡성군 영월군 평창군 정선군 철원군 화천군 양구군 "
            "인제군 고성군 양양군",
    "충북": "청주시 충주시 제천시 보은군 옥천군 영동군 증평군 진천군 괴산군 음성군 단양군",
    "충남": "천안시 공주시 보령시 아산시 서산시 논산시 계룡시 당진시 금산군 부여군 서천군 청양군 홍성군 예산군 태안군",
    "전북": "전주시 군산시 익산시 정읍시 남원시 김제시 완주군 진안군 무주군 장수군 임실군 순창군 고창군 부안군",
    "전남": "목포시 여수시 순천시 나주시 광양시 담양군 곡성군 구례군 고흥군 보성군 화순군 장흥군 강진군 해남군 영암군 "
            "무안군 함평군 영광군 장성군 완도군 진도군 신안군",
    "경북": "포항시 경주시 김천시 안동시 구미시 영주시 영천시 상주시 문경시 경산시 의성군 청송군 영양군 영덕군 청도군 "
            "고령군 성주군 칠곡군 예천군 봉화군 울진군 울릉군",
    "경남": "창원시 진주시 통영시 사천시 김해시 밀양시 거제시 양산시 의령군 함안군 창녕군 고성군 남해군 하동군 산청군 "
            "함양군 거창군 합천군",
    "제주": "제주시 서귀포시",
}
SIGUNGU: dict[str, tuple[str, ...]] = {k: tuple(v.split()) for k, v in _SIGUNGU_TEXT.items()}
SEOUL_DISTRICTS: tuple[str, ...] = SIGUNGU["서울"]
# Neighbourhood names people use for a city ("분당 살아요" → 성남시, "일산" → 고양시).
_NICKNAMES = {"분당": ("경기", "성남시"), "일산": ("경기", "고양시"), "판교": ("경기", "성남시")}
# The 동 of Seoul's districts (법정동, plus the 행정동 names people also use) and the 읍·면·동 of
# 당진시, the other city whose documents are indexed: someone who says "신림동에서 자취해요", "성수동
# 살고", "당진 합덕읍에 사는" lives in that 구/시. A name is read with its suffix ("신길동", "신길1동",
# "신길제1동", "합덕읍"); one-syllable roots ("평동", "화동") are left out (too many words end so). A 동
# name found in two Seoul districts ("신사동": 강남구·관악구·은평구) says only 서울. Other cities' 동
# are read only after their 시·군·구 (see FINER_PLACE), never on their own.
_SEOUL_DONG_TEXT: dict[str, str] = {
    "종로구": "청운 신교 궁정 효자 창성 통의 적선 통인 누상 누하 옥인 체부 필운 내자 사직 도렴 당주 내수 청진 서린 "
             "수송 중학 공평 관훈 견지 와룡 권농 운니 익선 경운 관철 인사 낙원 훈정 봉익 돈의 장사 관수 예지 원남 "
             "연지 효제 충신 이화 연건 동숭 혜화 명륜 창신 숭인 교남 송월 홍파 교북 행촌 구기 평창 부암 홍지 신영 "
             "무악 가회 삼청 안국 소격 사간 송현 원서 팔판 종로1.2.3.4가 종로5.6가",
    "중구": "무교 소공 회현 명 필 장충 광희 쌍림 신당 황학 중림 만리 순화 예관 묵정 인현 입정 산림 주교 방산 오장 "
            "수표 장교 삼각 수하 남산 남학 주자 예장 흥인 무학 봉래 다산 약수 청구 동화",
    "용산구": "후암 용산 갈월 남영 동자 서계 청파 신창 산천 청암 효창 도원 용문 문배 신계 이촌 이태원 한남 동빙고 "
             "서빙고 주성 보광 원효로 한강로",
    "성동구": "상왕십리 하왕십리 왕십리 홍익 도선 마장 사근 행당 응봉 금호 옥수 성수 송정 용답",
    "광진구": "중곡 능 구의 광장 자양 화양 군자",
    "동대문구": "신설 용두 제기 전농 답십리 장안 청량리 회기 휘경 이문",
    "중랑구": "면목 상봉 중화 묵 망우 신내",
    "성북구": "성북 돈암 동소문 삼선 동선 안암 보문 정릉 길음 종암 하월곡 상월곡 월곡 장위 석관",
    "강북구": "미아 번 수유 우이 삼양 송중 송천 삼각산 인수",
    "도봉구": "쌍문 방학 창 도봉",
    "노원구": "월계 공릉 하계 중계 상계",
    "은평구": "수색 녹번 불광 갈현 구산 대조 응암 역촌 신사 증산 진관",
    "서대문구": "미근 냉천 천연 옥천 영천 현저 북아현 홍제 대현 대신 신촌 봉원 창천 연희 홍은 북가좌 남가좌 충현",
    "마포구": "아현 공덕 신공덕 도화 용강 토정 마포 대흥 염리 노고산 신수 현석 구수 창전 상수 하중 신정 당인 서교 "
             "동교 합정 망원 연남 성산 상암",
    "양천구": "신정 목 신월",
    "강서구": "염창 등촌 화곡 가양 마곡 내발산 외발산 발산 공항 방화 개화 과해 오곡 오쇠 우장산",
    "구로구": "신도림 구로 가리봉 고척 개봉 오류 궁 온수 천왕 항 수궁",
    "금천구": "가산 독산 시흥",
    "영등포구": "영등포 여의도 당산 도림 문래 양평 양화 신길 대림 영등포본 여의",
    "동작구": "노량진 상도 본 흑석 동작 사당 대방 신대방",
    "관악구": "봉천 신림 남현 보라매 청림 성현 행운 낙성대 청룡 은천 중앙 인헌 서원 신원 서림 신사 난향 조원 대학 "
             "삼성 미성 난곡",
    "서초구": "방배 양재 우면 원지 잠원 반포 서초 내곡 염곡 신원",
    "강남구": "역삼 개포 청담 삼성 대치 신사 논현 압구정 세곡 자곡 율현 일원 수서 도곡",
    "송파구": "잠실 신천 풍납 송파 석촌 삼전 가락 문정 장지 방이 오금 거여 마천 위례",
    "강동구": "명일 고덕 상일 길 둔촌 암사 성내 천호 강일",
}
# 당진시 (충남): its 읍·면 and 동.
_DANGJIN_TEXT = ("합덕읍 송악읍 고대면 석문면 대호지면 정미면 면천면 순성면 우강면 신평면 송산면 "
                 "읍내동 채운동 수청동 대덕동 시곡동 원당동 우두동 용연동 사기소동 구룡동 당진1동 당진2동 당진3동")
# Areas commonly named without 동 ("잠실 살아요", "이태원에서", "노량진 사는"): these roots are read bare
# too, as they are not words or other places' names (a bare "신림" is 관악구; a bare "방학" is a holiday).
_BARE_ROOTS = ("잠실 이태원 노량진 신림 봉천 성수 왕십리 청량리 답십리 신촌 연희 망원 합정 상암 연남 공덕 압구정 "
               "청담 역삼 대치 논현 도곡 개포 수서 반포 방배 양재 잠원 천호 암사 둔촌 가락 문정 방이 석촌 풍납 마곡 "
               "화곡 등촌 가양 신도림 가산 독산 흑석 사당 상계 중계 공릉 월계 쌍문 수유 미아 정릉 길음 장위 돈암 "
               "면목 상봉 망우 신내 불광 응암 녹번 홍제 홍은 혜화 명륜 창신 숭인 평창 부암 삼청 가회 신당 "
               "회현 한남 이촌 후암 목동 신월 신정 여의도 합덕 송악")


# One-syllable roots whose "X동" is not an everyday word ("목동", "창동"; not "능동", "본동", "항동").
_ONE_SYLLABLE = "명 필 목 창 번 궁 묵 길"
_NUMBERED = re.compile(r"(?:제)?\d{1,2}(?=동$)")  # 행정동 "신림1동" / "신림제1동" → 신림동


def _dong_names() -> dict[str, tuple[str, str | None]]:
    """Every 동/읍/면 name (unnumbered) → (시·도, 시·군·구), the 시·군·구 None when two districts share it."""
    seen: dict[str, set[tuple[str, str]]] = {}

    def add(name: str, sido: str, sigungu: str) -> None:
        seen.setdefault(name, set()).add((sido, sigungu))

    for gu, roots in _SEOUL_DONG_TEXT.items():
        for root in roots.split():
            if root.endswith("가") or root.endswith("로"):
                add(root, "서울", gu)  # "종로1.2.3.4가", "원효로": said as they are
            elif len(root) >= 2 or root in _ONE_SYLLABLE.split():
                add(root + "동", "서울", gu)
    for name in _DANGJIN_TEXT.split():
        add(_NUMBERED.sub("", name), "충남", "당진시")
    for root in _BARE_ROOTS.split():
        form = next((f for f in (root, root + "동", root + "읍") if f in seen), None)
        for place in seen.get(form, set()) if form else ():
            add(root, *place)
    out: dict[str, tuple[str, str | None]] = {}
    for name, places in seen.items():
        sidos = {s for s, _ in places}
        if len(places) == 1:
            out[name] = next(iter(places))
        elif len(sidos) == 1:
            out[name] = (next(iter(sidos)), None)  # the 시·도 is known, not the 구
    return out


NEIGHBOURHOODS: dict[str, tuple[str, str | None]] = _dong_names()
for _short in ("양평", "대림", "시흥", "송파", "마포", "용산", "구로", "도봉", "성북", "서초", "동작", "영등포"):
    NEIGHBOURHOODS.pop(_short, None)  # a bare 시·군·구 short name stays that unit (양평 is 양평군)


def neighbourhood(name: str) -> tuple[str, str | None] | None:
    """'신림1동' / '신림제1동' / '신림동' / '신림' → ('서울', '관악구'); '신사동' → ('서울', None)."""
    name = re.sub(r"\s+", "", name)
    return NEIGHBOURHOODS.get(name) or NEIGHBOURHOODS.get(_NUMBERED.sub("", name))
# A finer place after an area and before the word saying one lives there: a 동/읍/면/리, a station or
# a street name ("신길동", "송악읍", "영등포역", "가산디지털1로"), then optionally where near it
# ("뒤", "근처", "시내") and a kind of settlement or dwelling ("쪽방촌", "아파트", "원룸"). Up to
# _FINER_WORD letters each.
_FINER_WORD = 6
# Where one lives, as a noun ("원룸", "고시원", "쉼터"): after a place it says the place is one's home.
DWELLINGS = (r"(?:원룸|투룸|오피스텔|고시원|고시텔|반지하|옥탑방|옥탑|자취방|월세방|전셋집|기숙사|셰어하우스|쉐어하우스|임대주택|주택"
             r"|쪽방|쉼터|시골집|본가|친정집|하숙집)")
FINER_PLACE = re.compile(
    # A particle may follow the finer place ("합덕읍에 사는", "당산동으로 돼 있어요", "미아동이고요").
    rf"(?:\s*[가-힣\d]{{0,{_FINER_WORD}}}(?:동|읍|면|리|역|로|길)(?=[^가-힣]|$|에|이|인|으로|예|요))?"
    r"(?:\s*(?:근처|부근|인근|앞|뒤|옆|쪽(?!방)|시내))?"  # 쪽방 is a dwelling
    rf"(?:\s*[가-힣]{{0,{_FINER_WORD}}}(?:촌|마을|아파트|빌라))?"
    # the dwelling itself ("봉천동 원룸에서 혼자 지내는", "난곡동 반지하에서", "대림3동 원룸 사는"), maybe with one
    # describing word before it ("영등포역 근처 노숙인 쉼터에서")
    # or glued to it ("대림동 다세대주택에 혼자 사시고")
    rf"(?:\s*(?:[가-힣]{{2,4}}\s+|[가-힣]{{1,3}})?{DWELLINGS})?"
)


@dataclass(frozen=True)
class Place:
    """A residence or a program's area: a 시·도 and, when known, a 시·군·구 in it."""

    sido: str
    sigungu: str | None = None

    @property
    def label(self) -> str:
        return self.sigungu or self.sido

    def contains(self, other: "Place") -> bool:
        """서울 contains 영등포구; 영등포구 contains only itself."""
        return self.sido == other.sido and (self.sigungu is None or self.sigungu == other.sigungu)


def short_name(sigungu: str) -> str:
    """'영등포구' → '영등포', '당진시' → '당진'; a two-letter name keeps its suffix ('중구', '서구')."""
    return sigungu[:-1] if len(sigungu) > 2 else sigungu


def _index() -> dict[str, list[Place]]:
    out: dict[str, list[Place]] = {}
    for sido, names in SIGUNGU.items():
        for name in names:
            for key in {name, short_name(name)}:
                out.setdefault(key, []).append(Place(sido, name))
    return out


_BY_NAME = _index()


def places_named(name: str) -> list[Place]:
    """Every unit a bare name may mean: '영등포' → [서울 영등포구]; '중구' → six cities' 중구."""
    name = re.sub(r"\s+", "", name)
    found = list(_BY_NAME.get(name, []))
    if name in _NICKNAMES:
        found.append(Place(*_NICKNAMES[name]))
    if not found and (dong := neighbourhood(name)):  # "대덕동" is 당진's, not 대전 대덕구
        found.append(Place(*dong))
    for sido, names in SIDO_NAMES.items():
        if name in names:
            found.append(Place(sido))
    return found


def district_stem(term: str) -> str | None:
    """'서대문구' → '서대문': the name rosters and electoral districts write without its suffix
    ("서대문3", "성북4"); None for a word that is not a 시·군·구 name of three or more letters."""
    if len(term) >= 3 and term[-1] in "구시군" and any(p.sigungu == term for p in _BY_NAME.get(term, [])):
        return short_name(term)
    return None


def resolve(name: str, sido_hint: str | None = None) -> Place | None:
    """One place for a name: with the 시·도 named ("부산 중구"), its unit; otherwise Seoul's first."""
    found = places_named(name)
    if sido_hint:
        if neighbourhood(name):  # a 동 of another 시·도 ("대구 신당동") is not Seoul's
            return next((p for p in found if p.sido == sido_hint), None)
        found = [p for p in found if p.sido == sido_hint] or found
    if not found:
        return None
    sido_only = [p for p in found if p.sigungu is None]
    if sido_only and not sido_hint:
        return sido_only[0]  # "서울", "경기": the name of a 시·도 itself
    return next((p for p in found if p.sido == "서울"), found[0])


def all_names() -> list[str]:
    """Every name a text may use for an area, longest first (for scanning text left to right)."""
    names = set(_BY_NAME) | set(_NICKNAMES) | {n for ns in SIDO_NAMES.values() for n in ns} | {"광주"}
    return sorted(names, key=lambda n: (-len(n), n))


def place_name_pattern() -> str:
    """A regex source for every area name in text, 동 with their numbers ("신길1동", "신길제1동")."""
    dongs = sorted({n[:-1] for n in NEIGHBOURHOODS if n.endswith("동")}, key=lambda n: (-len(n), n))
    others = [n for n in NEIGHBOURHOODS if not n.endswith("동")]
    names = sorted(set(all_names()) | set(others), key=lambda n: (-len(n), n))
    return f"(?:{'|'.join(dongs)})(?:제?\\d{{1,2}})?동|" + "|".join(re.escape(n) for n in names)


def place_in(text: str) -> Place | None:
    """The most specific area a short text names ('충청남도 당진시' → 충남 당진시; '서울' → 서울)."""
    t = re.sub(r"\s+", "", text)
    sido = next((s for s, names in SIDO_NAMES.items() for n in sorted(names, key=len, reverse=True) if n in t), None)
    for sido_name, names in SIGUNGU.items():
        if sido and sido_name != sido:
            continue
        for name in names:
            if name in t and (len(name) > 2 or sido):
                return Place(sido_name, name)
    return Place(sido) if sido else None
