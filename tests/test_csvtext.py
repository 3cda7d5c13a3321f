"""The checker's fast parse lets Arrow split a file at any line end
(``csvtext.parse(one_line_records=True)``); a record with a line break in a quoted
cell must then never pass for as many one-line records as the file has lines, or the
checker would keep a wrong parse instead of taking its line-aware path."""

from __future__ import annotations

import random
from collections.abc import Callable

import pyarrow as pa
import pytest

from russia_panama_timeline import csvtext
from russia_panama_timeline.tableschema import Dialect


def _csv(rng: random.Random, ncols: int) -> tuple[bytes, bool]:
    rows, broken = [], False
    for _ in range(rng.randint(1, 30)):
        cells = []
        for _ in range(ncols):
            value = rng.choice(["a", "bb", "", "x y", 'q"q'])
            if rng.random() < 0.05:
                value, broken = "p\nq" + ("\nr" if rng.random() < 0.3 else ""), True
            if rng.random() < 0.3 or '"' in value or "\n" in value:
                value = '"' + value.replace('"', '""') + '"'
            cells.append(value)
        rows.append(",".join(cells))
    return ("\n".join(rows) + "\n").encode(), broken


def _skip_into(trouble: list[object]) -> Callable[[object], str]:
    def skip(row: object) -> str:
        trouble.append(row)
        return "skip"
    return skip


@pytest.mark.parametrize("block", [16, 40, 64, 200, csvtext.BLOCK_SIZE])
def test_a_record_of_several_lines_never_passes_as_one_line_records(
        block: int, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(csvtext, "BLOCK_SIZE", block)
    rng = random.Random(block)
    accepted = 0
    for _ in range(400):
        ncols = rng.randint(2, 5)
        data, broken = _csv(rng, ncols)
        trouble: list[object] = []
        try:
            table = csvtext.parse(data, ncols, Dialect(), _skip_into(trouble),
                                  lines_counted=True, one_line_records=True)
        except pa.ArrowInvalid:
            continue
        if trouble:
            continue
        accepted += 1
        if broken:
            assert table.num_rows < data.count(b"\n"), data
        else:
            assert table.num_rows == data.count(b"\n")
    assert accepted > 100
