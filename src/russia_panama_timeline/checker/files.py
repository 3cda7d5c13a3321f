"""Read one resource's CSV file into Arrow string columns, checking the file itself.

Everything about the bytes is checked here, before any value is looked at: the pinned
``bytes`` and ``hash``, the byte-order mark, UTF-8 (an invalid byte is reported with
its line), one line-ending style, the header against the schema's fields, blank and
ragged rows. Each file is mapped into memory once (no copy); the hash, the byte
counts and the Arrow CSV parser all work on that one buffer.

Values stay strings: the checker types them itself, column by column, so that a bad
value is a finding rather than a parse failure. Findings need the *physical* line of
a row. When every record is one line (the usual case, detected by counting newlines)
row ``i`` is on line ``i + 2``; otherwise (quoted newlines, blank or ragged rows, old
Mac line endings) the file is re-read with Python's ``csv`` module, which knows where
each record starts. That slow path runs only for files that need it.
"""

from __future__ import annotations

import dataclasses
import hashlib
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa

from .. import csvtext
from ..csvtext import Bytes
from ..descriptor import resource_path
from ..tableschema import Dialect, Field, Parsed, Schema
from . import hints
from .report import Report

BOM = b"\xef\xbb\xbf"
_THREAD_FROM = 1 << 23  # bytes: a smaller file is hashed in the reading thread


