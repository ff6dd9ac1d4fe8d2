"""Words shared by the report parser and the question parser: groups, businesses, places.

Each group has the report's wording (`REPORT`) and the wording citizens use (`SPOKEN`); the
profile side accepts both. Keys are the Korean labels shown to users and stored in JSON.
"""
from __future__ import annotations

import re

from kotext.admin_areas import SEOUL_DISTRICTS, SIDO_NAMES

# Person groups as the reports write them. Longer aliases first so "경력단절 여성" wins over "여성".
REPORT: dict[str, tuple[str, ...]] = {
    "경력단절여성": (r"경력\s*단절\s*여성",),
    "청년": (r"청년(?:층|참여자)?",),
    "중장년": (r"중장년(?:층)?", r"신중년", r"50\s*플러스"),
    "어르신": (r"어르신", r"노인", r"고령자"),
    "여성": (r"여성",),
    "장애인": (r"장애인",),
    "노숙인": (r"노숙인(?:\s*시설\s*이용\s*[・·ㆍ]?\s*입소자)?",),
    "쪽방주민": (r"쪽방\s*주민",),
    "저소득": (r"저소득(?:층|자)?",),
    "수급자": (r"(?:기초생활|조건부|일반)?\s*수급자", r"자활급여\s*특례자"),
    "차상위": (r"(?:서울형\s*)?차상위(?:계층)?",),
    "미취업": (r"실업\s*상태", r"실업자", r"미취업(?:자)?"),
    "무급휴직자": (r"무급\s*휴직(?:자|한)?",),
    "재직": (r"근로자", r"재직자"),
    "퇴직자": (r"퇴직자",),
    "구직자": (r"구직자",),
    "예비창업자": (r"예비\s*창업자",),
    "창업자": (r"창업자",),
    "자격증소지자": (r"자격증\s*소지자",),
    "국가유공자": (r"국가유공자",),
    "코로나피해자": (r"코로나\s*피해자",),
    "취업취약계층": (r"취업\s*취약\s*계층",),
    "실직자": (r"실직(?:자|한)?",),
    "폐업자": (r"폐업(?:자|한)?",),
    "한부모": (r"한\s*부모", r"미혼[모부]"),
    "결혼이민자": (r"결혼\s*이민자",),
    "외국인": (r"외국인",),
    "학교밖청소년": (r"학교\s*밖\s*청소년",),
}

