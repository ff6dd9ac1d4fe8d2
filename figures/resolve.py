"""From an intent to the facts it needs: one fact per entity, or the entities of a dimension
(실국, 단위사업, 사업, 유형). Anything ambiguous resolves to None so the generic answerer takes over."""
from __future__ import annotations

import math
import re
from collections import defaultdict
from dataclasses import dataclass, replace

from figures.facts import Fact
from figures.index import FactIndex
from figures.intent import Intent
from figures.metrics import squash
from kotext.numbers import stated_total
from figures.select import Slot, doc_ok, matching, meeting_slots, metric_pool, of_scope, pick, slot_fact, slots, with_figures
from questions.exclusion import sets_aside
from figures.query import Calculation, IncompatibleFigures, difference, extreme, ranking, share, threshold, total

_DIMENSION_NAMES = {"office": "실국", "unit_program": "단위사업", "program": "사업", "type": "유형"}


@dataclass
class Lookup:
    metric: str
    facts: list[Fact]  # one fact, or several when the report prints different values for the same thing


@dataclass
class Resolution:
    calculation: Calculation | None = None
    lookups: list[Lookup] | None = None
    dimension: str = ""  # Korean name of the compared set ("실국", "단위사업" …)
    error: str = ""  # Korean explanation when the figures cannot be combined
    refused: list[Fact] | None = None  # the figures that could not be combined, cited in the refusal
    from_dimension: bool = False  # the operands are a whole set (실국, 단위사업 …), not things the question named
    also: list[Fact] | None = None  # lookups: the same figure as reported at other meetings (cited too)


_TOTAL_SUBJECT = re.compile(r"^(?:총\s*계|합\s*계|소\s*계|계|총괄|합)$|전체$")  # "일자리정책과 전체" is the table's total


def _rest_of_group(pool: list[Fact], intent: Intent) -> list[Fact]:
    """The other rows of the one table or list that holds what the question sets aside, one figure
    each and without its total; [] when the set-aside things are not of one group."""
    aside = [f for s in slots(replace(intent, mentions=intent.excluded, excluded=[])) for f in matching(pool, s)]
    groups = {f.group for f in aside}
    if len(groups) != 1:
        return []
    aside_subjects = {f.subject for f in aside}
    rest: dict[str, Fact] = {}
    for f in pool:
        if f.group in groups and f.subject not in aside_subjects and not _TOTAL_SUBJECT.search(squash(f.subject)):
            rest.setdefault(f.subject, f)
    return list(rest.values())


def _dimension_facts(pool: list[Fact], intent: Intent) -> list[Fact]:
    offices = intent.named("office")
    labels = intent.named("label")
    if intent.dimension == "office" and len(labels) == 1:
        # "실국별 간접일자리 달성률": each office's row for that label
        cands = [f for f in of_scope(pool, "office_type") if f.subject == f"{f.office} {squash(labels[0])}"
                 and (len(offices) < 2 or f.office in offices)]
    elif intent.dimension == "office":
        cands = [f for f in of_scope(pool, "office") if (len(offices) < 2 or f.office in offices)]
    elif intent.dimension == "unit_program":
        cands = of_scope(pool, "unit_program")
    elif intent.dimension == "program":
        cands = [f for f in of_scope(pool, "program") if (not offices or f.office in offices)]
        if not intent.meetings:
            cands = [f for f in cands if not f.meeting] or cands
        if len({("영등포" in f.doc_title) for f in cands}) > 1:
            return []  # two reports' programs are not one set
    elif intent.dimension == "type":
        if offices:
            cands = [f for f in of_scope(pool, "office_type") if f.office == offices[0]]
        else:
            cands = of_scope(pool, "city_type")
            meetings = sorted({f.meeting for f in cands})
            cands = [f for f in cands if f.meeting == (meetings[-1] if meetings else "")]
    else:
        return []
    chosen: list[Fact] = []
    by_subject: dict[str, list[Fact]] = defaultdict(list)
    for f in cands:
        by_subject[f.subject].append(f)
    for subject, group in by_subject.items():
        picked = pick(group, intent)
        if len(picked) != 1:
            return []  # one entity with two values: do not guess which one to compare
        chosen.append(picked[0])
    return chosen


_COUNT_METRICS = {"인원", "실적", "개수", "목표"}


