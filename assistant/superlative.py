""""Which of these is the largest?" over a list written inside one passage.

The figures specialist compares table facts across the index. Many lists are items of one passage
instead ("아동돌봄 교사 : 200명, 1,915백만원" / "여성일자리메이커 운영 : 30명, 712백만원" …): a question
asking for the highest or lowest within that group is answered by comparing the items of the passage
that holds the best evidence, never the rows of other tables.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum

from kotext.numbers import AMOUNT, parse_amount, parse_number


class Extreme(Enum):
    MAX = "max"
    MIN = "min"


_MAX = re.compile(r"(?:가장|제일)\s*(?:높|많|크|큰|길)|최고|최대")
_MIN = re.compile(r"(?:가장|제일)\s*(?:낮|적|작)|최저|최소")
_MONEY_CUES = re.compile(r"예산|지원액|금액|사업비|인건비|운영비|경비|비용|돈|지원금|액수|임금|급여|수당")
_RATE_CUES = re.compile(r"률|율|비율|%|퍼센트")
_AMOUNT = re.compile(AMOUNT)
_RATE = re.compile(r"(\d+(?:\.\d+)?)\s*%")
_COUNT = re.compile(r"(\d[\d,]*)\s*(?:명|개소|개사|개|건|팀|회|가구|호|곳)")
# A label that sums the others up is not one of the compared items.
_TOTAL_LABEL = re.compile(r"^(?:총\s*계|합\s*계|소\s*계|계|전체|총괄)$|목표|총\s*\d")
MIN_ITEMS = 2  # a comparison needs at least two items of the same kind in the passage


@dataclass(frozen=True)
class Compared:
    index: int  # position in the candidates given
    label: str
    value: float


def asked_extreme(question: str) -> Extreme | None:
    if _MAX.search(question):
        return Extreme.MAX
    if _MIN.search(question):
        return Extreme.MIN
    return None


def _value(text: str, kind: str) -> float | None:
    if kind == "money":
        m = _AMOUNT.search(text)
        parsed = parse_amount(m.group(0)) if m else None
        return parsed[0] if parsed else None
    m = (_RATE if kind == "rate" else _COUNT).search(text)
    return parse_number(m.group(1)) if m else None


_CELL = re.compile(r"^\s*([가-힣A-Za-z][^,\d]{0,20}?)\s*(\d.*)$")


def _named_cells(text: str, kind: str) -> list[tuple[str, float]]:
    """"name value" cells of a comma-separated list, each with its value of `kind`."""
    out = []
    for cell in re.split(r",\s+", text):
        m = _CELL.match(cell)
        value = _value(m.group(2), kind) if m else None
        if m and value is not None:
            out.append((m.group(1).strip(), value))
    return out


def value_kind(question: str) -> str:
    if _MONEY_CUES.search(question):
        return "money"
    if _RATE_CUES.search(question):
        return "rate"
    return "count"


def compare_items(question: str, texts: list[str]) -> list[Compared] | None:
    """The items (label : value) of one passage ordered best first for the question's extreme, or
    None when the passage holds no such list."""
    extreme = asked_extreme(question)
    if extreme is None:
        return None
    kind = value_kind(question)
    found: list[Compared] = []
    for i, text in enumerate(texts):
        label, sep, rest = re.sub(r"^[\s○□■◦•‣▸－−\-※*·ㆍ]+", "", text).partition(":")
        label = label.strip()
        if not sep or not label or _TOTAL_LABEL.search(label.replace(" ", "")):
            continue
        cells = _named_cells(rest, kind)
        if len(cells) >= MIN_ITEMS:  # "인스타그램 449명, 블로그 63명, 카카오플러스 2,342명": the list is inside
            found += [Compared(i, name, value) for name, value in cells]
            continue
        value = _value(rest, kind)
        if value is not None:
            found.append(Compared(i, label, value))
    if len({c.label for c in found}) < MIN_ITEMS:
        return None
    return sorted(found, key=lambda c: -c.value if extreme is Extreme.MAX else c.value)
