"""The words and TimelineJS dates said for each EDTF form the schema admits.

Expected strings are written by hand from the wording documented in docs/figure.md, not
produced by the code under test.
"""

from __future__ import annotations

import pytest

from russia_panama_timeline.edtf_display import display_date, parse
from russia_panama_timeline.timelinejs import _dates

WORDS = [
    # single dates at each precision
    ("1948-06-17", "17 June 1948"),
    ("2025-04", "April 2025"),
    ("2014", "2014"),
    # qualifiers
    ("2021-04~", "c. April 2021"),
    ("2021-04-01?", "1 April 2021?"),
    ("2025%", "c. 2025?"),
    ("2014~", "c. 2014"),
    # ranges, compressed where the ends share a month or year
    ("2024-09-25/2024-09-29", "25–29 September 2024"),
    ("2024-09-25/2024-10-03", "25 September – 3 October 2024"),
    ("2024-12-30/2025-01-02", "30 December 2024 – 2 January 2025"),
    ("2025-04/2025-06", "April–June 2025"),
    ("2014/2016", "2014–2016"),
    ("2014-03/2014", "March 2014 – 2014"),
    ("1988?/1991", "1988? – 1991"),
    ("2024-09-25/2024-09-29~", "25 September 2024 – c. 29 September 2024"),
    # open start: the unit after the known end, so the words are exact
    ("../2022-02-23", "before 24 February 2022"),
    ("../2022-02", "before March 2022"),
    ("../2021-12", "before January 2022"),
    ("../2021-12-31", "before 1 January 2022"),
    ("../2013", "before 2014"),
    # open end
    ("2022/..", "from 2022 onwards"),
    ("2024-10-04/..", "from 4 October 2024 onwards"),
    # one unknown day between two known days
    ("[1988-11-01..1988-11-03]", "between 1 and 3 November 1988"),
    ("[1988-10-28..1988-11-03]", "between 28 October and 3 November 1988"),
    ("[2024-12-30..2025-01-02]", "between 30 December 2024 and 2 January 2025"),
    ("[2025-03..2025-04]", "between March 2025 and April 2025"),
    # one unknown day with an open end of the set
    ("[..2022-02-23]", "on or before 23 February 2022"),
    ("[2022-02..]", "on or after February 2022"),
]


@pytest.mark.parametrize(("edtf", "words"), WORDS)
def test_display_date_wording(edtf: str, words: str) -> None:
    assert display_date(edtf) == words


@pytest.mark.parametrize(("edtf", "words"), [
    ("2024-09-25/2024-09-29", "25–29 Sep 2024"),
    ("../2022-02-23", "before 24 Feb 2022"),
    ("2021-04~", "c. Apr 2021"),
    ("[2024-09-11..2024-09-26]", "between 11 and 26 Sep 2024"),
])
def test_short_display_date_abbreviates_months(edtf: str, words: str) -> None:
    assert display_date(edtf, short=True) == words


@pytest.mark.parametrize(("edtf", "dates"), [
    ("1948-06-17", {"start_date": {"year": 1948, "month": 6, "day": 17}}),
    ("2025-04~", {"start_date": {"year": 2025, "month": 4}}),
    ("2014", {"start_date": {"year": 2014}}),
    ("2024-09-25/2024-09-29", {
        "start_date": {"year": 2024, "month": 9, "day": 25, "display_date": "25 September 2024"},
        "end_date": {"year": 2024, "month": 9, "day": 29, "display_date": "29 September 2024"},
    }),
    ("2014-03/2014?", {
        "start_date": {"year": 2014, "month": 3, "display_date": "March 2014"},
        "end_date": {"year": 2014, "display_date": "2014?"},
    }),
    # TimelineJS drops an end_date that agrees with every key of start_date; the words
    # of each end keep them apart
    ("2025/2025-10-28", {
        "start_date": {"year": 2025, "display_date": "2025"},
        "end_date": {"year": 2025, "month": 10, "day": 28, "display_date": "28 October 2025"},
    }),
    ("../2022-02-23", {"start_date": {"year": 2022, "month": 2, "day": 23}}),
    ("2022/..", {"start_date": {"year": 2022}}),
    ("[1988-11-01..1988-11-03]", {
        "start_date": {"year": 1988, "month": 11, "day": 1, "display_date": "1 November 1988"},
        "end_date": {"year": 1988, "month": 11, "day": 3, "display_date": "3 November 1988"},
    }),
    ("[..1988-11-03]", {"start_date": {"year": 1988, "month": 11, "day": 3}}),
    ("[1988-11..]", {"start_date": {"year": 1988, "month": 11}}),
])
def test_timelinejs_dates_keep_the_precision(edtf: str, dates: dict) -> None:
    assert _dates(parse(edtf), "en") == dates


@pytest.mark.parametrize("bad", [
    "", "2025-13", "2025-21", "2025-02-30", "../..", "2025-04-01T10:00", "25-04", "2025/",
    "2025-04-01/../..", "spring 2025", "[1988-11-01,1988-11-03]", "[..]",
    "[1988-11-01?..1988-11-03]",
])
def test_unsupported_dates_raise_value_error(bad: str) -> None:
    with pytest.raises(ValueError):
        parse(bad)
