"""👎 answers (with the staff comment) → eval rows to review: `python -m eval feedback-export OUT.jsonl`.

Each row is in the eval schema (eval/datasets/README.md) with the user's question and earlier
questions as "history". What the right answer is cannot be known from a 👎: `answer_contains` and
`evidence_contains` are left empty and the row says `"review": true` — the loader refuses such rows
until a person has filled them in from the report and removed the flag.
"""
from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from assistant.conversation_store import ConversationStore, Feedback

REVIEW_NOTE = "검토 필요: 보고서 원문을 보고 answer_contains(와 evidence_contains)를 채운 뒤 \"review\"를 지우세요."


def feedback_row(fb: Feedback) -> dict[str, Any]:
    return {
        "id": f"feedback-{fb.answer_id}",
        "category": "followup" if fb.history else "feedback",
        "question": fb.question,
        "answer_contains": [],
        "evidence_contains": [],
        "answerable": True,
        "history": list(fb.history),
        "review": True,
        "review_note": REVIEW_NOTE,
        "feedback_comment": fb.comment,
        "assistant_answer": fb.answer,
        "feedback_at": fb.updated_at,
    }


def feedback_rows(store: ConversationStore) -> list[dict[str, Any]]:
    return [feedback_row(fb) for fb in store.feedback(rating=-1)]


def to_jsonl(rows: list[dict[str, Any]]) -> str:
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows)


def export(out: Path, store: ConversationStore | None = None) -> int:
    """Write the 👎 rows to `out` (atomically); returns how many."""
    rows = feedback_rows(store or ConversationStore())
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(out.name + ".tmp")
    tmp.write_text(to_jsonl(rows), encoding="utf-8")
    os.replace(tmp, out)
    return len(rows)
