"""Plain text and Markdown: decode, decide the layout from the text itself, find `|`/tab tables.

Layouts (reports.model.Layout):
- FLATTENED: text extracted from a PDF — prose wrapped at a fixed width, so long lines rarely end a
  sentence, and table cells one per line (the shipped reports).
- PARAGRAPHS: one paragraph per line (web pages, press releases, guides) — long lines end sentences.
- MARKDOWN: `#` headings (the `|` tables are found in every layout).
"""
from __future__ import annotations

import re
from pathlib import Path

from ingest.grid_tables import GridCell, build_table, table_context
from ingest.readers.errors import ProblemKind, UnreadableDocument
from ingest.readers.html_tables import find_html_tables
from ingest.readers.raw import RawText
from kotext.sentences import ends_sentence
from kotext.text import is_pipe_row
from reports.model import Layout, SourceFormat

# Share of long lines (≥ LONG_LINE chars) ending a sentence above which lines are paragraphs, not
# wrapped prose. Chosen a priori between the measured extremes: the two flattened reports give
# 0.01 and 0.03; paragraph-per-line prose ends nearly every line with a sentence (> 0.6).
PARAGRAPH_SHARE = 0.3
LONG_LINE = 20
# Decoded as CP949, real Korean text keeps ≥ 0.97 of its non-ASCII characters in the common KS X 1001
# Hangul set (both shipped reports: 0.99+); bytes of another encoding (Shift-JIS, Big5) land in the
# rare extended syllables and Hanja instead. Refuse below this share rather than index noise.
MIN_COMMON_HANGUL = 0.7
# Converters leave stray control characters (BEL before bullets, form feeds between pages) in real
# text: up to this share they are dropped; more means the bytes are not text.
MAX_CONTROL_SHARE = 0.01

# BOM-less UTF-16: the share of NUL bytes in one byte position (the high byte of ASCII characters).
# The eight real Korean documents here give 0.30-0.62 (a Korean column with few spaces: 0.295, which
# the old 0.3 refused as binary) and <= 0.023 in the other position; 0.1 leaves a 3x margin, and the
# decoded text must still pass the Korean check below.
MIN_UTF16_NUL_SHARE = 0.1
# UTF-8 with a few broken bytes (a truncated download, a bad copy) is read with U+FFFD in their place
# when the broken places are at most this share of the characters; CP949 bytes read as UTF-8 break at nearly every
# Hangul syllable (share > 0.3), so the two cannot be confused.
MAX_BAD_UTF8_SHARE = 0.001
MIN_BAD_UTF8_ALLOWED = 3  # a short file may have this many broken places whatever its length

_MD_HEADING = re.compile(r"^(#{1,6})\s+(\S.*)$")
_PIPE_RULE = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)*\|?\s*$")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


