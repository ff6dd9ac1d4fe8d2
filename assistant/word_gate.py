"""The word gate: should a word the documents lack make the answerer decline?

"보고서에 'X' 관련 내용이 없습니다" is right when X is what is asked or which thing it is about
(수강료, 전화번호, another city) and wrong when X is an everyday word for something the passage does
cover (선생님 for 강사, 사람 for 참여자). Measured over the round-6 development splits the rule
declined rightly 73 times and wrongly 60 times, so the decision is learned from context:

- how common the word is in general Korean: the e5 tokenizer's SentencePiece unigram model was
  trained on web text (CC-100), so an everyday word is one piece with a high log-probability and a
  specific attribute (수강료, 경쟁률) is split into rarer pieces;
- where it sits in the question: directly before its interrogative ("수강료는 얼마") it is the asked
  attribute;
- how close the e5 vector of the word alone is to the best passage's line: a synonym the passage
  uses keeps the similarity high;
- how well the rest of the question is covered.

The weights are a logistic regression fitted by `python -m eval.fit_word_gate` (scikit-learn,
cross-validated by leave-one-split-out) and saved in `assistant/word_gate_weights.json`. Without
that file every decline is kept (the rule as before). Only a dot product runs at query time.
"""
from __future__ import annotations

import json
import math
import re
from dataclasses import asdict, dataclass
from functools import lru_cache
from pathlib import Path

from kotext.text import no_ws
from settings import E5_MODEL_DIR

WEIGHTS_FILE = Path(__file__).with_name("word_gate_weights.json")
FEATURES = (
    "chars",  # length of the word in characters
    "named",  # the documents never use it (1) or it is a specific word the answer passages lack (0)
    "pivot",  # question analysis names it as what the question is about
    "asked",  # written right before an interrogative ("수강료는 얼마", "전화번호가 뭐")
    "one_piece",  # the general-language tokenizer keeps it whole: an everyday word
    "logprob",  # its SentencePiece unigram log-probability per character (general web Korean)
    "term_sim",  # e5 cosine of the word alone and the best candidate line
    "near_word",  # the highest e5 cosine of the word and a word of the best lines (선생님 ~ 교사)
    "near_gap",  # … above the mean over those words (e5 cosines of short texts crowd near 0.8)
    "question_sim",  # e5 cosine of the question and the best passage
    "coverage",  # coverage of the question by the best passage
    "best_score",  # the best candidate's score
)
_ASKED_AFTER = re.compile(r"(?:은|는|이|가|도|을|를|의)?(?:얼마|몇|뭐|무엇|무슨|어디|언제|누구|어떻게|어떤|어때|있|없|되|돼)")


@dataclass(frozen=True)
class GateFeatures:
    chars: float
    named: float
    pivot: float
    asked: float
    one_piece: float
    logprob: float
    term_sim: float
    near_word: float
    near_gap: float
    question_sim: float
    coverage: float
    best_score: float

    def vector(self) -> tuple[float, ...]:
        return tuple(getattr(self, f) for f in FEATURES)

    def as_dict(self) -> dict[str, float]:
        return asdict(self)


@lru_cache(maxsize=1)
def _unigram() -> tuple[object, dict[str, float]]:
    """The e5 tokenizer and its pieces' log-probabilities (loaded on the first gated decline only)."""
    from tokenizers import Tokenizer

    path = Path(E5_MODEL_DIR) / "tokenizer.json"
    vocab = json.loads(path.read_text(encoding="utf-8"))["model"]["vocab"]
    return Tokenizer.from_file(str(path)), {piece: float(score) for piece, score in vocab}


def general_frequency(word: str) -> tuple[float, float]:
    """(1 if the word is one piece of the general-language vocabulary, its log-probability per character)."""
    tokenizer, scores = _unigram()
    pieces = [p for p in tokenizer.encode(word, add_special_tokens=False).tokens if p != "▁"]
    if not pieces:
        return 0.0, -20.0
    total = sum(scores.get(p, -20.0) for p in pieces)
    return float(len(pieces) == 1), total / max(1, len(word))


