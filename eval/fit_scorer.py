"""Fit the evidence scorer's weights on the development questions, validated by grouped CV.

    python -m eval.fit_scorer [--write] [--c 0.01,0.1,1,10]

Training questions: `eval/datasets/dev.jsonl` (the shipped reports) and the generalization rows of
the gen-dev documents (see eval/datasets/README.md). Never test.jsonl, never the gen-test documents.

For every question the assistant's extractive answerer scores its candidates (items, table rows,
sentences of the retrieved chunks); a candidate is positive when it holds an expected answer
alternative and its passage holds an expected evidence phrase. A logistic regression over the
features of assistant/scorer.py is fitted; its regularisation C is chosen by cross-validation
grouped (a) by document and (b) by question family, comparing top-1 accuracy (the best-scored
candidate is positive) with the hand weights on the same folds. The abstention threshold on the
best candidate's probability is the highest that keeps false abstention on answerable training
questions ≤ MAX_FALSE_ABSTAIN. `--write` saves assistant/scorer_weights.json with all of this.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
from dataclasses import dataclass

from settings import DATA_DIR, REPO_ROOT

MAX_FALSE_ABSTAIN = 0.02  # the issue allows 0.03 on test; leave room for unseen questions
DEFAULT_CS = (0.01, 0.1, 1.0, 10.0)


@dataclass
class QuestionCandidates:
    qid: str
    doc: str  # document group for CV
    family: str  # question family group for CV
    answerable: bool
    features: list[tuple[float, ...]]
    labels: list[int]


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _label(row: dict, text: str, chunk_text: str) -> int:
    t, c = _squash(text), _squash(chunk_text)
    has_answer = any(len(_squash(a)) >= 2 and _squash(a) in t for group in row["answer_contains"] for a in group)
    has_evidence = not row["evidence_contains"] or any(_squash(e) in c or _squash(e) in t for e in row["evidence_contains"])
    return int(has_answer and has_evidence)


def collect(bot, rows: list[dict], doc_of) -> list[QuestionCandidates]:
    from assistant.types import Answer  # noqa: F401  (history answers are Answer objects)

    out = []
    for row in rows:
        bot.answerer.trace = []
        history = []
        for i, q in enumerate(row.get("history", [])):
            history.append(bot.ask(q, history=list(history), qid=f"{row['id']}#h{i}"))
        bot.answerer.trace = []
        bot.ask(row["question"], history=history, qid=row["id"])
        trace, bot.answerer.trace = bot.answerer.trace, None
        if not trace:
            continue  # answered by a specialist (figures, eligibility): not this scorer's decision
        _, scored = trace[-1]
        labels = [_label(row, e.text, e.chunk.text) for e in scored] if row["answerable"] else [0] * len(scored)
        best_doc = next((e.chunk.doc_id for e, y in zip(scored, labels) if y), scored[0].chunk.doc_id if scored else "")
        out.append(QuestionCandidates(row["id"], doc_of(row, best_doc), row.get("family") or row["category"], row["answerable"],
                                      [e.features for e in scored], labels))
    return out


def with_prior(qs: list[QuestionCandidates]) -> list[QuestionCandidates]:
    """Each candidate's hand score as an extra first feature: the fit starts from the hand weights
    (regularisation shrinks the corrections, not the whole model, towards zero)."""
    from assistant.scorer import hand_scorer

    hand = hand_scorer()
    return [QuestionCandidates(q.qid, q.doc, q.family, q.answerable, [(hand.score(x), *x) for x in q.features], q.labels) for q in qs]


def fold_prior(weights: tuple[float, ...]) -> tuple[float, ...]:
    """Weights over (hand score, features…) as weights over the features alone (the hand score is linear)."""
    from assistant.scorer import hand_scorer

    hand = hand_scorer()
    return tuple(weights[0] * h + w for h, w in zip(hand.weights, weights[1:]))


def _top1(weights, bias, qs: list[QuestionCandidates]) -> float:
    ok = n = 0
    for q in qs:
        if not q.answerable or not any(q.labels):
            continue
        scores = [bias + sum(w * f for w, f in zip(weights, x)) for x in q.features]
        best = max(range(len(scores)), key=scores.__getitem__)
        ok += q.labels[best]
        n += 1
    return ok / n if n else 0.0


HARD_NEGATIVES = 40  # per question, the best-scored (by the hand weights) wrong candidates: the ones that compete


def _pairs(qs: list[QuestionCandidates]):
    """Pairwise ranking data (RankSVM-style): positive − negative feature differences of one question."""
    from assistant.scorer import hand_scorer

    hand = hand_scorer()
    diffs, ys = [], []
    for q in qs:
        pos = [x for x, y in zip(q.features, q.labels) if y]
        if not pos:
            continue
        rank = (lambda x: -x[0]) if len(q.features[0]) > len(hand.weights) else (lambda x: -hand.score(x))
        neg = sorted((x for x, y in zip(q.features, q.labels) if not y), key=rank)[:HARD_NEGATIVES]
        for p in pos:
            for n in neg:
                d = [a - b for a, b in zip(p, n)]
                diffs += [d, [-v for v in d]]
                ys += [1, 0]
    return diffs, ys


def _fit(qs: list[QuestionCandidates], c: float):
    """Weights of a pairwise logistic ranker (no intercept: only differences matter), then a Platt
    bias so that sigmoid(w·x + b) is the probability that a question's best candidate is right."""
    import numpy as np
    from sklearn.linear_model import LogisticRegression

    diffs, ys = _pairs(qs)
    model = LogisticRegression(C=c, fit_intercept=False, max_iter=5000)
    model.fit(np.array(diffs, dtype=float), np.array(ys))
    w = tuple(float(v) for v in model.coef_[0])
    # Calibrate on each question's best candidate: was it right?
    zs, ok = [], []
    for q in qs:
        if not q.features:
            continue
        scores = [sum(a * f for a, f in zip(w, x)) for x in q.features]
        best = max(range(len(scores)), key=scores.__getitem__)
        zs.append([scores[best]])
        ok.append(int(q.answerable and q.labels[best] == 1))
    if len(set(ok)) < 2:
        return w, 0.0
    platt = LogisticRegression(C=1e6, max_iter=2000).fit(np.array(zs), np.array(ok))
    scale, bias = float(platt.coef_[0][0]), float(platt.intercept_[0])
    return tuple(v * scale for v in w), bias


