"""Column helpers shared by the checks: Arrow compute results as numpy masks."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

# Shared with the loader and the Parquet build, so all read values the same way.
from ..tableschema import fullmatch as fullmatch
from ..tableschema import isin as isin
from ..tableschema import mask as mask


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


def text_chunks(col: pa.Array | pa.ChunkedArray) -> Iterator[pa.Array]:
    """The chunks of a text column as (large) strings, a null as an empty string."""
    for chunk in (col.chunks if isinstance(col, pa.ChunkedArray) else [col]):
        if chunk.null_count:
            chunk = pc.fill_null(chunk, "")
        if not (pa.types.is_string(chunk.type) or pa.types.is_large_string(chunk.type)):
            chunk = chunk.cast(pa.large_string())
        yield chunk


def utf8_bytes(chunk: pa.Array) -> tuple[np.ndarray, np.ndarray]:
    """(a string chunk's UTF-8 bytes, each cell's offsets into them: n + 1, from 0),
    read straight from the Arrow buffers, with no copy of the text."""
    n = len(chunk)
    _, offsets_buf, data_buf = chunk.buffers()
    width = np.int64 if pa.types.is_large_string(chunk.type) else np.int32
    offsets = np.frombuffer(offsets_buf, dtype=width)[chunk.offset : chunk.offset + n + 1]
    offsets = offsets.astype(np.int64)
    if data_buf is None or offsets[-1] == offsets[0]:
        return np.zeros(0, np.uint8), np.zeros(n + 1, np.int64)
    data = np.frombuffer(data_buf, dtype=np.uint8)[offsets[0] : offsets[-1]]
    return data, offsets - offsets[0]


def edge_bytes(col: pa.Array | pa.ChunkedArray, last_lead: bool = False
               ) -> tuple[np.ndarray, np.ndarray]:
    """The first and last byte of every value (0 for an empty one): a cheap look at
    cell edges, with no copy of the text. ``last_lead``: instead of the last byte, the
    first byte of the last character (the text is valid UTF-8), which says which block
    of Unicode it is in."""
    firsts, lasts = [], []
    for chunk in text_chunks(col):
        if len(chunk) == 0:
            continue
        data, offsets = utf8_bytes(chunk)
        data = data if len(data) else np.zeros(1, np.uint8)
        start, end = offsets[:-1], offsets[1:]
        empty = end == start
        firsts.append(np.where(empty, 0, data[np.minimum(start, len(data) - 1)]))
        last = end - 1
        if last_lead:  # step back over continuation bytes (at most three)
            for _ in range(3):
                cont = ~empty & (last > start) & ((data[np.maximum(last, 0)] & 0xC0) == 0x80)
                last = np.where(cont, last - 1, last)
        lasts.append(np.where(empty, 0, data[np.maximum(last, 0)]))
    if not firsts:
        return np.zeros(0, np.uint8), np.zeros(0, np.uint8)
    return np.concatenate(firsts).astype(np.uint8), np.concatenate(lasts).astype(np.uint8)


def byte_set(values: bytes) -> np.ndarray:
    """A 256-entry lookup table: True for the given byte values."""
    table = np.zeros(256, dtype=bool)
    table[list(values)] = True
    return table


def join(cols: Sequence[pa.Array]) -> pa.Array:
    """Several columns as one key column, for composite keys."""
    if len(cols) == 1:
        return cols[0]
    return pc.binary_join_element_wise(*cols, "\x1f")


def rows_where(col: pa.Array | pa.ChunkedArray, which: np.ndarray) -> pa.Array | pa.ChunkedArray:
    """The values of the rows a mask selects. ``filter`` works chunk by chunk, where
    ``take`` on a ChunkedArray would first copy the whole column into one chunk."""
    return pc.filter(col, pa.array(which, pa.bool_()))
