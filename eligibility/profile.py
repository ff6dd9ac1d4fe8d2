"""Who is asking: a Profile from a form, the CLI, or the facts inside a Korean question.

In a question only self-descriptions count: "서울 사는 만 29세 미취업 청년인데 …" gives age,
residence and groups, while "장애인일자리 지원대상은?" names a program, not the asker. A group
word is a profile fact when a self-description ending follows it ("…인데", "…이고", "…예요",
"…도 되나요") or it is chained to one ("미취업 청년인데").
"""
from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field

from eligibility.criteria import parse_won
from eligibility.vocab import (
    BUSINESS,
    MULTI,
    OWNER_CUE,
    REPORT,
    SEOUL_DISTRICTS,
    SIDO,
    SPOKEN,
    closure,
    district_alias,
    find_groups,
)


@dataclass
class Profile:
    age_min: int | None = None  # an exact age has age_min == age_max; "60대" is 60..69
    age_max: int | None = None
    region: str | None = None  # "서울", "경기" …
    district: str | None = None  # a Seoul district ("영등포구")
    groups: set[str] = field(default_factory=set)
    businesses: set[str] = field(default_factory=set)  # what the person runs ("소상공인")
    income_pct: float | None = None  # household income, % of 기준중위소득
    property_won: int | None = None

    @classmethod
    def of(cls, age: int | None = None, residence: str | None = None, groups: list[str] | tuple[str, ...] = (),
           businesses: list[str] | tuple[str, ...] = (), income_pct: float | None = None,
           property_won: int | None = None) -> "Profile":
        """Convenience constructor for forms and tests: residence is "서울", "영등포구", "경기" …"""
        region, district = parse_place(residence) if residence else (None, None)
        return cls(age, age, region, district, set(groups), set(businesses), income_pct, property_won)

    @property
    def age(self) -> int | None:
        return self.age_min if self.age_min is not None and self.age_min == self.age_max else None

    def all_groups(self) -> set[str]:
        return closure(self.groups)

    def is_empty(self) -> bool:
        return (self.age_min is None and self.region is None and not self.groups and not self.businesses
                and self.income_pct is None and self.property_won is None)

    def describe_age(self) -> str:
        if self.age is not None:
            return f"만 {self.age}세"
        return f"{self.age_min}~{self.age_max}세" if self.age_min is not None else ""

    def describe(self) -> str:
        parts: list[str] = []
        if self.age_min is not None:
            parts.append(self.describe_age())
        if self.district:
            parts.append(self.district)
        elif self.region:
            parts.append(self.region)
        parts += sorted(self.groups) + sorted(self.businesses)
        if self.income_pct is not None:
            parts.append(f"기준중위소득 {self.income_pct:g}%")
        if self.property_won is not None:
            parts.append(f"재산 {format_won(self.property_won)}")
        return "·".join(parts)

    def to_dict(self) -> dict:
        d = asdict(self)
        d["groups"], d["businesses"] = sorted(self.groups), sorted(self.businesses)
        return d


def format_won(won: int) -> str:
    if won >= 100_000_000 and won % 10_000_000 == 0:
        return f"{won / 100_000_000:g}억원"
    if won >= 10_000:
        return f"{won // 10_000:,}만원"
    return f"{won:,}원"


def parse_place(text: str) -> tuple[str | None, str | None]:
    """'영등포구' / '영등포' / '서울 영등포구' → ('서울', '영등포구'); '경기' → ('경기', None)."""
    t = re.sub(r"\s+", "", text)
    for d in SEOUL_DISTRICTS:
        if d in t or (len(d) > 2 and district_alias(d) == t):
            return "서울", d
    for region, names in SIDO.items():
        if any(t.startswith(n) or t == n for n in names):
            return region, None
    return None, None


# ---- extraction from a question -------------------------------------------------------------

