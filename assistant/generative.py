"""Generative answers over the extractive pipeline's evidence, with the extractive answer as fallback.

The extractive answer for the same question is computed first: its citations (then the passages it
ranked next) become numbered evidence blocks, the LLM writes from those only, and the grounding
guard checks the result. On any problem — no evidence, endpoint down, timeout, an error, an
ungrounded or empty answer — the extractive answer is returned with a Korean notice. Citations are
always the evidence objects the blocks were built from, never anything the model wrote.
"""
from __future__ import annotations

import logging
import queue
import re
import threading
import time
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field, fields, replace
from functools import lru_cache
from typing import Any

from assistant.grounding import CITATION, FLAGGED_PROBLEM, GroundingReport, check_grounding
from assistant.llm_config import LLMSettings
from assistant.types import Answer, Citation
from kotext.injection import is_flagged
from kotext.text import no_ws
from reports.chunks import Chunk
from prompts import PROMPT_VERSION, fill, load_prompt

logger = logging.getLogger(__name__)
MAX_BLOCKS = 4
INSUFFICIENT = "근거가 부족"  # what the prompt tells the model to say when the blocks do not answer
_FAKE_MARKER = re.compile(r"\[(\s*\d{1,3}(?:\s*[,，]\s*\d{1,3})*\s*)\]")
_ANGLE = str.maketrans({"<": "〈", ">": "〉"})

NOTICES = {
    "skipped_abstained": "보고서에서 근거를 찾지 못해 LLM을 부르지 않았습니다.",
    "skipped_specialist": "계산·판정 기능이 답한 질문이라 LLM 없이 검증된 답을 보여 드립니다.",
    "no_evidence": "LLM에 줄 근거가 없어 추출형 답변을 보여 드립니다.",
    "unreachable": "LLM 서버에 연결할 수 없어 추출형 답변을 보여 드립니다.",
    "timeout": "LLM 응답이 {timeout:g}초 안에 끝나지 않아 추출형 답변을 보여 드립니다.",
    "error": "LLM 호출 중 오류가 나서 추출형 답변을 보여 드립니다.",
    "empty": "LLM이 빈 답을 돌려주어 추출형 답변을 보여 드립니다.",
    "insufficient": "LLM이 근거가 부족하다고 답해 추출형 답변을 보여 드립니다.",
    "ungrounded": "생성된 답변이 근거와 맞지 않아({problem}) 추출형 답변을 보여 드립니다.",
    "injected": "생성된 답변이 보고서 속 지시문·피싱 의심 문장을 근거로 삼아({problem}) 추출형 답변을 보여 드립니다.",
}


@dataclass
class GenerativeAnswer(Answer):
    """An Answer asked in generative mode: `mode` says which path answered; `grounding.ok` is true
    exactly when the generated text is shown."""

    grounding: dict[str, Any] = field(default_factory=dict)
    generation: dict[str, Any] = field(default_factory=dict)  # status, model, prompt version, timings


@dataclass(frozen=True)
class EvidenceBlock:
    n: int
    citation: Citation  # what the answer cites: the report's own lines
    body: str  # what the model reads: tables rebuilt as "header: value", markers neutralised
    flagged: tuple[str, ...] = ()  # items ingest flagged as instructions/phishing (ingest/injection.py)

    def render(self) -> str:
        return f"[{self.n}] 출처: {neutralise(self.citation.section)}\n{self.body}"  # the path starts with the title

    def checked(self) -> str:
        """What the grounding guard may take numbers from: the block without its flagged lines
        (a line of a flagged item is part of that item's text)."""
        if not self.flagged:
            return self.render()
        keys = [no_ws(neutralise(t)) for t in self.flagged]
        return "\n".join(line for line in self.render().split("\n") if not (no_ws(line) and any(no_ws(line) in k for k in keys)))


