"""Fit the answer-or-decline model (assistant/abstention.py) on the development splits.

    python -m eval.fit_abstainer [--write] [--samples FILE]

Runs every development split (never a frozen one, never gen-test) with the answerer forced to answer
(only the unambiguous scope rules decline), so each question's answer is known whether or not the rules
would have declined it. For each question the generic answerer handles it records the signals at its
decision, what the rules would have done, and whether the forced answer is right. A logistic regression
(scikit-learn, standardised features, balanced classes) predicts "answering is wrong" (an unanswerable
question, or an answerable one whose answer is wrong). Validation is leave-one-split-out: each split is
predicted by a model fitted on the others, so a split written by other people about other documents is
judged by weights it did not shape. The threshold is the one that maximises the cross-validated number
of right outcomes (unanswerable declined + answerable answered right). The report compares the rules and
the model split by split; --write saves the model fitted on all splits.
"""
from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass

from settings import DATA_DIR

from eval.splits import DATASETS, FINAL_ONLY, GEN_CORPUS, GEN_DEV_DOCS, LATER_GEN_SPLITS, SHIPPED_SPLITS

C_REGULARISATION = 1.0  # scikit-learn's default; 0.1 and 10 gave the same CV within 0.5 point (see --c)


@dataclass
class Sample:
    split: str
    qid: str
    signals: list[float]
    rules_decline: bool
    unanswerable: bool
    answer_ok: bool = False  # the forced answer is right (answerable rows)

    def right_if(self, decline: bool) -> bool:
        return self.unanswerable if decline else (not self.unanswerable and self.answer_ok)


def _collect(bot, split: str, path, keep=None) -> list[Sample]:
    from eval.dataset import load_dataset
    from eval.runner import run_row

    log: list = []
    bot.answerer.signal_log = log
    bot.answerer.abstainer = None
    bot.answerer.force_answer = True  # every answer is seen, also where the rules would decline

    class _Pipe:
        name = "assistant"
        start = 0

        def ask(self, question, history=None, qid="", mode=None):
            self.start = len(log)
            return bot.ask(question, history=history, qid=qid, mode=mode)

    pipe = _Pipe()
    out = []
    for row in load_dataset(path):
        if keep is not None and not keep(row):
            continue
        result = run_row(pipe, row, None)
        mine = log[pipe.start:]
        if not mine:
            continue  # a specialist or the conversation layer answered: not this model's decision
        _, signals, rules = mine[-1]
        out.append(Sample(split, row.id, signals.vector(), rules, not row.answerable,
                          bool(row.answerable and result.score.answer_ok and not result.answer.abstained)))
    bot.answerer.signal_log = None
    bot.answerer.force_answer = False
    return out


def collect() -> list[Sample]:
    from assistant.service import Assistant, AssistantConfig
    from ingest.pipeline import run_ingest

    samples: list[Sample] = []
    bot = Assistant.load()
    for name, fname in SHIPPED_SPLITS.items():
        if name in FINAL_ONLY:
            continue  # a frozen set is never fitted on
        samples += _collect(bot, name, DATASETS / fname)
        print(f"{name}: {len(samples)}", file=sys.stderr)
    gen_data = DATA_DIR / "generalization-index"
    run_ingest(GEN_CORPUS, gen_data)
    raw = {json.loads(x)["id"]: json.loads(x) for x in (DATASETS / "generalization.jsonl").read_text(encoding="utf-8").splitlines() if x.strip()}
    samples += _collect(Assistant.load(AssistantConfig(data_dir=gen_data)), "gen-dev", DATASETS / "generalization.jsonl",
                        keep=lambda row: raw[row.id].get("doc") in GEN_DEV_DOCS)
    for name, (corpus, index, dataset) in LATER_GEN_SPLITS.items():
        if name in FINAL_ONLY or not (DATASETS / dataset).exists():
            continue
        run_ingest(corpus, DATA_DIR / index)
        samples += _collect(Assistant.load(AssistantConfig(data_dir=DATA_DIR / index)), name, DATASETS / dataset)
        print(f"{name}: {len(samples)}", file=sys.stderr)
    return samples


def _fit(x, y, c: float):
    from sklearn.linear_model import LogisticRegression
    from sklearn.preprocessing import StandardScaler

    scaler = StandardScaler().fit(x)
    model = LogisticRegression(C=c, class_weight="balanced", max_iter=1000).fit(scaler.transform(x), y)
    return scaler, model


