"""`python -m assistant ask "질문" [--json]` and `python -m assistant batch IN.jsonl OUT.jsonl`."""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from assistant.batch import read_rows, run_batch
from assistant.search_scope import check_scope
from assistant.errors import GenerationUnavailable, QuestionError, validate_question
from assistant.types import Answer
from retrieval.hybrid import SearchFilters


def _load_assistant():
    from assistant.service import Assistant

    return Assistant.load()


def _print_answer(ans: Answer) -> None:
    if ans.notice:
        print(f"알림: {ans.notice}")
    print(ans.answer)
    if ans.citations:
        print("\n출처:")
        for c in ans.citations:
            where = f"{c.page}쪽, " if c.page else ""
            print(f"  [{c.n}] {c.section} ({where}{c.line_start}–{c.line_end}행)")
            if c.warning:
                print(f"      ⚠ {c.warning}")


def cmd_ask(args: argparse.Namespace) -> int:
    scope = SearchFilters(doc_id=args.doc or None, office=args.office or None)
    try:
        question = validate_question(args.question)  # fail fast, before loading the model
        assistant = _load_assistant()
        check_scope(assistant, scope)
        ans = assistant.ask(question, mode=args.mode, filters=scope)
    except ValueError as exc:
        print(f"오류: {exc}", file=sys.stderr)
        return 2
    except QuestionError as exc:
        print(f"오류: {exc.message}", file=sys.stderr)
        return 2
    except GenerationUnavailable as exc:
        print(f"오류: {exc}", file=sys.stderr)
        return 2
    if args.json:
        print(json.dumps(ans.to_dict(), ensure_ascii=False, indent=1))
    else:
        _print_answer(ans)
    return 0


def cmd_batch(args: argparse.Namespace) -> int:
    try:
        rows = read_rows(args.input)
    except OSError as exc:
        print(f"오류: 입력 파일을 읽을 수 없습니다: {exc.strerror or exc}", file=sys.stderr)
        return 2
    assistant = _load_assistant()  # once for the whole batch; failing here means the batch cannot run
    result = run_batch(assistant, rows, args.output, mode=args.mode,
                       progress=lambda i, n: print(f"\r[{i}/{n}]", end="", file=sys.stderr, flush=True))
    print(f"\n완료: {result.total}개 행 → {args.output} (답변 {result.answered}개, 오류 {len(result.errors)}개)", file=sys.stderr)
    if result.errors:
        print(f"경고: {len(result.errors)}개 행은 답하지 못했습니다(출력 파일의 \"error\" 필드를 보세요):", file=sys.stderr)
        for row_id, message in result.errors[:20]:
            print(f"  - {row_id}: {message}", file=sys.stderr)
        if len(result.errors) > 20:
            print(f"  … 외 {len(result.errors) - 20}개", file=sys.stderr)
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m assistant", description="일자리 사업 보고서 질의응답")
    sub = parser.add_subparsers(dest="command", required=True)
    ask = sub.add_parser("ask", help="질문 하나에 답합니다")
    ask.add_argument("question")
    ask.add_argument("--json", action="store_true", help="JSON으로 출력")
    ask.add_argument("--mode", choices=["extractive", "generative"], default=None)
    ask.add_argument("--doc", metavar="DOC_ID", default=None, help="이 문서 안에서만 찾습니다 (문서 id)")
    ask.add_argument("--office", metavar="NAME", default=None, help="이 실·국 안에서만 찾습니다 (예: 경제정책실)")
    ask.set_defaults(func=cmd_ask)
    batch = sub.add_parser("batch", help="JSONL 질문 파일에 한꺼번에 답합니다 (행마다 선택: \"filters\": {\"doc\": …, \"office\": …})")
    batch.add_argument("input", type=Path)
    batch.add_argument("output", type=Path)
    batch.add_argument("--mode", choices=["extractive", "generative"], default=None)
    batch.set_defaults(func=cmd_batch)
    try:
        from figures.cli import add_figures_subcommand  # the figures feature plugs in here when present

        add_figures_subcommand(sub)
    except ImportError:
        pass
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return int(args.func(args))
    except Exception as exc:  # index missing, model missing …: a message, not a traceback
        print(f"오류: {exc}", file=sys.stderr)
        return 1
