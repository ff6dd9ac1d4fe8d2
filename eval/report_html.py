"""report.html: one self-contained page (inline CSS + inline SVG, no scripts, no external assets).

Every piece of text from the dataset or the assistant goes through html.escape: answers are
model/corpus output and may contain markup.
"""
from __future__ import annotations

from html import escape
from typing import Any

from eval.report_md import PIPELINE_LABELS, expected_text, fmt_metric, returned_text
from eval.scoring import METRIC_KEYS, METRIC_LABELS

CHART_SERIES = (
    ("answer_acc", "#2b6cb0"),
    ("citation_acc", "#38a169"),
    ("hit5", "#d69e2e"),
    ("abstain_acc", "#805ad5"),
)

CSS = """
body{font-family:'Noto Sans KR','Malgun Gothic',sans-serif;margin:24px;color:#1a202c;max-width:1200px}
h1{font-size:1.5em}h2{font-size:1.2em;margin-top:2em;border-bottom:1px solid #cbd5e0}
table{border-collapse:collapse;margin:8px 0}th,td{border:1px solid #cbd5e0;padding:4px 8px;vertical-align:top}
th{background:#edf2f7}td.num{text-align:right;white-space:nowrap}
.fail{background:#fff5f5}.pass{background:#f0fff4}.meta{color:#4a5568}
.rows td{font-size:.92em}.rows td.q{min-width:180px}.rows td.a{max-width:420px;white-space:pre-wrap}
.reason{color:#c53030}details{margin:4px 0}summary{cursor:pointer;color:#2c5282}
.passage{white-space:pre-wrap;font-size:.85em;background:#f7fafc;border-left:3px solid #a0aec0;padding:4px 8px;margin:4px 0}
"""


def _e(text: Any) -> str:
    return escape(str(text), quote=True)


def category_chart(by_category: dict[str, dict[str, Any]]) -> str:
    """Grouped horizontal bars (0–100%) per category, as inline SVG."""
    label_w, bar_w, bar_h, gap = 170, 420, 12, 10
    cats = list(by_category)
    block_h = len(CHART_SERIES) * bar_h + gap
    legend_h = 28
    height = legend_h + max(1, len(cats)) * block_h + 10
    width = label_w + bar_w + 70
    parts = [
        f'<svg role="img" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" font-size="11">',
        f"<title>{_e('분류별 지표')}</title>",
    ]
    x = label_w
    for key, color in CHART_SERIES:
        parts.append(f'<rect x="{x}" y="6" width="10" height="10" fill="{color}"/>')
        parts.append(f'<text x="{x + 14}" y="15">{_e(METRIC_LABELS[key])}</text>')
        x += 14 + 11 * len(METRIC_LABELS[key]) + 16
    for i, cat in enumerate(cats):
        y0 = legend_h + i * block_h
        m = by_category[cat]
        parts.append(
            f'<text x="{label_w - 6}" y="{y0 + block_h / 2}" text-anchor="end" dominant-baseline="middle">'
            f"{_e(cat)} ({m['n']})</text>"
        )
        for j, (key, color) in enumerate(CHART_SERIES):
            y = y0 + j * bar_h
            v = m.get(key)
            w = 0 if v is None else round(bar_w * float(v), 1)
            parts.append(f'<rect x="{label_w}" y="{y}" width="{w}" height="{bar_h - 2}" fill="{color}"/>')
            parts.append(
                f'<text x="{label_w + w + 4}" y="{y + bar_h - 3}">{_e(fmt_metric(key, v))}</text>'
            )
    parts.append(f'<line x1="{label_w}" y1="{legend_h - 4}" x2="{label_w}" y2="{height - 6}" stroke="#718096"/>')
    parts.append("</svg>")
    return "\n".join(parts)


def _passages(title: str, items: list[dict[str, Any]], rank_key: str) -> str:
    if not items:
        return ""
    body = "".join(
        f'<div class="passage">[{_e(p.get(rank_key, ""))}] {_e(p.get("doc_id", ""))}'
        f'{(" · " + _e(p["section"])) if p.get("section") else ""}\n{_e(p.get("text", ""))}</div>'
        for p in items
    )
    return f"<details><summary>{_e(title)} ({len(items)})</summary>{body}</details>"


