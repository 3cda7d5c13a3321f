"""``fmt`` writes what can be derived and nothing else; it is idempotent."""

from __future__ import annotations

import contextlib
import io
import json
import unicodedata
from pathlib import Path

import pytest
from _corrupt import read, write

from russia_panama_timeline.checker import check_package
from russia_panama_timeline.cli import main

TABLES = ("events", "sources", "event_sources")


def run(*args: str) -> tuple[int, str]:
    code, out, _ = run_both(*args)
    return code, out


def run_both(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(list(args))
    return code, out.getvalue(), err.getvalue()


def snapshot(desc: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in desc.parent.rglob("*") if p.is_file()}


def break_derivable(desc: Path) -> None:
    """Wrong bounds and precision, shuffled rows, NFD and untrimmed text; pins left stale."""
    header, rows = read(desc, "events")
    col = {n: i for i, n in enumerate(header)}
    for k, row in enumerate(rows):
        if k % 3 == 0:
            row[col["date_start"]], row[col["date_end"]] = "1999-01-01", ""
        if k % 4 == 1:
            row[col["date_precision"]] = "day" if row[col["date_precision"]] != "day" else "year"
    rows[0][col["title"]] = " " + unicodedata.normalize("NFD", rows[0][col["title"]]) + "  "
    rows[-1][col["summary"]] += "\t"
    write(desc, "events", header, rows[::-1], pin=False)
    header, rows = read(desc, "event_sources")
    write(desc, "event_sources", header, rows[::-1], pin=False)
    header, rows = read(desc, "sources")
    write(desc, "sources", header, rows[1:] + rows[:1], pin=False)


def test_fmt_restores_derived_values(package_copy: Path, installed_datapackage: Path) -> None:
    original = {t: read(installed_datapackage, t) for t in TABLES}
    break_derivable(package_copy)
    assert not check_package(package_copy).valid
    code, out = run("fmt", str(package_copy))
    assert code == 0
    assert "data/events.csv: normalised text" in out
    report = check_package(package_copy)
    assert report.valid, [str(f) for f in report.findings]
    for table in TABLES:  # every value is back as the lead wrote it
        assert read(package_copy, table) == original[table]


def test_fmt_repins_after_an_edit(package_copy: Path) -> None:
    header, rows = read(package_copy, "sources")
    rows[0][header.index("notes")] = "A note typed by hand."
    write(package_copy, "sources", header, rows, pin=False)
    assert {f.code for f in check_package(package_copy).findings} >= {"hash", "bytes"}
    code, out = run("fmt", str(package_copy))
    assert code == 0
    assert out.strip() == "datapackage.json: re-pinned bytes and hash of data/sources.csv"
    assert check_package(package_copy).valid


def test_fmt_is_idempotent(package_copy: Path) -> None:
    break_derivable(package_copy)
    run("fmt", str(package_copy))
    first = snapshot(package_copy)
    code, out = run("fmt", str(package_copy))
    assert code == 0 and out.strip() == "fmt: nothing to change"
    assert snapshot(package_copy) == first


def test_fmt_leaves_a_clean_package_untouched(package_copy: Path) -> None:
    before = snapshot(package_copy)
    mtimes = {p: p.stat().st_mtime_ns for p in package_copy.parent.rglob("*") if p.is_file()}
    code, out = run("fmt", str(package_copy))
    assert code == 0 and out.strip() == "fmt: nothing to change"
    assert snapshot(package_copy) == before
    assert mtimes == {p: p.stat().st_mtime_ns for p in mtimes}


def test_fmt_touches_nothing_it_cannot_derive(package_copy: Path) -> None:
    header, rows = read(package_copy, "events")
    col = {n: i for i, n in enumerate(header)}
    rows[0][col["date"]] = "not a date"
    rows[0][col["date_start"]] = "1234-05-06"
    write(package_copy, "events", header, rows)
    ragged_path = package_copy.parent / "data" / "sources.csv"
    ragged = ragged_path.read_bytes().replace(b"\n", b",extra\n", 2)  # header and one row
    ragged_path.write_bytes(ragged)
    pins = json.loads(package_copy.read_text(encoding="utf-8"))["resources"][1]
    code, out = run("fmt", str(package_copy))
    assert code == 1  # the bad date and the ragged file are still there
    assert "data/sources.csv: left alone: its header differs from the schema" in out
    assert ragged_path.read_bytes() == ragged
    after_pins = json.loads(package_copy.read_text(encoding="utf-8"))["resources"][1]
    assert (after_pins["bytes"], after_pins["hash"]) == (pins["bytes"], pins["hash"])
    _, after = read(package_copy, "events")
    edited = next(r for r in after if r[col["event_id"]] == rows[0][col["event_id"]])
    assert edited[col["date_start"]] == "1234-05-06"  # no bound derivable from a bad date


def test_fmt_refuses_unsafe_descriptor(package_copy: Path) -> None:
    data = json.loads(package_copy.read_text(encoding="utf-8"))
    data["resources"][0]["path"] = "../../events.csv"
    package_copy.write_text(json.dumps(data), encoding="utf-8")
    before = snapshot(package_copy)
    code, _ = run("fmt", str(package_copy))
    assert code == 2
    assert snapshot(package_copy) == before


def _truncate(data: bytes) -> bytes:
    """Cut the file in the middle of a row, as an interrupted copy would."""
    return data[: data.index(b"\n", len(data) // 2) - 7]


def _ragged(data: bytes) -> bytes:
    lines = data.split(b"\n")
    lines[3] += b",one cell too many"
    return b"\n".join(lines)


def _not_utf8(data: bytes) -> bytes:
    lines = data.split(b"\n")
    lines[5] = lines[5].replace(b",", b",\xff", 1)
    return b"\n".join(lines)


def _quote_left_open(data: bytes) -> bytes:
    """A quoted cell opened in the last row and never closed: the row still has
    all its cells, so only the quote tells that the file is damaged."""
    head, _, last = data.rstrip(b"\n").rpartition(b"\n")
    if last.endswith(b'"'):  # a quoted last cell: its closing quote goes
        return head + b"\n" + last[:-1] + b"\n"
    cells = last.split(b",")
    cells[-1] = b'"' + cells[-1]
    return head + b"\n" + b",".join(cells) + b"\n"


@pytest.mark.parametrize(
    ("damage", "why"),
    [
        (_truncate, "it does not end with a line break"),
        (_ragged, "some rows have the wrong number of cells"),
        (_not_utf8, "not UTF-8 (byte 0xff on line 6)"),
        (_quote_left_open, "a quoted cell opens on line"),
    ],
)
def test_fmt_never_blesses_a_broken_file(package_copy: Path, damage, why: str) -> None:
    """fmt leaves a damaged events.csv and its pins alone, writes nothing else, and
    exits 1 because the package is still invalid (issue 11, item 3)."""
    events = package_copy.parent / "data" / "events.csv"
    events.write_bytes(damage(events.read_bytes()))
    before = snapshot(package_copy)
    code, out, err = run_both("fmt", str(package_copy))
    assert code == 1, out + err
    assert f"data/events.csv: left alone: {why}" in out
    assert "; its bytes and hash are not re-pinned" in out
    assert f"run `russia-panama-timeline check {package_copy}` to see what is left" in err
    assert "Traceback" not in out + err
    assert snapshot(package_copy) == before  # nothing written: no file, no pin
    codes = {f.code for f in check_package(package_copy).findings if f.file == "data/events.csv"}
    assert {"bytes", "hash"} <= codes  # the damage is still reported


def test_fmt_on_a_truncated_file_in_a_fresh_process(package_copy: Path) -> None:
    """The same through the installed command: one note naming the file, exit 1, no
    traceback, the descriptor byte for byte as it was."""
    import subprocess
    import sys

    events = package_copy.parent / "data" / "events.csv"
    events.write_bytes(_truncate(events.read_bytes()))
    before = package_copy.read_bytes()
    proc = subprocess.run(
        [sys.executable, "-m", "russia_panama_timeline", "fmt", str(package_copy)],
        capture_output=True, text=True, check=False,
    )
    assert proc.returncode == 1
    assert proc.stdout.startswith("data/events.csv: left alone: it does not end with a line")
    assert "Traceback" not in proc.stdout + proc.stderr
    assert package_copy.read_bytes() == before
