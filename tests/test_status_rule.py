"""The ``confirmed`` rule: the schema's definition, the checker that enforces it, and
the shipped data held to it by a second, independent reading written here in pandas.

Two independent publishers (``original_publisher`` or else ``publisher``, so a relayed
wire item counts once) or one official record (``issuer``) of actor1/actor2, of an
ancestor or descendant of either, or of an international organisation, among the
``primary`` and ``corroborating`` citations. An official record is the own record of a
public body (a state, a government body, a legislature, an international organisation),
not a company's or an association's page."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from _faults import EVENT, _records, add_rows, cite_only, two_bodies

import russia_panama_timeline as rpt
from russia_panama_timeline.checker import check_package

EVIDENCE = ("primary", "corroborating")
# Whose own pages are official records: public bodies, not companies, media or groups.
PUBLIC = {"state", "historical state", "government body", "legislature",
          "international organisation"}


def meets_rule(descriptor: Path | None = None) -> pd.Series:
    """Per event_id, whether its evidence meets ``confirmed`` (pandas, row by row)."""
    events = rpt.load_events(descriptor).astype({"actor1": object, "actor2": object})
    sources = rpt.load_sources(descriptor)
    cites = rpt.load_event_sources(descriptor)
    actors = rpt.load_actors(descriptor)
    parent = dict(zip(actors["actor_id"], actors["parent"].astype(object), strict=True))
    kind = dict(zip(actors["actor_id"], actors["kind"].astype(object), strict=True))

    def lineage(actor: str) -> list[str]:
        chain = []
        while isinstance(actor, str) and actor not in chain:
            chain.append(actor)
            actor = parent.get(actor)
        return chain

    def related(issuer: str, actor: object) -> bool:
        return isinstance(actor, str) and (issuer in lineage(actor) or actor in lineage(issuer))

    evidence = cites[cites["role"].isin(EVIDENCE)].merge(sources, on="source_id")
    evidence["who"] = evidence["original_publisher"].fillna(evidence["publisher"])
    out = {}
    for event in events.itertuples():
        mine = evidence[evidence["event_id"] == event.event_id]
        publishers = mine["who"].dropna().nunique()
        official = any(
            kind.get(i) in PUBLIC
            and (
                kind.get(i) == "international organisation"
                or related(i, event.actor1)
                or related(i, event.actor2)
            )
            for i in mine["issuer"].dropna()
        )
        out[event.event_id] = publishers >= 2 or official
    return pd.Series(out, dtype=bool)


def test_every_confirmed_event_meets_the_rule() -> None:
    events = rpt.load_events()
    met = meets_rule()
    confirmed = events.loc[events["status"] == "confirmed", "event_id"]
    assert len(confirmed) > 0
    assert [e for e in confirmed if not met[e]] == []


def _codes(descriptor: Path) -> list[tuple[str, int | None]]:
    return [(f.code, f.line) for f in check_package(descriptor).findings]


def test_checker_agrees_with_pandas_when_everything_is_confirmed(package_copy: Path) -> None:
    from _corrupt import read, write

    cite_only(package_copy, [{"publisher": "Only Paper"}])  # at least one event falls short
    header, rows = read(package_copy, "events")
    status = header.index("status")
    for row in rows:
        row[status] = "confirmed"
    write(package_copy, "events", header, rows)
    met = meets_rule(package_copy)
    refused = {
        f.message.split(" ")[0]  # the message starts with the event_id
        for f in check_package(package_copy).findings
        if f.code == "status-confirmed"
    }
    assert refused == set(met[~met].index)
    assert EVENT in refused


@pytest.mark.parametrize(
    "sources",
    [
        [{"publisher": "Paper A"}, {"publisher": "Paper B"}],
        [{"publisher": "Paper A", "original_publisher": "Wire"}, {"publisher": "Wire B"}],
    ],
    ids=["two-publishers", "relay-and-another"],
)
def test_two_independent_publishers_confirm(package_copy: Path, sources: list) -> None:
    cite_only(package_copy, sources)
    assert _codes(package_copy) == []


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
    two_bodies(package_copy)
    cite_only(package_copy, [{"publisher": "Official", "issuer": issuer}], actors=actors)
    assert _codes(package_copy) == []


def test_an_unrelated_official_record_does_not_confirm(package_copy: Path) -> None:
    two_bodies(package_copy)
    line = cite_only(package_copy, [{"publisher": "Official", "issuer": "ZZ-TWO"}],
                     actors=("ZZ-ONE-SUB", ""))
    assert _codes(package_copy) == [("status-confirmed", line)]


def test_every_event_cites_a_source_with_an_address() -> None:
    sources = rpt.load_sources()
    cites = rpt.load_event_sources()
    with_url = set(sources.loc[sources["url"].notna(), "source_id"])
    linked = set(cites.loc[cites["source_id"].isin(with_url), "event_id"])
    assert sorted(set(rpt.load_events()["event_id"]) - linked) == []


def test_an_announcement_before_the_event_is_background_not_a_finding(package_copy: Path) -> None:
    from _faults import set_cell

    first = next(r for r in _records(package_copy, "events") if r["date_start"])
    add_rows(package_copy, "sources", [{
        "source_id": "zzz-announcement", "source_type": "news", "title": "Visit announced",
        "publisher": "Paper", "published": "1800-01-01", "language": "en",
    }])
    add_rows(package_copy, "event_sources", [
        {"event_id": first["event_id"], "source_id": "zzz-announcement", "role": "background"}
    ], order=2)
    assert "source-date" not in [c for c, _ in _codes(package_copy)]
    set_cell(package_copy, "event_sources", "role", "corroborating",
             lambda r: r["source_id"] == "zzz-announcement")
    assert "source-date" in [c for c, _ in _codes(package_copy)]
