"""Compare one resource's rows on two sides by key, typed, with Arrow joins.

Both sides are read by the project's typed reader (``reader.read_typed``), the one
that the loaders and the Parquet build use, so values are compared as the schema reads
them: ``1.0`` and ``1`` in a number field are the same number, a date is a day, an
enum value is its value. Only the rows that differ are turned into Python values, so
a million-row resource costs about two typed reads and one join.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from ..descriptor import DataError, resource_path
from ..errors import DescriptorError

_OLD, _NEW = "__diff_old_row", "__diff_new_row"


class DiffError(DescriptorError):
    """A side cannot be compared: it cannot be read, or its rows cannot be matched by
    key (exit 2, like any input that cannot be read)."""


@dataclass
class RowChanges:
    """What changed in one resource's rows. Keys and values are JSON-ready Python
    values (a date as its ISO string, a missing value as None)."""

    key: list[str]  # the fields rows were matched on, in the primary key's order
    added: list[list[Any]] = field(default_factory=list)
    removed: list[list[Any]] = field(default_factory=list)
    # (key, {field: (old, new)}) for each row present on both sides that differs
    changed: list[tuple[list[Any], dict[str, tuple[Any, Any]]]] = field(default_factory=list)

    @property
    def same(self) -> bool:
        return not (self.added or self.removed or self.changed)


def json_value(value: Any) -> Any:
    """A typed cell as JSON can hold it: dates as ISO strings, missing as None."""
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    return value


def read_rows(datapackage: Path, res: dict[str, Any]) -> pa.Table:
    """A resource's rows, typed from its schema, enums decoded to their values.

    The pins (``bytes``, ``hash``) are not held against the file: a diff is how one
    reviews an edit that has not been re-pinned yet. A cell that cannot be read as its
    type is a DiffError naming file, line and field, as the loaders name it.
    """
    from ..reader import read_typed

    unpinned = {k: v for k, v in res.items() if k not in ("bytes", "hash")}
    label = str(resource_path(datapackage, res))
    try:
        table = read_typed(datapackage, unpinned, label=label)
    except DataError as exc:
        raise DiffError(f"{exc}; the rows of {label} cannot be compared until they "
                        "read as their schema says") from None
    columns = [
        col.cast(col.type.value_type) if pa.types.is_dictionary(col.type) else col
        for col in table.columns
    ]
    return pa.table(columns, names=table.column_names)


def _python(table: pa.Table, names: list[str], rows: np.ndarray) -> list[list[Any]]:
    """The values of ``names`` on ``rows``, row by row."""
    if not len(rows):
        return []
    taken = table.select(names).take(pa.array(rows, pa.int64()))
    columns = [[json_value(v) for v in col.to_pylist()] for col in taken.columns]
    return [list(values) for values in zip(*columns, strict=True)]


def _refuse_duplicates(table: pa.Table, key: list[str], label: str) -> None:
    counts = table.select(key).group_by(key).aggregate([([], "count_all")])
    dup = counts.filter(pc.greater(counts["count_all"], 1))
    if dup.num_rows:
        first = [json_value(dup[k][0].as_py()) for k in key]
        raise DiffError(
            f"{label}: the key ({', '.join(key)}) = {first} is on {dup['count_all'][0]} rows "
            f"({dup.num_rows} key(s) repeated): rows are matched by key, so each key must "
            "be on one row"
        )


def _key_columns(old: pa.Table, new: pa.Table, key: list[str]) -> tuple[pa.Table, pa.Table]:
    """The key columns of both sides with a row number each, the key types made equal
    (a key field whose type changed is joined on its text)."""
    old_cols, new_cols = [], []
    for name in key:
        a, b = old[name], new[name]
        if a.type != b.type:
            a, b = a.cast(pa.string()), b.cast(pa.string())
        old_cols.append(a)
        new_cols.append(b)
    old_keys = pa.table([*old_cols, pa.array(np.arange(old.num_rows))], names=[*key, _OLD])
    new_keys = pa.table([*new_cols, pa.array(np.arange(new.num_rows))], names=[*key, _NEW])
    return old_keys, new_keys


def _differs(a: pa.ChunkedArray, b: pa.ChunkedArray) -> np.ndarray:
    """Which pairs hold different typed values (a missing value differs from any value)."""
    if a.type == b.type:
        unequal = pc.fill_null(pc.not_equal(a, b), False)
        one_missing = pc.not_equal(pc.is_null(a), pc.is_null(b))
        result = pc.or_(unequal, one_missing)
        if isinstance(result, pa.ChunkedArray):
            result = result.combine_chunks()
        return np.asarray(result.to_numpy(zero_copy_only=False), dtype=bool)
    # The field's type changed: compare the values as Python reads them (1 == 1.0,
    # "1" != 1), pair by pair.
    return np.array([x != y for x, y in zip(a.to_pylist(), b.to_pylist(), strict=True)],
                    dtype=bool)


def compare_rows(old: pa.Table, new: pa.Table, key: list[str], compared: list[str],
                 labels: tuple[str, str]) -> RowChanges:
    """Rows of ``new`` not in ``old`` (added), of ``old`` not in ``new`` (removed), and
    rows on both sides whose ``compared`` fields differ, all matched on ``key``.

    Added and changed rows come in the order of ``new``'s file, removed rows in the
    order of ``old``'s, so a diff reads in the package's own order.
    """
    _refuse_duplicates(old, key, labels[0])
    _refuse_duplicates(new, key, labels[1])
    old_keys, new_keys = _key_columns(old, new, key)
    joined = old_keys.join(new_keys, keys=key, join_type="full outer")
    o = np.asarray(pc.fill_null(joined[_OLD], -1).to_numpy(), dtype=np.int64)
    n = np.asarray(pc.fill_null(joined[_NEW], -1).to_numpy(), dtype=np.int64)
    added = np.sort(n[o < 0])
    removed = np.sort(o[n < 0])
    both = (o >= 0) & (n >= 0)
    order = np.argsort(n[both], kind="stable")
    old_rows, new_rows = o[both][order], n[both][order]

    result = RowChanges(key=list(key), added=_python(new, key, added),
                        removed=_python(old, key, removed))
    if not len(new_rows) or not compared:
        return result
    old_taken = old.select(compared).take(pa.array(old_rows))
    new_taken = new.select(compared).take(pa.array(new_rows))
    differs = {name: _differs(old_taken[name], new_taken[name]) for name in compared}
    any_change = np.logical_or.reduce(list(differs.values()))
    rows = np.flatnonzero(any_change)
    keys = _python(new, key, new_rows[rows])
    changed_fields = {name: np.flatnonzero(d[rows]) for name, d in differs.items() if d.any()}
    per_row: list[dict[str, tuple[Any, Any]]] = [{} for _ in rows]
    for name in compared:  # the schema's order, in every row
        if name not in changed_fields:
            continue
        at = changed_fields[name]
        picks = pa.array(rows[at])
        before = old_taken[name].take(picks).to_pylist()
        after = new_taken[name].take(picks).to_pylist()
        for i, x, y in zip(at, before, after, strict=True):
            per_row[i][name] = (json_value(x), json_value(y))
    result.changed = list(zip(keys, per_row, strict=True))
    return result


def all_rows(table: pa.Table, key: list[str]) -> list[list[Any]]:
    """Every row's key, in the file's order (a resource on one side only)."""
    return _python(table, key, np.arange(table.num_rows))
