"""Parse a program's target statement ("지원대상 : 만 50~67세 서울시 거주자") into criteria.

What is parsed: age range (만 N세 이상/이하/미만, N~M세, 고교졸업예정자~), residence (서울,
a 구), person groups (all required, or any-of lists "A, B 등"), income and property limits
(기준중위소득 N%, 재산 N원 이하, "이거나" = either suffices), and whether the participants are
businesses or institutions. Whatever is left and still means something is kept as text: a
`condition` (a requirement the profile cannot settle → "maybe") or a `note` (a qualifier of a
parsed group, a preference, a wish) that does not change the verdict.
"""
from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field

from eligibility.vocab import BUSINESS, REPORT, SEOUL_DISTRICTS, district_alias, find_groups
from kotext.admin_areas import SIGUNGU, resolve, short_name
from kotext.numbers import won_of


@dataclass
class AgeRule:
    min: int | None = None
    max: int | None = None
    soft_min: int | None = None  # "※ 일부유형 만 60세 이상도 참여 가능": soft_min..min-1 is "maybe"
    from_hs_graduate: bool = False  # "고교졸업예정자∼": the lower bound is a school stage, not an age
    no_limit: bool = False  # "연령 제한 없음"
    text: str = ""  # the report's own words, shown in reasons

    def describe(self) -> str:
        if self.no_limit:
            return "연령 제한 없음"
        if self.text:
            return self.text
        if self.min is not None and self.max is not None:
            return f"만 {self.min}~{self.max}세"
        if self.min is not None:
            return f"만 {self.min}세 이상"
        return f"만 {self.max}세 이하" if self.max is not None else ""


@dataclass
class MeansRule:
    income_max_pct: float | None = None  # 기준중위소득 대비 %
    property_max_won: int | None = None
    either: bool = False  # "재산 … 이하이거나 소득 … 이하": one of the two suffices
    text: str = ""

    def describe(self) -> str:
        parts = []
        if self.property_max_won is not None:
            won = self.property_max_won
            parts.append(f"재산 {won / 100_000_000:g}억원 이하" if won >= 100_000_000 else f"재산 {won:,}원 이하")
        if self.income_max_pct is not None:
            parts.append(f"기준중위소득 {self.income_max_pct:g}% 이하")
        return (" 또는 " if self.either else " 및 ").join(parts)


@dataclass
class Track:
    """One audience of a program: most have one; "(인턴)"/"(기업)" style targets have several."""

    label: str = ""
    kind: str = "individual"  # "individual" | "business"
    text: str = ""
    age: AgeRule | None = None
    residence: str | None = None  # "서울", a district or city ("영등포구", "당진시"), or a 시·도
    residence_sido: str | None = None  # the 시·도 of `residence` ("서울", "충남")
    groups_all: list[str] = field(default_factory=list)
    groups_any: list[str] = field(default_factory=list)
    any_open: bool = False  # the any-of list ends with "등": other groups may qualify too
    means: MeansRule | None = None
    business_types: list[str] = field(default_factory=list)
    open_to_all: bool = False  # "누구나"
    conditions: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    priority: list[str] = field(default_factory=list)  # groups selected first ("우선 선발")
    # "경력 3년 이상 퇴직자": years of experience a group must have, by group.
    experience_years: dict[str, int] = field(default_factory=dict)
    foreigners_ok: bool = False  # "(외국인 등록번호를 소지한 자 포함)"
    # Where each criterion was read (line numbers in the document), for citations per field.
    lines: tuple[int, int] = (0, 0)

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, d: dict) -> "Track":
        d = dict(d)
        d["age"] = AgeRule(**d["age"]) if d.get("age") else None
        d["means"] = MeansRule(**d["means"]) if d.get("means") else None
        d["lines"] = tuple(d.get("lines", (0, 0)))
        return cls(**d)


# ---- text helpers -------------------------------------------------------------------------

