"""`python -m eligibility.evaluate [--dataset eval/datasets/personas.jsonl] [--show]`

Personas written from the reports: a profile, the question a citizen would ask, programs that
must be eligible, must not be, and (optionally) must be "maybe". Prints precision/recall of
"eligible" for the given profile and for the profile read from the question, how many
must-not programs were kept out, and how well profiles are read from questions.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from settings import CORPUS_DIR, DATA_DIR, REPO_ROOT
from eligibility.cards import ProgramCard
from eligibility.matching import MatchResult, match
from eligibility.profile import Profile, extract_profile
from eligibility.vocab import closure

DEFAULT_DATASET = REPO_ROOT / "eval" / "datasets" / "personas.jsonl"


@dataclass
class Tally:
    tp: int = 0
    fn: int = 0
    fp: int = 0  # a must-not program judged eligible
    not_ok: int = 0  # a must-not program judged ineligible
    not_leak: int = 0  # a must-not program judged "maybe"
    maybe_ok: int = 0
    maybe_total: int = 0
    errors: list[str] = field(default_factory=list)

    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0


def _key(name: str) -> str:
    return re.sub(r"\s+", "", name)


OPEN_AGE_MAX = 150  # the upper end of an age said only from below; AGE_BANDS' 어르신 band ends there too


def profile_from_row(d: dict) -> Profile:
    groups = list(d.get("groups", []))
    if d.get("gender") in ("여성", "남성"):
        groups.append(d["gender"])
    if d.get("has_certificate"):
        groups.append("자격증소지자")
    p = Profile.of(d.get("age"), d.get("residence"), groups, d.get("businesses", []),
                   d.get("income_pct"), d.get("property_won"))
    if "age_min" in d:  # an age band ("60대 초반"), open above when only a lower bound is said ("칠십 넘은")
        p.age_min, p.age_max = d["age_min"], d.get("age_max", OPEN_AGE_MAX)
    p.experience_years = d.get("experience_years")
    p.has_certificate = d.get("has_certificate")
    p.not_groups = set(d.get("not_groups", []))
    return p


def _score(row: dict, results: list[MatchResult], tally: Tally) -> None:
    by_name = {_key(r.card.name): r for r in results}

    def status(name: str) -> str:
        r = by_name.get(_key(name))
        if r is None:
            tally.errors.append(f"{row['id']}: 보고서에 없는 사업명 '{name}'")
            return "missing"
        return r.status

    for name in row.get("eligible", []):
        s = status(name)
        if s == "eligible":
            tally.tp += 1
        else:
            tally.fn += 1
            tally.errors.append(f"{row['id']}: '{name}' 기대 eligible, 결과 {s} — {by_name.get(_key(name)).why if _key(name) in by_name else ''}")
    for name in row.get("not_eligible", []):
        s = status(name)
        if s == "eligible":
            tally.fp += 1
            tally.errors.append(f"{row['id']}: '{name}' 기대 not eligible, 결과 eligible")
        elif s == "maybe":
            tally.not_leak += 1
            tally.errors.append(f"{row['id']}: '{name}' 기대 not eligible, 결과 maybe — {by_name[_key(name)].why}")
        elif s == "ineligible":
            tally.not_ok += 1
    for name in row.get("maybe", []):
        tally.maybe_total += 1
        s = status(name)
        if s == "maybe":
            tally.maybe_ok += 1
        else:
            tally.errors.append(f"{row['id']}: '{name}' 기대 maybe, 결과 {s}")


def _same_profile(a: Profile, b: Profile) -> list[str]:
    diffs = []
    for f in ("age_min", "age_max", "region", "district", "income_pct", "property_won"):
        if getattr(a, f) != getattr(b, f):
            diffs.append(f"{f}: {getattr(a, f)!r} ≠ {getattr(b, f)!r}")
    for f in ("experience_years", "has_certificate"):
        if getattr(a, f) != getattr(b, f):
            diffs.append(f"{f}: {getattr(a, f)!r} ≠ {getattr(b, f)!r}")
    if closure(a.groups) != closure(b.groups):  # "경력단절여성" and "경력단절여성·여성" say the same
        diffs.append(f"groups: {sorted(a.groups)} ≠ {sorted(b.groups)}")
    if a.not_groups != b.not_groups:
        diffs.append(f"not_groups: {sorted(a.not_groups)} ≠ {sorted(b.not_groups)}")
    if a.businesses != b.businesses:
        diffs.append(f"businesses: {sorted(a.businesses)} ≠ {sorted(b.businesses)}")
    return diffs


def evaluate(rows: list[dict], cards: list[ProgramCard] | Callable[[dict], list[ProgramCard]]) -> dict:
    """Scores of the given and the read profiles. `cards` is one list for every row, or a function
    giving the cards of the row's document (a guide persona is matched against its guide)."""
    given, read = Tally(), Tally()
    profile_ok, profile_errors = 0, []
    fixed = cards
    for row in rows:
        cards = fixed(row) if callable(fixed) else fixed
        expected = profile_from_row(row["profile"])
        _score(row, match(cards, expected), given)
        extracted = extract_profile(row["question"]).profile
        _score(row, match(cards, extracted), read)
        diffs = _same_profile(extracted, expected)
        if diffs:
            profile_errors.append(f"{row['id']}: {row['question']} → {'; '.join(diffs)}")
        else:
            profile_ok += 1
    return {"given": given, "read": read, "profile_ok": profile_ok, "profile_errors": profile_errors, "rows": len(rows)}


