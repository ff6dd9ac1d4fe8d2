"""multilingual-e5-small through sentence-transformers, loaded offline from the generated folder.

e5 was trained with `query: ` / `passage: ` prefixes and cosine similarity, so both are applied
here and nowhere else. Implements LangChain's `Embeddings` interface so LangChain components
(the eval baseline, langchain-chroma) share the exact same model.
"""
from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path

from langchain_core.embeddings import Embeddings

from assistant.paths import E5_MODEL_DIR

# Never reach for the hub: the model folder is generated locally at setup.
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")


class ModelMissingError(RuntimeError):
    """The embedding model folder has not been generated yet."""


@lru_cache(maxsize=2)
def _load(path: str):
    import torch
    from sentence_transformers import SentenceTransformer

    torch.set_num_threads(max(1, os.cpu_count() or 1))
    return SentenceTransformer(path, device="cpu", local_files_only=True)


class E5Embeddings(Embeddings):
    def __init__(self, model_dir: Path | str = E5_MODEL_DIR, batch_size: int = 32) -> None:
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
        return int(self.model.get_sentence_embedding_dimension())

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        vecs = self.model.encode(
            [f"passage: {t}" for t in texts],
            batch_size=self.batch_size,
            normalize_embeddings=True,
            convert_to_numpy=True,
            show_progress_bar=False,
        )
        return vecs.tolist()

    def embed_query(self, text: str) -> list[float]:
        vec = self.model.encode(
            [f"query: {text}"], normalize_embeddings=True, convert_to_numpy=True, show_progress_bar=False
        )
        return vec[0].tolist()