def _list_group(facts: list[Fact], intent: Intent, metric: str) -> list[Fact]:
    """Items of one enumerating sentence or table ("－ 일반형 1,382개, 복지형 1,292개 …") whose
    context shares the most words with the question; [] unless one group clearly wins."""
    from retrieval.korean_tokens import tokenize

    wanted = {metric} | (_COUNT_METRICS if metric in _COUNT_METRICS else set())
    groups: dict[str, list[Fact]] = defaultdict(list)
    indexed = isinstance(facts, FactIndex)
    for f in facts.of_metrics(sorted(wanted)) if indexed else facts:
        if f.scope == "item" and f.metric in wanted and doc_ok(f, intent.doc_hint):
            groups[f.group].append(f)
    terms = {t for t in tokenize(intent.text, content_only=True) if len(t) >= 2 and not t.isdigit()}
    contexts: dict[str, set[str]] = {}
    seen: set[tuple] = set()
    for key, group in groups.items():
        signature = tuple(sorted((f.subject, f.value) for f in group))
        if signature in seen:
            continue  # the same list printed twice (a summary and a program section)
        seen.add(signature)
        if len({f.subject for f in group}) >= 2 and len({f.unit for f in group}) == 1:
            # One join of a set: the same order every time within a process, so the cached words
            # (a group keeps its facts) equal what tokenizing afresh would give.
            cache_key = f"{key}|{'|'.join(sorted(wanted))}|{intent.doc_hint}"
            words = facts.group_tokens.get(cache_key) if indexed else None
            if words is None:
                words = frozenset(tokenize(" ".join({f.context for f in group} | {group[0].section}), content_only=True))
                if indexed:
                    facts.group_tokens[cache_key] = words
            contexts[key] = set(words)
    if not contexts:
        return []
    # Words shared by many groups ("일자리") say little; rare ones ("장애인") pick the group.
    df = {t: sum(1 for c in contexts.values() if t in c) for t in terms}
    n = len(contexts)
    scored = []
    for key, context in contexts.items():
        score = sum(math.log(1 + n / df[t]) for t in terms & context)
        subjects = {f.subject for f in groups[key]}
        if "유형" in intent.text and sum(s.endswith("형") for s in subjects) * 2 >= len(subjects):
            score += 0.5 * math.log(1 + n)  # "유형 중": items named …형 (a hint, not a decision)
        scored.append((score, key))
    scored.sort(reverse=True)
    if not scored or scored[0][0] < 2 * math.log(2) or (len(scored) > 1 and scored[1][0] * 1.2 > scored[0][0]):
        return []
    best = groups[scored[0][1]]
    picked = [min(g, key=lambda f: f.line_start) for g in _by_subject(best).values()]
    total = stated_total(intent.text)
    if total is not None and abs(sum(f.value for f in picked) - total) > 1e-6:
        return []  # "목표 49명 중 가장 큰": a list that does not add up to 49 is another list
    return picked


def _periods_of(pool: list[Fact], slot: Slot, intent: Intent) -> list[Fact]:
    """One entity's figures over the year columns of its table."""
    facts = [f for f in matching(pool, slot) if f.period.startswith("20")]
    by_period: dict[str, list[Fact]] = defaultdict(list)
    for f in facts:
        by_period[f.period].append(f)
    if any(len({g.value for g in v}) > 1 for v in by_period.values()):
        return []
    return [v[0] for _, v in sorted(by_period.items())]


def _by_subject(facts: list[Fact]) -> dict[str, list[Fact]]:
    out: dict[str, list[Fact]] = defaultdict(list)
    for f in facts:
        out[f.subject].append(f)
    return out


def resolve(facts: list[Fact], intent: Intent) -> Resolution | None:
    res = _resolve(facts, intent)
    calc = res.calculation if res else None
    if calc is not None and intent.count and intent.op in ("sum", "diff") and len(calc.operands) != intent.count:
        return None  # "두 실국 예산을 합치면?" without naming them: not all four
    return res


