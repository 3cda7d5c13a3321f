"""The canonical order of a resource's rows: one definition for ``fmt`` and ``check``.

Rows are ordered by the resource's ``orderBy`` fields, compared field by field with
one key: a missing value first, then (in a ``number`` or ``integer`` field) numbers by
value, then any other text by code point. ``sort_key`` is that key for one value, as
``fmt`` sorts with it; ``later_rows`` is the same comparison on whole columns, as the
checker runs it on a million rows, and a property test holds the two to agreement.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from ..tableschema import NUMBER_SYNTAX as NUMBER  # a number as the type check reads it
from .columns import fullmatch, mask

NUMERIC_TYPES = ("number", "integer")
MISSING, NUMBER_CLASS, TEXT = 0, 1, 2  # the classes, in the order they sort
_NUMBER_RE = re.compile(NUMBER)


def sort_key(value: str, ftype: str, missing: Collection[str] = ("",)) -> tuple[int, Any]:
    """Where one value sorts: (class, value within the class)."""
    if value in missing:
        return (MISSING, 0)
    if ftype in NUMERIC_TYPES and _NUMBER_RE.fullmatch(value):
        return (NUMBER_CLASS, float(value))
    return (TEXT, value)


def later_rows(columns: list[tuple[pa.Array, str, np.ndarray]]) -> np.ndarray:
    """Rows (1..n-1) whose key sorts before the previous row's.

    ``columns``: for each ``orderBy`` field, its values, its type and which rows have a
    value (the checker's present mask, so missing values agree with the schema's)."""
    n = len(columns[0][0])
    later = np.zeros(max(n - 1, 0), dtype=bool)
    tie = np.ones(max(n - 1, 0), dtype=bool)
    for col, ftype, present in columns:
        cls = np.where(present, TEXT, MISSING)
        num = np.zeros(n)
        if ftype in NUMERIC_TYPES:
            is_num = present & fullmatch(col, NUMBER)
            if is_num.any():
                cast = pc.cast(pc.if_else(pa.array(is_num), col, "0"), pa.float64())
                if isinstance(cast, pa.ChunkedArray):
                    cast = cast.combine_chunks()
                num = np.where(is_num, cast.to_numpy(zero_copy_only=False), 0.0)
            cls = np.where(is_num, NUMBER_CLASS, cls)
        a, b = col.slice(0, n - 1), col.slice(1)
        text_gt, text_eq = mask(pc.greater(a, b)), mask(pc.equal(a, b))
        ca, cb = cls[:-1], cls[1:]
        same = ca == cb
        gt = (ca > cb) | (
            same
            & (((ca == NUMBER_CLASS) & (num[:-1] > num[1:])) | ((ca == TEXT) & text_gt))
        )
        eq = same & (
            (ca == MISSING)
            | ((ca == NUMBER_CLASS) & (num[:-1] == num[1:]))
            | ((ca == TEXT) & text_eq)
        )
        later |= tie & gt
        tie &= eq
    return later

