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


# ---------------------------------------------------------------------------
# Round-2 and round-3 frozen held-out sets (eval/datasets/frozen.json): the same
# format rules as dev, plus family / per-document minimums from the round briefs
# and a sha256 check, so a frozen file cannot change unnoticed.
# ---------------------------------------------------------------------------
import hashlib

DATASETS = ROOT / "eval" / "datasets"
FROZEN = DATASETS / "frozen.json"
GEN_R2_CORPUS = ROOT / "eval" / "generalization" / "corpus_r2"
GEN_R3_CORPUS = ROOT / "eval" / "generalization" / "corpus_r3"
GEN_R4_CORPUS = ROOT / "eval" / "generalization" / "corpus_r4"
GEN_R5_CORPUS = ROOT / "eval" / "generalization" / "corpus_r5"
GEN_R6_CORPUS = ROOT / "eval" / "generalization" / "corpus_r6"
GEN_R7_CORPUS = ROOT / "eval" / "generalization" / "corpus_r7"
GEN_R8_CORPUS = ROOT / "eval" / "generalization" / "corpus_r8"
GEN_R9_CORPUS = ROOT / "eval" / "generalization" / "corpus_r9"
GEN_R10_CORPUS = ROOT / "eval" / "generalization" / "corpus_r10"
GEN_R11_CORPUS = ROOT / "eval" / "generalization" / "corpus_r11"
GEN_R12_CORPUS = ROOT / "eval" / "generalization" / "corpus_r12"
# Generalization set name -> the folder of its own documents (rows name one by "doc").
GEN_CORPORA = {"generalization_r2": GEN_R2_CORPUS, "generalization_r3": GEN_R3_CORPUS, "generalization_r4": GEN_R4_CORPUS,
               "generalization_r5": GEN_R5_CORPUS, "generalization_r6": GEN_R6_CORPUS,
               "generalization_r7": GEN_R7_CORPUS, "generalization_r8": GEN_R8_CORPUS,
               "generalization_r9": GEN_R9_CORPUS, "generalization_r10": GEN_R10_CORPUS,
               "generalization_r11": GEN_R11_CORPUS,
               "generalization_r12": GEN_R12_CORPUS}
ROUND2_KEYS = REQUIRED_KEYS | {"family"}

# Minimum rows per family, as the round-2 brief asked for them.
TEST_R2_FAMILY_MIN = {
    "two_part": 12, "table_cell": 15, "roster": 6, "group_comparison": 6, "basis": 6,
    "exact_date": 6, "condition": 8, "everyday_words": 8, "figure": 10, "comparison": 6,
    "program_detail": 6, "followup": 5, "unanswerable": 12,
}
ROUND2_SETS = {
    # name: (file, id pattern, minimum rows)
    "test_r2": ("test_r2.jsonl", r"t2-\d{3,}", 100),
    "generalization_r2": ("generalization_r2.jsonl", r"g2-\d{3,}", 60),
    "test_r3": ("test_r3.jsonl", r"t3-\d{3,}", 120),
    "generalization_r3": ("generalization_r3.jsonl", r"g3-\d{3,}", 60),
    "test_r4": ("test_r4.jsonl", r"t4-\d{3,}", 130),
    "generalization_r4": ("generalization_r4.jsonl", r"g4-\d{3,}", 70),
    "test_r5": ("test_r5.jsonl", r"t5-\d{3,}", 130),
    "generalization_r5": ("generalization_r5.jsonl", r"g5-\d{3,}", 70),
    "generalization_r6": ("generalization_r6.jsonl", r"g6-\d{3,}", 80),
    "test_r6": ("test_r6.jsonl", r"t6-\d{3,}", 130),
    "generalization_r7": ("generalization_r7.jsonl", r"g7-\d{3,}", 85),
    "test_r7": ("test_r7.jsonl", r"t7-\d{3,}", 150),
    "generalization_r8": ("generalization_r8.jsonl", r"g8-\d{3,}", 85),
    "test_r8": ("test_r8.jsonl", r"t8-\d{3,}", 150),
    "generalization_r9": ("generalization_r9.jsonl", r"g9-\d{3,}", 85),
    "test_r9": ("test_r9.jsonl", r"t9-\d{3,}", 150),
    "generalization_r10": ("generalization_r10.jsonl", r"g10-\d{3,}", 90),
    "test_r10": ("test_r10.jsonl", r"t10-\d{3,}", 150),
    "generalization_r11": ("generalization_r11.jsonl", r"g11-\d{3,}", 90),
    "test_r11": ("test_r11.jsonl", r"t11-\d{3,}", 150),
    "generalization_r12": ("generalization_r12.jsonl", r"g12-\d{3,}", 90),
    "test_r12": ("test_r12.jsonl", r"t12-\d{3,}", 150),
}
# Round 3 keeps round 2's family minimums for its test set.
TEST_FAMILY_MIN = {"test_r2": TEST_R2_FAMILY_MIN, "test_r3": TEST_R2_FAMILY_MIN, "test_r4": TEST_R2_FAMILY_MIN, "test_r5": TEST_R2_FAMILY_MIN,
                   "test_r6": TEST_R2_FAMILY_MIN, "test_r7": TEST_R2_FAMILY_MIN, "test_r8": TEST_R2_FAMILY_MIN,
                   "test_r9": TEST_R2_FAMILY_MIN, "test_r10": TEST_R2_FAMILY_MIN, "test_r11": TEST_R2_FAMILY_MIN, "test_r12": TEST_R2_FAMILY_MIN}
