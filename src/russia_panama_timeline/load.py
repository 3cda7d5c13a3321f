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

from .descriptor import fields, read_descriptor, resource, resource_path

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
    (by default only the empty cell) become NA.
    """
    descriptor = read_descriptor(datapackage)
    res = resource(descriptor, name)
    schema = res["schema"]
    schema_fields = fields(res)
    missing = [str(v) for v in schema.get("missingValues", [""])]

    dtypes: dict[str, Any] = {}
    dates: list[str] = []
    booleans: list[dict[str, Any]] = []
    for field in schema_fields:
        ftype = field.get("type", "string")
        if ftype == "date":
            dtypes[field["name"]] = pd.StringDtype()
            dates.append(field["name"])
        elif ftype == "boolean":
            dtypes[field["name"]] = pd.StringDtype()
            booleans.append(field)
        else:
            dtypes[field["name"]] = pandas_dtype(field)

    frame = pd.read_csv(
        resource_path(datapackage, res),
        dtype=dtypes,
        keep_default_na=False,
        na_values=missing,
        encoding=res.get("encoding", "utf-8"),
    )
    for name_ in dates:
        frame[name_] = pd.to_datetime(frame[name_], format="%Y-%m-%d").astype("datetime64[s]")
    for field in booleans:
        trues, falses = _true_false(field)
        mapping = dict.fromkeys(trues, True) | dict.fromkeys(falses, False)
        frame[field["name"]] = frame[field["name"]].map(mapping).astype("boolean")
    return frame


def load_events(datapackage: PathLike = None) -> pd.DataFrame:
    """The events table: one row per dated event, typed from the schema."""
    return load_table("events", datapackage)


def load_sources(datapackage: PathLike = None) -> pd.DataFrame:
    """The sources table: one row per source document, typed from the schema."""
    return load_table("sources", datapackage)


def load_event_sources(datapackage: PathLike = None) -> pd.DataFrame:
    """The citations table: one row per (event, source) pair, typed from the schema."""
    return load_table("event_sources", datapackage)
