"""LLM connection settings: environment variables over an optional TOML file; off by default.

    LLM_BASE_URL, LLM_MODEL      both needed to switch generation on
    LLM_API_KEY                  optional (local servers ignore it)
    LLM_PROVIDER                 "openai" (any OpenAI-compatible /v1 endpoint, default) or "ollama"
    LLM_TIMEOUT                  seconds for the whole answer, then the extractive answer is shown
    LLM_MAX_TOKENS               answer length cap
    LLM_EVIDENCE_TOKENS          evidence budget in the prompt (counted with tiktoken)
    LLM_CONFIG                   path of the TOML file (default: llm.toml, else settings.toml, in the repo)

The file holds the same keys in lower case without the prefix, under `[llm]`
(`base_url = "http://127.0.0.1:8080/v1"`, `model = "qwen2.5-7b-instruct"`, `timeout = 30` …).
"""
from __future__ import annotations

import logging
import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path

from settings import REPO_ROOT

PROVIDERS = ("openai", "ollama")
DEFAULT_FILES = ("llm.toml", "settings.toml")
logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class LLMSettings:
    base_url: str = ""
    model: str = ""
    api_key: str = ""
    provider: str = "openai"
    timeout_s: float = 30.0
    max_tokens: int = 400
    evidence_tokens: int = 1500
    temperature: float = 0.0
    source: str = "기본값"  # where the settings came from, for messages
    problems: tuple[str, ...] = field(default=())  # Korean, why generation stays off

    @property
    def enabled(self) -> bool:
        return bool(self.base_url and self.model) and not self.problems

    def why_disabled(self) -> str:
        """A Korean sentence for GenerationUnavailable."""
        if self.problems:
            return "LLM 설정이 잘못되었습니다: " + "; ".join(self.problems)
        missing = [name for name, value in (("LLM_BASE_URL", self.base_url), ("LLM_MODEL", self.model)) if not value]
        return f"생성형 답변을 쓰려면 LLM 연결({', '.join(missing)})을 설정해야 합니다."


# key in the file / suffix of the env var → (field, type)
_KEYS: dict[str, tuple[str, type]] = {
    "base_url": ("base_url", str),
    "model": ("model", str),
    "api_key": ("api_key", str),
    "provider": ("provider", str),
    "timeout": ("timeout_s", float),
    "max_tokens": ("max_tokens", int),
    "evidence_tokens": ("evidence_tokens", int),
    "temperature": ("temperature", float),
}
_LIMITS: dict[str, tuple[float, float]] = {
    "timeout_s": (0.5, 600.0),
    "max_tokens": (16, 8192),
    "evidence_tokens": (200, 100_000),
    "temperature": (0.0, 2.0),
}


def _config_file(env: Mapping[str, str], root: Path) -> Path | None:
    named = env.get("LLM_CONFIG", "").strip()
    if named:
        return Path(named)
    return next((root / n for n in DEFAULT_FILES if (root / n).is_file()), None)


def _read_file(path: Path) -> tuple[dict[str, object], list[str]]:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        return {}, [f"{path.name}을(를) 읽을 수 없습니다({exc})"]
    section = data.get("llm", {})
    if not isinstance(section, dict):
        return {}, [f"{path.name}의 [llm] 항목이 표 형식이 아닙니다"]
    return section, []


def _convert(key: str, label: str, raw: object, problems: list[str]) -> object | None:
    """`key` as in the file; `label` is what the user wrote (file key or env var), for the message."""
    field_name, kind = _KEYS[key]
    try:
        value = kind(str(raw).strip()) if kind is not str else str(raw).strip()
    except ValueError:
        problems.append(f"{label} 값 '{raw}'이(가) 숫자가 아닙니다")
        return None
    if field_name in _LIMITS:
        low, high = _LIMITS[field_name]
        if not low <= float(value) <= high:  # type: ignore[arg-type]
            problems.append(f"{label} 값 {value}이(가) 허용 범위({low:g}–{high:g}) 밖입니다")
            return None
    return value


def load_llm_settings(env: Mapping[str, str] | None = None, root: Path = REPO_ROOT) -> LLMSettings:
    """Env vars win over the file, so one run can point elsewhere without editing it."""
    env = os.environ if env is None else env
    values: dict[str, object] = {}
    problems: list[str] = []
    sources: list[str] = []
    path = _config_file(env, root)
    if path is not None:
        section, file_problems = _read_file(path)
        problems += file_problems
        unknown = sorted(set(section) - _KEYS.keys())
        if unknown:
            logger.warning("unknown keys in %s [llm]: %s", path, unknown)
        for key, raw in section.items():
            if key in _KEYS and (value := _convert(key, key, raw, problems)) is not None:
                values[_KEYS[key][0]] = value
        sources.append(path.name)
    for key, (field_name, _) in _KEYS.items():
        raw = env.get(f"LLM_{key.upper()}", "")
        if raw.strip() and (value := _convert(key, f"LLM_{key.upper()}", raw, problems)) is not None:
            values[field_name] = value
            if "환경 변수" not in sources:
                sources.append("환경 변수")
    settings = replace(LLMSettings(), **values, source=" + ".join(sources) or "기본값")
    provider = settings.provider.lower()
    if provider not in PROVIDERS:
        problems.append(f"LLM_PROVIDER '{settings.provider}'은(는) {', '.join(PROVIDERS)} 중 하나여야 합니다")
    if settings.base_url and not settings.base_url.startswith(("http://", "https://")):
        problems.append(f"LLM_BASE_URL '{settings.base_url}'은(는) http:// 또는 https://로 시작해야 합니다")
    return replace(settings, provider=provider, base_url=settings.base_url.rstrip("/"), problems=tuple(problems))
