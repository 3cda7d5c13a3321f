#!/usr/bin/env python3
"""Write a valid synthetic copy of the data package with N events, for benchmarks.

``python benchmarks/synth.py --events 1000000 --out /tmp/synth``

The synthetic package is *scaled from the real one*: every synthetic row copies a real
row (its text, codes, roles, locators) and only what must differ is generated, so the
value distributions, field widths and the ratio of sources and citations to events stay
those of the real dataset. What is generated keeps the package valid, both for
``frictionless validate`` and for the project's checker:

- ids are the real id plus a zero-padded number (unique, pattern-conformant, short);
- each event keeps the *kind* of its template's EDTF date (day, month, year, range,
  open start or end, with its qualifier) on a random day between 1900 and 2025, and
  ``date_start``/``date_end``/``date_precision`` are derived from it;
- sources are published in 2026 (or undated, as their template), so no source reports
  an event before it was published; ``cited_in`` points within the same block of
  copies, so it stays acyclic;
- every event cites the copies of its template's sources, every source is used, and
  every table is written in the canonical order of its resource's ``orderBy``; a
  primary or corroborating citation that states a date states the event's new one, so
  the date is still what its sources state and the status is still earned;
- ``bytes`` and ``hash`` are pinned in the copied descriptor.

The output is deterministic for a given ``--events`` and ``--seed``.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import re
import sys
from collections.abc import Callable
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from russia_panama_timeline.atomic import write_bytes, write_text
from russia_panama_timeline.descriptor import (
    DATAPACKAGE,
    file_pin,
    read_descriptor,
    resource,
    resource_path,
)
from russia_panama_timeline.tableschema import Schema

_SINGLE = re.compile(r"^(\d{4})(-\d{2})?(-\d{2})?([?~%]?)$")
_FIRST_DAY = np.datetime64("1900-01-01")
_LAST_DAY = np.datetime64("2025-12-31")
_PUBLISHED = "2026-01-15"
_SUPPORT = ("primary", "corroborating")  # citations whose date_stated bounds the event's


def _read_rows(datapackage: Path, name: str) -> tuple[list[str], list[list[str]]]:
    res = resource(read_descriptor(datapackage), name)
    with open(resource_path(datapackage, res), encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    header = Schema(res).names
    return header, rows[1:]


def _kind(date: str) -> tuple[str, str]:
    """The kind of an EDTF date (day, month, year, range, open-start, open-end, set,
    set-open-start, set-open-end) and its qualifier, so a synthetic date can be of the
    same kind."""
    if date.startswith("["):
        return ("set-open-start" if date.startswith("[..") else
                "set-open-end" if date.endswith("..]") else "set"), ""
    if "/" in date:
        start, end = date.split("/", 1)
        if start == "..":
            return "open-start", ""
        if end == "..":
            return "open-end", ""
        return "range", ""
    m = _SINGLE.match(date)
    if not m:
        return "day", ""
    kind = "day" if m.group(3) else "month" if m.group(2) else "year"
    return kind, m.group(4)


def _short_id(real_id: str, number: int, width: int) -> str:
    base = real_id[: 79 - width].rstrip("-")
    return f"{base}-{number:0{width}d}"


def _synth_dates(kinds: list[tuple[str, str]], rng: np.random.Generator) -> list[tuple[str, ...]]:
    """(date, date_start, date_end, date_precision) for each requested kind."""
    n = len(kinds)
    span = int((_LAST_DAY - _FIRST_DAY).astype(int))
    days = _FIRST_DAY + rng.integers(0, span + 1, n).astype("timedelta64[D]")
    extra = rng.integers(1, 11, n).astype("timedelta64[D]")
    day_s = np.datetime_as_string(days, unit="D")
    later_s = np.datetime_as_string(days + extra, unit="D")
    months = days.astype("datetime64[M]")
    month_s = np.datetime_as_string(months, unit="M")
    month_first = np.datetime_as_string(months.astype("datetime64[D]"), unit="D")
    month_last = np.datetime_as_string((months + 1).astype("datetime64[D]") - 1, unit="D")
    years = days.astype("datetime64[Y]")
    year_s = np.datetime_as_string(years, unit="Y")
    out: list[tuple[str, ...]] = []
    for i, (kind, qual) in enumerate(kinds):
        if kind == "day":
            out.append((day_s[i] + qual, day_s[i], day_s[i], "day"))
        elif kind == "month":
            out.append((month_s[i] + qual, month_first[i], month_last[i], "month"))
        elif kind == "year":
            y = year_s[i]
            out.append((y + qual, f"{y}-01-01", f"{y}-12-31", "year"))
        elif kind == "range":
            out.append((f"{day_s[i]}/{later_s[i]}", day_s[i], later_s[i], "period"))
        elif kind == "open-start":
            out.append((f"../{day_s[i]}", "", day_s[i], "period"))
        elif kind == "set":
            out.append((f"[{day_s[i]}..{later_s[i]}]", day_s[i], later_s[i], "bounded"))
        elif kind == "set-open-start":
            out.append((f"[..{day_s[i]}]", "", day_s[i], "bounded"))
        elif kind == "set-open-end":
            out.append((f"[{day_s[i]}..]", day_s[i], "", "bounded"))
        else:
            out.append((f"{day_s[i]}/..", day_s[i], "", "period"))
    return out


def _csv_bytes(header: list[str], rows: list[list[str]]) -> bytes:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buf.getvalue().encode("utf-8")


def synthesize(n_events: int, out: Path, source: Path = DATAPACKAGE, seed: int = 0,
               say: Callable[[str], None] = lambda _: None) -> Path:
    """Write the synthetic package into ``out``; return its descriptor path. ``say``
    is told what was written: the rows and bytes of each resource, and the total."""
    rng = np.random.default_rng(seed)
    ev_header, ev_rows = _read_rows(source, "events")
    so_header, so_rows = _read_rows(source, "sources")
    es_header, es_rows = _read_rows(source, "event_sources")
    if not ev_rows or not so_rows:
        raise SystemExit("synth: the real package needs at least one event and one source")
    ev_col = {name: i for i, name in enumerate(ev_header)}
    so_col = {name: i for i, name in enumerate(so_header)}
    es_col = {name: i for i, name in enumerate(es_header)}
    n_ev_t, n_so_t = len(ev_rows), len(so_rows)
    n_sources = max(n_so_t, round(n_events * n_so_t / n_ev_t))
    width = max(7, len(str(max(n_events, n_sources))))

    # Sources: block b holds the b-th copy of every real source.
    so_index = {row[so_col["source_id"]]: r for r, row in enumerate(so_rows)}
    sources: list[list[str]] = []
    for j in range(n_sources):
        block, r = divmod(j, n_so_t)
        row = list(so_rows[r])
        row[so_col["source_id"]] = _short_id(so_rows[r][so_col["source_id"]], j, width)
        published = row[so_col["published"]]
        if published and published[:4] < _PUBLISHED[:4]:
            row[so_col["published"]] = _PUBLISHED
        cited = row[so_col["cited_in"]]
        if cited:
            target = so_index.get(cited)
            if target is None:
                row[so_col["cited_in"]] = ""
            else:
                k = block * n_so_t + target
                k = k if k < n_sources else target
                row[so_col["cited_in"]] = _short_id(cited, k, width)
        sources.append(row)

    # Events: event i copies real event i mod n, with a generated date of the same kind.
    cites: dict[str, list[list[str]]] = {}
    for row in es_rows:
        cites.setdefault(row[es_col["event_id"]], []).append(row)
    kinds = [_kind(ev_rows[i % n_ev_t][ev_col["date"]]) for i in range(n_events)]
    dates = _synth_dates(kinds, rng)
    events: list[list[str]] = []
    citations: list[list[str]] = []
    used = np.zeros(n_sources, dtype=bool)
    for i in range(n_events):
        block, t = divmod(i, n_ev_t)
        template = ev_rows[t]
        row = list(template)
        event_id = _short_id(template[ev_col["event_id"]], i, width)
        row[ev_col["event_id"]] = event_id
        (
            row[ev_col["date"]],
            row[ev_col["date_start"]],
            row[ev_col["date_end"]],
            row[ev_col["date_precision"]],
        ) = dates[i]
        events.append(row)
        seen: set[int] = set()
        for cite in cites.get(template[ev_col["event_id"]], []):
            r = so_index.get(cite[es_col["source_id"]])
            if r is None:
                continue
            j = block * n_so_t + r
            j = j if j < n_sources else r
            if j in seen:
                continue
            seen.add(j)
            used[j] = True
            new = list(cite)
            new[es_col["event_id"]] = event_id
            new[es_col["source_id"]] = sources[j][so_col["source_id"]]
            if "date_stated" in es_col and new[es_col["date_stated"]] \
                    and new[es_col["role"]] in _SUPPORT:
                new[es_col["date_stated"]] = row[ev_col["date"]]  # states the new date
            citations.append(new)
        if not seen:  # a template without citations: cite a source as an attribution
            j = i % n_sources
            used[j] = True
            citations.append(_citation(es_header, event_id, sources[j][so_col["source_id"]]))
    # A source counts as used when another source is known through it.
    ids = {row[so_col["source_id"]]: j for j, row in enumerate(sources)}
    for row in sources:
        if row[so_col["cited_in"]]:
            used[ids[row[so_col["cited_in"]]]] = True
    cited_pairs = {(c[es_col["event_id"]], c[es_col["source_id"]]) for c in citations}
    for j in np.flatnonzero(~used):
        event_id = events[int(j) % n_events][ev_col["event_id"]]
        source_id = sources[int(j)][so_col["source_id"]]
        if (event_id, source_id) not in cited_pairs:
            citations.append(_citation(es_header, event_id, source_id))

    # Canonical order, then write data files and the re-pinned descriptor.
    descriptor = json.loads(Path(source).read_text(encoding="utf-8"))
    tables = {
        "events": (ev_header, events),
        "sources": (so_header, sources),
        "event_sources": (es_header, citations),
    }
    out.mkdir(parents=True, exist_ok=True)
    for res in descriptor["resources"]:
        if res["name"] not in tables:  # a lookup table (the actors): copied as it is
            tables[res["name"]] = _read_rows(source, res["name"])
        header, rows = tables[res["name"]]
        keys = [header.index(k) for k in res.get("orderBy", [])]
        rows.sort(key=lambda row, keys=keys: tuple(row[k] for k in keys))
        target = out / res["path"]
        write_bytes(target, _csv_bytes(header, rows))
        res["bytes"], res["hash"] = file_pin(target)
        say(f"{res['path']}: {len(rows):,} rows, {res['bytes']:,} bytes "
            f"({res['bytes'] / 2**20:,.1f} MiB)")
    dest = out / "datapackage.json"
    write_text(dest, json.dumps(descriptor, ensure_ascii=False, indent=2) + "\n")
    total = sum(res["bytes"] for res in descriptor["resources"])
    say(f"total: {total:,} bytes of CSV ({total / 2**20:,.1f} MiB) in "
        f"{len(descriptor['resources'])} files")
    return dest


def _citation(header: list[str], event_id: str, source_id: str) -> list[str]:
    values = {"event_id": event_id, "source_id": source_id, "role": "cited"}
    return [values.get(name, "") for name in header]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, required=True, help="number of events")
    parser.add_argument("--out", type=Path, required=True, help="output folder")
    parser.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    parser.add_argument(
        "--from",
        dest="source",
        type=Path,
        default=DATAPACKAGE,
        help="the real package to scale (default: the installed one)",
    )
    args = parser.parse_args(argv)
    if args.events < 1:
        parser.error("--events must be at least 1")
    print(synthesize(args.events, args.out, args.source, args.seed, say=print))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
