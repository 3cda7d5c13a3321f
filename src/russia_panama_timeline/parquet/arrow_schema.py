"""Arrow metadata for the Parquet files; the types themselves come from ``tableschema``.

Each Parquet file has to explain itself to a reader who has never seen
``datapackage.json``: every field carries its Table Schema properties (title,
description, type, constraints, categories...) as Arrow field metadata, and the file
carries the resource's schema, the whole package descriptor, the source CSV's
checksum and, for a table with translated fields, its languages as schema metadata
(a translated field's own metadata says what it translates, ``translation``). DuckDB
shows the latter with ``parquet_kv_metadata``; pyarrow, Polars and Spark read both.
"""

from __future__ import annotations

import json
from typing import Any

import pyarrow as pa

from ..tableschema import DICTIONARY_INDEX as DICTIONARY_INDEX
from ..tableschema import Schema

# Schema-metadata keys written into every file (documented in docs/parquet.md).
KEY_DATAPACKAGE = "datapackage"
KEY_RESOURCE = "resource"
KEY_TABLESCHEMA = "tableschema"
KEY_SOURCE_PATH = "source_path"
KEY_SOURCE_BYTES = "source_bytes"
KEY_SOURCE_SHA256 = "source_sha256"
KEY_LANGUAGES = "languages"


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


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
    schema = Schema(res)
    arrow_fields = [
        arrow_field.with_metadata(field_metadata(field.spec))
        for field, arrow_field in zip(schema.fields, schema.arrow_fields(), strict=True)
    ]
    metadata = {
        KEY_RESOURCE: str(res.get("name")),
        KEY_TABLESCHEMA: _json(schema.spec),
        KEY_SOURCE_PATH: str(res.get("path")),
        KEY_SOURCE_BYTES: str(source_bytes),
        KEY_SOURCE_SHA256: source_sha256,
        KEY_DATAPACKAGE: _json(descriptor),
    }
    translations = schema.translations
    if translations:  # the languages of its texts: English, the reference, and each other
        metadata[KEY_LANGUAGES] = _json(["en", *translations])
    return pa.schema(arrow_fields, metadata=metadata)
