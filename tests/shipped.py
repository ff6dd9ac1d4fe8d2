"""The shipped corpus parsed once per test session (the same path ingest takes: readers → model)."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from settings import CORPUS_DIR


@lru_cache(maxsize=4)
def documents(corpus_dir: Path = CORPUS_DIR):
    from ingest.documents import load_corpus

    docs, _ = load_corpus(corpus_dir)
    return tuple(docs)


def facts(corpus_dir: Path = CORPUS_DIR):
    from figures.extract import extract_facts

    return extract_facts(list(documents(corpus_dir)))


def cards(corpus_dir: Path = CORPUS_DIR):
    from eligibility.cards import build_cards

    docs = documents(corpus_dir)
    return build_cards(list(docs), {d.doc_id: list(d.sections) for d in docs})
