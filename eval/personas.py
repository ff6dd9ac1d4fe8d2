"""`python -m eval.personas [--dataset eval/datasets/personas_dev2.jsonl] [--show]`

The persona evaluation of `eligibility.evaluate` for personas of any document: a row without
"doc" (or with a document of the index) is matched against the index's cards; a row naming another
document ("dangjin-city-jobs-web-pages.txt") against the cards built from that document alone, read
through the same readers and document model as ingest (eval/generalization/corpus or corpus/).
"""
from __future__ import annotations

import argparse
import json
import sys
from functools import lru_cache
from pathlib import Path

from eligibility.cards import ProgramCard, build_cards
from eligibility.evaluate import DEFAULT_DATASET, report
from eligibility.store import load_cards
from ingest.documents import load_document, read_manifest_titles
from settings import CORPUS_DIR, DATA_DIR, REPO_ROOT

GUIDE_DIRS = (REPO_ROOT / "eval" / "generalization" / "corpus", CORPUS_DIR)


@lru_cache(maxsize=None)
def document_cards(name: str) -> tuple[ProgramCard, ...]:
    for folder in GUIDE_DIRS:
        path = folder / name
        if path.exists():
            doc = load_document(path, read_manifest_titles(folder))
            return tuple(build_cards([doc], {doc.doc_id: list(doc.sections)}))
    raise FileNotFoundError(f"문서를 찾을 수 없습니다: {name}")


def cards_for(index_cards: list[ProgramCard]):
    indexed = {c.doc_id for c in index_cards}

    def pick(row: dict) -> list[ProgramCard]:
        doc = row.get("doc")
        if not doc or Path(doc).stem in indexed:
            return index_cards
        return list(document_cards(doc))

    return pick


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m eval.personas", description="자격 찾기 페르소나 평가(문서별 카드)")
    parser.add_argument("--dataset", type=Path, default=DEFAULT_DATASET)
    parser.add_argument("--show", action="store_true", help="틀린 항목을 모두 보여 줍니다")
    args = parser.parse_args(argv)
    if not args.dataset.exists():
        print(f"오류: 데이터셋이 없습니다: {args.dataset}", file=sys.stderr)
        return 2
    rows = [json.loads(line) for line in args.dataset.read_text(encoding="utf-8").splitlines() if line.strip()]
    return report(rows, cards_for(load_cards(DATA_DIR, CORPUS_DIR)), args.show)


if __name__ == "__main__":
    raise SystemExit(main())
