"""One turn of a conversation: is the question new, a follow-up of the previous turn, a follow-up
of a turn that was declined, or a reference ("그 사업") the previous turn leaves ambiguous?

The decision is made from the question's grammar and the index's vocabulary, not from phrase lists:
- a question that opens with a demonstrative or connective ("그럼", "거기", "그 사업", "그때") is a
  follow-up;
- otherwise it is self-contained when it both asks something and names its own subject: an office,
  meeting, document, region or word the reports never use, or a name that only a few headings carry
  and the previous turn did not already name ("아이돌보미" after a question about 안심귀가스카우트);
- everything else is elliptical ("선발인원은 몇 명이었어?", "제4차 회의는?") and inherits the
  previous subject.
A declined turn has no subject to inherit: its follow-ups are declined too, and a self-contained
question after it is answered on its own.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum

from assistant.subjects import SubjectVocabulary, is_ask_word, squash
from assistant.types import Answer
from kotext.text import no_ws
from questions.analysis import analyze

ANAPHORA = re.compile(
    r"^(?:그럼|그러면|그리고|그래서|그런데|그건|그것은?|그거|또|그때|그\s*당시|그\s*중에?|이\s*중에?|"
    r"(?:그|이|저|해당)\s*(?:사업|프로그램|센터|기관|시설|회의|곳|분)(?:은|는|이|가|을|를|의|에|에서)?|"
    r"거기(?:는|서|에|의)?|거긴|여기(?:는|서)?|저기(?:는)?)(?=\s|$|[?？])\s*"
)
# "그 사업" points at one program; "그 사업들" at all of them.
PROGRAM_ANAPHOR = re.compile(r"^(?:그|이|저|해당)\s*(?:사업|프로그램)(?!들)")
# The previous question asked for a set of programs: a plural noun ("사업들"), "종류/목록", or
# "어떤/무슨 … 사업", "뭐가 있어".
_SET_ASK = re.compile(r"종류|목록|(?:어떤|무슨)\s*(?:\S+\s*)?(?:사업|프로그램)|(?:뭐|무엇|무슨\s*게|어떤\s*게)\S*\s*있")
_INTERROGATIVE = re.compile(r"뭐|무엇|무슨|어떤|어떻|어디|누구|누가|언제|몇|얼마|왜|어느|알려|있어|있나|있는지|인가|나요|까\s*\??$")
_MEETING = re.compile(r"제\s*\d+\s*차(?:\s*회의)?")
_CITED = re.compile(r"\s*\[\d+\](?:\[\d+\])*")


class TurnKind(Enum):
    NEW = "new"
    FOLLOWUP = "followup"
    AFTER_DECLINE = "after_decline"  # a follow-up of a declined turn: nothing to inherit
    CLARIFY = "clarify"  # "그 사업" after a turn about several programs: ask which one


@dataclass(frozen=True)
class Resolution:
    kind: TurnKind
    question: str  # what to answer: the question itself, or its rewrite with the inherited subject
    options: tuple[str, ...] = ()  # for CLARIFY: the programs to choose from
    antecedent: Answer | None = None


def asks_something(question: str) -> bool:
    a = analyze(question)
    return bool(a.kinds or a.intents) or bool(_INTERROGATIVE.search(question))


def names_new_subject(question: str, vocab: SubjectVocabulary, previous_context: str) -> bool:
    if vocab.names_entity(question):
        return True
    context = squash(previous_context)
    return any(unit not in context for unit in vocab.named_headings(question))


def subject_of(question: str, vocab: SubjectVocabulary) -> str:
    """The previous question minus what it asked: '영등포 청년 커뮤니티 활성화 지원 예산 알려줘' →
    '영등포 청년 커뮤니티 활성화 지원'."""
    return " ".join(" ".join(words) for words in vocab.subject_words(question))


def _previous_text(previous: Answer) -> str:
    return previous.resolved_question or previous.question


def resolve_turn(question: str, previous: Answer | None, vocab: SubjectVocabulary) -> Resolution:
    q = question.strip()
    if previous is None:
        return Resolution(TurnKind.NEW, q)
    anaphoric = bool(ANAPHORA.match(q))
    if previous.answered_by == TurnKind.CLARIFY.value and previous.options and not asks_something(q):
        # The reply to "어느 사업을 말씀하시나요?": the chosen program + the question left pending.
        pending = ANAPHORA.sub("", previous.question.strip())
        return Resolution(TurnKind.FOLLOWUP, f"{q.rstrip('?？ ')} {pending}".strip(), antecedent=previous)
    # What the previous turn already named (a declined turn's answer only lists nearby sections).
    context = _previous_text(previous) + ("" if previous.abstained else " " + previous.answer)
    if not anaphoric and asks_something(q) and names_new_subject(q, vocab, context):
        return Resolution(TurnKind.NEW, q)
    if previous.abstained:
        return Resolution(TurnKind.AFTER_DECLINE, q, antecedent=previous)
    if PROGRAM_ANAPHOR.match(q) and (listed := listed_programs(previous)):
        # After a program list (the eligibility finder): "그 사업" is one of the listed programs.
        if len(listed) == 1:
            return Resolution(TurnKind.FOLLOWUP, f"{listed[0]} {ANAPHORA.sub('', q)}".strip(), antecedent=previous)
        return Resolution(TurnKind.CLARIFY, q, options=tuple(_clip(listed, vocab)), antecedent=previous)
    if PROGRAM_ANAPHOR.match(q):
        options = ambiguous_programs(previous, vocab)
        if len(options) >= 2:
            return Resolution(TurnKind.CLARIFY, q, options=tuple(options), antecedent=previous)
    return Resolution(TurnKind.FOLLOWUP, rewrite(q, _previous_text(previous), vocab), antecedent=previous)


def rewrite(question: str, previous: str, vocab: SubjectVocabulary) -> str:
    """The follow-up with the previous subject put back in."""
    rest = ANAPHORA.sub("", question.strip())
    offices = vocab.offices
    # "제4차 회의는?" / "복지정책실은?" asks nothing new: the previous question about another meeting/office.
    new_meeting = _MEETING.search(rest)
    new_office = next((o for o in offices if o in no_ws(rest)), None)
    if not asks_something(rest) and (new_meeting or new_office):
        replaced = previous
        if new_meeting:
            replaced = _MEETING.sub(new_meeting.group(0), replaced)
        if new_office:
            for other in offices:
                replaced = replaced.replace(other, new_office)
        if replaced != previous:
            return replaced
    subject = subject_of(previous, vocab)
    if new_meeting:
        subject = _MEETING.sub(" ", subject)
    if new_office:
        for other in offices:
            subject = subject.replace(other, " ")
    subject = re.sub(r"\s+", " ", subject).strip()
    return f"{subject} {rest}".strip() if subject else question


# ── "그 사업" after several programs ─────────────────────────────────────────────────────────
def listed_programs(previous: Answer) -> list[str]:
    """The programs a previous list answer recommended (eligible ones, else the "확인 필요" ones it
    showed with a citation), by name without the area tag ("… (영등포구)")."""
    rows = [p for p in previous.programs if isinstance(p, dict)]
    pick = [p for p in rows if p.get("status") == "eligible"] or [p for p in rows if p.get("status") == "maybe" and str(p.get("citation", "")).startswith("[")]
    return [re.sub(r"\s*\([^)]*구\)$", "", str(p.get("name", ""))) for p in pick if p.get("name")]



def asked_for_a_set(question: str, vocab: SubjectVocabulary) -> bool:
    plural = any(w.endswith("들") for words in vocab.subject_words(question) for w in words)
    return plural or bool(_SET_ASK.search(question))


def ambiguous_programs(previous: Answer, vocab: SubjectVocabulary) -> list[str]:
    """The programs "그 사업" could mean, or [] when the previous turn was about one program."""
    sections = [c.section for c in previous.citations] or [p.section for p in previous.retrieved[:3]]
    heading = vocab.heading_for(subject_of(_previous_text(previous), vocab), sections)
    under = vocab.programs_under(heading) if heading else []
    if len(under) >= 2:
        return _clip(under, vocab)
    if not asked_for_a_set(_previous_text(previous), vocab):
        return []
    return _clip(_listed_items(previous.answer), vocab)


def _listed_items(answer: str) -> list[str]:
    """Names in an extractive list answer: "- 여성 뉴딜일자리 — 여성일자리메이커 운영 : 30명 [1]" →
    "여성일자리메이커 운영"; "추진사업: A, B, C" → A, B, C."""
    out: list[str] = []
    for line in answer.split("\n"):
        if not line.startswith("- "):
            continue
        item = _CITED.sub("", line[2:]).strip()
        item = item.split(" — ", 1)[-1]
        label, _, value = item.partition(":")
        parts = [p.strip() for p in value.split(",") if p.strip()]
        if value.strip() and is_ask_word(label.strip()):
            continue  # "사업대상: …" says something about a program, it does not name one
        if len(parts) >= 2 and all(re.match(r"[가-힣A-Za-z(]", p) for p in parts):
            out += parts  # "추진사업: A, B, C": the value lists the names
        elif value.strip() and re.match(r"\s*\d", value):
            out.append(label.strip())  # "이름 : 30명, 712백만원": the label is the name
        else:
            out.append(re.split(r"\s\d", item, maxsplit=1)[0].strip())  # the words before the figures
    return out


def _clip(names: list[str], vocab: SubjectVocabulary) -> list[str]:
    p = vocab.params
    seen: list[str] = []
    for n in names:
        n = n if len(n) <= p.option_chars else n[: p.option_chars - 1] + "…"
        if n and n not in seen:
            seen.append(n)
    return seen[: p.max_options]


def clarifying_question(options: tuple[str, ...]) -> str:
    listed = "\n".join(f"- {o}" for o in options)
    return f"어느 사업을 말씀하시나요? 앞 답변에 여러 사업이 나옵니다.\n{listed}\n사업 이름을 골라 주시면 이어서 답하겠습니다."


AFTER_DECLINE_REASON = "앞 질문의 답을 보고서에서 찾지 못해 이어서 답할 수 없습니다. 사업이나 기관 이름을 넣어 다시 물어 주세요."