_AGE = re.compile(r"(?:만\s*)?(\d{1,3})\s*(?:세|살)(?!\s*(?:이상|이하|미만|초과|부터|까지|[~∼\-]|이면|정도|넘|안\s*된))")
_DECADE = re.compile(r"(\d)0\s*대(?:\s*(초반|중반|후반))?")
# Native Korean ages in speech: "서른두 살", "스무 살", "열아홉 살".
_NATIVE_TENS = {"열": 10, "스무": 20, "스물": 20, "서른": 30, "마흔": 40, "쉰": 50, "예순": 60, "일흔": 70, "여든": 80, "아흔": 90}
_NATIVE_UNITS = {"한": 1, "두": 2, "세": 3, "네": 4, "다섯": 5, "여섯": 6, "일곱": 7, "여덟": 8, "아홉": 9}
_NATIVE_AGE = re.compile(rf"({'|'.join(_NATIVE_TENS)})\s*({'|'.join(_NATIVE_UNITS)})?\s*살")
# A relative the question is about ("엄마가 67세이신데"): their gender is part of the profile.
_RELATIVE = {
    "여성": re.compile(r"(?<![가-힣])(?:엄마|어머니|어머님|할머니|아내|딸|누나|언니|여동생)(?=가|는|께서|도|이)"),
    "남성": re.compile(r"(?<![가-힣])(?:아빠|아버지|아버님|할아버지|남편|아들|오빠|남동생)(?=가|는|께서|도|이)"),
}
_INCOME = re.compile(r"중위\s*소득\s*(?:의\s*)?(\d{1,3}(?:\.\d+)?)\s*%")
_PROPERTY = re.compile(r"재산(?:이|은|은요|이요|이\s*한)?\s*(?:약\s*|한\s*)?(\d[\d,.]*)\s*(억|천만|백만|만)\s*원?")
# A self-description ending after a group word, or a verb that makes the phrase about the asker.
_CUE = re.compile(
    r"\s*(?:인데|이고|이며|입니다|이에요|에요|예요|이라서|라서|이라|이면|이지만|인\s*사람|인\s*저|임|이야|"
    r"인\s*경우|이구요|이거든|거든|도\s|도$|도\?|,|했|한\s*지|하고|해서|하였|중|인\s)"
)
_SELF_START = re.compile(r"(?:저는|제가|나는|난|전|저희\s*(?:집|가족)?은?)\s")
_RESIDE_AFTER = re.compile(r"\s*(?:에서|에)?\s*(?:살|사는|삽|사세|사시|거주|구민|시민|주민|도민)")


@dataclass
class Extraction:
    profile: Profile
    spans: list[tuple[int, int]]  # where the facts were, so program names are looked up elsewhere


def _age(q: str, profile: Profile, spans: list[tuple[int, int]]) -> None:
    for m in _AGE.finditer(q):
        n = int(m.group(1))
        if 5 <= n <= 110:
            profile.age_min = profile.age_max = n
            spans.append(m.span())
            return
    if m := _NATIVE_AGE.search(q):
        profile.age_min = profile.age_max = _NATIVE_TENS[m.group(1)] + _NATIVE_UNITS.get(m.group(2) or "", 0)
        spans.append(m.span())
        return
    if m := _DECADE.search(q):
        base = int(m.group(1)) * 10
        lo, hi = {"초반": (0, 3), "중반": (3, 6), "후반": (6, 9)}.get(m.group(2) or "", (0, 9))
        profile.age_min, profile.age_max = base + lo, base + hi
        spans.append(m.span())


