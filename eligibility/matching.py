"""Match a profile against program cards: eligible, maybe (something the profile does not settle)
or ineligible (a stated fact contradicts a criterion), each with a Korean reason.

Unknown is never ineligible: no age given means "나이 확인 필요", not "too old". A program
whose participants are businesses or institutions fails for a person who runs none.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from eligibility.cards import ProgramCard
from eligibility.criteria import Track
from eligibility.profile import Profile, format_won
from eligibility.criteria import area_sido
from eligibility.vocab import AGE_BANDS, CONTRADICTS, closure, contradicted

PASS, UNKNOWN, FAIL = "pass", "unknown", "fail"
_ORDER = {"eligible": 0, "maybe": 1, "ineligible": 2, "unstated": 3}
# How much an unsettled check makes a "maybe" less likely (a group the asker did not mention
# is probably one they are not in; an unknown district is often just unsaid).
_UNKNOWN_WEIGHT = {"age": 1.0, "residence": 0.5, "means": 1.0, "group": 2.0, "condition": 2.0, "business": 0.0}


@dataclass
class Check:
    kind: str  # "age" | "residence" | "group" | "means" | "condition" | "business" | "open"
    status: str  # pass | unknown | fail
    text: str  # Korean, short
    ask: str = ""  # for an unknown: the one question that settles it ("영등포구에 사시나요?")


@dataclass
class MatchResult:
    card: ProgramCard
    status: str  # "eligible" | "maybe" | "ineligible" | "unstated" (the report names no target)
    why: str
    track: Track | None = None
    checks: list[Check] = field(default_factory=list)
    score: float = 0.0  # eligible: how specific the fit is; maybe: how likely (higher is better)

    @property
    def unknowns(self) -> list[str]:
        return [c.text for c in self.checks if c.status == UNKNOWN]

    @property
    def failures(self) -> list[str]:
        return [c.text for c in self.checks if c.status == FAIL]

    @property
    def questions(self) -> list[str]:
        """What to ask the person to settle a "maybe", one question per unknown fact."""
        return list(dict.fromkeys(c.ask or c.text for c in self.checks if c.status == UNKNOWN))


def _age_check(track: Track, p: Profile) -> Check | None:
    rule = track.age
    if rule is None or rule.no_limit or (rule.min is None and rule.max is None and not rule.from_hs_graduate):
        return None
    want = rule.describe()
    if p.age_min is None:
        return Check("age", UNKNOWN, f"나이 확인 필요({want})", f"나이가 어떻게 되세요? (대상: {want})")
    lo = rule.min if rule.min is not None else (18 if rule.from_hs_graduate else 0)
    hi = rule.max if rule.max is not None else 200
    floor = rule.soft_min if rule.soft_min is not None else lo
    said = p.describe_age()  # for failures
    if p.age_max < floor or p.age_min > hi:  # type: ignore[operator]
        if rule.from_hs_graduate and p.age_max >= 17 and p.age_min <= hi:  # type: ignore[operator]
            return Check("age", UNKNOWN, f"고교졸업예정자인지 확인 필요({want})")
        return Check("age", FAIL, f"{said}는 대상 연령({want})이 아님")
    if rule.from_hs_graduate and "학생" in p.groups and p.age_min >= 17 and p.age_max <= hi:  # type: ignore[operator]
        return Check("age", PASS, want)  # a high-school senior (고3) is a 고교졸업예정자
    if rule.from_hs_graduate and p.age_min < 18 and "학생" not in p.groups:  # type: ignore[operator]
        return Check("age", UNKNOWN, f"고교졸업예정자인지 확인 필요({want})")
    if p.age_min >= lo and p.age_max <= hi:  # type: ignore[operator]
        return Check("age", PASS, want)
    if rule.soft_min is not None and p.age_min >= rule.soft_min and p.age_max < lo:  # type: ignore[operator]
        return Check("age", UNKNOWN, f"만 {rule.soft_min}~{lo - 1}세는 일부 유형만 참여 가능")
    return Check("age", UNKNOWN, f"나이가 대상 연령({want})에 드는지 확인 필요")


def _residence_check(track: Track, p: Profile, card: ProgramCard | None = None) -> Check | None:
    """The residence rule, through the administrative tree: someone who said only 서울 may or may
    not live in 영등포구 (unknown, and the one question to ask); 마포구 is not 영등포구 (fail)."""
    want = track.residence
    if want is None:
        return _implied_residence(p, card)
    want_sido = track.residence_sido or area_sido(want)
    label = f"{want} 거주"
    ask = f"{want}에 사시나요?"
    if p.region is None:
        return Check("residence", UNKNOWN, f"{label} 여부 확인 필요", ask)
    said = p.district or p.region
    if want_sido and p.region != want_sido:
        return Check("residence", FAIL, f"{said} 거주 — 대상은 {label}")
    if want != want_sido:
        if p.district is None:
            return Check("residence", UNKNOWN, f"{label} 여부 확인 필요({p.region}이라고만 하셨습니다)", ask)
        if p.district != want:
            return Check("residence", FAIL, f"{p.district} 거주 — 대상은 {label}")
    if "외국인" in p.all_groups() and not track.foreigners_ok:
        return Check("residence", UNKNOWN, f"외국인도 {want} 주민으로 참여할 수 있는지 확인 필요",
                     f"외국인도 참여할 수 있는지 담당 부서에 확인해 보세요({want} 주민 대상)")
    return Check("residence", PASS, label)


def _implied_residence(p: Profile, card: ProgramCard | None) -> Check | None:
    """A local government's own program whose target names no place is still meant for its
    residents: someone known to live elsewhere is "maybe", never ineligible."""
    if card is None or not card.local or not card.area or p.region is None:
        return None
    sido = card.area_sido or area_sido(card.area)
    if card.area == sido:
        # A 시·도 (서울) runs programs for anyone unless it says otherwise (the reports' own personas:
        # a 부산 resident may be an 아이돌보미); a 시·군·구 runs them for its residents.
        return None
    outside = (sido and p.region != sido) or (card.area != sido and p.district is not None and p.district != card.area)
    if not outside:
        return None
    return Check("residence", UNKNOWN, f"{card.area} 사업 — {p.district or p.region} 거주자도 참여할 수 있는지 확인 필요",
                 f"{card.area} 밖에 살아도 참여할 수 있는지 담당 부서에 확인해 보세요")


def _has_group(group: str, p: Profile, groups: set[str]) -> str:
    """pass / fail / unknown for one group."""
    if group in p.not_groups or (group == "자격증소지자" and p.has_certificate is False):
        return FAIL
    if group in groups:
        return PASS
    if any(contradicted(g, groups) for g in closure({group}, assumed=False)):  # "경력단절여성" needs 여성
        return FAIL
    if group in AGE_BANDS and p.age_min is not None:
        lo, hi = AGE_BANDS[group]
        if p.age_min >= lo and p.age_max <= hi:  # type: ignore[operator]
            return PASS
        if p.age_max < lo or p.age_min > hi:  # type: ignore[operator]
            return FAIL
    return UNKNOWN


def _group_fail(group: str, p: Profile, groups: set[str]) -> str:
    """Name the stated fact that rules the group out: "남성 — 경력단절여성 대상"."""
    for g in closure({group}, assumed=False):
        for a, b in (pair for pair in CONTRADICTS if g in pair):
            other = b if g == a else a
            if other in groups:
                return f"{other} — {group} 대상"
    if group in AGE_BANDS and p.age_min is not None:
        lo, hi = AGE_BANDS[group]
        return f"{p.describe_age()} — {group}(만 {lo}~{hi}세) 대상" if hi < 150 else f"{p.describe_age()} — {group}(만 {lo}세 이상) 대상"
    return f"{group} 대상"


def _group_checks(track: Track, p: Profile) -> list[Check]:
    groups = p.all_groups()
    checks: list[Check] = []
    explicit_age = track.age is not None and (track.age.min is not None or track.age.max is not None)
    for g in track.groups_all:
        if g in AGE_BANDS and explicit_age:
            # The stated age range is the rule; "청년" only adds a floor when none is stated.
            if g == "청년" and track.age.min is None and not track.age.from_hs_graduate and p.age_min is not None and p.age_min < 19:  # type: ignore[union-attr]
                checks.append(Check("group", UNKNOWN, "청년(만 19세 이상)에 해당하는지 확인 필요"))
            continue
        state = _has_group(g, p, groups)
        state, text = _with_experience(track, g, p, state, {PASS: g, FAIL: _group_fail(g, p, groups), UNKNOWN: f"{g} 여부 확인 필요"}[state])
        checks.append(Check("group", state, text, _ask_group(g) if state == UNKNOWN else ""))
    if track.groups_any:
        states = {g: _with_experience(track, g, p, _has_group(g, p, groups), "")[0] for g in track.groups_any}
        listed = ", ".join(track.groups_any) + (" 등" if track.any_open else "")
        hit = [g for g, s in states.items() if s == PASS]
        if hit:
            checks.append(Check("group", PASS, f"{'·'.join(hit)} 대상에 포함"))
        elif all(s == FAIL for s in states.values()) and not track.any_open:
            checks.append(Check("group", FAIL, f"대상({listed})에 해당하지 않음"))
        else:
            open_ones = [g for g, s in states.items() if s == UNKNOWN]
            exp = [g for g in open_ones if g in track.experience_years and g in groups]
            if exp:  # a retiree who gave no years: the years are the one missing fact
                n = track.experience_years[exp[0]]
                checks.append(Check("group", UNKNOWN, f"경력 {n}년 이상 {exp[0]}인지 확인 필요({listed})",
                                    f"일하신 경력이 {n}년 이상인가요?"))
            else:
                ask = _ask_group(open_ones[0]) if len(open_ones) == 1 else f"다음 중 해당하는 것이 있나요? {listed}"
                checks.append(Check("group", UNKNOWN, f"{listed} 해당 여부 확인 필요", ask))
    return checks


_GROUP_QUESTIONS = {
    "미취업": "지금 일을 하고 있지 않으신가요?", "구직자": "일자리를 찾고 계신가요?", "장애인": "장애인 등록이 되어 있으신가요?",
    "퇴직자": "퇴직하셨나요?", "수급자": "기초생활수급자이신가요?", "차상위": "차상위계층이신가요?", "여성": "여성이신가요?",
    "경력단절여성": "경력이 끊긴 여성이신가요?", "창업자": "창업했거나 창업을 준비하고 계신가요?",
    "자격증소지자": "자격증이 있으신가요?", "청년": "청년(만 19~39세)이신가요?", "취업취약계층": "취업취약계층에 해당하시나요?",
    "실직자": "최근에 일자리를 잃으셨나요?", "학생": "고교 졸업 예정자(고3)이신가요?",
}


def _ask_group(group: str) -> str:
    return _GROUP_QUESTIONS.get(group, f"{group}에 해당하시나요?")


def _with_experience(track: Track, group: str, p: Profile, state: str, text: str) -> tuple[str, str]:
    """"경력 3년 이상 퇴직자": a retiree passes only with the years; unknown years are unknown."""
    need = track.experience_years.get(group)
    if need is None or state != PASS:
        return state, text
    if p.experience_years is None:
        return UNKNOWN, f"경력 {need}년 이상인지 확인 필요"
    if p.experience_years < need:
        return FAIL, f"경력 {p.experience_years}년 — 대상은 경력 {need}년 이상 {group}"
    return PASS, f"경력 {need}년 이상 {group}"


def _means_check(track: Track, p: Profile) -> Check | None:
    rule = track.means
    if rule is None:
        return None
    income = p.income_pct
    groups = p.all_groups()
    if income is None and groups & {"수급자", "차상위"}:
        income = 50.0  # 수급자·차상위 are at or below 50% of 기준중위소득 by definition
    results: list[bool | None] = []
    if rule.income_max_pct is not None:
        results.append(None if income is None else income <= rule.income_max_pct)
    if rule.property_max_won is not None:
        results.append(None if p.property_won is None else p.property_won <= rule.property_max_won)
    if rule.either:
        if any(r is True for r in results):
            return Check("means", PASS, f"소득·재산 요건({rule.describe()}) 충족")
        if all(r is False for r in results):
            return Check("means", FAIL, _means_fail(rule, p, income))
    else:
        if any(r is False for r in results):
            return Check("means", FAIL, _means_fail(rule, p, income))
        if all(r is True for r in results):
            return Check("means", PASS, f"소득·재산 요건({rule.describe()}) 충족")
    missing = []
    if rule.income_max_pct is not None and income is None:
        missing.append("가구 소득이 기준중위소득의 몇 %인가요?")
    if rule.property_max_won is not None and p.property_won is None:
        missing.append("가구 재산은 얼마인가요?")
    if rule.either and len(missing) == 2:  # either one settles it: one question
        missing = ["가구 소득(기준중위소득 대비 %)이나 재산 중 하나를 알려 주세요."]
    return Check("means", UNKNOWN, f"소득·재산 확인 필요({rule.describe()})", " ".join(missing) + f" (대상: {rule.describe()})")


def _means_fail(rule, p: Profile, income: float | None) -> str:
    said = []
    if income is not None:
        said.append(f"기준중위소득 {income:g}%")
    if p.property_won is not None:
        said.append(f"재산 {format_won(p.property_won)}")
    return f"{'·'.join(said)} — 요건({rule.describe()}) 초과"


def evaluate_track(track: Track, p: Profile, card: ProgramCard | None = None) -> tuple[str, list[Check]]:
    if track.kind == "business":
        wanted = set(track.business_types)
        if not p.businesses:
            return "ineligible", [Check("business", FAIL, "기업·기관 대상 사업(개인은 신청 대상 아님)")]
        if not wanted:  # institutions the report does not type (어린이집 보육공백 …)
            return "ineligible", [Check("business", FAIL, "기관 대상 사업")]
        if not (wanted & p.businesses):
            return "ineligible", [Check("business", FAIL, f"{', '.join(track.business_types)} 대상 사업")]
        return "maybe", [Check("business", UNKNOWN, f"사업체 요건 확인 필요: {track.text[:60]}")]
    checks: list[Check] = []
    if track.open_to_all:
        checks.append(Check("open", PASS, "누구나 참여 가능"))
    for c in (_age_check(track, p), _residence_check(track, p, card), _means_check(track, p)):
        if c is not None:
            checks.append(c)
    checks += _group_checks(track, p)
    checks += [Check("condition", UNKNOWN, f"확인 필요: {c}", f"‘{c}’에 해당하시나요?") for c in track.conditions]
    if any(c.status == FAIL for c in checks):
        return "ineligible", checks
    if any(c.status == UNKNOWN for c in checks):
        return "maybe", checks
    return "eligible", checks


def _score(status: str, checks: list[Check]) -> float:
    if status == "eligible":
        weights = {"group": 2.0, "residence": 1.0, "age": 1.0, "means": 1.0, "open": 0.0}
        return sum(weights.get(c.kind, 0.5) for c in checks if c.status == PASS)
    if status == "maybe":
        return -sum(_UNKNOWN_WEIGHT.get(c.kind, 1.0) for c in checks if c.status == UNKNOWN)
    return 0.0


def _why(status: str, track: Track, checks: list[Check]) -> str:
    prefix = f"({track.label}) " if track.label else ""
    if status == "eligible":
        return prefix + ", ".join(c.text for c in checks if c.status == PASS)
    if status == "maybe":
        return prefix + "; ".join(c.text for c in checks if c.status == UNKNOWN)
    return prefix + "; ".join(c.text for c in checks if c.status == FAIL)


def match_card(card: ProgramCard, profile: Profile) -> MatchResult:
    if not card.has_target or not card.tracks:
        return MatchResult(card, "unstated", "보고서에 참여 대상이 나와 있지 않음")
    best: MatchResult | None = None
    for track in card.tracks:
        status, checks = evaluate_track(track, profile, card)
        result = MatchResult(card, status, _why(status, track, checks), track, checks, _score(status, checks))
        if best is None or (_ORDER[status], -result.score) < (_ORDER[best.status], -best.score):
            best = result
    assert best is not None
    return best


def match(cards: list[ProgramCard], profile: Profile) -> list[MatchResult]:
    """Every card's verdict, best first: eligible (most specific fit first), maybe (most likely
    first), ineligible, then programs whose report states no target."""
    results = [match_card(c, profile) for c in cards]
    return sorted(results, key=lambda r: (_ORDER[r.status], -r.score))
