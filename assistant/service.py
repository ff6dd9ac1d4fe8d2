"""The assistant: load model and index once, answer questions with citations.

Every front end (CLI, Streamlit app, eval harness) goes through `Assistant.ask`.
"""
from __future__ import annotations

import logging
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from assistant.entities import EntityCatalog
from assistant.errors import GenerationUnavailable, validate_question
from assistant.extractive import ABSTAIN_TEXT, Draft, ExtractiveAnswerer, cited_chunks
from assistant.followup import AFTER_DECLINE_REASON, Resolution, TurnKind, clarifying_question, resolve_turn
from settings import DATA_DIR
from assistant.specialists import SpecialistAnswer, load_specialists
from questions.analysis import analyze
from assistant.scope import out_of_scope_reason, unknown_terms
from assistant.subjects import SubjectVocabulary
from assistant import search_scope
from retrieval.synonyms import SYNONYMS
from assistant.types import Answer, Citation, RetrievedPassage
from kotext.text import no_ws
from retrieval.hybrid import FusionConfig, HybridRetriever, SearchFilters
from retrieval.korean_tokens import tokenize

RETRIEVED_K = 10
logger = logging.getLogger(__name__)


@dataclass
class AssistantConfig:
    data_dir: Path = DATA_DIR
    fusion: FusionConfig | None = None
    abstain_below: float = 0.3


