"""Fit the looking-for-work model (eligibility/seeking_model.py) on the development persona sets.

    python -m eval.fit_seeking [--write]

Each persona's question is labelled by whether its profile holds 구직자. The decision is "the rules say
so, or (where the question asks for something and states no job) the model's probability reaches the
threshold"; the model is a logistic regression over TF-IDF
character 2–4-grams (scikit-learn). Validation is leave-one-set-out: every set is decided by a model
fitted on the other sets, which were written by other helpers in other rounds, and the pair (C,
threshold) is chosen on the other sets only (nested), so the figure per set comes from choices that
never saw it. The frozen persona set of the current round is never read. --write saves the model
fitted on all development sets with the pair chosen on all of them.
"""
from __future__ import annotations

import argparse
import json
import sys

from eligibility.seeking_model import WEIGHTS_FILE
from eval.splits import DATASETS

# The current round's frozen persona set: measured once at the end, never fitted on.
FROZEN = ("personas_test11.jsonl",)
GROUP = "구직자"
NGRAM = (2, 4)
MIN_DF = 2
C_GRID = (0.3, 1.0, 3.0)
THRESHOLDS = tuple(round(0.5 + 0.05 * i, 2) for i in range(9))  # 0.50 … 0.90
MIN_COEF = 0.0  # every n-gram is saved: dropping those under 0.01 changed 6 of 749 decisions


def _rows() -> list[dict]:
    rows = []
    for path in sorted(DATASETS.glob("personas*.jsonl")):
        if path.name in FROZEN:
            continue
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                rows.append(json.loads(line) | {"_set": path.stem})
    return rows


def _rule(questions: list[str]) -> tuple[list[bool], list[bool]]:
    """What the rules alone say, and where the model may add to them (the question asks for something
    and states no job: eligibility/profile.py)."""
    import eligibility.profile as profile
    from eligibility.vocab import closure

    saved = profile.load_seeking_model
    profile.load_seeking_model = lambda: None  # the rules alone
    try:
        groups = [profile.extract_profile(q).profile.groups for q in questions]
    finally:
        profile.load_seeking_model = saved
    said = [GROUP in closure(g) for g in groups]
    allowed = [bool(profile.ASKS_FOR_SOMETHING.search(q)) and "재직" not in g for q, g in zip(questions, groups)]
    return said, allowed


def _fit(questions: list[str], labels, c: float):
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    vec = TfidfVectorizer(analyzer="char_wb", ngram_range=NGRAM, min_df=MIN_DF, sublinear_tf=True)
    x = vec.fit_transform(questions)
    return vec, LogisticRegression(C=c, class_weight="balanced", max_iter=3000).fit(x, labels)


def _right(rule, prob, labels, t: float, allowed) -> int:
    return int(sum(bool(r or (a and p >= t)) == bool(y) for r, p, y, a in zip(rule, prob, labels, allowed)))


def main(argv: list[str] | None = None) -> int:
    import numpy as np

    ap = argparse.ArgumentParser(prog="python -m eval.fit_seeking", description="'일을 찾는 사람' 판정 모델을 개발용 페르소나로 맞춥니다.")
    ap.add_argument("--write", action="store_true", help=f"모든 개발용 세트로 맞춘 모델을 {WEIGHTS_FILE.name}에 저장")
    args = ap.parse_args(argv)
    rows = _rows()
    questions = [r["question"] for r in rows]
    labels = np.array([GROUP in r["profile"].get("groups", []) for r in rows])
    said, allowed = _rule(questions)
    rule, allowed = np.array(said), np.array(allowed)
    sets = np.array([r["_set"] for r in rows])
    names = list(dict.fromkeys(sets))
    oof = {c: np.zeros(len(rows)) for c in C_GRID}
    for name in names:
        tr, te = sets != name, sets == name
        for c in C_GRID:
            vec, model = _fit([q for q, k in zip(questions, tr) if k], labels[tr], c)
            oof[c][te] = model.predict_proba(vec.transform([q for q, k in zip(questions, te) if k]))[:, 1]

    def best_pair(mask) -> tuple[float, float]:
        return max(((c, t) for c in C_GRID for t in THRESHOLDS),
                   key=lambda ct: (_right(rule[mask], oof[ct[0]][mask], labels[mask], ct[1], allowed[mask]), ct[1]))

    print(f"페르소나 {len(rows)}명({len(names)}개 세트), '{GROUP}' {int(labels.sum())}명")
    print("| 세트 | 규칙만 맞음 | 규칙 또는 모델(중첩 교차검증) 맞음 | 고른 C, 임계값 |")
    print("|---|---:|---:|---|")
    total_rule = total_nested = 0
    for name in names:
        te = sets == name
        c, t = best_pair(sets != name)
        r = int((rule[te] == labels[te]).sum())
        n = _right(rule[te], oof[c][te], labels[te], t, allowed[te])
        total_rule, total_nested = total_rule + r, total_nested + n
        print(f"| {name} ({int(te.sum())}) | {r} | {n} | {c}, {t} |")
    print(f"| 전체 ({len(rows)}) | {total_rule} | {total_nested} | |")
    if args.write:
        c, t = best_pair(np.ones(len(rows), dtype=bool))
        vec, model = _fit(questions, labels, c)
        coef = model.coef_[0]
        features = [[g, round(float(vec.idf_[i]), 6), round(float(coef[i]), 6)]
                    for g, i in sorted(vec.vocabulary_.items()) if abs(coef[i]) >= MIN_COEF]
        data = {"ngram": list(NGRAM), "intercept": float(model.intercept_[0]), "threshold": float(t), "features": features,
                "info": {"group": GROUP, "fitted_on": names, "personas": len(rows), "C": float(c), "min_df": MIN_DF,
                         "cv": "leave-one-set-out, nested", "cv_right": total_nested, "rules_right": total_rule,
                         "command": "python -m eval.fit_seeking --write"}}
        WEIGHTS_FILE.write_text(json.dumps(data, ensure_ascii=False) + "\n", encoding="utf-8")
        from eligibility.seeking_model import load_model

        load_model.cache_clear()
        saved = load_model()
        full = model.predict_proba(vec.transform(questions))[:, 1] >= t
        mine = np.array([saved.seeks_work(q) for q in questions])  # the saved n-grams score as the fitted model
        print(f"저장: {WEIGHTS_FILE} (n-gram {len(features)}개, C={c}, 임계값 {t}; 저장본과 원래 모델의 판정 차이 {int((full != mine).sum())}건)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
