"""The lexical index must not depend on the interpreter's hash seed.

bm25s numbers the tokens of a list corpus in set order; with PYTHONHASHSEED changing between ingests,
the order scores were summed in changed too, and near-tied chunks swapped places (a development
question flipped between two ingests of the same corpus). Two processes with different seeds must
build byte-identical BM25 files and rank every query identically."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from settings import REPO_ROOT

_SCRIPT = r"""
import json, sys
from pathlib import Path
from retrieval.bm25 import BM25Index
corpus = sorted(Path(sys.argv[1]).glob("*.txt"))
texts = [p for f in corpus for p in f.read_text(encoding="utf-8").split("\n\n") if p.strip()]
index = BM25Index.build([f"p{i}" for i in range(len(texts))], texts)
index.save(Path(sys.argv[2]))
queries = ["일자리플러스센터 상담창구", "청년 인턴 예산 집행률", "어르신 일자리 목표"]
print(json.dumps({q: index.search(q, k=10) for q in queries}, ensure_ascii=False))
"""


def _build(seed: str, out: Path) -> dict:
    env = dict(os.environ, PYTHONHASHSEED=seed, PYTHONPATH=str(REPO_ROOT))
    res = subprocess.run([sys.executable, "-c", _SCRIPT, str(REPO_ROOT / "corpus"), str(out)], env=env,
                         capture_output=True, text=True, timeout=600, check=True)
    return json.loads(res.stdout.strip().splitlines()[-1])


def test_bm25_same_under_two_hash_seeds(tmp_path):
    a, b = _build("1", tmp_path / "a"), _build("3", tmp_path / "b")
    assert a == b
    assert all(a[q] for q in a), a  # the queries do find passages
    files = sorted(p.relative_to(tmp_path / "a") for p in (tmp_path / "a").rglob("*") if p.is_file())
    assert files
    for rel in files:
        assert (tmp_path / "a" / rel).read_bytes() == (tmp_path / "b" / rel).read_bytes(), rel
