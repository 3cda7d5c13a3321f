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
    from ..descriptor import read_descriptor, resolve
    from ..load import load_actors, load_event_sources, load_events, load_sources

    path = resolve(args.datapackage)
    descriptor = read_descriptor(path)
    events = load_events(path)
    sources = load_sources(path)
    citations = load_event_sources(path)
    actors = load_actors(path)
    first = events["date_start"].min()
    last = events[["date_start", "date_end"]].max().max()
    print(f"{descriptor.get('title')} {descriptor.get('version')}")
    print(f"descriptor: {path}")
    print(
        f"events: {len(events)}  sources: {len(sources)}  citations: {len(citations)}"
        f"  actors: {len(actors)}"
    )
    if len(events):
        print(f"dates: {first:%Y-%m-%d} to {last:%Y-%m-%d}")
        for line in counts(events):
            print(line)
    print("cite: run `russia-panama-timeline cite` (plain text and BibTeX)")
    return EXIT_OK


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