# Everyday wording in questions ("경단녀", "취준생", "기초수급"), on top of the report's.
SPOKEN: dict[str, tuple[str, ...]] = {
    "경력단절여성": (r"경단녀", r"경력\s*단절", r"경력(?:이|은)?\s*끊[가-힣]*"),
    "청년": (r"대학생", r"취준생", r"사회\s*초년생"),
    "중장년": (r"장년", r"중년"),
    "어르신": (r"노년", r"할머니", r"할아버지", r"시니어"),
    # "여대생", "여고생", "여학생", "여사장": a person word with 여/남 in front says the gender
    "여성": (r"여자", r"주부", r"엄마", r"아줌마", r"아주머니", r"(?<![가-힣])여(?:대생|고생|학생|중생|사장|직원|군|경)"),
    "남성": (r"남성", r"남자", r"아빠", r"아저씨", r"(?<![가-힣])남(?:대생|고생|학생|중생|사장|직원)"),
    "장애인": (r"(?:발달|시각|청각|지체|지적|중증|뇌병변|정신)\s*장애(?:인)?", r"장애(?:가|를)?\s*(?:있|가지)", r"장애\s*\d\s*급",
              r"장애\s*등급", r"장애인\s*등록",
              # "몸이 불편", "다리가 불편한": a body part that does not work well.
              r"(?:몸|다리|팔|허리|거동)(?:이|가)\s*(?:좀\s*|많이\s*)?불편",  # "몸 불편한 분들" is a topic
              r"복지\s*카드"),  # the registration card of 장애인 (장애인 복지카드)
    "노숙인": (r"노숙", r"홈리스"),
    "쪽방주민": (r"쪽방",),
    # "기초수급자는 아니고": the 자 belongs to the word, so the negation after it is read.
    "수급자": (r"기초\s*(?:생활\s*)?수급(?:자)?", r"생계\s*급여", r"수급\s*가구", r"수급(?:자|을)?\s*(?:받|이에|예요|중)", r"수급비"),
    "차상위": (r"차상위",),
    "미취업": (r"무직", r"백수", r"취업을?\s*못", r"놀고\s*있", r"일\s*(?:을\s*)?(?:안|않)\s*(?:하|해|합)", r"일을?\s*쉬고",
              r"직장이?\s*없", r"미취업", r"일\s*(?:도\s*)?없이", r"(?:취업|취직)\s*(?:을|를)?\s*안\s*(?:한|하|해|했)"),
    # 잘리다/짤리다 is being fired wherever from ("여행사에서 잘렸어요").
    "실직자": (r"실직", r"(?:일자리|직장|일)를?을?\s*잃", r"해고", r"권고\s*사직", r"(?:잘|짤)(?:렸|린\s*지)"),
    # Closing one's trade: the place of business ("식당", "노래방", "치킨집", "옷가게") and 문 닫다 / 접다,
    # as the speaker's act (object or topic); "가게가 문을 닫아서" (subject) may be an employer's shop.
    "폐업자": (r"폐업", r"(?:가게|점포|장사|사업|식당|매장|[가-힣]{1,3}(?:집|방|점|가게))(?:를|을|은)?\s*(?:문을?\s*)?(?:닫|접)"),
    "학교밖청소년": (r"학교(?:를)?\s*(?:그만두|그만둔|안\s*다니|중퇴)", r"자퇴", r"학교\s*밖"),
    "한부모": (r"한\s*부모", r"미혼[모부]", r"싱글\s*(?:맘|대디)"),
    # "다시 회사 다니고 싶은데" is a wish, not a job.
    # part-time work is work ("카페 알바 하면서", "배달 알바 뛰면서", "편의점 알바로 버티는 중"; not "알바도 안 해요")
    "재직": (r"직장인", r"직장맘", r"회사원", r"알바(?:를)?\s*(?:하면서|하고\s*있|하는\s*중|뛰|로\s*버티)", r"재직\s*중", r"회사(?:에)?\s*다니(?!고\s*싶|려)", r"일하고\s*있", r"(?:취업|취직)(?:을)?\s*했"),
    "무급휴직자": (r"무급\s*휴직",),
    "퇴직자": (r"퇴직", r"은퇴", r"정년", r"퇴임", r"전역", r"명퇴"),  # 명퇴 = 명예퇴직
    "구직자": (r"취준생", r"취업\s*준비", r"구직\s*중", r"(?:일자리|일|직장|일거리)(?:를|을)?\s*(?:찾|구하|구해|알아보)", r"재취업",
              # asking to be found a place to work, or wishing for one ("일할 수 있는 곳 좀 찾아 주세요");
              # asking whether one exists ("일할 수 있는 데 있나요?") may be only a question
              r"구직", r"일할\s*수\s*있는\s*(?:곳|자리|데|일자리)(?:가|이|을|를)?\s*(?:좀\s*)?(?:찾|구해|있으면\s*하고\s*싶)"),
    # Setting up a business is 창업 in any verb: 차리다, (가게를) 열다, 개업, 사업자(를) 내다; intended
    # (-려고, -겠-, 준비) it is 예비창업자, done ("차린 지 1년", "연 지 2년") 창업자.
    "예비창업자": (r"창업(?:을)?\s*(?:준비|하려|할|예정|해\s*보려|하고\s*싶|하겠)", r"예비\s*창업",
                   r"(?:차리|차려|개업하|열)(?:려고|려\s*고|\s*보려|ㄹ\s*계획)"),
    "창업자": (r"창업(?:을)?\s*(?:했|한\s*지)", r"스타트업", r"사업자(?:를|등록을?)?\s*(?:낸|냈)",
               r"(?:가게|공방|식당|카페|매장|점포|회사|사무실|업체|출판사|[가-힣]{1,4}(?:집|점|샵|숍|방|몰))(?:를|을)?\s*"
               r"(?:연\s*지|열었|개업한\s*지|개업했|오픈한\s*지|오픈했)",
               r"[가-힣]{1,6}(?:을|를)?\s*(?:차린\s*지|차렸)"),  # 차리다 with an object: setting one up
    "자격증소지자": (r"자격증(?:이|을)?\s*(?:있|가지|소지|보유)",),
    "국가유공자": (r"보훈",),
    "학생": (r"고3", r"고등학생", r"고교\s*졸업\s*예정", r"학생"),
}

