"""Layer 2: what the Table Schema cannot say.

EDTF dates and their derived bounds and precision; sources not published before the
events they report; ``cited_in`` without cycles; every event cited and every source
used; absolute http(s) URLs; clean text (NFC, trimmed, no control characters, no
spreadsheet-formula prefix); ISO 639-1 languages; coordinates given together; rows in
canonical order. Every check works on whole columns; EDTF is parsed once per distinct
value.

The checks find their columns by the names the project's schema gives them (``date``,
``published``, ``cited_in``...), and skip a check whose columns a package lacks. Which
columns refer to which is read from the schema's ``foreignKeys`` alone: a check that
follows citations to events and sources runs only where the schema declares those links.
"""

from __future__ import annotations

import unicodedata
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from ..tableschema import NUMBER_SYNTAX
from . import edtf_dates
from .columns import byte_set, edge_bytes, fullmatch, isin, mask, rows_where
from .files import Table, show
from .iso639 import ISO_639_1
from .keys import Keys, member, position
from .order import later_rows
from .report import Report
from .schema_checks import present_mask

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


def _pattern(table: Table, name: str) -> str | None:
    pattern = table.field(name).constraints.get("pattern")
    return None if pattern is None else str(pattern)


def check_event_dates(table: Table, report: Report) -> None:
    """``date`` parses; ``date_start``/``date_end``/``date_precision`` are derived from it."""
    cols = table.columns
    if "date" not in cols:
        return
    date = cols["date"]
    present = present_mask(table, "date")
    dates = Dates(date, _pattern(table, "date"))
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
        if name not in cols:
            continue
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
    if "date_precision" in cols:
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


def check_published(sources: Table, report: Report) -> Dates | None:
    """``published`` parses as EDTF; returns the parsed column for the date-order check."""
    if "published" not in sources.columns:
        return None
    present = present_mask(sources, "published")
    dates = Dates(sources.columns["published"], _pattern(sources, "published"))
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
    return dates


def check_source_dates(
    events: Table, sources: Table, cites: Table, published: Dates, keys: Keys, report: Report
) -> None:
    """A source that reports an event was not published before the event could start."""
    need = {"event_id", "source_id", "role"}
    if not need <= cites.columns.keys() or "date_start" not in events.columns:
        return
    if "event_id" not in events.columns or "source_id" not in sources.columns:
        return
    if events.nrows == 0 or sources.nrows == 0 or cites.nrows == 0:
        return  # nothing to compare (citations of missing rows are foreign-key findings)
    if not (
        keys.linked((cites.name, "event_id"), (events.name, "event_id"))
        and keys.linked((cites.name, "source_id"), (sources.name, "source_id"))
    ):
        return  # the schema does not say that citations refer to events and sources
    ev = _position(keys, cites, events, "event_id")
    so = _position(keys, cites, sources, "source_id")
    reporting = isin(cites.columns["role"], REPORTING_ROLES) & (ev >= 0) & (so >= 0)
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


def check_cited_in(sources: Table, keys: Keys, report: Report) -> None:
    """``cited_in`` has no cycles: following it from any source must end."""
    if not {"cited_in", "source_id"} <= sources.columns.keys():
        return
    if not keys.linked((sources.name, "cited_in"), (sources.name, "source_id")):
        return  # cited_in is not declared a reference to source_id
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


def check_citations(
    events: Table, sources: Table, cites: Table, keys: Keys, report: Report
) -> None:
    """Every event has at least one citation; every source is used."""

    def related(table: Table, name: str, other: Table, other_name: str) -> bool:
        return (
            name in table.columns
            and other_name in other.columns
            and keys.linked((table.name, name), (other.name, other_name))
        )

    def used_in(table: Table, name: str, other: Table, other_name: str) -> np.ndarray:
        codes, size = keys.codes(table.name, name)
        known, _ = keys.codes(other.name, other_name)
        return member(codes, known[present_mask(other, other_name)], size)

    if related(events, "event_id", cites, "event_id"):
        cited = used_in(events, "event_id", cites, "event_id")
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
    if related(sources, "source_id", cites, "source_id"):
        used = used_in(sources, "source_id", cites, "source_id")
        if related(sources, "source_id", sources, "cited_in"):
            used |= used_in(sources, "source_id", sources, "cited_in")
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


def check_values(table: Table, report: Report) -> None:
    """URLs, languages, coordinates given together."""
    for field in table.fields:
        name = field["name"]
        if name not in table.columns:
            continue
        present = present_mask(table, name)
        col = table.columns[name]
        if field.get("format") == "uri" or name == "url":
            bad = present & ~fullmatch(col, URL_PATTERN)
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
        if name == "language":
            bad = present & ~isin(col, sorted(ISO_639_1))
            report.add_rows(
                "language",
                table.file,
                name,
                bad,
                table.line,
                lambda i, name=name: (
                    f"{show(table.value(name, i))} is not an ISO 639-1 language code"
                ),
            )
    if {"latitude", "longitude"} <= table.columns.keys():
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
_EDGE_SUSPECT = byte_set(b" \t\n\r\x0b\x0c\x1c\x1d\x1e\x1f" + bytes(range(0x80, 0x100)))


def _text_masks(table: Table, col: pa.Array | pa.ChunkedArray) -> dict[str, np.ndarray]:
    """The text-hygiene masks of one column (pure: safe to run in a thread)."""
    n = len(col)
    control = np.zeros(n, dtype=bool)
    if table.has_control:
        control = mask(pc.match_substring_regex(col, _CONTROL))
    head, tail = edge_bytes(col)
    # white space at either end, or a non-ASCII byte there (Unicode white space)
    edge = _EDGE_SUSPECT[head] | _EDGE_SUSPECT[tail]
    untrimmed = np.zeros(n, dtype=bool)
    if edge.any():
        sub = rows_where(col, edge)
        untrimmed[edge] = mask(pc.not_equal(pc.utf8_trim_whitespace(sub), sub))
    not_nfc = np.zeros(n, dtype=bool)
    if not table.ascii:
        other = ~mask(pc.string_is_ascii(col))
        if other.any():
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
    schema_names = {f["name"] for f in table.fields}
    names = [n for n in table.columns if n in schema_names]
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
    keys = [k for k in table.res.get("orderBy") or [] if k in table.columns]
    if not keys or table.nrows < 2:
        return
    types = {f["name"]: f.get("type", "string") for f in table.fields}
    later = later_rows([(table.columns[k], types[k], present_mask(table, k)) for k in keys])
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
    for res in descriptor["resources"]:
        for field in res["schema"]["fields"]:
            enum = (field.get("constraints") or {}).get("enum")
            if not enum:
                continue
            cats = field.get("categories") or []
            documented = {
                str(c.get("value")) for c in cats if isinstance(c, dict) and c.get("label")
            }
            for value in enum:
                if str(value) not in documented:
                    report.add(
                        "vocabulary",
                        file,
                        None,
                        f"{res['name']}.{field['name']}",
                        f"enum value {value!r} has no categories label documenting it",
                    )
