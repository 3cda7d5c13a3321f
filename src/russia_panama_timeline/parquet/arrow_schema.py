"""Arrow types and metadata derived from the Table Schema, never from a list written here.

Each Parquet file has to explain itself to a reader who has never seen
``datapackage.json``: every field carries its Table Schema properties (title,
description, type, constraints, categories...) as Arrow field metadata, and the file
carries the resource's schema, the whole package descriptor and the source CSV's
checksum as schema metadata. DuckDB shows the latter with ``parquet_kv_metadata``;
pyarrow, Polars and Spark read both.
"""

from __future__ import annotations

import json
from typing import Any

import pyarrow as pa

from ..descriptor import fields, primary_key

# Schema-metadata keys written into every file (documented in the README).
KEY_DATAPACKAGE = "datapackage"
KEY_RESOURCE = "resource"
KEY_TABLESCHEMA = "tableschema"
KEY_SOURCE_PATH = "source_path"
KEY_SOURCE_BYTES = "source_bytes"
KEY_SOURCE_SHA256 = "source_sha256"

# Dictionary indices are int32: what every Parquet reader gives back anyway.
DICTIONARY_INDEX = pa.int32()

# Table Schema type -> Arrow type. Types not listed here (datetime, time, year,
# geopoint, object, ...) are kept as their CSV text, which loses nothing.
_BASE_TYPES: dict[str, pa.DataType] = {
    "string": pa.string(),
    "date": pa.date32(),
    "integer": pa.int64(),
    "number": pa.float64(),
    "boolean": pa.bool_(),
}


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def base_type(field: dict[str, Any]) -> pa.DataType:
    """The Arrow type of a field's values, before any dictionary encoding."""
    return _BASE_TYPES.get(field.get("type", "string"), pa.string())


def enum_values(field: dict[str, Any]) -> list[Any] | None:
    """The field's ``enum`` constraint, or None."""
    enum = (field.get("constraints") or {}).get("enum")
    return list(enum) if isinstance(enum, list) else None


def arrow_type(field: dict[str, Any]) -> pa.DataType:
    """The Arrow type of a Table Schema field: enums are dictionary-encoded."""
    value_type = base_type(field)
    if enum_values(field) is not None:
        return pa.dictionary(DICTIONARY_INDEX, value_type)
    return value_type


def is_required(field: dict[str, Any], primary_key: list[str]) -> bool:
    """Whether the schema forbids a missing value (``required``, or part of the primary key)."""
    if (field.get("constraints") or {}).get("required") is True:
        return True
    return field.get("name") in primary_key


def field_metadata(field: dict[str, Any]) -> dict[str, str]:
    """Every Table Schema property of a field but its name, as Arrow field metadata.

    Strings are stored as they are (``description``, ``title``, ``type``...); anything
    else (``constraints``, ``categories``...) as compact JSON.
    """
    return {
        key: value if isinstance(value, str) else _json(value)
        for key, value in field.items()
        if key != "name"
    }



def arrow_schema(
    descriptor: dict[str, Any],
    res: dict[str, Any],
    source_bytes: int,
    source_sha256: str,
) -> pa.Schema:
    """The full Arrow schema of a resource's Parquet file, metadata included.

    ``source_sha256`` is the hex digest of the CSV the file was built from, so a
    reader can tell which version of the data a file holds.
    """
    pkey = primary_key(res)
    arrow_fields = [
        pa.field(
            f["name"],
            arrow_type(f),
            nullable=not is_required(f, pkey),
            metadata=field_metadata(f),
        )
        for f in fields(res)
    ]
    metadata = {
        KEY_RESOURCE: str(res.get("name")),
        KEY_TABLESCHEMA: _json(res.get("schema")),
        KEY_SOURCE_PATH: str(res.get("path")),
        KEY_SOURCE_BYTES: str(source_bytes),
        KEY_SOURCE_SHA256: source_sha256,
        KEY_DATAPACKAGE: _json(descriptor),
    }
    return pa.schema(arrow_fields, metadata=metadata)
