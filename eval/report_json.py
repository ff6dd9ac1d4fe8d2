"""report.json: the machine-readable run record that `compare` and the renderers read."""
from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from eval.runner import RowResult
from eval.scoring import aggregate, by_category

REPORT_VERSION = 1


@dataclass(frozen=True)
class RunMeta:
    dataset: str
    pipeline: str
    mode: str
    started_at: str  # ISO local time
    wall_time_s: float  # load + all rows
    load_time_s: float

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def _round(v: float | int | None, nd: int = 4) -> float | int | None:
    return round(v, nd) if isinstance(v, float) else v


def row_to_dict(r: RowResult) -> dict[str, Any]:
    a, s = r.answer, r.score
    return {
        "id": r.row.id,
        "category": r.row.category,
        "question": r.row.question,
        "history": list(r.row.history),
        "answerable": r.row.answerable,
        "expected": {
            "answer_contains": r.row.answer_contains,
            "evidence_contains": r.row.evidence_contains,
        },
        "answer": a.answer,
        "abstained": a.abstained,
        "mode": a.mode,
        "notice": a.notice,
        "resolved_question": a.resolved_question,
        "citations": [asdict(c) for c in a.citations],
        "retrieved": [asdict(p) for p in a.retrieved],
        "latency_ms": a.latency_ms,
        "history_answers": [
            {"question": h.question, "answer": h.answer, "abstained": h.abstained} for h in r.history_answers
        ],
        "answer_ok": s.answer_ok,
        "citation_ok": s.citation_ok,
        "hit_rank": s.hit_rank,
        "passed": s.passed,
        "reasons": s.reasons,
        "error": r.error,
    }


def build_report(results: list[RowResult], meta: RunMeta) -> dict[str, Any]:
    scores = [r.score for r in results]
    return {
        "version": REPORT_VERSION,
        "meta": meta.to_dict(),
        "counts": {
            "rows": len(results),
            "answerable": sum(s.answerable for s in scores),
            "unanswerable": sum(not s.answerable for s in scores),
            "passed": sum(s.passed for s in scores),
            "errors": sum(bool(r.error) for r in results),
        },
        "metrics": {k: _round(v) for k, v in aggregate(scores).items()},
        "by_category": {
            cat: {k: _round(v) for k, v in m.items()} for cat, m in by_category(scores).items()
        },
        "rows": [row_to_dict(r) for r in results],
    }


def write_json(report: dict[str, Any], path: Path) -> None:
    path.write_text(json.dumps(report, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def load_report(path: Path | str) -> dict[str, Any]:
    path = Path(path)
    if path.is_dir():  # accept the run folder as well as the file
        path = path / "report.json"
    return json.loads(path.read_text(encoding="utf-8"))
