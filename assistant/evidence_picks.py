"""After ranking: which items an answer shows — a list's extreme, a table row's asked cell, the items a
lead-in announces, the explanation lines under a figure, the flagged lines asked about."""
from __future__ import annotations

import re

from assistant.answer_text import pick_cells
from assistant.evidence import ROW_LIKE, VALUE_KINDS, Evidence
from assistant.listed_items import announced_items, is_lead_in, marker_kind
from assistant.superlative import breakdown_total, compare_items
from kotext.numbers import stated_total
from questions.analysis import QuestionAnalysis
from reports.chunks import Chunk

STATED_TOTAL_DEPTH = 15  # how far down the ranking a breakdown adding up to the question's whole is looked for


def superlative_items(question: str, best: Evidence, scored: list[Evidence], section_chunks: list[Chunk]) -> list[Evidence]:
    """"…중 가장 큰 사업은?": the items of the best evidence's section (a list cut by the embedder's
    window continues in the next chunk), the extreme one first. A list inside the best item itself
    ("인스타그램 449명, 블로그 63명, 카카오플러스 2,342명") is compared on its own, and so is the item whose
    breakdown adds up to the whole the question names ("지원기업 25개 중 가장 많은 유형")."""
    if (total := stated_total(question)) is not None:
        for ev in scored[:STATED_TOTAL_DEPTH]:
            if breakdown_total(ev.text) == total and compare_items(question, [ev.text]):
                return [ev]
    if compare_items(question, [best.text]):
        return [best]
    known = {(e.chunk.id, e.line_start, e.line_end): e for e in scored}
    items: list[Evidence] = []
    for chunk in sorted(section_chunks or [best.chunk], key=lambda c: c.line_start):
        for start, end, text in chunk.items or ((chunk.line_start, chunk.line_end, chunk.text),):
            items.append(known.get((chunk.id, start, end)) or Evidence(chunk, best.rank, start, end, text, 0.0, 0.0))
    items = sibling_run(items, next((i for i, e in enumerate(items) if (e.line_start, e.line_end) == (best.line_start, best.line_end)), -1))
    ranked = compare_items(question, [e.text for e in items])
    return [items[c.index] for c in ranked] if ranked else []


_MARKER = re.compile(r"^\s*([○□■◦•‣▸－−\-※*·ㆍ])")
_DEEPER = {"○": "－−-※*·ㆍ▸◦", "□": "○－−-※*·ㆍ▸◦", "■": "○－−-※*·ㆍ▸◦"}


def sibling_run(items: list[Evidence], at: int) -> list[Evidence]:
    """The items at the best item's list level around it (sub-items under each skipped): the group a
    "가장 큰 것" question compares, not every list of the section."""
    if at < 0:
        return []
    marker = (m.group(1) if (m := _MARKER.match(items[at].text)) else "")
    deeper = _DEEPER.get(marker, "")
    out = [items[at]]
    for step in (-1, 1):
        i = at + step
        while 0 <= i < len(items):
            m = _MARKER.match(items[i].text)
            mk = m.group(1) if m else ""
            if mk == marker:
                out.append(items[i])
            elif not (mk and mk in deeper):
                break
            i += step
    return sorted(out, key=lambda e: e.line_start)


def named_cell_row(q: QuestionAnalysis, best: Evidence, scored: list[Evidence]) -> Evidence | None:
    """A rebuilt table row of the best item's passage, after it, in which the question names a column
    (its cells are singled out by pick_cells); None when the best item is itself such a row."""
    if pick_cells(q, best.text) != best.text:
        return None
    rows = [e for e in scored if e.chunk.id == best.chunk.id and e.line_start > best.line_start and ROW_LIKE.match(e.text)]
    return next((e for e in sorted(rows, key=lambda e: e.line_start) if pick_cells(q, e.text) != e.text), None)


