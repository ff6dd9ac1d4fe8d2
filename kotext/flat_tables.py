"""Rebuild flattened table rows as "label: column value unit, …" text.

PDF extraction leaves a table as header lines (`구 분 … 목표 실적 달성률(%)`) followed by rows
of a label plus numbers. Search and extractive answers need each number next to its column name
and unit, so a row like `직접일자리 15,067 13,364 88.7 …` becomes
`직접일자리: 목표 15,067개, 실적 13,364개, 달성률 88.7%, …`.
"""
from __future__ import annotations

import re
from functools import lru_cache
from dataclasses import dataclass

from kotext.numbers import NUM, unit_note
from kotext.text import join_spaced_syllables, squash_ws

_NUM_TOKEN = re.compile(rf"^(?:{NUM})$")
_NUM_FULL = re.compile(rf"(?:{NUM})")
_NUM_CHARS = set("△▲-0123456789,.%")
MAX_VALUE_CHARS = 40  # a table value ("△1,234,567.89%") is never longer; bounds the scan of a glued token


@dataclass(frozen=True)
class RowMatch:
    """A flattened table row: a label followed by at least two numbers ("직접일자리 15,067 13,364 88.7")."""

    label: str
    values: str

    def group(self, name: str) -> str:
        return {"label": self.label, "values": self.values}[name]


ROW_CACHE_SIZE = 65536  # distinct lines remembered; a 400 KB table section has ~20,000 lines


@lru_cache(maxsize=ROW_CACHE_SIZE)
def match_row(text: str) -> RowMatch | None:
    """Linear-time equivalent of `^(?P<label>.*?)\\s*(?P<values>(?:NUM\\s+)+NUM)\\s*$`: the regex
    backtracks quadratically on long number lines (an 8 KB row took 42 s of ingest). Cached: ingest's
    blocks, the figures' tables and sentences all ask about the same lines."""
    toks = [(m.start(), m.group()) for m in re.finditer(r"\S+", text)]
    i = len(toks)
    while i > 0 and _NUM_FULL.fullmatch(toks[i - 1][1]):
        i -= 1
    count = len(toks) - i
    values_start = toks[i][0] if count else len(text)
    if i > 0:  # the label's last token may end in a number glued to it ("계1,234")
        start, tok = toks[i - 1]
        run = 0
        while run < len(tok) and run < MAX_VALUE_CHARS and tok[len(tok) - 1 - run] in _NUM_CHARS:
            run += 1
        for j in range(len(tok) - run, len(tok)):
            if j > 0 and _NUM_FULL.fullmatch(tok[j:]):
                values_start, count = start + j, count + 1
                break
    if count < 2:
        return None
    return RowMatch(text[:values_start].rstrip(), text[values_start:].rstrip())


class _RowPattern:
    """`_ROW.match(text)` call sites keep working on the linear matcher."""

    @staticmethod
    def match(text: str) -> RowMatch | None:
        return match_row(text)


_ROW = _RowPattern()
_UNIT_IN_TOKEN = re.compile(r"\(([^()]*?)\)$")
_BULLET_START = re.compile(r"^[○□■◦•·‣▸▶➡⇒⇨→－−\-※❖✜*<〈]")
_LABEL_COLUMNS = {"구분", "유형별", "단위사업명", "연번", "기간", "사업명", "지원대상자", "차수", "직위", "근무유형"}
_UNITS = ("%", "개", "명", "건", "억원", "백만원", "천원", "원", "개소", "개사", "팀", "회", "가구")


@dataclass(frozen=True)
class TableRow:
    lineno: int
    label: str
    columns: tuple[str, ...]
    values: tuple[str, ...]
    units: tuple[str, ...]
    # Column-group name per column ("일자리 수" over "’20 ’21 증감"), empty when the header has none.
    groups: tuple[str, ...] = ()
    # Per column, the breakdown printed right after the value ("(시 58,800, 구비 410,780)"), "" when none:
    # a question about one share of an amount (시비 of 예산액) is answered from the cell that states it.
    notes: tuple[str, ...] = ()

    def render(self) -> str:
        cells = []
        notes = self.notes or ("",) * len(self.values)
        for col, val, unit, note in zip(self.columns, self.values, self.units, notes):
            shown = val if (not unit or val == "-" or val.endswith(unit) or val.endswith("%")) else f"{val}{unit}"
            cells.append((f"{col} {shown}" if col else shown) + note)
        head = f"{self.label}: " if self.label else ""
        return head + ", ".join(cells)


