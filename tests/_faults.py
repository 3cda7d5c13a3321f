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

import csv
import io
import re
import shutil
import unicodedata
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

from _corrupt import edit, edit_descriptor, edit_rows, line_of, read, set_cell, write
from conftest import repin

EV, SO, ES = "data/events.csv", "data/sources.csv", "data/event_sources.csv"
AC = "data/actors.csv"


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


def _dated_by_sources(d: Path) -> Callable[[dict[str, str]], bool]:
    """Events a primary or corroborating citation gives a date for (whose notes need
    not say where the date comes from, so a fault may rewrite them)."""
    header, rows = read(d, "event_sources")
    cite = [dict(zip(header, r, strict=True)) for r in rows]
    dated = {c["event_id"] for c in cite
             if c["role"] in ("primary", "corroborating") and c.get("date_stated")}
    return lambda r: r["event_id"] in dated


def _day(r: dict[str, str]) -> bool:
    return r["date_precision"] == "day" and "/" not in r["date"]


def _cell(code: str, file: str, field: str, line: int) -> Expect:
    return [Found(code, file, line, field)]


# Layer 1: the descriptor and the files ---------------------------------------------


@fault("descriptor")
def profile_schema(d: Path) -> Expect:
    edit_descriptor(d, lambda x: x.__setitem__("$schema", "https://example.org/dp.json"))
    return [Found("descriptor", "datapackage.json", None, "$schema")]


@fault("profile")
def profile_field_type(d: Path) -> Expect:
    edit_descriptor(d, lambda x: x["resources"][0]["schema"]["fields"][0].update(type="strin"))
    # one fault, one finding: the descriptor is validated once, by the bundled profile
    return [Found("profile", "datapackage.json", None, "resources[0].schema.fields[0]")]


@fault("profile")
def profile_roles(d: Path) -> Expect:
    """Contributor roles written as a string: Data Package 2.0 wants an array."""
    edit_descriptor(d, lambda x: x["contributors"][0].update(roles="creator"))
    return [Found("profile", "datapackage.json", None, "contributors[0].roles")]


@fault("vocabulary")
def vocabulary_undocumented(d: Path) -> Expect:
    def drop(x: dict) -> None:
        field = next(
            f for f in x["resources"][0]["schema"]["fields"] if f["name"] == "event_type"
        )
        field["categories"] = field["categories"][1:]

    edit_descriptor(d, drop)
    return [Found("vocabulary", "datapackage.json", None, "events.event_type")]


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
    line = set_cell(d, "events", "notes", "NOTEMARK", _dated_by_sources(d))
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


@fault("ragged-row")
def short_row_of_a_cited_source(d: Path) -> Expect:
    """A cited source's row one cell short: the row cannot be read, and nothing is said
    of the citations, events and sources that refer to it (one fault, one finding)."""
    header, rows = read(d, "sources")
    _, cites = read(d, "event_sources")
    cited = {c[1] for c in cites if c[2] in ("primary", "corroborating")}
    i = next(i for i, r in enumerate(rows) if r[0] in cited)
    line = line_of(d, "sources", i)
    rows[i] = rows[i][:-1]
    path = d.parent / SO
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerows([header, *rows])
    path.write_bytes(buf.getvalue().encode("utf-8"))
    repin(d)
    return [Found("ragged-row", SO, line, None)]


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
    last = data.rstrip(b"\n").rpartition(b"\n")[2].replace(b'"', b"")  # nothing closes it
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


def _not_confirmed(r: dict[str, str]) -> bool:
    return r["status"] != "confirmed"


@fault("foreign-key")
def foreign_key_actor(d: Path) -> Expect:
    line = set_cell(d, "events", "actor1", "XXX", _not_confirmed)
    return _cell("foreign-key", EV, "actor1", line)


@fault("foreign-key")
def foreign_key_country(d: Path) -> Expect:
    line = set_cell(d, "events", "country", "FRA", _has("country"))
    return _cell("foreign-key", EV, "country", line)


@fault("foreign-key")
def foreign_key_issuer(d: Path) -> Expect:
    line = set_cell(d, "sources", "issuer", "NO-SUCH-BODY", lambda r: not r["issuer"])
    return _cell("foreign-key", SO, "issuer", line)


