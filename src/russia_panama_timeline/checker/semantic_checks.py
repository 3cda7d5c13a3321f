"""Layer 2: what the Table Schema cannot say.

EDTF dates and their derived bounds and precision; sources not published before the
events they report; ``cited_in`` without cycles; every event cited and every source
used; absolute http(s) URLs; clean text (NFC, trimmed, no control characters, no
spreadsheet-formula prefix); ISO 639-1 languages; coordinates given together; rows in
canonical order. Every check works on whole columns; EDTF is parsed once per distinct
value.

Each check is a rule of the registry (``registry.py``), which declares the columns it
reads and the foreign keys it follows: the checker runs a rule only on a package that
has them (else an ``unsupported`` finding says which rule cannot run), so the checks
here never look for a column.
"""

from __future__ import annotations

import unicodedata
from concurrent.futures import ThreadPoolExecutor
from typing import TYPE_CHECKING, Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from .. import edtf_dates
from ..tableschema import NUMBER_SYNTAX, schemas
from .columns import byte_set, edge_bytes, fullmatch, isin, mask, rows_where
from .files import Table, show
from .iso639 import ISO_639_1
from .keys import Keys, member, position
from .order import later_rows
from .report import Report
from .schema_checks import present_mask

if TYPE_CHECKING:
    from .declared import Tables

URL_PATTERN = r"https?://[^\s/?#@:]*[^\s/?#@:.](?::\d{1,5})?(?:[/?#]\S*)?"
REPORTING_ROLES = ("primary", "corroborating")
_CONTROL = r"[\x{00}-\x{1f}\x{7f}-\x{9f}]"


class Dates:
    """A column of EDTF dates parsed once per distinct value: per row, the expected
    bounds ("" for an open end), precision, and the parse error ("" if none).

    ``failed`` marks the rows to report: a value the field's ``pattern`` refuses is
    the pattern's finding alone (one fault, one finding); ``ok`` the rows that parse."""

    def __init__(self, col: pa.Array, pattern: str | None = None) -> None:
        uniq = pc.unique(col)
        parsed = edtf_dates.parse_column(uniq)
        idx = pc.index_in(col, value_set=uniq)

        def per_row(values: pa.Array) -> pa.Array | pa.ChunkedArray:
            return pc.take(values, idx)

        self.error = per_row(parsed.error)
        self.start = per_row(parsed.start)
        self.end = per_row(parsed.end)
        self.precision = per_row(parsed.precision)
        self.ok = mask(per_row(pa.array(parsed.valid)))
        shaped = pa.array(fullmatch(uniq, pattern)) if pattern is not None else None
        self.failed = ~self.ok & (mask(per_row(shaped)) if shaped is not None else True)


def dates_of(table: Table, name: str) -> Dates:
    """The column parsed as EDTF dates, once per table (several rules use it)."""
    col = table.columns[name]  # first: a rule that does not declare the column cannot
    return table.once.get(table.derived, name, lambda: Dates(col, table.field(name).pattern))


def check_event_dates(table: Table, report: Report) -> None:
    """``date`` parses; ``date_start``/``date_end``/``date_precision`` are derived from it."""
    cols = table.columns
    present = present_mask(table, "date")
    dates = dates_of(table, "date")
    report.add_rows(
        "edtf-parse",
        table.file,
        "date",
        present & dates.failed,
        table.line,
        lambda i: (
            f"{show(table.value('date', i))} is not a valid EDTF date: {dates.error[i].as_py()}"
        ),
    )
    parsed = present & dates.ok
    for name, expected, word in (
        ("date_start", dates.start, "lower"),
        ("date_end", dates.end, "upper"),
    ):
        bad = parsed & mask(pc.not_equal(cols[name], expected))
        report.add_rows(
            "edtf-bounds",
            table.file,
            name,
            bad,
            table.line,
            lambda i, name=name, expected=expected, word=word: (
                f"{table.value(name, i) or 'empty'} is not the {word} bound of "
                f"{table.value('date', i)} (expected {expected[i].as_py() or 'empty'})"
            ),
        )
    bad = parsed & mask(pc.not_equal(cols["date_precision"], dates.precision))
    report.add_rows(
        "edtf-precision",
        table.file,
        "date_precision",
        bad,
        table.line,
        lambda i: (
            f"{show(table.value('date_precision', i))} does not agree "
            f"with {table.value('date', i)} "
            f"(expected {dates.precision[i].as_py()})"
        ),
    )


