"""Sums and remainders of the values a passage prints, for any document.

"도전 과정과 도전+ 과정 인원을 합치면 몇 명이야?" over "- 도전 2~3기(20명), 도전+ 2기~3기(34명) 과정 운영",
"등록한 사람 중 채용 안 된 사람은 몇 명?" over "4회 개최, 88명 등록, 26명 채용", "예산 중 안 쓴 돈은?" over
"예산액 150,000천원(…), 집행액 82,434천원(…)": the figures specialist only knows its fact tables; these
values sit inside item text and flattened table rows of any document.

The operands come from one line (or a few neighbouring lines, one value each) of the best-retrieved
passages, chosen by the question: the labels it names, the number of things it says it adds ("네 사업",
"세 곳"), the counter it asks in ("몇 명", "몇 곳"), and for a remainder the word it negates ("채용 안 된").
"""
from __future__ import annotations

import re

from kotext.numbers import COUNT_UNITS, MONEY_FACTORS, decimals_of, format_number
from kotext.text import josa, no_ws
from questions.analysis import QuestionAnalysis
from questions.contract import SpecialistAnswer, passage_calculation
from assistant.answer_text import asked_counter_units
from assistant.passage_values import PassageValue, passage_values
from assistant.superlative import value_kind

_ASKS_SUM = re.compile(r"합치|합하|합쳐|합친|더하|더해|더한|합산|총합|다\s*합|모두\s*합")
# A remainder: what was not used / not done of a total ("안 쓴 돈", "채용 안 된 사람", "남은 예산", "미집행").
_ASKS_REST = re.compile(r"(?:안|못)\s*(?:쓴|쓰고|쓰인|된|한|받은)|남은|남아\s*있|잔액|미\s*집행|(?:되|하|받)지\s*(?:않|못)(?:은|고|한)")
# The part a remainder subtracts: the word right before the negation ("채용 안 된" → 채용, "교부 안 된" → 교부).
# "해지되지 않고 남은", "선정되지 않은": the same negation with 않다.
_NEGATED = re.compile(r"([가-힣]{2,}?)\s*(?:이|가|을|를)?\s*(?:(?:안|못)\s*(?:된|한|받은)|(?:되|하|받)지\s*(?:않|못))")
# Spending in everyday words and in the documents' words ("안 쓴 돈" is the budget minus 집행액).
_SPENT_WORDS = ("집행", "사용", "지출", "교부", "쓴")
_TOTAL_LABEL = re.compile(r"(?:^|[\s:：(])(?:총|계|합계|전체|총계)\s*$|^(?:총|계|합계|전체|총계)(?:\s|$)")
_TOTAL_WORDS = ("예산", "목표", "계획", "등록", "신청", "배정", "총", "계", "소요")
# How many things the question adds ("네 사업", "세 곳", "3개 사업", "두 과정").
_NATIVE = {"두": 2, "세": 3, "네": 4, "다섯": 5, "여섯": 6, "일곱": 7, "여덟": 8, "아홉": 9, "열": 10}
_COUNT_SAID = re.compile(r"(?<![가-힣])(두|세|네|다섯|여섯|일곱|여덟|아홉|열|\d{1,2})\s*(?:개\s*)?(?:사업|과정|곳|기관|센터|단체|프로그램|항목|분야|구|가지|종류|팀)")
# The longest label that is a value's name ("자격증취득", "도전+2기~3기"); longer text is a sentence.
NAME_CHARS = 8
HITS_READ = 4  # the best-retrieved passages only: values further down are about something else
LINES_TOGETHER = 3  # an item list's neighbouring lines, one value each ("2층(276㎡)" / "3층(408㎡)")
# With the number of things said ("네 사업"), a list may spread over more lines (a flattened table's rows
# with their breakdown lines between): the run must then hold exactly that many values.
LINES_COUNTED = 40  # a shipped-report table of four programs spans 22 lines


def _asked_units(question: str, kind: str) -> frozenset[str]:
    """The units the question asks for: its counter ("몇 곳" → 개소, 곳), else money for an amount question;
    rates are not added up."""
    if counted := asked_counter_units(question):
        return frozenset(counted)
    if kind == "money":
        return frozenset(MONEY_FACTORS)
    return frozenset() if kind == "rate" else frozenset(COUNT_UNITS)


# Things listed in the question ("영등포·온라인·금천 교육 인원", "동부, 남부, 북부 센터"): three or more
# names joined by a middle dot or commas say how many values are added.
_LISTED = re.compile(r"[가-힣A-Za-z0-9]{2,}(?:\s*[·ㆍ,]\s*[가-힣A-Za-z0-9]{2,}){2,}")