def decode_bytes(data: bytes, name: str, notes: list[str] | None = None) -> tuple[str, str]:
    """Return (text, encoding): UTF-8 (with or without BOM), UTF-16 (BOM or NUL pattern), CP949/EUC-KR.
    Anything else is refused with a Korean message instead of being indexed as noise. `notes` gets a
    Korean remark when a few broken UTF-8 bytes were replaced."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return _checked(_decode(data, "utf-16", name), "utf-16", name, korean=True)
    head = data[:4096]
    if b"\x00" in head:
        even, odd = head[0::2].count(0), head[1::2].count(0)
        if len(head) >= 64 and max(even, odd) > MIN_UTF16_NUL_SHARE * (len(head) / 2) and min(even, odd) < 0.05 * (len(head) / 2):
            enc = "utf-16-le" if odd > even else "utf-16-be"
            return _checked(_decode(data, enc, name), enc, name, korean=True)
        raise UnreadableDocument(f"'{name}': 텍스트 파일이 아닙니다(이진 파일로 보입니다).", ProblemKind.ENCODING)
    if b"\x1b$)C" in head:
        raise UnreadableDocument(f"'{name}': ISO-2022-KR 인코딩은 지원하지 않습니다. UTF-8로 저장해 주세요.", ProblemKind.ENCODING)
    try:
        return _checked(data.decode("utf-8-sig"), "utf-8", name)
    except UnicodeDecodeError as exc:
        if exc.start >= len(data) - 3:  # a file cut in the middle of its last character
            return _checked(data[: exc.start].decode("utf-8-sig"), "utf-8", name)
        try:  # clean CP949 that reads as Korean wins over UTF-8 with replaced bytes (short CP949 files have few "broken places")
            return _checked(data.decode("cp949"), "cp949", name, korean=True)
        except (UnicodeDecodeError, UnreadableDocument):
            pass
        replaced = data.decode("utf-8-sig", errors="replace")
        bad = len(re.findall("\ufffd+", replaced))  # broken places (one bad byte can become up to three U+FFFD)
        if bad <= max(MIN_BAD_UTF8_ALLOWED, MAX_BAD_UTF8_SHARE * len(replaced)):
            text, enc = _checked(replaced, "utf-8", name, korean=True)
            if notes is not None:
                notes.append(f"주의: '{name}'에 UTF-8로 읽을 수 없는 바이트가 {bad}곳 있어 '\ufffd'로 바꿔 읽었습니다. "
                             "원본 파일을 확인해 주세요.")
            return text, enc
    try:
        text = data.decode("cp949")  # a superset of EUC-KR
    except UnicodeDecodeError:
        raise UnreadableDocument(f"'{name}': 인코딩을 알 수 없습니다. UTF-8 또는 CP949(EUC-KR)로 저장해 주세요.", ProblemKind.ENCODING) from None
    return _checked(text, "cp949", name, korean=True)


_COMMON_SYMBOLS = set("○□■◦•·※－∼～“”‘’「」『』ㆍ…①②③④⑤⑥⑦⑧⑨⑩ⅠⅡⅢⅣⅤ△▲→\ufeff")


def _korean(text: str, name: str) -> str:
    """Text decoded by a rule that accepts almost any bytes (UTF-16, CP949) must read as Korean."""
    sample = text[:200_000]
    non_ascii = [ch for ch in sample if ord(ch) > 127 and ch != "\ufffd"]  # U+FFFD: a byte replaced on purpose
    if non_ascii:
        common = sum(1 for ch in non_ascii if ("가" <= ch <= "힣" and _in_ksx1001(ch)) or ch in _COMMON_SYMBOLS)
        if common / len(non_ascii) < MIN_COMMON_HANGUL:
            raise UnreadableDocument(f"'{name}': 한국어 인코딩(UTF-8, UTF-16, CP949, EUC-KR)이 아닌 것 같습니다. UTF-8로 저장해 주세요.", ProblemKind.ENCODING)
    return text


def _in_ksx1001(ch: str) -> bool:
    try:
        ch.encode("euc-kr")
        return True
    except UnicodeEncodeError:
        return False


def _decode(data: bytes, enc: str, name: str) -> str:
    try:
        return data.decode(enc)
    except UnicodeDecodeError:
        raise UnreadableDocument(f"'{name}': 텍스트 파일이 아닙니다(이진 파일로 보입니다).", ProblemKind.ENCODING) from None


def _checked(text: str, enc: str, name: str, korean: bool = False) -> tuple[str, str]:
    if "\x00" in text or text and len(_CONTROL.findall(text[:200_000])) > MAX_CONTROL_SHARE * min(len(text), 200_000) + 2:
        raise UnreadableDocument(f"'{name}': 텍스트 파일이 아닙니다(이진 파일로 보입니다).", ProblemKind.ENCODING)
    if korean:
        _korean(text, name)
    text = _CONTROL.sub("", text.replace("\x0c", "\n")).replace("\u200c", "").replace("\u200b", "")  # zero-width joiners split words
    return text.lstrip("\ufeff"), enc


def detect_layout(lines: list[str], markdown: bool) -> Layout:
    if markdown or sum(1 for line in lines if _MD_HEADING.match(line)) >= 2:
        return Layout.MARKDOWN
    long = [line.strip() for line in lines if len(line.strip()) >= LONG_LINE and not is_pipe_row(line)]
    if not long:
        return Layout.FLATTENED
    ends = sum(1 for line in long if ends_sentence(line))
    return Layout.PARAGRAPHS if ends / len(long) >= PARAGRAPH_SHARE else Layout.FLATTENED


def _split_pipe(line: str) -> list[str]:
    inner = line.strip()
    inner = inner[1:] if inner.startswith("|") else inner
    inner = inner[:-1] if inner.endswith("|") else inner
    return [c.strip() for c in inner.split("|")]


def find_tables(raw: RawText) -> None:
    """`|` tables (Markdown) and tab-separated tables, in any layout."""
    lines = raw.lines
    done = {n for first, (last, _) in raw.tables.items() for n in range(first - 1, last)}  # HTML tables
    i = 0
    while i < len(lines):
        if i in done:
            i += 1
            continue
        kind = "pipe" if is_pipe_row(lines[i]) else ("tab" if lines[i].count("\t") >= 1 and lines[i].strip() else "")
        if not kind:
            i += 1
            continue
        j = i
        while j + 1 < len(lines) and j + 1 not in done and (is_pipe_row(lines[j + 1]) if kind == "pipe" else lines[j + 1].count("\t") == lines[i].count("\t")):
            j += 1
        if j > i:
            row_lines = [(n + 1, lines[n]) for n in range(i, j + 1) if not _PIPE_RULE.match(lines[n])]
            cells = [_split_pipe(t) if kind == "pipe" else [c.strip() for c in t.split("\t")] for _, t in row_lines]
            if not cells:  # only "|---|" rule lines
                i = j + 1
                continue
            width = max(len(r) for r in cells)
            # Markdown merges nothing; an empty cell right of a header cell continues it (a group header).
            grid = [[GridCell(c) for c in r] + [GridCell("")] * (width - len(r)) for r in cells]
            context = table_context(lines, i)
            table = build_table(grid, row_lines, "", context)
            if table is not None:
                raw.tables[i + 1] = (j + 1, table)
        i = j + 1


def read_text(path: Path, data: bytes) -> RawText:
    notes: list[str] = []
    text, encoding = decode_bytes(data, path.name, notes)
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if not any(line.strip() for line in lines):
        raise UnreadableDocument(f"'{path.name}': 내용이 비어 있습니다" + ("(공백만 있습니다)." if data else "."), ProblemKind.EMPTY)
    markdown = path.suffix.lower() in (".md", ".markdown")
    raw = RawText(lines=lines, format=SourceFormat.MARKDOWN if markdown else SourceFormat.TEXT,
                  layout=detect_layout(lines, markdown), encoding=encoding, notes=notes)
    if any("<table" in line.lower() for line in lines):
        find_html_tables(raw)  # rows rewritten as "| a | b |" lines: decide the layout on those
        raw.layout = detect_layout(raw.lines, markdown)
    for n, line in enumerate(lines, 1):
        if m := _MD_HEADING.match(line.strip()):
            raw.headings[n] = len(m.group(1))
    find_tables(raw)
    return raw
