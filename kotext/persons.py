"""Who a Korean question is about, and whose each fact is, when it speaks of several people.

"저는 예순셋이고 … 서른 살 된 아들이 발달장애가 있는데 … 아들이 들어갈 만한 일자리 있을까요?" asks for
the son: his age is 30, the 63 is the asker's. The rules are the grammar of Korean reference:

- the person asked for is the subject of the request ("아들이 할 만한 …", "제가 할 수 있는 …"), the one
  named in "X 얘기예요", or the one after "X 말고" ("아버지 말고 제가 …");
- a fact belongs to the subject marked before it in its sentence (저는/제가 …, 아들이/어머니가/남편은 …),
  to the relative it modifies ("서른 살 된 아들"), or to someone other than the speaker when it is said
  with an honorific (-시-: "예순아홉이세요", "사시는데": nobody honours themselves);
- a companion is not a subject ("남편이랑 사별하고", "아내랑 살아요": 이랑/랑/하고/와/과).

A spouse word also tells the speaker's gender ("남편" is said by a wife; "아내", "장모님" by a husband).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

RELATIVE_WORDS: dict[str, str] = {
    "여성": "엄마|어머니|어머님|할머니|아내|와이프|딸|누나|언니|여동생|장모님|시어머니|집사람",
    "남성": "아빠|아버지|아버님|할아버지|남편|아들|오빠|형|남동생|장인어른|장인|시아버지",
}
# The speaker's gender from the kin word they use for a spouse or in-law.
SPEAKER_GENDER: dict[str, str] = {"남편": "여성", "시어머니": "여성", "시아버지": "여성", "시부모": "여성", "시댁": "여성",
                                  "시어른": "여성", "처가": "남성", "장모": "남성",
                                  "아내": "남성", "와이프": "남성", "집사람": "남성", "장모님": "남성", "장인어른": "남성",
                                  "장인": "남성"}
_ALL = "|".join(sorted((w for ws in RELATIVE_WORDS.values() for w in ws.split("|")), key=len, reverse=True))
COMPANION = r"(?:이랑|랑|하고|와|과|한테|에게|께)(?![가-힣])"
# A relative as a subject or topic (not a companion): "아들이", "어머니가", "남편은", "아버지께서".
_REL_SUBJECT = re.compile(rf"(?<![가-힣])({_ALL})(?:님)?\s*(?:이(?!랑)|가|은|는|께서|도)(?![가-힣])")
# "전" is also "before" after a time ("얘기 얼마 전", "3년 전"): only the pronoun counts.
_SELF_SUBJECT = re.compile(r"(?<![가-힣])(?:저는|제가|저도|나는|내가|난|나도|저|(?<!얼마\s)(?<!년\s)(?<!달\s)(?<!주\s)전)(?![가-힣])")
# "우리 아들 얘기예요", "장인어른 얘기예요": the person the question is about.
_ABOUT = re.compile(rf"(?<![가-힣])({_ALL}|제|저|내)\s*(?:얘기|이야기)(?:예요|이에요|입니다|인데|요)")
# "아버지 말고 제가", "제 얘기 말고 장인어른": the one after 말고 is asked for.
_NOT_BUT = re.compile(rf"(?<![가-힣])(?:{_ALL}|제\s*얘기|제\s*이야기|저)\s*말고\s*(?:(저|제가|제|나|내가)|({_ALL}))")
# A relative right after a fact is what the fact modifies: "서른 살 된 아들이", "고등학생 딸이랑".
# A relative followed by a copula is the speaker ("마흔두 살 엄마예요"), not someone else.
_MODIFIES = re.compile(rf"(?:\s*(?:살|세))?\s*(?:된|인|이신|짜리|먹은|난)?\s*(?:우리\s*|제\s*)?({_ALL})(?:님)?"
                       r"(?!\s*(?:예요|이에요|입니다|인데|이고|이라|이구요|임|고\s|고요|야|이야))")
# An honorific ending right after a fact: said of someone else ("예순아홉이세요", "일흔이신데", "사세요").
_HONORIFIC = re.compile(r"\s*(?:이)?(?:세요|시고|신데|시는|십니다|셔서|셨|시며|신)")
# A request sentence: "… 있을까요?", "… 되나요?", "할 수 있는 …", "할 만한 …".
_REQUEST = re.compile(r"\?|까요|나요|있어요\?|수\s*있|만한|되나|될까|주세요|알려")

SELF = "self"


@dataclass(frozen=True)
class Person:
    """SELF, or a relative word ("아들", "어머니")."""

    word: str

    @property
    def gender(self) -> str | None:
        return next((g for g, ws in RELATIVE_WORDS.items() if self.word in ws.split("|")), None)


def _sentences(q: str) -> list[tuple[int, int]]:
    out, start = [], 0
    for m in re.finditer(r"[.?!\n]+", q):
        out.append((start, m.end()))
        start = m.end()
    if start < len(q):
        out.append((start, len(q)))
    return out


def _normal(word: str) -> str:
    return {"어머님": "어머니", "아버님": "아버지", "장인": "장인어른"}.get(word, word)


def asked_for(q: str) -> Person | None:
    """The person the question asks about, when it speaks of a relative; None when it does not say."""
    if not _REL_SUBJECT.search(q) and not _ABOUT.search(q) and not _NOT_BUT.search(q):
        return None
    if m := _NOT_BUT.search(q):
        return Person(SELF) if m.group(1) else Person(_normal(m.group(2)))
    if m := _ABOUT.search(q):
        return Person(SELF) if m.group(1) in ("제", "저", "내") else Person(_normal(m.group(1)))
    for start, end in reversed(_sentences(q)):
        sentence = q[start:end]
        if not _REQUEST.search(sentence):
            continue
        rel, me = list(_REL_SUBJECT.finditer(sentence)), list(_SELF_SUBJECT.finditer(sentence))
        if rel and (not me or rel[-1].start() > me[-1].start()):
            return Person(_normal(rel[-1].group(1)))
        if me:
            return Person(SELF)
        if re.search(r"하실|받으실|나가셔|하셔도|되실|드릴", sentence) and (rels := list(_REL_SUBJECT.finditer(q))):
            return Person(_normal(rels[-1].group(1)))  # "하실 만한 일자리": an honoured third person
        break
    return None


def owner(q: str, start: int, end: int) -> Person | None:
    """Whose fact q[start:end] is: the relative it modifies, the subject marked before it in its
    sentence, someone honoured (-시-), or the topic of an earlier sentence; None when unsaid."""
    if m := _MODIFIES.match(q, end):
        return Person(_normal(m.group(1)))
    s_start = next((a for a, b in _sentences(q) if a <= start < b), 0)
    marked = [(m.start(), Person(_normal(m.group(1)))) for m in _REL_SUBJECT.finditer(q, s_start, start)]
    marked += [(m.start(), Person(SELF)) for m in _SELF_SUBJECT.finditer(q, s_start, start)]
    if marked:
        return max(marked, key=lambda t: t[0])[1]  # the nearest subject before the fact
    if _HONORIFIC.match(q, end):
        rels = list(_REL_SUBJECT.finditer(q, 0, start)) or list(_REL_SUBJECT.finditer(q))
        about = _ABOUT.search(q)
        if rels:
            return Person(_normal(rels[-1].group(1)))
        if about and about.group(1) not in ("제", "저", "내"):
            return Person(_normal(about.group(1)))
    # The topic carries over from earlier sentences: "우리 아들 얘기예요. 스물일곱이고 …".
    for a, b in reversed([s for s in _sentences(q) if s[1] <= s_start]):
        if m := _ABOUT.search(q, a, b):
            return Person(SELF) if m.group(1) in ("제", "저", "내") else Person(_normal(m.group(1)))
        rel, me = list(_REL_SUBJECT.finditer(q, a, b)), list(_SELF_SUBJECT.finditer(q, a, b))
        if rel or me:
            if rel and (not me or rel[-1].start() > me[-1].start()):
                return Person(_normal(rel[-1].group(1)))
            return Person(SELF)
    return None


def same_person(a: Person | None, b: Person | None) -> bool:
    """Self is self; two relatives are taken as one when their genders do not differ ("시어머니가 …
    어머님이 하실 수 있는": one woman, named twice)."""
    if a is None or b is None:
        return True
    if (a.word == SELF) != (b.word == SELF):
        return False
    return a.word == SELF or a.gender is None or b.gender is None or a.gender == b.gender


def relative_subject(q: str) -> bool:
    """Whether a relative is the subject or topic of some clause ("남편이 …", not "남편이랑 …")."""
    return bool(_REL_SUBJECT.search(q))


def speaker_gender(q: str) -> str | None:
    """'남편이 퇴직하고 …' → 여성 (the speaker's husband); '장모님이 …' → 남성."""
    found = {g for w, g in SPEAKER_GENDER.items() if re.search(rf"(?<![가-힣])(?:우리\s*|제\s*|저희\s*)?{w}", q)}
    return found.pop() if len(found) == 1 else None
