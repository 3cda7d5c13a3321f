"""Parquet output: one self-describing, reproducible file per resource.

``build_parquet(datapackage, out, partition_by=None)`` is the entry point; the
modules say how types and metadata come from the schema (``arrow_schema``), how the
CSVs are read (``reader.read_typed``, the loader's reading), and how files are written
(``write``).
"""

from __future__ import annotations

from .build import Built, Progress, build_parquet
from .errors import InvalidData

__all__ = ["Built", "InvalidData", "Progress", "build_parquet"]
