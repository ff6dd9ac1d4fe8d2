"""Dates as the reports print them: as-of notes (‘21.5월말 기준, (5.31.기준), 2023.5.31.기준, ’21.6월 현재)
and report years. The one place for these patterns: readers, figures and the answerer use them."""
from __future__ import annotations

import calendar
import re
from dataclasses import dataclass

_Q = "[‘’'`´]"
_PATTERNS = (
    # 2023.5.31.기준 / 2023. 5. 31. 기준
    re.compile(r"(?P<y4>20\d\d)\.\s*(?P<m>\d{1,2})\.\s*(?P<d>\d{1,2})\.?\s*(?P<w>기준|현재)"),
    # ’21.5.31기준
    re.compile(rf"{_Q}\s*(?P<y2>\d\d)\.\s*(?P<m>\d{{1,2}})\.\s*(?P<d>\d{{1,2}})\.?\s*(?P<w>기준|현재)"),
    # ‘21.5월말 기준 / ’21.6월 현재 / ’21.5월 기준
    re.compile(rf"{_Q}\s*(?P<y2>\d\d)\.\s*(?P<m>\d{{1,2}})\s*월\s*(?P<end>말)?\s*(?P<w>기준|현재)"),
    # (5.31.기준): the year comes from the document
    re.compile(r"(?<![\d.])(?P<m>\d{1,2})\.\s*(?P<d>\d{1,2})\.?\s*(?P<w>기준|현재)"),
)


# An as-of note anywhere in a table's caption or header ("(2023.5.31. 기준)", "’21. 5월말 현재"): its span.
AS_OF_SPAN = re.compile(r"[’‘'(]?\s*\d{2,4}\s*[.\s년]\s*\d{1,2}\s*[.\s월]?\s*(?:\d{1,2}\s*\.?\s*(?:일)?)?\s*(?:말|누계|누적)?\s*(?:기준|현재)")
# A full date, day included: "2026년 3월 23일", "2026. 3. 23.", "2026.05.29" (a letterhead's or signature's date;
# a header cell never holds one).
FULL_DATE = re.compile(r"(?:19|20)\d{2}\s*년\s*\d{1,2}\s*월\s*\d{1,2}\s*일|(?:19|20)\d{2}\s*\.\s*\d{1,2}\s*\.\s*\d{1,2}\.?")
# A line that is only an as-of note ("(2023.5.31.기준)", "※ ’21.5월말 기준").
AS_OF_LINE = re.compile(r"^\(?\s*(?:※\s*)?[’‘']?\d[\d.\s]*(?:월말?)?\s*(?:기준|현재)\s*\)?$")
_YEAR_IN_NAME = re.compile(r"(20\d\d)")


@dataclass(frozen=True)
class AsOf:
    iso: str  # "2021-05-31" or "2021-05"
    text: str  # as printed, without brackets ("’21.5월말 기준")


def find_as_of(text: str, doc_year: int | None = None) -> AsOf | None:
    for pattern in _PATTERNS:
        m = pattern.search(text)
        if not m:
            continue
        g = m.groupdict()
        year = int(g["y4"]) if g.get("y4") else 2000 + int(g["y2"]) if g.get("y2") else doc_year
        if not year:
            continue
        month = int(g["m"])
        if not 1 <= month <= 12:
            continue
        if g.get("d"):
            day = int(g["d"])
            iso = f"{year:04d}-{month:02d}-{day:02d}"
        elif g.get("end"):
            iso = f"{year:04d}-{month:02d}-{calendar.monthrange(year, month)[1]:02d}"
        else:
            iso = f"{year:04d}-{month:02d}"
        text = m.group(0).strip()
        if not (g.get("y4") or g.get("y2")):
            text = f"{year}.{text}"  # "(5.31.기준)" is read with the report's year
        return AsOf(iso, text)
    return None


def doc_year(doc_id: str, lines: tuple[str, ...] | list[str]) -> int | None:
    """The report's year: from its file name, else the most frequent 20xx in its text."""
    if (year := year_in_name(doc_id)) is not None:
        return year
    counts: dict[int, int] = {}
    for line in lines:
        for y in re.findall(r"(?<!\d)(20\d\d)(?!\d)", line):
            counts[int(y)] = counts.get(int(y), 0) + 1
    return max(counts, key=counts.get) if counts else None  # type: ignore[arg-type]


def year_in_name(name: str) -> int | None:
    """The first 20xx in a file name or document id ("…-report-2023" → 2023)."""
    m = _YEAR_IN_NAME.search(name)
    return int(m.group(1)) if m else None
