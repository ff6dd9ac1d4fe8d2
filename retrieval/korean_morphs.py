"""Kiwi morphemes of a short text (a question), as kotext's analyzer-free `Morph` records.

The same Kiwi instance as lexical search (`retrieval.korean_tokens`), so reading a profile from a
question loads nothing new. Kept out of korean_tokens.py on purpose: that file's hash is part of the
lexical index's tokenizer id, and this reader does not change index tokens.
"""
from __future__ import annotations

from functools import lru_cache

from kotext.person_facts import Morph
from retrieval.korean_tokens import _kiwi, _lock


@lru_cache(maxsize=1024)
def morphemes(text: str) -> tuple[Morph, ...]:
    with _lock:  # Kiwi objects are not guaranteed thread-safe
        tokens = _kiwi().tokenize(text)
    return tuple(Morph(t.form, t.tag, t.start, t.start + t.len) for t in tokens)
