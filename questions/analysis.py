"""What a question asks for: its content terms and the kind of fact expected (figure, rate, …)."""
from __future__ import annotations

import re
from dataclasses import dataclass

from retrieval.korean_tokens import tokenize
from retrieval.synonyms import expand

# Words that say *what kind* of answer is wanted, not *what about*.
QUESTION_WORDS = {
    "무엇", "뭐", "얼마", "얼마나", "언제", "어디", "누구", "몇", "어떤", "어떻", "어느", "알리", "알려주",
    "주", "있", "없", "되", "하", "가능", "궁금", "말하", "경우", "그럼", "그러면", "그리고", "해당", "관련",
    "대해", "무슨", "건가", "인가", "이다", "같", "가지", "싶", "지금", "요",
    # Nouns that frame a question rather than name its subject.
    "이름", "날짜", "며칠", "차이", "비교", "금액", "하루", "처음", "당시", "정도", "분들", "사람들", "요약",
    "보유", "횟수", "요일", "누적", "사이", "내용", "방법", "종류", "설명", "정보", "현황", "어디어디", "누구누구",
    "얼마큼", "전부", "모두", "각각", "총몇개", "몇개", "몇명", "기준", "보고상", "제일", "가장", "순위",
    # Nouns about the figure itself ("어떻게 나온 숫자야?", "어느 기준으로 집계한 거야?"), and a person's origin.
    "수치", "숫자", "집계", "계산", "산정", "산출", "출신",
}

KINDS: dict[str, tuple[str, ...]] = {
    "rate": ("달성률", "집행률", "집행율", "비율", "퍼센트", "취업률", "고용률", "만족도", "%", "률"),
    "money": ("예산", "집행액", "금액", "얼마", "사업비", "비용", "지원금", "시급", "임금", "급여", "월급",
              "활동비", "인건비", "수당", "지원액", "만원", "천원", "억원"),
    "count": ("몇 명", "몇명", "몇 개", "몇개", "인원", "목표", "실적", "규모", "개수", "명수", "몇 곳", "개소",
              "몇 팀", "몇 회", "몇 건", "몇 가구", "수는", "수가"),
    "date": ("언제", "일시", "날짜", "기간", "몇 월", "며칠", "시기", "일정"),
    "age": ("나이", "몇 살", "몇살", "연령", "세 이상", "세이상"),
    "place": ("어디", "장소", "위치", "주소", "소재"),
    "person": ("누구", "위원장", "부위원장", "의원", "성명", "이름", "위원"),
    "target": ("대상", "자격", "참여할 수", "신청할 수", "지원할 수", "받을 수", "요건", "조건", "누가"),
    "yesno": ("가능한가", "가능할까", "가능해", "있나요", "되나요", "할 수 있", "수 있을까", "맞나요", "인가요"),
}

