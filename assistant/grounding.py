"""The grounding guard for generated answers: citations must name given evidence blocks, and every
number in the answer must occur in a block the answer cites.

Numbers are compared as values, not strings: "15,067개" matches "15067", "88.7%" matches a table's
"88.7" under "달성률(%)", and "1억 5천만원" matches "150,000천원" or a bare "150,000" in a block
whose table says "(단위: 천원)". Anything else — a rounded, summed or invented figure — is a problem.
"""
from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from kotext.numbers import MULTIPLIERS

# [1], [1,2], [1, 2] — the only citation form the prompt asks for.
CITATION = re.compile(r"\[(\d{1,3}(?:\s*[,，]\s*\d{1,3})*)\]")
_MULTIPLIERS: dict[str, Decimal] = {word: Decimal(factor) for word, factor in MULTIPLIERS.items()}
# A number, then an optional Korean multiplier ("천원", "억원", "만 명"). "백"/"천" count only when a
# unit follows, so a place name such as "천안" after a digit is not read as a multiplier.
_QUANTITY = re.compile(
    r"(?<![\d.,])(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
    r"(?:\s*(조|억|천만|백만|십만|만|천(?=\s*[원명개건회곳%])|백(?=\s*[원명개건회곳])))?(\s*%)?"
)
# "‘21.5월말", "2021.5.31.": a year and a month, not the decimal 21.5.
_DATE_LIKE = re.compile(r"\d+\.\d+(?=월|\.\d)")
_DATE_PARTS = re.compile(r"\d+(?:\.\d+)+")
_YEAR_MARK = "’‘'`"
_TABLE_UNIT = re.compile(r"단위\s*[:：]?\s*(천원|백만원|억원|만원|천명|만명)|[(（]\s*(천원|백만원|억원|만원)\s*[)）]")
_LIST_NUMBER = re.compile(r"^\s*\d{1,2}[.)]\s+", re.M)  # "1. …" list numbering is layout, not a figure


@dataclass(frozen=True)
class Quantity:
    text: str  # as written, for the problem message
    value: Decimal  # scaled by its Korean multiplier, if any ("5천명" → 5000)
    scaled: bool  # had a multiplier: a table unit must not scale it again
    percent: bool = False  # a rate: a table's money unit does not apply


@dataclass(frozen=True)
class GroundingReport:
    ok: bool
    problems: list[str] = field(default_factory=list)
    cited: tuple[int, ...] = ()

    def to_dict(self) -> dict[str, object]:
        return {"ok": self.ok, "problems": list(self.problems)}


def cited_numbers(answer: str) -> list[int]:
    """Citation numbers in order of first use."""
    seen: dict[int, None] = {}
    for m in CITATION.finditer(answer):
        for part in re.split(r"\s*[,，]\s*", m.group(1)):
            seen.setdefault(int(part), None)
    return list(seen)


def _norm(value: Decimal) -> Decimal:
    """88.70 == 88.7, 1.5E+8 == 150000000: one spelling per value."""
    value = value.quantize(Decimal(1)) if value == value.to_integral_value() else value
    return value.normalize() if value != value.to_integral_value() else value


def quantities(text: str) -> list[Quantity]:
    """Every number in `text` with its value; "1억 5천만원" is one quantity (150,000,000)."""
    found: list[Quantity] = []
    run_start, run_end, run_mult = -1, -1, None  # the multiplier run the last quantity belongs to
    for m in _QUANTITY.finditer(text):
        if "." in m.group(1) and (_DATE_LIKE.match(text, m.start()) or (m.start() and text[m.start() - 1] in _YEAR_MARK)):
            whole = _DATE_PARTS.match(text, m.start())
            for part in whole.group(0).split(".") if whole else m.group(1).split("."):
                found.append(Quantity(part, _norm(Decimal(part)), False))
            run_mult = None
            continue
        try:
            raw = Decimal(m.group(1).replace(",", ""))
        except InvalidOperation:
            continue
        mult = _MULTIPLIERS.get(m.group(2) or "")
        value = raw * mult if mult is not None else raw
        # "1억 5천만": a smaller multiplier right after a larger one continues the same amount.
        if mult is not None and run_mult is not None and mult < run_mult and not text[run_end:m.start()].strip():
            found[-1] = Quantity(text[run_start:m.end()].strip(), _norm(found[-1].value + value), True)
            run_end, run_mult = m.end(), mult
            continue
        found.append(Quantity(m.group(0).strip().rstrip("%").strip(), _norm(value), mult is not None, bool(m.group(3))))
        run_start, run_end, run_mult = m.start(), m.end(), mult
    return found


def block_values(text: str) -> set[Decimal]:
    """All values a block supports: its numbers, and its bare numbers scaled by a table unit
    ("(단위: 천원)" … "1,234,567" supports "12억 3,456만 7천원")."""
    found = quantities(text)
    values = {q.value for q in found}
    for m in _TABLE_UNIT.finditer(text):
        mult = _MULTIPLIERS[(m.group(1) or m.group(2))[:-1]]
        values |= {_norm(q.value * mult) for q in found if not q.scaled and not q.percent}
    return values


def answer_quantities(answer: str) -> list[Quantity]:
    """Numbers the answer states: citation markers and list numbering are not figures."""
    body = CITATION.sub(" ", answer)
    body = _LIST_NUMBER.sub(" ", body)
    return quantities(body)


FLAGGED_PROBLEM = "지시문·피싱 의심 문장에만 있습니다"


def check_grounding(answer: str, blocks: Mapping[int, str], flagged: Mapping[int, str] | None = None) -> GroundingReport:
    """`blocks`: the evidence given to the model, by block number (header and text), without the
    lines ingest flagged as instructions or phishing; `flagged`: those lines, by block number. A
    number found only there is named as such: an answer that obeys an injected line is not grounded."""
    problems: list[str] = []
    cited = cited_numbers(answer)
    unknown = [n for n in cited if n not in blocks]
    for n in unknown:
        problems.append(f"[{n}]은(는) 주어진 근거 블록이 아닙니다")
    valid = [n for n in cited if n in blocks]
    if not valid:
        problems.append("근거 블록을 하나도 인용하지 않았습니다")
    supported: set[Decimal] = set()
    for n in valid:
        supported |= block_values(blocks[n])
    injected: set[Decimal] = set()
    for n in valid:
        injected |= block_values((flagged or {}).get(n, ""))
    for q in answer_quantities(answer):
        if q.value in supported:
            continue
        if q.value in injected:
            problems.append(f"수치 '{q.text}'은(는) 인용한 근거의 {FLAGGED_PROBLEM}")
        else:
            problems.append(f"수치 '{q.text}'이(가) 인용한 근거에 없습니다")
    return GroundingReport(not problems, problems, tuple(valid))
