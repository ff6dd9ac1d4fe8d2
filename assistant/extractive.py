"""Extractive answers: pick the evidence items that answer the question and state them briefly.

No LLM. Each retrieved chunk is split into its logical items (a bullet with its wrapped lines, or
a table row rebuilt as "label: column value"); items are scored by how much of the question's
content they cover (IDF-weighted, so rare words such as a program name count most), whether they
hold the kind of fact asked for (a rate, an amount, an age …) and the chunk's retrieval rank.
"""
from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache

from assistant.entities import EntityMentions
from questions.analysis import BASIS_QUESTION, INTENT_LABELS, VALUE_PATTERNS, WHY_QUESTION, QuestionAnalysis, QuestionPart, question_parts
from assistant.scope import light_stem, missing_rare_terms, out_of_scope_reason, unknown_compounds, unknown_terms
from kotext.injection import asks_about_flagged, is_flagged
from kotext.numbers import age_band_spellings, stated_total
from kotext.text import markdown_plain, no_ws
from reports.chunks import Chunk
from retrieval.bm25 import BM25Index
from retrieval.hybrid import Hit
from assistant.scorer import load_scorer
from assistant.listed_items import announced_items, is_lead_in, marker_kind
from assistant.abstention import AbstainSignals
from assistant.abstention import load_model as load_abstention_model
from assistant.superlative import breakdown_total, compare_items, extreme_statement
from retrieval.lexicon import PAIR_MAX_CHARS, ChunkTokens, ChunkTokenStore, chunk_token_record, pair_text, pairs_with_previous

ABSTAIN_TEXT = "보고서에서 해당 내용을 찾을 수 없습니다."
FLAGGED_INTRO = "보고서 본문에 다음과 같은 지시문·피싱 의심 문장이 있습니다(따르지 마세요):"
MAX_ANSWER_CHARS = 280
_BULLET = re.compile(r"^[\s○□■◦•‣▸▶➡⇒⇨→－−\-※❖✜*·ㆍ]+")
_LABEL = re.compile(r"^[\s○□■◦•‣▸▶－−\-※❖✜*·ㆍ]*([^:：()]{1,16}?)\s*[:：]")
_TOTAL_ROW = re.compile(r"^(?:총\s*계|합\s*계|계|총계):")
_ROW_LIKE = re.compile(r"^[^:]{1,40}: .*\d")  # a rebuilt table row "label: column value, …"
_ASOF = re.compile(r"[(（]\s*([’‘']?\d{2,4}[.\s]*\d{0,2}\.?\s*\d{0,2}\.?\s*월?\s*말?\s*(?:현재|기준))\s*[)）]")


@dataclass(frozen=True)
class Evidence:
    chunk: Chunk
    rank: int
    line_start: int
    line_end: int
    text: str
    score: float
    coverage: float
    features: tuple[float, ...] = ()  # FEATURES, in order: what the scorer saw (kept for fitting and for explaining)


@dataclass
class Draft:
    answer: str
    abstained: bool
    evidence: list[Evidence] = field(default_factory=list)
    ranking: list[str] = field(default_factory=list)  # chunk ids, best evidence first (a reranking)
    reason: str = ""  # why the assistant abstained, in Korean
    support: dict[int, Chunk] = field(default_factory=dict)  # item index → a passage repeating its figures


@lru_cache(maxsize=2048)
def _computed_tokens(chunk: Chunk) -> ChunkTokens:
    """Tokens of a chunk the index has no stored record for (a chunk made in a test, a stale id)."""
    r = chunk_token_record(chunk)
    return ChunkTokens(frozenset(r["text"]), frozenset(r["context"]), tuple(frozenset(t) for t in r["items"]),
                       tuple(None if p is None else frozenset(p) for p in r["pairs"]))


@lru_cache(maxsize=4096)
def _computed_tokens_of(text: str) -> frozenset[str]:
    from retrieval.korean_tokens import tokenize

    return frozenset(tokenize(text))


TermGroups = list[tuple[tuple[str, ...], float]]  # (a term and its synonyms, IDF weight)
_VALUE_KINDS = ("rate", "money", "count", "date", "age", "place", "person", "duration", "time")