VALUE_PATTERNS: dict[str, re.Pattern[str]] = {
    # "30.8%", "30.8％", "3 퍼센트", and a fraction in words as laws write it ("100분의 3")
    "rate": re.compile(r"\d+(?:\.\d+)?\s*(?:%|％|퍼센트|프로(?![가-힣]))|\d+\s*분의\s*\d+"),
    # won, and the other currencies reports print ("141.9억 달러", "5만 유로", "$1.2")
    "money": re.compile(r"\d[\d,]*(?:\.\d+)?\s*(?:조\s*\d[\d,]*\s*)?(?:억\s*원|억원|백만\s*원|백만원|천원|만원|원)"
                       # Korean units in any chain before 원: "2조원", "5천만원", "1조 2천억원", "3억 5천만 원"
                       r"|\d[\d,]*(?:\.\d+)?\s*[조억만천백십]+(?:\s*\d[\d,]*(?:\.\d+)?\s*[조억만천백십]+)*\s*원"
                       r"|\d[\d,]*(?:\.\d+)?\s*(?:조|억|천만|백만|만|천)?\s*(?:달러|불|유로|엔|위안|파운드)|(?:US)?\$\s*\d"),
    "count": re.compile(r"\d[\d,]*\s*(?:명|개소|개사|개|건|팀|회|가구|호)"),
    "date": re.compile(r"\d{4}\s*년\s*\d{1,2}\s*월|\d{4}\.\s*\d{1,2}\.|[’‘']\d\d\.\s*\d{1,2}|\d{1,2}\s*월|\d{1,2}\s*[~∼]\s*\d{1,2}\s*월"),
    "age": re.compile(r"만\s*\d+\s*세|\d+\s*[~∼-]\s*\d+\s*세|\d+\s*세"),
    "time": re.compile(r"\d{1,2}\s*:\s*\d{2}|\d{1,2}\s*시(?!간|비|민|설|행|범|스템|장)"),  # a clock time
    "duration": re.compile(r"\d+\s*(?:개월|년간|년|주|일|시간|분)|[한두세네]\s*(?:달|해)"),
    # an address, a floor, and a cell of a place column ("선거구 서대문3", "소재지 : 당진시", kotext/word_tables.py)
    "place": re.compile(r"[가-힣]+(?:로|길)\s*\d+|[가-힣]+구\s+[가-힣]+(?:동|로)|회의실|\d+층"
                        r"|(?:선거구|지역구|주소|소재지|위치)\s*[:：]?\s*[가-힣]{2}"),
    # "이준형 의원", a spaced-out name, and a roster's name cell ("성명 김경우", kotext/word_tables.py)
    "person": re.compile(r"[가-힣]{2,4}\s*(?:의원|위원장)|[가-힣]\s[가-힣]\s[가-힣]|(?:성명|이름)\s[가-힣]{2,4}(?![가-힣])"),
    "target": re.compile(r"\d+\s*세|청년|여성|장애인|어르신|구직자|구민|시민|거주|소재|기업|수급자|실업|퇴직자|노숙인|주민|누구나"),
}

# What a question asks about → the item labels in the reports that state it ("○ 지원대상 : …").
INTENT_LABELS: dict[str, tuple[tuple[str, ...], re.Pattern[str]]] = {
    "target": (("대상", "자격", "누가", "조건", "요건", "참여할 수", "신청할 수", "지원할 수", "나이 제한", "몇 살", "몇살", "연령"),
               re.compile(r"대상|요건|조건|자격|선정기준|선발")),
    "operator": (("운영해", "운영하", "운영 주체", "운영기관", "수탁", "위탁", "수행기관", "누가 운영", "맡", "운영사"),
                 re.compile(r"추진방법|운영방법|운영방식|사업수행|수탁|위탁|추진기관|수행기관|운영기관|추진체계")),
    "money": (("예산", "얼마", "사업비", "비용", "돈", "금액"), re.compile(r"예산|사업비|지원액|금액|비용")),
    "wage": (("월급", "급여", "임금", "시급", "활동비", "받아", "받나", "받을", "수당", "인건비"),
             re.compile(r"임금|시급|활동비|인건비|지원내용|수당|처우|인턴임금")),
    "date": (("언제", "기간", "일시", "시기", "일정", "날짜"), re.compile(r"기간|일시|시기|일정|활동기간")),
    "place": (("어디", "위치", "주소", "장소"), re.compile(r"위치|장소|주소|소재|조성위치")),
    "hours": (("근무시간", "몇 시간", "몇시간", "활동시간", "근로시간", "하루"), re.compile(r"근무시간|활동시간|근로시간|활동조건|지원시간")),
    # "어떤 경우에 보내주는 거야?": the occasion a program applies to ("지원시기 : 보수교육, 휴가 … 발생시")
    "occasion": (("어떤 경우", "무슨 경우", "어느 경우", "경우에"), re.compile(r"시기|경우|사유|요건|조건")),
    "content": (("내용", "뭘 지원", "무엇을 지원", "어떤 지원", "무슨 지원", "뭐 해줘", "혜택"), re.compile(r"지원내용|사업내용|주요내용|운영내용")),
}

