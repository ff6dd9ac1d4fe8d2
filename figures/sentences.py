"""Facts from report sentences: "목표(70,439개) 대비 54.8% 달성", "총 예산 3,983억원 중 2,032억원(51.0%)
집행", "○ 소요예산 : 4,985백만원", "－ 공익형 63,605개, 사회서비스형 4,071개", "▸ 지역 방역 일자리(2,888개,
127억원)", "시급 10,710원" … Each pattern knows which metric its numbers are."""
from __future__ import annotations

import re
from dataclasses import dataclass

from kotext.dates import find_as_of
from figures.context import SectionContext, clean_label, is_total
from figures.facts import Fact
from figures.metrics import metric_by_unit, metric_for, squash
from kotext.numbers import AMOUNT, normalise, parse_amount, parse_number
from kotext.text import PRIVATE_USE, join_spaced_syllables, squash_ws
from kotext.flat_tables import _ROW as TABLE_ROW  # a table row is never part of a sentence

N = r"\d[\d,]*(?:\.\d+)?"
CNT = r"(?:개소|개사|가구|개|명|건|팀)"
MONEY_UNIT = r"(?:억\s*원|백만\s*원|천\s*원|원)"
_ACH_FULL = re.compile(
    rf"(?P<a>{N})\s*(?P<au>{CNT}|{MONEY_UNIT})[^()\d%]{{0,14}}?[(（]?\s*(?:[’‘']\d\d년\s*)?목표(?:치|액)?\s*[(（]?\s*"
    rf"(?P<t>{N})\s*(?P<tu>{CNT}|{MONEY_UNIT})?\s*[)）]?\s*대비\s*(?P<r>{N})\s*%"
)
_ACH_RATE = re.compile(rf"(?P<a>{N})\s*(?P<au>{CNT})\s*[(（]\s*목표\s*대비\s*(?P<r>{N})\s*%")
_ACH_AFTER = re.compile(rf"목표\s*(?P<t>{N})\s*(?P<tu>{CNT})\s*대비\s*(?P<a>{N})\s*(?P<au>{CNT})\s*,\s*(?P<r>{N})\s*%")
_BUDGET_OF = re.compile(
    rf"총\s*예산\s*[(（]?\s*(?P<b>{AMOUNT})\s*[)）]?\s*중\s*(?P<s>{AMOUNT})\s*[(（]\s*(?P<r>{N})\s*%\s*[)）]\s*집행"
)
_SPENT_OF = re.compile(rf"집행액\s*[:：]?\s*(?P<s>{AMOUNT})\s*[(（]\s*예산액?\s*(?P<b>{AMOUNT})\s*대비\s*(?P<r>{N})\s*%")
_CHANGE = re.compile(rf"대비\s*(?P<d>{AMOUNT}|{N}\s*{CNT})\s*(?P<dir>증가|감소)")
_PREVIOUS = re.compile(rf"[’‘']?(?P<y>\d\d)년\s*(?:본예산\s*)?[(（]\s*(?P<v>{AMOUNT}|{N}\s*{CNT})")
_PLAN = re.compile(rf"^(?P<label>.+?)\s*[(（]\s*(?P<n>{N})\s*개\s*(?:,\s*(?P<m>{AMOUNT}|비예산))?\s*[)）]\s*(?:등)?$")
_WAGE = re.compile(rf"(?:시급|시간당|생활\s*임금|최저\s*시급\s*기준)\s*[(（:：]?\s*(?P<v>{N})\s*원|\d+\s*시간\s*[×x]\s*(?P<v2>{N})\s*원")
_KEY_VALUE = re.compile(r"^(?P<k>[^:：]{1,30}?)\s*[:：]\s*(?P<v>.+)$")
_COUNT = re.compile(rf"(?P<v>{N})\s*(?P<u>{CNT})(?![가-힣])|(?P<v3>{N})\s*(?P<u3>{CNT})(?=\s|$|[,(（)）])")
_SEGMENT = re.compile(rf"^(?P<label>[^\d,]{{2,30}}?)\s*(?:[(（]\s*(?P<v>{N})\s*(?P<u>{CNT}|%)\s*[)）]|(?P<v2>{N})\s*(?P<u2>{CNT}|%))$")
# "’21년 일자리 추진목표는 384개 사업 393,575개 일자리로", "예산은 2조 1,576억원으로"
_TARGET_IS = re.compile(rf"목표는\s*(?:(?P<n>{N})\s*개\s*사업\s*)?(?P<v>{N})\s*개\s*일자리")
_BUDGET_IS = re.compile(rf"예산은\s*(?P<v>{AMOUNT})")
_PROGRAM_COUNT = re.compile(rf"(?P<v>{N})\s*개\s*사업")
_TAIL = re.compile(rf"^(?P<label>[^()\d:：]{{4,40}}?)\s*[(（]\s*(?P<v>{N})\s*(?P<u>{CNT})\s*[)）]$")
# "총 1,234개 일자리 제공", and the count of programs and a short subject before the value: "총 5개 사업
# 여성일자리 355명(1,483백만원) 지원" (the amount in brackets is the spending of those results).
_HEADLINE = re.compile(
    rf"총\s*(?:{N}\s*개\s*사업\s*)?(?:[가-힣]{{1,10}}\s*)?(?P<v>{N})\s*(?P<u>개|명)\s*(?:[(（][^()（）]{{0,20}}[)）]\s*)?"
    rf"(?:일자리\s*)?(?:발굴|제공|창출|지원)")
