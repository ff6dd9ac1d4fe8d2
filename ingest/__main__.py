"""`python -m ingest [--force] [--corpus DIR] [--data DIR]`: build or update the index."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from settings import CORPUS_DIR, DATA_DIR
from ingest.pipeline import run_ingest


def _progress(stage: str, done: int, total: int) -> None:
    width = 30
    filled = int(width * done / total) if total else width
    end = "\n" if done >= total else ""
    sys.stderr.write(f"\r{stage:<10} [{'#' * filled}{'.' * (width - filled)}] {done}/{total}{end}")
    sys.stderr.flush()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m ingest", description="보고서를 분석해 검색 색인을 만들거나 갱신합니다.")
    parser.add_argument("--corpus", type=Path, default=CORPUS_DIR, help="보고서 폴더")
    parser.add_argument("--data", type=Path, default=DATA_DIR, help="색인 폴더")
    parser.add_argument("--force", action="store_true", help="변경이 없어도 다시 분석")
    args = parser.parse_args(argv)
    if not args.corpus.is_dir():
        print(f"오류: 보고서 폴더가 없습니다: {args.corpus}", file=sys.stderr)
        return 2
    try:
        report = run_ingest(args.corpus, args.data, progress=_progress, force=args.force)
    except Exception as exc:  # a clear message instead of a traceback for the user
        print(f"오류: 색인 생성에 실패했습니다: {exc}", file=sys.stderr)
        return 1
    for problem in report.problems:
        print(f"경고: {problem.message}", file=sys.stderr)
    for notice in report.notices:
        print(notice, file=sys.stderr)
    if report.skipped_noop:
        print(f"변경 없음: 문서 {report.documents}개, 조각 {report.chunks}개 ({report.seconds:.2f}초)")
    else:
        print(
            f"완료: 문서 {report.documents}개, 조각 {report.chunks}개 — 새 조각 {report.added}(임베딩 {report.embedded}), "
            f"삭제 {report.deleted}, 위치 갱신 {report.updated}, 그대로 {report.unchanged} ({report.seconds:.1f}초)"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
