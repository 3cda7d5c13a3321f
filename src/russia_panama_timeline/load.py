"""Load the package's tables as pandas DataFrames typed from the Table Schema.

The dtypes come from ``datapackage.json`` at call time, never from a list written
here, so a field added to the schema is typed correctly without touching this module.
Only pandas and the standard library are imported: frictionless is not needed to
read a CSV whose schema we already have, and importing it would cost more than the
read itself.
"""

from __future__ import annotations

import os
from typing import Any

import pandas as pd

from .descriptor import DataError, fields, read_descriptor, resource, resource_path

__all__ = ["DataError", "load_event_sources", "load_events", "load_sources", "load_table"]

PathLike = str | os.PathLike[str] | None


def pandas_dtype(field: dict[str, Any]) -> Any:
    """The pandas dtype a Table Schema field is read as (dates are converted after reading)."""
    ftype = field.get("type", "string")
    enum = (field.get("constraints") or {}).get("enum")
    if enum is not None:
        return pd.CategoricalDtype(categories=[str(v) for v in enum], ordered=False)
    return {
        "integer": "Int64",
        "number": "float64",
        "boolean": "boolean",
    }.get(ftype, pd.StringDtype())


def _missing_values(values: Any) -> list[str]:
    """A ``missingValues`` list as strings (v2 also allows ``{"value": ..., "label": ...}``)."""
    return [str(v["value"]) if isinstance(v, dict) else str(v) for v in values]


def _true_false(schema_field: dict[str, Any]) -> tuple[list[str], list[str]]:
    return (
        [str(v) for v in schema_field.get("trueValues", ["true", "True", "TRUE", "1"])],
        [str(v) for v in schema_field.get("falseValues", ["false", "False", "FALSE", "0"])],
    )


def load_table(name: str, datapackage: PathLike = None) -> pd.DataFrame:
    """Read resource ``name`` into a DataFrame typed from its Table Schema.

    ``date`` fields become datetime64, enum-constrained fields Categorical (categories
    in schema order), ``integer`` nullable Int64, ``number`` float64, ``boolean``
    boolean, and all other fields pandas' string dtype; the schema's missing values
    (by default only the empty cell; a field may declare its own) become NA. A cell
    that cannot be read as its type, or lies outside its enum, raises DataError.
    """
    descriptor = read_descriptor(datapackage)
    res = resource(descriptor, name)
    schema = res["schema"]
    schema_fields = fields(res)
    missing = _missing_values(schema.get("missingValues", [""]))
    path = resource_path(datapackage, res)

    dtypes: dict[str, Any] = {}
    na_values: dict[str, list[str]] = {}
    dates: list[str] = []
    booleans: list[dict[str, Any]] = []
    enums: dict[str, list[str]] = {}
    for field in schema_fields:
        fname, ftype = field["name"], field.get("type", "string")
        na_values[fname] = _missing_values(field.get("missingValues", missing))
        dtype = pandas_dtype(field)
        if isinstance(dtype, pd.CategoricalDtype):
            # Read as an open category, then check and order: values outside the enum
            # would otherwise silently become NA.
            dtypes[fname] = "category"
            enums[fname] = list(dtype.categories)
        elif ftype == "date":
            dtypes[fname] = pd.StringDtype()
            dates.append(fname)
        elif ftype == "boolean":
            dtypes[fname] = pd.StringDtype()
            booleans.append(field)
        else:
            dtypes[fname] = dtype

    try:
        frame = pd.read_csv(
            path,
            dtype=dtypes,
            keep_default_na=False,
            na_values=na_values,
            encoding=res.get("encoding", "utf-8"),
        )
    except (ValueError, TypeError) as exc:
        raise _numeric_error(path, dtypes, na_values) or DataError(f"{path}: {exc}") from None
    for fname, categories in enums.items():
        if not set(frame[fname].cat.categories) <= set(categories):
            bad = frame[fname].notna() & ~frame[fname].isin(categories)
            raise _cell_error(path, frame[fname], bad, "is not in the schema's enum")
        frame[fname] = frame[fname].cat.set_categories(categories)
    for fname in dates:
        parsed = pd.to_datetime(frame[fname], format="%Y-%m-%d", errors="coerce")
        bad = parsed.isna() & frame[fname].notna()
        if bad.any():
            raise _cell_error(path, frame[fname], bad, "is not an ISO date (YYYY-MM-DD)")
        frame[fname] = parsed.astype("datetime64[s]")
    for field in booleans:
        trues, falses = _true_false(field)
        mapping = dict.fromkeys(trues, True) | dict.fromkeys(falses, False)
        col = frame[field["name"]]
        bad = col.notna() & ~col.isin(list(mapping))
        if bad.any():
            raise _cell_error(path, col, bad, f"is not a boolean ({', '.join(mapping)})")
        frame[field["name"]] = col.map(mapping).astype("boolean")
    return frame


def _cell_error(path: os.PathLike[str], col: pd.Series, bad: pd.Series, what: str) -> DataError:
    """A DataError naming the first bad cell: its data row (1-based), field and value."""
    row = int(bad.to_numpy().nonzero()[0][0])
    return DataError(f"{path}: row {row + 1}: {col.name}: {col.iloc[row]!r} {what}")


def _numeric_error(
    path: os.PathLike[str], dtypes: dict[str, Any], na_values: dict[str, list[str]]
) -> DataError | None:
    """After a failed read, find the numeric cell to blame (only on this error path)."""
    numeric = [name for name, dtype in dtypes.items() if dtype in ("Int64", "float64")]
    if not numeric:
        return None
    try:
        raw = pd.read_csv(path, dtype=str, usecols=numeric, keep_default_na=False,
                          na_values={n: na_values[n] for n in numeric})
    except (ValueError, TypeError):
        return None
    for name in numeric:
        parsed = pd.to_numeric(raw[name], errors="coerce")
        bad = parsed.isna() & raw[name].notna()
        if dtypes[name] == "Int64":
            bad |= parsed.notna() & (parsed != parsed.round())
        if bad.any():
            kind = "an integer" if dtypes[name] == "Int64" else "a number"
            return _cell_error(path, raw[name], bad, f"is not {kind}")
    return None


def load_events(datapackage: PathLike = None) -> pd.DataFrame:
    """The events table: one row per dated event, typed from the schema."""
    return load_table("events", datapackage)


def load_sources(datapackage: PathLike = None) -> pd.DataFrame:
    """The sources table: one row per source document, typed from the schema."""
    return load_table("sources", datapackage)


def load_event_sources(datapackage: PathLike = None) -> pd.DataFrame:
    """The citations table: one row per (event, source) pair, typed from the schema."""
    return load_table("event_sources", datapackage)
