"""`python -m assistant ask "질문" [--json]` and `python -m assistant batch IN.jsonl OUT.jsonl`."""
from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from assistant.errors import GenerationUnavailable, QuestionError, validate_question
from assistant.types import Answer


def _load_assistant():
    from assistant.service import Assistant

    return Assistant.load()


def _print_answer(ans: Answer) -> None:
    print(ans.answer)
    if ans.citations:
        print("\n출처:")
        for c in ans.citations:
            where = f"{c.page}쪽, " if c.page else ""
            print(f"  [{c.n}] {c.section} ({where}{c.line_start}–{c.line_end}행)")


def cmd_ask(args: argparse.Namespace) -> int:
    try:
        validate_question(args.question)  # fail fast, before loading the model
        assistant = _load_assistant()
        ans = assistant.ask(args.question, mode=args.mode)
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


def _read_rows(path: Path) -> list[dict]:
    rows = []
    for n, line in enumerate(path.read_text(encoding="utf-8-sig").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            raise ValueError(f"{path.name} {n}행: JSON 형식이 아닙니다({exc.msg}).") from exc
        if not isinstance(row, dict) or "question" not in row:
            raise ValueError(f"{path.name} {n}행: 'question' 필드가 없습니다.")
        row.setdefault("id", f"row-{n}")
        rows.append(row)
    return rows


def cmd_batch(args: argparse.Namespace) -> int:
    try:
        rows = _read_rows(args.input)
    except (OSError, ValueError, UnicodeDecodeError) as exc:
        print(f"오류: 입력 파일을 읽을 수 없습니다: {exc}", file=sys.stderr)
        return 2
    assistant = _load_assistant()  # once for the whole batch
    tmp = args.output.with_name(args.output.name + ".tmp")
    args.output.parent.mkdir(parents=True, exist_ok=True)
    with tmp.open("w", encoding="utf-8") as out:
        for i, row in enumerate(rows, start=1):
            history: list[Answer] = []
            for earlier in row.get("history") or []:
                history.append(assistant.ask(earlier, history=history))
            try:
                ans = assistant.ask(str(row["question"]), history=history, qid=str(row["id"]), mode=args.mode)
                record = ans.to_dict()
            except (QuestionError, GenerationUnavailable) as exc:
                record = {"id": str(row["id"]), "question": row["question"], "error": getattr(exc, "message", str(exc))}
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
            print(f"\r[{i}/{len(rows)}]", end="", file=sys.stderr, flush=True)
    os.replace(tmp, args.output)
    print(f"\n완료: {len(rows)}개 질문 → {args.output}", file=sys.stderr)
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m assistant", description="일자리 사업 보고서 질의응답")
    sub = parser.add_subparsers(dest="command", required=True)
    ask = sub.add_parser("ask", help="질문 하나에 답합니다")
    ask.add_argument("question")
    ask.add_argument("--json", action="store_true", help="JSON으로 출력")
    ask.add_argument("--mode", choices=["extractive", "generative"], default=None)
    ask.set_defaults(func=cmd_ask)
    batch = sub.add_parser("batch", help="JSONL 질문 파일에 한꺼번에 답합니다")
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
