"""The gap between two things a question compares with "A가 B보다 얼마나 더", each stated in its own place.

"영등포 청년 생활임금 시급이 일반 공공일자리 최저시급보다 얼마 더 많아요?" over two item lines
("- 공공일자리: 최저시급 기준(9,620원)" / "- 청년일자리: … 생활임금 적용(시급 11,157원)"), or "영등포
기술특화캠퍼스가 금천 캠퍼스보다 연면적이 얼마나 더 넓어요?" over two blocks, each headed by its place
("‣ 위 치 : 영등포구 …" / "‣ 규 모 : …(연면적 : 3,611.31㎡)"). The figures specialist knows only its fact
tables and `pair_difference` only pairs printed side by side; here each side of the question is matched
to the value whose own words (its label, its line, the lines just above) name that side and not the other.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from kotext.numbers import decimals_of, format_number, parse_number
from kotext.text import josa, no_ws
from questions.analysis import QUESTION_WORDS, QuestionAnalysis
from questions.contract import SpecialistAnswer
from retrieval.korean_tokens import tokenize
from assistant.pair_difference import _ADJECTIVE, _ASKS_GAP, _ASKS_SHORT, _UNITS, HITS_READ, _of_kind, asked_kind

_VALUE = re.compile(r"([△-]?\d[\d,]*(?:\.\d+)?)\s*(" + "|".join(map(re.escape, _UNITS)) + r")(?![가-힣])")
# A token that ends a phrase with a case or topic particle: the compared-against phrase starts after it.
_ENDS_PHRASE = re.compile(r"(?:은|는|이|가|을|를|에서|에는|의|중|중에|께서)$")
_PARTICLE = re.compile(r"(?:은|는|이|가|을|를|의|에서|에)$")
_AREA = re.compile(r"넓|좁|면적")
CONTEXT_LINES = 4  # a block's heading lines above its value (a place, a program name) still name it
# How much a word of one side counts where it is found, from the value's own label to the lines above
# it (chosen so that a word on the value's line outweighs any word further up; one step per line).
IN_LABEL, IN_LINE, ABOVE_FIRST, ABOVE_STEP = 1.0, 0.8, 0.6, 0.1
MIN_SIDE_SCORE = 0.5  # at least one word of the side on the value's line or just above it
# The target's gap is the figures specialist's ("목표보다 몇 명 적어"); the year columns' too ("’20년보다")
_NOT_FOR_THIS = re.compile(r"목표\S{0,3}\s*보다|\d\s*년\s*보다|\d\s*(?:차|월)\s*(?:회의)?\s*(?:때|자료|보고)?\s*보다")


@dataclass(frozen=True)
class _Found:
    number: float
    printed: str
    unit: str
    chunk: object
    line: int
    at: int  # position within the line


@dataclass(frozen=True)
class Sides:
    first: str  # the thing asked about ("영등포 청년 생활임금 시급")
    other: str  # the thing it is compared against ("일반 공공일자리 최저시급")
    after: str  # what follows "보다" ("연면적이 얼마나 더 넓어요")


def split_sides(question: str) -> Sides | None:
    """The two compared things of "A가 B보다 …", or None when the question has no such comparison.
    Each side is its own phrase: "고용유지지원금 받은 사람 중 영업제한 업종이 집합금지 업종보다" compares
    "영업제한 업종" with "집합금지 업종" (what comes before "중" is the set both belong to)."""
    m = re.search(r"(\S+)보다(?![가-힣])", question)
    if m is None:
        return None
    tokens = question[: m.start()].split()
    other = [m.group(1)]
    while tokens and not _ENDS_PHRASE.search(tokens[-1]) and len(other) < 4:
        other.insert(0, tokens.pop())
    if not tokens:
        return None
    first = [tokens.pop()]  # the phrase ends with its particle ("업종이")
    while tokens and not _ENDS_PHRASE.search(tokens[-1]):
        first.insert(0, tokens.pop())
    return Sides(" ".join(first), " ".join(other), question[m.end():])


def _terms(text: str) -> set[str]:
    """Content words of a phrase, and its words themselves without their particle (a name the
    tokenizer does not know, "오랑", is still a word of that side)."""
    words = {_PARTICLE.sub("", w) for w in re.findall(r"[가-힣A-Za-z0-9]+", text)}
    found = set(tokenize(text, content_only=True)) | words
    return {t for t in found if len(t) >= 2 and not t.isdigit() and t not in QUESTION_WORDS}


def _words(text: str, own: set[str]) -> list[tuple[str, set[str]]]:
    """The side's words (particle stripped) with their parts that are this side's own terms."""
    out = []
    for w in dict.fromkeys(_PARTICLE.sub("", w) for w in re.findall(r"[가-힣A-Za-z0-9]+", text)):
        parts = {t for t in own if t in w}
        if len(w) >= 2 and parts:
            out.append((w, parts))
    return out


def _values(lines: list[str], unit_ok) -> list[tuple[int, re.Match]]:
    return [(i, m) for i, line in enumerate(lines) for m in _VALUE.finditer(line) if unit_ok(m.group(2))]


def _side_score(words: list[tuple[str, set[str]]], lines: list[str], i: int, m: re.Match,
                starts: dict[tuple[int, int], int], multi: bool) -> float:
    """How well the words of one side name this value: each word counts by where its best part is found
    (in the value's label from the previous value on the line, on its line, or in the lines just above)
    and by how much of the word that part is ("청년" of "청년건축학교" counts a third)."""
    label = no_ws(lines[i][starts.get((i, m.start()), 0): m.start()])
    # On a line of several values ("활동비 : 공익형 월27만원, 사회서비스형 월59만원") the rest of the line
    # is the other values' labels and the measure they share: only the value's own label names it.
    # The lines above are shared by all of them too, so they tell none of them apart.
    line = "" if multi else no_ws(lines[i])
    above = [] if multi else [no_ws(lines[j]) for j in range(i - 1, max(-1, i - 1 - CONTEXT_LINES), -1)]

    def where(t: str) -> float:
        if t in label:
            return IN_LABEL
        if t in line:
            return IN_LINE
        return next((ABOVE_FIRST - ABOVE_STEP * k for k, text in enumerate(above) if t in text), 0.0)

    return sum(max(where(p) * len(p) / len(word) for p in parts) for word, parts in words)


class SidedDifference:
    name = "sided_difference"

    def try_answer(self, question: str, analysis: QuestionAnalysis, hits: list, scope=None) -> SpecialistAnswer | None:
        if not _ASKS_GAP.search(question) or _NOT_FOR_THIS.search(question):
            return None
        sides = split_sides(question)
        if sides is None or re.match(r"[\d’‘'△-]", sides.other.split()[-1]):
            return None  # "300개보다 많아요?": against a figure the question states, not another thing
        first, other = _terms(sides.first), _terms(sides.other)
        only_first, only_other = first - other, other - first
        # "연면적": the compared measure, which the value's line (or the one above) must name
        attribute = {t for t in analysis.terms if len(t) >= 2 and t in no_ws(sides.after)} - first - other
        if not only_first or not only_other:
            return None
        kind = asked_kind(question)
        area = bool(_AREA.search(question))

        def unit_ok(unit: str) -> bool:
            return unit == "㎡" if area else _of_kind(unit, kind) and unit != "㎡"

        words_first, words_other = _words(sides.first, only_first), _words(sides.other, only_other)
        firsts: list[tuple[float, _Found]] = []
        others: list[tuple[float, _Found]] = []
        for hit in hits[:HITS_READ]:
            lines = [x for x in hit.chunk.text.splitlines() if x.strip()]
            found = _values(lines, unit_ok)
            # a value's label starts where the line's previous value ended
            starts, last, per_line = {}, {}, {}
            for i, m in found:
                per_line[i] = per_line.get(i, 0) + 1
            for i, m in found:
                if i not in last and per_line[i] > 1:  # the shared head ("※ 활동비 :") is no value's label
                    head = lines[i].rfind(":", 0, m.start())
                    last[i] = head + 1 if head >= 0 else 0
                starts[(i, m.start())] = last.get(i, 0)
                last[i] = m.end()
            for i, m in found:
                if attribute and not any(t in no_ws(" ".join(lines[max(0, i - 1): i + 1])) for t in attribute):
                    continue
                number = parse_number(m.group(1).replace("△", "-"))
                if number is None:
                    continue
                a = _side_score(words_first, lines, i, m, starts, per_line[i] > 1)
                b = _side_score(words_other, lines, i, m, starts, per_line[i] > 1)
                value = _Found(number, f"{m.group(1)}{m.group(2)}", m.group(2), hit.chunk, i, m.start())
                if a >= MIN_SIDE_SCORE and a > b:
                    firsts.append((a - b, value))
                if b >= MIN_SIDE_SCORE and b > a:
                    others.append((b - a, value))
        # the two sides of one comparison are in one document, best in one passage
        pairs = [((va.chunk.id == vb.chunk.id, ma + mb), va, vb) for ma, va in firsts for mb, vb in others
                 if va.unit == vb.unit and va.chunk.doc_id == vb.chunk.doc_id]
        if not pairs:
            return None
        _, va, vb = max(pairs, key=lambda p: p[0])
        return self._answer(question, sides, va, vb)

    @staticmethod
    def _answer(question: str, sides: Sides, va: _Found, vb: _Found) -> SpecialistAnswer:
        chunks = [va.chunk] if va.chunk.id == vb.chunk.id else [va.chunk, vb.chunk]
        cite_a, cite_b = 1, len(chunks)
        ref_a, ref_b = f"[{cite_a}]", f"[{cite_b}]"
        name_a = re.sub(r"(?:은|는|이|가)$", "", " ".join(sides.first.split()[-3:]))  # the words nearest the comparison
        name_b = sides.other
        gap = abs(va.number - vb.number)
        unit = "%p" if va.unit == "%" else va.unit
        gap_text = f"{format_number(gap, max(decimals_of(va.printed), decimals_of(vb.printed)))}{unit}"
        big, small = ((name_a, va), (name_b, vb)) if va.number >= vb.number else ((name_b, vb), (name_a, va))
        values = f"({name_a} {va.printed} {ref_a}, {name_b} {vb.printed} {ref_b})"
        if gap == 0:
            head = f"{name_a}{josa(name_a, '과/와')} {name_b}의 값이 같습니다 {values}."
        elif _ASKS_SHORT.search(question):
            head = f"{small[0]}{josa(small[0], '이/가')} {big[0]}보다 {gap_text} 적습니다 {values}."
        else:
            more = next((m for cue, m in _ADJECTIVE if cue in question), "많습니다")
            head = f"{big[0]}{josa(big[0], '이/가')} {small[0]}보다 {gap_text} 더 {more} {values}."
        head += f"\n계산: {big[1].printed} − {small[1].printed} = {gap_text}"
        calculation = {"operation": "diff", "result": va.number - vb.number, "operands": [
            {"label": name_a, "value": va.number, "raw": va.printed, "citation": cite_a},
            {"label": name_b, "value": vb.number, "raw": vb.printed, "citation": cite_b}]}
        return SpecialistAnswer(head, chunks, abstained=False, extra={"calculation": calculation})

