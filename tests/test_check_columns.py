"""Column helpers the checks rely on, on the Arrow layouts the CSV reader produces."""

from __future__ import annotations

import numpy as np
import pyarrow as pa
import pytest

from russia_panama_timeline.checker.columns import byte_set, edge_bytes
from russia_panama_timeline.checker.keys import first_rows, member, position


@pytest.mark.parametrize("offset", [0, 1, 3])
def test_edge_bytes_on_sliced_chunks(offset: int) -> None:
    values = ["header", "ab", "", " x", "y ", "é", "=1", "z"]
    col = pa.chunked_array([values[:4], [], values[4:]]).slice(offset)
    first, last = edge_bytes(col)
    expected = values[offset:]
    assert list(first) == [v.encode()[0] if v else 0 for v in expected]
    assert list(last) == [v.encode()[-1] if v else 0 for v in expected]


def test_edge_bytes_all_empty() -> None:
    first, last = edge_bytes(pa.array(["", ""]))
    assert list(first) == [0, 0] and list(last) == [0, 0]


def test_byte_set() -> None:
    table = byte_set(b"=+")
    assert table[ord("=")] and table[ord("+")] and not table[ord("-")]


def test_key_helpers() -> None:
    codes = np.array([3, 1, 3, 2, 1])
    present = np.array([True, True, True, False, True])
    dup, first = first_rows(codes, present)
    assert list(dup) == [False, False, True, False, True]
    assert first[2] == 0 and first[4] == 1
    assert list(member(np.array([0, 1, 2]), np.array([1]), 3)) == [False, True, False]
    assert list(position(np.array([2, 0, 1]), np.array([1, 2]), 3)) == [1, -1, 0]


def test_first_rows_with_sparse_combined_codes() -> None:
    codes = np.array([2**61, 5, 2**61, 7])
    dup, first = first_rows(codes, np.ones(4, dtype=bool))
    assert list(dup) == [False, False, True, False] and first[2] == 0
