"""Layer 2: every date shows its evidence, and every status is earned.

Each citation in ``event_sources`` records what its source states about when the
event happened (``date_stated``, EDTF) and whose information it carries (``origin``).
An event's ``primary`` and ``corroborating`` citations are its evidence; from what
they state the checker derives:

- the event's ``date``: its bounds are exactly the intersection of the bounds they
  state (the latest first day, the earliest last day; an open end bounds nothing).
  A date narrower than that is ``date-beyond-sources`` (the row claims more than any
  source), a wider one ``date-wider-than-sources`` (the message gives the date the
  sources allow), stated dates with no day in common ``date-sources-disagree``;
- that each of them states a date overlapping the event's (``citation-outside-date``:
  a source that dates the event otherwise is ``contradicting``);
- that an event none of whose evidence states a date says in ``notes`` where its date
  comes from (``date-unsourced``): the notes must speak of the date, with the word
  *date*, *dates*, *dated* or *dating*;
- the status it earns: ``confirmed`` needs two of these citations of distinct origin
  (the citation's ``origin``, else the source's ``original_publisher``, else its
  ``publisher``, compared ignoring case and runs of white space) whose stated date lies
  within the event's bounds, or one official record of its actors
  (``actor_checks.official_records``) stating such a date. A ``confirmed`` the
  evidence does not earn is ``status-confirmed``, reported once the event's date
  agrees with its evidence (the status depends on the date). ``disputed`` is the
  data's own judgement and is not computed.

Three rules of the registry (``registry.py``): ``date-stated`` parses the column,
``evidence-dates`` holds each event's date to its evidence, ``status-confirmed`` its
status. An event whose ``date`` or one of whose supporting ``date_stated`` cells is
already reported (not EDTF, not of the pattern) is not judged on its evidence: one
fault, one finding. Everything is numpy over whole columns: citations are grouped by the integer
code of their event (``Keys``), bounds are days since 1970, the intersection a
maximum and a minimum per group, origins distinct (event, origin) code pairs. Python
only writes the messages of the findings shown.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from .actor_checks import official_records
from .columns import codes as codes_of
from .columns import isin, mask
from .files import Table, read_table, show
from .keys import Keys, position
from .report import Report
from .schema_checks import present_mask
from .semantic_checks import dates_of

if TYPE_CHECKING:
    from .declared import Tables

SUPPORT = ("primary", "corroborating")
OPEN_START = -(2**40)  # days: before any calendar day
OPEN_END = 2**40
# How notes say where a date comes from: they speak of it (see the module docstring).
DATE_WORDS = r"\b(?i:dat(?:e|es|ed|ing))\b"
# Where independence is read, in order: the citation's, then its source's.
ORIGIN_COLUMNS = ("origin", "original_publisher", "publisher")


def _days(bound: pa.Array | pa.ChunkedArray, open_value: int) -> np.ndarray:
    """ISO days (``""`` for an open end or an unparsed date) as days since 1970."""
    text = pc.if_else(pc.equal(bound, ""), pa.scalar(None, pa.string()), bound)
    days = pc.cast(pc.cast(pc.cast(text, pa.date32()), pa.int32()), pa.int64())
    out = pc.fill_null(days, open_value)
    if isinstance(out, pa.ChunkedArray):
        out = out.combine_chunks()
    return np.asarray(out.to_numpy(zero_copy_only=False), dtype=np.int64)


def iso(day: int) -> str:
    """A day since 1970 as ISO, ``""`` for an open end."""
    if day <= OPEN_START or day >= OPEN_END:
        return ""
    return (dt.date(1970, 1, 1) + dt.timedelta(days=int(day))).isoformat()


def span(lo: int, hi: int) -> str:
    """Bounds as ``A..B`` (an open end left empty: ``..B``, ``A..``)."""
    return f"{iso(lo)}..{iso(hi)}"


def form(lo: int, hi: int, period: bool) -> str:
    """The EDTF date with exactly these bounds: a day, a month or a year where the
    bounds are one; otherwise one day between them, ``[A..B]`` (a span ``A/B`` when
    the event is a period), its ends as coarse as both bounds allow."""
    start, end = iso(lo), iso(hi)
    if start and end:
        a, b = dt.date.fromisoformat(start), dt.date.fromisoformat(end)
        month_end = (b + dt.timedelta(days=1)).day == 1
        if a == b:
            return start
        if a.day == 1 and month_end and a.month == 1 and b.month == 12:
            ends = (start[:4], end[:4])
        elif a.day == 1 and month_end:
            ends = (start[:7], end[:7])
        else:
            ends = (start, end)
        if ends[0] == ends[1]:
            return ends[0]
        return f"{ends[0]}/{ends[1]}" if period else f"[{ends[0]}..{ends[1]}]"
    if period:
        return f"{start or '..'}/{end or '..'}"
    return f"[{start}..{end}]"


@dataclass
class Evidence:
    """What the rules need, per citation and per event (see the module docstring).

    Per citation: ``ev`` the row of its event (-1: none), ``ev_code`` its event's key
    code, ``support`` (primary or corroborating, of a known event), ``stated`` (a
    usable ``date_stated``), ``bad`` (a ``date_stated`` already reported), its bounds
    ``lo``/``hi``, ``overlap`` and ``within`` the event's bounds; with the status,
    ``so`` the row of its source and ``origin`` (a code; -1 for none). Per event row:
    ``code``, the bounds ``start``/``end``, ``dated`` (its date parsed and of the
    pattern), ``speaks`` (its notes speak of the date). Per event code: the counts and
    the intersection ``low``/``high`` of the overlapping evidence, and ``earned``
    (True: confirmed).
    """

    events: Table
    cites: Table
    ev: np.ndarray
    ev_code: np.ndarray
    support: np.ndarray
    stated: np.ndarray
    bad: np.ndarray
    lo: np.ndarray
    hi: np.ndarray
    overlap: np.ndarray
    within: np.ndarray
    code: np.ndarray
    start: np.ndarray
    end: np.ndarray
    dated: np.ndarray
    speaks: np.ndarray
    n_cites: np.ndarray
    n_stated: np.ndarray
    n_overlap: np.ndarray
    n_bad: np.ndarray
    low: np.ndarray
    high: np.ndarray
    # the status (``earn``): None until computed
    sources: Table | None = None
    so: np.ndarray | None = None
    origin: np.ndarray | None = None
    earned: np.ndarray | None = None

    def citations_of(self) -> Callable[[int], np.ndarray]:
        """A function from an event code to its citations' rows (for messages)."""
        order = np.argsort(self.ev_code, kind="stable")
        sorted_codes = self.ev_code[order]

        def rows(code: int) -> np.ndarray:
            a, b = np.searchsorted(sorted_codes, [code, code + 1])
            return order[a:b]

        return rows


