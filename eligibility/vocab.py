"""Words shared by the report parser and the question parser: groups, businesses, places.

Each group has the report's wording (`REPORT`) and the wording citizens use (`SPOKEN`); the
profile side accepts both. Keys are the Korean labels shown to users and stored in JSON.
"""
from __future__ import annotations

import re

# Person groups as the reports write them. Longer aliases first so "경력단절 여성" wins over "여성".
REPORT: dict[str, tuple[str, ...]] = {
    "경력단절여성": (r"경력\s*단절\s*여성",),
    "청년": (r"청년(?:층|참여자)?",),
    "중장년": (r"중장년(?:층)?", r"신중년", r"50\s*플러스"),
    "어르신": (r"어르신", r"노인", r"고령자"),
    "여성": (r"여성",),
    "장애인": (r"장애인",),
    "노숙인": (r"노숙인(?:\s*시설\s*이용\s*[・·ㆍ]?\s*입소자)?",),
    "쪽방주민": (r"쪽방\s*주민",),
    "저소득": (r"저소득(?:층|자)?",),
    "수급자": (r"(?:기초생활|조건부|일반)?\s*수급자", r"자활급여\s*특례자"),
    "차상위": (r"(?:서울형\s*)?차상위(?:계층)?",),
    "미취업": (r"실업\s*상태", r"실업자", r"미취업(?:자)?"),
    "무급휴직자": (r"무급\s*휴직(?:자|한)?",),
    "재직": (r"근로자", r"재직자"),
    "퇴직자": (r"퇴직자",),
    "구직자": (r"구직자",),
    "창업자": (r"창업자", r"예비\s*창업자"),
    "자격증소지자": (r"자격증\s*소지자",),
    "국가유공자": (r"국가유공자",),
    "코로나피해자": (r"코로나\s*피해자",),
}

# Everyday wording in questions ("경단녀", "취준생", "기초수급"), on top of the report's.
SPOKEN: dict[str, tuple[str, ...]] = {
    "경력단절여성": (r"경단녀", r"경력\s*단절", r"경력이\s*끊긴"),
    "청년": (r"대학생", r"취준생", r"사회\s*초년생"),
    "중장년": (r"장년", r"중년"),
    "어르신": (r"노년", r"할머니", r"할아버지", r"시니어"),
    "여성": (r"여자", r"주부", r"엄마"),
    "남성": (r"남성", r"남자", r"아빠"),
    "장애인": (r"(?:발달|시각|청각|지체|지적|중증)\s*장애", r"장애(?:가|를)\s*(?:있|가지)"),
    "노숙인": (r"노숙", r"홈리스"),
    "쪽방주민": (r"쪽방",),
    "수급자": (r"기초\s*수급", r"생계\s*급여", r"수급\s*가구"),
    "차상위": (r"차상위",),
    "미취업": (r"무직", r"백수", r"실직", r"일자리를?\s*잃", r"취업을?\s*못", r"놀고\s*있"),
    "재직": (r"직장인", r"회사원", r"재직\s*중", r"회사(?:에)?\s*다니", r"일하고\s*있"),
    "무급휴직자": (r"무급\s*휴직",),
    "퇴직자": (r"퇴직", r"은퇴"),
    "구직자": (r"취준생", r"취업\s*준비", r"구직\s*중", r"일자리를?\s*(?:찾|구하)", r"재취업"),
    "창업자": (r"창업(?:을)?\s*(?:준비|하려|할|예정|했|한\s*지)", r"스타트업"),
    "자격증소지자": (r"자격증(?:이|을)?\s*(?:있|가지|소지|보유)",),
    "국가유공자": (r"보훈",),
    "학생": (r"고3", r"고등학생", r"고교\s*졸업\s*예정", r"학생"),
}

