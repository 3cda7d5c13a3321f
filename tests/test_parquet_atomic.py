"""The build's guarantees around its output: refused when invalid, reproducible to the
byte, all-or-nothing when interrupted, progress only on a terminal, and the CLI."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import REPO, repin

import russia_panama_timeline.parquet.build as build_module
import russia_panama_timeline.parquet.write as write_module
from russia_panama_timeline.cli import main
from russia_panama_timeline.parquet import InvalidData, Progress, build_parquet


def _snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` (hidden ones included) and its bytes."""
    return {
        str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }


def _all_names(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*"))


def _edit_first_row(descriptor_path: Path, column: str, value: str) -> None:
    """Set one cell of the first events row of a package copy, then re-pin the package."""
    descriptor = json.loads(descriptor_path.read_text(encoding="utf-8"))
    res = next(r for r in descriptor["resources"] if r["name"] == "events")
    path = descriptor_path.parent / res["path"]
    raw = path.read_bytes()
    newline = "\r\n" if b"\r\n" in raw else "\n"
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8"), newline="")))
    rows[1][rows[0].index(column)] = value
    with open(path, "w", encoding="utf-8", newline="") as fh:
        csv.writer(fh, lineterminator=newline).writerows(rows)
    repin(descriptor_path)


# --- invalid data is refused ---------------------------------------------------------------


def test_invalid_data_is_refused_and_nothing_written(
    package_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _edit_first_row(package_copy, "status", "rumoured")
    out = tmp_path / "out" / "parquet"
    assert main(["build", str(package_copy), "--out", str(out)]) == 1
    err = capsys.readouterr().err
    assert "rumoured" in err
    assert "nothing was written" in err
    assert "Traceback" not in err
    assert not (tmp_path / "out").exists()


def test_invalid_data_leaves_a_previous_build_alone(package_copy: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert main(["build", str(package_copy), "--out", str(out), "--partition-by", "year"]) == 0
    before = _snapshot(out)
    _edit_first_row(package_copy, "date_precision", "century")
    assert main(["build", str(package_copy), "--out", str(out), "--partition-by", "year"]) == 1
    assert _snapshot(out) == before


def test_the_checker_runs_first(
    package_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A finding the CSV reader could never see (here: one the checker reports) stops the build.
    from russia_panama_timeline.checker import Finding, Report

    report = Report(findings=[Finding("demo", "data/events.csv", 2, "title", "made up")])
    monkeypatch.setattr("russia_panama_timeline.checker.check_package",
                        lambda dp, **options: report)
    with pytest.raises(InvalidData) as info:
        build_parquet(package_copy, tmp_path / "out")
    assert info.value.problems == [str(report.findings[0])]
    assert not (tmp_path / "out").exists()


# --- byte-identical output -----------------------------------------------------------------


def test_identical_input_gives_identical_bytes(
    installed_datapackage: Path, package_copy: Path, tmp_path: Path
) -> None:
    first, second, third = tmp_path / "a", tmp_path / "b", tmp_path / "c"
    build_parquet(installed_datapackage, first, partition_by="year")
    build_parquet(installed_datapackage, second, partition_by="year")
    # Another copy of the same package, elsewhere on disk: no path leaks into the files.
    build_parquet(package_copy, third, partition_by="year")
    a = _snapshot(first)
    assert a and any(name.startswith("events/year=") for name in a)
    assert a == _snapshot(second)
    assert a == _snapshot(third)


def test_rebuilding_in_place_gives_identical_bytes(installed_datapackage: Path,
                                                   tmp_path: Path) -> None:
    build_parquet(installed_datapackage, tmp_path, partition_by="year")
    before = _snapshot(tmp_path)
    build_parquet(installed_datapackage, tmp_path, partition_by="year")
    assert _snapshot(tmp_path) == before


def test_bytes_do_not_depend_on_the_number_of_writer_threads(
    installed_datapackage: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    build_parquet(installed_datapackage, tmp_path / "threads", partition_by="year")
    monkeypatch.setattr(write_module, "PARTITION_WRITERS", 1)
    build_parquet(installed_datapackage, tmp_path / "serial", partition_by="year")
    assert _snapshot(tmp_path / "threads") == _snapshot(tmp_path / "serial")


def test_changed_input_changes_the_lineage(package_copy: Path, tmp_path: Path) -> None:
    import pyarrow.parquet as pq

    build_parquet(package_copy, tmp_path / "a")
    _edit_first_row(package_copy, "title", "An edited title")
    build_parquet(package_copy, tmp_path / "b")
    sha = [pq.read_schema(tmp_path / d / "events.parquet").metadata[b"source_sha256"]
           for d in ("a", "b")]
    assert sha[0] != sha[1]


# --- an interrupted build ------------------------------------------------------------------


class Boom(RuntimeError):
    pass


def _fail_after(monkeypatch: pytest.MonkeyPatch, calls: int) -> None:
    """Make the Parquet writer raise once ``calls`` files have been written."""
    real = write_module.write_table
    count = {"n": 0}

    def flaky(table, path):  # type: ignore[no-untyped-def]
        if count["n"] >= calls:
            raise Boom("disk pulled out")
        count["n"] += 1
        real(table, path)

    monkeypatch.setattr(build_module, "write_table", flaky)
    monkeypatch.setattr(write_module, "write_table", flaky)


@pytest.mark.parametrize("calls", [1, 2, 3])
def test_interrupted_build_keeps_the_previous_build_whole(
    package_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, calls: int
) -> None:
    out = tmp_path / "out"
    build_parquet(package_copy, out, partition_by="year")
    before = _snapshot(out)
    names_before = _all_names(out)

    _edit_first_row(package_copy, "title", "An edited title")
    _fail_after(monkeypatch, calls)
    with pytest.raises(Boom):
        build_parquet(package_copy, out, partition_by="year")

    # No temporary file or folder left, and every previous file exactly as it was.
    assert _all_names(out) == names_before
    assert _snapshot(out) == before


def test_interrupted_first_build_leaves_no_folder(
    package_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _fail_after(monkeypatch, 1)
    with pytest.raises(Boom):
        build_parquet(package_copy, tmp_path / "out" / "parquet")
    assert list(tmp_path.iterdir()) == [package_copy.parent]


def test_partitions_of_a_previous_build_do_not_linger(package_copy: Path,
                                                      tmp_path: Path) -> None:
    out = tmp_path / "out"
    build_parquet(package_copy, out, partition_by="year")
    stale = out / "events" / "year=1066" / "part-0.parquet"
    stale.parent.mkdir()
    stale.write_bytes(b"stale")
    build_parquet(package_copy, out, partition_by="year")
    assert not stale.parent.exists()
    assert not [p for p in out.iterdir() if p.name.startswith(".")]


# --- progress ------------------------------------------------------------------------------


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_on_a_terminal(installed_datapackage: Path, tmp_path: Path) -> None:
    stream = Terminal()
    progress = Progress(stream)
    build_parquet(installed_datapackage, tmp_path, partition_by="year", progress=progress)
    progress.done()
    text = stream.getvalue()
    assert "\r" in text
    assert "writing events.parquet" in text
    assert "partition" in text
    assert text.endswith("\n")


def test_no_progress_when_not_a_terminal(installed_datapackage: Path, tmp_path: Path) -> None:
    stream = io.StringIO()
    progress = Progress(stream)
    build_parquet(installed_datapackage, tmp_path, partition_by="year", progress=progress)
    progress.done()
    assert stream.getvalue() == ""


# --- the command line ----------------------------------------------------------------------


def test_cli_default_output_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["build"]) == 0
    captured = capsys.readouterr()
    assert captured.err == ""  # not a terminal: no progress
    assert (tmp_path / "out" / "parquet" / "events.parquet").is_file()
    assert "out/parquet/events.parquet" in captured.out
    # The default folder is git-ignored.
    assert "/out/" in (REPO / ".gitignore").read_text(encoding="utf-8").splitlines()


def test_cli_unwritable_output_is_a_usage_error(
    installed_datapackage: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    assert main(["build", str(installed_datapackage), "--out", str(blocker / "sub")]) == 2
    err = capsys.readouterr().err
    assert "nothing was written" in err
    assert "Traceback" not in err


def test_cli_missing_package_is_a_usage_error(tmp_path: Path) -> None:
    assert main(["build", str(tmp_path / "nope.json"), "--out", str(tmp_path / "o")]) == 2
    assert not (tmp_path / "o").exists()


def test_script_builds_from_a_clone(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, str(REPO / "scripts" / "build_parquet.py"), "--out", str(tmp_path)],
        capture_output=True, text=True, check=False,
    )
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "events.parquet").is_file()


def test_output_gets_ordinary_permissions(installed_datapackage: Path, tmp_path: Path) -> None:
    import os
    import stat

    umask = os.umask(0o022)
    try:
        build_parquet(installed_datapackage, tmp_path / "out", partition_by="year")
    finally:
        os.umask(umask)
    assert stat.S_IMODE((tmp_path / "out" / "events.parquet").stat().st_mode) == 0o644
    assert stat.S_IMODE((tmp_path / "out" / "events").stat().st_mode) == 0o755
