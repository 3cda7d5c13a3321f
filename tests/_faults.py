"""The corpus of faults: one function per check, each putting one fault into a copy of
the package and returning every finding the checker must report for it, as
``Found(code, file, line, field)`` (line None for whole-file and descriptor findings).
The corpus test compares that list with the checker's findings exactly, so a missed
fault and a spurious finding both fail. ``@fault(code)`` names the code the fault
exists to produce; every registered code must have one (tests/test_codes.py).

The expectations are computed from the copy as written (``line_of`` re-reads it), never
from the checker's output.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

from _corrupt import edit, edit_descriptor, line_of, read, set_cell, write
from conftest import repin

EV, SO, ES = "data/events.csv", "data/sources.csv", "data/event_sources.csv"


class Found(NamedTuple):
    code: str
    file: str
    line: int | None
    field: str | None


Expect = list[Found]
FAULTS: dict[str, Callable[[Path], Expect]] = {}
FAULT_CODES: dict[str, str] = {}  # fault -> the code it exists to produce


def fault(code: str) -> Callable[[Callable[[Path], Expect]], Callable[[Path], Expect]]:
    def register(fn: Callable[[Path], Expect]) -> Callable[[Path], Expect]:
        FAULTS[fn.__name__] = fn
        FAULT_CODES[fn.__name__] = code
        return fn

    return register


def _has(field: str) -> Callable[[dict[str, str]], bool]:
    return lambda r: bool(r[field])


def _day(r: dict[str, str]) -> bool:
    return r["date_precision"] == "day" and "/" not in r["date"]


def _cell(code: str, file: str, field: str, line: int) -> Expect:
    return [Found(code, file, line, field)]


# Layer 1: the descriptor and the files ---------------------------------------------


@fault("descriptor")
def profile_schema(d: Path) -> Expect:
    edit_descriptor(d, lambda x: x.__setitem__("$schema", "https://example.org/dp.json"))
    return [Found("descriptor", "datapackage.json", None, "$schema")]


@fault("descriptor")
def profile_field_type(d: Path) -> Expect:
    edit_descriptor(d, lambda x: x["resources"][0]["schema"]["fields"][0].update(type="strin"))
    # both the Data Package 2.0 profile and frictionless refuse the unknown type
    return [
        Found("profile", "datapackage.json", None, "resources[0].schema.fields[0]"),
        Found("descriptor", "datapackage.json", None, None),
    ]


@fault("profile")
def profile_roles(d: Path) -> Expect:
    """Contributor roles written as a string: Data Package 2.0 wants an array."""
    edit_descriptor(d, lambda x: x["contributors"][0].update(roles="creator"))
    return [Found("profile", "datapackage.json", None, "contributors[0].roles")]


@fault("vocabulary")
def vocabulary_undocumented(d: Path) -> Expect:
    def drop(x: dict) -> None:
        field = next(f for f in x["resources"][0]["schema"]["fields"] if f["name"] == "actor1")
        field["categories"] = field["categories"][1:]

    edit_descriptor(d, drop)
    return [Found("vocabulary", "datapackage.json", None, "events.actor1")]


@fault("unsupported")
def unsupported_constraint(d: Path) -> Expect:
    """A constraint no reader implements: refused, never silently ignored."""
    def add(x: dict) -> None:
        field = next(f for f in x["resources"][0]["schema"]["fields"] if f["name"] == "latitude")
        field["constraints"]["exclusiveMinimum"] = -90

    edit_descriptor(d, add)
    return [Found("unsupported", "datapackage.json", None, "events.latitude")]


def _title_letter_swapped(d: Path, table: str) -> None:
    """Change one ASCII letter inside a title (no check but the pins looks at it), in
    place, so the file keeps its size."""
    header, rows = read(d, table)
    title = next(r[header.index("title")] for r in rows if "e" in r[header.index("title")])
    path = d.parent / "data" / f"{table}.csv"
    data = path.read_bytes()
    old = title.encode("utf-8")
    assert data.count(old) == 1
    path.write_bytes(data.replace(old, old.replace(b"e", b"o", 1)))


@fault("hash")
def pinned_hash(d: Path) -> Expect:
    """The same number of bytes, one of them different."""
    _title_letter_swapped(d, "sources")
    return [Found("hash", SO, None, None)]


@fault("bytes")
def pinned_bytes(d: Path) -> Expect:
    """The file is intact; the pinned size is not (the hash still matches)."""

    def shrink(x: dict) -> None:
        res = next(r for r in x["resources"] if r["path"] == ES)
        res["bytes"] -= 1

    edit_descriptor(d, shrink)
    return [Found("bytes", ES, None, None)]


@fault("hash")
def pinned_bytes_and_hash(d: Path) -> Expect:
    """One byte more at the end: size, hash and a blank line."""
    path = d.parent / ES
    path.write_bytes(path.read_bytes() + b"\n")
    lines = path.read_bytes().count(b"\n")
    return [
        Found("bytes", ES, None, None),
        Found("hash", ES, None, None),
        Found("blank-row", ES, lines, None),
    ]


@fault("encoding")
def bom(d: Path) -> Expect:
    path = d.parent / EV
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    repin(d)
    return [Found("encoding", EV, 1, None)]


@fault("encoding")
def invalid_utf8(d: Path) -> Expect:
    line = set_cell(d, "events", "notes", "NOTEMARK", lambda r: True)
    path = d.parent / EV
    path.write_bytes(path.read_bytes().replace(b"NOTEMARK", b"bad \xff byte"))
    repin(d)
    return [Found("encoding", EV, line, None)]


@fault("line-endings")
def mixed_line_endings(d: Path) -> Expect:
    path = d.parent / SO
    lines = path.read_bytes().split(b"\n")
    lines[3] = lines[3] + b"\r"
    path.write_bytes(b"\n".join(lines))
    repin(d)
    return [Found("line-endings", SO, 4, None)]


@fault("header")
def header_order(d: Path) -> Expect:
    header, rows = read(d, "event_sources")
    header[2], header[3] = header[3], header[2]
    for row in rows:
        row[2], row[3] = row[3], row[2]
    write(d, "event_sources", header, rows)
    return [Found("header", ES, 1, None)]


@fault("ragged-row")
def ragged_row(d: Path) -> Expect:
    """A row with one cell too many, added after the last one (so no other row is lost)."""
    header, rows = read(d, "sources")
    rows.append([*rows[-1], "extra"])
    write(d, "sources", header, rows)
    return [Found("ragged-row", SO, line_of(d, "sources", len(rows) - 1), None)]


@fault("blank-row")
def blank_row(d: Path) -> Expect:
    path = d.parent / ES
    lines = path.read_bytes().split(b"\n")
    lines.insert(3, b"")
    path.write_bytes(b"\n".join(lines))
    repin(d)
    return [Found("blank-row", ES, 4, None)]


@fault("csv-syntax")
def quote_never_closed(d: Path) -> Expect:
    """A row added at the end whose first cell opens a quote that is never closed:
    Python's csv module would silently take the rest of the file as that cell."""
    path = d.parent / ES
    data = path.read_bytes()
    last = data.rstrip(b"\n").rpartition(b"\n")[2]
    path.write_bytes(data + b'"' + last + b"\n")
    repin(d)
    return [Found("csv-syntax", ES, data.count(b"\n") + 1, None)]


