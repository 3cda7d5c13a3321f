"""The corpus of faults: one function per check, each putting exactly one fault into a
copy of the package and returning where the checker must report it:
``(code, file, line)`` (line None for whole-file and descriptor findings)."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from pathlib import Path

from _corrupt import edit, edit_descriptor, line_of, read, set_cell, write
from conftest import repin

EV, SO, ES = "data/events.csv", "data/sources.csv", "data/event_sources.csv"
AC = "data/actors.csv"
Expect = tuple[str, str, int | None]
FAULTS: dict[str, Callable[[Path], Expect]] = {}


def fault(fn: Callable[[Path], Expect]) -> Callable[[Path], Expect]:
    FAULTS[fn.__name__] = fn
    return fn


def _has(field: str) -> Callable[[dict[str, str]], bool]:
    return lambda r: bool(r[field])


def _day(r: dict[str, str]) -> bool:
    return r["date_precision"] == "day" and "/" not in r["date"]


# Layer 1: the descriptor and the files ---------------------------------------------


@fault
def profile_schema(d: Path) -> Expect:
    edit_descriptor(d, lambda x: x.__setitem__("$schema", "https://example.org/dp.json"))
    return "descriptor", "datapackage.json", None


@fault
def profile_field_type(d: Path) -> Expect:
    edit_descriptor(d, lambda x: x["resources"][0]["schema"]["fields"][0].update(type="strin"))
    return "descriptor", "datapackage.json", None


@fault
def vocabulary_undocumented(d: Path) -> Expect:
    def drop(x: dict) -> None:
        field = next(f for f in x["resources"][0]["schema"]["fields"] if f["name"] == "event_type")
        field["categories"] = field["categories"][1:]

    edit_descriptor(d, drop)
    return "vocabulary", "datapackage.json", None


@fault
def pinned_hash(d: Path) -> Expect:
    path = d.parent / SO
    data = path.read_bytes()
    i = data.index(b"\n") + 1  # first byte of the first record, replaced by itself swapped
    swapped = b"a" if data[i : i + 1] != b"a" else b"b"
    path.write_bytes(data[:i] + swapped + data[i + 1 :])
    return "hash", SO, None


@fault
def pinned_bytes(d: Path) -> Expect:
    path = d.parent / ES
    path.write_bytes(path.read_bytes() + b"\n")
    return "bytes", ES, None


@fault
def bom(d: Path) -> Expect:
    path = d.parent / EV
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    repin(d)
    return "encoding", EV, 1


@fault
def invalid_utf8(d: Path) -> Expect:
    line = set_cell(d, "events", "notes", "NOTEMARK", lambda r: True)
    path = d.parent / EV
    path.write_bytes(path.read_bytes().replace(b"NOTEMARK", b"bad \xff byte"))
    repin(d)
    return "encoding", EV, line


@fault
def mixed_line_endings(d: Path) -> Expect:
    path = d.parent / SO
    lines = path.read_bytes().split(b"\n")
    lines[3] = lines[3] + b"\r"
    path.write_bytes(b"\n".join(lines))
    repin(d)
    return "line-endings", SO, 4


@fault
def header_order(d: Path) -> Expect:
    header, rows = read(d, "event_sources")
    header[2], header[3] = header[3], header[2]
    for row in rows:
        row[2], row[3] = row[3], row[2]
    write(d, "event_sources", header, rows)
    return "header", ES, 1


@fault
def ragged_row(d: Path) -> Expect:
    header, rows = read(d, "sources")
    rows[2].append("extra")
    write(d, "sources", header, rows)
    return "ragged-row", SO, line_of(d, "sources", 2)


@fault
def blank_row(d: Path) -> Expect:
    path = d.parent / ES
    lines = path.read_bytes().split(b"\n")
    lines.insert(3, b"")
    path.write_bytes(b"\n".join(lines))
    repin(d)
    return "blank-row", ES, 4


# Layer 1: types and constraints ----------------------------------------------------


@fault
def required(d: Path) -> Expect:
    return "required", EV, set_cell(d, "events", "title", "")


@fault
def type_number(d: Path) -> Expect:
    return "type", EV, set_cell(d, "events", "latitude", "nine", _has("latitude"))


@fault
def type_date(d: Path) -> Expect:
    return "type", SO, set_cell(d, "sources", "accessed", "2024-02-30")


@fault
def enum_event_type(d: Path) -> Expect:
    return "enum", EV, set_cell(d, "events", "event_type", "party")


@fault
def foreign_key_actor(d: Path) -> Expect:
    return "foreign-key", EV, set_cell(d, "events", "actor1", "XXX")


@fault
def foreign_key_country(d: Path) -> Expect:
    return "foreign-key", EV, set_cell(d, "events", "country", "FRA", _has("country"))


@fault
def foreign_key_issuer(d: Path) -> Expect:
    return "foreign-key", SO, set_cell(d, "sources", "issuer", "NO-SUCH-BODY")


@fault
def foreign_key_parent(d: Path) -> Expect:
    return "foreign-key", AC, set_cell(d, "actors", "parent", "NO-SUCH-ACTOR")


@fault
def pattern_wikidata(d: Path) -> Expect:
    return "pattern", AC, set_cell(d, "actors", "wikidata", "Q0123", _has("wikidata"))


@fault
def pattern_iso_numeric(d: Path) -> Expect:
    return "pattern", AC, set_cell(d, "actors", "iso3166_numeric", "64", _has("iso3166_numeric"))


@fault
def pattern_bounded_date(d: Path) -> Expect:
    """A one-of-a-set with qualifiers inside is EDTF, but not a form the schema admits."""
    return "pattern", EV, set_cell(d, "events", "date", "[1988-11-01?..1988-11-03]", _day)


@fault
def pattern_locator(d: Path) -> Expect:
    return "pattern", ES, set_cell(d, "event_sources", "locator", "paragraph three")


@fault
def pattern_id(d: Path) -> Expect:
    """An id that breaks its pattern, renamed consistently so that no key breaks."""
    header, rows = read(d, "sources")
    old = rows[-1][0]
    new = old.upper()
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
    return "pattern", SO, line_of(d, "sources", len(rows) - 1)


@fault
def max_length(d: Path) -> Expect:
    return "max-length", EV, set_cell(d, "events", "title", "x" * 121)


@fault
def maximum(d: Path) -> Expect:
    return "maximum", EV, set_cell(d, "events", "latitude", "91.5", _has("latitude"))


@fault
def minimum(d: Path) -> Expect:
    return "minimum", EV, set_cell(d, "events", "longitude", "-180.5", _has("longitude"))


@fault
def unique_id(d: Path) -> Expect:
    header, rows = read(d, "events")
    rows.insert(1, list(rows[0]))  # a second row with the first row's id, right after it
    write(d, "events", header, rows)
    return "unique", EV, line_of(d, "events", 1)


@fault
def primary_key_composite(d: Path) -> Expect:
    header, rows = read(d, "event_sources")
    rows.insert(1, list(rows[0]))
    write(d, "event_sources", header, rows)
    return "primary-key", ES, line_of(d, "event_sources", 1)


@fault
def foreign_key_event(d: Path) -> Expect:
    header, rows = read(d, "event_sources")
    rows[-1][0] = "zzz-no-such-event"
    write(d, "event_sources", header, rows)
    return "foreign-key", ES, line_of(d, "event_sources", len(rows) - 1)


@fault
def foreign_key_self(d: Path) -> Expect:
    return "foreign-key", SO, set_cell(d, "sources", "cited_in", "no-such-source")


# Layer 2 ---------------------------------------------------------------------------


@fault
def edtf_parse(d: Path) -> Expect:
    return "edtf-parse", EV, set_cell(d, "events", "date", "2021-13-01", _day)


@fault
def edtf_parse_published(d: Path) -> Expect:
    return "edtf-parse", SO, set_cell(d, "sources", "published", "2021-02-30", _has("published"))


@fault
def edtf_bounds(d: Path) -> Expect:
    return "edtf-bounds", EV, set_cell(d, "events", "date_end", "2999-12-31", _day)


@fault
def edtf_open_bound(d: Path) -> Expect:
    return "edtf-bounds", EV, set_cell(d, "events", "date_start", "", _day)


@fault
def edtf_precision(d: Path) -> Expect:
    return "edtf-precision", EV, set_cell(d, "events", "date_precision", "year", _day)


def _set_date(d: Path, value: str, start: str, end: str, precision: str) -> int:
    def change(r: dict[str, str]) -> None:
        r.update(date=value, date_start=start, date_end=end, date_precision=precision)
        r["notes"] = r["notes"] or "A note."

    return edit(d, "events", _day, change)


@fault
def edtf_bounded_bounds(d: Path) -> Expect:
    """``[A..B]`` has the bounds A and B: an end taken from elsewhere is refused."""
    day = next(r for r in _records(d, "events") if _day(r))["date"]
    value = f"[{day[:8]}01..{day[:8]}09]"
    return "edtf-bounds", EV, _set_date(d, value, f"{day[:8]}01", f"{day[:8]}28", "bounded")


@fault
def edtf_bounded_precision(d: Path) -> Expect:
    day = next(r for r in _records(d, "events") if _day(r))["date"]
    value = f"[{day[:8]}01..{day[:8]}09]"
    return "edtf-precision", EV, _set_date(d, value, f"{day[:8]}01", f"{day[:8]}09", "period")


@fault
def edtf_bounded_one_day(d: Path) -> Expect:
    day = next(r for r in _records(d, "events") if _day(r))["date"]
    return "edtf-parse", EV, _set_date(d, f"[{day}..{day}]", day, day, "bounded")


@fault
def date_qualifier_without_notes(d: Path) -> Expect:
    def change(r: dict[str, str]) -> None:
        r.update(date=r["date"] + "?", notes="")

    return "date-qualifier-notes", EV, edit(d, "events", _day, change)


@fault
def source_published_before_event(d: Path) -> Expect:
    _, events = read(d, "events")
    starts = {r[0]: r[2] for r in events}
    _, cites = read(d, "event_sources")
    i = next(
        i
        for i, r in enumerate(cites)
        if r[2] in ("primary", "corroborating") and starts.get(r[0], "") > "1801"
    )
    set_cell(d, "sources", "published", "1800", lambda r: r["source_id"] == cites[i][1])
    return "source-date", ES, line_of(d, "event_sources", i)


@fault
def cited_in_cycle(d: Path) -> Expect:
    return (
        "cited-in-cycle",
        SO,
        edit(d, "sources", lambda r: True, lambda r: r.__setitem__("cited_in", r["source_id"])),
    )


@fault
def uncited_event(d: Path) -> Expect:
    _, events = read(d, "events")
    header2, cites = read(d, "event_sources")
    cited_once = {}
    for r in cites:
        cited_once[r[1]] = cited_once.get(r[1], 0) + 1
    # an event whose sources are all cited elsewhere too, so no source becomes unused
    target = next(e[0] for e in events if all(cited_once[c[1]] > 1 for c in cites if c[0] == e[0]))
    write(d, "event_sources", header2, [c for c in cites if c[0] != target])
    return "uncited-event", EV, line_of(d, "events", [e[0] for e in events].index(target))


@fault
def unused_source(d: Path) -> Expect:
    header, rows = read(d, "sources")
    extra = list(rows[-1])
    extra[0] = "zzzz-unused-source"
    rows.append(extra)
    write(d, "sources", header, rows)
    return "unused-source", SO, line_of(d, "sources", len(rows) - 1)


@fault
def url_scheme(d: Path) -> Expect:
    return "url", SO, set_cell(d, "sources", "url", "ftp://example.org/a", _has("url"))


@fault
def url_relative(d: Path) -> Expect:
    return "url", SO, set_cell(d, "sources", "url", "example.org/page", _has("url"))


@fault
def text_nfc(d: Path) -> Expect:
    return "text-nfc", EV, set_cell(d, "events", "title", unicodedata.normalize("NFD", "Colón"))


@fault
def text_trim(d: Path) -> Expect:
    return (
        "text-trim",
        EV,
        edit(d, "events", lambda r: True, lambda r: r.__setitem__("summary", r["summary"] + " ")),
    )


@fault
def text_control(d: Path) -> Expect:
    return "text-control", SO, set_cell(d, "sources", "notes", "bell \x07 here")


@fault
def formula(d: Path) -> Expect:
    return "formula", EV, set_cell(d, "events", "notes", '=HYPERLINK("http://x.org")')


@fault
def language(d: Path) -> Expect:
    return "language", SO, set_cell(d, "sources", "language", "zz")


@fault
def coordinates_alone(d: Path) -> Expect:
    return "coordinates", EV, set_cell(d, "events", "longitude", "", _has("latitude"))


@fault
def order(d: Path) -> Expect:
    header, rows = read(d, "events")
    i = next(i for i in range(len(rows) - 1) if rows[i][2] != rows[i + 1][2])
    rows[i], rows[i + 1] = rows[i + 1], rows[i]
    write(d, "events", header, rows)
    return "order", EV, line_of(d, "events", i + 1)


# Actors and the status rule ------------------------------------------------------


def _records(d: Path, table: str) -> list[dict[str, str]]:
    header, rows = read(d, table)
    return [dict(zip(header, r, strict=True)) for r in rows]


def add_rows(d: Path, table: str, records: list[dict[str, str]]) -> None:
    """Append rows given as dicts (missing fields empty), in canonical order."""
    header, rows = read(d, table)
    rows += [[r.get(h, "") for h in header] for r in records]
    order = {"actors": 1, "sources": 1, "event_sources": 2}.get(table, 1)
    rows.sort(key=lambda r: tuple(r[:order]))
    write(d, table, header, rows)


@fault
def actor_state_without_iso(d: Path) -> Expect:
    return "actor-iso", AC, set_cell(
        d, "actors", "iso3166_numeric", "", lambda r: r["kind"] == "state"
    )


@fault
def actor_iso_not_its_id(d: Path) -> Expect:
    """A state's alpha-3 code is its id: PAN's row may not carry another state's code."""
    return "actor-iso", AC, set_cell(
        d, "actors", "iso3166_alpha3", "ZZZ", lambda r: r["kind"] == "state"
    )


