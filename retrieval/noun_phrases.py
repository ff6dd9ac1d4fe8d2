"""Noun phrases of a question as it writes them (Kiwi), for telling what a question is about.
Kept apart from korean_tokens.py: that file is part of the index fingerprint, this one is query-time only."""
from __future__ import annotations

from functools import lru_cache

from retrieval.korean_tokens import _kiwi, _lock


_PHRASE_TAGS = {"NNG", "NNP", "SL", "SH", "SN", "XSN", "XPN", "NR"}
_JOINERS = {"SP", "SO"}  # "50플러스세대·어르신": a middle dot joins two nouns of one name


@lru_cache(maxsize=2048)
def noun_phrase_pieces(text: str) -> tuple[tuple[tuple[str, ...], ...], ...]:
    """Maximal runs of nouns as the question writes them: runs → words (space-separated) → pieces
    (Kiwi nouns, a suffix kept with its noun, a bound noun with its number):
    "영등포 청년 커뮤니티 활성화 지원 예산 알려줘" → (((영등포,), (청년,), (커뮤니티,), (활성화,), (지원,), (예산,)),).
    A particle, verb or determiner ends a run; a bound noun counts only after a number ("5월말", "제2차")."""
    with _lock:
        morphs = _kiwi().tokenize(text)
    runs: list[list] = []
    run: list = []
    for i, m in enumerate(morphs):
        tag = m.tag.split("-")[0]
        after_number = bool(run) and run[-1].tag in {"SN", "NNB"} and tag == "NNB"
        nxt = morphs[i + 1] if i + 1 < len(morphs) else None
        # Kiwi reads the first syllable of some names as a determiner ("동행일자리" → 동/MM 행 일자리).
        glued_determiner = tag == "MM" and nxt is not None and nxt.start == m.start + m.len and nxt.tag in {"NNG", "NNP"}
        if tag in _PHRASE_TAGS or after_number or glued_determiner or (tag in _JOINERS and m.form in "·ㆍ․-" and run):
            run.append(m)
            continue
        if run:
            runs.append(run)
        run = []
    if run:
        runs.append(run)
    out: list[tuple[tuple[str, ...], ...]] = []
    for r in runs:
        while r and r[-1].tag in _JOINERS:
            r = r[:-1]
        words: list[list[str]] = []
        end = None
        for m in r:
            piece = text[m.start : m.start + m.len]
            glued = m.tag in {"XSN", "NNB"} or m.tag in _JOINERS or (words and words[-1][-1][-1:] in "·ㆍ․-")
            if end is not None and m.start == end and words:
                if glued or m.tag == "SN" and words[-1][-1][-1:].isdigit():
                    words[-1][-1] += piece
                else:
                    words[-1].append(piece)
            else:
                words.append([piece])
            end = m.start + m.len
        if words:
            out.append(tuple(tuple(w) for w in words))
    return tuple(out)


def noun_phrases(text: str) -> tuple[tuple[str, ...], ...]:
    """The runs of `noun_phrase_pieces` as words: (("영등포", "청년", "커뮤니티", "활성화", "지원", "예산"),)."""
    return tuple(tuple("".join(w) for w in run) for run in noun_phrase_pieces(text))
