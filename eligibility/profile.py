"""Who is asking: a Profile from a form, the CLI, or the facts inside a Korean question.

Status verbs are read by lemma from Kiwi morphemes (`kotext.person_facts.predicates`), so
"그만뒀고 / 그만둔 지 / 관뒀는데", "취업을 못 해서", "지금은 쉬고 있어요", "다시 일하고 싶은데" all count
whatever their ending; residence follows the administrative tree (a later place only refines the first).

In a question only self-descriptions count: "서울 사는 만 29세 미취업 청년인데 …" gives age,
residence and groups, while "장애인일자리 지원대상은?" names a program, not the asker. A group
word is a profile fact when a self-description ending follows it ("…인데", "…이고", "…예요",
"…도 되나요") or it is chained to one ("미취업 청년인데").
"""
from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from datetime import date

from eligibility.criteria import parse_won
from eligibility.seeking_model import load_model as load_seeking_model
from kotext.admin_areas import DWELLINGS, FINER_PLACE, place_in, place_name_pattern, resolve
from kotext.persons import SELF, Person, asked_for, owner as fact_owner, relative_subject, same_person, speaker_gender
from kotext.person_facts import (
    Predicate,
    amount_won,
    birth_year_age,
    experience_years,
    milestone_age,
    native_age,
    predicates,
    school_age,
    sino_age,
    stated_age,
)
from eligibility.vocab import (
    BUSINESS,
    CAREER_BREAK_CAUSE,
    AT_WORK_LEMMAS,
    HIRED_LEMMAS,
    HOME_NOUNS,
    HOMEMAKER,
    SEEKS_WORK,
    CONTRACT_NOUNS,
    ENDED_LEMMAS,
    EXIT_LEMMAS,
    STOPPED_LEMMAS,
    WORKPLACE_NOUNS,
    IDLE_LEMMAS,
    JOB_NOUNS,
    LEAVE_LEMMAS,
    LOW_INCOME_MAX_PCT,
    MULTI,
    OWNER_CUE,
    REPORT,
    RETIRE_LEMMAS,
    SCHOOL_LEAVE_LEMMAS,
    SCHOOL_NOUNS,
    SEEK_LEMMAS,
    SPOKEN,
    STAY_LEMMAS,
    WORK_LEMMAS,
    closure,
    district_alias,
    find_groups,
)


@dataclass
class Profile:
    age_min: int | None = None  # an exact age has age_min == age_max; "60대" is 60..69
    age_max: int | None = None
    region: str | None = None  # a 시·도: "서울", "경기", "충남" …
    district: str | None = None  # a 시·군·구 in it ("영등포구", "당진시")
    groups: set[str] = field(default_factory=set)
    businesses: set[str] = field(default_factory=set)  # what the person runs ("소상공인")
    income_pct: float | None = None  # household income, % of 기준중위소득
    property_won: int | None = None
    experience_years: int | None = None  # years of work experience ("회사에서 25년 일했어요")
    has_certificate: bool | None = None  # holds a (national) certificate; None = not said
    not_groups: set[str] = field(default_factory=set)  # groups the person said they are not in ("장애는 없어요")

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
        """Groups, what they imply, and 저소득 when the stated income is at the 차상위 line or below."""
        low = self.income_pct is not None and self.income_pct <= LOW_INCOME_MAX_PCT
        return closure(self.groups | ({"저소득"} if low else set()))

    def is_empty(self) -> bool:
        return (self.age_min is None and self.region is None and not self.groups and not self.businesses
                and self.income_pct is None and self.property_won is None and self.experience_years is None
                and self.has_certificate is None and not self.not_groups)

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
        if self.experience_years is not None:
            parts.append(f"경력 {self.experience_years}년")
        if self.has_certificate is False:
            parts.append("자격증 없음")
        parts += [f"{g} 아님" for g in sorted(self.not_groups)]
        return "·".join(parts)

    def to_dict(self) -> dict:
        d = asdict(self)
        d["groups"], d["businesses"] = sorted(self.groups), sorted(self.businesses)
        d["not_groups"] = sorted(self.not_groups)
        return d


def format_won(won: int) -> str:
    if won >= 100_000_000 and won % 10_000_000 == 0:
        return f"{won / 100_000_000:g}억원"
    if won >= 10_000:
        return f"{won // 10_000:,}만원"
    return f"{won:,}원"


