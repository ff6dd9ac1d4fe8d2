"""Korean answers from match results: a list whose counts add up, or a yes/no about one program.

The list answer says how many programs fit, need one more fact, or do not fit (of how many the
documents describe), lists every fitting program with its one-line reason and citation, then at
most `MAX_MAYBE` "확인 필요" programs with the one question that settles each, and says where
the rest are (the table of every verdict in `programs`). Citation numbers follow the order of
the returned evidence; `programs` carries every verdict with name, status, reason and citation.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

from eligibility.matching import MatchResult
from eligibility.profile import Profile
from reports.chunks import Chunk

# A list answer stays readable on a phone: every fitting program (they are what was asked for,
# at most ~15 in the shipped reports), a few open questions, the rest in the table.
MAX_ELIGIBLE = 15
MAX_MAYBE = 3
MAX_INELIGIBLE = 6
_WHY_CHARS = 70
_RULE_CHARS = 110


@dataclass
class Composed:
    text: str
    evidence: list[Chunk] = field(default_factory=list)
    programs: list[dict] = field(default_factory=list)  # {"name", "status", "reason", "citation"}


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


def source_of(r: MatchResult) -> str:
    """Where the verdict's rule is written: "문서 제목 · 873–875행"."""
    card = r.card
    if not card.target_line:
        return card.doc_title
    end = card.target_line_end or card.target_line
    lines = f"{card.target_line}행" if end == card.target_line else f"{card.target_line}–{end}행"
    return f"{card.doc_title} · {lines}"


def reason_of(r: MatchResult) -> str:
    """One line: why it fits, what is missing (as the question to answer), or why it does not fit."""
    if r.status == "maybe":
        return " / ".join(r.questions) or r.why
    return r.why


def program_row(r: MatchResult, n: int | None) -> dict:
    return {"name": r.card.display_name, "status": r.status, "reason": reason_of(r),
            "citation": f"[{n}] {source_of(r)}" if n else source_of(r)}


def _line(r: MatchResult, n: int | None, why: str) -> str:
    ref = f" [{n}]" if n else ""
    return f"- {r.card.short_name} — {_cut(why, _WHY_CHARS)}{ref}"


def _maybe_order(results: list[MatchResult]) -> list[MatchResult]:
    """Programs one answer away first (one unknown fact), then by likelihood (matching's score)."""
    return sorted(results, key=maybe_rank)


def maybe_rank(r: MatchResult) -> tuple:
    """One missing fact first; among those, programs for a group the person said they are in
    (a disabled jobseeker sees the disability program before the generic ones)."""
    groups_met = sum(1 for c in r.checks if c.kind == "group" and c.status == "pass")
    return (len(r.questions) != 1, -groups_met, -r.score)


def compose_list(profile: Profile, results: list[MatchResult], chunk_for: Callable, why_not: bool = False) -> Composed:
    person = [r for r in results if r.status != "unstated" and not (r.status == "ineligible" and r.card.participant == "business")]
    eligible = [r for r in person if r.status == "eligible"]
    maybe = _maybe_order([r for r in person if r.status == "maybe"])
    ineligible = [r for r in person if r.status == "ineligible"]
    unstated = [r for r in results if r.status == "unstated"]
    cites = _Citations(chunk_for)
    out = Composed("")
    who = profile.describe() or "말씀하신 조건"
    lines = [f"{who} 기준으로 문서의 사업 {len(person)}개 중 해당 {len(eligible)}개, 확인 필요 {len(maybe)}개, "
             f"해당 안 됨 {len(ineligible)}개입니다."]
    if not eligible:
        lines.append("조건에 딱 맞는 사업은 찾지 못했습니다.")
    shown: set[int] = set()
    for r in eligible[:MAX_ELIGIBLE]:
        n = cites.number(r)
        lines.append(_line(r, n, r.why))
        out.programs.append(program_row(r, n))
        shown.add(id(r))
    if len(eligible) > MAX_ELIGIBLE:
        lines.append(f"- 해당하는 사업 {len(eligible) - MAX_ELIGIBLE}개는 표에 있습니다.")
    if maybe:
        lines.append("확인 필요 (답해 주시면 다시 판단합니다):")
        for r in maybe[:MAX_MAYBE]:
            n = cites.number(r)
            lines.append(_line(r, n, reason_of(r)))
            out.programs.append(program_row(r, n))
            shown.add(id(r))
        if len(maybe) > MAX_MAYBE:
            lines.append(f"- 나머지 확인 필요 {len(maybe) - MAX_MAYBE}개는 표에 있습니다.")
    if why_not or not (eligible or maybe):
        listed = ineligible[: MAX_INELIGIBLE if why_not else 3]
        if listed:
            lines.append("해당하지 않는 사업과 이유:")
            for r in listed:
                n = cites.number(r)
                lines.append(_line(r, n, r.why))
                out.programs.append(program_row(r, n))
                shown.add(id(r))
    # Every verdict is in the table, so the counts above can be checked there.
    for r in eligible + maybe + ineligible:
        if id(r) not in shown:
            out.programs.append(program_row(r, None))
    if unstated:
        lines.append(f"(참여 대상이 적혀 있지 않은 사업 {len(unstated)}개는 판단하지 않았습니다.)")
    out.text = "\n".join(lines)
    out.evidence = cites.evidence
    return out


def _rule(r: MatchResult) -> str:
    """The document's wording of the rule that decided, for the citation sentence."""
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
        text = f"조건에 따라 가능합니다. {name} 대상: {rule}{ref} — 확인할 것: {_cut(' / '.join(r.questions) or r.why, 90)}"
    else:
        text = f"아니요, {name} 대상이 아닙니다({_cut(r.why, 80)}). 대상: {rule}{ref}"
    out = Composed(text, [chunk] if chunk else [])
    out.programs.append(program_row(r, 1 if chunk else None))
    return out
