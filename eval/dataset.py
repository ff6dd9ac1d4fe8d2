"""Eval set rows (JSONL): typed loading and validation.

Row contract (DESIGN.md "Contracts"): {"id", "category", "question",
"answer_contains": [[alt, ...], ...], "evidence_contains": [alt, ...], "answerable": bool},
optionally "history": [earlier questions ...] and "derived" (free-form provenance, kept as is).
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


class DatasetError(ValueError):
    """A dataset file that cannot be evaluated; the message is Korean and names the line."""


@dataclass(frozen=True)
class EvalRow:
    id: str
    category: str
    question: str
    answer_contains: list[list[str]]
    evidence_contains: list[str]
    answerable: bool
    history: list[str] = field(default_factory=list)
    derived: Any = None

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {
            "id": self.id,
            "category": self.category,
            "question": self.question,
            "answer_contains": [list(g) for g in self.answer_contains],
            "evidence_contains": list(self.evidence_contains),
            "answerable": self.answerable,
        }
        if self.history:
            d["history"] = list(self.history)
        if self.derived is not None:
            d["derived"] = self.derived
        return d


def _is_str_list(v: Any) -> bool:
    return isinstance(v, list) and all(isinstance(x, str) for x in v)


def row_from_dict(obj: Any, where: str) -> EvalRow:
    """Validate one decoded row; `where` (e.g. "3번째 줄") prefixes every error."""
    if not isinstance(obj, dict):
        raise DatasetError(f"{where}: 행은 JSON 객체여야 합니다.")
    for key in ("id", "question"):
        if not isinstance(obj.get(key), str) or not obj[key].strip():
            raise DatasetError(f"{where}: '{key}' 값이 없거나 문자열이 아닙니다.")
    category = obj.get("category", "")
    if not isinstance(category, str):
        raise DatasetError(f"{where}: 'category'는 문자열이어야 합니다.")
    if not isinstance(obj.get("answerable"), bool):
        raise DatasetError(f"{where}: 'answerable'은 true/false여야 합니다.")
    groups = obj.get("answer_contains", [])
    if not isinstance(groups, list) or not all(_is_str_list(g) for g in groups):
        raise DatasetError(f"{where}: 'answer_contains'는 문자열 목록의 목록이어야 합니다.")
    evidence = obj.get("evidence_contains", [])
    if not _is_str_list(evidence):
        raise DatasetError(f"{where}: 'evidence_contains'는 문자열 목록이어야 합니다.")
    if obj.get("review") is True:
        raise DatasetError(f"{where}: 검토가 끝나지 않은 행입니다(\"review\": true). answer_contains를 채우고 review를 지운 뒤 실행하세요.")
    history = obj.get("history", []) or []
    if not _is_str_list(history):
        raise DatasetError(f"{where}: 'history'는 질문 문자열 목록이어야 합니다.")
    # Empty alternatives would match everything after whitespace removal: reject them.
    if any(not a.strip() for g in groups for a in g) or any(not g for g in groups):
        raise DatasetError(f"{where}: 'answer_contains'에 빈 그룹이나 빈 문자열이 있습니다.")
    if any(not a.strip() for a in evidence):
        raise DatasetError(f"{where}: 'evidence_contains'에 빈 문자열이 있습니다.")
    return EvalRow(
        id=obj["id"].strip(),
        category=category.strip() or "미분류",
        question=obj["question"],
        answer_contains=[list(g) for g in groups],
        evidence_contains=list(evidence),
        answerable=obj["answerable"],
        history=list(history),
        derived=obj.get("derived"),
    )


def load_dataset(path: Path | str) -> list[EvalRow]:
    path = Path(path)
    if not path.exists():
        raise DatasetError(f"평가 세트 파일이 없습니다: {path}")
    rows: list[EvalRow] = []
    seen: dict[str, int] = {}
    text = path.read_text(encoding="utf-8-sig")
    for lineno, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        where = f"{path.name} {lineno}번째 줄"
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as e:
            raise DatasetError(f"{where}: JSON 형식이 올바르지 않습니다 ({e.msg}).") from None
        row = row_from_dict(obj, where)
        if row.id in seen:
            raise DatasetError(f"{where}: id '{row.id}'가 {seen[row.id]}번째 줄과 중복됩니다.")
        seen[row.id] = lineno
        rows.append(row)
    if not rows:
        raise DatasetError(f"평가 세트가 비어 있습니다: {path}")
    return rows