# ---- statuses said with a verb, matched by lemma (kotext.person_facts.predicates) ----------------
# Lemmas, not endings: "그만뒀고 / 그만둔 지 / 그만둬서" are all 그만두다. Chosen from how the dev
# personas (personas*.jsonl, personas_test.jsonl) say work and its absence, then widened to the
# whole word family (취업/취직/재취업/복직; 퇴직/은퇴/퇴임/전역).
# Verbs of working: wanting one is looking for work ("일하고 싶은데", "취업하려고요"); not doing
# one is being out of work ("취업을 못 해서", "일을 안 해요").
WORK_LEMMAS = frozenset({"일하다", "취업하다", "취직하다", "재취업하다", "근무하다", "복직하다"})
# A wished verb with one of these nouns is about work too ("일자리에 참여하고 싶은데", "일을 다시
# 시작하고 싶어요"); with a seeking verb it is looking for work ("일자리도 알아보고 있어요").
JOB_NOUNS = frozenset({"일", "일자리", "공공일자리", "직장", "일거리", "직업", "취업", "취직", "알바", "아르바이트"})
SEEK_LEMMAS = frozenset({"찾다", "구하다", "알아보다"})
# Work that stopped coming ("일이 뚝 끊겼어요", "일감이 떨어졌어요"): out of work now.
STOPPED_LEMMAS = frozenset({"끊기다", "끊어지다", "떨어지다", "줄다", "없어지다"})
# Leaving a workplace said with a verb of motion ("회사에서 나왔어요", "공장을 나와서"): it left the job.
WORKPLACE_NOUNS = frozenset({"회사", "직장", "공장", "가게", "식당", "회사생활"})
EXIT_LEMMAS = frozenset({"나오다", "나가다"})
# A work contract that ran out ("계약이 만료돼서 나왔고", "지난달 공장 계약이 끝났어요"): out of work since.
CONTRACT_NOUNS = frozenset({"계약", "계약직", "근로계약"})
ENDED_LEMMAS = frozenset({"만료되다", "끝나다", "종료되다", "만료하다"})
# Being idle now ("지금은 쉬고 있어요", "놀아요"); in the past tense it is a break, not a state.
IDLE_LEMMAS = frozenset({"쉬다", "놀다"})
# Staying at home ("집에만 있는데", "집에 계시는데"), with 에 ("집이 좀 있어도" owns a house): not working.
HOME_NOUNS = frozenset({"집"})
STAY_LEMMAS = frozenset({"있다", "계시다"})
# Leaving work. The retirement lemmas also make 퇴직자; leaving a school makes 학교밖청소년.
RETIRE_LEMMAS = frozenset({"퇴직하다", "은퇴하다", "퇴임하다", "정년퇴직하다", "명예퇴직하다", "전역하다", "명퇴하다",
                           "정년퇴임하다", "희망퇴직하다", "조기퇴직하다"})
