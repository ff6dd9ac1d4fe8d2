"""Fuzz the readers and everything derived from a Document: `python -m eval.fuzz_readers [--n 10000] [--seed 1]`.

Every input goes through `ingest.documents.load_document` and, when it is read, through chunking
(`chunk_document`), the figure facts (`extract_facts`) and the program cards (`build_cards`).
A refusal (`UnreadableDocument`, with its Korean message) is a correct outcome; any other exception
is a crash. Inputs:

- text (`.txt`/`.md`, read in-process; `--n` of them): random bytes; slices of the shipped reports
  (corpus/*.txt) truncated and mutated (bit flips, inserted/deleted bytes, NUL and control bytes,
  CR/LF/FF changes); the same text as UTF-8 (±BOM), UTF-16 (±BOM, LE/BE), CP949 and EUC-KR; text in
  encodings that must be refused (ISO-2022-KR, Shift-JIS); very long lines (8 KB rows of numbers,
  16,000-character Hangul runs, 320 KB table sections); Markdown and pipe tables, tab tables and
  random report outline markers; mixtures of encodings and edge cases (empty, BOM only, CR only).
- binary (`.pdf`/`.hwp`/`.hwpx`, through kordoc in Node, ~1 s each, `--binary` of them, default 200):
  real files (/work/shared/fixtures and PDFs/HWPX made with tests/fixture_docs when fpdf2 and a
  Korean font are there) truncated, bit-flipped, and for HWPX re-zipped with mutated XML (text,
  cell spans, removed elements).

Crashes and slow inputs (> --slow seconds, default 2) are saved with their traceback or cProfile
listing under --repro-dir (default /tmp/fuzz-repro/). One summary is printed (`--json` for JSON).
"""
from __future__ import annotations

import argparse
import cProfile
import faulthandler
import hashlib
import io
import json
import os
import pstats
import random
import re
import shutil
import signal
import sys
import tempfile
import time
import traceback
import zipfile
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from settings import CORPUS_DIR

SHARED_FIXTURES = Path("/work/shared/fixtures")
DEFAULT_REPRO = Path("/tmp/fuzz-repro")
HARD_TIMEOUT_S = 30  # an input still running after this is a hang (reported, never waited on forever); --timeout
PROFILE_LIMIT_S = 20
PROFILED = 3  # slow inputs re-run under cProfile (the slowest of distinct categories)
FOREIGN = ("iso-2022-kr", "shift-jis")  # encodings that must be refused


@dataclass
class Case:
    category: str
    suffix: str
    data: bytes
    must_refuse: bool = False  # a non-Korean encoding: indexing it is a failure
    note: str = ""


@dataclass
class Outcome:
    case: Case
    seconds: float
    status: str  # "read" | "refused" | "crash" | "hang"
    detail: str = ""  # refusal kind, or exception signature
    trace: str = ""
    violations: list[str] = field(default_factory=list)


# ── text material ──────────────────────────────────────────────────────────────────────────────

_MARKERS = ("Ⅰ. ", "Ⅱ. ", "Ⅲ ", "Ⅳ. ", "1. ", "2. ", "3) ", "1 ", "2 ", "4 ", "①① ", "② ", "□ ", "○ ", "○", "- ", "－ ", "※ ",
            "▸ ", "· ", "(1) ", "가. ", "# ", "## ", "### ", "#### ", "\uf06c ", "\ue000", " ", "\t", "")
_WORDS = ("일자리", "사업", "추진실적", "사업개요", "향후계획", "예산현황", "추진현황", "지원대상", "청년", "구 분", "목표", "실적",
          "달성률", "예산액", "집행액", "집행률(%)", "경제정책실 소관", "제4차 회의", "일자리사업팀", "만 18세 이상", "서울시", "영등포구",
          "(단위: 천원)", "(단위: 백만원, %)", "(2023.5.31.기준)", "(‘21.5월말 기준)", "소계", "합계", "계", "직접일자리", "간접일자리",
          "□ 사업개요", "○ 지원대상 :", "：", ":", "|", "||", "---", "△", "▲", "%", "명", "개", "억원", "천원", "’21", "’20", "증감")


