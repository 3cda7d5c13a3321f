"""Load the package's tables as pandas DataFrames typed from the Table Schema.

The dtypes come from ``datapackage.json`` at call time, never from a list written
here, so a field added to the schema is typed correctly without touching this module.
frictionless is not imported: it is not needed to read a CSV whose schema we already
have, and importing it would cost more than the read itself.

The CSV is parsed by pyarrow's reader with an explicit type for every column (pandas
already imports pyarrow for its string dtype, so this costs no extra import). With
explicit types nothing is guessed, and it is several times faster than pandas' C
parser asked for the string dtype, which matters for a timeline of a million rows.
Columns arrow cannot type exactly as the schema says (booleans with their
``trueValues``, fields with their own ``missingValues``) are read as text and
converted by pandas.
"""

from __future__ import annotations

import os
from typing import Any

import pandas as pd

from .descriptor import (
    DataError,
    fields,
    missing_values,
    read_descriptor,
    resource,
    resource_path,
)

__all__ = [
    "DataError",
    "load_actors",
    "load_event_sources",
    "load_events",
    "load_sources",
    "load_table",
]

PathLike = str | os.PathLike[str] | None

_ARROW_NATIVE = ("string", "date", "integer", "number")


def pandas_dtype(field: dict[str, Any]) -> Any:
    """The pandas dtype a Table Schema field is loaded as."""
    ftype = field.get("type", "string")
    enum = (field.get("constraints") or {}).get("enum")
    if enum is not None:
        return pd.CategoricalDtype(categories=[str(v) for v in enum], ordered=False)
    return {
        "integer": "Int64",
        "number": "float64",
        "boolean": "boolean",
        "date": "datetime64[s]",
    }.get(ftype, pd.StringDtype())



def _true_false(schema_field: dict[str, Any]) -> tuple[list[str], list[str]]:
    return (
        [str(v) for v in schema_field.get("trueValues", ["true", "True", "TRUE", "1"])],
        [str(v) for v in schema_field.get("falseValues", ["false", "False", "FALSE", "0"])],
    )


def _arrow_type(field: dict[str, Any], native: bool) -> Any:
    """The arrow type to parse a column as: its own type where arrow has it, else text."""
    import pyarrow as pa

    ftype = field.get("type", "string")
    if not native or ftype not in _ARROW_NATIVE:
        return pa.string()
    if (field.get("constraints") or {}).get("enum") is not None:
        return pa.dictionary(pa.int32(), pa.string())
    return {"date": pa.date32(), "integer": pa.int64(), "number": pa.float64()}.get(
        ftype, pa.string()
    )


def _read_arrow(path: Any, names: list[str], types: dict[str, Any], nulls: list[str],
                encoding: str) -> Any:
    import pyarrow.csv as pcsv

    return pcsv.read_csv(
        path,
        read_options=pcsv.ReadOptions(encoding=encoding),
        parse_options=pcsv.ParseOptions(newlines_in_values=True),
        convert_options=pcsv.ConvertOptions(
            column_types=types,
            include_columns=names,
            null_values=nulls,
            strings_can_be_null=True,
            quoted_strings_can_be_null=True,
        ),
    )


def load_table(name: str, datapackage: PathLike = None) -> pd.DataFrame:
    """Read resource ``name`` into a DataFrame typed from its Table Schema.

    ``date`` fields become datetime64, enum-constrained fields Categorical (categories
    in schema order), ``integer`` nullable Int64, ``number`` float64, ``boolean``
    boolean, and all other fields pandas' string dtype; the schema's missing values
    (by default only the empty cell; a field may declare its own) become NA. A header
    that is not the schema's field list, or a cell that cannot be read as its type or
    lies outside its enum, raises DataError.
    """
    import pyarrow as pa

    descriptor = read_descriptor(datapackage)
    res = resource(descriptor, name)
    schema_fields = fields(res)
    path = resource_path(datapackage, res)
    encoding = res.get("encoding", "utf-8")
    names = [f["name"] for f in schema_fields]
    default_missing = missing_values(res["schema"].get("missingValues", [""]))
    missing = {f["name"]: missing_values(f.get("missingValues", default_missing))
               for f in schema_fields}
    # arrow's null values apply to every column: use those all fields share, and
    # read a field with more of its own as text, to be converted below.
    shared = [v for v in default_missing if all(v in m for m in missing.values())]
    native = {f["name"]: set(missing[f["name"]]) == set(shared) for f in schema_fields}

    _check_header(path, names, encoding)
    types = {f["name"]: _arrow_type(f, native[f["name"]]) for f in schema_fields}
    try:
        table = _read_arrow(path, names, types, shared, encoding)
    except pa.ArrowInvalid as exc:
        # Find the cell to blame: read every column as text and convert it here.
        native = dict.fromkeys(native, False)
        types = {f["name"]: pa.string() for f in schema_fields}
        try:
            table = _read_arrow(path, names, types, shared, encoding)
        except pa.ArrowInvalid:
            raise DataError(f"{path}: {exc}") from None

    frame = table.to_pandas(
        types_mapper={pa.string(): pd.StringDtype(), pa.int64(): pd.Int64Dtype()}.get,
        date_as_object=False,
    )
    for field in schema_fields:
        fname = field["name"]
        if native[fname] and field.get("type", "string") in _ARROW_NATIVE:
            frame[fname] = _finish(path, frame[fname], field)
        else:
            extra = set(missing[fname]) - set(shared)
            col = frame[fname].mask(frame[fname].isin(list(extra))) if extra else frame[fname]
            frame[fname] = _from_text(path, col, field)
    return frame