_WS = re.compile(r"[^\S\n]+")
_PAREN = re.compile(r"\(([^()]*)\)")
# A group word glued to a following noun is part of another word ("노인맞춤돌봄서비스").
_GROUP_FOLLOW_OK = re.compile(r"(?:$|[^가-힣]|[은는이가을를의도와과로에]|창업자|구직자|참여자)")
_AGE_RANGE = re.compile(
    r"(?:만\s*)?(\d{1,3})\s*(?:세)?\s*(?:이상)?\s*~\s*(?:만\s*)?(\d{1,3})\s*세(?:\s*(이하|미만))?"
)
_AGE_BOUND = re.compile(r"(?:만\s*)?(\d{1,3})\s*세\s*(이상|이하|미만|초과)")
_AGE_DECADE = re.compile(r"(\d)0\s*대\s*(이상|이하)")
_AGE_PLUS = re.compile(r"(?<![\d.])(\d{2})\s*\+\s*(?=[가-힣])")  # "50+ 중장년"
_INCOME = re.compile(r"(?:기준\s*)?중위\s*소득\s*(?:의\s*)?(?:\d+\s*[~∼-]\s*)?(\d+(?:\.\d+)?)\s*%\s*(?:이하|미만|↓)?")
# "재산이 2억원 이하", "재산3억 이하", "재산 3억원 미만": a unit or 원 is required (not "재산 기준").
_PROPERTY = re.compile(r"재산(?:이|은)?\s*(\d[\d,.]*)\s*(?:(억|천만|백만|만)\s*원?|원)\s*(이하|미만|↓)?")
# "사업개시일(21.2.1.) 현재", "근무시작일 기준": when the rule is applied, not a requirement.
_AS_OF = re.compile(r"(?:사업\s*개시일|근무\s*시작일|신청일|공고일|모집\s*공고일)\s*(?:\([^)]*\))?\s*(?:현재|기준)")
# "참여 제한사유가 없는 자": a disqualification the profile cannot state; said of every applicant.
_NO_BAR = re.compile(r"(?:참여\s*)?(?:제한|결격)\s*사유가?\s*없는\s*(?:자|사람)?")
_FOREIGNERS_OK = re.compile(r"외국인[^)\n]{0,20}포함")
_SEOUL_PERSON = re.compile(r"서울(?:특별)?(?:시|지역)?\s*(?:에\s*)?(?:거주(?:자|하는)?|등록)|서울\s*시민")
_BUSINESS_PLACE = re.compile(r"서울(?:특별)?(?:시|지역)?\s*소재|서울지역(?!\s*거주)")
_WISH = re.compile(r"(?:[가-힣ㆍ·]+\s+(?:및\s+)?)?[가-힣ㆍ·]+(?:을|를)\s*희망하는|참여\s*희망자|희망자")
_SOFT = re.compile(r"근로\s*능력이?\s*있는|근로\s*능력자|근로\s*가능한|신체\s*건강한")
_EXPERIENCE = re.compile(r"경력\s*(\d{1,2})\s*년\s*이상")
_ANYONE = re.compile(r"누구나")
# "취업취약계층, 코로나19로 실직": a comma, then a short qualifier of the next item of the same list.
_QUALIFIED_GAP = re.compile(r"\s*,\s*(?![^,]*(?:이면서|으로서|로서|중\s|및))[^,]{1,12}?\s*")
_UMBRELLA = re.compile(r"(?<=등)\s*(?:취업\s*)?취약계층")
# Particles and function words: what remains after them is a real leftover.
_FILLER = re.compile(
    r"(?:요건을\s*충족하는\s*자|(?:을|를)?\s*경험한\s*자|에\s*있는\s*자|있는\s*자|으로서|로서|으로|로|중|및|등|혹은|또는|이거나|"
    r"이상|이하|참여|의|인|자|한|된|하는|사람|[,.:~/·ㆍ・\-－]|\s)+"
)
_BUSINESS_HEAD = re.compile(r"(기업|기업체|어린이집|점포|단체|법인|조합|보육공백|보육교직원|스타트업|소상공인)$")
_TRACK_LABEL = re.compile(r"(?:^|(?<=[\s,]))\(([가-힣]{2,6})\)\s*")


def squash(text: str) -> str:
    """One space between words; line breaks (one per report item) are kept for clause splitting."""
    text = text.replace("∼", "~").replace("～", "~")
    return "\n".join(_WS.sub(" ", line).strip() for line in text.split("\n") if line.strip())


def parse_won(number: str, unit: str | None) -> int:
    return won_of(number, unit)


