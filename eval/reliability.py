"""`python -m eval.reliability [--kill-points N] [--sessions N] [--fuzz N]`: crash, load and fuzz figures.

(a) kill: a copy of a report is edited before each re-ingest, which runs in a subprocess and is killed
    with SIGKILL — at named stages (JOBS_INGEST_KILL_AT hooks) and at random time offsets from outside;
    after each kill `python -m assistant batch` must answer every question, from the old generation
    or the new one. A last ingest must then give the chunk ids (and vectors) of a clean build.
(b) load: N concurrent sessions against `streamlit run app.py` on 127.0.0.1, over the real websocket
    protocol (eval/st_session.py), each asking questions.
(c) fuzz: one batch of N generated rows (broken Unicode, control characters, huge, non-string, bad
    JSON, good questions); every row must come back with an answer or a Korean error.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

from settings import CORPUS_DIR, REPO_ROOT

YDP = "yeongdeungpo-job-policy-work-report-2023.txt"
TARGET = "○ 목표인원: 448명"  # the line each kill round edits (value 448 → 450 → 452 …)
CHECKS = (  # (question, what the answer must contain; "{v}" = the 목표인원 value of old or new generation)
    ("공공분야 일자리 목표인원은?", "{v}명"),
    ("공공분야 일자리 선발요건은?", "기준중위소득70%이하"),
    ("서울청년센터 영등포 오랑 이용인원은?", "5,496명"),
)
STAGE_KILLS = ("embedding", "chunks_written", "before_switch", "after_switch", "facts_written", "vectors_copied",
               "cards_written", "parsed")
HANGUL = re.compile(r"[가-힣]")


def _env(data: Path, corpus: Path, **extra: str) -> dict[str, str]:
    env = {**os.environ, "PYTHONPATH": str(REPO_ROOT), "JOBS_DATA_DIR": str(data), "JOBS_CORPUS_DIR": str(corpus)}
    env.update(extra)
    return env


def _ingest(data: Path, corpus: Path, **extra: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "ingest", "--corpus", str(corpus), "--data", str(data)],
                            env=_env(data, corpus, **extra), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _batch(data: Path, corpus: Path, rows: list[dict] | bytes, work: Path) -> tuple[int, list[dict], str]:
    src, out = work / "batch-in.jsonl", work / "batch-out.jsonl"
    out.unlink(missing_ok=True)
    if isinstance(rows, bytes):
        src.write_bytes(rows)
    else:
        src.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "assistant", "batch", str(src), str(out)], env=_env(data, corpus),
                          capture_output=True, text=True, timeout=900)
    answers = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()] if out.exists() else []
    return proc.returncode, answers, proc.stderr


def _set_value(corpus: Path, original: str, value: int) -> None:
    (corpus / YDP).write_text(original.replace(TARGET, f"○ 목표인원: {value}명"), encoding="utf-8")


@dataclass
class KillFigures:
    rounds: list[dict] = field(default_factory=list)
    initial_s: float = 0.0
    incremental_s: float = 0.0
    final_s: float = 0.0
    clean_s: float = 0.0
    ids_equal: bool = False
    chunks: int = 0
    max_vector_diff: float = -1.0
    generations_left: int = 0


def _ask_ok(data: Path, corpus: Path, work: Path, old: int, new: int) -> dict:
    rc, answers, stderr = _batch(data, corpus, [{"id": f"c{i}", "question": q} for i, (q, _) in enumerate(CHECKS)], work)
    result = {"rc": rc, "answered": 0, "from": "?", "failures": []}
    for (question, want), ans in zip(CHECKS, answers):
        text = re.sub(r"\s+", "", ans.get("answer", ""))
        if "error" in ans or ans.get("abstained"):
            result["failures"].append(f"{question}: {ans.get('error') or ans.get('answer')}")
            continue
        if "{v}" in want:
            has_old, has_new = f"{old}명" in text, f"{new}명" in text
            result["from"] = "new" if has_new else "old" if has_old else "?"
            if not (has_old or has_new):
                result["failures"].append(f"{question}: {ans['answer'][:80]}")
                continue
        elif want.replace(" ", "") not in text:
            result["failures"].append(f"{question}: {ans['answer'][:80]}")
            continue
        result["answered"] += 1
    if len(answers) != len(CHECKS):
        result["failures"].append(f"batch rc={rc}: {stderr[-300:]}")
    return result


def run_kills(points: int, work: Path, seed: int) -> KillFigures:
    from reports import generations
    from reports.store import load_chunks

    rng = random.Random(seed)
    figs = KillFigures()
    corpus, data = work / "corpus", work / "data"
    corpus.mkdir(parents=True)
    shutil.copy(CORPUS_DIR / YDP, corpus / YDP)
    original = (CORPUS_DIR / YDP).read_text(encoding="utf-8")
    assert TARGET in original, "the edited line is missing from the report"
    t = time.perf_counter()
    proc = _ingest(data, corpus)
    proc.communicate()
    figs.initial_s = time.perf_counter() - t
    value = 448
    _set_value(corpus, original, value + 2)  # one complete incremental ingest, to time the kill window
    t = time.perf_counter()
    _ingest(data, corpus).communicate()
    figs.incremental_s = time.perf_counter() - t
    value += 2
    indexed = value  # the 목표인원 value of the current generation
    # Two thirds at named stages (deterministic), the rest at random moments from outside (inside the
    # window where an ingest is past its imports and still writing).
    stages = STAGE_KILLS[: min(len(STAGE_KILLS), max(1, (2 * points + 2) // 3))]
    plan: list[tuple[str, object]] = [("stage", s) for s in stages]
    plan += [("time", round(rng.uniform(0.4, 1.0) * figs.incremental_s, 2)) for _ in range(points - len(plan))]
    for kind, where in plan:
        old, new = indexed, value + 2
        _set_value(corpus, original, new)
        before = generations.current_id(data)
        t = time.perf_counter()
        if kind == "stage":
            proc = _ingest(data, corpus, **{generations.KILL_ENV: str(where)})
            _, err = proc.communicate()
        else:
            proc = _ingest(data, corpus)
            try:
                proc.wait(timeout=float(where))
            except subprocess.TimeoutExpired:
                proc.send_signal(signal.SIGKILL)
            _, err = proc.communicate()
        killed = proc.returncode == -signal.SIGKILL
        switched = generations.current_id(data) != before
        check = _ask_ok(data, corpus, work, old, new)
        figs.rounds.append({"kill": f"{kind}:{where}", "killed": killed, "switched": switched,
                            "ingest_s": round(time.perf_counter() - t, 2), **check})
        value = new  # the corpus keeps the new value; the next round edits it again
        if switched:
            indexed = new
    t = time.perf_counter()
    _ingest(data, corpus).communicate()
    figs.final_s = time.perf_counter() - t
    clean = work / "clean-data"
    t = time.perf_counter()
    _ingest(clean, corpus).communicate()
    figs.clean_s = time.perf_counter() - t
    final_ids = [c.id for c in load_chunks(data)]
    clean_ids = [c.id for c in load_chunks(clean)]
    figs.ids_equal = sorted(final_ids) == sorted(clean_ids) and len(final_ids) > 0
    figs.chunks = len(final_ids)
    figs.max_vector_diff = _vector_diff(data, clean, clean_ids)
    figs.generations_left = len(generations.all_generations(data))
    return figs


def _vector_diff(a: Path, b: Path, ids: list[str]) -> float:
    from reports import generations
    from retrieval.chroma_store import make_client, open_collection

    va = open_collection(make_client(a), generations.collection_name(a)).get(ids=ids, include=["embeddings"])
    vb = open_collection(make_client(b), generations.collection_name(b)).get(ids=ids, include=["embeddings"])
    by_id = dict(zip(vb["ids"], vb["embeddings"]))
    return max((float(abs(x - y).max()) for i, x in zip(va["ids"], va["embeddings"]) for y in [by_id[i]]), default=-1.0)


# ── (b) load ────────────────────────────────────────────────────────────────────────────────────

LOAD_QUESTIONS = (("공공분야 일자리 목표인원은?", "명"), ("공공분야 일자리 선발요건은?", "기준중위소득"),
                  ("서울청년센터 영등포 오랑 이용인원은?", "5,496"))


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class LoadFigures:
    sessions: int = 0
    answers_ok: int = 0
    answers_total: int = 0
    first_answer_s: float = 0.0
    latencies: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    wall_s: float = 0.0


def run_load(sessions: int, data: Path, corpus: Path, questions_each: int = 2) -> LoadFigures:
    from eval.st_session import StreamlitSession

    figs = LoadFigures(sessions=sessions)
    port = _free_port()
    log = open(data.parent / "streamlit.log", "wb")
    server = subprocess.Popen([sys.executable, "-m", "streamlit", "run", str(REPO_ROOT / "app.py"), "--server.headless", "true",
                               "--server.port", str(port), "--server.address", "127.0.0.1", "--browser.gatherUsageStats", "false"],
                              cwd=REPO_ROOT, env=_env(data, corpus), stdout=log, stderr=subprocess.STDOUT)
    try:
        deadline = time.time() + 90
        while time.time() < deadline:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=1) as r:
                    if r.status == 200:
                        break
            except OSError:
                time.sleep(0.3)
        warm = StreamlitSession(port)  # first session: waits for the model to load in the server
        warm.open()
        res = warm.ask(LOAD_QUESTIONS[0][0])
        figs.first_answer_s = res.seconds
        warm.close()
        lock = threading.Lock()

        def one(k: int) -> None:
            try:
                session = StreamlitSession(port)
                session.open()
                for j in range(questions_each):
                    question, want = LOAD_QUESTIONS[(k + j) % len(LOAD_QUESTIONS)]
                    res = session.ask(question)
                    ok = not res.errors and any(want in t.replace("\\", "") for t in res.texts)
                    with lock:
                        figs.answers_total += 1
                        figs.answers_ok += ok
                        figs.latencies.append(res.seconds)
                        if not ok:
                            figs.errors.append(f"세션 {k} '{question}': {(res.errors or res.texts[-1:] or ['?'])[0][:100]}")
                session.close()
            except Exception as exc:  # a session that breaks is a figure, not a crash of the script
                with lock:
                    figs.errors.append(f"세션 {k}: {type(exc).__name__}: {exc}")

        t = time.perf_counter()
        threads = [threading.Thread(target=one, args=(k,)) for k in range(sessions)]
        for th in threads:
            th.start()
        for th in threads:
            th.join()
        figs.wall_s = time.perf_counter() - t
    finally:
        server.terminate()
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.kill()
        log.close()
    return figs


# ── (c) fuzz ────────────────────────────────────────────────────────────────────────────────────

_GOOD = ("경제정책실 5월말 달성률은?", "공공분야 일자리 선발요건은?", "청년 일자리 사업 대상은?", "목표인원은?", "기타 안내 사항은?")


def fuzz_rows(n: int, rng: random.Random) -> tuple[bytes, dict[str, int]]:
    """n rows of one JSONL file (as bytes) and how many of each kind."""
    kinds: dict[str, int] = {}
    lines: list[bytes] = []
    for i in range(n):
        kind = rng.choice(("good", "surrogate", "control", "nul", "huge", "empty", "nonstring", "badjson", "badutf8",
                           "noquestion", "emoji_rtl", "random_unicode", "badhistory"))
        kinds[kind] = kinds.get(kind, 0) + 1
        good = rng.choice(_GOOD)
        row: object
        if kind == "good":
            row = {"id": f"f{i}", "question": good}
        elif kind == "surrogate":
            lines.append(('{"id": "f%d", "question": "%s\\ud8%02x%s"}' % (i, good[:4], rng.randrange(256), good[4:])).encode())
            continue
        elif kind == "control":
            row = {"id": f"f{i}", "question": "".join(c + (chr(rng.randrange(1, 32)) if rng.random() < 0.3 else "") for c in good)}
        elif kind == "nul":
            row = {"id": f"f{i}", "question": "\x00" * rng.randrange(1, 5) + (good if rng.random() < 0.5 else "")}
        elif kind == "huge":
            row = {"id": f"f{i}", "question": good * rng.randrange(200, 3000)}
        elif kind == "empty":
            row = {"id": f"f{i}", "question": rng.choice(("", "   ", "\n\t", "\u200b"))}
        elif kind == "nonstring":
            row = {"id": f"f{i}", "question": rng.choice((None, 42, 3.5, True, ["a"], {"q": 1}))}
        elif kind == "badjson":
            lines.append(rng.choice((b'{"id": "x", "question": ', b"not json", b"[1, 2", b'{"question": "\\uZZZZ"}')))
            continue
        elif kind == "badutf8":
            lines.append(b'{"id": "f%d", "question": "\xff\xfe\xc3"}' % i)
            continue
        elif kind == "noquestion":
            row = {"id": f"f{i}", "q": good}
        elif kind == "emoji_rtl":
            row = {"id": f"f{i}", "question": "\u202e" + good + " 😀🇰🇷\u0301"}
        elif kind == "random_unicode":
            row = {"id": f"f{i}", "question": "".join(chr(rng.randrange(0x20, 0x2FFFF)) for _ in range(rng.randrange(1, 80)))}
        else:
            row = {"id": f"f{i}", "question": good, "history": rng.choice(("not a list", ["\x00"], [None]))}
        lines.append(json.dumps(row, ensure_ascii=rng.random() < 0.5).encode("utf-8", "surrogatepass"))
    return b"\n".join(lines) + b"\n", kinds


@dataclass
class FuzzFigures:
    rows: int = 0
    rc: int = -1
    out_rows: int = 0
    answered: int = 0
    errors: int = 0
    korean_errors: int = 0
    malformed: int = 0
    seconds: float = 0.0
    kinds: dict[str, int] = field(default_factory=dict)
    temp_left: int = 0


def run_fuzz(n: int, data: Path, corpus: Path, work: Path, seed: int) -> FuzzFigures:
    figs = FuzzFigures(rows=n)
    payload, figs.kinds = fuzz_rows(n, random.Random(seed))
    t = time.perf_counter()
    figs.rc, answers, _ = _batch(data, corpus, payload, work)
    figs.seconds = time.perf_counter() - t
    figs.out_rows = len(answers)
    for a in answers:
        if "error" in a:
            figs.errors += 1
            figs.korean_errors += bool(HANGUL.search(a["error"]))
        elif "answer" in a:
            figs.answered += 1
        else:
            figs.malformed += 1
    figs.temp_left = len([p for p in work.iterdir() if p.name.endswith(".tmp")])
    return figs


# ── report ──────────────────────────────────────────────────────────────────────────────────────

def _pct(values: list[float], q: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m eval.reliability", description="색인 중단·동시 접속·입력 퍼징 신뢰성 점검")
    parser.add_argument("--kill-points", type=int, default=6, help="재색인을 kill -9 할 지점 수 (0 = 건너뜀)")
    parser.add_argument("--sessions", type=int, default=4, help="동시 Streamlit 세션 수 (0 = 건너뜀)")
    parser.add_argument("--fuzz", type=int, default=150, help="퍼징 배치 행 수 (0 = 건너뜀)")
    parser.add_argument("--seed", type=int, default=14)
    parser.add_argument("--keep", action="store_true", help="작업 폴더를 지우지 않음")
    args = parser.parse_args(argv)
    sys.stdout.reconfigure(line_buffering=True)  # figures appear as each part ends, also when piped
    work = Path(tempfile.mkdtemp(prefix="jobs-reliability-"))
    print(f"작업 폴더: {work}  (Chroma: {'서버 ' + os.environ['CHROMA_HOST'] if os.environ.get('CHROMA_HOST') else '로컬'})")
    failed = False
    started = time.perf_counter()
    try:
        data, corpus = work / "kill" / "data", work / "kill" / "corpus"
        if args.kill_points > 0:
            k = run_kills(args.kill_points, work / "kill", args.seed)
            print("\n(a) 재색인 중 kill -9")
            print(f"  최초 색인 {k.initial_s:.1f}s · 증분 색인 {k.incremental_s:.1f}s · 마무리 색인 {k.final_s:.1f}s · 깨끗한 새 색인 {k.clean_s:.1f}s")
            for r in k.rounds:
                print(f"  - {r['kill']:<22} killed={r['killed']!s:<5} switched={r['switched']!s:<5} "
                      f"답변 {r['answered']}/{len(CHECKS)} (세대: {r['from']}) rc={r['rc']} {'; '.join(r['failures'])}")
            asked = sum(len(CHECKS) for _ in k.rounds)
            ok = sum(r["answered"] for r in k.rounds)
            print(f"  kill {sum(r['killed'] for r in k.rounds)}/{len(k.rounds)}회, 질문 {ok}/{asked}개 답변, 배치 실패 "
                  f"{sum(r['rc'] != 0 for r in k.rounds)}회")
            print(f"  마무리 후 조각 id = 깨끗한 색인: {k.ids_equal} ({k.chunks}개), 벡터 최대 차이 {k.max_vector_diff:.2e}, "
                  f"남은 세대 {k.generations_left}개")
            failed |= ok != asked or not k.ids_equal or k.generations_left > 2
        else:
            corpus.mkdir(parents=True)
            shutil.copy(CORPUS_DIR / YDP, corpus / YDP)
            _ingest(data, corpus).communicate()
        if args.sessions > 0:
            ld = run_load(args.sessions, data, corpus)
            print(f"\n(b) 동시 세션 {ld.sessions}개 → streamlit run app.py (127.0.0.1, 실제 websocket 프로토콜)")
            print(f"  첫 답변(모델 로딩 포함) {ld.first_answer_s:.1f}s · 답변 {ld.answers_ok}/{ld.answers_total} 정상 · "
                  f"지연 p50 {_pct(ld.latencies, 0.5):.2f}s, p95 {_pct(ld.latencies, 0.95):.2f}s, "
                  f"최대 {max(ld.latencies, default=0):.2f}s, 평균 {statistics.fmean(ld.latencies) if ld.latencies else 0:.2f}s · "
                  f"전체 {ld.wall_s:.1f}s")
            for e in ld.errors[:10]:
                print(f"  ! {e}")
            failed |= ld.answers_ok != ld.answers_total or bool(ld.errors)
        if args.fuzz > 0:
            fz = run_fuzz(args.fuzz, data, corpus, work, args.seed)
            print(f"\n(c) 배치 퍼징 {fz.rows}행 ({', '.join(f'{k} {v}' for k, v in sorted(fz.kinds.items()))})")
            print(f"  종료 코드 {fz.rc} · 출력 {fz.out_rows}/{fz.rows}행 · 답변 {fz.answered} · 오류 {fz.errors} "
                  f"(한국어 메시지 {fz.korean_errors}) · 형식 이상 {fz.malformed} · 남은 임시 파일 {fz.temp_left} · {fz.seconds:.1f}s")
            failed |= fz.rc != 0 or fz.out_rows != fz.rows or fz.malformed or fz.korean_errors != fz.errors or fz.temp_left
        print(f"\n총 {time.perf_counter() - started:.0f}s · 결과: {'실패' if failed else '통과'}")
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
