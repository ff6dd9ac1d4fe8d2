"""Which facts a question means: the entities it names (slots), the facts of a metric it may use
(pool), and one value per entity (pick) — or nothing when the report leaves it ambiguous."""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from figures.facts import Fact
from figures.index import FactIndex, FactPool
from figures.intent import Intent
from figures.metrics import squash
from kotext.dates import year_in_name


@dataclass
class Slot:
    """One entity the question names: an office, a label within an office or the city, a meeting."""

    office: str = ""
    label: str = ""
    city: bool = False
    meeting: str = ""
    period: str = ""  # a year column of the entity's table ("이용자수 ’19년 vs ’20년")
    department: bool = False  # 영등포구 일자리정책과 전체
    at: int = -1  # where the question names it; one name may stand for several subjects

    def matches(self, f: Fact) -> bool:
        if self.period and f.period != self.period:
            return False
        if self.department:
            return f.scope == "department"
        if self.meeting and f.meeting != self.meeting:
            return False
        if self.meeting and not self.label:
            return f.scope == "city"
        if self.office and self.label:
            return f.office == self.office and squash(f.subject) in (squash(f"{self.office}{self.label}"), squash(self.label))
        if self.office:
            return f.scope == "office" and f.office == self.office
        if self.label:
            return f.subject == self.label and f.scope not in ("office", "office_type")
        return self.city and f.scope == "city"


def doc_ok(f: Fact, hint: str) -> bool:
    ydp = "영등포" in f.doc_title
    return (hint != "ydp" or ydp) and (hint != "seoul" or not ydp)


_ALIASES = {"일자리 수": {"일자리 수", "목표"}}  # a plan's "일자리 수" is its target


def metric_pool(facts: list[Fact], intent: Intent, metric: str) -> list[Fact]:
    wanted = _ALIASES.get(metric, {metric})
    meetings = tuple(intent.meetings) if intent.meetings and not meeting_slots(intent) else ()

    def scan(candidates: list[Fact]) -> list[Fact]:
        out = [f for f in candidates if f.metric in wanted and doc_ok(f, intent.doc_hint)]
        return [f for f in out if f.meeting in meetings] if meetings else out

    if isinstance(facts, FactIndex):  # indexed: only this metric's facts, cached per filter
        return facts.pool((tuple(sorted(wanted)), intent.doc_hint, meetings), lambda: scan(facts.of_metrics(sorted(wanted))))
    return scan(facts)


def matching(pool: list[Fact], slot: Slot) -> list[Fact]:
    """The pool's facts for one named entity (indexed lookups when the pool is a FactPool)."""
    candidates = pool.candidates(slot) if isinstance(pool, FactPool) else pool
    found = [f for f in candidates if slot.matches(f)]
    if not found and slot.meeting and slot.label:
        # another meeting's plan row names the same thing longer ("(예비) 사회적 기업 일자리 창출")
        key = squash(slot.label)
        found = [f for f in (pool.by("meeting", slot.meeting) if isinstance(pool, FactPool) else pool)
                 if f.meeting == slot.meeting and squash(f.subject).startswith(key) and f.scope not in ("office", "office_type")]
        if len({f.subject for f in found}) > 1:
            return []  # several longer names: which one is meant is not known
    return found


def of_scope(pool: list[Fact], scope: str) -> list[Fact]:
    return pool.by("scope", scope) if isinstance(pool, FactPool) else [f for f in pool if f.scope == scope]


def _year_of(f: Fact) -> str:
    """The year a figure belongs to: its as-of date, else the report's year."""
    if f.as_of:
        return f.as_of[:4]
    year = year_in_name(f.doc_id)
    return str(year) if year is not None else ""


