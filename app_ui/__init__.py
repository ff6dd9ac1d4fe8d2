"""Streamlit front end of 일자리 사업 도우미: one module per screen part, all on `assistant.service`."""
