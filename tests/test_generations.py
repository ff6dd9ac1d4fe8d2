"""Index generations: kill -9 at any stage leaves a complete index that answers; CURRENT switches only
once every file and vector is written; old generations go; a running Assistant picks up a new one."""
from __future__ import annotations

import gc
import json
import os
import shutil
import subprocess
import sys
import threading
import weakref
from pathlib import Path

import pytest

from reports import generations
from reports.generations import CURRENT_FILE, KILL_ENV
from ingest.pipeline import build_chunks, run_ingest
from reports.store import load_chunks, load_manifest
from retrieval.lexicon import load_index
from retrieval.chroma_store import make_client, open_collection

YDP = "yeongdeungpo-job-policy-work-report-2023.txt"
OLD, NEW = "○ 목표인원: 448명", "○ 목표인원: 450명"
QUESTION = "목표인원은 몇 명이야?"


@pytest.fixture()
def built(repo_root, tmp_path, monkeypatch):
    """A one-report corpus with a built index (generation 1), and the edit for the next ingest."""
    monkeypatch.delenv("CHROMA_HOST", raising=False)
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(repo_root / "corpus" / YDP, corpus / YDP)
    data = tmp_path / "data"
    run_ingest(corpus, data)
    return corpus, data


def _edit(corpus: Path) -> None:
    path = corpus / YDP
    text = path.read_text(encoding="utf-8")
    assert OLD in text
    path.write_text(text.replace(OLD, NEW), encoding="utf-8")


def _collections(data: Path) -> set[str]:
    return {c.name for c in make_client(data).list_collections()}


def _ingest_killed_at(repo_root: Path, corpus: Path, data: Path, stage: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(repo_root), KILL_ENV: stage}
    env.pop("CHROMA_HOST", None)
    return subprocess.run([sys.executable, "-m", "ingest", "--corpus", str(corpus), "--data", str(data)],
                          env=env, capture_output=True, text=True, timeout=300)


def _consistent(data: Path) -> set[str]:
    """The current generation's files and collection agree; returns its chunk ids. The generation
    is resolved once, as every reader does (CURRENT may switch while this runs)."""
    gen = generations.current(data)
    folder = gen.path if gen else generations.index_dir(data)
    ids = {c.id for c in load_chunks(folder)}
    bm25_ids = load_index(folder).ids
    manifest = load_manifest(folder)
    assert manifest is not None and manifest.chunk_count == len(ids) == len(bm25_ids) and set(bm25_ids) == ids
    assert (folder / "facts.jsonl").exists() and (folder / "programs.json").exists()
    stored = open_collection(make_client(data), gen.collection if gen else generations.collection_name(data)).get(include=[])["ids"]
    assert set(stored) == ids
    return ids


def test_kill_at_stages_then_ask_then_finish(built, repo_root):
    from assistant.service import Assistant, AssistantConfig

    corpus, data = built
    first = generations.current_id(data)
    old_ids = _consistent(data)
    _edit(corpus)
    for stage in ("embedding", "facts_written", "before_switch"):
        proc = _ingest_killed_at(repo_root, corpus, data, stage)
        assert proc.returncode == -9, proc.stderr[-500:]
        assert f"[{KILL_ENV}] {stage}" in proc.stderr
        assert generations.current_id(data) == first  # not switched: readers still get the old, complete one
        assert _consistent(data) == old_ids
        answer = Assistant.load(AssistantConfig(data_dir=data)).ask(QUESTION)
        assert "448명" in answer.answer.replace(" ", "") and answer.citations
    assert len(generations.all_generations(data)) == 4  # the current one and three killed staging folders

    proc = _ingest_killed_at(repo_root, corpus, data, "after_switch")  # switched, not yet cleaned up
    assert proc.returncode == -9
    second = generations.current_id(data)
    assert second != first
    new_ids = _consistent(data)
    assert new_ids == {c.id for c in build_chunks(corpus)[0]}  # a clean parse of the edited corpus
    answer = Assistant.load(AssistantConfig(data_dir=data)).ask(QUESTION)
    assert "450명" in answer.answer.replace(" ", "")

    report = run_ingest(corpus, data, force=True)  # a finished ingest: vectors all copied, leftovers removed
    assert report.embedded == 0 and report.added == 0
    assert _consistent(data) == new_ids
    kept = {g.id for g in generations.all_generations(data)}
    assert kept == {generations.current_id(data), second}
    assert _collections(data) == {g.collection for g in generations.all_generations(data)}


def test_rerun_after_a_kill_mid_embedding_reuses_its_vectors(built, repo_root):
    corpus, data = built
    (corpus / "extra.txt").write_text("Ⅰ. 시험\n" + "".join(
        f"{i} 시험 사업 {i}\n□ 사업개요\n○ 대상: 만 {20 + i}세 이상 시험 구민 {i}\n○ 예산: {i},000천원\n" for i in range(1, 60)),
        encoding="utf-8")
    proc = _ingest_killed_at(repo_root, corpus, data, "embedding")  # after the first batch of 32
    assert proc.returncode == -9
    report = run_ingest(corpus, data)
    assert 0 < report.embedded < report.added  # the killed run's batch was copied, not embedded again
    _consistent(data)


