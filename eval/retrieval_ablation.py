"""Retrieval alternatives measured on an eval set: fusion method and weights, chunk size,
section-context prefix. Prints hit@1, hit@5 and MRR@10 of the *retriever's* ranking (before the
answerer reranks it), so the numbers isolate retrieval.

`python -m eval.retrieval_ablation [--dataset eval/datasets/dev.jsonl] [--quick]`
Chunk-size and prefix variants build their own index in a temporary folder (real e5, real Chroma).
"""
from __future__ import annotations

import argparse
import json
import re
import tempfile
import time
from dataclasses import replace
from pathlib import Path

from settings import CORPUS_DIR, DATA_DIR, REPO_ROOT
from ingest.chunker import DEFAULT_MAX_TOKENS
from retrieval.hybrid import FusionConfig, HybridRetriever


def _squash(s: str) -> str:
    return re.sub(r"\s+", "", s).lower()


def _rows(path: Path) -> list[dict]:
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [r for r in rows if r["answerable"] and not r.get("history")]


def measure(retriever: HybridRetriever, rows: list[dict]) -> dict[str, float]:
    h1 = h5 = rr = 0.0
    for row in rows:
        wanted = [_squash(e) for e in row["evidence_contains"]]
        hits = retriever.search(row["question"], k=10)
        rank = next((i for i, h in enumerate(hits, 1) if any(w in _squash(h.chunk.text) for w in wanted)), None)
        h1 += rank == 1
        h5 += bool(rank and rank <= 5)
        rr += 1 / rank if rank else 0
    n = len(rows) or 1
    return {"hit1": round(h1 / n, 3), "hit5": round(h5 / n, 3), "mrr": round(rr / n, 3)}


def _retriever(data_dir: Path, fusion: FusionConfig) -> HybridRetriever:
    from retrieval.chroma_store import get_collection, make_client
    from retrieval.embedder import E5Embeddings

    from reports.generations import collection_name, index_dir
    from retrieval.chroma_store import open_collection

    # One generation: its folder and its own collection.
    return HybridRetriever(index_dir(data_dir), E5Embeddings(), open_collection(make_client(data_dir), collection_name(data_dir)), fusion)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m eval.retrieval_ablation", description="검색 방식별 정확도를 비교합니다.")
    parser.add_argument("--dataset", type=Path, default=REPO_ROOT / "eval" / "datasets" / "dev.jsonl")
    parser.add_argument("--quick", action="store_true", help="색인을 새로 만드는 변형(조각 크기, 접두어)은 건너뜀")
    args = parser.parse_args(argv)
    rows = _rows(args.dataset)
    table: list[tuple[str, dict[str, float]]] = []
    base = FusionConfig()
    fusion_variants = {
        "RRF dense+BM25 (1:1, 기본)": base,
        "dense only (e5)": replace(base, lexical_weight=0.0),
        "BM25 only (Kiwi)": replace(base, dense_weight=0.0),
        "RRF dense:BM25 = 2:1": replace(base, dense_weight=2.0),
        "RRF dense:BM25 = 1:2": replace(base, lexical_weight=2.0),
    }
    for name, fusion in fusion_variants.items():
        table.append((f"{name}, {DEFAULT_MAX_TOKENS} tokens, 문맥 접두어", measure(_retriever(DATA_DIR, fusion), rows)))
        print(table[-1], flush=True)

    if not args.quick:
        import ingest.chunker as chunker
        from ingest.pipeline import run_ingest

        original_context = chunker.context_line
        variants = [("160 tokens", 160, True), ("320 tokens", 320, True), ("480 tokens, 접두어 없음", 480, False)]
        for name, max_tokens, with_context in variants:
            chunker.context_line = original_context if with_context else (lambda doc, section: "")
            with tempfile.TemporaryDirectory() as tmp:
                started = time.perf_counter()
                run_ingest(CORPUS_DIR, Path(tmp), max_tokens=max_tokens, force=True)
                took = time.perf_counter() - started
                metrics = measure(_retriever(Path(tmp), base), rows)
                table.append((f"RRF 1:1, {name}", {**metrics, "ingest_s": round(took, 1)}))
                print(table[-1], flush=True)
        chunker.context_line = original_context

    print(f"\n| 방식 | hit@1 | hit@5 | MRR@10 |  ({len(rows)}문항, 단일 턴 답변 가능 질문)\n|---|---|---|---|")
    for name, m in table:
        print(f"| {name} | {m['hit1']:.3f} | {m['hit5']:.3f} | {m['mrr']:.3f} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
