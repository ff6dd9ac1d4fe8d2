"""Errors a user can cause, each with a Korean message meant to be shown as is."""
from __future__ import annotations

MAX_QUESTION_CHARS = 2000


class QuestionError(ValueError):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class GenerationUnavailable(RuntimeError):
    """Generative mode was asked for but no LLM endpoint is configured."""


def validate_question(question: object) -> str:
    if not isinstance(question, str) or not question.strip():
        raise QuestionError("질문을 입력해 주세요.")
    text = question.strip()
    if len(text) > MAX_QUESTION_CHARS:
        raise QuestionError(f"질문이 너무 깁니다({len(text):,}자). {MAX_QUESTION_CHARS:,}자 이내로 줄여 주세요.")
    if "\x00" in text:
        raise QuestionError("질문에 읽을 수 없는 문자가 들어 있습니다.")
    return text
