"""CSV (질문, 정답, 근거[, 분류][, id]) → eval JSONL, all or nothing.

정답: groups separated by ";", alternatives within a group by "|"; empty 정답 = unanswerable.
근거: alternatives separated by "|". Staff export from Excel, so CP949/EUC-KR is as common
as UTF-8 (with or without BOM).
"""
from __future__ import annotations

import csv
import io
import json
import os
import tempfile
from pathlib import Path

from eval.dataset import EvalRow

REQUIRED = ("질문", "정답", "근거")
DEFAULT_CATEGORY = "미분류"


class CsvImportError(ValueError):
    """Korean message naming the line; nothing has been written when this is raised."""

    def __init__(self, message: str, line: int | None = None) -> None:
        super().__init__(f"{line}번째 줄: {message}" if line else message)
        self.line = line


def decode(data: bytes) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp949")  # superset of EUC-KR
    except UnicodeDecodeError:
        raise CsvImportError("파일 인코딩을 읽을 수 없습니다. UTF-8 또는 CP949(EUC-KR)로 저장해 주세요.") from None


def _alts(text: str) -> list[str]:
    return [a.strip() for a in text.split("|") if a.strip()]


def parse_answer(text: str) -> list[list[str]]:
    return [g for g in (_alts(part) for part in text.split(";")) if g]


def parse_csv(text: str) -> list[EvalRow]:
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = [h.strip() for h in next(reader)]
    except StopIteration:
        raise CsvImportError("파일이 비어 있습니다.") from None
    except csv.Error as e:
        raise CsvImportError(f"CSV 형식 오류 ({e})", 1) from None
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        raise CsvImportError(
            f"필수 열이 없습니다: {', '.join(missing)} (머리글에 {', '.join(REQUIRED)} 열이 있어야 합니다)", 1
        )
    col = {name: header.index(name) for name in header if name}
    rows: list[EvalRow] = []
    seen: dict[str, int] = {}
    prev_line = reader.line_num
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            break
        except csv.Error as e:
            raise CsvImportError(f"CSV 형식 오류 ({e})", prev_line + 1) from None
        line, prev_line = prev_line + 1, reader.line_num  # a quoted cell may span lines
        if not any(c.strip() for c in cells):
            continue
        if len(cells) < len(header):
            raise CsvImportError(f"열 개수가 부족합니다 (머리글 {len(header)}개, 이 줄 {len(cells)}개).", line)
        if len(cells) > len(header) and any(c.strip() for c in cells[len(header):]):
            raise CsvImportError(f"열 개수가 너무 많습니다 (머리글 {len(header)}개, 이 줄 {len(cells)}개).", line)
        get = lambda name: cells[col[name]].strip() if name in col else ""  # noqa: E731
        question = get("질문")
        if not question:
            raise CsvImportError("질문이 비어 있습니다.", line)
        groups = parse_answer(get("정답"))
        evidence = _alts(get("근거"))
        answerable = bool(groups)
        if answerable and not evidence:
            raise CsvImportError("정답이 있는 문항에는 근거가 있어야 합니다.", line)
        row_id = get("id") or f"csv-{len(rows) + 1:03d}"
        if row_id in seen:
            raise CsvImportError(f"id '{row_id}'가 {seen[row_id]}번째 줄과 중복됩니다.", line)
        seen[row_id] = line
        rows.append(EvalRow(
            id=row_id,
            category=get("분류") or DEFAULT_CATEGORY,
            question=question,
            answer_contains=groups,
            evidence_contains=evidence,
            answerable=answerable,
        ))
    if not rows:
        raise CsvImportError("변환할 문항이 없습니다.")
    return rows


def write_jsonl_atomic(rows: list[EvalRow], out: Path) -> None:
    """Write to a temp file beside OUT, then rename: OUT is either complete or untouched."""
    out.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{out.name}.", suffix=".tmp", dir=out.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as f:
            for r in rows:
                f.write(json.dumps(r.to_dict(), ensure_ascii=False) + "\n")
        os.replace(tmp, out)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def import_csv(src: Path | str, out: Path | str) -> list[EvalRow]:
    src, out = Path(src), Path(out)
    if not src.exists():
        raise CsvImportError(f"CSV 파일이 없습니다: {src}")
    rows = parse_csv(decode(src.read_bytes()))
    write_jsonl_atomic(rows, out)
    return rows
