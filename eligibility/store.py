"""programs.json (in the index generation folder): the program cards, with a fingerprint of the corpus and of the parser.

Ingest writes the file; readers rebuild it when it is missing or stale (a no-op ingest skips the
hook, and a parser change must not leave old cards behind). Building is parsing only: no model.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

from eligibility.cards import ProgramCard, build_cards
from reports.generations import index_dir
from reports.model import Document
from reports.store import atomic_write_text, load_manifest

PROGRAMS_FILE = "programs.json"
FORMAT_VERSION = 3  # 3: cards from titled segments, residence 시·도, per-field sources


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


def save_cards_of(documents: list[Document], data_dir: Path, fingerprint: str) -> int:
    """Ingest step: cards of the documents parsed in this pass (no second parse). Returns the count."""
    cards = build_cards(documents, {d.doc_id: list(d.sections) for d in documents})
    save_cards(data_dir, cards, fingerprint)
    return len(cards)


def load_cards(data_dir: Path, corpus_dir: Path | None = None) -> list[ProgramCard]:
    """The cards written by the ingest pass that wrote the index manifest (empty before the first
    ingest). Reads one generation: the current one, or the generation folder given."""
    folder = index_dir(data_dir)
    stored = read_cards(folder)
    if stored is None:
        return []
    manifest = load_manifest(folder)
    if manifest and stored[1] != manifest.fingerprint:
        print("경고: 사업 카드(programs.json)가 색인과 맞지 않을 수 있습니다. `python -m ingest --force`로 다시 만드세요.", file=sys.stderr)
    return stored[0]
