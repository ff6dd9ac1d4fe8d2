"""Korean answers from match results: a compact list ("name — why [n]") or a yes/no about one
program with its rule cited. Citation numbers follow the order of the returned evidence."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

from eligibility.matching import MatchResult
from eligibility.profile import Profile
from reports.chunks import Chunk

MAX_ELIGIBLE = 12
MAX_MAYBE = 3
MAX_INELIGIBLE = 6
_WHY_CHARS = 70
_RULE_CHARS = 110


@dataclass
class Composed:
    text: str
    evidence: list[Chunk] = field(default_factory=list)
    programs: list[dict] = field(default_factory=list)  # {"name", "status", "why", "citation"}


def _cut(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip(" ,;·") + "…"


class _Citations:
    def __init__(self, chunk_for: Callable) -> None:
        self.chunk_for = chunk_for
        self.evidence: list[Chunk] = []

    def number(self, result: MatchResult) -> int | None:
        chunk = self.chunk_for(result.card)
        if chunk is None:
            return None
        for n, c in enumerate(self.evidence, start=1):
            if c.id == chunk.id:
                return n
        self.evidence.append(chunk)
        return len(self.evidence)


def _line(r: MatchResult, n: int | None, why: str) -> str:
    ref = f" [{n}]" if n else ""
    return f"- {r.card.short_name} — {_cut(why, _WHY_CHARS)}{ref}"


def compose_list(profile: Profile, results: list[MatchResult], chunk_for: Callable, why_not: bool = False) -> Composed:
    eligible = [r for r in results if r.status == "eligible"]
    maybe = [r for r in results if r.status == "maybe"]
    ineligible = [r for r in results if r.status == "ineligible" and r.card.participant != "business"]
    cites = _Citations(chunk_for)
    out = Composed("")
    who = profile.describe() or "말씀하신 조건"
    lines: list[str] = []
    if eligible or maybe:
        head = f"보고서 기준으로 {who}에 맞는 사업 {len(eligible)}개"
        head += f", 조건 확인이 필요한 사업 {len(maybe)}개입니다." if maybe else "입니다."
        lines.append(head)
    else:
        lines.append(f"보고서에 나온 사업 중 {who}에 맞는 사업을 찾지 못했습니다.")
    for r in eligible[:MAX_ELIGIBLE]:
        n = cites.number(r)
        lines.append(_line(r, n, r.why))
        out.programs.append({"name": r.card.display_name, "status": "eligible", "why": r.why, "citation": n})
    if len(eligible) > MAX_ELIGIBLE:
        lines.append(f"- 그 밖에 {len(eligible) - MAX_ELIGIBLE}개 더 있습니다.")
    if maybe:
        lines.append("확인 필요:")
        for r in maybe[:MAX_MAYBE]:
            n = cites.number(r)
            lines.append(_line(r, n, r.why))
            out.programs.append({"name": r.card.display_name, "status": "maybe", "why": r.why, "citation": n})
        if len(maybe) > MAX_MAYBE:
            lines.append(f"- 그 밖에 {len(maybe) - MAX_MAYBE}개는 대상 계층·자격 확인이 필요합니다.")
    if why_not or not (eligible or maybe):
        shown = ineligible[:MAX_INELIGIBLE if why_not else 3]
        if shown:
            lines.append("해당하지 않는 사업:")
            for r in shown:
                lines.append(_line(r, cites.number(r), r.why))
    out.text = "\n".join(lines)
    out.evidence = cites.evidence
    return out


def _rule(r: MatchResult) -> str:
    """The report's wording of the rule that decided, for the citation sentence."""
    track = r.track
    if track is None:
        return ""
    label = f"({track.label}) " if track.label else ""
    return _cut(label + track.text.replace("\n", " "), _RULE_CHARS)


def compose_single(profile: Profile, r: MatchResult, chunk: Chunk | None) -> Composed:
    name = r.card.short_name
    ref = " [1]" if chunk else ""
    rule = _rule(r)
    who = profile.describe()
    if r.status == "eligible":
        text = f"네, {who}이면 {name} 대상에 해당합니다. 대상: {rule}{ref}"
    elif r.status == "maybe":
        text = f"조건에 따라 가능합니다. {name} 대상: {rule}{ref} — {_cut(r.why, 90)}."
    else:
        text = f"아니요, {name} 대상이 아닙니다({_cut(r.why, 80)}). 대상: {rule}{ref}"
    out = Composed(text, [chunk] if chunk else [])
    if r.status in ("eligible", "maybe"):
        out.programs.append({"name": r.card.display_name, "status": r.status, "why": r.why, "citation": 1 if chunk else None})
    return out
