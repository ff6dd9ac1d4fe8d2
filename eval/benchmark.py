"""Speed benchmark: ingest, no-change re-ingest, cold start, warm latency, memory, and the
LangChain baseline's retrieval latency, each in a fresh process as a user would run it.

`python -m eval.benchmark [--json] [--scale N] [--repeat R] [--questions eval/datasets/dev.jsonl]`
`python -m eval.benchmark --markdown RESULT.json [RESULT.json …]`   README table from saved runs

Keys of the JSON object: chunks, ingest_s (fresh data folder, model load included), reingest_s
(second run, nothing changed), cold_start_s (median over --repeat fresh `python -m assistant ask`
processes, start to answer), p50_ms / p95_ms (warm `Assistant.ask` over the questions), rss_mb
(peak resident memory of that answering process), peer_p50_ms / peer_p95_ms (eval/baseline_langchain.py
similarity search over the same corpus, same run).

`--scale N` measures an N× corpus: the reports plus N−1 deterministic variants of each (digits of
every number shifted by the variant's number, title marked "(사본 k)"). To run in minutes it
reuses the 1× e5 vectors for variant chunks (a variant chunk gets the vector of the 1× chunk it
was made from; the few whose boundaries moved are embedded for real and counted in
`embedded_for_real`). Vectors are thus duplicated, which is the worst case for the dense top-k
and leaves the lexical side (every posting list N× longer) realistic.
"""
from __future__ import annotations

import argparse
import json
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from settings import CORPUS_DIR, REPO_ROOT

COLD_QUESTION = "경제정책실 5월말 달성률은?"
VARIANT_MARK = " (사본 {k})"
_REUSE_FILE = "reuse_vectors.npz"


# ── deterministic variants ──────────────────────────────────────────────────────────────────
def _shift_digits(text: str, k: int) -> str:
    """Every digit d → (d + k) mod 10, keeping length (so chunk and split boundaries mostly stay)."""
    table = str.maketrans("0123456789", "".join(str((d + k) % 10) for d in range(10)))
    return text.translate(table)


def make_variant_corpus(src: Path, dst: Path, n: int) -> None:
    """src's reports plus n−1 variants of each, with a manifest naming every variant."""
    from ingest.documents import MANIFEST_NAME, corpus_files, read_manifest_titles

    dst.mkdir(parents=True, exist_ok=True)
    titles = read_manifest_titles(src)
    rows = []
    for path in corpus_files(src):
        shutil.copyfile(path, dst / path.name)
        title = titles.get(path.name) or titles.get(path.stem) or path.stem
        rows.append((path.name, title))
        text = path.read_text(encoding="utf-8")
        for k in range(1, n):
            name = f"{path.stem}-v{k:03d}{path.suffix}"
            (dst / name).write_text(_shift_digits(text, k), encoding="utf-8")
            rows.append((name, title + VARIANT_MARK.format(k=k)))
    table = ["| file | title | issuer | as of | contents |", "|---|---|---|---|---|"]
    table += [f"| {name} | {title} | | | |" for name, title in rows]
    (dst / MANIFEST_NAME).write_text("\n".join(table) + "\n", encoding="utf-8")


def reuse_key(text: str) -> str:
    """A text with the variant changes undone as far as needed to find its 1× original."""
    return re.sub(r" \(사본 \)", "", re.sub(r"\d", "", text))


def _save_reuse_vectors(data_dir: Path, out: Path) -> None:
    """index text → e5 vector of the 1× index (for variant chunks of the N× ingest)."""
    import numpy as np

    from reports.generations import collection_name
    from reports.store import load_chunks
    from retrieval.chroma_store import make_client, open_collection

    chunks = load_chunks(data_dir)  # the current generation's chunks and its own collection
    got = open_collection(make_client(data_dir), collection_name(data_dir)).get(ids=[c.id for c in chunks], include=["embeddings"])
    by_id = dict(zip(got["ids"], got["embeddings"]))
    keys = [reuse_key(c.index_text) for c in chunks]
    np.savez(out, keys=np.array(keys, dtype=object), vectors=np.array([by_id[c.id] for c in chunks], dtype=np.float32))


