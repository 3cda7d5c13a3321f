"""Read a resource's CSV into an Arrow table typed from its Table Schema.

The reading itself is ``reader.read_typed``: the CSV parse and the reading of every
cell (missing values, booleans, number and date formats, enums dictionary-encoded
with the enum in schema order) are those of the checker and the loader. The build
itself does not call this: it writes the tables the checker has just read (one pass);
this is the way to read one resource alone into the Parquet build's types.
"""

from __future__ import annotations

import os
from typing import Any

import pyarrow as pa

from ..descriptor import DataError
from ..reader import read_typed
from .errors import InvalidData


def read_resource(datapackage: str | os.PathLike[str] | None, res: dict[str, Any],
                  schema: pa.Schema) -> pa.Table:
    """The resource's rows as a table of exactly ``schema`` (see ``arrow_schema``).

    Raises InvalidData for a cell that does not convert, a header that differs from
    the schema, or a missing value in a non-nullable column (each problem names file,
    line and field); DescriptorError for what the readers do not support.
    """
    try:
        return read_typed(datapackage, res, schema)
    except DataError as exc:
        raise InvalidData(getattr(exc, "problems", [str(exc)])) from None
