"""`python -m assistant figures [--query TEXT] [--office NAME] [--metric NAME] [--json]`: list figure facts."""
from __future__ import annotations

import argparse
import json
import sys
import unicodedata
from pathlib import Path

from figures.facts import SCOPES, Fact
from figures.query import filter_facts


def add_figures_subcommand(subparsers) -> argparse.ArgumentParser:
    p = subparsers.add_parser("figures", help="보고서의 수치(목표·실적·달성률·예산 등)를 출처와 함께 나열합니다")
    p.add_argument("--query", default="", help="대상·사업·문장에 들어 있는 말 (예: 직접일자리)")
    p.add_argument("--office", default="", help="실국 이름 (예: 경제정책실)")
    p.add_argument("--metric", default="", help="지표 (예: 달성률, 집행률, 예산액, 목표, 실적, 시급)")
    p.add_argument("--doc", default="", help="문서 id 또는 제목의 일부 (예: 영등포)")
    p.add_argument("--scope", default="", choices=["", *SCOPES], help="범위 (office, unit_program, program …)")
    p.add_argument("--limit", type=int, default=0, help="최대 행 수 (0이면 전부)")
    p.add_argument("--json", action="store_true", help="JSON으로 출력")
    p.add_argument("--data", type=Path, default=None, help="색인 폴더 (기본: data/)")
    p.set_defaults(func=run_figures)
    return p


def _width(text: str) -> int:
    """Display width: Hangul and other wide characters take two columns."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _cell(text: str, width: int) -> str:
    out = ""
    for ch in text:
        if _width(out + ch) > width - (1 if _width(text) > width else 0):
            out += "…"
            break
        out += ch
    return out + " " * max(0, width - _width(out))


def format_table(facts: list[Fact]) -> str:
    header = ("대상", "지표", "값", "기준일", "실국/회의", "출처")
    widths = (30, 10, 24, 16, 16, 40)
    lines = ["  ".join(_cell(h, w) for h, w in zip(header, widths)).rstrip()]
    for f in facts:
        where = f"{f.doc_id.split('-')[0]}:{f.line_start}" + (f"-{f.line_end}" if f.line_end != f.line_start else "")
        row = (f.subject + (f" ({f.period})" if f.period else ""), f.metric, f.raw, f.as_of_text or "-",
               f.office or f.meeting or "-", f"{where} {f.section.split(' › ')[-1]}")
        lines.append("  ".join(_cell(c, w) for c, w in zip(row, widths)).rstrip())
    return "\n".join(lines)


def run_figures(args: argparse.Namespace) -> int:
    from settings import DATA_DIR
    from figures.store import load_current_facts

    facts = load_current_facts(args.data or DATA_DIR)
    if not facts:
        print("오류: 수치 사실이 없습니다. 먼저 `python -m ingest`로 색인을 만드세요.", file=sys.stderr)
        return 1
    found = filter_facts(facts, query=args.query, office=args.office, metric=args.metric, doc=args.doc, scope=args.scope)
    if args.limit:
        found = found[: args.limit]
    if args.json:
        print(json.dumps([f.to_dict() for f in found], ensure_ascii=False, indent=1))
        return 0
    if not found:
        print("조건에 맞는 수치가 없습니다.")
        return 0
    print(format_table(found))
    print(f"\n{len(found)}개 수치 (전체 {len(facts)}개)")
    return 0


def main(argv: list[str] | None = None) -> int:
    """`python -m figures.cli …` works too, without the core CLI."""
    parser = argparse.ArgumentParser(prog="python -m assistant figures")
    sub = parser.add_subparsers(dest="command", required=True)
    add_figures_subcommand(sub)
    return int(run_figures(parser.parse_args(["figures", *(argv if argv is not None else sys.argv[1:])])))


if __name__ == "__main__":
    raise SystemExit(main())