NEAR_LINES = 3  # the best candidate lines whose words are compared (the answer shows up to 3 items)
NEAR_WORDS = 40  # at most this many distinct words of them (one e5 batch, ~tens of ms)


def passage_words(lines: list, term: str) -> list[str]:
    """Distinct content words (two characters or more, not numbers) of the candidate lines."""
    from retrieval.korean_tokens import tokenize

    words = []
    for ev in lines:
        words += [w for w in tokenize(ev.text, content_only=True) if len(w) >= 2 and not re.search(r"\d", w) and w != term]
    return list(dict.fromkeys(words))[:NEAR_WORDS]


def _cos(a: list[float], b: list[float]) -> float:
    return sum(x * y for x, y in zip(a, b))


# The question ends within two more words of the term: it is in the asked phrase ("교통비 지원 금액은?").
_ENDS_SOON = re.compile(r"^\S*(?:\s+\S+){0,2}?\s*[?？.!]*\s*$")


def asked_feature(question: str, term: str) -> float:
    """1 when the term is what is asked: right before an interrogative ("수강료는 얼마"), or in the short
    phrase that ends the question ("교통비 지원 금액은?")."""
    text = no_ws(question)
    at = text.find(term)
    if at >= 0 and _ASKED_AFTER.match(text, at + len(term)):
        return 1.0
    at = question.find(term)
    return float(at >= 0 and bool(_ENDS_SOON.match(question[at + len(term):])))


def gate_features(term: str, q, scored: list, hits: list, chunk_cov: float, embedder, bm25) -> GateFeatures:
    """The features of one decline: `q` the question analysis, `scored` the ranked candidate lines,
    `hits` the retrieved passages, `embedder` the e5 model (None: similarity features are 0)."""
    asked = asked_feature(q.text, term)
    one_piece, logprob = general_frequency(term)
    term_sim = near_word = near_gap = 0.0
    if embedder is not None and scored:
        term_sim = _cos(embedder.embed_query(term), embedder.embed_documents([scored[0].text])[0])
        words = passage_words(scored[:NEAR_LINES], term)
        if words:
            vecs = embedder.embed_documents([term, *words])
            sims = [_cos(vecs[0], v) for v in vecs[1:]]
            near_word, near_gap = max(sims), max(sims) - sum(sims) / len(sims)
    return GateFeatures(
        chars=float(len(term)), named=float(term not in bm25.vocabulary and not bm25.expand([term])),
        pivot=float(term in q.pivots), asked=asked, one_piece=one_piece, logprob=logprob, term_sim=term_sim,
        near_word=near_word, near_gap=near_gap, question_sim=max((h.dense_sim for h in hits[:3]), default=0.0), coverage=float(chunk_cov),
        best_score=float(scored[0].score) if scored else 0.0,
    )


@dataclass(frozen=True)
class WordGate:
    weights: tuple[float, ...]
    bias: float
    means: tuple[float, ...]
    scales: tuple[float, ...]
    threshold: float  # keep the decline when P(the decline is right) ≥ this (chosen by cross-validation)
    note: str = ""

    def p_right(self, f: GateFeatures) -> float:
        z = self.bias + sum(w * (x - m) / s for w, x, m, s in zip(self.weights, f.vector(), self.means, self.scales))
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def keeps(self, f: GateFeatures) -> bool:
        return self.p_right(f) >= self.threshold


def load_word_gate(path: Path = WEIGHTS_FILE) -> WordGate | None:
    """The fitted gate, or None (keep every decline) when no file names the same features."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if tuple(data.get("features", ())) != FEATURES:
        return None
    return WordGate(tuple(data["weights"]), float(data["bias"]), tuple(data["means"]), tuple(data["scales"]),
                    float(data["threshold"]), data.get("note", ""))