@fault("foreign-key")
def foreign_key_parent(d: Path) -> Expect:
    """A state's parent is unknown (a state's own parent plays no part in any lineage)."""
    line = set_cell(d, "actors", "parent", "NO-SUCH-ACTOR", _state)
    return _cell("foreign-key", AC, "parent", line)


@fault("pattern")
def pattern_wikidata(d: Path) -> Expect:
    line = set_cell(d, "actors", "wikidata", "Q0123", _has("wikidata"))
    return _cell("pattern", AC, "wikidata", line)


@fault("pattern")
def pattern_iso_numeric(d: Path) -> Expect:
    line = set_cell(d, "actors", "iso3166_numeric", "64", _has("iso3166_numeric"))
    return _cell("pattern", AC, "iso3166_numeric", line)


@fault("pattern")
def pattern_date_set_as_list(d: Path) -> Expect:
    """``[A,B]`` is EDTF (one of A or B) with the same bounds as ``[A..B]``, but not a form
    the schema admits: only the pattern says so."""
    def change(r: dict[str, str]) -> None:
        first = r["date"][:8] + "01"
        r.update(date=f"[{first},{r['date']}]", date_start=first, date_precision="bounded")

    line = edit(d, "events", lambda r: _day(r) and not r["date"].endswith("-01"), change)
    return _cell("pattern", EV, "date", line)


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