def parse_place(text: str) -> tuple[str | None, str | None]:
    """'영등포구' / '영등포' / '서울 영등포구' → ('서울', '영등포구'); '경기' → ('경기', None);
    '당진' → ('충남', '당진시') — through the administrative tree in kotext."""
    place = place_in(text) if len(text.strip()) > 3 else None
    place = place or resolve(text.strip())
    return (place.sido, place.sigungu) if place else (None, None)


# ---- extraction from a question -------------------------------------------------------------

_AGE = re.compile(r"(?:만\s*)?(\d{1,3})\s*(?:세|살)(?!\s*(?:이상|이하|미만|초과|부터|까지|[~∼\-]|이면|정도|넘|안\s*된))")
_DECADE = re.compile(r"(\d)0\s*대(?:\s*(초반|중반|후반))?")
_DECADE_TOPIC = re.compile(r"\s*(?:가|를|을|의|용|들|대상|위한|를\s*위한|에게)")
_RELATIVE_WORDS = {
    "여성": r"엄마|어머니|어머님|할머니|아내|와이프|딸|누나|언니|여동생|장모님|시어머니",
    "남성": r"아빠|아버지|아버님|할아버지|남편|아들|오빠|형|남동생|장인어른|시아버지",
}
# A relative the question is about ("엄마가 67세이신데"): their gender is part of the profile.
# "아버지(만 71세)가", "우리 아들(23살) 얘기예요": an age in brackets may stand between.
# A companion is not a subject: "남편이랑 사별하고", "딸이랑 둘이 사는", "아내랑 … 살아요" (이랑/랑,
# 하고, 와/과, and 한테/에게 for a recipient) say nothing about the relative's own facts.
_COMPANION = r"(?:이랑|랑|하고|와|과|한테|에게|께)(?![가-힣])"
_RELATIVE = {g: re.compile(rf"(?<![가-힣])(?:{w})(?=\s*(?:\([^)]{{0,12}}\))?\s*(?:가|는|께서|도|이(?!랑)|얘기|이야기))")
             for g, w in _RELATIVE_WORDS.items()}
_RELATIVE_ANY = re.compile(rf"(?<![가-힣])(?:{'|'.join(_RELATIVE_WORDS.values())})(?!\s*{_COMPANION})(?:가|는|께서|도|이|의)?")
_SELF_WORDS = re.compile(r"(?<![가-힣])(?:저는|제가|저도|전|나는|내가|저)(?![가-힣])")
# One short word may stand between the measure and the number ("기준중위소득 딱 70%", "중위 약 60%").
_INCOME = re.compile(r"중위\s*(?:소득)?\s*(?:의\s*)?(?:[가-힣]{1,2}\s+)?(\d{1,3}(?:\.\d+)?)\s*%(?!\s*(?:이하|이상|미만|초과))")
# "재산은 전세보증금 2억이 전부", "재산은 집 한 채 5억 정도": up to _PROPERTY_GAP characters of words
# between 재산 and the amount, inside one clause; an amount followed by a rule word ("4억 이하") is a
# program's condition, not the asker's property.
_PROPERTY_GAP = 12
_PROPERTY = re.compile(
    rf"재산[^\d.?!,\n]{{0,{_PROPERTY_GAP}}}?((?:\d[\d,.]*\s*(?:억|천만|백만|만|천)\s*)+)원?(?!\s*(?:이하|이상|미만|초과|까지|기준))")
