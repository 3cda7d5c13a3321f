"""Write Parquet files reproducibly, one file or a hive-partitioned folder.

Reproducible: every writer setting that could vary is fixed here (zstd at a fixed
level, a fixed row-group size, format version, page size), the files hold no
timestamp, and the table's chunking does not change the bytes. So identical input
gives byte-identical files with the same pyarrow version (Parquet's footer names
the writer: ``parquet-cpp-arrow version X``).
"""

from __future__ import annotations

import itertools
import os
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

ROW_GROUP_ROWS = 1 << 17
WRITE_OPTIONS: dict[str, object] = {
    "compression": "zstd",
    "compression_level": 3,
    "row_group_size": ROW_GROUP_ROWS,
    "version": "2.6",
    "data_page_version": "1.0",
    "data_page_size": 1 << 20,
    "write_batch_size": 1024,
    "dictionary_pagesize_limit": 1 << 20,
    "use_dictionary": True,
    "write_statistics": True,
    "use_byte_stream_split": False,
    "store_schema": True,
    "write_page_index": False,
    "write_page_checksum": False,
}

# Folder name of the rows whose partition value is null (an event with an open
# start has no date_start, so no year): the name Hive, Spark, DuckDB, Polars and
# pyarrow all read back as null.
NULL_PARTITION = "__HIVE_DEFAULT_PARTITION__"
PARTITION_FILE = "part-0.parquet"
PARTITION_WRITERS = min(4, os.cpu_count() or 1)


def write_table(table: pa.Table, path: Path) -> None:
    """Write ``table`` to ``path`` with the fixed settings (not atomic by itself)."""
    pq.write_table(table, path, **WRITE_OPTIONS)


def partition_slices(table: pa.Table, column: str) -> list[tuple[str, pa.Table]]:
    """Split ``table`` by the year of date column ``column`` into (folder name, rows).

    Rows keep their order within a partition (a stable sort), so a partition is in
    the table's canonical order. Folders are ``<column-year-name>=YYYY`` sorted by year,
    the null partition first.
    """
    years = pc.year(table.column(column))
    null_key = np.iinfo(np.int64).min
    keys = pc.fill_null(years, null_key).to_numpy()
    if len(keys) and np.any(np.diff(keys) < 0):
        order = np.argsort(keys, kind="stable")
        table = table.take(pa.array(order))
        keys = keys[order]
    bounds = [0, *(np.flatnonzero(np.diff(keys)) + 1).tolist(), len(keys)]
    out = []
    for start, stop in itertools.pairwise(bounds):
        if stop == start:
            continue
        key = int(keys[start])
        name = NULL_PARTITION if key == null_key else str(key)
        out.append((name, table.slice(start, stop - start)))
    return out


def write_partitioned(
    table: pa.Table,
    folder: Path,
    column: str,
    key: str,
    on_partition: Callable[[int, int, str], None] | None = None,
) -> list[Path]:
    """Write ``table`` as ``folder/<key>=YYYY/part-0.parquet`` files, one per year.

    ``folder`` lies in the build's private version folder (``atomic.switch_dir``),
    which readers see only once it is complete, so files are written in place.
    Partitions are written by a few threads (the Parquet writer releases the GIL);
    each file's bytes depend only on its rows, so the output stays deterministic.
    Returns the files written, in partition order.
    """
    slices = partition_slices(table, column)

    def write_one(item: tuple[str, pa.Table]) -> Path:
        value, part = item
        path = folder / f"{key}={value}" / PARTITION_FILE
        path.parent.mkdir(parents=True, exist_ok=True)
        write_table(part, path)
        return path

    written = []
    pool = ThreadPoolExecutor(max_workers=PARTITION_WRITERS)
    try:
        for i, path in enumerate(pool.map(write_one, slices), 1):
            if on_partition is not None:
                on_partition(i, len(slices), slices[i - 1][0])
            written.append(path)
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
    return written
