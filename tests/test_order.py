"""``fmt`` sorts and ``check`` verifies with one key (checker/order.py): the vectorised
comparison the checker runs flags exactly the rows that the key fmt sorts with puts
before their predecessor."""

from __future__ import annotations

import numpy as np
import pyarrow as pa
from hypothesis import given, settings
from hypothesis import strategies as st

from russia_panama_timeline.checker.order import later_rows, sort_key

values = st.one_of(
    st.sampled_from(["", "1", "01", "1.0", "-0", "0", "10", "9", "1e3", "1e999", "-1e999",
                     ".5", "5.", "+2", "abc", "NaN", "inf", "Z", "a", "é", "1 ", " 1"]),
    st.text(max_size=4),
)
rows = st.lists(st.tuples(values, values), min_size=2, max_size=30)


@settings(max_examples=300, deadline=None)
@given(rows, st.sampled_from(["string", "number", "integer", "date"]),
       st.sampled_from(["string", "number", "integer"]))
def test_check_and_fmt_share_one_order(data: list[tuple[str, str]], t1: str, t2: str) -> None:
    cols = []
    for k, ftype in enumerate((t1, t2)):
        col = pa.array([r[k] for r in data], pa.string())
        present = np.array([r[k] != "" for r in data])
        cols.append((col, ftype, present))
    flagged = later_rows(cols)

    def key(r: tuple[str, str]) -> tuple:
        return (sort_key(r[0], t1), sort_key(r[1], t2))

    expected = [key(data[i + 1]) < key(data[i]) for i in range(len(data) - 1)]
    assert flagged.tolist() == expected


def test_sorted_rows_are_never_flagged() -> None:
    data = [("10", "b"), ("", "a"), ("9", "a"), ("x", ""), ("9", "")]
    data.sort(key=lambda r: (sort_key(r[0], "number"), sort_key(r[1], "string")))
    assert data == [("", "a"), ("9", ""), ("9", "a"), ("10", "b"), ("x", "")]
    cols = [
        (pa.array([r[k] for r in data]), t, np.array([r[k] != "" for r in data]))
        for k, t in enumerate(("number", "string"))
    ]
    assert not later_rows(cols).any()
