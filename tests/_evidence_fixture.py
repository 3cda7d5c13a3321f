"""A small synthetic package built for the evidence rules: one event per case.

Every case of the status rule and of the date rule has an event of its own, with the
status its evidence earns written down by hand here (``EARNED``), from the rule as the
schema states it, not from the checker: two origins; one origin relayed twice (by
``origin`` and by ``original_publisher``, and spelled with other case and spacing); an
official record of the actor, of its parent, of an international organisation, and an
unrelated one; a month that does not confirm a day; open bounds ``[..D]``, ``[D..]``
and open spans; a contradicting, a background and a cited source that do not count; an
event no source dates, whose notes say where its date comes from; a disputed event.

The package is the installed descriptor with these rows in place of the shipped ones,
written with the csv module in each resource's canonical order and re-pinned, and its
date bounds and precision written here from the ``edtf`` package (never by ``fmt``).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import shutil
from dataclasses import dataclass, field
from pathlib import Path

import edtf

import russia_panama_timeline as rpt

ACTORS = [
    {"actor_id": "PAN", "name": "Panama", "name_es": "Panamá", "name_ru": "Панама",
     "kind": "state", "iso3166_alpha3": "PAN", "iso3166_numeric": "591"},
    {"actor_id": "RUS", "name": "Russia", "name_es": "Rusia", "name_ru": "Россия",
     "kind": "state", "iso3166_alpha3": "RUS", "iso3166_numeric": "643"},
    {"actor_id": "RUS-MID", "name": "Ministry of Foreign Affairs of Russia",
     "name_es": "Ministerio de Asuntos Exteriores de Rusia",
     "name_ru": "Министерство иностранных дел России", "kind": "government body",
     "parent": "RUS"},
    {"actor_id": "ZZ-ORG", "name": "An organisation", "name_es": "Una organización",
     "name_ru": "Организация", "kind": "international organisation"},
    {"actor_id": "ZZ-FIRM", "name": "A shipping firm", "name_es": "Una naviera",
     "name_ru": "Судоходная компания", "kind": "company"},
]


@dataclass
class Cite:
    """One citation and its source (a source of its own unless ``source`` names one)."""

    publisher: str
    stated: str = ""
    role: str = "corroborating"
    origin: str = ""
    original_publisher: str = ""
    issuer: str = ""
    source: str = ""  # reuse the source of this id


@dataclass
class Case:
    event_id: str
    date: str
    status: str
    cites: list[Cite]
    earned: str  # what the evidence earns, by hand from the rule
    actors: tuple[str, str] = ("PAN", "")
    notes: str = ""
    extra: dict[str, str] = field(default_factory=dict)


DAY = "2025-04-07"
CASES = [
    Case("two-origins", DAY, "confirmed",
         [Cite("Paper A", DAY, "primary"), Cite("Paper B", DAY)], "confirmed"),
    Case("one-origin-relayed-twice", DAY, "reported",
         [Cite("Paper A", DAY, "primary", origin="TASS"), Cite("Paper B", DAY, origin="TASS")],
         "reported"),
    Case("one-origin-other-spelling", DAY, "reported",
         [Cite("Paper A", DAY, "primary", origin="La Prensa (Panamá)"),
          Cite("Paper B", DAY, origin="la  prensa (PANAMÁ)")], "reported"),
    Case("one-wire-item-twice", DAY, "reported",
         [Cite("EFE", DAY, "primary"), Cite("Paper C", DAY, original_publisher="EFE")],
         "reported"),
    Case("origin-over-original-publisher", DAY, "confirmed",
         [Cite("EFE", DAY, "primary"),
          Cite("Paper D", DAY, original_publisher="EFE", origin="Ministry of Foreign Affairs")],
         "confirmed"),
    Case("official-record-of-the-actor", DAY, "confirmed",
         [Cite("Ministry of Foreign Affairs of Russia", DAY, "primary", issuer="RUS-MID")],
         "confirmed", actors=("RUS", "PAN")),
    Case("official-record-of-a-parent", DAY, "confirmed",
         [Cite("Government of Russia", DAY, "primary", issuer="RUS")],
         "confirmed", actors=("RUS-MID", "")),
    Case("official-record-of-an-organisation", DAY, "confirmed",
         [Cite("An organisation", DAY, "primary", issuer="ZZ-ORG")], "confirmed"),
    Case("official-record-unrelated", DAY, "reported",
         [Cite("Ministry of Foreign Affairs of Russia", DAY, "primary", issuer="RUS-MID")],
         "reported", actors=("PAN", "")),
    Case("a-company-page", DAY, "reported",
         [Cite("A shipping firm", DAY, "primary", issuer="ZZ-FIRM")],
         "reported", actors=("ZZ-FIRM", "")),
    Case("official-record-undated", DAY, "reported",
         [Cite("Paper A", DAY, "primary"),
          Cite("Ministry of Foreign Affairs of Russia", "", issuer="RUS-MID")],
         "reported", actors=("RUS", "")),
    Case("month-does-not-confirm-a-day", DAY, "reported",
         [Cite("Paper A", DAY, "primary"), Cite("Paper B", "2025-04")], "reported"),
    Case("month-confirms-a-month", "2025-04", "confirmed",
         [Cite("Paper A", "2025-04", "primary"), Cite("Paper B", "2025-04")], "confirmed"),
    Case("year-with-qualifier", "2014~", "confirmed",
         [Cite("Paper A", "2014~", "primary"), Cite("Paper B", "2014")], "confirmed",
         notes="Both sources say only about 2014."),
    Case("one-day-of-a-week", "[2025-03-31..2025-04-06]", "reported",
         [Cite("Paper A", "[2025-03-31..2025-04-06]", "primary"),
          Cite("Paper B", "[2025-03-30..2025-04-06]")], "reported"),
    Case("on-or-before", "[..2025-04-07]", "confirmed",
         [Cite("Paper A", "[..2025-04-07]", "primary"), Cite("Paper B", "[..2025-04-07]")],
         "confirmed"),
    Case("on-or-before-a-day-and-a-month", "[..2025-04-07]", "reported",
         [Cite("Paper A", "[..2025-04-07]", "primary"), Cite("Paper B", "[..2025-04]")],
         "reported"),
    Case("on-or-after", "[2025-04-07..]", "confirmed",
         [Cite("Paper A", "[2025-04-07..]", "primary"), Cite("Paper B", "[2025-04-07..]")],
         "confirmed"),
    Case("open-span", "2024-09-25/..", "confirmed",
         [Cite("Paper A", "2024-09-25/..", "primary"), Cite("Paper B", "2024-09-25/..")],
         "confirmed"),
    Case("span", "2024-09-25/2024-09-29", "confirmed",
         [Cite("Paper A", "2024-09-25/2024-09-29", "primary"),
          Cite("Paper B", "2024-09-25/2024-09-29")], "confirmed"),
    Case("contradicting-does-not-count", DAY, "reported",
         [Cite("Paper A", DAY, "primary"), Cite("Paper B", "2025-05-01", "contradicting")],
         "reported", notes="Paper B dates it 1 May 2025."),
    Case("background-and-cited-do-not-count", DAY, "reported",
         [Cite("Paper A", DAY, "primary"), Cite("Paper B", DAY, "background"),
          Cite("Paper C", DAY, "cited")], "reported"),
    Case("undated-with-notes", "2019", "reported",
         [Cite("Paper A", "", "primary"), Cite("Paper B", "")], "reported",
         notes="Dated by the year of the decree's number; neither report gives a date."),
    Case("disputed-yet-earning", DAY, "disputed",
         [Cite("Paper A", DAY, "primary"), Cite("Paper B", DAY),
          Cite("Paper C", "2025-05-01", "contradicting")], "confirmed",
         notes="Paper C says the talks did not take place."),
    Case("reported-but-earning", DAY, "reported",
         [Cite("Paper A", DAY, "primary"), Cite("Paper B", DAY)], "confirmed"),
    Case("shared-source", DAY, "confirmed",
         [Cite("Paper A", DAY, "primary", source="two-origins-0"),
          Cite("Paper E", DAY)], "confirmed"),
]
EARNED = {c.event_id: c.earned for c in CASES}


def bounds(text: str) -> tuple[str, str, str]:
    """``date_start``, ``date_end`` and ``date_precision`` of an EDTF date, from the
    ``edtf`` package (an open end empty)."""
    parsed = edtf.parse_edtf(text)

    def day(t: object) -> str:
        if isinstance(t, float):
            return ""
        return dt.date(t.tm_year, t.tm_mon, t.tm_mday).isoformat()  # type: ignore[attr-defined]

    start, end = day(parsed.lower_strict()), day(parsed.upper_strict())
    if text.startswith("["):
        precision = "bounded"
    elif "/" in text:
        precision = "period"
    else:
        plain = text.rstrip("?~%")
        precision = {10: "day", 7: "month", 4: "year"}[len(plain)]
    return start, end, precision


def _write(folder: Path, name: str, header: list[str], records: list[dict[str, str]]) -> None:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(header)
    writer.writerows([[r.get(h, "") for h in header] for r in records])
    (folder / "data" / f"{name}.csv").write_bytes(buf.getvalue().encode("utf-8"))


def build(folder: Path, cases: list[Case] = CASES) -> Path:
    """Write the package into ``folder``; return its descriptor."""
    from conftest import repin

    (folder / "data").mkdir(parents=True)
    descriptor = folder / "datapackage.json"
    shutil.copy2(rpt.DATAPACKAGE, descriptor)
    headers = {res["name"]: [f["name"] for f in res["schema"]["fields"]]
               for res in json.loads(descriptor.read_text(encoding="utf-8"))["resources"]}
    events, sources, cites = [], {}, []
    for case in cases:
        start, end, precision = bounds(case.date)
        events.append({
            "event_id": case.event_id, "date": case.date, "date_start": start,
            "date_end": end, "date_precision": precision, "event_type": "statement",
            "title": case.event_id.replace("-", " "), "summary": "A case of the rules.",
            "title_es": "caso " + case.event_id.replace("-", " "),
            "summary_es": "Un caso de las reglas.",
            "title_ru": "Случай правил", "summary_ru": "Случай правил проверки.",
            "actor1": case.actors[0], "actor2": case.actors[1], "status": case.status,
            "notes": case.notes, **case.extra,
        })
        for n, cite in enumerate(case.cites):
            sid = cite.source or f"{case.event_id}-{n}"
            if not cite.source:
                sources[sid] = {
                    "source_id": sid, "source_type": "official" if cite.issuer else "news",
                    "title": f"Report {sid}", "publisher": cite.publisher,
                    "original_publisher": cite.original_publisher, "issuer": cite.issuer,
                    "language": "en",
                }
            cites.append({"event_id": case.event_id, "source_id": sid, "role": cite.role,
                          "date_stated": cite.stated, "origin": cite.origin})
    events.sort(key=lambda r: (r["date_start"], r["event_id"]))
    cites.sort(key=lambda r: (r["event_id"], r["source_id"]))
    _write(folder, "events", headers["events"], events)
    _write(folder, "sources", headers["sources"], [sources[k] for k in sorted(sources)])
    _write(folder, "event_sources", headers["event_sources"], cites)
    _write(folder, "actors", headers["actors"], sorted(ACTORS, key=lambda r: r["actor_id"]))
    repin(descriptor)
    return descriptor
