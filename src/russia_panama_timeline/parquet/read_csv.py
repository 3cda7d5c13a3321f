"""Read a resource's CSV into an Arrow table typed from its Table Schema.

pyarrow's CSV reader does the work (multi-threaded, no Python loop over rows): it is
told each column's type from the schema, so nothing is guessed: a ``published`` of
``2025`` stays the string ``"2025"``, and only the schema's ``missingValues`` become
null. Types whose CSV form pyarrow cannot parse directly (booleans with the schema's
``trueValues``, dates in another ``format``, numbers with a ``groupChar``...) are
read as text and converted with Arrow compute kernels. Enum fields become
dictionary-encoded columns whose dictionary is the enum in schema order.
"""

from __future__ import annotations

import os
import re
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pa_csv

from ..descriptor import DescriptorError, fields, missing_values, resource_path
from .arrow_schema import DICTIONARY_INDEX, base_type, enum_values
from .errors import InvalidData

# Fixed so that the chunking of the table, and with it everything downstream, does
# not depend on the machine. Large blocks keep the number of chunks small.
CSV_BLOCK_SIZE = 1 << 24

# Dialect properties this reader honours; any other one would change the parse in a
# way it does not implement, so it refuses the resource rather than misread it.
_DIALECT_SUPPORTED = {
    "$schema", "delimiter", "quoteChar", "doubleQuote", "escapeChar", "header",
    "lineTerminator", "caseSensitiveHeader",
}
_DEFAULT_TRUE = ["true", "True", "TRUE", "1"]
_DEFAULT_FALSE = ["false", "False", "FALSE", "0"]



def _reads_natively(field: dict[str, Any]) -> bool:
    """Whether pyarrow's CSV reader can parse the field straight into its Arrow type."""
    ftype = field.get("type", "string")
    if "missingValues" in field:
        return False
    if ftype == "date":
        return field.get("format", "default") == "default"
    if ftype in ("integer", "number"):
        return not (
            field.get("bareNumber") is False
            or "groupChar" in field
            or field.get("decimalChar", ".") != "."
        )
    return ftype != "boolean"


def _native_type(field: dict[str, Any]) -> pa.DataType:
    return base_type(field) if _reads_natively(field) else pa.string()


def convert_text(column: pa.ChunkedArray, field: dict[str, Any]) -> pa.ChunkedArray:
    """Convert a text column (nulls already applied) to the field's Arrow value type."""
    ftype = field.get("type", "string")
    target = base_type(field)
    if target == pa.string():
        return column
    if ftype == "boolean":
        trues = pa.array([str(v) for v in field.get("trueValues", _DEFAULT_TRUE)])
        falses = pa.array([str(v) for v in field.get("falseValues", _DEFAULT_FALSE)])
        result = pc.if_else(
            pc.is_in(column, value_set=trues),
            True,
            pc.if_else(pc.is_in(column, value_set=falses), False, pa.scalar(None, pa.bool_())),
        )
        _same_nulls(column, result, field)
        return result
    if ftype == "date":
        fmt = field.get("format", "default")
        if fmt == "any":
            raise DescriptorError(
                f"datapackage.json: field {field['name']!r}: date format 'any' cannot be "
                "built reproducibly; give an explicit format"
            )
        if fmt == "default":
            return column.cast(pa.date32())
        return pc.strptime(column, format=fmt, unit="s").cast(pa.date32())
    text = column
    group = field.get("groupChar")
    if group:
        text = pc.replace_substring(text, pattern=group, replacement="")
    if field.get("bareNumber") is False:
        text = pc.replace_substring_regex(text, pattern=r"^[^0-9+\-.]+|[^0-9.]+$", replacement="")
    decimal = field.get("decimalChar", ".")
    if decimal != ".":
        text = pc.replace_substring(text, pattern=decimal, replacement=".")
    return text.cast(target)


def _same_nulls(before: pa.ChunkedArray, after: pa.ChunkedArray, field: dict[str, Any]) -> None:
    """A conversion that turned a present value into null has met an invalid value."""
    lost = pc.and_(pc.is_valid(before), pc.is_null(after))
    if pc.any(lost).as_py():
        first = pc.filter(before, lost)[0].as_py()
        raise InvalidData([f"{field['name']}: {first!r} is not a valid {field.get('type')}"])


def dictionary_encode(column: pa.ChunkedArray, field: dict[str, Any]) -> pa.ChunkedArray:
    """Encode an enum column with the enum itself, in schema order, as the dictionary.

    The dictionary is the same in every file and partition, and a value outside the
    enum is an error rather than a silently added category.
    """
    enum = enum_values(field) or []
    target = base_type(field)
    if target == pa.string():
        dictionary = pa.array([str(v) for v in enum], pa.string())
    else:
        texts = pa.chunked_array([pa.array([str(v) for v in enum], pa.string())])
        dictionary = convert_text(texts, field).combine_chunks()
    indices = pc.index_in(column, value_set=dictionary)
    _same_nulls(column, indices, field)
    chunks = [
        pa.DictionaryArray.from_arrays(chunk.cast(DICTIONARY_INDEX), dictionary)
        for chunk in indices.chunks
    ]
    return pa.chunked_array(chunks, type=pa.dictionary(DICTIONARY_INDEX, target))


