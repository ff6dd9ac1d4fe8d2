"""Where a figure sits decides what it is about: the section context turns a row label or sentence
key into a scope (실국 총괄, 단위사업, 사업 …) and a subject shown to users."""
from __future__ import annotations

import re
from dataclasses import dataclass

from kotext.dates import AS_OF_LINE, AsOf, doc_year, find_as_of
from figures.facts import Fact
from figures.metrics import squash
from kotext.text import join_spaced_syllables, squash_ws
from reports.model import SECTION_SEP, Document, Layout, Section

# Labels that stand for the whole of their context (the office, the city, the program).
_TOTAL = re.compile(r"^(?:총?계|총합계|합계|총계|총|전체|일자리|예산|집행액|예산액|일자리수|"
                    r"(?:[’‘']\d\d년)?(?:신규)?일자리(?:창출|지원)?수|일자리창출|목표|실적)$")
_TYPE_LABELS = {"직접일자리", "간접일자리"}


def clean_label(text: str) -> str:
    """'직 접 일 자 리' → '직접일자리'; bullets and trailing colons dropped."""
    t = squash_ws(join_spaced_syllables(text))
    t = re.sub(r"^[○□■◦•·‣▸▶➡⇒⇨→－−\-※❖✜*ㆍ①-⑳➀-➉\s]+", "", t)
    return t.strip(" :：,")


def is_total(label: str) -> bool:
    """An empty label or a total word: the figure is about the section's own subject."""
    return not label.strip() or bool(_TOTAL.match(squash(label)))


@dataclass
class SectionContext:
    doc: Document
    section: Section
    year: int | None
    as_of: AsOf | None

    @classmethod
    def build(cls, doc: Document, section: Section, year: int | None = None) -> "SectionContext":
        year = year if year is not None else doc_year(doc.doc_id, doc.lines)
        # The aspect title ("추진현황(‘21.5월말 기준)") or a standalone note ("(2023.5.31.기준)",
        # "(5.31.기준)" inside a header line) dates every figure of the section.
        found = find_as_of(section.path[-1], year) if len(section.path) > 1 else None
        if found is None:
            for _, text in section.body:
                if AS_OF_LINE.match(text.strip()) or (len(text) <= 40 and re.search(r"\(\s*[\d.]+\s*기준\s*\)", text)):
                    found = find_as_of(text, year)
                    if found:
                        break
        return cls(doc, section, year, found)

    @property
    def path_text(self) -> str:
        return SECTION_SEP.join(self.section.path)

    @property
    def is_office_summary(self) -> bool:
        s = self.section
        return bool(s.office) and not s.program and s.aspect.replace(" ", "").startswith("추진현황")

    @property
    def is_city(self) -> bool:
        # A meeting's business-report sections (목표, 추진실적 …), not its agenda and attendance.
        return bool(self.section.meeting) and not self.section.office and bool(self.section.aspect)

    @property
    def is_department_budget(self) -> bool:
        s = self.section
        return not s.office and not s.meeting and not s.program and "예산현황" in s.path[-1].replace(" ", "")

    @property
    def real_table_lines(self) -> frozenset[int]:
        """Lines of the section's tables that came with real cells (Markdown, HTML, kordoc): their
        facts are read from the cells, so the flat-text readers skip them (a flattened document's
        tables are those readers' own rebuild, and are not skipped)."""
        if self.doc.layout is Layout.FLATTENED:
            return frozenset()
        return frozenset(ln for block in self.section.blocks if block.table is not None for ln, _ in block.lines)

    def classify(self, label: str) -> tuple[str, str]:
        """(scope, subject) for a figure labelled `label` in this section."""
        s = self.section
        total = is_total(label)
        plain = squash(label)
        if self.is_office_summary:
            if total:
                return "office", s.office
            if plain in _TYPE_LABELS:
                return "office_type", f"{s.office} {plain}"
            return "item", f"{s.office} {label}"
        if self.is_city:
            return ("city", "서울시 전체") if total else ("city_type", plain if len(plain) <= 8 else label)
        if self.is_department_budget:
            return ("department", "일자리정책과 전체") if total else ("unit_program", label)
        if s.program:
            return ("program", s.program) if total or not label else ("item", label)
        return "item", "" if total else label  # a bare figure with no subject of its own is not kept

    def fact(
        self,
        *,
        label: str,
        metric: str,
        column: str,
        value: float,
        unit: str,
        raw: str,
        lines: tuple[int, int],
        source: str,
        group: str,
        period: str = "",
        as_of: AsOf | None = None,
        scope: tuple[str, str] | None = None,
        context: str = "",
    ) -> Fact | None:
        scope_, subject = scope or self.classify(label)
        if not subject:
            return None
        when = as_of or self.as_of
        s = self.section
        return Fact(
            doc_id=self.doc.doc_id,
            doc_title=self.doc.title,
            section=self.path_text,
            office=s.office,
            meeting=s.meeting,
            program=s.program,
            scope=scope_,
            subject=subject,
            label=label,
            metric=metric,
            column=column,
            value=value,
            unit=unit,
            raw=raw,
            as_of=when.iso if when else "",
            as_of_text=when.text if when else "",
            period=period,
            line_start=lines[0],
            line_end=lines[1],
            source=source,
            group=f"{self.doc.doc_id}:{group}",
            context=context[:200],
        )