_REAL_E5: list = []


class _ReusingEmbeddings:
    """E5Embeddings stand-in for the N× ingest: 1× vectors by reuse_key, real e5 for the rest."""

    def __init__(self, *args, **kwargs) -> None:
        import numpy as np

        data = np.load(os.environ["JOBS_BENCH_REUSE"], allow_pickle=True)
        self._cache = {k: v.tolist() for k, v in zip(data["keys"], data["vectors"])}
        self._args, self._kwargs, self._real = args, kwargs, None

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        out: list[list[float] | None] = [self._cache.get(reuse_key(t)) for t in texts]
        missing = [i for i, v in enumerate(out) if v is None]
        if missing:
            if self._real is None:
                self._real = _REAL_E5[0](*self._args, **self._kwargs)
            for i, v in zip(missing, self._real.embed_documents([texts[i] for i in missing])):
                out[i] = v
            counter = Path(os.environ["JOBS_BENCH_REUSE"] + ".real")  # read by the driver
            before = int(counter.read_text()) if counter.exists() else 0
            counter.write_text(str(before + len(missing)))
        return out  # type: ignore[return-value]

    def embed_query(self, text: str) -> list[float]:
        raise NotImplementedError


# ── workers (each runs in its own fresh process) ────────────────────────────────────────────
def _percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p * (len(ordered) - 1))))]


def _questions(path: Path) -> list[str]:
    return [json.loads(line)["question"] for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _worker_latency(questions: list[str]) -> dict:
    from assistant.service import Assistant

    bot = Assistant.load()
    for q in questions[:5]:
        bot.ask(q)  # warm up caches
    latencies = [bot.ask(q).latency_ms for q in questions]
    return {
        "p50_ms": round(statistics.median(latencies), 1),
        "p95_ms": round(_percentile(latencies, 0.95), 1),
        "max_ms": round(max(latencies), 1),
        "rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
        "chunks": len(bot.retriever.chunks),
    }


def _worker_peer(questions: list[str], corpus: Path, reuse_from: Path | None) -> dict:
    from eval.baseline_langchain import LangChainBaseline, split_corpus
    from retrieval.embedder import E5Embeddings

    e5 = E5Embeddings()
    embeddings = e5.as_langchain() if hasattr(e5, "as_langchain") else e5  # older E5Embeddings were LangChain's
    if reuse_from is not None:  # N×: the 1× splits' vectors for variant splits (same lengths, same splits)
        originals = [d.page_content for d in split_corpus(reuse_from)]
        cache = {reuse_key(t): v for t, v in zip(originals, e5.embed_documents(originals))}
        base = embeddings

        class Reusing(type(base)):  # a LangChain Embeddings
            def embed_documents(self, texts: list[str]) -> list[list[float]]:
                out = [cache.get(reuse_key(t)) for t in texts]
                missing = [i for i, v in enumerate(out) if v is None]
                for i, v in zip(missing, base.embed_documents([texts[i] for i in missing]) if missing else []):
                    out[i] = v
                return out

        embeddings = Reusing()
    peer = LangChainBaseline(embeddings=embeddings, corpus_dir=corpus)
    for q in questions[:5]:
        peer.ask(q)
    latencies = [peer.ask(q).latency_ms for q in questions]
    return {"peer_p50_ms": round(statistics.median(latencies), 1), "peer_p95_ms": round(_percentile(latencies, 0.95), 1),
            "peer_chunks": peer.n_chunks}


def _worker_ingest_reuse(corpus: Path, data: Path) -> int:
    import retrieval.embedder

    _REAL_E5.append(retrieval.embedder.E5Embeddings)  # misses still need the real model
    retrieval.embedder.E5Embeddings = _ReusingEmbeddings  # type: ignore[misc]  # ingest imports it at call time
    from ingest.__main__ import main as ingest_main

    return ingest_main(["--corpus", str(corpus), "--data", str(data)])


# ── the driver ──────────────────────────────────────────────────────────────────────────────
def _env(corpus: Path, data: Path, **extra: str) -> dict[str, str]:
    env = {**os.environ, "PYTHONPATH": str(REPO_ROOT), "JOBS_CORPUS_DIR": str(corpus), "JOBS_DATA_DIR": str(data), **extra}
    env.pop("CHROMA_HOST", None)
    return env


def _timed(cmd: list[str], env: dict[str, str]) -> tuple[float, str]:
    started = time.perf_counter()
    proc = subprocess.run(cmd, env=env, capture_output=True, text=True)
    elapsed = time.perf_counter() - started
    if proc.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd[:4])} 실패 (코드 {proc.returncode}): {proc.stderr[-2000:]}")
    return elapsed, proc.stdout