_ITEM_START = re.compile(r"^(?:[○□■◦•‣▸▶➡⇒⇨→－−\-※❖✜*·ㆍ]|[①-⑳➀-➉]|<|〈)")
_CONTINUES = re.compile(rf"^(?:[(（]|대비|억\s*원|증가|감소|달성|진행|집행|목표|{N}\s*%)")
_BULLET = re.compile(r"^[○□■◦•·‣▸▶➡⇒⇨→－−\-※❖✜*ㆍ\s]+")
_PARENS = re.compile(r"[(（][^()（）]*[)）]")
_LIST_SEP = re.compile(r"[,，](?!\d{3}(?!\d))")  # not the thousands comma of "204,111"
_WAGE_KEYS = re.compile(r"임금|시급|지원내용|활동|처우|근무|인건비")


@dataclass
class Item:
    """A bullet with its wrapped lines: the unit sentences are matched on."""

    start: int
    end: int
    text: str  # wrapped lines joined, spaced-out syllables joined
    parent: str = ""  # the nearest "○" bullet above a "－" sub-item


def logical_items(body: list[tuple[int, str]], source_lines: tuple[str, ...] = ()) -> list[Item]:
    """Join wrapped lines into bullets. `source_lines` (the raw document) show bullets that were
    private-use glyphs or indents, which the outline parser strips from the body text."""
    items: list[Item] = []
    raw: list[list[tuple[int, str]]] = []
    prev, prev_row = "", False
    for lineno, text in body:
        row = bool(TABLE_ROW.match(text))
        raw_line = source_lines[lineno - 1] if 0 < lineno <= len(source_lines) else ""
        glyph = raw_line[:1].isspace() or bool(PRIVATE_USE.match(raw_line))  # an indented or glyph bullet
        header = bool(re.match(r"^구\s*분(?:\s|$)", text))  # a table header after a sentence
        starts = not raw or row or prev_row or glyph or header or bool(_ITEM_START.match(text))
        if not starts and len(prev) < 24 and not _CONTINUES.match(text):
            starts = True  # the previous line was not wrapped
        if starts:
            raw.append([])
        raw[-1].append((lineno, text))
        prev, prev_row = text, row
    parent = ""
    for lines in raw:
        text = squash_ws(join_spaced_syllables(" ".join(t for _, t in lines)))
        if text.startswith(("○", "□")) or not _BULLET.match(text):
            parent = text
        items.append(Item(lines[0][0], lines[-1][0], text, "" if parent == text else parent))
    return items


