"""Indexed fact lookups give exactly what scanning every fact gave, on the real facts."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from settings import DATA_DIR
from figures.index import FactIndex
from figures.intent import EntityVocabulary, parse_intent
from figures.resolve import resolve
from figures.select import metric_pool, slot_fact, slots
from figures.store import load_current_facts

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def facts():
    found = load_current_facts(DATA_DIR)
    assert len(found) > 500
    return found


def _questions() -> list[str]:
    out = []
    for name in ("figures.jsonl", "dev.jsonl"):
        path = REPO / "eval" / "datasets" / name
        out += [json.loads(line)["question"] for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return out


def _summary(res):
    if res is None:
        return None
    calc = res.calculation.to_dict() if res.calculation else None
    lookups = [(lk.metric, [f.id for f in lk.facts]) for lk in res.lookups or []]
    return calc, lookups, res.error, [f.id for f in res.refused or []], [f.id for f in res.also or []], res.dimension


def test_indexed_resolution_equals_the_scan(facts):
    index = FactIndex(facts)
    vocabulary = EntityVocabulary(facts)
    answered = 0
    for q in _questions():
        intent = parse_intent(q, vocabulary)
        scanned = _summary(resolve(list(facts), parse_intent(q, vocabulary)))
        assert _summary(resolve(index, intent)) == scanned, q
        answered += scanned is not None
        for metric in intent.metrics:
            pool, plain = metric_pool(index, intent, metric), metric_pool(list(facts), intent, metric)
            assert list(pool) == plain, (q, metric)
            for slot in slots(intent):
                assert slot_fact(pool, slot, intent) == slot_fact(plain, slot, intent), (q, metric, slot)
    assert answered >= 60


def test_a_program_named_by_part_of_its_name(facts):
    vocabulary = EntityVocabulary(facts)

    def names(q: str) -> list[str]:
        return [m.name for m in vocabulary.mentions(q) if m.kind == "label"]

    assert names("신중년 사회공헌 일자리 실적은?") == ["신중년사회공헌활동 지원사업(고용노동부 공모)"]
    assert names("노숙인·쪽방주민 일자리 목표는?") == ["노숙인 일자리 지원사업"]
    # generic words and pieces cut from the middle of a word name nothing
    assert names("21년 5월말 서울시 일자리 예산 전체 집행률은?") == []
    assert names("영등포구 일자리정책과 전체 예산 집행률은?") == []
