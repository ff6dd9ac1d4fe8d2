"""A share the document does not print, from the part and the whole it does: "협동조합 상담 4,797건 중
전화상담 비중은 몇 %예요?" over "상담지원 : 총 4,797건 (전화상담(4,600건), …)", "JOB 포유에 등록한 사람 중 몇 %가
채용됐어요?" over "4회 개최, 88명 등록, 26명 채용".

The whole is the number the question states ("4,797건 중"), else the value of the line labelled as a
total (총, 계, 합계, 전체) or by the question's word for it ("등록한 사람 중"); the part is the value whose
label the question names. Both come from one line of the best-retrieved passages, in one unit, and the
answer says it is computed, with the arithmetic.
"""
from __future__ import annotations

import re

from kotext.numbers import format_number, parse_number, stated_total
from kotext.text import josa, no_ws
from questions.analysis import QuestionAnalysis
from questions.contract import SpecialistAnswer
from assistant.passage_values import PassageValue, passage_values
from assistant.superlative import asked_extreme

# A share is asked: "몇 %", "비중", "비율", "차지하는", "몇 퍼센트가"
_ASKS_SHARE = re.compile(r"몇\s*(?:%|퍼센트|프로)|비중|비율|차지하")
# The whole the question names by a word: "등록한 사람 중", "신청자 가운데", "전체에서", "총 건수에서"
_WHOLE_WORD = re.compile(r"([가-힣]{2,})(?:한|된|했던)?\s*(?:사람|인원|건수|건|명)?\s*(?:중|가운데|에서)(?![가-힣])")
# "3,493명(25.6%)": the share is printed right after the value
_PRINTED_SHARE = re.compile(r"\s*[(（]\s*\d+(?:\.\d+)?\s*%")
_TOTAL = re.compile(r"(?:^|\s)(?:총|계|합계|전체|총계)\s*[:：]?\s*$|^(?:총|계|합계|전체|총계)\b")
HITS_READ = 4  # the best-retrieved passages only
LINES_TOGETHER = 3  # the whole's line and its breakdown lines below
RATE_DECIMALS = 1  # a computed share is shown to one decimal, as the reports print rates


def _head(line: str) -> str:
    """The words before a line's colon ("- 시설관리 분야: …" → "시설관리 분야")."""
    return re.split(r"[:：]", re.sub(r"^[\s\-－○□◦•·ㆍ*]+", "", line), maxsplit=1)[0].strip()


def _named_head(line: str, q: str) -> bool:
    """The line's head ("- 시설관리 분야: …") is named by the question."""
    return bool(re.search(r"[:：]", line)) and any(len(w) >= 2 and w in q for w in re.findall(r"[가-힣]{2,}", _head(line))[:2])


def _named(v: PassageValue, q: str) -> bool:
    label = no_ws(v.label)
    return len(label) >= 2 and (label in q or any(len(w) >= 2 and w in label for w in re.findall(r"[가-힣]{2,}", q)))


def _euro(word: str) -> str:
    """'으로/로' after a word: 로 after a vowel or ㄹ ("26명으로", "3개로", "1일로")."""
    last = word[-1:]
    if "가" <= last <= "힣":
        final = (ord(last) - 0xAC00) % 28
        return "로" if final in (0, 8) else "으로"
    return "로" if last in "2459" else "으로"


# One budget source's execution rate: "구비만 보면 집행률이 몇 %예요?" over "예산액 412,000천원(국 200,500, 구비 211,500),
# 집행액 311,100천원(국 200,500, 구 110,600)": the source's 집행액 over its 예산액.
_ASKS_EXECUTION = re.compile(r"집행률|집행율|몇\s*(?:%|퍼센트|프로)\s*(?:나\s*)?(?:집행|썼|쓰였|사용)")
_SOURCES = {"국비": ("국비", "국"), "시비": ("시비", "시"), "구비": ("구비", "구"), "도비": ("도비", "도")}
_BUDGET_ROW = re.compile(r"예산액?\s*[\d,]+\s*[천백만억]*원?\s*\(([^)]*)\).*?집행액?\s*[\d,]+\s*[천백만억]*원?\s*\(([^)]*)\)")


def _source_amount(breakdown: str, names: tuple[str, ...]) -> float | None:
    for part in re.split(r",\s*(?=[가-힣])", breakdown):  # "국 200,500, 구비 211,500": a comma before a name
        m = re.match(r"([가-힣]+)\s*([\d,]+)", part.strip())
        if m and m.group(1) in names:
            return parse_number(m.group(2))
    return None


