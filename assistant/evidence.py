"""The evidence the extractive answerer works with: a scored item of a passage, and a draft answer."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from reports.chunks import Chunk

BULLET = re.compile(r"^[\s○□■◦•‣▸▶➡⇒⇨→－−\-※❖✜*·ㆍ]+")
ROW_LIKE = re.compile(r"^[^:]{1,40}: .*\d")  # a rebuilt table row "label: column value, …"
VALUE_KINDS = ("rate", "money", "count", "date", "age", "place", "person", "duration", "time")


@dataclass(frozen=True)
class Evidence:
    chunk: Chunk
    rank: int
    line_start: int
    line_end: int
    text: str
    score: float
    coverage: float
    features: tuple[float, ...] = ()  # FEATURES, in order: what the scorer saw (kept for fitting and for explaining)


@dataclass
class Draft:
    answer: str
    abstained: bool
    evidence: list[Evidence] = field(default_factory=list)
    ranking: list[str] = field(default_factory=list)  # chunk ids, best evidence first (a reranking)
    reason: str = ""  # why the assistant abstained, in Korean
    support: dict[int, Chunk] = field(default_factory=dict)  # item index → a passage repeating its figures