def cross_validate(qs: list[QuestionCandidates], key: str, cs, hand) -> dict:
    groups = sorted({getattr(q, key) for q in qs})
    result = {"groups": len(groups), "hand_top1": 0.0, "by_c": {}, "per_group": {}}
    hand_hits, hand_n = 0.0, 0
    for g in groups:
        held = [q for q in qs if getattr(q, key) == g]
        n = sum(1 for q in held if q.answerable and any(q.labels))
        hand_hits += _top1(_hand_weights(hand, held), hand.bias, held) * n
        hand_n += n
    result["hand_top1"] = round(hand_hits / hand_n, 4) if hand_n else 0.0
    for c in cs:
        hits, total = 0.0, 0
        for g in groups:
            train = [q for q in qs if getattr(q, key) != g]
            held = [q for q in qs if getattr(q, key) == g]
            if not any(v for q in train for v in q.labels):
                continue
            w, b = _fit(train, c)
            n = sum(1 for q in held if q.answerable and any(q.labels))
            hits += _top1(w, b, held) * n
            total += n
            if key == "doc":
                result["per_group"].setdefault(g, {"n": n, "hand": round(_top1(_hand_weights(hand, held), hand.bias, held), 3)})[str(c)] = round(_top1(w, b, held), 3)
        result["by_c"][str(c)] = round(hits / total, 4) if total else 0.0
    return result


def _hand_weights(hand, qs: list[QuestionCandidates]) -> tuple[float, ...]:
    """The hand weights over these candidates' features (with a prior column: weight 1 on it, 0 elsewhere)."""
    if qs and qs[0].features and len(qs[0].features[0]) > len(hand.weights):
        return (1.0,) + (0.0,) * len(hand.weights)
    return hand.weights