_NO_PROPERTY = re.compile(r"재산(?:은|이)?\s*(?:거의\s*)?없")
_CERT_YES = re.compile(r"자격증(?:이|을|은|도)?\s*(?:있|가지|소지|보유|땄)")
_CERT_NO = re.compile(r"자격증(?:은|이|도)?\s*(?:[가-힣]{1,3}\s+)?없")  # "자격증은 따로 없어요"
# "장애는 없어요", "수급자는 아니에요": a group the asker says they are not in.
_NOT_STEM = {"장애인": re.compile(r"장애(?:는|가|도)?\s*(?:없|아니)")}  # "장애는 없어요": no group word is said
_NOT_AFTER = re.compile(r"\s*(?:은|는|이|가|도)?\s*(?:없|아니|아닙|아녜)")
_CUE = re.compile(
    r"\s*(?:인데|이고|이며|입니다|이에요|에요|예요|이라서|라서|이라|이면|이지만|인\s*사람|인\s*저|임|이야|"
    r"인\s*경우|이구요|이거든|거든|도\s|도$|도\?|,|했|한\s*지|하고|해서|하였|중|인\s|"
    # spoken copula after a vowel ("여자고", "수급자고"), past copula ("청소년이었는데"), "실직함"
    r"고(?:요)?(?=\s|,|\.|$)|이었|였|함(?=\s|$|[ㅋㅠㅜ.!?,])|"
    # "노숙인 자활시설에서 지내는": living in a facility for the group
    r"(?:\s*[가-힣]{0,4}(?:시설|쉼터)|촌)?(?:에|에서)\s*(?:사는|살|있는|있어|있고|삽|거주|지내)|"
    # "여성 사장이에요", "여성 대표예요": the group word qualifies the speaker's own role
    r"\s*(?:사장|대표|가장|직원)(?=이|입|인|예|,|\s*$)|"
    # "권고사직 당했어요": it happened to the speaker; "실직 상태거든요": a state one is in.
    r"\s*당했|\s*당한|\s*상태|"
    # "이제 진짜 백수됨", "실업자가 됐어요": became one
    r"\s*(?:이|가)?\s*(?:됨|됐|되었|돼(?:요|서|버)))"
)
# "청각장애 있는", "장애인으로 등록돼", "정신장애로 복지카드 받은": a group said with a having/being
# predicate is the asker's, even with no copula after it.
_HAVE = re.compile(
    # "생계급여랑 주거급여 둘 다 받고": one more of a coordinated pair may stand before the verb
    r"(?:\s*(?:이랑|랑|하고|와|과|,)\s*[가-힣]{2,6}(?:\s*(?:둘\s*다|모두|다))?)?"
    r"\s*(?:이|가|는|은|도|을|를|로|으로)?\s*"
    r"(?:복지\s*카드(?:를|도|가|는)?\s*(?:받|있|가지|가진|발급)|있(?!나|을까|는지|으면|어요\?)|가지|가진|판정|등록|진단|"
    r"살(?:고|아)|생활|"  # "수급비로 살고 있는데": living on it
    r"받(?!으면(?!서)|을\s*수|을까|나요|는\s*지))"  # "생계급여 받으면서": receiving it (not "받으면 …?")
)
_SELF_START = re.compile(r"(?:저는|제가|나는|난|전|저희\s*(?:집|가족)?은?)\s")


def _this_year() -> int:
    """Birth years count from this year ("99년생"); a function so a long-running app sees the new year."""
    return date.today().year


@dataclass
class Extraction:
    profile: Profile
    spans: list[tuple[int, int]]  # where the facts were, so program names are looked up elsewhere


def _age(q: str, profile: Profile, spans: list[tuple[int, int]], mine=lambda a, b: True) -> None:
    """The asked person's age: the first one said of them ("저는 예순셋이고 … 서른 살 된 아들이" asks for
    the son: 30). An age said of someone else is blanked out and the search goes on."""
    for m in _AGE.finditer(q):
        n = int(m.group(1))
        if 5 <= n <= 110 and mine(*m.span()):
            profile.age_min = profile.age_max = n
            spans.append(m.span())
            return
    text = q
    for _ in range(6):
        found = birth_year_age(text, _this_year()) or stated_age(text) or native_age(text) or milestone_age(text) or sino_age(text)
        if found is None:
            break
        if mine(found.start, found.end):  # "99년생", "나이는 58이고", "할머니(63)", "마흔다섯", "환갑"
            profile.age_min, profile.age_max = found.low, found.high
            spans.append((found.start, found.end))
            return
        text = text[: found.start] + " " * (found.end - found.start) + text[found.end :]
    m = next((d for d in _DECADE.finditer(q) if not _DECADE_TOPIC.match(q[d.end():])
              and not re.search(r"[~∼\-]\s*$", q[: d.start()]) and mine(*d.span())), None)
    if m:  # "60대 초반이에요" is the asker; "50~60대가 쓸 수 있는 곳" is a topic
        base = int(m.group(1)) * 10
        lo, hi = {"초반": (0, 3), "중반": (3, 6), "후반": (6, 9)}.get(m.group(2) or "", (0, 9))
        profile.age_min, profile.age_max = base + lo, base + hi
        spans.append(m.span())
        return
    if (found := school_age(q)) and mine(found.start, found.end):  # "고3": an age band and a student
        profile.age_min, profile.age_max = found.low, found.high
        profile.groups.add("학생")
        spans.append((found.start, found.end))


