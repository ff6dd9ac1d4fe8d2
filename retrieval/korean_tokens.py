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