class _Collector:
    """Facts of one item; spans already read by a specific pattern are not read again by a generic one."""

    def __init__(self, ctx: SectionContext, item: Item, group: str) -> None:
        self.ctx, self.item, self.group = ctx, item, group
        self.facts: list[Fact] = []
        self.taken: list[tuple[int, int]] = []
        self.as_of = find_as_of(item.text, ctx.year)

    def free(self, start: int, end: int) -> bool:
        return not any(a < end and start < b for a, b in self.taken)

    def take(self, start: int, end: int) -> None:
        self.taken.append((start, end))

    def add(self, label: str, metric: str, raw_value: str, raw_unit: str, *, scope=None, column: str = "",
            period: str = "", span: tuple[int, int] | None = None, context: str = "") -> None:
        raw_unit = raw_unit.replace(" ", "")
        if raw_unit in ("억원", "백만원", "천원", "원", "만원"):
            parsed = parse_amount(f"{raw_value}{raw_unit}")
            if parsed is None:
                return
            value, unit = parsed[0], "원"
        else:
            number = parse_number(raw_value)
            if number is None:
                return
            value, unit = normalise(number, raw_unit)
        fact = self.ctx.fact(
            label=label, metric=metric, column=column or metric, value=value, unit=unit,
            raw=f"{raw_value}{raw_unit}".replace(" ", "") if raw_unit != "%" else f"{raw_value}%",
            lines=(self.item.start, self.item.end), source="sentence", group=self.group, period=period,
            as_of=self.as_of, scope=scope, context=context or self.item.text,
        )
        if fact:
            self.facts.append(fact)
        if span:
            self.take(*span)

    def add_amount(self, label: str, metric: str, amount_text: str, **kw) -> None:
        m = re.match(rf"^(?P<v>(?:\d[\d,]*\s*조\s*)?(?:{N})?)\s*(?P<u>{MONEY_UNIT})$", amount_text.strip())
        if m:
            self.add(label, metric, m.group("v"), m.group("u"), **kw)


def _split_amount_count(text: str) -> tuple[str, str]:
    m = re.match(rf"^(?P<v>{N})\s*(?P<u>{CNT})$", text.strip())
    return (m.group("v"), m.group("u")) if m else ("", "")


def _key_label(key: str) -> str:
    return clean_label(re.sub(r"^(?:[’‘']\d\d|20\d\d)년\s*", "", key))


def _outside_parens(text: str) -> str:
    prev = None
    while prev != text:
        prev, text = text, _PARENS.sub(lambda m: " " * len(m.group(0)), text)
    return text


def _sentence_facts(ctx: SectionContext, item: Item, prev_lead: str) -> list[Fact]:
    text = _BULLET.sub("", item.text)
    col = _Collector(ctx, item, f"S{item.start}")
    kv = _KEY_VALUE.match(text)
    key = _key_label(kv.group("k")) if kv and not re.search(r"\d", re.sub(r"[’‘']\d\d년|20\d\d년|\(.*?\)", "", kv.group("k"))) else ""
    label = key
    if not label and item.text.startswith("→"):
        label = prev_lead  # "→ ’21년 목표 673개 대비 442개, 65.7% 달성" continues the line above

    for pattern in (_ACH_FULL, _ACH_AFTER):
        for m in pattern.finditer(text):
            col.add(label, "실적", m.group("a"), m.group("au"), span=m.span("a"))
            col.add(label, "목표", m.group("t"), m.group("tu") or m.group("au"), span=m.span("t"))
            col.add(label, "달성률", m.group("r"), "%", span=m.span("r"))
    for m in _ACH_RATE.finditer(text):
        if col.free(*m.span("a")):
            col.add(label, "실적", m.group("a"), m.group("au"), span=m.span("a"))
            col.add(label, "달성률", m.group("r"), "%", span=m.span("r"))
    for pattern in (_BUDGET_OF, _SPENT_OF):
        for m in pattern.finditer(text):
            col.add_amount(label, "예산액", m.group("b"), span=m.span("b"))
            col.add_amount(label, "집행액", m.group("s"), span=m.span("s"))
            col.add(label, "집행률", m.group("r"), "%", span=m.span("r"))
    _statements(col, ctx, text, label)
    _plan_and_history(col, ctx, text, label)
    _wages(col, ctx, text, key)
    if kv and key:
        _key_value(col, ctx, item, kv.group("v"), kv.start("v"), key)
    _lists(col, ctx, item, text, key)
    _tail_and_headline(col, ctx, text, key)
    return col.facts


