"""`python -m assistant batch`: every input row gets an answer or its own Korean error, and the output
file appears complete or not at all (temp file in the same folder, fsync, os.replace).

A bad row (not JSON, no question, a question the tokenizer cannot take, an internal error) never
stops the batch: it becomes `{"id", "question", "error"}` in the output and is counted in the summary.
"""
from __future__ import annotations

import json
import logging
import os
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from assistant.errors import GenerationUnavailable, QuestionError, printable, validate_question
from assistant.types import Answer

from assistant import search_scope
from retrieval.hybrid import SearchFilters

logger = logging.getLogger(__name__)
MAX_LINE_BYTES = 1_000_000  # a row longer than this is refused unread (a question is ≤ 2,000 characters)


@dataclass(frozen=True)
class Row:
    id: str
    question: Any = None
    history: tuple[Any, ...] = ()
    error: str = ""  # set when the row itself could not be read
    filters: SearchFilters | None = None  # the row's search scope ("filters": {"doc", "office"})


@dataclass
class BatchResult:
    total: int = 0
    answered: int = 0
    errors: list[tuple[str, str]] = field(default_factory=list)  # (row id, Korean message)


def _parse_line(n: int, raw: bytes, name: str) -> Row | None:
    fallback = f"row-{n}"
    if len(raw) > MAX_LINE_BYTES:
        return Row(fallback, error=f"{name} {n}행: 행이 너무 깁니다({len(raw):,}바이트).")
    try:
        line = raw.decode("utf-8")
    except UnicodeDecodeError:
        return Row(fallback, error=f"{name} {n}행: UTF-8 텍스트가 아닙니다.")
    if not line.strip():
        return None
    try:
        data = json.loads(line)
    except json.JSONDecodeError as exc:
        return Row(fallback, error=f"{name} {n}행: JSON 형식이 아닙니다({exc.msg}).")
    if not isinstance(data, dict):
        return Row(fallback, error=f"{name} {n}행: JSON 객체({{...}})가 아닙니다.")
    row_id = printable(data.get("id") if data.get("id") not in (None, "") else fallback, 100)
    if "question" not in data:
        return Row(row_id, error=f"{name} {n}행: 'question' 필드가 없습니다.")
    history = data.get("history") or []
    if not isinstance(history, list):
        return Row(row_id, data["question"], error=f"{name} {n}행: 'history'는 질문 목록이어야 합니다.")
    try:
        filters = search_scope.from_dict(data.get("filters"))
    except (ValueError, AttributeError, TypeError) as exc:
        return Row(row_id, data["question"], error=f"{name} {n}행: {exc}")
    return Row(row_id, data["question"], tuple(history), filters=filters)


def read_rows(path: Path) -> list[Row]:
    """All rows of a JSONL file; unreadable rows carry their error. Raises OSError only when the
    file itself cannot be read."""
    data = Path(path).read_bytes()
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    rows = []
    for n, raw in enumerate(data.split(b"\n"), start=1):
        row = _parse_line(n, raw.rstrip(b"\r"), Path(path).name)
        if row is not None:
            rows.append(row)
    return rows


def answer_row(assistant, row: Row, mode: str | None = None) -> dict[str, Any]:
    """The answer's JSON, or `{"id", "question", "error"}` with a Korean message."""
    if row.error:
        return {"id": row.id, "question": printable(row.question), "error": row.error}
    try:
        scope = row.filters or SearchFilters()
        if not scope.is_everything:
            search_scope.check_scope(assistant, scope)
        history: list[Answer] = []
        for k, earlier in enumerate(row.history, start=1):
            try:
                history.append(assistant.ask(validate_question(earlier), history=history, filters=scope))
            except QuestionError as exc:
                raise QuestionError(f"대화 기록(history)의 {k}번째 질문: {exc.message}") from exc
        return assistant.ask(validate_question(row.question), history=history, qid=row.id, mode=mode, filters=scope).to_dict()
    except QuestionError as exc:
        message = exc.message
    except ValueError as exc:  # a scope that names no document/office of the index
        message = str(exc)
    except GenerationUnavailable as exc:
        message = str(exc)
    except Exception as exc:  # one broken row must not take the others down
        logger.exception("batch row %s failed", row.id)
        message = f"이 질문을 처리하지 못했습니다(내부 오류: {type(exc).__name__})."
    return {"id": row.id, "question": printable(row.question), "error": message}


def _json_line(record: dict[str, Any]) -> str:
    line = json.dumps(record, ensure_ascii=False)
    try:
        line.encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate somewhere: ASCII escapes are still valid JSON
        line = json.dumps(record, ensure_ascii=True)
    return line + "\n"


def run_batch(assistant, rows: list[Row], output: Path, mode: str | None = None,
              progress: Callable[[int, int], None] | None = None) -> BatchResult:
    """Answer every row into `output`, atomically: on any failure (even Ctrl+C) the temp file is
    removed and an existing `output` is left as it was."""
    output = Path(output)
    output.parent.mkdir(parents=True, exist_ok=True)
    result = BatchResult(total=len(rows))
    fd, tmp_name = tempfile.mkstemp(prefix=f".{output.name}.", suffix=".tmp", dir=output.parent)
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            for i, row in enumerate(rows, start=1):
                record = answer_row(assistant, row, mode)
                if "error" in record:
                    result.errors.append((row.id, record["error"]))
                else:
                    result.answered += 1
                out.write(_json_line(record))
                if progress:
                    progress(i, len(rows))
            out.flush()
            os.fsync(out.fileno())
        os.replace(tmp, output)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return result
