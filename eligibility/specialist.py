"""Chat specialist: answers "what can I apply for?" and "can I join X?" from the program cards.

It takes a question by its intent, not its phrasing: the asker states facts about a person
(age, residence, status, income) and does not ask for a value (an amount, a count, a date, a
place, a name: "…인턴 월급은?", "몇 번 이용할 수 있나요?"). Such a question asks what the person
can join, receive or apply for, however it is worded ("…할 만한 일자리", "…공공일자리가 있나요",
or just the facts: "만 18세 고졸 미취업자예요."), or whether one named program fits. Everything
else returns None so the generic answerer handles it ("장애인일자리 지원대상은?" names no asker).
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
    # any verb in -ㄹ 수 있다 asked as a question: "뽑힐 수 있어요?", "대상이 될 수 있어요?", "들어갈 수 있나요?"
    r"|[가-힣]\s*수\s*있(?:나요|을까요|어요\s*\?|나\s*\?|습니까|을까|죠\s*\?)"
    r"|(?:되나요|되나|돼요|될까요|되는지|됩니까|되죠|돼\?|될까|돼$)|받을\s*수\s*있(?:나요|을까요|나|는지)"
    r"|해당(?:되나요|되나|돼요|될까요|하나요|되는지|하는지)|대상(?:인가요|이에요|인지|이\s*되나요|이\s*맞나요|일까요)"
    r"|자격이\s*(?:되나요|있나요|될까요)|(?:신청|참여|지원|이용)\s*(?:돼요|되나요|가능)"
)
# A yes/no that names what it is about: a noun phrase before the asked verb ("스페이스 살림 입주 지원 대상이",
# "구청 공공일자리에", "사회보험료 지원사업도").
NAMES_A_THING = re.compile(r"[가-힣A-Za-z]{2,}\s*(?:사업|일자리|지원|센터|교육|과정|프로그램|입주|인턴십?|훈련)\S{0,3}\s*(?:에|도|은|는|을|를|이|가|에도)?\s*(?:\S+\s*){0,3}?(?:대상|뽑힐|참여|신청|지원|들어갈|받을|될)")
WHY_NOT = re.compile(r"안\s*되는|왜|제외|해당\s*안|불가|못\s*하는|탈락|안\s*돼|해당하지\s*않")
EXCLUDING = re.compile(r"말고|외에|빼고|제외하고")
# A value question ("몇 번", "얼마", "언제") is about something else unless it asks about a rule.
VALUE_ASK = re.compile(r"몇\s*(?:번|회|개|명|시간|월|일)|얼마|언제|어디|어떻게\s*신청|방법")
RULE_WORDS = re.compile(r"재산|소득|나이|연령|살|세|자격|조건|요건|대상")


# Kinds of value a question may ask for (questions.analysis): such a question is about a fact of a
# program, not about whether the person may join it.
VALUE_KINDS = frozenset({"money", "count", "date", "place", "person", "rate", "duration"})


def asks_for_a_value(question: str, analysis: QuestionAnalysis, spans: list[tuple[int, int]]) -> bool:
    kinds = set(analysis.kinds)
    masked = mask(question, spans)
    if kinds & VALUE_KINDS and not kinds & {"target", "yesno"}:
        return True
    return bool(VALUE_ASK.search(masked)) and not RULE_WORDS.search(masked)


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
        if asks_for_a_value(question, analysis, extraction.spans):
            return None
        listy = bool(LIST_CUE.search(question)) or not YESNO_CUE.search(question)
        ranked = [(h.chunk.doc_id, h.chunk.section) for h in hits]
        cards = self.finder.cards if scope is None or scope.is_everything else [c for c in self.finder.cards if scope.allows(c)]
        if not cards:
            return None
        program = resolve_program(mask(question, extraction.spans), cards, ranked, hint_text=question,
                                  min_score=3.0 if listy else 2.0)
        if program is not None and not (listy and EXCLUDING.search(question)):
            return self._single(profile, program)
        if not listy and NAMES_A_THING.search(mask(question, extraction.spans)):
            # "…도 구청 공공일자리에 뽑힐 수 있어요?", "스페이스 살림 입주 지원 대상이 될 수 있어요?": a yes/no about
            # something no program card is named by (a part of a program, a facility): the passage that states
            # its condition answers it, not a list of every program
            return None
        return self._list(question, profile, cards)

    def _single(self, profile, card) -> SpecialistAnswer:
        result = match_card(card, profile)
        chunk = self.finder.chunk_for(card)
        if result.status == "unstated":
            # The report names no target for this program: say so instead of guessing.
            return SpecialistAnswer(f"보고서에 {card.short_name}의 참여 대상(자격)은 나와 있지 않습니다.", [], True, {"programs": []})
        composed = compose_single(profile, result, chunk)
        # Only "programs" goes into the answer: the profile is said in Korean in the text, so the app
        # shows citizens no developer panel.
        return SpecialistAnswer(composed.text, composed.evidence, False, {"programs": composed.programs})

    def _list(self, question: str, profile, cards: list | None = None) -> SpecialistAnswer:
        results = self.finder.match(profile, cards)
        composed = compose_list(profile, results, self.finder.chunk_for, why_not=bool(WHY_NOT.search(question)))
        return SpecialistAnswer(composed.text, composed.evidence, False, {"programs": composed.programs})


def load_specialist(data_dir: Path, chunks: dict[str, Chunk]) -> EligibilitySpecialist | None:
    """The specialist for this index, or None (logged) when the cards cannot be built."""
    try:
        finder = EligibilityFinder.load(Path(data_dir), list(chunks.values()))
    except Exception as exc:  # the assistant must still answer everything else
        log.warning("자격 찾기 카드를 불러오지 못했습니다: %s", exc)
        return None
    return EligibilitySpecialist(finder) if finder.cards else None
