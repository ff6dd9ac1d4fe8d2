"""The Fact record: one figure of a report with its meaning and source."""
from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, fields
from typing import Any

# What a fact is about, so that comparisons only line up like with like.
SCOPES = {
    "office": "실국 총괄",  # 경제정책실 총계 …
    "office_type": "실국 유형별",  # 경제정책실 직접일자리 …
    "city": "서울시 전체",  # 제N차 회의 보고의 서울시 총계
    "city_type": "서울시 유형별",  # 직접/간접일자리, 직업훈련 …
    "department": "부서 전체",  # 영등포구 일자리정책과 예산 계
    "unit_program": "단위사업",  # 영등포구 예산현황 표의 단위사업
    "program": "사업",  # a program section's own figure (소요예산, 지원목표 …)
    "item": "세부 항목",  # anything finer: list items, table cells inside a program
}


@dataclass(frozen=True)
class Fact:
    doc_id: str
    doc_title: str
    section: str  # outline path, as in the index
    office: str  # 실국 (서울시) or ""
    meeting: str  # "제4차회의" or ""
    program: str  # program / program group of the section, or ""
    scope: str  # key of SCOPES
    subject: str  # what the figure is about, as shown to users ("경제정책실", "직접일자리", …)
    label: str  # the row label or item name as printed (spaces normalised), "" when none
    metric: str  # canonical metric: 목표, 실적, 달성률, 예산액, 집행액, 집행률, 인원, 개소, 시급 …
    column: str  # the column header or sentence key the value came from
    value: float  # in `unit` (amounts converted to 원)
    unit: str  # normalised unit: 원, %, 개, 명, 개소, 건 …
    raw: str  # the figure as printed, with its printed unit ("3,983억원", "54.8%")
    as_of: str  # normalised as-of date, "2021-05-31" / "2021-05" / "" when the report gives none
    as_of_text: str  # the report's own wording ("’21.5월말 기준")
    period: str  # the year or period a column stands for ("2020", "상반기"), "" when none
    line_start: int
    line_end: int
    source: str  # "table" | "sentence"
    group: str  # facts from one table or one enumerating sentence share a group key
    context: str = ""  # the source row or sentence (with its parent bullet for list items), for display and matching

    @property
    def id(self) -> str:  # stable across runs: the same cell of the same line keeps its id
        key = f"{self.doc_id}|{self.line_start}|{self.scope}|{self.subject}|{self.metric}|{self.column}|{self.period}|{self.raw}"
        return hashlib.sha1(key.encode("utf-8")).hexdigest()[:12]

    @property
    def as_of_month(self) -> str:
        """Dates are compared by month: '’21.5월 기준' and '’21.5월말 기준' are the same report point."""
        return self.as_of[:7]

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["id"] = self.id
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Fact":
        names = _FIELD_NAMES.get(cls) or _FIELD_NAMES.setdefault(cls, frozenset(f.name for f in fields(cls)))
        if data.keys() - names == {"id"}:  # what to_dict writes: the fields plus the derived id
            rest = dict(data)
            del rest["id"]
            return cls(**rest)
        return cls(**{k: v for k, v in data.items() if k in names})


# Field names per class, computed once: `fields()` per fact was a third of loading 60,000 facts.
_FIELD_NAMES: dict[type, frozenset[str]] = {}
