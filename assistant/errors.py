"""Errors a user can cause, each with a Korean message meant to be shown as is, and the one place
that makes question text safe for the tokenizer (CLI, batch rows and the app all come through here)."""
from __future__ import annotations

import re
import unicodedata

MAX_QUESTION_CHARS = 2000
# Lone surrogates (from broken UTF-16 or `surrogateescape`d bytes) make Kiwi and UTF-8 output raise;
# C0/C1 controls, NUL and noncharacters are not text. All become nothing; tabs and newlines a space.
_UNREADABLE = re.compile(r"[\ud800-\udfff\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufdd0-\ufdef\ufffe\uffff]")
_SPACE = re.compile(r"[\s\u200b\u2028\u2029\ufeff]+")


class QuestionError(ValueError):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class GenerationUnavailable(RuntimeError):
    """Generative mode was asked for but no LLM endpoint is configured."""


def clean_question(text: str) -> str:
    """NFC, unreadable characters dropped, whitespace runs made one space."""
    text = _UNREADABLE.sub("", text)
    return _SPACE.sub(" ", unicodedata.normalize("NFC", text)).strip()


def printable(text: object, limit: int = 200) -> str:
    """A safe echo of what the user sent (for error rows): always encodable, never huge."""
    value = str(text)
    value = value.encode("utf-8", "backslashreplace").decode("utf-8")  # lone surrogates → \udcxx
    return value if len(value) <= limit else value[:limit] + "…"


def validate_question(question: object) -> str:
    if not isinstance(question, str):
        raise QuestionError("질문은 글자(문자열)여야 합니다." if question is not None else "질문을 입력해 주세요.")
    if not question.strip():
        raise QuestionError("질문을 입력해 주세요.")
    if len(question) > MAX_QUESTION_CHARS * 2:  # before any work on it
        raise QuestionError(f"질문이 너무 깁니다({len(question):,}자). {MAX_QUESTION_CHARS:,}자 이내로 줄여 주세요.")
    text = clean_question(question)
    if not text:
        raise QuestionError("질문에 읽을 수 있는 글자가 없습니다(제어 문자나 깨진 문자만 있습니다).")
    if len(text) > MAX_QUESTION_CHARS:
        raise QuestionError(f"질문이 너무 깁니다({len(text):,}자). {MAX_QUESTION_CHARS:,}자 이내로 줄여 주세요.")
    return text