# "무엇을 기준으로 센 숫자야?", "어떻게 나온 거야?", "왜 …?": the explanation written beside a figure.
BASIS_QUESTION = re.compile(r"기준으로|무슨\s*기준|어떤\s*기준|어느\s*\S*\s*기준|근거|산정|어떻게\s*(?:나온|정해|정한|센|계산|집계|산출)")
WHY_QUESTION = re.compile(r"왜|이유|원인|때문")

METRIC_WORDS = ("달성률", "집행률", "집행율", "예산액", "집행액", "예산", "목표", "실적", "취업률", "인원", "집행")


@dataclass(frozen=True)
class QuestionAnalysis:
    text: str
    terms: tuple[str, ...]  # content tokens (Kiwi), question words removed
    kinds: tuple[str, ...]  # fact kinds asked for, most specific first
    metrics: tuple[str, ...]  # table column words named in the question
    years: tuple[str, ...]  # two-digit years named ("21" for 2021 / ’21)
    intents: tuple[str, ...] = ()  # label families the question asks about (INTENT_LABELS)
    expanded: tuple[str, ...] = ()  # terms plus everyday-word synonyms, for lexical search
    # The terms that say what is asked or which thing it is about: each clause's last content term
    # ("수강료는 얼마예요?": 수강료) and a noun naming a program ("월세 지원 사업"). A word the reports never
    # use matters there; elsewhere it is a description ("형편 어려운 집", "혼자 사는 노인").
    pivots: tuple[str, ...] = ()


# What an interrogative asks for. A clause with one of these asks for that kind; its topic nouns
# ("구직촉진수당은 몇 개월간 …": 수당) say what it is about, not what kind of value is wanted.
_INTERROGATIVES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"몇\s*(?:개월|년|주|일|시간|분)|며칠|얼마\s*(?:동안|간|나\s*오래|뒤|후|만에|있다가)"), "duration"),
    (re.compile(r"몇\s*(?:살|세)"), "age"),
    (re.compile(r"몇\s*시(?!간)"), "time"),
    (re.compile(r"몇\s*월|언제"), "date"),
    (re.compile(r"몇\s*(?:명|개(?!월)|곳|팀|회|건|가구|번|석|호|개소|개사)"), "count"),
    (re.compile(r"몇\s*(?:%|퍼센트|프로)"), "rate"),
    (re.compile(r"얼마\s*나\s*자주|몇\s*번씩"), "count"),  # a frequency: "매월 1~2회"
    (re.compile(r"얼마(?!\s*(?:동안|간|나\s*오래|뒤|후|만에|있다가|나\s*자주))"), "money"),
    (re.compile(r"어디|어느\s*(?:곳|지역|기관)"), "place"),
    (re.compile(r"누구|누가"), "person"),
)
# Every interrogative word, of a kind above or of none ("어떻게", "뭐"): how many things a question asks.
INTERROGATIVE_WORDS = re.compile(r"얼마|몇|어떻게|어떤|누가|누구|어디|언제|뭐|무엇|무슨|어느")
# Meetings a question names: "제4차", "3차 회의", "제2·3차", and lists that end in 회의 once ("2차, 3차, 4차 회의",
# "2차랑 3차 회의", "2·3·4차 회의"); "4차산업" is not a meeting.
# "제3차", "3차 회의", and a meeting said by its report alone: "3차 때", "3차 자료", "3차 보고"
_MEETING = re.compile(r"제\s*(\d)\s*(?:[·,]\s*(\d)\s*)?차|(\d)\s*(?:[·,]\s*(\d)\s*)?차\s*(?:회의|때|자료|보고)")
_MEETING_LIST = re.compile(r"\d\s*차?(?:\s*(?:[,·]|와|과|랑|이랑|하고|및)\s*\d\s*차?)+\s*회의")