def _count_said(question: str) -> int:
    m = _COUNT_SAID.search(question)
    if m is None:
        listed = _LISTED.search(question)
        return len(re.split(r"\s*[·ㆍ,]\s*", listed.group(0))) if listed else 0
    word = m.group(1)
    return int(word) if word.isdigit() else _NATIVE[word]


def _naming_words(v: PassageValue, q: str, terms: list[str]) -> frozenset[str]:
    label = no_ws(v.label)
    if len(label) > NAME_CHARS:
        return frozenset()  # a sentence before the value ("자격증 취득 분야: 산모아동 돌봄전문가 양성"), not its name
    return frozenset(t for t in terms if len(t) >= 2 and t in label) | frozenset(
        w for w in re.split(r"[·+/]", label) if len(w) >= 2 and w in q)


def _named(v: PassageValue, q: str, terms: list[str]) -> bool:
    """The question names the value's label, or a word of it ("자격증 딴 사람" names "자격증취득")."""
    return bool(_naming_words(v, q, terms))


def _named_apart(values: list[PassageValue], q: str, terms: list[str]) -> bool:
    """Each value is named by the question, and by different words: "취업 4명, 창업 1명" are; three lines
    that all say "예산액" are not told apart by "예산"."""
    words = [_naming_words(v, q, terms) for v in values]
    return all(words) and len(set(words)) == len(words)


def _windows(hits: list, longest: int, terms: list[str], units: frozenset[str]):
    """(rank, lines, values in the asked units, covered terms) of every item of the best hits and of runs
    of neighbouring items; each item is read once."""
    for rank, hit in enumerate(hits[:HITS_READ]):
        # The document model's items (a bullet with its wrapped lines, a flattened table's row rebuilt as
        # "예산액 150,000천원, 집행액 82,434천원"), else the passage's lines.
        lines = [item[2] for item in hit.chunk.items] or [x for x in hit.chunk.text.splitlines() if x.strip()]
        read = [([v for v in passage_values(x) if v.unit in units], {t for t in terms if t in no_ws(x)}) for x in lines]
        for i in range(len(lines)):
            values: list[PassageValue] = []
            covered: set[str] = set()
            for size in range(1, min(longest, len(lines) - i) + 1):
                values = values + read[i + size - 1][0]
                covered = covered | read[i + size - 1][1]
                yield rank, size, values, covered


def _sum_operands(values: list[PassageValue], q: str, terms: list[str], count: int) -> list[PassageValue] | None:
    values = [v for v in values if not _TOTAL_LABEL.search(v.label)]  # the printed total is not one of its parts
    named = [v for v in values if _named(v, q, terms)]
    if len(named) >= 2 and (not count or len(named) == count) and len({v.inner for v in named}) == 1:
        return named
    plain = [v for v in values if not v.inner]
    if count:
        return plain if len(plain) == count else None
    return plain if len(plain) >= 2 else None


def _rest_operands(values: list[PassageValue], question: str, terms: list[str]) -> tuple[PassageValue, PassageValue] | None:
    """(total, part): the part is labelled with the negated word (or with spending), the total is a larger
    value before it, preferably labelled as a total."""
    negated = [m.group(1) for m in _NEGATED.finditer(question)]
    part_words = tuple(w for w in negated if w not in ("사람", "돈", "금액")) or _SPENT_WORDS
    q = no_ws(question)
    for i, part in enumerate(values):
        if not any(w in no_ws(part.before + part.next_words) for w in part_words):
            continue
        totals = [v for v in values[:i] if v.number > part.number]
        if not totals:
            continue
        same_label = [v for v in totals if part.before and v.before == part.before]
        labelled = [v for v in totals if any(w in no_ws(v.label) for w in _TOTAL_WORDS) or _named(v, q, terms)]
        return (same_label or labelled or totals)[-1], part
    return None


# A value per thing: "한 회에 평균 몇 명꼴", "1명당 얼마", "회당", "…으로 나누면": the thing counted after 한/1 or
# before 당 is the divisor's unit.
_ASKS_PER = re.compile(r"(?:한|1)\s*(회|명|곳|개소|건|팀|가구|개사)\s*(?:에|당|마다)|(회|명|곳|개소|건|팀|가구|개사)\s*당")
# … and said as an average ("평균", "몇 명꼴", "나누면", "…한 셈"): "한 곳당 얼마씩 받아요?" asks the amount each
# is given, which the document states.
_AVERAGED = re.compile(r"평균|꼴|나누|셈")
_PER_UNITS = {"곳": ("개소", "곳"), "개소": ("개소", "곳"), "개사": ("개사", "개")}
PER_DECIMALS = 1  # "14.9백만원꼴": a per-thing figure is an average, shown to one decimal