# Holding a job now: 출근하다 ("여의도로 출근하고"), 일하다/근무하다 in the present ("마트에서 일하는").
AT_WORK_LEMMAS = frozenset({"출근하다", "일하다", "근무하다"})
# Got a job: 취업/취직/입사, done ("취업한 지 반년", "취업해서 7개월째").
HIRED_LEMMAS = frozenset({"취업하다", "취직하다", "입사하다", "재취업하다"})
# Homemaking said as one's occupation: 전업주부, "살림만 했어요", "살림만 20년 한". The law counts a woman
# who never worked or stopped for the household and wants work as 경력단절 (경력단절여성법 제2조).
# Asking for work for the person ("할 만한 일자리 있을까요", "다시 일할 수 있는 데", "일 구하고 있어요"): they are
# looking for work, whatever the verb's ending.
SEEKS_WORK = re.compile(
    r"(?:일자리|일거리|소일거리|직장|일할\s*(?:수\s*있는\s*)?(?:데|곳|자리))\S{0,3}\s*(?:좀\s*)?(?:있을까|있나|있어요|있는지|있습니까|없을까|없나|알아보|구하|찾)"
    r"|(?:할|하실)\s*만한\s*(?:일|일자리|자리)|(?:일|일자리|직장|자리)(?:을|를)?\s*(?:구하|찾)(?:고|는|아|으려)"
    # wishing to work, or asking to be helped into it ("다시 일하고 싶어요", "일 시작하려면", "재취업시켜 주는 곳",
    # "할 수 있는 일이 있을까요", "용돈벌이할 데", "공공일자리 해당될까요")
    r"|(?:일|일자리|일거리|취업|재취업|취직|용돈벌이|돈벌이)(?:을|를|도)?\s*(?:다시\s*)?(?:하고\s*싶|해\s*보고\s*싶|시작하|하게\s*도와"
    r"|시켜\s*주|연결해|할\s*(?:수\s*있는\s*)?(?:데|곳))"
    r"|일하고\s*싶|일하게\s*도와|일할\s*수\s*있으면|할\s*(?:수\s*있는\s*)?일(?:이|은|도)?\s*(?:있|없)"
    r"|(?<![가-힣])(?:공공\s*)?일자리\S{0,3}\s*(?:해당|신청|참여)")  # not a program's name ("보람일자리 참여")
HOMEMAKER = re.compile(r"전업\s*주부|살림(?:만|을)?\s*(?:\d+\s*년\s*)?(?:했|하|해|한)")
LEAVE_LEMMAS = RETIRE_LEMMAS | {"그만두다", "관두다", "퇴사하다", "실직하다"}
SCHOOL_NOUNS = frozenset({"학교", "고등학교", "중학교", "고교"})
SCHOOL_LEAVE_LEMMAS = frozenset({"그만두다", "관두다", "중퇴하다", "자퇴하다"})
# 경력단절여성 as the law defines it (경력단절여성등의 경제활동 촉진법 제2조): a woman who stopped
# working because of marriage, pregnancy, childbirth, childcare or caring for family. So a left job or
# a break is a career break only with one of these causes in the question ("애 낳고 회사를 관뒀는데",
# "결혼 전에 은행 다니다가 그만두고 25년 동안 살림만"); "회사를 그만둔 지 1년" alone is not.
CAREER_BREAK_CAUSE = re.compile(r"애(?:를|들)?\s|아이|육아|출산|임신|결혼|살림|첫째|둘째|셋째|낳|키우|돌봄|돌보|간병|모시느라|모시고|모셔야|부양|수발")
# Household income at or below this share of 기준중위소득 is 저소득: the 차상위계층 line (국민기초생활
# 보장법 시행령 제3조의2: 기준중위소득의 100분의 50 이하).
LOW_INCOME_MAX_PCT = 50