# Column words that spaced-out headers run together ("예 산 액 집 행 액" → "예산액집행액").
_COLUMN_WORDS = re.compile(r"예산액|집행액|집행률|집행율|달성률|목표|실적|예산|집행|증감|구분")


def _split_run_together(token: str) -> list[str]:
    parts = _COLUMN_WORDS.findall(token)
    if len(parts) >= 2 and "".join(parts) == re.sub(r"\(.*\)$", "", token):
        return parts[:-1] + [parts[-1] + token[len("".join(parts)):]]
    return [token]


@lru_cache(maxsize=ROW_CACHE_SIZE)
def _header_tokens_cached(line: str) -> tuple[str, ...]:
    return tuple(_header_tokens_uncached(line))


def _header_tokens(line: str) -> list[str]:
    """Column names of a header line (cached: a long table asks for the same lines again and again)."""
    return list(_header_tokens_cached(line))


def _header_tokens_uncached(line: str) -> list[str]:
    tokens: list[str] = []
    for tok in squash_ws(join_spaced_syllables(line)).split(" "):
        tokens += _split_run_together(tok)
    # "(5.31.기준)" is an as-of note, not a column.
    tokens = [t for t in tokens if not re.fullmatch(r"\(.*\)", t)]
    merged: list[str] = []
    for tok in tokens:
        # "일자리 수(개)" is one column name split by a space.
        if merged and re.match(r"^[가-힣]\(", tok):
            merged[-1] += tok
        else:
            merged.append(tok)
    return [t for t in merged if t]


def _split_unit(token: str) -> tuple[str, str]:
    m = _UNIT_IN_TOKEN.search(token)
    if m and any(m.group(1).strip().endswith(u) for u in _UNITS):
        return token[: m.start()].strip(), m.group(1).strip()
    return token, ""


def section_unit(lines: list[str]) -> str:
    for line in lines:
        if unit := unit_note(line):
            return unit
    return ""


def _is_header_candidate(text: str) -> bool:
    return bool(text) and len(text) <= 80 and not _BULLET_START.match(text) and not _ROW.match(text)


def _drop_label_columns(tokens: list[str]) -> list[str]:
    """Drop the row-label header ("구분"), also when spacing split it ("구 분", "지원 대상자")."""
    while tokens:
        for n in (1, 2, 3):
            if "".join(tokens[:n]).replace(" ", "") in _LABEL_COLUMNS:
                tokens = tokens[n:]
                break
        else:
            return tokens
    return tokens


