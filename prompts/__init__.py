"""Versioned prompt templates (`NAME.vN.txt`), loaded by name and version and filled in one pass."""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

PROMPTS_DIR = Path(__file__).resolve().parent
PROMPT_VERSION = "v1"
_SLOT = re.compile(r"\{(\w+)\}")


@lru_cache(maxsize=16)
def load_prompt(name: str, version: str = PROMPT_VERSION) -> str:
    return (PROMPTS_DIR / f"{name}.{version}.txt").read_text(encoding="utf-8").strip()


def fill(template: str, **values: str) -> str:
    """Fill `{slot}`s in a single pass, so text inside a value (a report line or a question that
    happens to contain "{question}") is never filled again: values are data, not template."""
    missing = set(_SLOT.findall(template)) - values.keys()
    if missing:
        raise KeyError(f"prompt slots without a value: {sorted(missing)}")
    return _SLOT.sub(lambda m: values[m.group(1)], template)
