"""Load corpus files: detect the encoding (UTF-8, CP949/EUC-KR), title them from the corpus manifest."""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

from ingest.records import SourceDocument

SUPPORTED_SUFFIXES = (".txt", ".md")
MANIFEST_NAME = "README.md"  # the corpus manifest table: | file | title | issuer | as of | …


@dataclass(frozen=True)
class LoadProblem:
    path: str
    message: str  # Korean, shown to the user


class UnreadableDocument(Exception):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def decode_bytes(data: bytes, name: str) -> tuple[str, str]:
    """Return (text, encoding). Korean reports from the field come as UTF-8, CP949 or EUC-KR."""
    if b"\x00" in data[:4096]:
        raise UnreadableDocument(f"'{name}': 텍스트 파일이 아닙니다(이진 파일로 보입니다).")
    for encoding in ("utf-8-sig", "cp949"):  # cp949 is a superset of EUC-KR
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        return text, ("utf-8" if encoding == "utf-8-sig" else encoding)
    raise UnreadableDocument(f"'{name}': 인코딩을 알 수 없습니다. UTF-8 또는 CP949(EUC-KR)로 저장해 주세요.")


def read_manifest_titles(corpus_dir: Path) -> dict[str, str]:
    manifest = corpus_dir / MANIFEST_NAME
    titles: dict[str, str] = {}
    if not manifest.exists():
        return titles
    for line in manifest.read_text(encoding="utf-8", errors="replace").splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) >= 2 and re.search(r"\.(txt|md)$", cells[0]):
            titles[cells[0]] = cells[1]
    return titles


def _fallback_title(lines: list[str], stem: str) -> str:
    for line in lines[:10]:
        text = re.sub(r"^[#\s]+", "", line).strip()
        if 4 <= len(text) <= 80:
            return text
    return stem


def load_document(path: Path, titles: dict[str, str] | None = None) -> SourceDocument:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise UnreadableDocument(f"'{path.name}': 파일을 읽을 수 없습니다({exc.strerror}).") from exc
    text, encoding = decode_bytes(data, path.name)
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if not any(line.strip() for line in lines):
        raise UnreadableDocument(f"'{path.name}': 내용이 비어 있습니다.")
    title = (titles or {}).get(path.name) or _fallback_title(lines, path.stem)
    return SourceDocument(
        doc_id=path.stem,
        path=str(path),
        title=title,
        encoding=encoding,
        sha256=hashlib.sha256(data).hexdigest(),
        lines=tuple(lines),
    )


def corpus_files(corpus_dir: Path) -> list[Path]:
    return sorted(
        p for p in corpus_dir.iterdir()
        if p.is_file() and p.name != MANIFEST_NAME and not p.name.startswith(".")
    )


def load_corpus(corpus_dir: Path) -> tuple[list[SourceDocument], list[LoadProblem]]:
    """Every readable report, plus a Korean problem note for each file that was skipped."""
    titles = read_manifest_titles(corpus_dir)
    docs: list[SourceDocument] = []
    problems: list[LoadProblem] = []
    for path in corpus_files(corpus_dir):
        if path.suffix.lower() not in SUPPORTED_SUFFIXES:
            problems.append(LoadProblem(str(path), f"'{path.name}': 지원하지 않는 형식입니다(txt, md만 가능). 건너뜁니다."))
            continue
        try:
            docs.append(load_document(path, titles))
        except UnreadableDocument as exc:
            problems.append(LoadProblem(str(path), exc.message + " 건너뜁니다."))
    return docs, problems
