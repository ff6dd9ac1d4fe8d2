"""facts.jsonl (in the index generation folder): the figure facts of the indexed corpus, written at ingest, read by the assistant.

A small sidecar records what the facts were built from (the corpus files the index manifest lists
and the extraction code), so a stale file is noticed and the facts are rebuilt in memory instead.
"""
from __future__ import annotations

import hashlib
import json
import sys
from datetime import datetime
from pathlib import Path

from figures.facts import Fact
from ingest.generations import index_dir
from ingest.store import atomic_write_text, load_manifest

FACTS_FILE = "facts.jsonl"
FACTS_META_FILE = "facts.meta.json"
_CODE_FILES = ("figures/asof.py", "figures/context.py", "figures/extract.py", "figures/metrics.py", "figures/sentences.py",
               "figures/table_facts.py", "figures/units.py", "figures/facts.py", "ingest/tables.py", "ingest/outline.py")


def _code_hash() -> str:
    root = Path(__file__).resolve().parent.parent
    h = hashlib.sha256()
    for name in _CODE_FILES:
        path = root / name
        h.update(path.read_bytes() if path.exists() else b"")
    return h.hexdigest()[:16]


def corpus_hashes(corpus_dir: Path) -> dict[str, str]:
    from ingest.documents import corpus_files

    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in corpus_files(corpus_dir)}


def fingerprint(files: dict[str, str]) -> str:
    return hashlib.sha256((json.dumps(files, sort_keys=True) + _code_hash()).encode()).hexdigest()[:16]


def save_facts(data_dir: Path, facts: list[Fact], files: dict[str, str]) -> None:
    atomic_write_text(data_dir / FACTS_FILE, "".join(json.dumps(f.to_dict(), ensure_ascii=False) + "\n" for f in facts))
    meta = {"fingerprint": fingerprint(files), "count": len(facts), "built_at": datetime.now().isoformat(timespec="seconds")}
    atomic_write_text(data_dir / FACTS_META_FILE, json.dumps(meta, ensure_ascii=False, indent=1))


def load_facts(data_dir: Path) -> list[Fact]:
    path = index_dir(data_dir) / FACTS_FILE
    if not path.exists():
        return []
    return [Fact.from_dict(json.loads(line)) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def refresh_facts(corpus_dir: Path, data_dir: Path) -> int:
    """Extract the corpus's facts into data_dir (the ingest pipeline's last step). Returns the count."""
    from figures.extract import extract_corpus

    facts, _ = extract_corpus(corpus_dir)
    save_facts(data_dir, facts, corpus_hashes(corpus_dir))
    return len(facts)


def _stored_fingerprint(data_dir: Path) -> str:
    try:
        return json.loads((data_dir / FACTS_META_FILE).read_text(encoding="utf-8")).get("fingerprint", "")
    except (OSError, ValueError):
        return ""


def load_current_facts(data_dir: Path, corpus_dir: Path | None = None) -> list[Fact]:
    """The stored facts when they match the indexed corpus and this code; otherwise rebuilt in memory
    from the corpus (when it is the one the index was built from), so answers never use stale figures."""
    data_dir = index_dir(data_dir)  # one generation for the manifest and the facts
    manifest = load_manifest(data_dir)
    indexed = manifest.files if manifest else {}
    if indexed and _stored_fingerprint(data_dir) == fingerprint(indexed):
        return load_facts(data_dir)
    if corpus_dir is None:
        from assistant.paths import CORPUS_DIR

        corpus_dir = CORPUS_DIR
    if corpus_dir.is_dir() and (not indexed or corpus_hashes(corpus_dir) == indexed):
        from figures.extract import extract_corpus

        return extract_corpus(corpus_dir)[0]
    stored = load_facts(data_dir)
    if stored:
        print("경고: 수치 사실(facts.jsonl)이 색인과 맞지 않을 수 있습니다. `python -m ingest --force`로 다시 만드세요.",
              file=sys.stderr)
    return stored
