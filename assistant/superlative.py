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
from kotext.text import josa
from questions.exclusion import excluded_names, sets_aside


class Extreme(Enum):
    MAX = "max"
    MIN = "min"


# "일반형 다음으로 많은": the extreme of the rest once the named one is set aside (questions/exclusion.py)
_MAX = re.compile(r"(?:가장|제일|다음으로)\s*(?:높|많|크|큰|길)|최고|최대")
_MIN = re.compile(r"(?:가장|제일|다음으로)\s*(?:낮|적|작)|최저|최소")
# "목표액", "구매액", "집행액": a noun ending in 액 (amount) is money, as are the words listed.
_MONEY_CUES = re.compile(r"예산|금액|사업비|인건비|운영비|경비|비용|돈|지원금|액수|임금|급여|수당|[가-힣]액(?![가-힣])|[가-힣]액(?=[은는이가을를에과와도만]|보다)")
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


_PAREN = re.compile(r"[(（]([^()（）]*\d[^()（）]*)[)）]")
# A counted part: "신규 7개", "재계약 29명" (a share "국 68" or "국비 60%" is a budget's split, not a count)
_PART = re.compile(r"^\s*([가-힣A-Za-z][가-힣A-Za-z·\s]{0,20}?)\s*:?\s*(\d[\d,]*)\s*(?:개소|개사|개팀|개조합|개|명|팀|건|곳|회|가구)\s*$")
# "초기성장지원사업(10개팀) 스케일업지원사업(5개팀)": each name with its count in brackets
_NAMED_COUNT = re.compile(r"([가-힣A-Za-z·]{2,20})\s*[(（]\s*(\d[\d,]*)\s*(?:개소|개팀|개조합|개사|개|명|팀|건|곳|회)[)）]")


def _inner_cells(text: str) -> list[tuple[str, float]]:
    """The parts of a breakdown ("총 25개(신규 7개, 재지정 4개, … 예비 11개)", "49명(신규채용 12명 / 재계약 29명)")
    or a run of "name(count)": the things a "N개 중 가장 …" question compares, without the total."""
    for inside in _PAREN.findall(text):
        parts = [_PART.match(p) for p in re.split(r"\s*[,/]\s*", inside.strip())]
        if len(parts) >= MIN_ITEMS and all(parts):
            return [(m.group(1).strip(), parse_number(m.group(2)) or 0.0) for m in parts]
    named = [(m.group(1), parse_number(m.group(2)) or 0.0) for m in _NAMED_COUNT.finditer(text)]
    return named if len(named) >= MIN_ITEMS else []


def breakdown_total(text: str) -> float | None:
    """What the parts of the text's breakdown add up to, or None when it has none."""
    cells = _inner_cells(text)
    return sum(v for _, v in cells) if cells else None


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
        if kind == "count" and len(inner := _inner_cells(text)) >= MIN_ITEMS:
            found += [Compared(i, name, value) for name, value in inner]
            continue
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
    aside = excluded_names(question)
    if aside is not None:  # "전화 빼면 어떤 방식이 제일 많았어요?": the set-aside items are not compared
        found = [c for c in found if not sets_aside(c.label, aside.names)]
    if len({c.label for c in found}) < MIN_ITEMS:
        return None
    return sorted(found, key=lambda c: -c.value if extreme is Extreme.MAX else c.value)


_WORDS = ((re.compile(r"높|최고"), "높은", "낮은"), (re.compile(r"크|큰|최대"), "큰", "작은"), (re.compile(r"길"), "긴", "짧은"))


def extreme_statement(question: str, text: str) -> str | None:
    """"가장 많은 것은 예비(11개)입니다." for a list inside one item, or None when the item holds no list."""
    ranked = compare_items(question, [text])
    if not ranked or len({c.index for c in ranked}) != 1:
        return None
    extreme = asked_extreme(question)
    high, low = next(((h, l) for cue, h, l in _WORDS if cue.search(question)), ("많은", "적은"))
    winner = ranked[0]
    printed = re.search(rf"{re.escape(winner.label)}\s*[(:]?\s*(\d[\d,.]*\s*[가-힣%]{{0,3}})", text)
    shown = f"{winner.label}({printed.group(1).strip()})" if printed else winner.label
    head = f"가장 {high if extreme is Extreme.MAX else low} 것은 {shown}입니다."
    if (aside := excluded_names(question)) is not None:
        named = "·".join(aside.names)
        head = f"{named}{josa(named, '을/를')} 빼면 {head}"
    return head