_PLACE_NAMES = re.compile(place_name_pattern())
# "거주지는 마포구", "사는 데는 …", "주민등록은 영등포구 당산동으로", "집은 경기도 하남이고", "집도
# 영등포구예요"; a connective "사는데 영등포 바로 옆이에요" is not one.
_RESIDE_BEFORE = re.compile(
    r"(?:거주지(?:는|가|은)?|사는\s*곳(?:은|이)?|주소지?(?:는|가)?|사는\s+데(?:는|가)|주민\s*등록(?:은|이|상|지는)?|"
    # "동네는 오류동", a form's "사는 곳: 중랑구 망우동"
    r"(?<![가-힣])동네(?:는|가|도)|(?<![가-힣])집(?:은|이|도))\s*[:：]?\s*$")
# Adverbials that may stand between the place and the verb of living: manner and company ("신길동에 혼자
# 사는", "은평구에서 저랑 같이 살아요", "영등포동 한집에 살고"). A companion takes 랑/이랑/하고/와/과.
_LIVING_ADVERBIAL = (r"(?:(?:혼자|같이|함께|쭉|계속|오래|따로|지금|현재|아직|평생|한\s*집에|들어와(?:서)?|[가-힣]{1,4}(?:이랑|랑|하고|와|과)"
                     # how long: "망원동에서 40년 넘게 살았고", "신길동에서 10년째 살아요", "삼십 년 가까이"
                     r"|[\d가-힣]{1,3}\s*년\s*(?:넘게|째|이상|동안|가까이|전부터|다|정도)?)\s*)")
# Verbs and nouns of living somewhere: 살다 (and honorific 사시다), 거주, 자취 (living on one's own),
# 정착 (settling), 지내다 (staying), 주소 (the registered address: "종로구에 주소 둔"), and -민 (구민, 시민, 주민).
_RESIDE_AFTER = re.compile(
    rf"\s*(?:에서|에|에서만|에만|으로|로)?\s*{_LIVING_ADVERBIAL}{{0,2}}"
    r"(?:살|사는|삽|산(?=\s*지\s)|사세|사시|거주|기거|자취|정착|자리\s*(?:를\s*)?잡|주소|지내|지낸|구민|시민|주민|도민|군민|민(?=\s|$|이|입|예|,|으로|인))"
    # a finer place the tree does not name, then the verb ("인천 송도에 사는", "서울 서남권 사는")
    r"|\s*[가-힣]{2,4}(?:에|에서)?\s+(?:살|사는|삽|거주)"
    # a landmark of the place and where by it ("영등포 타임스퀘어 바로 뒤 빌라에 사는")
    # ("여의도 IFC몰 근처 오피스텔에서 혼자 사는", "개화동, 김포공항 바로 옆에 사는")
    rf"|,?\s+[가-힣A-Za-z]{{1,8}}(?:\s+(?:바로|뒤|앞|옆|근처|쪽|건너편|맞은편|인근|부근))+(?:에|에서)?"
    rf"(?:\s+[가-힣A-Za-z]{{2,6}}(?:에|에서))?\s+{_LIVING_ADVERBIAL}{{0,2}}(?:살|사는|삽|거주)"
    # a dwelling in the place ("종로에 있는 고시원이에요", "당산동에 있는 원룸에서 지내요")
    rf"|\s*에\s*있는\s*(?:[가-힣]{{1,4}}\s*)?{DWELLINGS}(?:이|에|예|입|인|이에)"
    # "당진 사람인데요", "영등포 토박이예요": a person of the place
    r"|\s*(?:사람|토박이)(?=이|인|입|예|이에|,|\s|$)"
    r"|\s*토박이(?=[가-힣]{0,3}(?:고|라|로|[,.\s]|$))"  # "당진 토박이고": a native, whatever ending follows
)
# A clause that is only a place and a copula is where the speaker is: "서울 강북구 미아동이고요.",
# "쉰다섯, 서울 마포구요.", "여기 여의도인데요", "여기 당진인데 …". It must start the clause (or follow
# 여기/이곳) and end it; a question ("영등포구요?") is not a statement about oneself.
# A clause starts at punctuation, after the asker ("저는 …") or after a connective -고 ("서른일곱이고 서울 구로구 …").
_PLACE_CLAUSE_BEFORE = re.compile(r"(?:^|[.,!?\n~/]|(?<![가-힣])(?:여기|이곳|저는|전|난|나는)(?:는|도)?|[가-힣]고)\s*$")
# Where the asker runs or ran a shop or worked: "당진 송산면에서 식당을 하다가", "당진 공장에서 일하다",
# "당진에서 작은 제조업체를 창업한 지". Read only when no residence is said: a local trade is usually
# where one lives. An adnominal ("영등포구에서 하는 교육") names a program's place, so only the asker's
# own verb in a connective or final ending counts.
_WORK_AT = re.compile(
    r"\s*(?:[가-힣]{1,4}\s*)?에서\s+(?:[가-힣]{1,6}\s+){0,3}?"
    # a verb noun may be glued to its 하다 ("맞벌이하다가", "알바하다가"); 다니다 is going to work there ("콜센터 다니고")
    r"(?:[가-힣]{0,5}(?:하다가|했)|하다\s|일하|일했|근무하|근무했|창업했|창업한\s*지|차려|차렸|차린\s*지|운영하|운영했|장사하|장사했"
    r"|[가-힣]{1,6}\s*(?:다니고|다녀요|다니는데|다녔))")
