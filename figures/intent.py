"""What a figures question asks: the operation (max/min/diff/sum/rank or a plain lookup), the
metrics, and the entities it names (offices, table labels, programs, meetings, the whole city)."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from figures.facts import Fact
from figures.metrics import metric_mentions, squash
from questions.analysis import named_meetings
from questions.exclusion import excluded_names

_OPS: tuple[tuple[str, str], ...] = (
    # "서울시 전체 달성률(70.7%)보다 달성률이 높은 실국은?": a threshold, not a difference
    ("above", r"보다\s*(?:[^\s?]+\s*){0,2}?(?:높은|많은|큰)\s*(?:실\s*·?\s*국|곳|사업|단위\s*사업|유형)"),
    ("below", r"보다\s*(?:[^\s?]+\s*){0,2}?(?:낮은|적은|작은)\s*(?:실\s*·?\s*국|곳|사업|단위\s*사업|유형)"),
    ("max", r"가장\s*(?:높|많|크|큰|길)|제일\s*(?:높|많|크|큰)|최고|최대|1위"),
    ("min", r"가장\s*(?:낮|적|작)|제일\s*(?:낮|적|작)|최저|최소|꼴[찌지]"),
    # "일반형 다음으로 많은 유형": the best of the rest (questions/exclusion.py sets the first aside)
    ("max", r"다음으로\s*(?:높|많|크|큰)"),
    ("min", r"다음으로\s*(?:낮|적|작)"),
    ("diff", r"차이|격차|얼마나\s*(?:더\s*)?(?:많|적|높|낮|크|작|줄|늘|감소|증가)|(?:몇|얼마)\s*(?:명|개|%p|%|포인트|원|억\s*원?)?\s*(?:더\s*)?(?:많|적|높|낮|줄|늘|크|작)"),
    ("sum", r"합치면|합하면|합계|더하면|총합|합산|합친|더한|합해"),
    ("rank", r"순위|순서대로|순으로|비교|높은\s*순|낮은\s*순|많은\s*순"),
    # "A와 B 중 예산이 더 큰 사업은?": the larger of the named ones
    ("max", r"더\s*(?:높|많|크|큰)"),
    ("min", r"더\s*(?:낮|적|작)"),
)
# "예산 중 아직 집행하지 않은 금액": 예산액 − 집행액 of one entity
# and in everyday words: "안 쓴 돈", "못 쓰고 남은 예산", "쓰고 남은 금액"
_UNSPENT = re.compile(r"집행(?:하지|되지|을\s*안\s*한|\s*안\s*된)\s*(?:않은)?|미\s*집행|남은\s*(?:예산|돈|금액)|예산\s*잔액"
                      r"|(?:안|못)\s*(?:쓴|쓰고|쓰인)|쓰고\s*남은|쓰지\s*(?:않은|못한)")
# "목표 대비 몇 명이 모자라요", "목표까지 몇 개가 더 필요해요", "목표에 몇 개 못 미쳐요", "아직 몇 개를 못 채웠어요",
# "목표 인원보다 실제로 몇 명 더 지원했어요": the gap between one entity's target and its result (목표 − 실적)
_TARGET_GAP = re.compile(r"(?:목표|계획)\S{0,6}\s*(?:대비|보다|까지|에|중)?\s*(?:[^\s?]+\s*){0,6}?"
                         r"(?:모자라|모자란|부족|못\s*(?:채|미치|미쳐|미친|미달)|미달|더\s*(?:필요|채워야|만들어야|지원했|많|넘)|초과|넘었|남았|남은)")
_DIMENSIONS: tuple[tuple[str, str], ...] = (
    ("office", r"실\s*·?\s*국|실국별|부서별"),
    ("unit_program", r"단위\s*사업"),
    ("type", r"유형"),
    ("program", r"사업\s*(?:중|별|들|은|이|가)|주요\s*업무|신규\s*사업|중점\s*사업|어느\s*사업|어떤\s*사업|사업은\?"),
)
_CITY = re.compile(r"서울시\s*(?:의\s*)?(?:전체|총|일자리\s*(?:예산\s*)?전체)|(?:서울시|시)\s*전체|전체\s*서울|서울시.*(?:전체|총계)")
# Words of a program name that say nothing about which program it is.
_GENERIC_HEAD = re.compile(r"^(?:서울시|서울형|서울|영등포구?)")
_GENERIC_TAIL = re.compile(r"(?:사업지원|지원사업|운영\s*확대|운영|지원|사업|추진|확대|강화|활성화|제공|선정·지원|조성·운영)$")


_GENERIC_WORD = re.compile(r"^(?:일자리|공공일자리|지원사업|사업지원|활성화|운영확대|일자리사업|서울시|서울형|영등포구?)$|^\d")


@dataclass
class Mention:
    kind: str  # "office" | "label" | "program" | "meeting"
    name: str  # the entity as facts know it (office name, subject, meeting)
    at: int  # position in the question, to keep "A와 B" order


@dataclass
class Intent:
    text: str
    op: str  # "lookup" | "max" | "min" | "diff" | "sum" | "rank"
    metrics: list[str]
    dimension: str = ""
    mentions: list[Mention] = field(default_factory=list)
    doc_hint: str = ""  # "ydp" | "seoul" | ""
    city: bool = False
    meetings: list[str] = field(default_factory=list)
    period: str = ""  # "2021" when the question names ’21년 and a table has year columns
    periods: list[str] = field(default_factory=list)  # every year named ("2019년에서 2020년 사이")
    month: str = ""  # "05" when the question dates itself ("5월말 기준")
    reference: float | None = None  # a number the question compares against ("(70.7%)보다")
    count: int = 0  # how many entities the question says it means ("두 실국", "4개 실국")
    department: bool = False  # 영등포구 일자리정책과 as a whole
    excluded: list[Mention] = field(default_factory=list)  # set aside by "말고/빼고/다음으로": the rest of their group is compared
    aside: tuple[str, ...] = ()  # the set-aside names as written ("일반형"), also when no entity is known by them

    def named(self, kind: str) -> list[str]:
        return [m.name for m in sorted(self.mentions, key=lambda m: m.at) if m.kind == kind]


def program_aliases(name: str) -> set[str]:
    """'서울시 안심귀가스카우트 운영' → {'서울시안심귀가스카우트운영', '안심귀가스카우트'}."""
    plain = squash(re.sub(r"\([^)]*\)", "", name))
    core = _GENERIC_TAIL.sub("", _GENERIC_HEAD.sub("", plain))
    core = _GENERIC_TAIL.sub("", core)
    aliases = {squash(name), plain}
    if len(core) >= 4:
        aliases.add(core)
    first = squash(re.split(r"\s및\s", re.sub(r"\([^)]*\)", "", name))[0]) if " 및 " in name else ""
    if len(first) >= 5:
        aliases.add(first)  # "어르신 일자리 및 사회활동지원" is asked as "어르신 일자리"
    return {a for a in aliases if len(a) >= 3}


class EntityVocabulary:
    """Names the facts know, for spotting them in questions."""

    def __init__(self, facts: list[Fact]) -> None:
        self.offices = sorted({f.office for f in facts if f.office}, key=len, reverse=True)
        # Only scope, office and subject matter here: each distinct triple once, in first-seen order
        # (the order ties are kept in below), instead of once per fact (60,000 facts at 100×).
        named = list(dict.fromkeys((f.scope, f.office, f.subject) for f in facts))
        names: dict[str, set[str]] = {}  # alias → subjects
        for scope, office, fact_subject in named:
            if scope in ("office", "city", "department"):
                continue
            subject = fact_subject.removeprefix(f"{office} ") if scope == "office_type" else fact_subject
            keys = program_aliases(subject) if scope == "program" else {squash(subject)}
            for key in keys:
                if len(key) >= 3 and not key.isdigit():
                    names.setdefault(key, set()).add(subject)
        # A word only one program's name has ("아이돌보미", "안심귀가스카우트") names that program.
        words: dict[str, set[str]] = {}
        for scope, _, fact_subject in named:
            if scope == "program":
                for w in re.findall(r"[가-힣A-Za-z0-9]{4,}", re.sub(r"\([^)]*\)", "", fact_subject)):
                    if not _GENERIC_WORD.search(w):
                        words.setdefault(w, set()).add(fact_subject)
        for w, subjects in words.items():
            if len(subjects) == 1 and w not in names:
                names[w] = subjects
        self.names = dict(sorted(names.items(), key=lambda kv: len(kv[0]), reverse=True))
        self.fragments = _program_fragments([sub for scope, _, sub in named if scope == "program"])

    def mentions(self, question: str) -> list[Mention]:
        q = squash(question)
        found: list[Mention] = []
        covered: list[tuple[int, int]] = []

        def free(a: int, b: int) -> bool:
            return not any(x < b and a < y for x, y in covered)

        for office in self.offices:
            for alias in {office, office[:-1] if len(office) >= 5 else office}:
                if (at := q.find(alias)) >= 0 and free(at, at + len(alias)):
                    found.append(Mention("office", office, at))
                    covered.append((at, at + len(alias)))
                    break
        for alias, subjects in self.names.items():
            at = q.find(alias)
            if at >= 0 and free(at, at + len(alias)):
                covered.append((at, at + len(alias)))
                for subject in sorted(subjects):
                    found.append(Mention("label", subject, at))
        if not any(m.kind == "label" for m in found):
            found += self._fragment_mentions(question, free)
        return found

    def _fragment_mentions(self, question: str, free) -> list[Mention]:
        """"노숙인·쪽방주민 일자리", "신중년 사회공헌 일자리": the question says a program in its own words; a run
        of its name's syllables from a word start (3 or more, not generic) that no other program has names it.
        Longest first."""
        plain, starts = _word_starts(question)
        at = _positions_in(plain, squash(question))  # `free` and Mention.at count in the squashed question
        spans = sorted(((a, b) for a in starts for b in range(len(plain), a + FRAGMENT_MIN - 1, -1)),
                       key=lambda ab: ab[0] - ab[1])
        out: list[Mention] = []
        named: set[str] = set()
        for a, b in spans:
            subject = self.fragments.get(plain[a:b])
            if subject and subject not in named and free(at[a], at[b - 1] + 1):
                named.add(subject)
                out.append(Mention("label", subject, at[a]))
        return out


# A program named by part of its name: at least this many syllables once generic words are removed
# (3: "노숙인", "아이돌봄"; 2 would let "청년", "여성" name a single program).
FRAGMENT_MIN = 3
_NAME_MARKS = re.compile(r"[\s·⋅ㆍ・()（）\[\]'’‘\"“”,]")
_GENERIC_PARTS = re.compile(r"일자리|지원사업|사업|지원|운영|추진|확대|강화|활성화|제공|서울시|서울형|서울|영등포구?|공모|고용노동부|보건복지부")


def _word_starts(text: str) -> tuple[str, list[int]]:
    """The text without spaces and marks, and where each of its words starts in it."""
    plain, starts = "", []
    for word in re.split(r"[\s·⋅ㆍ・]+", re.sub(r"\([^)]*\)", " ", text)):
        word = _NAME_MARKS.sub("", word)
        if word:
            starts.append(len(plain))
            plain += word
    return plain, starts


def _positions_in(plain: str, squashed: str) -> list[int]:
    """Where each character of `plain` (the squashed text without its marks and bracketed words, so a
    subsequence of it) sits in `squashed`, matched left to right."""
    out, j = [], 0
    for ch in plain:
        while squashed[j] != ch:
            j += 1
        out.append(j)
        j += 1
    return out


def _program_fragments(subjects: list[str]) -> dict[str, str]:
    """Each run of a program name's syllables, from a word start, that only that program has → the program."""
    owners: dict[str, set[str]] = {}
    for subject in dict.fromkeys(subjects):
        plain, starts = _word_starts(subject)
        for a in starts:
            for b in range(a + FRAGMENT_MIN, len(plain) + 1):
                piece = plain[a:b]
                if len(_GENERIC_PARTS.sub("", piece)) >= FRAGMENT_MIN and not piece.isdigit():
                    owners.setdefault(piece, set()).add(subject)
    return {piece: next(iter(subs)) for piece, subs in owners.items() if len(subs) == 1}