def _statements(col: _Collector, ctx: SectionContext, text: str, label: str) -> None:
    if m := _TARGET_IS.search(text):
        if m.group("n"):
            col.add(label, "사업 수", m.group("n"), "개", span=m.span("n"))
        col.add(label, "목표", m.group("v"), "개", span=m.span("v"))
    if m := _BUDGET_IS.search(text):
        col.add_amount(label, "예산액", m.group("v"), span=m.span("v"))
    for m in _PROGRAM_COUNT.finditer(text):
        if col.free(*m.span("v")) and (is_total(label) and (ctx.is_office_summary or ctx.is_city)):
            col.add(label, "사업 수", m.group("v"), "개", span=m.span("v"), column="사업 수")


def _plan_and_history(col: _Collector, ctx: SectionContext, text: str, label: str) -> None:
    if ctx.is_city and (m := _PLAN.match(text)) and not col.taken:
        name = clean_label(m.group("label"))
        if not re.search(r"[:：]|\d{3}", name) and 2 <= len(name) <= 40:
            scope = ("program", name)
            col.add(name, "목표", m.group("n"), "개", scope=scope, column="일자리 수", span=m.span("n"))
            if m.group("m") and m.group("m") != "비예산":
                col.add_amount(name, "예산액", m.group("m"), scope=scope, span=m.span("m"))
    metric = "예산액" if re.match(r"예산", label) or text.startswith("예산") else "목표" if ctx.is_city else ""
    if not metric:
        return
    for m in _CHANGE.finditer(text):
        if col.free(*m.span("d")):
            sign = "-" if m.group("dir") == "감소" else ""
            value, unit = _split_amount_count(m.group("d"))
            if value:
                col.add(label or "일자리", "증감", sign + value, unit, span=m.span("d"), column="전년 대비 증감")
            else:
                amount = parse_amount(m.group("d"))
                if amount:
                    col.add_amount(label or "예산", "증감", m.group("d"), span=m.span("d"), column="전년 대비 증감")
    for m in _PREVIOUS.finditer(text):
        if col.free(*m.span("v")):
            value, unit = _split_amount_count(m.group("v"))
            period = f"20{m.group('y')}"
            if value:
                col.add(label or "일자리", "목표", value, unit, period=period, span=m.span("v"))
            else:
                col.add_amount(label or "예산", "예산액", m.group("v"), period=period, span=m.span("v"))


def _wages(col: _Collector, ctx: SectionContext, text: str, key: str) -> None:
    for m in _WAGE.finditer(text):
        span = m.span("v") if m.group("v") else m.span("v2")
        if not col.free(*span):
            continue
        generic = not key or bool(_WAGE_KEYS.search(key))
        scope = ctx.classify("") if generic else None
        col.add(key if not generic else "", "시급", m.group("v") or m.group("v2"), "원", scope=scope, span=span,
                column="시급")