@fault("unique")
def unique_id_of_a_later_event(d: Path) -> Expect:
    """A new event given the id of a cited one, dated after its sources were published:
    the repeated id is the one fault; the citations of that id cannot be said to be of
    the new event (no source-date finding)."""
    header, rows = read(d, "events")
    col = {n: i for i, n in enumerate(header)}
    _, cites = read(d, "event_sources")
    reported = {c[0] for c in cites if c[2] in ("primary", "corroborating")}
    old = next(r for r in rows if r[0] in reported and r[col["date_precision"]] == "day")
    new = list(old)
    new[col["date"]] = new[col["date_start"]] = new[col["date_end"]] = "2999-01-01"
    rows.append(new)  # the latest date_start: the order holds
    write(d, "events", header, rows)
    return _cell("unique", EV, "event_id", line_of(d, "events", len(rows) - 1))


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
    cited more than once (so no event is left uncited) and that is not evidence for it
    (so no confirmed event loses its evidence)."""
    header, rows = read(d, "event_sources")
    events = [r[0] for r in rows]
    sources = [r[1] for r in rows]
    i = next(
        i for i, r in enumerate(rows)
        if events.count(r[0]) > 1 and sources.count(r[1]) > 1
        and r[2] not in ("primary", "corroborating")
    )
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
    """An empty date_start on a day event, the row moved to where an empty start sorts
    (empty first, then by event_id), so the order holds and the bound is the one fault."""
    header, rows = read(d, "events")
    col = {n: i for i, n in enumerate(header)}
    row = next(r for r in rows if r[col["date_precision"]] == "day")
    row[col["date_start"]] = ""
    rows.sort(key=lambda r: (r[col["date_start"]] != "", r[col["date_start"]], r[0]))
    write(d, "events", header, rows)
    return _cell("edtf-bounds", EV, "date_start", line_of(d, "events", rows.index(row)))


@fault("edtf-precision")
def edtf_precision(d: Path) -> Expect:
    line = set_cell(d, "events", "date_precision", "year", _day)
    return _cell("edtf-precision", EV, "date_precision", line)


def _set_date(d: Path, value: str, start: str, end: str, precision: str,
              stated: bool = True) -> int:
    """Give the first plain-day event another date (and, with ``stated``, its
    primary and corroborating citations that state a date the same one, so the date
    still agrees with its sources); returns its line."""
    first = _first_day(d)
    event = next(r["event_id"] for r in _records(d, "events") if _day(r) and r["date"] == first)

    def change(r: dict[str, str]) -> None:
        r.update(date=value, date_start=start, date_end=end, date_precision=precision)

    line = edit(d, "events", lambda r: r["event_id"] == event, change)
    if stated:
        edit_rows(d, "event_sources",
                  lambda c: c["event_id"] == event and c["role"] in ("primary", "corroborating")
                  and bool(c["date_stated"]),
                  lambda c: c.__setitem__("date_stated", value))
    return line


def _first_day(d: Path) -> str:
    return next(r["date"] for r in _records(d, "events") if _day(r))


@fault("edtf-bounds")
def edtf_bounded_bounds(d: Path) -> Expect:
    """``[A..B]`` has the bounds A and B: an end taken from elsewhere is refused."""
    month = _first_day(d)[:8]
    line = _set_date(d, f"[{month}01..{month}09]", f"{month}01", f"{month}28", "bounded")
    return _cell("edtf-bounds", EV, "date_end", line)


@fault("edtf-precision")
def edtf_bounded_precision(d: Path) -> Expect:
    month = _first_day(d)[:8]
    line = _set_date(d, f"[{month}01..{month}09]", f"{month}01", f"{month}09", "period")
    return _cell("edtf-precision", EV, "date_precision", line)


@fault("edtf-parse")
def edtf_bounded_one_day(d: Path) -> Expect:
    day = _first_day(d)
    line = _set_date(d, f"[{day}..{day}]", day, day, "bounded", stated=False)
    return _cell("edtf-parse", EV, "date", line)


@fault("date-qualifier-notes")
def date_qualifier_without_notes(d: Path) -> Expect:
    def change(r: dict[str, str]) -> None:
        r.update(date=r["date"] + "?", notes="")

    dated = _dated_by_sources(d)
    line = edit(d, "events", lambda r: _day(r) and dated(r), change)
    return _cell("date-qualifier-notes", EV, "notes", line)


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
    # an event whose sources are all cited elsewhere too, so no source becomes unused,
    # and that is not confirmed, so the status rule has nothing to say about it
    status = read(d, "events")[0].index("status")
    target = next(
        e[0] for e in events
        if e[status] != "confirmed" and all(cited_once[c[1]] > 1 for c in cites if c[0] == e[0])
    )
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
    line = set_cell(d, "events", "notes", '=HYPERLINK("http://x.org")', _dated_by_sources(d))
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


# The translations ------------------------------------------------------------------


@fault("translation-missing")
def translation_missing(d: Path) -> Expect:
    return _cell("translation-missing", EV, "summary_ru",
                 set_cell(d, "events", "summary_ru", "", _has("summary")))


@fault("translation-same")
def translation_same(d: Path) -> Expect:
    """The English title pasted as the Spanish one."""
    line = edit(d, "events", lambda r: True, lambda r: r.__setitem__("title_es", r["title"]))
    return _cell("translation-same", EV, "title_es", line)


@fault("translation-same")
def translation_same_name(d: Path) -> Expect:
    """An actor's English name as its Russian name: one finding (not also the script's)."""
    line = edit(d, "actors", lambda r: r["kind"] == "state",
                lambda r: r.__setitem__("name_ru", r["name"]))
    return _cell("translation-same", AC, "name_ru", line)


@fault("translation-script")
def translation_script(d: Path) -> Expect:
    """A Russian title left mostly in Latin letters."""
    line = edit(d, "events", lambda r: True,
                lambda r: r.__setitem__("title_ru", r["title"] + " (перевод)"))
    return _cell("translation-script", EV, "title_ru", line)


@fault("translation-script")
def translation_script_lookalike(d: Path) -> Expect:
    """A Latin "a" typed into a Russian word: it looks right and searches wrong."""
    line = edit(d, "events", lambda r: "\u0430" in r["title_ru"],
                lambda r: r.__setitem__("title_ru", r["title_ru"].replace("\u0430", "a", 1)))
    return _cell("translation-script", EV, "title_ru", line)


@fault("translation-numbers")
def translation_numbers(d: Path) -> Expect:
    """A number of the English summary lost in the Spanish one."""
    def drop(r: dict[str, str]) -> None:
        r["summary_es"] = re.sub(r"[0-9]+", "X", r["summary_es"])

    line = edit(d, "events", lambda r: bool(re.search(r"[0-9]", r["summary"])), drop)
    return _cell("translation-numbers", EV, "summary_es", line)
@fault("generated")
def generated_figure_out_of_date(d: Path) -> Expect:
    """In a clone, an event's title changed and the figure not redrawn: its key no
    longer says what the data says (the other generated files do not show titles)."""
    repo = Path(__file__).resolve().parents[1]
    for name in ("docs", "scripts"):
        shutil.copytree(repo / name, d.parent / name)
    for name in ("CITATION.cff", ".zenodo.json"):
        shutil.copy2(repo / name, d.parent / name)
    set_cell(d, "events", "title", "A title the figure does not show")
    return [Found("generated", "docs/timeline.svg", None, None)]


# Actors and the status rule ------------------------------------------------------


def _records(d: Path, table: str) -> list[dict[str, str]]:
    header, rows = read(d, table)
    return [dict(zip(header, r, strict=True)) for r in rows]


def _state(r: dict[str, str]) -> bool:
    return r["kind"] == "state" and not r["parent"]


def add_rows(d: Path, table: str, records: list[dict[str, str]], order: int = 1) -> None:
    """Append rows given as dicts (missing fields empty), re-sorted on the first
    ``order`` columns (the canonical order of actors, sources and citations)."""
    header, rows = read(d, table)
    rows += [[r.get(h, "") for h in header] for r in records]
    rows.sort(key=lambda r: tuple(r[:order]))
    write(d, table, header, rows)


EVENT = "zzz-evidence-event"
CITE = ("role", "date_stated", "origin", "notes")  # citation fields a source dict may carry
DATES = {  # an event's date and its derived columns, for the faults below
    "2000-01-01": ("2000-01-01", "2000-01-01", "day"),
    "2000-01": ("2000-01-01", "2000-01-31", "month"),
    "2000": ("2000-01-01", "2000-12-31", "year"),
}


def cite_only(d: Path, sources: list[dict[str, str]], actors: tuple[str, str] = ("PAN", ""),
              status: str = "confirmed", date: str = "2000-01-01", notes: str = "") -> int:
    """Add an event (``confirmed`` unless said, dated ``date``, by ``actors``) cited by
    ``sources`` alone, new rows ``zzz-evidence-N`` (the first one primary, the others
    corroborating, each stating ``date`` unless its dict gives ``role``, ``date_stated``
    or ``origin`` of its citation); return its line."""
    ids = [f"zzz-evidence-{n}" for n in range(len(sources))]
    add_rows(d, "sources", [
        {"source_type": "news", "title": "A report", "language": "en",
         **{k: v for k, v in src.items() if k not in CITE}, "source_id": sid}
        for sid, src in zip(ids, sources, strict=True)
    ])
    add_rows(d, "event_sources", [
        {"event_id": EVENT, "source_id": sid, "role": "primary" if n == 0 else "corroborating",
         "date_stated": date, **{k: v for k, v in src.items() if k in CITE}}
        for n, (sid, src) in enumerate(zip(ids, sources, strict=True))
    ], order=2)
    header, rows = read(d, "events")
    start, end, precision = DATES[date]
    new = {
        "event_id": EVENT, "date": date, "date_start": start,
        "date_end": end, "date_precision": precision, "event_type": "statement",
        "title": "A statement", "summary": "Someone said something.",
        "title_es": "Una declaración", "summary_es": "Alguien dijo algo.",
        "title_ru": "Заявление", "summary_ru": "Кто-то что-то сказал.",
        "actor1": actors[0], "actor2": actors[1], "status": status, "notes": notes,
    }
    rows.append([new.get(h, "") for h in header])
    start, ident = header.index("date_start"), header.index("event_id")
    rows.sort(key=lambda r: (r[start], r[ident]))
    write(d, "events", header, rows)
    return line_of(d, "events", [r[ident] for r in rows].index(EVENT))


def two_bodies(d: Path) -> None:
    """Two unrelated government bodies of no state, ZZ-ONE and ZZ-TWO, ZZ-ONE-SUB under
    ZZ-ONE, a company ZZ-FIRM and an organisation ZZ-ORG, for the official-record half."""
    add_rows(d, "actors", [
        {"actor_id": "ZZ-ONE", "name": "Body one", "name_es": "Organismo uno",
         "name_ru": "Орган один", "kind": "government body"},
        {"actor_id": "ZZ-ONE-SUB", "name": "Office of body one", "name_es": "Oficina uno",
         "name_ru": "Служба один", "kind": "government body", "parent": "ZZ-ONE"},
        {"actor_id": "ZZ-TWO", "name": "Body two", "name_es": "Organismo dos",
         "name_ru": "Орган два", "kind": "government body"},
        {"actor_id": "ZZ-FIRM", "name": "A firm", "name_es": "Una empresa",
         "name_ru": "Фирма", "kind": "company"},
        {"actor_id": "ZZ-ORG", "name": "An organisation", "name_es": "Una organización",
         "name_ru": "Организация", "kind": "international organisation"},
    ])


def _refused(line: int) -> Expect:
    return _cell("status-confirmed", EV, "status", line)


@fault("status-confirmed")
def confirmed_one_publisher(d: Path) -> Expect:
    return _refused(cite_only(d, [{"publisher": "Only Paper"}, {"publisher": "Only Paper"}]))


@fault("status-confirmed")
def confirmed_relayed_wire(d: Path) -> Expect:
    """A wire item and its republication are one publisher, not two."""
    return _refused(cite_only(d, [
        {"publisher": "Wire Agency"},
        {"publisher": "Some Paper", "original_publisher": "Wire Agency"},
    ]))


@fault("status-confirmed")
def confirmed_unrelated_issuer(d: Path) -> Expect:
    two_bodies(d)
    return _refused(cite_only(
        d, [{"publisher": "Body two", "issuer": "ZZ-TWO", "source_type": "official"}],
        actors=("ZZ-ONE", ""),
    ))


@fault("status-confirmed")
def confirmed_by_a_company_page(d: Path) -> Expect:
    """A company's own page about its own act is not an official record."""
    two_bodies(d)
    return _refused(cite_only(d, [{"publisher": "A firm", "issuer": "ZZ-FIRM"}],
                              actors=("ZZ-FIRM", "")))