def abstain_threshold(weights, bias, qs: list[QuestionCandidates]) -> tuple[float, dict]:
    import math

    def best_p(q):
        zs = [bias + sum(w * f for w, f in zip(weights, x)) for x in q.features]
        return 1 / (1 + math.exp(-max(-30, min(30, max(zs))))) if zs else 0.0

    answerable = sorted(best_p(q) for q in qs if q.answerable and any(q.labels))
    unanswerable = [best_p(q) for q in qs if not q.answerable]
    if not answerable:
        return 0.0, {}
    k = int(MAX_FALSE_ABSTAIN * len(answerable))  # this many answerable questions may fall below
    tau = answerable[k] - 1e-9 if k < len(answerable) else 0.0
    caught = sum(p < tau for p in unanswerable) / len(unanswerable) if unanswerable else 0.0
    return max(0.0, tau), {"false_abstain_train": round(k / len(answerable), 4), "unanswerable_caught_train": round(caught, 4)}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m eval.fit_scorer", description="근거 채점 가중치를 dev 질문으로 맞춥니다(교차 검증).")
    ap.add_argument("--write", action="store_true", help="assistant/scorer_weights.json에 저장")
    ap.add_argument("--prior", action="store_true", help="손으로 정한 점수를 첫 특징으로 두고 보정만 학습")
    ap.add_argument("--c", default=",".join(str(c) for c in DEFAULT_CS), help="시험할 정규화 강도 C 목록")
    args = ap.parse_args(argv)
    cs = [float(c) for c in args.c.split(",")]

    from assistant.scorer import FEATURES, hand_scorer
    from assistant.service import Assistant, AssistantConfig
    from eval.splits import GEN_CORPUS, GEN_DEV_DOCS
    from ingest.pipeline import run_ingest

    def rows_of(path):
        return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]

    datasets = REPO_ROOT / "eval" / "datasets"
    # Training questions: dev, round 1's test split (run once on 2026-12-01, a development split since)
    # and the conversations. Never the round-2 frozen files (eval/datasets/frozen.json).
    dev = rows_of(datasets / "dev.jsonl") + rows_of(datasets / "test.jsonl") + rows_of(datasets / "conversations.jsonl")
    gen = [r for r in rows_of(datasets / "generalization.jsonl") if r.get("doc") in GEN_DEV_DOCS]
    bot = Assistant.load()
    bot.answerer.scorer = hand_scorer()  # candidates and features do not depend on the weights
    qs = collect(bot, dev, lambda row, doc: doc)
    gen_data = DATA_DIR / "generalization-index"
    run_ingest(GEN_CORPUS, gen_data)
    gbot = Assistant.load(AssistantConfig(data_dir=gen_data))
    gbot.answerer.scorer = hand_scorer()
    qs += collect(gbot, gen, lambda row, doc: row["doc"])
    hand = hand_scorer()
    if args.prior:
        qs = with_prior(qs)
    print(f"질문 {len(qs)}개, 후보 {sum(len(q.labels) for q in qs)}개, 정답 후보 {sum(sum(q.labels) for q in qs)}개", file=sys.stderr)
    cv_doc = cross_validate(qs, "doc", cs, hand)
    cv_family = cross_validate(qs, "family", cs, hand)
    # C: best mean of the two groupings.
    best_c = max(cs, key=lambda c: cv_doc["by_c"].get(str(c), 0) + cv_family["by_c"].get(str(c), 0))
    weights, bias = _fit(qs, best_c)
    tau, abstain = abstain_threshold(weights, bias, qs)
    if args.prior:
        weights = fold_prior(weights)
    report = {
        "cv_by_document": cv_doc, "cv_by_family": cv_family, "chosen_c": best_c, "abstain_below": round(tau, 4), **abstain,
        "train_top1_hand": round(_top1(_hand_weights(hand, qs), hand.bias, qs), 4),
    }
    print(json.dumps(report, ensure_ascii=False, indent=1))
    for name, w in zip(FEATURES, weights):
        print(f"  {name:16s} {w:+.3f}")
    if args.write:
        from assistant.scorer import WEIGHTS_FILE

        payload = {
            "kind": "logistic", "features": list(FEATURES), "weights": [round(w, 5) for w in weights], "bias": round(bias, 5),
            "note": "fitted by python -m eval.fit_scorer on dev.jsonl + gen-dev documents; C chosen by CV grouped by document and by family",
            "extra": report,
        }
        WEIGHTS_FILE.write_text(json.dumps(payload, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        print(f"저장: {WEIGHTS_FILE}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