_PLACE_CLAUSE_AFTER = re.compile(r"(?:(?:이)?(?:고요|고|에요|예요|요|인데요|인데|입니다|이에요|임)(?=\s|[.,!~]|$)|\s*(?=/))(?!\s*\?)")  # "54세/남/성수동/무직": a form's field


def _residence(q: str, profile: Profile, spans: list[tuple[int, int]]) -> None:
    _read_residence(q, profile, spans, work=False)
    if profile.region is None:
        _read_residence(q, profile, spans, work=True)


def _read_residence(q: str, profile: Profile, spans: list[tuple[int, int]], work: bool) -> None:
    """A place is a residence when a residence word follows it ("영등포 살아요", "당진시민이고",
    "서울 영등포구 사는", "충남에 사는", "관악구에서 자취해요") or precedes it ("거주지는 마포구"), or
    when it alone makes a clause ("서울 마포구요."). Places side by side are one place, the later
    refining the earlier ("서울 송파구 잠실 살아요") through the administrative tree."""
    mentions = [m for m in _PLACE_NAMES.finditer(q) if not re.match(r"[가-힣]", q[m.start() - 1 : m.start()] or " ")
                or q[m.start() - 1 : m.start()] in "는은에서"]
    i = 0
    while i < len(mentions):
        m = mentions[i]
        start, end = m.span()
        names = [m.group(0)]
        while i + 1 < len(mentions) and re.fullmatch(r"\s*(?:특별시|광역시|특별자치도|시|도|구|군)?\s*",
                                                     q[end : mentions[i + 1].start()]):
            names.append(mentions[i + 1].group(0))
            end = mentions[i + 1].end()
            i += 1
        i += 1
        tail = re.match(r"(?:특별시|광역시|특별자치도|시|도|구|군)?", q[end:])
        after = q[end + (tail.end() if tail else 0):]
        # A finer place inside it may come first: "영등포구 신길동 살아요", "영등포역 뒤 쪽방촌에 사는".
        after = after[FINER_PLACE.match(after).end():]  # type: ignore[union-attr]
        if work:
            if not _WORK_AT.match(after) or re.search(r"(?:직장|회사)(?:은|이|는)\s*$", q[:start]):
                continue
        elif not (_RESIDE_AFTER.match(after) or _RESIDE_BEFORE.search(q[:start])
                  or (_PLACE_CLAUSE_BEFORE.search(q[:start]) and _PLACE_CLAUSE_AFTER.match(after))):
            continue
        sido = None
        place = None
        for name in names:
            found = resolve(name, sido)
            if found and place and found.sigungu is None and place.sigungu and found.sido == place.sido:
                continue  # "은평구 신사동": a 동 whose 구 is ambiguous does not undo the 구 said
            place = found or place
            sido = place.sido if place else sido
        if place is None:
            continue
        # The hierarchy: a later place refines the first one ("서울 … 영등포구"), never replaces it
        # with another ("광명에 사는데 … 영등포구 취업 교육").
        # A registered address ("주소는 천안에 그대로 둔", "주민등록상 주소는 …") is the residence
        # programs check, whatever place one is staying at ("당진 기숙사에 살지만").
        registered = bool(re.search(r"(?:주소|주민\s*등록)\S{0,3}\s*$", q[:start]))
        if registered or profile.region is None or (place.sido == profile.region and profile.district is None):
            profile.region, profile.district = place.sido, place.sigungu
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
    rest = re.sub(r"^\s*\([^)]{0,12}\)", "", q[end:])  # "할머니(63)예요": the bracket is an aside
    if _CUE.match(rest) or _HAVE.match(rest):
        return True
    if re.match(r"[가-힣]", rest[:1]) and not re.match(r"(?:인|이|예|도|임|중)", rest[:1]):
        return False  # glued to a noun: "장애인일자리", "청년인턴"
    # Chained to an accepted fact right after it: "미취업 청년인데", "29세 여성이고".
    gap = re.match(r"\s*", rest).end()  # type: ignore[union-attr]
    if any(a == end + gap for a, _ in accepted_after):
        return True
    clause_start = max(q.rfind(c, 0, start) for c in ".?!,\n")
    return bool(_SELF_START.search(q[clause_start + 1 : start]))