def parse_age(text: str) -> AgeRule | None:
    main, _, exception = text.partition("※")
    rule = AgeRule()
    words: list[str] = []
    if re.search(r"연령\s*제한\s*없", main):
        rule.no_limit = True
    if m := re.search(r"고교\s*졸업\s*예정자\s*~", main):
        rule.from_hs_graduate = True
        words.append(m.group(0).replace(" ", ""))
    if m := _AGE_RANGE.search(main):
        lo, hi = int(m.group(1)), int(m.group(2))
        rule.min, rule.max = lo, (hi - 1 if m.group(3) == "미만" else hi)
        words.append(m.group(0))
    elif m := _AGE_DECADE.search(main):
        decade = int(m.group(1)) * 10
        if m.group(2) == "이상":
            rule.min = decade
        else:
            rule.max = decade + 9
        words.append(m.group(0))
    elif m := _AGE_PLUS.search(main):
        rule.min = int(m.group(1))
        words.append(f"만 {m.group(1)}세 이상")
    else:
        for m in _AGE_BOUND.finditer(main):
            n, kind = int(m.group(1)), m.group(2)
            if kind in ("이상", "초과"):
                rule.min = n if kind == "이상" else n + 1
            else:
                rule.max = n if kind == "이하" else n - 1
            words.append(m.group(0))
    if m := re.search(r"(?:만\s*)?(\d{1,3})\s*세\s*이상도", exception):
        rule.soft_min = int(m.group(1))
    if not (words or rule.no_limit or rule.soft_min):
        return None
    if rule.from_hs_graduate and rule.max is not None:
        rule.text = f"고교졸업예정자~만 {rule.max}세 이하"
    else:
        rule.text = squash(" ".join(words))
    return rule


def parse_means(text: str) -> MeansRule | None:
    inc, prop = _INCOME.search(text), _PROPERTY.search(text)
    if not inc and not prop:
        return None
    rule = MeansRule()
    if inc:
        rule.income_max_pct = float(inc.group(1))
    if prop:
        won = parse_won(prop.group(1), prop.group(2))
        rule.property_max_won = won - 1 if prop.group(3) == "미만" else won
    if inc and prop:
        first, second = sorted((inc, prop), key=lambda m: m.start())
        rule.either = bool(re.search(r"거나|또는|혹은", text[first.start() : second.start() + 1]))
        rule.text = squash(text[first.start() : second.end()])
    else:
        rule.text = squash((inc or prop).group(0))  # type: ignore[union-attr]
    return rule


def area_sido(area: str) -> str | None:
    """The 시·도 of an issuer's area label ("영등포구" → "서울", "당진시" → "충남", "" → None)."""
    place = resolve(area) if area else None
    return place.sido if place else None


def _residence(text: str, area: str) -> list[tuple[int, int, str, str]]:
    """(start, end, place label, its 시·도) for every residence requirement: "서울시민", "서울 거주",
    "영등포 구민", "당진시민", "관내" (the issuer's own area)."""
    spans = [(m.start(), m.end(), "서울", "서울") for m in _SEOUL_PERSON.finditer(text)]
    for sido, names in SIGUNGU.items():
        for d in names:
            a = re.escape(short_name(d))
            pattern = rf"{a}\s*(?:구민|시민|군민)|{re.escape(d)}\s*(?:에\s*)?(?:거주|주민|민)|{a}\s*주민"
            if len(d) <= 2:  # "중구민", not "중" alone
                pattern = rf"{re.escape(d)}\s*(?:에\s*)?(?:거주|주민|민)"
            for m in re.finditer(pattern, text):
                if not any(a0 <= m.start() < b0 for a0, b0, _, _ in spans):
                    spans.append((m.start(), m.end(), d, sido))
    if area:
        spans += [(m.start(), m.end(), area, area_sido(area) or "") for m in re.finditer(r"관내", text)]
    return spans


def _person_groups(text: str) -> list[tuple[int, int, str]]:
    return [s for s in find_groups(text, REPORT) if _GROUP_FOLLOW_OK.match(text[s[1] :])]


def _is_business(text: str, has_person_criteria: bool) -> bool:
    plain = _PAREN.sub("", text)
    clauses = [c.strip(" ,.") for c in re.split(r"[,\n]| 및 ", plain) if c.strip(" ,.")]
    head = re.sub(r"\s*등$", "", plain.strip(" ,.")).strip()
    if _BUSINESS_HEAD.search(head):
        return True
    return not has_person_criteria and any(_BUSINESS_HEAD.search(re.sub(r"\s*등$", "", c)) for c in clauses)