def named_meetings(question: str) -> list[str]:
    """The meetings named, in order of mention, as the index names them ("제2차회의")."""
    found = [(m.start(), d) for m in _MEETING.finditer(question) for d in m.groups() if d]
    found += [(m.start() + i, d) for m in _MEETING_LIST.finditer(question) for i, d in enumerate(re.findall(r"\d", m.group(0)))]
    return list(dict.fromkeys(f"제{d}차회의" for _, d in sorted(found)))


# The interrogatives among them that ask for a value: an amount, a count, a rate, a level ("만족도는 어땠어요").
VALUE_INTERROGATIVES = re.compile(r"얼마|몇|며칠|어느\s*정도|어땠|어때")
_ANY_INTERROGATIVE = re.compile(INTERROGATIVE_WORDS.pattern + r"|왜")  # and the reason asked ("왜 예산이 없어?")


def asks_no_value(question: str) -> bool:
    """The question asks with interrogatives, none of them for a value: "왜 예산이 안 잡혀 있어?", "연금 급여에는
    어떤 것들이 있어?", "대지급금 범위를 어떻게 넓힌대?" — a value word there names the topic, not what is asked."""
    return bool(_ANY_INTERROGATIVE.search(question)) and not VALUE_INTERROGATIVES.search(question)
_CLAUSE_SPLIT = re.compile(r",|(?<=[고며])\s+(?=\S)|(?:이랑|하고|랑)\s")
# Measures "얼마" can ask about that are not money, and the cues that make it money after all.
_NON_MONEY_MEASURE = re.compile(r"면적|넓이|거리|규모|크기|무게|높이|길이|용량|인원|비율|률|율")
# "원" only as a unit of its own ("만원", "원짜리"): inside a word it is 지원, 센터원 …
_MONEY_CUES = ("예산", "사업비", "비용", "금액", "만원", "천원", "억원", "원짜리", "시급", "임금", "급여", "월급", "수당", "지원금", "인건비", "지원액", "돈", "보수", "단가")
_VALUE_ASKS = ("rate", "money", "count", "date", "age", "place", "person", "time")
# A clause that ends asking whether ("… 받을 수 있어요?", "… 되나요?").
_YESNO_END = re.compile(r"(?:수\s*있(?:어요|나요|나|을까요|습니까|어|는지)|되나요|돼요|되요|될까요|가능(?:한가요|해요|할까요|한지|한가)?|맞나요|인가요)\s*[?？]?\s*$")


def _clause_interrogatives(clause: str) -> list[str]:
    """The kinds a clause's interrogatives ask ("몇 명" count, "얼마" money …)."""
    found = [kind for pat, kind in _INTERROGATIVES if pat.search(clause)]
    if len(found) > 1 and "money" in found and not re.search(r"얼마(?:를|예|인|씩|나\s*(?:받|줘|주|나와))", clause):
        found.remove("money")  # "며칠(얼마) 안에": 얼마 restates the other interrogative
    if "money" in found and re.search(r"의\s*얼마", clause) and not re.search(r"얼마\s*(?:씩|를\s*받)", clause):
        found = [k if k != "money" else "share" for k in found]  # "사업금액의 얼마": a share ("100분의 50"), not an amount
    if "money" in found and re.search(r"(?:기간|시간|동안|기한)\S{0,2}\s*얼마", clause) and not any(c in clause for c in _MONEY_CUES):
        found = [k if k != "money" else "duration" for k in found]  # "조사 기간이 얼마나 돼요?": how long, not how much
    if "money" in found and _NON_MONEY_MEASURE.search(clause) and not any(c in clause for c in _MONEY_CUES):
        # "연면적은 얼마나 돼?": 얼마 asks a quantity (an area), of no kind the answerer checks
        found = [k for k in found if k != "money"] or (["rate"] if any(c in clause for c in KINDS["rate"]) else ["quantity"])
    return found


def interrogative_kinds(question: str) -> set[str]:
    """Only what the question's interrogatives ask ("몇 개 …, 예산 얼마" → count and money), not its topic words."""
    return {k for clause in _CLAUSE_SPLIT.split(question) for k in _clause_interrogatives(clause)}


