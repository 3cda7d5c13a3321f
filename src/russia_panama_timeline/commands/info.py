"""Summarise the package: version, row counts, date range, counts by event type,
decade and status, the status the evidence earns, and how to cite it."""

from __future__ import annotations

import argparse
import json
from typing import Any

from . import EXIT_OK
from ._args import add_datapackage

HELP = "show the package's version, counts (by type, decade, status), date range and how to cite it"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_datapackage(parser)
    parser.add_argument("--format", choices=("text", "json"), default="text",
                        help="text: lines for a person (default); json: the same as one "
                             "JSON object")


def run(args: argparse.Namespace) -> int:
    from ..checker.evidence import earned_status
    from ..descriptor import command, read_descriptor, resolve, shown
    from ..load import load_actors, load_event_sources, load_events, load_sources

    path = resolve(args.datapackage)
    descriptor = read_descriptor(path)
    events = load_events(path)
    rows = {"events": len(events), "sources": len(load_sources(path)),
            "citations": len(load_event_sources(path)), "actors": len(load_actors(path))}
    cite = command("cite", path)
    if args.format == "json":
        print(json.dumps({
            "datapackage": shown(path),
            "title": descriptor.get("title"),
            "version": descriptor.get("version"),
            "rows": rows,
            **(summary(events) if len(events) else {}),
            **({"earned": earned_counts(events, earned_status(path))} if len(events) else {}),
            "cite": cite,
        }, ensure_ascii=False, indent=2))
        return EXIT_OK
    # The descriptor read is named once, on stderr, by the command line.
    print(f"{descriptor.get('title')} {descriptor.get('version')}")
    print("  ".join(f"{name}: {n}" for name, n in rows.items()))
    print(language_line(path))
    if len(events):
        for line in date_lines(events):
            print(line)
        for line in counts(events):
            print(line)
        print(earned_line(events, earned_status(path)))
    print(f"cite: run `{cite}` (plain text and BibTeX)")
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


def summary(events: Any) -> dict[str, Any]:
    """The date range and the counts as data (what ``date_lines`` and ``counts`` say)."""
    out: dict[str, Any] = {}
    starts, ends = events["date_start"], events["date_end"].fillna(events["date_start"])
    if starts.notna().any() and ends.notna().any():
        first, last = starts.idxmin(), ends.idxmax()
        out["dates"] = {"first": str(events["date"][first]), "last": str(events["date"][last]),
                        "earliest_start": f"{starts[first]:%Y-%m-%d}",
                        "latest_end": f"{ends[last]:%Y-%m-%d}"}
    out["open_start"] = int(events["date_start"].isna().sum())
    out["open_end"] = int(events["date_end"].isna().sum())
    out["precision"] = _counted(events["date_precision"])
    out["event_type"] = _counted(events["event_type"])
    out["status"] = _counted(events["status"])
    out["decade"] = {str(d): int(n) for d, n in _decades(events).items()}
    return out


def _counted(col: Any) -> dict[str, int]:
    """Counts in the schema's order (zeros left out)."""
    counted = col.value_counts(sort=False)
    order = list(col.cat.categories) if hasattr(col, "cat") else sorted(counted.index)
    return {str(k): int(counted[k]) for k in order if counted.get(k, 0)}


def _decades(events: Any) -> Any:
    day = events["date_start"].fillna(events["date_end"])
    return (day.dt.year // 10 * 10).dropna().astype(int).value_counts().sort_index()


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
        parts = [f"{k} {n}" for k, n in _counted(events[name]).items()]
        lines.append(f"{'type' if name == 'event_type' else name}: {', '.join(parts)}")
    lines.append("decade: " + ", ".join(f"{d}s {n}" for d, n in _decades(events).items()))
    return lines


def _earned(events: Any, earned: dict[str, str]) -> tuple[list[str], list[str], int]:
    """(stated statuses, earned statuses, reported events that earn confirmed)."""
    stated = [str(s) for s in events["status"]]
    ids = [str(i) for i in events["event_id"]]
    now = ["disputed" if s == "disputed" else earned.get(i, "reported")
           for i, s in zip(ids, stated, strict=True)]
    upgrades = sum(1 for s, e in zip(stated, now, strict=True)
                   if s == "reported" and e == "confirmed")
    return stated, now, upgrades


def earned_counts(events: Any, earned: dict[str, str]) -> dict[str, Any]:
    """``earned_line`` as data, for ``--format json``."""
    _, now, upgrades = _earned(events, earned)
    return {"status": {k: now.count(k) for k in ("confirmed", "reported", "disputed")
                       if now.count(k)},
            "reported_that_earn_confirmed": upgrades}


def earned_line(events: Any, earned: dict[str, str]) -> str:
    """The status as the evidence earns it (``check``'s computation): a ``disputed``
    event stays disputed, any other is ``confirmed`` when its citations earn it and
    ``reported`` otherwise; with the confirmed share as earned and as stated, and how
    many ``reported`` events already earn ``confirmed``."""
    stated, now, upgrades = _earned(events, earned)
    n = len(now)
    parts = [f"{k} {now.count(k)}" for k in ("confirmed", "reported", "disputed") if now.count(k)]
    s = "" if upgrades == 1 else "s"
    return (f"earned: {', '.join(parts)} (confirmed {_share(now.count('confirmed'), n)} as "
            f"earned, {_share(stated.count('confirmed'), n)} as stated); {upgrades} reported "
            f"event{s} already earn{'s' if upgrades == 1 else ''} confirmed")


def _share(count: int, total: int) -> str:
    return f"{100 * count / total:.0f}%" if total else "0%"
