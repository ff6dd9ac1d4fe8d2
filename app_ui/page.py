"""Page-level settings that must not reach outside the server: a page icon drawn here (an emoji or
a Material icon makes the browser fetch it from a font/emoji server) and the page language."""
from __future__ import annotations

from functools import lru_cache

from app_ui import korean_ui
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


def set_korean() -> None:
    """html lang="ko" and Korean labels on Streamlit's own widgets (app_ui/korean_ui.py)."""
    korean_ui.install()
