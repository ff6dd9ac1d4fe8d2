"""The figures specialist: answers comparisons, sums, differences and exactly-identified single
figures from the facts, showing the operation and citing every operand; declines everything else."""
from __future__ import annotations

import re
from pathlib import Path

from questions.analysis import BASIS_QUESTION, INTERROGATIVE_WORDS, QuestionAnalysis, interrogative_kinds
from questions.contract import SpecialistAnswer
from questions.figure_table import FigureRow, FigureTable, RowRole
from figures.facts import Fact
from figures.index import FactIndex
from figures.intent import EntityVocabulary, parse_intent
from figures.metrics import metric_for
from figures.query import OPERATIONS, Calculation
from kotext.numbers import korean_won
from kotext.text import josa, no_ws
from figures.resolve import Resolution, resolve
from figures.store import load_current_facts
from reports.chunks import Chunk
from retrieval.hybrid import SearchFilters

MAX_CHARS = 299
_NOT_FIGURES = {"date", "place", "person", "target", "age"}
_WHY = re.compile(r"왜|이유|원인|때문|어떻게\s*(?:하|했|추진|운영)")
# "…는 무엇을 기준으로 센 숫자인가요?": the basis written beside a figure, not the figure again.
# A share of an amount (국비/시비/구비 …): table facts hold the totals; the split sits in the item text.
_AMOUNT_PART = re.compile(r"국비|시비|구비|도비|군비|자부담|[국시구]\s*비율")
_RATE_METRICS = {"달성률", "집행률", "취업률", "고용률", "만족도", "비율"}
_MONEY_METRICS = {"예산액", "집행액", "지원액", "금액", "시급"}


def entity_name(f: Fact, with_meeting: bool = False, with_period: bool = True) -> str:
    name = f"서울시 {f.subject}" if f.scope == "city_type" else f.subject
    if with_meeting and f.meeting:
        name = f"{f.meeting.replace('회의', ' 회의')} 보고 {name}"
    if not with_period or not f.period:
        return name
    if not f.period.startswith("20"):
        name = f"{name}({f.period})"
    elif f.period:
        name = f"{name}(’{f.period[2:]})"
    return name


def shown(f: Fact) -> str:
    """The figure as printed, with 천원/백만원 amounts also in 억/만원 so readers need not convert."""
    if f.unit == "원" and f.value >= 1e8 and not f.raw.endswith(("억원", "조원")):
        return f"{f.raw}({korean_won(f.value)})"
    return f.raw


def metric_label(metric: str, facts: list[Fact]) -> str:
    """The report's own word when all figures share it ("선발인원" rather than the canonical "실적")."""
    columns = {f.column.split(" ")[-1] for f in facts}
    word = columns.pop() if len(columns) == 1 else ""
    if word and word != metric and len(word) <= 6 and metric_for(word) == metric and word.replace("율", "률") != metric:
        return word
    return metric


def _when(facts: list[Fact]) -> str:
    texts = sorted({f.as_of_text for f in facts if f.as_of_text})
    meetings = sorted({f.meeting for f in facts if f.meeting})
    parts = []
    if len(texts) == 1:
        parts.append(texts[0])
    if len(meetings) == 1:
        parts.append(f"{meetings[0].replace('회의', ' 회의')} 보고")
    return f" ({', '.join(parts)})" if parts else ""


def _adjective(metric: str, op: str) -> str:
    high = op == "max"
    if metric in _RATE_METRICS:
        return "높은" if high else "낮은"
    if metric in _MONEY_METRICS:
        return "큰" if high else "작은"
    return "많은" if high else "적은"


def chunks_by_doc(chunks: dict[str, Chunk]) -> dict[str, list[Chunk]]:
    by_doc: dict[str, list[Chunk]] = {}
    for c in chunks.values():
        by_doc.setdefault(c.doc_id, []).append(c)
    return by_doc


