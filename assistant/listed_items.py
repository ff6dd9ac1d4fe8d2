"""Items a lead-in sentence announces: "…다음 각 호의 서류를 첨부하여 제출해야 한다." is not an answer by
itself; the numbered items under it are. Laws, ordinances and notices write every list this way."""
from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TypeVar

# "다음 각 호/목", "다음과 같다", "아래와 같이", "다음의 어느 하나", or a line that ends in a colon.
LEAD_IN = re.compile(r"다음\s*각\s*(?:호|목)|다음과\s*같|아래와\s*같|다음의\s*어느|[:：]\s*$")
# "1.", "1\." (Markdown-escaped), "가.", "①", "(1)", "1)" — the enumerators of announced items.
LIST_ITEM = re.compile(r"^\s*(?:\*\*)?(?:(?P<num>\d{1,2}\\?[.)](?!\d))|(?P<kor>[가-하]\\?[.)])|(?P<circled>[①-⑳])|(?P<paren>\(\d{1,2}\)|\([가-하]\)))")
LISTED_ITEMS = 6  # items kept under a lead-in: the same bound as an enumeration answer (ENUMERATION_ITEMS)

Item = tuple[int, int, str]  # (line_start, line_end, text), as Chunk.items
T = TypeVar("T")


def marker_kind(text: str) -> str:
    m = LIST_ITEM.match(text)
    return (m.lastgroup or "") if m else ""


def is_lead_in(text: str) -> bool:
    return bool(LEAD_IN.search(text.strip()))


def announced_items(anchor_end: int, following: Iterable[tuple[T, Item]], limit: int = LISTED_ITEMS,
                    lead_kind: str = "") -> list[tuple[T, Item]]:
    """The enumerated items right after the lead-in (ending at line `anchor_end`), in order, until the
    first line that is not one, or is of the lead-in's own kind (the article's next "②").
    `following` yields (owner, item) in document order, across chunks."""
    out: list[tuple[T, Item]] = []
    kind = ""
    for owner, item in following:
        if item[0] <= anchor_end:
            continue
        m = LIST_ITEM.match(item[2])
        # One list is one kind of enumerator: "②" after "1.", "2." is the next paragraph of the article.
        if not m or (kind and m.lastgroup != kind) or m.lastgroup == lead_kind or len(out) >= limit:
            break
        kind = m.lastgroup or ""
        out.append((owner, item))
    return out

