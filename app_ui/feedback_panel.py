"""평가 tab: the 👎 answers users left, turned into eval rows for staff to review and add."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from app_ui import conversations
from eval.feedback_export import feedback_rows, to_jsonl


def render() -> None:
    st.subheader("사용자 피드백 → 평가 질문")
    store = conversations.store()
    bad = store.feedback(rating=-1)
    good = len(store.feedback(rating=1))
    st.caption(f"👎 {len(bad)}건 · 👍 {good}건. 👎 답변은 검토용 평가 행(\"review\": true)으로 내보냅니다. "
               "보고서 원문을 보고 answer_contains를 채우고 review를 지운 뒤 eval/datasets/에 더하세요.")
    if not bad:
        st.info("아직 👎 피드백이 없습니다. 질문하기 탭의 답변 아래에서 남길 수 있습니다.")
        return
    st.dataframe(
        pd.DataFrame({
            "질문": [f.question for f in bad],
            "의견": [f.comment or "—" for f in bad],
            "도우미 답변": [f.answer for f in bad],
            "앞선 질문": [" → ".join(f.history) for f in bad],
            "시각": [f.updated_at.replace("T", " ") for f in bad],
        }),
        hide_index=True, width="stretch",
    )
    st.download_button("검토용 평가 행 내려받기 (JSONL)", to_jsonl(feedback_rows(store)), file_name="feedback-review.jsonl",
                       mime="application/jsonl", icon=":material/download:", key="feedback_export", on_click="ignore")