def _number(rng: random.Random) -> str:
    kind = rng.random()
    if kind < 0.4:
        return f"{rng.randint(0, 10 ** rng.randint(1, 9)):,}"
    if kind < 0.7:
        return f"{rng.uniform(0, 200):.1f}"
    if kind < 0.8:
        return rng.choice(("-", "△1", "▲12", "0", "100%", "13,635명(100%)", "1,000천원", "9" * rng.randint(10, 40)))
    return str(rng.randint(0, 99))


def _hangul(rng: random.Random, n: int) -> str:
    return "".join(chr(rng.randint(0xAC00, 0xD7A3)) for _ in range(n))


def _line(rng: random.Random) -> str:
    parts = [rng.choice(_MARKERS)]
    for _ in range(rng.randint(0, 10)):
        r = rng.random()
        parts.append(_number(rng) if r < 0.3 else rng.choice(_WORDS) if r < 0.85 else _hangul(rng, rng.randint(1, 6)))
    sep = rng.choice((" ", " ", " ", "  ", "\t", " | "))
    return parts[0] + sep.join(parts[1:])


def _md_table(rng: random.Random, rows: int | None = None) -> list[str]:
    cols = rng.randint(1, 9)
    rows = rows if rows is not None else rng.randint(0, 12)
    head = "| " + " | ".join(rng.choice(_WORDS) for _ in range(cols)) + " |"
    out = [head]
    if rng.random() < 0.7:
        out.append("|" + "|".join(rng.choice(("---", ":--", "--:", ":-:", "-", "")) for _ in range(cols)) + "|")
    for _ in range(rows):
        n = max(0, cols + rng.randint(-2, 2))  # ragged rows
        cells = [rng.choice((_number(rng), rng.choice(_WORDS), "", "|", "\\|")) for _ in range(n)]
        out.append(rng.choice(("| ", "|", "")) + " | ".join(cells) + rng.choice((" |", "|", "")))
    return out


def _tab_table(rng: random.Random) -> list[str]:
    cols = rng.randint(2, 7)
    out = ["\t".join(rng.choice(_WORDS) for _ in range(cols))]
    for _ in range(rng.randint(1, 10)):
        out.append("\t".join(_number(rng) if c else rng.choice(_WORDS) for c in range(cols + rng.choice((0, 0, 0, -1, 1)))))
    return out


def _flat_table(rng: random.Random, rows: int) -> list[str]:
    """A table as the shipped (flattened PDF) text has it: header words, then rows of numbers."""
    out = [rng.choice(("구 분", "구분", "유형별", "단위사업명")), " ".join(rng.sample(("목표", "실적", "달성률(%)", "예산액", "집행액", "집행율(%)", "’20", "’21", "증감"), 4))]
    for i in range(rows):
        label = rng.choice(("직접일자리", "간접일자리", "직 업 훈 련", "총계", "소계", _hangul(rng, rng.randint(2, 8)))) + (str(i) if rng.random() < 0.3 else "")
        out.append(label + " " + " ".join(_number(rng) for _ in range(rng.randint(1, 7))))
    return out


def _structured(rng: random.Random) -> str:
    lines: list[str] = []
    for _ in range(rng.randint(1, 40)):
        r = rng.random()
        if r < 0.12:
            lines += _md_table(rng)
        elif r < 0.18:
            lines += _tab_table(rng)
        elif r < 0.26:
            lines += _flat_table(rng, rng.randint(1, 10))
        elif r < 0.3:
            lines.append("")
        else:
            lines.append(_line(rng))
    return rng.choice(("\n", "\n", "\r\n", "\r", "\n\n")).join(lines)


class Material:
    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.texts = [p.read_text(encoding="utf-8") for p in sorted(CORPUS_DIR.glob("*.txt"))]
        if not self.texts:
            self.texts = ["Ⅰ. 일반현황\n1 조직\n□ 사업개요\n○ 지원대상: 만 18세 이상\n구 분 목표 실적\n계 1,000 900\n"]

    def korean_slice(self, lo: int = 50, hi: int = 20_000) -> str:
        text = self.rng.choice(self.texts)
        n = self.rng.randint(lo, min(hi, len(text)))
        start = self.rng.randint(0, max(0, len(text) - n))
        return text[start : start + n]


_JAPANESE = "雇用対策の事業計画について、東京都は若者の就職支援を強化します。予算は約三億円、対象者は十八歳以上の都民です。"
_JAPANESE_KANA = "しごとセンターでは、キャリアカウンセリングやセミナーをおこないます。"