def asked_kinds(question: str) -> list[str]:
    """Kinds of value asked, clause by clause: the interrogative decides when a clause has one;
    a clause without one asks for what its cue words name ("예산은?", "집행률은?")."""
    kinds: list[str] = []
    for clause in _CLAUSE_SPLIT.split(question):
        found = _clause_interrogatives(clause)
        if found:
            for kind in found:
                if kind == "person" and any(c in clause for c in KINDS["target"]):
                    kind = "target"  # "누가 신청할 수 있나요" asks for the eligible group, not a name
                kinds.append(kind)
            kinds += [k for k in ("target", "yesno") if any(c in clause for c in KINDS[k])]
        else:
            cued = [k for k, cues in KINDS.items() if any(c in clause for c in cues)]
            if _YESNO_END.search(clause) and "yesno" not in cued:
                cued.append("yesno")
            if "yesno" in cued:
                # "구직촉진수당 받을 수 있어요?" asks whether, not how much: its nouns are the topic.
                cued = [k for k in cued if k not in ("money", "rate", "count", "date", "age")]
            kinds += cued
    # Kinds known to the answerer keep their order of specificity; "duration" is answered like a date.
    ordered = [k for k in KINDS if k in kinds]
    # "duration" is answered like a date; "time" (몇 시) is a clock time, also dated
    return ordered + [k for k in ("time", "duration") if k in kinds]


def analyze(question: str) -> QuestionAnalysis:
    q = question.strip()
    kinds = asked_kinds(q)
    # "몇 명/몇 개" is a count even though "몇" alone is vague.
    if "몇" in q and "count" not in kinds and not {"date", "age", "duration", "time"} & set(kinds):
        kinds.append("count")
    metrics = tuple(m for m in METRIC_WORDS if m in q)
    years = tuple(sorted({m[-2:] for m in re.findall(r"(?:19|20)\d\d(?=\s*년|\b)|[’‘']\d\d(?=년|\.|\s)", q)}))
    terms = tuple(t for t in tokenize(q, content_only=True) if t not in QUESTION_WORDS)
    # A name before a title ("김경우 위원"): Kiwi splits unknown names ("김" + "경우"), so keep it whole.
    names = tuple(n for n in _NAME_BEFORE_TITLE.findall(q)
                  if n not in terms and n not in QUESTION_WORDS and any(len(t) == 1 for t in tokenize(n)))
    terms = names + tuple(t for t in terms if not any(t in n for n in names))  # not its fragments ("김경", "우")
    # "40대": Kiwi keeps only "40"; the decade is the term (a table's "40~49세" column, see age_band_spellings).
    decades = tuple(dict.fromkeys(re.findall(r"(?<!\d)[1-9]0대", q)))
    terms = tuple(t for t in terms if not any(t == d[:-1] for d in decades)) + decades
    pivots = pivot_terms(q, terms)
    intents = tuple(name for name, (cues, _) in INTENT_LABELS.items() if any(c in q for c in cues))
    return QuestionAnalysis(q, terms, tuple(kinds), metrics, years, intents, expand(terms), pivots)


_TOPIC_ASKED = re.compile(r"([가-힣]{2,}?)(?:에서|에게|에|으로|로|까지|부터)?(?:은|는)\s+(?:[가-힣]+(?<![은는])\s+)?(?:얼마|몇|언제|어디|누구|무엇|뭐)")
_NAME_BEFORE_TITLE = re.compile(r"(?<![가-힣])([가-힣]{2,4})\s*(?=(?:부?위원장|위원|의원|씨|님|과장|팀장|국장|실장|주무관|조사관|지원관)(?![가-힣]*(?:회|실|들)))")
# "X 지원 사업", "X 수당", "X 지원": X names the program or the kind of support.
_NAMED_THING = re.compile(r"\s*(?:지원(?!자|센터|관|단|팀|청)|사업|제도|수당|센터|프로그램|정책|시범사업)")