_VERB_PHRASE = re.compile(
    r"있|다니|잃|못|찾|구하|구해|준비|하려|했|끊|중$|불편|닫|접|그만|급$|등록|받|알아보|안\s*(?:하|해|합)|않|쉬|없|나왔|잘렸|"
    r"자퇴|해고|중퇴|싶|한$|려|지$|낸$|냈|렸|겠|면서|뛰|버티"
)


def _of_relative(q: str, start: int) -> bool:
    """A status right after a relative ("남편 퇴직하고 저도 …") describes the relative, when the asker
    also speaks of themselves; a question only about the relative keeps it ("어머니가 퇴직하셨는데")."""
    if not _SELF_WORDS.search(q):
        return False
    clause_start = max(q.rfind(c, 0, start) for c in ".?!\n")
    for m in _RELATIVE_ANY.finditer(q, clause_start + 1, start):
        between = q[m.end() : start]
        if len(between) <= 8 and not _SELF_WORDS.search(between):
            return True
    return False


def _money_and_means(q: str, profile: Profile, spans: list[tuple[int, int]]) -> None:
    if m := _INCOME.search(q):
        profile.income_pct = float(m.group(1))
        spans.append(m.span())
    if m := _PROPERTY.search(q):
        won = amount_won(m.group(1))
        if won is not None:
            profile.property_won = won
            spans.append(m.span())
    elif m := _NO_PROPERTY.search(q):
        profile.property_won = 0
        spans.append(m.span())


def _work_history(q: str, profile: Profile, spans: list[tuple[int, int]]) -> None:
    if found := experience_years(q):
        profile.experience_years = found.low
        spans.append((found.start, found.end))
    if m := _CERT_NO.search(q):
        profile.has_certificate = False
        spans.append(m.span())
    elif m := _CERT_YES.search(q):
        profile.has_certificate = True
        profile.groups.add("자격증소지자")
        spans.append(m.span())


def _morphemes(q: str):
    from retrieval.korean_morphs import morphemes  # Kiwi is loaded on first use (lexical search shares it)

    return morphemes(q)


