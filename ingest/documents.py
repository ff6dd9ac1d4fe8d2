"""Load the corpus folder into Documents: pick the reader by suffix, title from the corpus manifest.

A file that cannot be read is skipped with a Korean problem note; the rest is still read.
"""
from __future__ import annotations

import hashlib
import os
import re
from pathlib import Path

from ingest.readers import SUPPORTED_SUFFIXES, TEXT_SUFFIXES, LoadProblem, ProblemKind, UnreadableDocument
from ingest.readers.kordoc_reader import read_with_kordoc
from ingest.readers.text_reader import decode_bytes, read_text
from ingest.structure import build_document
from reports.model import Document

__all__ = ["LoadProblem", "UnreadableDocument", "SUPPORTED_SUFFIXES", "MANIFEST_NAME", "decode_bytes", "corpus_files",
           "load_document", "load_corpus", "max_file_bytes"]

MANIFEST_NAME = "README.md"  # the corpus manifest table: | file | title | issuer | as of | …
DEFAULT_MAX_FILE_MB = 20  # a 300-page HWP report with images is ~10 MB; larger files are usually scans or archives


def max_file_bytes() -> int:
    try:
        mb = float(os.environ.get("JOBS_MAX_FILE_MB", DEFAULT_MAX_FILE_MB))
    except ValueError:
        mb = DEFAULT_MAX_FILE_MB
    return int(mb * 1024 * 1024)


def read_manifest_titles(corpus_dir: Path) -> dict[str, str]:
    manifest = corpus_dir / MANIFEST_NAME
    titles: dict[str, str] = {}
    if not manifest.exists():
        return titles
    suffixes = "|".join(s.lstrip(".") for s in SUPPORTED_SUFFIXES)
    for line in manifest.read_text(encoding="utf-8", errors="replace").splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) >= 2 and re.search(rf"\.({suffixes})$", cells[0], re.IGNORECASE):
            titles[cells[0]] = cells[1]
    return titles


def _fallback_title(lines: list[str], hint: str, stem: str) -> str:
    if 2 <= len(hint) <= 80:
        return hint
    for line in lines[:10]:
        text = re.sub(r"^[#\s|]+", "", line).strip()
        if 4 <= len(text) <= 80:
            return text
    return stem


def load_document(path: Path, titles: dict[str, str] | None = None) -> Document:
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        allowed = ", ".join(s.lstrip(".") for s in SUPPORTED_SUFFIXES if s != ".markdown")
        raise UnreadableDocument(f"'{path.name}': 지원하지 않는 형식입니다({allowed}만 가능).", ProblemKind.UNSUPPORTED)
    try:
        size = path.stat().st_size
        if size > max_file_bytes():
            raise UnreadableDocument(
                f"'{path.name}': 파일이 너무 큽니다({size / 1048576:.1f}MB, 최대 {max_file_bytes() / 1048576:.0f}MB).", ProblemKind.TOO_LARGE
            )
        data = path.read_bytes()
    except OSError as exc:
        raise UnreadableDocument(f"'{path.name}': 파일을 읽을 수 없습니다({exc.strerror}).", ProblemKind.IO) from exc
    raw = read_text(path, data) if suffix in TEXT_SUFFIXES else read_with_kordoc(path)
    title = (titles or {}).get(path.name) or _fallback_title(raw.lines, raw.title_hint, path.stem)
    return build_document(raw, path.stem, str(path), title, hashlib.sha256(data).hexdigest())


def corpus_files(corpus_dir: Path) -> list[Path]:
    """Files of the corpus folder, without the manifest, hidden files, or symlinks leading outside it."""
    root = corpus_dir.resolve()
    out = []
    for p in sorted(corpus_dir.iterdir()):
        if p.name == MANIFEST_NAME or p.name.startswith("."):
            continue
        if p.is_symlink() and not p.resolve().is_relative_to(root):
            continue
        if p.is_file():
            out.append(p)
    return out


def skipped_links(corpus_dir: Path) -> list[LoadProblem]:
    root = corpus_dir.resolve()
    return [
        LoadProblem(str(p), f"'{p.name}': 보고서 폴더 밖을 가리키는 바로가기(심볼릭 링크)라 읽지 않습니다. 건너뜁니다.", ProblemKind.OUTSIDE)
        for p in sorted(corpus_dir.iterdir())
        if p.is_symlink() and not p.resolve().is_relative_to(root)
    ]


def load_corpus(corpus_dir: Path) -> tuple[list[Document], list[LoadProblem]]:
    """Every readable document, plus a Korean problem note for each file that was skipped."""
    titles = read_manifest_titles(corpus_dir)
    docs: list[Document] = []
    problems: list[LoadProblem] = skipped_links(corpus_dir)
    for path in corpus_files(corpus_dir):
        try:
            docs.append(load_document(path, titles))
        except UnreadableDocument as exc:
            problems.append(LoadProblem(str(path), exc.message + " 건너뜁니다.", exc.kind))
    # Two files with one stem ("report.txt", "report.hwp") would share chunk ids: keep the first, say so.
    seen: dict[str, str] = {}
    unique = []
    for d in docs:
        if d.doc_id in seen:
            problems.append(LoadProblem(d.path, f"'{Path(d.path).name}': 이름이 같은 문서('{seen[d.doc_id]}')가 이미 있어 건너뜁니다. 파일 이름을 바꿔 주세요.", ProblemKind.UNSUPPORTED))
            continue
        seen[d.doc_id] = Path(d.path).name
        unique.append(d)
    return unique, problems
