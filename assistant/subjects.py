"""What a question is about, in the index's own vocabulary: the names its headings give programs,
offices, meetings and places, and the heading tree (which program heads a group of programs).

Used by follow-up resolution (assistant/followup.py) to tell a self-contained question
("청년 커뮤니티 활성화 지원 사업 대상은?": names a program heading) from an elliptical one
("이용자 만족도는 평균 몇 %야?": its nouns are attributes no heading is named after).
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from assistant.entities import EntityCatalog
from assistant.scope import REGIONS
from kotext.text import no_ws
from questions.analysis import INTENT_LABELS, KINDS, METRIC_WORDS, QUESTION_WORDS
from reports.chunks import Chunk
from reports.model import SECTION_SEP
from retrieval.noun_phrases import noun_phrase_pieces

# Words that say what is asked about a subject (its budget, rate, place, members), never the subject.
ASK_WORDS: frozenset[str] = frozenset(
    {c for cues in KINDS.values() for c in cues if " " not in c and len(c) >= 2}
    | {c for cues, _ in INTENT_LABELS.values() for c in cues if " " not in c and len(c) >= 2}
    | set(METRIC_WORDS) | QUESTION_WORDS
)
_OUTLINE = re.compile(r"^(?:[ⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩ]+\.|\d+\.|[①-⑳]+|[□○■●◦·\-]|\W)+\s*")
_DOTS = re.compile(r"[·ㆍ․・\s]")
_DATE_WORD = re.compile(r"^(?:제?\d+(?:년|월|월말|차|분기|일)?|상반기|하반기)$")


def squash(text: str) -> str:
    """Whitespace and middle dots removed: "50플러스세대·어르신" and "50플러스세대․어르신" agree."""
    return _DOTS.sub("", text)


def is_ask_word(word: str) -> bool:
    """"달성률", "소요예산", "선발인원": the word (or the head noun it ends with) names an attribute."""
    w = re.sub(r"(은|는|이|가|을|를|에|의|도|만)$", "", word)
    return w in ASK_WORDS or any(w.endswith(a) for a in ASK_WORDS if len(a) >= 2)


@dataclass(frozen=True)
class SubjectParams:
    # A name picks out a program and perhaps a sub-heading or two; a generic word ("청년", "지원")
    # heads dozens of sections. 3 separates the two on both reports (청년 28, 인턴 2, 장애인 3).
    max_headings: int = 3
    min_chars: int = 2
    max_options: int = 6
    option_chars: int = 40


def _path(section: str) -> tuple[str, ...]:
    return tuple(p.strip() for p in section.split(SECTION_SEP))


def heading_name(component: str) -> str:
    return _OUTLINE.sub("", component).strip()


class SubjectVocabulary:
    """Heading names and the heading tree of the index, plus the entity catalog."""

    def __init__(
        self,
        chunks: Iterable[Chunk],
        entities: EntityCatalog,
        is_unknown: Callable[[str], bool] = lambda q: False,
        params: SubjectParams | None = None,
    ) -> None:
        self.params = params or SubjectParams()
        self.entities = entities
        self.is_unknown = is_unknown
        self.offices = entities.offices
        self.children: dict[tuple[str, ...], list[str]] = {}
        headings: set[str] = set()  # every heading below a document title, each once
        for section in sorted({c.section for c in chunks}):
            path = _path(section)
            for depth in range(1, len(path)):
                kids = self.children.setdefault(path[:depth], [])
                if path[depth] not in kids:
                    kids.append(path[depth])
            headings.update(path[1:])
        # Named once per distinct heading, not once per section it appears in (at 100× the corpus
        # the same headings recur under every copy of a document).
        names = {squash(heading_name(h)) for h in headings}
        self.heading_names = sorted(n for n in names if n)

    # ── what a question names ────────────────────────────────────────────────────────────────
    def names_entity(self, question: str) -> bool:
        """An office, meeting, document, region, or a word the reports never use ("달나라")."""
        m = self.entities.find(question)
        if m.offices or m.meetings or m.doc_ids:
            return True
        q = no_ws(question)
        return any(r in q for r in REGIONS) or self.is_unknown(question)

    def subject_words(self, question: str) -> list[tuple[str, ...]]:
        """Noun phrases without their attribute words: "영등포 청년 커뮤니티 활성화 지원 예산" →
        ("영등포", "청년", "커뮤니티", "활성화", "지원")."""
        return [tuple("".join(w) for w in run) for run in self._subject_pieces(question)]

    def _subject_pieces(self, question: str) -> list[tuple[tuple[str, ...], ...]]:
        out = []
        for run in noun_phrase_pieces(question):
            words = tuple(w for w in run if not is_ask_word("".join(w)))
            if words:
                out.append(words)
        return out

    def named_headings(self, question: str) -> list[str]:
        """Parts of the question that name few headings ("청년커뮤니티활성화지원", "기술교육원" in
        "북부기술교육원"); an attribute word or a date breaks a part."""
        found: list[str] = []
        for run in noun_phrase_pieces(question):
            spans: list[list[str]] = [[]]
            for w in run:
                word = "".join(w)
                if is_ask_word(word) or _DATE_WORD.match(word):
                    spans.append([])
                else:
                    spans[-1].extend(w)
            for pieces in spans:
                found += self._named(pieces)
        return found

    def _named(self, pieces: list[str]) -> list[str]:
        found: list[str] = []
        i = 0
        while i < len(pieces):
            for j in range(len(pieces), i, -1):  # the longest named part starting here
                unit = squash("".join(pieces[i:j]))
                if len(unit) < self.params.min_chars or unit in ASK_WORDS:
                    continue
                if 0 < sum(unit in h for h in self.heading_names) <= self.params.max_headings:
                    found.append(unit)
                    i = j - 1
                    break
            i += 1
        return found

    # ── the heading tree ─────────────────────────────────────────────────────────────────────
    def heading_for(self, subject: str, sections: Iterable[str]) -> tuple[str, ...] | None:
        """Among the ancestors of `sections`, the heading that best matches `subject` (longest
        common run of characters, at least 4)."""
        target = squash(subject)
        best, best_score = None, 3
        for section in sections:
            path = _path(section)
            for depth in range(2, len(path) + 1):
                name = squash(heading_name(path[depth - 1]))
                score = _common_run(name, target)
                # On a tie the deeper heading is the more specific one (a program, not its office).
                if score > best_score or (score == best_score and best is not None and depth > len(best)):
                    best, best_score = path[:depth], score
        return best

    def programs_under(self, path: tuple[str, ...]) -> list[str]:
        """Child headings that are programs themselves (they have their own sub-headings)."""
        return [heading_name(k) for k in self.children.get(path, []) if self.children.get((*path, k))]


def _common_run(a: str, b: str) -> int:
    """Length of the longest common substring (short strings: a simple DP is enough)."""
    best = 0
    prev = [0] * (len(b) + 1)
    for ca in a:
        cur = [0] * (len(b) + 1)
        for j, cb in enumerate(b, start=1):
            if ca == cb:
                cur[j] = prev[j - 1] + 1
                best = max(best, cur[j])
        prev = cur
    return best