# Businesses and institutions a program can target; also what a profile may say it runs.
BUSINESS: dict[str, tuple[str, ...]] = {
    "소상공인": (r"소상공인", r"자영업(?:자)?", r"가게", r"점포"),
    "사회적기업": (r"사회적\s*경제\s*기업", r"(?:\(예비\)|예비|인증)?\s*사회적\s*기업", r"자활기업"),
    "중소기업": (r"중소기업", r"스타트업", r"(?:유망|핀테크)\s*기업"),
    "협동조합": (r"협동조합", r"영농조합"),
    "마을기업": (r"마을기업",),
    "어린이집": (r"어린이집",),
}
# A profile owns a business only when it says so ("가게를 운영", "사회적기업 대표").
OWNER_CUE = re.compile(r"(운영|대표|사장|하고|하는|하며|합니다|해요|인데|이에요|예요|입니다)")
# Everyday words that say two things at once.
MULTI: dict[str, tuple[str, ...]] = {
    "취준생": ("청년", "구직자"),
    "할머니": ("어르신", "여성"),
    "할아버지": ("어르신", "남성"),
    "주부": ("여성",),
}

# Groups implied by another group (a profile saying the left one also has the right ones).
IMPLIES: dict[str, tuple[str, ...]] = {
    "경력단절여성": ("여성",),
    "수급자": ("저소득",),
    "차상위": ("저소득",),
    "무급휴직자": ("재직",),
    # Someone out of work who asks about job programs is looking for work.
    "미취업": ("구직자",),
}
# Pairs that cannot both hold: a stated one rules the other out.
CONTRADICTS: tuple[tuple[str, str], ...] = (("여성", "남성"), ("미취업", "재직"))

# Groups that are really age bands: a known age settles them (Seoul's youth ordinance: 19-39).
AGE_BANDS: dict[str, tuple[int, int]] = {"청년": (19, 39), "중장년": (40, 64), "어르신": (65, 150)}

SIDO: dict[str, tuple[str, ...]] = {
    "서울": ("서울특별시", "서울시", "서울"),
    "경기": ("경기도", "경기", "수원", "성남", "고양", "용인", "부천", "안산", "안양", "남양주", "화성",
             "평택", "의정부", "시흥", "파주", "김포", "광명", "하남", "구리", "과천", "분당", "일산"),
    "인천": ("인천",), "부산": ("부산",), "대구": ("대구",), "광주": ("광주",), "대전": ("대전",),
    "울산": ("울산",), "세종": ("세종",), "강원": ("강원",), "충북": ("충북", "충청북도", "청주"),
    "충남": ("충남", "충청남도", "천안"), "전북": ("전북", "전라북도", "전주"), "전남": ("전남", "전라남도"),
    "경북": ("경북", "경상북도", "포항"), "경남": ("경남", "경상남도", "창원"), "제주": ("제주",),
}
SEOUL_DISTRICTS = (
    "종로구", "중구", "용산구", "성동구", "광진구", "동대문구", "중랑구", "성북구", "강북구", "도봉구",
    "노원구", "은평구", "서대문구", "마포구", "양천구", "강서구", "구로구", "금천구", "영등포구", "동작구",
    "관악구", "서초구", "강남구", "송파구", "강동구",
)


def district_alias(district: str) -> str:
    """'영등포구' → '영등포'; '중구' keeps its 구 (a bare '중' is not a place)."""
    return district[:-1] if len(district) > 2 else district


def find_groups(text: str, table: dict[str, tuple[str, ...]]) -> list[tuple[int, int, str]]:
    """(start, end, group) spans, longest first, without overlaps."""
    spans: list[tuple[int, int, str]] = []
    for group, patterns in table.items():
        for pat in patterns:
            for m in re.finditer(pat, text):
                if m.end() > m.start():
                    spans.append((m.start(), m.end(), group))
    spans.sort(key=lambda s: (-(s[1] - s[0]), s[0]))
    taken: list[tuple[int, int, str]] = []
    for s in spans:
        if all(s[1] <= t[0] or s[0] >= t[1] for t in taken):
            taken.append(s)
    return sorted(taken)


def closure(groups: set[str]) -> set[str]:
    """Groups plus what they imply."""
    out = set(groups)
    changed = True
    while changed:
        changed = False
        for g in list(out):
            for implied in IMPLIES.get(g, ()):
                if implied not in out:
                    out.add(implied)
                    changed = True
    return out


def contradicted(group: str, groups: set[str]) -> bool:
    return any((group == a and b in groups) or (group == b and a in groups) for a, b in CONTRADICTS)