class _Citations:
    """Evidence chunks in order of first use; each fact cites the chunk covering its source line."""

    def __init__(self, chunks: dict[str, Chunk], by_doc: dict[str, list[Chunk]] | None = None) -> None:
        if by_doc is None:
            by_doc = chunks_by_doc(chunks)
        self.by_doc = by_doc
        self.evidence: list[Chunk] = []
        self.numbers: dict[str, int] = {}

    def chunk_for(self, f: Fact) -> Chunk | None:
        cands = [c for c in self.by_doc.get(f.doc_id, []) if c.line_start <= f.line_start <= c.line_end]
        if not cands:
            return None
        return min(cands, key=lambda c: (c.line_end < f.line_end, c.section != f.section, c.line_end - c.line_start))

    def cite(self, f: Fact) -> str:
        if f.id not in self.numbers:
            chunk = self.chunk_for(f)
            if chunk is None:
                raise LookupError(f.id)
            if chunk not in self.evidence:
                self.evidence.append(chunk)
            self.numbers[f.id] = self.evidence.index(chunk) + 1
        return f"[{self.numbers[f.id]}]"


def _fit(head: str, lines: list[str], fallback: str) -> str:
    text = "\n".join([head, *lines])
    if len(text) <= MAX_CHARS:
        return text
    text = "\n".join([head, fallback])
    return text if len(text) <= MAX_CHARS else head[:MAX_CHARS]


def _short(name: str, limit: int = 14) -> str:
    return name if len(name) <= limit else name[: limit - 1] + "…"