# ── generators ────────────────────────────────────────────────────────────────────────────────


def _mutate_bytes(rng: random.Random, data: bytes, rounds: int | None = None) -> bytes:
    buf = bytearray(data)
    for _ in range(rounds if rounds is not None else rng.randint(1, 12)):
        if not buf:
            buf += bytes([rng.randrange(256)])
            continue
        op = rng.random()
        i = rng.randrange(len(buf))
        if op < 0.3:
            buf[i] ^= 1 << rng.randrange(8)
        elif op < 0.45:
            buf[i : i + rng.randint(1, 64)] = b""
        elif op < 0.6:
            buf[i:i] = bytes(rng.randrange(256) for _ in range(rng.randint(1, 16)))
        elif op < 0.7:
            j = rng.randrange(len(buf))
            buf[i:i] = buf[j : j + rng.randint(1, 2048)]  # duplicate a chunk
        elif op < 0.78:
            buf[i:i] = rng.choice((b"\x00", b"\x07", b"\x0c", b"\x1b", b"\r", b"\r\n", b"\x0b", b"\x7f", b"\xef\xbb\xbf", b"\xe2\x80\x8b"))
        elif op < 0.86:
            del buf[i:]  # truncate (may split a multibyte character)
        else:
            buf[i] = rng.randrange(256)
    return bytes(buf)


def gen_random_bytes(m: Material) -> Case:
    rng = m.rng
    n = rng.choice((0, 1, 2, 3, rng.randint(4, 64), rng.randint(64, 4096), rng.randint(4096, 65536)))
    if rng.random() < 0.5:
        data = bytes(rng.randrange(256) for _ in range(n))
    else:  # high bytes only: what CP949 decoding accepts most readily
        data = bytes(rng.randint(0x81, 0xFE) for _ in range(n))
    return Case("random-bytes", rng.choice((".txt", ".md")), data)


def gen_mutated_corpus(m: Material) -> Case:
    data = m.korean_slice().encode("utf-8")
    return Case("mutated-corpus", m.rng.choice((".txt", ".txt", ".md")), _mutate_bytes(m.rng, data))


