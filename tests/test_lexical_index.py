"""The bm25s lexical index on the real index: same scores as the hand-written BM25 it replaced,
a deterministic expansion, tokens stored at ingest, and a refused index from another tokenizer."""
from __future__ import annotations

import json
import math
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from settings import DATA_DIR
from reports.generations import index_dir
from reports.store import load_chunks
from retrieval.bm25 import BM25Index, LexicalIndexStale
from retrieval.korean_tokens import tokenize
from retrieval.lexicon import LEXICAL_DIR, TOKENS_FILE, ChunkTokenStore, load_index

REPO = Path(__file__).resolve().parent.parent
DEV = REPO / "eval" / "datasets" / "dev.jsonl"


@pytest.fixture(scope="module")
def index() -> BM25Index:
    return load_index(DATA_DIR)


@pytest.fixture(scope="module")
def stored_tokens() -> list[list[str]]:
    with open(index_dir(DATA_DIR) / LEXICAL_DIR / TOKENS_FILE, encoding="utf-8") as f:
        return [json.loads(line)["text"] for line in f]


def _dev_questions() -> list[str]:
    return [json.loads(line)["question"] for line in DEV.read_text(encoding="utf-8").splitlines() if line.strip()]


def _reference_scores(doc_tokens: list[list[str]], terms: list[str], k1: float = 1.2, b: float = 0.75) -> list[float]:
    """The implementation this project used before bm25s (Lucene IDF, Robertson TF with k1 + 1)."""
    tfs = [Counter(t) for t in doc_tokens]
    lens = [len(t) for t in doc_tokens]
    avg = sum(lens) / len(lens)
    df: Counter = Counter()
    for tf in tfs:
        df.update(tf.keys())
    n = len(doc_tokens)
    scores = [0.0] * n
    for term in sorted(set(terms)):
        if term not in df:
            continue
        idf = math.log(1 + (n - df[term] + 0.5) / (df[term] + 0.5))
        for i, tf in enumerate(tfs):
            if f := tf.get(term):
                scores[i] += idf * f * (k1 + 1) / (f + k1 * (1 - b + b * lens[i] / avg))
    return scores


def test_scores_equal_the_previous_implementation_on_dev_questions(index, stored_tokens):
    assert len(stored_tokens) == len(index.ids) > 100
    questions = _dev_questions()
    assert len(questions) >= 200
    compared = 0
    for q in questions:
        terms = index.expand(list(tokenize(q)))
        expected = _reference_scores(stored_tokens, terms)
        got = index.scores(q)
        assert got == pytest.approx(expected, rel=1e-9, abs=1e-12), q
        ranked = sorted(((cid, s) for cid, s in zip(index.ids, expected) if s > 0), key=lambda x: -x[1])[:20]
        hits = index.search(q, 20)

        def order(pairs):  # ties (equal to 1e-9) listed by id: float summation order may differ
            return [cid for cid, s in sorted(pairs, key=lambda x: (-round(x[1], 9), x[0]))]

        assert order(hits) == order(ranked), q
        compared += bool(ranked)
    assert compared >= 200  # nearly every dev question has lexical hits


def test_document_frequencies_and_vocabulary(index, stored_tokens):
    df: Counter = Counter()
    for toks in stored_tokens:
        df.update(set(toks))
    assert set(index.vocabulary) == set(df)
    for term in ("달성률", "집행률", "청년", "영등포"):
        assert index.df(term) == df[term] > 0
        assert index._df.get(term, 0) == df[term]  # the old attribute, for callers that read it
    assert index.df("달나라") == 0 and index._df.get("달나라", 0) == 0


