"""Summarise the package: version, row counts, date range, counts by event type,
decade and status, and how to cite it."""

from __future__ import annotations

import argparse
from typing import Any

from . import EXIT_OK
from ._args import add_datapackage

HELP = "show the package's version, counts (by type, decade, status), date range and how to cite it"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_datapackage(parser)


def run(args: argparse.Namespace) -> int:
    from ..descriptor import command, read_descriptor, resolve, shown
    from ..load import load_actors, load_event_sources, load_events, load_sources

    path = resolve(args.datapackage)
    descriptor = read_descriptor(path)
    events = load_events(path)
    sources = load_sources(path)
    citations = load_event_sources(path)
    actors = load_actors(path)
    print(f"{descriptor.get('title')} {descriptor.get('version')}")
    print(f"descriptor: {shown(path)}")
    print(
        f"events: {len(events)}  sources: {len(sources)}  citations: {len(citations)}"
        f"  actors: {len(actors)}"
    )
    print(language_line(path))
    if len(events):
        for line in date_lines(events):
            print(line)
        for line in counts(events):
            print(line)
    print(f"cite: run `{command('cite', path)}` (plain text and BibTeX)")
    return EXIT_OK


def language_line(path: Any) -> str:
    """The languages of the texts, and how much of each is translated: ``languages: en
    (reference), es (events 149/149, actors 43/43), ru (...)``."""
    from ..descriptor import read_descriptor
    from ..load import languages, load_table
    from ..tableschema import Schema

    parts = ["en (reference)"]
    tables = [(res["name"], Schema(res).translations) for res in read_descriptor(path)["resources"]]
    frames = {name: load_table(name, path) for name, tr in tables if tr}
    for lang in languages(path)[1:]:
        counts = []
        for name, translations in tables:
            columns = list(translations.get(lang, {}).values())
            if columns:
                frame = frames[name]
                done = int(frame[columns].notna().all(axis=1).sum())
                counts.append(f"{name} {done}/{len(frame)}")
        parts.append(f"{lang} ({', '.join(counts)})")
    return "languages: " + ", ".join(parts)


def date_lines(events: Any) -> list[str]:
    """The date range as recorded, not rounded to invented days.

    The range runs from the event that can start earliest to the one that can end
    latest, each shown as its EDTF date (``2025`` stays a year) with the strict bound
    beside it; events with an open start or end, which have no such bound, are counted
    apart, and so are dates known only to the month or year.
    """
    lines = []
    starts, ends = events["date_start"], events["date_end"].fillna(events["date_start"])
    if starts.notna().any() and ends.notna().any():
        first, last = starts.idxmin(), ends.idxmax()
        lines.append(
            f"dates: {events['date'][first]} to {events['date'][last]} "
            f"(earliest possible start {starts[first]:%Y-%m-%d}, "
            f"latest possible end {ends[last]:%Y-%m-%d})"
        )
    for column, what in (("date_start", "start"), ("date_end", "end")):
        open_ = events["date"][events[column].isna()]
        if len(open_):
            shown = ", ".join(open_.head(3)) + (", ..." if len(open_) > 3 else "")
            s = "" if len(open_) == 1 else "s"
            lines.append(f"open {what}: {len(open_)} event{s} ({shown}), with no {what} "
                         "to count in that range")
    precision = events["date_precision"].value_counts(sort=False)
    words = {"day": "to the day", "month": "to the month", "year": "to the year",
             "period": "periods"}
    lines.append("precision: " + ", ".join(
        f"{n} {words.get(str(k), str(k))}" for k, n in precision.items() if n
    ))
    return lines


def counts(events: Any) -> list[str]:
    """Counts by ``event_type`` and ``status`` (in the schema's order, zeros left out)
    and by decade of the earliest possible day (the latest, for an open start)."""
    lines = []
    for name in ("event_type", "status"):
        col = events[name]
        counted = col.value_counts(sort=False)
        order = list(col.cat.categories) if hasattr(col, "cat") else sorted(counted.index)
        parts = [f"{k} {counted[k]}" for k in order if counted.get(k, 0)]
        lines.append(f"{'type' if name == 'event_type' else name}: {', '.join(parts)}")
    day = events["date_start"].fillna(events["date_end"])
    decades = (day.dt.year // 10 * 10).dropna().astype(int).value_counts().sort_index()
    lines.append("decade: " + ", ".join(f"{d}s {n}" for d, n in decades.items()))
    return lines
