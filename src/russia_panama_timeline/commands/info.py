"""Summarise the package: version, row counts, date range and how to cite it."""

from __future__ import annotations

import argparse

from . import EXIT_OK
from ._args import add_datapackage

HELP = "show the package's version, counts, date range and how to cite it"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_datapackage(parser)


def run(args: argparse.Namespace) -> int:
    from ..descriptor import read_descriptor, resolve
    from ..load import load_event_sources, load_events, load_sources

    path = resolve(args.datapackage)
    descriptor = read_descriptor(path)
    events = load_events(path)
    sources = load_sources(path)
    citations = load_event_sources(path)
    first = events["date_start"].min()
    last = events[["date_start", "date_end"]].max().max()
    print(f"{descriptor.get('title')} {descriptor.get('version')}")
    print(f"descriptor: {path}")
    print(f"events: {len(events)}  sources: {len(sources)}  citations: {len(citations)}")
    if len(events):
        print(f"dates: {first:%Y-%m-%d} to {last:%Y-%m-%d}")
        counts = events["status"].value_counts(sort=False)
        print("status: " + ", ".join(f"{k} {v}" for k, v in counts.items()))
    print("cite: run `russia-panama-timeline cite` (plain text and BibTeX)")
    return EXIT_OK