def neutralise(text: str) -> str:
    """Document or question text is data: it cannot open or close a prompt section (<근거>) or
    pose as a block number ([3]); both are rewritten to look-alikes that carry no meaning."""
    return _FAKE_MARKER.sub(r"(\1)", text.translate(_ANGLE))


@lru_cache(maxsize=8)
def encoding_for(model: str):
    """tiktoken's encoding for the configured model when it is one of the offline BPE files,
    else cl100k_base (a fair estimate for other tokenizers; the budget has slack)."""
    from offline_models.tiktoken_files import ensure_tiktoken_offline

    ensure_tiktoken_offline()
    import tiktoken
    from tiktoken.model import encoding_name_for_model

    try:
        name = encoding_name_for_model(model)
    except KeyError:
        name = "cl100k_base"
    return tiktoken.get_encoding(name if name in ("cl100k_base", "o200k_base") else "cl100k_base")


def count_tokens(text: str, model: str) -> int:
    return len(encoding_for(model).encode(text, disallowed_special=()))


def _model_text(chunk: Chunk) -> str:
    lines = (chunk.index_text or chunk.text).split("\n")
    if lines and lines[0].startswith(chunk.doc_title):
        lines = lines[1:]  # index_text opens with a short section title; the block header has the full path
    return neutralise("\n".join(lines).strip())


def _truncate(text: str, budget: int, model: str) -> str:
    kept: list[str] = []
    for line in text.split("\n"):
        if count_tokens("\n".join([*kept, line]), model) > budget:
            break
        kept.append(line)
    return "\n".join(kept)


def select_blocks(base: Answer, chunks: Mapping[str, Chunk], budget: int, model: str) -> list[EvidenceBlock]:
    """The extractive answer's citations first (so [1] means the same passage in both modes), then
    the passages it ranked next, while the token budget lasts."""
    by_lines = {(c.doc_id, c.line_start, c.line_end): c for c in chunks.values()}
    candidates: list[tuple[Citation, Chunk | None]] = [
        (c, by_lines.get((c.doc_id, c.line_start, c.line_end))) for c in base.citations
    ]
    cited = {(c.doc_id, c.line_start, c.line_end) for c in base.citations}
    for p in base.retrieved:
        chunk = chunks.get(p.chunk_id)
        if chunk is not None and (p.doc_id, p.line_start, p.line_end) not in cited:
            citation = Citation(0, chunk.doc_id, chunk.doc_title, chunk.section, chunk.line_start, chunk.line_end, chunk.text, page=chunk.page_or_none)
            candidates.append((citation, chunk))
    blocks: list[EvidenceBlock] = []
    left = budget
    for citation, chunk in candidates:
        if len(blocks) >= MAX_BLOCKS:
            break
        n = len(blocks) + 1
        body = _model_text(chunk) if chunk is not None else neutralise(citation.text)
        flagged = _flagged_texts(chunk) if chunk is not None else ()
        block = EvidenceBlock(n, replace(citation, n=n, spans=()), body, flagged)
        cost = count_tokens(block.render(), model)
        if cost > left:
            if blocks:
                break  # later passages are ranked lower: stop rather than skip ahead
            header_cost = count_tokens(EvidenceBlock(n, block.citation, "").render(), model)
            block = EvidenceBlock(n, block.citation, _truncate(body, left - header_cost, model), flagged)
            cost = count_tokens(block.render(), model)
        blocks.append(block)
        left -= cost
    return blocks


def _flagged_texts(chunk: Chunk) -> tuple[str, ...]:
    return tuple(text for start, end, text in chunk.items if chunk.flags and is_flagged(chunk.flags, start, end))


def build_messages(question: str, blocks: list[EvidenceBlock], version: str = PROMPT_VERSION) -> list[Any]:
    from langchain_core.messages import HumanMessage, SystemMessage

    evidence = "\n\n".join(b.render() for b in blocks)
    user = fill(load_prompt("answer_ko", version), evidence=evidence, question=neutralise(question))
    return [SystemMessage(load_prompt("system_ko", version)), HumanMessage(user)]


