"""Every split side by side: dev (tuned on) beside test and the generalization documents (never tuned on).

    python -m eval.splits [--only dev,test-r1,conversations,test-r2,…,test-r5,gen,gen-r2,…,gen-r5] [--final] [--out DIR]

- dev / test-r1 / conversations / test-r2 … test-r11 (and test-r12 with --final) run on the shipped index
  (`JOBS_DATA_DIR`, built by `python -m ingest`);
- the generalization sets run on their own indexes, built here from `eval/generalization/corpus/`
  (round 1) into `<data>/generalization-index/`, and from `eval/generalization/corpus_rN/` (round N) into
  `<data>/generalization-rN-index/` (incremental: a second run re-embeds nothing).
A frozen set is measured with --final once, at the end of its round, and is a development split after:
rounds 2 to 5's sets were (2026-12-02), round 6's and 7's (2026-12-03); round 8's (2026-12-03, session 8), round 9's (2026-12-03, session 9), round 10's (2026-12-04, session 10), round 11's (2026-12-04, session 11);
round 12's test_r12/generalization_r12 are frozen now
(eval/datasets/frozen.json). gen-test (round 1's unseen generalization documents) is measured only
with --final and never inspected. Each split's rows are also written to <out>/<split>.json.
The report puts each category's accuracy in one row across the splits, so overfitting shows at a
glance (a category far better on dev than on test was fitted to dev).
"""
from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from settings import DATA_DIR, REPO_ROOT

DATASETS = REPO_ROOT / "eval" / "datasets"
GEN_CORPUS = REPO_ROOT / "eval" / "generalization" / "corpus"
# Shipped-index splits: name → file. test-r1 was round 1's frozen test (run once on 2026-12-01); it is a
# development split since, and so are rounds 2 to 5's sets (each run once with --final on 2026-12-02).
# round 6's and 7's sets were run once with --final on 2026-12-03 and are development splits since.
# round 8's sets were run once with --final on 2026-12-03 (session 8) and are development splits since.
# round 9's sets were run once with --final on 2026-12-03 (session 9) and are development splits since.
# round 10's sets were run once with --final on 2026-12-04 (session 10) and are development splits since.
# round 11's sets were run once with --final on 2026-12-04 (session 11) and are development splits since.
# test-r12/gen-r12 are round 12's frozen sets, measured only with --final.
SHIPPED_SPLITS = {"dev": "dev.jsonl", "test-r1": "test.jsonl", "conversations": "conversations.jsonl", "test-r2": "test_r2.jsonl",
                  "test-r3": "test_r3.jsonl", "test-r4": "test_r4.jsonl", "test-r5": "test_r5.jsonl",
                  "test-r6": "test_r6.jsonl", "test-r7": "test_r7.jsonl", "test-r8": "test_r8.jsonl",
                  "test-r9": "test_r9.jsonl", "test-r10": "test_r10.jsonl",
                  "test-r11": "test_r11.jsonl", "test-r12": "test_r12.jsonl"}
# Later rounds' generalization sets: split name → (corpus folder, index folder under DATA_DIR, dataset file).
LATER_GEN_SPLITS = {f"gen-r{n}": (REPO_ROOT / "eval" / "generalization" / f"corpus_r{n}", f"generalization-r{n}-index",
                                  f"generalization_r{n}.jsonl") for n in range(2, 13)}
FINAL_ONLY = {"test-r12", "gen-r12"}
DEFAULT_SPLITS = ("dev,test-r1,conversations,test-r2,test-r3,test-r4,test-r5,test-r6,test-r7,test-r8,test-r9,test-r10,test-r11,"
                  "gen,gen-r2,gen-r3,gen-r4,gen-r5,gen-r6,gen-r7,gen-r8,gen-r9,gen-r10,gen-r11")
# The generalization documents whose failures may be read while developing (see eval/datasets/README.md);
# the others are gen-test: measured, never inspected.
GEN_DEV_DOCS = ("dangjin-city-jobs-web-pages.txt", "whatsnew-2026-welfare-employment.md", "job-seeker-employment-promotion-act.md")
METRICS = ("answer_acc", "citation_acc", "hit5", "abstain_acc", "false_abstain")
LABELS = {"answer_acc": "답변 정확도", "citation_acc": "인용 정확도", "hit5": "검색 적중@5",
          "abstain_acc": "답변 불가 판정", "false_abstain": "잘못된 거절"}


@dataclass
class SplitResult:
    name: str
    scores: list  # eval.scoring.RowScore
    n: int
    rows: list  # eval.runner.RowResult


def _raw_rows(path: Path) -> dict[str, dict]:
    return {json.loads(line)["id"]: json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()}


def _run(bot, path: Path) -> list:
    from eval.dataset import load_dataset
    from eval.runner import run_dataset

    class _Pipe:
        name = "assistant"

        def ask(self, question, history=None, qid="", mode=None):
            return bot.ask(question, history=history, qid=qid, mode=mode)

    return run_dataset(_Pipe(), load_dataset(path), progress=None)


