"""Korean numbers and money: parse printed figures (1,234.5 / △806 / 2조 1,576억원 / 3억5천만),
normalise units (amounts → 원) and format results for Korean readers.

The one place for these rules: figures, eligibility, the grounding guard and the readers all use it."""
from __future__ import annotations

import re

MONEY_FACTORS: dict[str, float] = {"원": 1.0, "천원": 1e3, "만원": 1e4, "백만원": 1e6, "억원": 1e8, "조원": 1e12}
# Count units stay as printed: 개 (jobs, programs) and 명 (people) are not interchangeable.
COUNT_UNITS = ("개소", "개사", "가구", "개", "명", "건", "팀", "회", "호", "곳")
MONEY_UNITS = tuple(sorted(MONEY_FACTORS, key=len, reverse=True))

NUMBER = r"[△▲-]?\d[\d,]*(?:\.\d+)?"
# A table value token: a number (△ or - for negatives, optional %), or "-" for no value.
NUM = r"[△▲-]?\d[\d,]*(?:\.\d+)?%?|-"
# A cell of a table with real cells that holds a figure (possibly with a short unit: "1,234명",
# "88.7%", "△5"), "-" or nothing: what tells value columns from row-header columns.
_NUMERIC_CELL = re.compile(r"^[△▲▽\-+]?\s*[\d,]+(?:\.\d+)?\s*(?:%|[가-힣]{0,3})?$|^-$|^$")
# Korean multipliers as written after a number ("5천명", "3억", "1조"), in won or units.
MULTIPLIERS: dict[str, int] = {
    "조": 10**12, "억": 10**8, "천만": 10**7, "백만": 10**6, "십만": 10**5, "만": 10**4, "천": 10**3, "백": 10**2,
}
# "2조 1,576억원" / "3,983억원" / "15,050백만원" / "10,710원"
AMOUNT = rf"(?:\d[\d,]*\s*조\s*(?:\d[\d,]*\s*억\s*원|원)|{NUMBER}\s*(?:억\s*원|백만\s*원|천\s*원|만\s*원|원))"
_AMOUNT_RE = re.compile(rf"^(?:(?P<jo>\d[\d,]*)\s*조\s*)?(?P<num>{NUMBER})?\s*(?P<unit>억\s*원|백만\s*원|천\s*원|만\s*원|원)$")


def parse_number(text: str) -> float | None:
    """'1,234.5' → 1234.5; '△806' and '-806' → -806; '-' (no value) → None."""
    t = text.strip().replace(",", "")
    neg = t[:1] in ("△", "-")
    t = t.lstrip("△▲-").rstrip("%")
    if not t:
        return None
    try:
        v = float(t)
    except ValueError:
        return None
    return -v if neg else v


def decimals_of(text: str) -> int:
    m = re.search(r"\.(\d+)", text)
    return len(m.group(1)) if m else 0


def is_money(unit: str) -> bool:
    return unit.replace(" ", "") in MONEY_FACTORS


def normalise(value: float, unit: str) -> tuple[float, str]:
    """Value in its base unit: amounts in 원, everything else unchanged."""
    u = unit.replace(" ", "")
    if u in MONEY_FACTORS:
        return value * MONEY_FACTORS[u], "원"
    return value, u


def parse_amount(text: str) -> tuple[float, str] | None:
    """'2조 1,576억원' → (2.1576e12, '억원'): value in 원 and the printed unit (for display)."""
    m = _AMOUNT_RE.match(text.strip())
    if not m or (not m.group("jo") and not m.group("num")):
        return None
    unit = m.group("unit").replace(" ", "")
    num = parse_number(m.group("num")) if m.group("num") else 0.0
    if num is None:
        return None
    total = num * MONEY_FACTORS[unit]
    if m.group("jo"):
        total += float(m.group("jo").replace(",", "")) * 1e12
    return total, unit


def compatible(units: list[str]) -> bool:
    """Arithmetic needs one base unit (amounts were already converted to 원)."""
    return len(set(units)) <= 1


def format_number(value: float, decimals: int = 0) -> str:
    text = f"{value:,.{decimals}f}"
    return text