def _rows(keys: Keys, table: Table, target: Table, name: str) -> np.ndarray:
    """Row of ``target`` whose ``name`` equals each row's (-1 if none)."""
    codes, size = keys.codes(table.name, name)
    ids, _ = keys.codes(target.name, name)
    return np.where(present_mask(table, name), position(codes, ids, size), -1)


def _origin_codes(cites: Table, sources: Table, so: np.ndarray) -> np.ndarray:
    """Per citation, a code of its origin: ``origin``, else its source's
    ``original_publisher``, else ``publisher``, lower case with runs of white space
    as one space; -1 where none is given.

    Each column's distinct values are normalised once (an outlet's name repeats over
    thousands of rows), then every citation takes the code of the value it uses."""
    n = cites.nrows
    out = np.full(n, -1, dtype=np.int64)
    filled = np.zeros(n, dtype=bool)
    known = so >= 0
    at = np.where(known, so, 0)
    picks: list[tuple[np.ndarray, np.ndarray]] = []  # (citations using it, value index)
    values: list[pa.Array] = []
    for name in ORIGIN_COLUMNS:
        table = cites if name == "origin" else sources
        if not table.nrows:
            continue
        index, distinct = _distinct(table.columns[name])
        present = present_mask(table, name)
        if table is sources:
            index, present = index[at], known & present[at]
        use = present & ~filled
        filled |= use
        picks.append((use, index + sum(len(v) for v in values)))
        values.append(distinct)
    if not values:
        return out
    norm = pc.utf8_trim_whitespace(pc.utf8_lower(pc.replace_substring_regex(
        pa.concat_arrays(values), r"\s+", " ")))
    code = np.where(mask(pc.not_equal(norm, "")), codes_of(norm), -1)
    for use, index in picks:
        out[use] = code[index[use]]
    return out


