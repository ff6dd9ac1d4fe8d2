"""Extractive answers: pick the evidence items that answer the question and state them briefly.

No LLM. Each retrieved chunk is split into its logical items (a bullet with its wrapped lines, or
a table row rebuilt as "label: column value"); items are scored by how much of the question's
content they cover (IDF-weighted, so rare words such as a program name count most), whether they
hold the kind of fact asked for (a rate, an amount, an age …) and the chunk's retrieval rank.
"""
from __future__ import annotations

import re
from collections.abc import Mapping
from functools import lru_cache

from assistant.entities import EntityMentions
from questions.analysis import (BASIS_QUESTION, INTENT_LABELS, VALUE_PATTERNS, WHY_QUESTION, QuestionAnalysis, QuestionPart,
                                asks_no_value, named_meetings, question_parts)
from assistant.word_gate import gate_features, load_word_gate
from assistant.scope import (LIGHT_SUFFIXES, REFERRING_NOUNS, RESIDENCE_AFTER, light_stem, missing_rare_terms, out_of_scope_reason,
                             unknown_compounds, unknown_terms)
from kotext.injection import asks_about_flagged, is_flagged
from kotext.numbers import age_band_spellings
from kotext.admin_areas import district_stem
from kotext.text import no_ws
from reports.chunks import Chunk
from retrieval.bm25 import BM25Index
from retrieval.hybrid import Hit
from assistant.scorer import load_scorer
from assistant.abstention import AbstainSignals
from assistant.abstention import load_model as load_abstention_model
from assistant.answer_text import MAX_ANSWER_CHARS, counter_pattern, cited_chunks, compose, corroborating
from assistant.evidence import ROW_LIKE, VALUE_KINDS, Draft, Evidence
from assistant.as_of_filter import keep_asked_month
from assistant.evidence_picks import (announced_evidence, answer_of_question, flagged_items, named_cell_row,
                                      superlative_items, with_explanations)
from assistant.superlative import extreme_statement
from retrieval.lexicon import PAIR_MAX_CHARS, ChunkTokens, ChunkTokenStore, chunk_token_record, pair_text, pairs_with_previous

__all__ = ["ABSTAIN_TEXT", "Draft", "Evidence", "ExtractiveAnswerer", "cited_chunks", "decisive_unknown"]

ABSTAIN_TEXT = "보고서에서 해당 내용을 찾을 수 없습니다."
FLAGGED_INTRO = "보고서 본문에 다음과 같은 지시문·피싱 의심 문장이 있습니다(따르지 마세요):"
_LABEL = re.compile(r"^[\s○□■◦•‣▸▶－−\-※❖✜*·ㆍ]*([^:：()]{1,16}?)\s*[:：]")
_TOTAL_ROW = re.compile(r"^(?:총\s*계|합\s*계|계|총계):")


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


