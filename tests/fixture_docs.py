"""Build PDF and HWPX test documents in test setup (no committed binaries).

- PDF: fpdf2 (pure Python) with a Korean font; tables are drawn as ruled cells (kordoc finds PDF
  tables from the ruling lines), merged cells as one rectangle over their span.
- HWPX: python-hwpx; tables are real `hp:tbl` cells, merged with `merge_cells`.

A document is a list of pages; a page is a list of items: a `str` is one paragraph line, a
`TableSpec` is a table. Table rows are written HTML-style: a `Cell` with a span covers the
positions to its right/below, and those positions are simply left out of the following cells.

`SHIPPED_PASSAGES` are passages of the shipped reports (corpus/*.txt) that hold a table and its
headings, as the verbatim text lines (what the text reader gets) and as the same content laid out
with real table cells (what a PDF/HWPX reader gets).
"""
from __future__ import annotations

import shutil
import subprocess
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO / "corpus"
SHARED_FIXTURES = Path("/work/shared/fixtures")  # real Hancom files; never copied into the repo

# Fonts with Hangul, first those a fresh Debian has after the Makefile's apt step (fonts-noto-cjk).
_FONT_CANDIDATES = (
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc",
    "/usr/share/fonts/truetype/nanum/NanumGothic.ttf",
    "/usr/share/fonts/truetype/nanum/NanumMyeongjo.ttf",
    "/usr/share/fonts/truetype/unfonts-core/UnDotum.ttf",
)
NO_FONT_REASON = "한글 글꼴이 없어 PDF 시험 문서를 만들 수 없습니다 (no Korean font: apt-get install fonts-noto-cjk)"


@dataclass(frozen=True)
class KoreanFont:
    path: Path
    face: int = 0  # face index in a TTC collection


def _korean_face(path: Path) -> int | None:
    """Index of a face that has Hangul (the KR face of a CJK collection), or None."""
    from fontTools.ttLib import TTCollection, TTFont

    try:
        fonts = TTCollection(str(path)).fonts if path.suffix.lower() in (".ttc", ".otc") else [TTFont(str(path), lazy=True)]
    except Exception:
        return None
    best = None
    for i, font in enumerate(fonts):
        cmap = font.getBestCmap() or {}
        if ord("한") not in cmap or ord("Ⅳ") not in cmap:
            continue
        name = str(font["name"].getDebugName(4) or "")
        if "KR" in name or "Korean" in name:
            return i
        if best is None:
            best = i
    return best


@lru_cache(maxsize=1)
def korean_font() -> KoreanFont | None:
    """A font file with Hangul for fpdf2, or None (the caller skips with NO_FONT_REASON)."""
    paths = [Path(p) for p in _FONT_CANDIDATES]
    if shutil.which("fc-list"):
        try:
            out = subprocess.run(["fc-list", ":lang=ko", "file"], capture_output=True, text=True, timeout=20).stdout
            paths += sorted(Path(line.split(":")[0].strip()) for line in out.splitlines() if line.strip())
        except (OSError, subprocess.SubprocessError):
            pass
    for path in paths:
        if path.is_file() and path.suffix.lower() in (".ttf", ".otf", ".ttc", ".otc"):
            face = _korean_face(path)
            if face is not None:
                return KoreanFont(path, face)
    return None


@dataclass(frozen=True)
class Cell:
    text: str
    row_span: int = 1
    col_span: int = 1


@dataclass(frozen=True)
class TableSpec:
    rows: tuple[tuple[Cell | str, ...], ...]
    widths: tuple[float, ...] = ()  # relative column widths; equal when empty
    header_rows: int = 1  # rows of column headers above the body

    def labels(self) -> list[str]:
        """The row label (first cell) of every body row."""
        return [t for r, c, _, _, t in self.placed() if c == 0 and r >= self.header_rows]

    def placed(self) -> list[tuple[int, int, int, int, str]]:
        """(row, col, row_span, col_span, text) of every cell on the full grid."""
        taken: set[tuple[int, int]] = set()
        out = []
        for r, row in enumerate(self.rows):
            c = 0
            for cell in row:
                cell = Cell(cell) if isinstance(cell, str) else cell
                while (r, c) in taken:
                    c += 1
                for dr in range(cell.row_span):
                    for dc in range(cell.col_span):
                        taken.add((r + dr, c + dc))
                out.append((r, c, cell.row_span, cell.col_span, cell.text))
                c += cell.col_span
        return out

    @property
    def n_rows(self) -> int:
        return max(r + rs for r, _, rs, _, _ in self.placed())

    @property
    def n_cols(self) -> int:
        return max(c + cs for _, c, _, cs, _ in self.placed())


