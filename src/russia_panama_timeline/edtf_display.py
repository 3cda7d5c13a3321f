"""Say an EDTF date in plain English: "c. April 2025", "before 24 February 2022".

The checker asks what an EDTF date *means* (its strict bounds, with the ``edtf``
package); the figure and the TimelineJS export ask how to *say* it and at what
precision to show it. That needs the date's own parts (a month stays a month, a
range keeps the precision of each end, a qualifier stays attached), which the bounds
alone lose, so this module walks the parse tree the ``edtf`` package builds. It covers
exactly the forms the ``date`` field's pattern admits (levels 0 and 1 without seasons
or unspecified digits, and the level-2 one-of-a-set ``[A..B]``) and raises
``ValueError`` for anything else.

Wording (documented in docs/figure.md):

- a day ``1948-06-17``: "17 June 1948"; a month ``2025-04``: "April 2025"; a year: "2014";
- approximate ``~``: "c. April 2025"; uncertain ``?``: "April 2025?"; both ``%``: "c. April 2025?";
- a range: "25–29 September 2024", "25 September – 3 October 2024", "April–June 2025",
  or both ends in full, "c. 1988 – 1991", when they share nothing or carry a qualifier;
- an open start ``../2022-02-23`` (on or before that day): "before 24 February 2022", the
  day (month, year) after the known end, so that the words are exact;
- an open end ``2022/..``: "from 2022 onwards";
- one day between two known days ``[1988-11-01..1988-11-03]``: "between 1 and 3 November
  1988", "between 28 October and 3 November 1988" (a day, not a span).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

# English names, fixed here rather than taken from the locale, so output never varies.
MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)
MONTHS_SHORT = tuple(name[:3] for name in MONTHS)

_POINT = re.compile(
    r"(?P<year>[0-9]{4})(?:-(?P<month>[0-9]{2})(?:-(?P<day>[0-9]{2}))?)?(?P<qualifier>[?~%]?)"
)


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


def _point(node: Any, whole: str) -> Point | None:
    """A Point from one node of the ``edtf`` parse tree; None for an open (``..``) end."""
    from edtf.parser.parser_classes import Date, UncertainOrApproximate, UnspecifiedIntervalSection

    if isinstance(node, UnspecifiedIntervalSection):
        if node.is_open:
            return None
        raise ValueError(f"{whole!r}: an unknown end is not supported, only an open one (..)")
    qualifier = ""
    if isinstance(node, UncertainOrApproximate):
        qualifier = str(node.ua) if node.ua else ""
        node = node.date
    if type(node) is not Date:  # seasons, unspecified digits, long years, ...
        raise ValueError(f"{whole!r} is not an EDTF date this project supports")
    text = str(node)
    if not _POINT.fullmatch(text):
        raise ValueError(f"{whole!r} is not an EDTF date this project supports")
    year = int(str(node._year))
    month = int(node._month) if node._month else None
    day = int(node._day) if node._day else None
    if month is not None and not 1 <= month <= 12:
        raise ValueError(f"{whole!r}: month {month:02d} is not 01-12 (seasons are not supported)")
    if day is not None:
        try:
            dt.date(year, month or 1, day)
        except ValueError:
            raise ValueError(f"{whole!r}: {text} is not a calendar day") from None
    return Point(year, month, day, qualifier)


def parse(text: str) -> EdtfDate:
    """Parse an EDTF date with the ``edtf`` package and keep the parts of each end;
    ValueError for anything but the forms listed in the module docstring."""
    import edtf
    from edtf.parser.parser_classes import Consecutives, Interval, Level1Interval, OneOfASet

    try:
        parsed = edtf.parse_edtf(text)
    except Exception:  # the parser raises several exception types
        raise ValueError(f"{text!r} is not an EDTF date") from None
    if isinstance(parsed, OneOfASet):
        objects: list[Any] = list(getattr(parsed, "objects", ()))
        if len(objects) != 1 or type(objects[0]) is not Consecutives:
            raise ValueError(f"{text!r}: only a set of consecutive days [A..B] is supported")
        start, end = _point(objects[0].lower, text), _point(objects[0].upper, text)
        if start is None or end is None or start.qualifier or end.qualifier:
            raise ValueError(f"{text!r}: both ends of [A..B] must be plain dates")
        return EdtfDate(text, start, end, is_range=False, bounded=True)
    if not isinstance(parsed, Interval | Level1Interval):
        point = _point(parsed, text)
        return EdtfDate(text, point, point, is_range=False)
    start, end = _point(parsed.lower, text), _point(parsed.upper, text)
    if start is None and end is None:
        raise ValueError(f"{text!r}: a range needs at least one known end")
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
        assert start.month is not None and end.month is not None  # not a year: a month
        if start.precision == "day" and start.month == end.month:
            return f"{start.day}–{end.day} {months[end.month - 1]} {end.year}"
        if start.precision == "day":
            return f"{start.day} {months[start.month - 1]} – {_plain(end, short)}"
        return f"{months[start.month - 1]}–{_plain(end, short)}"
    if same_shape and start.precision == "year":
        return f"{start.year}–{end.year}"
    return f"{point_words(start, short)} – {point_words(end, short)}"


def _say_between(start: Point, end: Point, short: bool) -> str:
    """``[A..B]`` in words: "between 1 and 3 November 1988"."""
    months = MONTHS_SHORT if short else MONTHS
    if start.precision == end.precision == "day" and start.year == end.year:
        assert start.month is not None  # a day: a month too
        if start.month == end.month:
            return f"between {start.day} and {_plain(end, short)}"
        return f"between {start.day} {months[start.month - 1]} and {_plain(end, short)}"
    return f"between {_plain(start, short)} and {_plain(end, short)}"


def display_date(date: str | EdtfDate, *, short: bool = False) -> str:
    """The date in plain English; ``short`` abbreviates month names ("Sep 2024")."""
    parsed = parse(date) if isinstance(date, str) else date
    if parsed.bounded:
        assert parsed.start is not None and parsed.end is not None
        return _say_between(parsed.start, parsed.end, short)
    if parsed.start is None:
        assert parsed.end is not None
        return f"before {point_words(parsed.end.next(), short)}"
    if parsed.end is None:
        return f"from {point_words(parsed.start, short)} onwards"
    if not parsed.is_range:
        return point_words(parsed.start, short)
    return _say_range(parsed.start, parsed.end, short)