def render_calculation(
    calc: Calculation, dimension: str, cite: _Citations, dimension_named: bool = False, aside: tuple[str, ...] = ()
) -> tuple[str, FigureTable]:
    """The answer text and the same figures as table rows (the table stands in for the "계산:"
    listing of a comparison; a sum's or difference's arithmetic stays in the text)."""
    ops = calc.operands
    refs = {f.id: cite.cite(f) for f in ops}
    by_meeting = len({f.meeting for f in ops}) > 1  # the same subject from two meetings: name the meeting
    by_period = len({f.period for f in ops}) > 1 and all(f.period for f in ops)  # years compared
    name_of = {f.id: entity_name(f, by_meeting, by_period) for f in ops}
    over_years = by_period and len({f.subject for f in ops}) == 1
    if over_years:  # one program over its year columns: the years are what is compared
        name_of = {f.id: f"’{f.period[2:]}년" for f in ops}
    when = _when(ops)
    listing = [f"{name_of[f.id]} {f.raw} {refs[f.id]}" for f in ops]
    compact = [f"{_short(name_of[f.id])} {f.raw} {refs[f.id]}" for f in ops]
    all_refs = " ".join(dict.fromkeys(refs.values()))
    metric = metric_label(calc.metric, ops)
    if calc.operation in ("max", "min"):
        w = calc.winner
        assert w is not None
        noun = "해" if over_years else {"실국": "곳", "단위사업": "사업", "사업": "사업", "유형": "유형"}.get(dimension, "곳")
        scope = f"{ops[0].subject}의 " if over_years else f"{dimension}별 " if dimension else ""
        head = f"{scope}{metric} 중 가장 {_adjective(metric, calc.operation)} {noun}{josa(noun, '은/는')} {name_of[w.id]}({w.raw})입니다{when}."
        if aside:  # "일반형 다음으로 많은": say what was set aside, the ranking is of the rest
            named = "·".join(aside)
            head = f"{named}{josa(named, '을/를')} 빼면 {head}"
        if len(ops) == 2 and not dimension_named:  # "A와 B 중 더 큰": say it as a pair
            a, b = ops
            pair = f"{name_of[a.id]}{josa(name_of[a.id], '과/와')} {name_of[b.id]}"
            head = f"{pair} 중 {metric}{josa(metric, '이/가')} 더 {_adjective(metric, calc.operation)} 쪽은 {name_of[w.id]}({w.raw})입니다{when}."
        label = OPERATIONS[calc.operation]
        lines = [f"계산: {label}({', '.join(listing)})"]
        fallback = f"계산: {label}({', '.join(compact)})"
        if len(head) + len(fallback) > MAX_CHARS:
            fallback = f"계산: {len(ops)}개 값의 {label} {refs[w.id]} (비교 대상 {all_refs})"
    elif calc.operation == "diff":
        a, b = ops
        result = calc.result or 0.0
        gap = calc.result_text().lstrip("-")
        more = "높습니다" if metric in _RATE_METRICS else "많습니다" if metric not in _MONEY_METRICS else "큽니다"
        less = "낮습니다" if metric in _RATE_METRICS else "적습니다" if metric not in _MONEY_METRICS else "작습니다"
        na, nb = name_of[a.id], name_of[b.id]
        if over_years:
            na = f"{a.subject} {na}"
        if a.metric != b.metric:  # one entity, two metrics: "목표와 실적 차이"
            na, nb, metric = f"{a.subject} {a.metric}", b.metric, ""
        relation = f"{na}{josa(na, '이/가')} {gap} 더 {more if result > 0 else less}" if result else "두 값이 같습니다"
        head = f"{na}{josa(na, '과/와')} {nb}의 {metric + ' ' if metric else ''}차이는 {gap}입니다{when}. {relation}."
        if (a.metric, b.metric) == ("목표", "실적") and result:  # said from the result: short of or past the target
            state = f"목표까지 {gap} 남았습니다" if result > 0 else f"목표를 {gap} 넘었습니다"
            head = (f"{a.subject}의 실적 {b.raw}{josa(b.raw, '은/는')} 목표 {a.raw}보다 {gap} "
                    f"{'적습니다' if result > 0 else '많습니다'}{when}. {state}.")
        lines = [f"계산: {a.raw} {refs[a.id]} − {b.raw} {refs[b.id]} = {calc.result_text()}"]
        fallback = lines[0]
    elif calc.operation == "ratio":  # a rate the report does not print, from its two figures
        part, whole = ops
        head = (f"{part.subject}의 {calc.metric}{josa(calc.metric, '은/는')} 약 {calc.result_text()}입니다{when} "
                f"({part.metric} {part.raw} ÷ {whole.metric} {whole.raw}; 보고서에 적힌 비율이 아니라 계산한 값).")
        lines = [f"계산: {part.raw} {refs[part.id]} ÷ {whole.raw} {refs[whole.id]} × 100 = {calc.result_text()}"]
        fallback = lines[0]
    elif calc.operation == "sum":
        names = "·".join(_short(name_of[f.id], 16) for f in ops) if len(ops) <= 4 else f"{dimension or '대상'} {len(ops)}곳"
        if over_years:
            names = f"{ops[0].subject} {names}"
        head = f"{names}의 {metric} 합계는 {calc.result_text()}입니다{when}."
        lines = [f"계산: {' + '.join(f'{f.raw} {refs[f.id]}' for f in ops)} = {calc.result_text()}"]
        fallback = f"계산: {len(ops)}개 값의 합 ({all_refs})"
    elif calc.operation in ("above", "below"):
        ref = calc.reference
        ref_text = f"{entity_name(ref)} {ref.raw} {cite.cite(ref)}" if ref else show_number(calc.result, calc.unit, ops)
        word = _adjective(metric, "max" if calc.operation == "above" else "min")
        noun = {"실국": "곳", "단위사업": "사업", "사업": "사업", "유형": "유형"}.get(dimension, "곳")
        chosen = ", ".join(f"{name_of[f.id]}({f.raw})" for f in calc.selected) or "없음"
        head = f"{ref_text}보다 {metric}{josa(metric, '이/가')} {word} {noun}: {chosen}{when}."
        lines = [f"계산: 비교({', '.join(listing)})"]
        fallback = f"계산: 비교({', '.join(compact)})"
    else:  # rank
        scope = f"{dimension}별 " if dimension else ""
        head = f"{scope}{metric} 순위{when}:"
        lines = [" ".join(f"{i}위 {item}" for i, item in enumerate(listing, start=1))]
        fallback = " ".join(f"{i}위 {item}" for i, item in enumerate(compact, start=1))
    notes = " ".join(calc.notes)
    text = _fit(head, lines, fallback)
    if notes and len(text) + len(notes) + 1 <= MAX_CHARS:
        text += "\n" + notes
    listed = calc.operation in ("max", "min", "above", "below", "rank")  # the listing line the rows replace
    lead = "\n".join([head, notes] if notes else [head]) if listed else text
    table = _calculation_table(calc, name_of, cite, metric or "값", "연도" if over_years else dimension or "대상", lead)
    return text, table


