"""Read one resource as typed Arrow columns: the way in for the loader and Parquet.

The CSV is parsed by ``csvtext`` and every column read by ``tableschema``, exactly as
the checker reads it, so what the loader returns and what Parquet holds are the values
the checker validated. The common case costs one Arrow parse and a look at each
constraint on whole columns. When anything is wrong (a cell that is not of its type,
outside its enum, against its pattern, length or range, a missing required value, a
repeated unique value or primary key, a ragged or blank row, bytes that are not UTF-8,
a header that is not the schema's) the file is read again by the checker's line-aware
reader and its rules of the Table Schema, and the error names file, line and field as
the checker's finding does.

The loaders refuse everything ``check`` would refuse in the one table they return.
What needs the whole package stays ``check``'s alone: foreign keys, the cross-table
and semantic rules (EDTF dates, citations, actors, text hygiene, row order) and the
``hash`` pin (the loaders compare the ``bytes`` pin, which costs nothing).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from . import csvtext
from .descriptor import DataError, DescriptorError, resource_path
from .tableschema import Field, Parsed, Schema, fullmatch, mask

# Findings of the checker that a reader refuses, because the values it would return
# are not the file's: everything about the bytes, the rows and each cell's type.
REFUSED = frozenset({
    "encoding", "header", "blank-row", "ragged-row", "csv-syntax",
    "required", "type", "enum", "pattern", "min-length", "max-length", "minimum", "maximum",
    "unique", "primary-key", "bytes",
})
_SHOWN = 5


def refusal(problems: list[str]) -> DataError:
    """A DataError for a data file that cannot be read as its schema says; its
    ``problems`` attribute holds one line each (file, line, field, what is wrong, and
    the checker's code)."""
    more = len(problems) - _SHOWN
    error = DataError("; ".join(problems[:_SHOWN]) + (f"; and {more} more" if more > 0 else ""))
    error.problems = problems  # type: ignore[attr-defined]
    return error


def refuse_unsupported(schema: Schema) -> None:
    """DescriptorError naming everything the resource declares that no reader implements."""
    problems = schema.unsupported()
    if problems:
        raise DescriptorError("datapackage.json: " + "; ".join(
            f"{where}: {why}" for where, why in problems))


def read_typed(datapackage: str | os.PathLike[str] | None, res: dict[str, Any],
               arrow_schema: pa.Schema | None = None, label: str | None = None) -> pa.Table:
    """The resource's rows as a typed table (``Schema.table``; ``arrow_schema`` may add
    metadata). Raises DataError for bad data, naming the file as ``label`` (the
    resource's path by default), DescriptorError for what cannot be read at all."""
    schema = Schema(res)
    refuse_unsupported(schema)
    path = resource_path(datapackage, res)
    label = label or str(res.get("path"))
    try:
        size = path.stat().st_size
        pinned = res.get("bytes")
        if pinned is not None and pinned != size:
            raise refusal([
                f"{label}: the file has {size} bytes but the descriptor pins {pinned}: it "
                "changed after it was pinned (run `russia-panama-timeline check`, then "
                "`russia-panama-timeline fmt` after editing) [bytes]"
            ])
        with csvtext.mapped(path) as data:
            values = _fast(data, schema)
        if values is None:
            values = _checked(path, res, label)
    except OSError as exc:
        raise DescriptorError(f"{label}: cannot read the data file: {exc.strerror or exc}") \
            from None
    return schema.table(values, arrow_schema)


def _fast(data: csvtext.Bytes, schema: Schema) -> dict[str, Parsed] | None:
    """The typed columns from one Arrow parse; None if anything needs a closer look."""
    dialect = schema.dialect
    try:
        table = csvtext.parse(data, len(schema.names), dialect)
    except (pa.ArrowException, ValueError):
        return None
    skip = 1 if dialect.header else 0
    if dialect.header and (
        table.num_rows == 0 or [c[0].as_py() for c in table.columns] != schema.names
    ):
        return None
    values = {}
    for field, column in zip(schema.fields, table.columns, strict=True):
        text = column.slice(skip)
        parsed = field.parse(text)
        if parsed.bad.any():
            return None
        if field.is_required(schema.primary_key) and not parsed.present.all():
            return None
        if field.enum is not None and field.encode(parsed)[1].any():
            return None
        if not _constraints_hold(field, text, parsed):
            return None
        values[field.name] = parsed
    if not _keys_hold(schema, values, table, skip):
        return None
    return values


def _constraints_hold(field: Field, text: pa.ChunkedArray, parsed: Parsed) -> bool:
    """Whether every present value meets the field's pattern, length and range."""
    present = parsed.present
    if field.pattern is not None and not fullmatch(text, field.pattern)[present].all():
        return False
    hi, lo = field.length_bound("maxLength"), field.length_bound("minLength")
    if hi is not None or lo is not None:
        lengths = pc.utf8_length(text)
        if hi is not None and mask(pc.greater(lengths, hi))[present].any():
            return False
        if lo is not None and mask(pc.less(lengths, lo))[present].any():
            return False
    for key, cmp in (("minimum", pc.less), ("maximum", pc.greater)):
        bound = field.bound(key)
        if bound is None:
            continue
        values = parsed.values
        if values.type == pa.string():
            bound = pa.scalar(str(field.constraints[key]))
        elif values.type != bound.type and pa.types.is_floating(values.type):
            bound = bound.cast(values.type)
        if mask(cmp(values, bound)).any():
            return False
    return True


def _keys_hold(schema: Schema, values: dict[str, Parsed], table: pa.Table, skip: int) -> bool:
    """Whether no ``unique`` field repeats a value and no primary key repeats."""
    keys = [[f.name] for f in schema.fields if f.unique]
    if schema.primary_key:
        keys.append(schema.primary_key)
    for names in keys:
        present = np.logical_and.reduce([values[n].present for n in names])
        cols = [table.column(schema.names.index(n)).slice(skip) for n in names]
        key = cols[0] if len(cols) == 1 else pc.binary_join_element_wise(*cols, "\x1f")
        kept = pc.filter(key, pa.array(present)) if not present.all() else key
        if pc.count_distinct(kept).as_py() != len(kept):
            return False
    return True


def _checked(path: Path, res: dict[str, Any], label: str) -> dict[str, Parsed]:
    """The typed columns as the checker reads them; DataError with its findings."""
    from .checker.files import read_table
    from .checker.keys import Keys
    from .checker.registry import edtf_columns
    from .checker.report import Finding, Report
    from .checker.schema_checks import check_fields, check_keys_of_one_table

    report = Report()
    table = read_table(path.parent, {**res, "path": path.name}, report)
    table.edtf = edtf_columns(table.name)  # a broken date is told in the checker's words
    check_fields(table, report)
    check_keys_of_one_table(table, Keys({table.name: table}), report)
    refused = [f for f in report.sorted() if f.code in REFUSED]
    if refused:
        raise refusal([
            str(Finding(f.code, label, f.line, f.field, f.message)) for f in refused
        ])
    return {f.name: table.parsed(f.name) for f in table.schema.fields}
