"""Which program a question names ("만 70세인데 보람일자리 참여 가능한가요?" → 50플러스 보람일자리).

Questions shorten names ("직무캠프", "보람일자리", "구청 공공일자리"), so a card scores by the
longest run of characters it shares with the question once generic words (일자리, 지원, 서울형 …)
are taken out, or by a full alias hit weighted by how many cards share that alias. Ties go to
the document the question points at ("영등포", "구청"), then to the retriever's ranking.
"""
from __future__ import annotations

import re

from eligibility.cards import ProgramCard
from eligibility.vocab import SEOUL_DISTRICTS

GENERIC = (
    "지원사업", "일자리", "프로그램", "서울시", "서울형", "활성화", "지원", "사업", "서울", "운영", "추진",
    "확대", "제공", "강화", "창출", "참여", "신청", "가능", "청년", "여성", "대상", "자격", "조건", "이용",
)


def _plain(text: str) -> str:
    return re.sub(r"[\s?？!.,·ㆍ]", "", text)


def _lcs(a: str, b: str) -> str:
    best, best_end = 0, 0
    prev = [0] * (len(b) + 1)
    for i in range(1, len(a) + 1):
        cur = [0] * (len(b) + 1)
        for j in range(1, len(b) + 1):
            if a[i - 1] == b[j - 1]:
                cur[j] = prev[j - 1] + 1
                if cur[j] > best:
                    best, best_end = cur[j], i
        prev = cur
    return a[best_end - best : best_end]


def _strip_generic(text: str) -> str:
    for g in GENERIC:
        text = text.replace(g, "")
    return text


def mask(question: str, spans: list[tuple[int, int]]) -> str:
    chars = list(question)
    for a, b in spans:
        for i in range(a, min(b, len(chars))):
            chars[i] = " "
    return "".join(chars)


def score_cards(question: str, cards: list[ProgramCard], min_score: float = 2.0) -> list[tuple[float, ProgramCard]]:
    q = _plain(question)
    alias_df: dict[str, int] = {}
    for c in cards:
        for a in set(c.aliases):
            alias_df[a] = alias_df.get(a, 0) + 1
    names = [_plain(re.sub(r"\(.*?\)", "", c.name)) for c in cards]
    scored: list[tuple[float, ProgramCard]] = []
    for card, name in zip(cards, names):
        full = max((len(a) / alias_df[a] for a in card.aliases if a in q), default=0.0)
        # Generic words out of both first: "구청 공공일자리" shares "공공" with "공공분야 일자리 …".
        core = _lcs(_strip_generic(q), _strip_generic(name))
        rare = len(core) >= 3 or (len(core) == 2 and sum(core in n for n in names) <= 2)
        score = max(full, float(len(core)) if rare else 0.0)
        if score >= min_score:
            scored.append((score, card))
    return sorted(scored, key=lambda s: -s[0])


def doc_hints(question: str, cards: list[ProgramCard]) -> set[str]:
    """Documents the question points at: a district named, or "구청"/"구민" for the district report."""
    q = _plain(question)
    hints: set[str] = set()
    for c in cards:
        if c.area in SEOUL_DISTRICTS and (c.area[:-1] in q or "구청" in q or "구민" in q):
            hints.add(c.doc_id)
    return hints


def resolve_program(question: str, cards: list[ProgramCard], ranked_doc_sections: list[tuple[str, str]],
                    hint_text: str = "", min_score: float = 2.0) -> ProgramCard | None:
    """The card the question names, or None. `ranked_doc_sections` are (doc_id, section) of the
    retriever's hits, best first; `hint_text` is the unmasked question for document hints;
    `min_score` is raised for list questions, where a two-letter overlap is no name."""
    scored = score_cards(question, cards, min_score)
    if not scored:
        return None
    top = scored[0][0]
    tied = [c for s, c in scored if s >= top - 0.5]
    if len(tied) == 1:
        return tied[0]
    hints = doc_hints(hint_text or question, tied)
    if hints:
        hinted = [c for c in tied if c.doc_id in hints]
        if len(hinted) == 1:
            return hinted[0]
        tied = hinted or tied
    for doc_id, section in ranked_doc_sections:
        for c in tied:
            if c.doc_id == doc_id and section.startswith(c.section):
                return c
    return tied[0]
