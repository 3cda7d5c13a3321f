"""Load the package's tables as pandas DataFrames typed from the Table Schema.

The dtypes come from ``datapackage.json`` at call time, through ``tableschema``, never
from a list written here, so a field added to the schema is typed correctly without
touching this module. frictionless is not imported: it is not needed to read a CSV
whose schema we already have, and importing it would cost more than the read itself.

The CSV is read by ``reader.read_typed``, the same parse and the same reading of each
cell as the checker's and the Parquet build's (pandas already imports pyarrow for its
string dtype, so this costs no extra import). Whatever the checker would refuse in the
loaded table itself (a value not of its type, outside its enum, against its pattern,
length or range, a missing required value, a repeated unique value or primary key) or
a file whose size differs from its pin raises DataError naming file, line and field;
foreign keys and the rules across tables are ``check``'s alone.
"""

from __future__ import annotations

import os

import pandas as pd

from .descriptor import DataError, read_descriptor, resource, resource_path
from .tableschema import Schema

__all__ = [
    "DataError",
    "load_actors",
    "load_event_sources",
    "load_events",
    "load_sources",
    "load_table",
]

PathLike = str | os.PathLike[str] | None


def load_table(name: str, datapackage: PathLike = None) -> pd.DataFrame:
    """Read resource ``name`` into a DataFrame typed from its Table Schema.

    ``date`` fields become datetime64[s] (NaT when missing), enum-constrained fields
    Categorical (categories: the enum, typed, in schema order), ``integer`` nullable
    Int64, ``number`` float64 (NaN when missing), ``boolean`` nullable boolean, and all
    other fields pandas' string dtype (NA when missing); the schema's missing values (by
    default only the empty cell; a field may declare its own) are the missing cells. A
    header that is not the schema's field list, a cell that breaks a constraint of the
    table (type, enum, required, pattern, length, range, unique, primary key), or a file
    whose size is not its pinned ``bytes`` raises DataError naming file, line and field.
    """
    import pyarrow as pa

    from .reader import read_typed

    res = resource(read_descriptor(datapackage), name)
    table = read_typed(datapackage, res, label=str(resource_path(datapackage, res)))
    frame = table.to_pandas(
        types_mapper={
            pa.string(): pd.StringDtype(),
            pa.int64(): pd.Int64Dtype(),
            pa.bool_(): pd.BooleanDtype(),
        }.get,
        date_as_object=False,
    )
    for field in Schema(res).fields:
        dtype = field.pandas_dtype()
        if frame[field.name].dtype != dtype:
            frame[field.name] = frame[field.name].astype(dtype)
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


def load_actors(datapackage: PathLike = None) -> pd.DataFrame:
    """The actors table: one row per actor events and sources name, typed from the schema.

    Join it on ``actor1``, ``actor2`` or ``country`` of the events (or ``issuer`` of the
    sources) to get names, kinds, Wikidata items and ISO 3166 codes.
    """
    return load_table("actors", datapackage)