def _second_source_as(d: Path, role: str) -> Expect:
    line = cite_only(d, [{"publisher": "Paper A"}, {"publisher": "Paper B"}])
    set_cell(d, "event_sources", "role", role,
             lambda r: r["event_id"] == EVENT and r["role"] == "corroborating")
    return _refused(line)


@fault("status-confirmed")
def confirmed_contradicting_only(d: Path) -> Expect:
    """Only primary and corroborating citations count; a contradicting one does not."""
    return _second_source_as(d, "contradicting")


@fault("status-confirmed")
def confirmed_background_only(d: Path) -> Expect:
    """A background source (an announcement before the event) does not confirm it."""
    return _second_source_as(d, "background")


@fault("actor-iso")
def actor_state_without_iso(d: Path) -> Expect:
    line = set_cell(d, "actors", "iso3166_numeric", "", _state)
    return _cell("actor-iso", AC, "iso3166_numeric", line)


@fault("actor-iso")
def actor_iso_not_its_id(d: Path) -> Expect:
    line = set_cell(d, "actors", "iso3166_alpha3", "ZZZ", _state)
    return _cell("actor-iso", AC, "iso3166_alpha3", line)


@fault("actor-iso")
def actor_iso_on_a_body(d: Path) -> Expect:
    line = set_cell(d, "actors", "iso3166_alpha3", "PAN", lambda r: r["kind"] != "state")
    return _cell("actor-iso", AC, "iso3166_alpha3", line)


