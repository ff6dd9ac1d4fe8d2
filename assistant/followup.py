"""Resolve a follow-up ("그럼 집행률은?") against the previous turn of the same conversation."""
from __future__ import annotations

import re
from typing import Callable

from questions.analysis import KINDS, METRIC_WORDS

_ANAPHORA = re.compile(r"^(그럼|그러면|그리고|그건|그것은|그거|그 ?사업은?|해당 ?사업은?|이 ?사업은?|거기는?|거긴|또|그 ?중에?)\s*")
_ASK_WORDS = sorted({c for cues in KINDS.values() for c in cues} | set(METRIC_WORDS), key=len, reverse=True)


_MEETING = re.compile(r"제\s*\d+\s*차(?:\s*회의)?")


def looks_like_followup(question: str, names_subject: Callable[[str], bool] | None = None) -> bool:
    """Anaphora ("그럼 …"), a very short question, or one that names nothing specific."""
    q = question.strip()
    if _ANAPHORA.match(q) or len(re.sub(r"\s", "", q)) <= 8:
        return True
    return names_subject is not None and not names_subject(q)


def _subject_of(question: str) -> str:
    """The previous question minus what it asked for: '경제정책실 5월말 달성률은?' → '경제정책실 5월말'."""
    s = re.sub(r"[?？!.]", " ", question)
    for w in _ASK_WORDS:
        if len(w) >= 2:
            s = s.replace(w, " ")
    s = re.sub(r"(은|는|이|가|을|를|요)(\s|$)", " ", s)
    return re.sub(r"\s+", " ", s).strip()


def resolve(
    question: str,
    previous_resolved: str | None,
    names_subject: Callable[[str], bool] | None = None,
    offices: list[str] | None = None,
) -> str:
    if not previous_resolved or not looks_like_followup(question, names_subject):
        return question
    rest = _ANAPHORA.sub("", question.strip())
    # "제4차 회의는?" asks nothing new: it is the previous question about another meeting/office.
    new_meeting = _MEETING.search(rest)
    new_office = next((o for o in offices or [] if o in rest.replace(" ", "")), None)
    if not any(w in rest for w in _ASK_WORDS if len(w) >= 2) and (new_meeting or new_office):
        replaced = previous_resolved
        if new_meeting:
            replaced = _MEETING.sub(new_meeting.group(0), replaced)
        if new_office:
            for other in offices or []:
                replaced = replaced.replace(other, new_office)
        if replaced != previous_resolved:
            return replaced
    subject = _subject_of(previous_resolved)
    # "제2차 회의 참석 위원 수" → "제4차 회의는?": the new meeting (or office) replaces the old one.
    if _MEETING.search(rest):
        subject = _MEETING.sub(" ", subject)
    for office in offices or []:
        if office in rest.replace(" ", ""):
            for other in offices or []:
                subject = subject.replace(other, " ")
    subject = re.sub(r"\s+", " ", subject).strip()
    return f"{subject} {rest}".strip() if subject else question
