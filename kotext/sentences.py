"""Split Korean prose into sentences without breaking dates ("2023. 5. 31.") or numbers ("88.7%")."""
from __future__ import annotations

import re

# A sentence ends after a Korean final ending + period ("…합니다.", "…예정임."), or after ?/!, or
# after a period that follows a Hangul syllable or closing bracket and precedes a non-digit.
_BOUNDARY = re.compile(r"(?<=[가-힣)\]][.!?])\s+(?=\S)(?![\d])|(?<=[!?])\s+(?=\S)")
MAX_SENTENCE_CHARS = 400  # a "sentence" longer than this is cut at the nearest comma or space


def split_sentences(text: str) -> list[str]:
    parts = [p.strip() for p in _BOUNDARY.split(text.strip()) if p.strip()]
    out: list[str] = []
    for part in parts:
        while len(part) > MAX_SENTENCE_CHARS:
            cut = max(part.rfind(", ", 0, MAX_SENTENCE_CHARS), part.rfind(" ", 0, MAX_SENTENCE_CHARS))
            cut = cut if cut > MAX_SENTENCE_CHARS // 2 else MAX_SENTENCE_CHARS
            out.append(part[:cut].strip())
            part = part[cut:].strip()
        if part:
            out.append(part)
    return out