def _report(name: str, t: Tally) -> str:
    must_not = t.fp + t.not_leak + t.not_ok
    lines = [
        f"[{name}] eligible 정밀도 {t.precision():.1%} · 재현율 {t.recall():.1%} (TP {t.tp}, FN {t.fn}, FP {t.fp})",
        f"    해당 안 됨 사업 {must_not}개 중 ineligible {t.not_ok}, maybe {t.not_leak}, eligible(오답) {t.fp}",
    ]
    if t.maybe_total:
        lines.append(f"    maybe 기대 {t.maybe_total}개 중 일치 {t.maybe_ok}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m eligibility.evaluate", description="자격 찾기 페르소나 평가")
    parser.add_argument("--dataset", type=Path, default=DEFAULT_DATASET)
    parser.add_argument("--show", action="store_true", help="틀린 항목을 모두 보여 줍니다")
    args = parser.parse_args(argv)
    if not args.dataset.exists():
        print(f"오류: 데이터셋이 없습니다: {args.dataset}", file=sys.stderr)
        return 2
    rows = [json.loads(line) for line in args.dataset.read_text(encoding="utf-8").splitlines() if line.strip()]
    from eligibility.store import load_cards

    cards = load_cards(DATA_DIR, CORPUS_DIR)
    indexed = {c.doc_id for c in cards}
    outside = sorted({r["doc"] for r in rows if r.get("doc") and Path(r["doc"]).stem not in indexed})
    if outside:
        print(f"오류: 색인에 없는 문서의 페르소나입니다({', '.join(outside)}). `python -m eval.personas --dataset {args.dataset}`로 "
              "문서마다 카드를 만들어 평가하세요.", file=sys.stderr)
        return 2
    return report(rows, cards, args.show)


def report(rows: list[dict], cards: list[ProgramCard] | Callable[[dict], list[ProgramCard]], show: bool = False) -> int:
    """Print the scores (by split, then overall, then by document when rows name one)."""
    total = cards if not callable(cards) else []
    print(f"페르소나 {len(rows)}개" + (f" · 사업 카드 {len(total)}개 (대상 명시 {sum(c.has_target for c in total)}개)" if total else ""))
    # "dev" personas shaped the parser; "holdout" ones were written before it was run on them.
    splits = sorted({r.get("split", "dev") for r in rows})
    for split in splits if len(splits) > 1 else []:
        part = evaluate([r for r in rows if r.get("split", "dev") == split], cards)
        print(f"-- {split} ({part['rows']}개)")
        print(_report("주어진 프로필", part["given"]))
        print(_report("질문에서 읽은 프로필", part["read"]))
    docs = sorted({r.get("doc", "") for r in rows})
    for doc in docs if len(docs) > 1 else []:
        part = evaluate([r for r in rows if r.get("doc", "") == doc], cards)
        print(f"-- 문서 {doc or '보고서(색인)'} ({part['rows']}개)")
        print(_report("주어진 프로필", part["given"]))
        print(_report("질문에서 읽은 프로필", part["read"]))
    out = evaluate(rows, cards)
    print(f"-- 전체 ({out['rows']}개)")
    print(_report("주어진 프로필", out["given"]))
    print(_report("질문에서 읽은 프로필", out["read"]))
    print(f"질문에서 프로필 읽기: {out['profile_ok']}/{out['rows']} 일치")
    if show:
        for line in out["given"].errors:
            print("  [주어진] " + line)
        for line in out["read"].errors:
            print("  [질문] " + line)
        for line in out["profile_errors"]:
            print("  [프로필] " + line)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