def check_published(sources: Table, report: Report) -> None:
    """``published`` parses as EDTF (the dates are kept for ``check_source_dates``)."""
    present = present_mask(sources, "published")
    dates = dates_of(sources, "published")
    report.add_rows(
        "edtf-parse",
        sources.file,
        "published",
        present & dates.failed,
        sources.line,
        lambda i: (
            f"{show(sources.value('published', i))} is not a valid EDTF "
            f"date: {dates.error[i].as_py()}"
        ),
    )


def check_source_dates(tables: Tables, report: Report) -> None:
    """A source that reports an event was not published before the event could start."""
    events, sources, cites = tables["events"], tables["sources"], tables["event_sources"]
    keys = tables.key_codes
    if events.nrows == 0 or sources.nrows == 0 or cites.nrows == 0:
        return  # nothing to compare (citations of missing rows are foreign-key findings)
    published = dates_of(sources, "published")
    ev = _position(keys, cites, events, "event_id")
    so = _position(keys, cites, sources, "source_id")
    reporting = isin(cites.columns["role"], REPORTING_ROLES) & (ev >= 0) & (so >= 0)
    # A citation of an event or source whose id is refused or repeated cannot be
    # followed to one row: that fault is reported once, where it is.
    ev_untrusted = report.untrusted_rows(events.file, "event_id", events.nrows)
    so_untrusted = report.untrusted_rows(sources.file, "source_id", sources.nrows)
    reporting &= ~ev_untrusted[np.maximum(ev, 0)] & ~so_untrusted[np.maximum(so, 0)]
    rows = pa.array(np.where(ev >= 0, ev, 0))
    ev_start = pc.take(events.columns["date_start"], rows)
    pub_end = pc.take(published.end, pa.array(np.where(so >= 0, so, 0)))
    ok_start = mask(pc.is_valid(pc.take(events.parsed("date_start").values, rows)))
    bad = reporting & ok_start & mask(pc.not_equal(pub_end, "")) & mask(pc.less(pub_end, ev_start))
    report.add_rows(
        "source-date",
        cites.file,
        "source_id",
        bad,
        cites.line,
        lambda i: (
            f"{cites.value('source_id', i)} ({cites.value('role', i)}) was published "
            f"{sources.value('published', int(so[i]))}, before "
            f"{cites.value('event_id', i)} could start ({ev_start[i].as_py()})"
        ),
    )


def _position(keys: Keys, table: Table, target: Table, name: str) -> np.ndarray:
    """Row of ``target`` whose ``name`` equals each row's ``name`` in ``table`` (-1 if none)."""
    codes, size = keys.codes(table.name, name)
    ids, _ = keys.codes(target.name, name)
    return np.where(present_mask(table, name), position(codes, ids, size), -1)


def check_cited_in(tables: Tables, report: Report) -> None:
    """``cited_in`` has no cycles: following it from any source must end."""
    sources, keys = tables["sources"], tables.key_codes
    cited, size = keys.codes(sources.name, "cited_in")
    ids, _ = keys.codes(sources.name, "source_id")
    nxt = np.where(present_mask(sources, "cited_in"), position(cited, ids, size), -1)
    n = len(nxt)
    if n == 0:
        return
    jump = nxt.copy()
    steps = 1
    while steps < n:  # pointer doubling: after it, jump = nxt applied >= n times
        jump = np.where(jump >= 0, jump[np.maximum(jump, 0)], -1)
        steps *= 2
    on_cycle = np.zeros(n, dtype=bool)
    on_cycle[np.unique(jump[jump >= 0])] = True

    def path(i: int) -> str:
        ids, j = [sources.value("source_id", i)], int(nxt[i])
        while j != i and len(ids) < 6:
            ids.append(sources.value("source_id", j))
            j = int(nxt[j])
        return " -> ".join([*ids, sources.value("source_id", i) if j == i else "..."])

    report.add_rows(
        "cited-in-cycle",
        sources.file,
        "cited_in",
        on_cycle,
        sources.line,
        lambda i: f"cited_in goes round in a cycle: {path(i)}",
    )


