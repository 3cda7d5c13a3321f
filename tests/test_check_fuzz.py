"""Fuzzing: whatever is done to cells, rows, columns or raw bytes, the checker ends with
exit 0, 1 or 2 and never raises anything but the usage error it is meant to raise."""

from __future__ import annotations

import contextlib
import csv
import io
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from russia_panama_timeline import DATAPACKAGE
from russia_panama_timeline.checker import check_package
from russia_panama_timeline.cli import main
from russia_panama_timeline.descriptor import DescriptorError

FILES = ("events", "sources", "event_sources")
# FUZZ_EXAMPLES=500 pytest tests/test_check_fuzz.py for a deeper run than the suite's.
FUZZ = settings(
    max_examples=int(os.environ.get("FUZZ_EXAMPLES", "25")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
cells = st.one_of(
    st.text(max_size=30),
    st.sampled_from(
        [
            "",
            " ",
            "=1+1",
            "-",
            "2021-02-30",
            "../..",
            "1e999",
            "NaN",
            '"',
            "\r\n",
            "\ufeff",
            "é",
            "e\u0301",
            "http://",
            "..",
            "-0",
            "2024-09-25/2024",
        ]
    ),
)


@contextlib.contextmanager
def fresh_copy() -> Iterator[Path]:
    with tempfile.TemporaryDirectory() as tmp:
        dest = Path(tmp) / "pkg"
        dest.mkdir()
        shutil.copy2(DATAPACKAGE, dest / "datapackage.json")
        shutil.copytree(DATAPACKAGE.parent / "data", dest / "data")
        yield dest / "datapackage.json"


def outcome(desc: Path) -> int:
    """Check the package both in-process and through the CLI; the exit code."""
    try:
        report = check_package(desc)
    except DescriptorError:
        expected = 2
    else:
        expected = 0 if report.valid else 1
        assert report.valid == (not report.findings)
        for finding in report.findings:
            assert finding.code and finding.file and finding.message
            assert "\n" not in str(finding)
    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()):
        code = main(["check", str(desc), "--format", "json"])
    assert code == expected
    return code


def rows_of(path: Path) -> list[list[str]]:
    return list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"), newline="")))


def write_rows(path: Path, rows: list[list[str]]) -> None:
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerows(rows)
    path.write_text(buf.getvalue(), encoding="utf-8", newline="")


@FUZZ
@given(st.sampled_from(FILES), st.integers(0, 10_000), st.integers(0, 100), cells, st.booleans())
def test_fuzz_cell(table: str, row: int, col: int, value: str, pin: bool) -> None:
    with fresh_copy() as desc:
        path = desc.parent / "data" / f"{table}.csv"
        rows = rows_of(path)
        r = 1 + row % (len(rows) - 1)
        rows[r][col % len(rows[r])] = value
        write_rows(path, rows)
        if pin:
            from conftest import repin

            repin(desc)
        assert outcome(desc) in (1, 2) or not pin or value in rows_of(path)[r]


@FUZZ
@given(st.sampled_from(FILES), st.integers(0, 10_000), st.lists(cells, max_size=25))
def test_fuzz_row(table: str, at: int, row: list[str]) -> None:
    with fresh_copy() as desc:
        path = desc.parent / "data" / f"{table}.csv"
        rows = rows_of(path)
        rows.insert(at % (len(rows) + 1), row)
        write_rows(path, rows)
        assert outcome(desc) in (1, 2)


@FUZZ
@given(st.sampled_from(FILES), st.integers(0, 100), st.sampled_from(["drop", "copy", "move"]))
def test_fuzz_column(table: str, col: int, how: str) -> None:
    with fresh_copy() as desc:
        path = desc.parent / "data" / f"{table}.csv"
        rows = rows_of(path)
        c = col % len(rows[0])
        for r in rows:
            cell = r.pop(c) if how != "copy" else r[c]
            if how == "copy":
                r.append(cell)
            elif how == "move":
                r.insert(0, cell)
        write_rows(path, rows)
        result = outcome(desc)
        assert result in (1, 2) or (how == "move" and c == 0)


@FUZZ
@given(
    st.sampled_from((*FILES, "datapackage")),
    st.integers(0, 10**9),
    st.binary(max_size=8),
    st.integers(0, 8),
)
def test_fuzz_bytes(target: str, at: int, insert: bytes, delete: int) -> None:
    with fresh_copy() as desc:
        path = desc if target == "datapackage" else desc.parent / "data" / f"{target}.csv"
        data = path.read_bytes()
        i = at % (len(data) + 1)
        path.write_bytes(data[:i] + insert + data[i + delete :])
        assert outcome(desc) in (0, 1, 2)


@pytest.mark.parametrize("junk", [b"", b"\x00" * 50, b"\xff\xfe\x00a", b'"unterminated,\n'])
def test_whole_file_junk(junk: bytes) -> None:
    for table in FILES:
        with fresh_copy() as desc:
            (desc.parent / "data" / f"{table}.csv").write_bytes(junk)
            assert outcome(desc) == 1