def _resolve(facts: list[Fact], intent: Intent) -> Resolution | None:
    if not intent.metrics and intent.op in ("max", "min") and "유형" in intent.text:
        # "노숙인 일자리 중 가장 많은 유형은?": counted items of one list, no metric word needed
        cands = [c for c in _list_group(facts, intent, "실적") if not sets_aside(c.subject, intent.aside)]
        return Resolution(extreme(cands, intent.op), dimension="유형") if len(cands) >= 2 else None
    if not intent.metrics and intent.op in ("diff", "sum", "max", "min"):
        # "신림선 경전철 확대 … 2차와 4차 회의 자료에서 몇 개 차이": no metric word, but the named
        # things' figures are all of one metric (or one of the counter the question asks for)
        intent.metrics = _implied_metric(facts, intent)
    if not intent.metrics:
        return None
    if intent.op == "lookup":
        return _lookup(facts, intent) or _derived_rate(facts, intent)
    metric = intent.metrics[0]
    pool = metric_pool(facts, intent, metric)
    named = with_figures(slots(intent), pool)
    try:
        if intent.op in ("max", "min", "rank"):
            cands: list[Fact] = []
            if len(named) >= 2:  # "A와 B 중 더 큰": the named ones, whatever the dimension word
                cands = [p[0] for s in named if len(p := slot_fact(pool, s, intent)) == 1]
                if len(cands) != len(named):
                    return None
            elif intent.excluded:
                cands = _rest_of_group(pool, intent)  # "인력운영비·기본경비 말고 … 가장 낮은"
            elif intent.dimension:
                cands = _dimension_facts(pool, intent)
            if len(cands) < 2 and len(named) == 1 and named[0].label:
                cands = _periods_of(pool, named[0], intent)  # "이용자가 가장 많았던 해"
            if len(cands) < 2:
                cands = _list_group(facts, intent, metric)
            cands = [c for c in cands if not sets_aside(c.subject, intent.aside)]
            if len(cands) < 2:
                return None
            calc = ranking(cands, descending=intent.op != "min") if intent.op == "rank" else extreme(cands, intent.op)
            return Resolution(calc, dimension=_DIMENSION_NAMES.get(intent.dimension, ""), from_dimension=len(named) < 2)
        if intent.op in ("above", "below"):
            return _threshold(pool, intent, named)
        if intent.op == "diff" and len(named) == 1 and intent.metrics == ["목표"] and _AGAINST_TARGET.search(intent.text):
            # "사업목표보다 실제 발굴한 일자리가 몇 개 적어요?": one thing compared against its target; the other
            # side of a target is what was achieved (목표 − 실적), however the result is worded
            intent.metrics = ["목표", "실적"]
        if intent.op == "diff" and len(named) == 1 and len(intent.metrics) == 2:
            return _metric_difference(facts, intent, named[0])
        if intent.op == "diff":
            if len(named) != 2 and not (len(named) > 2 and meeting_slots(intent)):
                return None
            operands = [slot_fact(pool, s, intent) for s in named]
            if any(len(p) != 1 for p in operands):
                return None
            first, rest = operands[0][0], [p[0] for p in operands[1:]]
            if len({f.value for f in rest}) != 1:
                return None  # "제2·3차" must agree to be one side
            return Resolution(difference(first, rest[0]))
        if intent.op == "sum":
            cands = _dimension_facts(pool, intent) if intent.dimension and len(named) < 2 else []
            if not cands:
                operands = [slot_fact(pool, s, intent) for s in named]
                if len(operands) < 2 or any(len(p) != 1 for p in operands):
                    return None
                cands = [p[0] for p in operands]
            if len(cands) < 2:
                return None
            return Resolution(total(cands), dimension=_DIMENSION_NAMES.get(intent.dimension, ""))
    except IncompatibleFigures as exc:
        return Resolution(error=str(exc), refused=exc.facts)
    return None


# The target is what the comparison is against ("목표보다", "지원목표에 비해", "목표 인원과"), not a
# figure compared with last year ("대상자 목표는 … 전년 대비 몇 % 늘린").
_AGAINST_TARGET = re.compile(r"목표\S{0,4}\s*(?:보다|에\s*비해|대비|와|과|하고)")
_COUNTER_UNITS = {"개": "개", "명": "명", "곳": "개소", "건": "건"}


def _asked_counter(text: str) -> str:
    """The counter a "몇 개/명/곳/건" question asks in, "" when it asks in none."""
    m = re.search(r"몇\s*(개|명|곳|건)", text)
    return m.group(1) if m else ""


def _implied_metric(facts: list[Fact], intent: Intent) -> list[str]:
    """The one metric every figure of the named things has, [] when they have none or several."""
    named = slots(intent)
    if len(named) < 2:
        return []
    found = [f for s in named for f in matching(facts, s)]
    if counted := _asked_counter(intent.text):
        found = [f for f in found if f.unit == _COUNTER_UNITS[counted]]
    elif re.search(r"얼마|몇\s*(?:억|천만|백만|만\s*원)", intent.text):
        found = [f for f in found if f.unit == "원"]
    metrics = {f.metric for f in found}
    if len(metrics) != 1 or any(not matching(found, s) for s in named):
        return []
    return [metrics.pop()]