def run_splits(only: set[str]) -> list[SplitResult]:
    from assistant.service import Assistant, AssistantConfig

    out: list[SplitResult] = []
    shipped = [name for name in SHIPPED_SPLITS if name in only and (DATASETS / SHIPPED_SPLITS[name]).exists()]
    if shipped:
        bot = Assistant.load()
        for name in shipped:
            results = _run(bot, DATASETS / SHIPPED_SPLITS[name])
            out.append(SplitResult(name, [r.score for r in results], len(results), results))
    if "gen" in only:
        from ingest.pipeline import run_ingest

        gen_data = DATA_DIR / "generalization-index"
        run_ingest(GEN_CORPUS, gen_data)
        bot = Assistant.load(AssistantConfig(data_dir=gen_data))
        path = DATASETS / "generalization.jsonl"
        raw = _raw_rows(path)
        results = _run(bot, path)
        for name, keep in (("gen-dev", True), ("gen-test", False)):
            part = [r for r in results if (raw[r.row.id].get("doc") in GEN_DEV_DOCS) == keep]
            out.append(SplitResult(name, [r.score for r in part], len(part), part))
    # Later rounds' generalization sets: each on its own index, built here from its corpus folder.
    for name, (corpus, index, dataset) in LATER_GEN_SPLITS.items():
        if name not in only or not (DATASETS / dataset).exists():
            continue
        from ingest.pipeline import run_ingest

        gen_data = DATA_DIR / index
        run_ingest(corpus, gen_data)
        bot = Assistant.load(AssistantConfig(data_dir=gen_data))
        results = _run(bot, DATASETS / dataset)
        out.append(SplitResult(name, [r.score for r in results], len(results), results))
    return out


def _pct(v) -> str:
    return "-" if v is None else f"{100 * v:.1f}%"


def render(results: list[SplitResult]) -> str:
    from eval.scoring import aggregate, by_category

    names = [r.name for r in results]
    lines = ["| 지표 | " + " | ".join(f"{r.name} ({r.n})" for r in results) + " |", "|---|" + "---:|" * len(results)]
    aggs = [aggregate(r.scores) for r in results]
    for key in METRICS:
        lines.append(f"| {LABELS[key]} | " + " | ".join(_pct(a.get(key)) for a in aggs) + " |")
    cats = [by_category(r.scores) for r in results]
    all_cats = sorted({c for cat in cats for c in cat})
    lines += ["", "분류별 답변 정확도 (답변 불가 분류는 거절 정확도), 괄호 안은 문항 수", "",
              "| 분류 | " + " | ".join(names) + " |", "|---|" + "---:|" * len(results)]
    for c in all_cats:
        cells = []
        for cat in cats:
            m = cat.get(c)
            if not m:
                cells.append("")
                continue
            v = m.get("abstain_acc") if c == "unanswerable" else m.get("answer_acc")
            cells.append(f"{_pct(v)} ({m['n']})")
        lines.append(f"| {c} | " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m eval.splits", description="dev·test·일반화 세트를 나란히 평가합니다.")
    ap.add_argument("--only", default=DEFAULT_SPLITS, help=f"쉼표로 구분: {DEFAULT_SPLITS}")
    ap.add_argument("--final", action="store_true",
                    help="동결한 12차 세트(test-r12, gen-r12)와 gen-test 문서도 잽니다(개발 중에는 쓰지 말고 라운드 마지막에 한 번만)")
    ap.add_argument("--out", default="", help="보고서 폴더 (기본: eval/reports/splits-<시각>/)")
    args = ap.parse_args(argv)
    only = {s.strip() for s in args.only.split(",") if s.strip()}
    if args.final:
        only |= FINAL_ONLY
    elif only & FINAL_ONLY:
        print("동결한 12차 세트(test-r12, gen-r12)는 --final로만 잽니다(라운드 마지막에 한 번).", file=sys.stderr)
        only -= FINAL_ONLY
    results = run_splits(only)
    if not args.final:
        results = [r for r in results if r.name != "gen-test"]
    text = render(results)
    out = Path(args.out) if args.out else REPO_ROOT / "eval" / "reports" / f"splits-{datetime.now():%Y%m%d-%H%M%S}"
    out.mkdir(parents=True, exist_ok=True)
    (out / "splits.md").write_text(text, encoding="utf-8")
    from eval.report_json import row_to_dict

    for r in results:  # per-row records, so two runs can be compared question by question
        (out / f"{r.name}.json").write_text(json.dumps([row_to_dict(x) for x in r.rows], ensure_ascii=False, indent=1) + "\n",
                                            encoding="utf-8")
    print(text)
    print(f"보고서: {out / 'splits.md'}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