def _key_value(col: _Collector, ctx: SectionContext, item: Item, value: str, vstart: int, key: str) -> None:
    metric = metric_for(re.sub(r"\(.*?\)", "", key))
    plain = _outside_parens(value)
    text_offset = vstart
    if metric == "예산액" or (is_total(key) and squash(key) == "예산"):
        m = re.search(AMOUNT, plain)
        if m and col.free(text_offset + m.start(), text_offset + m.end()):
            col.add_amount("" if metric == "예산액" else key, "예산액", m.group(0),
                           span=(text_offset + m.start(), text_offset + m.end()), column=key)
        return
    if squash(key) == "일자리" and ctx.is_city:
        metric = "목표" if "목표" in ctx.section.aspect else "실적"
    segments = [s.strip() for s in _LIST_SEP.split(plain) if s.strip()]
    labelled = [m for s in segments if (m := _SEGMENT.match(s))]
    if metric and len(labelled) >= 2 and len(labelled) == len(segments):
        for m in labelled:
            name = clean_label(m.group("label"))
            col.add(name, metric, m.group("v") or m.group("v2"), m.group("u") or m.group("u2"),
                    scope=("item", name), column=f"{key} {name}")
        return
    lead = re.match(rf"^\s*(?:총|약)?\s*(?P<v>{N})\s*(?P<u>{CNT})", plain)
    if metric in ("목표", "인원", "실적", "개소", "건수", "일자리 수") or (metric is None and lead):
        for m in _COUNT.finditer(plain):
            v, u = (m.group("v"), m.group("u")) if m.group("v") else (m.group("v3"), m.group("u3"))
            if not v:
                continue
            rest = re.split(r"[,(（]", plain[m.end():], maxsplit=1)[0]
            if re.search(r"\d", rest) and metric is not None:
                continue  # "5개 직접 여성일자리사업 361명": the count that ends the phrase is the figure
            span = (text_offset + m.start(), text_offset + m.end())
            if not col.free(*span):
                return
            if metric is None:
                in_results = "실적" in ctx.section.aspect
                metric_ = "실적" if in_results and u in ("개", "명") else metric_by_unit(normalise(0, u)[1])
                col.add(key, metric_, v, u, span=span, column=key)
            else:
                col.add("" if metric in ("목표", "실적") else key, metric, v, u, span=span, column=key)
            return


def _lists(col: _Collector, ctx: SectionContext, item: Item, text: str, key: str) -> None:
    if col.facts:
        return
    body = text.split(":", 1)[1] if key and ":" in text else text
    segments = [s.strip() for s in _LIST_SEP.split(re.sub(r"\s*등\s*$", "", body)) if s.strip()]
    labelled = [m for s in segments if (m := _SEGMENT.match(s))]
    if len(labelled) < 2 or len(labelled) < len(segments):
        return
    units = {m.group("u") or m.group("u2") for m in labelled}
    if len(units) != 1:
        return
    results = "실적" in ctx.section.aspect or "추진내용" in ctx.section.aspect
    context = f"{item.parent} › {text}" if item.parent else text
    for m in labelled:
        unit = m.group("u") or m.group("u2")
        name = clean_label(m.group("label"))
        metric = "실적" if results and unit in ("개", "명") else metric_by_unit(normalise(0, unit)[1])
        col.add(name, metric, m.group("v") or m.group("v2"), unit, scope=("item", name), column=key or metric,
                context=context)
    col.group = f"L{item.start}"


def _tail_and_headline(col: _Collector, ctx: SectionContext, text: str, key: str) -> None:
    if col.facts:
        return
    results = "실적" in ctx.section.aspect
    if m := _TAIL.match(text):
        name = clean_label(m.group("label"))
        metric = "실적" if results and m.group("u") in ("개", "명") else metric_by_unit(normalise(0, m.group("u"))[1])
        col.add(name, metric, m.group("v"), m.group("u"), scope=("item", name), context=col.item.text)
        return
    if results and (m := _HEADLINE.search(text)):
        col.add("", "실적", m.group("v"), m.group("u"), scope=ctx.classify(""), span=m.span("v"))


def sentence_facts(ctx: SectionContext) -> list[Fact]:
    facts: list[Fact] = []
    prev_lead = ""
    grid_lines = ctx.real_table_lines
    body = [(ln, t) for ln, t in ctx.section.body if ln not in grid_lines] if grid_lines else ctx.section.body
    for item in logical_items(body, ctx.doc.lines):
        if TABLE_ROW.match(item.text):
            continue
        # "○ ’21년 예산 : 3,320백만원 ※ 강소기업 인증 : 586개사(…)": two statements on one bullet.
        for part in re.split(r"\s※\s*", item.text):
            sub = Item(item.start, item.end, part, item.parent)
            facts += _sentence_facts(ctx, sub, prev_lead)
        lead = _BULLET.sub("", item.text)
        prev_lead = clean_label(re.split(r"[(（:：]", lead, maxsplit=1)[0])[:30]
    return facts
