"""programs.json (in the index generation folder): the program cards, with a fingerprint of the corpus and of the parser.

Ingest writes the file; readers rebuild it when it is missing or stale (a no-op ingest skips the
hook, and a parser change must not leave old cards behind). Building is parsing only: no model.
"""
from __future__ import annotations

import hashlib
import json
from pathlib import Path

from eligibility.cards import ProgramCard, build_cards_from_corpus
from ingest.documents import corpus_files
from ingest.generations import index_dir, is_generation
from ingest.store import atomic_write_text

PROGRAMS_FILE = "programs.json"
FORMAT_VERSION = 1
_CODE = ("vocab.py", "criteria.py", "cards.py")
_INGEST_CODE = ("outline.py", "documents.py", "korean_text.py", "records.py")


def fingerprint(corpus_dir: Path) -> str:
    h = hashlib.sha256(str(FORMAT_VERSION).encode())
    here = Path(__file__).resolve().parent
    for name in _CODE:
        h.update((here / name).read_bytes())
    for name in _INGEST_CODE:
        h.update((here.parent / "ingest" / name).read_bytes())
    for path in corpus_files(corpus_dir):
        h.update(path.name.encode("utf-8") + b"\x00" + path.read_bytes())
    return h.hexdigest()[:20]


def save_cards(data_dir: Path, cards: list[ProgramCard], stamp: str) -> Path:
    path = data_dir / PROGRAMS_FILE
    payload = {"version": FORMAT_VERSION, "fingerprint": stamp, "cards": [c.to_dict() for c in cards]}
    atomic_write_text(path, json.dumps(payload, ensure_ascii=False, indent=1))
    return path


def read_cards(data_dir: Path) -> tuple[list[ProgramCard], str] | None:
    path = data_dir / PROGRAMS_FILE
    if not path.exists():
        return None
    try:
        payload = json.loads(path.read_text(encoding="utf-8"))
        if payload.get("version") != FORMAT_VERSION:
            return None
        return [ProgramCard.from_dict(c) for c in payload["cards"]], payload.get("fingerprint", "")
    except (ValueError, KeyError, TypeError):
        return None  # damaged: rebuild


def build_and_save(corpus_dir: Path, data_dir: Path) -> int:
    """Ingest hook: (re)build the cards from the corpus and save them. Returns the card count."""
    cards = build_cards_from_corpus(corpus_dir)
    save_cards(data_dir, cards, fingerprint(corpus_dir))
    return len(cards)


def load_cards(data_dir: Path, corpus_dir: Path | None = None) -> list[ProgramCard]:
    """Saved cards when they match the corpus and parser; otherwise rebuilt in memory — but only from
    the corpus the index was built from (a corpus edited since the last ingest must not give cards
    that the indexed chunks do not have). A generation folder is never written to after its switch."""
    from assistant.paths import CORPUS_DIR
    from ingest.store import load_manifest

    corpus_dir = corpus_dir or CORPUS_DIR
    folder = index_dir(data_dir)
    stored = read_cards(folder)
    if not corpus_dir.is_dir():
        return stored[0] if stored else []
    stamp = fingerprint(corpus_dir)
    if stored and stored[1] == stamp:
        return stored[0]
    manifest = load_manifest(folder)
    if stored and manifest and manifest.files != _file_hashes(corpus_dir):
        return stored[0]  # the corpus moved on since the ingest: the index's own cards
    cards = build_cards_from_corpus(corpus_dir)
    if folder == Path(data_dir) and not is_generation(folder):
        try:
            save_cards(folder, cards, stamp)
        except OSError:
            pass  # a read-only index folder still gets correct cards in memory
    return cards


def _file_hashes(corpus_dir: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in corpus_files(corpus_dir)}
