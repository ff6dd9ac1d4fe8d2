"""자격 찾기: which programs a person can apply to. The tab itself lives in `eligibility.ui`."""
from __future__ import annotations

from app_ui.specialist_tab import render_feature

TITLE = "자격 찾기"
DESCRIPTION = "나이·거주지·처지를 넣으면 보고서에 적힌 지원 자격에 맞는 사업을 근거와 함께 찾아 줍니다."


def render() -> None:
    render_feature("eligibility", DESCRIPTION)
