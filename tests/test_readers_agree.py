"""Every reader agrees with ``check`` on the whole package (issue 11, item 4).

A cell larger than the CSV parser's block is read by all of them; the loaders refuse,
naming file, line and field, what ``check`` refuses in the cells they return (an
impossible date) and a file whose size no longer matches its pin.
"""

from __future__ import annotations

import contextlib
import io
import json
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from _corrupt import line_of, read, set_cell, write
from conftest import repin

import russia_panama_timeline as rpt
from russia_panama_timeline import csvtext
from russia_panama_timeline.checker import check_package
from russia_panama_timeline.cli import main
from russia_panama_timeline.descriptor import DataError

BIG = 50 * 1024 * 1024  # the size of the cell reported in the issue


def _cli(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(list(args))
    return code, out.getvalue(), err.getvalue()


@pytest.fixture(scope="module")
def big_cell(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """A copy of the package whose first event has a 50 MB ``notes`` cell."""
    import shutil

    dest = tmp_path_factory.mktemp("big") / "pkg"
    dest.mkdir()
    shutil.copy2(rpt.DATAPACKAGE, dest / "datapackage.json")
    shutil.copytree(Path(rpt.DATAPACKAGE).parent / "data", dest / "data")
    desc = dest / "datapackage.json"
    header, rows = read(desc, "events")
    notes = ("A long note. " * (BIG // 13 + 1))[:BIG].strip()
    rows[0][header.index("notes")] = notes
    write(desc, "events", header, rows)
    return desc, notes


@pytest.mark.slow
def test_the_big_cell_is_larger_than_a_parser_block(big_cell: tuple[Path, str]) -> None:
    assert len(big_cell[1]) > csvtext.BLOCK_SIZE


@pytest.mark.slow
def test_check_accepts_the_big_cell(big_cell: tuple[Path, str]) -> None:
    report = check_package(big_cell[0])
    assert report.valid, [str(f) for f in report.findings]


@pytest.mark.slow
def test_loader_reads_the_big_cell(big_cell: tuple[Path, str]) -> None:
    desc, notes = big_cell
    events = rpt.load_events(desc)
    assert events["notes"].iloc[0] == notes
    assert len(events) == len(read(desc, "events")[1])


@pytest.mark.slow
def test_build_writes_the_big_cell(big_cell: tuple[Path, str], tmp_path: Path) -> None:
    desc, notes = big_cell
    code, _, err = _cli("build", str(desc), "--out", str(tmp_path / "out"))
    assert code == 0, err
    table = pq.read_table(tmp_path / "out" / "events.parquet", columns=["notes"])
    assert table.column("notes")[0].as_py() == notes


@pytest.mark.slow
def test_info_and_export_read_the_big_cell(big_cell: tuple[Path, str], tmp_path: Path) -> None:
    desc, notes = big_cell
    code, out, err = _cli("info", str(desc))
    assert code == 0, err
    assert "events: " in out
    target = tmp_path / "timeline.json"
    code, _, err = _cli("export", "timelinejs", str(desc), "--out", str(target))
    assert code == 0, err
    assert notes[:200] in target.read_text(encoding="utf-8")


# --- the loaders refuse what check refuses ----------------------------------------------


def test_loader_refuses_an_impossible_date(package_copy: Path) -> None:
    line = set_cell(package_copy, "sources", "accessed", "2025-02-30",
                    lambda r: r["accessed"] != "")
    findings = [f for f in check_package(package_copy).findings if f.code == "type"]
    assert [(f.file, f.line, f.field) for f in findings] == [("data/sources.csv", line,
                                                              "accessed")]
    with pytest.raises(DataError) as raised:
        rpt.load_sources(package_copy)
    message = str(raised.value)
    path = package_copy.parent / "data" / "sources.csv"
    assert message.startswith(f"{path}:{line}: accessed: '2025-02-30' is not a date"), message
    code, _, err = _cli("info", str(package_copy))
    assert code == 1
    assert f"sources.csv:{line}: accessed:" in err and "Traceback" not in err


def test_loader_refuses_a_file_that_no_longer_matches_its_pin(package_copy: Path) -> None:
    header, rows = read(package_copy, "events")
    rows[0][header.index("notes")] += " Edited after pinning."
    write(package_copy, "events", header, rows, pin=False)
    pinned = next(r["bytes"] for r in json.loads(package_copy.read_text())["resources"]
                  if r["name"] == "events")
    size = (package_copy.parent / "data" / "events.csv").stat().st_size
    assert {f.code for f in check_package(package_copy).findings} == {"bytes", "hash"}
    with pytest.raises(DataError) as raised:
        rpt.load_events(package_copy)
    message = str(raised.value)
    assert str(package_copy.parent / "data" / "events.csv") in message
    assert f"has {size} bytes but the descriptor pins {pinned}" in message
    # The other tables still load: only the stale file is refused.
    assert len(rpt.load_sources(package_copy)) == len(read(package_copy, "sources")[1])


def test_loader_names_the_line_of_a_ragged_row(package_copy: Path) -> None:
    header, rows = read(package_copy, "event_sources")
    rows[1] = rows[1][:-1]
    write(package_copy, "event_sources", header, rows)
    line = line_of(package_copy, "event_sources", 1)
    with pytest.raises(DataError, match=rf"event_sources.csv:{line}: .*\[ragged-row\]"):
        rpt.load_event_sources(package_copy)


def test_loader_names_the_line_of_a_blank_row(package_copy: Path) -> None:
    path = package_copy.parent / "data" / "sources.csv"
    lines = path.read_bytes().split(b"\n")
    path.write_bytes(b"\n".join([*lines[:3], b"", *lines[3:]]))
    repin(package_copy)
    assert [(f.code, f.line) for f in check_package(package_copy).findings] == [("blank-row", 4)]
    with pytest.raises(DataError, match=r"sources.csv:4: blank row .*\[blank-row\]"):
        rpt.load_sources(package_copy)