def _row_html(r: dict[str, Any]) -> str:
    cls = "pass" if r["passed"] else "fail"
    latency = float(r["latency_ms"])
    q = _e(r["question"])
    if r["history"]:
        q = "<span class='meta'>" + " → ".join(_e(h) for h in r["history"]) + " →</span><br>" + q
    reasons = "<br>".join(f"<span class='reason'>{_e(x)}</span>" for x in r["reasons"]) or "통과"
    if r["answerable"]:
        rank = r["hit_rank"] if r["hit_rank"] is not None else "없음"
        check = f"인용 {'맞음' if r['citation_ok'] else '틀림'}<br>검색 순위 {_e(rank)}"
    else:
        check = "-"
    evidence = r["expected"]["evidence_contains"]
    expected = _e(expected_text(r)) + (
        f"<br><span class='meta'>근거: {_e(' 또는 '.join(evidence))}</span>" if evidence else ""
    )
    returned = _e(returned_text(r)) + _passages("인용", r["citations"], "n") + _passages("검색 결과", r["retrieved"], "rank")
    return (
        f'<tr class="{cls}"><td>{_e(r["id"])}</td><td>{_e(r["category"])}</td><td class="q">{q}</td>'
        f'<td>{expected}</td><td class="a">{returned}</td><td>{reasons}</td><td>{check}</td>'
        f'<td class="num">{latency:,.0f}</td></tr>'
    )


def _rows_table(rows: list[dict[str, Any]]) -> str:
    head = "".join(f"<th>{h}</th>" for h in ("id", "분류", "질문", "기대한 답", "돌아온 답", "판정", "근거", "ms"))
    return f'<table class="rows"><tr>{head}</tr>' + "".join(_row_html(r) for r in rows) + "</table>"


def render_html(report: dict[str, Any]) -> str:
    meta, counts, metrics = report["meta"], report["counts"], report["metrics"]
    metric_rows = "".join(
        f"<tr><td>{_e(METRIC_LABELS[k])}</td><td class='num'>{_e(fmt_metric(k, metrics[k]))}</td></tr>"
        for k in METRIC_KEYS
    )
    cat_keys = ("answer_acc", "citation_acc", "hit1", "hit5", "mrr", "abstain_acc", "false_abstain")
    cat_head = "".join(f"<th>{_e(METRIC_LABELS[k])}</th>" for k in cat_keys)
    cat_rows = "".join(
        f"<tr><td>{_e(cat)}</td><td class='num'>{m['n']}</td><td class='num'>{m['passed']}</td>"
        + "".join(f"<td class='num'>{_e(fmt_metric(k, m[k]))}</td>" for k in cat_keys)
        + "</tr>"
        for cat, m in report["by_category"].items()
    )
    failures = [r for r in report["rows"] if not r["passed"]]
    passes = [r for r in report["rows"] if r["passed"]]
    pipeline = PIPELINE_LABELS.get(meta["pipeline"], meta["pipeline"])
    return f"""<!DOCTYPE html>
<html lang="ko"><head><meta charset="utf-8">
<title>{_e('평가 보고서 · ' + meta['dataset'])}</title>
<style>{CSS}</style></head>
<body>
<h1>평가 보고서</h1>
<p class="meta">평가 세트 {_e(meta['dataset'])} · 파이프라인 {_e(pipeline)} ({_e(meta['pipeline'])}) · 모드 {_e(meta['mode'])}<br>
실행 시각 {_e(meta['started_at'])} · 전체 {meta['wall_time_s']:.1f}초 (로딩 {meta['load_time_s']:.1f}초)<br>
문항 {counts['rows']}개 (답변 가능 {counts['answerable']}, 답변 불가 {counts['unanswerable']}) · 통과 {counts['passed']}개 · 실행 오류 {counts['errors']}개</p>
<h2>전체 지표</h2>
<table><tr><th>지표</th><th>값</th></tr>{metric_rows}</table>
<h2>분류별 지표</h2>
<table><tr><th>분류</th><th>문항</th><th>통과</th>{cat_head}</tr>{cat_rows}</table>
{category_chart(report['by_category'])}
<h2>실패한 문항 ({len(failures)}개)</h2>
{_rows_table(failures) if failures else '<p>실패한 문항이 없습니다.</p>'}
<h2>통과한 문항 ({len(passes)}개)</h2>
<details><summary>펼쳐 보기</summary>{_rows_table(passes) if passes else '<p>없음</p>'}</details>
<p class="meta">판정 기준: 답변 가능한 문항은 기대한 내용의 모든 묶음이 답변에 들어 있고(공백 무시, 영문 대소문자 무시) 답변을 거절하지 않았으며 300자 이하일 때 통과, 답변 불가 문항은 답변을 거절했을 때 통과입니다. 인용·검색 지표는 답변 가능한 문항만으로 계산합니다.</p>
</body></html>
"""
