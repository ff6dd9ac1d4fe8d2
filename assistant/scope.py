"""Is the question about something these reports cover at all?

Coverage scores cannot tell "부산시 청년 일자리" from "영등포 청년 일자리": both share most words
with the reports. What gives the first away is a specific thing the reports never mention — a
place, a year, a meeting, an as-of date, a topic word. Each check names the problem in Korean.
"""
from __future__ import annotations

import re

from kotext.admin_areas import district_stem
from kotext.text import no_ws
from reports.chunks import Chunk
from retrieval.bm25 import BM25Index

# Metropolitan cities/provinces and Seoul's 25 districts. Both reports are about Seoul, so
# "서울" itself never puts a question out of scope.
REGIONS = (
    "부산", "대구", "인천", "광주", "대전", "울산", "세종", "경기", "강원", "충북", "충남", "충청", "전북", "전남",
    "전라", "경북", "경남", "경상", "제주", "종로", "중구", "용산", "성동", "광진", "동대문", "중랑", "성북", "강북",
    "도봉", "노원", "은평", "서대문", "마포", "양천", "강서", "구로", "금천", "영등포", "동작", "관악", "서초",
    "강남", "송파", "강동",
)
_REGION_RE = re.compile(rf"({'|'.join(REGIONS)})(?:특별시|광역시|특별자치시|도|시|구)")
_MEETING_RE = re.compile(r"제\s*(\d+)\s*차\s*(?:회의|특위|위원회)?")
# "경기도 광명에 사는 25살인데 …", "부산 거주자도 …": where the asker lives, not what the question is about
# (the answer is whether that residence qualifies). A place word may come between ("경기도 광명에 사는").
RESIDENCE_AFTER = re.compile(r"\s*(?:[가-힣]{1,4}\s*)?(?:에서?|에\s*있는)?\s*(?:사는|살아|살고|살면|삽니다|거주)")
_ASOF_RE = re.compile(r"(\d{1,2})\s*월\s*말")


# Suffixes that do not change what a word is about (a rate "률" or a fee "비" does), and particles
# Kiwi leaves glued to a noun in spoken questions ("시간당", "얼마씩", "주소랑", "석 달밖에").
LIGHT_SUFFIXES = {"장", "님", "들", "별", "상", "측", "쪽", "분", "대", "용", "간", "내", "중", "쯤", "부",
                   "당", "씩", "랑", "이랑", "마다", "밖에", "까지", "부터", "만큼",
                   "꼴",  # "몇 명꼴": a counter with its per-thing suffix
                   # administrative level: "서대문구" is the report's "서대문", "서울시" its "서울"
                   "구", "시", "군", "도",  # "제주도" is the reports' "제주" (a province, or the particle 도)
                   "안"}  # a proposal: "연장안" is the report's "연장"
# Nouns that point at a person the question already describes ("…한 엄마가 … 본인은 얼마 받아요?").
REFERRING_NOUNS = {"본인", "자신", "자기", "당사자", "저희", "우리"}
# A "term" that holds a question word is a tokenizer artefact of the question ("년몇월"), not a topic.
_QUESTION_PARTS = re.compile(r"몇|얼마|언제|어디|누구|무엇|며칠")
# "두 곳 중", "세 가지", "2개 사업": a count the question says, glued into one piece by the tokenizer
_COUNTED = re.compile(r"^(?:한|두|세|네|다섯|여섯|일곱|여덟|아홉|열|\d+)(?:곳|개|명|가지|군데|번|분|건|팀|사업|과정|기관)")
# Nouns that say what kind of statement is asked ("…한 이유가 뭐야?", "어떤 역할을 해요?", "입장을 한마디로"):
# the document answers with the sentence itself, not with the word. Across the development splits
# (2026-12-02, 11 splits) these were the unknown word of 9 wrongly declined questions and of no
# unanswerable one.
_ASKING_NOUNS = {"이유", "까닭", "원인", "목적", "결과", "역할", "반응", "입장", "의미", "한마디", "소개", "방식",
                 # and words for where in the document ("연도별 표에서", "본문 문장이랑"): the layout, not a topic
                 "표", "본문", "문장", "문서", "자료", "그림",
                 # a list's or a law's parts ("어느 항목에 들어가 있어요?", "근거 조항은?"): 8 wrong declines and no
                 # right one over the 18 development splits of round 9
                 "항목", "조항"}


