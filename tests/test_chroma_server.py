"""CHROMA_HOST/CHROMA_PORT switch ingest and retrieval to a real `chroma run` server."""
from __future__ import annotations

import re
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from ingest.pipeline import run_ingest

YDP = "yeongdeungpo-job-policy-work-report-2023.txt"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture()
def chroma_server(tmp_path):
    exe = Path(sys.executable).parent / "chroma"
    if not exe.exists():
        pytest.skip("chroma CLI not installed in this environment")
    port = _free_port()
    proc = subprocess.Popen(
        [str(exe), "run", "--path", str(tmp_path / "server-db"), "--host", "127.0.0.1", "--port", str(port)],
        stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT,
    )
    deadline = time.time() + 30
    while time.time() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            break
        except OSError:
            time.sleep(0.2)
    else:
        proc.kill()
        pytest.fail("chroma server did not start")
    yield port
    proc.terminate()
    proc.wait(timeout=10)


def test_ingest_and_answer_through_a_chroma_server(chroma_server, repo_root, tmp_path, monkeypatch):
    monkeypatch.setenv("CHROMA_HOST", "127.0.0.1")
    monkeypatch.setenv("CHROMA_PORT", str(chroma_server))
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(repo_root / "corpus" / YDP, corpus / YDP)
    data = tmp_path / "data"
    report = run_ingest(corpus, data)
    assert report.added == report.chunks > 20
    assert not (data / "chroma").exists()  # vectors went to the server, not to a local store

    from assistant.service import Assistant, AssistantConfig

    bot = Assistant.load(AssistantConfig(data_dir=data))
    assert bot.retriever.collection.count() == report.chunks
    answer = bot.ask("공공분야 일자리 선발요건은?")
    assert "기준중위소득70%이하" in answer.answer.replace(" ", "")
    assert answer.citations and answer.citations[0].doc_id == YDP.removesuffix(".txt")


def test_generations_on_a_chroma_server(chroma_server, repo_root, tmp_path, monkeypatch):
    """Each generation is its own server collection; unchanged vectors are copied on the server; the
    switch keeps current + previous and drops older collections; a running Assistant reloads."""
    import chromadb

    from assistant.service import Assistant, AssistantConfig
    from reports import generations

    monkeypatch.setenv("CHROMA_HOST", "127.0.0.1")
    monkeypatch.setenv("CHROMA_PORT", str(chroma_server))
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(repo_root / "corpus" / YDP, corpus / YDP)
    data = tmp_path / "data"
    run_ingest(corpus, data)
    bot = Assistant.load(AssistantConfig(data_dir=data))
    server = chromadb.HttpClient(host="127.0.0.1", port=chroma_server)
    for value in ("450", "452"):
        path = corpus / YDP
        text = path.read_text(encoding="utf-8")
        path.write_text(re.sub(r"○ 목표인원: \d+명", f"○ 목표인원: {value}명", text), encoding="utf-8")
        report = run_ingest(corpus, data)
        assert report.embedded == 1 and report.unchanged == report.chunks - 1
        assert f"{value}명" in bot.ask("공공분야 일자리 목표인원은?").answer.replace(" ", "")
    names = {c.name for c in server.list_collections()}
    assert names == {g.collection for g in generations.all_generations(data)} and len(names) == 2
    assert bot.generation == generations.current_id(data)
