"""Index generations: every ingest writes a complete folder, and one atomic rename makes it current.

    data/
      CURRENT                  one line: the id of the current generation (temp file + fsync + os.replace)
      ingest.lock              held (flock) by the one ingest that may write
      chroma/                  local Chroma, one collection per generation (absent with CHROMA_HOST)
      generations/<id>/        generation.json (id, parent, collection), chunks.jsonl (+ chunks.marshal), bm25/,
                               facts.jsonl (+ facts.marshal), facts.meta.json, programs.json, manifest.json

Readers resolve CURRENT once and then read only inside that folder and its collection, so they never
see a mix of two ingests. A generation folder is never changed after the switch. The switch keeps the
previous generation (a process may still be reading it) and removes older ones and the leftovers of
killed ingests. A data folder from before generations ("legacy": files directly in data/, collection
`job_reports`) is read as is and replaced by the first generation.
"""
from __future__ import annotations

import fcntl
import json
import os
import secrets
import shutil
import signal
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from pathlib import Path

CURRENT_FILE = "CURRENT"
LOCK_FILE = "ingest.lock"
GENERATIONS_DIR = "generations"
RECORD_FILE = "generation.json"
LEGACY = "legacy"  # the parent id of the first generation built over a pre-generation data folder
LEGACY_COLLECTION = "job_reports"
LEGACY_FILES = ("chunks.jsonl", "bm25.json", "manifest.json", "facts.jsonl", "facts.meta.json", "programs.json")
LEGACY_DIRS = ("bm25", "documents")  # the lexical index folder and the parsed documents
KILL_ENV = "JOBS_INGEST_KILL_AT"  # test hook: an ingest SIGKILLs itself when it reaches this stage

# Stages an ingest passes, in order (named for the kill hook and the reliability script).
STAGES = ("parsed", "vectors_copied", "embedding", "chunks_written", "facts_written", "cards_written",
          "before_switch", "after_switch")


@dataclass(frozen=True)
class Generation:
    id: str
    path: Path
    collection: str
    parent: str = ""  # id of the generation that was current when this one was started


def checkpoint(stage: str) -> None:
    """Crash-test hook: `JOBS_INGEST_KILL_AT=<stage>` makes the process kill -9 itself here."""
    if os.environ.get(KILL_ENV, "") == stage:
        sys.stderr.write(f"\n[{KILL_ENV}] {stage}: kill -9\n")
        sys.stderr.flush()
        os.kill(os.getpid(), signal.SIGKILL)


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def durable_write_text(path: Path, text: str) -> None:
    """Write via a temp file that is fsynced before the rename, and fsync the folder after it."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    with tmp.open("w", encoding="utf-8") as out:
        out.write(text)
        out.flush()
        os.fsync(out.fileno())
    os.replace(tmp, path)
    _fsync_dir(path.parent)


def _read_record(folder: Path) -> Generation | None:
    try:
        data = json.loads((folder / RECORD_FILE).read_text(encoding="utf-8"))
        return Generation(data["id"], folder, data["collection"], data.get("parent", ""))
    except (OSError, ValueError, KeyError, TypeError):
        return None


def current_id(data_dir: Path) -> str | None:
    """The current generation's id (a ~30-byte read: cheap enough to call before every question)."""
    try:
        text = (Path(data_dir) / CURRENT_FILE).read_text(encoding="utf-8").strip()
    except OSError:
        return None
    return text or None


def current(data_dir: Path) -> Generation | None:
    gen_id = current_id(data_dir)
    if gen_id is None:
        return None
    return _read_record(Path(data_dir) / GENERATIONS_DIR / gen_id)


def has_legacy(data_dir: Path) -> bool:
    return (Path(data_dir) / "manifest.json").exists() or (Path(data_dir) / "chunks.jsonl").exists()


def index_dir(data_dir: Path) -> Path:
    """The folder to read index files from: the current generation, else `data_dir` itself (a legacy
    data folder, or a generation folder given directly)."""
    gen = current(data_dir)
    return gen.path if gen is not None else Path(data_dir)


def collection_name(data_dir: Path) -> str:
    gen = current(data_dir)
    return gen.collection if gen is not None else LEGACY_COLLECTION


def all_generations(data_dir: Path) -> list[Generation]:
    root = Path(data_dir) / GENERATIONS_DIR
    if not root.is_dir():
        return []
    found = [_read_record(p) for p in sorted(root.iterdir()) if p.is_dir()]
    return [g for g in found if g is not None]