def gen_encoded(m: Material) -> Case:
    rng = m.rng
    enc = rng.choice(("utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "cp949", "euc-kr"))
    text = m.korean_slice() if rng.random() < 0.7 else _structured(rng)
    if enc == "euc-kr":
        # EUC-KR has the 2,350 KS X 1001 syllables only (Python would write the others as 8-byte jamo
        # sequences no Korean editor produces): keep what EUC-KR can hold.
        text = "".join(ch if not ("가" <= ch <= "힣") or len(ch.encode("euc-kr")) == 2 else "가" for ch in text)
    data = text.encode(enc, errors="replace")  # the few characters outside EUC-KR/CP949 become "?"
    if rng.random() < 0.3:
        data = data[: rng.randint(1, len(data))] if data else data  # truncated mid-character
    return Case(f"encoding-{enc}", rng.choice((".txt", ".md")), data, note=enc)


def gen_foreign(m: Material) -> Case:
    rng = m.rng
    enc = rng.choice(FOREIGN)
    if enc == "iso-2022-kr":
        text = m.korean_slice(50, 8000)
        data = text.encode("iso2022_kr", errors="replace")
    else:
        mix = rng.random()
        if mix < 0.4:
            text = "".join(rng.choice((_JAPANESE, _JAPANESE_KANA, "\n", "○ ", "1. ")) for _ in range(rng.randint(5, 200)))
        elif mix < 0.8:  # mostly ASCII/figures with a few Japanese words
            text = "\n".join(f"{_number(rng)} {rng.choice(_JAPANESE.split('、'))} {_number(rng)}" for _ in range(rng.randint(3, 80)))
        else:  # a Korean report's numbers and markers with Japanese words
            text = "\n".join(f"{rng.choice(_MARKERS)}{rng.choice(_JAPANESE.split('、'))} : {_number(rng)}" for _ in range(rng.randint(3, 80)))
        data = text.encode("shift_jis", errors="replace")
    return Case(f"foreign-{enc}", rng.choice((".txt", ".md")), data, must_refuse=True, note=enc)


def gen_structured(m: Material) -> Case:
    rng = m.rng
    text = _structured(rng)
    if rng.random() < 0.3:
        text = m.korean_slice(50, 3000) + "\n" + text
    return Case("structured", rng.choice((".txt", ".md", ".markdown")), text.encode("utf-8"))


def gen_long(m: Material) -> Case:
    rng = m.rng
    kinds = {"numbers-8k": 5, "hangul-16k": 5, "table-320k": 1, "md-table-320k": 2, "pipes-8k": 3, "one-line-corpus": 3}
    kind = rng.choices(list(kinds), list(kinds.values()))[0]  # the 320 KB sections are few: each costs seconds
    if kind == "numbers-8k":
        row = " ".join(_number(rng) for _ in range(4000))[:8192]
        text = "\n".join(("구 분 목표 실적 달성률", "직접일자리 " + row, "○ 지원대상: 만 18세 이상", row))
    elif kind == "hangul-16k":
        text = "□ 사업개요\n○ " + _hangul(rng, 16_000) + "\n" + ("가" * 16_000) + "\n○ 예산: 1,000천원"
    elif kind == "table-320k":
        lines = ["Ⅰ. 일반현황", "4 예 산 현 황", "(단위: 천원)"]
        while sum(len(x) + 1 for x in lines) < 320_000:
            lines += _flat_table(rng, 200)
        text = "\n".join(lines)
    elif kind == "md-table-320k":
        lines = ["# 예산현황", "(단위: 천원)"]
        while sum(len(x) + 1 for x in lines) < 320_000:
            lines += _md_table(rng, rows=500)
        text = "\n".join(lines)
    elif kind == "pipes-8k":
        text = "|" * 8192 + "\n" + "| " * 4096 + "\n" + "\t" * 8192
    else:
        text = m.rng.choice(m.texts).replace("\n", " ")
    suffix = ".md" if kind.startswith("md") else rng.choice((".txt", ".md"))
    return Case(f"long-{kind}", suffix, text.encode("utf-8"))


def gen_mixed(m: Material) -> Case:
    rng = m.rng
    parts = []
    for _ in range(rng.randint(2, 5)):
        enc = rng.choice(("utf-8", "cp949", "utf-16-le", "latin-1", "iso2022_kr", "shift_jis"))
        text = m.korean_slice(20, 2000) if enc not in ("shift_jis", "latin-1") else (_JAPANESE if enc == "shift_jis" else "café naïve")
        parts.append(text.encode(enc, errors="replace"))
    return Case("mixed-encodings", ".txt", b"\n".join(parts))


def gen_edge(m: Material) -> Case:
    rng = m.rng
    data = rng.choice((
        b"", b" ", b"\n" * 1000, b"\r" * 50, b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff", b"\xff\xfe\x00\x00",
        b"\t\t\t\n", b"|", b"||\n||", b"# \n## \n", "Ⅰ.".encode(), "①①".encode(), b"\x0c" * 10, "\u3000".encode() * 100,
        "□\n" .encode() * 500, "1.\n".encode() * 500, "| 구 분 |\n|---|\n".encode(), "(단위:".encode(), "\ufeff\ufeff가".encode(),
        "가\u200b나\u200c다\n".encode() * 20, "\ud7a3\uac00".encode(), b"\xed\xa0\x80",  # lone surrogate bytes
    ))
    return Case("edge", rng.choice((".txt", ".md")), data)


TEXT_GENERATORS = (
    (gen_random_bytes, 10), (gen_mutated_corpus, 25), (gen_encoded, 14), (gen_foreign, 8),
    (gen_structured, 30), (gen_long, 3), (gen_mixed, 5), (gen_edge, 5),
)


# ── binary inputs (kordoc) ──────────────────────────────────────────────────────────────────────


def binary_seeds(work: Path) -> list[Path]:
    seeds = []
    if SHARED_FIXTURES.is_dir():
        seeds += sorted(p for p in SHARED_FIXTURES.iterdir() if p.suffix in (".hwp", ".hwpx", ".pdf"))
    try:  # PDFs and HWPX with real tables, as the format tests make them
        from tests import fixture_docs as fx

        fx.write_hwpx(work / "seed-outline.hwpx", fx.OUTLINE_PAGES)
        fx.write_hwpx(work / "seed-seoul.hwpx", fx.seoul_pages())
        seeds += [work / "seed-outline.hwpx", work / "seed-seoul.hwpx"]
        font = fx.korean_font()
        if font is not None:
            fx.write_pdf(work / "seed-outline.pdf", fx.OUTLINE_PAGES, font)
            fx.write_pdf(work / "seed-seoul.pdf", fx.seoul_pages(), font)
            seeds += [work / "seed-outline.pdf", work / "seed-seoul.pdf"]
    except Exception as exc:  # fpdf2 / python-hwpx missing: fuzz the real files only
        print(f"(시험 PDF/HWPX를 만들지 못했습니다: {exc})", file=sys.stderr)
    return seeds


_SPAN = re.compile(rb'(rowSpan|colSpan)="(\d+)"')


def _xml_text(text: str) -> bytes:
    return text[:300].replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").encode("utf-8")


def _mutate_hwpx_xml(rng: random.Random, data: bytes) -> bytes:
    """Unzip, mutate the section XML (text, cell spans, removed elements), zip again."""
    try:
        zin = zipfile.ZipFile(io.BytesIO(data))
        entries = [(i, zin.read(i)) for i in zin.infolist()]
    except Exception:
        return _mutate_bytes(rng, data)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for info, body in entries:
            if info.filename.startswith("Contents/section") and rng.random() < 0.9:
                op = rng.random()
                if op < 0.35:
                    body = _SPAN.sub(lambda mm: mm.group(1) + b'="' + str(rng.choice((0, 1, 2, 7, 99, 5000, 100000))).encode() + b'"', body)
                elif op < 0.55:
                    body = re.sub(rb"<hp:t>([^<]*)</hp:t>", lambda mm: b"<hp:t>" + _xml_text(_structured(rng)) + b"</hp:t>", body, count=rng.randint(1, 50))
                elif op < 0.7:
                    cut = [mm.start() for mm in re.finditer(rb"<hp:(tc|tr|p|tbl)[ >]", body)]
                    if cut:
                        a = rng.choice(cut)
                        body = body[:a] + body[a + rng.randint(1, 400):]
                elif op < 0.8:
                    body = body.replace(b"<hp:tr>", b"<hp:tr>" * rng.randint(1, 3), rng.randint(1, 5))
                else:
                    body = _mutate_bytes(rng, body, rng.randint(1, 5))
            elif rng.random() < 0.03:
                body = _mutate_bytes(rng, body, 2)
            zout.writestr(info.filename, body)
    return out.getvalue()


def gen_binary(rng: random.Random, seeds: list[Path]) -> Case:
    seed = rng.choice(seeds)
    data = seed.read_bytes()
    op = rng.random()
    if seed.suffix == ".hwpx" and op < 0.5:
        data, how = _mutate_hwpx_xml(rng, data), "xml"
    elif op < 0.7:
        data, how = _mutate_bytes(rng, data, rng.randint(1, 30)), "bytes"
    elif op < 0.9:
        data, how = data[: rng.randint(0, len(data))], "truncated"
    else:
        data, how = data, "intact"
    return Case(f"binary-{seed.suffix.lstrip('.')}-{how}", seed.suffix, data, note=seed.name)


# ── running ───────────────────────────────────────────────────────────────────────────────────


class _Hang(BaseException):
    pass


def _alarm(signum, frame):  # pragma: no cover - only on a hang
    raise _Hang()


def _near_utf8(data: bytes, max_bad: int = 3) -> bool:
    """UTF-8 text of some length with only a few undecodable bytes."""
    if len(data) < 200:
        return False
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd")
    return 0 < bad <= max_bad and sum(1 for ch in text if "가" <= ch <= "힣") >= 20


def _signature(exc: BaseException) -> str:
    tb = traceback.extract_tb(exc.__traceback__)
    frames = [f for f in tb if "/work/" in f.filename or "site-packages" not in f.filename]
    last = frames[-1] if frames else (tb[-1] if tb else None)
    where = f"{Path(last.filename).name}:{last.lineno} {last.name}" if last else "?"
    return f"{type(exc).__name__} at {where}"


def process(path: Path) -> list[str]:
    """Read and derive; returns invariant violations. Raises whatever the code raises."""
    from eligibility.cards import build_cards
    from figures.extract import extract_facts
    from ingest.chunker import chunk_document
    from ingest.documents import load_document

    doc = load_document(path)
    problems = []
    if doc.pages and len(doc.pages) != len(doc.lines):
        problems.append(f"pages ({len(doc.pages)}) != lines ({len(doc.lines)})")
    chunks = chunk_document(doc)
    for c in chunks:
        if not (1 <= c.line_start <= c.line_end <= max(1, len(doc.lines))):
            problems.append(f"chunk lines {c.line_start}-{c.line_end} outside 1-{len(doc.lines)}")
            break
        if doc.format.paged and not c.page:
            problems.append("paged document chunk without page")
            break
    for section in doc.sections:
        for block in section.blocks:
            if block.table is not None:
                t = block.table
                if t.units and len(t.units) != len(t.columns):
                    problems.append(f"table units {len(t.units)} != columns {len(t.columns)}")
                if any(len(r.values) != len(t.columns) for r in t.rows):
                    problems.append("table row with a value count != columns")
    extract_facts([doc])
    build_cards([doc], {doc.doc_id: list(doc.sections)})
    return problems


def run_case(case: Case, work: Path, n: int, timeout: int = HARD_TIMEOUT_S) -> Outcome:
    from ingest.readers.errors import UnreadableDocument

    path = work / f"in{n}{case.suffix}"
    path.write_bytes(case.data)
    started = time.perf_counter()
    old = signal.signal(signal.SIGALRM, _alarm)
    signal.alarm(timeout)
    try:
        violations = process(path)
        status, detail, trace = "read", "", ""
    except UnreadableDocument as exc:
        status, detail, trace, violations = "refused", exc.kind.value, "", []
    except _Hang:
        status, detail, trace, violations = "hang", f"over {timeout}s", traceback.format_exc(), []
    except Exception as exc:  # noqa: BLE001 - counting crashes is the point
        status, detail, trace, violations = "crash", _signature(exc), traceback.format_exc(), []
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)
        path.unlink(missing_ok=True)
    return Outcome(case, time.perf_counter() - started, status, detail, trace, violations)


def _save(out_dir: Path, kind: str, outcome: Outcome, extra: str = "") -> Path:
    out_dir.mkdir(parents=True, exist_ok=True)
    digest = hashlib.sha256(outcome.case.data).hexdigest()[:12]
    path = out_dir / f"{kind}-{outcome.case.category}-{digest}{outcome.case.suffix}"
    path.write_bytes(outcome.case.data)
    info = [f"category: {outcome.case.category}", f"note: {outcome.case.note}", f"bytes: {len(outcome.case.data)}",
            f"seconds: {outcome.seconds:.3f}", f"status: {outcome.status} {outcome.detail}"]
    if outcome.violations:
        info.append("violations: " + "; ".join(outcome.violations))
    info.append("reproduce: PYTHONPATH=. .venv/bin/python -c \"from pathlib import Path; from eval.fuzz_readers import process; "
                f"print(process(Path('{path}')))\"")
    Path(str(path) + ".txt").write_text("\n".join(info) + "\n\n" + outcome.trace + extra, encoding="utf-8")
    return path


def _profile(path: Path, limit_s: int = PROFILE_LIMIT_S) -> str:
    """cProfile of one more run of a slow input, stopped after `limit_s` (a partial profile still
    shows where the time goes)."""
    prof = cProfile.Profile()
    old = signal.signal(signal.SIGALRM, _alarm)
    signal.alarm(limit_s)
    stopped = ""
    prof.enable()
    try:
        process(path)
    except _Hang:
        stopped = f" (stopped after {limit_s}s)"
    except BaseException:  # noqa: BLE001
        pass
    finally:
        prof.disable()
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)
    buf = io.StringIO()
    pstats.Stats(prof, stream=buf).sort_stats("tottime").print_stats(20)
    return f"\n--- cProfile{stopped}, by own time, top 20 ---\n" + buf.getvalue()


