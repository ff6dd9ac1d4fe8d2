"""The search scope in words: what a scoped refusal tells the user, and how a scope is written down."""
from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from retrieval.hybrid import SearchFilters

EVERYWHERE_OFFER = "전체 문서에서 다시 찾을까요?"


def describe(scope: SearchFilters, titles: Mapping[str, str]) -> str:
    """"‘영등포구 일자리정책과 주요업무 보고’ 문서 · 경제정책실" ("" for no scope)."""
    parts = []
    if scope.doc_id:
        parts.append(f"‘{titles.get(scope.doc_id, scope.doc_id)}’ 문서")
    if scope.office:
        parts.append(scope.office)
    return " · ".join(parts)


def refusal_note(scope: SearchFilters, titles: Mapping[str, str]) -> str:
    """The sentence a refusal under a scope carries: where it looked, and the offer to look everywhere."""
    return f"검색 범위({describe(scope, titles)}) 안에서만 찾았습니다. {EVERYWHERE_OFFER}"


def to_dict(scope: SearchFilters | None) -> dict[str, str]:
    if scope is None:
        return {}
    return {k: v for k, v in (("doc", scope.doc_id), ("office", scope.office)) if v}


def from_dict(d: Mapping[str, Any] | None) -> SearchFilters:
    """A batch row's "filters": {"doc": DOC_ID, "office": NAME} (either may be left out)."""
    d = d or {}
    unknown = set(d) - {"doc", "office", "doc_id"}
    if unknown:
        raise ValueError(f"'filters'에 알 수 없는 키가 있습니다: {', '.join(sorted(unknown))} (가능: doc, office)")
    doc = d.get("doc") or d.get("doc_id") or None
    office = d.get("office") or None
    for name, value in (("doc", doc), ("office", office)):
        if value is not None and not isinstance(value, str):
            raise ValueError(f"'filters.{name}'는 문자열이어야 합니다.")
    return SearchFilters(doc_id=doc, office=office)


def check_scope(assistant, scope: SearchFilters) -> None:
    """A Korean error naming the valid choices when the scope names no document/office of the index."""
    if scope.doc_id and scope.doc_id not in assistant.titles:
        raise ValueError(f"문서 '{scope.doc_id}'가 색인에 없습니다. 가능한 문서: {', '.join(sorted(assistant.titles))}")
    chunks = assistant.retriever.chunks.values()
    offices = sorted({c.office for c in chunks if c.office and (not scope.doc_id or c.doc_id == scope.doc_id)})
    if scope.office and scope.office not in offices:
        raise ValueError(f"실·국 '{scope.office}'가 {'이 문서에' if scope.doc_id else '색인에'} 없습니다. 가능한 실·국: {', '.join(offices) or '없음'}")