def _statuses(q: str, preds: list[Predicate]) -> list[tuple[str, Predicate]]:
    """Groups said with a verb, by lemma: looking for work, out of work, retired, out of school."""
    out: list[tuple[str, Predicate]] = []
    for p in preds:
        about_work = p.lemma in WORK_LEMMAS or p.noun in JOB_NOUNS
        if p.wished and not p.negated and about_work:
            out.append(("구직자", p))  # "다시 일하고 싶은데", "공공일자리에 참여하고 싶은데"
        elif p.lemma in SEEK_LEMMAS and p.noun in JOB_NOUNS:
            out.append(("구직자", p))  # "일자리도 알아보고 있어요"
        if p.negated and not p.wished and (p.lemma in WORK_LEMMAS or (p.lemma in SEEK_LEMMAS and p.noun in JOB_NOUNS)):
            out.append(("미취업", p))  # "취업을 못 해서", "일 안 해요", "아직 일을 못 구했어요", "일해 본 적이 없어요"
        elif p.lemma in IDLE_LEMMAS and not p.wished and (p.ongoing or not p.past):
            out.append(("미취업", p))  # "지금은 쉬고 있어요"
        elif p.lemma == "없다" and p.noun in JOB_NOUNS:
            out.append(("미취업", p))  # "지금은 일이 없어요"
        elif p.lemma in STOPPED_LEMMAS and p.noun in JOB_NOUNS and p.past and not p.negated:
            out.append(("미취업", p))  # "요즘은 일이 뚝 끊겼어요"
        elif p.lemma in EXIT_LEMMAS and p.noun in WORKPLACE_NOUNS and _done(p):
            out.append(("미취업", p))  # "이번에 다니던 회사에서 나왔는데", "석 달 전에 회사를 나와서"
        elif p.lemma in ENDED_LEMMAS and p.noun in CONTRACT_NOUNS and _done(p):
            out.append(("미취업", p))  # "계약이 만료돼서", "지난달 공장 계약이 끝났어요"
        elif p.lemma in STAY_LEMMAS and p.noun in HOME_NOUNS and p.case == "에":
            out.append(("미취업", p))  # "지금은 집에만 있는데"
        if not (p.negated or p.wished or p.past) and (
                p.lemma == "출근하다" or (p.lemma in AT_WORK_LEMMAS and (p.ongoing or p.endings[-1:] == ("는",)))):
            out.append(("재직", p))  # "여의도로 출근하고", "마트에서 파트타임으로 일하는"
        elif p.lemma in HIRED_LEMMAS and not (p.negated or p.wished) and (
                p.past or p.since or p.endings[:1] in (("어서",), ("아서",))) and not _WISH.search(q[p.end:]):
            out.append(("재직", p))  # "취업한 지 반년 됐어요", "취업해서 7개월째 다니고 있어요"
        if p.noun in SCHOOL_NOUNS and p.lemma in SCHOOL_LEAVE_LEMMAS:
            out.append(("학교밖청소년", p))  # "고등학교를 그만뒀어요"
        elif p.lemma in RETIRE_LEMMAS:
            out.append(("퇴직자", p))  # "정년퇴임했어요", "전역했습니다" (retired: not said to be job-hunting)
        elif p.lemma in LEAVE_LEMMAS:
            out.append(("미취업", p))  # "회사 그만두고 …", "관뒀는데": out of work since
    return out


_WISH = re.compile(r"싶|려고|고자")


def _done(p: Predicate) -> bool:
    """Done, said in the past or as the event before the next ("나와서 지금은 …"), not wished."""
    return not p.wished and not p.negated and (p.past or p.endings[:1] in (("어서",), ("아서",)))


def _career_break(q: str, preds: list[Predicate]) -> Predicate | None:
    """A left job, a past break or years without work, with a cause the law names (children,
    marriage, housework, care): '애 낳고 회사를 관뒀는데 벌써 5년', '결혼 전에 … 그만두고 25년 동안 살림만'."""
    for p in preds:
        left = (p.lemma in LEAVE_LEMMAS - RETIRE_LEMMAS and p.noun not in SCHOOL_NOUNS) or (
            p.lemma in IDLE_LEMMAS and p.past) or (p.negated and p.lemma in WORK_LEMMAS and p.past)
        if left and CAREER_BREAK_CAUSE.search(q):
            return p
    return None


# A question or a request ("…있을까요?", "알려 주세요", "궁금해요", "안내 바람"): what the finder is asked.
ASKS_FOR_SOMETHING = re.compile(r"[?？]|주세요|알려|궁금|바람|바랍니다|싶어요|싶습니다|있을까|있나|되나|될까|할까|어때|리스트|plz")


def _modelled_seeking(q: str, profile: Profile) -> bool:
    """The fitted model reads a request for something (a stated job rules it out); facts alone
    ("청각장애 있는 스물여섯 살이에요") say nothing about looking for work."""
    seeking = load_seeking_model()
    return seeking is not None and "재직" not in profile.groups and bool(ASKS_FOR_SOMETHING.search(q)) and seeking.seeks_work(q)