def _calculation_table(
    calc: Calculation, name_of: dict[str, str], cite: _Citations, metric: str, dimension: str, lead: str
) -> FigureTable:
    ops = calc.operands
    two_metrics = calc.operation in ("diff", "ratio") and ops[0].metric != ops[1].metric
    picked = {f.id for f in calc.selected}

    def role(f: Fact) -> RowRole:
        if calc.winner is not None and f.id == calc.winner.id:
            return RowRole.WINNER
        return RowRole.SELECTED if f.id in picked else RowRole.PLAIN

    def row(f: Fact, name: str, role_: RowRole) -> FigureRow:
        return FigureRow(name, f.raw, f.value, f.as_of_text, cite.numbers.get(f.id), role_)

    rows = [row(f, f"{f.subject} {f.metric}" if two_metrics else name_of[f.id], role(f)) for f in ops]
    if calc.reference is not None:
        cite.cite(calc.reference)
        rows.append(row(calc.reference, entity_name(calc.reference), RowRole.REFERENCE))
    if calc.operation in ("sum", "diff", "ratio") and calc.result is not None:
        rows.append(FigureRow(OPERATIONS[calc.operation], calc.result_text(), round(calc.result, 6), calc.as_of_text, None, RowRole.RESULT))
    return FigureTable(calc.operation, dimension, metric, calc.unit, lead, tuple(rows))


def show_number(value: float | None, unit: str, like: list[Fact]) -> str:
    from figures.query import show

    return show(value or 0.0, unit, like)


def render_lookups(res: Resolution, cite: _Citations) -> str:
    assert res.lookups
    facts = [f for lk in res.lookups for f in lk.facts]
    for f in facts:
        cite.cite(f)  # the asked figures get the first numbers
    name = entity_name(facts[0])
    when = _when(facts)
    if res.also:  # the same figure in several meetings' reports
        meetings = "·".join(sorted({f.meeting.replace("회의", "") for f in facts + res.also}))
        refs = " ".join(cite.cite(f) for f in res.also)
        when = f" ({meetings} 회의 보고 같은 값 {refs})"
    parts = []
    for lk in res.lookups:
        if len(lk.facts) == 1:
            f = lk.facts[0]
            parts.append(f"{lk.metric} {shown(f)} {cite.cite(f)}")
        else:
            values = ", ".join(f"{'표' if f.source == 'table' else '본문'} {f.raw} {cite.cite(f)}" for f in lk.facts)
            parts.append(f"{lk.metric} {values} (보고서 안에서 값이 서로 다릅니다)")
    if len(parts) == 1 and len(res.lookups[0].facts) == 1:
        lk = res.lookups[0]
        f = lk.facts[0]
        return f"{name}의 {lk.metric}{josa(lk.metric, '은/는')} {shown(f)}입니다{when}. {cite.cite(f)}"
    return _fit(f"{name}{when}: " + ", ".join(parts) + ".", [], "")


_VALUE_KINDS = ("count", "money", "rate")


def _kind_of_unit(unit: str) -> str:
    return "money" if unit == "원" else "rate" if unit == "%" else "count"


def _asks_more_kinds(analysis: QuestionAnalysis, res) -> bool:
    """The question's interrogatives ask for a kind of value (a count, an amount, a rate) none of the
    resolved figures is ("집행률은?" names 예산 as its topic and asks only a rate)."""
    asked = interrogative_kinds(analysis.text) & set(_VALUE_KINDS)
    have = {_kind_of_unit(f.unit) for lk in (res.lookups or []) for f in lk.facts}
    return bool(have) and bool(asked - have)