def pivot_terms(question: str, terms: tuple[str, ...]) -> tuple[str, ...]:
    """Each clause's last content term, and terms written just before 사업/제도/센터/수당 …"""
    out: list[str] = []
    for clause in _CLAUSE_SPLIT.split(question):
        # "시급(일당)은?": the term before a parenthesised alternative is asked as much as the alternative
        for variant in (clause, re.sub(r"\([^()]*\)", " ", clause)):
            clause_terms = [t for t in tokenize(variant, content_only=True) if t not in QUESTION_WORDS]
            if clause_terms:
                out.append(clause_terms[-1])
    # "대관료는 시간당 얼마예요?": the topic right before the interrogative is what is asked.
    for m in _TOPIC_ASKED.finditer(question):
        word = m.group(1)
        pieces = [t for t in tokenize(word) if t not in QUESTION_WORDS]
        if word in terms or any(len(t) == 1 for t in pieces):
            out.append(word)  # Kiwi cut it into a stem and a stray syllable ("대관료" → 대관 + 료): the word is asked
        else:
            out += [t for t in pieces if t in terms][-1:]  # "동부기술교육원은": its head term
    squashed = re.sub(r"\s+", "", question)
    for t in terms:
        at = squashed.find(t)
        if at >= 0 and _NAMED_THING.match(squashed, at + len(t)) and not _NAMED_THING.fullmatch(t):
            out.append(t)
    return tuple(dict.fromkeys(out))


@dataclass(frozen=True)
class QuestionPart:
    """One clause of a multi-part question ("사업비는 얼마고, 몇 명이 목표야?"): what it asks and its own terms."""

    text: str
    kinds: tuple[str, ...]
    terms: tuple[str, ...]


def question_parts(question: str) -> tuple[QuestionPart, ...]:
    """The clauses that each ask for a value; fewer than two means a one-part question (empty)."""
    parts = []
    for clause in _CLAUSE_SPLIT.split(question):
        kinds = tuple(k for k in asked_kinds(clause) if k in _VALUE_ASKS or k == "duration")
        if kinds and clause.strip():
            terms = _join_syllables(tuple(t for t in tokenize(clause, content_only=True) if t not in QUESTION_WORDS))
            parts.append(QuestionPart(clause.strip(), kinds, terms))
    if len(parts) >= 2:
        return tuple(parts)
    return entity_parts(question)


# "A과 B는 각각 몇 곳?", "A와 B의 재산 기준이 어떻게 달라요?": one ask about two things.
_EACH = re.compile(r"각각|각자|차이|다르|달라|다른가|비교")
_PAIR = re.compile(r"^(?P<a>.+)(?:과|와|이랑|하고|및)\s+(?P<b>[^,]+?)(?:의|은|는|이|가)\s+(?P<rest>.+)$")


def entity_parts(question: str) -> tuple[QuestionPart, ...]:
    if not _EACH.search(question):
        return ()
    m = _PAIR.match(question.strip())
    if not m:
        return ()
    kinds = tuple(k for k in asked_kinds(m.group("rest")) if k in _VALUE_ASKS or k == "duration")
    rest = [t for t in tokenize(m.group("rest"), content_only=True) if t not in QUESTION_WORDS]
    out = []
    for name in (m.group("a"), m.group("b")):
        own = [t for t in tokenize(name, content_only=True) if t not in QUESTION_WORDS]
        if not own:
            return ()
        out.append(QuestionPart(f"{name} {m.group('rest')}", kinds, _join_syllables(tuple(own + rest))))
    return tuple(out)


def _join_syllables(terms: tuple[str, ...]) -> tuple[str, ...]:
    """Kiwi splits some short nouns into syllables ("국비" → 국, 비): join runs of one-syllable terms."""
    out: list[str] = []
    run = ""
    for t in terms + ("",):
        if len(t) == 1 and not t.isdigit():
            run += t
            continue
        if run:
            out.append(run)
            run = ""
        if t:
            out.append(t)
    return tuple(out)