def _used_in(keys: Keys, table: Table, name: str, other: Table, other_name: str) -> np.ndarray:
    """Which rows' ``name`` occurs among the (present) values of ``other_name``."""
    codes, size = keys.codes(table.name, name)
    known, _ = keys.codes(other.name, other_name)
    return member(codes, known[present_mask(other, other_name)], size)


def check_uncited_events(tables: Tables, report: Report) -> None:
    """Every event has at least one citation."""
    events, cites = tables["events"], tables["event_sources"]
    cited = _used_in(tables.key_codes, events, "event_id", cites, "event_id")
    cited |= report.bad_rows(events.file, "event_id", events.nrows)  # reported already
    report.add_rows(
        "uncited-event",
        events.file,
        "event_id",
        ~cited,
        events.line,
        lambda i: (
            f"{events.value('event_id', i)} has no row in "
            f"{cites.file} (every event needs a source)"
        ),
    )


def check_unused_sources(tables: Tables, report: Report) -> None:
    """Every source is cited by an event, or is another source's ``cited_in``."""
    sources, cites, keys = tables["sources"], tables["event_sources"], tables.key_codes
    used = _used_in(keys, sources, "source_id", cites, "source_id")
    used |= _used_in(keys, sources, "source_id", sources, "cited_in")
    used |= report.bad_rows(sources.file, "source_id", sources.nrows)  # reported already
    report.add_rows(
        "unused-source",
        sources.file,
        "source_id",
        ~used,
        sources.line,
        lambda i: (
            f"{sources.value('source_id', i)} is cited by no event in "
            f"{cites.file} and by no source's cited_in"
        ),
    )


def check_urls(table: Table, report: Report) -> None:
    """Every ``uri`` field holds absolute http(s) URLs with a host."""
    for name in table.columns:
        bad = present_mask(table, name) & ~fullmatch(table.columns[name], URL_PATTERN)
        report.add_rows(
            "url",
            table.file,
            name,
            bad,
            table.line,
            lambda i, name=name: (
                f"{show(table.value(name, i))} is not an absolute http(s) URL with a host"
            ),
        )


def check_language(table: Table, report: Report) -> None:
    """``language`` is an ISO 639-1 code."""
    bad = present_mask(table, "language") & ~isin(table.columns["language"], sorted(ISO_639_1))
    report.add_rows(
        "language",
        table.file,
        "language",
        bad,
        table.line,
        lambda i: f"{show(table.value('language', i))} is not an ISO 639-1 language code",
    )


def check_coordinates(table: Table, report: Report) -> None:
    """``latitude`` and ``longitude`` are given together or not at all."""
    lat = present_mask(table, "latitude")
    lon = present_mask(table, "longitude")
    for name, other, bad in (
        ("latitude", "longitude", lon & ~lat),
        ("longitude", "latitude", lat & ~lon),
    ):
        report.add_rows(
            "coordinates",
            table.file,
            name,
            bad,
            table.line,
            lambda i, name=name, other=other: (
                f"empty while {other} is {table.value(other, i)} "
                "(give both coordinates or neither)"
            ),
        )


_FORMULA_BYTES = byte_set(b"=+-@")
# The first byte of every character Arrow's utf8_trim_whitespace takes away: ASCII
# white space, and the lead bytes of U+0085, U+00A0 (C2), U+1680 (E1), U+2000 to
# U+205F (E2) and U+3000 (E3); tests/test_text_scan.py asks Arrow of every character.
_EDGE_SUSPECT = byte_set(b" \t\n\r\x0b\x0c\x1c\x1d\x1e\x1f\xc2\xe1\xe2\xe3")