def _worker(kind: str, env: dict[str, str], *args: str) -> dict:
    _, out = _timed([sys.executable, "-m", "eval.benchmark", "--worker", kind, *args], env)
    return json.loads(out.strip().splitlines()[-1])


def measure(corpus: Path, work: Path, questions: Path, repeat: int, reuse: Path | None = None,
            peer_reuse_from: Path | None = None) -> tuple[Path, dict]:
    data = work / "data"
    py = sys.executable
    if reuse is None:
        ingest_s, _ = _timed([py, "-m", "ingest", "--corpus", str(corpus), "--data", str(data)], _env(corpus, data))
        extra: dict[str, str] = {}
    else:
        extra = {"JOBS_BENCH_REUSE": str(reuse)}
        ingest_s, _ = _timed([py, "-m", "eval.benchmark", "--worker", "ingest-reuse", "--corpus", str(corpus), "--data", str(data)],
                             _env(corpus, data, **extra))
    reingest_s, _ = _timed([py, "-m", "ingest", "--corpus", str(corpus), "--data", str(data)], _env(corpus, data))
    colds = [_timed([py, "-m", "assistant", "ask", COLD_QUESTION], _env(corpus, data))[0] for _ in range(repeat)]
    result = {"ingest_s": round(ingest_s, 2), "reingest_s": round(reingest_s, 2),
              "cold_start_s": round(statistics.median(colds), 2), "cold_start_runs_s": [round(c, 2) for c in colds]}
    result.update(_worker("latency", _env(corpus, data), "--questions", str(questions)))
    peer_args = ["--questions", str(questions), "--corpus", str(corpus)]
    if peer_reuse_from is not None:
        peer_args += ["--reuse-corpus", str(peer_reuse_from)]
    result.update(_worker("peer", _env(corpus, data), *peer_args))
    if reuse is not None:
        counter = Path(str(reuse) + ".real")
        result["embedded_for_real"] = int(counter.read_text()) if counter.exists() else 0
    return data, result


def run(scale: int, questions: Path, repeat: int) -> dict:
    with tempfile.TemporaryDirectory(prefix="jobs-bench-") as tmp:
        work = Path(tmp)
        data1, one = measure(CORPUS_DIR, work / "x1", questions, repeat)
        if scale <= 1:
            return {"scale": 1, "chunks": one.pop("chunks"), **one, "questions": len(_questions(questions))}
        reuse = work / _REUSE_FILE
        _save_reuse_vectors(data1, reuse)
        corpus = work / f"corpus-x{scale}"
        make_variant_corpus(CORPUS_DIR, corpus, scale)
        _, big = measure(corpus, work / f"x{scale}", questions, repeat, reuse=reuse, peer_reuse_from=CORPUS_DIR)
        return {
            "scale": scale, "chunks": big.pop("chunks"), **big, "questions": len(_questions(questions)),
            "note": f"{scale}× 말뭉치(보고서 + 숫자를 바꾼 결정적 변형 {scale - 1}개씩). 속도를 위해 변형 조각에는 1× e5 벡터를 "
                    "재사용했습니다(embedded_for_real개만 실제로 임베딩).",
        }