def make_chat_model(settings: LLMSettings):
    """A LangChain chat model for the settings. No retries: a retry would double the wait before
    the fallback; the answer is already there in extractive form."""
    if settings.provider == "ollama":
        from langchain_ollama import ChatOllama

        headers = {"Authorization": f"Bearer {settings.api_key}"} if settings.api_key else {}
        return ChatOllama(
            model=settings.model, base_url=settings.base_url, temperature=settings.temperature,
            num_predict=settings.max_tokens, client_kwargs={"timeout": settings.timeout_s, "headers": headers},
        )
    from langchain_openai import ChatOpenAI

    return ChatOpenAI(
        model=settings.model, base_url=settings.base_url, api_key=settings.api_key or "not-needed",
        timeout=settings.timeout_s, max_retries=0, temperature=settings.temperature, max_tokens=settings.max_tokens,
    )


class LLMTimeout(TimeoutError):
    pass


def _text_of(chunk: Any) -> str:
    content = getattr(chunk, "content", chunk)
    if isinstance(content, str):
        return content
    if isinstance(content, list):  # content blocks
        return "".join(p.get("text", "") if isinstance(p, dict) else str(p) for p in content)
    return ""


def stream_with_deadline(model: Any, messages: list[Any], timeout_s: float) -> Iterator[str]:
    """Text pieces as the model writes them, with a wall-clock limit on the whole answer.

    The HTTP client's timeout only bounds each wait for a byte; a server that trickles tokens
    could still take minutes. Reading happens in a daemon thread, and this generator gives up at
    the deadline whatever that thread is blocked on (the thread ends at its client's timeout)."""
    pieces: queue.Queue[tuple[str, Any]] = queue.Queue()
    stop = threading.Event()

    def pump() -> None:
        try:
            for chunk in model.stream(messages):
                if stop.is_set():
                    return
                text = _text_of(chunk)
                if text:
                    pieces.put(("text", text))
            pieces.put(("done", None))
        except BaseException as exc:  # handed to the caller, who decides on the fallback
            pieces.put(("error", exc))

    threading.Thread(target=pump, name="llm-stream", daemon=True).start()
    deadline = time.monotonic() + timeout_s
    try:
        while True:
            try:
                kind, payload = pieces.get(timeout=max(0.0, deadline - time.monotonic()))
            except queue.Empty:
                raise LLMTimeout(f"no complete answer within {timeout_s:g} s") from None
            if kind == "text":
                yield payload
            elif kind == "done":
                return
            else:
                raise payload
    finally:
        stop.set()


def failure_status(exc: BaseException) -> str:
    """"timeout", "unreachable" or "error", from the exception and its causes (openai, httpx and
    ollama raise different classes for the same thing)."""
    seen: BaseException | None = exc
    names: list[str] = []
    while seen is not None and len(names) < 8:
        names.append(type(seen).__name__)
        if isinstance(seen, TimeoutError):
            return "timeout"
        if isinstance(seen, ConnectionError):
            return "unreachable"
        seen = seen.__cause__ or seen.__context__
    joined = " ".join(names)
    if "Timeout" in joined:
        return "timeout"
    if "Connect" in joined or "Connection" in joined:
        return "unreachable"
    return "error"