@fault("actor-parent-cycle")
def actor_parent_cycle(d: Path) -> Expect:
    """A state that is its own parent (no lineage of the status rule runs through it)."""
    line = edit(d, "actors", _state, lambda r: r.__setitem__("parent", r["actor_id"]))
    return _cell("actor-parent-cycle", AC, "parent", line)


@fault("country-not-state")
def country_not_a_state(d: Path) -> Expect:
    body = next(r["actor_id"] for r in _records(d, "actors") if r["kind"] != "state")
    line = set_cell(d, "events", "country", body, _has("country"))
    return _cell("country-not-state", EV, "country", line)


# Every date shows its evidence ------------------------------------------------------


def _cites_of_event(d: Path) -> list[int]:
    """Lines of the citations of the event ``cite_only`` added, in file order."""
    _, rows = read(d, "event_sources")
    return [line_of(d, "event_sources", i) for i, r in enumerate(rows) if r[0] == EVENT]


@fault("status-confirmed")
def confirmed_by_one_origin_relayed_twice(d: Path) -> Expect:
    """Two publishers relaying one ministry's post (its name spelled with other case
    and spacing) are one origin."""
    return _refused(cite_only(d, [
        {"publisher": "Paper A", "origin": "Ministry of Foreign Affairs"},
        {"publisher": "Paper B", "origin": "ministry of  foreign affairs"},
    ]))


@fault("status-confirmed")
def confirmed_by_a_month_for_a_day(d: Path) -> Expect:
    """A source that dates the event only to its month does not confirm a day."""
    return _refused(cite_only(d, [
        {"publisher": "Paper A"},
        {"publisher": "Paper B", "date_stated": "2000-01"},
    ]))


