"""Conversations and answer feedback in one embedded SQLite file under JOBS_DATA_DIR (stdlib sqlite3,
no server). The app keeps every turn here, so a reload or another day restores the conversation;
staff turn 👎 answers into eval rows from here (`python -m eval feedback-export`).

One connection per call: Streamlit answers sessions in threads, and sqlite3 connections are not
shared across threads. WAL mode lets a reader and a writer work at once.
"""
from __future__ import annotations

import json
import sqlite3
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from assistant.types import Answer
from settings import CONVERSATIONS_DB

TITLE_CHARS = 40

_SCHEMA = """
CREATE TABLE IF NOT EXISTS conversations (
    id TEXT PRIMARY KEY,
    title TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS turns (
    answer_id TEXT PRIMARY KEY,
    conversation_id TEXT NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    question TEXT NOT NULL,
    answer_json TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS turns_by_conversation ON turns(conversation_id, position);
CREATE TABLE IF NOT EXISTS feedback (
    answer_id TEXT PRIMARY KEY REFERENCES turns(answer_id) ON DELETE CASCADE,
    rating INTEGER NOT NULL CHECK (rating IN (-1, 1)),
    comment TEXT NOT NULL DEFAULT '',
    updated_at TEXT NOT NULL
);
"""


def _now() -> str:
    return datetime.now().isoformat(timespec="seconds")


@dataclass(frozen=True)
class ConversationSummary:
    id: str
    title: str
    updated_at: str
    turns: int


@dataclass(frozen=True)
class StoredTurn:
    question: str
    answer: Answer


@dataclass(frozen=True)
class Feedback:
    answer_id: str
    conversation_id: str
    rating: int  # +1 👍, -1 👎
    comment: str
    question: str  # as the user typed it
    answer: str  # the assistant's answer text
    history: tuple[str, ...]  # the user's earlier questions in that conversation
    updated_at: str


class ConversationStore:
    def __init__(self, path: Path | None = None) -> None:
        self.path = Path(path) if path else CONVERSATIONS_DB
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with self._db() as db:
            db.executescript(_SCHEMA)

    @contextmanager
    def _db(self) -> Iterator[sqlite3.Connection]:
        db = sqlite3.connect(self.path, timeout=10)
        try:
            db.execute("PRAGMA foreign_keys = ON")
            db.execute("PRAGMA journal_mode = WAL")
            with db:  # one transaction
                yield db
        finally:
            db.close()

    # ── conversations ────────────────────────────────────────────────────────────────────────
    def new_conversation(self) -> str:
        return uuid.uuid4().hex[:16]

    def add_turn(self, conversation_id: str, question: str, answer: Answer) -> None:
        """Append a turn; the conversation is created with its first question as the title."""
        now = _now()
        with self._db() as db:
            db.execute(
                "INSERT OR IGNORE INTO conversations(id, title, created_at, updated_at) VALUES (?, ?, ?, ?)",
                (conversation_id, _title(question), now, now),
            )
            position = db.execute("SELECT COUNT(*) FROM turns WHERE conversation_id = ?", (conversation_id,)).fetchone()[0]
            db.execute(
                "INSERT OR REPLACE INTO turns(answer_id, conversation_id, position, question, answer_json, created_at)"
                " VALUES (?, ?, ?, ?, ?, ?)",
                (answer.id, conversation_id, position, question, json.dumps(answer.to_dict(), ensure_ascii=False), now),
            )
            db.execute("UPDATE conversations SET updated_at = ? WHERE id = ?", (now, conversation_id))

    def turns(self, conversation_id: str) -> list[StoredTurn]:
        with self._db() as db:
            rows = db.execute(
                "SELECT question, answer_json FROM turns WHERE conversation_id = ? ORDER BY position", (conversation_id,)
            ).fetchall()
        return [StoredTurn(q, Answer.from_dict(json.loads(a))) for q, a in rows]

    def exists(self, conversation_id: str) -> bool:
        with self._db() as db:
            return db.execute("SELECT 1 FROM conversations WHERE id = ?", (conversation_id,)).fetchone() is not None

    def conversations(self, limit: int = 20) -> list[ConversationSummary]:
        """The most recently used conversations first."""
        with self._db() as db:
            rows = db.execute(
                "SELECT c.id, c.title, c.updated_at, COUNT(t.answer_id) FROM conversations c"
                " LEFT JOIN turns t ON t.conversation_id = c.id GROUP BY c.id ORDER BY c.updated_at DESC, c.rowid DESC LIMIT ?",
                (limit,),
            ).fetchall()
        return [ConversationSummary(*r) for r in rows]

    def delete_conversation(self, conversation_id: str) -> None:
        with self._db() as db:
            db.execute("DELETE FROM conversations WHERE id = ?", (conversation_id,))

    # ── feedback ─────────────────────────────────────────────────────────────────────────────
    def set_feedback(self, answer_id: str, rating: int, comment: str = "") -> None:
        if rating not in (-1, 1):
            raise ValueError("rating은 1(👍) 또는 -1(👎)이어야 합니다.")
        with self._db() as db:
            db.execute(
                "INSERT INTO feedback(answer_id, rating, comment, updated_at) VALUES (?, ?, ?, ?)"
                " ON CONFLICT(answer_id) DO UPDATE SET rating = excluded.rating, comment = excluded.comment,"
                " updated_at = excluded.updated_at",
                (answer_id, rating, comment.strip(), _now()),
            )

    def clear_feedback(self, answer_id: str) -> None:
        with self._db() as db:
            db.execute("DELETE FROM feedback WHERE answer_id = ?", (answer_id,))

    def feedback_for(self, answer_id: str) -> Feedback | None:
        found = self.feedback(answer_id=answer_id)
        return found[0] if found else None

    def feedback(self, rating: int | None = None, answer_id: str | None = None) -> list[Feedback]:
        """Feedback with its question, answer and the conversation's earlier questions, oldest first."""
        sql = (
            "SELECT f.answer_id, t.conversation_id, f.rating, f.comment, t.question, t.answer_json, t.position, f.updated_at"
            " FROM feedback f JOIN turns t ON t.answer_id = f.answer_id WHERE 1 = 1"
        )
        args: list = []
        if rating is not None:
            sql += " AND f.rating = ?"
            args.append(rating)
        if answer_id is not None:
            sql += " AND f.answer_id = ?"
            args.append(answer_id)
        out = []
        with self._db() as db:
            for aid, cid, r, comment, question, answer_json, position, updated in db.execute(sql + " ORDER BY f.updated_at", args).fetchall():
                earlier = db.execute(
                    "SELECT question FROM turns WHERE conversation_id = ? AND position < ? ORDER BY position", (cid, position)
                ).fetchall()
                answer = json.loads(answer_json).get("answer", "")
                out.append(Feedback(aid, cid, r, comment, question, answer, tuple(q for (q,) in earlier), updated))
        return out


def _title(question: str) -> str:
    q = " ".join(question.split())
    return q if len(q) <= TITLE_CHARS else q[: TITLE_CHARS - 1] + "…"
