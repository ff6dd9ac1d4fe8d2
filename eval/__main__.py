"""CLI: python -m eval run | compare | import-csv."""
from __future__ import annotations

import argparse
import sys
import time
from datetime import datetime
from pathlib import Path

from settings import REPO_ROOT

REPORTS_DIR = REPO_ROOT / "eval" / "reports"


def _fail(msg: str, code: int = 1) -> int:
    print(f"오류: {msg}", file=sys.stderr)
    return code


def cmd_run(args: argparse.Namespace) -> int:
    from eval.dataset import DatasetError, load_dataset
    from eval.report_html import render_html
    from eval.report_json import RunMeta, build_report, write_json
    from eval.report_md import render_markdown, render_summary
    from eval.runner import ModeUnavailable, load_pipeline, run_dataset

    try:
        rows = load_dataset(args.dataset)
    except DatasetError as e:
        return _fail(str(e))
    if args.limit:
        rows = rows[: args.limit]
    if args.pipeline == "langchain-baseline" and args.mode == "generative":
        return _fail("langchain-baseline 파이프라인은 추출형(extractive) 모드만 지원합니다.", 2)

    started = datetime.now()
    out = Path(args.out) if args.out else REPORTS_DIR / (
        f"{Path(args.dataset).stem}-{args.pipeline}-{started:%Y%m%d-%H%M%S}"
    )
    t0 = time.perf_counter()
    print(f"파이프라인 '{args.pipeline}' 불러오는 중…", file=sys.stderr, flush=True)
    try:
        pipeline = load_pipeline(args.pipeline)
    except ModuleNotFoundError as e:
        return _fail(f"파이프라인을 불러올 수 없습니다 (모듈 없음: {e.name}).")
    except Exception as e:  # model folder or index missing: say so instead of a traceback
        return _fail(f"파이프라인을 불러올 수 없습니다: {e}")
    load_s = time.perf_counter() - t0
    print(f"불러오기 완료 ({load_s:.1f}초). 문항 {len(rows)}개 평가 시작.", file=sys.stderr, flush=True)
    try:
        results = run_dataset(pipeline, rows, mode=args.mode)
    except ModeUnavailable as e:
        return _fail(
            f"생성형 모드를 사용할 수 없습니다 ({str(e).rstrip('.')}). LLM 엔드포인트를 설정하거나 --mode extractive로 실행하세요.", 2
        )
    wall_s = time.perf_counter() - t0

    meta = RunMeta(
        dataset=str(args.dataset),
        pipeline=args.pipeline,
        mode=args.mode or "extractive",
        started_at=started.isoformat(timespec="seconds"),
        wall_time_s=round(wall_s, 2),
        load_time_s=round(load_s, 2),
    )
    report = build_report(results, meta)
    out.mkdir(parents=True, exist_ok=True)
    write_json(report, out / "report.json")
    (out / "report.md").write_text(render_markdown(report), encoding="utf-8")
    (out / "report.html").write_text(render_html(report), encoding="utf-8")
    print(render_summary(report))
    print(f"보고서: {out / 'report.json'}\n        {out / 'report.md'}\n        {out / 'report.html'}")
    return 0


def cmd_compare(args: argparse.Namespace) -> int:
    import json

    from eval.compare import compare_reports, render_comparison
    from eval.report_json import load_report

    try:
        a, b = load_report(args.a), load_report(args.b)
    except (OSError, json.JSONDecodeError) as e:
        return _fail(f"보고서를 읽을 수 없습니다: {e}")
    except KeyError as e:
        return _fail(f"보고서 형식이 올바르지 않습니다 (키 없음: {e}).")
    try:
        print(render_comparison(compare_reports(a, b)), end="")
    except KeyError as e:
        return _fail(f"보고서 형식이 올바르지 않습니다 (키 없음: {e}).")
    return 0


def cmd_import_csv(args: argparse.Namespace) -> int:
    from eval.csv_import import CsvImportError, import_csv

    try:
        rows = import_csv(args.csv, args.out)
    except CsvImportError as e:
        return _fail(f"{e} 변환을 중단했습니다 (파일을 쓰지 않았습니다).")
    n_ans = sum(r.answerable for r in rows)
    print(f"{len(rows)}개 문항을 변환했습니다 (답변 가능 {n_ans}, 답변 불가 {len(rows) - n_ans}): {args.out}")
    return 0


def cmd_feedback_export(args: argparse.Namespace) -> int:
    from eval.feedback_export import export

    n = export(Path(args.out))
    print(f"👎 피드백 {n}건을 검토용 평가 행으로 썼습니다: {args.out}")
    if n:
        print("각 행은 \"review\": true 입니다. 보고서 원문을 보고 answer_contains를 채운 뒤 review를 지워야 평가에 쓸 수 있습니다.")
    return 0


def build_parser() -> argparse.ArgumentParser:
    from eval.runner import MODES, PIPELINES

    p = argparse.ArgumentParser(prog="python -m eval", description="일자리 사업 도우미 평가 도구")
    sub = p.add_subparsers(dest="command", required=True, metavar="{run,compare,import-csv,feedback-export}")

    r = sub.add_parser("run", help="평가 세트를 실행하고 보고서(report.json/md/html)를 씁니다")
    r.add_argument("--dataset", required=True, help="평가 세트 JSONL 경로")
    r.add_argument("--mode", choices=MODES, default=None, help="답변 모드 (기본: extractive)")
    r.add_argument("--pipeline", choices=PIPELINES, default="assistant", help="평가할 파이프라인 (기본: assistant)")
    r.add_argument("--out", default=None, help="보고서 폴더 (기본: eval/reports/<세트>-<파이프라인>-<시각>/)")
    r.add_argument("--limit", type=int, default=0, help="앞에서부터 N개 문항만 실행 (빠른 확인용)")
    r.set_defaults(func=cmd_run)

    c = sub.add_parser("compare", help="두 report.json의 지표 변화와 결과가 바뀐 문항을 보여 줍니다")
    c.add_argument("a", help="기준 보고서 (report.json 또는 그 폴더)")
    c.add_argument("b", help="비교할 보고서 (report.json 또는 그 폴더)")
    c.set_defaults(func=cmd_compare)

    i = sub.add_parser("import-csv", help="CSV(질문, 정답, 근거[, 분류][, id])를 평가 세트 JSONL로 변환합니다")
    i.add_argument("csv", help="입력 CSV (UTF-8 또는 CP949/EUC-KR)")
    i.add_argument("out", help="출력 JSONL")
    i.set_defaults(func=cmd_import_csv)

    f = sub.add_parser("feedback-export", help="앱에서 👎 받은 답변을 검토용 평가 행(JSONL, review: true)으로 내보냅니다")
    f.add_argument("out", help="출력 JSONL")
    f.set_defaults(func=cmd_feedback_export)
    return p


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