def _residence(q: str, profile: Profile, spans: list[tuple[int, int]]) -> None:
    places: list[tuple[int, int, str, str | None]] = []
    for d in SEOUL_DISTRICTS:
        for name in {d, district_alias(d)} if len(d) > 2 else {d}:
            for m in re.finditer(re.escape(name), q):
                places.append((m.start(), m.end(), "서울", d))
    for region, names in SIDO.items():
        for name in names:
            for m in re.finditer(re.escape(name) + r"(?!형)", q):
                places.append((m.start(), m.end(), region, None))
    places.sort(key=lambda p: (p[0], -(p[1] - p[0])))
    for start, end, region, district in places:
        # "서울 영등포구 사는": the region is followed by the district, then the verb.
        after = q[end:]
        follow = re.match(r"\s*(?:특별시|시|도)?\s*(\S+?구)?", after)
        tail_at = end + (follow.end() if follow else 0)
        if _RESIDE_AFTER.match(q[end:]) or _RESIDE_AFTER.match(q[tail_at:]):
            profile.region = profile.region or region
            if district:
                profile.district = district
                profile.region = "서울"
            spans.append((start, end))


def _group_spans(q: str) -> list[tuple[int, int, str, bool]]:
    """(start, end, group, is_business) for every group word, with verb phrases marked self."""
    spans = [(a, b, g, False) for a, b, g in find_groups(q, {**{k: REPORT.get(k, ()) + SPOKEN.get(k, ()) for k in {*REPORT, *SPOKEN}}})]
    spans += [(a, b, g, True) for a, b, g in find_groups(q, BUSINESS)]
    spans.sort()
    out: list[tuple[int, int, str, bool]] = []
    for s in spans:  # drop overlaps (a business word inside a person phrase, or the reverse)
        if out and s[0] < out[-1][1]:
            if s[1] - s[0] > out[-1][1] - out[-1][0]:
                out[-1] = s
            continue
        out.append(s)
    return out


def _is_self(q: str, start: int, end: int, accepted_after: list[tuple[int, int]]) -> bool:
    rest = q[end:]
    if _CUE.match(rest):
        return True
    if re.match(r"[가-힣]", rest[:1]) and not re.match(r"(?:인|이|예|도|임|중)", rest[:1]):
        return False  # glued to a noun: "장애인일자리", "청년인턴"
    # Chained to an accepted fact right after it: "미취업 청년인데", "29세 여성이고".
    gap = re.match(r"\s*", rest).end()  # type: ignore[union-attr]
    if any(a == end + gap for a, _ in accepted_after):
        return True
    clause_start = max(q.rfind(c, 0, start) for c in ".?!,\n")
    return bool(_SELF_START.search(q[clause_start + 1 : start]))


def extract_profile(question: str) -> Extraction:
    q = question.strip()
    profile = Profile()
    spans: list[tuple[int, int]] = []
    _age(q, profile, spans)
    _residence(q, profile, spans)
    if m := _INCOME.search(q):
        profile.income_pct = float(m.group(1))
        spans.append(m.span())
    if m := _PROPERTY.search(q):
        profile.property_won = parse_won(m.group(1), m.group(2))
        spans.append(m.span())
    accepted: list[tuple[int, int]] = list(spans)
    # Right to left, so "미취업" can chain to "청년인데" accepted just before.
    for start, end, group, is_business in reversed(_group_spans(q)):
        text = q[start:end]
        # Spoken verb phrases ("장애가 있", "회사 다니", "구직 중") can only describe the asker.
        verb_phrase = bool(re.search(r"있|다니|잃|못|찾|구하|준비|하려|했|끊긴|중$", text)) and not is_business
        owner = is_business and bool(OWNER_CUE.match(re.sub(r"^\s*(?:를|을|이|가|는|은)?\s*", "", q[end:])))
        if verb_phrase or owner or _is_self(q, start, end, accepted):
            (profile.businesses if is_business else profile.groups).add(group)
            profile.groups.update(MULTI.get(text, ()))
            accepted.append((start, end))
            spans.append((start, end))
    for gender, pattern in _RELATIVE.items():
        if m := pattern.search(q):
            profile.groups.add(gender)
            spans.append(m.span())
    if "남성" in profile.groups and "여성" in profile.groups:
        profile.groups -= {"남성", "여성"}  # contradictory wording: trust neither
    return Extraction(profile, sorted(spans))
