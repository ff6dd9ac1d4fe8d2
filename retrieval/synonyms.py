"""Everyday words citizens use for the reports' administrative vocabulary.

Expanding a question with these lets lexical search and answer scoring match "노인" to
"어르신", "양복" to "정장" and so on. Keys and values are Kiwi tokens (see korean_tokens).
"""
from __future__ import annotations

SYNONYMS: dict[str, tuple[str, ...]] = {
    "특위": ("특별", "위원회"),
    "노인": ("어르신",),
    "할머니": ("어르신",),
    "할아버지": ("어르신",),
    "양복": ("정장",),
    "슈트": ("정장",),
    "여자": ("여성",),
    "엄마": ("여성", "경력단절"),
    "경단녀": ("경력단절", "여성"),
    "월급": ("임금", "월"),
    "급여": ("임금", "인건비"),
    "돈": ("예산", "지원금"),
    "비용": ("예산", "사업비"),
    "나이": ("연령", "세"),
    "장애우": ("장애인",),
    "노숙자": ("노숙인",),
    "홈리스": ("노숙인",),
    "사장": ("소상공인", "기업"),
    "가게": ("점포", "소상공인"),
    "주소": ("위치",),
    "사무실": ("사무", "공간"),
    "인테리어": ("디자인", "개선"),
    "작가": ("예술가",),
    "미술": ("예술가", "디자인"),
    "아이": ("아동",),
    "애들": ("아동",),
    "학생": ("청년",),
    "백수": ("미취업", "실업"),
    "취준생": ("구직자", "청년"),
    "일자리센터": ("일자리", "센터"),
    "사람": ("인원",),
    "참석": ("참석자",),
    "시간당": ("시급",),
    "면적": ("연면적",),
}


def expand(terms: tuple[str, ...]) -> tuple[str, ...]:
    out = list(terms)
    for t in terms:
        for s in SYNONYMS.get(t, ()):
            if s not in out:
                out.append(s)
    return tuple(out)
