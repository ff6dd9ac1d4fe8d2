"""One figure stated twice: a report often gives a number in a sentence ("○ 일자리: 278,234개 …")
and again in the table below it, or repeats it in two meetings' reports. A listing shows such
copies as one figure with every place it is stated, instead of rows that look like duplicates."""
from __future__ import annotations

from dataclasses import dataclass

from figures.facts import Fact

SOURCE_NAMES = {"table": "표", "sentence": "문장"}


def copy_key(f: Fact) -> tuple:
    """Facts with equal keys state the same figure: same document, what it is about, metric,
    value, unit, as-of date and period (the line, the wording and the meeting may differ)."""
    return (f.doc_id, f.scope, f.subject, f.metric, f.value, f.unit, f.as_of, f.period)


@dataclass(frozen=True)
class StatedFigure:
    """A figure and every fact stating it, in corpus order; `fact` is the one shown (a table's
    copy when there is one: its row has the column headers that say what the number is)."""

    copies: tuple[Fact, ...]

    @property
    def fact(self) -> Fact:
        return next((f for f in self.copies if f.source == "table"), self.copies[0])

    def joined(self, field: str) -> str:
        """The distinct non-empty values of `field` over the copies, "·"-joined ("제3차회의·제4차회의")."""
        return "·".join(dict.fromkeys(v for f in self.copies if (v := getattr(f, field))))

    @property
    def lines(self) -> str:
        return ", ".join(dict.fromkeys(_line_range(f) for f in self.copies))

    @property
    def sources(self) -> str:
        """Each copy's kind, line and text: "표 361행: 계: … / 문장 331행: ○’21년 …"."""
        return " / ".join(
            f"{SOURCE_NAMES.get(f.source, f.source)} {_line_range(f)}행: {f.context}".rstrip(": ") for f in self.copies
        )


def _line_range(f: Fact) -> str:
    return f"{f.line_start}–{f.line_end}" if f.line_end != f.line_start else str(f.line_start)


def merge_copies(facts: list[Fact]) -> list[StatedFigure]:
    """The facts grouped by `copy_key`, in the order each figure is first stated."""
    groups: dict[tuple, list[Fact]] = {}
    for f in facts:
        groups.setdefault(copy_key(f), []).append(f)
    return [StatedFigure(tuple(g)) for g in groups.values()]
