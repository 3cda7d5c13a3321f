"""The one CSV parser: a file's cells as Arrow text columns, whatever their size.

The checker, the loader and the Parquet build all parse a data file here, so they
agree on what its cells are. Every cell is kept as text (no null, no guessed type);
``tableschema`` then reads each column as its field says.

Arrow parses a file in blocks, and with quoted line breaks allowed a record must fit
in one block. Blocks of 32 MiB keep the parse of a large file parallel, and each
block is one chunk of every column: Arrow compiles a regular expression again for each
chunk it searches, which on a million-row column of 4 MiB blocks cost more than the
search. A file with a larger record (a 50 MB cell) is parsed again as one block, so a
cell of any size is read.
"""

from __future__ import annotations

import contextlib
import mmap
import os
from collections.abc import Callable, Iterator
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv

from .tableschema import Dialect

BLOCK_SIZE = 1 << 25
_MAX_BLOCK = (1 << 31) - 1
Bytes = bytes | mmap.mmap  # a file's content: mapped, or in memory once altered


@contextlib.contextmanager
def mapped(path: str | os.PathLike[str]) -> Iterator[Bytes]:
    """The file's bytes, mapped rather than read (no copy; empty files as ``b""``)."""
    with open(path, "rb") as fh:
        size = os.fstat(fh.fileno()).st_size
        view = mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ) if size else None
    try:
        yield view if view is not None else b""
    finally:
        if view is not None:
            with contextlib.suppress(BufferError):  # still exported: the GC closes it
                view.close()


def parse(data: Bytes, ncols: int, dialect: Dialect,
          on_invalid: Callable[[Any], str] | None = None, lines_counted: bool = False,
          utf8_checked: bool = False, one_line_records: bool = False) -> pa.Table:
    """Every record of ``data`` (the header too, if any) as ``ncols`` text columns
    named ``c0``, ``c1``...; raises pyarrow's ArrowInvalid when Arrow cannot parse it.

    A blank line must reach the caller's line-aware reading, which reports it. A caller
    that compares the records with the file's line count (``lines_counted``, the
    checker) has Arrow skip blank lines and sees one record missing; for any other,
    Arrow reads a blank line as a row of empty cells, and such a row raises here.
    ``utf8_checked``: the caller has validated the bytes as UTF-8 already.
    ``one_line_records``: the caller keeps the result only if every record is one line
    (the checker: a file with a line break in a cell takes its line-aware path), so
    Arrow may split the file into blocks at any line end, which is about a third
    faster. A line break in a quoted cell then splits its record, which shows as a row
    of the wrong width or as more records than a correct parse gives."""
    names = [f"c{i}" for i in range(ncols)]
    convert = pacsv.ConvertOptions(
        column_types=dict.fromkeys(names, pa.string()),
        strings_can_be_null=False,
        quoted_strings_can_be_null=False,
        null_values=[],
        check_utf8=not utf8_checked,
    )
    parse_options = dialect.arrow_parse_options(invalid_row_handler=on_invalid,
                                                ignore_empty_lines=lines_counted,
                                                newlines_in_values=not one_line_records)
    block = BLOCK_SIZE
    while True:
        try:
            table = pacsv.read_csv(
                pa.py_buffer(data),
                # Arrow's threads pay off only when there are blocks to share
                read_options=pacsv.ReadOptions(column_names=names, block_size=block,
                                               use_threads=len(data) > BLOCK_SIZE),
                parse_options=parse_options,
                convert_options=convert,
            )
            break
        except pa.ArrowInvalid as exc:
            if "straddl" not in str(exc) or block >= min(len(data) + 1, _MAX_BLOCK):
                raise
            block = min(len(data) + 1, _MAX_BLOCK)  # a record larger than a block
    if not lines_counted and table.num_columns and _blank_rows(table):
        raise pa.ArrowInvalid("blank line")
    return table


def _blank_rows(table: pa.Table) -> bool:
    """Whether a row has only empty cells (looked at only where the first one is)."""
    empty = pc.equal(pc.binary_length(table.column(0)), 0)
    if not pc.any(empty).as_py():
        return False
    for column in table.columns[1:]:
        empty = pc.and_(empty, pc.equal(pc.binary_length(column), 0))
    return bool(pc.any(empty).as_py())


def first_record(data: Bytes, dialect: Dialect) -> list[str]:
    """The first record (the header), read with Python's csv module."""
    import csv

    end = data.find(b"\n")
    first = data[:] if end < 0 else data[:end]  # bytes, even from a map
    text = first.decode("utf-8", "replace").rstrip("\r")
    if not text:
        return []
    try:
        return next(csv.reader([text], **dialect.python_csv()), [])
    except csv.Error:
        return text.split(dialect.delimiter)

