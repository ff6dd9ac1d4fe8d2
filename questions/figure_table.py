"""A comparison answer's figures as rows (one per office, program or year), so a front end can
show them as a table and a chart without reading the answer text back."""
from __future__ import annotations

from dataclasses import asdict, dataclass
from enum import Enum
from typing import Any


class RowRole(str, Enum):
    """What a row is in the comparison (a str, so it is stored as its value in JSON)."""

    PLAIN = ""  # one of the compared figures
    WINNER = "winner"  # the largest/smallest asked for, or the first of a ranking
    SELECTED = "selected"  # above/below: past the threshold
    REFERENCE = "reference"  # above/below: the figure compared against
    RESULT = "result"  # a computed sum or difference (not a report figure)


@dataclass(frozen=True)
class FigureRow:
    name: str  # the row as the answer names it ("경제정책실", "’19년", "합계")
    raw: str  # the figure as printed or computed, with its unit ("3,983억원", "54.8%")
    value: float  # in `FigureTable.unit` (amounts in 원)
    as_of: str = ""  # the report's own as-of wording ("‘21.5월말 기준"), "" when none
    citation: int | None = None  # the answer's [n] for this figure; None for a computed row
    role: RowRole = RowRole.PLAIN


@dataclass(frozen=True)
class FigureTable:
    operation: str  # figures.query.OPERATIONS key: max, min, rank, sum, diff, above, below
    dimension: str  # header of the name column ("실국", "단위사업", "연도", "대상")
    metric: str  # header of the value column ("달성률", "예산액")
    unit: str  # base unit shared by the compared figures ("%", "원", "개")
    lead: str  # the answer without the one-line listing the rows replace ([n] markers kept)
    rows: tuple[FigureRow, ...]

    @property
    def compared(self) -> tuple[FigureRow, ...]:
        """The report's figures (no computed sum/difference row): what a chart draws."""
        return tuple(r for r in self.rows if r.role is not RowRole.RESULT)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "FigureTable":
        rows = tuple(FigureRow(**{**r, "role": RowRole(r.get("role", ""))}) for r in d.get("rows", ()))
        return cls(d["operation"], d.get("dimension", ""), d.get("metric", ""), d.get("unit", ""), d.get("lead", ""), rows)
