"""facts.jsonl (in the index generation folder): the figure facts of the indexed corpus, written at ingest, read by the assistant.

A small sidecar records what the facts were built from (the corpus files the index manifest lists
and the extraction code), so a stale file is noticed and the facts are rebuilt in memory instead.
facts.marshal holds the same facts as rows for a fast load (reports/records.py); facts.jsonl stays
the reference and the fallback.
"""
from __future__ import annotations

import json
import sys
from dataclasses import fields
from datetime import datetime
from pathlib import Path

from figures.extract import extract_facts
from figures.facts import Fact
from reports import records
from reports.generations import index_dir
from reports.model import Document
from reports.store import atomic_write_text, load_manifest

FACTS_FILE = "facts.jsonl"
FACTS_META_FILE = "facts.meta.json"
FACT_FIELDS = tuple(f.name for f in fields(Fact))


def save_facts(data_dir: Path, facts: list[Fact], fingerprint: str) -> None:
    path = data_dir / FACTS_FILE
    atomic_write_text(path, "".join(json.dumps(f.to_dict(), ensure_ascii=False) + "\n" for f in facts))
    records.save_side(path, "fact", FACT_FIELDS, [tuple(getattr(f, name) for name in FACT_FIELDS) for f in facts])
    meta = {"fingerprint": fingerprint, "count": len(facts), "built_at": datetime.now().isoformat(timespec="seconds")}
    atomic_write_text(data_dir / FACTS_META_FILE, json.dumps(meta, ensure_ascii=False, indent=1))


def save_facts_of(documents: list[Document], data_dir: Path, fingerprint: str) -> int:
    """Ingest step: the facts of the documents parsed in this pass (no second parse). Returns the count."""
    facts = extract_facts(documents)
    save_facts(data_dir, facts, fingerprint)
    return len(facts)


def load_facts(data_dir: Path) -> list[Fact]:
    path = index_dir(data_dir) / FACTS_FILE
    if not path.exists():
        return []
    rows = records.load_side(path, "fact", FACT_FIELDS)
    if rows is not None:
        return [Fact(*row) for row in rows]
    return load_facts_json(path)


def load_facts_json(path: Path) -> list[Fact]:
    """The facts parsed from facts.jsonl itself (without the side file)."""
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    # One JSON array for the whole file: a decode call per line was most of loading 60,000 facts.
    return [Fact.from_dict(d) for d in json.loads("[" + ",".join(lines) + "]")]


def _stored_fingerprint(data_dir: Path) -> str:
    try:
        return json.loads((data_dir / FACTS_META_FILE).read_text(encoding="utf-8")).get("fingerprint", "")
    except (OSError, ValueError):
        return ""


def load_current_facts(data_dir: Path, corpus_dir: Path | None = None) -> list[Fact]:
    """The facts written by the ingest pass that wrote the index manifest; a mismatch (an ingest that
    stopped half-way) is reported, and the stored facts are used until the next ingest."""
    data_dir = index_dir(data_dir)  # one generation for the manifest and the facts
    manifest = load_manifest(data_dir)
    stored = load_facts(data_dir)
    if stored and manifest and _stored_fingerprint(data_dir) != manifest.fingerprint:
        print("경고: 수치 사실(facts.jsonl)이 색인과 맞지 않을 수 있습니다. `python -m ingest --force`로 다시 만드세요.",
              file=sys.stderr)
    return stored