# Layer 1: types and constraints ----------------------------------------------------


@fault("required")
def required(d: Path) -> Expect:
    return _cell("required", EV, "title", set_cell(d, "events", "title", ""))


@fault("type")
def type_number(d: Path) -> Expect:
    line = set_cell(d, "events", "latitude", "nine", _has("latitude"))
    return _cell("type", EV, "latitude", line)


@fault("type")
def type_date(d: Path) -> Expect:
    return _cell("type", SO, "accessed", set_cell(d, "sources", "accessed", "2024-02-30"))


@fault("enum")
def enum_event_type(d: Path) -> Expect:
    return _cell("enum", EV, "event_type", set_cell(d, "events", "event_type", "party"))


@fault("enum")
def enum_actor(d: Path) -> Expect:
    return _cell("enum", EV, "actor1", set_cell(d, "events", "actor1", "XXX"))


@fault("enum")
def enum_country(d: Path) -> Expect:
    line = set_cell(d, "events", "country", "FRA", _has("country"))
    return _cell("enum", EV, "country", line)


@fault("pattern")
def pattern_locator(d: Path) -> Expect:
    line = set_cell(d, "event_sources", "locator", "paragraph three")
    return _cell("pattern", ES, "locator", line)


@fault("pattern")
def pattern_id(d: Path) -> Expect:
    """An id that breaks its pattern, renamed consistently so that no key breaks (the
    last id with "_x" appended still sorts last, so no order breaks either)."""
    header, rows = read(d, "sources")
    old = rows[-1][0]
    new = old + "_x"
    rows[-1][0] = new
    for row in rows:
        if row[header.index("cited_in")] == old:
            row[header.index("cited_in")] = new
    write(d, "sources", header, rows)
    h2, r2 = read(d, "event_sources")
    for row in r2:
        if row[1] == old:
            row[1] = new
    write(d, "event_sources", h2, r2)
    return _cell("pattern", SO, "source_id", line_of(d, "sources", len(rows) - 1))


