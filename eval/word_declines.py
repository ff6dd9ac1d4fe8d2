"""`python -m eval.word_declines [--only dev,…] [--out eval/results/word_declines.jsonl]`

Every decline on a word ("보고서에 'X' 관련 내용이 없습니다") over the development splits, with what
the question would have got without it: the data `eval.fit_word_gate` fits the word gate on.

One row per declined question: the split, the row id, whether the row is answerable, the word and
its kind (named: the reports never use it; rare: a specific word the answer passages lack), the
gate's features (`assistant.word_gate.gate_features`) and whether the answer given without the
decline is right (`override_ok`). Only development splits are read (never the frozen round's sets).
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from eval.splits import DATASETS, DEFAULT_SPLITS, FINAL_ONLY, LATER_GEN_SPLITS, SHIPPED_SPLITS, GEN_CORPUS, GEN_DEV_DOCS
from settings import DATA_DIR, REPO_ROOT

DEFAULT_OUT = REPO_ROOT / "eval" / "results" / "word_declines.jsonl"


def _split_sources(only: set[str]) -> list[tuple[str, Path, Path | None, Path]]:
    """(split, dataset file, corpus folder to ingest or None for the shipped index, index folder)."""
    out = [(name, DATASETS / f, None, DATA_DIR) for name, f in SHIPPED_SPLITS.items() if name in only]
    if "gen" in only:
        out.append(("gen-dev", DATASETS / "generalization.jsonl", GEN_CORPUS, DATA_DIR / "generalization-index"))
    out += [(name, DATASETS / ds, corpus, DATA_DIR / index) for name, (corpus, index, ds) in LATER_GEN_SPLITS.items() if name in only]
    return [s for s in out if s[1].exists()]


def collect(only: set[str]) -> list[dict]:
    from assistant.service import Assistant, AssistantConfig
    from assistant.word_gate import gate_features
    from eval.dataset import load_dataset
    from eval.scoring import score_row

    events: list[dict] = []
    for split, dataset, corpus, index in _split_sources(only):
        if corpus is not None:
            from ingest.pipeline import run_ingest

            run_ingest(corpus, index)
        bot = Assistant.load(AssistantConfig(data_dir=index)) if corpus is not None else Assistant.load()
        answerer = bot.answerer
        raw = {json.loads(l)["id"]: json.loads(l) for l in dataset.read_text(encoding="utf-8").splitlines() if l.strip()}
        for row in load_dataset(dataset):
            if split == "gen-dev" and raw[row.id].get("doc") not in GEN_DEV_DOCS:
                continue  # gen-test documents are never inspected
            history: list = []
            for i, h in enumerate(row.history, 1):  # one conversation, as in eval.runner
                history.append(bot.ask(h, history=list(history), qid=f"{row.id}#h{i}"))
            answerer.word_events = []
            ans = bot.ask(row.question, history=history, qid=row.id)
            seen = answerer.word_events
            answerer.word_events = None
            if not (ans.abstained and seen):
                continue
            answerer.keep_word_declines = False
            try:
                other = bot.ask(row.question, history=history, qid=row.id)
            finally:
                answerer.keep_word_declines = True
            q, term, kind, scored, hits, chunk_cov = seen[-1]
            events.append({
                "split": split, "id": row.id, "doc": raw[row.id].get("doc", ""), "question": row.question,
                "answerable": row.answerable, "term": term, "kind": kind,
                "features": gate_features(term, q, scored, hits, chunk_cov, bot.retriever.embedder, answerer.bm25).as_dict(),
                "override_ok": bool(score_row(row, other).answer_ok), "override_abstained": other.abstained,
                "override_answer": other.answer[:300],
            })
        print(f"{split}: {sum(e['split'] == split for e in events)}개 거절", file=sys.stderr)
    return events


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m eval.word_declines", description="낱말 때문에 거절한 질문 모으기(개발용 분할만)")
    ap.add_argument("--only", default=DEFAULT_SPLITS)
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = ap.parse_args(argv)
    only = {s.strip() for s in args.only.split(",") if s.strip()} - FINAL_ONLY
    events = collect(only)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text("".join(json.dumps(e, ensure_ascii=False) + "\n" for e in events), encoding="utf-8")
    right = sum(not e["answerable"] for e in events)
    print(f"{len(events)}개 거절: 맞은 거절 {right}, 틀린 거절 {len(events) - right}, "
          f"거절하지 않았으면 맞았을 답 {sum(e['override_ok'] for e in events)} → {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
