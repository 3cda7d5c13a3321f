"""Column helpers shared by the checks: Arrow compute results as numpy masks."""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc


def mask(result: pa.Array | pa.ChunkedArray) -> np.ndarray:
    """A boolean Arrow result as a numpy mask (nulls count as False)."""
    if isinstance(result, pa.ChunkedArray):
        result = result.combine_chunks()
    return np.asarray(pc.fill_null(result, False).to_numpy(zero_copy_only=False), dtype=bool)


def fullmatch(col: pa.Array, pattern: str) -> np.ndarray:
    """Which values match ``pattern`` as a whole (RE2 on Arrow; Python ``re`` on the
    distinct values for patterns RE2 does not support)."""
    try:
        return mask(pc.match_substring_regex(col, f"^(?:{pattern})$"))
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
        regex = re.compile(pattern)
        uniq = pc.unique(col)
        ok = [v for v in uniq.to_pylist() if regex.fullmatch(v)]
        return mask(pc.is_in(col, value_set=pa.array(ok, pa.string())))


def isin(col: pa.Array | pa.ChunkedArray, values: Sequence[str]) -> np.ndarray:
    return mask(pc.is_in(col, value_set=pa.array(list(values), pa.string())))


def codes(col: pa.Array | pa.ChunkedArray) -> np.ndarray:
    """Integer codes of the distinct values (equal values, equal codes; Arrow unifies
    the dictionary across the chunks of a ChunkedArray)."""
    enc = pc.dictionary_encode(col)
    chunks = enc.chunks if isinstance(enc, pa.ChunkedArray) else [enc]
    if not chunks:
        return np.zeros(0, dtype=np.int64)
    return np.concatenate(
        [np.asarray(ch.indices.to_numpy(zero_copy_only=False), dtype=np.int64) for ch in chunks]
    )


def first_bytes(col: pa.Array | pa.ChunkedArray, last: bool = False) -> pa.Array:
    """The first (or last) byte of every value, as binary: a cheap look at cell edges."""
    raw = col.cast(pa.binary())
    return pc.binary_slice(raw, -1) if last else pc.binary_slice(raw, 0, 1)


def isin_bytes(col: pa.Array | pa.ChunkedArray, values: Sequence[bytes]) -> np.ndarray:
    return mask(pc.is_in(col, value_set=pa.array(list(values), pa.binary())))


def join(cols: Sequence[pa.Array]) -> pa.Array:
    """Several columns as one key column, for composite keys."""
    if len(cols) == 1:
        return cols[0]
    return pc.binary_join_element_wise(*cols, "\x1f")


def duplicates(key: pa.Array, present: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Rows whose (present) key repeats an earlier row's, and each row's first row with
    that key."""
    c = codes(key)
    c = np.where(present, c, -1 - np.arange(len(c)))  # absent keys never collide
    _, first_pos, inverse = np.unique(c, return_index=True, return_inverse=True)
    first = first_pos[inverse]
    return (first != np.arange(len(c))) & present, first
