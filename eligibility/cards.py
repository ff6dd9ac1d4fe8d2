"""Program cards: one per program of the reports, with its target statement parsed into criteria.

A program is an outline node that carries a program title (`Section.program`) and is not just a
heading over other programs. Its target statement is found in its 사업개요 (overview): a line
"○ 지원대상 : …" (also 참여대상, 모집대상, 선발대상/요건, 지원요건, 사업대상, 훈련대상, 적용대상,
대상), wrapped continuation lines, a bare "○ 참여대상" followed by "－ (인턴) …" items, or a table
row "사업대상 …". Lines such as "- 만40~67세 서울형 차상위 보람일자리 우선 제공" add an audience.
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import asdict, dataclass, field
from pathlib import Path

from eligibility.criteria import Track, area_sido, merge, parse_statements, parse_track, participant_of, squash
from eligibility.segments import Segment, segments
from kotext.admin_areas import place_in
from reports.model import SECTION_SEP, Document, Section

_BULLET = re.compile(r"^[○□■◦•▸‣❖※ㅇ]\s*")
_SUB = re.compile(r"^[－−\-·ㆍ]\s*")
_LABEL = r"(지\s*원\s*대\s*상|참\s*여\s*대\s*상|모\s*집\s*대\s*상|선\s*발\s*대\s*상|선\s*발\s*요\s*건|지\s*원\s*요\s*건|사\s*업\s*대\s*상|훈\s*련\s*대\s*상|적\s*용\s*대\s*상|대\s*상)"
_WITH_COLON = re.compile(rf"^{_LABEL}\s*[:：]\s*(.*)$")
_BARE = re.compile(rf"^{_LABEL}\s*$")
_TABLE_ROW = re.compile(r"^(사업\s*대상|지원\s*대상)\s+(?!자)(\S.*)$")
# A "－ label : …" item under a target line that describes something else (procedure, period …).
_OTHER_FIELD = re.compile(r"^[^:：]*(구조|내용|절차|기간|시간|시급|수당|예산|방법|규모|목표|임금|금|비)\s*[:：]")
_EXTRA_AUDIENCE = re.compile(r"(만\s*\d{1,3}\s*[~∼]\s*\d{1,3}\s*세|만\s*\d{1,3}\s*세\s*이상).*(우선\s*(?:제공|선발)|참여\s*가능)")
_SUPPORT = re.compile(r"^(지\s*원\s*내\s*용|사\s*업\s*내\s*용|주\s*요\s*내\s*용|지\s*원\s*사\s*항|운\s*영\s*내\s*용|내\s*용|임\s*금\s*기\s*준)\s*(?:[:：]\s*(.*))?$")
_BUDGET = re.compile(r"^((?:’\d\d년\s*)?(?:소요|사업)?\s*예\s*산(?:\(’\d\d년\))?|사\s*업\s*비)\s*[:：]\s*(.*)$")
_PERIOD = re.compile(r"^((?:사업|지원|운영|활동)?\s*기\s*간|사업시기)\s*[:：]\s*(.*)$")
_GENERIC_WORDS = ("일자리", "지원", "사업", "서울시", "서울형", "운영", "추진", "활성화", "확대", "제공", "강화", "창출")


@dataclass
class ProgramCard:
    id: str
    name: str
    doc_id: str
    doc_title: str
    area: str  # where the issuer is: "서울", a district or city ("영등포구", "당진시"), "" for a national document
    office: str
    team: str
    section: str  # the program's outline path
    has_target: bool
    target_label: str = ""  # "지원대상", "참여대상" … of the first statement
    target_text: str = ""  # the statements as written ("지원대상: …")
    target_line: int = 0  # first line of the target statement (for the citation)
    target_line_end: int = 0
    support: str = ""
    budget: str = ""
    period: str = ""
    participant: str = "unknown"  # "individual" | "business" | "mixed" | "unknown"
    tracks: list[Track] = field(default_factory=list)
    aliases: list[str] = field(default_factory=list)  # names a question may use
    area_sido: str = ""  # the 시·도 of `area`
    # A local government's own program: its residents are meant even when the target says no place.
    local: bool = True
    apply: str = ""  # how to apply ("신청방법 : …")
    # Where each field was read: field → (first line, last line) in the document.
    sources: dict[str, list[int]] = field(default_factory=dict)

    @property
    def display_name(self) -> str:
        """The name with the district appended for district programs, so lists stay unambiguous."""
        return f"{self.name} ({self.area})" if self._area_tag() else self.name

    def _area_tag(self) -> bool:
        """District and city programs carry their area in lists; Seoul-wide and national ones do not."""
        return bool(self.area) and self.area != self.area_sido and self.area not in self.name

    @property
    def short_name(self) -> str:
        """For compact answers: "서울형 뉴딜일자리 민간연계로 … 창출" → "서울형 뉴딜일자리"."""
        s = re.sub(r"\s*\([^)]*\)$", "", self.name).strip()
        s = re.sub(r"\s+(추진|운영|지원|제공|선정·지원|조성·운영)$", "", s).strip() or self.name
        if len(s) > 20 and (m := re.match(r"(.+?일자리)\S*\s", s)):
            s = m.group(1)
        return f"{s} ({self.area})" if self._area_tag() else s

    def to_dict(self) -> dict:
        d = asdict(self)
        d["tracks"] = [t.to_dict() for t in self.tracks]
        return d

    @classmethod
    def from_dict(cls, d: dict) -> "ProgramCard":
        d = dict(d)
        d["tracks"] = [Track.from_dict(t) for t in d.get("tracks", [])]
        return cls(**d)


@dataclass
class _Statement:
    label: str
    text: str
    first: int
    last: int


def doc_area(doc: Document) -> str:
    """The issuer's area from the title ("영등포구 일자리정책과 …" → 영등포구, "당진시 누리집 …" → 당진시);
    "" when the title names none (a ministry's booklet: national)."""
    place = place_in(doc.title)
    return place.label if place else ""


def _strip_bullet(text: str) -> str:
    return _BULLET.sub("", text).strip()


def _dedupe_halves(text: str) -> str:
    """A table row repeats its value per column ("A(만19세~39세) A(만19세~39세)")."""
    words = text.split()
    half = len(words) // 2
    if len(words) % 2 == 0 and half and words[:half] == words[half:]:
        return " ".join(words[:half])
    return text


def find_statements(body: list[tuple[int, str]]) -> list[_Statement]:
    out: list[_Statement] = []
    i = 0
    while i < len(body):
        lineno, raw = body[i]
        text = _strip_bullet(_SUB.sub("", raw) if _SUB.match(raw) else raw)
        if m := _WITH_COLON.match(text):
            parts, last, j = [m.group(2)], lineno, i + 1
            notes: list[str] = []
            while j < len(body):
                nxt = body[j][1]
                if _BULLET.match(nxt) or _WITH_COLON.match(_strip_bullet(nxt)):
                    break
                if _SUB.match(nxt):
                    if _OTHER_FIELD.match(_SUB.sub("", nxt)):
                        break
                    notes.append(_SUB.sub("", nxt))  # detail items ("동부 … : 예비, 3년 이내")
                elif notes:
                    notes[-1] += " " + nxt
                else:
                    parts.append(nxt)  # a wrapped line of the statement itself
                last = body[j][0]
                j += 1
            text_out = " ".join(parts)
            if notes:
                text_out += "\n※ " + " / ".join(notes)
            out.append(_Statement(m.group(1).replace(" ", ""), text_out, lineno, last))
            i = j
            continue
        if m := _BARE.match(text):
            items: list[str] = []
            last, j = lineno, i + 1
            while j < len(body) and not _BULLET.match(body[j][1]):
                nxt = body[j][1]
                if _SUB.match(nxt) or not items:
                    items.append(_SUB.sub("", nxt))
                else:
                    items[-1] += " " + nxt
                last = body[j][0]
                j += 1
            if items:
                out.append(_Statement(m.group(1).replace(" ", ""), "\n".join(items), lineno, last))
            i = j
            continue
        if m := _TABLE_ROW.match(text):
            out.append(_Statement(m.group(1).replace(" ", ""), _dedupe_halves(m.group(2)), lineno, lineno))
        i += 1
    return out


def _first_field(body: list[tuple[int, str]], pattern: re.Pattern[str]) -> str:
    for k, (_, raw) in enumerate(body):
        if m := pattern.match(_strip_bullet(_SUB.sub("", raw))):
            value = (m.group(2) or "").strip()
            nxt = body[k + 1][1].strip() if k + 1 < len(body) else ""
            if not value:  # "○ 주요내용" with its items below
                items = [_SUB.sub("", t) for _, t in body[k + 1 : k + 4] if _SUB.match(t)]
                value = " / ".join(items)
            elif nxt and not _BULLET.match(nxt) and not _SUB.match(nxt) and (
                value.count("(") > value.count(")") or re.search(r"[,·및]$", value) or len(value) >= 30
            ):
                value += " " + nxt  # the value wrapped onto the next line
            return squash(value).replace("\n", " ")
    return ""


def _budget_from_table(sections: list[Section]) -> str:
    """District reports put the budget in a "□ 예산현황 (단위: 천원)" table: first number after the header."""
    for sec in sections:
        if "예산" in sec.aspect:
            unit = re.search(r"단위\s*:\s*([^)]+)\)", sec.path[-1])
            for _, text in sec.body:
                if re.fullmatch(r"[\d,]+", text.strip()):
                    return f"{text.strip()}{unit.group(1).strip() if unit else ''}"
    return ""


def aliases_for(name: str, sections: list[Section]) -> list[str]:
    """Ways a question may name the program: the title, the title without its trailing verb,
    and "…일자리" words its overview uses ("공공일자리", "동행일자리")."""
    out: list[str] = []

    def add(a: str) -> None:
        a = re.sub(r"\s+", "", a)
        if len(a) >= 3 and a not in out and a not in _GENERIC_WORDS:
            out.append(a)

    add(name)
    short = re.sub(r"\(.*?\)", "", name).strip()
    for _ in range(3):
        short = re.sub(r"\s*(추진|운영\s*확대|운영|지원사업|사업지원|지원|선정·지원|조성·운영|활성화|육성|제공|사업)$", "", short).strip()
    add(short)
    for sec in sections:
        if "개요" in sec.aspect or not sec.aspect:
            for _, text in sec.body:
                for w in re.findall(r"[가-힣]{2,}일자리", text):
                    add(w)
    return out


def _program_path(section: Section) -> tuple[str, ...]:
    return section.path[:-1] if section.aspect else section.path


def build_cards(docs: list[Document], sections_by_doc: dict[str, list[Section]]) -> list[ProgramCard]:
    cards: list[ProgramCard] = []
    for doc in docs:
        area = doc_area(doc)
        programs: dict[tuple[str, ...], list[Section]] = {}
        for sec in sections_by_doc.get(doc.doc_id, []):
            if sec.program:
                programs.setdefault(_program_path(sec), []).append(sec)
        paths = list(programs)
        doc_cards: list[ProgramCard] = []
        for path in paths:
            if any(other != path and other[: len(path)] == path for other in paths):
                continue  # a heading over other programs, not a program itself
            doc_cards.append(_card(doc, area, path, programs[path]))
        # Sections whose programs the outline does not give (web pages, guides): titled segments.
        covered = {c.section for c in doc_cards if c.has_target}
        found: list[ProgramCard] = []
        for sec in sections_by_doc.get(doc.doc_id, []):
            if any(sec.path_text.startswith(c) for c in covered):
                continue
            found += [_segment_card(doc, area, sec, seg) for seg in segments(sec.body) if seg.statements]
        names = {c.name for c in found}
        # An outline "program" that is really a page heading over titled programs gives way to them.
        doc_cards = [c for c in doc_cards if c.has_target or not found or c.name not in names and c.section not in
                     {f.section for f in found}]
        cards += doc_cards + _unique(found)
    return cards


def _unique(cards: list[ProgramCard]) -> list[ProgramCard]:
    seen: set[str] = set()
    out = []
    for c in cards:
        if c.id not in seen:
            seen.add(c.id)
            out.append(c)
    return out


def _segment_card(doc: Document, area: str, section: Section, seg: Segment) -> ProgramCard:
    alternatives = [st for st in seg.statements if st.track]
    if alternatives:  # "청년층 18세 ~ 34세", "중장년층 35~69세 …": each line is one audience
        tracks = [parse_track(st.text, area, label=st.track) for st in alternatives]
        common = [st for st in seg.statements if not st.track]
        for t in tracks:
            for st in common:
                merge(t, parse_track(st.text, area))
    else:
        tracks = parse_statements([st.text for st in seg.statements], area)
    first, last = seg.statements[0].first, max(st.last for st in seg.statements)
    for t in tracks:
        t.lines = (first, last)
    digest = hashlib.sha1(f"{section.path_text}{SECTION_SEP}{seg.title}{seg.title_line}".encode("utf-8")).hexdigest()[:10]
    sources = {"name": [seg.title_line, seg.title_line], "target": [first, last]}
    if seg.support:
        sources["support"] = [seg.support[1], seg.support[1]]
    if seg.apply:
        sources["apply"] = [seg.apply[1], seg.apply[1]]
    return ProgramCard(
        id=f"{doc.doc_id}:{digest}",
        name=seg.title,
        doc_id=doc.doc_id,
        doc_title=doc.title,
        area="" if seg.national else area,
        office=section.office,
        team=section.team,
        section=section.path_text,
        has_target=True,
        target_label=seg.statements[0].label,
        target_text="\n".join(f"{(st.track + ' ') if st.track else ''}{st.label}: {squash(st.text)}" for st in seg.statements),
        target_line=first,
        target_line_end=last,
        support=squash(seg.support[0]) if seg.support else "",
        participant=participant_of(tracks),
        tracks=tracks,
        aliases=aliases_for(seg.title, []),
        area_sido="" if seg.national else (area_sido(area) or ""),
        local=bool(area) and not seg.national,
        apply=squash(seg.apply[0]) if seg.apply else "",
        sources=sources,
    )


def _card(doc: Document, area: str, path: tuple[str, ...], sections: list[Section]) -> ProgramCard:
    first = sections[0]
    overview = [s for s in sections if "개요" in s.aspect] or sections
    body = [pair for s in overview for pair in s.body]
    statements = find_statements(body)
    tracks = parse_statements([s.text for s in statements], area)
    if tracks:
        main = tracks[0]
        for lineno, raw in body:  # extra audiences ("만40~67세 서울형 차상위 … 우선 제공")
            if any(st.first <= lineno <= st.last for st in statements):
                continue
            text = _strip_bullet(_SUB.sub("", raw))
            if _EXTRA_AUDIENCE.search(text):
                extra = parse_track(text, area, label=_audience_label(text))
                if extra.residence is None:
                    extra.residence, extra.residence_sido = main.residence, main.residence_sido
                # The line itself is the rule; its leftover words ("보람일자리 우선 제공") are not requirements.
                extra.notes += extra.conditions + [text]
                extra.conditions = []
                tracks.append(extra)
    name = first.program
    digest = hashlib.sha1(SECTION_SEP.join(path).encode("utf-8")).hexdigest()[:10]
    return ProgramCard(
        id=f"{doc.doc_id}:{digest}",
        name=name,
        doc_id=doc.doc_id,
        doc_title=doc.title,
        area=area,
        office=first.office,
        team=first.team,
        section=SECTION_SEP.join(path),
        has_target=bool(statements),
        target_label=statements[0].label if statements else "",
        target_text="\n".join(f"{s.label}: {squash(s.text)}" for s in statements),
        target_line=statements[0].first if statements else 0,
        target_line_end=max((s.last for s in statements), default=0),
        support=_first_field(body, _SUPPORT),
        budget=_first_field(body, _BUDGET) or _budget_from_table(sections),
        period=_first_field(body, _PERIOD),
        participant=participant_of(tracks),
        tracks=tracks,
        aliases=aliases_for(name, sections),
        area_sido=area_sido(area) or "",
        local=bool(area),
        sources={"name": [first.heading_line, first.heading_line],
                 **({"target": [statements[0].first, max(s.last for s in statements)]} if statements else {})},
    )


def _audience_label(text: str) -> str:
    m = re.search(r"세\s+(.+?)\s*(?:보람일자리|일자리)?\s*우선", text)
    return m.group(1).strip() if m else "추가 대상"