def fuzz(n: int, seed: int, binary: int, slow: float, repro: Path, progress: bool = True, timeout: int = HARD_TIMEOUT_S) -> dict:
    rng = random.Random(seed)
    material = Material(rng)
    work = Path(tempfile.mkdtemp(prefix="fuzz-readers-"))
    outcomes: list[Outcome] = []
    started = time.perf_counter()
    weights = [w for _, w in TEXT_GENERATORS]
    try:
        # Warm the lazy loads (tokenizers, Kiwi) so the first input is not charged for them.
        warm = work / "warm.txt"
        warm.write_text(material.texts[0][:3000], encoding="utf-8")
        process(warm)
        cases: list[Case] = [rng.choices(TEXT_GENERATORS, weights)[0][0](material) for _ in range(n)]
        from ingest.readers.node_runtime import node_status

        node = node_status()
        seeds = binary_seeds(work) if (binary and node.ok) else []
        cases += [gen_binary(rng, seeds) for _ in range(binary)] if seeds else []
        for i, case in enumerate(cases):
            outcomes.append(run_case(case, work, i, timeout))
            if progress and (i + 1) % (1000 if len(cases) > 2000 else 100) == 0:
                print(f"  … {i + 1}/{len(cases)} ({time.perf_counter() - started:.0f}s)", file=sys.stderr)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    total = time.perf_counter() - started

    if repro.exists():
        for old in repro.iterdir():
            if old.is_file() and old.name.split("-")[0] in ("crash", "slow", "hang", "accepted", "violation", "nearutf8"):
                old.unlink()
    saved: dict[str, list[str]] = defaultdict(list)
    crash_sigs: dict[str, list[Outcome]] = defaultdict(list)
    for o in outcomes:
        if o.status in ("crash", "hang"):
            crash_sigs[o.detail].append(o)
    for sig, group in crash_sigs.items():
        for o in sorted(group, key=lambda o: len(o.case.data))[:3]:  # the smallest reproducers
            saved["crash"].append(str(_save(repro, "crash" if o.status == "crash" else "hang", o)))
    slow_ones = sorted((o for o in outcomes if o.seconds > slow), key=lambda o: -o.seconds)
    profiled: set[str] = set()
    for o in slow_ones[:10]:
        path = _save(repro, "slow", o)
        if len(profiled) < PROFILED and o.case.category not in profiled:
            profiled.add(o.case.category)
            note = Path(str(path) + ".txt")
            note.write_text(note.read_text(encoding="utf-8") + _profile(path), encoding="utf-8")
        saved["slow"].append(str(path))
    accepted_foreign = [o for o in outcomes if o.case.must_refuse and o.status == "read"]
    for o in accepted_foreign[:10]:
        saved["accepted"].append(str(_save(repro, "accepted", o)))
    violating = [o for o in outcomes if o.violations]
    for o in violating[:10]:
        saved["violation"].append(str(_save(repro, "violation", o)))

    by_cat: dict[str, Counter] = defaultdict(Counter)
    for o in outcomes:
        by_cat[o.case.category][o.status] += 1
    foreign = {enc: Counter(o.status for o in outcomes if o.case.note == enc and o.case.must_refuse) for enc in FOREIGN}
    slowest = sorted(outcomes, key=lambda o: -o.seconds)[:10]
    # Text refused for its encoding although it is UTF-8 but for a few bytes (a cut last character,
    # one flipped byte): a whole report lost for one bad byte.
    near_utf8 = [o for o in outcomes if o.status == "refused" and o.detail == "encoding" and not o.case.must_refuse
                 and o.case.suffix in (".txt", ".md", ".markdown") and _near_utf8(o.case.data)]
    for o in sorted(near_utf8, key=lambda o: len(o.case.data))[:3]:
        saved["near-utf8"].append(str(_save(repro, "nearutf8", o)))
    text_outcomes = [o for o in outcomes if not o.case.category.startswith("binary")]
    bin_outcomes = [o for o in outcomes if o.case.category.startswith("binary")]
    return {
        "seed": seed,
        "inputs": len(outcomes),
        "text_inputs": len(text_outcomes),
        "kordoc_inputs": len(bin_outcomes),
        "read": sum(o.status == "read" for o in outcomes),
        "refused": sum(o.status == "refused" for o in outcomes),
        "refusal_kinds": dict(Counter(o.detail for o in outcomes if o.status == "refused")),
        "crashes": sum(o.status == "crash" for o in outcomes),
        "hangs": sum(o.status == "hang" for o in outcomes),
        "hang_timeout_s": timeout,
        "crash_signatures": {sig: len(g) for sig, g in crash_sigs.items()},
        "invariant_violations": len(violating),
        "violation_kinds": dict(Counter(v for o in violating for v in o.violations)),
        "foreign_encodings": {enc: {"inputs": sum(c.values()), "accepted": c.get("read", 0)} for enc, c in foreign.items()},
        "foreign_accepted": len(accepted_foreign),
        "near_utf8_refused": len(near_utf8),
        "max_seconds": round(max((o.seconds for o in outcomes), default=0.0), 3),
        "max_seconds_text": round(max((o.seconds for o in text_outcomes), default=0.0), 3),
        "max_seconds_kordoc": round(max((o.seconds for o in bin_outcomes), default=0.0), 3),
        "mean_seconds_text": round(sum(o.seconds for o in text_outcomes) / max(1, len(text_outcomes)), 4),
        "slow_inputs": len(slow_ones),
        "slow_threshold_s": slow,
        "slowest": [
            {"category": o.case.category, "suffix": o.case.suffix, "bytes": len(o.case.data), "seconds": round(o.seconds, 3), "status": o.status, "note": o.case.note}
            for o in slowest
        ],
        "by_category": {k: dict(v) for k, v in sorted(by_cat.items())},
        "reproducers": dict(saved),
        "total_seconds": round(total, 1),
    }


