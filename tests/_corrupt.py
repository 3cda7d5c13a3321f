"""Helpers that put one fault into a copy of the package, for the checker's tests.

Each helper edits a data file of a copy through Python's csv module (so the values the
test does not touch stay as they were), re-pins ``bytes``/``hash`` unless the fault is
the pin itself, and returns the physical line of the row it broke, computed from the
written file, so expectations never depend on the current rows.
"""

from __future__ import annotations

import csv
import io
import json
import sys
from collections.abc import Callable
from pathlib import Path

from conftest import repin

Rows = list[list[str]]


def read(desc: Path, table: str) -> tuple[list[str], Rows]:
    csv.field_size_limit(sys.maxsize)  # a test may put a cell of many megabytes
    rows = list(
        csv.reader(
            io.StringIO(
                (desc.parent / "data" / f"{table}.csv").read_text(encoding="utf-8"), newline=""
            )
        )
    )
    return rows[0], rows[1:]


def write(desc: Path, table: str, header: list[str], rows: Rows, pin: bool = True) -> None:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    (desc.parent / "data" / f"{table}.csv").write_bytes(buf.getvalue().encode("utf-8"))
    if pin:
        repin(desc)


def line_of(desc: Path, table: str, index: int) -> int:
    """Physical line of data row ``index`` (0-based) in the file as written."""
    reader = csv.reader(
        io.StringIO((desc.parent / "data" / f"{table}.csv").read_text(encoding="utf-8"), newline="")
    )
    next(reader)
    last = reader.line_num
    for i, _ in enumerate(reader):
        if i == index:
            return last + 1
        last = reader.line_num
    raise IndexError(index)


def _edit_records(
    desc: Path,
    table: str,
    pick: Callable[[dict[str, str]], bool],
    change: Callable[[dict[str, str]], None],
    first_only: bool,
) -> list[int]:
    """Change the rows (or the first row) for which ``pick`` is true; their indices."""
    header, rows = read(desc, table)
    changed = []
    for i, row in enumerate(rows):
        record = dict(zip(header, row, strict=True))
        if pick(record):
            change(record)
            rows[i] = [record[h] for h in header]
            changed.append(i)
            if first_only:
                break
    if changed:
        write(desc, table, header, rows)
    return changed


def edit(
    desc: Path,
    table: str,
    pick: Callable[[dict[str, str]], bool],
    change: Callable[[dict[str, str]], None],
) -> int:
    """Change the first row for which ``pick`` is true; return its line."""
    changed = _edit_records(desc, table, pick, change, first_only=True)
    if not changed:
        raise LookupError(f"no row of {table} fits the fault")
    return line_of(desc, table, changed[0])


def edit_rows(
    desc: Path,
    table: str,
    pick: Callable[[dict[str, str]], bool],
    change: Callable[[dict[str, str]], None],
) -> int:
    """Change every row for which ``pick`` is true; return how many."""
    return len(_edit_records(desc, table, pick, change, first_only=False))


def set_cell(
    desc: Path,
    table: str,
    field: str,
    value: str,
    pick: Callable[[dict[str, str]], bool] = lambda r: True,
) -> int:
    return edit(desc, table, pick, lambda r: r.__setitem__(field, value))


def edit_descriptor(desc: Path, change: Callable[[dict], None]) -> None:
    data = json.loads(desc.read_text(encoding="utf-8"))
    change(data)
    desc.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")