# "소요예산은 얼마고 재원은 어떻게 돼요?": two interrogatives ask two things; one resolved figure answers
# the first, and the line it was read from usually states the second beside it ("14,916백만원 (시비 100%)").
SOURCE_LINE_MAX = 160  # characters: a longer source is a whole table row, not a line worth quoting


def _with_source_line(text: str, question: str, res) -> str:
    facts = [f for lk in (res.lookups or []) for f in lk.facts]
    if len(facts) != 1 or len(INTERROGATIVE_WORDS.findall(question)) < 2:
        return text
    line = " ".join(facts[0].context.split())
    quoted = f"{text}\n원문: {line}"
    if not line or len(line) > SOURCE_LINE_MAX or len(quoted) > MAX_CHARS or no_ws(line) in no_ws(text):
        return text
    return quoted


_ASKED_COUNTER = re.compile(r"몇\s*(개소|개사|개|명|곳|팀|회|건|가구|호)")


def _asks_more_counters(question: str, res) -> bool:
    """"몇 개 센터, 몇 명 일자리": each counter asked needs a resolved figure counted in it
    (개 covers 개소/개사); a figure for only one of them answers half the question."""
    asked = set(_ASKED_COUNTER.findall(question))
    if len(asked) < 2:
        return False
    units = {f.unit for lk in (res.lookups or []) for f in lk.facts}
    return any(not any(u.startswith(a) or a.startswith(u) for u in units if u) for a in asked)


def _asks_unstated_part(question: str, res) -> bool:
    """The question asks for a part of an amount (시비 of a budget) that no resolved fact states."""
    parts = {m.group(0) for m in _AMOUNT_PART.finditer(question)}
    if not parts:
        return False
    stated = " ".join(f.raw + " " + getattr(f, "label", "") for lk in (res.lookups or []) for f in lk.facts)
    return not any(p in stated for p in parts)


# "15,050백만원은 뭐랑 뭐로 이뤄져 있어요?", "시립이랑 구립으로 나누면": the breakdown of a figure is asked.
_COMPOSITION = re.compile(r"이뤄|이루어|구성|내역|나누|나눠|나뉘|쪼개|세부")
_BREAKDOWN = re.compile(r"\s*[(（]([^()（）]*\d[^()（）]*)[)）]")
_BREAKDOWN_PART = re.compile(r"^([가-힣][가-힣 ]*?)\s*:?\s*[△]?\d[\d,.]*\s*[가-힣%]{0,4}$")  # "시립 3,160백만원"


def _breakdown_labels(inside: str) -> list[str]:
    """'시립 3,160백만원 / 구립 6,169백만원' → ['시립', '구립']; [] unless it is a list of two or more labelled parts
    ('목표 187,307개 대비 94.4%' compares, '시비100%' is one share)."""
    parts = re.split(r"\s*[,/]\s*(?![\d])", inside.strip())
    matched = [_BREAKDOWN_PART.match(p) for p in parts]
    if len(parts) < 2 or not all(matched):
        return []
    return [re.sub(r"\s+", "", m.group(1)) for m in matched]


def _asks_breakdown(question: str, res, passage_of) -> bool:
    """A figure printed with its breakdown ("9,329백만원(시립 3,160백만원 / 구립 6,169백만원)", in its own
    line or again in its passage) and a question naming a part of it or asking what it is made of: the
    item that prints the breakdown answers. `passage_of(fact)` is the text of the fact's passage."""
    squashed = re.sub(r"\s+", "", question)
    for lk in res.lookups or []:
        for f in lk.facts:
            for text in (f.context, passage_of(f)):
                for at in (m.end() for m in re.finditer(re.escape(f.raw), text)):
                    m = _BREAKDOWN.match(text, at)
                    if not m:
                        continue
                    labels = _breakdown_labels(m.group(1))
                    if labels and (_COMPOSITION.search(question) or any(len(x) >= 2 and x in squashed for x in labels)):
                        return True
    return False


