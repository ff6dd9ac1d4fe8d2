"""`python -m assistant ask "질문" [--json]` and `python -m assistant batch IN.jsonl OUT.jsonl`."""
from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from assistant import search_scope
from assistant.errors import GenerationUnavailable, QuestionError, validate_question
from assistant.types import Answer
from retrieval.hybrid import SearchFilters


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


def check_scope(assistant, scope: SearchFilters) -> None:
    """A Korean error naming the valid choices when the scope names no document/office of the index."""
    if scope.doc_id and scope.doc_id not in assistant.titles:
        raise ValueError(f"문서 '{scope.doc_id}'가 색인에 없습니다. 가능한 문서: {', '.join(sorted(assistant.titles))}")
    chunks = assistant.retriever.chunks.values()
    offices = sorted({c.office for c in chunks if c.office and (not scope.doc_id or c.doc_id == scope.doc_id)})
    if scope.office and scope.office not in offices:
        raise ValueError(f"실·국 '{scope.office}'가 {'이 문서에' if scope.doc_id else '색인에'} 없습니다. 가능한 실·국: {', '.join(offices) or '없음'}")


def cmd_ask(args: argparse.Namespace) -> int:
    scope = SearchFilters(doc_id=args.doc or None, office=args.office or None)
    try:
        validate_question(args.question)  # fail fast, before loading the model
        assistant = _load_assistant()
        check_scope(assistant, scope)
        ans = assistant.ask(args.question, mode=args.mode, filters=scope)
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
        try:
            row["_scope"] = search_scope.from_dict(row.get("filters"))
        except (ValueError, AttributeError) as exc:
            raise ValueError(f"{path.name} {n}행: {exc}") from exc
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
            scope = row["_scope"]
            history: list[Answer] = []
            try:
                check_scope(assistant, scope)
                for earlier in row.get("history") or []:
                    history.append(assistant.ask(earlier, history=history, filters=scope))
                ans = assistant.ask(str(row["question"]), history=history, qid=str(row["id"]), mode=args.mode, filters=scope)
                record = ans.to_dict()
            except ValueError as exc:
                record = {"id": str(row["id"]), "question": row["question"], "error": str(exc)}
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
