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
# The 동 of 영등포구, the district whose report is in the corpus: its legal 동 and its administrative
# 동 (2023, with and without 제: "신길1동" / "신길제1동"), plus "여의도". Someone who says "신길동
# 살아요" or "여의도 사는" lives in 영등포구. Other districts' 동 are not listed: they are read only
# after the 구 name ("강남구 역삼동 살아요", see FINER_PLACE). A bare "양평" or "대림" is not a 동 here
# (양평군, 대림 the company): only the forms with 동 are.
_YDP_LEGAL_DONG = "영등포동 여의도동 당산동 도림동 문래동 양평동 양화동 신길동 대림동"
_YDP_ADMIN_DONG = ("영등포본동 여의동 당산1동 당산2동 양평1동 양평2동 신길1동 신길3동 신길4동 신길5동 신길6동 신길7동 "
                   "대림1동 대림2동 대림3동")
NEIGHBOURHOODS: dict[str, tuple[str, str]] = {
    "여의도": ("서울", "영등포구"),
    **{d: ("서울", "영등포구") for d in _YDP_LEGAL_DONG.split()},
    **{d: ("서울", "영등포구") for d in _YDP_ADMIN_DONG.split()},
    **{re.sub(r"(\d)동$", r"제\1동", d): ("서울", "영등포구") for d in _YDP_ADMIN_DONG.split() if re.search(r"\d동$", d)},
}
_NICKNAMES.update(NEIGHBOURHOODS)
# A finer place after an area and before the word saying one lives there: a 동/읍/면/리, a station or
# a street name ("신길동", "송악읍", "영등포역", "가산디지털1로"), then optionally where near it
# ("뒤", "근처") and a kind of settlement ("쪽방촌", "아파트"). Up to _FINER_WORD letters each.
_FINER_WORD = 6
FINER_PLACE = re.compile(
    rf"(?:\s*[가-힣\d]{{0,{_FINER_WORD}}}(?:동|읍|면|리|역|로|길)(?![가-힣]))?"
    r"(?:\s*(?:근처|부근|인근|앞|뒤|옆|쪽))?"
    rf"(?:\s*[가-힣]{{1,{_FINER_WORD}}}(?:촌|마을|아파트|빌라))?"
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
    for sido, names in SIDO_NAMES.items():
        if name in names:
            found.append(Place(sido))
    return found


def resolve(name: str, sido_hint: str | None = None) -> Place | None:
    """One place for a name: with the 시·도 named ("부산 중구"), its unit; otherwise Seoul's first."""
    found = places_named(name)
    if sido_hint:
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
