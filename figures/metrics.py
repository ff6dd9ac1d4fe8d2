"""Metric vocabulary shared by extraction (column/key → metric) and questions (words → metric)."""
from __future__ import annotations

import re
from functools import lru_cache

METRICS = (
    "목표", "실적", "달성률", "예산액", "집행액", "집행률", "증감", "일자리 수", "사업 수", "인원", "개소",
    "시급", "이용자 수", "만족도", "취업률", "고용률", "지원액", "건수", "개수", "금액", "비율",
)

# Column headers and sentence keys, squashed (no spaces) and without their "(단위)".
_COLUMN_RULES: tuple[tuple[str, str], ...] = (
    (r"달성[률율]", "달성률"),
    (r"집행[률율]", "집행률"),
    (r"취업[률율]", "취업률"),
    (r"고용[률율]", "고용률"),
    (r"만족도", "만족도"),
    (r"집행액|^집행$", "집행액"),
    (r"예산액|^예산|소요예산|사업예산|사업비", "예산액"),
    (r"목표", "목표"),
    (r"실적|^\d{1,2}월$|창출수|지원수|연계인원|취업인원|선발인원", "실적"),
    (r"증감", "증감"),
    (r"일자리사업수|^사업수$", "사업 수"),
    (r"일자리수", "일자리 수"),
    (r"이용자수", "이용자 수"),
    (r"인원|정원|모집규모", "인원"),
    (r"지원액", "지원액"),
    (r"건수", "건수"),
    (r"시급", "시급"),
    (r"개소|조성현황", "개소"),
)
_BY_UNIT = {"명": "인원", "개": "개수", "개소": "개소", "개사": "개수", "건": "건수", "원": "금액", "%": "비율"}


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


_COMPILED_COLUMN_RULES = tuple((re.compile(pattern), metric) for pattern, metric in _COLUMN_RULES)
_TRAILING_PAREN = re.compile(r"\([^)]*\)$")


@lru_cache(maxsize=65536)
def metric_for(name: str) -> str | None:
    """Canonical metric for a column header or sentence key, None when the words say nothing.
    Cached: a long table asks for the same few column names once per cell."""
    n = _TRAILING_PAREN.sub("", squash(name))
    for pattern, metric in _COMPILED_COLUMN_RULES:
        if pattern.search(n):
            return metric
    return None


def metric_by_unit(unit: str) -> str:
    return _BY_UNIT.get(unit, "개수")


# Question words → metric. Order matters: rates before the amounts their words contain.
_QUESTION_RULES: tuple[tuple[str, str], ...] = (
    (r"달성\s*[률율]|달성\s*비율|목표\s*대비|달성도", "달성률"),
    (r"집행\s*[률율]|집행\s*비율|소진\s*[률율]|몇\s*(?:%|퍼센트|프로)\s*(?:나\s*|를\s*|정도\s*)?(?:썼|쓴|사용|집행|소진)", "집행률"),
    (r"취업\s*[률율]", "취업률"),
    (r"만족도", "만족도"),
    (r"집행\s*액|집행\s*금액|집행(?:한|된|됐던)\s*(?:금액|돈|예산|액수|건|것)|얼마\s*(?:나\s*)?(?:집행|썼|사용)"
     r"|몇\s*(?:억|천만|백만|만)\s*(?:원)?\s*(?:을|를|이나|나)?\s*(?:썼|쓴|사용|집행)", "집행액"),
    (r"예산(?!\s*(?:전체\s*|의\s*)?집행)|사업비|소요\s*예산", "예산액"),
    (r"목표\s*인원|목표(?!\s*대비)", "목표"),
    (r"사업\s*(?:은|이|의)?\s*(?:총\s*)?몇\s*개|사업\s*수|사업\s*개수", "사업 수"),
    (r"선발\s*인원", "실적"),
    # "목표 인원보다 실제 지원 인원이": what was actually reached is the result, against the target
    (r"실제\s*(?:로\s*)?(?:지원|참여|선발|배치|취업|발굴|창출|제공)?\s*(?:된|한|받은)?\s*(?:[가-힣]+\s+){0,2}?(?:인원|사람|수)|실적\s*인원", "실적"),
    (r"지원\s*인원|참여\s*인원|인원", "인원"),
    (r"실적|창출\s*수|몇\s*개\s*(?:만들|창출)", "실적"),
    (r"시급|시간당|최저\s*시급|생활\s*임금", "시급"),
    (r"이용자\s*수|이용자(?=\s*(?:가|는|를|몇))", "이용자 수"),
    (r"일자리\s*수", "일자리 수"),
    (r"증감|대비\s*(?:얼마나?|몇\s*\S*)?\s*(?:변했|변화|늘었|줄었|증가|감소)", "증감"),
)


def question_metrics(question: str) -> list[str]:
    """Metrics a question names, in order of appearance, without duplicates."""
    return [metric for _, metric in metric_mentions(question)]


_PART_OF = re.compile(r"\s*(?:중|가운데|에서|의)\s")


def _without_wholes(question: str, found: list[tuple[int, str]], ends: dict[int, int]) -> list[tuple[int, str]]:
    """"예산 중 5월말까지 집행된 금액": the first metric is the whole a part of it is asked from."""
    out = []
    for i, (at, metric) in enumerate(found):
        nxt = found[i + 1] if i + 1 < len(found) else None
        between = question[ends.get(at, at) : nxt[0]] if nxt else ""
        if nxt and nxt[1] != metric and len(between) <= 16 and _PART_OF.match(between) and not re.search(r"[과와랑]\s|하고|및", between):
            continue
        out.append((at, metric))
    return out


# A metric written with its value is what the asker already knows ("예산이 1,216억원으로 나오던데, 실제로 집행된
#건 몇 억원이야?", "예산 52억원 중 몇 억을 썼고"): the question asks the other metrics.
_GIVEN_VALUE = re.compile(r"\s*(?:액|이|가|은|는|을|를)?\s*(?:총\s*)?\d[\d,]*(?:\.\d+)?\s*(?:조|억|천만|백만|만|천)?\s*(?:원|개|명|%)")


def _without_given(question: str, found: list[tuple[int, str]], ends: dict[int, int]) -> list[tuple[int, str]]:
    given = [(at, metric) for at, metric in found if _GIVEN_VALUE.match(question, ends.get(at, at))]
    rest = [(at, metric) for at, metric in found if (at, metric) not in given]
    return rest if rest and given else found


def metric_mentions(question: str) -> list[tuple[int, str]]:
    """(position, metric) of each metric a question names, first mention only."""
    found: list[tuple[int, str]] = []
    taken: list[tuple[int, int]] = []
    for pattern, metric in _QUESTION_RULES:
        for m in re.finditer(pattern, question):
            if any(a < m.end() and m.start() < b for a, b in taken):
                continue  # "예산 집행률": the words belong to the rate already
            taken.append((m.start(), m.end()))
            found.append((m.start(), metric))
    if any(metric == "증감" for _, metric in found):
        # "간접일자리 수는 ’20년 대비 얼마나 변했나?": the change is asked, not the level
        found = [(at, metric) for at, metric in found if metric in ("증감", "달성률", "집행률")]
    if m := re.search(r"얼마(?:나)?\s*집행", question):
        found.append((m.start() + 1, "집행률"))  # "얼마나 집행됐어?": the amount and the rate
    found = _without_wholes(question, sorted(found), dict(taken))
    found = _without_given(question, found, dict(taken))
    out: list[tuple[int, str]] = []
    for at, metric in sorted(found):
        if metric not in [m for _, m in out]:
            out.append((at, metric))
    return out
