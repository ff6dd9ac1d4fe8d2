"""Numbers people say about themselves in Korean: ages in native words ("마흔다섯", "쉰다섯 살"),
birth years ("99년생"), stated ages ("나이는 58이고", "할머니(63)예요"), school years ("고3"), money
amounts ("2억 5천만원", "1억 5천"), years of work ("25년 일했어요", "20년 다니다가"); and the
predicates of a sentence read from its morphemes ("그만뒀는데" → 그만두다, past; "일하고 싶은데" →
일하다, wished), so status words are matched by lemma whatever their ending.

Each finder returns the span it read, so a caller can tell the facts from the rest of the sentence.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

_TENS = {"열": 10, "스무": 20, "스물": 20, "서른": 30, "마흔": 40, "쉰": 50, "예순": 60, "일흔": 70, "여든": 80, "아흔": 90}
# Units before 살 take their short form ("한 살", "두 살"); said alone they are the long one ("마흔둘").
_UNITS_SHORT = {"한": 1, "두": 2, "세": 3, "네": 4}
_UNITS = {"하나": 1, "둘": 2, "셋": 3, "넷": 4, "다섯": 5, "여섯": 6, "일곱": 7, "여덟": 8, "아홉": 9}
_NATIVE = re.compile(
    rf"(?<![가-힣])({'|'.join(_TENS)})\s*(?:({'|'.join(_UNITS)})|({'|'.join(_UNITS_SHORT)})(?=\s*살))?"
    # "마흔여덟에 퇴직했어요": the age at which something happened, said with 에.
    # Honorific copulas say it of someone else ("연세가 일흔둘이신데", "예순아홉이세요"); "이야" is casual;
    # "마흔 된" / "마흔이 됐어요" is the age one has just reached.
    r"(?=\s*살|\s*(?:이고|이에요|이예요|예요|에요|입니다|인데|이며|이라|이지만|이야|이신|이세요|이시고|이십니다|"
    r"이셔|에\s|,|\.|\s|$"
    # spoken endings: "서른아홉이죠", "쉰여섯이거든요", "서른넷인디", "예순하나고" (a vowel-final number takes 고)
    r"|이죠|죠|이거든|거든|인디|이라서|라서|이니까|니까|인가|이래요|래요|이네요|네요|고(?=\s|,|$)"
    # the age just reached: "지난주에 만 마흔이 됐어요", "올해 예순여섯이 되셨어요"
    r"|이\s*(?:됐|되었|되셨|된|돼|되니|되는|되고|되면|되어)))"
)
# Sino-Korean ages said in words ("만 오십", "육십 세"): tens 이십…구십 with an optional unit.
_SINO_TENS = {"이십": 20, "삼십": 30, "사십": 40, "오십": 50, "육십": 60, "칠십": 70, "팔십": 80, "구십": 90}
_SINO_UNITS = {"일": 1, "이": 2, "삼": 3, "사": 4, "오": 5, "육": 6, "칠": 7, "팔": 8, "구": 9}
_SINO = re.compile(rf"(?<![가-힣])({'|'.join(_SINO_TENS)})({'|'.join(_SINO_UNITS)})?"
                   r"(?=\s*(?:살|세)|\s*(?:이고|이에요|이예요|예요|에요|입니다|인데|이죠|이거든|,|\.|\s*$))")
# Birthdays that name an age: 환갑·회갑 (60), 진갑 (61), 칠순·고희 (70), 팔순 (80), said as one's own
# ("올해 환갑 맞은", "칠순이세요"), not as a rule ("환갑 넘으면").
_MILESTONES = {"환갑": 60, "회갑": 60, "진갑": 61, "칠순": 70, "고희": 70, "팔순": 80}
_MILESTONE = re.compile(rf"(?<![가-힣])({'|'.join(_MILESTONES)})(?=\s*(?:을\s*)?(?:맞|이에요|이고|인데|인\s|이세요|이신|이십|이라|예요|입니다|이야|이지만))")
# "고3" = the final year of high school: 만 17~18세 in the year of asking. "중2" = 만 13~14세.
_SCHOOL = re.compile(r"(?<![가-힣])(고|중)\s*([123])(?!\d)|(고등학생|중학생|고교생)")
_SCHOOL_AGE = {"고": 15, "중": 12}  # 만 age at the start of year 1 (고1 ≈ 15~16, 중1 ≈ 12~13)
_MONEY_UNIT = {"억": 100_000_000, "천만": 10_000_000, "백만": 1_000_000, "만": 10_000, "천": 1_000}
_AMOUNT = re.compile(r"(\d[\d,]*(?:\.\d+)?)\s*(억|천만|백만|만|천)?")
# Years of work: "경력 25년", "경력은 통틀어 2년", or N년 followed by a verb of working in any ending
# (일했/일하다가, 근무, 다녔/다니다가, 복무, 재직, 종사) or by a bare 하다 whose object came before
# ("영업 일을 25년 했어요", "경비를 20년 하다가"). "25년 동안 살림만 했어요" has a noun in between, so
# it is not read as work.
_EXPERIENCE = re.compile(
    r"경력(?:은|이)?\s*(?:[가-힣]{1,4}\s+)?(?:한\s*)?(\d{1,2})\s*년|"
    # "직장 생활은 2년 정도밖에": a working life of N years
    r"(?:직장|회사|사회)\s*생활(?:은|을|이)?\s*(\d{1,2})\s*년|"
    r"(\d{1,2})\s*년\s*(?:동안|간|넘게|정도|가까이|이상)?\s*(?:밖에\s*(?:안\s*)?)?"
    # One noun may stand between: the job or the place ("30년 공무원 하다", "30년 교직에 계시다"), but not
    # homemaking or a word with 만 ("25년 동안 살림만 했어요" is not work).
    r"(?:(?!살림|육아|집안일|간병|공부)[가-힣]{1,5}(?<!만)(?:으로|로|에서|에)?\s+)?"
    r"(?:일하|일했|일한|근무|다니|다녔|다닌|복무|재직|종사|계시|계셨|했|하다|하고|하였)"
)
# "99년생", "1972년생": a birth year (two digits are 19xx unless that would make a future year).
# Also with the month ("1961년 5월생") and by the zodiac year ("58년 개띠": born in 1958).
_BIRTH_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2}|\d{2})\s*년\s*(?:\d{1,2}\s*월\s*(?:\d{1,2}\s*일\s*)?)?생"
                         r"|(?<!\d)((?:19|20)\d{2})\s*년(?:도)?\s*(?:에\s*)?(?:태어|출생)"
                         r"|(?<![\d.])((?:19)?\d{2})\s*년\s*(?:쥐|소|범|호랑이|토끼|용|뱀|말|양|원숭이|닭|개|돼지)\s*띠")
# An age said as a bare number: "나이는 58이고", "할머니(63)예요", "아들(23살)", "I'm 33".
_STATED_AGE = re.compile(
    r"나이(?:는|가|요)?\s*(?:만\s*)?(\d{1,3})(?![\d.%])(?!\s*(?:년|개월|%|세|살|만|천|억|명|시간))|"
    r"(?<=[가-힣])\(\s*(?:만\s*)?(\d{1,3})\s*(?:세|살)?\s*\)|"
    r"(?<![A-Za-z])I\s*(?:'|’)?\s*(?:m|am)\s+(\d{1,3})(?!\d)"
)


@dataclass(frozen=True)
class Found:
    start: int
    end: int
    low: int
    high: int


def native_age(text: str) -> Found | None:
    """'마흔다섯이고' → 45, '스물다섯 살' → 25, '열일곱 살' → 17; a bare '열' or '세' is not an age."""
    for m in _NATIVE.finditer(text):
        tens = _TENS[m.group(1)]
        unit = _UNITS.get(m.group(2) or "", 0) or _UNITS_SHORT.get(m.group(3) or "", 0)
        said_sal = bool(re.match(r"\s*살", text[m.end():]))
        if tens == 10 and not unit:
            continue  # "열" alone: a word, not an age
        if not unit and not said_sal and m.group(1) in ("스무",):
            continue
        if not said_sal and not unit and tens < 40:
            continue  # "서른" alone is usually an age, but "열"/"스물" are words too often: ask for 살
        return Found(m.start(), m.end(), tens + unit, tens + unit)
    return None


def sino_age(text: str) -> Found | None:
    """'딱 만 오십, 여자예요' → 50, '육십이 세' → 62 (the tens alone or with a unit, said as an age)."""
    m = _SINO.search(text)
    if not m:
        return None
    n = _SINO_TENS[m.group(1)] + _SINO_UNITS.get(m.group(2) or "", 0)
    return Found(m.start(), m.end(), n, n)


# "환갑 지난 지 2년": the birthday and the years since.
_MILESTONE_SINCE = re.compile(rf"(?<![가-힣])({'|'.join(_MILESTONES)})\s*(?:이|을|가)?\s*(?:지난|넘은|지나고)\s*지\s*(\d{{1,2}})\s*년")


def milestone_age(text: str) -> Found | None:
    """'올해 환갑 맞은' → 60, '칠순이세요' → 70, '환갑 지난 지 2년' → 62."""
    if m := _MILESTONE_SINCE.search(text):
        n = _MILESTONES[m.group(1)] + int(m.group(2))
        return Found(m.start(), m.end(), n, n)
    m = _MILESTONE.search(text)
    if not m:
        return None
    n = _MILESTONES[m.group(1)]
    return Found(m.start(), m.end(), n, n)


def school_age(text: str) -> Found | None:
    """'고3' → 17~18, '중학생' → 12~15, '고등학생' → 15~18; '고2 때 자퇴했고' is a past year, not an age."""
    m = next((m for m in _SCHOOL.finditer(text) if not re.match(r"\s*(?:때|시절|까지|이었|였)", text[m.end():])), None)
    if not m:
        return None
    if m.group(3):
        lo = 12 if m.group(3) == "중학생" else 15
        return Found(m.start(), m.end(), lo, lo + 3)
    base = _SCHOOL_AGE[m.group(1)] + int(m.group(2)) - 1
    return Found(m.start(), m.end(), base, base + 1)


def amount_won(text: str) -> int | None:
    """'2억 5천만원' → 250,000,000; '1억 5천' → 150,000,000 (천 after 억 means 천만); '5천만원' → 50,000,000."""
    total, seen_eok = 0, False
    for m in _AMOUNT.finditer(text):
        number = float(m.group(1).replace(",", ""))
        unit = m.group(2)
        if unit is None:
            if total:
                break
            return int(number) if number >= 10_000 else None
        if unit == "천" and (seen_eok or not re.match(r"\s*(?:원|만)", text[m.end():])):
            unit = "천만"  # "1억 5천", and in speech "보증금 2천" (2천만원): a bare 천 of an amount is 천만
        seen_eok = seen_eok or unit == "억"
        total += int(number * _MONEY_UNIT[unit])
    return total or None


def experience_years(text: str) -> Found | None:
    """'회사에서 25년 일했어요' → 25, '경력은 1년 조금 넘고' → 1; '퇴직한 지 2년' is not experience."""
    for m in _EXPERIENCE.finditer(text):
        if re.search(r"(?:한|된)\s*지\s*$", text[max(0, m.start() - 5) : m.start()]):
            continue
        n = int(next(g for g in m.groups() if g))
        return Found(m.start(), m.end(), n, n)
    return None


def birth_year_age(text: str, this_year: int) -> Found | None:
    """'99년생' → 26~27 in 2026 (before or after this year's birthday); '1972년생' → 53~54."""
    m = _BIRTH_YEAR.search(text)
    if not m:
        return None
    year = int(next(g for g in m.groups() if g))
    if year < 100:
        year += 2000 if 2000 + year <= this_year else 1900
    age = this_year - year
    if not 0 < age <= 110:
        return None
    return Found(m.start(), m.end(), age - 1, age)


def stated_age(text: str) -> Found | None:
    """'나이는 58이고' → 58, '할머니(63)예요' → 63, "I'm 33" → 33; '나이는 30년 …' is not an age."""
    for m in _STATED_AGE.finditer(text):
        n = int(next(g for g in m.groups() if g))
        if 10 <= n <= 110:
            return Found(m.start(), m.end(), n, n)
    return None


# ---- predicates from morphemes ----------------------------------------------------------------


@dataclass(frozen=True)
class Morph:
    """One morpheme as an analyzer gives it (Kiwi's form, tag, character span): the caller passes
    them in, so this module stays free of the analyzer."""

    form: str
    tag: str
    start: int
    end: int


@dataclass(frozen=True)
class Predicate:
    """A verb or adjective of the sentence, by lemma, with what its endings say about it."""

    lemma: str  # "그만두다", "일하다" (일 + 하다), "취업하다" ("취업을 못 해서" too), "없다"
    noun: str | None  # the nearest noun before it in its phrase ("회사", "일", "집")
    start: int  # from that noun (or the verb) …
    end: int  # … to the end of the verb's endings
    head: int  # where the verb (or its verbal noun, "퇴직" of 퇴직하다) starts
    negated: bool  # 안/못 before it, or -지 않/못 after it
    wished: bool  # -고 싶다, -려고, -고자: wanted or intended ("일하고 싶은데", "취업하려고요")
    ongoing: bool  # -고 있다 ("쉬고 있어요")
    past: bool  # -었/았/였- ("퇴직했어요")
    case: str | None = None  # the particle right after the noun ("집에만 있는데" → "에", "집이 있어도" → "이")
    endings: tuple[str, ...] = ()  # the forms of its endings ("취업해서" → ("어서",), "일하는" → ("는",))
    since: bool = False  # -ㄴ 지 ("창업한 지 3년", "연 지 2년"): done, and time has passed since


# Light verbs that take their meaning from the noun before them ("취업을 못 하다" → 취업하다).
_LIGHT_VERBS = {"하", "되"}
# What may stand between a noun and its verb: particles, adverbs, determiners ("일을 다시 좀 하고").
_BETWEEN_TAGS = {"JKO", "JKS", "JKB", "JKC", "JX", "MAG", "MM", "XSN"}
# Endings and auxiliaries that belong to the verb ("했었는데", "해 보고 싶어요", "쉬고 있어요").
_ENDING_TAGS = {"EC", "EP", "EF", "ETM", "ETN", "VX", "JX"}
# -려면 ("신청하려면") is an intention too; a profile needs another fact besides (eligibility.profile).
_WISH_ENDINGS = {"려고", "으려고", "려", "으려", "려면", "으려면", "고자", "ᆯ려고", "을려고", "ᆯ래", "을래"}
_NEGATORS = {"안", "못"}
_MAX_BETWEEN = 3  # morphemes between a noun and its verb (particle, adverb, adverb)


def _tag(m: Morph) -> str:
    return m.tag.split("-")[0]


def predicates(morphs: list[Morph] | tuple[Morph, ...]) -> list[Predicate]:
    """The predicates of a text analysed into morphemes, with lemma, negation, wish and tense."""
    out: list[Predicate] = []
    n = len(morphs)
    for i, m in enumerate(morphs):
        tag = _tag(m)
        if tag not in ("VV", "VA", "XSV", "XSA"):
            continue
        verbal_noun = tag in ("XSV", "XSA")  # "참여하고": the noun before 참여 is the object
        if verbal_noun and not (i and _tag(morphs[i - 1]) in ("NNG", "NNP")):
            continue
        noun, start, negated, case = None, morphs[i - 1].start if verbal_noun else m.start, False, None
        j, steps = (i - 2, 0) if verbal_noun else (i - 1, 0)
        while j >= 0 and steps <= _MAX_BETWEEN:
            t = morphs[j]
            tt = _tag(t)
            if tt in ("NNG", "NNP"):
                noun, start = t.form, t.start
                after = morphs[j + 1] if j + 1 < i else None
                case = after.form if after is not None and _tag(after).startswith("J") else None
                break
            if tt not in _BETWEEN_TAGS:
                break
            negated = negated or (tt == "MAG" and t.form in _NEGATORS)
            j, steps = j - 1, steps + 1
        if verbal_noun:
            lemma = morphs[i - 1].form + m.form + "다"
        elif m.form in _LIGHT_VERBS and noun:
            lemma = noun + m.form + "다"
        else:
            lemma = m.form + "다"
        wished = ongoing = past = False
        k = i + 1
        forms: list[str] = []
        while k < n and _tag(morphs[k]) in _ENDING_TAGS:
            t, tt = morphs[k], _tag(morphs[k])
            forms.append(t.form)
            if tt == "EP" and t.form in ("었", "았", "였"):
                past = True
            elif tt == "VX" and t.form == "싶":
                wished = True
            elif tt == "VX" and t.form in ("않", "못"):
                negated = True
            elif tt == "VX" and t.form in ("있", "계시") and morphs[k - 1].form == "고":
                ongoing = True
            elif tt in ("EC", "EF") and (t.form in _WISH_ENDINGS or t.form in ("려고요", "으려고요")):  # "하려고요"
                wished = True
            k += 1
            if tt == "EF":
                break
        head = morphs[i - 1].start if verbal_noun else m.start
        end = morphs[k - 1].end
        since = False
        if k < n and morphs[k].form == "지" and _tag(morphs[k]) == "NNB" and forms and forms[-1] in ("ᆫ", "은", "ㄴ"):
            since = True  # "그만둔 지", "연 지 2년"
        # "-ㄴ 적(이) 없다": never done ("일해 본 적이 없어요" is not having worked).
        j = k
        if j < n and morphs[j].form == "적" and _tag(morphs[j]) == "NNB":
            j += 1
            while j < n and _tag(morphs[j]).startswith("J"):
                j += 1
            if j < n and morphs[j].form == "없" and _tag(morphs[j]) == "VA":
                negated, end = True, morphs[j].end
        out.append(Predicate(lemma, noun, start, end, head, negated, wished, ongoing, past, case, tuple(forms), since))
    return out
