"""Values a passage line prints, each with its unit and the label that names it.

"시립 2,072백만원", "88명 등록", and the bare numbers of a breakdown in brackets after a value
("21,237백만원(시비 16,781, 구비 3,014)"), read the same way by every specialist that computes from
passage text (sums, remainders, differences).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from kotext.numbers import COUNT_UNITS, MONEY_FACTORS, parse_number

_UNITS = (*sorted(MONEY_FACTORS, key=len, reverse=True), *COUNT_UNITS, "%")
_UNIT_RE = "|".join(map(re.escape, _UNITS))
# A value with its unit, and a label right before ("시립 2,072백만원", "예산액 150,000천원") or right after
# ("88명 등록", "26명 채용").
_NUMBER = r"\d(?:[\d,]*\d)?(?:\.\d+)?"  # no trailing comma: "시1,888, 구810"
_VALUE = re.compile(rf"(?<![\d.,~])({_NUMBER})\s*({_UNIT_RE})(?![가-힣])")
_LABEL_AFTER = re.compile(r"^\s*\)?\s*([가-힣]{2,6})")
# Where a label starts: after a separator or a bullet ("- 도전 2~3기(20명), 도전+ 2기~3기(34명)").
_LABEL_START = re.compile(r"^.*(?:[,;/|]|\s{2,}|^\s*[-－○□◦•·ㆍ*]+)\s*", re.S)
MAX_LABEL = 15
NEXT_CHARS = 12  # "75개사 협약 해지": what happened to the counted things, in a few words
# Bare numbers inside the brackets right after a value carry its unit: "21,237백만원(시비 16,781, 구비 3,014)".
_BRACKETED = re.compile(rf"({_NUMBER})\s*({_UNIT_RE})\s*\(([^)]*)\)")
_BARE = re.compile(r"([가-힣一-鿿]{1,6})\s*(" + _NUMBER + r")(?![\d.]|\s*(?:" + _UNIT_RE + r"))")


@dataclass(frozen=True)
class PassageValue:
    number: float
    printed: str
    unit: str
    before: str  # the label right before the value
    after: str  # the word right after it
    inner: bool = False  # a breakdown inside the brackets after another value ("(시비 16,781, 구비 3,014)")
    next_words: str = ""  # the words after the value up to the next one ("75개사 협약 해지" → "협약 해지")

    @property
    def label(self) -> str:
        return self.before or self.after


def passage_values(line: str) -> list[PassageValue]:
    """Every value with its unit in a line, with the label before or after it; bare numbers in the brackets
    right after a value ("총 6,200명(市과정 4,639, 국가협력과정 1,561)") carry that value's unit."""
    out = [PassageValue(n, f"{m.group(1)}{m.group(2)}", m.group(2), _label_before(line[:m.start()]) or _bracket_owner(line[:m.start()]),
                        _label_after(line[m.end():]), next_words=_next_words(line[m.end():]))
           for m in _VALUE.finditer(line) if (n := parse_number(m.group(1))) is not None]
    for m in _BRACKETED.finditer(line):  # "(시비 16,781, 구비 3,014)": the bracket's unit
        for b in _BARE.finditer(m.group(3)):
            if (n := parse_number(b.group(2))) is not None:
                out.append(PassageValue(n, f"{b.group(2)}{m.group(2)}", m.group(2), b.group(1), "", inner=True))
    return out


def _label_before(text: str) -> str:
    """The words since the last separator or value: "- 도전+ 2기~3기(" → "도전+ 2기~3기"."""
    text = re.split(rf"{_NUMBER}\s*(?:{_UNIT_RE})", text.splitlines()[-1] if text.strip() else "")[-1]
    text = re.sub(r"\([^()]*\)", "", text)  # "소요예산(’21년) :" → "소요예산 :"
    text = text.rpartition(")")[2]  # ") 및 자활기업(" → " 및 자활기업("
    label = _LABEL_START.sub("", text).strip(" (:：")
    label = re.sub(r"^(?:및|또는|그리고|와|과)\s+", "", label)  # "… 및 자활기업(130개소)"
    if len(label) > MAX_LABEL:  # keep whole words: "… 도전 1기 프로그램" is not "전 1기 프로그램"
        label = label[-MAX_LABEL:].partition(" ")[2] or label[-MAX_LABEL:]
    return label.strip() if re.search(r"[가-힣A-Za-z]", label) else ""


def _bracket_owner(text: str) -> str:
    """A value inside brackets with no label of its own belongs to the words before the bracket:
    "투·출기관(16개, 247명)" → 투·출기관 for both."""
    opened = text.rfind("(")
    if opened < 0 or ")" in text[opened:]:
        return ""
    return _label_before(text[:opened])


def _next_words(text: str) -> str:
    """Up to NEXT_CHARS characters after a value, stopping at the next value or separator."""
    return re.split(rf"[,;/|]|{_NUMBER}", text, maxsplit=1)[0].strip(" )")[:NEXT_CHARS]


def _label_after(text: str) -> str:
    m = _LABEL_AFTER.match(text)
    return m.group(1) if m else ""