def missing_rare_terms(terms: tuple[str, ...], evidence: list[Chunk], bm25: BM25Index, synonyms: dict[str, tuple[str, ...]], max_df: int) -> list[str]:
    """Specific question words (found in few chunks) that none of the evidence contains:
    "영등포구 어르신 일자리 예산" answered from a 영등포 passage that never says 어르신."""
    where = _evidence_text(evidence)
    out = []
    for t in terms:
        if not t or t.isdigit() or re.fullmatch(r"[\d.]+", t) or t in _ASKING_NOUNS:
            continue
        alts = (t, *synonyms.get(t, ()))
        df = min((d for a in alts if (d := bm25.df(a))), default=0)
        if 0 < df <= max_df and not any(a in where for a in alts):
            out.append(t)
    return out


def _evidence_text(evidence: list[Chunk]) -> str:
    """Everything the evidence says, headings and title included, without whitespace."""
    return no_ws(" ".join(c.text + c.index_text + c.section + c.doc_title for c in evidence))


def out_of_scope_reason(
    question: str,
    evidence: list[Chunk],
    meetings: list[str],
    years: tuple[str, ...],
    documents_text: str = "",
    letterheads: str = "",
) -> str | None:
    """A Korean reason when the evidence cannot be about what the question names, else None.
    `documents_text` (the whole documents the evidence comes from, without whitespace) answers
    "5월말 기준" when the as-of date is printed once for a whole report, not in every passage;
    `letterheads` (the first lines of those documents) says which district a document is about."""
    where = _evidence_text(evidence)
    for m in _REGION_RE.finditer(question):
        if RESIDENCE_AFTER.match(question, m.end()):
            continue  # the asker's residence: an eligibility fact, answered from the programme's rule
        # A document about one district names it in its title or letterhead, not in every passage
        # (a mention deep inside another district's report is not what it is about).
        if m.group(1) not in where and m.group(1) not in letterheads:
            return f"보고서에 '{m.group(0)}' 관련 내용이 없습니다."
    for m in _MEETING_RE.finditer(question):
        # Meetings known as metadata (the shipped reports' sections) or written in the documents themselves
        # (minutes name their meeting once, in the title: "제263회 … 제2차 행정자치위원회").
        if f"제{m.group(1)}차회의" not in meetings and f"제{m.group(1)}차" not in documents_text:
            return f"보고서에 제{m.group(1)}차 회의 기록이 없습니다."
    for y in years:
        if not re.search(rf"(?:20{y}|[’‘']{y})", where):
            return f"보고서에서 20{y}년 자료를 찾을 수 없습니다."
    for m in _ASOF_RE.finditer(question):
        asof = rf"{m.group(1)}\.?월말|(?<!\d){m.group(1)}\.3[01]\."
        if not re.search(asof, where) and not re.search(asof, documents_text):
            return f"보고서에 {m.group(1)}월말 기준 자료가 없습니다."
    return None


def district_documents(question: str, letterheads: dict[str, str]) -> set[str]:
    """Documents about a district the question names ("영등포구청에서 …"): those whose letterhead
    (doc_id → its first characters, whitespace removed) names it. Empty when none does."""
    names = named_districts(question)
    return {d for d, head in letterheads.items() if any(n in head for n in names)} if names else set()


def named_districts(question: str) -> set[str]:
    """The district names a question says ("영등포구도" → 영등포)."""
    return {m.group(1) for m in _REGION_RE.finditer(question)}


def _together(parts: list[str], chunk_texts: list[str]) -> bool:
    return any(all(p in text for p in parts) for text in chunk_texts)


def _adjacent(parts: list[str], chunk_texts: list[str], window: int = 8) -> bool:
    """The parts written close together somewhere ("안심" … "소득" far apart is not 안심소득)."""
    pattern = re.compile((".{0,%d}" % window).join(re.escape(p) for p in parts))
    return any(pattern.search(text) for text in chunk_texts)


