"""Split Korean prose into sentences without breaking dates ("2023. 5. 31.") or numbers ("88.7%")."""
from __future__ import annotations

import re

# A sentence ends after a Korean final ending + period ("…합니다.", "…예정임."), or after ?/!, or
# after a period that follows a Hangul syllable or closing bracket and precedes a non-digit.
_BOUNDARY = re.compile(r"(?<=[가-힣)\]][.!?])\s+(?=\S)(?![\d])|(?<=[!?])\s+(?=\S)")
MAX_SENTENCE_CHARS = 400  # a "sentence" longer than this is cut at the nearest comma or space
# A line ends a sentence when, after closing quotes/brackets and spaces, its last character is a
# Korean final ending ("…합니다", "…예정임", "…됨") or sentence punctuation.
_FINAL = frozenset("다요음함임됨까.!?。")
_CLOSERS = "\"'”’)"


def ends_sentence(text: str) -> bool:
    """What `(?:[다요음함임됨까]\\s*[.!?]?|[.!?。]|[다요]\\))\\s*["'”’)]*\\s*$` searched for, in linear
    time: the regex's adjacent `\\s*` backtrack cubically on a long run of spaces (a Hangul syllable,
    4,000 spaces and a letter took 223 s). Checked against the regex on random strings."""
    line = text.rstrip()
    quoted = line.rstrip(_CLOSERS)
    if len(quoted) < len(line) and line[len(quoted)] == ")" and quoted.endswith(("다", "요")):
        return True  # "…한다)”": the bracket closes the sentence, the quotes after it close more
    rest = quoted.rstrip()
    return bool(rest) and (rest[-1] in _FINAL or rest.endswith(("다)", "요)")))


def split_sentences(text: str) -> list[str]:
    parts = [p.strip() for p in _BOUNDARY.split(text.strip()) if p.strip()]
    out: list[str] = []
    for part in parts:
        while len(part) > MAX_SENTENCE_CHARS:
            cut = max(part.rfind(", ", 0, MAX_SENTENCE_CHARS), part.rfind(" ", 0, MAX_SENTENCE_CHARS))
            cut = cut if cut > MAX_SENTENCE_CHARS // 2 else MAX_SENTENCE_CHARS
            out.append(part[:cut].strip())
            part = part[cut:].strip()
        if part:
            out.append(part)
    return out


# The Hangul ordinals of a Korean list ("가. … 나. … 다. …"), in order; a statute's 목 run past 하 into 거, 너 ….
HANGUL_ORDINALS = "가나다라마바사아자차카타파하거너더러머버서어저처커터퍼허"
_ORDINAL_MARK = re.compile(r"(?:^|(?<=\s))([가-힣])\.\s")


def split_enumerated(text: str) -> list[str]:
    """'가. 부정어업 … 사람 나. 해양경찰청 … 사람' → its items, each with its mark. Only marks that run in
    order from 가 count, so a one-syllable word before a period ("… 등. 다음") never splits a sentence.
    Text without two such marks comes back whole."""
    starts: list[int] = []
    for m in _ORDINAL_MARK.finditer(text):
        if len(starts) < len(HANGUL_ORDINALS) and m.group(1) == HANGUL_ORDINALS[len(starts)]:
            starts.append(m.start(1))
    if len(starts) < 2:
        return [text.strip()] if text.strip() else []
    head = text[: starts[0]].strip()
    items = [text[a:b].strip() for a, b in zip(starts, starts[1:] + [len(text)])]
    return ([head] if head else []) + items
