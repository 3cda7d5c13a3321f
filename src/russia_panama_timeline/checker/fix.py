"""Write what can be derived, so contributors type only what they know.

``format_package`` rewrites, for each resource: ``date_start``, ``date_end`` and
``date_precision`` from the EDTF ``date``; text in Unicode NFC without leading or
trailing white space; rows in the canonical order of the resource's ``orderBy``; and
then the pinned ``bytes`` and ``hash`` in the descriptor. It touches nothing it cannot
derive: a file that is not UTF-8, whose header differs from the schema or that has
ragged rows is left alone (the checker says what is wrong with it), a date that does
not parse keeps its bounds, and a file whose values and order are already right is
not rewritten at all. Every write is atomic.

Tables are small enough for Python's ``csv`` module here; ``fmt`` is run by people
after an edit, not in a hot loop.
"""

from __future__ import annotations

import csv
import io
import json
import math
import os
import sys
import unicodedata
from pathlib import Path
from typing import Any

from ..atomic import write_bytes, write_text
from ..descriptor import file_pin, read_descriptor, resolve
from . import edtf_dates
from .descriptor_checks import check_safe
from .files import BOM

DATE_FIELDS = ("date", "date_start", "date_end", "date_precision")


def format_package(datapackage: str | os.PathLike[str] | None = None) -> list[str]:
    """Rewrite derived values in place; return one line per change or file left alone."""
    path = resolve(datapackage)
    descriptor = read_descriptor(path)
    root = path.parent
    check_safe(descriptor, path)
    notes: list[str] = []
    for res in descriptor["resources"]:
        notes.extend(_format_file(root, res))
    pins_changed = False
    for res in descriptor["resources"]:
        target = root / res["path"]
        if not target.is_file():
            continue
        size, digest = file_pin(target)
        if res.get("bytes") != size or res.get("hash") != digest:
            res["bytes"], res["hash"] = size, digest
            pins_changed = True
            notes.append(f"{path.name}: re-pinned bytes and hash of {res['path']}")
    if pins_changed:
        raw = json.loads(path.read_text(encoding="utf-8"))
        for res, new in zip(raw["resources"], descriptor["resources"], strict=True):
            res["bytes"], res["hash"] = new["bytes"], new["hash"]
        write_text(path, json.dumps(raw, ensure_ascii=False, indent=2) + "\n")
    return notes


def _format_file(root: Path, res: dict[str, Any]) -> list[str]:
    rel = res["path"]
    target = root / rel
    try:
        data = target.read_bytes()
    except OSError as exc:
        return [f"{rel}: left alone: cannot read it ({exc.strerror})"]
    had_bom = data.startswith(BOM)
    if had_bom:
        data = data[len(BOM) :]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return [f"{rel}: left alone: not UTF-8"]
    newline = "\r\n" if "\r\n" in text and text.count("\r\n") * 2 > text.count("\n") else "\n"
    csv.field_size_limit(sys.maxsize)
    try:
        rows = list(csv.reader(io.StringIO(text, newline="")))
    except csv.Error as exc:
        return [f"{rel}: left alone: cannot parse it ({exc})"]
    names = [f["name"] for f in res["schema"]["fields"]]
    if not rows or rows[0] != names:
        return [f"{rel}: left alone: its header differs from the schema"]
    records = [r for r in rows[1:] if r]
    if any(len(r) != len(names) for r in records):
        return [f"{rel}: left alone: some rows have the wrong number of cells"]

    new = [[_clean(cell) for cell in r] for r in records]
    changes = []
    if any(a != b for a, b in zip(new, records, strict=True)):
        changes.append("normalised text (NFC, trimmed)")
    if all(n in names for n in DATE_FIELDS) and _derive_dates(new, names):
        changes.append("derived date bounds and precision")
    order = [k for k in res.get("orderBy") or [] if k in names]
    if order:
        types = {f["name"]: f.get("type", "string") for f in res["schema"]["fields"]}
        cols = [names.index(k) for k in order]
        ordered = sorted(new, key=lambda r: tuple(_sort_key(r[c], types[names[c]]) for c in cols))
        if ordered != new:
            changes.append(f"sorted rows by {', '.join(order)}")
            new = ordered
    if len(records) != len(rows) - 1:
        changes.append("dropped blank rows")
    if had_bom:
        changes.append("removed the byte-order mark")
    if not changes:
        return []
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator=newline)
    writer.writerow(names)
    writer.writerows(new)
    write_bytes(target, buf.getvalue().encode("utf-8"))
    return [f"{rel}: {'; '.join(changes)}"]


def _clean(cell: str) -> str:
    return unicodedata.normalize("NFC", cell).strip()


def _derive_dates(rows: list[list[str]], names: list[str]) -> bool:
    d, s, e, p = (names.index(n) for n in DATE_FIELDS)
    changed = False
    for row in rows:
        parsed = edtf_dates.parse_or_error(row[d]) if row[d] else "empty"
        if isinstance(parsed, str):
            continue  # cannot derive from a date that does not parse
        derived = (parsed.start or "", parsed.end or "", parsed.precision)
        if (row[s], row[e], row[p]) != derived:
            row[s], row[e], row[p] = derived
            changed = True
    return changed


def _sort_key(value: str, ftype: str) -> tuple[int, Any]:
    """The checker's canonical order: empty first, numbers by value, the rest by code point."""
    if value == "":
        return (0, "")
    if ftype in ("number", "integer"):
        try:
            number = float(value)
        except ValueError:
            return (2, value)
        if not math.isnan(number):
            return (1, number)
    return (2, value)
