"""The earned status, read a second time: straight from the CSV files with the csv
module and the ``edtf`` package, by code written here, and compared with the
checker's computation (``checker.evidence.earned_status``).

The rule, as the schema's ``status`` field states it: an event earns ``confirmed``
with two ``primary``/``corroborating`` citations of distinct origin (the citation's
``origin``, else the source's ``original_publisher``, else its ``publisher``, ignoring
case and spacing) whose ``date_stated`` lies within the event's bounds, or one such
citation of an official record: a source whose ``issuer`` is a public body (a state, a
government body, a legislature or an international organisation) that is actor1 or
actor2, an ancestor or descendant of either, or an international organisation.
Anything less earns ``reported``.

The comparison runs on a synthetic package with one event per case
(``_evidence_fixture``, whose expected statuses are written by hand) and on the
shipped data; then each broken case must be refused with its file, line and field.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
from pathlib import Path

import edtf
import pytest
from _evidence_fixture import CASES, EARNED, build
from _faults import EVENT, cite_only, two_bodies

import russia_panama_timeline as rpt
from russia_panama_timeline.checker import check_package
from russia_panama_timeline.checker.evidence import earned_status

SUPPORT = {"primary", "corroborating"}
PUBLIC = {"state", "historical state", "government body", "legislature",
          "international organisation"}
EV, ES = "data/events.csv", "data/event_sources.csv"


# --- the second reading ------------------------------------------------------------------


def _rows(descriptor: Path, name: str) -> list[dict[str, str]]:
    res = next(r for r in json.loads(descriptor.read_text(encoding="utf-8"))["resources"]
               if r["name"] == name)
    with open(descriptor.parent / res["path"], encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def _bounds(text: str) -> tuple[dt.date | None, dt.date | None]:
    """First and last possible day (None: open) by the ``edtf`` package."""
    parsed = edtf.parse_edtf(text)

    def day(t: object) -> dt.date | None:
        if isinstance(t, float):  # -inf / inf: an open end
            return None
        return dt.date(t.tm_year, t.tm_mon, t.tm_mday)  # type: ignore[attr-defined]

    return day(parsed.lower_strict()), day(parsed.upper_strict())


def _inside(inner: tuple, outer: tuple) -> bool:
    (a, b), (lo, hi) = inner, outer
    starts_inside = lo is None or (a is not None and a >= lo)
    ends_inside = hi is None or (b is not None and b <= hi)
    return starts_inside and ends_inside


def read_status(descriptor: Path) -> dict[str, str]:
    """Per event_id, the status its citations earn, computed from the CSV files."""
    events = _rows(descriptor, "events")
    sources = {r["source_id"]: r for r in _rows(descriptor, "sources")}
    actors = {r["actor_id"]: r for r in _rows(descriptor, "actors")}

    def lineage(actor: str) -> list[str]:
        chain: list[str] = []
        while actor and actor in actors and actor not in chain:
            chain.append(actor)
            actor = actors[actor]["parent"]
        return chain

    def official(issuer: str, event: dict[str, str]) -> bool:
        kind = actors.get(issuer, {}).get("kind")
        if kind not in PUBLIC:
            return False
        if kind == "international organisation":
            return True
        return any(event[a] and (issuer in lineage(event[a]) or event[a] in lineage(issuer))
                   for a in ("actor1", "actor2"))

    by_event: dict[str, list[dict[str, str]]] = {}
    for c in _rows(descriptor, "event_sources"):
        by_event.setdefault(c["event_id"], []).append(c)
    out = {}
    for event in events:
        span = _bounds(event["date"])
        origins, by_record = set(), False
        for c in by_event.get(event["event_id"], []):
            if c["role"] not in SUPPORT or not c["date_stated"]:
                continue
            if not _inside(_bounds(c["date_stated"]), span):
                continue
            source = sources.get(c["source_id"], {})
            who = c["origin"] or source.get("original_publisher") or source.get("publisher")
            if who:
                origins.add(" ".join(who.casefold().split()))
            by_record |= official(source.get("issuer", ""), event)
        out[event["event_id"]] = "confirmed" if len(origins) >= 2 or by_record else "reported"
    return out


# --- the fixture: one event per case -----------------------------------------------------


@pytest.fixture(scope="module")
def fixture(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build(tmp_path_factory.mktemp("evidence"))


def test_the_fixture_is_valid(fixture: Path) -> None:
    """Every case is a valid package: the rules refuse nothing the schema allows."""
    report = check_package(fixture)
    assert [str(f) for f in report.findings] == []


def test_the_second_reading_gives_the_statuses_written_by_hand(fixture: Path) -> None:
    assert read_status(fixture) == EARNED


def test_the_checker_computes_the_same_status(fixture: Path) -> None:
    assert earned_status(fixture) == read_status(fixture) == EARNED
    assert set(EARNED.values()) == {"confirmed", "reported"}


@pytest.fixture(scope="module")
def shipped_reading() -> dict[str, str]:
    """The second reading of the shipped data (``read_status``), made once for the tests
    that compare with it (a new dict for each would be the same)."""
    return read_status(Path(rpt.DATAPACKAGE))


def test_on_the_shipped_data_the_checker_and_the_csv_files_agree(
        shipped_reading: dict[str, str]) -> None:
    descriptor = Path(rpt.DATAPACKAGE)
    assert earned_status(descriptor) == shipped_reading


def test_every_confirmed_event_of_the_shipped_data_earns_it(
        shipped_reading: dict[str, str]) -> None:
    descriptor = Path(rpt.DATAPACKAGE)
    earned = shipped_reading
    confirmed = [e["event_id"] for e in _rows(descriptor, "events")
                 if e["status"] == "confirmed"]
    assert confirmed
    assert [e for e in confirmed if earned[e] != "confirmed"] == []


# --- each broken case of the fixture is refused where it is ------------------------------


def _edit(descriptor: Path, name: str, pick: dict[str, str], **change: str) -> int:
    """Change the rows of ``name`` matching ``pick``; return the line of the first."""
    from _corrupt import line_of, read, write

    header, rows = read(descriptor, name)
    lines = []
    for i, row in enumerate(rows):
        record = dict(zip(header, row, strict=True))
        if all(record[k] == v for k, v in pick.items()):
            record.update(change)
            rows[i] = [record[h] for h in header]
            lines.append(i)
    assert lines, pick
    write(descriptor, name, header, rows)
    return line_of(descriptor, name, lines[0])


def _found(descriptor: Path) -> list[tuple[str, str, int | None, str | None]]:
    return [(f.code, f.file, f.line, f.field) for f in check_package(descriptor).findings]


def _said(descriptor: Path) -> set[tuple[str, str, str | None, str]]:
    """The findings without their lines (which move when rows are added)."""
    return {(f.code, f.file, f.field, f.message) for f in check_package(descriptor).findings}


def _new(descriptor: Path, before: set) -> list[tuple[str, str, int | None, str | None]]:
    """The findings of the copy that it did not have before it was changed (the copy
    of the shipped package may have findings of its own)."""
    return [(f.code, f.file, f.line, f.field) for f in check_package(descriptor).findings
            if (f.code, f.file, f.field, f.message) not in before]


@pytest.mark.parametrize(
    "event",
    [c.event_id for c in CASES if c.earned == "reported" and c.status == "reported"],
)
def test_a_confirmed_that_is_not_earned_is_refused(tmp_path: Path, event: str) -> None:
    descriptor = build(tmp_path)
    line = _edit(descriptor, "events", {"event_id": event}, status="confirmed")
    assert _found(descriptor) == [("status-confirmed", EV, line, "status")]
    message = check_package(descriptor).findings[0].message
    assert message.startswith(f"{event} is confirmed, but earns only reported: ")


def test_a_date_narrower_than_its_sources_is_refused(tmp_path: Path) -> None:
    """A day where the sources give only the month (the order of rows is kept)."""
    descriptor = build(tmp_path)
    line = _edit(descriptor, "events", {"event_id": "month-confirms-a-month"},
                 date="2025-04-01", date_end="2025-04-01", date_precision="day")
    assert _found(descriptor) == [("date-beyond-sources", EV, line, "date")]


def test_a_date_wider_than_its_sources_says_how_far_it_can_narrow(tmp_path: Path) -> None:
    descriptor = build(tmp_path)
    line = _edit(descriptor, "events", {"event_id": "reported-but-earning"},
                 date="[2025-04-07..2025-04-09]", date_end="2025-04-09",
                 date_precision="bounded")
    [finding] = check_package(descriptor).findings
    assert (finding.code, finding.file, finding.line, finding.field) == (
        "date-wider-than-sources", EV, line, "date")
    assert finding.message.endswith(
        "the sources state 2025-04-07..2025-04-07: the date can be 2025-04-07")


def test_an_open_date_wider_than_its_sources(tmp_path: Path) -> None:
    """``[..D]`` where one source gives the day D itself: the date can be D."""
    descriptor = build(tmp_path)
    _edit(descriptor, "event_sources", {"event_id": "on-or-before", "role": "corroborating"},
          date_stated="2025-04-07")
    [finding] = check_package(descriptor).findings
    assert finding.code == "date-wider-than-sources"
    assert finding.message.endswith(
        "the sources state 2025-04-07..2025-04-07: the date can be 2025-04-07")


def test_a_supporting_source_outside_the_date_is_refused(tmp_path: Path) -> None:
    descriptor = build(tmp_path)
    line = _edit(descriptor, "event_sources",
                 {"event_id": "contradicting-does-not-count", "role": "contradicting"},
                 role="corroborating")
    found = check_package(descriptor).findings
    assert [(f.code, f.file, f.line, f.field) for f in found] == [
        ("citation-outside-date", ES, line, "date_stated")]
    assert "make it contradicting" in found[0].message


def test_an_undated_event_needs_notes_that_speak_of_the_date(tmp_path: Path) -> None:
    descriptor = build(tmp_path)
    line = _edit(descriptor, "events", {"event_id": "undated-with-notes"},
                 notes="Neither report says when; a candidate for the mandate.")
    assert _found(descriptor) == [("date-unsourced", EV, line, "date")]


def test_working_words_in_notes_are_refused(tmp_path: Path) -> None:
    descriptor = build(tmp_path)
    line = _edit(descriptor, "event_sources", {"event_id": "two-origins", "role": "primary"},
                 notes="Source row defined by helper r3.")
    assert _found(descriptor) == [("notes-working-words", ES, line, "notes")]


# --- the rule's parts on copies of the shipped package -----------------------------------


@pytest.mark.parametrize(
    "sources",
    [
        [{"publisher": "Paper A"}, {"publisher": "Paper B"}],
        [{"publisher": "Paper A", "original_publisher": "Wire"}, {"publisher": "Wire B"}],
        [{"publisher": "Paper A", "origin": "Ministry"}, {"publisher": "Paper B"}],
    ],
    ids=["two-publishers", "relay-and-another", "origin-and-another"],
)
def test_two_independent_origins_confirm(package_copy: Path, sources: list) -> None:
    before = _said(package_copy)
    cite_only(package_copy, sources)
    assert _new(package_copy, before) == []
    assert earned_status(package_copy)[EVENT] == "confirmed"


@pytest.mark.parametrize(
    ("issuer", "actors"),
    [
        ("ZZ-ONE", ("ZZ-ONE", "")),  # the acting body itself
        ("ZZ-TWO", ("ZZ-ONE", "ZZ-TWO")),  # the body acted upon
        ("ZZ-ONE", ("ZZ-ONE-SUB", "")),  # an ancestor of the actor
        ("ZZ-ONE-SUB", ("ZZ-ONE", "")),  # a descendant of the actor
        ("ZZ-ORG", ("ZZ-ONE", "")),  # an international organisation's own record
    ],
)
def test_an_official_record_of_the_actors_confirms(
    package_copy: Path, issuer: str, actors: tuple[str, str]
) -> None:
    before = _said(package_copy)
    two_bodies(package_copy)
    cite_only(package_copy, [{"publisher": "Official", "issuer": issuer}], actors=actors)
    assert _new(package_copy, before) == []
    assert earned_status(package_copy)[EVENT] == "confirmed"


def test_an_unrelated_official_record_does_not_confirm(package_copy: Path) -> None:
    before = _said(package_copy)
    two_bodies(package_copy)
    line = cite_only(package_copy, [{"publisher": "Official", "issuer": "ZZ-TWO"}],
                     actors=("ZZ-ONE-SUB", ""))
    assert _new(package_copy, before) == [("status-confirmed", EV, line, "status")]


def test_the_checker_agrees_with_the_second_reading_when_everything_is_confirmed(
    package_copy: Path,
) -> None:
    """Every event of a copy claims confirmed: the checker refuses exactly those the
    second reading says do not earn it (among those whose date agrees with its sources,
    since the status is judged once the date is right)."""
    from _corrupt import read, write

    cite_only(package_copy, [{"publisher": "Only Paper"}])  # at least one event falls short
    header, rows = read(package_copy, "events")
    status = header.index("status")
    for row in rows:
        if row[status] == "reported":
            row[status] = "confirmed"
    write(package_copy, "events", header, rows)
    earned = read_status(package_copy)
    findings = check_package(package_copy).findings
    events, cites = _rows(package_copy, "events"), _rows(package_copy, "event_sources")
    date_wrong = {events[f.line - 2]["event_id"] for f in findings
                  if f.file == EV and f.field == "date"}
    date_wrong |= {cites[f.line - 2]["event_id"] for f in findings
                   if f.code == "citation-outside-date"}
    refused = {f.message.split(" ")[0] for f in findings if f.code == "status-confirmed"}
    expected = {e["event_id"] for e in events
                if e["status"] == "confirmed" and earned[e["event_id"]] == "reported"
                and e["event_id"] not in date_wrong}
    assert refused == expected
    assert EVENT in refused


def test_an_announcement_before_the_event_is_background_not_a_finding(package_copy: Path) -> None:
    from _faults import _records, add_rows, set_cell

    first = next(r for r in _records(package_copy, "events") if r["date_start"])
    add_rows(package_copy, "sources", [{
        "source_id": "zzz-announcement", "source_type": "news", "title": "Visit announced",
        "publisher": "Paper", "published": "1800-01-01", "language": "en",
    }])
    add_rows(package_copy, "event_sources", [
        {"event_id": first["event_id"], "source_id": "zzz-announcement", "role": "background"}
    ], order=2)
    assert "source-date" not in [c for c, *_ in _found(package_copy)]
    set_cell(package_copy, "event_sources", "role", "corroborating",
             lambda r: r["source_id"] == "zzz-announcement")
    assert "source-date" in [c for c, *_ in _found(package_copy)]


def test_every_event_cites_a_source_with_an_address() -> None:
    sources = rpt.load_sources()
    cites = rpt.load_event_sources()
    with_url = set(sources.loc[sources["url"].notna(), "source_id"])
    linked = set(cites.loc[cites["source_id"].isin(with_url), "event_id"])
    assert sorted(set(rpt.load_events()["event_id"]) - linked) == []