def _cluster(text: str, spans: list[tuple[int, int, str]]) -> tuple[list[str], list[str], bool]:
    """Split group mentions into required ones and an any-of list ("A, B, C 등", "A 혹은 B")."""
    clusters: list[list[tuple[int, int, str]]] = []
    for s in spans:
        if clusters:
            gap = text[clusters[-1][-1][1] : s[0]]
            if re.fullmatch(r"\s*(?:,|、|혹은|또는|・|·|ㆍ|‧)\s*", gap) or _QUALIFIED_GAP.fullmatch(gap):
                clusters[-1].append(s)
                continue
        clusters.append([s])
    required: list[str] = []
    any_of: list[str] = []
    open_list = False
    for c in clusters:
        names = list(dict.fromkeys(g for _, _, g in c))
        is_list = len(c) >= 2
        ends_open = bool(re.match(r"\s*등", text[c[-1][1] :]))
        if is_list or ends_open:
            any_of += [n for n in names if n not in any_of]
            open_list = open_list or ends_open
        else:
            required += [n for n in names if n not in required]
    return required, any_of, open_list


def parse_track(text: str, area: str, label: str = "") -> Track:
    """Criteria of one audience. `area` is where the issuer is ("서울", "영등포구") for "관내"."""
    text = squash(text)
    track = Track(label=label, text=text)
    main, _, exception = text.partition("※")
    if exception.strip():
        track.notes.append("※ " + exception.strip())
    track.age = parse_age(text)
    track.means = parse_means(main)

    # Parentheses: preferences, examples or an age range; none of them adds a requirement.
    body = main
    for m in _PAREN.finditer(main):
        inner = m.group(1)
        groups = [g for _, _, g in find_groups(inner, REPORT)]
        if "우선" in inner:
            track.priority += [g for g in groups if g not in track.priority]
            track.notes.append(f"({inner.strip()})")
        elif groups and "등" in inner:
            track.notes.append(f"예: {inner.strip()}")
        elif not _AGE_BOUND.search(inner) and not _AGE_RANGE.search(inner) and "세" not in inner:
            track.notes.append(f"({inner.strip()})")
        body = body.replace(m.group(0), " " * len(m.group(0)))

    consumed = [False] * len(body)

    def eat(a: int, b: int) -> None:
        for i in range(a, min(b, len(body))):
            consumed[i] = True

    anchors: list[int] = []  # starts of parsed groups/places: a leftover just before one qualifies it
    for pat in (_AGE_RANGE, _AGE_BOUND, _AGE_DECADE, _AGE_PLUS):
        for m in pat.finditer(body):
            eat(m.start(), m.end())
    for pat in (r"연령\s*제한\s*없음", r"고교\s*졸업\s*예정자\s*~"):
        for m in re.finditer(pat, body):
            eat(m.start(), m.end())
    for pat in (_INCOME, _PROPERTY):
        for m in pat.finditer(body):
            eat(m.start(), m.end())
    for m in re.finditer(r"가구\s*(?:단위\s*)?(?:소득이?)?|소득이?|이하이거나|이하이면서|인\s*자|[&]", body):
        if track.means:
            eat(m.start(), m.end())
    for pat in (_AS_OF, _NO_BAR):  # when the rule applies, and bars no profile can state
        for m in pat.finditer(body):
            track.notes.append(squash(m.group(0)))
            eat(m.start(), m.end())
    if _FOREIGNERS_OK.search(text):
        track.foreigners_ok = True
    for m in _EXPERIENCE.finditer(body):
        # "경력 3년 이상 퇴직자": the years qualify the group that follows.
        following = [g for a, _, g in _person_groups(body) if a >= m.end()]
        if following:
            track.experience_years[following[0]] = int(m.group(1))
            eat(m.start(), m.end())
    for a, b, place, sido in _residence(body, area):
        # A district or city is narrower than its 시·도: once found it stays.
        if track.residence is None or track.residence == track.residence_sido:
            track.residence, track.residence_sido = place, sido
        eat(a, b)
        anchors.append(a)
    for m in _BUSINESS_PLACE.finditer(body):
        track.notes.append("서울 소재 사업장·기관")
        eat(m.start(), m.end())
    for pat in (_WISH, _SOFT):  # wishes and fitness: said of everyone who applies, not a filter
        for m in pat.finditer(body):
            track.notes.append(squash(m.group(0)))
            eat(m.start(), m.end())
    if _ANYONE.search(body):
        track.open_to_all = True
        for m in _ANYONE.finditer(body):
            eat(m.start(), m.end())
    for m in _UMBRELLA.finditer(body):
        eat(m.start(), m.end())

    has_person = bool(track.age and not track.age.no_limit) or track.residence is not None
    # An umbrella already eaten ("… 등 취업 취약계층") names the list before it, not one more group.
    person_spans = [sp for sp in _person_groups(body) if not consumed[sp[0]]]
    if _is_business(body, has_person or bool(person_spans)):
        track.kind = "business"
        track.business_types = list(dict.fromkeys(g for _, _, g in find_groups(body, BUSINESS)))
        track.notes.append(text)
        return track

    for a, b, _ in person_spans:
        eat(a, b)
        anchors.append(a)
    track.groups_all, track.groups_any, track.any_open = _cluster(body, person_spans)

    # Leftovers: a phrase right before a parsed group/place qualifies it (note); others are conditions.
    i = 0
    while i < len(body):
        if consumed[i]:
            i += 1
            continue
        j = i
        while j < len(body) and not consumed[j]:
            j += 1
        raw = body[i:j]
        meaningful = _FILLER.sub(" ", raw).strip()
        if re.search(r"[가-힣A-Za-z]{2,}", meaningful):
            phrase = squash(raw.strip(" ,.·"))
            phrase = re.sub(r"^(?:으로서|로서|으로|로|중|및|등|의|인|,)\s*", "", phrase)
            phrase = re.sub(r"\s*(?:의|인|로서|으로|로|,)$", "", phrase)
            if j in anchors or (j < len(body) and any(a == j for a in anchors)):
                track.notes.append(phrase)
            else:
                track.conditions.append(phrase)
        i = j
    return track


