"""The cards plus the index chunks they are cited from: what the specialist, the app tab and the
CLI share. A card is cited by the chunk whose line range covers its target statement."""
from __future__ import annotations

from pathlib import Path

from eligibility.cards import ProgramCard
from eligibility.matching import MatchResult, match
from eligibility.profile import Profile
from eligibility.store import load_cards
from reports.chunks import Chunk


class EligibilityFinder:
    def __init__(self, cards: list[ProgramCard], chunks: list[Chunk]) -> None:
        self.cards = cards
        self._by_doc: dict[str, list[Chunk]] = {}
        for c in chunks:
            self._by_doc.setdefault(c.doc_id, []).append(c)
        for lst in self._by_doc.values():
            lst.sort(key=lambda c: (c.line_start, c.line_end))

    @classmethod
    def load(cls, data_dir: Path, chunks: list[Chunk] | None = None, corpus_dir: Path | None = None) -> "EligibilityFinder":
        if chunks is None:
            from reports.store import load_chunks

            chunks = load_chunks(data_dir)
        return cls(load_cards(data_dir, corpus_dir), chunks)

    def match(self, profile: Profile, cards: list[ProgramCard] | None = None) -> list[MatchResult]:
        """Every card (or the given subset, e.g. those in the search scope) against the profile."""
        return match(self.cards if cards is None else cards, profile)

    def chunk_for(self, card: ProgramCard) -> Chunk | None:
        """The chunk covering the target line; without a target, the program's first chunk."""
        candidates = self._by_doc.get(card.doc_id, [])
        if card.target_line:
            covering = [c for c in candidates if c.line_start <= card.target_line <= c.line_end]
            if covering:
                # Prefer the chunk of the program's own section, then the narrowest.
                return min(covering, key=lambda c: (not c.section.startswith(card.section), c.line_end - c.line_start))
        own = [c for c in candidates if c.section.startswith(card.section)]
        if card.target_line and own:
            return min(own, key=lambda c: abs(c.line_start - card.target_line))
        return own[0] if own else None

    def card_for_chunk(self, chunk: Chunk) -> ProgramCard | None:
        for card in self.cards:
            if card.doc_id == chunk.doc_id and chunk.section.startswith(card.section):
                return card
        return None
