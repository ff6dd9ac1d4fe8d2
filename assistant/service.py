"""The assistant: load model and index once, answer questions with citations.

Every front end (CLI, Streamlit app, eval harness) goes through `Assistant.ask`.
"""
from __future__ import annotations

import gc
import logging
import threading
import time
import uuid
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from assistant.entities import EntityCatalog
from assistant.errors import GenerationUnavailable, validate_question
from assistant.extractive import ABSTAIN_TEXT, LETTERHEAD_CHARS, Draft, ExtractiveAnswerer, cited_chunks
from assistant.followup import AFTER_DECLINE_REASON, Resolution, TurnKind, clarifying_question, resolve_turn
from settings import DATA_DIR
from assistant.specialists import SpecialistAnswer, load_specialists
from questions.analysis import analyze
from assistant.scope import district_documents, named_districts, out_of_scope_reason, unknown_terms
from assistant.subjects import SubjectVocabulary
from assistant import search_scope
from retrieval.synonyms import SYNONYMS
from assistant.types import Answer, Citation, RetrievedPassage
from kotext.injection import asks_about_flagged, warning as flag_warning
from kotext.text import no_ws
from reports import generations
from reports.chunks import Chunk
from retrieval.hybrid import FusionConfig, Hit, HybridRetriever, IndexMissingError, SearchFilters
from retrieval.lexicon import ChunkTokenStore, load_vocabularies

RETRIEVED_K = 10
logger = logging.getLogger(__name__)


@dataclass
class AssistantConfig:
    data_dir: Path = DATA_DIR
    fusion: FusionConfig | None = None
    abstain_below: float = 0.3


@dataclass(frozen=True)
class IndexView:
    """Everything read from one index generation. A question uses one view from start to end, so a
    reload between questions (a new ingest) never mixes two generations in one answer."""

    generation: str  # the generation id, "" for a legacy (pre-generation) data folder
    retriever: HybridRetriever
    answerer: ExtractiveAnswerer
    entities: EntityCatalog
    specialists: list
    titles: dict  # doc_id → title
    subjects: SubjectVocabulary  # what a question can name as its own subject (conversation resolution)


class DocTexts(Mapping[str, str]):
    """doc_id → the whole document without whitespace, joined the first time a question needs it
    (the scope checks of an answer read the documents of its evidence). Joining every document at
    start-up copied the whole corpus text once more, for the few documents questions reach."""

    def __init__(self, chunks: Iterable[Chunk]) -> None:
        self._chunks: dict[str, list[Chunk]] = {}
        for c in chunks:
            self._chunks.setdefault(c.doc_id, []).append(c)
        self._texts: dict[str, str] = {}

    def __getitem__(self, doc_id: str) -> str:
        text = self._texts.get(doc_id)
        if text is None:  # two threads may both join it: the same text, one of them kept
            text = self._texts[doc_id] = "".join(no_ws(c.text) for c in self._chunks[doc_id])
        return text

    def __iter__(self) -> Iterator[str]:
        return iter(self._chunks)

    def __len__(self) -> int:
        return len(self._chunks)