class _EitherSet:
    """Membership in either of two sets, without building their union on every question."""

    def __init__(self, a: set[str], b: set[str]) -> None:
        self.a, self.b = a, b

    def __contains__(self, item: object) -> bool:
        return item in self.a or item in self.b


# A compound's head this long names one specific kind of thing (기술교육원, 일자리센터): a known modifier
# written in the same passage makes the compound one of them, with no adjacency needed as for
# two-syllable heads ("안심" … "소득" far apart is not 안심소득).
HEAD_CHARS = 4
# "영등포구청", "당진시청": the office of a place the documents name.
_OFFICE_OF = re.compile(r"(.{2,}(?:구|시|군|도))청$")


def unknown_compounds(question: str, chunk_texts: list[str], vocabulary: set[str]) -> list[str]:
    """Nouns the question writes together whose parts no passage ever mentions together:
    "청년수당" is one program, and passages about 청년 or about 수당 say nothing about it.
    ("서울시의회" passes: 서울시 and 의회 share many passages.)"""
    from retrieval.korean_tokens import noun_compound_parts

    out = []
    for parts in noun_compound_parts(question):
        compound = "".join(parts)
        if (m := _OFFICE_OF.match(compound)) and _in_text(m.group(1), chunk_texts):
            continue
        if len(compound) >= 4 and compound not in vocabulary and not _together(parts, chunk_texts) and not _in_text(compound, chunk_texts):
            out.append(compound)
    return out


def _in_text(term: str, chunk_texts: list[str] | None) -> bool:
    """The reports write the term itself somewhere (whitespace ignored): it is not unknown,
    whatever the tokenizer made of it."""
    return bool(chunk_texts) and any(term in text for text in chunk_texts)


def light_stem(term: str) -> str:
    """The word without a suffix that does not change what it is about ("할머니들" → "할머니")."""
    for i in range(2, len(term)):
        if term[i:] in LIGHT_SUFFIXES:
            return term[:i]
    return term


def unknown_terms(
    terms: tuple[str, ...], bm25: BM25Index, synonyms: dict[str, tuple[str, ...]], extra_vocabulary: set[str] | None = None,
    chunk_texts: list[str] | None = None,
) -> list[str]:
    """Question nouns the reports never use, not even as part of a longer word, a compound of
    known words, or through an everyday-word synonym."""
    vocab = _EitherSet(bm25.vocabulary, extra_vocabulary or set())  # no per-question set union
    out = []
    for t in terms:
        if len(t) < 2 or t.isdigit() or re.fullmatch(r"[\d.]+", t) or _QUESTION_PARTS.search(t) or t in _ASKING_NOUNS or _COUNTED.match(t):
            continue
        if t[1:] in LIGHT_SUFFIXES and t[:1] in vocab:
            continue  # "월쯤", "팀씩": a one-syllable counter with a glued particle
        if t in vocab or bm25.expand([t]) or any(s in vocab for s in synonyms.get(t, ())):
            continue
        if _in_text(t, chunk_texts) or ((stem := district_stem(t)) and _in_text(stem, chunk_texts)):
            continue  # "서대문구": the reports write "서대문3"
        if any(
            (t[:i] in vocab or (t[i:] in LIGHT_SUFFIXES and any(s in vocab for s in synonyms.get(t[:i], ()))))
            and (t[i:] in LIGHT_SUFFIXES or (t[i:] in vocab and (not chunk_texts or _adjacent([t[:i], t[i:]], chunk_texts))))
            for i in range(2, len(t))
        ):
            continue  # "정책실장" = "정책실" + "장"; but "실업률" is not "실업" + "률", nor "안심소득" a report topic
        if chunk_texts and any(
            len(t) - i >= HEAD_CHARS and t[:i] in vocab and _in_text(t[i:], chunk_texts) and _together([t[:i], t[i:]], chunk_texts)
            for i in range(2, len(t) - HEAD_CHARS + 1)
        ):
            continue  # "남부기술교육원": a kind of a specific known thing (기술교육원), its modifier in the same passage
        if len(t) >= 3 and t[1:] in vocab:
            continue  # "총예산" = "총" + "예산"
        out.append(t)
    return out
