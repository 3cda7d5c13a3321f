"""Say an EDTF date in plain English: "c. April 2025", "before 24 February 2022".

The checker asks what an EDTF date *means* (its strict bounds); the figure and the
TimelineJS export ask how to *say* it and at what precision to show it. That needs the
date's own parts (a month stays a month, a range keeps the precision of each end, a
qualifier stays attached), which the bounds alone lose, so this module takes each end
as written from the one EDTF parser (``edtf_dates``). It covers the forms the
``date`` field's pattern admits but seasons, and raises ``ValueError`` for anything else.

Wording (documented in docs/figure.md):

- a day ``1948-06-17``: "17 June 1948"; a month ``2025-04``: "April 2025"; a year: "2014";
- approximate ``~``: "c. April 2025"; uncertain ``?``: "April 2025?"; both ``%``: "c. April 2025?";
- a range: "25–29 September 2024", "25 September – 3 October 2024", "April–June 2025",
  or both ends in full, "c. 1988 – 1991", when they share nothing or carry a qualifier;
- an open start ``../2022-02-23`` (on or before that day): "before 24 February 2022", the
  day (month, year) after the known end, so that the words are exact;
- an open end ``2022/..``: "from 2022 onwards";
- one day between two known days ``[1988-11-01..1988-11-03]``: "between 1 and 3 November
  1988", "between 28 October and 3 November 1988" (a day, not a span); with an open
  start or end, ``[..2022-02-23]``: "on or before 23 February 2022", ``[2022-02..]``:
  "on or after February 2022".
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import lru_cache

from .edtf_dates import End, parse_column

# English names, fixed here rather than taken from the locale, so output never varies.
MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)
MONTHS_SHORT = tuple(name[:3] for name in MONTHS)

@dataclass(frozen=True)
class Point:
    """One end of an EDTF date: a year, month or day, with its qualifier ('', '?', '~', '%')."""

    year: int
    month: int | None = None
    day: int | None = None
    qualifier: str = ""

    @property
    def precision(self) -> str:
        """'day', 'month' or 'year': how much of the date is given."""
        return "day" if self.day is not None else "month" if self.month is not None else "year"

    def parts(self) -> dict[str, int]:
        """The given parts only, as TimelineJS date objects want them: year[, month[, day]]."""
        out = {"year": self.year}
        if self.month is not None:
            out["month"] = self.month
        if self.day is not None:
            out["day"] = self.day
        return out

    def next(self) -> Point:
        """The day, month or year right after this one, at the same precision."""
        if self.day is not None:
            following = dt.date(self.year, self.month or 1, self.day) + dt.timedelta(days=1)
            return Point(following.year, following.month, following.day, self.qualifier)
        if self.month is not None:
            year, month = divmod(self.year * 12 + self.month, 12)
            return Point(year, month + 1, None, self.qualifier)
        return Point(self.year + 1, None, None, self.qualifier)


@dataclass(frozen=True)
class EdtfDate:
    """A parsed EDTF date: a single point, a range, or a range with one open end.

    For a single date ``start`` and ``end`` are the same point; an open end is ``None``.
    ``bounded`` marks ``[A..B]``: one day, not known, between the points A and B.
    """

    text: str
    start: Point | None
    end: Point | None
    is_range: bool
    bounded: bool = False

    @property
    def open_start(self) -> bool:
        return self.start is None

    @property
    def open_end(self) -> bool:
        return self.end is None


def _point(end: End | None, whole: str) -> Point | None:
    """A Point from one end as written; None for an open (``..``) end."""
    if end is None:
        return None
    if end.season:
        raise ValueError(f"{whole!r}: a season cannot be said in words here")
    return Point(end.year, end.month, end.day, end.qualifier)


@lru_cache(maxsize=1 << 12)
def parse(text: str) -> EdtfDate:
    """Parse an EDTF date (with the one parser, ``edtf_dates``) and keep
    the parts of each end; ValueError, saying why, for anything but the forms listed in
    the module docstring.

    Remembered per text (the result is frozen): the site, the figure and the export say
    each event's dates many times over, in three languages, and the column parser costs
    the same for one value as for a few hundred."""
    col = parse_column([text])
    if not col.valid[0]:
        raise ValueError(f"{text!r} is not an EDTF date: {col.error[0].as_py()}")
    form = col.form[0].as_py()
    start, end = _point(col.end_of(0, 1), text), _point(col.end_of(0, 2), text)
    if form == "single":
        return EdtfDate(text, start, start, is_range=False)
    if form == "set":
        return EdtfDate(text, start, end, is_range=False, bounded=True)
    return EdtfDate(text, start, end, is_range=True)


def _plain(point: Point, short: bool) -> str:
    months = MONTHS_SHORT if short else MONTHS
    if point.day is not None and point.month is not None:
        return f"{point.day} {months[point.month - 1]} {point.year}"
    if point.month is not None:
        return f"{months[point.month - 1]} {point.year}"
    return str(point.year)


def _qualified(point: Point, words: str) -> str:
    if point.qualifier == "~":
        return f"c. {words}"
    if point.qualifier == "?":
        return f"{words}?"
    if point.qualifier == "%":
        return f"c. {words}?"
    return words


def point_words(point: Point, short: bool = False) -> str:
    """One end of a date in words, with its qualifier: "c. April 2025"."""
    return _qualified(point, _plain(point, short))


def _say_range(start: Point, end: Point, short: bool) -> str:
    months = MONTHS_SHORT if short else MONTHS
    same_shape = start.precision == end.precision and not start.qualifier and not end.qualifier
    if same_shape and start.year == end.year and start.precision != "year":
        if start.precision == "day" and start.month == end.month:
            return f"{start.day}–{end.day} {months[end.month - 1]} {end.year}"  # type: ignore[operator]
        if start.precision == "day":
            return f"{start.day} {months[start.month - 1]} – {_plain(end, short)}"  # type: ignore[operator]
        return f"{months[start.month - 1]}–{_plain(end, short)}"  # type: ignore[operator]
    if same_shape and start.precision == "year":
        return f"{start.year}–{end.year}"
    return f"{point_words(start, short)} – {point_words(end, short)}"


def _say_between(start: Point, end: Point, short: bool) -> str:
    """``[A..B]`` in words: "between 1 and 3 November 1988"."""
    months = MONTHS_SHORT if short else MONTHS
    if start.precision == end.precision == "day" and start.year == end.year:
        if start.month == end.month:
            return f"between {start.day} and {_plain(end, short)}"
        return f"between {start.day} {months[start.month - 1]} and {_plain(end, short)}"  # type: ignore[operator]
    return f"between {_plain(start, short)} and {_plain(end, short)}"


def display_date(date: str | EdtfDate, *, short: bool = False) -> str:
    """The date in plain English; ``short`` abbreviates month names ("Sep 2024")."""
    parsed = parse(date) if isinstance(date, str) else date
    if parsed.bounded:
        if parsed.start is None:
            assert parsed.end is not None
            return f"on or before {_plain(parsed.end, short)}"
        if parsed.end is None:
            return f"on or after {_plain(parsed.start, short)}"
        return _say_between(parsed.start, parsed.end, short)
    if parsed.start is None:
        assert parsed.end is not None
        return f"before {point_words(parsed.end.next(), short)}"
    if parsed.end is None:
        return f"from {point_words(parsed.start, short)} onwards"
    if not parsed.is_range:
        return point_words(parsed.start, short)
    return _say_range(parsed.start, parsed.end, short)