class Once:
    """Values computed once per key, even when several threads ask at the same time
    (the rules of a stage run side by side and share what they compute)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._locks: dict[tuple[int, object], threading.Lock] = {}

    def get(self, store: dict[Any, Any], name: object, make: Callable[[], Any]) -> Any:
        """``store[name]``, made by ``make()`` if absent (one thread makes it, others
        wait for it)."""
        if name in store:
            return store[name]
        with self._lock:
            lock = self._locks.setdefault((id(store), name), threading.Lock())
        with lock:
            if name not in store:
                store[name] = make()
        return store[name]


@dataclass
class Table:
    """One resource's rows as Arrow string columns, keyed by header name, and each
    column read as its field says (``parsed``, computed once and kept)."""

    name: str
    file: str
    res: dict[str, Any]
    columns: dict[str, pa.Array] = field(default_factory=dict)
    nrows: int = 0
    lines: np.ndarray | None = None  # physical line of each row when not i + first_line
    first_line: int = 2  # physical line of the first row (1 for a file without header)
    has_control: bool = True  # False when the raw bytes hold no control character
    ascii: bool = False  # True when the whole file is ASCII (so every cell is NFC)
    size: int = 0  # the file's bytes
    sha256: str | None = None  # the file's SHA-256 (hex), when computed
    edtf: frozenset[str] = frozenset()  # columns the EDTF rules parse (registry.edtf_columns)
    cache: dict[str, Parsed] = field(default_factory=dict)  # columns read as their fields
    derived: dict[str, Any] = field(default_factory=dict)  # what rules compute once, by column
    # Rules run side by side: a value two of them ask for at once is computed once.
    once: Once = field(default_factory=lambda: Once(), repr=False, compare=False)

    @property
    def schema(self) -> Schema:
        if "_schema" not in self.__dict__:
            self.__dict__["_schema"] = Schema(self.res)
        return self.__dict__["_schema"]

    def field(self, name: str) -> Field:
        return self.schema.field(name)

    def parsed(self, name: str) -> Parsed:
        """The column read as its field says: typed values, present and bad rows."""
        return self.once.get(self.cache, name,
                             lambda: self.field(name).parse(self.columns[name]))

    def line(self, i: int) -> int:
        return int(self.lines[i]) if self.lines is not None else i + self.first_line

    def value(self, name: str, i: int) -> str:
        return self.columns[name][i].as_py()

    def keep(self, names: set[str]) -> None:
        """Drop the columns no later check needs, to free their memory."""
        self.columns = {k: v for k, v in self.columns.items() if k in names}
        self.cache = {k: v for k, v in self.cache.items() if k in names}
        self.derived = {k: v for k, v in self.derived.items() if k in names}


def show(value: str, limit: int = 60) -> str:
    """A value as it appears in a message: quoted, shortened, invisible characters made visible."""
    text = value if len(value) <= limit else value[: limit - 1] + "…"
    return repr(text)


def read_table(datapackage: Path, res: dict[str, Any], report: Report,
               sha256: bool = False) -> Table:
    """Read and check the file of resource ``res``; OSError if it cannot be read.

    With ``sha256`` the file's SHA-256 is kept in ``Table.sha256`` (for the lineage of
    a Parquet file) whatever algorithm the descriptor pins.
    """
    rel = res["path"]
    table = Table(name=res["name"], file=rel, res=res)
    path = resource_path(datapackage, res)
    # The file is mapped, not read: every pass below works on the page cache directly
    # (Arrow's CSV reader copies the values it parses, so the map can close after).
    with csvtext.mapped(path) as data:
        table.size = len(data)
        if len(data) < _THREAD_FROM:  # a thread costs more than it saves
            _check_rest_of_file(data, table, report)
            hashed, table.sha256 = _hashes(data, table.res.get("hash"), sha256)
        else:  # the hash runs in a thread (hashlib releases the GIL) during the parse
            from concurrent.futures import ThreadPoolExecutor

            with ThreadPoolExecutor(max_workers=1) as pool:
                pin = pool.submit(_hashes, data, table.res.get("hash"), sha256)
                _check_rest_of_file(data, table, report)
                hashed, table.sha256 = pin.result()
        hint = hints.pin_hint(report, table.file, not data or data[-1:] in (b"\n", b"\r"))
        _check_pin(len(data), hashed, table, report, hint)
    return table


def _check_rest_of_file(data: Bytes, table: Table, report: Report) -> None:
    """Everything about the file but its pins: BOM, UTF-8, line ends, header, rows."""
    if data[: len(BOM)] == BOM:
        report.add(
            "encoding",
            table.file,
            1,
            None,
            "the file starts with a byte-order mark (expected UTF-8 without BOM; run "
            f"`{report.fmt_command}`)",
        )
        data = data[len(BOM) :]
    data, table.ascii = _check_utf8(data, table, report)
    scan = scan_bytes(data, table.ascii)
    if scan.cr:
        _check_line_endings(data, scan, table, report)
    dialect = table.schema.dialect
    expected = table.schema.names
    if dialect.header:
        header = csvtext.first_record(data, dialect)
        if header != expected:
            _report_header(header, expected, table, report)
    else:
        header, table.first_line = expected, 1
    table.has_control = True
    if not header:
        return
    skip = 1 if dialect.header else 0
    fast = _parse_arrow(data, len(header), table)
    if fast is not None:
        records = fast.num_rows  # header included
        expected_lf = records if data[-1:] == b"\n" else records - 1
        # Every record ends with one line end, and no other control byte is in the
        # file: then each record is one line (no quoted line break, no blank line).
        if scan.lf is None and scan.control == expected_lf:
            scan = dataclasses.replace(scan, lf=expected_lf)
        lf = scan.lf if scan.lf is not None else count_byte(data, 0x0A)
        if lf == expected_lf and scan.cr == scan.crlf:  # no lone CR: no old Mac line
            table.has_control = scan.c1 or scan.delete or scan.control != lf + scan.cr
            _keep_columns(table, header, [fast.column(i).slice(skip) for i in range(len(header))])
            table.nrows = records - skip
            return
    _parse_python(data, header, table, report)


def _hashes(data: Bytes, pinned: object, sha256: bool) -> tuple[tuple[str, str | None], str | None]:
    """((algorithm, hex digest) for the pinned ``hash``, the SHA-256 if asked for)."""
    pin = _hash(data, pinned)
    if not sha256:
        return pin, None
    if pin[0] == "sha256" and pin[1] is not None:
        return pin, pin[1]
    return pin, hashlib.sha256(data).hexdigest()


def _hash(data: Bytes, pinned: object) -> tuple[str, str | None]:
    """(algorithm, hex digest of ``data``) for the pinned ``hash``; digest None if the
    algorithm is unknown."""
    if pinned is None:
        return "", None
    algo = str(pinned).rpartition(":")[0] or "md5"
    try:
        return algo, hashlib.new(algo, data).hexdigest()
    except ValueError:  # hashlib's "unsupported hash type"
        return algo, None


def _check_pin(size: int, hashed: tuple[str, str | None], table: Table, report: Report,
               hint: str) -> None:
    pinned_bytes = table.res.get("bytes")
    if pinned_bytes is not None and pinned_bytes != size:
        report.add(
            "bytes",
            table.file,
            None,
            None,
            f"the file has {size} bytes but the descriptor pins {pinned_bytes} "
            f"({hint})",
        )
    pinned_hash = table.res.get("hash")
    if pinned_hash is not None:
        digest = str(pinned_hash).rpartition(":")[2]
        algo, actual = hashed
        if actual is None:
            report.add("hash", table.file, None, None, f"unknown hash algorithm {algo!r}")
            return
        if actual != digest:
            report.add(
                "hash",
                table.file,
                None,
                None,
                f"the file's {algo} is {actual} but the descriptor pins {digest} "
                f"({hint})",
            )


def _check_utf8(data: Bytes, table: Table, report: Report) -> tuple[Bytes, bool]:
    """Report the first invalid UTF-8 byte; return the data (bad bytes replaced) and
    whether it is all ASCII.

    Arrow's vectorised UTF-8 validation runs over the whole buffer (zero-copy), and its
    ASCII test stops at the first byte above 0x7F; only an invalid file is decoded by
    Python, to find the offending byte."""
    import pyarrow.compute as pc

    buf = pa.py_buffer(data)
    offsets = pa.py_buffer(np.array([0, len(data)], dtype=np.int64).tobytes())
    whole = pa.Array.from_buffers(pa.large_string(), 1, [None, offsets, buf])
    try:
        whole.validate(full=True)
        return data, bool(pc.string_is_ascii(whole)[0].as_py())
    except pa.ArrowInvalid:
        pass
    raw = bytes(data)
    try:
        raw.decode("utf-8")
        return data, False
    except UnicodeDecodeError as exc:
        bad = exc.start
    line = raw.count(b"\n", 0, bad) + 1
    report.add(
        "encoding",
        table.file,
        line,
        None,
        f"byte 0x{raw[bad]:02x} at offset {bad} is not valid UTF-8 ({hints.BY_HAND['encoding']})",
    )
    report.not_utf8.add(table.file)
    return raw.decode("utf-8", "replace").encode("utf-8"), False


_BLOCK = 1 << 20  # bytes looked at by one numpy pass: the comparison stays in cache


@dataclass(frozen=True)
class ByteScan:
    """What the bytes of a (valid UTF-8) file hold, from one vectorised pass."""

    control: int  # bytes below 0x20, line ends included
    cr: int  # CR bytes (all line-end counts are exact when there is a CR)
    crlf: int  # CR LF pairs
    lf: int | None  # LF bytes, when counted (None: only known to be <= control)
    delete: bool  # a DEL (0x7F)
    c1: bool  # a C1 control character (U+0080 to U+009F, bytes C2 80 to C2 9F)


def scan_bytes(data: Bytes, ascii_: bool = False) -> ByteScan:
    """Count the control bytes and look for DEL and C1 characters, at memory speed.

    One numpy pass over cache-sized blocks counts the bytes below 0x20 and, unless
    the file is ASCII, finds each 0xC2 lead byte and looks at the byte after it (C1
    characters are C2 80 to C2 9F in UTF-8). DEL and CR are looked for with ``find``
    (memchr); only a file with a CR has its LF, CR and CRLF counted exactly, in a
    second pass. No Python regular expression runs over the file."""
    view = np.frombuffer(data, dtype=np.uint8) if len(data) else np.zeros(0, np.uint8)
    control = 0
    c1 = False
    for pos in range(0, len(view), _BLOCK):
        block = view[pos : pos + _BLOCK]
        control += int(np.count_nonzero(block < 0x20))
        if not ascii_ and not c1:
            leads = np.flatnonzero(block == 0xC2) + pos + 1
            leads = leads[leads < len(view)]
            if len(leads):
                after = view[leads]
                c1 = bool(np.any((after >= 0x80) & (after <= 0x9F)))
    delete = data.find(b"\x7f") >= 0
    if data.find(b"\r") < 0:
        del view
        return ByteScan(control, 0, 0, None, delete, c1)
    lf = cr = crlf = 0
    for pos in range(0, len(view), _BLOCK):
        block = view[pos : pos + _BLOCK]
        lf += int(np.count_nonzero(block == 0x0A))
        crs = block == 0x0D
        cr += int(np.count_nonzero(crs))
        ext = view[pos + 1 : pos + _BLOCK + 1]  # the byte after each: a CRLF across blocks
        crlf += int(np.count_nonzero(crs[: len(ext)] & (ext == 0x0A)))
    del view
    return ByteScan(control, cr, crlf, lf, delete, c1)


def count_byte(data: Bytes | memoryview, byte: int) -> int:
    """How many times ``byte`` occurs in ``data`` (numpy, block by block)."""
    view = np.frombuffer(data, dtype=np.uint8) if len(data) else np.zeros(0, np.uint8)
    total = sum(int(np.count_nonzero(view[p : p + _BLOCK] == byte))
                for p in range(0, len(view), _BLOCK))
    del view
    return total


def _first_line_end(data: Bytes, style: str) -> int:
    """Offset of the first line end of ``style`` (LF, CRLF or CR alone); -1 if none."""
    if style == "CRLF":
        return data.find(b"\r\n")
    view = np.frombuffer(data, dtype=np.uint8)
    n = len(view)
    for pos in range(0, n, _BLOCK):
        end = min(pos + _BLOCK, n)
        cur = view[pos:end]
        if style == "LF":  # an LF whose byte before is not a CR
            before = view[pos - 1 : end - 1] if pos else np.append(0, view[: end - 1])
            hits = (cur == 0x0A) & (before != 0x0D)
        else:  # a CR whose byte after is not an LF
            after = view[pos + 1 : end + 1] if end < n else np.append(view[pos + 1 :], 0)
            hits = (cur == 0x0D) & (after != 0x0A)
        found = np.flatnonzero(hits)
        if len(found):
            return pos + int(found[0])
    return -1


def _check_line_endings(data: Bytes, scan: ByteScan, table: Table, report: Report) -> None:
    """Report a line whose ending differs from the rest (the file has a CR)."""
    assert scan.lf is not None
    crlf = scan.crlf
    styles = {"LF": scan.lf - crlf, "CRLF": crlf, "CR": scan.cr - crlf}
    used = {k: v for k, v in styles.items() if v}
    if len(used) <= 1:
        return
    main = max(used, key=lambda k: (used[k], k == "LF"))
    firsts = []
    for style in used:
        if style == main:
            continue
        pos = _first_line_end(data, style)
        if pos >= 0:
            firsts.append((pos, style))
    pos, style = min(firsts)
    line = count_byte(memoryview(data)[:pos], 0x0A) + 1
    report.add(
        "line-endings",
        table.file,
        line,
        None,
        f"this line ends with {style} but {used[main]} line(s) end with {main} "
        f"(expected one line-ending style; run `{report.fmt_command}`, which writes LF)",
    )


def _report_header(header: list[str], expected: list[str], table: Table, report: Report) -> None:
    if not header:
        report.add(
            "header",
            table.file,
            1,
            None,
            f"the file has no header (expected {', '.join(expected)}; {hints.BY_HAND['header']})",
        )
        return
    missing = [n for n in expected if n not in header]
    extra = [n for n in header if n not in expected]
    dupes = sorted({n for n in header if header.count(n) > 1})
    parts = []
    if missing:
        parts.append(f"missing {', '.join(missing)}")
    if extra:
        parts.append(f"unexpected {', '.join(map(show, extra))}")
    if dupes:
        parts.append(f"repeated {', '.join(dupes)}")
    if not parts:
        parts.append("the fields are out of order")
    report.add(
        "header",
        table.file,
        1,
        None,
        f"header does not match the schema: {'; '.join(parts)} (expected {','.join(expected)}; "
        f"{hints.BY_HAND['header']})",
    )


def _parse_arrow(data: Bytes, ncols: int, table: Table) -> pa.Table | None:
    """Parse with Arrow; None when the file needs the line-aware slow path."""
    trouble: list[bool] = []

    def on_invalid(_row: Any) -> str:
        trouble.append(True)
        return "skip"

    try:
        # _check_utf8 has validated the bytes; a record of more than one line sends
        # the file to the line-aware path whatever Arrow makes of it (with two or more
        # columns, a split record is a ragged row, or one record too many)
        parsed = csvtext.parse(data, ncols, table.schema.dialect, on_invalid, lines_counted=True,
                               utf8_checked=True, one_line_records=ncols >= 2)
    except (pa.ArrowException, ValueError):
        return None
    return None if trouble else parsed


def read_records(text: str, dialect: Dialect | None = None
                 ) -> tuple[list[list[str]], list[int], int | None]:
    """Every record of a CSV text (the header included) with the physical line it
    starts on, and the line of a quoted cell that is never closed (None if none).
    ``dialect``: the resource's CSV dialect (the default one if None).

    Python's ``csv`` module is lenient: a quote left open swallows the rest of the
    file into one cell, silently. Only the last record can be such a cell, so only it
    is read again strictly, to tell an unclosed quote from a cell that ends the file."""
    import csv  # here: only a file that needs the line-aware reading pays for it
    import io
    import sys

    csv.field_size_limit(sys.maxsize)
    options = (dialect or Dialect()).python_csv()
    reader = csv.reader(io.StringIO(text, newline=""), **options)
    records: list[list[str]] = []
    starts: list[int] = []
    last = 0
    for record in reader:
        starts.append(last + 1)
        last = reader.line_num
        records.append(record)
    if not records:
        return records, starts, None
    tail = "".join(io.StringIO(text, newline="").readlines()[starts[-1] - 1 :])
    try:
        for _ in csv.reader(io.StringIO(tail, newline=""), strict=True, **options):
            pass
    except csv.Error as exc:
        if "unexpected end of data" in str(exc):
            return records[:-1], starts[:-1], starts[-1]
    return records, starts, None


def _parse_python(data: Bytes, header: list[str], table: Table, report: Report) -> None:
    """Line-aware parse: records, their first lines, blank and ragged rows."""
    text = bytes(data).decode("utf-8", "replace")
    dialect = table.schema.dialect
    records, starts, open_quote = read_records(text, dialect)
    skip = 1 if dialect.header else 0  # the header
    rows: list[list[str]] = []
    lines: list[int] = []
    ncols = len(header)
    for record, start in zip(records[skip:], starts[skip:], strict=True):
        if not record:
            report.add("blank-row", table.file, start, None, "blank row (expected a record)")
        elif len(record) != ncols:
            report.add(
                "ragged-row",
                table.file,
                start,
                None,
                f"row has {len(record)} cells but the header has {ncols} "
                f"({hints.BY_HAND['ragged-row']})",
            )
        else:
            rows.append(record)
            lines.append(start)
    if open_quote is not None and open_quote > 1:
        report.add(
            "csv-syntax",
            table.file,
            open_quote,
            None,
            "a quoted cell opens on this line and is never closed "
            f"(the rest of the file would be one cell; {hints.BY_HAND['csv-syntax']})",
        )
    cols = [pa.array([r[i] for r in rows], pa.string()) for i in range(ncols)]
    _keep_columns(table, header, cols)
    table.nrows = len(rows)
    table.lines = np.asarray(lines, dtype=np.int64)
    table.has_control = True  # cells may hold line breaks: look at every cell


def _keep_columns(table: Table, header: list[str], cols: list[pa.Array]) -> None:
    for name, col in zip(header, cols, strict=True):
        table.columns.setdefault(name, col)