Page = list  # of str | TableSpec


@dataclass
class Rendering:
    """Where each item landed: page of every table (1-based), in order."""

    table_pages: list[int] = field(default_factory=list)


# ── PDF ────────────────────────────────────────────────────────────────────────────────────────


def write_pdf(path: Path, pages: list[Page], font: KoreanFont, size: float = 10) -> Rendering:
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.set_auto_page_break(False)
    pdf.set_margins(15, 15, 15)
    pdf.add_font("kr", fname=str(font.path), collection_font_number=font.face)
    rendering = Rendering()
    usable = pdf.w - pdf.l_margin - pdf.r_margin
    for n, items in enumerate(pages, 1):
        pdf.add_page()
        pdf.set_font("kr", size=size)
        for item in items:
            if isinstance(item, TableSpec):
                pdf.ln(2)
                _pdf_table(pdf, item, usable, size)
                rendering.table_pages.append(n)
                pdf.ln(3)
            else:
                pdf.set_font("kr", size=size)
                pdf.multi_cell(usable, size * 0.6, item, new_x="LMARGIN", new_y="NEXT")
                pdf.ln(1)
            if pdf.get_y() > pdf.h - pdf.b_margin:
                raise ValueError(f"page {n} of {path.name} overflows: split it into more pages")
    pdf.output(str(path))
    return rendering


def _pdf_table(pdf, table: TableSpec, usable: float, size: float) -> None:
    weights = table.widths or (1.0,) * table.n_cols
    xs = [pdf.l_margin]
    for w in weights:
        xs.append(xs[-1] + usable * w / sum(weights))
    h = size * 0.75
    y0 = pdf.get_y()
    for r, c, rs, cs, text in table.placed():
        x, w, y = xs[c], xs[c + cs] - xs[c], y0 + r * h
        pdf.rect(x, y, w, rs * h)  # the ruling lines kordoc reads the grid from
        fs = size
        pdf.set_font("kr", size=fs)
        while fs > 5 and pdf.get_string_width(text) > w - 2:
            fs -= 0.5
            pdf.set_font("kr", size=fs)
        pdf.set_xy(x, y)
        pdf.cell(w, rs * h, text, border=0, align="C")
    pdf.set_font("kr", size=size)
    pdf.set_xy(pdf.l_margin, y0 + table.n_rows * h)


def write_image_only_pdf(path: Path, pages: int = 1) -> None:
    """A 'scan': every page is a picture (and a few shapes), no text layer at all."""
    import io

    from fpdf import FPDF
    from PIL import Image, ImageDraw

    img = Image.new("L", (600, 800), 255)
    draw = ImageDraw.Draw(img)
    for y in range(60, 760, 28):  # grey bars where scanned text lines would be
        draw.rectangle((50, y, 50 + (y * 7) % 480 + 60, y + 12), fill=90)
    buf = io.BytesIO()
    img.save(buf, format="PNG")
    pdf = FPDF(format="A4")
    for _ in range(pages):
        pdf.add_page()
        pdf.image(io.BytesIO(buf.getvalue()), x=10, y=10, w=190)
        pdf.rect(20, 250, 170, 30)
        pdf.line(20, 265, 190, 265)
    pdf.output(str(path))