_COUNT_WORDS = {"두": 2, "세": 3, "네": 4, "다섯": 5, "여섯": 6}


def _count(q: str) -> int:
    m = re.search(r"(두|세|네|다섯|여섯|\d+)\s*(?:개\s*)?(?:실\s*·?\s*국|곳|단위\s*사업|사업|유형|부서)", q)
    if not m:
        return 0
    word = m.group(1)
    return int(word) if word.isdigit() else _COUNT_WORDS[word]


def parse_intent(question: str, vocabulary: EntityVocabulary) -> Intent:
    q = question
    op, op_at = "lookup", len(q)
    for name, pattern in _OPS:
        if m := re.search(pattern, q):
            op, op_at = name, m.start()
            break
    mentioned = metric_mentions(q)
    if _UNSPENT.search(q):
        op, mentioned = "diff", [(0, "예산액"), (1, "집행액")]
    elif op not in ("max", "min", "rank") and _TARGET_GAP.search(q):
        op, mentioned = "diff", [(0, "목표"), (1, "실적")]
    if op == "diff" and mentioned and mentioned[0][1] == "증감":
        op = "lookup"  # "’20년 대비 얼마 늘었어?": the report states the change itself
    if op in ("max", "min", "rank", "above", "below") and len(mentioned) > 1:
        # "유형별 실적에서 달성률이 가장 낮은": the metric right before the operation is compared
        before = [pm for pm in mentioned if pm[0] < op_at]
        if before:
            mentioned.remove(before[-1])
            mentioned.insert(0, before[-1])
    dimension = next((d for d, p in _DIMENSIONS if re.search(p, q)), "")
    meetings = named_meetings(q)
    mentions = vocabulary.mentions(q)
    excluded: list[Mention] = []
    aside = excluded_names(q) if op in ("max", "min", "rank") else None
    if aside is not None:
        # a mention's position counts the question's characters without whitespace
        start, end = (len(re.sub(r"\s", "", q[:i])) for i in (aside.start, aside.end))
        excluded = [m for m in mentions if start <= m.at < end]
        mentions = [m for m in mentions if m not in excluded]
    names_office = any(m.kind == "office" for m in mentions)
    doc_hint = ("" if names_office else "ydp") if "영등포" in q else "seoul" if re.search(r"서울|실국|실·국", q) else ""
    # "’20년 대비" names the base of a change, not the year asked about
    years = list(dict.fromkeys(re.findall(r"[’‘']?(?:20)?(\d\d)\s*년(?!\s*(?:본예산\s*)?대비)", q)))
    return Intent(
        text=q,
        op=op,
        count=_count(q),
        reference=float(r.group(1).replace(",", "")) if (r := re.search(r"(\d[\d,]*(?:\.\d+)?)\s*%?\s*\)?\s*보다", q)) else None,
        metrics=[metric for _, metric in mentioned],
        dimension=dimension,
        mentions=mentions,
        department=bool(re.search(r"일자리정책과|영등포구?\s*전체", q)),
        excluded=excluded,
        aside=aside.names if aside else (),
        doc_hint=doc_hint,
        city=bool(_CITY.search(q) or "서울시" in q),
        meetings=list(dict.fromkeys(meetings)),
        period=f"20{years[0]}" if len(years) == 1 else "",
        periods=[f"20{y}" for y in years],
        month=f"{int(m.group(1)):02d}" if (m := re.search(r"(?<![\d.])(\d{1,2})\s*월\s*(?:말|기준|까지|현재)", q)) else "",
    )
