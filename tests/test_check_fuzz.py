"""Fuzzing: whatever is done to cells, rows, columns or raw bytes, the checker ends with
exit 0, 1 or 2, never raises anything but the usage error it is meant to raise, and
reports the finding the edit causes. Every edited copy is re-pinned first, so the
``bytes``/``hash`` findings any edit causes cannot stand in for the specific one."""

from __future__ import annotations

import contextlib
import csv
import io
import os
import re
import shutil
import tempfile
import unicodedata
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import repin
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from russia_panama_timeline import DATAPACKAGE
from russia_panama_timeline.checker import Finding, check_package
from russia_panama_timeline.cli import main
from russia_panama_timeline.descriptor import DescriptorError

FILES = ("events", "sources", "event_sources", "actors")
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


def outcome(desc: Path) -> tuple[int, list[Finding]]:
    """Check the package both in-process and through the CLI: the exit code (the two
    must agree) and the findings."""
    findings: list[Finding] = []
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
        findings = report.findings
    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()):
        code = main(["check", str(desc), "--format", "json"])
    assert code == expected
    return code, findings


def rows_of(path: Path) -> list[list[str]]:
    return list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"), newline="")))


def write_rows(desc: Path, path: Path, rows: list[list[str]]) -> None:
    """Write the rows and re-pin ``bytes`` and ``hash``, so that the pins (which any
    edit breaks) never stand in for the finding the edit itself must cause."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    for row in rows:
        if any("\r" in cell for cell in row):
            # csv.writer leaves a lone CR bare (it is not in its line terminator), where
            # every reader takes it for a line break: quote every cell of such a row.
            buf.write(",".join('"' + c.replace('"', '""') + '"' for c in row) + "\n")
        else:
            writer.writerow(row)
    path.write_text(buf.getvalue(), encoding="utf-8", newline="")
    repin(desc)


def first_line(path: Path, index: int) -> int:
    """Physical line on which record ``index`` (0 = the header) starts."""
    reader = csv.reader(io.StringIO(path.read_text(encoding="utf-8"), newline=""))
    last = 0
    for i, _ in enumerate(reader):
        if i == index:
            return last + 1
        last = reader.line_num
    raise IndexError(index)


# Findings that may point at another row than the one edited: keys and order compare
# rows with each other, and the citation, actor and status checks follow keys to other
# tables (a source's publisher decides whether the events it reports are confirmed),
# and the evidence checks hold an event's date to what its citations state (a citation
# edited away from its event leaves the event's date beyond its other sources).
CROSS_ROW = {"unique", "primary-key", "foreign-key", "uncited-event", "unused-source",
             "source-date", "order", "cited-in-cycle", "status-confirmed",
             "country-not-state", "actor-parent-cycle", "date-beyond-sources",
             "date-wider-than-sources", "date-sources-disagree", "date-unsourced",
             "citation-outside-date"}


# Values no cell of any field may hold, whatever its type: text-hygiene faults the
# checker must find on the row (white space at an end, a control character, text not in
# Unicode NFC, a spreadsheet formula). Stated here without the checker's code.
bad_cells = st.one_of(
    st.builds(lambda s: " " + s, st.text(max_size=10)),
    st.builds(lambda s: s + "\t", st.text(max_size=10)),
    st.builds(lambda a, b: a + "\x07" + b, st.text(max_size=5), st.text(max_size=5)),
    st.sampled_from(["e\u0301", "Col\u0301n", "=SUM(A1)", "@cmd", "+x", "-y"]),
)


def never_valid(value: str) -> bool:
    """Whether no cell may hold ``value``: an independent statement of text hygiene."""
    if value != value.strip():
        return True
    if any(unicodedata.category(c) == "Cc" for c in value):
        return True
    if unicodedata.normalize("NFC", value) != value:
        return True
    number = r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?"
    return value != "" and value[0] in "=+-@" and not re.fullmatch(number, value)


CELL = (st.sampled_from(FILES), st.integers(0, 10_000), st.integers(0, 100),
        st.one_of(cells, bad_cells))


@pytest.mark.slow
@FUZZ
@given(*CELL)
def test_fuzz_cell(table: str, row: int, col: int, value: str) -> None:
    """One cell changed: the package is valid only if the value did not change; any
    finding is on the edited row (or a key, order or citation consequence of it); and
    a value no cell may hold is found there."""
    with fresh_copy() as desc:
        path = desc.parent / "data" / f"{table}.csv"
        rows = rows_of(path)
        r = 1 + row % (len(rows) - 1)
        c = col % len(rows[r])
        old, rows[r][c] = rows[r][c], value
        write_rows(desc, path, rows)
        code, findings = outcome(desc)
        if value == old:
            assert code == 0, findings
            return
        assert code in (0, 1)
        line = first_line(path, r)
        for f in findings:
            assert f.code in CROSS_ROW or (f.file, f.line) == (f"data/{table}.csv", line), f
        if never_valid(value):
            assert any((f.file, f.line) == (f"data/{table}.csv", line) for f in findings), (
                value, findings)


ROW = (st.sampled_from(FILES), st.integers(0, 10_000), st.lists(cells, max_size=25))
COLUMN = (st.sampled_from(FILES), st.integers(0, 100), st.sampled_from(["drop", "copy", "move"]))


@pytest.mark.slow
@FUZZ
@given(*ROW)
def test_fuzz_row(table: str, at: int, row: list[str]) -> None:
    """A row inserted: before the header, a header finding; an empty row, a blank-row
    finding; a row of the wrong width, a ragged-row finding, each on its line."""
    with fresh_copy() as desc:
        path = desc.parent / "data" / f"{table}.csv"
        rows = rows_of(path)
        width = len(rows[0])
        i = at % (len(rows) + 1)
        rows.insert(i, row)
        write_rows(desc, path, rows)
        code, findings = outcome(desc)
        assert code == 1
        found = {(f.code, f.line) for f in findings if f.file == f"data/{table}.csv"}
        if i == 0:
            assert ("header", 1) in found
        elif not row:
            assert ("blank-row", first_line(path, i)) in found
        elif len(row) != width:
            assert ("ragged-row", first_line(path, i)) in found


@pytest.mark.slow
@FUZZ
@given(*COLUMN)
def test_fuzz_column(table: str, col: int, how: str) -> None:
    """A column dropped, repeated or moved: the header no longer matches the schema
    (moving the first column to the front changes nothing)."""
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
        write_rows(desc, path, rows)
        code, findings = outcome(desc)
        if how == "move" and c == 0:
            assert code == 0, findings
        else:
            assert code == 1
            found = {(f.code, f.file, f.line) for f in findings}
            assert ("header", f"data/{table}.csv", 1) in found


BYTES = (st.sampled_from((*FILES, "datapackage")), st.integers(0, 10**9),
         st.binary(max_size=8), st.integers(0, 8), st.booleans())


@pytest.mark.slow
@FUZZ
@given(*BYTES)
def test_fuzz_bytes(target: str, at: int, insert: bytes, delete: int, repinned: bool) -> None:
    """Raw bytes inserted and deleted anywhere: never a crash; an edit that changes
    nothing leaves the package valid; a data file edited and not re-pinned is found
    (its ``bytes`` or ``hash``), and one that is no longer UTF-8 is found too."""
    with fresh_copy() as desc:
        path = desc if target == "datapackage" else desc.parent / "data" / f"{target}.csv"
        data = path.read_bytes()
        i = at % (len(data) + 1)
        edited = data[:i] + insert + data[i + delete :]
        path.write_bytes(edited)
        if target != "datapackage" and repinned:
            repin(desc)
        code, findings = outcome(desc)
        if edited == data:
            assert code == 0, findings
        elif target != "datapackage":
            codes = {f.code for f in findings if f.file == f"data/{target}.csv"}
            if not repinned:
                assert codes & {"bytes", "hash"}, findings
            try:
                edited.decode("utf-8")
            except UnicodeDecodeError:
                assert "encoding" in codes, findings


@pytest.mark.parametrize("junk", [b"", b"\x00" * 50, b"\xff\xfe\x00a", b'"unterminated,\n'])
def test_whole_file_junk(junk: bytes) -> None:
    for table in FILES:
        with fresh_copy() as desc:
            (desc.parent / "data" / f"{table}.csv").write_bytes(junk)
            code, findings = outcome(desc)
            assert code == 1
            assert findings


@pytest.mark.parametrize(
    ("test", "strategies"),
    [(test_fuzz_cell, CELL), (test_fuzz_row, ROW), (test_fuzz_column, COLUMN),
     (test_fuzz_bytes, BYTES)],
    ids=["cell", "row", "column", "bytes"],
)
def test_each_fuzz_test_fails_against_a_checker_that_finds_nothing(
    test: object, strategies: tuple, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The proof that the fuzz tests above can fail: with a checker that finds nothing
    (every package valid), each of them fails on its first examples."""
    from hypothesis import Phase

    import russia_panama_timeline.checker as checker

    def finds_nothing(*args: object, **kwargs: object) -> checker.Report:
        return checker.Report()

    monkeypatch.setattr(checker, "check_package", finds_nothing)
    monkeypatch.setitem(globals(), "check_package", finds_nothing)
    inner = test.hypothesis.inner_test  # type: ignore[attr-defined]
    quick = settings(max_examples=25, deadline=None, database=None, phases=[Phase.generate],
                     report_multiple_bugs=False,
                     suppress_health_check=[HealthCheck.too_slow])
    with pytest.raises(AssertionError):
        given(*strategies)(quick(inner))()

