"""Chat specialist: answers "what can I apply for?" and "can I join X?" from the program cards.

It takes a question only when the asker describes themselves (age, residence, groups, income)
AND asks whether they can join: a list question ("…인데 지원할 수 있는 사업은?") or a yes/no
about one program ("만 70세인데 보람일자리 참여 가능한가요?"). Everything else returns None so
the generic answerer handles it ("장애인일자리 지원대상은?" names no asker; "…인턴 월급은?"
does not ask about joining).
"""
from __future__ import annotations

import logging
import re
from pathlib import Path

from questions.analysis import QuestionAnalysis
from questions.contract import SpecialistAnswer
from eligibility.answer import compose_list, compose_single
from eligibility.finder import EligibilityFinder
from eligibility.matching import match_card
from eligibility.naming import mask, resolve_program
from eligibility.profile import extract_profile
from reports.chunks import Chunk
from retrieval.hybrid import SearchFilters

log = logging.getLogger(__name__)

LIST_CUE = re.compile(
    r"(?:지원|신청|참여|이용|참가|응모)\s*(?:할|하실|가능한)\s*(?:수\s*있는\s*)?(?:사업|일자리|프로그램|게|것|거|곳|데|서비스)"
    r"|(?:받을|할|들을|다닐)\s*수\s*있는\s*(?:사업|일자리|게|것|거|프로그램|일|지원|혜택|교육|곳)"
    r"|(?:어떤|무슨)\s*(?:사업|일자리|프로그램|지원|혜택|게|것)|뭐가\s*있|뭐\s*있|어떤\s*게\s*있|추천"
    r"|해당(?:되는|하는)\s*(?:사업|일자리|게|것|거)|(?:사업|일자리|프로그램|지원)(?:이|은|는)?\s*(?:있나|있을까|있어|있는지|알려|찾아|뭐)"
)
YESNO_CUE = re.compile(
    r"가능(?:한가요|할까요|해요|한가|하나요|해\?|해$|한지|합니까|한\s*거|할지|할까)|할\s*수\s*있(?:나요|을까요|나|어요|는지|습니까|을까|니)"
    r"|(?:되나요|되나|돼요|될까요|되는지|됩니까|되죠|돼\?|될까|돼$)|받을\s*수\s*있(?:나요|을까요|나|는지)"
    r"|해당(?:되나요|되나|돼요|될까요|하나요|되는지|하는지)|대상(?:인가요|이에요|인지|이\s*되나요|이\s*맞나요|일까요)"
    r"|자격이\s*(?:되나요|있나요|될까요)|(?:신청|참여|지원|이용)\s*(?:돼요|되나요|가능)"
)
WHY_NOT = re.compile(r"안\s*되는|왜|제외|해당\s*안|불가|못\s*하는|탈락|안\s*돼|해당하지\s*않")
EXCLUDING = re.compile(r"말고|외에|빼고|제외하고")
# A value question ("몇 번", "얼마", "언제") is about something else unless it asks about a rule.
VALUE_ASK = re.compile(r"몇\s*(?:번|회|개|명|시간|월|일)|얼마|언제|어디|어떻게\s*신청|방법")
RULE_WORDS = re.compile(r"재산|소득|나이|연령|살|세|자격|조건|요건|대상")


class EligibilitySpecialist:
    name = "eligibility"

    def __init__(self, finder: EligibilityFinder) -> None:
        self.finder = finder

    def try_answer(
        self, question: str, analysis: QuestionAnalysis, hits: list, scope: SearchFilters | None = None
    ) -> SpecialistAnswer | None:
        extraction = extract_profile(question)
        profile = extraction.profile
        if profile.is_empty():
            return None
        listy, yesno = bool(LIST_CUE.search(question)), bool(YESNO_CUE.search(question))
        if not (listy or yesno):
            return None
        if VALUE_ASK.search(question) and not RULE_WORDS.search(mask(question, extraction.spans)):
            return None
        ranked = [(h.chunk.doc_id, h.chunk.section) for h in hits]
        cards = self.finder.cards if scope is None or scope.is_everything else [c for c in self.finder.cards if scope.allows(c)]
        if not cards:
            return None
        program = resolve_program(mask(question, extraction.spans), cards, ranked, hint_text=question,
                                  min_score=3.0 if listy else 2.0)
        if program is not None and not (listy and EXCLUDING.search(question)):
            return self._single(profile, program)
        return self._list(question, profile, cards)

    def _single(self, profile, card) -> SpecialistAnswer:
        result = match_card(card, profile)
        chunk = self.finder.chunk_for(card)
        verdict = {"program": card.display_name, "status": result.status, "why": result.why}
        extra = {"programs": [], "profile": profile.to_dict(), "eligibility": verdict}
        if result.status == "unstated":
            # The report names no target for this program: say so instead of guessing.
            return SpecialistAnswer(f"보고서에 {card.short_name}의 참여 대상(자격)은 나와 있지 않습니다.", [], True, extra)
        composed = compose_single(profile, result, chunk)
        extra["programs"] = composed.programs
        return SpecialistAnswer(composed.text, composed.evidence, False, extra)

    def _list(self, question: str, profile, cards: list | None = None) -> SpecialistAnswer:
        results = self.finder.match(profile, cards)
        composed = compose_list(profile, results, self.finder.chunk_for, why_not=bool(WHY_NOT.search(question)))
        extra = {"programs": composed.programs, "profile": profile.to_dict()}
        return SpecialistAnswer(composed.text, composed.evidence, False, extra)


def load_specialist(data_dir: Path, chunks: dict[str, Chunk]) -> EligibilitySpecialist | None:
    """The specialist for this index, or None (logged) when the cards cannot be built."""
    try:
        finder = EligibilityFinder.load(Path(data_dir), list(chunks.values()))
    except Exception as exc:  # the assistant must still answer everything else
        log.warning("자격 찾기 카드를 불러오지 못했습니다: %s", exc)
        return None
    return EligibilitySpecialist(finder) if finder.cards else None
