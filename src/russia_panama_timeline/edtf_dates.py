"""EDTF dates: their strict bounds and precision, parsed a whole column at a time.

One parser for every EDTF form the schema admits, at every size. Its grammar is the
union of the ``pattern`` constraints of the project's EDTF fields (``events.date``,
``event_sources.date_stated``, ``sources.published``):

- a day, month or year, with an optional qualifier: ``2024-09-25``, ``2024-09``,
  ``2014``, ``2024-11-06?`` (uncertain), ``2014~`` (approximate), ``2014%`` (both);
  the qualifier never moves the bounds;
- a season, ``2021-21`` (level 1: 21 spring to 24 winter; level 2: 25 to 41, the
  seasons of each hemisphere, quarters, quadrimesters and semesters);
- an interval of two of them, either end open: ``2024-09-25/2024-09-29``,
  ``../2022-02-23``, ``2022-02-24/..``;
- one day, not known, of a set of consecutive values (level 2 one-of-a-set):
  ``[1988-11-01..1988-11-03]``, ``[1988-11..1988-12]``, and with one open end,
  ``[..2022-02-23]`` (on or before) and ``[2022-02-24..]`` (on or after).

Public API (the checker's rules and ``fmt`` call these; nothing else parses EDTF):

- ``parse_column(values) -> DateColumn``: the start, end (ISO days, ``""`` for an
  open end), precision and error message (``""`` if valid) of each value, plus the
  bounds as ``datetime64[D]`` (``lo``/``hi``, NaT when open or invalid). Vectorised:
  one RE2 extraction (Arrow) and numpy calendar arithmetic; Python only formats the
  message of each invalid value. Give it distinct values (``pyarrow.compute.unique``)
  and spread the result over rows with ``pyarrow.compute.index_in``.
- ``parse(value) -> EdtfDate`` (EdtfError if invalid) and ``parse_or_error(value)``
  for one value; ``explain(value)``: why a value is not a date, in words.

Messages speak of the value: "February 2025 has no day 30", "2021 has no month 13",
"it ends (2024-09-25) before it starts (2024-09-29)", never a regular expression.

The ``edtf`` package is the reference the tests hold this parser to (a property-based
differential test over every form the patterns admit, and the real data); it is not
used here. Deliberate differences from it: a day that is not on the calendar
(``2021-02-29``, which ``edtf`` accepts), the year 0000, an interval or set that ends
before it starts or is open at both ends, a set of one day, and a winter (24, 28, and
the southern summer 30), which ``edtf`` ends on 31 December of its year while it runs
to the end of February of the next: the bounds here are strict, so they take the
whole season. And ``edtf`` reads a level-2 season (25 to 41) alone but not as the end
of an interval (here it is), and refuses a season with a qualifier alone but takes one
as an interval's end (here a season takes no qualifier anywhere).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import numpy as np

from .errors import DataError

MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)

# Season code -> (first month, last month, years the last month lies after the first):
# ISO 8601-2 (EDTF level 1: 21-24; level 2: 25-41), a winter running into the next year.
SEASONS: dict[int, tuple[int, int, int]] = {
    21: (3, 5, 0), 22: (6, 8, 0), 23: (9, 11, 0), 24: (12, 2, 1),  # spring .. winter
    25: (3, 5, 0), 26: (6, 8, 0), 27: (9, 11, 0), 28: (12, 2, 1),  # northern hemisphere
    29: (9, 11, 0), 30: (12, 2, 1), 31: (3, 5, 0), 32: (6, 8, 0),  # southern hemisphere
    33: (1, 3, 0), 34: (4, 6, 0), 35: (7, 9, 0), 36: (10, 12, 0),  # quarters
    37: (1, 4, 0), 38: (5, 8, 0), 39: (9, 12, 0),  # quadrimesters
    40: (1, 6, 0), 41: (7, 12, 0),  # semesters
}
SEASON_NAMES = {
    21: "spring", 22: "summer", 23: "autumn", 24: "winter",
    25: "northern spring", 26: "northern summer", 27: "northern autumn", 28: "northern winter",
    29: "southern spring", 30: "southern summer", 31: "southern autumn", 32: "southern winter",
    33: "first quarter", 34: "second quarter", 35: "third quarter", 36: "fourth quarter",
    37: "first four months", 38: "second four months", 39: "third four months",
    40: "first half", 41: "second half",
}

FORMS = ("2024-09-25, 2024-09, 2024, 2024-09~, 2024-09-25/2024-09-29, ../2022-02-23, "
         "[2024-09-11..2024-09-26], [..2022-02-23]")
"""Examples of the accepted forms, as messages quote them."""

MAX_LENGTH = 64
"""Longer values are not parsed (the longest form has 24 characters)."""


def _point(n: str) -> str:
    return rf"(?P<y{n}>[0-9]{{4}})(?:-(?P<m{n}>[0-9]{{2}})(?:-(?P<d{n}>[0-9]{{2}}))?)?"


# One regular expression (RE2 through Arrow; ``shape_re`` for Python's ``re``) takes
# every form apart; groups that do not take part are empty. A set's ends land in y1..d2.
_SHAPE = (
    rf"^(?:(?:(?P<o1>\.\.)|{_point('1')}(?P<q1>[?~%])?)"
    rf"(?:(?P<slash>/)(?:(?P<o2>\.\.)|{_point('2')}(?P<q2>[?~%])?))?"
    rf"|(?P<set>\[)(?:{_point('s1')})?\.\.(?:{_point('s2')})?\])$"
)
_GROUPS = ("o1", "y1", "m1", "d1", "q1", "slash", "o2", "y2", "m2", "d2", "q2", "set",
           "ys1", "ms1", "ds1", "ys2", "ms2", "ds2")

PRECISIONS = ("day", "month", "year", "bounded", "period")  # codes 1 to 5 below
_NAT = np.datetime64("NaT", "D")
_LAST_DAY = np.datetime64("9999-12-31", "D")


class EdtfError(DataError):
    """The value is not an EDTF date this project accepts; the message says why."""


@dataclass(frozen=True)
class EdtfDate:
    """What one EDTF value says: its strict bounds (None for an open end) and precision."""

    start: str | None
    end: str | None
    precision: str


@dataclass(frozen=True)
class End:
    """One end of a date as written: the year, month (None, 1-12, or a season 21-41),
    day (None or 1-31) and qualifier ('', '?', '~' or '%')."""

    year: int
    month: int | None
    day: int | None
    qualifier: str

    @property
    def season(self) -> bool:
        return self.month is not None and self.month > 12


@dataclass(frozen=True)
class DateColumn:
    """The parse of an array of EDTF values, one entry per value.

    ``start``/``end``: ISO days (Arrow strings), ``""`` for an open end and for an
    invalid value; ``lo``/``hi``: the same bounds as numpy ``datetime64[D]``, NaT
    there; ``precision``: one of ``PRECISIONS`` (``""`` if invalid); ``error``: why
    the value is not a date (``""`` if it is); ``valid``: numpy booleans; ``form``:
    ``"single"``, ``"interval"`` or ``"set"`` (``""`` if invalid). ``end_of(i, k)``
    gives the parts of end ``k`` (1 or 2) of value ``i`` as written (None if open),
    for those who say a date in words."""

    start: Any
    end: Any
    precision: Any
    error: Any
    lo: np.ndarray
    hi: np.ndarray
    valid: np.ndarray
    form: Any
    _parts: dict[str, Any]

    def __len__(self) -> int:
        return len(self.valid)

    def end_of(self, i: int, k: int) -> End | None:
        """End ``k`` (1: the first or only, 2: the second) of value ``i`` as written."""
        p = self._parts
        if not p[f"has_y{k}"][i]:
            return None
        month = int(p[f"m{k}"][i]) if p[f"has_m{k}"][i] else None
        day = int(p[f"d{k}"][i]) if p[f"has_d{k}"][i] else None
        return End(int(p[f"y{k}"][i]), month, day, p[f"q{k}"][i].as_py())


def _strings(values: Any) -> Any:
    """``values`` as an Arrow string array (nulls kept)."""
    import pyarrow as pa

    if isinstance(values, pa.ChunkedArray):
        values = values.combine_chunks()
    if not isinstance(values, pa.Array):
        values = pa.array(list(values), pa.string())
    if pa.types.is_large_string(values.type) or pa.types.is_string_view(values.type):
        values = values.cast(pa.string())
    return values


def parse_column(values: Iterable[str | None] | Any) -> DateColumn:
    """Parse every value of ``values`` (an Arrow string array, chunked or not, or any
    iterable of str; a null or empty value is an error, "empty")."""
    import pyarrow as pa
    import pyarrow.compute as pc

    arr = _strings(values)
    n = len(arr)
    lengths = np.asarray(pc.fill_null(pc.binary_length(arr), 0).to_numpy(zero_copy_only=False))
    # Long values are not given to the regular expression: they are not dates anyway.
    short = pc.if_else(pa.array(lengths <= MAX_LENGTH), arr, pa.scalar(None, pa.string()))
    parts = pc.extract_regex(short, _SHAPE)
    matched = np.asarray(parts.is_valid().to_numpy(zero_copy_only=False), dtype=bool)
    text = {g: pc.fill_null(parts.field(g), "") for g in _GROUPS}
    for k in ("1", "2"):  # a set's ends are read as an interval's
        for g in "ymd":
            text[g + k] = pc.if_else(pc.equal(text[g + k], ""), text[f"{g}s{k}"], text[g + k])

    def has(g: str) -> np.ndarray:
        return np.asarray(pc.not_equal(text[g], "").to_numpy(zero_copy_only=False), dtype=bool)

    def num(g: str) -> np.ndarray:
        digits = pc.if_else(pc.equal(text[g], ""), "0", text[g])
        return np.asarray(pc.cast(digits, pa.int64()).to_numpy(zero_copy_only=False))

    p: dict[str, np.ndarray] = {}
    for k in ("1", "2"):
        for g in "ymd":
            p[g + k], p[f"has_{g}{k}"] = num(g + k), has(g + k)
        p["q" + k] = text["q" + k]
        p["o" + k] = has("o" + k)
    slash, is_set = has("slash"), has("set")

    err = np.zeros(n, dtype=np.int16)  # the first problem of each value (see _message)

    def fail(code: int, where: np.ndarray) -> None:
        err[(err == 0) & where] = code

    fail(E_EMPTY, lengths == 0)
    fail(E_LONG, lengths > MAX_LENGTH)
    fail(E_SHAPE, ~matched)
    ends = []
    for k in ("1", "2"):
        y, m, d = p["y" + k], p["m" + k], p["d" + k]
        has_y, has_m, has_d = p["has_y" + k], p["has_m" + k], p["has_d" + k]
        month = has_m & (m >= 1) & (m <= 12)
        season = has_m & (m >= 21) & (m <= 41)
        fail(E_YEAR, has_y & (y == 0))
        fail(E_MONTH, has_m & ~month & ~season)
        fail(E_SEASON_DAY, season & has_d)
        fail(E_SEASON_QUALIFIED, season & has("q" + k))
        fail(E_SEASON_SET, season & is_set)
        ends.append(_bounds(np.where(has_y & (y > 0), y, 1970), m, d, has_m, has_d, month,
                            season))
        fail(E_DAY, has_d & month & ((d < 1) | (d > ends[-1][2])))
        fail(E_BEYOND, season & (y == 9999) & (ends[-1][1] > _LAST_DAY))
    (lo1, hi1, _), (_, hi2, _) = ends
    o1, o2 = p["o1"], p["o2"]
    single = ~slash & ~is_set
    fail(E_OPEN_ALONE, single & o1)
    fail(E_OPEN_BOTH, slash & o1 & o2)
    fail(E_OPEN_BOTH, is_set & ~p["has_y1"] & ~p["has_y2"])
    both = (slash & ~o1 & ~o2) | (is_set & p["has_y1"] & p["has_y2"])
    fail(E_SET_PRECISION, is_set & both & ((p["has_m1"] != p["has_m2"])
                                           | (p["has_d1"] != p["has_d2"])))
    fail(E_REVERSED, both & (hi2 < lo1))
    fail(E_SET_ONE_DAY, is_set & both & (hi2 == lo1))

    ok = err == 0
    open_start = (slash & o1) | (is_set & ~p["has_y1"])
    open_end = (slash & o2) | (is_set & ~p["has_y2"])
    lo = np.where(ok & ~open_start, lo1, _NAT)
    hi = np.where(ok & ~open_end, np.where(single, hi1, hi2), _NAT)
    season1 = p["has_m1"] & (p["m1"] > 12)
    precision = np.select([~ok, is_set, slash | season1, p["has_d1"], p["has_m1"]],
                          [0, 4, 5, 1, 2], 3).astype(np.int8)
    form = np.select([~ok, is_set, slash], [0, 3, 2], 1).astype(np.int8)
    error = np.full(n, "", dtype=object)
    bad = np.flatnonzero(~ok)
    if len(bad):
        raw = pc.take(arr, pa.array(bad)).to_pylist()
        for i, value in zip(bad.tolist(), raw, strict=True):
            error[i] = _message(int(err[i]), value or "", p, i, lo1[i], hi2[i])
    return DateColumn(
        start=_iso(lo), end=_iso(hi),
        precision=pa.array(["", *PRECISIONS]).take(pa.array(precision)),
        error=pa.array(error, pa.string()), lo=lo, hi=hi, valid=ok,
        form=pa.array(["", "single", "interval", "set"]).take(pa.array(form)), _parts=p)


def _bounds(y: np.ndarray, m: np.ndarray, d: np.ndarray, has_m: np.ndarray,
            has_d: np.ndarray, month: np.ndarray, season: np.ndarray
            ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(first day, last day, days in the month) of each end, by calendar arithmetic;
    where the month or day does not exist the values are placeholders (an error is set)."""
    first_m = np.where(month, m, 1)
    last_m = first_m.copy()
    wrap = np.zeros_like(m)
    if season.any():
        table = np.zeros((42, 3), dtype=np.int64)
        for season_code, row in SEASONS.items():
            table[season_code] = row
        code = np.where(season, m, 0)
        first_m = np.where(season, table[code, 0], first_m)
        last_m = np.where(season, table[code, 1], last_m)
        wrap = np.where(season, table[code, 2], 0)
    base = (y - 1970) * 12
    first_month = (base + first_m - 1).astype("datetime64[M]")
    last_month = (base + wrap * 12 + last_m - 1).astype("datetime64[M]")
    first_day = first_month.astype("datetime64[D]")
    end_of_month = (last_month + 1).astype("datetime64[D]") - np.timedelta64(1, "D")
    dim = (end_of_month - last_month.astype("datetime64[D]")).astype(np.int64) + 1
    year_first = first_month.astype("datetime64[Y]").astype("datetime64[D]")
    year_last = (first_month.astype("datetime64[Y]") + 1).astype("datetime64[D]") - 1
    day = first_day + np.clip(d - 1, 0, 30)
    lo = np.where(has_d, day, np.where(has_m, first_day, year_first))
    hi = np.where(has_d, day, np.where(has_m, end_of_month, year_last))
    return lo, hi, dim


