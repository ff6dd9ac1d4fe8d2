"""Why a file was not read, in Korean for the user; the rest of the corpus is read regardless."""
from __future__ import annotations

from dataclasses import dataclass
from enum import Enum


class ProblemKind(str, Enum):
    UNSUPPORTED = "unsupported"
    ENCODING = "encoding"
    EMPTY = "empty"
    TOO_LARGE = "too_large"
    PASSWORD = "password"
    DRM = "drm"
    SCANNED = "scanned"
    CORRUPT = "corrupt"
    NO_NODE = "no_node"
    TIMEOUT = "timeout"
    OUTSIDE = "outside"  # a symlink pointing outside the corpus folder
    IO = "io"


@dataclass(frozen=True)
class LoadProblem:
    path: str
    message: str  # Korean, shown to the user
    kind: ProblemKind = ProblemKind.CORRUPT


class UnreadableDocument(Exception):
    def __init__(self, message: str, kind: ProblemKind = ProblemKind.CORRUPT) -> None:
        super().__init__(message)
        self.message = message
        self.kind = kind
