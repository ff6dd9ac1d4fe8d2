"""A Q&A document (the round-10 「FAQ로 보는 공유재산관리」, 55 질의/답변 tables) answered from the answer,
not from the stated question a paraphrase matches best (assistant/evidence_picks.answer_of_question)."""
from __future__ import annotations

from collections import defaultdict
from pathlib import Path

from assistant.evidence import Evidence
from assistant.evidence_picks import answer_of_question
from ingest.chunker import chunk_document
from ingest.documents import load_document

FAQ = Path(__file__).resolve().parent.parent / "eval" / "generalization" / "corpus_r10" / \
    "gyeonggi-edu-public-property-management-faq-2023-02-20.md"


def _sections():
    by_section = defaultdict(list)
    for c in chunk_document(load_document(FAQ, {})):
        by_section[c.section].append(c)
    return by_section


def test_every_stated_question_leads_to_its_own_answer():
    found = 0
    for chunks in _sections().values():
        for c in chunks:
            for start, end, text in c.items:
                if not text.startswith("질의내용:"):
                    continue
                reply = answer_of_question(Evidence(c, 0, start, end, text, 1.0, 1.0), chunks)
                assert reply is not None and reply.text.startswith("답변:"), text[:60]
                assert reply.line_start > end
                found += 1
    assert found >= 50  # 55 questions; a few share a table


def test_an_item_that_is_not_a_stated_question_is_left_alone():
    chunks = next(iter(_sections().values()))
    c = chunks[0]
    start, end, text = next((s, e, t) for s, e, t in c.items if not t.startswith("질의"))
    assert answer_of_question(Evidence(c, 0, start, end, text, 1.0, 1.0), chunks) is None


def test_picture_references_of_a_converted_document_are_no_answer_items():
    from assistant.extractive import _ONLY_IMAGES

    guide = FAQ.parent.parent / "corpus_r11" / "mohw-severely-disabled-products-priority-purchase-guide-2025-03.md"
    lines = [x.strip() for x in guide.read_text(encoding="utf-8").splitlines() if "![image]" in x]
    assert lines and all(_ONLY_IMAGES.fullmatch(x) for x in lines if x.startswith("![image]") and x.endswith(")") and x.count("](") == 1)
    assert not _ONLY_IMAGES.fullmatch("그림 1 ![image](a.png)")  # a caption with a picture is text
