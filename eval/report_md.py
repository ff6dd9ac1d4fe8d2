"""report.md and the plain-text summary printed after a run (both read report.json's dict)."""
from __future__ import annotations

import unicodedata
from typing import Any

from eval.scoring import LATENCY_KEYS, METRIC_KEYS, METRIC_LABELS

PIPELINE_LABELS = {"assistant": "도우미", "langchain-baseline": "LangChain 기본 레시피"}


def fmt_metric(key: str, value: Any) -> str:
    if value is None:
        return "-"
    if key in LATENCY_KEYS:
        return f"{value:,.0f}"
    return f"{value * 100:.1f}%"


def _cell(text: str) -> str:
    # Markdown table cells: no pipes or newlines.
    return " ".join(str(text).split()).replace("|", "\\|")


def _short(text: str, n: int = 160) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= n else text[: n - 1] + "…"


def expected_text(row: dict[str, Any]) -> str:
    if not row["answerable"]:
        return "답변 거절 (보고서에 없는 내용)"
    groups = row["expected"]["answer_contains"]
    return " 그리고 ".join("(" + " 또는 ".join(g) + ")" for g in groups) or "(조건 없음)"


def returned_text(row: dict[str, Any]) -> str:
    if row.get("error"):
        return f"[오류] {row['error']}"
    if row["abstained"]:
        return "[답변 거절] " + (row["answer"] or "")
    return row["answer"] or "(빈 답변)"


def render_markdown(report: dict[str, Any]) -> str:
    meta, counts, metrics = report["meta"], report["counts"], report["metrics"]
    out = [
        "# 평가 보고서",
        "",
        f"- 평가 세트: `{meta['dataset']}`",
        f"- 파이프라인: {PIPELINE_LABELS.get(meta['pipeline'], meta['pipeline'])} (`{meta['pipeline']}`), 모드: `{meta['mode']}`",
        f"- 실행 시각: {meta['started_at']} · 전체 소요 {meta['wall_time_s']:.1f}초 (로딩 {meta['load_time_s']:.1f}초)",
        f"- 문항 {counts['rows']}개 (답변 가능 {counts['answerable']}, 답변 불가 {counts['unanswerable']}) · "
        f"통과 {counts['passed']}개 · 실행 오류 {counts['errors']}개",
        "",
        "## 전체 지표",
        "",
        "| 지표 | 값 |",
        "|---|---:|",
    ]
    out += [f"| {METRIC_LABELS[k]} | {fmt_metric(k, metrics[k])} |" for k in METRIC_KEYS]
    out += ["", "## 분류별 지표", ""]
    keys = ("answer_acc", "citation_acc", "hit5", "mrr", "abstain_acc")
    out.append("| 분류 | 문항 | 통과 | " + " | ".join(METRIC_LABELS[k] for k in keys) + " |")
    out.append("|---|---:|---:|" + "---:|" * len(keys))
    for cat, m in report["by_category"].items():
        out.append(
            f"| {_cell(cat)} | {m['n']} | {m['passed']} | " + " | ".join(fmt_metric(k, m[k]) for k in keys) + " |"
        )
    failures = [r for r in report["rows"] if not r["passed"]]
    out += ["", f"## 실패한 문항 ({len(failures)}개)", ""]
    if not failures:
        out.append("실패한 문항이 없습니다.")
    for r in failures:
        out += [
            f"### {r['id']} · {r['category']}",
            "",
            f"- 질문: {_short(r['question'], 300)}",
        ]
        if r["history"]:
            out.append("- 이전 질문: " + " → ".join(_short(h, 80) for h in r["history"]))
        out += [
            f"- 기대: {expected_text(r)}",
            f"- 응답: {_short(returned_text(r), 300)}",
            "- 실패 이유: " + "; ".join(r["reasons"]),
        ]
        if r["answerable"]:
            rank = r["hit_rank"] if r["hit_rank"] is not None else "없음"
            out.append(f"- 근거 인용: {'맞음' if r['citation_ok'] else '틀림'} · 근거 검색 순위: {rank}")
        out.append("")
    return "\n".join(out).rstrip() + "\n"


def text_table(headers: list[str], rows: list[list[str]]) -> str:
    def width(s: str) -> int:  # Hangul is double width in a terminal
        return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in s)

    cols = [max(width(r[i]) for r in [headers, *rows]) for i in range(len(headers))]

    def line(cells: list[str]) -> str:
        parts = []
        for i, c in enumerate(cells):
            pad = " " * (cols[i] - width(c))
            parts.append(c + pad if i == 0 else pad + c)
        return "  ".join(parts)

    return "\n".join([line(headers), "  ".join("-" * c for c in cols), *(line(r) for r in rows)])


def render_summary(report: dict[str, Any]) -> str:
    """Plain-text tables for stdout: overall metrics, then one line per category."""
    meta, counts, metrics = report["meta"], report["counts"], report["metrics"]
    head = (
        f"평가 결과: {meta['dataset']} · {meta['pipeline']} · {meta['mode']} · "
        f"문항 {counts['rows']}개 · 통과 {counts['passed']}개 · {meta['wall_time_s']:.1f}초"
    )
    overall = text_table(["지표", "값"], [[METRIC_LABELS[k], fmt_metric(k, metrics[k])] for k in METRIC_KEYS])
    keys = ("answer_acc", "citation_acc", "hit1", "hit5", "mrr", "abstain_acc")
    cats = text_table(
        ["분류", "문항", "통과"] + [METRIC_LABELS[k] for k in keys],
        [
            [cat, str(m["n"]), str(m["passed"])] + [fmt_metric(k, m[k]) for k in keys]
            for cat, m in report["by_category"].items()
        ],
    )
    return f"{head}\n\n{overall}\n\n[분류별]\n{cats}\n"
