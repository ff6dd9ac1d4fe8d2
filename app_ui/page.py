"""Page-level settings that must not reach outside the server: a page icon drawn here (an emoji or
a Material icon makes the browser fetch it from a font/emoji server) and the page language."""
from __future__ import annotations

from functools import lru_cache

import streamlit as st
import streamlit.components.v1 as components
from PIL import Image, ImageDraw

PRIMARY = (31, 95, 168)  # .streamlit/config.toml primaryColor


@lru_cache(maxsize=1)
def icon() -> Image.Image:
    """A briefcase on the app's blue, 64×64, drawn in code (nothing to download, nothing committed)."""
    img = Image.new("RGBA", (64, 64), (0, 0, 0, 0))
    d = ImageDraw.Draw(img)
    d.rounded_rectangle((0, 0, 63, 63), radius=14, fill=PRIMARY)
    d.rounded_rectangle((12, 22, 51, 50), radius=5, fill="white")
    d.rounded_rectangle((24, 13, 39, 24), radius=3, outline="white", width=4)
    d.rectangle((12, 33, 51, 35), fill=PRIMARY)
    return img


# Streamlit's index.html says lang="en"; screen readers then read the Korean page with English rules.
_LANG_JS = """<script>
const doc = window.parent.document;
doc.documentElement.lang = "ko";
</script>"""


def set_korean() -> None:
    """Mark the page as Korean (html lang="ko") from a zero-height component in the same origin."""
    with st.container(height=1, border=False):
        components.html(_LANG_JS, height=0)
