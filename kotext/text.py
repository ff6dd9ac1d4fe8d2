"""Normalisation of report text that both the index and the question side must share."""
from __future__ import annotations

import re

_HANGUL = "\uac00-\ud7a3"
# Runs of single Hangul syllables separated by single spaces: "권 수 정", "직 접 일 자 리".
_SPACED_RUN = re.compile(rf"(?<![{_HANGUL}])([{_HANGUL}])((?: [{_HANGUL}])+)(?![{_HANGUL}])")
_WS = re.compile(r"\s+")
PRIVATE_USE = re.compile("[\ue000-\uf8ff]")
# Bullet and outline glyphs that carry no meaning for search.
BULLETS = "○□■◦•·‣▸▶▷➡⇒⇨→－−\\-※❖✜ㅇ"


# Single-syllable words that legitimately stand alone; a two-syllable run containing one is prose.
_STANDALONE = set("및그등중각총전후약또별시구국월일년명개")


def _join(m: re.Match[str]) -> str:
    run = m.group(0)
    syllables = run.split(" ")
    if len(syllables) == 2 and (syllables[0] in _STANDALONE or syllables[1] in _STANDALONE):
        return run
    return "".join(syllables)


def join_spaced_syllables(text: str) -> str:
    """'권 수 정 의원' → '권수정 의원'. Reports space out names and table labels for layout."""
    return _SPACED_RUN.sub(_join, text)


def squash_ws(text: str) -> str:
    return _WS.sub(" ", text).strip()


def no_ws(text: str) -> str:
    # str.split() drops exactly the characters `\s` matches (both are str.isspace()), at twice the
    # speed of _WS.sub("", text): the assistant squashes every passage of the index at start-up.
    return "".join(text.split())


def clean_line(text: str) -> str:
    """Drop private-use bullet glyphs and surrounding space; keep everything else verbatim."""
    return PRIVATE_USE.sub("", text).strip()


def spaced_runs(text: str) -> list[str]:
    """The joined forms of spaced-out syllable runs of three or more syllables."""
    return ["".join(m.group(0).split(" ")) for m in _SPACED_RUN.finditer(text) if len(m.group(0)) >= 5]


def is_pipe_row(text: str) -> bool:
    """A table row with real cells as the readers write it (and Markdown has it): `| a | b |`."""
    stripped = text.strip()
    return len(stripped) >= 2 and stripped[0] == "|" and stripped[-1] == "|" and "\n" not in stripped


_MD_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|~<>])")
_MD_STRONG = re.compile(r"\*\*(.+?)\*\*|__(.+?)__")


def markdown_plain(text: str) -> str:
    """'**①** 법 …', '1\\. 노인 …' → '① 법 …', '1. 노인 …': Markdown emphasis and escapes a reader of an
    answer should not see (Markdown documents keep them in their lines)."""
    text = _MD_STRONG.sub(lambda m: m.group(1) or m.group(2), text)
    return _MD_ESCAPE.sub(r"\1", text)


def josa(word: str, pair: str) -> str:
    """'은/는', '이/가', '와/과' after a Korean word (by its final consonant)."""
    with_final, without = pair.split("/")
    last = re.sub(r"[^가-힣0-9A-Za-z%]", "", word)[-1:]
    if "가" <= last <= "힣":
        has_final = (ord(last) - 0xAC00) % 28 != 0
    else:
        has_final = last in "0136780LMNRlmnr"  # how digits/letters are read aloud
    return with_final if has_final else without