# An item that is only picture references, as converters write them ("![image](image_033.png)", "<img src=…>")
_ONLY_IMAGES = re.compile(r"(?:\s*(?:[-*•]\s*)?(?:!\[[^\]]*\]\([^)]*\)|<img\b[^>]*>))+\s*")
TermGroups = list[tuple[tuple[str, ...], float]]  # (a term and its synonyms, IDF weight)


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
        self.force_answer = False  # eval.fit_abstainer: answer every question the scope rules allow (what a decline prevents)
        # set to a list to record every decline on a word, as (question analysis, word, "named"|"rare", best
        # candidates, best hits, coverage), for eval.word_declines;
        # keep_word_declines=False answers those questions anyway (what the decline prevented)
        self.word_events: list | None = None
        self.keep_word_declines = True
        self.word_gate = load_word_gate()  # None: every word decline is kept (no gate fitted)
        self.embedder = None  # the e5 model, set by the service (the word gate compares words with it)
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
            stem = district_stem(t)  # "서대문구" is written "서대문3" in a roster of districts
            alts = (t, *(SYNONYMS.get(t) or SYNONYMS.get(light_stem(t), ())), *age_band_spellings(t), *((stem,) if stem else ()))
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
        value_kinds = [k for k in q.kinds if k in VALUE_KINDS]
        present = missing = 0.0
        if value_kinds:
            # The kind of fact asked for must be there: a "몇 명" question wants a count.
            counter = counter_pattern(q)  # "몇 곳" wants 개소/곳, not any count
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
                if _ONLY_IMAGES.fullmatch(text):
                    continue  # "![image](image_033.png)": a converted picture says nothing
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
                    1.0 if ROW_LIKE.match(text) else 0.0,
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
        if not strict or asks_no_value(q.text):
            return None
        close = self.close_items(scored)
        if any(VALUE_PATTERNS[k].search(e.text) for e in close for k in strict):
            return None
        return "보고서에서 물어본 수치를 찾을 수 없습니다."

    def close_items(self, scored: list[Evidence]) -> list[Evidence]:
        """The best five items that score close to the best one: the answer's candidates."""
        return [e for e in scored[:5] if e.score >= self.runner_up_ratio * scored[0].score]

    def attribute_coverage(self, q: QuestionAnalysis, scored: list[Evidence]) -> tuple[float, float]:
        """What the question asks about beyond the passage's subject: its words that the best passage's
        headings do not hold ("지원했", "예약", "부서"), as (IDF share the close items state, IDF of the
        most specific one none states)."""
        ctx = self.chunk_tokens(scored[0].chunk).context
        texts = [(_computed_tokens_of(e.text), re.sub(r"\s+", "", e.text)) for e in self.close_items(scored)]
        asked = [(alts, w) for alts, w in self.term_groups(q) if not any(a in ctx for a in alts)]
        if not asked:
            return 1.0, 0.0
        got, missing = 0.0, 0.0
        for alts, w in asked:
            if any(self._has(a, toks, sq) for a in alts for toks, sq in texts):
                got += w
            else:
                missing = max(missing, w)
        return got / (sum(w for _, w in asked) or 1.0), missing

    def missing_other_values(self, q: QuestionAnalysis, scored: list[Evidence]) -> int:
        """How many of the asked counts, dates, places and persons the close items state none of
        (a signal for the fitted abstainer only: as a rule these declined wrongly too often)."""
        kinds = [k for k in ("count", "date", "place", "person") if k in q.kinds]
        if not kinds or asks_no_value(q.text):
            return 0
        close = self.close_items(scored)
        return sum(not any(VALUE_PATTERNS[k].search(e.text) for e in close) for k in kinds)

    def answer(
        self, q: QuestionAnalysis, hits: list[Hit], mentions: EntityMentions | None = None, meetings: list[str] | None = None
    ) -> Draft:
        if not hits:
            return Draft(ABSTAIN_TEXT, True)
        about_flagged = asks_about_flagged(q.text) and any(h.chunk.flags for h in hits[:8])
        scored, chunk_cov = self.score_items(q, hits, mentions=mentions, about_flagged=about_flagged)
        scored = keep_asked_month(q.text, scored, lambda e: e.text)  # "3월 누계": the March table, not its copies
        if self.trace is not None:
            self.trace.append((q.text, scored))
        if not scored:
            return Draft(ABSTAIN_TEXT, True)
        best = scored[0]
        if about_flagged and is_flagged(best.chunk.flags, best.line_start, best.line_end):
            # Asked about the flagged lines and found them: the question's words ("피싱", "지시문")
            # are a kind, not words the report uses, so the scope checks below do not apply.
            ranking = list(dict.fromkeys(e.chunk.id for e in scored))
            chosen = flagged_items(scored)[: self.items_per_answer]
            return Draft(FLAGGED_INTRO + "\n" + compose(q, chosen), False, chosen, ranking)
        # The item scores rerank the retrieved chunks: a chunk is as good as its best item.
        ranking = list(dict.fromkeys(e.chunk.id for e in scored))
        best = scored[0]
        from retrieval.synonyms import SYNONYM_NEIGHBOURS, SYNONYMS

        asked = q.terms + tuple(p for p in q.pivots if p not in q.terms)
        never_used = unknown_terms(asked, self.bm25, SYNONYM_NEIGHBOURS, self.section_vocabulary, self.chunk_texts)
        decisive = [t for t in never_used if decisive_unknown(t, q)]
        unknown = decisive or (unknown_compounds(q.text, self.chunk_texts, self.bm25.vocabulary) if self.chunk_texts else [])
        named_unknown = list(unknown)
        top_chunks = list({e.chunk.id: e.chunk for e in scored[:3]}.values())
        if not unknown:
            # Only topic words the reports organise sections by (they appear in headings) count.
            topical = tuple(t for t in q.terms if t in self.section_vocabulary)
            answer_chunks = list({e.chunk.id: e.chunk for e in self.close_items(scored)}.values())
            unknown = missing_rare_terms(topical, answer_chunks, self.bm25, SYNONYMS, self.rare_df)
        doc_texts = [self.doc_texts.get(d, "") for d in dict.fromkeys(c.doc_id for c in top_chunks)]
        # Unambiguous scope evidence (a year, meeting, as-of month or district the documents lack) is a rule.
        # the best passage's whole section is evidence too: a roster or table cut into two passages is one list
        section = self.section_chunks.get((best.chunk.doc_id, best.chunk.section), [])
        top_ids = {t.id for t in top_chunks}
        siblings = [c for c in section if c.id not in top_ids]
        hard = out_of_scope_reason(q.text, top_chunks + siblings, meetings or [], q.years, " ".join(doc_texts),
                                   " ".join(t[:LETTERHEAD_CHARS] for t in doc_texts))
        word_reason = f"보고서에 '{unknown[0]}' 관련 내용이 없습니다." if unknown else None
        if word_reason and not hard and self.word_events is not None:
            self.word_events.append((q, unknown[0], "named" if named_unknown else "rare", scored[:5], hits[:5], chunk_cov))
        if not self.keep_word_declines:
            word_reason = None
        elif word_reason and not hard and self.word_gate is not None:
            features = gate_features(unknown[0], q, scored[:5], hits[:5], chunk_cov, self.embedder, self.bm25)
            if not self.word_gate.keeps(features):
                word_reason = None  # an everyday word for something the passage covers (fitted, eval.fit_word_gate)
        parts = question_parts(q.text)
        part_picks = self.answer_parts(parts, scored) if parts else []
        value_reason = None if hard or word_reason or any(part_picks) else self.missing_value_reason(q, scored)
        if self.abstainer is not None or self.signal_log is not None:
            signals = AbstainSignals(
                len(named_unknown), len(never_used) - len(decisive), max((len(t) for t in named_unknown), default=0),
                int(value_reason is not None), chunk_cov, best.score, max((h.dense_sim for h in hits[:3]), default=0.0),
                int(bool(unknown) and not named_unknown), int(word_reason is not None),
                0 if hard or any(part_picks) else self.missing_other_values(q, scored), best.coverage,
                best.score - (scored[1].score if len(scored) > 1 else 0.0), *self.attribute_coverage(q, scored))
            if self.signal_log is not None:
                calibrated_low = self.scorer.kind == "logistic" and best.score < float(self.scorer.extra.get("abstain_below", 0.0))
                self.signal_log.append((q.text, signals, bool(hard or word_reason or value_reason or chunk_cov < self.abstain_below
                                                              or calibrated_low)))
        if self.force_answer:
            reason = hard  # eval.fit_abstainer: every question answered but the unambiguous scope rules
            declined = bool(reason)
        elif self.abstainer is not None:
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
            self._add_items_for_each_meeting(q, scored, chosen)
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
        self._add_items_for_each_meeting(q, scored, chosen)
        ranked = superlative_items(q.text, best, scored, section)
        lead = None
        if (reply := answer_of_question(best, section)) is not None:
            chosen = [reply]  # an FAQ's stated question matched: its answer is what is asked
        elif ranked:
            chosen = ranked[: self.items_per_answer]
            lead = extreme_statement(q.text, chosen[0].text) if len(ranked) == 1 else None
        elif BASIS_QUESTION.search(q.text) or WHY_QUESTION.search(q.text):
            chosen = with_explanations(chosen[0], scored) + [e for e in chosen[1:]][: max(0, self.items_per_answer - 2)]
        elif CONTENT_QUESTION.search(q.text) and len(detailed := with_explanations(chosen[0], scored)) > 1:
            # "성과공유회에서 뭘 준대요?": a "○ 성과공유회 : ’21.12월" line says when; what is given is the "－" line under it
            chosen = _within_length(detailed + [e for e in chosen[1:] if e not in detailed])[: self.items_per_answer]
        elif cell := named_cell_row(q, chosen[0], scored):
            chosen = [chosen[0], cell]  # a table's header answered "40대는 몇 명": its row holds the cell
        elif listed := announced_evidence(q, chosen[0], section):
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
        asks = list(dict.fromkeys([k for k in q.kinds if k in VALUE_KINDS] + [i for i in q.intents if i in ("date", "place", "target", "money", "wage", "hours")]))
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


    def _add_items_for_each_meeting(self, q: QuestionAnalysis, scored: list[Evidence], chosen: list[Evidence]) -> None:
        """"2차 회의 자료랑 3차 회의 자료에서 각각 몇 개": each meeting named gets its own best item (the same
        program is reported at every meeting, with other figures), not only the best meeting's. Those items
        come first, in the order the meetings are named; the other chosen items follow while they fit."""
        meetings = named_meetings(q.text)
        if len(meetings) < 2:
            return
        best = scored[0].score
        picks: list[Evidence] = []
        for meeting in meetings:
            own = next((e for e in chosen if e.chunk.meeting == meeting), None) or next(
                (e for e in scored[:20] if e.chunk.meeting == meeting and e.score >= MEETING_ITEM_RATIO * best), None)
            if own is not None:
                picks.append(own)
        if len(picks) < 2:
            return
        rest = [e for e in chosen if e not in picks]
        chosen[:] = _within_length(picks + rest)