def test_expansion_is_sorted_by_its_documented_key(index):
    # A name the index holds glued to its neighbours still finds those words.
    oov = [t for q in _dev_questions() for t in tokenize(q) if len(t) >= 2 and t not in index.vocabulary]
    expanded = {t: index.expand([t]) for t in dict.fromkeys(oov)}
    assert any(expanded.values()), "some dev question term should expand to glued vocabulary words"
    for t, words in expanded.items():
        assert len(words) <= 5
        assert all(t in w for w in words)
        keys = [(len(w), -index.df(w), w) for w in words]
        assert keys == sorted(keys)
        everything = sorted((w for w in index.vocabulary if t in w), key=lambda w: (len(w), -index.df(w), w))
        assert words == everything[:5]


def test_expansion_is_the_same_in_every_process(tmp_path):
    script = (
        "import json\n"
        "from settings import DATA_DIR\n"
        "from retrieval.lexicon import load_index\n"
        "idx = load_index(DATA_DIR)\n"
        "terms = sorted({w[i:i+2] for w in idx.vocabulary if len(w) >= 4 for i in range(len(w) - 1)})[:400]\n"
        "print(json.dumps({t: idx.expand([t]) for t in terms if t not in idx.vocabulary}, ensure_ascii=False))\n"
    )
    outs = []
    for seed in ("1", "2"):
        env = {**__import__("os").environ, "PYTHONHASHSEED": seed, "PYTHONPATH": str(REPO)}
        proc = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, check=True)
        outs.append(proc.stdout)
    assert outs[0] == outs[1]
    assert len(json.loads(outs[0])) > 10


def test_stored_chunk_tokens_equal_fresh_tokenization(index):
    from assistant.extractive import _computed_tokens

    store = ChunkTokenStore(DATA_DIR, index.ids)
    chunks = load_chunks(DATA_DIR)
    assert chunks
    for chunk in chunks:
        assert store.get(chunk.id) == _computed_tokens(chunk), chunk.id


def test_answers_use_stored_tokens_not_kiwi(assistant):
    """Retrieved chunks are scored with the tokens ingest stored: no chunk is re-tokenized."""
    from assistant.extractive import _computed_tokens, _computed_tokens_of

    assistant.ask("경제정책실 5월말 달성률은?")
    before = (_computed_tokens.cache_info().misses, _computed_tokens_of.cache_info().misses)
    for q in ("복지정책실 집행률은?", "청년 일자리 지원 사업은?", "제2차 회의 일시는?", "일자리정책과 인력 과부족은?"):
        assert assistant.ask(q).answer
    assert (_computed_tokens.cache_info().misses, _computed_tokens_of.cache_info().misses) == before


def test_index_from_another_tokenizer_is_refused(tmp_path):
    copy = tmp_path / LEXICAL_DIR
    shutil.copytree(index_dir(DATA_DIR) / LEXICAL_DIR, copy)
    meta = json.loads((copy / "meta.json").read_text(encoding="utf-8"))
    meta["tokenizer"]["version"] = -1
    (copy / "meta.json").write_text(json.dumps(meta, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(LexicalIndexStale, match="python -m ingest"):
        BM25Index.load(copy)
    with pytest.raises(LexicalIndexStale, match="형태소 분석기"):
        ChunkTokenStore(tmp_path, [])


def test_build_save_load_round_trip(tmp_path):
    texts = ["경제정책실 달성률은 54.8%입니다", "복지정책실 집행률 70.7%", "청년 일자리 지원 사업", ""]
    built = BM25Index.build(["a", "b", "c", "d"], texts)
    built.save(tmp_path / "idx")
    loaded = BM25Index.load(tmp_path / "idx")
    assert loaded.ids == ["a", "b", "c", "d"]
    for q in ("달성률", "청년 사업", "집행률은?", "없는말"):
        assert loaded.scores(q) == pytest.approx(built.scores(q))
    assert [cid for cid, _ in loaded.search("달성률")] == ["a"]
    assert loaded.search("청년", allowed={"a", "b"}) == []
    empty = BM25Index.build([], [])
    assert empty.search("청년") == [] and empty.scores("청년") == []