def _check_header(path: Any, names: list[str], encoding: str) -> None:
    """The CSV's header must be the schema's field names, in order."""
    import csv

    try:
        with open(path, encoding=encoding, newline="") as fh:
            header = next(csv.reader(fh), [])
    except (UnicodeDecodeError, csv.Error) as exc:
        raise DataError(f"{path}: header cannot be read as {encoding} CSV: {exc}") from None
    if header and header[0].startswith("\ufeff"):
        header[0] = header[0][1:]
    if header != names:
        raise DataError(f"{path}: header {header} is not the schema's fields {names}")


def _finish(path: Any, col: pd.Series, field: dict[str, Any]) -> pd.Series:
    """A column arrow typed itself: order enum categories as the schema; dates to seconds."""
    if isinstance(col.dtype, pd.CategoricalDtype):
        categories = list(pandas_dtype(field).categories)
        if not set(col.cat.categories) <= set(categories):
            bad = col.notna() & ~col.isin(categories)
            raise _cell_error(path, col, bad, "is not in the schema's enum")
        return col.cat.set_categories(categories)
    if field.get("type") == "date":
        return col.astype("datetime64[s]")
    return col


def _from_text(path: Any, col: pd.Series, field: dict[str, Any]) -> pd.Series:
    """Convert a column read as text to its schema type, naming the first bad cell."""
    ftype = field.get("type", "string")
    dtype = pandas_dtype(field)
    present = col.notna()
    if isinstance(dtype, pd.CategoricalDtype):
        bad = present & ~col.isin(list(dtype.categories))
        what = "is not in the schema's enum"
        out = col.astype(dtype) if not bad.any() else None
    elif ftype in ("integer", "number"):
        parsed = pd.to_numeric(col.astype(object).where(present, None), errors="coerce")
        bad = present & parsed.isna()
        if ftype == "integer":
            bad |= parsed.notna() & (parsed != parsed.round())
        what = "is not an integer" if ftype == "integer" else "is not a number"
        out = parsed.astype(dtype) if not bad.any() else None
    elif ftype == "date":
        parsed = pd.to_datetime(col, format="%Y-%m-%d", errors="coerce")
        bad = present & parsed.isna()
        what = "is not an ISO date (YYYY-MM-DD)"
        out = parsed.astype("datetime64[s]") if not bad.any() else None
    elif ftype == "boolean":
        trues, falses = _true_false(field)
        mapping = dict.fromkeys(trues, True) | dict.fromkeys(falses, False)
        bad = present & ~col.isin(list(mapping))
        what = f"is not a boolean ({', '.join(mapping)})"
        out = col.map(mapping).astype("boolean") if not bad.any() else None
    else:
        return col.astype(pd.StringDtype())
    if out is None:
        raise _cell_error(path, col, bad, what)
    return out


def _cell_error(path: Any, col: pd.Series, bad: pd.Series, what: str) -> DataError:
    """A DataError naming the first bad cell: its data row (1-based), field and value."""
    row = int(bad.to_numpy().nonzero()[0][0])
    return DataError(f"{path}: row {row + 1}: {col.name}: {col.iloc[row]!r} {what}")


def load_events(datapackage: PathLike = None) -> pd.DataFrame:
    """The events table: one row per dated event, typed from the schema."""
    return load_table("events", datapackage)


def load_sources(datapackage: PathLike = None) -> pd.DataFrame:
    """The sources table: one row per source document, typed from the schema."""
    return load_table("sources", datapackage)


def load_event_sources(datapackage: PathLike = None) -> pd.DataFrame:
    """The citations table: one row per (event, source) pair, typed from the schema."""
    return load_table("event_sources", datapackage)


def load_actors(datapackage: PathLike = None) -> pd.DataFrame:
    """The actors table: one row per actor events and sources name, typed from the schema.

    Join it on ``actor1``, ``actor2`` or ``country`` of the events (or ``issuer`` of the
    sources) to get names, kinds, Wikidata items and ISO 3166 codes.
    """
    return load_table("actors", datapackage)