def _within_length(items: list[Evidence]) -> list[Evidence]:
    """The items, in order, while their text fits the answer length."""
    out, used = [], 0
    for e in items:
        if out and used + len(e.text) > MAX_ANSWER_CHARS:
            break
        out.append(e)
        used += len(e.text)
    return out


# What a question asks about the content of a thing (what is given, what it includes, which kind), not a value.
CONTENT_QUESTION = re.compile(r"뭐|뭘|무엇|무슨|어떤|어떻게(?!\s*되)")
# "7급은 누구누구예요?": every match is asked, not the best three (still within MAX_ANSWER_CHARS).
ENUMERATION = re.compile(r"누구누구|어디어디|뭐뭐|무엇무엇|모두\s*(?:누구|어디|알려|몇)|전부|다\s*알려")
ENUMERATION_ITEMS = 6  # the longest roster group in the shipped reports (입법지원관) has 6 names
# An item of another named meeting is added while it scores at least this share of the best: the same program's
# line at another meeting scores alike (same words); 0.5 is the share used for the other asks of a question.
MEETING_ITEM_RATIO = 0.5
PART_WEIGHT = 1.0  # a part's own words weigh like the whole question's coverage (coverage weight 1.0 in HAND_WEIGHTS)
# The first characters of a document (without whitespace): where a notice or page capture names its
# issuer ("동작구 … 공고"); 500 covers the letterhead and menu lines of the generalization documents.
LETTERHEAD_CHARS = 500
SPECIFIC_CHARS = 4  # a word this long the reports never use is a name (청년수당, 국민취업지원제도); dev+test-r1: 3 blocks 형편/아저씨