def _per_operands(values: list[PassageValue], per_units: tuple[str, ...], units: frozenset[str]):
    """(total, count): the first value in the asked unit and the first in the divisor's unit, of one item."""
    total = next((v for v in values if v.unit in units and v.unit not in per_units), None)
    count = next((v for v in values if v.unit in per_units and v.number > 0), None)
    return (total, count) if total and count else None


class LineArithmetic:
    name = "line_arithmetic"

    def try_answer(self, question: str, analysis: QuestionAnalysis, hits: list, scope=None) -> SpecialistAnswer | None:
        op = "sum" if _ASKS_SUM.search(question) else "rest" if _ASKS_REST.search(question) else ""
        if not op and (per := _ASKS_PER.search(question)) and _AVERAGED.search(question):
            return self._per_thing(question, analysis, hits, per.group(1) or per.group(2))
        if not op:
            return None
        q = no_ws(question)
        count = _count_said(question) if op == "sum" else 0
        terms = [t for t in analysis.terms if len(t) >= 2]
        best = None
        units = _asked_units(question, value_kind(question))
        for rank, size, values, covered in _windows(hits, LINES_COUNTED if count else LINES_TOGETHER, terms, units):
            if len({v.unit for v in values}) != 1 or len(values) < 2:
                continue  # one unit only: 명 and 개 (or 천원 and 백만원 of different tables) are not added
            operands = _sum_operands(values, q, terms, count) if op == "sum" else _rest_operands(values, question, terms)
            if not operands:
                continue
            named = _named_apart(list(operands), q, terms)  # the values the question names beat any others
            # The best passage is the topic; inside it one item's values belong together (a longer run only
            # when the question counts what it adds); then the run that covers more of the question.
            key = (named, -rank, 0 if count else -size, len(covered), -size)
            if best is None or key > best[0]:
                best = (key, operands, hits[rank].chunk)
        if best is None:
            return None
        operands, chunk = best[1], best[2]
        return self._answer(op, operands, chunk)

    def _per_thing(self, question: str, analysis: QuestionAnalysis, hits: list, per: str) -> SpecialistAnswer | None:
        """"미디어 장비 교육은 한 회에 평균 몇 명꼴?" over "… 교육 운영: 32회, 128명" → 128명 ÷ 32회 = 4명."""
        per_units = _PER_UNITS.get(per, (per,))
        units = frozenset(u for u in _asked_units(question, value_kind(question)) if u not in per_units)
        if not units:
            return None
        terms = [t for t in analysis.terms if len(t) >= 2]
        best = None
        for rank, size, values, covered in _windows(hits, 1, terms, units | frozenset(per_units)):
            operands = _per_operands(values, per_units, units)
            if operands and (best is None or (len(covered), -rank) > best[0]):
                best = ((len(covered), -rank), operands, hits[rank].chunk)
        if best is None:
            return None
        (total, count), chunk = best[1], best[2]
        value = total.number / count.number
        result = f"{format_number(value, 0 if value == int(value) else PER_DECIMALS)}{total.unit}"
        head = (f"{total.label} {total.printed}{josa(total.printed, '을/를')} {count.printed}{josa(count.printed, '으로/로')} "
                f"나누면 1{per}당 {result}입니다. [1]\n계산: {total.printed} ÷ {count.printed} = {result}").lstrip()
        return SpecialistAnswer(head, [chunk], abstained=False,
                                extra={"calculation": passage_calculation("ratio", (total, count), value)})

    @staticmethod
    def _answer(op: str, operands, chunk) -> SpecialistAnswer:
        if op == "sum":
            unit = operands[0].unit
            total = sum(v.number for v in operands)
            decimals = max(decimals_of(v.printed) for v in operands)
            result = f"{format_number(total, decimals)}{unit}"
            listed = ", ".join(f"{v.label} {v.printed}".strip() for v in operands)
            head = (f"{listed}{josa(operands[-1].printed, '을/를')} 더하면 {result}입니다. [1]\n"
                    f"계산: {' + '.join(v.printed for v in operands)} = {result}")
            calc = passage_calculation("sum", operands, total)
        else:
            whole, part = operands
            rest = whole.number - part.number
            result = f"{format_number(rest, max(decimals_of(whole.printed), decimals_of(part.printed)))}{whole.unit}"
            head = (f"{whole.label} {whole.printed} 중 {part.label} {part.printed}{josa(part.printed, '을/를')} 빼면 "
                    f"{result}입니다. [1]\n계산: {whole.printed} − {part.printed} = {result}")
            calc = passage_calculation("diff", (whole, part), rest)
        return SpecialistAnswer(head, [chunk], abstained=False, extra={"calculation": calc})
