"""Pure scoring: one answer against one eval row, then averages over rows.

Rules (issue "eval harness"): matching removes ALL whitespace on both sides and ignores Latin
case; an answer longer than MAX_ANSWER_CHARS is wrong (the contract wants an answer, not a
pasted passage); answer/citation/hit/MRR average over answerable rows only.
"""
from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from assistant.types import Answer, RetrievedPassage
from eval.dataset import EvalRow

MAX_ANSWER_CHARS = 300
MRR_DEPTH = 10

METRIC_KEYS: tuple[str, ...] = (
    "answer_acc",
    "citation_acc",
    "hit1",
    "hit5",
    "mrr",
    "abstain_acc",
    "false_abstain",
    "latency_p50_ms",
    "latency_p95_ms",
)

# Korean labels for everything a user reads (reports, CLI tables).
METRIC_LABELS: dict[str, str] = {
    "answer_acc": "답변 정확도",
    "citation_acc": "인용 정확도",
    "hit1": "검색 적중@1",
    "hit5": "검색 적중@5",
    "mrr": "MRR@10",
    "abstain_acc": "답변 불가 판정 정확도",
    "false_abstain": "잘못된 답변 거절 비율",
    "latency_p50_ms": "응답 시간 p50 (ms)",
    "latency_p95_ms": "응답 시간 p95 (ms)",
}
LATENCY_KEYS = ("latency_p50_ms", "latency_p95_ms")


def normalize(text: str) -> str:
    """Drop every whitespace character (PDF extraction spaces Korean words at random) and lower Latin."""
    return "".join(text.split()).lower()


def contains_any(text: str, alternatives: Iterable[str]) -> bool:
    hay = normalize(text)
    return any(normalize(alt) in hay for alt in alternatives if normalize(alt))


def missing_groups(answer: str, groups: Sequence[Sequence[str]]) -> list[list[str]]:
    """The answer_contains groups with no alternative present in the answer."""
    return [list(g) for g in groups if not contains_any(answer, g)]


def first_hit_rank(retrieved: Sequence[RetrievedPassage], evidence: Sequence[str]) -> int | None:
    """1-based position of the first passage containing an evidence alternative, None if none."""
    if not evidence:
        return None
    ordered = sorted(retrieved, key=lambda p: p.rank)
    for pos, passage in enumerate(ordered, start=1):
        if contains_any(passage.text, evidence):
            return pos
    return None


@dataclass(frozen=True)
class RowScore:
    category: str
    answerable: bool
    abstained: bool
    answer_ok: bool  # answerable: all groups present, not abstained, not too long
    citation_ok: bool
    hit_rank: int | None
    latency_ms: float
    passed: bool  # answerable: answer_ok; unanswerable: abstained
    reasons: list[str] = field(default_factory=list)  # why `passed` is False (Korean)


def score_row(row: EvalRow, ans: Answer, error: str = "") -> RowScore:
    reasons: list[str] = []
    if error:
        reasons.append(f"실행 오류: {error}")
    text = ans.answer or ""
    if row.answerable:
        missing = missing_groups(text, row.answer_contains)
        too_long = len(text.strip()) > MAX_ANSWER_CHARS
        if ans.abstained:
            reasons.append("답할 수 있는 질문인데 답변을 거절함")
        else:
            if too_long:
                reasons.append(f"답변이 {MAX_ANSWER_CHARS}자를 넘음 ({len(text.strip())}자)")
            for group in missing:
                reasons.append("답변에 기대한 내용 없음: " + " | ".join(group))
        answer_ok = not ans.abstained and not too_long and not missing and not error
        citation_ok = any(contains_any(c.text, row.evidence_contains) for c in ans.citations)
        hit_rank = first_hit_rank(ans.retrieved, row.evidence_contains)
        passed = answer_ok
    else:
        if not ans.abstained:
            reasons.append("답할 수 없는 질문인데 답변함")
        answer_ok = citation_ok = False
        hit_rank = None
        passed = ans.abstained and not error
    return RowScore(
        category=row.category,
        answerable=row.answerable,
        abstained=ans.abstained,
        answer_ok=answer_ok,
        citation_ok=citation_ok,
        hit_rank=hit_rank,
        latency_ms=float(ans.latency_ms),
        passed=passed,
        reasons=reasons,
    )


def percentile(values: Sequence[float], q: float) -> float | None:
    """Linear-interpolated percentile (numpy's default), None for no values."""
    if not values:
        return None
    xs = sorted(values)
    pos = (len(xs) - 1) * q / 100.0
    lo, hi = math.floor(pos), math.ceil(pos)
    return xs[lo] + (xs[hi] - xs[lo]) * (pos - lo)


def _mean(flags: Sequence[float]) -> float | None:
    # None, not 0.0: "no answerable rows" must not read as "all wrong".
    return sum(flags) / len(flags) if flags else None


def aggregate(scores: Sequence[RowScore]) -> dict[str, float | None]:
    """Exactly METRIC_KEYS, in order."""
    ans = [s for s in scores if s.answerable]
    unans = [s for s in scores if not s.answerable]
    ranks = [s.hit_rank for s in ans]
    latencies = [s.latency_ms for s in scores]
    return {
        "answer_acc": _mean([s.answer_ok for s in ans]),
        "citation_acc": _mean([s.citation_ok for s in ans]),
        "hit1": _mean([r is not None and r <= 1 for r in ranks]),
        "hit5": _mean([r is not None and r <= 5 for r in ranks]),
        "mrr": _mean([1.0 / r if r is not None and r <= MRR_DEPTH else 0.0 for r in ranks]),
        "abstain_acc": _mean([s.abstained for s in unans]),
        "false_abstain": _mean([s.abstained for s in ans]),
        "latency_p50_ms": percentile(latencies, 50),
        "latency_p95_ms": percentile(latencies, 95),
    }


def by_category(scores: Sequence[RowScore]) -> dict[str, dict[str, float | int | None]]:
    """Per category: row counts plus the same metrics, categories sorted by name."""
    groups: dict[str, list[RowScore]] = {}
    for s in scores:
        groups.setdefault(s.category, []).append(s)
    out: dict[str, dict[str, float | int | None]] = {}
    for cat in sorted(groups):
        rows = groups[cat]
        out[cat] = {
            "n": len(rows),
            "n_answerable": sum(s.answerable for s in rows),
            "passed": sum(s.passed for s in rows),
            **aggregate(rows),
        }
    return out
