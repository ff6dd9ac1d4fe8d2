"""The embedder's window, measured with the embedder's own tokenizer (XLM-R Unigram of e5).

multilingual-e5-small reads at most 512 tokens and silently drops the rest, so every chunk's
"passage: " + index text must fit. Counting uses the `tokenizers` library directly (no torch).
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from settings import E5_MODEL_DIR

E5_MAX_TOKENS = 512  # max_position_embeddings of multilingual-e5-small (minus nothing: specials are counted)
PASSAGE_PREFIX = "passage: "


@lru_cache(maxsize=1)
def _tokenizer(model_dir: str):
    from tokenizers import Tokenizer

    return Tokenizer.from_file(str(Path(model_dir) / "tokenizer.json"))


def e5_tokens(text: str, model_dir: Path = E5_MODEL_DIR) -> int:
    """Tokens e5 sees for a passage, special tokens included."""
    return len(_tokenizer(str(model_dir)).encode(PASSAGE_PREFIX + text).ids)


def e5_tokens_many(texts: list[str], model_dir: Path = E5_MODEL_DIR) -> list[int]:
    """e5_tokens of many passages in one call (the tokenizer encodes a batch on every core)."""
    encodings = _tokenizer(str(model_dir)).encode_batch([PASSAGE_PREFIX + t for t in texts])
    return [len(e.ids) for e in encodings]


def fits(text: str, model_dir: Path = E5_MODEL_DIR) -> bool:
    return e5_tokens(text, model_dir) <= E5_MAX_TOKENS


def split_to_fit(text: str, budget: int, model_dir: Path = E5_MODEL_DIR) -> list[str]:
    """Cut `text` at token boundaries into pieces of at most `budget` e5 tokens (one encoding pass)."""
    enc = _tokenizer(str(model_dir)).encode(text, add_special_tokens=False)
    offsets = [o for o in enc.offsets if o[1] > o[0]]
    if len(offsets) <= budget:
        return [text]
    pieces = []
    for start in range(0, len(offsets), max(1, budget)):
        window = offsets[start : start + budget]
        begin = window[0][0] if start else 0
        end = offsets[start + budget][0] if start + budget < len(offsets) else len(text)
        if text[begin:end].strip():
            pieces.append(text[begin:end].strip())
    return pieces
