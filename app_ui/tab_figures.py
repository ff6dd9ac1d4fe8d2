"""수치 찾기: targets, results, rates and budgets from the reports' tables. The tab lives in
`app_ui.figures_tab` (the figures package has no UI of its own: it sits below app_ui)."""
from __future__ import annotations

from app_ui.specialist_tab import render_guarded

TITLE = "수치 찾기"


def render() -> None:
    from app_ui import figures_tab

    render_guarded("figures", figures_tab.render)