def _text_masks(table: Table, col: pa.Array | pa.ChunkedArray) -> dict[str, np.ndarray]:
    """The text-hygiene masks of one column (pure: safe to run in a thread)."""
    n = len(col)
    control = np.zeros(n, dtype=bool)
    if table.has_control:
        control = mask(pc.match_substring_regex(col, _CONTROL))
    head, tail = edge_bytes(col, last_lead=True)
    # a character at either end that may be white space (by its first byte)
    edge = _EDGE_SUSPECT[head] | _EDGE_SUSPECT[tail]
    untrimmed = np.zeros(n, dtype=bool)
    if edge.any():
        sub = rows_where(col, edge)
        untrimmed[edge] = mask(pc.not_equal(pc.utf8_trim_whitespace(sub), sub))
    not_nfc = np.zeros(n, dtype=bool)
    if not table.ascii:
        other = ~mask(pc.string_is_ascii(col))
        if np.count_nonzero(other) * 2 > n:  # most cells: look at the distinct values of them all
            uniq = pc.unique(col).to_pylist()
            bad = [v for v in uniq if v is not None and not unicodedata.is_normalized("NFC", v)]
            if bad:
                not_nfc = isin(col, bad)
        elif other.any():  # a few: copy them out first
            sub = rows_where(col, other)
            uniq = pc.unique(sub).to_pylist()
            bad = [v for v in uniq if not unicodedata.is_normalized("NFC", v)]
            if bad:
                not_nfc[other] = isin(sub, bad)
    formula = _FORMULA_BYTES[head]
    if formula.any():
        formula[formula] = ~fullmatch(rows_where(col, formula), NUMBER_SYNTAX)
    return {
        "text-control": control,
        "text-trim": untrimmed & ~control,
        "text-nfc": not_nfc,
        "formula": formula,
    }


_TEXT_MESSAGES = {
    "text-control": "{} contains a control character",
    "text-trim": "{} has leading or trailing white space",
    "text-nfc": "{} is not in Unicode normal form C (run `{fmt}`)",
    "formula": "{} begins with =, +, - or @ and is not a number "
    "(a spreadsheet would run it as a formula)",
}


def check_text(table: Table, report: Report) -> None:
    """Every cell: NFC, trimmed, no control characters, no formula prefix.

    Cheap byte-level looks decide which cells need the expensive Unicode checks: the
    file-level control-character scan, the first and last byte of each cell (white
    space or a formula sign), and Arrow's ASCII test (ASCII text is always NFC). The
    columns are worked on two at a time (Arrow and numpy release the GIL); findings are
    reported afterwards in column order, so they do not depend on timing."""
    names = [n for n in table.columns if table.schema.has(n)]
    if table.nrows < 50_000:  # threads would cost more than they save
        masks = [_text_masks(table, table.columns[n]) for n in names]
    else:
        with ThreadPoolExecutor(max_workers=2) as pool:
            masks = list(pool.map(lambda n: _text_masks(table, table.columns[n]), names))
    for name, found in zip(names, masks, strict=True):
        for code, rows in found.items():
            report.add_rows(
                code,
                table.file,
                name,
                rows,
                table.line,
                lambda i, name=name, code=code: _TEXT_MESSAGES[code].format(
                    show(table.value(name, i)), fmt=report.fmt_command
                ),
            )


def check_order(table: Table, report: Report) -> None:
    """Rows are in the canonical order of the resource's ``orderBy`` (``order.py``)."""
    keys = [k for k in table.schema.order_by if k in table.columns]
    if not keys or table.nrows < 2:
        return
    later = later_rows([(table.columns[k], table.field(k).type, present_mask(table, k))
                        for k in keys])
    by = ", ".join(keys)
    report.add_rows(
        "order",
        table.file,
        keys[0],
        np.flatnonzero(later) + 1,
        table.line,
        lambda i: (
            f"row ({', '.join(show(table.value(k, i)) for k in keys)}) comes after "
            f"({', '.join(show(table.value(k, i - 1)) for k in keys)}) on line "
            f"{table.line(i - 1)} (rows are ordered by {by}; run `{report.fmt_command}`)"
        ),
    )


def check_vocabularies(descriptor: dict[str, Any], report: Report, file: str) -> None:
    """Every enum value is documented by a ``categories`` label."""
    for schema in schemas(descriptor):
        for field in schema.fields:
            for value in field.enum_text or []:
                if value not in field.labels:
                    report.add(
                        "vocabulary",
                        file,
                        None,
                        f"{schema.name}.{field.name}",
                        f"enum value {value!r} has no categories label documenting it",
                    )
