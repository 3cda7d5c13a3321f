"""EDTF dates: their strict bounds and precision, once per distinct value.

The ``edtf`` package is the reference parser, but it costs about 3 ms a value, which
is 3 minutes for the 60 000 distinct dates of a million-event timeline. So the forms
the schema's ``pattern`` admits (a year, month or day with an optional ``?``, ``~``
or ``%``, an interval of two of them, an open end ``..``, or the level-2 one-of-a-set
``[A..B]``: one day, not known, between A and B) are parsed here with one regular
expression and the calendar; every other string goes to ``edtf.parse_edtf``.
Property tests check that both paths agree, and that the forms taken here are exactly
those the ``date`` field's ``pattern`` in the descriptor admits. Two deliberate
differences from ``edtf``: a day that is not on the calendar (``2021-02-29``, which
``edtf`` accepts) and an interval that ends before it starts are rejected.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from ..errors import DataError

_PART = r"([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?[?~%]?"  # ASCII digits only
_SINGLE = re.compile(rf"{_PART}")
_SEASON = re.compile(r"(?:^|/)[0-9]{4}-(?:1[3-9]|[2-9][0-9])")
_INTERVAL = re.compile(rf"(\.\.|{_PART})/(\.\.|{_PART})")
_PLAIN = r"([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?"
_BOUNDED = re.compile(rf"\[{_PLAIN}\.\.{_PLAIN}\]")  # one of a set of consecutive values


@dataclass(frozen=True)
class EdtfDate:
    """What a ``date`` value says: its strict bounds (None for an open end) and precision."""

    start: str | None
    end: str | None
    precision: str


class EdtfError(DataError):
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
    if value == "..":
        raise EdtfError("an open end alone says nothing")
    if _SEASON.search(value):  # seasons (2021-21) and other level-1 months: the reference
        return None
    m = _SINGLE.fullmatch(value)
    if m:
        start, end, precision = _bounds(*m.groups())
        return EdtfDate(start, end, precision)
    m = _BOUNDED.fullmatch(value)
    if m:
        y1, m1, d1, y2, m2, d2 = m.groups()
        if (m1 is None, d1 is None) != (m2 is None, d2 is None):
            raise EdtfError("both ends of [A..B] must have the same precision")
        return _bounded(_bounds(y1, m1, d1)[0], _bounds(y2, m2, d2)[1])
    m = _INTERVAL.fullmatch(value)
    if m:
        lo, y1, m1, d1, hi, y2, m2, d2 = m.groups()
        first = None if lo == ".." else _bounds(y1, m1, d1)[0]
        last = None if hi == ".." else _bounds(y2, m2, d2)[1]
        if first is None and last is None:
            raise EdtfError("an interval open at both ends says nothing")
        if first is not None and last is not None and last < first:
            raise EdtfError("the interval ends before it starts")
        return EdtfDate(first, last, "period")
    return None


def _bounded(start: str, end: str) -> EdtfDate:
    """``[A..B]``: one day between A and B, both known; a set of one day is that day."""
    if end < start:
        raise EdtfError("the set of possible days ends before it starts")
    if end == start:
        raise EdtfError("a set of one possible day: write the day itself")
    return EdtfDate(start, end, "bounded")


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
    from edtf.parser.parser_classes import EDTFObject, OneOfASet

    try:
        parsed = edtf.parse_edtf(value)
    except Exception:  # the parser raises several exception types
        raise EdtfError(explain(value)) from None
    if not isinstance(parsed, EDTFObject):
        raise EdtfError("not an EDTF date")
    start = _iso(parsed.lower_strict())
    end = _iso(parsed.upper_strict())
    if start is None and end is None:
        raise EdtfError("an interval open at both ends says nothing")
    if isinstance(parsed, OneOfASet) and start is not None and end is not None:
        return _bounded(start, end)
    if start is not None and end is not None and end < start:
        raise EdtfError("the interval ends before it starts")
    if "/" in value or start is None or end is None:
        precision = "period"
    else:
        precision = getattr(parsed, "precision", None) or _precision_of(start, end)
    return EdtfDate(start, end, precision)


_A_PART = re.compile(r"(-?\d{4})(?:-(\d{2})(?:-(\d{2}))?)?[?~%]?")


def explain(value: str) -> str:
    """Why a value the EDTF parser refused is not a date, in words: the month or day
    that does not exist where the form is right, else what EDTF dates look like."""
    for part in value.split("/"):
        m = _A_PART.fullmatch(part)
        if part in ("", "..") or m is None:
            continue
        year, month, day = m.groups()
        if month is None:
            continue
        if not (1 <= int(month) <= 12 or (day is None and 21 <= int(month) <= 24)):
            return f"month {int(month)} does not exist (months are 01 to 12)"
        if day is not None:
            try:
                dt.date(int(year), int(month), int(day))
            except ValueError:
                return f"{year}-{month}-{day} is not a day of the calendar"
    return ("not an EDTF date (forms: 2024-09-25, 2024-09, 2024, 2024-09~, "
            "2024-09-25/2024-09-29, ../2022-02-23)")


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


_PART_NAMED = (
    r"(?:(?P<o{n}>\.\.)|(?P<y{n}>\d{{4}})(?:-(?P<m{n}>\d{{2}})(?:-(?P<d{n}>\d{{2}}))?)?[?~%]?)"
)
_SET_END_NAMED = r"(?P<sy{n}>\d{{4}})(?:-(?P<sm{n}>\d{{2}})(?:-(?P<sd{n}>\d{{2}}))?)?"
_COLUMN_PATTERN = (
    f"^(?:{_PART_NAMED.format(n=1)}(?:(?P<slash>/){_PART_NAMED.format(n=2)})?"
    f"|\\[{_SET_END_NAMED.format(n=1)}\\.\\.{_SET_END_NAMED.format(n=2)}\\])$"
)


REFERENCE_LIMIT = 2000
"""Up to this many distinct dates (about 6 s of ``edtf`` at most) every value is parsed
by the reference parser; beyond it the vectorised path below takes the common forms."""


@lru_cache(maxsize=1 << 14)
def parse_reference_or_error(value: str) -> EdtfDate | str:
    """Bounds and precision from the ``edtf`` package alone, or the error message.

    Cached (the result is immutable): the ``edtf`` parser costs about 3 ms a value, and
    the same dates come back on every check of a package, and in ``fmt``."""
    if not value:
        return "empty"
    if len(value) > 64:
        return "too long to be a date"
    if _SEASON.search(value):
        return parse_or_error(value)
    try:
        return _reference(value)
    except EdtfError as exc:
        # Where the fast path also rejects the value, its message says more precisely
        # what is wrong (the day that is not on the calendar, the month out of range).
        fast = _fast_or_error(value)
        return fast if isinstance(fast, str) else str(exc)


def parse_column(values: Any) -> tuple[Any, Any, Any, Any]:
    """``parse`` for a whole Arrow array of distinct values.

    Returns, per value, the start, end ("" for an open end), precision and error
    message ("" if none). A column of up to ``REFERENCE_LIMIT`` distinct values (the
    shipped dataset has a few dozen) is parsed entirely by the maintained ``edtf``
    package. A larger one would take minutes that way, so there the forms of the
    schema's pattern are computed with one RE2 extraction and numpy calendar
    arithmetic (a property test holds this path to ``edtf``'s results); anything else,
    and every value the vectorised path does not accept, goes through ``parse`` (so the
    messages and the edge cases are exactly ``parse``'s)."""
    import numpy as np
    import pyarrow as pa
    import pyarrow.compute as pc

    n = len(values)
    if n == 0:
        empty = np.zeros(0, dtype=object)
        return empty, empty, empty, empty
    if n <= REFERENCE_LIMIT:
        cols = [np.full(n, "", dtype=object) for _ in range(4)]
        for i, value in enumerate(values.to_pylist()):
            parsed = parse_reference_or_error(value or "")
            if isinstance(parsed, str):
                cols[3][i] = parsed
            else:
                cols[0][i], cols[1][i], cols[2][i] = (
                    parsed.start or "", parsed.end or "", parsed.precision
                )
        return cols[0], cols[1], cols[2], cols[3]
    parts = pc.extract_regex(values, _COLUMN_PATTERN)
    matched = np.asarray(parts.is_valid().to_numpy(zero_copy_only=False), dtype=bool)

    def text(name: str) -> Any:
        """A group's text ("" where it did not take part); the year, month and day of
        an end of ``[A..B]`` stand in for those of an interval's end."""
        arr = pc.fill_null(parts.field(name), "")
        if name[0] in "ymd":
            other = pc.fill_null(parts.field(f"s{name}"), "")
            arr = pc.if_else(pc.equal(arr, ""), other, arr)
        return arr

    def present(name: str) -> np.ndarray:
        return np.asarray(pc.not_equal(text(name), "").to_numpy(zero_copy_only=False), dtype=bool)

    def num(name: str) -> np.ndarray:
        arr = text(name)
        arr = pc.if_else(pc.equal(arr, ""), "0", arr)
        return np.asarray(pc.cast(arr, pa.int64()).to_numpy(zero_copy_only=False))

    bracket = present("sy1")  # [A..B]: one day between A and B
    slash = present("slash")
    fine = matched.copy()
    bounds = []
    for k in (1, 2):
        opened = present(f"o{k}")
        y, m, d = num(f"y{k}"), num(f"m{k}"), num(f"d{k}")
        has_y, has_m, has_d = present(f"y{k}"), present(f"m{k}"), present(f"d{k}")
        # month 00 or 13+ (a season, or an error), day 00 and year 0000: left to `parse`
        fine &= opened | ~has_y | (y >= 1)
        fine &= ~has_m | ((m >= 1) & (m <= 12))
        fine &= ~has_d | (d >= 1)
        mm = np.where(has_m & (m >= 1) & (m <= 12), m, 1)
        months = ((np.where(has_y, y, 1970) - 1970) * 12 + mm - 1).astype("datetime64[M]")
        first = months.astype("datetime64[D]")
        last_of_month = (months + 1).astype("datetime64[D]") - np.timedelta64(1, "D")
        dim = (last_of_month - first).astype(np.int64) + 1
        fine &= ~has_d | (d <= dim)
        dd = np.where(has_d, np.minimum(np.maximum(d, 1), dim), 1) - 1
        year_first = months.astype("datetime64[Y]").astype("datetime64[D]")
        year_last = (months.astype("datetime64[Y]") + 1).astype("datetime64[D]") - 1
        lo = np.where(has_d, first + dd, np.where(has_m, first, year_first))
        hi = np.where(has_d, first + dd, np.where(has_m, last_of_month, year_last))
        bounds.append((opened, has_y, has_m, has_d, lo, hi))
    o1, _, m1, d1, lo1, hi1 = bounds[0]
    o2, has_y2, m2, d2, _, hi2 = bounds[1]
    # [A..B]: both ends of one precision, B after A (else `parse` says what is wrong)
    fine &= ~bracket | ((m1 == m2) & (d1 == d2) & (hi2 > lo1))
    fine &= ~(o1 & ~slash)  # ".." alone
    fine &= ~(slash & o1 & o2)  # open at both ends
    fine &= ~(slash & ~o1 & ~o2 & (hi2 < lo1))  # ends before it starts
    fine &= ~slash | o2 | has_y2
    start = np.datetime_as_string(lo1, unit="D").astype(object)
    end = np.where(
        slash | bracket,
        np.datetime_as_string(hi2, unit="D"),
        np.datetime_as_string(hi1, unit="D"),
    )
    precision = np.where(
        bracket,
        "bounded",
        np.where(slash, "period", np.where(d1, "day", np.where(m1, "month", "year"))),
    )
    out_s = np.where(fine & ~(slash & o1), start, "").astype(object)
    out_e = np.where(fine & ~(slash & o2), end.astype(object), "").astype(object)
    out_p = np.where(fine, precision.astype(object), "").astype(object)
    out_err = np.full(n, "", dtype=object)
    rest = np.flatnonzero(~fine)
    if len(rest):
        py_values = pc.take(values, pa.array(rest)).to_pylist()
        for row, value in zip(rest, py_values, strict=True):
            parsed = parse_or_error(value) if value else "empty"
            if isinstance(parsed, str):
                out_err[row] = parsed
            else:
                out_s[row], out_e[row], out_p[row] = (
                    parsed.start or "",
                    parsed.end or "",
                    parsed.precision,
                )
    return out_s, out_e, out_p, out_err
