"""Programs inside a section that has no program headings: web pages, guides, booklets.

A citizen-facing page does not use the reports' outline ("1 사업명 … □ 사업개요 ○ 지원대상 :"). It
names a program on a line of its own ("2021년도 공공근로사업(행안부)", "국민취업지원제도란?",
"**장애인취업성공패키지 구직촉진수당 단가 인상**") and then describes it with "label : value"
items or sentences. A *title* here is a short line that is not a sentence, not an item and not a
contact or field label, that is followed within `TITLE_LOOKAHEAD` lines by an item or a sentence;
it opens a segment that runs to the next title. A segment becomes a card when it states whom it
is for: a target item ("참여자격 : …"), a bare target label with criteria lines below it, or a
sentence ("… 장애인에게 지급하며", "… 200명을 대상으로").
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from eligibility.vocab import REPORT, find_groups
from reports.model import Line

# A title is a name, not a paragraph: the longest program names of the guides are ~35 characters.
TITLE_MAX_CHARS = 40
# How far below a title its first item or sentence may be (one sentence may introduce the items).
TITLE_LOOKAHEAD = 3
_ITEM = re.compile(r"^\s*[*※·\-－○□ㅇ]?\s*([가-힣A-Za-z·\s()]{2,14}?)\s*[:：]\s*\S")
_SENTENCE_END = re.compile(r"(?:다|요|음|임|함)[.。]?\s*$|[.。]\s*$")
_NOT_TITLE = re.compile(
    r"☎|www\.|https?://|\d{2,4}-\d{3,4}-\d{4}|누리집\s*>|^\[|^\(|^[*※\-－·•]|^\d+$|^[x×\-]$"
    r"|(?:대상|내용|방법|기간|자격|현황|구분|비고|합계|요건|서류|장소|인원|목적|기준|주요업무)(?:\s*및\s*\S+)?$"
)
# A program name ends in a noun that names a program (or the page asks "…란?").
_PROGRAM_HEAD = re.compile(
    r"(?:사업|제도|센터|일자리|프로그램|서비스|수당|장려금|지원금|바우처|인센티브|훈련|교육|캠프|인턴십?|"
    r"지원|코너|패키지|급여|크레딧|고용|창업|육성|신설|확대|인상|시행|도입|제공|재개|개편|강화|운영)"
    r"(?:\s*\([^)]*\))?\s*(?:란\s*\?|이란\s*\?)?$"
)
_BOLD = re.compile(r"^\*\*(.+?)\*\*$")
_TARGET_LABEL = re.compile(
    r"^\s*[*※·\-－○□ㅇ]?\s*(지\s*원\s*대\s*상|참\s*여\s*대\s*상|모\s*집\s*대\s*상|신\s*청\s*대\s*상|선\s*발\s*대\s*상|"
    r"참\s*여\s*자\s*격|신\s*청\s*자\s*격|지\s*원\s*자\s*격|자\s*격\s*요\s*건|지\s*원\s*요\s*건|대\s*상\s*자?)\s*(?:[:：]\s*(.*))?$"
)
_CRITERIA = re.compile(r"\d+\s*(?:세|%|억|대\s*이상)|중위\s*소득|누구나")
# "… 장애인에게 지급하며", "… 중장년에게 … 지원합니다": the phrase before 에게 is the audience.
_TO_WHOM = re.compile(r"([^,.]{4,80}?)(?:에게|께)\s*(?:[^.]{0,40}?)(?:지급|지원|제공)")
_AIMED_AT = re.compile(r"([^,.]{4,80}?)(?:을|를)\s*대상으로|([^,.]{4,80}?)(?:이|가)\s*대상자")
_SUPPORT_LABEL = re.compile(r"^\s*[*※·\-－○□ㅇ]?\s*(지\s*원\s*내\s*용|사\s*업\s*내\s*용|주\s*요\s*내\s*용|지원\s*금액)\s*[:：]\s*(.*)$")
_APPLY_LABEL = re.compile(r"^\s*[*※·\-－○□ㅇ]?\s*(신\s*청\s*방\s*법|신\s*청\s*장\s*소|문\s*의|담\s*당\s*부\s*서|신청)\s*[:：]?\s*(.+)$")
_NATIONAL = re.compile(r"법적\s*근거|「[^」]*법(?:률)?」|전국|고용노동부|보건복지부|행정안전부|국가")


@dataclass
class Statement:
    label: str  # 지원대상, 참여자격 … or "문장" for a sentence
    text: str
    first: int
    last: int
    track: str = ""  # the alternative this line states ("청년층"), "" for the whole program


@dataclass
class Segment:
    title: str
    title_line: int
    lines: list[Line]
    statements: list[Statement]
    support: tuple[str, int] | None = None  # (text, line)
    apply: tuple[str, int] | None = None
    national: bool = False  # run nationally (a law, a ministry): no implied local residence


def _clean_title(text: str) -> str:
    t = _BOLD.sub(r"\1", text.strip()).strip()
    t = re.sub(r"\s*(?:이)?란\s*\?$", "", t)
    return re.sub(r"\s+", " ", t).strip()


def _is_item(text: str) -> bool:
    return bool(_ITEM.match(text))


def _is_sentence(text: str) -> bool:
    return len(text) > TITLE_MAX_CHARS or bool(_SENTENCE_END.search(text))


def _title_at(lines: list[Line], i: int) -> bool:
    raw = lines[i][1].strip()
    text = _BOLD.sub(r"\1", raw).strip()
    if not text or len(text) > TITLE_MAX_CHARS or _is_item(text) or _NOT_TITLE.search(text):
        return False
    if _SENTENCE_END.search(text) and not text.endswith("?"):
        return False
    if not _PROGRAM_HEAD.search(text) or _CRITERIA.search(text):
        return False
    bold = bool(_BOLD.match(raw))
    for _, nxt in lines[i + 1 : i + 1 + TITLE_LOOKAHEAD]:
        nxt = nxt.strip()
        if not nxt or _BOLD.match(nxt):
            continue
        if _is_item(nxt) or (_is_sentence(nxt) and (bold or nxt.endswith("다.") or "입니다" in nxt)):
            return True
    return False


def _criteria_line(text: str) -> bool:
    return bool(_CRITERIA.search(text) or find_groups(text, REPORT))


def _bare_items(lines: list[Line], start: int) -> tuple[list[Statement], int]:
    """Lines under a bare "지원대상": each criteria line is one alternative ("청년층 18세 ~ 34세")."""
    out: list[Statement] = []
    skipped = 0
    j = start
    while j < len(lines) and len(out) < 12:
        n, text = lines[j]
        text = text.strip()
        if _criteria_line(text) and not _is_item(text):
            m = re.match(r"^([가-힣]{2,6}(?:층|형|계층))\s+(?=\S)", text)
            track = m.group(1) if m else ""
            out.append(Statement("지원대상", text[m.end():] if m else text, n, n, track))
        elif out or skipped >= TITLE_LOOKAHEAD:
            break
        else:
            skipped += 1
        j += 1
    return out, j


def _sentence_targets(n: int, text: str) -> list[Statement]:
    out = []
    for m in _AIMED_AT.finditer(text):
        phrase = (m.group(1) or m.group(2) or "").strip()
        out.append(Statement("문장", phrase, n, n))
    if not out:
        for m in _TO_WHOM.finditer(text):
            out.append(Statement("문장", m.group(1).strip(), n, n))
    return [s for s in out if _criteria_line(s.text)]


def _join_prose(lines: list[Line]) -> list[Line]:
    """Prose wrapped over several lines (one sentence per paragraph in a booklet): joined per sentence."""
    out: list[Line] = []
    buf, first = "", 0
    for n, t in lines:
        t = t.strip()
        if not t:
            continue
        if not buf:
            first = n
        buf = f"{buf} {t}".strip()
        if _SENTENCE_END.search(t) or t.endswith(",") is False and len(t) < 30:
            out.append((first, buf))
            buf = ""
    if buf:
        out.append((first, buf))
    return out


def segments(lines: list[Line]) -> list[Segment]:
    """Titled segments of a run of lines, each with its target statements and fields."""
    lines = [(n, t) for n, t in lines if t.strip()]
    starts = [i for i in range(len(lines)) if _title_at(lines, i)]
    out: list[Segment] = []
    for k, i in enumerate(starts):
        end = starts[k + 1] if k + 1 < len(starts) else len(lines)
        body = lines[i + 1 : end]
        title = _clean_title(lines[i][1])
        # A booklet title wraps onto a second bold line ("…지역생태계" + "활성화 사업 시행").
        if body and _BOLD.match(body[0][1].strip()) and not re.search(r"☎|www\.", body[0][1]) and len(title) < TITLE_MAX_CHARS:
            nxt = _clean_title(body[0][1])
            if _PROGRAM_HEAD.search(nxt) and not re.search(r"(?:부|과|팀|청)$", nxt):
                title, body = f"{title} {nxt}", body[1:]
        seg = Segment(title, lines[i][0], body, [])
        seen_labels: set[str] = set()
        j = 0
        while j < len(body):
            n, text = body[j]
            if m := _TARGET_LABEL.match(text.strip()):
                label = re.sub(r"\s+", "", m.group(1))
                if label in seen_labels:  # a table repeating the label restates the same target
                    j += 1
                    continue
                seen_labels.add(label)
                if m.group(2):
                    seg.statements.append(Statement(label, m.group(2).strip(), n, n))
                    j += 1
                else:
                    items, j = _bare_items(body, j + 1)
                    seg.statements += items
                continue
            if seg.support is None and (s := _SUPPORT_LABEL.match(text)):
                seg.support = (s.group(2).strip(), n)
            if seg.apply is None and (a := _APPLY_LABEL.match(text)):
                seg.apply = (a.group(2).strip(), n)
            j += 1
        if not seg.statements:
            for n, text in _join_prose(body):
                seg.statements += _sentence_targets(n, text)
                if seg.statements:
                    break
        seg.national = any(_NATIONAL.search(t) for _, t in [lines[i], *body])
        out.append(seg)
    return out