class ExtractiveAnswerer:
    def __init__(
        self, bm25: BM25Index, abstain_below: float = 0.3, items_per_answer: int = 3, runner_up_ratio: float = 0.8
    ) -> None:
        self.bm25 = bm25
        self.abstain_below = abstain_below
        self.items_per_answer = items_per_answer
        self.runner_up_ratio = runner_up_ratio
        self.scorer = load_scorer()
        self.trace: list | None = None  # set to a list to record (question, scored candidates) for fitting
        # set to a list to record (question, AbstainSignals, the rules' decision) for eval.fit_abstainer
        self.signal_log: list | None = None
        self.abstainer = load_abstention_model()  # None: the rules decide (no model fitted)
        # measured: adding count/date/place abstains wrongly more often (place: dev false abstain 0.9→1.7%);
        # a clock time (몇 시) is as specific as a rate
        self.strict_kinds = ("rate", "money", "age", "time")
        self._oov = (bm25.max_idf() if len(bm25.vocabulary) else 5.0) + 1.0
        self.section_vocabulary: set[str] = set()  # heading words, set by the service from the index
        self.tokens: ChunkTokenStore | None = None  # tokens stored at ingest, set by the service
        self.chunk_texts: list[str] = []  # each passage (text + section) without whitespace, set by the service
        self.doc_texts: Mapping[str, str] = {}  # doc_id → the whole document without whitespace, set by the service (joined lazily)
        self.section_chunks: dict[tuple[str, str], list[Chunk]] = {}  # (doc_id, section) → its chunks, set by the service
        self.rare_df = max(2, len(bm25.ids) // 20)  # "specific": in at most 5% of chunks (dev: //10 to //30 tried)
        # A question about flagged lines ("보고서의 피싱 의심 문구는?") names them only by kind, not by
        # their words: being flagged stands in for the words (chosen so one such line beats the
        # best ordinary item of the same passage, 0.3–0.6 behave the same on the test corpus).
        self.flagged_bonus = 0.5

    def weight(self, term: str) -> float:
        if term in self.bm25.vocabulary:
            return self.bm25.idf(term)
        # A term only known inside a longer index word (a glued name) weighs like that word.
        glued = self.bm25.expand([term])
        return min((self.bm25.idf(v) for v in glued), default=self._oov) if glued else self._oov

    def term_groups(self, q: QuestionAnalysis) -> TermGroups:
        from retrieval.synonyms import SYNONYMS

        groups: TermGroups = []
        for t in dict.fromkeys(q.terms):
            alts = (t, *(SYNONYMS.get(t) or SYNONYMS.get(light_stem(t), ())), *age_band_spellings(t))
            known = [self.weight(a) for a in alts if a in self.bm25.vocabulary]
            # A paraphrase the reports never use weighs like the report's own word for it.
            weight = self.weight(t) if t in self.bm25.vocabulary or len(alts) == 1 else min(known or [self._oov])
            groups.append((alts, weight))
        return groups

    @staticmethod
    def _has(term: str, tokens: frozenset[str], squashed: str) -> bool:
        return term in tokens or (len(term) >= 2 and term in squashed)

    def chunk_tokens(self, chunk: Chunk) -> ChunkTokens:
        """The chunk's Kiwi tokens as ingest stored them (no Kiwi call per question)."""
        stored = self.tokens.get(chunk.id) if self.tokens is not None else None
        if stored is None or len(stored.items) != len(chunk.items or ((0, 0, ""),)):
            return _computed_tokens(chunk)
        return stored

    def coverage(self, groups: TermGroups, chunk: Chunk, text: str, toks: frozenset[str] | None = None) -> float:
        """IDF share of the question's terms in `text`; a term only in the chunk's headings counts 0.8."""
        total = sum(w for _, w in groups) or 1.0
        tokens = self.chunk_tokens(chunk)
        ctx = tokens.context
        if toks is None:
            toks = tokens.text if text == chunk.index_text else _computed_tokens_of(text)
        squashed = re.sub(r"\s+", "", text)
        got = 0.0
        for alts, w in groups:
            if any(self._has(a, toks, squashed) for a in alts):
                got += w
            elif any(a in ctx for a in alts):
                got += 0.8 * w
        return got / total

    @staticmethod
    def _kind_features(q: QuestionAnalysis, text: str) -> tuple[float, float, float, float]:
        """(asked kind present, asked kind missing, target asked and stated, metric named)."""
        value_kinds = [k for k in q.kinds if k in _VALUE_KINDS]
        present = missing = 0.0
        if value_kinds:
            # The kind of fact asked for must be there: a "몇 명" question wants a count.
            counter = _counter_pattern(q)  # "몇 곳" wants 개소/곳, not any count
            if any((counter if k == "count" and counter else VALUE_PATTERNS[k]).search(text) for k in value_kinds):
                present = 1.0
            else:
                missing = 1.0
        target = 1.0 if "target" in q.kinds and VALUE_PATTERNS["target"].search(text) else 0.0
        metric = 1.0 if q.metrics and any(m in text for m in q.metrics) else 0.0
        return present, missing, target, metric

    @staticmethod
    def _label_features(groups: TermGroups, text: str, intents: tuple[str, ...] = ()) -> tuple[float, float]:
        """Report items are mostly "○ 근무시간 : 주5일, 14시간": a question naming the label
        ("근무시간은?") wants that item, whatever else the section shares with the question.
        Returns (the label names a question term, the label is of the kind asked — 지원대상 for "누가")."""
        m = _LABEL.match(text)
        if not m:
            return 0.0, 0.0
        label = re.sub(r"\s+", "", m.group(1))
        if any(len(a) >= 2 and a in label for alts, _ in groups for a in alts):
            return 1.0, 0.0
        if any(INTENT_LABELS[i][1].search(label) for i in intents):
            return 0.0, 1.0
        return 0.0, 0.0

    def score_items(
        self, q: QuestionAnalysis, hits: list[Hit], depth: int = 8, mentions: EntityMentions | None = None,
        about_flagged: bool = False,
    ) -> tuple[list[Evidence], float]:
        """Items that ingest flagged as instructions or phishing are left out, unless the question
        asks about such lines (`about_flagged`): then they are the answer."""
        groups = self.term_groups(q)
        scored: list[Evidence] = []
        sims = [h.dense_sim for h in hits[:depth]]
        lo, hi = min(sims, default=0.0), max(sims, default=0.0)
        chunk_covs = [self.coverage(groups, h.chunk, h.chunk.index_text, self.chunk_tokens(h.chunk).text) for h in hits[:depth]]
        best_chunk_cov = max(chunk_covs, default=0.0)
        for rank, hit in enumerate(hits[:depth]):
            chunk = hit.chunk
            # How close e5 puts the chunk, relative to the others (carries paraphrases that share
            # few words), trusted in proportion to the words the chunk does share with the question.
            closeness = (hit.dense_sim - lo) / (hi - lo) if hi > lo else 0.0
            lexical_share = chunk_covs[rank] / best_chunk_cov if best_chunk_cov else 0.0
            semantic = closeness * lexical_share
            affinity = mentions.affinity(chunk) if mentions else 0.0
            items = chunk.items or ((chunk.line_start, chunk.line_end, chunk.text),)
            tokens = self.chunk_tokens(chunk)
            prev: tuple[int, int, str] | None = None
            for i, item in enumerate(items):
                start, end, text = item
                flagged = bool(chunk.flags) and is_flagged(chunk.flags, start, end)
                if flagged and not about_flagged:
                    prev = None  # nor is it half of a label/value pair
                    continue
                cov = self.coverage(groups, chunk, text, tokens.items[i])
                # A value often sits on the line after its label ("참석자 …" / "<총14명>"):
                # score the pair too, and keep the pair when it explains the value better.
                if prev is not None and pairs_with_previous(prev[2], text):
                    pair = pair_text(prev[2], text)
                    if len(pair) <= PAIR_MAX_CHARS and tokens.pairs[i] is not None:
                        pair_cov = 0.9 * self.coverage(groups, chunk, pair, tokens.pairs[i])
                        if pair_cov > cov:
                            cov, start, text = pair_cov, prev[0], pair
                feats = (
                    cov, 1.0 / (rank + 1), semantic, affinity,
                    *self._kind_features(q, text), *self._label_features(groups, text, q.intents),
                    1.0 if _TOTAL_ROW.match(text) else 0.0,  # an office's figure is its total row unless a sub-row is named
                    1.0 if len(text) < 6 else 0.0,  # a bare label is not an answer
                    chunk_covs[rank], hit.dense_sim, min(len(text), 400) / 400.0,
                    1.0 if _ROW_LIKE.match(text) else 0.0,
                )
                score = self.scorer.score(feats) + (self.flagged_bonus if flagged else 0.0)
                scored.append(Evidence(chunk, rank, start, end, text, score, cov, feats))
                prev = item
        scored.sort(key=lambda e: -e.score)
        return scored, best_chunk_cov

    def missing_value_reason(self, q: QuestionAnalysis, scored: list[Evidence]) -> str | None:
        """A question asking for a rate, an amount or an age whose best evidence holds none is
        asking for something the reports do not state ("뉴딜일자리 민간 취업률은?")."""
        strict = [k for k in q.kinds if k in self.strict_kinds]
        if not strict:
            return None
        best = scored[0].score
        close = [e for e in scored[:5] if e.score >= self.runner_up_ratio * best]
        if any(VALUE_PATTERNS[k].search(e.text) for e in close for k in strict):
            return None
        return "보고서에서 물어본 수치를 찾을 수 없습니다."

    def answer(
        self, q: QuestionAnalysis, hits: list[Hit], mentions: EntityMentions | None = None, meetings: list[str] | None = None
    ) -> Draft:
        if not hits:
            return Draft(ABSTAIN_TEXT, True)
        about_flagged = asks_about_flagged(q.text) and any(h.chunk.flags for h in hits[:8])
        scored, chunk_cov = self.score_items(q, hits, mentions=mentions, about_flagged=about_flagged)
        if self.trace is not None:
            self.trace.append((q.text, scored))
        if not scored:
            return Draft(ABSTAIN_TEXT, True)
        best = scored[0]
        if about_flagged and is_flagged(best.chunk.flags, best.line_start, best.line_end):
            # Asked about the flagged lines and found them: the question's words ("피싱", "지시문")
            # are a kind, not words the report uses, so the scope checks below do not apply.
            ranking = list(dict.fromkeys(e.chunk.id for e in scored))
            chosen = _flagged_items(scored)[: self.items_per_answer]
            return Draft(FLAGGED_INTRO + "\n" + compose(q, chosen), False, chosen, ranking)
        # The item scores rerank the retrieved chunks: a chunk is as good as its best item.
        ranking = list(dict.fromkeys(e.chunk.id for e in scored))
        best = scored[0]
        from retrieval.synonyms import SYNONYMS

        asked = q.terms + tuple(p for p in q.pivots if p not in q.terms)
        never_used = unknown_terms(asked, self.bm25, SYNONYMS, self.section_vocabulary, self.chunk_texts)
        decisive = [t for t in never_used if decisive_unknown(t, q)]
        unknown = decisive or (unknown_compounds(q.text, self.chunk_texts, self.bm25.vocabulary) if self.chunk_texts else [])
        named_unknown = list(unknown)
        top_chunks = list({e.chunk.id: e.chunk for e in scored[:3]}.values())
        if not unknown:
            # Only topic words the reports organise sections by (they appear in headings) count.
            topical = tuple(t for t in q.terms if t in self.section_vocabulary)
            answer_chunks = list({e.chunk.id: e.chunk for e in scored[:5] if e.score >= self.runner_up_ratio * best.score}.values())
            unknown = missing_rare_terms(topical, answer_chunks, self.bm25, SYNONYMS, self.rare_df)
        docs = " ".join(self.doc_texts.get(d, "") for d in dict.fromkeys(c.doc_id for c in top_chunks))
        # Unambiguous scope evidence (a year, meeting, as-of month or district the documents lack) is a rule.
        heads = " ".join(self.doc_texts.get(d, "")[:LETTERHEAD_CHARS] for d in dict.fromkeys(c.doc_id for c in top_chunks))
        hard = out_of_scope_reason(q.text, top_chunks, meetings or [], q.years, [], docs, heads)
        word_reason = f"보고서에 '{unknown[0]}' 관련 내용이 없습니다." if unknown else None
        parts = question_parts(q.text)
        part_picks = self.answer_parts(parts, scored) if parts else []
        value_reason = None if hard or word_reason or any(part_picks) else self.missing_value_reason(q, scored)
        if self.abstainer is not None or self.signal_log is not None:
            signals = AbstainSignals(
                len(named_unknown), len(never_used) - len(decisive), max((len(t) for t in named_unknown), default=0),
                int(value_reason is not None), chunk_cov, best.score, max((h.dense_sim for h in hits[:3]), default=0.0),
                int(bool(unknown) and not named_unknown))
            if self.signal_log is not None:
                self.signal_log.append((q.text, signals, bool(hard or word_reason or value_reason or chunk_cov < self.abstain_below)))
        if self.abstainer is not None:
            reason = hard or ((word_reason or value_reason or "") if self.abstainer.declines(signals) else None)
            declined = reason is not None
        else:
            reason = hard or word_reason or value_reason
            # A fitted scorer is calibrated: its best probability is the confidence that anything answers.
            calibrated_low = self.scorer.kind == "logistic" and best.score < float(self.scorer.extra.get("abstain_below", 0.0))
            declined = bool(reason) or chunk_cov < self.abstain_below or calibrated_low
        if declined:
            return Draft(ABSTAIN_TEXT, True, ranking=ranking, reason=reason or "")
        if any(part_picks):
            # A multi-part question: each part's own best item, in the order asked.
            chosen = list({id(e): e for e in part_picks if e is not None}.values())
            support = corroborating(chosen, [h.chunk for h in hits[:5]])
            return Draft(compose(q, chosen, support), False, chosen, ranking, support=support)
        chosen = [best]
        used = len(best.text)
        limit = ENUMERATION_ITEMS if ENUMERATION.search(q.text) else self.items_per_answer
        for ev in scored[1:]:
            if len(chosen) >= limit:
                break
            overlaps = any(ev.chunk.id == c.chunk.id and ev.line_start <= c.line_end and c.line_start <= ev.line_end for c in chosen)
            # A close runner-up often holds the other half of a two-part question ("예산과 집행률").
            close = ev.score >= self.runner_up_ratio * best.score
            if not overlaps and close and ev.text != best.text and used + len(ev.text) <= MAX_ANSWER_CHARS:
                chosen.append(ev)
                used += len(ev.text)
        self._add_items_for_other_asks(q, scored, chosen)
        ranked = superlative_items(q.text, best, scored, self.section_chunks.get((best.chunk.doc_id, best.chunk.section), []))
        lead = None
        if ranked:
            chosen = ranked[: self.items_per_answer]
            lead = extreme_statement(q.text, chosen[0].text) if len(ranked) == 1 else None
        elif BASIS_QUESTION.search(q.text) or WHY_QUESTION.search(q.text):
            chosen = with_explanations(chosen[0], scored) + [e for e in chosen[1:]][: max(0, self.items_per_answer - 2)]
        elif cell := named_cell_row(q, chosen[0], scored):
            chosen = [chosen[0], cell]  # a table's header answered "40대는 몇 명": its row holds the cell
        elif listed := announced_evidence(q, chosen[0], self.section_chunks.get((best.chunk.doc_id, best.chunk.section), [])):
            chosen = listed  # "다음 각 호의 서류를 …": the numbered items are the answer
        support = corroborating(chosen, [h.chunk for h in hits[:5]])
        text = compose(q, chosen, support)
        return Draft(f"{lead}\n{text}" if lead else text, False, chosen, ranking, support=support)

    def answer_parts(self, parts: tuple[QuestionPart, ...], scored: list[Evidence], depth: int = 20) -> list[Evidence | None]:
        """For each part, the item among the best `depth` that states the kind it asks, ranked by the
        whole question's score plus how much of the part's own words the item covers. None when no
        item states it."""
        picks: list[Evidence | None] = []
        pool = scored[:depth]
        for part in parts:
            groups = [((t,), max(self.weight(t), 0.1)) for t in part.terms]
            best, best_value = None, float("-inf")
            for ev in pool:
                if part.kinds and not any(self._satisfies(k, ev.text) for k in part.kinds):
                    continue
                own = self.coverage(groups, ev.chunk, ev.text, frozenset()) if groups else 0.0
                value = ev.score + PART_WEIGHT * own
                if value > best_value:
                    best, best_value = ev, value
            picks.append(best)
        if sum(p is not None for p in picks) < 2:
            return []  # not a question of several parts after all: the one-part answer applies
        return picks

    def _satisfies(self, ask: str, text: str) -> bool:
        if ask in VALUE_PATTERNS and VALUE_PATTERNS[ask].search(text):
            return True
        m = _LABEL.match(text)
        return bool(m and ask in INTENT_LABELS and INTENT_LABELS[ask][1].search(re.sub(r"\s+", "", m.group(1))))

    def _add_items_for_other_asks(self, q: QuestionAnalysis, scored: list[Evidence], chosen: list[Evidence]) -> None:
        """"장소와 날짜는?" asks two things: each kind asked gets its best item, not just the first."""
        asks = list(dict.fromkeys([k for k in q.kinds if k in _VALUE_KINDS] + [i for i in q.intents if i in ("date", "place", "target", "money", "wage", "hours")]))
        if len(asks) < 2:
            return
        best = scored[0].score
        used = sum(len(e.text) for e in chosen)
        for ask in asks:
            if any(self._satisfies(ask, e.text) for e in chosen):
                continue
            for ev in scored[1:12]:
                if ev.score < 0.5 * best or used + len(ev.text) > MAX_ANSWER_CHARS:
                    break
                overlaps = any(ev.chunk.id == c.chunk.id and ev.line_start <= c.line_end and c.line_start <= ev.line_end for c in chosen)
                if not overlaps and self._satisfies(ask, ev.text):
                    chosen.append(ev)
                    used += len(ev.text)
                    break


# "7급은 누구누구예요?": every match is asked, not the best three (still within MAX_ANSWER_CHARS).
ENUMERATION = re.compile(r"누구누구|어디어디|뭐뭐|무엇무엇|모두\s*(?:누구|어디|알려|몇)|전부|다\s*알려")
ENUMERATION_ITEMS = 6  # the longest roster group in the shipped reports (입법지원관) has 6 names
PART_WEIGHT = 1.0  # a part's own words weigh like the whole question's coverage (coverage weight 1.0 in HAND_WEIGHTS)
# The first characters of a document (without whitespace): where a notice or page capture names its
# issuer ("동작구 … 공고"); 500 covers the letterhead and menu lines of the generalization documents.
LETTERHEAD_CHARS = 500
STATED_TOTAL_DEPTH = 15  # how far down the ranking a breakdown adding up to the question's whole is looked for
SPECIFIC_CHARS = 4  # a word this long the reports never use is a name (청년수당, 국민취업지원제도); dev+test-r1: 3 blocks 형편/아저씨


_PARTICLES = {"에", "에는", "은", "는", "이", "가", "을", "를", "의", "도", "만", "로", "으로", "까지", "부터", "에서", "째"}


def decisive_unknown(term: str, q: QuestionAnalysis) -> bool:
    """A word the reports never use puts the question out of scope when it is what is asked or which
    thing it is about (a clause's last term, a program's name, a long specific word); a describing
    word ("형편 어려운 집", "혼자 사는 노인") only lowers coverage."""
    if re.search(rf"(?:\d|몇){re.escape(term)}", no_ws(q.text)) and (term not in q.text or term[1:] in _PARTICLES):
        # a counter after a number with a particle or Kiwi's glue across words ("3기에는", "몇 년 안 된"):
        # how many, not what about ("몇 년생" asks a birth year and stays decisive)
        return False
    if len(term) == 2 and term.endswith("들"):
        return False  # "어떤 것들이": a bound noun's plural names nothing
    return term in q.pivots or len(term) >= SPECIFIC_CHARS


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
    (its cells are singled out by _pick_cells); None when the best item is itself such a row."""
    if _pick_cells(q, best.text) != best.text:
        return None
    rows = [e for e in scored if e.chunk.id == best.chunk.id and e.line_start > best.line_start and _ROW_LIKE.match(e.text)]
    return next((e for e in sorted(rows, key=lambda e: e.line_start) if _pick_cells(q, e.text) != e.text), None)


def announced_evidence(q: QuestionAnalysis, anchor: Evidence, section_chunks: list[Chunk]) -> list[Evidence]:
    """The lead-in and the items it announces (a list cut by the embedder's window continues in the
    section's next chunk); [] when the anchor announces nothing."""
    if not is_lead_in(anchor.text) or any(k in _VALUE_KINDS or k in ("place", "person") for k in q.kinds):
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


def _flagged_items(scored: list[Evidence]) -> list[Evidence]:
    """Flagged items, each once (not also as half of a label/value pair), best first."""
    seen: set[tuple[str, int, int]] = set()
    out = []
    for e in scored:
        inside = [(s, t) for s, t, _ in e.chunk.flags if s <= e.line_start and e.line_end <= t]
        if inside and (e.chunk.id, *inside[0]) not in seen:
            seen.add((e.chunk.id, *inside[0]))
            out.append(e)
    return out


def _clean(text: str) -> str:
    return re.sub(r"\s+", " ", _BULLET.sub("", markdown_plain(text))).strip()


_CELL_SPLIT = re.compile(r",\s(?![^()]*\))")  # cells of a rebuilt row; a breakdown note "(시 58,800, 구비 …)" stays whole
_CELL = re.compile(r"^\S[^()]*?\s[△▲-]?\d[\d,]*(?:\.\d+)?\s*[가-힣%]{0,4}(?:\([^()]*\))?$")  # "column value[unit][(note)]"
CELL_ROW_MIN = 3  # a row of at least this many "column value" cells is a table row, not a "label: value" item


def _pick_cells(q: QuestionAnalysis, text: str) -> str:
    """From a rebuilt row "label: col v, col v", keep the cells whose column the question names: a metric
    (long rows only, where several metrics share it) or a column word the row's label does not hold
    ("40대" → the "40~49세" cell)."""
    if not _ROW_LIKE.match(text):
        return text
    label, _, rest = text.partition(":")
    cells = [c.strip() for c in _CELL_SPLIT.split(rest)]
    if len(cells) < CELL_ROW_MIN or not all(_CELL.match(c) for c in cells):
        return text  # prose with commas ("총 82개 사업(직접 18, 간접 64)을 통해 …"), not a rebuilt row
    norm = lambda c: re.sub(r"\s+", "", c).replace("집행율", "집행률")
    wanted = [c for c in cells if any(m in norm(c) for m in q.metrics)] if len(text) > 110 else []
    if not wanted:
        squashed_label = re.sub(r"\s+", "", label)
        words = [a for t in q.terms if t not in squashed_label and not t.isdigit()
                 for a in (t, *age_band_spellings(t)) if len(a) >= 2]
        wanted = [c for c in cells if any(w in norm(re.split(r"\s(?=[△▲-]?\d)", c)[0]) for w in words)]
        if len(wanted) == len(cells):
            wanted = []  # every column matches: nothing singled out
    return f"{label.strip()}: {', '.join(wanted)}" if wanted else text


# The counter a "몇 곳/몇 팀/몇 명" question asks in, and the units a report writes that count in.
_ASKED_COUNTER = re.compile(r"몇\s*(개소|개사|가구|곳|팀|명|회|건|호|개(?!월))(?:\s*([가-힣]{2,}?)(?=이|은|는|가|을|를|야|예|요|\s|,|\?|$))?")
COUNTER_UNITS = {"곳": "개소|곳", "개소": "개소|곳", "개사": "개사|개", "가구": "가구|세대", "명": "명|인", "개": "개(?!월)"}


def _counter_pattern(q: QuestionAnalysis) -> re.Pattern[str] | None:
    """"몇 곳" → a number in 개소/곳; "몇 개 시장, 몇 개 사업" → "48개 시장" or "61개 사업" (the counted noun
    when the question names one of its terms right after the counter)."""
    return _counter_pattern_of(q.text, q.terms)


@lru_cache(maxsize=256)  # asked for every scored item of a question: build it once per question
def _counter_pattern_of(text: str, terms: tuple[str, ...]) -> re.Pattern[str] | None:
    alts = []
    for m in _ASKED_COUNTER.finditer(text):
        units = COUNTER_UNITS.get(m.group(1), m.group(1))
        noun = m.group(2) if m.group(2) in terms else ""
        alts.append(rf"(?:{units})\s*{re.escape(noun)}" if noun else rf"(?:{units})")
    return re.compile(rf"\d[\d,]*\s*(?:{'|'.join(dict.fromkeys(alts))})") if alts else None


def _trim(q: QuestionAnalysis, text: str, limit: int) -> str:
    if len(text) <= limit:
        return text
    counter = _counter_pattern(q)
    for kind in q.kinds:
        pat = (counter if kind == "count" and counter and counter.search(text) else None) or VALUE_PATTERNS.get(kind)
        m = pat.search(text) if pat else None
        if m:
            start = max(0, m.start() - limit // 2)
            return ("…" if start else "") + text[start : start + limit].strip() + "…"
    return text[:limit].rstrip() + "…"


def _as_of(chunk: Chunk, text: str) -> str:
    m = _ASOF.search(chunk.section) or _ASOF.search(chunk.text)
    if m and m.group(1).replace(" ", "") not in text.replace(" ", ""):
        return f" ({m.group(1).strip()})"
    return ""


def cited_chunks(chosen: list[Evidence], support: dict[int, Chunk]) -> list[Chunk]:
    """Every chunk an answer cites, numbered by first use: each item's own chunk, then the
    passage that states the same figures again (support), item by item."""
    out: dict[str, Chunk] = {}
    for i, ev in enumerate(chosen):
        out.setdefault(ev.chunk.id, ev.chunk)
        if i in support:
            out.setdefault(support[i].id, support[i])
    return list(out.values())


_KEY_NUMBER = re.compile(r"\d[\d,.]*\d|\d{2,}")


def corroborating(chosen: list[Evidence], hits: list[Chunk], limit: int = 4) -> dict[int, Chunk]:
    """A fact often appears twice (a meeting summary and the office's own section): cite the
    other passage too when it states every figure of the item (or every word of a short
    figure-less statement), so the reader can check either."""
    support: dict[int, Chunk] = {}
    used = {ev.chunk.id for ev in chosen}
    for i, ev in enumerate(chosen):
        value = ev.text.split(":", 1)[-1]  # what the item states, without its label
        keys = [k.replace(",", "") for k in _KEY_NUMBER.findall(value)]
        if not keys:
            words = re.findall(r"[가-힣]{2,}", value)
            keys = words if 2 <= len(words) <= 6 else []  # a short statement, every word of it
        if not keys:
            continue
        for chunk in hits:
            if len(used) >= limit:
                return support
            if chunk.id in used:
                continue
            squashed = re.sub(r"[\s,]+", "", chunk.text)
            if all(k in squashed for k in keys):
                support[i] = chunk
                used.add(chunk.id)
                break
    return support


def compose(q: QuestionAnalysis, chosen: list[Evidence], support: dict[int, Chunk] | None = None) -> str:
    support = support or {}
    numbers = {c.id: n for n, c in enumerate(cited_chunks(chosen, support), start=1)}
    per_item = MAX_ANSWER_CHARS // max(1, len(chosen)) - 12
    lines = []
    for i, ev in enumerate(chosen):
        marks = f"[{numbers[ev.chunk.id]}]" + (f"[{numbers[support[i].id]}]" if i in support else "")
        body = _trim(q, _pick_cells(q, _clean(ev.text)), per_item)
        subject = ev.chunk.program or ev.chunk.meeting or ev.chunk.office
        if subject and ev.chunk.team:
            subject = f"{subject}({ev.chunk.team})"
        if subject and subject.replace(" ", "")[:6] not in body.replace(" ", "") and len(body) + len(subject) < per_item:
            body = f"{subject} — {body}"
        lines.append(f"{body}{_as_of(ev.chunk, body)} {marks}")
    if len(lines) == 1:
        return lines[0]
    return "\n".join(f"- {line}" for line in lines)
