"""Where things live (corpus, index, models), from JOBS_* environment variables. A leaf: imports nothing of ours."""
from __future__ import annotations

import os
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent
CORPUS_DIR = Path(os.environ.get("JOBS_CORPUS_DIR", REPO_ROOT / "corpus"))
DATA_DIR = Path(os.environ.get("JOBS_DATA_DIR", REPO_ROOT / "data"))
MODELS_DIR = Path(os.environ.get("JOBS_MODELS_DIR", REPO_ROOT / "models"))
E5_MODEL_DIR = MODELS_DIR / "multilingual-e5-small"
E5_ONNX_DIR = MODELS_DIR / "multilingual-e5-small-onnx"  # ONNX export of E5_MODEL_DIR (setup)
TIKTOKEN_CACHE_DIR = MODELS_DIR / "tiktoken"
# Conversations and answer feedback (SQLite); a test or a second app instance may point elsewhere.
CONVERSATIONS_DB = Path(os.environ.get("JOBS_CONVERSATIONS_DB", DATA_DIR / "conversations.sqlite3"))