def _distinct(col: pa.Array | pa.ChunkedArray) -> tuple[np.ndarray, pa.Array]:
    """(each row's index into the distinct values, the distinct values)."""
    enc = pc.dictionary_encode(pc.fill_null(col, ""))
    if isinstance(enc, pa.ChunkedArray):
        enc = enc.unify_dictionaries()
        chunks = enc.chunks
        if not chunks:
            return np.zeros(0, np.int64), pa.array([], pa.string())
        index = np.concatenate([np.asarray(c.indices.to_numpy(zero_copy_only=False),
                                           dtype=np.int64) for c in chunks])
        return index, chunks[0].dictionary.cast(pa.string())
    return (np.asarray(enc.indices.to_numpy(zero_copy_only=False), dtype=np.int64),
            enc.dictionary.cast(pa.string()))


def gather(events: Table, cites: Table, keys: Keys, report: Report) -> Evidence:
    """What each event's evidence states (see ``Evidence``). Reads ``report`` only to
    leave out cells already found bad."""
    n_ev = events.nrows
    ev_code, n_codes = keys.codes(cites.name, "event_id")
    code, _ = keys.codes(events.name, "event_id")
    width = n_codes + 1
    ev = _rows(keys, cites, events, "event_id")

    # The event's bounds, from its date itself (so a wrong date_start is one finding)
    dates = dates_of(events, "date")
    dated = present_mask(events, "date") & dates.ok & ~report.bad_rows(events.file, "date", n_ev)
    start, end = _days(dates.start, OPEN_START), _days(dates.end, OPEN_END)
    speaks = present_mask(events, "notes") & mask(
        pc.match_substring_regex(events.columns["notes"], DATE_WORDS))

    stated_dates = dates_of(cites, "date_stated")
    given = present_mask(cites, "date_stated")
    unusable = report.bad_rows(cites.file, "date_stated", cites.nrows)
    bad = given & (~stated_dates.ok | unusable)
    stated = given & ~bad
    lo, hi = _days(stated_dates.start, OPEN_START), _days(stated_dates.end, OPEN_END)

    support = isin(cites.columns["role"], SUPPORT) & (ev >= 0)
    # A citation of an event whose id is refused or repeated cannot be followed to one
    # row: that fault is reported once, where it is (one fault, one finding).
    support &= ~report.untrusted_rows(events.file, "event_id", n_ev)[np.maximum(ev, 0)]
    at = np.where(ev >= 0, ev, n_ev)  # row n_ev: a stand-in for no event, never dated
    e_lo, e_hi = np.append(start, OPEN_START)[at], np.append(end, OPEN_END)[at]
    judged = support & stated & np.append(dated, False)[at]
    overlap = judged & (lo <= e_hi) & (hi >= e_lo)
    within = judged & (lo >= e_lo) & (hi <= e_hi)

    low = np.full(width, OPEN_START, dtype=np.int64)
    high = np.full(width, OPEN_END, dtype=np.int64)
    np.maximum.at(low, ev_code[overlap], lo[overlap])
    np.minimum.at(high, ev_code[overlap], hi[overlap])
    return Evidence(
        events=events, cites=cites, ev=ev, ev_code=ev_code, support=support, stated=stated,
        bad=bad, lo=lo, hi=hi, overlap=overlap, within=within, code=code, start=start,
        end=end, dated=dated, speaks=speaks,
        n_cites=np.bincount(ev_code[ev >= 0], minlength=width),
        n_stated=np.bincount(ev_code[support & stated], minlength=width),
        n_overlap=np.bincount(ev_code[overlap], minlength=width),
        n_bad=np.bincount(ev_code[support & bad], minlength=width),
        low=low, high=high,
    )