def test_current_switches_only_after_every_file_and_vector(built, monkeypatch):
    corpus, data = built
    _edit(corpus)
    seen: list[tuple[str, set[str], int]] = []
    real = generations.durable_write_text

    def spy(path: Path, text: str) -> None:
        if path.name == CURRENT_FILE:
            folder = data / generations.GENERATIONS_DIR / text.strip()
            ids = {c.id for c in load_chunks(folder)}
            count = open_collection(make_client(data), f"job_reports-{text.strip()}").count()
            seen.append((text.strip(), {p.name for p in folder.iterdir()}, count - len(ids)))
        real(path, text)

    monkeypatch.setattr(generations, "durable_write_text", spy)
    # Readers during the ingest: every read of the current generation is complete and consistent.
    errors: list[BaseException] = []
    stop = threading.Event()

    def reader() -> None:
        while not stop.is_set():
            try:
                _consistent(data)
            except BaseException as exc:  # noqa: BLE001 - reported below
                errors.append(exc)
                return

    thread = threading.Thread(target=reader)
    thread.start()
    try:
        run_ingest(corpus, data)
    finally:
        stop.set()
        thread.join()
    assert errors == []
    [(gen_id, files, extra_vectors)] = seen
    assert files >= {"generation.json", "chunks.jsonl", "bm25", "documents", "facts.jsonl", "facts.meta.json", "programs.json", "manifest.json"}
    assert extra_vectors == 0 and generations.current_id(data) == gen_id


def test_old_generations_and_collections_are_removed(built):
    corpus, data = built
    ids = []
    for _ in range(3):
        run_ingest(corpus, data, force=True)
        ids.append(generations.current_id(data))
    gens = generations.all_generations(data)
    assert {g.id for g in gens} == set(ids[-2:])  # current and previous
    assert [p.name for p in (data / generations.GENERATIONS_DIR).iterdir()].__len__() == 2
    assert _collections(data) == {g.collection for g in gens}
    assert not run_ingest(corpus, data).embedded and run_ingest(corpus, data).skipped_noop  # no-op stays a no-op


def test_legacy_data_folder_is_read_then_replaced(built):
    corpus, data = built
    # Turn the generation into a pre-generation ("legacy") layout: files in data/, collection job_reports.
    gen = generations.current(data)
    client = make_client(data)
    source = client.get_collection(gen.collection, embedding_function=None)
    got = source.get(include=["embeddings", "documents", "metadatas"])
    legacy = client.get_or_create_collection(generations.LEGACY_COLLECTION, embedding_function=None, metadata={"hnsw:space": "cosine"})
    legacy.add(ids=got["ids"], embeddings=got["embeddings"], documents=got["documents"], metadatas=got["metadatas"])
    for name in generations.LEGACY_FILES:
        if (gen.path / name).exists():
            shutil.copy(gen.path / name, data / name)
    for name in generations.LEGACY_DIRS:
        shutil.copytree(gen.path / name, data / name)
    client.delete_collection(gen.collection)
    shutil.rmtree(data / generations.GENERATIONS_DIR)
    (data / CURRENT_FILE).unlink()

    from assistant.service import Assistant, AssistantConfig

    bot = Assistant.load(AssistantConfig(data_dir=data))
    assert bot.generation == "" and "448명" in bot.ask(QUESTION).answer.replace(" ", "")
    first = run_ingest(corpus, data, force=True)
    assert first.embedded == 0  # vectors copied from the legacy collection
    assert (data / "chunks.jsonl").exists()  # kept while it is the previous index
    run_ingest(corpus, data, force=True)
    assert not (data / "chunks.jsonl").exists() and generations.LEGACY_COLLECTION not in _collections(data)


def test_running_assistant_reloads_after_a_new_ingest(built):
    from assistant.service import Assistant, AssistantConfig

    corpus, data = built
    bot = Assistant.load(AssistantConfig(data_dir=data))
    # The load ran with the cyclic GC paused and froze what it loaded; the GC is on again.
    assert gc.isenabled() and gc.get_freeze_count() > 0
    before = bot.generation
    old_retriever = weakref.ref(bot.retriever)
    assert "448명" in bot.ask(QUESTION).answer.replace(" ", "")
    _edit(corpus)
    run_ingest(corpus, data)
    answer = bot.ask(QUESTION)
    assert bot.generation == generations.current_id(data) != before
    assert "450명" in answer.answer.replace(" ", "")
    assert bot.ask(QUESTION).answer == answer.answer  # no reload when nothing changed
    # A reload unfreezes: the old view (a cycle through its cached filter masks) is collected.
    assert gc.isenabled() and gc.get_freeze_count() == 0
    gc.collect()
    assert old_retriever() is None
