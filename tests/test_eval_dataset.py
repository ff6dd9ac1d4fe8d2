"""Checks for the evaluation dev set (eval/datasets/dev.jsonl).

The dataset is written from the source reports, so every evidence snippet and
(except for explicitly derived comparison answers) every answer group must be
traceable to the corpus text. Matching ignores all whitespace, as the eval
harness does.
"""
import json
import re
from collections import Counter
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DATASET = ROOT / "eval" / "datasets" / "dev.jsonl"
CORPUS_DIR = ROOT / "corpus"
YDP_FILE = "yeongdeungpo-job-policy-work-report-2023.txt"

REQUIRED_KEYS = {
    "id",
    "category",
    "question",
    "answer_contains",
    "evidence_contains",
    "answerable",
    "history",
}
OPTIONAL_KEYS = {"derived"}

MIN_COUNTS = {
    "meeting": 20,
    "figure": 40,
    "comparison": 8,
    "eligibility": 20,
    "program_detail": 25,
    "district": 20,
    "paraphrase": 15,
    "followup": 8,
    "unanswerable": 20,
}
MIN_TOTAL = 170
MIN_YEONGDEUNGPO = 35

_WS = re.compile(r"\s+")


def squash(text: str) -> str:
    return _WS.sub("", text)


@pytest.fixture(scope="module")
def rows():
    assert DATASET.exists(), f"missing {DATASET}"
    out = []
    with DATASET.open(encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            assert line.strip(), f"blank line {n}"
            obj = json.loads(line)
            assert isinstance(obj, dict), f"line {n} is not an object"
            out.append(obj)
    return out


@pytest.fixture(scope="module")
def corpus():
    files = sorted(CORPUS_DIR.glob("*.txt"))
    assert files, "no corpus .txt files"
    return {p.name: squash(p.read_text(encoding="utf-8")) for p in files}


@pytest.fixture(scope="module")
def corpus_all(corpus):
    return "\n".join(corpus.values())


def test_ids_unique_and_well_formed(rows):
    ids = [r.get("id") for r in rows]
    assert len(ids) == len(set(ids)), [i for i, c in Counter(ids).items() if c > 1]
    for i in ids:
        assert isinstance(i, str) and re.fullmatch(r"dev-\d{3,}", i), i


def test_questions_unique(rows):
    keys = [(tuple(r["history"]), squash(r["question"])) for r in rows]
    dup = [k for k, c in Counter(keys).items() if c > 1]
    assert not dup, dup


def test_schema_keys_and_types(rows):
    for r in rows:
        rid = r.get("id")
        keys = set(r)
        assert REQUIRED_KEYS <= keys, (rid, REQUIRED_KEYS - keys)
        assert keys <= REQUIRED_KEYS | OPTIONAL_KEYS, (rid, keys - REQUIRED_KEYS - OPTIONAL_KEYS)
        assert r["category"] in MIN_COUNTS, (rid, r["category"])
        assert isinstance(r["question"], str) and r["question"].strip(), rid
        assert isinstance(r["answerable"], bool), rid
        assert isinstance(r["answer_contains"], list), rid
        for group in r["answer_contains"]:
            assert isinstance(group, list) and group, (rid, group)
            for alt in group:
                assert isinstance(alt, str) and len(squash(alt)) >= 2, (rid, alt)
        assert isinstance(r["evidence_contains"], list), rid
        for ev in r["evidence_contains"]:
            assert isinstance(ev, str), (rid, ev)
        assert isinstance(r["history"], list), rid
        for h in r["history"]:
            assert isinstance(h, str) and h.strip(), (rid, h)
        if "derived" in r:
            assert r["derived"] is True, (rid, "derived must be true when present")
            assert r["category"] == "comparison", (rid, "derived only for comparison rows")


def test_category_counts(rows):
    counts = Counter(r["category"] for r in rows)
    assert len(rows) >= MIN_TOTAL, len(rows)
    for cat, minimum in MIN_COUNTS.items():
        assert counts[cat] >= minimum, (cat, counts[cat], minimum)


def test_answerable_matches_category(rows):
    for r in rows:
        assert r["answerable"] == (r["category"] != "unanswerable"), r["id"]


def test_history_only_on_followups(rows):
    for r in rows:
        if r["category"] == "followup":
            assert r["history"], (r["id"], "followup rows need history")
        else:
            assert r["history"] == [], (r["id"], "history only on followup rows")


def test_unanswerable_rows_are_empty(rows):
    for r in rows:
        if not r["answerable"]:
            assert r["answer_contains"] == [], r["id"]
            assert r["evidence_contains"] == [], r["id"]


def test_evidence_snippets_occur_in_corpus(rows, corpus_all):
    bad = []
    for r in rows:
        if not r["answerable"]:
            continue
        ev = r["evidence_contains"]
        if not 1 <= len(ev) <= 3:
            bad.append((r["id"], "needs 1-3 snippets", ev))
        for snippet in ev:
            s = squash(snippet)
            if not 4 <= len(s) <= 30:
                bad.append((r["id"], "length", snippet))
            elif s not in corpus_all:
                bad.append((r["id"], "not in corpus", snippet))
    assert not bad, bad


def test_answer_groups_traceable_to_corpus(rows, corpus_all):
    bad = []
    for r in rows:
        if not r["answerable"]:
            continue
        if not r["answer_contains"]:
            bad.append((r["id"], "answerable row without answer groups"))
            continue
        if r.get("derived"):
            continue
        for group in r["answer_contains"]:
            if not any(squash(alt) in corpus_all for alt in group):
                bad.append((r["id"], group))
    assert not bad, bad


def test_enough_yeongdeungpo_rows(rows, corpus):
    ydp = corpus[YDP_FILE]
    n = 0
    for r in rows:
        text = r["question"] + " ".join(r["history"])
        if "영등포" in text or any(squash(e) in ydp for e in r["evidence_contains"]):
            n += 1
    assert n >= MIN_YEONGDEUNGPO, n
