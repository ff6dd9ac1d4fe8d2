"""The answer text: each chosen item trimmed to what was asked (a table row's asked cells, the counted
figure), with its as-of date and citation numbers, within the answer's length."""
from __future__ import annotations

import re
from functools import lru_cache

from assistant.evidence import BULLET, ROW_LIKE, Evidence
from kotext.numbers import age_band_spellings
from kotext.text import markdown_plain
from questions.analysis import VALUE_PATTERNS, QuestionAnalysis
from reports.chunks import Chunk

MAX_ANSWER_CHARS = 280
_ASOF = re.compile(r"[(（]\s*([’‘']?\d{2,4}[.\s]*\d{0,2}\.?\s*\d{0,2}\.?\s*월?\s*말?\s*(?:현재|기준))\s*[)）]")


def _clean(text: str) -> str:
    return re.sub(r"\s+", " ", BULLET.sub("", markdown_plain(text))).strip()


_CELL_SPLIT = re.compile(r",\s(?![^()]*\))")  # cells of a rebuilt row; a breakdown note "(시 58,800, 구비 …)" stays whole
_CELL = re.compile(r"^\S[^()]*?\s[△▲-]?\d[\d,]*(?:\.\d+)?\s*[가-힣%]{0,4}(?:\([^()]*\))?$")  # "column value[unit][(note)]"
CELL_ROW_MIN = 3  # a row of at least this many "column value" cells is a table row, not a "label: value" item


def pick_cells(q: QuestionAnalysis, text: str) -> str:
    """From a rebuilt row "label: col v, col v", keep the cells whose column the question names: a metric
    (long rows only, where several metrics share it) or a column word the row's label does not hold
    ("40대" → the "40~49세" cell)."""
    if not ROW_LIKE.match(text):
        return text
    label, _, rest = text.partition(":")
    cells = [c.strip() for c in _CELL_SPLIT.split(rest)]
    if len(cells) < CELL_ROW_MIN or not all(_CELL.match(c) for c in cells):
        return text  # prose with commas ("총 82개 사업(직접 18, 간접 64)을 통해 …"), not a rebuilt row
    norm = lambda c: re.sub(r"\s+", "", c).replace("집행율", "집행률")
    wanted = [c for c in cells if any(m in norm(c) for m in q.metrics)] if len(text) > 110 else []
    if not wanted:
        squashed_label = re.sub(r"\s+", "", label)
        words = [a for t in q.terms if t not in squashed_label and not t.isdigit()
                 for a in (t, *age_band_spellings(t)) if len(a) >= 2]
        wanted = [c for c in cells if any(w in norm(re.split(r"\s(?=[△▲-]?\d)", c)[0]) for w in words)]
        if len(wanted) == len(cells):
            wanted = []  # every column matches: nothing singled out
    return f"{label.strip()}: {', '.join(wanted)}" if wanted else text


# The counter a "몇 곳/몇 팀/몇 명" question asks in, and the units a report writes that count in.
_ASKED_COUNTER = re.compile(r"몇\s*(개소|개사|가구|곳|팀|명|회|건|호|개(?!월))(?:\s*([가-힣]{2,}?)(?=이|은|는|가|을|를|야|예|요|\s|,|\?|$))?")
COUNTER_UNITS = {"곳": "개소|곳", "개소": "개소|곳", "개사": "개사|개", "가구": "가구|세대", "명": "명|인", "개": "개(?!월)"}


def asked_counter_units(text: str) -> tuple[str, ...]:
    """The units that count in the first counter the question asks in: "몇 곳" → ("개소", "곳"), "몇 명" →
    ("명", "인"); () when it asks in none."""
    m = _ASKED_COUNTER.search(text)
    return tuple(u.partition("(")[0] for u in COUNTER_UNITS.get(m.group(1), m.group(1)).split("|")) if m else ()


def counter_pattern(q: QuestionAnalysis) -> re.Pattern[str] | None:
    """"몇 곳" → a number in 개소/곳; "몇 개 시장, 몇 개 사업" → "48개 시장" or "61개 사업" (the counted noun
    when the question names one of its terms right after the counter)."""
    return _counter_pattern_of(q.text, q.terms)


@lru_cache(maxsize=256)  # asked for every scored item of a question: build it once per question
def _counter_pattern_of(text: str, terms: tuple[str, ...]) -> re.Pattern[str] | None:
    alts = []
    for m in _ASKED_COUNTER.finditer(text):
        units = COUNTER_UNITS.get(m.group(1), m.group(1))
        noun = m.group(2) if m.group(2) in terms else ""
        alts.append(rf"(?:{units})\s*{re.escape(noun)}" if noun else rf"(?:{units})")
    return re.compile(rf"\d[\d,]*\s*(?:{'|'.join(dict.fromkeys(alts))})") if alts else None