def split_tracks(text: str) -> list[tuple[str, str]]:
    """'(인턴) … (기업) …' → [('인턴', …), ('기업', …)]; a single audience → [('', text)]."""
    marks = list(_TRACK_LABEL.finditer(text))
    if len(marks) < 2:
        return [("", text)]
    out = []
    for k, m in enumerate(marks):
        end = marks[k + 1].start() if k + 1 < len(marks) else len(text)
        out.append((m.group(1), text[m.end() : end].strip(" ,－-")))
    return out


def merge(base: Track, extra: Track) -> Track:
    """Two statements about one audience ("선발대상" + "선발요건"): every requirement holds."""
    base.text = f"{base.text} / {extra.text}"
    if extra.age and not base.age:
        base.age = extra.age
    if base.residence is None:
        base.residence, base.residence_sido = extra.residence, extra.residence_sido
    base.experience_years = {**extra.experience_years, **base.experience_years}
    base.foreigners_ok = base.foreigners_ok or extra.foreigners_ok
    base.means = base.means or extra.means
    base.groups_all += [g for g in extra.groups_all if g not in base.groups_all]
    if extra.groups_any:
        base.groups_any += [g for g in extra.groups_any if g not in base.groups_any]
        base.any_open = base.any_open or extra.any_open
    base.open_to_all = base.open_to_all or extra.open_to_all
    base.conditions += extra.conditions
    base.notes += extra.notes
    base.priority += [g for g in extra.priority if g not in base.priority]
    if extra.kind == "business":
        base.kind = "business"
        base.business_types += [b for b in extra.business_types if b not in base.business_types]
    return base


def parse_statements(statements: list[str], area: str) -> list[Track]:
    """All target statements of one program → its audiences. Labelled statements ("(인턴) …
    (기업) …") define the audiences; an unlabelled one ("지원요건 : …") applies to each."""
    labelled: list[Track] = []
    common: list[Track] = []
    for statement in statements:
        parts = split_tracks(squash(statement))
        parsed = [parse_track(t, area, label) for label, t in parts]
        (labelled if len(parsed) > 1 else common).extend(parsed)
    if not labelled:
        if not common:
            return []
        base = common[0]
        for extra in common[1:]:
            merge(base, extra)
        return [base]
    for track in labelled:
        for extra in common:
            merge(track, Track.from_dict(extra.to_dict()))
    return labelled


def participant_of(tracks: list[Track]) -> str:
    kinds = {t.kind for t in tracks}
    if not kinds:
        return "unknown"
    return kinds.pop() if len(kinds) == 1 else "mixed"