# Businesses and institutions a program can target; also what a profile may say it runs.
BUSINESS: dict[str, tuple[str, ...]] = {
    "소상공인": (r"소상공인", r"자영업(?:자)?", r"가게", r"점포"),
    "사회적기업": (r"사회적\s*경제\s*기업", r"(?:\(예비\)|예비|인증)?\s*사회적\s*기업", r"자활기업"),
    "중소기업": (r"중소기업", r"스타트업", r"(?:유망|핀테크)\s*기업"),
    "협동조합": (r"협동조합", r"영농조합"),
    "마을기업": (r"마을기업",),
    "어린이집": (r"어린이집",),
}
# A profile owns a business only when it says so ("가게를 운영", "사회적기업 대표").
OWNER_CUE = re.compile(r"(운영|대표|사장|하고|하는|하며|합니다|해요|인데|이에요|예요|입니다)")
# Everyday words that say two things at once.
MULTI: dict[str, tuple[str, ...]] = {
    "취준생": ("청년", "구직자"),
    "할머니": ("어르신", "여성"),
    "할아버지": ("어르신", "남성"),
    "주부": ("여성",),
    "싱글맘": ("한부모", "여성"),
    "싱글대디": ("한부모", "남성"),
}

# Groups implied by another group (a profile saying the left one also has the right ones).
IMPLIES: dict[str, tuple[str, ...]] = {
    "경력단절여성": ("여성",),
    "수급자": ("저소득",),
    "차상위": ("저소득",),
    "무급휴직자": ("재직",),
    # Someone out of work who asks about job programs is looking for work.
    "미취업": ("구직자",),
    "실직자": ("미취업",),
    # Retired or discharged (퇴직, 은퇴, 전역) and not said to work now: out of work (a stated job contradicts it).
    "퇴직자": ("미취업",),
    # Looking for work with no job said: out of work, as the persona sets label it (a said job rules it out).
    "구직자": ("미취업",),
    "예비창업자": ("창업자",),
    "결혼이민자": ("외국인",),
}
# Pairs that cannot both hold: a stated one rules the other out.
CONTRADICTS: tuple[tuple[str, str], ...] = (("여성", "남성"), ("미취업", "재직"))

# Groups that are really age bands: a known age settles them (Seoul's youth ordinance: 19-39).
AGE_BANDS: dict[str, tuple[int, int]] = {"청년": (19, 39), "중장년": (40, 64), "어르신": (65, 150)}

# 시·도 and Seoul's districts live in kotext (the administrative tree, with every 시·군·구).
SIDO: dict[str, tuple[str, ...]] = SIDO_NAMES
def district_alias(district: str) -> str:
    """'영등포구' → '영등포'; '중구' keeps its 구 (a bare '중' is not a place)."""
    return district[:-1] if len(district) > 2 else district


def find_groups(text: str, table: dict[str, tuple[str, ...]]) -> list[tuple[int, int, str]]:
    """(start, end, group) spans, longest first, without overlaps."""
    spans: list[tuple[int, int, str]] = []
    for group, patterns in table.items():
        for pat in patterns:
            for m in re.finditer(pat, text):
                if m.end() > m.start():
                    spans.append((m.start(), m.end(), group))
    spans.sort(key=lambda s: (-(s[1] - s[0]), s[0]))
    taken: list[tuple[int, int, str]] = []
    for s in spans:
        if all(s[1] <= t[0] or s[0] >= t[1] for t in taken):
            taken.append(s)
    return sorted(taken)


# Implications that are a default, not a fact: a stated status is still read and recorded beside them.
ASSUMED: frozenset[tuple[str, str]] = frozenset({("구직자", "미취업")})


def closure(groups: set[str], assumed: bool = True) -> set[str]:
    """Groups plus what they imply, never a group that one already held rules out (a job seeker is out
    of work unless a job is said: "직장인인데 옮기고 싶어요" stays 재직). `assumed=False` leaves out the
    defaults (ASSUMED)."""
    out = set(groups)
    changed = True
    while changed:
        changed = False
        for g in list(out):
            for implied in IMPLIES.get(g, ()):
                if not assumed and (g, implied) in ASSUMED:
                    continue
                if implied not in out and not contradicted(implied, out):
                    out.add(implied)
                    changed = True
    return out


def contradicted(group: str, groups: set[str]) -> bool:
    return any((group == a and b in groups) or (group == b and a in groups) for a, b in CONTRADICTS)