@fault("max-length")
def max_length(d: Path) -> Expect:
    return _cell("max-length", EV, "title", set_cell(d, "events", "title", "x" * 121))


@fault("maximum")
def maximum(d: Path) -> Expect:
    line = set_cell(d, "events", "latitude", "91.5", _has("latitude"))
    return _cell("maximum", EV, "latitude", line)


@fault("minimum")
def minimum(d: Path) -> Expect:
    line = set_cell(d, "events", "longitude", "-180.5", _has("longitude"))
    return _cell("minimum", EV, "longitude", line)


@fault("min-length")
def min_length(d: Path) -> Expect:
    """The schema uses no minLength today; a copy that adds one must be enforced on
    every row it applies to."""

    def add(x: dict) -> None:
        sources = next(r for r in x["resources"] if r["name"] == "sources")
        field = next(f for f in sources["schema"]["fields"] if f["name"] == "language")
        field["constraints"]["minLength"] = 3

    edit_descriptor(d, add)
    _, rows = read(d, "sources")
    return [Found("min-length", SO, line_of(d, "sources", i), "language")
            for i, _ in enumerate(rows)]


@fault("unique")
def unique_id(d: Path) -> Expect:
    header, rows = read(d, "events")
    rows.insert(1, list(rows[0]))  # a second row with the first row's id, right after it
    write(d, "events", header, rows)
    return _cell("unique", EV, "event_id", line_of(d, "events", 1))


@fault("primary-key")
def primary_key_composite(d: Path) -> Expect:
    header, rows = read(d, "event_sources")
    rows.insert(1, list(rows[0]))
    write(d, "event_sources", header, rows)
    line = line_of(d, "event_sources", 1)
    return _cell("primary-key", ES, "event_id, source_id", line)


@fault("foreign-key")
def foreign_key_event(d: Path) -> Expect:
    """A citation of an event that does not exist, in place of one of an event that is
    cited more than once (so no event is left uncited)."""
    header, rows = read(d, "event_sources")
    events = [r[0] for r in rows]
    sources = [r[1] for r in rows]
    i = next(i for i, r in enumerate(rows) if events.count(r[0]) > 1 and sources.count(r[1]) > 1)
    row = rows.pop(i)
    row[0] = "zzz-no-such-event"
    rows.append(row)  # where the new id sorts, so the order holds
    write(d, "event_sources", header, rows)
    return _cell("foreign-key", ES, "event_id", line_of(d, "event_sources", len(rows) - 1))


@fault("foreign-key")
def foreign_key_self(d: Path) -> Expect:
    line = set_cell(d, "sources", "cited_in", "no-such-source")
    return _cell("foreign-key", SO, "cited_in", line)


# Layer 2 ---------------------------------------------------------------------------


@fault("edtf-parse")
def edtf_parse(d: Path) -> Expect:
    return _cell("edtf-parse", EV, "date", set_cell(d, "events", "date", "2021-13-01", _day))


@fault("edtf-parse")
def edtf_parse_published(d: Path) -> Expect:
    line = set_cell(d, "sources", "published", "2021-02-30", _has("published"))
    return _cell("edtf-parse", SO, "published", line)


@fault("edtf-bounds")
def edtf_bounds(d: Path) -> Expect:
    line = set_cell(d, "events", "date_end", "2999-12-31", _day)
    return _cell("edtf-bounds", EV, "date_end", line)


@fault("edtf-bounds")
def edtf_open_bound(d: Path) -> Expect:
    """An empty date_start on the first row (empty sorts first, so the order holds)."""
    line = set_cell(d, "events", "date_start", "", _day)
    return _cell("edtf-bounds", EV, "date_start", line)