def pick(facts: list[Fact], intent: Intent) -> list[Fact]:
    """The fact(s) for one entity: [] when none, one fact, or the conflicting values (same subject,
    metric and date, different numbers in text and table). None-like ambiguity returns []."""
    if not facts:
        return []
    if intent.month and any(f.as_of for f in facts):
        # "12월말 기준" when the report has only May figures: not the figure asked for
        facts = [f for f in facts if f.as_of_month[5:7] == intent.month]
    for word, marks in (("누적", ("누계",)), ("누계", ("누계",)), ("평균", ("평균",))):
        if word in intent.text:  # "누적 이용자 수": the 기간누계 column
            marked = [f for f in facts if any(m in f.period for m in marks)]
            facts = marked or facts
            if marked:
                return pick_one_value(facts)
    if intent.period:
        exact = [f for f in facts if f.period == intent.period]
        facts = exact or [f for f in facts if not f.period and _year_of(f) in ("", intent.period)]
    else:
        facts = [f for f in facts if not f.period] or facts
    return pick_one_value(facts)


def pick_one_value(facts: list[Fact]) -> list[Fact]:
    """One fact when all agree; the two values when text and table of one report disagree; else []."""
    if not facts:
        return []
    by_value: dict[float, list[Fact]] = defaultdict(list)
    for f in facts:
        by_value[round(f.value, 6)].append(f)
    if len(by_value) == 1:
        group = next(iter(by_value.values()))
        return [sorted(group, key=lambda f: (f.source != "sentence", f.line_start))[0]]
    keys = {(f.subject, f.meeting, f.as_of_month, f.office) for f in facts}
    if len(keys) == 1 and len(by_value) == 2:
        return [sorted(v, key=lambda f: f.line_start)[0] for v in by_value.values()]  # text vs table
    return []


def meeting_slots(intent: Intent) -> list[Slot]:
    """Two meetings' reports of one thing ("제3차 회의 … 제2차 회의 때보다"): the meetings are compared."""
    if len(intent.meetings) < 2:
        return []
    labels = list(dict.fromkeys(intent.named("label")))
    if not intent.mentions:
        return [Slot(meeting=m) for m in intent.meetings]
    if len(labels) == 1 and not intent.named("office"):
        return [Slot(label=labels[0], meeting=m) for m in intent.meetings]
    if len({m.at for m in intent.mentions}) == 1 and not intent.named("office"):
        # one name the vocabulary knows as several subjects ("어르신일자리": a program section and a
        # meeting's plan row): each meeting's own subject of them (the ones with figures are kept later)
        return [Slot(label=l, meeting=m, at=intent.mentions[0].at) for m in intent.meetings for l in labels]
    return []


def slots(intent: Intent) -> list[Slot]:
    if by_meeting := meeting_slots(intent):
        return by_meeting
    offices = intent.named("office")
    labels = list(dict.fromkeys(intent.named("label")))
    if intent.department and not labels:
        return [Slot(office=o) for o in offices] + [Slot(department=True)]
    if len(offices) >= 2:
        return [Slot(office=o, label=labels[0] if len(labels) == 1 else "") for o in offices]
    if len(offices) == 1:
        return [Slot(office=offices[0], label=l) for l in labels] or [Slot(office=offices[0])]
    if len(labels) == 1 and len(intent.periods) >= 2:
        return [Slot(label=labels[0], period=p) for p in intent.periods]
    if labels:
        at = {m.name: m.at for m in intent.mentions if m.kind == "label"}
        return [Slot(label=l, city=intent.city, at=at.get(l, -1)) for l in labels]
    return [Slot(city=True)] if intent.city else []


def with_figures(named: list[Slot], pool: list[Fact]) -> list[Slot]:
    """Drop named things that have no figure of the asked metric ("상반기 공공일자리에서 동행일자리 …":
    공공일자리 is context, not an operand) — unless that leaves nothing."""
    kept = [s for s in named if matching(pool, s)] or named
    # One name, several subjects ("어르신 일자리": a meeting's plan bullet and the program section):
    # without a meeting in the question, the program section's own figures are meant.
    by_at: dict[int, list[Slot]] = defaultdict(list)
    for s in kept:
        by_at[s.at].append(s)
    out: list[Slot] = []
    for at, group in by_at.items():
        own = [s for s in group if any(not f.meeting for f in matching(pool, s))]
        out += own if at >= 0 and len(group) > 1 and own else group
    return sorted(out, key=lambda s: kept.index(s))


def slot_fact(pool: list[Fact], slot: Slot, intent: Intent) -> list[Fact]:
    return pick(matching(pool, slot), intent)
