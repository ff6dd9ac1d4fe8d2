"""A horizontal bar chart of figures with each value written next to its bar, so it reads without
hovering (a phone has no hover). Used by the chat's comparison answers and the 수치 찾기 tab."""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

WON_PER_EOK = 1e8  # amounts are drawn in 억원: the unit Seoul's reports total in
BAR_PX = 30  # band per bar; at 30 px Vega shows every name (narrower bands drop overlapping labels)
NAME_PX = 120  # longest name shown before "…": leaves ~200 px of a 390 px phone for bars and labels
LABEL_ROOM = 1.35  # x axis reaches 135 % of the largest value, so the longest label ("12,132억원") fits


@dataclass(frozen=True)
class Bar:
    name: str  # the office, program or year
    value: float  # in the figures' base unit (원, %, 개 …)
    label: str  # the figure as printed ("3,983억원"), written after the bar
    strong: bool = False  # the answer's winner or selection, drawn in the accent colour


def axis_unit(unit: str) -> tuple[float, str]:
    """(divisor, unit shown on the axis): 원 amounts in 억원, everything else as it is."""
    return (WON_PER_EOK, "억원") if unit == "원" else (1.0, unit)


def chart_frame(bars: list[Bar], unit: str) -> pd.DataFrame:
    scale, _ = axis_unit(unit)
    return pd.DataFrame(
        [{"대상": b.name, "값": b.value / scale, "표기": b.label, "강조": "강조" if b.strong else "보통"} for b in bars]
    )


def draw(st, bars: list[Bar], metric: str, unit: str, key: str | None = None) -> None:
    """The chart, with a Korean text alternative listing every bar for screen readers."""
    import altair as alt

    df = chart_frame(bars, unit)
    _, shown_unit = axis_unit(unit)
    low = min(0.0, float(df["값"].min()))
    high = max(0.0, float(df["값"].max())) * LABEL_ROOM or 1.0
    # aria=False on axes and marks: Vega would read each in English ("X-axis titled … for a linear
    # scale"); the chart's Korean alt text below lists every bar instead.
    y = alt.Y("대상:N", sort=None, title=None, axis=alt.Axis(labelLimit=NAME_PX, aria=False))
    color = alt.Color("강조:N", scale=alt.Scale(domain=["강조", "보통"], range=["#1f5fa8", "#8fb3de"]), legend=None)
    bars_layer = alt.Chart(df).mark_bar(aria=False).encode(
        x=alt.X("값:Q", title=f"{metric} ({shown_unit})" if shown_unit else metric, scale=alt.Scale(domain=[low, high]), axis=alt.Axis(aria=False)),
        y=y, color=color, tooltip=["대상", "표기"],
    )
    labels = bars_layer.mark_text(align="left", baseline="middle", dx=4, aria=False).encode(text="표기:N", color=alt.value("gray"))
    chart = (bars_layer + labels).properties(height=alt.Step(BAR_PX))
    alt_text = f"{metric} 그래프: " + ", ".join(f"{b.name} {b.label}" for b in bars)
    st.altair_chart(chart, width="stretch", key=key, alt=alt_text)