def _options(
    res: dict[str, Any], names: list[str]
) -> tuple[pa_csv.ReadOptions, pa_csv.ParseOptions]:
    dialect = res.get("dialect") or {}
    unsupported = sorted(set(dialect) - _DIALECT_SUPPORTED)
    if unsupported:
        raise DescriptorError(
            f"datapackage.json: resource {res.get('name')!r}: the Parquet build does not "
            f"support the CSV dialect properties {', '.join(unsupported)}"
        )
    header = dialect.get("header", True)
    read = pa_csv.ReadOptions(
        encoding=res.get("encoding", "utf-8"),
        block_size=CSV_BLOCK_SIZE,
        use_threads=True,
        column_names=None if header else names,
    )
    escape = dialect.get("escapeChar")
    parse = pa_csv.ParseOptions(
        delimiter=dialect.get("delimiter", ","),
        quote_char=dialect.get("quoteChar", '"'),
        double_quote=dialect.get("doubleQuote", True),
        escape_char=escape if escape else False,
        newlines_in_values=True,
        ignore_empty_lines=False,
    )
    return read, parse


def _read(path: os.PathLike[str], read: pa_csv.ReadOptions, parse: pa_csv.ParseOptions,
          convert: pa_csv.ConvertOptions) -> pa.Table:
    try:
        return pa_csv.read_csv(path, read_options=read, parse_options=parse,
                               convert_options=convert)
    except pa.ArrowInvalid as exc:
        raise InvalidData([str(exc)]) from None
    except OSError as exc:
        raise DescriptorError(f"{path}: cannot read: {exc.strerror or exc}") from None


def _name_column(message: str, names: list[str]) -> str:
    """Replace pyarrow's ``In CSV column #N`` by the field's name."""
    def name(match: re.Match[str]) -> str:
        index = int(match.group(1))
        return f"{names[index]}:" if index < len(names) else match.group(0)

    return re.sub(r"In CSV column #(\d+):", name, message)


def read_resource(datapackage: str | os.PathLike[str] | None, res: dict[str, Any],
                  schema: pa.Schema) -> pa.Table:
    """The resource's rows as a table of exactly ``schema`` (see ``arrow_schema``).

    Raises InvalidData for a cell that does not convert, a header that differs from
    the schema, or a missing value in a non-nullable column.
    """
    path = resource_path(datapackage, res)
    schema_fields = fields(res)
    names = [f["name"] for f in schema_fields]
    missing = missing_values((res.get("schema") or {}).get("missingValues", [""]))
    read, parse = _options(res, names)

    convert = pa_csv.ConvertOptions(
        column_types={f["name"]: _native_type(f) for f in schema_fields},
        null_values=missing,
        strings_can_be_null=True,
        quoted_strings_can_be_null=True,
        check_utf8=True,
    )
    try:
        table = _read(path, read, parse, convert)
    except InvalidData as exc:
        raise InvalidData([f"{res.get('path')}: {_name_column(p, names)}"
                           for p in exc.problems]) from None
    if table.column_names != names:
        raise InvalidData([
            f"{res.get('path')}: header {table.column_names} differs from the schema's "
            f"fields {names}"
        ])

    # Fields with their own missingValues: re-read as raw text, apply their own list.
    own_missing = [f for f in schema_fields if "missingValues" in f]
    raw: pa.Table | None = None
    if own_missing:
        raw = _read(path, read, parse, pa_csv.ConvertOptions(
            column_types={f["name"]: pa.string() for f in own_missing},
            include_columns=[f["name"] for f in own_missing],
            strings_can_be_null=False,
            null_values=[],
        ))

    columns = []
    try:
        for field, arrow_field in zip(schema_fields, schema, strict=True):
            name = field["name"]
            column = table.column(name)
            if raw is not None and "missingValues" in field:
                column = raw.column(name)
                own = pa.array(missing_values(field["missingValues"]), pa.string())
                column = pc.if_else(pc.is_in(column, value_set=own),
                                    pa.scalar(None, pa.string()), column)
            if not _reads_natively(field):
                column = convert_text(column, field)
            if enum_values(field) is not None:
                column = dictionary_encode(column, field)
            if not arrow_field.nullable and column.null_count:
                raise InvalidData([f"{name}: {column.null_count} missing value(s) in a "
                                   "required field"])
            columns.append(column)
    except InvalidData as exc:
        raise InvalidData([f"{res.get('path')}: {p}" for p in exc.problems]) from None
    except pa.ArrowInvalid as exc:
        raise InvalidData([f"{res.get('path')}: {name}: {exc}"]) from None
    return pa.Table.from_arrays(columns, schema=schema)
