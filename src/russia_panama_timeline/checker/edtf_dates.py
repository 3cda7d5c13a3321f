"""EDTF dates: their strict bounds and precision, once per distinct value.

The ``edtf`` package is the reference parser, but it costs about 3 ms a value, which
is 3 minutes for the 60 000 distinct dates of a million-event timeline. So the forms
the schema's ``pattern`` admits (a year, month or day with an optional ``?``, ``~``
or ``%``, an interval of two of them, or an open end ``..``) are parsed here with one
regular expression and the calendar; every other string goes to ``edtf.parse_edtf``.
A property test checks that both paths agree. Two deliberate differences: a day that
is not on the calendar (``2021-02-29``, which ``edtf`` accepts) and an interval that
ends before it starts are rejected.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

_PART = r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?[?~%]?"
_SINGLE = re.compile(rf"{_PART}")
_SEASON = re.compile(r"(?:^|/)\d{4}-(?:1[3-9]|[2-9]\d)")
_INTERVAL = re.compile(rf"(\.\.|{_PART})/(\.\.|{_PART})")


@dataclass(frozen=True)
class EdtfDate:
    """What a ``date`` value says: its strict bounds (None for an open end) and precision."""

    start: str | None
    end: str | None
    precision: str


class EdtfError(ValueError):
    """The value is not an EDTF date this project accepts; the message says why."""


def _bounds(year: str, month: str | None, day: str | None) -> tuple[str, str, str]:
    y = int(year)
    if y < 1:
        raise EdtfError("year 0000 has no calendar day")
    if month is None:
        return f"{year}-01-01", f"{year}-12-31", "year"
    m = int(month)
    if not 1 <= m <= 12:
        raise EdtfError(f"month {month} does not exist")
    last = calendar.monthrange(y, m)[1]
    if day is None:
        return f"{year}-{month}-01", f"{year}-{month}-{last:02d}", "month"
    if not 1 <= int(day) <= last:
        raise EdtfError(f"{year}-{month}-{day} is not a day of the calendar")
    iso = f"{year}-{month}-{day}"
    return iso, iso, "day"


def _fast(value: str) -> EdtfDate | None:
    if _SEASON.search(value):  # seasons (2021-21) and other level-1 months: the reference
        return None
    m = _SINGLE.fullmatch(value)
    if m:
        start, end, precision = _bounds(*m.groups())
        return EdtfDate(start, end, precision)
    m = _INTERVAL.fullmatch(value)
    if m:
        lo, y1, m1, d1, hi, y2, m2, d2 = m.groups()
        start = None if lo == ".." else _bounds(y1, m1, d1)[0]
        end = None if hi == ".." else _bounds(y2, m2, d2)[1]
        if start is None and end is None:
            raise EdtfError("an interval open at both ends says nothing")
        if start is not None and end is not None and end < start:
            raise EdtfError("the interval ends before it starts")
        return EdtfDate(start, end, "period")
    return None


def _fast_or_error(value: str) -> EdtfDate | str | None:
    """The fast path alone (for tests): a date, an error message, or None (not its form)."""
    try:
        return _fast(value)
    except EdtfError as exc:
        return str(exc)


def _iso(struct: object) -> str | None:
    """ISO day of an ``edtf`` bound (a struct_time), None for an open (infinite) end."""
    if isinstance(struct, float):
        return None
    try:
        return dt.date(struct.tm_year, struct.tm_mon, struct.tm_mday).isoformat()  # type: ignore[attr-defined]
    except (AttributeError, ValueError) as exc:
        raise EdtfError(f"its bound is not a calendar day ({exc})") from None


def _reference(value: str) -> EdtfDate:
    """Parse with the ``edtf`` package (any EDTF level it supports)."""
    import edtf
    from edtf.parser.parser_classes import EDTFObject

    try:
        parsed = edtf.parse_edtf(value)
    except Exception as exc:  # the parser raises several exception types
        raise EdtfError(f"not an EDTF date ({type(exc).__name__})") from None
    if not isinstance(parsed, EDTFObject):
        raise EdtfError("not an EDTF date")
    start = _iso(parsed.lower_strict())
    end = _iso(parsed.upper_strict())
    if start is not None and end is not None and end < start:
        raise EdtfError("the interval ends before it starts")
    if "/" in value or start is None or end is None:
        precision = "period"
    else:
        precision = getattr(parsed, "precision", None) or _precision_of(start, end)
    return EdtfDate(start, end, precision)


def _precision_of(start: str, end: str) -> str:
    if start == end:
        return "day"
    if start[:7] == end[:7]:
        return "month"
    if start[:4] == end[:4] and start[5:] == "01-01" and end[5:] == "12-31":
        return "year"
    return "period"


@lru_cache(maxsize=1 << 17)
def parse(value: str) -> EdtfDate:
    """Bounds and precision of an EDTF ``value``; EdtfError if it is not one."""
    if not value:
        raise EdtfError("empty")
    if len(value) > 64:
        raise EdtfError("too long to be a date")
    return _fast(value) or _reference(value)


def parse_or_error(value: str) -> EdtfDate | str:
    """``parse`` that returns the error message instead of raising it."""
    try:
        return parse(value)
    except EdtfError as exc:
        return str(exc)
