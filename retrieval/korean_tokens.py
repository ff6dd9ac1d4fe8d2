"""Kiwi morpheme tokens for lexical search.

Whitespace tokenization of Korean leaves particles glued to nouns ("달성률은", "집행률이"), so
lexical search silently misses. Kiwi splits them; we keep content morphemes, normalise numbers
("393,575" → "393575", "70.7" kept whole) and join noun + suffix ("달성"+"률" → also "달성률").
Spaced-out names ("권 수 정") are joined before analysis so they match their plain form.
"""
from __future__ import annotations

import re
import threading
from functools import lru_cache

from kotext.text import join_spaced_syllables, spaced_runs

_KEEP = {"NNG", "NNP", "SL", "SH", "XR", "SN", "VV", "VA", "NR"}
_NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")
# Same word, two spellings in the reports.
_CANON = {"집행율": "집행률", "달성율": "달성률", "예산액": "예산", "맟춤형": "맞춤형"}
_lock = threading.Lock()


@lru_cache(maxsize=1)
def _kiwi():
    from kiwipiepy import Kiwi

    return Kiwi()


def _canon(token: str) -> str:
    return _CANON.get(token, token)


@lru_cache(maxsize=4096)
def tokenize(text: str, content_only: bool = False) -> tuple[str, ...]:
    """Index tokens; with content_only, verbs and adjectives are left out (a question's
    "열렸나요", "나왔어" say how it is asked, not what about)."""
    # Layout spacing can glue a name to its neighbours ("권 수 정 비 례" → "권수정비례");
    # syllable trigrams of such runs let the plain name still match.
    grams = [run[i : i + 3] for run in spaced_runs(text) for i in range(len(run) - 2)]
    text = join_spaced_syllables(text)
    with _lock:  # Kiwi objects are not guaranteed thread-safe (Streamlit runs sessions in threads)
        morphs = _kiwi().tokenize(text)
    out: list[str] = []
    prev = None
    for m in morphs:
        form, tag = m.form, m.tag.split("-")[0]
        if tag == "SN":
            out.append(form.replace(",", ""))
            if re.fullmatch(r"(19|20)\d\d", form):
                out.append(form[2:])  # "2021" also matches the reports' "’21"
        elif tag == "XSN" and prev is not None and prev.tag.startswith("NN"):
            out.append(_canon(prev.form + form))
        elif content_only and tag in {"VV", "VA"}:
            pass
        elif tag in _KEEP and (len(form) > 1 or tag in {"NNG", "NNP", "SL", "SH"}):
            out.append(_canon(form))
        prev = m
    # Kiwi sometimes splits decimals; make sure every number in the text is a token too.
    for num in _NUMBER.findall(text):
        plain = num.replace(",", "")
        if plain not in out:
            out.append(plain)
    out += [g for g in grams if g not in out]
    return tuple(out)


@lru_cache(maxsize=1024)
def noun_compound_parts(text: str) -> tuple[tuple[str, ...], ...]:
    """Nouns written together with no space ("청년수당" → ("청년", "수당")): a compound names one thing."""
    with _lock:
        morphs = _kiwi().tokenize(text)
    out: list[tuple[str, ...]] = []
    run: list = []
    for m in [*morphs, None]:
        if m is not None and m.tag in ("NNG", "NNP") and (not run or run[-1].start + run[-1].len == m.start):
            run.append(m)
            continue
        if len(run) >= 2:
            out.append(tuple(x.form for x in run))
        run = [m] if m is not None and m.tag in ("NNG", "NNP") else []
    return tuple(out)


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