# ── README table ────────────────────────────────────────────────────────────────────────────
_ROWS = (
    ("chunks", "조각 수", "{:,}"), ("ingest_s", "전체 색인(새 프로세스, 초)", "{:.1f}"),
    ("reingest_s", "변경 없는 재색인(초)", "{:.2f}"), ("cold_start_s", "첫 답변까지(새 프로세스, 초)", "{:.1f}"),
    ("p50_ms", "답변 지연 p50(ms)", "{:.1f}"), ("p95_ms", "답변 지연 p95(ms)", "{:.1f}"),
    ("rss_mb", "최대 메모리(MB)", "{:,}"), ("peer_p50_ms", "LangChain 기준선 검색 p50(ms)", "{:.1f}"),
    ("peer_p95_ms", "LangChain 기준선 검색 p95(ms)", "{:.1f}"),
)


def markdown(results: list[dict]) -> str:
    results = sorted(results, key=lambda r: r.get("scale", 1))  # columns by corpus size, whatever the file order
    head = "| 항목 | " + " | ".join(r.get("label") or f"{r.get('scale', 1)}×" for r in results) + " |"
    lines = [head, "|---|" + "---:|" * len(results)]
    for key, label, fmt in _ROWS:
        lines.append(f"| {label} | " + " | ".join(fmt.format(r[key]) if key in r else "–" for r in results) + " |")
    return "\n".join(lines)


def update_readme(readme: Path, table: str) -> None:
    """Replace the table between the README's speed-table markers."""
    text = readme.read_text(encoding="utf-8")
    start = text.index("\n", text.index("<!-- speed-table")) + 1
    end = text.index("<!-- /speed-table -->")
    readme.write_text(text[:start] + table + "\n" + text[end:], encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m eval.benchmark", description="색인 시간, 첫 답변 시간, 지연시간, 메모리를 잽니다.")
    parser.add_argument("--questions", type=Path, default=REPO_ROOT / "eval" / "datasets" / "dev.jsonl")
    parser.add_argument("--scale", type=int, default=1, help="N배 말뭉치(결정적 변형)로 잽니다")
    parser.add_argument("--repeat", type=int, default=3, help="첫 답변 시간을 잴 새 프로세스 수(중앙값)")
    parser.add_argument("--json", action="store_true", help="JSON 한 줄만 출력")
    parser.add_argument("--markdown", nargs="+", type=Path, metavar="RESULT.json", help="저장한 결과들로 README 표를 만듭니다")
    parser.add_argument("--update-readme", action="store_true", help="--markdown 표로 README의 속도 표를 바꿉니다")
    parser.add_argument("--worker", choices=["latency", "peer", "ingest-reuse"], help=argparse.SUPPRESS)
    parser.add_argument("--corpus", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--data", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--reuse-corpus", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker == "latency":
        print(json.dumps(_worker_latency(_questions(args.questions))))
        return 0
    if args.worker == "peer":
        print(json.dumps(_worker_peer(_questions(args.questions), args.corpus, args.reuse_corpus)))
        return 0
    if args.worker == "ingest-reuse":
        return _worker_ingest_reuse(args.corpus, args.data)
    if args.markdown:
        table = markdown([json.loads(p.read_text(encoding="utf-8")) for p in args.markdown])
        if args.update_readme:
            update_readme(REPO_ROOT / "README.md", table)
        print(table)
        return 0
    result = run(args.scale, args.questions, args.repeat)
    if args.json:
        print(json.dumps(result, ensure_ascii=False))
    else:
        print(markdown([result]))
        print(json.dumps(result, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
