"""multilingual-e5-small, loaded offline from the generated folders.

Two engines give the same vectors (cosine 1.000000 on the dev questions and corpus chunks):
- "onnx" (default when setup has exported it): ONNX Runtime on `models/multilingual-e5-small-onnx`
  with the folder's own `tokenizer.json` through `tokenizers`. Imports in ~0.1 s (no torch,
  transformers, sentence-transformers or scikit-learn) and encodes a query in ~10 ms on one core.
- "torch": sentence-transformers on `models/multilingual-e5-small`, the fallback when the export
  is missing or stale, or when `JOBS_E5_BACKEND=torch`.

e5 was trained with `query: ` / `passage: ` prefixes and cosine similarity, so both are applied
here and nowhere else. The methods follow LangChain's `Embeddings` interface
(`embed_documents`/`embed_query`); `as_langchain()` wraps it for LangChain components (the eval
baseline) without importing LangChain on the answer path.
"""
from __future__ import annotations

import logging
import os
import threading
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path

from settings import E5_MODEL_DIR, E5_ONNX_DIR

# Never reach for the hub: the model folder is generated locally at setup.
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")

BACKENDS = ("onnx", "torch")
MAX_TOKENS = 512  # e5's window; longer inputs are truncated, as sentence-transformers does
log = logging.getLogger(__name__)


class ModelMissingError(RuntimeError):
    """The embedding model folder has not been generated yet."""


_threads_lock = threading.Lock()


@contextmanager
def _torch_threads(n: int):
    """A short query runs fastest on one thread: with OpenMP spinning on every core, any other
    busy process (a second session, an ingest) slows a 20 ms query to a second."""
    import torch

    with _threads_lock:
        before = torch.get_num_threads()
        torch.set_num_threads(n)
        try:
            yield
        finally:
            torch.set_num_threads(before)


@lru_cache(maxsize=2)
def _load_torch(path: str):
    from sentence_transformers import SentenceTransformer

    return SentenceTransformer(path, device="cpu", local_files_only=True)


@lru_cache(maxsize=4)
def _onnx_session(path: str, threads: int):
    """One session per thread count: queries use one thread (see `_torch_threads`), ingest all cores."""
    import onnxruntime as ort

    opts = ort.SessionOptions()
    opts.intra_op_num_threads = threads
    opts.inter_op_num_threads = 1
    opts.log_severity_level = 3
    return ort.InferenceSession(path, opts, providers=["CPUExecutionProvider"])


@lru_cache(maxsize=2)
def _onnx_tokenizer(path: str):
    from tokenizers import Tokenizer

    tok = Tokenizer.from_file(path)
    tok.enable_truncation(MAX_TOKENS)
    return tok


def choose_backend(model_dir: Path = E5_MODEL_DIR, onnx_dir: Path = E5_ONNX_DIR) -> str:
    """`JOBS_E5_BACKEND` when set; else ONNX when setup exported it from this model folder."""
    wanted = os.environ.get("JOBS_E5_BACKEND", "").strip().lower()
    if wanted and wanted not in BACKENDS:
        raise ValueError(f"JOBS_E5_BACKEND는 {', '.join(BACKENDS)} 중 하나여야 합니다: {wanted!r}")
    from offline_models.e5_onnx import is_usable

    usable = is_usable(onnx_dir, model_dir)
    if wanted == "onnx" and not usable:
        raise ModelMissingError(
            f"ONNX 임베딩 모델이 없거나 오래되었습니다: {onnx_dir}. `python -m offline_models`를 실행하세요."
        )
    if wanted:
        return wanted
    if not usable:
        log.warning("ONNX export missing or stale (%s); using sentence-transformers", onnx_dir)
    return "onnx" if usable else "torch"


class E5Embeddings:
    def __init__(
        self, model_dir: Path | str = E5_MODEL_DIR, batch_size: int = 16, backend: str | None = None,
        onnx_dir: Path | str = E5_ONNX_DIR,
    ) -> None:
        model_dir, onnx_dir = Path(model_dir), Path(onnx_dir)
        if not (model_dir / "config.json").exists():
            raise ModelMissingError(
                f"임베딩 모델 폴더가 없습니다: {model_dir}. 먼저 `make setup`(또는 `python -m offline_models`)을 실행하세요."
            )
        self.model_dir = model_dir
        self.onnx_dir = onnx_dir
        self.batch_size = batch_size
        self.backend = backend or choose_backend(model_dir, onnx_dir)
        if self.backend == "torch":
            self.model = _load_torch(str(model_dir))
        else:
            from offline_models.e5_onnx import MODEL_FILE, TOKENIZER_FILE

            self._onnx_model = str(onnx_dir / MODEL_FILE)
            self._tokenizer = _onnx_tokenizer(str(onnx_dir / TOKENIZER_FILE))
            _onnx_session(self._onnx_model, 1)  # load now, not on the first question

    @property
    def dimension(self) -> int:
        if self.backend == "torch":
            return int(self.model.get_embedding_dimension())
        return len(self.embed_query("차원"))

    def _onnx_encode(self, texts: list[str], threads: int) -> list[list[float]]:
        import numpy as np

        session = _onnx_session(self._onnx_model, threads)
        # Longest first within the call, so a batch pads to similar lengths; results keep input order.
        order = sorted(range(len(texts)), key=lambda i: -len(texts[i]))
        vectors: dict[int, list[float]] = {}
        for start in range(0, len(order), self.batch_size):
            idx = order[start : start + self.batch_size]
            encs = self._tokenizer.encode_batch([texts[i] for i in idx])
            width = max(len(e.ids) for e in encs)
            ids = np.full((len(encs), width), 1, dtype=np.int64)  # 1 = <pad>
            mask = np.zeros((len(encs), width), dtype=np.int64)
            for row, e in enumerate(encs):
                ids[row, : len(e.ids)] = e.ids
                mask[row, : len(e.ids)] = 1
            result = session.run(None, {"input_ids": ids, "attention_mask": mask})[0]
            for row, i in enumerate(idx):
                vectors[i] = result[row].tolist()
        return [vectors[i] for i in range(len(texts))]

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        prefixed = [f"passage: {t}" for t in texts]
        if self.backend == "onnx":
            return self._onnx_encode(prefixed, max(1, os.cpu_count() or 1))
        with _torch_threads(max(1, os.cpu_count() or 1)):
            vecs = self.model.encode(
                prefixed, batch_size=self.batch_size, normalize_embeddings=True, convert_to_numpy=True,
                show_progress_bar=False,
            )
        return vecs.tolist()

    def embed_query(self, text: str) -> list[float]:
        if self.backend == "onnx":
            return self._onnx_encode([f"query: {text}"], 1)[0]
        with _torch_threads(1):
            vec = self.model.encode(
                [f"query: {text}"], normalize_embeddings=True, convert_to_numpy=True, show_progress_bar=False
            )
        return vec[0].tolist()

    def as_langchain(self):
        """The same model as a LangChain `Embeddings` (imports LangChain only when asked)."""
        from langchain_core.embeddings import Embeddings

        inner = self

        class _E5LangChain(Embeddings):
            def embed_documents(self, texts: list[str]) -> list[list[float]]:
                return inner.embed_documents(texts)

            def embed_query(self, text: str) -> list[float]:
                return inner.embed_query(text)

        return _E5LangChain()