def extract_profile(question: str) -> Extraction:
    q = question.strip()
    profile = Profile()
    spans: list[tuple[int, int]] = []
    # Several people in one question: only the asked person's facts count (kotext.persons). Without a
    # request naming someone, the speaker who speaks of themselves is asked for.
    target = asked_for(q) or (Person(SELF) if _SELF_WORDS.search(q) and _RELATIVE_ANY.search(q) else None)

    def mine(start: int, end: int) -> bool:
        return target is None or same_person(fact_owner(q, start, end), target)

    _age(q, profile, spans, mine)
    _residence(q, profile, spans)
    _money_and_means(q, profile, spans)
    _work_history(q, profile, spans)
    accepted: list[tuple[int, int]] = list(spans)
    # Right to left, so "미취업" can chain to "청년인데" accepted just before.
    for start, end, group, is_business in reversed(_group_spans(q)):
        text = q[start:end]
        if any(a <= start < b for a, b in spans):
            continue  # inside a fact already read ("자격증 있어요")
        if not is_business and (neg := _NOT_AFTER.match(q[end:])) and not re.search(r"없|않", text):
            # "장애는 없어요": a fact that rules a group out, not in.
            if group not in ("미취업",):
                profile.not_groups.add(group)
                spans.append((start, end + neg.end()))
                continue
        if (target is None or target.word == SELF) and _of_relative(q, start) or not mine(start, end):
            continue
        # Spoken verb phrases ("장애가 있", "회사 다니", "구직 중") can only describe the asker.
        verb_phrase = bool(_VERB_PHRASE.search(text)) and not is_business
        owner = is_business and bool(OWNER_CUE.match(re.sub(r"^\s*(?:를|을|이|가|는|은)?\s*", "", q[end:])))
        if verb_phrase or owner or _is_self(q, start, end, accepted):
            (profile.businesses if is_business else profile.groups).add(group)
            profile.groups.update(MULTI.get(text, ()))
            accepted.append((start, end))
            spans.append((start, end))
    if target is not None and target.word != SELF:
        if target.gender:  # asked for a relative: their gender ("아들이 할 만한" → 남성)
            profile.groups.add(target.gender)
    elif target is None:
        for gender, pattern in _RELATIVE.items():
            if (m := pattern.search(q)) and not _SELF_WORDS.search(q):
                profile.groups.add(gender)
                spans.append(m.span())
    speaker = target is not None and target.word == SELF or target is None and not relative_subject(q)
    if speaker and not profile.groups & {"여성", "남성"}:
        if gender := speaker_gender(q):  # "남편이 퇴직하고 … 저는 쉰다섯": the speaker is a wife
            profile.groups.add(gender)
    # Statuses said with verbs, in any ending. Alone (no other fact about the person) they do not make
    # a profile: "참여하고 싶은데 어떻게 신청해요?" asks how, not who.
    if not profile.is_empty():
        preds = [p for p in predicates(_morphemes(q)) if mine(p.head, p.end)
                 and not ((target is None or target.word == SELF) and _of_relative(q, p.head))]
        for group, p in _statuses(q, preds):
            if group in closure(profile.groups, assumed=False):
                continue  # already said or implied ("실직한 지 6개월": 실직자 is 미취업)
            if group == "미취업" and profile.groups & {"재직", "창업자", "예비창업자"}:
                continue  # "회사를 그만두고 창업을 준비 중": not simply out of work
            profile.groups.add(group)
            spans.append((p.head, p.end))  # the verb only: its noun may be part of a program name
        if (SEEKS_WORK.search(q) or _modelled_seeking(q, profile)) and not profile.groups & {"창업자", "예비창업자"}:
            # "남편이 다시 할 만한 일자리 있을까요?": the person looks for work (the fitted model reads the
            # wordings the pattern does not list: eligibility/seeking_model.py)
            profile.groups.add("구직자")
        if not profile.groups & {"여성", "남성"} and any(p.lemma in ("낳다", "출산하다", "임신하다") for p in preds):
            profile.groups.add("여성")  # "첫아이 낳으면서 회사를 그만둔": giving birth is said by a woman
        if "여성" in closure(profile.groups) and (p := _career_break(q, preds)):
            profile.groups.add("경력단절여성")
            spans.append((p.head, p.end))
        elif "여성" in closure(profile.groups) and (m := HOMEMAKER.search(q)) and mine(*m.span()) \
                and "재직" not in profile.groups:
            profile.groups.add("경력단절여성")  # "15년째 전업주부예요", "결혼하고 줄곧 살림만 했는데"
            spans.append(m.span())
        if profile.experience_years and any(p.lemma in LEAVE_LEMMAS for p in preds):
            profile.groups.add("퇴직자")  # "보일러 설비 일을 28년 하다가 작년에 그만뒀어요": left a career
    if "남성" in profile.groups and "여성" in profile.groups:
        profile.groups -= {"남성", "여성"}  # contradictory wording: trust neither
    for group, pattern in _NOT_STEM.items():
        if m := pattern.search(q):
            profile.not_groups.add(group)
            spans.append(m.span())
    profile.groups -= profile.not_groups
    return Extraction(profile, sorted(spans))
