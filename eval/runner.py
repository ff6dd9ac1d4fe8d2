"""Pipelines → scored rows. One pipeline object per run, so the model/index load happens once."""
from __future__ import annotations

import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Protocol

from assistant.types import Answer
from eval.dataset import EvalRow
from eval.scoring import RowScore, score_row

PIPELINES = ("assistant", "langchain-baseline")
MODES = ("extractive", "generative")


class Pipeline(Protocol):
    name: str

    def ask(
        self, question: str, history: list[Answer] | None = None, qid: str = "", mode: str | None = None
    ) -> Answer: ...


class ModeUnavailable(RuntimeError):
    """The requested mode cannot run at all (e.g. generative without an LLM): stop the run."""


class AssistantPipeline:
    name = "assistant"

    def __init__(self) -> None:
        from assistant.service import Assistant  # imported late: the core may be absent

        self.bot = Assistant.load()

    def ask(
        self, question: str, history: list[Answer] | None = None, qid: str = "", mode: str | None = None
    ) -> Answer:
        return self.bot.ask(question, history=history, qid=qid, mode=mode)


def load_pipeline(name: str) -> Pipeline:
    if name == "assistant":
        return AssistantPipeline()
    if name == "langchain-baseline":
        from eval.baseline_langchain import LangChainBaseline

        return LangChainBaseline()
    raise ValueError(f"알 수 없는 파이프라인입니다: {name} (가능: {', '.join(PIPELINES)})")


@dataclass
class RowResult:
    row: EvalRow
    answer: Answer
    score: RowScore
    history_answers: list[Answer] = field(default_factory=list)
    error: str = ""


def run_row(pipeline: Pipeline, row: EvalRow, mode: str | None) -> RowResult:
    """Ask the history questions first in one conversation; score only the last answer."""
    history: list[Answer] = []
    t0 = time.perf_counter()
    try:
        for i, q in enumerate(row.history, start=1):
            history.append(pipeline.ask(q, history=list(history), qid=f"{row.id}#h{i}", mode=mode))
        ans = pipeline.ask(row.question, history=list(history), qid=row.id, mode=mode)
        error = ""
    except Exception as e:  # one broken row must not hide the other results...
        if _mode_unavailable(e, mode):  # ...but a mode that cannot run at all stops the run
            raise ModeUnavailable(str(e)) from e
        ans, error = _error_answer(row, mode, t0), f"{type(e).__name__}: {e}"
    return RowResult(row=row, answer=ans, score=score_row(row, ans, error), history_answers=history, error=error)


def _mode_unavailable(e: Exception, mode: str | None) -> bool:
    try:
        from assistant.errors import GenerationUnavailable
    except ImportError:
        GenerationUnavailable = None  # noqa: N806
    if GenerationUnavailable is not None and isinstance(e, GenerationUnavailable):
        return True
    # The core's contract: generative mode without an LLM raises a RuntimeError.
    return mode == "generative" and isinstance(e, RuntimeError)


def _error_answer(row: EvalRow, mode: str | None, t0: float) -> Answer:
    return Answer(
        id=row.id, question=row.question, answer="", abstained=False, mode=mode or "extractive",
        latency_ms=round((time.perf_counter() - t0) * 1000.0, 2),
    )


def stderr_progress(done: int, total: int, result: RowResult) -> None:
    mark = "✓" if result.score.passed else "✗"
    extra = f"  ({result.error})" if result.error else ""
    print(f"[{done}/{total}] {result.row.id} {mark}{extra}", file=sys.stderr, flush=True)


def run_dataset(
    pipeline: Pipeline,
    rows: list[EvalRow],
    mode: str | None = None,
    progress: Callable[[int, int, RowResult], None] | None = stderr_progress,
) -> list[RowResult]:
    results: list[RowResult] = []
    for i, row in enumerate(rows, start=1):
        result = run_row(pipeline, row, mode)
        results.append(result)
        if progress:
            progress(i, len(rows), result)
    return results
