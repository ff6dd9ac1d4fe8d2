"""What the assistant derives from the chunks at start-up (assistant/service.py `open_view`): built
from each distinct document / heading once, it must equal a pass over every chunk, orders included
(ties in the office list and dict orders reach the answers)."""
from __future__ import annotations

import re
from functools import lru_cache

from assistant.entities import EntityCatalog
from assistant.service import DocTexts
from assistant.subjects import SubjectVocabulary, _path, heading_name, squash
from kotext.text import no_ws
from tests import shipped


@lru_cache(maxsize=1)
def _chunks():
    from ingest.chunker import chunk_document

    return [c for d in shipped.documents() for c in chunk_document(d)]


def _scaled(n: int):
    """The chunks as if the corpus held n copies of each report (the benchmark's N× corpus renames them)."""
    from dataclasses import replace

    return [replace(c, doc_id=f"{c.doc_id}-v{k}", doc_title=f"{c.doc_title} (사본 {k})", section=c.section.replace(c.doc_title, f"{c.doc_title} (사본 {k})", 1))
            if k else c for k in range(n) for c in _chunks()]


def _catalog_per_chunk(chunks) -> dict:
    """The catalog as one pass over every chunk computes it (the code before it was deduplicated)."""
    offices = sorted({c.office for c in chunks if c.office}, key=len, reverse=True)
    meetings = sorted({c.meeting for c in chunks if c.meeting})
    office_docs: dict[str, set[str]] = {}
    for c in chunks:
        if c.office:
            office_docs.setdefault(c.office, set()).add(c.doc_id)
    words: dict[str, set[str]] = {}
    for c in chunks:
        for w in re.findall(r"[가-힣]{2,}", c.doc_title):
            for alias in {w, re.sub(r"(구|시|특별시)$", "", w)}:
                if len(alias) >= 2:
                    words.setdefault(alias, set()).add(c.doc_id)
    generic = {"일자리", "보고", "보고서", "주요업무", "결과보고서", "서울", "업무"}
    return {"offices": offices, "meetings": meetings, "office_docs": {o: frozenset(i) for o, i in office_docs.items()},
            "doc_words": {w: ids for w, ids in words.items() if len(ids) == 1 and w not in generic}}


def _listed(catalog) -> dict:
    return {"offices": catalog.offices, "meetings": catalog.meetings, "office_docs": catalog.office_docs, "doc_words": catalog.doc_words}


def test_entity_catalog_equals_a_pass_over_every_chunk():
    for chunks in (_chunks(), _scaled(3)):
        catalog = EntityCatalog(chunks)
        assert catalog.offices and catalog.meetings
        expected = _catalog_per_chunk(chunks)
        assert _listed(catalog) == expected
        assert [list(v) for v in catalog.office_docs.values()] == [list(v) for v in expected["office_docs"].values()]
        assert [list(v) for v in catalog.doc_words.values()] == [list(v) for v in expected["doc_words"].values()]
    one = EntityCatalog(_chunks())
    assert one.find("경제정책실 5월말 달성률은?").offices == {"경제정책실"}
    assert one.find("영등포 청년 일자리 예산은?").doc_ids == {"yeongdeungpo-job-policy-work-report-2023"}
    # In copies of the same reports no title word names one document.
    assert not EntityCatalog(_scaled(3)).doc_words


def test_subject_vocabulary_names_each_heading_once_with_the_same_result():
    chunks = _scaled(3)
    vocab = SubjectVocabulary(chunks, EntityCatalog(chunks))
    names = set()
    for section in {c.section for c in chunks}:
        names.update(squash(heading_name(p)) for p in _path(section)[1:])
    assert vocab.heading_names == sorted(n for n in names if n)
    assert len(vocab.heading_names) > 50
    assert vocab.named_headings("청년 커뮤니티 활성화 지원 사업 대상은?")


def test_document_texts_are_joined_on_demand_and_equal_the_whole_document():
    chunks = _chunks()
    texts = DocTexts(chunks)
    doc_ids = list(dict.fromkeys(c.doc_id for c in chunks))
    assert list(texts) == doc_ids and len(texts) == len(doc_ids)
    assert not texts._texts  # nothing joined before a question asks
    for doc_id in doc_ids:
        assert texts.get(doc_id) == "".join(no_ws(c.text) for c in chunks if c.doc_id == doc_id)
    assert texts.get("no-such-document", "") == "" and set(texts._texts) == set(doc_ids)