def announced_evidence(q: QuestionAnalysis, anchor: Evidence, section_chunks: list[Chunk]) -> list[Evidence]:
    """The lead-in and the items it announces (a list cut by the embedder's window continues in the
    section's next chunk); [] when the anchor announces nothing."""
    if not is_lead_in(anchor.text) or any(k in VALUE_KINDS or k in ("place", "person") for k in q.kinds):
        return []  # "어디에 위탁해?" is answered by the lead-in itself; "어떤 서류를?" by the items it announces
    chunks = sorted(section_chunks or [anchor.chunk], key=lambda c: c.line_start)
    following = ((c, it) for c in chunks for it in (c.items or ()))
    listed = announced_items(anchor.line_end, following, lead_kind=marker_kind(anchor.text))
    if not listed:
        return []
    return [anchor, *(Evidence(c, anchor.rank, s, e, t, anchor.score, anchor.coverage) for c, (s, e, t) in listed)]


_SUB_ITEM = re.compile(r"^\s*[－−\-※ㆍ·▸◦*]")
EXPLANATION_ITEMS = 2  # sub-items kept under the anchor; the reports explain a figure in one or two "－" lines


def with_explanations(anchor: Evidence, scored: list[Evidence]) -> list[Evidence]:
    """A basis or why question restates a figure; its answer is written beside it: the "－"/"※" lines
    right under the anchor item. Returns the anchor and those lines (as scored candidates)."""
    items = anchor.chunk.items or ()
    after = [it for it in items if it[0] > anchor.line_end]
    wanted: list[tuple[int, int]] = []
    for start, end, text in sorted(after):
        if not _SUB_ITEM.match(text) or len(wanted) >= EXPLANATION_ITEMS:
            break
        wanted.append((start, end))
    by_lines = {(e.chunk.id, e.line_start, e.line_end): e for e in scored}
    subs = [by_lines[(anchor.chunk.id, s, t)] for s, t in wanted if (anchor.chunk.id, s, t) in by_lines]
    return [anchor, *subs]


def flagged_items(scored: list[Evidence]) -> list[Evidence]:
    """Flagged items, each once (not also as half of a label/value pair), best first."""
    seen: set[tuple[str, int, int]] = set()
    out = []
    for e in scored:
        inside = [(s, t) for s, t, _ in e.chunk.flags if s <= e.line_start and e.line_end <= t]
        if inside and (e.chunk.id, *inside[0]) not in seen:
            seen.add((e.chunk.id, *inside[0]))
            out.append(e)
    return out


# A Q&A document (FAQ, 질의회시) states each question before its answer: "질의내용: …" / "답변: …",
# "Q. …" / "A. …". A question that paraphrases one of them matches the stated question best, but what
# it asks is the answer below it.
_ASKED_LABEL = re.compile(r"^\s*[-•·]?\s*(?:(?:질의(?:내용|요지|사항)?|질문(?:내용)?|문의(?:내용|사항)?|Q\s*\d*|문\s*\d*)\s*[:：.)]|[(［\[]\s*(?:문|질의|Q)\s*[)］\]])")
_ANSWER_LABEL = re.compile(r"^\s*[-•·]?\s*(?:(?:답변(?:내용)?|회신(?:내용)?|답|A\s*\d*)\s*[:：.)]|[(［\[]\s*(?:답|회신|A)\s*[)］\]])")
ANSWER_REACH = 12  # lines from the stated question to its answer (a long question wraps over a few)


def answer_of_question(best: Evidence, section_chunks: list[Chunk]) -> Evidence | None:
    """The answer item under the stated question `best` ("질의내용: …" → the next "답변: …" before any
    other question), or None when `best` is not a stated question or no answer follows it."""
    if not _ASKED_LABEL.match(best.text):
        return None
    following = sorted(((c, s, e, t) for c in section_chunks or [best.chunk] for s, e, t in c.items
                        if best.line_end < s <= best.line_end + ANSWER_REACH), key=lambda x: x[1])
    for chunk, start, end, text in following:
        if _ASKED_LABEL.match(text):
            return None  # the next question came first: this one is not answered here
        if _ANSWER_LABEL.match(text):
            return Evidence(chunk, best.rank, start, end, text, best.score, best.coverage, best.features)
    return None
