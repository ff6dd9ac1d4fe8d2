"""Everyday words citizens use for the reports' administrative vocabulary.

Expanding a question with these lets lexical search and answer scoring match "노인" to
"어르신", "양복" to "정장" and so on. Keys and values are Kiwi tokens (see korean_tokens).
"""
from __future__ import annotations

SYNONYMS: dict[str, tuple[str, ...]] = {
    "특위": ("특별", "위원회"),
    "서울시의회": ("서울특별시의회", "의회"),
    "시의회": ("의회",),
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
    "시각": ("일시", "시간"),
    "시작": ("일시",),
    "몇시": ("일시", "시간"),
    "날짜": ("일시",),
    "장소": ("장소", "회의실"),
    "정수": ("위원수",),
    # Everyday words for money, work and people.
    "공짜": ("무료",),
    "무상": ("무료",),
    "사장님": ("소상공인", "기업", "대표"),
    "대표": ("기업",),
    "알바": ("아르바이트",),
    "취직": ("취업",),
    "회사": ("기업",),
    "직장": ("기업", "일자리"),
    "월급여": ("임금",),
    "봉급": ("임금",),
    "용돈": ("활동비",),
    "일당": ("일급",),
    "은퇴": ("퇴직",),
    "정년": ("퇴직",),
    "실직": ("실업",),
    "실직자": ("실업자",),
    "백수": ("미취업", "실업"),
    "취준": ("구직",),
    "대학생": ("청년", "대학"),
    "20대": ("청년",),
    "30대": ("청년",),
    "40대": ("중장년",),
    "50대": ("중장년", "50플러스"),
    "60대": ("중장년", "신중년"),
    "중년": ("중장년",),
    "노년": ("어르신",),
    "시니어": ("어르신",),
    "어린이": ("아동",),
    "아이들": ("아동",),
    "애기": ("영아", "아동"),
    "유아": ("영유아",),
    "불편": ("장애",),
    "몸": ("장애",),
    "공부": ("학습",),
    "수업": ("교육",),
    "강의": ("교육", "특강"),
    "강좌": ("교육",),
    "연습": ("체험",),
    "모의": ("체험",),
    "코딩": ("개발", "웹개발"),
    "컴퓨터": ("IT",),
    "유튜브": ("영상", "미디어"),
    "동영상": ("영상",),
    "촬영": ("미디어",),
    "인터넷": ("온라인",),
    "시청": ("서울시", "도심권"),
    "구청": ("자치구",),
    "동네": ("지역",),
    "집": ("주거", "귀가"),
    "식당": ("음식",),
    "장사": ("판매", "소상공인"),
    "택배": ("배송",),
    "청소": ("환경정비",),
    "경비": ("시설관리", "경비"),
    "간병": ("돌봄",),
    "요양": ("돌봄",),
    "보모": ("아이돌보미",),
    "베이비시터": ("아이돌보미",),
    "집수리": ("주거관리",),
    "인테리어": ("디자인", "개선"),
    # round 6: everyday words the development splits' questions used for a document's own term
    "헬멧": ("안전모",),
    "구독자": ("가입자", "구독"),
    "지출액": ("지출", "예산"),
    "증가율": ("증가", "증감률", "증감"),
    "비중": ("비율",),
    "직함": ("직위", "직급"),
    "직책": ("직위",),
    "기한": ("기간", "기일"),
    "스타트업": ("창업",),
    "새일센터": ("새로일하기센터",),
}


def expand(terms: tuple[str, ...]) -> tuple[str, ...]:
    out = list(terms)
    for t in terms:
        for s in SYNONYMS.get(t, ()):
            if s not in out:
                out.append(s)
    return tuple(out)


def _neighbours() -> dict[str, tuple[str, ...]]:
    """Each everyday word (a key) with its own synonyms and the other everyday words listed with the
    same synonym ("할아버지" and "노인" both mean "어르신"). Used to decide whether a question word is
    known to a document that uses another word of the group (a guide that writes 노인, never 어르신).
    The reports' own words (values such as 예산) get no neighbours: an everyday word in a document
    says nothing about whether it addresses the administrative one. One-syllable values join nothing."""
    keys_of: dict[str, set[str]] = {}
    for key, values in SYNONYMS.items():
        for v in values:
            if len(v) >= 2:
                keys_of.setdefault(v, set()).add(key)
    out: dict[str, tuple[str, ...]] = {}
    for key, values in SYNONYMS.items():
        siblings = {k for v in values for k in keys_of.get(v, ()) if k != key}
        out[key] = tuple(dict.fromkeys((*values, *sorted(siblings))))
    return out


SYNONYM_NEIGHBOURS: dict[str, tuple[str, ...]] = _neighbours()