def _iso(days: np.ndarray) -> Any:
    """ISO strings (Arrow) of ``datetime64[D]`` values, ``""`` for NaT."""
    import pyarrow as pa
    import pyarrow.compute as pc

    return pc.fill_null(pa.array(days, pa.date32()).cast(pa.string()), "")


# Error codes, in the order a value is examined: the first problem found is reported.
(E_EMPTY, E_LONG, E_SHAPE, E_YEAR, E_MONTH, E_SEASON_DAY, E_SEASON_QUALIFIED, E_SEASON_SET,
 E_DAY, E_BEYOND, E_OPEN_ALONE, E_OPEN_BOTH, E_SET_PRECISION, E_REVERSED, E_SET_ONE_DAY
 ) = range(1, 16)


def shape_re() -> re.Pattern[str]:
    """The parser's regular expression, compiled for Python's ``re`` (the tests compare
    its forms with the schema's patterns; the parser itself runs it in Arrow's RE2)."""
    return re.compile(_SHAPE)


def _message(code: int, value: str, p: dict[str, np.ndarray], i: int,
             lo: np.datetime64, hi: np.datetime64) -> str:
    """Why value ``i`` is not a date, in words about the value."""
    if code == E_EMPTY:
        return "empty"
    if code == E_LONG:
        return f"too long to be a date ({len(value)} characters)"
    if code == E_SHAPE:
        return _shape(value)
    if code == E_OPEN_ALONE:
        return "an open end alone says nothing (write ../D or D/..)"
    if code == E_OPEN_BOTH:
        return "open at both ends, it says nothing"
    if code == E_SET_PRECISION:
        return "both ends of [A..B] must be of one precision (two days, two months or two years)"
    if code == E_REVERSED:
        what = "set of possible days" if value.startswith("[") else "interval"
        return f"the {what} ends ({hi}) before it starts ({lo})"
    if code == E_SET_ONE_DAY:
        return f"a set of one possible day: write the day itself ({lo})"
    for k in ("1", "2"):  # the end at fault
        y, m, d = int(p["y" + k][i]), int(p["m" + k][i]), int(p["d" + k][i])
        has_y, has_m, has_d = p["has_y" + k][i], p["has_m" + k][i], p["has_d" + k][i]
        if not has_y:
            continue
        season = has_m and 21 <= m <= 41
        if code == E_YEAR and y == 0:
            return "there is no year 0000 (the calendar's years start at 0001)"
        if code == E_MONTH and has_m and not (1 <= m <= 12 or season):
            return f"{y:04d} has no month {m:02d} (months are 01 to 12; 21 to 41 are seasons)"
        if season and code == E_SEASON_DAY and has_d:
            return f"{y:04d}-{m} is a season ({_season(y, m)}), which has no days"
        if season and code == E_SEASON_QUALIFIED and p["q" + k][i].as_py():
            return f"{y:04d}-{m} is a season ({_season(y, m)}), which takes no ?, ~ or %"
        if season and code == E_SEASON_SET:
            return (f"{y:04d}-{m} is a season ({_season(y, m)}); a set of possible days "
                    "takes days, months or years")
        if season and code == E_BEYOND:
            return f"{y:04d}-{m} ({_season(y, m)}) runs past 9999, the last year a date can have"
        if code == E_DAY and has_d and 1 <= m <= 12 and not 1 <= d <= _days_in_month(y, m):
            return f"{MONTHS[m - 1]} {y:04d} has no day {d:02d}"
    return "not an EDTF date"  # not reached: every code above names its value


