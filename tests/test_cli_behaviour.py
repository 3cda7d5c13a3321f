"""The command line as people use it: the package they stand in, arguments in any
order, JSON errors with ``--format json``, messages in words, one finding per fault.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import REPO, repin

from russia_panama_timeline.cli import COMMANDS, main
from russia_panama_timeline.descriptor import DATAPACKAGE


def _cli(*args: str | Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "russia_panama_timeline", *map(str, args)],
        capture_output=True, text=True, check=False, cwd=cwd,
        env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"},
    )


def _set_cell(descriptor: Path, resource: str, row: int, column: str, value: str,
              pin: bool = True) -> None:
    """Set one cell (data row ``row``, 1-based) of a package copy; re-pin unless told not to."""
    path = descriptor.parent / "data" / f"{resource}.csv"
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"), newline="")))
    rows[row][rows[0].index(column)] = value
    with open(path, "w", encoding="utf-8", newline="") as fh:
        csv.writer(fh, lineterminator="\n").writerows(rows)
    if pin:
        repin(descriptor)


# --- 1. the package you are standing in -----------------------------------------------------


@pytest.fixture
def clone(package_copy: Path) -> Path:
    """A folder holding a package, as a clone does: returns the folder."""
    return package_copy.parent


def test_check_in_a_package_folder_checks_that_package(clone: Path) -> None:
    _set_cell(clone / "datapackage.json", "events", 1, "status", "BOGUS")
    result = _cli("check", cwd=clone)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "'BOGUS'" in result.stdout
    assert result.stderr.splitlines()[0] == "descriptor: ./datapackage.json"


def test_every_command_reads_the_package_of_the_current_folder(clone: Path) -> None:
    # A package whose version is not the installed one: each command must show it.
    descriptor = clone / "datapackage.json"
    data = json.loads(descriptor.read_text(encoding="utf-8"))
    data["version"] = "9.9.9"
    descriptor.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n",
                          encoding="utf-8")
    for args in (["info"], ["cite", "--format", "text"], ["export", "jsonld"]):
        result = _cli(*args, cwd=clone)
        assert result.returncode == 0, result.stderr
        assert "9.9.9" in result.stdout, args
        assert result.stderr.splitlines()[0] == "descriptor: ./datapackage.json", args


def test_build_in_a_package_folder_builds_that_package(clone: Path) -> None:
    import pyarrow.parquet as pq

    _set_cell(clone / "datapackage.json", "events", 1, "title", "A title edited in the clone")
    result = _cli("build", cwd=clone)
    assert result.returncode == 0, result.stderr
    titles = pq.read_table(clone / "out" / "parquet" / "events.parquet").column("title")
    assert "A title edited in the clone" in titles.to_pylist()


def test_without_a_package_in_the_folder_the_installed_one_is_read(tmp_path: Path) -> None:
    result = _cli("check", "--max-errors", "1", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stderr.splitlines()[0] == f"descriptor: {DATAPACKAGE}"


@pytest.mark.parametrize("script", ["check.py", "build_parquet.py"])
def test_scripts_read_the_package_of_the_current_folder(script: str, clone: Path) -> None:
    _set_cell(clone / "datapackage.json", "events", 1, "status", "BOGUS")
    result = subprocess.run([sys.executable, str(REPO / "scripts" / script)],
                            capture_output=True, text=True, check=False, cwd=clone)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "BOGUS" in result.stdout + result.stderr
    assert "descriptor: ./datapackage.json" in result.stderr


def test_generators_read_the_package_of_the_current_folder(clone: Path) -> None:
    committed = (REPO / "CITATION.cff").stat().st_mtime_ns
    result = subprocess.run([sys.executable, str(REPO / "scripts" / "gen_citation.py")],
                            capture_output=True, text=True, check=False, cwd=clone)
    assert result.returncode == 0, result.stderr
    assert result.stderr.splitlines()[0] == "descriptor: ./datapackage.json"
    assert (clone / "CITATION.cff").is_file()  # written beside the package it read
    assert (REPO / "CITATION.cff").stat().st_mtime_ns == committed


def test_the_hint_is_a_command_that_runs_as_printed(clone: Path) -> None:
    # Edit without re-pinning: the finding's hint must be the exact command that fixes it.
    _set_cell(clone / "datapackage.json", "events", 1, "title", "Edited by hand", pin=False)
    result = _cli("check", cwd=clone)
    assert result.returncode == 1
    hints = set(re.findall(r"run `([^`]+)`", result.stdout))
    assert hints == {"russia-panama-timeline fmt ./datapackage.json"}
    argv = shlex.split(hints.pop())
    assert argv[0] == "russia-panama-timeline"
    fixed = _cli(*argv[1:], cwd=clone)
    assert fixed.returncode == 0, fixed.stderr
    assert "re-pinned" in fixed.stdout
    assert _cli("check", cwd=clone).returncode == 0


def test_info_names_the_command_for_the_package_it_read(clone: Path) -> None:
    result = _cli("info", cwd=clone)
    assert "run `russia-panama-timeline cite ./datapackage.json`" in result.stdout


# --- 6. arguments in any order ----------------------------------------------------------------


def _orders(package: Path, tmp: Path) -> dict[str, list[list[str]]]:
    """For each command, the same arguments in several orders (DATAPACKAGE first, last,
    between options)."""
    p = str(package)
    return {
        "check": [[p, "--format", "json", "--max-errors", "2"],
                  ["--format", "json", p, "--max-errors", "2"],
                  ["--format", "json", "--max-errors", "2", p]],
        "fmt": [[p]],
        "build": [[p, "--out", f"{tmp}/a", "--partition-by", "year"],
                  ["--out", f"{tmp}/a", p, "--partition-by", "year"],
                  ["--out", f"{tmp}/a", "--partition-by", "year", p]],
        "info": [[p]],
        "events": [[p, "--actor", "PAN", "--format", "csv", "--from", "2020"],
                   ["--actor", "PAN", p, "--format", "csv", "--from", "2020"],
                   ["--actor", "PAN", "--format", "csv", "--from", "2020", p]],
        "cite": [[p, "--format", "bibtex"], ["--format", "bibtex", p]],
        "export": [["timelinejs", p, "--out", f"{tmp}/t.json"],
                   ["timelinejs", "--out", f"{tmp}/t.json", p],
                   ["--out", f"{tmp}/t.json", "timelinejs", p]],
        "plot": [[p, "--out", f"{tmp}/t.svg"], ["--out", f"{tmp}/t.svg", p]],
        "site": [[p, "--out", f"{tmp}/site"], ["--out", f"{tmp}/site", p]],
        "diff": [[p, p, "--format", "json"], ["--format", "json", p, p],
                 [p, "--format", "json", p]],
    }


def test_every_command_is_covered() -> None:
    assert set(_orders(Path("x"), Path("y"))) == set(COMMANDS)


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_arguments_in_any_order(
    command: str, package_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    results = []
    for args in _orders(package_copy, tmp_path)[command]:
        code = main([command, *args])
        out, err = capsys.readouterr()
        assert code == 0, (args, err)
        assert err.splitlines()[0] == f"descriptor: {package_copy}"
        results.append(out)
    assert all(r == results[0] for r in results)


# --- 6. JSON errors ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "code", "says"),
    [
        (["check", "--format", "json", "{tmp}/nowhere"], 2, "cannot read the descriptor"),
        (["check", "--format=json", "--max-errors", "0"], 2, "must be at least 1"),
        (["check", "--format", "json", "--no-such-option"], 2, "unrecognized arguments"),
        (["check", "--format", "json", "{tmp}/bad.json"], 2, "not valid UTF-8 JSON"),
    ],
)
def test_with_format_json_errors_are_json(
    args: list[str], code: int, says: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "bad.json").write_text("{not json", encoding="utf-8")
    assert main([a.format(tmp=tmp_path) for a in args]) == code
    out, err = capsys.readouterr()
    error = json.loads(out)
    assert error["exit"] == code
    assert says in error["error"]
    assert "Traceback" not in err and "usage:" not in err


def test_json_error_names_the_descriptor(tmp_path: Path,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    main(["check", "--format", "json", str(tmp_path / "nowhere")])
    error = json.loads(capsys.readouterr().out)
    assert error["datapackage"] == str(tmp_path / "nowhere")


def test_json_report_names_the_descriptor(package_copy: Path,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--format", "json", str(package_copy)]) == 0
    assert json.loads(capsys.readouterr().out)["datapackage"] == str(package_copy)


# --- 6. messages in words, one finding per fault ------------------------------------------


def _check(package: Path, capsys: pytest.CaptureFixture[str]) -> list[str]:
    main(["check", str(package)])
    return capsys.readouterr().out.splitlines()[:-1]


@pytest.mark.parametrize(
    ("value", "says"),
    [
        ("2025-13", "2025 has no month 13"),
        ("2024-09-25/2025-14", "2025 has no month 14"),
        ("2023-02-29/2023-03-01", "February 2023 has no day 29"),
        ("2023-02-29~", "February 2023 has no day 29"),
        ("2025-02-30", "'2025-02-30' is not a valid EDTF date: February 2025 has no day 30"),
        ("2024-09-29/2024-09-25", "ends (2024-09-25) before it starts (2024-09-29)"),
    ],
)
def test_a_bad_date_is_explained_in_words(
    value: str, says: str, package_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _set_cell(package_copy, "events", 3, "date", value)
    findings = [f for f in _check(package_copy, capsys) if "[edtf-parse]" in f]
    assert len(findings) == 1
    assert says in findings[0]
    assert "Exception" not in findings[0] and "Error" not in findings[0]


def test_a_mistyped_source_id_is_one_finding_not_one_per_citation(
    package_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # The source cited most often gets a source_id that breaks its pattern.
    cites = list(csv.DictReader(io.StringIO(
        (package_copy.parent / "data" / "event_sources.csv").read_text(encoding="utf-8"))))
    counts: dict[str, int] = {}
    for row in cites:
        counts[row["source_id"]] = counts.get(row["source_id"], 0) + 1
    busiest = max(counts, key=lambda k: counts[k])
    assert counts[busiest] > 2
    sources = list(csv.DictReader(io.StringIO(
        (package_copy.parent / "data" / "sources.csv").read_text(encoding="utf-8"))))
    row = next(i for i, r in enumerate(sources, 1) if r["source_id"] == busiest)
    _set_cell(package_copy, "sources", row, "source_id", busiest.upper())
    findings = _check(package_copy, capsys)
    # One finding per foreign key that meets the bad cell (event_sources.source_id,
    # and sources.cited_in if other sources cite it), each sending the reader there.
    fk = [f for f in findings if "[foreign-key]" in f]
    assert 1 <= len(fk) <= 2, findings
    assert all(f"data/sources.csv has an invalid source_id on line {row + 1}" in f for f in fk)
    cites_fk = [f for f in fk if f.startswith("data/event_sources.csv:")]
    assert len(cites_fk) == 1
    assert f"nor are the values of {counts[busiest] - 1} more rows" in cites_fk[0]
    own = [f for f in findings if f.startswith(f"data/sources.csv:{row + 1}: source_id:")]
    assert any("[pattern]" in f for f in own)
    assert not any("[unused-source]" in f for f in findings)


def test_a_dangling_reference_reads_well(package_copy: Path,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    _set_cell(package_copy, "event_sources", 1, "event_id", "no-such-event")
    findings = [f for f in _check(package_copy, capsys) if "[foreign-key]" in f]
    assert len(findings) == 1
    assert "'no-such-event' is not an event_id of events (data/events.csv)" in findings[0]



# --- 7. info's date range -------------------------------------------------------------------


def test_info_describes_open_and_year_only_dates_honestly() -> None:
    import pandas as pd

    from russia_panama_timeline.commands.info import date_lines

    events = pd.DataFrame({
        "date": ["1950-06", "../2000-01-01", "2010/..", "2025"],
        "date_start": pd.to_datetime(["1950-06-01", None, "2010-01-01", "2025-01-01"]),
        "date_end": pd.to_datetime(["1950-06-30", "2000-01-01", None, "2025-12-31"]),
        "date_precision": pd.Categorical(["month", "period", "period", "year"],
                                         categories=["day", "month", "year", "period"]),
    })
    assert date_lines(events) == [
        "dates: 1950-06 to 2025 (earliest possible start 1950-06-01, "
        "latest possible end 2025-12-31)",
        "open start: 1 event (../2000-01-01), with no start to count in that range",
        "open end: 1 event (2010/..), with no end to count in that range",
        "precision: 1 to the month, 1 to the year, 2 periods",
    ]


@pytest.mark.parametrize(
    ("value", "says"),
    [
        ("May 2021", "'May 2021' is not an EDTF date this field takes: it has none of the"),
        ("2021-5-3", "months and days take two digits: 2021-05-03"),
        ("[2021-05-01,2021-05-03]", "one day of a set of consecutive days is written [A..B]"),
    ],
)
def test_a_date_of_the_wrong_form_is_told_in_words_not_by_its_pattern(
    value: str, says: str, package_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The pattern of events.date is 300 characters of regular expression: a value
    that breaks it is told what is wrong with it, and the pattern is not printed."""
    _set_cell(package_copy, "events", 3, "date", value)
    findings = [f for f in _check(package_copy, capsys) if "[pattern]" in f]
    assert len(findings) == 1, findings
    assert says in findings[0]
    assert "[0-9]" not in findings[0] and len(findings[0]) < 400
