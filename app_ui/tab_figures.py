"""수치 찾기: targets, results, rates and budgets from the reports' tables. The tab lives in `app_ui.figures_tab`."""
from __future__ import annotations

from app_ui.specialist_tab import render_feature

TITLE = "수치 찾기"
DESCRIPTION = "실·국과 지표(달성률, 집행률, 예산 …)를 고르면 표의 수치를 단위·기준일·출처 행과 함께 보여 줍니다."


def render() -> None:
    render_feature("figures", DESCRIPTION)