def _new_id() -> str:
    return time.strftime("%Y%m%d-%H%M%S") + "-" + secrets.token_hex(3)


@dataclass
class GenerationWriter:
    """The staging generation of one ingest. Files go into `gen.path`, vectors into `gen.collection`;
    nothing is visible to readers until `commit()`."""

    data_dir: Path
    gen: Generation
    drop_collection: Callable[[str], None]
    committed: bool = False

    def vector_sources(self) -> list[str]:
        """Collections whose vectors may be copied instead of re-embedded: the current generation's
        first, then those of ingests killed before their switch (a rerun resumes their work), then legacy."""
        cur = current(self.data_dir)
        names = [cur.collection] if cur is not None else []
        keep = {cur.id, cur.parent} if cur is not None else set()
        names += [g.collection for g in all_generations(self.data_dir) if g.id not in keep and g.id != self.gen.id]
        if cur is None or cur.parent == LEGACY:
            names.append(LEGACY_COLLECTION)
        return list(dict.fromkeys(names))

    def commit(self) -> None:
        """Make the staging generation current: fsync its files, then one atomic rename of CURRENT."""
        for path in self.gen.path.iterdir():
            if path.is_file():
                with path.open("rb") as f:
                    os.fsync(f.fileno())
        _fsync_dir(self.gen.path)
        checkpoint("before_switch")
        durable_write_text(Path(self.data_dir) / CURRENT_FILE, self.gen.id + "\n")
        self.committed = True
        checkpoint("after_switch")
        prune(self.data_dir, self.drop_collection)


def prune(data_dir: Path, drop_collection: Callable[[str], None]) -> list[str]:
    """Remove every generation but the current one and its parent (and the legacy files once they are
    two switches old). Returns the removed ids. Collections go first: a folder without its collection
    is harmless, a collection without a folder would never be found again."""
    cur = current(data_dir)
    if cur is None:
        return []
    keep = {cur.id, cur.parent}
    removed: list[str] = []
    for gen in all_generations(data_dir):
        if gen.id in keep:
            continue
        _drop(drop_collection, gen.collection)
        shutil.rmtree(gen.path, ignore_errors=True)
        removed.append(gen.id)
    root = Path(data_dir) / GENERATIONS_DIR
    for path in root.iterdir() if root.is_dir() else ():
        if path.is_dir() and path.name not in keep and _read_record(path) is None:
            shutil.rmtree(path, ignore_errors=True)  # killed before its record was written
    if cur.parent != LEGACY and has_legacy(data_dir):
        _drop(drop_collection, LEGACY_COLLECTION)
        for name in LEGACY_FILES:
            (Path(data_dir) / name).unlink(missing_ok=True)
        for name in LEGACY_DIRS:
            shutil.rmtree(Path(data_dir) / name, ignore_errors=True)
        removed.append(LEGACY)
    return removed


def _drop(drop_collection: Callable[[str], None], name: str) -> None:
    try:
        drop_collection(name)
    except Exception:  # already gone (or never created): nothing to free
        pass


@contextmanager
def writer(data_dir: Path, drop_collection: Callable[[str], None]) -> Iterator[GenerationWriter]:
    """Take the ingest lock and open a new staging generation. Leaving the block without `commit()`
    (an error) leaves the staging folder and collection for the next ingest to reuse and then remove."""
    data_dir = Path(data_dir)
    data_dir.mkdir(parents=True, exist_ok=True)
    with (data_dir / LOCK_FILE).open("a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released by the kernel even when the process is killed
        try:
            cur = current(data_dir)
            parent = cur.id if cur is not None else (LEGACY if has_legacy(data_dir) else "")
            gen_id = _new_id()
            folder = data_dir / GENERATIONS_DIR / gen_id
            folder.mkdir(parents=True)
            gen = Generation(gen_id, folder, f"{LEGACY_COLLECTION}-{gen_id}", parent)
            record = {k: v for k, v in asdict(gen).items() if k != "path"}
            durable_write_text(folder / RECORD_FILE, json.dumps(record, ensure_ascii=False, indent=1))
            yield GenerationWriter(data_dir, gen, drop_collection)
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def is_generation(folder: Path) -> bool:
    """Is `folder` a generation folder (immutable once current)?"""
    return (Path(folder) / RECORD_FILE).exists()