@fault
def actor_iso_on_a_body(d: Path) -> Expect:
    return "actor-iso", AC, set_cell(
        d, "actors", "iso3166_alpha3", "PAN", lambda r: r["kind"] != "state" and r["kind"] != ""
    )


@fault
def actor_parent_cycle(d: Path) -> Expect:
    return (
        "actor-parent-cycle",
        AC,
        edit(d, "actors", lambda r: True, lambda r: r.__setitem__("parent", r["actor_id"])),
    )


@fault
def country_not_a_state(d: Path) -> Expect:
    body = next(r["actor_id"] for r in _records(d, "actors") if r["kind"] != "state")
    return "country-not-state", EV, set_cell(d, "events", "country", body, _has("country"))


def cite_only(d: Path, sources: list[dict[str, str]], actors: tuple[str, str] = ("", "")) -> int:
    """Make the first event ``confirmed`` and cite it with ``sources`` alone (new rows
    ``zzz-evidence-N``, the first one primary); optionally set its actor1/actor2.
    Returns the event's line. The sources it cited before stay (some may become unused)."""
    first = _records(d, "events")[0]
    ids = [f"zzz-evidence-{n}" for n in range(len(sources))]
    add_rows(d, "sources", [
        {"source_type": "news", "title": "A report", "language": "en", **src, "source_id": sid}
        for sid, src in zip(ids, sources, strict=True)
    ])
    header, rows = read(d, "event_sources")
    rows = [r for r in rows if r[0] != first["event_id"]]
    write(d, "event_sources", header, rows)
    add_rows(d, "event_sources", [
        {"event_id": first["event_id"], "source_id": sid,
         "role": "primary" if n == 0 else "corroborating"}
        for n, sid in enumerate(ids)
    ])

    def change(r: dict[str, str]) -> None:
        r["status"] = "confirmed"
        if actors[0]:
            r["actor1"], r["actor2"] = actors

    return edit(d, "events", lambda r: r["event_id"] == first["event_id"], change)