def _rates(decline, unanswerable) -> tuple[float, float, int, int]:
    """(unanswerable declined, answerable declined, n unanswerable, n answerable)."""
    un = [d for d, u in zip(decline, unanswerable) if u]
    an = [d for d, u in zip(decline, unanswerable) if not u]
    return (sum(un) / len(un) if un else float("nan"), sum(an) / len(an) if an else float("nan"), len(un), len(an))


def _right(samples: list[Sample], decline) -> int:
    return sum(s.right_if(bool(d)) for s, d in zip(samples, decline))


def _labels(samples: list[Sample]):
    import numpy as np

    return np.array([not s.right_if(False) for s in samples], dtype=int)  # 1: answering is wrong


def cross_validate(samples: list[Sample], c: float):
    """Out-of-fold P(answering is wrong) and the threshold with the most right outcomes on them."""
    import numpy as np

    x = np.array([s.signals for s in samples])
    y = _labels(samples)
    groups = np.array([s.split for s in samples])
    oof = np.zeros(len(samples))
    for g in sorted(set(groups)):
        train, test = groups != g, groups == g
        if y[train].min() == y[train].max():
            continue
        scaler, model = _fit(x[train], y[train], c)
        oof[test] = model.predict_proba(scaler.transform(x[test]))[:, 1]
    best_t, best_right = 0.5, -1
    for t in np.linspace(0.05, 0.95, 91):
        right = _right(samples, oof >= t)
        if right > best_right:
            best_t, best_right = float(t), right
    return oof, best_t, best_right


def main(argv: list[str] | None = None) -> int:
    import numpy as np

    from assistant.abstention import FEATURES, MODEL_PATH, AbstentionModel

    ap = argparse.ArgumentParser(prog="python -m eval.fit_abstainer", description="답변/거절 판정 모델을 개발용 세트로 맞춥니다.")
    ap.add_argument("--write", action="store_true", help="모든 개발 세트로 맞춘 모델을 assistant/abstention_model.json에 저장")
    ap.add_argument("--c", type=float, default=C_REGULARISATION, help="로지스틱 회귀의 C (정규화 세기의 역수)")
    ap.add_argument("--samples", default="", help="모은 신호를 이 JSON 파일에 저장하거나(없으면) 다시 읽음(있으면)")
    args = ap.parse_args(argv)
    from pathlib import Path

    cache = Path(args.samples) if args.samples else None
    if cache and cache.exists():
        samples = [Sample(**d) for d in json.loads(cache.read_text(encoding="utf-8"))]
    else:
        samples = collect()
        if cache:
            cache.write_text(json.dumps([s.__dict__ for s in samples]), encoding="utf-8")
    oof, threshold, right = cross_validate(samples, args.c)
    y = np.array([s.unanswerable for s in samples])
    rules = np.array([s.rules_decline for s in samples])
    print(f"표본 {len(samples)}개(답변 불가 {int(y.sum())}), 교차검증 임계값 {threshold:.2f}, "
          f"맞은 결과 규칙 {_right(samples, rules)} → 모델 {right}")
    print("| 분할 | 규칙: 맞음 / 불가 거절 / 잘못된 거절 | 모델(교차검증): 맞음 / 불가 거절 / 잘못된 거절 |")
    print("|---|---:|---:|")
    for g in [*dict.fromkeys(s.split for s in samples), "전체"]:
        m = np.array([g == "전체" or s.split == g for s in samples])
        part = [s for s, k in zip(samples, m) if k]
        r_un, r_an, n_un, n_an = _rates(rules[m], y[m])
        m_un, m_an, _, _ = _rates(oof[m] >= threshold, y[m])
        print(f"| {g} ({n_un}/{n_an}) | {_right(part, rules[m])} / {r_un:.3f} / {r_an:.3f} | "
              f"{_right(part, oof[m] >= threshold)} / {m_un:.3f} / {m_an:.3f} |")
    if args.write:
        x = np.array([s.signals for s in samples])
        scaler, model = _fit(x, _labels(samples), args.c)
        fitted = AbstentionModel(FEATURES, tuple(scaler.mean_.tolist()), tuple(scaler.scale_.tolist()),
                                 tuple(model.coef_[0].tolist()), float(model.intercept_[0]), threshold,
                                 {"fitted_on": sorted({s.split for s in samples}), "samples": len(samples),
                                  "unanswerable": int(y.sum()), "cv": "leave-one-split-out", "cv_right": int(right),
                                  "rules_right": _right(samples, rules), "target": "answering is wrong",
                                  "C": args.c, "command": "python -m eval.fit_abstainer --write"})
        MODEL_PATH.write_text(fitted.to_json(), encoding="utf-8")
        print(f"저장: {MODEL_PATH}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
