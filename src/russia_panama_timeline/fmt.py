"""``fmt``: write what can be derived, so contributors type only what they know.

The package's one writer of its own data (the checker only reads). ``fmt_package``
rewrites, for each resource: ``date_start``, ``date_end`` and
``date_precision`` from the EDTF ``date``; text in Unicode NFC without leading or
trailing white space; rows in the canonical order of the resource's ``orderBy``; and
then the pinned ``bytes`` and ``hash`` in the descriptor. It touches nothing it cannot
derive: a file that is not UTF-8, whose header differs from the schema or that has
ragged rows, or that does not end with a line break (a truncated file, most likely),
is left alone and so are its pins: re-pinning a damaged file would erase the evidence
of the damage, so the checker keeps reporting it. A date that does not parse keeps
its bounds, and a file whose values and order are already right is not rewritten at
all. Every write is atomic.

Tables are small enough for Python's ``csv`` module here; ``fmt`` is run by people
after an edit, not in a hot loop.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import edtf_dates
from .atomic import write_bytes, write_text
from .checker.descriptor_checks import check_safe
from .checker.files import BOM, read_records
from .checker.hints import BY_HAND
from .checker.order import sort_key
from .descriptor import file_pin, read_descriptor, resolve, resource_path
from .tableschema import Schema

DATE_FIELDS = ("date", "date_start", "date_end", "date_precision")
_LINE_ENDS = re.compile(r"\r\n|\r|\n")
_NEWLINE_NAMES = {"\n": "LF", "\r\n": "CRLF", "\r": "CR"}


@dataclass
class FmtResult:
    """What ``fmt_package`` did: one line per change, and the files it left alone."""

    changes: list[str] = field(default_factory=list)
    left_alone: dict[str, tuple[str, str]] = field(default_factory=dict)  # file -> why, how

    @property
    def notes(self) -> list[str]:
        """One line per change or file left alone, in the order they happened."""
        alone = [
            f"{rel}: left alone: {why}; its bytes and hash are not re-pinned: {how}, then "
            "run fmt again"
            for rel, (why, how) in self.left_alone.items()
        ]
        return alone + self.changes


def fmt_package(datapackage: str | os.PathLike[str] | None = None) -> FmtResult:
    """Rewrite derived values in place, and re-pin every file it could read as rows."""
    path = resolve(datapackage)
    descriptor = read_descriptor(path)
    check_safe(descriptor, path)
    result = FmtResult()
    for res in descriptor["resources"]:
        why = _format_file(path, res, result.changes)
        if why is not None:
            result.left_alone[res["path"]] = why
    pins_changed = False
    for res in descriptor["resources"]:
        target = resource_path(path, res)
        if res["path"] in result.left_alone or not target.is_file():
            continue
        size, digest = file_pin(target)
        if res.get("bytes") != size or res.get("hash") != digest:
            res["bytes"], res["hash"] = size, digest
            pins_changed = True
            result.changes.append(f"{path.name}: re-pinned bytes and hash of {res['path']}")
    if pins_changed:
        raw = json.loads(path.read_text(encoding="utf-8"))
        for res, new in zip(raw["resources"], descriptor["resources"], strict=True):
            if "bytes" in new:
                res["bytes"], res["hash"] = new["bytes"], new["hash"]
        write_text(path, json.dumps(raw, ensure_ascii=False, indent=2) + "\n")
    return result


def _format_file(datapackage: Path, res: dict[str, Any],
                 changes: list[str]) -> tuple[str, str] | None:
    """Rewrite one file if anything in it can be derived; why it was left alone and how
    to fix it by hand, if it was."""
    rel = res["path"]
    target = resource_path(datapackage, res)
    try:
        data = target.read_bytes()
    except OSError as exc:
        return f"cannot read it ({exc.strerror})", "fix it by hand: make the file readable"
    had_bom = data.startswith(BOM)
    if had_bom:
        data = data[len(BOM) :]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        return (f"not UTF-8 (byte 0x{data[exc.start]:02x} on line {line})",
                BY_HAND["encoding"])
    if text and not text.endswith(("\n", "\r")):
        return "it does not end with a line break (is it truncated?)", BY_HAND["truncated"]
    schema = Schema(res)
    dialect = schema.dialect
    rows, _, open_quote = read_records(text, dialect)
    if open_quote is not None:
        return (f"a quoted cell opens on line {open_quote} and is never closed",
                BY_HAND["csv-syntax"])
    names = schema.names
    if dialect.header and (not rows or rows[0] != names):
        return "its header differs from the schema", BY_HAND["header"]
    body = rows[1:] if dialect.header else rows
    records = [r for r in body if r]
    if any(len(r) != len(names) for r in records):
        return "some rows have the wrong number of cells", BY_HAND["ragged-row"]

    new = [[_clean(cell) for cell in r] for r in records]
    changed = []
    if any(a != b for a, b in zip(new, records, strict=True)):
        changed.append("normalised text (NFC, trimmed)")
    if all(n in names for n in DATE_FIELDS) and _derive_dates(new, names):
        changed.append("derived date bounds and precision")
    order = [k for k in schema.order_by if k in names]
    if order:
        keys = [(names.index(k), *_order_of(schema, k)) for k in order]
        ordered = sorted(new, key=lambda r: tuple(sort_key(r[c], t, m) for c, t, m in keys))
        if ordered != new:
            changed.append(f"sorted rows by {', '.join(order)}")
            new = ordered
    if len(records) != len(body):
        changed.append("dropped blank rows")
    if had_bom:
        changed.append("removed the byte-order mark")
    # Line ends: the dialect's lineTerminator if it declares one, else LF (a file saved
    # from a spreadsheet with CRLF would otherwise differ on every line).
    newline = dialect.line_terminator or "\n"
    if _LINE_ENDS.search(text.replace(newline, "")):
        changed.append(f"wrote {_NEWLINE_NAMES.get(newline, repr(newline))} line ends")
    if not changed:
        return None
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator=newline, **dialect.python_csv())
    if dialect.header:
        writer.writerow(names)
    writer.writerows(new)
    out = buf.getvalue().encode("utf-8")
    if out == data and not had_bom:
        return None  # the same bytes (a line end inside a quoted cell, say)
    write_bytes(target, out)
    changes.append(f"{rel}: {'; '.join(changed)}")
    return None


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


def _order_of(schema: Schema, name: str) -> tuple[str, list[str]]:
    """A field's type and missing values, which decide where its values sort."""
    field_ = schema.field(name)
    return field_.type, list(field_.missing)
