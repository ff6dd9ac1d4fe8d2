"""Fit the word gate (assistant/word_gate.py) on the declines of the development splits.

    python -m eval.word_declines          # collect: eval/results/word_declines.jsonl
    python -m eval.fit_word_gate [--write]

Each collected decline has two outcomes: kept, it is right when the row is unanswerable; overridden,
it is right when the answer given without it is right (`override_ok`). Where both outcomes are equal
the gate's choice does not matter, so only the declines where they differ are fitted: the label is
"keep" (the row is unanswerable and the override answers it) or "override" (the row is answerable and
the override answers it right). A logistic regression (scikit-learn, standardised features, C chosen
by the same cross-validation) predicts "keep".

Validation is leave-one-split-out: every split's declines are decided by a model fitted on the other
splits, so each figure below comes from weights that never saw that split. C and the threshold on P(keep)
are the pair with the most right answers over all held-out predictions (ties go to the higher
threshold, which keeps more declines); because that choice looks at the same predictions, the report's
figure is nested: each split is decided with C and threshold chosen on the other splits only. The
report gives, per split, the right answers of the rule (keep every decline) and of the nested gate; --write saves the model
fitted on all splits to assistant/word_gate_weights.json with those figures.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from assistant.word_gate import FEATURES, WEIGHTS_FILE
from eval.word_declines import DEFAULT_OUT

C_GRID = (0.1, 0.3, 1.0, 3.0)
THRESHOLDS = tuple(round(0.3 + 0.05 * i, 2) for i in range(9))  # 0.30 … 0.70


def _load(path: Path) -> list[dict]:
    return [json.loads(l) for l in path.read_text(encoding="utf-8").splitlines() if l.strip()]


def _outcome(e: dict, keep: bool) -> bool:
    return (not e["answerable"]) if keep else e["override_ok"]


def _fit(events: list[dict], c: float):
    import numpy as np
    from sklearn.linear_model import LogisticRegression
    from sklearn.preprocessing import StandardScaler

    useful = [e for e in events if _outcome(e, True) != _outcome(e, False)]
    x = np.array([[e["features"][f] for f in FEATURES] for e in useful])
    y = np.array([int(_outcome(e, True)) for e in useful])
    scaler = StandardScaler().fit(x)
    scale = np.where(scaler.scale_ > 0, scaler.scale_, 1.0)
    model = LogisticRegression(C=c, class_weight="balanced", max_iter=1000).fit((x - scaler.mean_) / scale, y)
    return model, scaler.mean_, scale


def _p_keep(model, mean, scale, e: dict) -> float:
    import numpy as np

    x = (np.array([[e["features"][f] for f in FEATURES]]) - mean) / scale
    return float(model.predict_proba(x)[0, 1])


def _held_out(events: list[dict], c: float) -> dict[str, list[float]]:
    """Split → P(keep) of each of its declines from a model fitted on the other splits."""
    out: dict[str, list[float]] = {}
    for s in sorted({e["split"] for e in events}):
        train = [e for e in events if e["split"] != s]
        if len({_outcome(e, True) for e in train if _outcome(e, True) != _outcome(e, False)}) < 2:
            out[s] = [1.0] * sum(e["split"] == s for e in events)
            continue
        model, mean, scale = _fit(train, c)
        out[s] = [_p_keep(model, mean, scale, e) for e in events if e["split"] == s]
    return out


def _right(events: list[dict], probs: dict[str, list[float]], threshold: float) -> int:
    return sum(_outcome(e, p >= threshold) for s in probs for e, p in zip([e for e in events if e["split"] == s], probs[s]))


def choose(events: list[dict]) -> tuple[float, float, int]:
    """(C, threshold, right answers) with the most right answers under leave-one-split-out."""
    best = None
    for c in C_GRID:
        probs = _held_out(events, c)
        for t in THRESHOLDS:
            right = _right(events, probs, t)
            if best is None or right > best[2] or (right == best[2] and t > best[1]):
                best = (c, t, right)
    return best


def nested(events: list[dict]) -> dict[str, int]:
    """Split → right answers when C and the threshold are chosen on the other splits only (nested CV):
    the honest figure, since `choose` picks its settings on the same held-out predictions it reports."""
    out = {}
    for s in sorted({e["split"] for e in events}):
        train = [e for e in events if e["split"] != s]
        c, t, _ = choose(train)
        model, mean, scale = _fit(train, c)
        out[s] = sum(_outcome(e, _p_keep(model, mean, scale, e) >= t) for e in events if e["split"] == s)
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m eval.fit_word_gate", description="낱말 거절 판단 모델 맞추기(분할별 교차 검증)")
    ap.add_argument("--events", type=Path, default=DEFAULT_OUT)
    ap.add_argument("--write", action="store_true", help=f"모든 분할로 맞춘 모델을 {WEIGHTS_FILE.name}에 저장")
    args = ap.parse_args(argv)
    if not args.events.exists():
        print(f"오류: {args.events}가 없습니다. 먼저 python -m eval.word_declines를 실행하세요.", file=sys.stderr)
        return 2
    events = _load(args.events)
    rule = sum(_outcome(e, True) for e in events)
    c, t, right = choose(events)
    honest = nested(events)
    print(f"거절 {len(events)}개 (답할 수 없는 행 {sum(not e['answerable'] for e in events)}개), "
          f"거절하지 않았을 때 맞는 답 {sum(e['override_ok'] for e in events)}개")
    print(f"규칙(모두 거절 유지): 맞음 {rule}  |  중첩 교차 검증한 판단: 맞음 {sum(honest.values())}  "
          f"(C·문턱을 같은 예측에서 고르면 {right}: C={c}, 문턱 {t})")
    print("| 분할 | 거절 | 규칙 맞음 | 판단 맞음(중첩) |\n|---|---:|---:|---:|")
    for s in sorted(honest):
        es = [e for e in events if e["split"] == s]
        print(f"| {s} | {len(es)} | {sum(_outcome(e, True) for e in es)} | {honest[s]} |")
    if args.write:
        model, mean, scale = _fit(events, c)
        WEIGHTS_FILE.write_text(json.dumps({
            "features": list(FEATURES), "weights": [float(w) for w in model.coef_[0]], "bias": float(model.intercept_[0]),
            "means": [float(m) for m in mean], "scales": [float(s) for s in scale], "threshold": t,
            "note": (f"logistic regression (scikit-learn, balanced classes, C={c}) on {len(events)} word declines of the development "
                     f"splits; C and threshold chosen by leave-one-split-out CV ({right} right); nested CV {sum(honest.values())} right vs {rule} for the rule (keep all)"),
        }, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        print(f"저장: {WEIGHTS_FILE}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