@contextmanager
def _gc_paused() -> Iterator[None]:
    """The cyclic garbage collector off while an index view is built: building it allocates a few
    million objects and frees none, and each full collection walked all of them again (three times
    at 100× the corpus, 0.4 s of the start)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _names_unknown(retriever: HybridRetriever, answerer: ExtractiveAnswerer, question: str) -> bool:
    """A word the reports never use ("달나라") is a new subject, not a pronoun for the old one."""
    terms = analyze(question).terms
    return bool(unknown_terms(terms, retriever.bm25, SYNONYMS, answerer.section_vocabulary))


def open_view(config: AssistantConfig, embedder, client) -> IndexView:
    """Resolve the current generation once, then read only inside it (its folder and collection)."""
    from retrieval.chroma_store import open_collection

    gen = generations.current(config.data_dir)
    if gen is None and not generations.has_legacy(config.data_dir):
        raise IndexMissingError("검색 색인이 없습니다. 먼저 `python -m ingest`로 색인을 만들어 주세요.")
    folder = gen.path if gen is not None else config.data_dir
    name = gen.collection if gen is not None else generations.LEGACY_COLLECTION
    retriever = HybridRetriever(folder, embedder, open_collection(client, name), config.fusion)
    answerer = ExtractiveAnswerer(retriever.bm25, abstain_below=config.abstain_below)
    answerer.embedder = retriever.embedder
    answerer.chunk_texts = [no_ws(c.text + c.section) for c in retriever.chunks.values()]
    answerer.doc_texts = DocTexts(retriever.chunks.values())
    for c in retriever.chunks.values():
        answerer.section_chunks.setdefault((c.doc_id, c.section), []).append(c)
    # Heading words and per-chunk tokens were computed at ingest (retrieval/lexicon.py).
    answerer.section_vocabulary = load_vocabularies(retriever.data_dir)["sections"]
    answerer.tokens = ChunkTokenStore(retriever.data_dir, retriever.bm25.ids)
    entities = EntityCatalog(retriever.chunks.values())
    titles = {c.doc_id: c.doc_title for c in retriever.chunks.values()}
    subjects = SubjectVocabulary(retriever.chunks.values(), entities, lambda q: _names_unknown(retriever, answerer, q))
    return IndexView(gen.id if gen is not None else "", retriever, answerer, entities, load_specialists(folder, retriever.chunks),
                     titles, subjects)


class Assistant:
    def __init__(self, view: IndexView, config: AssistantConfig, embedder=None, client=None) -> None:
        self.config = config
        self._view = view
        self._embedder = embedder if embedder is not None else view.retriever.embedder
        self._client = client
        self._reload_lock = threading.Lock()
        self._unloadable = ""  # a generation that failed to load: not retried before every question
        self._generative = None  # GenerativeAnswerer, made on first generative question

    @classmethod
    def load(cls, config: AssistantConfig | None = None) -> "Assistant":
        from retrieval.korean_tokens import preload

        kiwi = preload()  # Kiwi loads on a thread while Chroma, e5 and the index load here
        from retrieval.chroma_store import make_client
        from retrieval.embedder import E5Embeddings

        config = config or AssistantConfig()
        with _gc_paused():
            embedder, client = E5Embeddings(), make_client(config.data_dir)
            bot = cls(open_view(config, embedder, client), config, embedder, client)
            # What was loaded lives as long as the process (until a reload, which unfreezes): kept
            # out of every later collection, a full one during a question no longer walks the index.
            gc.freeze()
        kiwi.join()
        return bot

    # The current view's parts (for callers that inspect the index: tests, eval, the app).
    @property
    def retriever(self) -> HybridRetriever:
        return self._view.retriever

    @property
    def answerer(self) -> ExtractiveAnswerer:
        return self._view.answerer

    @property
    def entities(self) -> EntityCatalog:
        return self._view.entities

    @property
    def specialists(self) -> list:
        return self._view.specialists

    @property
    def generation(self) -> str:
        return self._view.generation

    @property
    def titles(self) -> dict:
        return self._view.titles

    @property
    def subjects(self) -> SubjectVocabulary:
        return self._view.subjects

    def view(self) -> IndexView:
        """The view to answer the next question with: reloaded when a new generation became current
        since the last question (one small file read per question). A failed reload keeps the old view."""
        view = self._view
        if self._client is None:
            return view
        latest = generations.current_id(self.config.data_dir)
        if latest is None or latest in (view.generation, self._unloadable):
            return view
        with self._reload_lock:
            if self._view.generation != latest:  # another thread may have reloaded meanwhile
                try:
                    gc.unfreeze()  # the old view must be collectable once no question uses it
                    with _gc_paused():
                        self._view = open_view(self.config, self._embedder, self._client)
                    logger.info("index generation %s loaded (was %s)", self._view.generation, view.generation or "legacy")
                except Exception:
                    self._unloadable = latest
                    logger.exception("could not load index generation %s; keeping %s", latest, view.generation)
            return self._view

    def _specialist_answer(self, view: IndexView, question: str, analysis, hits, scope: SearchFilters) -> tuple[SpecialistAnswer | None, str]:
        """The first specialist that takes the question: (answer, its name), or (None, reason) when
        its evidence is out of scope (a May figure asked "as of December" is not the same fact),
        or (None, "") when no specialist takes it."""
        for specialist in view.specialists:
            try:
                special = specialist.try_answer(question, analysis, hits, scope=scope)
            except Exception:  # a broken specialist must not take the generic answer down with it
                logger.exception("specialist %s failed; falling back", getattr(specialist, "name", "?"))
                continue
            if special is None:
                continue
            docs = " ".join(view.answerer.doc_texts.get(d, "") for d in dict.fromkeys(c.doc_id for c in special.evidence))
            reason = out_of_scope_reason(analysis.text, list(special.evidence), view.entities.meetings, analysis.years, docs)
            return (None, reason) if reason else (special, specialist.name)
        return None, ""

    @staticmethod
    def _outside_scope(view: IndexView, question: str, scope: SearchFilters) -> str:
        """A Korean reason when the question names an office or document the scope leaves out."""
        named = view.entities.find(question)
        if scope.office and named.offices and scope.office not in named.offices:
            return f"질문한 곳({'·'.join(sorted(named.offices))})은 검색 범위 밖입니다"
        if scope.doc_id and named.doc_ids and scope.doc_id not in named.doc_ids:
            return "질문한 문서는 검색 범위 밖입니다"
        office_docs = view.entities.office_docs
        if scope.doc_id and named.offices and not any(scope.doc_id in office_docs.get(o, ()) for o in named.offices):
            # an office only other documents have ("경제정책실 …" asked with the scope set to 영등포구's report)
            return f"질문한 곳({'·'.join(sorted(named.offices))})은 검색 범위 밖입니다"
        return ""

    # ── generative mode (assistant/generative.py) ───────────────────────────────────────────────
    def _generator(self, view: IndexView):
        """The configured LLM path, or GenerationUnavailable (Korean) when none is configured."""
        from assistant.generative import GenerativeAnswerer
        from assistant.llm_config import load_llm_settings

        settings = load_llm_settings()
        if not settings.enabled:
            raise GenerationUnavailable(settings.why_disabled())
        gen = self._generative
        if gen is None or gen.settings != settings or gen.chunks is not view.retriever.chunks:
            self._generative = GenerativeAnswerer(settings, view.retriever.chunks)
        return self._generative

    def ask_stream(
        self, question: str, history: list[Answer] | None = None, qid: str = "", filters: SearchFilters | None = None
    ) -> Iterator[str | Answer]:
        """A generative answer: text pieces while the LLM writes, then the final Answer (last item).
        The extractive answer for the same question is its evidence and, on any problem, its fallback."""
        started = time.perf_counter()
        text = validate_question(question)
        view = self.view()
        generator = self._generator(view)
        base = self._ask(view, text, history, qid, filters, started)
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
        return self._ask(self.view(), text, history, qid, filters, started)

    def _ask(
        self, view: IndexView, text: str, history: list[Answer] | None, qid: str, filters: SearchFilters | None, started: float
    ) -> Answer:
        turn = resolve_turn(text, history[-1] if history else None, view.subjects)
        if turn.kind in (TurnKind.AFTER_DECLINE, TurnKind.CLARIFY):
            return self._conversation_answer(text, turn, qid, started)
        resolved = turn.question
        analysis = analyze(resolved)
        lexical_query = " ".join((resolved, *analysis.expanded[len(analysis.terms):]))
        hits = view.retriever.search(resolved, k=RETRIEVED_K, filters=filters, lexical_query=lexical_query)
        if asks_about_flagged(resolved):
            hits = _with_flagged(hits, view.retriever.chunks, filters)
        hits = _in_named_district(hits, resolved, view.answerer.doc_texts)
        scope = filters or SearchFilters()
        outside = self._outside_scope(view, resolved, scope)
        special, answered_by = (None, "") if outside else self._specialist_answer(view, resolved, analysis, hits, scope)
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
            draft = view.answerer.answer(analysis, hits, view.entities.find(resolved), view.entities.meetings)
            cited = cited_chunks(draft.evidence, draft.support)  # numbered by first use, as in the text
            order = {cid: i for i, cid in enumerate(draft.ranking)}
        spans: dict[str, list[tuple[int, int]]] = {}
        for ev in draft.evidence:
            spans.setdefault(ev.chunk.id, []).append((ev.line_start, ev.line_end))
        citations = [
            Citation(n, c.doc_id, c.doc_title, c.section, c.line_start, c.line_end, c.text, tuple(sorted(spans.get(c.id, ()))),
                     flag_warning(c.flags), c.page_or_none)
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
        where = "" if scope.is_everything else " " + search_scope.refusal_note(scope, view.titles)
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
            table=special.table if special else None,
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


SPECIFIC_WORD = 4  # "아트테리어", "우리동네가게": 4+ syllables name one thing; "선정", "공모" do not


def _in_named_district(hits: list[Hit], question: str, doc_texts) -> list[Hit]:
    """A question that names a district ("영등포구청에서 …") is about the documents of that district:
    when the best passage comes from another document and the results include the district's own,
    the other documents' passages are left out (results already led by it are kept as they are)."""
    letterheads = {d: doc_texts.get(d, "")[:LETTERHEAD_CHARS] for d in dict.fromkeys(h.chunk.doc_id for h in hits)}
    if len(letterheads) < 2:
        return hits
    wanted = district_documents(question, letterheads)
    if not wanted or hits[0].chunk.doc_id in wanted:
        return hits
    best = hits[0].chunk
    best_text = no_ws(f"{best.section} {best.text}")
    if any(name in best_text for name in named_districts(question)) and _names_what_only_others_have(
            question, best_text, [doc_texts.get(d, "") for d in wanted]):
        return hits  # "우리동네가게 아트테리어 … 영등포구도 선정됐어요?": the district is a subject of the other report
    return [h for h in hits if h.chunk.doc_id in wanted]


def _names_what_only_others_have(question: str, best_text: str, district_texts: list[str]) -> bool:
    """The question names a specific thing (a word of SPECIFIC_WORD or more characters) that the best
    passage (its heading path and text) has and the district's own documents never mention. Both texts
    come without whitespace (DocTexts joins the documents so)."""
    from retrieval.korean_tokens import tokenize

    return any(len(w) >= SPECIFIC_WORD and w in best_text and not any(w in t for t in district_texts)
               for w in tokenize(question, content_only=True))


def _with_flagged(hits: list[Hit], chunks: dict, filters: SearchFilters | None) -> list[Hit]:
    """A question about injected or phishing lines ("보고서의 피싱 의심 문구는?") names them by kind, not
    by their words, so retrieval alone rarely finds them: the passages holding flagged lines come first."""
    allowed = filters or SearchFilters()
    flagged = [c for c in chunks.values() if c.flags and allowed.allows(c)]
    if not flagged:
        return hits
    top = max((h.score for h in hits), default=0.0)
    ids = {c.id for c in flagged}
    front = [Hit(c, top, None, None) for c in flagged[:RETRIEVED_K // 2]]
    return front + [h for h in hits if h.chunk.id not in ids][: RETRIEVED_K - len(front)]