def earn(e: Evidence, sources: Table, actors: Table, keys: Keys) -> Evidence:
    """``e`` with the status each event earns (``earned`` per event code)."""
    cites, events = e.cites, e.events
    so = _rows(keys, cites, sources, "source_id")
    origin = _origin_codes(cites, sources, so)
    width = len(e.n_cites)
    counted = e.within & (origin >= 0)
    origins = np.zeros(width, dtype=np.int64)
    if counted.any():
        span_ = int(origin.max()) + 1
        pairs = np.unique(e.ev_code[counted] * span_ + origin[counted])
        origins = np.bincount(pairs // span_, minlength=width)
    official = official_records(events, sources, actors, keys, e.ev, so) & e.within
    by_official = np.zeros(width, dtype=bool)
    by_official[e.ev_code[official]] = True
    e.sources, e.so, e.origin = sources, so, origin
    e.earned = (origins >= 2) | by_official
    return e


def check_date_stated(cites: Table, report: Report) -> None:
    """``date_stated`` parses as EDTF (a value the pattern refused is that finding alone)."""
    dates = dates_of(cites, "date_stated")
    report.add_rows(
        "edtf-parse",
        cites.file,
        "date_stated",
        present_mask(cites, "date_stated") & dates.failed,
        cites.line,
        lambda i: (
            f"{show(cites.value('date_stated', i))} is not a valid EDTF date: "
            f"{dates.error[i].as_py()}"
        ),
    )


def check_evidence_dates(tables: Tables, report: Report) -> None:
    """Each event's date is what its evidence states (see the module docstring)."""
    e = gather(tables["events"], tables["event_sources"], tables.key_codes, report)
    _check_overlap(e, report)
    _check_event_dates(e, report)


def check_status(tables: Tables, report: Report) -> None:
    """A ``confirmed`` event earns it (see the module docstring)."""
    e = gather(tables["events"], tables["event_sources"], tables.key_codes, report)
    e = earn(e, tables["sources"], tables["actors"], tables.key_codes)
    _check_status(e, report)


def _check_overlap(e: Evidence, report: Report) -> None:
    """A supporting citation states a date that overlaps the event's."""
    cites, events = e.cites, e.events
    at = np.where(e.ev >= 0, e.ev, events.nrows)
    judged = e.support & e.stated & np.append(e.dated, False)[at]
    report.add_rows(
        "citation-outside-date",
        cites.file,
        "date_stated",
        judged & ~e.overlap,
        cites.line,
        lambda i: (
            f"the {cites.value('role', i)} citation states {cites.value('date_stated', i)}, "
            f"which does not overlap the date {events.value('date', int(e.ev[i]))} of "
            f"{cites.value('event_id', i)}: make it contradicting, and say in the event's "
            "notes what it states"
        ),
    )


@dataclass
class Verdicts:
    """Per event row, what its evidence says of its date (each a mask)."""

    ok: np.ndarray  # judged at all: its date and its evidence's dates are usable
    narrower: np.ndarray
    wider: np.ndarray
    disagree: np.ndarray
    outside: np.ndarray  # a supporting citation does not overlap (reported on it)
    unsourced: np.ndarray

    @property
    def settled(self) -> np.ndarray:
        """The events whose date agrees with their evidence: their status is judged."""
        return self.ok & ~(self.narrower | self.wider | self.disagree | self.outside
                           | self.unsourced)


def verdicts(e: Evidence, report: Report) -> Verdicts:
    events, k = e.events, e.code
    ok = e.dated & (e.n_bad[k] == 0) & ~report.untrusted_rows(events.file, "event_id", events.nrows)
    low, high = e.low[k], e.high[k]
    has_overlap = ok & (e.n_overlap[k] > 0)
    disagree = has_overlap & (low > high)
    narrower = has_overlap & ~disagree & ((e.start > low) | (e.end < high))
    wider = has_overlap & ~disagree & ~narrower & ((e.start < low) | (e.end > high))
    undated = ok & (e.n_cites[k] > 0) & (e.n_stated[k] == 0)
    return Verdicts(ok=ok, narrower=narrower, wider=wider, disagree=disagree,
                    outside=ok & (e.n_stated[k] > e.n_overlap[k]),
                    unsourced=undated & ~e.speaks)


def _check_event_dates(e: Evidence, report: Report) -> None:
    """The event's date is the intersection of what its evidence states; with no
    stated date, notes say where it comes from."""
    events, k = e.events, e.code
    v = verdicts(e, report)
    low, high = e.low[k], e.high[k]
    rows_of = e.citations_of()

    def date(i: int) -> str:
        return events.value("date", i)

    def allowed(i: int) -> str:
        return form(low[i], high[i], "/" in date(i))

    report.add_rows(
        "date-beyond-sources",
        events.file,
        "date",
        v.narrower,
        events.line,
        lambda i: (
            f"{date(i)} ({span(int(e.start[i]), int(e.end[i]))}) is narrower than its sources "
            "state: "
            f"its primary and corroborating citations state {span(low[i], high[i])} "
            f"together ({allowed(i)}); the row claims more than any source (widen the date, "
            "or cite a source that states it)"
        ),
    )
    report.add_rows(
        "date-wider-than-sources",
        events.file,
        "date",
        v.wider,
        events.line,
        lambda i: (
            f"{date(i)} ({span(int(e.start[i]), int(e.end[i]))}) is wider than its sources "
            f"state: the sources state {span(low[i], high[i])}: the date can be {allowed(i)}"
        ),
    )

    def disagreeing(i: int) -> str:
        rows = [int(r) for r in rows_of(int(k[i])) if e.overlap[r]]
        first = max(rows, key=lambda r: e.lo[r])
        last = min(rows, key=lambda r: e.hi[r])
        return "; ".join(
            f"{e.cites.value('date_stated', r)} on line {e.cites.line(r)}"
            for r in dict.fromkeys([first, last])
        )

    report.add_rows(
        "date-sources-disagree",
        events.file,
        "date",
        v.disagree,
        events.line,
        lambda i: (
            f"the primary and corroborating citations of {events.value('event_id', i)} state "
            f"dates with no day in common ({disagreeing(i)} of {e.cites.file}): make the one "
            "that is wrong contradicting, and say in notes what it states"
        ),
    )
    report.add_rows(
        "date-unsourced",
        events.file,
        "date",
        v.unsourced,
        events.line,
        lambda i: (
            f"no primary or corroborating citation of {events.value('event_id', i)} states a "
            f"date (date_stated), and notes do not say where {date(i)} comes from (they must "
            "speak of the date)"
        ),
    )


def _check_status(e: Evidence, report: Report) -> None:
    """A ``confirmed`` event earns it; judged once its date agrees with its evidence."""
    assert e.earned is not None and e.origin is not None
    events, k = e.events, e.code
    unearned = (verdicts(e, report).settled & isin(events.columns["status"], ["confirmed"])
                & ~e.earned[k])
    rows_of = e.citations_of()

    def lacks(i: int) -> str:
        assert e.origin is not None
        rows = [int(r) for r in rows_of(int(k[i])) if e.support[r]]
        inside = [r for r in rows if e.within[r]]
        named: dict[int, str] = {}
        for r in inside:
            if e.origin[r] >= 0 and e.origin[r] not in named:
                named[int(e.origin[r])] = _origin_shown(e, r)
        found = ", ".join(named.values())
        origin_words = (f"{len(named)} origin ({found})" if len(named) == 1
                        else f"{len(named)} origins" + (f" ({found})" if named else ""))
        rest = len(rows) - len(inside)
        verb = "states" if rest == 1 else "state"
        others = (f"; {rest} more {verb} no date or one not within it" if rest else "")
        return (f"within {events.value('date', i)} its primary and corroborating citations "
                f"state {origin_words} and no official record of its actors{others}")

    report.add_rows(
        "status-confirmed",
        events.file,
        "status",
        unearned,
        events.line,
        lambda i: (
            f"{events.value('event_id', i)} is confirmed, but earns only reported: {lacks(i)}; "
            "confirmed needs two citations of distinct origin, or one official record, "
            "stating a date within the event's (make it reported, or cite a source of another "
            "origin that states the date)"
        ),
    )


def _origin_shown(e: Evidence, r: int) -> str:
    """The origin of citation ``r`` as written in the data."""
    assert e.sources is not None and e.so is not None
    if e.cites.value("origin", r):
        return e.cites.value("origin", r)
    s = int(e.so[r])
    for name in ("original_publisher", "publisher"):
        if s >= 0 and e.sources.value(name, s):
            return e.sources.value(name, s)
    return "?"


def earned_status(datapackage: str | os.PathLike[str] | None = None) -> dict[str, str]:
    """Per ``event_id``, the status its evidence earns, ``confirmed`` or ``reported``,
    computed exactly as ``check`` computes it (``disputed`` is the data's own judgement:
    a disputed event is given what its evidence would earn). The package is read as the
    checker reads it (it must have the four resources and the columns the rule
    declares); findings are not reported here: run ``check``."""
    from ..descriptor import read_descriptor, resolve

    path: Path = resolve(datapackage)
    descriptor = read_descriptor(path)
    scratch = Report()
    tables = {
        res["name"]: read_table(path, res, scratch)
        for res in descriptor["resources"]
        if res.get("name") in ("events", "sources", "event_sources", "actors")
    }
    events = tables["events"]
    keys = Keys(tables)
    e = gather(events, tables["event_sources"], keys, scratch)
    earned = earn(e, tables["sources"], tables["actors"], keys).earned
    assert earned is not None
    confirmed = earned[e.code] & e.dated
    ids = events.columns["event_id"].to_pylist()
    return {i: "confirmed" if c else "reported" for i, c in zip(ids, confirmed, strict=True)}