def _trim(q: QuestionAnalysis, text: str, limit: int) -> str:
    """A long item cut to `limit` characters where it answers: like a search snippet, the window (starting
    at a word) that holds a value of the asked kind and the most of the question's words, each weighted by its
    squared length (a long word names one thing: 국민연금 outweighs 급여 and 비율 together). A budget row
    whose 산출내역 cell lists 건강보험료 … 국민연금 … 산재보험료 is shown at the one asked; the earliest such
    window on a tie."""
    if len(text) <= limit:
        return text
    counter = counter_pattern(q)
    patterns = [p for kind in q.kinds
                if (p := (counter if kind == "count" and counter and counter.search(text) else None) or VALUE_PATTERNS.get(kind))]
    words = _question_words(q)
    best, best_key = 0, None
    for start in [0, *(m.end() for m in re.finditer(r"[^가-힣A-Za-z0-9.,%()]+", text[: len(text) - limit // 2]))]:
        window = text[start : start + limit]
        head = window[: limit * 3 // 4]  # a word in the last quarter leaves no room for what it says
        covered = sum(len(w) ** 2 for w in words if w in head)
        key = (any(p.search(window) for p in patterns), covered, -start)
        if best_key is None or key > best_key:
            best, best_key = start, key
    return ("…" if best else "") + text[best : best + limit].strip() + "…"


_PARTICLE_END = re.compile(r"(?:이랑|랑|하고|과|와|은|는|이|가|을|를|의|도|에서|에|으로|로|만)$")


def _question_words(q: QuestionAnalysis) -> set[str]:
    """The question's terms and its written words without their particles ("산재보험료는" → 산재보험료)."""
    written = {_PARTICLE_END.sub("", w) for w in re.findall(r"[가-힣A-Za-z0-9]+", q.text)}
    return {w for w in (*q.terms, *written) if len(w) >= 2}


def _as_of(chunk: Chunk, text: str) -> str:
    m = _ASOF.search(chunk.section) or _ASOF.search(chunk.text)
    if m and m.group(1).replace(" ", "") not in text.replace(" ", ""):
        return f" ({m.group(1).strip()})"
    return ""


def cited_chunks(chosen: list[Evidence], support: dict[int, Chunk]) -> list[Chunk]:
    """Every chunk an answer cites, numbered by first use: each item's own chunk, then the
    passage that states the same figures again (support), item by item."""
    out: dict[str, Chunk] = {}
    for i, ev in enumerate(chosen):
        out.setdefault(ev.chunk.id, ev.chunk)
        if i in support:
            out.setdefault(support[i].id, support[i])
    return list(out.values())


_KEY_NUMBER = re.compile(r"\d[\d,.]*\d|\d{2,}")


def corroborating(chosen: list[Evidence], hits: list[Chunk], limit: int = 4) -> dict[int, Chunk]:
    """A fact often appears twice (a meeting summary and the office's own section): cite the
    other passage too when it states every figure of the item (or every word of a short
    figure-less statement), so the reader can check either."""
    support: dict[int, Chunk] = {}
    used = {ev.chunk.id for ev in chosen}
    for i, ev in enumerate(chosen):
        value = ev.text.split(":", 1)[-1]  # what the item states, without its label
        keys = [k.replace(",", "") for k in _KEY_NUMBER.findall(value)]
        if not keys:
            words = re.findall(r"[가-힣]{2,}", value)
            keys = words if 2 <= len(words) <= 6 else []  # a short statement, every word of it
        if not keys:
            continue
        for chunk in hits:
            if len(used) >= limit:
                return support
            if chunk.id in used:
                continue
            squashed = re.sub(r"[\s,]+", "", chunk.text)
            if all(k in squashed for k in keys):
                support[i] = chunk
                used.add(chunk.id)
                break
    return support


def compose(q: QuestionAnalysis, chosen: list[Evidence], support: dict[int, Chunk] | None = None) -> str:
    support = support or {}
    numbers = {c.id: n for n, c in enumerate(cited_chunks(chosen, support), start=1)}
    per_item = MAX_ANSWER_CHARS // max(1, len(chosen)) - 12
    lines = []
    for i, ev in enumerate(chosen):
        marks = f"[{numbers[ev.chunk.id]}]" + (f"[{numbers[support[i].id]}]" if i in support else "")
        body = _trim(q, pick_cells(q, _clean(ev.text)), per_item)
        subject = ev.chunk.program or ev.chunk.meeting or ev.chunk.office
        if subject and ev.chunk.team:
            subject = f"{subject}({ev.chunk.team})"
        if subject and subject.replace(" ", "")[:6] not in body.replace(" ", "") and len(body) + len(subject) < per_item:
            body = f"{subject} — {body}"
        lines.append(f"{body}{_as_of(ev.chunk, body)} {marks}")
    if len(lines) == 1:
        return lines[0]
    return "\n".join(f"- {line}" for line in lines)