@fault("status-confirmed")
def confirmed_by_an_undated_official_record(d: Path) -> Expect:
    """An official record that does not state the date does not confirm it."""
    two_bodies(d)
    return _refused(cite_only(d, [
        {"publisher": "Paper A"},
        {"publisher": "Body one", "issuer": "ZZ-ONE", "source_type": "official",
         "date_stated": ""},
    ], actors=("ZZ-ONE", "")))


@fault("date-beyond-sources")
def date_beyond_sources(d: Path) -> Expect:
    """A day where both sources give only the month: the row claims more."""
    line = cite_only(d, [{"publisher": "Paper A", "date_stated": "2000-01"},
                         {"publisher": "Paper B", "date_stated": "2000-01"}], status="reported")
    return _cell("date-beyond-sources", EV, "date", line)


@fault("date-beyond-sources")
def date_beyond_an_open_source(d: Path) -> Expect:
    """A source stating one day on or before 2000-01-01 does not give that day."""
    line = cite_only(d, [{"publisher": "Paper A", "date_stated": "[..2000-01-01]"}],
                     status="reported")
    return _cell("date-beyond-sources", EV, "date", line)


@fault("date-wider-than-sources")
def date_wider_than_sources(d: Path) -> Expect:
    """The month where one source gives the day (the other only the month)."""
    line = cite_only(d, [{"publisher": "Paper A", "date_stated": "2000-01-01"},
                         {"publisher": "Paper B", "date_stated": "2000-01"}],
                     status="reported", date="2000-01")
    return _cell("date-wider-than-sources", EV, "date", line)


@fault("date-sources-disagree")
def date_sources_disagree(d: Path) -> Expect:
    """Two months of one year: no day in common."""
    line = cite_only(d, [{"publisher": "Paper A", "date_stated": "2000-01"},
                         {"publisher": "Paper B", "date_stated": "2000-03"}],
                     status="reported", date="2000")
    return _cell("date-sources-disagree", EV, "date", line)


@fault("citation-outside-date")
def citation_outside_date(d: Path) -> Expect:
    """A corroborating source that dates the event a year later contradicts it."""
    cite_only(d, [{"publisher": "Paper A"},
                  {"publisher": "Paper B", "date_stated": "2001-05-05"}], status="reported")
    return _cell("citation-outside-date", ES, "date_stated", _cites_of_event(d)[1])


@fault("date-unsourced")
def date_unsourced(d: Path) -> Expect:
    """No supporting source states a date; the notes do not say where it comes from."""
    line = cite_only(d, [{"publisher": "Paper A", "date_stated": ""},
                         {"publisher": "Paper B", "date_stated": "2000-01-01",
                          "role": "background"}],
                     status="reported", notes="Update: the mandate is uncertain.")
    return _cell("date-unsourced", EV, "date", line)


@fault("edtf-parse")
def edtf_parse_date_stated(d: Path) -> Expect:
    """A day that is not on the calendar (of the pattern, so only the parse refuses it)."""
    cite_only(d, [{"publisher": "Paper A"},
                  {"publisher": "Paper B", "date_stated": "2000-02-30"}], status="reported")
    return _cell("edtf-parse", ES, "date_stated", _cites_of_event(d)[1])


@fault("pattern")
def pattern_date_stated(d: Path) -> Expect:
    """Words are not a stated date: the pattern refuses them (and nothing else does)."""
    cite_only(d, [{"publisher": "Paper A"},
                  {"publisher": "Paper B", "date_stated": "January 2000"}], status="reported")
    return _cell("pattern", ES, "date_stated", _cites_of_event(d)[1])


@fault("notes-working-words")
def notes_working_words(d: Path) -> Expect:
    """Working notes in every resource's notes."""
    found = []
    for table, file, note in (
        ("event_sources", ES, "Source row defined by helper r3."),
        ("sources", SO, "Title as recorded by the audit of 2026-11-30."),
        ("actors", AC, "TODO: find its Wikidata item."),
    ):
        found += _cell("notes-working-words", file, "notes", set_cell(d, table, "notes", note))
    dated = _dated_by_sources(d)
    line = set_cell(d, "events", "notes", "Reported under lead decision 3 (r2 had confirmed).",
                    lambda r: dated(r) and r["date"][-1:] not in "?~%")
    return [*found, *_cell("notes-working-words", EV, "notes", line)]
