"""Compare two report.json files: metric deltas and the questions that flipped, both ways."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from eval.report_md import text_table, fmt_metric
from eval.scoring import LATENCY_KEYS, METRIC_KEYS, METRIC_LABELS


@dataclass(frozen=True)
class MetricDelta:
    key: str
    a: float | None
    b: float | None

    @property
    def delta(self) -> float | None:
        return None if self.a is None or self.b is None else self.b - self.a


@dataclass(frozen=True)
class Flip:
    id: str
    question: str
    reasons: list[str] = field(default_factory=list)  # why it fails on the failing side


@dataclass(frozen=True)
class Comparison:
    a_label: str
    b_label: str
    deltas: list[MetricDelta]
    pass_to_fail: list[Flip]
    fail_to_pass: list[Flip]
    only_in_a: list[str]
    only_in_b: list[str]


def _label(report: dict[str, Any]) -> str:
    m = report.get("meta", {})
    return f"{m.get('pipeline', '?')}/{m.get('mode', '?')} {m.get('started_at', '')}".strip()


def compare_reports(a: dict[str, Any], b: dict[str, Any]) -> Comparison:
    deltas = [MetricDelta(k, a["metrics"].get(k), b["metrics"].get(k)) for k in METRIC_KEYS]
    rows_a = {r["id"]: r for r in a["rows"]}
    rows_b = {r["id"]: r for r in b["rows"]}
    common = [i for i in rows_a if i in rows_b]  # keep A's order
    p2f = [Flip(i, rows_b[i]["question"], rows_b[i]["reasons"]) for i in common
           if rows_a[i]["passed"] and not rows_b[i]["passed"]]
    f2p = [Flip(i, rows_a[i]["question"], rows_a[i]["reasons"]) for i in common
           if not rows_a[i]["passed"] and rows_b[i]["passed"]]
    return Comparison(
        a_label=_label(a),
        b_label=_label(b),
        deltas=deltas,
        pass_to_fail=p2f,
        fail_to_pass=f2p,
        only_in_a=[i for i in rows_a if i not in rows_b],
        only_in_b=[i for i in rows_b if i not in rows_a],
    )


def fmt_delta(key: str, d: float | None) -> str:
    if d is None:
        return "-"
    if key in LATENCY_KEYS:
        return f"{d:+,.0f}"
    return f"{d * 100:+.1f}%p"


def _ids(ids: list[str], limit: int = 20) -> str:
    if not ids:
        return "없음"
    more = f" 외 {len(ids) - limit}개" if len(ids) > limit else ""
    return ", ".join(ids[:limit]) + more


def render_comparison(c: Comparison) -> str:
    out = [f"비교: A = {c.a_label}", f"      B = {c.b_label}", ""]
    out.append(text_table(
        ["지표", "A", "B", "변화(B-A)"],
        [[METRIC_LABELS[d.key], fmt_metric(d.key, d.a), fmt_metric(d.key, d.b), fmt_delta(d.key, d.delta)]
         for d in c.deltas],
    ))
    for title, flips in (("통과 → 실패", c.pass_to_fail), ("실패 → 통과", c.fail_to_pass)):
        out += ["", f"[{title}] {len(flips)}개"]
        for f in flips:
            why = f"  ({'; '.join(f.reasons)})" if f.reasons else ""
            out.append(f"  {f.id}  {f.question}{why}")
    if c.only_in_a or c.only_in_b:
        out += ["", "주의: 두 보고서의 문항 구성이 달라 지표 변화를 그대로 비교할 수 없습니다.",
                f"A에만 있는 문항 {len(c.only_in_a)}개: {_ids(c.only_in_a)}",
                f"B에만 있는 문항 {len(c.only_in_b)}개: {_ids(c.only_in_b)}"]
    return "\n".join(out) + "\n"