GEN_R2_MIN_PER_DOC = 12
GEN_R2_MIN_UNANSWERABLE = 8


def _load_jsonl(path: Path) -> list[dict]:
    out = []
    with path.open(encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            assert line.strip(), f"{path.name}: blank line {n}"
            obj = json.loads(line)
            assert isinstance(obj, dict), f"{path.name}: line {n} is not an object"
            out.append(obj)
    return out


@pytest.fixture(scope="module", params=sorted(ROUND2_SETS))
def round2(request):
    fname, id_pattern, min_rows = ROUND2_SETS[request.param]
    path = DATASETS / fname
    assert path.exists(), f"missing {path}"
    return request.param, _load_jsonl(path), id_pattern, min_rows


def _docs_in(folder: Path) -> dict[str, str]:
    files = sorted(p for p in folder.iterdir() if p.is_file())
    assert len(files) >= 3, files
    return {p.name: squash(p.read_text(encoding="utf-8")) for p in files}


@pytest.fixture(scope="module")
def gen_docs():
    """Generalization set name -> {document file name: squashed text}."""
    return {name: _docs_in(folder) for name, folder in GEN_CORPORA.items()}


def _texts_for(name, row, corpus_all, gen_docs):
    """The text a row's evidence and answers must come from: its own document for a generalization row."""
    if name in gen_docs:
        docs = gen_docs[name]
        assert row.get("doc") in docs, (row["id"], row.get("doc"))
        return docs[row["doc"]]
    return corpus_all


def test_round2_ids_schema_and_rules(round2):
    name, rows, id_pattern, min_rows = round2
    assert len(rows) >= min_rows, (name, len(rows))
    ids = [r.get("id") for r in rows]
    assert len(ids) == len(set(ids)), [i for i, c in Counter(ids).items() if c > 1]
    keys_q = [(tuple(r.get("history", [])), squash(r.get("question", ""))) for r in rows]
    assert len(keys_q) == len(set(keys_q)), [k for k, c in Counter(keys_q).items() if c > 1]
    is_gen = name in GEN_CORPORA
    allowed = ROUND2_KEYS | OPTIONAL_KEYS | ({"doc"} if is_gen else set())
    for r in rows:
        rid = r.get("id")
        assert isinstance(rid, str) and re.fullmatch(id_pattern, rid), (name, rid)
        keys = set(r)
        need = ROUND2_KEYS | ({"doc"} if is_gen else set())
        assert need <= keys, (rid, need - keys)
        assert keys <= allowed, (rid, keys - allowed)
        assert r["category"] in MIN_COUNTS, (rid, r["category"])
        assert isinstance(r["family"], str) and r["family"], rid
        assert isinstance(r["question"], str) and r["question"].strip(), rid
        assert isinstance(r["answerable"], bool), rid
        assert r["answerable"] == (r["category"] != "unanswerable"), rid
        assert (r["family"] == "unanswerable") == (not r["answerable"]), rid
        for group in r["answer_contains"]:
            assert isinstance(group, list) and group, (rid, group)
            for alt in group:
                assert isinstance(alt, str) and len(squash(alt)) >= 2, (rid, alt)
        assert all(isinstance(e, str) for e in r["evidence_contains"]), rid
        assert all(isinstance(h, str) and h.strip() for h in r["history"]), rid
        if r["category"] == "followup":
            assert r["history"], (rid, "followup rows need history")
        else:
            assert r["history"] == [], (rid, "history only on followup rows")
        if not r["answerable"]:
            assert r["answer_contains"] == [] and r["evidence_contains"] == [], rid
        if "derived" in r:
            assert r["derived"] is True and r["category"] == "comparison", rid


def test_round2_evidence_and_answers_in_source(round2, corpus_all, gen_docs):
    name, rows, _, _ = round2
    bad = []
    for r in rows:
        if not r["answerable"]:
            continue
        text = _texts_for(name, r, corpus_all, gen_docs)
        ev = r["evidence_contains"]
        if not 1 <= len(ev) <= 3:
            bad.append((r["id"], "needs 1-3 snippets", ev))
        for snippet in ev:
            s = squash(snippet)
            if not 4 <= len(s) <= 30:
                bad.append((r["id"], "length", snippet))
            elif s not in text:
                bad.append((r["id"], "evidence not in source", snippet))
        if not r["answer_contains"]:
            bad.append((r["id"], "answerable row without answer groups"))
        elif not r.get("derived"):
            for group in r["answer_contains"]:
                if not any(squash(alt) in text for alt in group):
                    bad.append((r["id"], "answer not in source", group))
    assert not bad, bad


@pytest.mark.parametrize("name", sorted(TEST_FAMILY_MIN))
def test_test_family_counts(name):
    rows = _load_jsonl(DATASETS / ROUND2_SETS[name][0])
    counts = Counter(r["family"] for r in rows)
    short = {f: (counts[f], m) for f, m in TEST_FAMILY_MIN[name].items() if counts[f] < m}
    assert not short, (name, short)


@pytest.mark.parametrize("name", sorted(GEN_CORPORA))
def test_generalization_per_document(name, gen_docs):
    rows = _load_jsonl(DATASETS / ROUND2_SETS[name][0])
    docs = gen_docs[name]
    per_doc = Counter(r["doc"] for r in rows)
    assert set(per_doc) == set(docs), (name, set(per_doc) ^ set(docs))
    assert all(n >= GEN_R2_MIN_PER_DOC for n in per_doc.values()), (name, per_doc)
    assert sum(not r["answerable"] for r in rows) >= GEN_R2_MIN_UNANSWERABLE, name


def test_frozen_sha256_unchanged():
    frozen = json.loads(FROZEN.read_text(encoding="utf-8"))
    assert frozen.get("frozen") and frozen.get("note"), frozen
    files = frozen["files"]
    expected = {f"eval/datasets/{fname}" for fname, _, _ in ROUND2_SETS.values()}
    for folder in GEN_CORPORA.values():
        expected |= {str(p.relative_to(ROOT)) for p in folder.iterdir() if p.is_file()}
    expected |= {f"eval/datasets/{fname}" for fname in FROZEN_PERSONA_SETS}
    assert set(files) == expected, set(files) ^ expected
    changed = {f: h for f, h in files.items()
               if hashlib.sha256((ROOT / f).read_bytes()).hexdigest() != h}
    assert not changed, f"frozen files changed (fix only factual errors, then update frozen.json with a reason): {changed}"


# ---------------------------------------------------------------------------
# Frozen eligibility personas (issue 12): written from the documents before the
# profile-reading changes, hashed in frozen.json, run once at the end.
# ---------------------------------------------------------------------------
FROZEN_PERSONA_SETS = {"personas_test2.jsonl": 60, "personas_test3.jsonl": 60, "personas_test4.jsonl": 60, "personas_test5.jsonl": 60,
                       "personas_test6.jsonl": 64, "personas_test7.jsonl": 64,
                       "personas_test8.jsonl": 64, "personas_test9.jsonl": 64,
                       "personas_test10.jsonl": 64, "personas_test11.jsonl": 64}  # file: minimum rows (the issue asks for >= 60)
PERSONA_KEYS = {"id", "question", "profile", "eligible", "not_eligible", "maybe", "note", "family"}
PERSONA_GUIDE_DIR = ROOT / "eval" / "generalization" / "corpus"
PERSONA_PROFILE_KEYS = {"age", "age_min", "age_max", "residence", "groups", "gender", "income_pct", "property_won",
                        "experience_years", "has_certificate", "not_groups", "businesses", "birth_year", "business_years",
                        # facts the profile model does not hold (personas_test5): documented, ignored by the evaluator
                        "completed_training", "business_location", "employees", "major"}


@pytest.mark.parametrize("fname", sorted(FROZEN_PERSONA_SETS))
def test_frozen_personas_schema(fname, corpus_all):
    rows = _load_jsonl(DATASETS / fname)
    assert len(rows) >= FROZEN_PERSONA_SETS[fname], len(rows)
    ids = [r["id"] for r in rows]
    assert len(ids) == len(set(ids))
    assert len({squash(r["question"]) for r in rows}) == len(rows), "duplicate questions"
    docs = Counter(r.get("doc", "") for r in rows)
    assert docs[""] > 0 and len(docs) >= 2, docs  # the two reports and at least one guide-style document
    bad = []
    for r in rows:
        keys = set(r)
        if not PERSONA_KEYS <= keys <= PERSONA_KEYS | {"doc"}:
            bad.append((r["id"], "keys", keys ^ PERSONA_KEYS))
        if not set(r["profile"]) <= PERSONA_PROFILE_KEYS:
            bad.append((r["id"], "profile keys", set(r["profile"]) - PERSONA_PROFILE_KEYS))
        text = squash((PERSONA_GUIDE_DIR / r["doc"]).read_text(encoding="utf-8")) if r.get("doc") else corpus_all
        lists = [set(r[k]) for k in ("eligible", "not_eligible", "maybe")]
        if lists[0] & lists[1] or lists[0] & lists[2] or lists[1] & lists[2]:
            bad.append((r["id"], "a program in two lists"))
        for name in set().union(*lists):
            if squash(name) not in text:  # a program name is written in its document
                bad.append((r["id"], "program not in document", name))
    assert not bad, bad
    assert sum(not r["eligible"] for r in rows) >= 3, "include personas whose correct list is empty"
