"""Things a ranking question leaves out: "인력운영비·기본경비 말고 … 가장 낮은", "전화 빼면 … 제일 많은",
"일반형 다음으로 많은".

A superlative over a group whose largest (or named) members are set aside is a comparison of the rest of
that group, not of the members named; the names before the marker say which group is meant.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from kotext.text import no_ws

# The markers: "X 말고", "X 빼고/빼면/뺀", "X(을) 제외하고/제외하면/제외한", "X 다음으로" (the next after X)
_MARKER = re.compile(r"\s*(?:을|를|은|는)?\s*(말고|빼고|빼면|뺀|제외하고|제외하면|제외한|다음으로)(?![가-힣])")
# Joiners inside a list of names: "인력운영비·기본경비", "교육훈련이랑 홍보", "위원장, 부위원장"
_JOINED = re.compile(r"(?:이랑|랑|하고|와|과|및|,|·|ㆍ|/)$")
_SPLIT = re.compile(r"\s*(?:[·ㆍ,/]|(?<=[가-힣])(?:이랑|랑|하고|와|과)\s+|\s및\s)\s*")
_PARTICLE = re.compile(r"(?:을|를|은|는|이|가|의)$")


@dataclass(frozen=True)
class Exclusion:
    names: tuple[str, ...]  # what is left out, as the question writes it ("인력운영비", "기본경비")
    start: int  # where the left-out phrase starts in the question
    end: int  # where the marker ends
    next_after: bool  # "X 다음으로": X is the first, the answer the best of the rest


def excluded_names(question: str) -> Exclusion | None:
    """The names a question sets aside before a ranking word, or None when it sets none aside."""
    m = _MARKER.search(question)
    if m is None:
        return None
    before = question[: m.start()].rstrip()
    tokens = before.split()
    if not tokens:
        return None
    taken = [tokens.pop()]
    while tokens and _JOINED.search(tokens[-1]):
        taken.insert(0, tokens.pop())  # "교육훈련이랑 홍보": the list goes on to the left
    phrase = " ".join(taken)
    names = tuple(n for n in (_PARTICLE.sub("", p.strip()) for p in _SPLIT.split(phrase)) if len(n) >= 2)
    if not names:
        return None
    return Exclusion(names, len(before) - len(phrase), m.end(), m.group(1) == "다음으로")


def sets_aside(label: str, names: tuple[str, ...]) -> bool:
    """The question sets this row or item aside: its label and a set-aside name (two letters or more)
    contain one another, whitespace ignored ("전화" / "전화상담", "일반형")."""
    plain = no_ws(label)
    return any(len(n := no_ws(name)) >= 2 and (n in plain or plain in n) for name in names)