def _group_of_columns(names: list[str], n_groups: int) -> list[int] | None:
    """Which group each column belongs to: equal shares, or (uneven groups such as
    "’20 ’21 증감 | ’20 ’21") a new group wherever the first column name comes round again."""
    k = len(names)
    if k % n_groups == 0:
        per = k // n_groups
        return [idx // per for idx in range(k)]
    starts = [idx for idx, name in enumerate(names) if name == names[0]]
    if len(starts) != n_groups:
        return None
    return [sum(1 for s in starts if s <= idx) - 1 for idx in range(k)]


def _columns_for(header_lines: list[str], k: int) -> tuple[list[str], list[str], list[str]] | None:
    """Column names, units and group names for k values, from the header lines nearest the row."""
    found = _columns_cached(tuple(header_lines), k)
    return None if found is None else (list(found[0]), list(found[1]), list(found[2]))


@lru_cache(maxsize=ROW_CACHE_SIZE)
def _columns_cached(header_lines: tuple[str, ...], k: int) -> tuple[tuple[str, ...], ...] | None:
    """Cached: a long table asks again for the same header lines at every change of row width."""
    found = _columns_uncached(list(header_lines), k)
    return None if found is None else tuple(tuple(part) for part in found)


def _columns_uncached(header_lines: list[str], k: int) -> tuple[list[str], list[str], list[str]] | None:
    for take in range(1, len(header_lines) + 1):
        tokens: list[str] = []
        for line in header_lines[-take:]:
            tokens += _header_tokens(line)
        tokens = _drop_label_columns(tokens)
        if len(tokens) == k:
            names, units = zip(*(_split_unit(t) for t in tokens))
            units_l = list(units)
            group_names = [""] * k
            # A group line above ("일자리 수(개) 예산(억원)") lends its unit to its columns.
            above = header_lines[-take - 1] if take < len(header_lines) else ""
            groups = [_split_unit(t) for t in _drop_label_columns(_header_tokens(above))] if above else []
            member = _group_of_columns(list(names), len(groups)) if groups else None
            if member is not None:
                for idx in range(k):
                    group_names[idx] = groups[member[idx]][0]
                    if not units_l[idx]:
                        units_l[idx] = groups[member[idx]][1]
            return list(names), units_l, group_names
    return None


def rebuild_rows(body: list[tuple[int, str]], default_unit: str = "") -> dict[int, TableRow]:
    """Map line number → rebuilt row for every table row whose header could be matched."""
    rows: dict[int, TableRow] = {}
    header: list[str] = []
    pending_label: list[str] = []
    columns: tuple[list[str], list[str], list[str]] | None = None
    for lineno, text in body:
        m = _ROW.match(text)
        values = m.group("values").split() if m else []
        if m and len(values) >= 2:
            label = squash_ws(join_spaced_syllables(m.group("label")))
            if not label and pending_label:
                label = squash_ws(" ".join(pending_label))
            k = len(values)
            if columns is None or len(columns[0]) != k:
                columns = _columns_for(header[-3:], k)
            if columns is not None:
                names, units, group_names = columns
                units = [u or ("%" if "률" in n or "율" in n else default_unit) for n, u in zip(names, units)]
                groups = tuple(group_names) if any(group_names) else ()
                rows[lineno] = TableRow(lineno, label, tuple(names), tuple(values), tuple(units), groups)
            pending_label = []
            continue
        if _is_header_candidate(text):
            if columns is not None and len(text) <= 30:
                pending_label.append(text)  # a wrapped row label inside a table
            else:
                header.append(text)
                columns = None
        else:
            header, columns, pending_label = [], None, []
    return rows


_OUTSIDE_PARENS_NUM = re.compile(rf"(?<![\w(,.])({NUM})(?![\w,.])")


def _values_with_notes(joined: str) -> tuple[list[str], list[str]]:
    """Numbers outside parentheses, each with the parenthesised text printed right after it."""
    values: list[str] = []
    notes: list[str] = []
    parts = re.split(r"(\([^()]*\))", joined)
    for i, part in enumerate(parts):
        if i % 2:  # a parenthesised group: the note of the value just before it
            if values and not notes[-1] and _ends_with_value(parts[i - 1]):
                notes[-1] = "(" + squash_ws(part[1:-1]).strip(" ,") + ")"
            continue
        found = [m.group(1) for m in _OUTSIDE_PARENS_NUM.finditer(part)]
        values += found
        notes += [""] * len(found)
    return values, notes


def _ends_with_value(text: str) -> bool:
    tail = text.rstrip()
    return bool(tail) and bool(_OUTSIDE_PARENS_NUM.search(tail[-MAX_VALUE_CHARS:])) and tail[-1] in _NUM_CHARS


def rebuild_vertical(body: list[tuple[int, str]], default_unit: str = "") -> dict[int, TableRow]:
    """Tables whose cells arrive one per line, e.g. `예 산 액 집 행 액 집행률(%)` then
    `207,151` / `(시 4,000 , 구비 203,151)` / `73,039` / `(…) 35.2`: collect the numbers that are
    not inside a parenthesised breakdown until every column has one."""
    rows: dict[int, TableRow] = {}
    for idx, (lineno, text) in enumerate(body):
        # A header here is only column words, so its text holds at least two: checking that first
        # skips tokenising every other line of a long section.
        if len(_COLUMN_WORDS.findall(text.replace(" ", ""))) < 2:
            continue
        tokens = _header_tokens(text)
        if len(tokens) < 2 or not all(_COLUMN_WORDS.fullmatch(_split_unit(t)[0]) for t in tokens):
            continue
        following = [t for _, t in body[idx + 1 : idx + 9]]
        if following and (m := _ROW.match(following[0])) and len(m.group("values").split()) >= 2:
            continue  # an ordinary horizontal table
        # Breakdowns in parentheses may span lines: they are not cell values, but the note of the
        # value they follow.
        values, notes = _values_with_notes(" ".join(following))
        values, notes = values[: len(tokens)], notes[: len(tokens)]
        if len(values) == len(tokens):
            names, units = zip(*(_split_unit(t) for t in tokens))
            units = tuple(u or ("%" if "률" in n or "율" in n else default_unit) for n, u in zip(names, units))
            rows[lineno] = TableRow(lineno, "", tuple(names), tuple(values), units, notes=tuple(notes))
    return rows