def two_bodies(d: Path) -> None:
    """Two unrelated government bodies of no state, ZZ-ONE and ZZ-TWO, and ZZ-ONE-SUB
    under ZZ-ONE, for the official-record half of the rule."""
    add_rows(d, "actors", [
        {"actor_id": "ZZ-ONE", "name": "Body one", "kind": "government body"},
        {"actor_id": "ZZ-ONE-SUB", "name": "Office of body one", "kind": "government body",
         "parent": "ZZ-ONE"},
        {"actor_id": "ZZ-TWO", "name": "Body two", "kind": "government body"},
    ])


@fault
def confirmed_one_publisher(d: Path) -> Expect:
    line = cite_only(d, [{"publisher": "Only Paper"}, {"publisher": "Only Paper"}])
    return "status-confirmed", EV, line


@fault
def confirmed_relayed_wire(d: Path) -> Expect:
    """A wire item and its republication are one publisher, not two."""
    line = cite_only(d, [
        {"publisher": "Wire Agency"},
        {"publisher": "Some Paper", "original_publisher": "Wire Agency"},
    ])
    return "status-confirmed", EV, line


@fault
def confirmed_unrelated_issuer(d: Path) -> Expect:
    two_bodies(d)
    line = cite_only(d, [{"publisher": "Body two", "issuer": "ZZ-TWO", "source_type": "official"}],
                     actors=("ZZ-ONE", ""))
    return "status-confirmed", EV, line


def _second_source_as(d: Path, role: str) -> Expect:
    line = cite_only(d, [{"publisher": "Paper A"}, {"publisher": "Paper B"}])
    first = _records(d, "events")[0]["event_id"]
    set_cell(d, "event_sources", "role", role,
             lambda r: r["event_id"] == first and r["role"] == "corroborating")
    return "status-confirmed", EV, line


@fault
def confirmed_contradicting_only(d: Path) -> Expect:
    """Only primary and corroborating citations count; a contradicting one does not."""
    return _second_source_as(d, "contradicting")


@fault
def confirmed_background_only(d: Path) -> Expect:
    """A background source (an announcement before the event) does not confirm it."""
    return _second_source_as(d, "background")


@fault
def min_length(d: Path) -> Expect:
    """The schema uses no minLength today; a copy that adds one must be enforced."""

    def add(x: dict) -> None:
        sources = next(r for r in x["resources"] if r["name"] == "sources")
        field = next(f for f in sources["schema"]["fields"] if f["name"] == "language")
        field["constraints"]["minLength"] = 3

    edit_descriptor(d, add)
    return "min-length", SO, line_of(d, "sources", 0)
