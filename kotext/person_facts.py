"""Numbers people say about themselves in Korean: ages in native words ("마흔다섯", "쉰다섯 살"),
school years ("고3"), money amounts ("2억 5천만원", "1억 5천"), years of work ("25년 일했어요").

Each finder returns the span it read, so a caller can tell the facts from the rest of the sentence.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

_TENS = {"열": 10, "스무": 20, "스물": 20, "서른": 30, "마흔": 40, "쉰": 50, "예순": 60, "일흔": 70, "여든": 80, "아흔": 90}
# Units before 살 take their short form ("한 살", "두 살"); said alone they are the long one ("마흔둘").
_UNITS_SHORT = {"한": 1, "두": 2, "세": 3, "네": 4}
_UNITS = {"하나": 1, "둘": 2, "셋": 3, "넷": 4, "다섯": 5, "여섯": 6, "일곱": 7, "여덟": 8, "아홉": 9}
_NATIVE = re.compile(
    rf"(?<![가-힣])({'|'.join(_TENS)})\s*(?:({'|'.join(_UNITS)})|({'|'.join(_UNITS_SHORT)})(?=\s*살))?"
    r"(?=\s*살|\s*(?:이고|이에요|이예요|예요|에요|입니다|인데|이며|이라|이지만|,|\.|\s|$))"
)
# "고3" = the final year of high school: 만 17~18세 in the year of asking. "중2" = 만 13~14세.
_SCHOOL = re.compile(r"(?<![가-힣])(고|중)\s*([123])(?!\d)|(고등학생|중학생|고교생)")
_SCHOOL_AGE = {"고": 15, "중": 12}  # 만 age at the start of year 1 (고1 ≈ 15~16, 중1 ≈ 12~13)
_MONEY_UNIT = {"억": 100_000_000, "천만": 10_000_000, "백만": 1_000_000, "만": 10_000, "천": 1_000}
_AMOUNT = re.compile(r"(\d[\d,]*(?:\.\d+)?)\s*(억|천만|백만|만|천)?")
_EXPERIENCE = re.compile(
    r"경력(?:은|이)?\s*(?:한\s*)?(\d{1,2})\s*년|(\d{1,2})\s*년\s*(?:동안|간|넘게|정도|가까이)?\s*(?:일했|근무했|다녔|근무|일한)"
)


@dataclass(frozen=True)
class Found:
    start: int
    end: int
    low: int
    high: int


def native_age(text: str) -> Found | None:
    """'마흔다섯이고' → 45, '스물다섯 살' → 25, '열일곱 살' → 17; a bare '열' or '세' is not an age."""
    for m in _NATIVE.finditer(text):
        tens = _TENS[m.group(1)]
        unit = _UNITS.get(m.group(2) or "", 0) or _UNITS_SHORT.get(m.group(3) or "", 0)
        said_sal = bool(re.match(r"\s*살", text[m.end():]))
        if tens == 10 and not unit:
            continue  # "열" alone: a word, not an age
        if not unit and not said_sal and m.group(1) in ("스무",):
            continue
        if not said_sal and not unit and tens < 40:
            continue  # "서른" alone is usually an age, but "열"/"스물" are words too often: ask for 살
        return Found(m.start(), m.end(), tens + unit, tens + unit)
    return None


def school_age(text: str) -> Found | None:
    """'고3' → 17~18, '중학생' → 12~15, '고등학생' → 15~18."""
    m = _SCHOOL.search(text)
    if not m:
        return None
    if m.group(3):
        lo = 12 if m.group(3) == "중학생" else 15
        return Found(m.start(), m.end(), lo, lo + 3)
    base = _SCHOOL_AGE[m.group(1)] + int(m.group(2)) - 1
    return Found(m.start(), m.end(), base, base + 1)


def amount_won(text: str) -> int | None:
    """'2억 5천만원' → 250,000,000; '1억 5천' → 150,000,000 (천 after 억 means 천만); '5천만원' → 50,000,000."""
    total, seen_eok = 0, False
    for m in _AMOUNT.finditer(text):
        number = float(m.group(1).replace(",", ""))
        unit = m.group(2)
        if unit is None:
            if total:
                break
            return int(number) if number >= 10_000 else None
        if unit == "천" and seen_eok:
            unit = "천만"
        seen_eok = seen_eok or unit == "억"
        total += int(number * _MONEY_UNIT[unit])
    return total or None


def experience_years(text: str) -> Found | None:
    """'회사에서 25년 일했어요' → 25, '경력은 1년 조금 넘고' → 1; '퇴직한 지 2년' is not experience."""
    for m in _EXPERIENCE.finditer(text):
        if re.search(r"(?:한|된)\s*지\s*$", text[max(0, m.start() - 5) : m.start()]):
            continue
        n = int(m.group(1) or m.group(2))
        return Found(m.start(), m.end(), n, n)
    return None