def write_corrupt_pdf(path: Path, good: Path | None = None) -> None:
    """A PDF header followed by garbage (or a real PDF cut in the middle of its objects)."""
    if good is not None and good.exists():
        data = good.read_bytes()
        path.write_bytes(data[: len(data) // 3] + b"\x00garbage\xff" * 50)
    else:
        path.write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog /Pages 9 0 R >>\n" + bytes(range(256)) * 8)


# ── HWPX ───────────────────────────────────────────────────────────────────────────────────────


def write_hwpx(path: Path, pages: list[Page]) -> Rendering:
    from hwpx import HwpxDocument

    doc = HwpxDocument.new()
    rendering = Rendering()
    for n, items in enumerate(pages, 1):
        if n > 1:
            # A new section starts a new page. (kordoc counts pages from the layout cache or, as
            # here without one, per section: a `pageBreak="1"` paragraph alone is not counted.)
            doc.add_section()
        for item in items:
            if isinstance(item, TableSpec):
                _hwpx_table(doc, item)
                rendering.table_pages.append(n)
            else:
                doc.add_paragraph(item)
    doc.save_to_path(str(path))
    return rendering


def _hwpx_table(doc, table: TableSpec) -> None:
    tbl = doc.add_table(table.n_rows, table.n_cols)
    if table.widths:
        tbl.set_column_widths([int(w * 100) for w in table.widths])
    placed = table.placed()
    for r, c, _, _, text in placed:
        if text:
            tbl.set_cell_text(r, c, text)
    for r, c, rs, cs, _ in placed:
        if rs > 1 or cs > 1:
            tbl.merge_cells(r, c, r + rs - 1, c + cs - 1)


# ── Passages of the shipped reports ─────────────────────────────────────────────────────────────


def corpus_lines(name: str) -> list[str]:
    return (CORPUS / name).read_text(encoding="utf-8").splitlines()


def excerpt(name: str, first: str, last: str, after: str = "") -> list[str]:
    """Verbatim lines of a shipped report from the line starting with `first` (searched after the
    line containing `after`) through the next line starting with `last`."""
    lines = corpus_lines(name)
    start = 0
    if after:
        start = next(i for i, t in enumerate(lines) if after in t)
    i = next(k for k in range(start, len(lines)) if lines[k].strip().startswith(first))
    j = next(k for k in range(i, len(lines)) if lines[k].strip().startswith(last))
    return lines[i : j + 1]


SEOUL = "seoul-council-jobs-committee-report-2021.txt"
YDP = "yeongdeungpo-job-policy-work-report-2023.txt"
SEOUL_TITLE = "서울특별시의회 일자리대책 특별위원회 결과보고서"
YDP_TITLE = "영등포구 일자리정책과 주요업무 보고"

# Seoul, 4th meeting: the ’21 targets table ('20/'21/증감 under merged group headers) and the
# table by type (목표/5월/달성률/예산/집행 under "2021년 목표 및 추진실적").
SEOUL_TARGETS = TableSpec(
    rows=(
        (Cell("구 분", row_span=2), Cell("일자리 수(개)", col_span=3), Cell("예산(백만원)", col_span=2)),
        ("’20", "’21", "증감", "’20", "’21"),
        ("계", "391,915", "393,288", "1,373", "2,073,473", "2,209,234"),
        ("직접일자리", "185,128", "187,307", "2,179", "1,720,464", "1,822,413"),
        ("간접일자리", "206,787", "205,981", "-806", "353,009", "386,822"),
    ),
    widths=(2, 1.5, 1.5, 1.2, 1.8, 1.8),
    header_rows=2,
)
SEOUL_BY_TYPE = TableSpec(
    rows=(
        (Cell("유형별", row_span=2), Cell("2021년 목표 및 추진실적", col_span=5)),
        ("목표(개)", "5월(개)", "달성률(%)", "예산(억원)", "집행(억원)"),
        ("총 계", "393,288", "278,234", "70.7", "22,092", "10,593"),
        ("직 접 일 자 리", "187,307", "176,743", "94.4", "18,224", "8,696"),
        ("간 접 일 자 리", "205,981", "101,491", "49.3", "3,868", "1,897"),
        ("직 업 훈 련", "21,827", "7,583", "34.7", "895", "421"),
        ("고용서비스", "70,955", "27,994", "39.5", "332", "175"),
        ("고용장려금", "3,719", "1,858", "50.0", "420", "172"),
        ("창 업 지 원", "15,699", "8,035", "51.2", "1,002", "641"),
        ("민 간 지 원", "48,178", "40,067", "83.2", "1,216", "486"),
        ("공 사 인 력", "45,603", "15,954", "35.0", "-", "-"),
    ),
    widths=(2, 1.3, 1.3, 1.2, 1.2, 1.2),
    header_rows=2,
)
# Seoul, 경제정책실 business report: the overall table (구 분 over two header rows, two groups).
SEOUL_OVERALL = TableSpec(
    rows=(
        (Cell("구 분", row_span=2), Cell("일자리 수(개)", col_span=3), Cell("예산(억원)", col_span=3)),
        ("목표", "실적", "달성률(%)", "예산액", "집행액", "집행율(%)"),
        ("총계", "70,439", "38,622", "54.8", "3,983", "2,032", "51.0"),
        ("직접일자리", "15,067", "13,364", "88.7", "1,551", "871", "56.2"),
        ("간접일자리", "55,372", "25,258", "45.6", "2,432", "1,161", "47.7"),
    ),
    widths=(2, 1.2, 1.2, 1.2, 1.2, 1.2, 1.2),
    header_rows=2,
)
# 영등포구: budget and execution by unit program.
YDP_BUDGET = TableSpec(
    rows=(
        ("단위사업명", "예 산 액", "집 행 액", "집행률(%)"),
        ("계", "7,113,947", "2,677,482", "37.6"),
        ("희망이 되는 안정적인 일자리지원", "357,151", "155,473", "43.5"),
        ("지역일자리사업 지원", "3,694,810", "1,226,574", "33.2"),
        ("사회적경제 활성화", "1,532,686", "505,020", "32.9"),
        ("청년의 행복한 사회진입 환경조성", "1,356,338", "715,397", "52.7"),
        ("인력운영비", "90,594", "47,357", "52.3"),
        ("기본경비", "82,368", "27,661", "33.6"),
    ),
    widths=(3, 1.4, 1.4, 1.1),
)


def seoul_text_lines() -> list[str]:
    """The Seoul excerpt as the shipped text has it (tables flattened by the PDF extraction)."""
    meeting = excerpt(SEOUL, "4. 제4차 회의", "○ 장소")
    targets = excerpt(SEOUL, "Ⅲ 2020년도 일자리 사업 추진현황", "공 사 인 력", after="4. 제4차 회의")
    overall = excerpt(SEOUL, "Ⅳ. 주요업무보고", "간접일자리 55,372", after="4. 제4차 회의")
    return meeting + [""] + targets + ["", ""] + overall


def seoul_pages() -> list[Page]:
    """The same excerpt laid out as the report's pages: headings and bullets as lines, real tables."""
    return [
        [
            "4. 제4차 회의",
            "○ 일시 : 2021. 7. 1.(목) 16:00~",
            "○ 장소 : 기획경제위원회 회의실(의원회관 3층)",
            "Ⅲ 2020년도 일자리 사업 추진현황 및 2021년도 사업계획",
            "2021년 일자리 사업 추진목표 및 주요내용",
            "’21년 일자리 목표",
            "○ 일 자 리 : 393,288개(’20년 본예산 대비 1,373개 증가)",
            "○ 예 산 : 398개 사업, 2조 2,092억원(’20년 대비 1,358억원 증가)",
            SEOUL_TARGETS,
            "추진실적(‘21.5월말 기준)",
            "○ 일 자 리 : 278,234개 일자리 창출(목표 393,288개 대비 70.7%)",
            "－ 직접일자리 : 176,743개(목표 187,307개 대비 94.4%)",
            "※ 직접일자리는 상반기 채용추진 및 조기집행으로 높은 달성률을 보임",
            "－ 간접일자리 : 101,491개(목표 205,981개 대비 49.3%)",
            "※ 간접일자리는 직업훈련 및 창업지원의 훈련·보육기간 소요, 민간기업 취업의 순차적 추진 등으로 하반기 달성률이 높아질 것으로 전망",
            "○ 집 행 액 : 10,584억원(예산액 22,092억원 대비 47.9%)",
            SEOUL_BY_TYPE,
        ],
        [
            "Ⅳ. 주요업무보고",
            "1. 경제정책실 소관(일자리 사업 평가보고)",
            "1. 2021년 일자리사업 추진현황 및 실적(총괄)",
            "추진현황(‘21.5월말 기준)",
            "○ 일자리 : 총 82개 사업(직접 18, 간접 64)을 통해 일자리 38,622개 창출, 목표(70,439개) 대비 54.8% 달성",
            "○ 예 산 : 총 예산 3,983억원 중 2,032억원(51.0%) 집행",
            SEOUL_OVERALL,
        ],
    ]


def ydp_text_lines() -> list[str]:
    return excerpt(YDP, "Ⅰ. 일반현황", "Ⅰ. 일반현황") + [""] + excerpt(YDP, "4 예 산 현 황", "(단위: 천원)")


def ydp_pages() -> list[Page]:
    return [
        [
            "Ⅰ. 일반현황",
            "4 예 산 현 황",
            "(단위: 천원)",
            "(5.31.기준)",
            YDP_BUDGET,
        ]
    ]


@dataclass(frozen=True)
class CellQuestion:
    """A question whose answer is one table cell: row label × column of a passage table."""

    question: str
    table: str  # name of the TableSpec above
    row: str  # row label as printed
    column: str  # leaf column as printed
    value: str  # the cell, as printed
    id: str = ""  # ASCII test id


TABLE_QUESTIONS = (
    CellQuestion("영등포구 지역일자리사업 지원 예산액은?", "YDP_BUDGET", "지역일자리사업 지원", "예 산 액", "3,694,810", "ydp-regional-budget"),
    CellQuestion("영등포구 사회적경제 활성화 집행률은?", "YDP_BUDGET", "사회적경제 활성화", "집행률(%)", "32.9", "ydp-social-economy-rate"),
    CellQuestion("영등포구 기본경비 집행액은?", "YDP_BUDGET", "기본경비", "집 행 액", "27,661", "ydp-basic-expense-spent"),
    CellQuestion("경제정책실 직접일자리 달성률은?", "SEOUL_OVERALL", "직접일자리", "달성률(%)", "88.7", "seoul-direct-rate"),
    CellQuestion("경제정책실 간접일자리 집행액은?", "SEOUL_OVERALL", "간접일자리", "집행액", "1,161", "seoul-indirect-spent"),
    CellQuestion("창업지원 5월 달성률은?", "SEOUL_BY_TYPE", "창 업 지 원", "달성률(%)", "51.2", "seoul-startup-rate"),
    CellQuestion("직업훈련 일자리 목표는?", "SEOUL_BY_TYPE", "직 업 훈 련", "목표(개)", "21,827", "seoul-training-target"),
    CellQuestion("고용서비스 2021년 목표는?", "SEOUL_BY_TYPE", "고용서비스", "목표(개)", "70,955", "seoul-employment-service-target"),
)


def spec_cell(table: TableSpec, row: str, column: str) -> str:
    """The printed value at row label × leaf column of a spec (the test's ground truth)."""
    placed = table.placed()
    col = next(c for r, c, _, cs, t in placed if t == column and cs == 1)
    r = next(r for r, c, _, _, t in placed if c == 0 and t == row)
    return next(t for rr, c, _, _, t in placed if rr == r and c == col)


def manifest(rows: list[tuple[str, str]]) -> str:
    head = "# 시험 보고서\n\n| file | title | issuer | as of | contents |\n|---|---|---|---|---|\n"
    return head + "".join(f"| {f} | {t} | 시험 | 2023 | 표 시험 |\n" for f, t in rows)


# ── Small synthetic reports for reader-level tests ──────────────────────────────────────────────

# Two header rows: "구 분" spans both, each year spans its 목표/실적 pair.
MERGED_RESULTS = TableSpec(
    rows=(
        (Cell("구 분", row_span=2), Cell("2022년", col_span=2), Cell("2023년", col_span=2)),
        ("목표", "실적", "목표", "실적"),
        ("취업상담", "1,000", "1,100", "1,200", "620"),
        ("취업연계", "300", "310", "320", "150"),
    ),
    header_rows=2,
)
PLAIN_BUDGET = TableSpec(
    rows=(
        ("사업명", "예산액", "집행액", "집행률(%)"),
        ("공공근로", "830,000", "412,000", "49.6"),
        ("지역공동체", "215,000", "98,000", "45.6"),
    ),
    widths=(2, 1, 1, 1),
)
OUTLINE_PAGES: list[Page] = [
    [
        "Ⅱ. 주요업무 추진실적",
        "1 고용기회 확대로 지속가능한 일자리 지원 일자리사업팀",
        "□ 사업개요",
        "○ 사업기간: 2023. 1.~12.",
        "○ 지원대상: 만 18세 이상 영등포 구민",
        "□ 추진실적",
        "○ 일자리플러스센터 운영: 상담 620건(5.31. 기준)",
        MERGED_RESULTS,
        "□ 향후계획",
        "○ 구인구직 만남의 날 운영: 6월~12월",
    ],
    [
        "2 공공분야 일자리 창출을 통한 고용안정 지원 일자리사업팀",
        "□ 예산현황 (단위: 천원)",
        PLAIN_BUDGET,
    ],
]
