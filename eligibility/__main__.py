"""`python -m eligibility --age 29 --residence 서울 --group 청년`: which programs fit, and why.

Also `--question "서울 사는 만 29세 미취업 청년인데 …"` (profile read from the sentence) and
`--cards` (every parsed card, for checking the parser against the reports).
"""
from __future__ import annotations

import argparse
import json
import sys

from settings import CORPUS_DIR, DATA_DIR
from eligibility.profile import Profile, extract_profile
from eligibility.vocab import BUSINESS, REPORT, SPOKEN
from kotext.numbers import parse_korean_money

_STATUS = {"eligible": "해당", "maybe": "확인 필요", "ineligible": "해당 안 됨", "unstated": "대상 미기재"}


def parse_money(text: str) -> int:
    """'4억', '3억5천만', '250000000', '5,000만원' → won."""
    won = parse_korean_money(text)
    if not won:
        raise argparse.ArgumentTypeError(f"금액을 읽을 수 없습니다: {text}")
    return won


def build_parser() -> argparse.ArgumentParser:
    groups = sorted({*REPORT, *SPOKEN})
    p = argparse.ArgumentParser(prog="python -m eligibility", description="조건에 맞는 일자리 사업을 찾습니다(보고서 기준).")
    p.add_argument("--age", type=int, help="만 나이")
    p.add_argument("--residence", help="거주지: 서울, 영등포구, 경기 …")
    p.add_argument("--group", action="append", default=[], choices=groups, metavar="계층", help=f"해당 계층(여러 번 가능): {', '.join(groups)}")
    p.add_argument("--business", action="append", default=[], choices=sorted(BUSINESS), metavar="사업체", help="운영하는 사업체 유형")
    p.add_argument("--income", type=float, help="가구 소득(기준중위소득 대비 %%)")
    p.add_argument("--property", type=parse_money, help="재산(예: 3억, 250000000)")
    p.add_argument("--question", help="질문 문장에서 조건을 읽습니다")
    p.add_argument("--all", action="store_true", help="해당하지 않는 사업과 이유도 보여 줍니다")
    p.add_argument("--json", action="store_true", help="JSON으로 출력")
    p.add_argument("--cards", action="store_true", help="분석된 사업 카드를 모두 출력")
    return p


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    from eligibility.finder import EligibilityFinder

    finder = EligibilityFinder.load(DATA_DIR, corpus_dir=CORPUS_DIR)
    if args.cards:
        print(json.dumps([c.to_dict() for c in finder.cards], ensure_ascii=False, indent=1))
        return 0
    if args.question:
        profile = extract_profile(args.question).profile
    else:
        profile = Profile.of(args.age, args.residence, args.group, args.business, args.income, args.property)
    if profile.is_empty():
        print("조건을 하나 이상 입력해 주세요(--age, --residence, --group, --question …).", file=sys.stderr)
        return 2
    results = [r for r in finder.match(profile) if args.all or r.status in ("eligible", "maybe")]
    if args.json:
        rows = []
        for r in results:
            chunk = finder.chunk_for(r.card)
            rows.append({"name": r.card.display_name, "status": r.status, "why": r.why,
                         "source": f"{r.card.doc_id}:{chunk.line_start}-{chunk.line_end}" if chunk else ""})
        print(json.dumps({"profile": profile.to_dict(), "programs": rows}, ensure_ascii=False, indent=1))
        return 0
    print(f"조건: {profile.describe()}")
    for r in results:
        chunk = finder.chunk_for(r.card)
        where = f" ({r.card.doc_id} {chunk.line_start}–{chunk.line_end}행)" if chunk else ""
        print(f"[{_STATUS[r.status]}] {r.card.display_name} — {r.why}{where}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
