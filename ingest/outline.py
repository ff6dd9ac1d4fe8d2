"""Parse the outline of a Korean public report into leaf sections.

Markers, outermost first (see DESIGN.md): `Ⅰ.` part → `1.` chapter (a meeting `1. 제2차 회의`
or an office `2. 여성가족정책실 소관(...)`, under which `1.` is a sub-chapter) → `1 ` program
group → `①①` program (PDF extraction doubles circled digits) → aspect headings (사업개요,
추진실적, 향후계획, 예산현황 …, often behind a lost private-use bullet glyph). A heading closes
every deeper level. Everything that is not a heading is body text of the current leaf.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from kotext.sentences import ends_sentence
from kotext.text import PRIVATE_USE, clean_line, join_spaced_syllables, squash_ws
from reports.model import SECTION_SEP, Layout

ROMAN = "ⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩ"
CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩➀➁➂➃➄➅➆➇➈➉"

_PART = re.compile(rf"^([{ROMAN}])\.\s*(.+)$")
_SUBPART = re.compile(rf"^([{ROMAN}])\s+(.+)$")  # "Ⅰ 업무보고" inside a meeting
_CHAPTER = re.compile(r"^(\d{1,2})\.\s+(\S.{1,70})$")
_GROUP = re.compile(r"^(\d)\s+([가-힣A-Za-z0-9(].{2,80})$")
_PROGRAM = re.compile(rf"^([{CIRCLED}])\1\s*(.+)$")
_MEETING = re.compile(r"^제\s*\d+\s*차\s*회의$")
_OFFICE = re.compile(r"^(\S+?(?:실|관|국|본부|과))\s*소관")
_TEAM = re.compile(r"\s(\S+팀)$")
_ASPECT = re.compile(
    r"^(?:\d\s+|□\s*)?"
    r"(사업\s*개요|주요\s*추진\s*실적|추진\s*실적|향후\s*계획|예산\s*현황|추진\s*현황|세부\s*추진\s*내용"
    r"|기본\s*방향|(?:’\d\d년\s*)?일자리\s*목표|주요\s*분야별\s*일자리\s*사업)"
    r"\s*(\(.{0,30}\))?\s*$"
)
# A heading that wrapped onto the next line ends with a connective.
_WRAPPED = re.compile(r"(및|·|,|의|과|와)$")
_LEVELS = ("part", "chapter", "subchapter", "group", "program", "aspect")
# Explicit heading levels (Markdown `#`, kordoc headings) onto the report hierarchy.
_EXPLICIT_LEVEL = {1: "part", 2: "chapter", 3: "group", 4: "program", 5: "aspect", 6: "aspect"}
# In paragraph layouts a heading is short and does not end a sentence; 60 characters covers the
# longest headline of a press release or notice title seen in Korean public pages.
MAX_PLAIN_HEADING = 60
# List markers, also as Markdown writes them escaped ("1\\." so that it is not a Markdown list).
_LIST_MARK = re.compile(r"^(?:\d{1,2}\\?[.)]|[가-힣]\\?[.)]|\(\d{1,2}\)|[-*•·○□■◦※▶])\s*")
# A document whose format marks this many headings (Markdown #, kordoc headings) marks all of them:
# a short unmarked line there is body text, not a heading guessed from the paragraph layout.
MIN_EXPLICIT_HEADINGS = 2


@dataclass
class OutlineSection:
    """A leaf of the outline while parsing: a heading and the body lines under it."""

    path: tuple[str, ...]
    heading_line: int
    line_end: int
    body: list[tuple[int, str]] = field(default_factory=list)  # (line number, text)
    meeting: str = ""
    office: str = ""
    program: str = ""
    team: str = ""
    aspect: str = ""

    @property
    def path_text(self) -> str:
        return SECTION_SEP.join(self.path)


@dataclass
class _State:
    titles: dict[str, str] = field(default_factory=dict)
    meeting: str = ""
    office: str = ""
    team: str = ""
    last_group: int = 0
    strong_here: bool = False  # the line being classified is a strong group candidate

    def open(self, level: str, title: str) -> None:
        depth = _LEVELS.index(level)
        for deeper in _LEVELS[depth:]:
            self.titles.pop(deeper, None)
        self.titles[level] = title
        if depth <= _LEVELS.index("chapter"):
            self.meeting = self.office = ""
        if depth <= _LEVELS.index("subchapter"):
            self.last_group = 0
        if depth <= _LEVELS.index("group"):
            self.team = ""

    def path(self, doc_title: str) -> tuple[str, ...]:
        return (doc_title, *(self.titles[lv] for lv in _LEVELS if lv in self.titles))


def _strong_group_lines(lines: tuple[str, ...] | list[str]) -> dict[int, int]:
    """Group-heading candidates that carry layout evidence of being headings (a lost bullet glyph
    or indent before the number, or a team name at the end), by line index → number."""
    strong: dict[int, int] = {}
    for i, raw in enumerate(lines):
        text = clean_line(raw)
        m = _GROUP.match(text)
        if m and (raw[:1].isspace() or PRIVATE_USE.match(raw) or _TEAM.search(text)):
            strong[i] = int(m.group(1))
    return strong


def _classify(text: str, state: _State) -> tuple[str, str] | None:
    """Return (level, title) when the line is a heading at the current position, else None."""
    if m := _PART.match(text):
        return "part", f"{m.group(1)}. {squash_ws(m.group(2))}"
    if m := _CHAPTER.match(text):
        title = squash_ws(m.group(2))
        if title.endswith("의 건") or re.search(r"\d[\d,]*\s*$", title):
            return None  # agenda item or a numbered data line, not a heading
        level = "subchapter" if state.office else "chapter"
        if _MEETING.match(title.replace(" ", "")) or _OFFICE.match(title):
            level = "chapter"
        return level, title
    if m := _PROGRAM.match(text):
        return "program", squash_ws(m.group(2))
    if m := _ASPECT.match(text):
        return "aspect", squash_ws(join_spaced_syllables(text.lstrip("□0123456789 ")))
    if m := _SUBPART.match(text):
        if "chapter" in state.titles:
            return "subchapter", f"{m.group(1)} {squash_ws(m.group(2))}"
    if m := _GROUP.match(text):
        n = int(m.group(1))
        title = squash_ws(join_spaced_syllables(m.group(2)))
        # Numbered table rows look like groups: accept only the next number in sequence.
        if re.search(r"\d[\d,]*\s*$", title) or len(title) > 60:
            return None
        if n == state.last_group + 1 or (state.strong_here and n >= 1):
            return "group", title
    return None


def _plain_heading(lines: tuple[str, ...] | list[str], i: int, text: str) -> bool:
    """Paragraph layouts: a short line that does not end a sentence, followed by a longer line that
    does (a headline over its article, a notice title over its text)."""
    if len(text) > MAX_PLAIN_HEADING or ends_sentence(text) or _LIST_MARK.match(text) or ":" in text:
        return False
    j = i + 1
    while j < len(lines) and not clean_line(lines[j]):
        j += 1
    if j >= len(lines):
        return False
    nxt = clean_line(lines[j])
    return len(nxt) > max(2 * len(text), 40) and ends_sentence(nxt)


def _list_not_heading(lines: tuple[str, ...] | list[str], i: int, text: str) -> bool:
    """Paragraph layouts: '1. (이용자) 이용자는 …' is a list item, not a chapter: it ends a sentence,
    is long, or its next line is the next item of the same list."""
    if ends_sentence(text) or len(text) > MAX_PLAIN_HEADING:
        return True
    j = i + 1
    while j < len(lines) and not clean_line(lines[j]):
        j += 1
    if j < len(lines):
        mark, nxt = _LIST_MARK.match(text), _LIST_MARK.match(clean_line(lines[j]))
        if mark and nxt and re.sub(r"\d+|[가-힣]", "N", mark.group(0)) == re.sub(r"\d+|[가-힣]", "N", nxt.group(0)):
            # The next item of the same list continues the numbering ("1." → "2."); "1." under "1."
            # restarts it: a heading with a numbered sub-heading, not a list.
            a, b = re.search(r"\d+|[가-힣]", mark.group(0)), re.search(r"\d+|[가-힣]", nxt.group(0))
            if a and b and a.group(0).isdigit() and b.group(0).isdigit():
                return int(b.group(0)) == int(a.group(0)) + 1
            return True
    return False


_NUMBERED = re.compile(r"^(\d{1,2})\.\s")


def _neighbour(lines: tuple[str, ...] | list[str], i: int, step: int) -> str:
    j = i + step
    while 0 <= j < len(lines) and not clean_line(lines[j]):
        j += step
    return clean_line(lines[j]) if 0 <= j < len(lines) else ""


def _in_numbered_run(lines: tuple[str, ...] | list[str], i: int, text: str) -> bool:
    """'1. …의 건', '2. …', '3. … 조례안' one after another (an agenda, a table of contents): a list, not a
    run of headings each holding nothing. A numbered line is in such a run when the line before is the
    previous number or the line after the next one."""
    m = _NUMBERED.match(text)
    if not m:
        return False
    n = int(m.group(1))
    before, after = _NUMBERED.match(_neighbour(lines, i, -1)), _NUMBERED.match(_neighbour(lines, i, 1))
    return bool((before and int(before.group(1)) == n - 1) or (after and int(after.group(1)) == n + 1))


def parse_outline(
    lines: tuple[str, ...] | list[str],
    doc_title: str,
    layout: Layout = Layout.FLATTENED,
    explicit: dict[int, int] | None = None,
    never_heading: set[int] | None = None,
) -> list[OutlineSection]:
    """`explicit`: line number → heading level given by the format (Markdown `#`, kordoc headings);
    `never_heading`: line numbers inside tables with real cells."""
    explicit = explicit or {}
    never_heading = never_heading or set()
    flattened = layout is Layout.FLATTENED
    state = _State()
    sections: list[OutlineSection] = []
    current = OutlineSection(path=(doc_title,), heading_line=1, line_end=1)

    def close(at_line: int) -> None:
        current.line_end = max(current.heading_line, at_line)
        if current.body or len(current.path) > 1:
            sections.append(current)

    strong = _strong_group_lines(lines)
    marked_headings = len(explicit) >= MIN_EXPLICIT_HEADINGS
    i = 0
    while i < len(lines):
        lineno = i + 1
        text = clean_line(lines[i])
        if not text:
            i += 1
            continue
        state.strong_here = i in strong
        if lineno in never_heading:
            found = None
        elif lineno in explicit:
            title = squash_ws(re.sub(r"^#+\s*", "", text))
            found = _classify(title, state) or (_EXPLICIT_LEVEL.get(explicit[lineno], "aspect"), title)
        else:
            found = _classify(text, state)
            if found and not flattened and _list_not_heading(lines, i, text) and found[0] in ("chapter", "subchapter", "group"):
                found = None
            if found and found[0] in ("chapter", "subchapter") and _in_numbered_run(lines, i, text):
                found = None
            if found is None and not flattened and not marked_headings and _plain_heading(lines, i, text):
                found = ("subchapter" if "chapter" in state.titles else "chapter", squash_ws(text))
        if found and found[0] == "group" and not state.strong_here and lineno not in explicit:
            n = int(_GROUP.match(text).group(1))  # type: ignore[union-attr]
            # A weak candidate loses to a strong heading with the same number just ahead
            # (e.g. a numbered table row "4 사업개발비" before the real "4 청년 커뮤니티 …").
            if any(strong.get(j) == n for j in range(i + 1, min(len(lines), i + 150))):
                found = None
        if found and found[0] == "part" and "part" not in state.titles and state.last_group:
            # A part heading printed after its first sections (page-layout artefact): adopt
            # the earlier sections into it instead of restarting the numbering.
            for sec in sections:
                if len(sec.path) > 1 or sec.body:
                    sec.path = (sec.path[0], found[1], *sec.path[1:])
            current.path = (current.path[0], found[1], *current.path[1:])
            state.titles["part"] = found[1]
            i += 1
            continue
        if found is None:
            current.body.append((lineno, text))
            i += 1
            continue
        level, title = found
        consumed = 1
        # Join a heading that wrapped onto the next non-empty line.
        if flattened and level in ("subchapter", "group") and _WRAPPED.search(title):
            j = i + 1
            while j < len(lines) and not clean_line(lines[j]):
                j += 1
            if j < len(lines):
                title = f"{title} {squash_ws(clean_line(lines[j]))}"
                consumed = j - i + 1
        close(lineno - 1)
        team = ""
        if level == "group" and (m := _TEAM.search(title)):
            team, title = m.group(1), title[: m.start()].strip()
        state.open(level, title)
        if level == "group":
            gm = _GROUP.match(text) or _GROUP.match(title)
            state.last_group = int(gm.group(1)) if gm else state.last_group + 1
            state.team = team
        if level == "chapter":
            plain = title.replace(" ", "")
            if _MEETING.match(plain):
                state.meeting = plain
            elif om := _OFFICE.match(title):
                state.office = om.group(1)
        program = state.titles.get("program") or (state.titles.get("group") if state.office or state.team else "")
        current = OutlineSection(
            path=state.path(doc_title),
            heading_line=lineno,
            line_end=lineno,
            meeting=state.meeting,
            office=state.office,
            program=program or "",
            team=state.team,
            aspect=state.titles.get("aspect", ""),
        )
        i += consumed
    close(len(lines))
    return sections
