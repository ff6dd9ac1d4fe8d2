"""The ONNX Runtime e5 (exported at setup by `python -m offline_models`) against the
sentence-transformers model it was exported from, and an answer path free of heavy imports."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from settings import DATA_DIR, E5_MODEL_DIR, E5_ONNX_DIR
from offline_models.e5_onnx import is_usable, runtime_key

REPO = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.skipif(not is_usable(E5_ONNX_DIR, E5_MODEL_DIR), reason="ONNX export missing: run `python -m offline_models`")


@pytest.fixture(scope="module")
def both():
    from retrieval.embedder import E5Embeddings

    return E5Embeddings(backend="onnx"), E5Embeddings(backend="torch")


def _texts() -> tuple[list[str], list[str]]:
    questions = [json.loads(line)["question"] for line in (REPO / "eval" / "datasets" / "dev.jsonl").read_text(encoding="utf-8").splitlines()]
    from reports.store import load_chunks

    chunks = [c.index_text for c in load_chunks(DATA_DIR)]
    return questions[::10], chunks[::8]


def test_same_vectors_and_nearest_passages_as_torch(both):
    onnx, torch = both
    questions, passages = _texts()
    qo, qt = np.array([onnx.embed_query(q) for q in questions]), np.array([torch.embed_query(q) for q in questions])
    po, pt = np.array(onnx.embed_documents(passages)), np.array(torch.embed_documents(passages))
    assert qo.shape == (len(questions), 384)
    assert np.allclose(np.linalg.norm(qo, axis=1), 1.0, atol=1e-5)
    assert (qo * qt).sum(1).min() > 0.9999
    assert (po * pt).sum(1).min() > 0.9999  # batched and padded: same as one by one in torch
    assert ((qo @ po.T).argmax(1) == (qt @ pt.T).argmax(1)).all()


def test_backend_is_chosen_by_the_export_stamp(tmp_path, monkeypatch):
    from retrieval.embedder import choose_backend

    e5 = tmp_path / "e5"
    shutil.copytree(E5_MODEL_DIR, e5, ignore=shutil.ignore_patterns("model.safetensors"))
    (e5 / "model.safetensors").write_bytes(b"x" * 10)
    out = tmp_path / "onnx"
    out.mkdir()
    for name in ("model.onnx", "model.onnx.data", "tokenizer.json"):
        (out / name).write_bytes(b"")
    (out / ".offline_models.json").write_text(json.dumps({"runtime": runtime_key(e5)}), encoding="utf-8")
    monkeypatch.delenv("JOBS_E5_BACKEND", raising=False)
    assert is_usable(out, e5) and choose_backend(e5, out) == "onnx"
    (e5 / "model.safetensors").write_bytes(b"y" * 11)  # the model changed: the export is stale
    assert not is_usable(out, e5) and choose_backend(e5, out) == "torch"
    monkeypatch.setenv("JOBS_E5_BACKEND", "onnx")
    with pytest.raises(Exception, match="offline_models"):
        choose_backend(e5, out)


def test_answer_path_imports_no_torch_sklearn_or_langchain():
    script = (
        "import sys\n"
        "from assistant.service import Assistant\n"
        "bot = Assistant.load()\n"
        "assert bot.ask('경제정책실 5월말 달성률은?').citations\n"
        "heavy = ('torch', 'sklearn', 'sentence_transformers', 'transformers', 'langchain_core', 'scipy.stats')\n"
        "print(','.join(m for m in heavy if m in sys.modules))\n"
    )
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    env.pop("JOBS_E5_BACKEND", None)
    proc = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, check=True)
    assert proc.stdout.strip() == ""