def render(summary: dict) -> str:
    s = summary
    lines = [
        f"리더 퍼징 (seed {s['seed']}): 입력 {s['inputs']:,}개 (텍스트 {s['text_inputs']:,}, kordoc {s['kordoc_inputs']:,}), {s['total_seconds']}초",
        f"  읽음 {s['read']:,} · 거부(UnreadableDocument) {s['refused']:,} {s['refusal_kinds']}",
        f"  충돌(crash) {s['crashes']} · 멈춤(hang) {s['hangs']} · 불변식 위반 {s['invariant_violations']}",
    ]
    for sig, count in s["crash_signatures"].items():
        lines.append(f"    - {sig}: {count}회")
    for v, count in s["violation_kinds"].items():
        lines.append(f"    - 위반: {v}: {count}회")
    fe = ", ".join(f"{enc} {d['accepted']}/{d['inputs']}" for enc, d in s["foreign_encodings"].items())
    lines.append(f"  거부해야 할 인코딩을 받아들인 수: {s['foreign_accepted']} ({fe})")
    lines.append(f"  몇 바이트만 깨진 UTF-8 텍스트를 통째로 거부한 수: {s['near_utf8_refused']}")
    lines.append(f"  입력당 최대 {s['max_seconds']}초 (텍스트 {s['max_seconds_text']}초, kordoc {s['max_seconds_kordoc']}초), 텍스트 평균 {s['mean_seconds_text']}초; {s['slow_threshold_s']}초 넘은 입력 {s['slow_inputs']}개")
    lines.append("  가장 느린 입력:")
    for o in s["slowest"]:
        lines.append(f"    {o['seconds']:>7.3f}s  {o['category']:<28} {o['suffix']:<9} {o['bytes']:>9,} B  {o['status']} {o['note']}")
    lines.append("  유형별: " + "; ".join(f"{k} {v}" for k, v in s["by_category"].items()))
    for kind, paths in s["reproducers"].items():
        lines.append(f"  재현 파일({kind}): {len(paths)}개 — {paths[0] if paths else ''}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m eval.fuzz_readers", description="리더·청크·사실·카드 퍼징")
    parser.add_argument("--n", type=int, default=10_000, help="텍스트 입력 수 (기본 10000)")
    parser.add_argument("--binary", type=int, default=200, help="kordoc으로 읽을 PDF/HWP/HWPX 변형 수 (기본 200)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--slow", type=float, default=2.0, help="느린 입력 기준(초)")
    parser.add_argument("--repro-dir", type=Path, default=DEFAULT_REPRO)
    parser.add_argument("--timeout", type=int, default=HARD_TIMEOUT_S, help="이 시간(초)을 넘긴 입력은 멈춤(hang)으로 셉니다")
    parser.add_argument("--json", action="store_true", help="요약을 JSON으로 출력")
    parser.add_argument("--quiet", action="store_true")
    args = parser.parse_args(argv)
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    faulthandler.register(signal.SIGUSR1)  # `kill -USR1 <pid>` prints where a long input is stuck
    summary = fuzz(args.n, args.seed, args.binary, args.slow, args.repro_dir, progress=not args.quiet, timeout=args.timeout)
    print(json.dumps(summary, ensure_ascii=False, indent=1) if args.json else render(summary))
    return 1 if summary["crashes"] or summary["hangs"] or summary["foreign_accepted"] else 0


if __name__ == "__main__":
    sys.exit(main())