class ShareOfWhole:
    name = "share_of_whole"

    def try_answer(self, question: str, analysis: QuestionAnalysis, hits: list, scope=None) -> SpecialistAnswer | None:
        if (source := next((k for k in _SOURCES if k in question), None)) and _ASKS_EXECUTION.search(question):
            if answered := self._source_rate(source, hits):
                return answered
        if not _ASKS_SHARE.search(question) or asked_extreme(question) is not None:
            return None  # "가장 큰 비중은?" ranks shares: not one share
        q = no_ws(question)
        stated = stated_total(question)
        whole_word = m.group(1) if (m := _WHOLE_WORD.search(question)) else ""
        for hit in hits[:HITS_READ]:
            lines = [x for x in hit.chunk.text.splitlines() if x.strip()]
            values_of = [passage_values(line) for line in lines]  # each line read once, whatever window it is in
            for i in range(len(lines)):
                # the whole's line and the next ones: "○ … 총 4,797건" / "－ 전화상담(4,600건), …"
                window = [(line, v) for line, vs in zip(lines[i:i + LINES_TOGETHER], values_of[i:i + LINES_TOGETHER]) for v in vs]
                if len(window) < 2 or any(v.unit == "%" and _named(v, q) for _, v in window):
                    continue  # the passage prints the asked share itself: the generic answer reads it
                whole = self._whole([v for _, v in window], stated, whole_word)
                if whole is None or whole is not next((v for line, v in window if line == lines[i] and v is whole), None):
                    continue  # the window starts at the line of the whole
                same = [(line, v) for line, v in window if v is not whole and v.unit == whole.unit and v.number < whole.number
                        and not _PRINTED_SHARE.match(line[line.find(v.printed) + len(v.printed):] if v.printed in line else "")
                        and (not whole_word or whole_word not in no_ws(v.label))]
                # a value the question names by its label, else by its line's head ("- 시설관리 분야: … 104명")
                parts = {v.number: (v, v.label) for _, v in same if _named(v, q)} \
                    or {v.number: (v, _head(line)) for line, v in same if _named_head(line, q)}
                if len(parts) != 1 or whole.number <= 0:
                    continue
                part, label = next(iter(parts.values()))
                return self._answer(part, label, whole, hit.chunk, question)
        return None

    @staticmethod
    def _source_rate(source: str, hits: list) -> SpecialistAnswer | None:
        """The execution rate of one budget source from a row that breaks both amounts down by source."""
        for hit in hits[:HITS_READ]:
            # a flattened table's row is rebuilt in the passage's items ("예산액 …(…), 집행액 …(…)")
            for line in [t for _, _, t in hit.chunk.items] + hit.chunk.text.splitlines():
                if not (m := _BUDGET_ROW.search(line)):
                    continue
                budget, spent = (_source_amount(m.group(i), _SOURCES[source]) for i in (1, 2))
                if not budget or spent is None:
                    continue
                share = 100.0 * spent / budget
                shown = f"{format_number(share, RATE_DECIMALS)}%"
                head = (f"{source}만 보면 예산 {format_number(budget)} 중 {format_number(spent)}{josa(format_number(spent), '을/를')} 집행해 집행률은 {shown}입니다"
                        f"(보고서의 두 값으로 계산한 값, 단위는 표와 같음). [1]\n계산: {format_number(spent)} ÷ {format_number(budget)} × 100 = {shown}")
                calculation = {"operation": "ratio", "result": round(share, RATE_DECIMALS), "operands": [
                    {"label": f"{source} 집행액", "value": spent, "raw": format_number(spent), "citation": 1},
                    {"label": f"{source} 예산액", "value": budget, "raw": format_number(budget), "citation": 1}]}
                return SpecialistAnswer(head, [hit.chunk], abstained=False, extra={"calculation": calculation})
        return None

    @staticmethod
    def _whole(values: list[PassageValue], stated: float | None, whole_word: str) -> PassageValue | None:
        if stated is not None:
            return next((v for v in values if v.number == stated), None)
        totals = [v for v in values if _TOTAL.search(v.before.strip())]
        if len(totals) == 1:
            return totals[0]
        if whole_word:
            named = [v for v in values if whole_word in no_ws(v.label) or no_ws(v.label) in whole_word and len(v.label) >= 2]
            if len(named) == 1:
                return named[0]
        return None

    @staticmethod
    def _answer(part: PassageValue, label: str, whole: PassageValue, chunk, question: str) -> SpecialistAnswer:
        share = 100.0 * part.number / whole.number
        shown = f"{format_number(share, RATE_DECIMALS)}%"
        part_name = next((w for w in re.findall(r"[가-힣]{2,}", label) if w in no_ws(question)), label.strip())
        whole_name = "전체" if _TOTAL.search(whole.before.strip()) else (whole.label.strip() or "전체")
        head = (f"{part_name}{josa(part_name, '은/는')} {whole_name} {whole.printed} 중 {part.printed}{_euro(part.printed)} {shown}입니다"
                f"(보고서의 두 값으로 계산한 값). [1]\n계산: {part.printed} ÷ {whole.printed} × 100 = {shown}")
        calculation = {"operation": "ratio", "result": round(share, RATE_DECIMALS), "operands": [
            {"label": part_name, "value": part.number, "raw": part.printed, "citation": 1},
            {"label": whole_name, "value": whole.number, "raw": whole.printed, "citation": 1}]}
        return SpecialistAnswer(head, [chunk], abstained=False, extra={"calculation": calculation})