def format_won(won: float, like: str = "") -> str:
    """An amount in 원 shown in the printed unit `like` (e.g. 억원), else in the largest natural unit."""
    unit = like if like in MONEY_FACTORS else ("억원" if abs(won) >= 1e8 else "백만원" if abs(won) >= 1e6 else "원")
    v = won / MONEY_FACTORS[unit]
    decimals = 0 if abs(v - round(v)) < 1e-9 else (1 if abs(v * 10 - round(v * 10)) < 1e-6 else 2)
    return f"{format_number(v, decimals)}{unit}"


def korean_won(won: float) -> str:
    """'1조 2,132억원', '71억 1,395만원': large amounts in the units Korean readers count in."""
    sign = "-" if won < 0 else ""
    won = abs(won)
    if won < 1e8:
        return f"{sign}{format_number(won)}원"
    jo, rest = divmod(round(won / 1e4), 10**8)  # in 만원
    eok, man = divmod(rest, 10**4)
    parts = []
    if jo:
        parts.append(f"{int(jo)}조")
    if eok:
        parts.append(f"{format_number(eok)}억")
    if man and not jo:
        parts.append(f"{format_number(man)}만")
    return sign + " ".join(parts) + "원"


def format_value(value: float, unit: str, like: str = "", decimals: int = 0) -> str:
    """A value in its base unit, shown the way the report prints such values."""
    if unit == "원":
        return format_won(value, like)
    if unit == "%p":
        return f"{format_number(value, decimals)}%p"
    return f"{format_number(value, decimals)}{unit}"


def is_numeric_cell(text: str) -> bool:
    """'1,234', '88.7%', '△5', '12명', '-' or '' (spaces ignored): a value cell, not a label."""
    return bool(_NUMERIC_CELL.match(text.replace(" ", "")))


def won_of(number: str, multiplier: str | None) -> int:
    """'3.5', '억' → 350,000,000; no multiplier → the number itself."""
    return int(float(number.replace(",", "")) * (MULTIPLIERS[multiplier] if multiplier else 1))


_SPOKEN_MONEY = re.compile(r"(\d+(?:\.\d+)?)(억|천만|백만|만)")


def parse_korean_money(text: str) -> int | None:
    """'4억', '3억5천만', '250000000', '5,000만원' → won; None when no amount can be read."""
    t = re.sub(r"[\s,원]", "", text)
    if t.isdigit():
        return int(t)
    total = sum(int(float(num) * MULTIPLIERS[unit]) for num, unit in _SPOKEN_MONEY.findall(t))
    return total or None


# "(단위: 천원)", "(단위 : 명)", "(단위：백만원, %)": the unit note of a table.
_UNIT_NOTE = re.compile(r"\(\s*단위\s*[:：]?\s*([^)]+?)\s*\)")


def unit_note(text: str) -> str:
    """The unit a "(단위: …)" note in `text` gives the table's figures, "" when there is none. A note
    naming several units ("천원, %") gives the first that is not a rate: rate columns ("집행률",
    "달성률(%)") take % from their own names."""
    m = _UNIT_NOTE.search(text)
    if not m:
        return ""
    units = [u.strip() for u in re.split(r"[,，/·ㆍ]", m.group(1)) if u.strip()]
    return next((u for u in units if u != "%"), units[0] if units else "")


_AGE_DECADE = re.compile(r"^([1-9])0대$")


def age_band_spellings(term: str) -> tuple[str, ...]:
    """'40대' → how tables print that age band: '40~49세', '40∼49세', '40-49세', '40～49세'; () otherwise."""
    m = _AGE_DECADE.match(term)
    if not m:
        return ()
    lo, hi = f"{m.group(1)}0", f"{m.group(1)}9"
    return tuple(f"{lo}{sep}{hi}세" for sep in ("~", "∼", "-", "～"))


# "25개 중 가장 많은 유형", "19개 팀 중", "목표 49명 중": the whole a question picks the extreme from.
_STATED_TOTAL = re.compile(r"(\d[\d,]*)\s*(?:개소|개사|개|명|곳|팀|건)\s*(?:[가-힣]{1,4}\s*)?(?:중에서|중에|중)(?![가-힣])"
                           r"|총\s*(\d[\d,]*)\s*(?:개소|개사|개|명|곳|팀|건)")


def stated_total(question: str) -> float | None:
    """The count a question says its set adds up to ("지원기업 25개 중", "총 25개를" → 25), or None."""
    m = _STATED_TOTAL.search(question)
    return parse_number(m.group(1) or m.group(2)) if m else None
