"""Choose events the way a reader asks: by actor, type, status, dates and words.

The ``events`` command uses this, and the site's script does the same in the browser
(``site/static/site.js``: ``fold`` and ``chronological`` there say the same as here),
so that a search gives the same events on the command line and on the page.

- Words are compared folded (``fold``): case and accents ignored in every script, so
  ``colon`` finds *Colón*, ``COLON`` too, and the Cyrillic yo (``ё``) is found
  as ie, without its diaeresis (a combining mark).
- Dates are compared on the bounds (``date_start``, ``date_end``): an event is in a
  range when it may have happened in it (its bounds overlap the range); an open start
  or end reaches as far as it goes.
- Events are listed in time order by the earliest day they may have started, an open
  start by its end (so ``../2022-02-23`` is listed with February 2022, not before
  1903), then by their end and their id.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterable, Sequence
from typing import Any

import pandas as pd

from .cells import cell

__all__ = [
    "ACTOR_COLUMNS", "SEARCH_COLUMNS", "bound", "chronological", "fold", "records",
    "select_events",
]

ACTOR_COLUMNS = ("actor1", "actor2")
SEARCH_COLUMNS = ("title", "summary")


def fold(text: str) -> str:
    """Text as search compares it: compatibility-decomposed (NFKD), every combining
    mark dropped (accents, diaeresis, breve), lower case. The browser does the same
    with ``normalize("NFKD")``, ``/\\p{M}/gu`` and ``toLowerCase()``."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.category(c).startswith("M")).lower()


_BOUND = re.compile(r"(?P<year>[0-9]{4})(?:-(?P<month>[0-9]{2})(?:-(?P<day>[0-9]{2}))?)?")


def bound(text: str, *, end: bool) -> pd.Timestamp:
    """``--from`` / ``--to``: a year, a month or a day (``2022``, ``2022-02``,
    ``2022-02-24``); as an end, its last day. ValueError, saying why, for anything else."""
    match = _BOUND.fullmatch(text.strip())
    if not match:
        raise ValueError(f"{text!r} is not a date: give a year, a month or a day "
                         "(2022, 2022-02 or 2022-02-24)")
    year = int(match["year"])
    month = int(match["month"]) if match["month"] else None
    day = int(match["day"]) if match["day"] else None
    try:
        if day is not None:
            first = last = dt.date(year, month or 1, day)
        elif month is not None:
            first = dt.date(year, month, 1)
            last = (dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1))
        else:
            first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
    except ValueError:
        raise ValueError(f"{text!r} is not a calendar date") from None
    return pd.Timestamp(last if end else first)


def chronological(events: pd.DataFrame) -> pd.DataFrame:
    """The events in time order (see the module docstring), with a fresh index."""
    key = pd.DataFrame({
        "day": events["date_start"].fillna(events["date_end"]),
        "end": events["date_end"],
        "id": events["event_id"].astype(str),
    })
    order = key.sort_values(["day", "end", "id"], na_position="last", kind="stable").index
    return events.loc[order].reset_index(drop=True)


def _any_of(column: pd.Series, values: Iterable[str]) -> pd.Series:
    return column.astype("string").isin(list(values)).fillna(False).astype(bool)


def select_events(
    events: pd.DataFrame,
    *,
    actors: Sequence[str] = (),
    types: Sequence[str] = (),
    statuses: Sequence[str] = (),
    start: pd.Timestamp | None = None,
    end: pd.Timestamp | None = None,
    search: str = "",
) -> pd.DataFrame:
    """The events that match every filter given, in time order.

    ``actors``, ``types`` and ``statuses``: any of the values (an actor as ``actor1``
    or ``actor2``); ``start``/``end``: the bounds overlap that range; ``search``: every
    word, folded, in the title or the summary.
    """
    keep = pd.Series(True, index=events.index)
    if actors:
        keep &= pd.concat([_any_of(events[c], actors) for c in ACTOR_COLUMNS], axis=1).any(axis=1)
    if types:
        keep &= _any_of(events["event_type"], types)
    if statuses:
        keep &= _any_of(events["status"], statuses)
    if start is not None:  # it may end on or after the start (an open end always may)
        keep &= (events["date_end"] >= start).fillna(False) | events["date_end"].isna()
    if end is not None:  # it may start on or before the end (an open start always may)
        keep &= (events["date_start"] <= end).fillna(False) | events["date_start"].isna()
    words = fold(search).split()
    if words:
        haystack = pd.Series("", index=events.index, dtype=object)
        for column in SEARCH_COLUMNS:
            haystack = haystack + " " + events[column].astype("string").fillna("").map(fold)
        for word in words:
            keep &= haystack.str.contains(word, regex=False)
    return chronological(events[keep])


def records(events: pd.DataFrame) -> list[dict[str, Any]]:
    """Rows as JSON objects, every column of the frame in order: dates as ISO days,
    missing values as None, numbers as numbers."""
    columns = list(events.columns)
    return [{k: cell(v) for k, v in zip(columns, row, strict=True)}
            for row in events.itertuples(index=False, name=None)]