def _metric_difference(facts: list[Fact], intent: Intent, slot: Slot) -> Resolution | None:
    """Two metrics of one entity: "사업목표와 실적 차이", "예산 중 집행하지 않은 금액" (예산액 − 집행액)."""
    operands = []
    for metric in intent.metrics:
        picked = slot_fact(metric_pool(facts, intent, metric), slot, intent)
        if len(picked) != 1:
            return None
        operands.append(picked[0])
    if operands[0].id == operands[1].id:
        return None  # two metric words that found one figure: no difference to take
    return Resolution(difference(operands[0], operands[1], _asked_counter(intent.text) or operands[0].unit))


# A rate and the two figures it is computed from (numerator, denominator), as the reports define them.
DERIVED_RATES = {"달성률": ("실적", "목표"), "집행률": ("집행액", "예산액")}
_ASKS_PERCENT = re.compile(r"몇\s*(?:%|퍼센트|프로)|비율|율은|율이")


def _derived_rate(facts: list[Fact], intent: Intent) -> Resolution | None:
    """A rate the report does not print for the one thing asked, from its two figures: "예산은 몇 퍼센트
    집행된 셈이에요?" (집행액 ÷ 예산액), "지원목표 대비 실적이 몇 %예요?" (실적 ÷ 목표)."""
    rate = next((m for m in intent.metrics if m in DERIVED_RATES), None)
    if rate is None:
        pair = set(intent.metrics)
        rate = next((r for r, parts in DERIVED_RATES.items() if pair == set(parts)), None)
        if rate is None or not _ASKS_PERCENT.search(intent.text):
            return None
    named = slots(intent)
    if len(named) != 1:
        return None
    if slot_fact(metric_pool(facts, intent, rate), named[0], intent):
        return None  # the report prints the rate: that is the answer, not a recomputation
    picked = [slot_fact(metric_pool(facts, intent, m), named[0], intent) for m in DERIVED_RATES[rate]]
    if any(len(p) != 1 for p in picked):
        return None
    try:
        return Resolution(share(picked[0][0], picked[1][0], rate))
    except IncompatibleFigures as exc:
        return Resolution(error=str(exc), refused=exc.facts)


def _threshold(pool: list[Fact], intent: Intent, named: list[Slot]) -> Resolution | None:
    """Entities of a dimension past a reference: a number in the question, or a named figure
    (서울시 전체, an office) of the same metric."""
    if not intent.dimension:
        intent.dimension = "office" if intent.named("office") or intent.city else ""
    cands = _dimension_facts(pool, _without_offices(intent)) if intent.dimension else []
    reference: Fact | None = None
    ref_slots = [s for s in named if s.city or s.office]
    if ref_slots:
        picked = slot_fact(pool, ref_slots[0], intent)
        reference = picked[0] if len(picked) == 1 else None
    value = intent.reference if intent.reference is not None else reference.value if reference else None
    if value is None or len(cands) < 2:
        return None
    cands = [f for f in cands if reference is None or f.id != reference.id]
    calc = threshold(cands, value, intent.op == "above", reference)
    return Resolution(calc, dimension=_DIMENSION_NAMES.get(intent.dimension, ""))


def _without_offices(intent: Intent) -> Intent:
    """The reference office is not a filter on the compared set."""
    from dataclasses import replace

    return replace(intent, mentions=[m for m in intent.mentions if m.kind != "office"])


def _lookup(facts: list[Fact], intent: Intent) -> Resolution | None:
    pools = {m: metric_pool(facts, intent, m) for m in intent.metrics}
    named = with_figures(slots(intent), [f for p in pools.values() for f in p])
    if len(named) > 1 and all(s.meeting for s in named):
        # "제2차·제3차 회의 때 보고된 목표": one answer when the meetings reported the same figure
        per = [[slot_fact(pools[m], s, intent) for s in named] for m in intent.metrics]
        lookups, also, seen = [], [], set()
        for metric, picked in zip(intent.metrics, per):
            if any(len(p) != 1 for p in picked) or len({p[0].value for p in picked}) != 1:
                return None
            if picked[0][0].id not in seen:  # "추진목표(일자리 수)": two words, one figure
                seen.add(picked[0][0].id)
                lookups.append(Lookup(metric, [picked[0][0]]))
                also += [p[0] for p in picked[1:]]
        return Resolution(lookups=lookups, also=also)
    if len(named) != 1 or (intent.dimension in ("office", "unit_program", "type") and not named[0].label):
        return None  # a lookup names exactly one thing; "실국별 …" without an operation is a list request
    lookups: list[Lookup] = []
    for metric in intent.metrics:
        picked = slot_fact(pools[metric], named[0], intent)
        if not picked:
            return None  # every metric asked must be found, or the passage answer is better
        lookups.append(Lookup(metric, picked))
    return Resolution(lookups=lookups)