class Assistant:
    def __init__(self, retriever: HybridRetriever, config: AssistantConfig) -> None:
        self.retriever = retriever
        self.config = config
        self.answerer = ExtractiveAnswerer(retriever.bm25, abstain_below=config.abstain_below)
        self.entities = EntityCatalog(list(retriever.chunks.values()))
        self.answerer.chunk_texts = [no_ws(c.text + c.section) for c in retriever.chunks.values()]
        self.answerer.section_vocabulary = {
            t for section in {c.section for c in retriever.chunks.values()} for t in tokenize(section)
        }
        self.specialists = load_specialists(config.data_dir, retriever.chunks)
        self.titles = {c.doc_id: c.doc_title for c in retriever.chunks.values()}
        self.subjects = SubjectVocabulary(retriever.chunks.values(), self.entities, self._names_unknown)
        self._generative = None  # GenerativeAnswerer, made on first generative question

    @classmethod
    def load(cls, config: AssistantConfig | None = None) -> "Assistant":
        from retrieval.chroma_store import get_collection, make_client
        from retrieval.embedder import E5Embeddings

        config = config or AssistantConfig()
        collection = get_collection(make_client(config.data_dir))
        retriever = HybridRetriever(config.data_dir, E5Embeddings(), collection, config.fusion)
        return cls(retriever, config)

    def _specialist_answer(self, question: str, analysis, hits, scope: SearchFilters) -> tuple[SpecialistAnswer | None, str]:
        """The first specialist that takes the question: (answer, its name), or (None, reason) when
        its evidence is out of scope (a May figure asked "as of December" is not the same fact),
        or (None, "") when no specialist takes it."""
        for specialist in self.specialists:
            try:
                special = specialist.try_answer(question, analysis, hits, scope=scope)
            except Exception:  # a broken specialist must not take the generic answer down with it
                logger.exception("specialist %s failed; falling back", getattr(specialist, "name", "?"))
                continue
            if special is None:
                continue
            reason = out_of_scope_reason(analysis.text, list(special.evidence), self.entities.meetings, analysis.years, [])
            return (None, reason) if reason else (special, specialist.name)
        return None, ""

    def _names_unknown(self, question: str) -> bool:
        """A word the reports never use ("달나라") is a new subject, not a pronoun for the old one."""
        terms = analyze(question).terms
        return bool(unknown_terms(terms, self.retriever.bm25, SYNONYMS, self.answerer.section_vocabulary))

    def _outside_scope(self, question: str, scope: SearchFilters) -> str:
        """A Korean reason when the question names an office or document the scope leaves out."""
        named = self.entities.find(question)
        if scope.office and named.offices and scope.office not in named.offices:
            return f"질문한 곳({'·'.join(sorted(named.offices))})은 검색 범위 밖입니다"
        if scope.doc_id and named.doc_ids and scope.doc_id not in named.doc_ids:
            return "질문한 문서는 검색 범위 밖입니다"
        return ""

    # ── generative mode (assistant/generative.py) ───────────────────────────────────────────────
    def _generator(self):
        """The configured LLM path, or GenerationUnavailable (Korean) when none is configured."""
        from assistant.generative import GenerativeAnswerer
        from assistant.llm_config import load_llm_settings

        settings = load_llm_settings()
        if not settings.enabled:
            raise GenerationUnavailable(settings.why_disabled())
        if self._generative is None or self._generative.settings != settings:
            self._generative = GenerativeAnswerer(settings, self.retriever.chunks)
        return self._generative

    def ask_stream(
        self, question: str, history: list[Answer] | None = None, qid: str = "", filters: SearchFilters | None = None
    ) -> Iterator[str | Answer]:
        """A generative answer: text pieces while the LLM writes, then the final Answer (last item).
        The extractive answer for the same question is its evidence and, on any problem, its fallback."""
        started = time.perf_counter()
        text = validate_question(question)
        generator = self._generator()
        base = self.ask(text, history, qid, None, filters)
        yield from generator.stream(base, base.resolved_question or text, started)
    # ── end of generative mode ──────────────────────────────────────────────────────────────────

    def ask(
        self,
        question: str,
        history: list[Answer] | None = None,
        qid: str = "",
        mode: str | None = None,
        filters: SearchFilters | None = None,
    ) -> Answer:
        started = time.perf_counter()
        text = validate_question(question)
        if mode == "generative":  # generative branch: see ask_stream / assistant/generative.py
            final = None
            for item in self.ask_stream(text, history, qid, filters):
                final = item if isinstance(item, Answer) else final
            return final
        turn = resolve_turn(text, history[-1] if history else None, self.subjects)
        if turn.kind in (TurnKind.AFTER_DECLINE, TurnKind.CLARIFY):
            return self._conversation_answer(text, turn, qid, started)
        resolved = turn.question
        analysis = analyze(resolved)
        lexical_query = " ".join((resolved, *analysis.expanded[len(analysis.terms):]))
        hits = self.retriever.search(resolved, k=RETRIEVED_K, filters=filters, lexical_query=lexical_query)
        outside = self._outside_scope(resolved, filters or SearchFilters())
        special, answered_by = (None, "") if outside else self._specialist_answer(resolved, analysis, hits, filters or SearchFilters())
        if outside:  # "경제정책실 …" asked with the scope set to 복지정책실: not answered from another office
            draft, cited, order = Draft(ABSTAIN_TEXT, True, reason=outside), [], {}
            answered_by = "extractive"
        elif special is not None:
            draft = Draft(special.answer, special.abstained)
            cited = list(special.evidence)
            order = {c.id: i for i, c in enumerate(cited)}
        elif answered_by:  # a specialist's evidence was out of scope: say so, do not guess
            draft, cited, order = Draft(ABSTAIN_TEXT, True, reason=answered_by), [], {}
            answered_by = "extractive"
        else:
            answered_by = "extractive"
            draft = self.answerer.answer(analysis, hits, self.entities.find(resolved), self.entities.meetings)
            cited = cited_chunks(draft.evidence, draft.support)  # numbered by first use, as in the text
            order = {cid: i for i, cid in enumerate(draft.ranking)}
        spans: dict[str, list[tuple[int, int]]] = {}
        for ev in draft.evidence:
            spans.setdefault(ev.chunk.id, []).append((ev.line_start, ev.line_end))
        citations = [
            Citation(n, c.doc_id, c.doc_title, c.section, c.line_start, c.line_end, c.text, tuple(sorted(spans.get(c.id, ()))), c.page_or_none)
            for n, c in enumerate(cited, start=1)
        ]
        # Passages in the answerer's order (reranked by their best evidence), then the rest.
        hits = sorted(hits, key=lambda h: (order.get(h.chunk.id, len(order)), -h.score))
        retrieved = [
            RetrievedPassage(
                rank=i + 1, doc_id=h.chunk.doc_id, section=h.chunk.section, text=h.chunk.text, score=round(h.score, 6),
                chunk_id=h.chunk.id, line_start=h.chunk.line_start, line_end=h.chunk.line_end,
            )
            for i, h in enumerate(hits)
        ]
        answer_text = draft.answer
        scope = filters or SearchFilters()
        where = "" if scope.is_everything else " " + search_scope.refusal_note(scope, self.titles)
        if draft.abstained and hits:
            nearest = "; ".join(f"{h.chunk.section.split(' › ', 1)[-1]} ({h.chunk.line_start}–{h.chunk.line_end}행)" for h in hits[:2])
            reason = f" ({draft.reason})" if draft.reason else ""
            answer_text = f"{ABSTAIN_TEXT}{reason}{where} 가장 가까운 부분: {nearest}"
        elif draft.abstained and where:
            answer_text = f"{draft.answer}{where}"
        return Answer(
            id=qid or uuid.uuid4().hex[:12],
            question=text,
            answer=answer_text,
            abstained=draft.abstained,
            mode="extractive",
            citations=citations,
            retrieved=retrieved,
            latency_ms=round((time.perf_counter() - started) * 1000, 2),
            resolved_question=resolved if resolved != text else "",
            answered_by=answered_by,
            programs=list(special.extra.get("programs", [])) if special else [],
            extra={k: v for k, v in special.extra.items() if k != "programs"} if special else {},
            scope=search_scope.to_dict(filters),
        )

    def _conversation_answer(self, text: str, turn: Resolution, qid: str, started: float) -> Answer:
        """A turn answered from the conversation itself: a follow-up of a declined question is
        declined too; "그 사업" after several programs gets "어느 사업을 말씀하시나요?"."""
        prev = turn.antecedent
        clarify = turn.kind is TurnKind.CLARIFY
        return Answer(
            id=qid or uuid.uuid4().hex[:12],
            question=text,
            answer=clarifying_question(turn.options) if clarify else f"{ABSTAIN_TEXT} ({AFTER_DECLINE_REASON})",
            abstained=not clarify,
            mode="extractive",
            # The clarifying question stands on the previous answer's evidence.
            citations=list(prev.citations) if clarify and prev else [],
            retrieved=list(prev.retrieved) if clarify and prev else [],
            latency_ms=round((time.perf_counter() - started) * 1000, 2),
            answered_by=turn.kind.value,
            options=list(turn.options),
        )