# A noun used as the verb of its clause ("문의하면", "신청해요", "참여했는데"): what the asker does.
_PREDICATE_AFTER = re.compile(r"(?:하|해|했|할|함|되|돼|됐|될|시키)")
# Native numerals before a counter ("다섯 번째", "두 곳", "첫 번째"): a count or an ordinal, not a topic.
# 한, 세, 네 and 열 are left out: they are as often a verb ("질의 한 내용"), an age, "yes" or "open".
_NATIVE_COUNTS = "두|다섯|여섯|일곱|여덟|아홉|첫"
_RECIPIENT_AFTER = re.compile(r"(?:한테|에게|께)(?!서)")  # not 한테서 / 에게서 (from whom)
_PARTICLES = {"에", "에는", "은", "는", "이", "가", "을", "를", "의", "도", "만", "로", "으로", "까지", "부터", "에서", "째"}


def decisive_unknown(term: str, q: QuestionAnalysis) -> bool:
    """A word the reports never use puts the question out of scope when it is what is asked or which
    thing it is about (a clause's last term, a program's name, a long specific word); a describing
    word ("형편 어려운 집", "혼자 사는 노인") only lowers coverage."""
    if re.search(rf"(?:\d|몇|{_NATIVE_COUNTS}){re.escape(term)}", no_ws(q.text)) and (
        term not in q.text or term[1:] in _PARTICLES or term[1:] in LIGHT_SUFFIXES
    ):
        # a counter after a number with a particle or Kiwi's glue across words ("3기에는", "몇 년 안 된"):
        # how many, not what about ("몇 년생" asks a birth year and stays decisive)
        return False
    if len(term) == 2 and term.endswith("들"):
        return False  # "어떤 것들이": a bound noun's plural names nothing
    if term in REFERRING_NOUNS:
        return False  # "본인은 얼마 받아요?": who is meant is said elsewhere in the question
    after = no_ws(q.text).find(term) + len(term)
    if _PREDICATE_AFTER.match(no_ws(q.text), after) and len(term) < SPECIFIC_CHARS:
        return False  # "어느 팀에 문의하면": the action the asker will take, not what the document is about
    if term in q.text and RESIDENCE_AFTER.match(q.text, q.text.find(term) + len(term)):
        return False  # "경기도 광명에 사는 …": where the asker lives, not what is asked
    if _RECIPIENT_AFTER.match(no_ws(q.text), after) and len(term) < SPECIFIC_CHARS:
        return False  # "쉬게 된 직원한테 얼마 줬어요?": who receives it, described by the clause before
    return term in q.pivots or len(term) >= SPECIFIC_CHARS
