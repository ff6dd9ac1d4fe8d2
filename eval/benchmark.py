"""Speed benchmark: full ingest, no-change re-ingest, warm `ask` latency.

`python -m eval.benchmark [--questions eval/datasets/dev.jsonl] [--skip-ingest]`
Full ingest runs in a fresh temporary data folder (a new process, as a user would run it), so it
includes loading the model; the no-change run is a second process on the same folder.
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from settings import CORPUS_DIR, REPO_ROOT


def _timed_ingest(data_dir: Path) -> float:
    env = {**os.environ, "PYTHONPATH": str(REPO_ROOT), "JOBS_DATA_DIR": str(data_dir)}
    env.pop("CHROMA_HOST", None)
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "ingest", "--corpus", str(CORPUS_DIR), "--data", str(data_dir)],
                   check=True, env=env, capture_output=True)
    return time.perf_counter() - started


def _percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p * (len(ordered) - 1))))]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m eval.benchmark", description="색인 시간과 답변 지연시간을 잽니다.")
    parser.add_argument("--questions", type=Path, default=REPO_ROOT / "eval" / "datasets" / "dev.jsonl")
    parser.add_argument("--skip-ingest", action="store_true")
    args = parser.parse_args(argv)
    results: dict[str, float] = {}
    if not args.skip_ingest:
        with tempfile.TemporaryDirectory() as tmp:
            data = Path(tmp) / "data"
            results["ingest_full_s"] = round(_timed_ingest(data), 2)
            results["ingest_noop_s"] = round(_timed_ingest(data), 2)
            print(f"전체 색인: {results['ingest_full_s']}초, 변경 없는 재색인: {results['ingest_noop_s']}초 (새 프로세스 기준)")

    from assistant.service import Assistant

    questions = [json.loads(line)["question"] for line in args.questions.read_text(encoding="utf-8").splitlines() if line.strip()]
    bot = Assistant.load()
    for q in questions[:5]:
        bot.ask(q)  # warm up caches
    latencies = [bot.ask(q).latency_ms for q in questions]
    results.update(
        ask_p50_ms=round(statistics.median(latencies), 1),
        ask_p95_ms=round(_percentile(latencies, 0.95), 1),
        ask_max_ms=round(max(latencies), 1),
        questions=len(latencies),
    )
    print(f"답변 지연시간(warm, {len(latencies)}문항): p50 {results['ask_p50_ms']} ms, p95 {results['ask_p95_ms']} ms, 최대 {results['ask_max_ms']} ms")
    print(json.dumps(results, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
