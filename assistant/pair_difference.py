"""The gap between two values one line of a passage prints side by side.

"2층과 3층 중 어디가 더 넓고 몇 ㎡ 차이 나요?" over "○ 연면적: 684㎡ - 2층(276㎡) … 3층(408㎡)", or "인건비는
시립이 구립보다 얼마나 많아요?" over "인건비 : 2,476백만원(시립 2,072백만원 / 구립 404백만원)": the figures
specialist only knows the figures of its fact tables; these pairs sit inside item text of any document.
The operands are the labels of that text that the question names (no list of words): a line of the
best-retrieved passages where two named labels each stand right before a value of one unit.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from kotext.numbers import COUNT_UNITS, MONEY_FACTORS, decimals_of, format_number, parse_number
from kotext.text import josa, no_ws
from questions.analysis import QuestionAnalysis
from questions.contract import SpecialistAnswer, passage_calculation
from assistant.passage_values import passage_values
from assistant.superlative import value_kind

# A difference is asked: "차이", "얼마나 더 많아", "몇 명 많아", "A가 B보다 얼마나 넓어".
_ASKS_GAP = re.compile(
    r"차이|격차|얼마나\s*(?:더\s*)?(?:많|적|높|낮|크|작|넓|좁|길|짧|모자라|부족|덜)|"
    r"(?:몇|얼마)\s*\S{0,4}\s*(?:더\s*)?(?:많|적|높|낮|크|작|넓|좁)")
_UNITS = ("백만원", "천원", "만원", "억원", "원", "㎡", *COUNT_UNITS, "%", "시간", "일")
_ASKS_SHORT = re.compile(r"모자라|부족|덜|적(?:어|은|나|게|습)")
# A label right before its value: "2층(276㎡)", "시립 2,072백만원", "구립: 404백만원", "귀가지원 58,715건".
_LABELLED = re.compile(
    r"([가-힣A-Za-z0-9·]{1,15}?)\s*[(:：]?\s*([△-]?\d[\d,]*(?:\.\d+)?)\s*(" + "|".join(map(re.escape, _UNITS)) + r")(?![가-힣])")
HITS_READ = 5  # the best-retrieved passages only: a pair further down is about something else
LINES_TOGETHER = 3  # an item list's neighbouring lines (one value each); further apart is another list
MIN_LABEL = 2  # a one-syllable label ("시", "구") names nothing by itself
# The question's own adjective for "more" (the gap is always stated from the larger value)
_ADJECTIVE = (("넓", "넓습니다"), ("높", "높습니다"), ("크", "큽니다"), ("큰", "큽니다"), ("길", "깁니다"))


@dataclass(frozen=True)
class _Value:
    label: str
    number: float
    printed: str  # number and unit as printed
    unit: str
    at: int  # where the question names the label


def _named_values(line: str, question: str) -> list[_Value]:
    """Labelled values of the line whose label the question names, one per label, in question order."""
    out: dict[str, _Value] = {}
    for m in _LABELLED.finditer(line):
        label = m.group(1)
        at = question.find(no_ws(label))
        if len(label) < MIN_LABEL or label.isdigit() or at < 0 or label in out:
            continue
        number = parse_number(m.group(2))
        if number is not None:
            out[label] = _Value(label, number, f"{m.group(2)}{m.group(3)}", m.group(3), at)
    for v in passage_values(line):  # "총 6,200명(市과정 4,639, 국가협력과정 1,561)": the bracket's parts
        at = question.find(no_ws(v.before))
        if v.inner and len(v.before) >= MIN_LABEL and at >= 0 and v.before not in out:
            out[v.before] = _Value(v.before, v.number, v.printed, v.unit, at)
    return sorted(out.values(), key=lambda v: v.at)


def _of_kind(unit: str, kind: str) -> bool:
    """A money question compares amounts and a rate question rates; a count question any counter."""
    if kind == "money":
        return unit in MONEY_FACTORS
    if kind == "rate":
        return unit == "%"
    return unit not in MONEY_FACTORS and unit != "%"


def _gap_text(a: _Value, gap: float) -> str:
    unit = "%p" if a.unit == "%" else a.unit
    return f"{format_number(gap, decimals_of(a.printed))}{unit}"


_COUNTER = re.compile(r"몇\s*(?:명|개|건|곳|회|팀|가구)")


def asked_kind(question: str) -> str:
    """What the gap is counted in: "몇 명" a count (even of a 지원금's recipients), "얼마" an amount."""
    if _COUNTER.search(question):
        return "count"
    kind = value_kind(question)
    if kind == "count" and re.search(r"얼마(?!나\s*(?:더\s*)?(?:넓|좁|길|짧|높|낮))", question):
        return "money"  # "활동비는 … 얼마 더 많아요?"
    return kind


class PairDifference:
    name = "pair_difference"

    def try_answer(self, question: str, analysis: QuestionAnalysis, hits: list, scope=None) -> SpecialistAnswer | None:
        if not _ASKS_GAP.search(question):
            return None
        q = no_ws(question)
        terms = [t for t in analysis.terms if len(t) >= 2]
        kind = asked_kind(question)  # "인건비는 …": an amount, not the line's head counts
        best: tuple | None = None
        for rank, hit in enumerate(hits[:HITS_READ]):
            lines = [x for x in hit.chunk.text.splitlines() if x.strip()]
            # One line, else a few neighbouring lines ("- 2층(276㎡): …" / "- 3층(408㎡): …" list one item each).
            windows = [(1, x) for x in lines] + [(0, "  ".join(lines[i:i + LINES_TOGETHER])) for i in range(max(0, len(lines) - 1))]
            for single, line in windows:
                values = _named_values(line, q)
                if len(values) < 2:
                    continue
                a, b = values[-2:]  # the two named last: "인건비는 시립이 구립보다" compares 시립 and 구립
                if a.unit != b.unit or not _of_kind(a.unit, kind):
                    continue
                covered = sum(t in no_ws(line) for t in terms)
                key = (single, covered, -rank)
                if best is None or key > best[0]:
                    best = (key, [a, b], hit.chunk)
        if best is None:
            return None
        (a, b), chunk = best[1], best[2]
        gap = abs(a.number - b.number)
        big, small = (a, b) if a.number >= b.number else (b, a)
        more = next((m for cue, m in _ADJECTIVE if cue in question), "많습니다")
        if gap == 0:
            head = f"{a.label} {a.printed}, {b.label} {b.printed}로 두 값이 같습니다. [1]"
        elif _ASKS_SHORT.search(question):  # "목표액에 비해 얼마나 모자라요?": said from the smaller value
            head = (f"{small.label}{josa(small.label, '이/가')} {big.label}보다 {_gap_text(a, gap)} 적습니다 "
                    f"({a.label} {a.printed}, {b.label} {b.printed}). [1]\n"
                    f"계산: {big.printed} − {small.printed} = {_gap_text(a, gap)}")
        else:
            head = (f"{big.label}{josa(big.label, '이/가')} {small.label}보다 {_gap_text(a, gap)} 더 {more} "
                    f"({a.label} {a.printed}, {b.label} {b.printed}). [1]\n"
                    f"계산: {big.printed} − {small.printed} = {_gap_text(a, gap)}")
        return SpecialistAnswer(head, [chunk], abstained=False, extra={"calculation": passage_calculation("diff", (a, b), gap)})
