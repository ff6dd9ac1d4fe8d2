"""Figure facts of the corpus: tables (each cell) and sentences of every outline section."""
from __future__ import annotations

from kotext.dates import doc_year
from figures.context import SectionContext
from figures.facts import Fact
from figures.sentences import sentence_facts
from figures.table_facts import table_facts
from reports.model import Document


def document_facts(doc: Document) -> list[Fact]:
    year = doc_year(doc.doc_id, doc.lines)
    facts: list[Fact] = []
    for section in doc.sections:
        if not section.body:
            continue
        ctx = SectionContext.build(doc, section, year)
        facts += table_facts(ctx) + sentence_facts(ctx)
    seen: set[str] = set()
    unique = []
    for f in facts:
        if f.id not in seen:  # a table printed twice in one section yields the same cells
            seen.add(f.id)
            unique.append(f)
    return sorted(unique, key=lambda f: (f.line_start, f.source))


def extract_facts(docs: list[Document]) -> list[Fact]:
    facts: list[Fact] = []
    for doc in docs:
        facts += document_facts(doc)
    return facts
