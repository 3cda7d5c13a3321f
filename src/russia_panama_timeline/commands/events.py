"""List events, chosen by actor, type, status, dates or words, as text, CSV or JSON.

Filters combine: an event is listed when it matches every option given; an option
given more than once matches any of its values (``--type vote --type agreement``).
``--actor`` matches ``actor1`` or ``actor2``; ``--from`` and ``--to`` (a year, month or
day) keep the events whose date bounds overlap the range, so an event that may have
happened in it is listed; ``--search`` keeps the events whose title or summary holds
every word, ignoring case and accents (``colon`` finds Colón). Events come in time
order, an open start (``../2022-02-23``) by its end.

``--lang es`` (or ``ru``) gives titles and summaries in that language, and searches
them. ``--format text`` (the default) prints one line per event; ``csv`` and ``json``
give the columns of ``load_events()``, dates as ISO days, a missing value as an empty cell
(CSV) or ``null`` (JSON). When nothing matches, the list is empty (no lines, the CSV
header alone, ``[]``), stderr says so, and the exit code is still 0: finding nothing is
an answer, not a failure (1 means invalid data, 2 a usage error, as everywhere).
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from typing import Any

from ..errors import PackageError
from . import EXIT_OK
from ._args import add_datapackage

HELP = "list events by actor, type, status, dates or words (text, CSV or JSON)"
FORMATS = ("text", "csv", "json")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_datapackage(parser)
    parser.add_argument("--actor", action="append", default=[], metavar="ID",
                        help="an actor id of the actors table (RUS, PAN, AMP...), as actor1 "
                             "or actor2; repeat for any of several")
    parser.add_argument("--type", action="append", default=[], metavar="TYPE",
                        help="an event type (diplomatic, registry...); repeat for any of several")
    parser.add_argument("--status", action="append", default=[], metavar="STATUS",
                        help="confirmed, reported or disputed; repeat for any of several")
    parser.add_argument("--from", dest="start", metavar="DATE",
                        help="events that may have happened on or after DATE "
                             "(a year, month or day: 2022, 2022-02, 2022-02-24)")
    parser.add_argument("--to", dest="end", metavar="DATE",
                        help="events that may have happened on or before DATE (its last day)")
    parser.add_argument("--search", default="", metavar="WORDS",
                        help="every word in the title or summary, ignoring case and accents")
    parser.add_argument("--lang", default="en", metavar="LANG",
                        help="the language of titles and summaries, searched and shown: en "
                             "(the reference, default), es or ru")
    parser.add_argument("--format", choices=FORMATS, default="text",
                        help="text (one line per event), csv or json (default: text)")


class QueryError(PackageError):
    """An option's value that names nothing in the package, or is no date (exit 2)."""


def _choose(given: list[str], allowed: list[str], what: str, option: str) -> list[str]:
    """The values given, as the package spells them (case-insensitively); QueryError
    naming the allowed values for one that is not among them."""
    spelled = {value.casefold(): value for value in allowed}
    chosen = []
    for value in given:
        if value.casefold() not in spelled:
            raise QueryError(f"{option} {value!r}: not {what}; one of: {', '.join(allowed)}")
        chosen.append(spelled[value.casefold()])
    return chosen


def _bound(text: str | None, option: str, *, end: bool) -> Any:
    from ..query import bound

    if not text:
        return None
    try:
        return bound(text, end=end)
    except ValueError as exc:
        raise QueryError(f"{option} {exc}") from None


def _categories(events: Any, column: str) -> list[str]:
    col = events[column]
    return [str(v) for v in col.cat.categories] if hasattr(col, "cat") else \
        sorted(str(v) for v in col.dropna().unique())


def run(args: argparse.Namespace) -> int:
    from ..descriptor import resolve
    from ..load import languages, load_actors, load_events
    from ..query import records, select_events

    path = resolve(args.datapackage)
    (lang,) = _choose([args.lang], list(languages(path)), "a language of the package",
                      "--lang")
    events = load_events(path, lang=lang)
    actors = _choose(args.actor, [str(a) for a in load_actors(path)["actor_id"]],
                     "an actor id of the actors table", "--actor")
    types = _choose(args.type, _categories(events, "event_type"), "an event type", "--type")
    statuses = _choose(args.status, _categories(events, "status"), "a status", "--status")
    start = _bound(args.start, "--from", end=False)
    end = _bound(args.end, "--to", end=True)
    if start is not None and end is not None and start > end:
        raise QueryError(f"--from {args.start} is after --to {args.end}: nothing can match")

    found = select_events(events, actors=actors, types=types, statuses=statuses,
                          start=start, end=end, search=args.search)
    if args.format == "json":
        print(json.dumps(records(found), ensure_ascii=False, indent=2))
    elif args.format == "csv":
        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow(list(found.columns))
        for row in records(found):
            writer.writerow(["" if v is None else v for v in row.values()])
    else:
        for line in _text_lines(found):
            print(line)
    n = len(found)
    if n:
        print(f"events: {n} of {len(events)}", file=sys.stderr)
    else:
        print(f"events: none of {len(events)} matches {_asked(args)}", file=sys.stderr)
    return EXIT_OK


def _text_lines(found: Any) -> list[str]:
    """One aligned line per event: EDTF date, status, type, actors, title."""
    from ..query import records

    rows = []
    for rec in records(found):
        actors = " → ".join(str(rec[c]) for c in ("actor1", "actor2") if rec.get(c))
        rows.append([str(rec["date"]), str(rec["status"]), str(rec["event_type"]), actors,
                     str(rec["title"])])
    if not rows:
        return []
    widths = [max(len(r[i]) for r in rows) for i in range(4)]
    return ["  ".join([*(r[i].ljust(widths[i]) for i in range(4)), r[4]]) for r in rows]


def _asked(args: argparse.Namespace) -> str:
    """The filters as given, to say what matched nothing."""
    parts = [f"--actor {v}" for v in args.actor] + [f"--type {v}" for v in args.type] + \
        [f"--status {v}" for v in args.status]
    if args.start:
        parts.append(f"--from {args.start}")
    if args.end:
        parts.append(f"--to {args.end}")
    if args.search:
        parts.append(f"--search {args.search!r}")
    return " ".join(parts) or "(no filter)"