@fault("edtf-precision")
def edtf_precision(d: Path) -> Expect:
    line = set_cell(d, "events", "date_precision", "year", _day)
    return _cell("edtf-precision", EV, "date_precision", line)


@fault("source-date")
def source_published_before_event(d: Path) -> Expect:
    _, events = read(d, "events")
    starts = {r[0]: r[2] for r in events}
    _, cites = read(d, "event_sources")
    i = next(
        i
        for i, r in enumerate(cites)
        if r[2] in ("primary", "corroborating") and starts.get(r[0], "") > "1801"
    )
    victim = cites[i][1]
    set_cell(d, "sources", "published", "1800", lambda r: r["source_id"] == victim)
    # every reporting citation of that source to an event that starts later is flagged
    return [
        Found("source-date", ES, line_of(d, "event_sources", k), "source_id")
        for k, r in enumerate(cites)
        if r[1] == victim and r[2] in ("primary", "corroborating")
        and starts.get(r[0], "") > "1800-12-31"
    ]


@fault("cited-in-cycle")
def cited_in_cycle(d: Path) -> Expect:
    line = edit(d, "sources", lambda r: True, lambda r: r.__setitem__("cited_in", r["source_id"]))
    return _cell("cited-in-cycle", SO, "cited_in", line)


@fault("uncited-event")
def uncited_event(d: Path) -> Expect:
    _, events = read(d, "events")
    header2, cites = read(d, "event_sources")
    cited_once = {}
    for r in cites:
        cited_once[r[1]] = cited_once.get(r[1], 0) + 1
    # an event whose sources are all cited elsewhere too, so no source becomes unused
    target = next(e[0] for e in events if all(cited_once[c[1]] > 1 for c in cites if c[0] == e[0]))
    write(d, "event_sources", header2, [c for c in cites if c[0] != target])
    line = line_of(d, "events", [e[0] for e in events].index(target))
    return _cell("uncited-event", EV, "event_id", line)


@fault("unused-source")
def unused_source(d: Path) -> Expect:
    header, rows = read(d, "sources")
    extra = list(rows[-1])
    extra[0] = "zzzz-unused-source"
    extra[header.index("cited_in")] = ""
    rows.append(extra)
    write(d, "sources", header, rows)
    return _cell("unused-source", SO, "source_id", line_of(d, "sources", len(rows) - 1))


@fault("url")
def url_scheme(d: Path) -> Expect:
    line = set_cell(d, "sources", "url", "ftp://example.org/a", _has("url"))
    return _cell("url", SO, "url", line)


@fault("url")
def url_relative(d: Path) -> Expect:
    return _cell("url", SO, "url", set_cell(d, "sources", "url", "example.org/page", _has("url")))


@fault("text-nfc")
def text_nfc(d: Path) -> Expect:
    line = set_cell(d, "events", "title", unicodedata.normalize("NFD", "Colón"))
    return _cell("text-nfc", EV, "title", line)


@fault("text-trim")
def text_trim(d: Path) -> Expect:
    line = edit(d, "events", lambda r: True, lambda r: r.__setitem__("summary", r["summary"] + " "))
    return _cell("text-trim", EV, "summary", line)


@fault("text-control")
def text_control(d: Path) -> Expect:
    return _cell("text-control", SO, "notes", set_cell(d, "sources", "notes", "bell \x07 here"))


@fault("formula")
def formula(d: Path) -> Expect:
    line = set_cell(d, "events", "notes", '=HYPERLINK("http://x.org")')
    return _cell("formula", EV, "notes", line)


@fault("language")
def language(d: Path) -> Expect:
    return _cell("language", SO, "language", set_cell(d, "sources", "language", "zz"))


@fault("coordinates")
def coordinates_alone(d: Path) -> Expect:
    line = set_cell(d, "events", "longitude", "", _has("latitude"))
    return _cell("coordinates", EV, "longitude", line)


@fault("order")
def order(d: Path) -> Expect:
    header, rows = read(d, "events")
    i = next(i for i in range(len(rows) - 1) if rows[i][2] != rows[i + 1][2])
    rows[i], rows[i + 1] = rows[i + 1], rows[i]
    write(d, "events", header, rows)
    return _cell("order", EV, "date_start", line_of(d, "events", i + 1))
