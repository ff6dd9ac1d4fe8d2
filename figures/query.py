"""Filtering facts and the arithmetic over them: extremes, differences, sums, rankings.

Every operation checks units first (amounts are already in 원; 개 and 명 never mix) and keeps
figures of one as-of month together, so a result never silently mixes dates or units.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from figures.facts import Fact
from figures.metrics import metric_for, squash
from kotext.numbers import decimals_of, format_value, korean_won
from kotext.text import josa

OPERATIONS = {"max": "최댓값", "min": "최솟값", "diff": "차이", "sum": "합계", "rank": "순위", "lookup": "조회",
              "above": "기준보다 큰 값", "below": "기준보다 작은 값", "ratio": "비율"}
RATE_DECIMALS = 1  # a derived rate is printed as the reports print theirs: "54.8%"


class IncompatibleFigures(ValueError):
    """Figures that cannot be combined (different units or dates); the message is Korean."""

    def __init__(self, message: str, facts: list[Fact] | None = None) -> None:
        super().__init__(message)
        self.facts = list(facts or [])


@dataclass
class Calculation:
    operation: str
    metric: str
    unit: str  # base unit of the operands ("원", "%", "개" …)
    operands: list[Fact]
    result: float | None = None
    winner: Fact | None = None  # max/min
    notes: list[str] = field(default_factory=list)  # Korean remarks (excluded dates …)
    selected: list[Fact] = field(default_factory=list)  # above/below: the operands past the threshold
    reference: Fact | None = None  # above/below: the figure compared against, when it is one of the facts

    @property
    def as_of_text(self) -> str:
        texts = {f.as_of_text for f in self.operands if f.as_of_text}
        return next(iter(texts)) if len(texts) == 1 else ""

    @property
    def result_unit(self) -> str:
        return "%p" if self.operation == "diff" and self.unit == "%" else self.unit

    def result_text(self) -> str:
        if self.result is None:
            return ""
        if self.operation == "ratio":  # operands in 억원 have no decimals; a rate has RATE_DECIMALS
            return format_value(self.result, "%", decimals=RATE_DECIMALS)
        return show(self.result, self.result_unit, self.operands)

    def to_dict(self, numbers: dict[str, int] | None = None) -> dict[str, Any]:
        numbers = numbers or {}
        return {
            "operation": self.operation,
            "metric": self.metric,
            "operands": [
                {
                    "subject": f.subject, "metric": f.metric, "value": f.value, "unit": f.unit, "raw": f.raw,
                    "as_of": f.as_of, "period": f.period, "doc_id": f.doc_id, "line_start": f.line_start,
                    "line_end": f.line_end, "fact_id": f.id, "citation": numbers.get(f.id),
                }
                for f in self.operands
            ],
            "result": {"value": self.result, "unit": self.result_unit, "text": self.result_text()}
            if self.result is not None else None,
            "winner": self.winner.subject if self.winner else None,
            "selected": [f.subject for f in self.selected],
            "reference": {"subject": self.reference.subject, "raw": self.reference.raw, "citation": numbers.get(self.reference.id)}
            if self.reference else None,
            "as_of": self.as_of_text,
            "notes": list(self.notes),
        }


def show(value: float, unit: str, like: list[Fact]) -> str:
    """A computed value in the style of its operands: same printed unit and decimals."""
    decimals = max((decimals_of(f.raw) for f in like), default=None)
    if decimals is None:  # no operands to copy: as many decimals as the value has, at most two
        decimals = 0 if float(value).is_integer() else min(2, len(f"{value:.2f}".rstrip("0").split(".")[1]))
    if unit == "원":
        printed = {f.raw.lstrip("-0123456789,.조 ").strip() for f in like}
        same = next(iter(printed)) if len(printed) == 1 else ""
        text = format_value(value, "원", like=same)
        if abs(value) < 1e8 or text.endswith(("억원", "조원")):
            return text
        return f"{text}({korean_won(value)})"  # 천원/백만원 totals also in 억/만원
    return format_value(value, unit, decimals=decimals if unit in ("%", "%p") else 0)


def one_as_of(facts: list[Fact]) -> tuple[list[Fact], list[str]]:
    """Keep the figures of the most common as-of month; say what was left out."""
    months = Counter(f.as_of_month for f in facts if f.as_of_month)
    if len(months) <= 1:
        return facts, []
    keep = months.most_common(1)[0][0]
    kept = [f for f in facts if f.as_of_month in ("", keep)]
    dropped = [f for f in facts if f.as_of_month not in ("", keep)]
    notes = [f"기준일이 다른 {len(dropped)}개 수치({', '.join(sorted({f.as_of_text for f in dropped}))})는 제외했습니다."]
    return kept, notes


def _check_units(facts: list[Fact]) -> str:
    if len(facts) < 2:
        raise IncompatibleFigures("비교할 수 있는 같은 기준일의 수치가 둘 이상 있어야 합니다.", facts)
    units = {f.unit for f in facts}
    if len(units) > 1:
        raise IncompatibleFigures(f"단위가 서로 달라({', '.join(sorted(units))}) 계산할 수 없습니다.", facts)
    return units.pop() if units else ""


def extreme(facts: list[Fact], op: str) -> Calculation:
    facts, notes = one_as_of(facts)
    unit = _check_units(facts)
    winner = (max if op == "max" else min)(facts, key=lambda f: f.value)
    ties = [f for f in facts if f.value == winner.value and f is not winner]
    if ties:
        notes.append("같은 값: " + ", ".join(f.subject for f in ties))
    return Calculation(op, facts[0].metric, unit, facts, winner.value, winner, notes)


def _same_dates(facts: list[Fact], what: str) -> None:
    """Sums and differences need one as-of month: two report dates are never combined."""
    dates = sorted({f.as_of_text or f.as_of for f in facts if f.as_of_month}, key=str)
    if len({f.as_of_month for f in facts if f.as_of_month}) > 1:
        raise IncompatibleFigures(f"기준일이 서로 달라({' / '.join(dates)}) {what}하지 않았습니다.", facts)


# One program's posts and its people are one count: "목표 18,500명" against "18,244개 일자리 발굴".
HEAD_COUNTS = frozenset({"개", "명"})


def difference(a: Fact, b: Fact, asked_unit: str = "") -> Calculation:
    """a − b (the first-named minus the second); the answer states which is larger. Two metrics of
    one entity (asked_unit given) may count its posts in 개 and its people in 명."""
    _same_dates([a, b], "차이를 계산")
    facts, notes = [a, b], []
    if asked_unit and a.unit != b.unit and {a.unit, b.unit} <= HEAD_COUNTS:
        unit = asked_unit if asked_unit in HEAD_COUNTS else a.unit
        notes.append(f"{a.metric}{josa(a.metric, '은/는')} {a.unit}, {b.metric}{josa(b.metric, '은/는')} "
                     f"{b.unit}{josa(b.unit, '으로/로')} 적혀 있어 같은 수로 보고 뺐습니다.")
    else:
        unit = _check_units(facts)
    return Calculation("diff", a.metric, unit, [a, b], a.value - b.value, None, notes)


def share(part: Fact, whole: Fact, metric: str) -> Calculation:
    """part ÷ whole × 100 of one entity: a rate the report does not print (실적 ÷ 목표 = 달성률,
    집행액 ÷ 예산액 = 집행률). Posts (개) and people (명) count as one unit, as in difference()."""
    _same_dates([part, whole], "비율을 계산")
    if part.unit != whole.unit and not {part.unit, whole.unit} <= HEAD_COUNTS:
        _check_units([part, whole])
    if not whole.value:
        raise IncompatibleFigures("0으로 나눌 수 없습니다.", [part, whole])
    return Calculation("ratio", metric, "%", [part, whole], round(part.value / whole.value * 100, RATE_DECIMALS))


def total(facts: list[Fact]) -> Calculation:
    _same_dates(facts, "합산")
    notes: list[str] = []
    unit = _check_units(facts)
    if unit == "%":
        raise IncompatibleFigures("비율(%)은 더할 수 없습니다. 금액이나 개수를 합산해 보세요.", facts)
    return Calculation("sum", facts[0].metric, unit, facts, sum(f.value for f in facts), None, notes)


def ranking(facts: list[Fact], descending: bool = True) -> Calculation:
    facts, notes = one_as_of(facts)
    unit = _check_units(facts)
    ordered = sorted(facts, key=lambda f: f.value, reverse=descending)
    return Calculation("rank", facts[0].metric, unit, ordered, None, ordered[0], notes)


def threshold(facts: list[Fact], value: float, above: bool, reference: Fact | None = None) -> Calculation:
    """The figures greater (or smaller) than a reference value of the same metric and unit."""
    facts, notes = one_as_of(facts + ([reference] if reference else []))
    if reference is not None:
        facts = [f for f in facts if f is not reference]
    unit = _check_units(facts + ([reference] if reference else []))
    chosen = [f for f in facts if (f.value > value if above else f.value < value)]
    chosen.sort(key=lambda f: f.value, reverse=above)
    return Calculation("above" if above else "below", facts[0].metric, unit, facts, value, None, notes, chosen, reference)


def canonical_metric(name: str) -> str:
    """'집행율' → '집행률', '예산' → '예산액'; names already canonical pass through."""
    return metric_for(name) or name.strip()


def filter_facts(
    facts: list[Fact],
    query: str = "",
    office: str = "",
    metric: str = "",
    doc: str = "",
    scope: str = "",
) -> list[Fact]:
    """The facts matching every given filter (whitespace-insensitive substring matches)."""
    q, o, d = squash(query), squash(office), squash(doc)
    m = canonical_metric(metric) if metric else ""
    out = []
    for f in facts:
        if q and not any(q in squash(t) for t in (f.subject, f.label, f.program, f.context, f.section, f.raw)):
            continue
        if o and o not in squash(f.office) and o not in squash(f.subject):
            continue
        if m and f.metric != m:
            continue
        if d and d not in squash(f.doc_id) and d not in squash(f.doc_title):
            continue
        if scope and f.scope != scope:
            continue
        out.append(f)
    return out
