"""multilingual-e5-small through sentence-transformers, loaded offline from the generated folder.

e5 was trained with `query: ` / `passage: ` prefixes and cosine similarity, so both are applied
here and nowhere else. Implements LangChain's `Embeddings` interface so LangChain components
(the eval baseline, langchain-chroma) share the exact same model.
"""
from __future__ import annotations

import os
import threading
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path

from langchain_core.embeddings import Embeddings

from settings import E5_MODEL_DIR

# Never reach for the hub: the model folder is generated locally at setup.
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")


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
def _load(path: str):
    from sentence_transformers import SentenceTransformer

    return SentenceTransformer(path, device="cpu", local_files_only=True)


class E5Embeddings(Embeddings):
    def __init__(self, model_dir: Path | str = E5_MODEL_DIR, batch_size: int = 16) -> None:
        model_dir = Path(model_dir)
        if not (model_dir / "config.json").exists():
            raise ModelMissingError(
                f"임베딩 모델 폴더가 없습니다: {model_dir}. 먼저 `make setup`(또는 `python -m offline_models`)을 실행하세요."
            )
        self.model_dir = model_dir
        self.batch_size = batch_size
        self.model = _load(str(model_dir))

    @property
    def dimension(self) -> int:
        return int(self.model.get_embedding_dimension())

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        with _torch_threads(max(1, os.cpu_count() or 1)):
            vecs = self.model.encode(
                [f"passage: {t}" for t in texts],
                batch_size=self.batch_size,
                normalize_embeddings=True,
                convert_to_numpy=True,
                show_progress_bar=False,
            )
        return vecs.tolist()

    def embed_query(self, text: str) -> list[float]:
        with _torch_threads(1):
            vec = self.model.encode(
                [f"query: {text}"], normalize_embeddings=True, convert_to_numpy=True, show_progress_bar=False
            )
        return vec[0].tolist()