def _days_in_month(y: int, m: int) -> int:
    import calendar

    return calendar.monthrange(y, m)[1]


def _season(y: int, m: int) -> str:
    return f"{SEASON_NAMES[m]} {y:04d}"


def _two_digits(m: re.Match[str]) -> str:
    parts = m.group(1).split("-")
    fixed = "-".join([parts[0], *(f"{int(x):02d}" for x in parts[1:])])
    return f"months and days take two digits: {fixed}{m.group(2)}"


@lru_cache(maxsize=1)
def _hints() -> tuple[tuple[re.Pattern[str], Any], ...]:
    """The likely slips, compiled on first use (``check`` of valid data never needs them)."""
    return (
        (re.compile(r"\s+(\S.*?)\s*|(.*?\S)\s+"),
         lambda m: f"it has spaces around it: {(m.group(1) or m.group(2))!r}"),
        (re.compile(r"([0-9]{4}-[0-9]{1,2}(?:-[0-9]{1,2})?)([?~%]?)"), _two_digits),
        (re.compile(r"([0-9]{4}-[0-9]{2}-[0-9]{2})[T ].*"),
         lambda m: f"a date takes no time of day: {m.group(1)}"),
        (re.compile(r"[0-9]{1,2}[./][0-9]{1,2}[./][0-9]{4}"),
         lambda m: "the year comes first, then the month and the day (YYYY-MM-DD)"),
        (re.compile(r"\[.*,.*\]|\{.*\}"),
         lambda m: "one day of a set of consecutive days is written [A..B]"),
        (re.compile(r".*[?~%]{2,}.*"),
         lambda m: "one qualifier at most: ? uncertain, ~ approximate, % both"),
    )


def _shape(value: str) -> str:
    """Why a value is not of any accepted form: the likely slip, or the forms."""
    for pattern, hint in _hints():
        m = pattern.fullmatch(value)
        if m:
            return str(hint(m))
    return f"it has none of the forms {FORMS}"


@lru_cache(maxsize=1 << 14)
def parse_or_error(value: str) -> EdtfDate | str:
    """One value: its bounds and precision, or why it is not a date (cached: immutable)."""
    col = parse_column([value])
    if not col.valid[0]:
        return col.error[0].as_py()
    return EdtfDate(col.start[0].as_py() or None, col.end[0].as_py() or None,
                    col.precision[0].as_py())


def parse(value: str) -> EdtfDate:
    """Bounds and precision of an EDTF ``value``; EdtfError (a DataError) if it is not one."""
    parsed = parse_or_error(value)
    if isinstance(parsed, str):
        raise EdtfError(parsed)
    return parsed


def explain(value: str) -> str:
    """Why ``value`` is not a date, in words (``""`` if it is one)."""
    parsed = parse_or_error(value)
    return parsed if isinstance(parsed, str) else ""
