"""The checker's fast EDTF path agrees with the ``edtf`` package it stands in for."""

from __future__ import annotations

import calendar

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from russia_panama_timeline.checker import edtf_dates

years = st.integers(1000, 2999).map(lambda y: f"{y:04d}")
months = st.integers(1, 12).map(lambda m: f"{m:02d}")
days = st.integers(1, 31).map(lambda d: f"{d:02d}")
quals = st.sampled_from(["", "?", "~", "%"])


@st.composite
def single(draw: st.DrawFn) -> str:
    parts = [draw(years)]
    if draw(st.booleans()):
        parts.append(draw(months))
        if draw(st.booleans()):
            parts.append(draw(days))
    return "-".join(parts) + draw(quals)


@st.composite
def any_date(draw: st.DrawFn) -> str:
    kind = draw(st.sampled_from(["single", "interval", "open-start", "open-end", "bounded"]))
    if kind == "single":
        return draw(single())
    if kind == "bounded":
        return f"[{draw(single()).rstrip('?~%')}..{draw(single()).rstrip('?~%')}]"
    if kind == "open-start":
        return f"../{draw(single())}"
    if kind == "open-end":
        return f"{draw(single())}/.."
    return f"{draw(single())}/{draw(single())}"


def _on_calendar(value: str) -> bool:
    for part in value.strip("[]").replace("..", "/").split("/"):
        bits = part.rstrip("?~%").split("-")
        if bits == [""]:
            continue
        if len(bits) == 3 and int(bits[2]) > calendar.monthrange(int(bits[0]), int(bits[1]))[1]:
            return False
    return True


@settings(max_examples=150, deadline=None)
@given(any_date())
def test_fast_path_agrees_with_edtf(value: str) -> None:
    fast = edtf_dates._fast_or_error(value)
    try:
        ref = edtf_dates._reference(value)
    except edtf_dates.EdtfError:
        ref = None
    if isinstance(fast, edtf_dates.EdtfDate):
        assert ref == fast
    else:  # rejected only where edtf is known to be lenient, or edtf rejects it too
        assert ref is None or not _on_calendar(value) or "before it starts" in fast or (
            "one possible day" in fast
        )


@pytest.mark.parametrize(
    ("value", "start", "end", "precision"),
    [
        ("1948-06-17", "1948-06-17", "1948-06-17", "day"),
        ("2025-04", "2025-04-01", "2025-04-30", "month"),
        ("2024-02~", "2024-02-01", "2024-02-29", "month"),
        ("2014", "2014-01-01", "2014-12-31", "year"),
        ("../2022-02-23", None, "2022-02-23", "period"),
        ("2022/..", "2022-01-01", None, "period"),
        ("2024-09-25/2024-09-29", "2024-09-25", "2024-09-29", "period"),
        ("2021-21", "2021-03-01", "2021-05-31", "period"),  # a season, through edtf
        ("[1988-11-01..1988-11-03]", "1988-11-01", "1988-11-03", "bounded"),
        ("[1988-11..1988-12]", "1988-11-01", "1988-12-31", "bounded"),
        ("[2024-09-11..2024-09-26]", "2024-09-11", "2024-09-26", "bounded"),
    ],
)
def test_known_bounds(value: str, start: str | None, end: str | None, precision: str) -> None:
    assert edtf_dates.parse(value) == edtf_dates.EdtfDate(start, end, precision)


@pytest.mark.parametrize(
    "value",
    [
        "", "2021-02-29", "2021-13", "2024-09-29/2024-09-25", "../..", "0000", "May 2021",
        "[1988-11-03..1988-11-01]", "[1988-11-01..1988-11-01]", "[2021-02-28..2021-02-30]",
    ],
)
def test_rejected(value: str) -> None:
    assert isinstance(edtf_dates.parse_or_error(value), str)


odd = st.one_of(
    any_date(),
    st.from_regex(r"\A(\.\.|\d{4}(-\d{2}(-\d{2})?)?[?~%]?)(/(\.\.|\d{4}(-\d{2}(-\d{2})?)?))?\Z"),
    st.text(max_size=12),
)


@pytest.mark.parametrize("limit", [0, edtf_dates.REFERENCE_LIMIT], ids=["vectorised", "edtf"])
@settings(max_examples=100, deadline=None)
@given(values=st.lists(odd, min_size=1, max_size=30, unique=True))
def test_column_parse_agrees_with_single_parse(limit: int, values: list[str]) -> None:
    """Both ways of parsing a column (the vectorised one for large columns, the
    ``edtf`` package for small ones) give what ``parse`` gives for each value."""
    from unittest import mock

    import pyarrow as pa

    with mock.patch.object(edtf_dates, "REFERENCE_LIMIT", limit):
        start, end, precision, error = edtf_dates.parse_column(pa.array(values, pa.string()))
    for i, value in enumerate(values):
        one = edtf_dates.parse_or_error(value) if value else "empty"
        if isinstance(one, str):
            assert (start[i], end[i], precision[i], error[i]) == ("", "", "", one), value
        else:
            expected = (one.start or "", one.end or "", one.precision, "")
            assert (start[i], end[i], precision[i], error[i]) == expected, value


# --- the fast forms are exactly the forms of the `date` field's pattern ----------------


def _date_pattern() -> str:
    """The ``pattern`` of events.date, read from the descriptor (the one source)."""
    import json

    from russia_panama_timeline import DATAPACKAGE

    descriptor = json.loads(DATAPACKAGE.read_text(encoding="utf-8"))
    events = next(r for r in descriptor["resources"] if r["name"] == "events")
    field = next(f for f in events["schema"]["fields"] if f["name"] == "date")
    return field["constraints"]["pattern"]


DATE_PATTERN = _date_pattern()


def _column_form(value: str) -> bool:
    """Whether the vectorised path's regular expression takes the value's shape (RE2's
    ``\\d`` is ASCII-only, hence re.ASCII)."""
    import re

    return re.fullmatch(edtf_dates._COLUMN_PATTERN, value, flags=re.ASCII) is not None


@settings(max_examples=300, deadline=None)
@given(st.from_regex(DATE_PATTERN, fullmatch=True))
def test_every_form_of_the_pattern_is_a_fast_form(value: str) -> None:
    """Each value the schema's pattern admits is parsed by the fast paths (or refused by
    them with a reason), except a level-1 season, which goes to the reference parser."""
    assert _column_form(value)
    if not edtf_dates._SEASON.search(value):
        assert edtf_dates._fast_or_error(value) is not None


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet="0123456789-/.?~%X ", max_size=24))
def test_the_fast_forms_are_only_the_pattern(value: str) -> None:
    """No shape outside the pattern is taken by the fast paths: they cannot accept what
    the schema refuses."""
    import re

    in_pattern = re.fullmatch(DATE_PATTERN, value) is not None
    assert _column_form(value) == in_pattern
    fast = edtf_dates._fast_or_error(value)
    if isinstance(fast, edtf_dates.EdtfDate):
        assert in_pattern
