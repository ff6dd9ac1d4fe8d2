"""The dense search gives the same top-k in every process (chroma issue #2675: a small collection used
to rebuild its HNSW graph at each start, so eval numbers moved between runs of the same code)."""
from __future__ import annotations

import os
import subprocess
import sys

import pytest

from settings import DATA_DIR, REPO_ROOT

_PROBE = """
import hashlib, json
from assistant.service import Assistant
from retrieval.hybrid import SearchFilters
r = Assistant.load().view().retriever
qs = [json.loads(l)["question"] for l in open("eval/datasets/dev.jsonl", encoding="utf-8") if l.strip()][:40]
h = hashlib.sha1()
for q in qs:
    h.update(json.dumps([i for i, _ in r.dense(q, 40, SearchFilters())]).encode())
print(h.hexdigest())
"""


def _has_index() -> bool:
    from reports.store import load_manifest

    return load_manifest(DATA_DIR) is not None


pytestmark = pytest.mark.skipif(not _has_index(), reason="no index: run `python -m ingest`")


def test_dense_top_k_is_the_same_in_two_fresh_processes():
    env = dict(os.environ, PYTHONPATH=str(REPO_ROOT))
    runs = [subprocess.run([sys.executable, "-c", _PROBE], cwd=REPO_ROOT, env=env, capture_output=True, text=True, timeout=300)
            for _ in range(2)]
    assert all(r.returncode == 0 for r in runs), [r.stderr[-500:] for r in runs]
    assert runs[0].stdout.strip() == runs[1].stdout.strip()


def test_the_collection_persists_a_single_threaded_graph(assistant):
    from retrieval.chroma_store import HNSW_METADATA

    meta = assistant.view().retriever.collection.metadata
    assert {k: meta.get(k) for k in HNSW_METADATA} == HNSW_METADATA