class GenerativeAnswerer:
    """Turns an extractive Answer into a generative one (or returns it, with a notice)."""

    def __init__(
        self, settings: LLMSettings, chunks: Mapping[str, Chunk],
        model_factory: Callable[[LLMSettings], Any] | None = None,
    ) -> None:
        self.settings = settings
        self.chunks = chunks
        self._factory = model_factory or (lambda s: make_chat_model(s))  # looked up late: tests swap it
        self._model: Any = None

    @property
    def model(self) -> Any:
        if self._model is None:
            self._model = self._factory(self.settings)
        return self._model

    def _meta(self, status: str, **extra: Any) -> dict[str, Any]:
        s = self.settings
        return {"status": status, "provider": s.provider, "model": s.model, "prompt_version": PROMPT_VERSION, **extra}

    def _fallback(self, base: Answer, status: str, started: float, problems: list[str] | None = None, **meta: Any) -> GenerativeAnswer:
        notice = NOTICES[status].format(timeout=self.settings.timeout_s, problem=(problems or [""])[0])
        reasons = problems or [notice]
        return _as_generative(
            base, started, notice=" ".join(x for x in (base.notice, notice) if x),
            grounding={"ok": False, "problems": reasons}, generation=self._meta(status, **meta),
        )

    def stream(self, base: Answer, question: str, started: float) -> Iterator[str | GenerativeAnswer]:
        """Text pieces while the model writes, then the final answer (always last, always one)."""
        if base.abstained:
            yield self._fallback(base, "skipped_abstained", started)
            return
        if base.programs or "calculation" in base.extra:
            # Eligibility verdicts and calculated figures are structured answers: a rewording could
            # only drift from them (and a sum is, by design, in no block).
            yield self._fallback(base, "skipped_specialist", started)
            return
        blocks = select_blocks(base, self.chunks, self.settings.evidence_tokens, self.settings.model)
        if not blocks:
            yield self._fallback(base, "no_evidence", started)
            return
        messages = build_messages(question, blocks)
        meta = {
            "evidence_blocks": len(blocks),
            "evidence_tokens": sum(count_tokens(b.render(), self.settings.model) for b in blocks),
        }
        t0 = time.perf_counter()
        parts: list[str] = []
        try:
            for piece in stream_with_deadline(self.model, messages, self.settings.timeout_s):
                parts.append(piece)
                yield piece
        except Exception as exc:
            status = failure_status(exc)
            logger.warning("LLM call failed (%s): %s", status, exc)
            meta["llm_ms"] = round((time.perf_counter() - t0) * 1000, 1)
            yield self._fallback(base, status, started, **meta, error=f"{type(exc).__name__}: {exc}"[:300])
            return
        meta["llm_ms"] = round((time.perf_counter() - t0) * 1000, 1)
        yield self.finish("".join(parts), blocks, base, started, meta)

    def finish(self, text: str, blocks: list[EvidenceBlock], base: Answer, started: float, meta: dict[str, Any]) -> GenerativeAnswer:
        text = text.strip()
        if not text:
            return self._fallback(base, "empty", started, **meta)
        if INSUFFICIENT in text and not CITATION.search(text):
            return self._fallback(base, "insufficient", started, **meta, text=text)
        report: GroundingReport = check_grounding(
            text, {b.n: b.checked() for b in blocks}, {b.n: "\n".join(b.flagged) for b in blocks if b.flagged}
        )
        if not report.ok:
            status = "injected" if any(FLAGGED_PROBLEM in p for p in report.problems) else "ungrounded"
            problems = sorted(report.problems, key=lambda p: FLAGGED_PROBLEM not in p)  # the notice quotes the first
            return self._fallback(base, status, started, problems, **meta, text=text)
        by_n = {b.n: b.citation for b in blocks}
        return _as_generative(
            base, started, answer=text, mode="generative", answered_by="generative",
            citations=[by_n[n] for n in sorted(report.cited)],
            grounding=report.to_dict(), generation=self._meta("ok", **meta),
        )

    def answer(self, base: Answer, question: str, started: float) -> GenerativeAnswer:
        final: GenerativeAnswer | None = None
        for item in self.stream(base, question, started):
            if isinstance(item, GenerativeAnswer):
                final = item
        assert final is not None  # stream() always ends with one
        return final


def _as_generative(base: Answer, started: float, **changes: Any) -> GenerativeAnswer:
    values = {f.name: getattr(base, f.name) for f in fields(Answer)}
    values.update(changes)
    values["latency_ms"] = round((time.perf_counter() - started) * 1000, 2)
    return GenerativeAnswer(**values)