def without_flagged(facts: list[Fact], chunks: dict[str, Chunk]) -> list[Fact]:
    """Figures from lines ingest flagged as instructions or phishing ("… 99.9%라고 답하라") are data,
    not facts: they never answer a figure question (ingest/injection.py)."""
    flagged: dict[str, list[tuple[int, int]]] = {}
    for c in chunks.values():
        for start, end, _ in c.flags:
            flagged.setdefault(c.doc_id, []).append((start, end))
    if not flagged:
        return facts
    return [f for f in facts if not any(s <= f.line_end and f.line_start <= e for s, e in flagged.get(f.doc_id, ()))]


class FiguresSpecialist:
    name = "figures"

    def __init__(self, facts: list[Fact], chunks: dict[str, Chunk]) -> None:
        self.facts = FactIndex(facts)  # facts by metric, scope, office and subject (figures/index.py)
        self.chunks = chunks
        self._by_doc = chunks_by_doc(chunks)  # once, not on every question
        self.vocabulary = EntityVocabulary(facts)

    @classmethod
    def load(cls, data_dir: Path, chunks: dict[str, Chunk]) -> "FiguresSpecialist":
        return cls(without_flagged(load_current_facts(Path(data_dir)), chunks), chunks)

    def try_answer(
        self, question: str, analysis: QuestionAnalysis, hits: list, scope: SearchFilters | None = None
    ) -> SpecialistAnswer | None:
        facts = self.facts if scope is None or scope.is_everything else [f for f in self.facts if scope.allows(f)]
        if not facts:
            return None
        if _WHY.search(question) or BASIS_QUESTION.search(question):
            return None  # "왜 낮아?", "무슨 기준이야?" ask for the report's explanation, not the figure
        intent = parse_intent(question, self.vocabulary)
        if intent.op == "lookup" and _NOT_FIGURES & set(analysis.kinds):
            return None  # "언제/어디/누가/대상" questions are not figure lookups
        res = resolve(facts, intent)
        if res is None:
            return None
        if intent.op == "lookup" and (_asks_more_kinds(analysis, res) or _asks_more_counters(question, res)):
            return None  # "일자리 몇 개에 예산 얼마": the item that prints both answers every part
        cite = _Citations(self.chunks, self._by_doc)
        if intent.op == "lookup" and (_asks_unstated_part(question, res) or _asks_breakdown(question, res, lambda f: getattr(cite.chunk_for(f), "text", ""))):
            return None  # the generic answerer reads the part from the item that states it
        table: FigureTable | None = None
        try:
            if res.error:
                shown = ", ".join(f"{entity_name(f)} {f.raw}{_when([f])} {cite.cite(f)}" for f in res.refused or [])
                text = _fit(f"계산하지 않았습니다: {res.error}", [shown] if shown else [], "")
                extra = {"calculation": {"operation": intent.op, "refused": res.error,
                                         "operands": [f.to_dict() | {"citation": cite.numbers.get(f.id)} for f in res.refused or []]}}
            elif res.calculation is not None:
                text, table = render_calculation(res.calculation, res.dimension, cite, res.from_dimension,
                                                 intent.aside if intent.op in ("max", "min") else ())
                extra = {"calculation": res.calculation.to_dict(cite.numbers)}
            else:
                text = render_lookups(res, cite)
                text = _with_source_line(text, question, res)
                extra = {"figures": [
                    {"metric": lk.metric, "facts": [f.to_dict() | {"citation": cite.numbers.get(f.id)} for f in lk.facts]}
                    for lk in res.lookups or []
                ] + ([{"metric": "같은 값(다른 회의)", "facts": [f.to_dict() | {"citation": cite.numbers.get(f.id)} for f in res.also]}]
                     if res.also else [])}
        except LookupError:
            return None  # a figure whose source line no index chunk covers cannot be cited
        return SpecialistAnswer(text, list(cite.evidence), abstained=False, extra=extra, table=table)
