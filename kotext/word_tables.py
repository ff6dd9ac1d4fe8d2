"""Rebuild flattened tables of words (rosters: 위원 명단, 직원 명단) as "column value, …" text.

PDF extraction leaves a roster as a header line of column names (`구분 성 명 선거구 정당`, often spaced
out syllable by syllable) followed by one line per person (`위  원 김 경 우 동작2 더불어민주당`). The
numeric rebuild (kotext/flat_tables.py) needs numbers; here the rows are words, so each row is told
apart from prose by its shape (short, no sentence ending, about as many words as the header has
columns) and its cells are aligned to the header where the word count allows it. A row the cells of
which cannot be aligned keeps its text and is followed by its header in brackets, so the column words
("선거구", "직급") stay next to the person they describe.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

_HANGUL_SYLLABLE = re.compile(r"^[가-힣]$")
_NOT_A_ROW = re.compile(r"^[○□■◦•·‣▸▶➡⇒⇨→－−\-※❖✜*<〈《#|ㅇ①-⑳Ⅰ-Ⅻ\d(（\[「]|[:：|,]|다\.?$|니다|\.$|[?？…]")
# A column name is a noun: a word of three or more syllables ending like a verb or a particle
# ("일하는", "습관을") is prose (two-syllable names such as "비고" end that way too)
_NOT_A_NAME = re.compile(r"(?:는|은|을|를|의|에|고|며|한|된|인|하|서)$")
_HEADER_BAD = re.compile(r"[\d:：()（）○□■※·,.|#《》<>〃「」?？…]")
MIN_ROWS = 3  # a roster has at least three people; two short lines are as likely prose
MAX_ROW_CHARS = 60  # a roster line is short; longer lines are wrapped prose
MAX_HEADER_CHARS = 40
MIN_COLUMNS, MAX_COLUMNS = 3, 8
WORD_SLACK = 2  # a row may have up to this many more words than columns (a cell of two words: "임기 7급")
_DITTO = {"〃", "″", "\"", "상동", "동"}


@dataclass(frozen=True)
class WordRow:
    lineno: int
    columns: tuple[str, ...]
    cells: tuple[str, ...]  # aligned to `columns`, or () when the row's words could not be aligned
    text: str  # the row as printed, spaced syllables joined

    def render(self) -> str:
        if self.cells:
            return ", ".join(f"{c} {v}" for c, v in zip(self.columns, self.cells) if v)
        return f"{self.text} [{' '.join(self.columns)}]"


def _words(line: str) -> list[str]:
    """The line's words with spaced-out syllables joined: a run of single syllables is one word
    ("김 경 우" → "김경우"; "위  원" with a layout gap too)."""
    out: list[str] = []
    run: list[str] = []
    for tok in line.split():
        if _HANGUL_SYLLABLE.match(tok):
            run.append(tok)
            continue
        if run:
            out.append("".join(run))
            run = []
        out.append(tok)
    if run:
        out.append("".join(run))
    return out


def header_columns(line: str) -> tuple[str, ...] | None:
    """Column names of a header line, or None when the line is not one. "직 위 직 급 성 명 비 고" is one
    run of eight syllables: a header of two-syllable names, as roster headers are."""
    text = line.strip()
    if not text or len(text) > MAX_HEADER_CHARS or _HEADER_BAD.search(text):
        return None
    words = _words(text)
    if len(words) == 1 and len(words[0]) >= 2 * MIN_COLUMNS and len(words[0]) % 2 == 0 and len(text.split()) == len(words[0]):
        words = [words[0][i:i + 2] for i in range(0, len(words[0]), 2)]
    if not MIN_COLUMNS <= len(words) <= MAX_COLUMNS or any(len(w) < 2 or len(w) > 8 or (len(w) >= 3 and _NOT_A_NAME.search(w)) for w in words):
        return None
    return tuple(words)


def _row_words(line: str) -> list[str] | None:
    text = line.strip()
    if not text or len(text) > MAX_ROW_CHARS or _NOT_A_ROW.search(text):
        return None
    return _words(text)


# The header words of a column of people's names; a name is most often three syllables.
NAME_COLUMNS = ("성명", "이름", "성함", "대표자", "대표자명")
NAME_SYLLABLES = 3


def _align(words: list[str], k: int) -> tuple[str, ...]:
    """The row's words as k cells when it has one word per column, else ()."""
    return tuple(words) if len(words) == k else ()


def _split_glued(words: list[str], k: int, name_at: int, known: list[set[str]], raw: str) -> tuple[str, ...]:
    """A row short of words glued cells' spaced syllables together ("위  원 김 경 우" → "위원김경우"):
    cut a glued run where a cell value seen in other rows ends or begins, else so that the name
    column gets three syllables; again until the row has a word per column. () when it cannot."""
    words = list(words)
    while len(words) < k:
        for i, w in enumerate(words):
            if not re.fullmatch(r"[가-힣]{4,9}", w) or w in known[i] or not re.search(r"\s+".join(w), raw):
                continue  # only a run the line spaces out syllable by syllable was glued
            cuts = sorted({c for c in range(1, len(w)) if w[:c] in known[i] or w[c:] in known[i + 1]})
            if not cuts and name_at in (i, i + 1):
                cuts = [NAME_SYLLABLES if name_at == i else len(w) - NAME_SYLLABLES]
            if len(cuts) == 1 and 0 < cuts[0] < len(w):
                words[i:i + 1] = [w[: cuts[0]], w[cuts[0]:]]
                break
        else:
            return ()
    return tuple(words) if len(words) == k else ()


def rebuild_word_rows(body: list[tuple[int, str]]) -> dict[int, WordRow]:
    """Map line number → rebuilt row for every roster row under a header of column names."""
    rows: dict[int, WordRow] = {}
    lines = [(n, t) for n, t in body if t.strip()]
    i = 0
    while i < len(lines):
        columns = header_columns(lines[i][1])
        if columns is None:
            i += 1
            continue
        k = len(columns)
        run: list[tuple[int, list[str], str]] = []
        j = i + 1
        while j < len(lines):
            words = _row_words(lines[j][1])
            if words is None or not max(2, k - 2) <= len(words) <= k + WORD_SLACK:
                break
            run.append((lines[j][0], words, lines[j][1]))
            j += 1
        if len(run) >= MIN_ROWS:
            name_at = next((c for c, name in enumerate(columns) if name in NAME_COLUMNS), -1)
            known: list[set[str]] = [set() for _ in range(k + 1)]
            for _, words, _ in run:  # the values rows with a word per column show, per column
                for c, v in enumerate(_align(words, k)):
                    known[c].add(v)
            for _, words, raw in sorted(run, key=lambda r: (k - len(r[1]), -max(map(len, r[1])))):  # the surest cuts first
                for c, v in enumerate(_split_glued(words, k, name_at, known, raw)):
                    known[c].add(v)
            previous: tuple[str, ...] = ()
            for lineno, words, raw in run:
                cells = _align(words, k) or _split_glued(words, k, name_at, known, raw)
                if cells and previous:  # "〃": the same as the row above
                    cells = tuple(p if c in _DITTO else c for c, p in zip(cells, previous))
                previous = cells or previous
                rows[lineno] = WordRow(lineno, columns, cells, " ".join(words))
            i = j
        else:
            i += 1
    return rows
