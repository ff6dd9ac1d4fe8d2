"""HWP 3/5, HWPX, PDF, DOCX and XLSX through the npm package kordoc (MIT), run offline by Node.

kordoc returns typed blocks (heading, paragraph, list, table with merged cells, page numbers). We
render them as lines — a paragraph per line, a table row per line as `| a | b |` — so citations
have line numbers like a text report, and keep each table's real cells for the model.
Never called with --ocr / --formula-ocr: those download models. A PDF without a text layer is
reported as scanned instead.
"""
from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

from ingest.grid_tables import GridCell, build_table, table_context
from ingest.readers.errors import ProblemKind, UnreadableDocument
from ingest.readers.node_runtime import KORDOC_CLI, node_status
from ingest.readers.raw import RawText
from reports.model import Layout, SourceFormat

KORDOC_TIMEOUT_S = 120  # a 300-page report parses in well under a minute here; a hang must not stall ingest
FORMATS = {".hwp": SourceFormat.HWP, ".hwpx": SourceFormat.HWPX, ".pdf": SourceFormat.PDF,
           ".docx": SourceFormat.DOCX, ".xlsx": SourceFormat.XLSX}
_MIN_TEXT_CHARS_PER_PAGE = 20  # below this a PDF page is an image: a scan


def run_kordoc(path: Path) -> dict:
    status = node_status()
    if not status.ok:
        raise UnreadableDocument(f"'{path.name}': {status.problem}", ProblemKind.NO_NODE)
    env = {k: v for k, v in os.environ.items() if not k.startswith("npm_")}
    try:
        proc = subprocess.run(
            [status.node, str(KORDOC_CLI), "--silent", "--format", "json", str(path)],
            capture_output=True, timeout=KORDOC_TIMEOUT_S, env=env, stdin=subprocess.DEVNULL,
        )
    except subprocess.TimeoutExpired as exc:
        raise UnreadableDocument(f"'{path.name}': 문서 변환이 {KORDOC_TIMEOUT_S}초 안에 끝나지 않았습니다.", ProblemKind.TIMEOUT) from exc
    try:
        data = json.loads(proc.stdout.decode("utf-8", errors="replace") or "{}")
    except ValueError:
        data = {}
    if not data.get("success"):
        raise _failure(path, data, proc.stderr.decode("utf-8", errors="replace"))
    return data


def _failure(path: Path, data: dict, stderr: str) -> UnreadableDocument:
    code = str(data.get("code", ""))
    message = str(data.get("error", "")) + " " + stderr
    if code == "ENCRYPTED" or "암호" in message:
        return UnreadableDocument(f"'{path.name}': 암호로 보호된 문서입니다. 한글·PDF 프로그램에서 암호를 해제해 저장한 뒤 다시 넣어 주세요.", ProblemKind.PASSWORD)
    if "DRM" in message.upper() or "배포용" in message:
        return UnreadableDocument(f"'{path.name}': DRM(문서 보안)이 걸린 문서라 읽을 수 없습니다. 보안을 해제한 사본을 넣어 주세요.", ProblemKind.DRM)
    if code == "EMPTY_INPUT":
        return UnreadableDocument(f"'{path.name}': 내용이 비어 있습니다.", ProblemKind.EMPTY)
    return UnreadableDocument(f"'{path.name}': 파일이 손상되었거나 형식이 올바르지 않아 읽을 수 없습니다.", ProblemKind.CORRUPT)


def _grid(table: dict) -> list[list[GridCell]]:
    return [
        [GridCell(str(c.get("text", "")), int(c.get("rowSpan", 1) or 1), int(c.get("colSpan", 1) or 1), bool(c.get("isHeader")))
         for c in row]
        for row in table.get("cells", [])
    ]


def _flat(blocks: list[dict]) -> list[dict]:
    """Lists nest their items as children; a list item is a line of its own."""
    out: list[dict] = []
    for b in blocks:
        if b.get("type") == "list" and b.get("children"):
            marker = "1." if b.get("listType") == "ordered" else "-"
            for i, child in enumerate(_flat(b["children"]), 1):
                if child.get("type") in ("paragraph", "list") and child.get("text"):
                    child = {**child, "type": "paragraph", "text": f"{i if marker == '1.' else '-'}{'.' if marker == '1.' else ''} {child['text']}"}
                out.append(child)
        else:
            out.append(b)
    return out


def read_with_kordoc(path: Path) -> RawText:
    suffix = path.suffix.lower()
    fmt = FORMATS[suffix]
    data = run_kordoc(path)
    raw = RawText(lines=[], format=fmt, layout=Layout.STRUCTURED, encoding=fmt.value)
    meta = data.get("metadata") or {}
    raw.title_hint = str(meta.get("title") or "").strip()
    page = 1
    text_chars = 0
    tables = 0

    def add(line: str, pg: int) -> int:
        raw.lines.append(line)
        raw.pages.append(pg)
        return len(raw.lines)

    for block in _flat(data.get("blocks") or []):
        page = int(block.get("pageNumber") or page)
        kind = block.get("type")
        if kind == "table" and block.get("table"):
            grid = _grid(block["table"])
            caption = str(block["table"].get("caption") or "").strip()
            if caption:
                add(caption, page)
            first = len(raw.lines) + 1
            row_lines = []
            for cells in grid:
                line = "| " + " | ".join(c.text.replace("\n", " ").strip() for c in cells) + " |"
                row_lines.append((add(line, page), line))
                text_chars += len(line)
            context = table_context(raw.lines, first - 1)
            cols = int(block["table"].get("cols") or 0)
            full = bool(grid) and all(len(r) == cols for r in grid)  # kordoc keeps the cells a span covers
            table = build_table(grid, row_lines, caption, context, full)
            if table is not None:
                raw.tables[first] = (len(raw.lines), table)
                tables += 1
            continue
        text = str(block.get("text") or "").strip()
        if not text:
            continue
        for part in text.split("\n"):
            part = part.strip()
            if not part:
                continue
            n = add(part, page)
            text_chars += len(part)
            if kind == "heading":
                raw.headings[n] = int(block.get("level") or 1)
    pages = int(data.get("pageCount") or (max(raw.pages) if raw.pages else 0))
    if fmt is SourceFormat.PDF and text_chars < _MIN_TEXT_CHARS_PER_PAGE * max(1, pages):
        raise UnreadableDocument(
            f"'{path.name}': 글자 층이 없는 PDF(스캔한 이미지)로 보입니다. 글자 인식(OCR)은 지원하지 않으니, 텍스트가 있는 PDF나 HWP 원본을 넣어 주세요.",
            ProblemKind.SCANNED,
        )
    if not raw.lines:
        raise UnreadableDocument(f"'{path.name}': 읽을 수 있는 글자가 없습니다.", ProblemKind.EMPTY)
    raw.notes.append(f"{pages}쪽, 표 {tables}개")
    return raw
