"""Checks a new report before it enters the corpus, and saves it without ever replacing a file
unasked. Pure functions (no Streamlit) so the rules are tested directly."""
from __future__ import annotations

import hashlib
import os
import re
from dataclasses import dataclass
from pathlib import Path

from ingest.documents import MANIFEST_NAME, SUPPORTED_SUFFIXES, UnreadableDocument, corpus_files, load_document, max_file_bytes

MAX_BYTES = max_file_bytes()  # the same limit ingest applies (JOBS_MAX_FILE_MB, default 20 MB)
ACCEPTED = ", ".join(s.lstrip(".") for s in SUPPORTED_SUFFIXES if s != ".markdown")
_MAX_STEM = 80


class UploadRejected(ValueError):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message  # Korean, shown as is


@dataclass(frozen=True)
class CheckedUpload:
    name: str  # safe file name for the corpus
    data: bytes  # saved as uploaded: ingest reads it with the same reader
    encoding: str  # text encoding, or the format (hwp, pdf, …)
    lines: int
    pages: int = 0


@dataclass(frozen=True)
class SavePlan:
    target: str  # the name the file would get if saved as is
    free_name: str  # a name that collides with nothing (== target when there is no conflict)
    duplicate_of: str = ""  # an existing file with the very same bytes: nothing to add
    can_replace: bool = False  # the conflict is with a report (never with the corpus manifest)

    @property
    def conflict(self) -> bool:
        return self.free_name != self.target


def safe_name(name: str) -> str:
    """Only the base name, only letters/digits/-/_ (Hangul included), never hidden."""
    base = name.replace("\\", "/").rsplit("/", 1)[-1]
    stem, dot, suffix = base.rpartition(".")
    if not dot:
        stem, suffix = base, ""
    stem = re.sub(r"[^\w\-]+", "_", stem).strip("._-")[:_MAX_STEM] or "report"
    return f"{stem}.{suffix.lower()}" if suffix else stem


def check_upload(name: str, data: bytes) -> CheckedUpload:
    suffix = Path(name).suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        raise UploadRejected(f"‘{name}’: 지원하지 않는 형식입니다. {ACCEPTED} 파일만 올릴 수 있습니다.")
    if not data:
        raise UploadRejected(f"‘{name}’: 파일이 비어 있습니다.")
    if len(data) > MAX_BYTES:
        raise UploadRejected(f"‘{name}’: 파일이 너무 큽니다({len(data) / 1024 / 1024:.1f}MB). {MAX_BYTES // 1048576}MB 이하만 올릴 수 있습니다.")
    # Read it exactly as ingest will (password, DRM, scanned and broken files get their own message).
    import tempfile

    safe = safe_name(name)
    with tempfile.TemporaryDirectory(prefix="upload-") as tmp:
        path = Path(tmp) / safe
        path.write_bytes(data)
        try:
            doc = load_document(path)
        except UnreadableDocument as exc:
            raise UploadRejected(exc.message.replace(f"'{safe}'", f"‘{name}’")) from exc
    if not any(line.strip() for line in doc.lines):
        raise UploadRejected(f"‘{name}’: 내용이 비어 있습니다(공백만 있습니다).")
    return CheckedUpload(safe, data, doc.encoding, len(doc.lines), max(doc.pages, default=0))


def plan_save(corpus_dir: Path, upload: CheckedUpload) -> SavePlan:
    """Same stem = same doc_id in the index, so a conflict is any file with the same stem."""
    existing = corpus_files(corpus_dir) if corpus_dir.is_dir() else []
    digest = hashlib.sha256(upload.data).hexdigest()
    for path in existing:
        if hashlib.sha256(path.read_bytes()).hexdigest() == digest:
            return SavePlan(upload.name, upload.name, duplicate_of=path.name)
    taken = {p.stem.lower() for p in existing} | {Path(MANIFEST_NAME).stem.lower()}
    stem, suffix = Path(upload.name).stem, Path(upload.name).suffix
    free, n = upload.name, 2
    while Path(free).stem.lower() in taken:
        free, n = f"{stem}-{n}{suffix}", n + 1
    can_replace = stem.lower() != Path(MANIFEST_NAME).stem.lower()
    return SavePlan(upload.name, free, can_replace=can_replace and free != upload.name)


def save_upload(corpus_dir: Path, upload: CheckedUpload, name: str, replace: bool = False) -> Path:
    """Write atomically (a hidden temp file, which ingest skips, renamed into place)."""
    target = corpus_dir / safe_name(name)
    if target.name == MANIFEST_NAME:
        raise UploadRejected(f"‘{MANIFEST_NAME}’은 보고서 목록 파일이라 바꿀 수 없습니다.")
    same_stem = [p for p in corpus_files(corpus_dir) if p.stem.lower() == target.stem.lower()]
    if same_stem and not replace:
        raise UploadRejected(f"‘{same_stem[0].name}’ 파일이 이미 있습니다. 새 이름으로 저장하거나 바꾸기를 고르세요.")
    tmp = corpus_dir / f".{target.name}.uploading"
    tmp.write_bytes(upload.data)
    os.replace(tmp, target)
    for old in same_stem:  # replacing x.txt by x.md: one document, one file
        if old != target:
            old.unlink()
    return target
