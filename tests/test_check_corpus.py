"""The corpus of corrupted copies: each fault gives exactly the findings it declares
(code, file, line, field) and exit 1; where frictionless flags a copy too, it reports
the same kind of error on the same row."""

from __future__ import annotations

import contextlib
import io
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from _faults import FAULTS, Found
from conftest import copy_package

from russia_panama_timeline.checker import Finding, check_package
from russia_panama_timeline.cli import main


def run_cli(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(list(args))
    return code, out.getvalue(), err.getvalue()


@pytest.fixture(scope="module", params=sorted(FAULTS))
def corrupted(request: pytest.FixtureRequest,
              tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, tuple]:
    """A copy of the package with one fault of the corpus, for the tests of that fault
    (which only read it: the checker never writes, ``test_checker_never_writes``)."""
    descriptor = copy_package(tmp_path_factory.mktemp(request.param) / "pkg")
    return descriptor, FAULTS[request.param](descriptor)


@pytest.fixture(scope="module")
def checked(corrupted: tuple[Path, tuple]) -> tuple[int, str, str]:
    """``check --format json`` on the corrupted copy: exit code, stdout and stderr, run
    once for the tests that read its report."""
    return run_cli("check", str(corrupted[0]), "--format", "json")


def test_shipped_package_checks_clean(installed_datapackage: Path) -> None:
    code, out, _ = run_cli("check", str(installed_datapackage))
    assert code == 0, out
    assert out.strip().splitlines()[-1].endswith(")") and "valid" in out


def test_fault_is_found_where_it_is(corrupted: tuple[Path, list[Found]],
                                    checked: tuple[int, str, str]) -> None:
    """Exactly the findings the fault declares: none missed, none spurious."""
    _, expected = corrupted
    exit_code, out, err = checked
    assert exit_code == 1, out + err
    report = json.loads(out)
    found = sorted(
        (Found(f["code"], f["file"], f["line"], f["field"]) for f in report["findings"]),
        key=repr,
    )
    assert found == sorted(expected, key=repr)
    assert report["problems"] == len(expected)


# The kinds of error both tools report, as a shared vocabulary: our code -> kind, and
# frictionless's error type -> kind. Findings of other codes are ours alone (layer 2).
OUR_KIND = {
    "type": "type", "url": "type",  # a `uri` field frictionless types
    **dict.fromkeys(
        ["required", "enum", "pattern", "min-length", "max-length", "minimum", "maximum"],
        "constraint",
    ),
    "unique": "unique", "primary-key": "primary-key", "foreign-key": "foreign-key",
    "blank-row": "blank-row", "ragged-row": "cells", "csv-syntax": "cells",
    "header": "header", "bytes": "bytes", "hash": "hash", "encoding": "encoding",
    "descriptor": "descriptor",
}
THEIR_KIND = {
    "type-error": "type", "constraint-error": "constraint", "unique-error": "unique",
    "primary-key": "primary-key", "foreign-key": "foreign-key", "blank-row": "blank-row",
    "extra-cell": "cells", "missing-cell": "cells",
    **dict.fromkeys(
        ["incorrect-label", "extra-label", "missing-label", "blank-label", "duplicate-label"],
        "header",
    ),
    "byte-count": "bytes", "hash-count": "hash", "encoding-error": "encoding",
}


def _frictionless_errors(descriptor: Path) -> set[tuple[str, str, int | None]] | None:
    """(kind, file, row) of every error frictionless reports; None if it says valid.
    A descriptor frictionless refuses to open is a rejection of the descriptor; any
    other exception is a crash, not a verdict, and fails the test."""
    from frictionless import FrictionlessException, Package, system

    try:
        with system.use_context(trusted=False):
            report = Package(str(descriptor)).validate()
    except FrictionlessException:
        return {("descriptor", "datapackage.json", None)}
    if report.valid:
        return None
    paths = {r["name"]: r["path"] for r in json.loads(descriptor.read_text("utf-8"))["resources"]}
    found = set()
    for task in report.tasks:
        for error in task.errors:
            kind = THEIR_KIND.get(error.type, error.type)
            found.add((kind, paths.get(task.name, task.name), getattr(error, "row_number", None)))
    found |= {("descriptor", "datapackage.json", None) for _ in report.errors}
    return found


def test_checker_and_frictionless_agree_on_kind_and_row(
    corrupted: tuple[Path, list[Found]], checked: tuple[int, str, str],
) -> None:
    """Where both flag the copy: every finding of a kind frictionless knows is one it
    reports too, in the same file and row; and the first row frictionless flags in a
    file, the checker flags too (unless the header is wrong: then the checker does not
    read values by position, as frictionless does)."""
    descriptor, _ = corrupted
    theirs = _frictionless_errors(descriptor)
    _, out, _ = checked
    ours = [Finding(**f) for f in json.loads(out)["findings"]]
    assert ours, "the checker rejects every copy in the corpus"
    if theirs is None:
        return  # a layer-2 fault: frictionless cannot see it, nothing to compare
    for f in ours:
        if f.code not in OUR_KIND:
            continue
        kind = OUR_KIND[f.code]
        if kind == "encoding":  # frictionless gives no row for it
            assert any(t[:2] == (kind, f.file) for t in theirs), (f, theirs)
        elif kind == "descriptor":
            assert any(t[0] == kind for t in theirs), (f, theirs)
        else:
            assert (kind, f.file, f.line if f.line and kind != "header" else None) in theirs, (
                f, theirs,
            )
    headers = {f.file for f in ours if f.code == "header"}
    for file in {t[1] for t in theirs} - headers:
        rows = sorted(t[2] for t in theirs if t[1] == file and t[2] is not None)
        if rows:
            assert rows[0] in {f.line for f in ours if f.file == file}, (file, rows[0], ours)


def test_text_line_format(package_copy: Path) -> None:
    [(code, file, line, _)] = FAULTS["edtf_bounds"](package_copy)
    _, out, _ = run_cli("check", str(package_copy))
    first = out.splitlines()[0]
    assert first.startswith(f"{file}:{line}: date_end: 2999-12-31 is not the upper bound of ")
    assert first.endswith(f"[{code}]")
    assert out.splitlines()[-1] == "datapackage.json: 1 problem in 1 file"


def test_max_errors_keeps_count(package_copy: Path) -> None:
    for name in ("required", "language", "formula"):
        FAULTS[name](package_copy)
    code, out, _ = run_cli("check", str(package_copy), "--max-errors", "2")
    lines = out.strip().splitlines()
    assert code == 1
    assert len(lines) == 3
    assert lines[-1] == "datapackage.json: 3 problems in 2 files, showing the first 2"


@pytest.mark.parametrize("bad", ["0", "-1", "many"])
def test_max_errors_usage_error(bad: str, installed_datapackage: Path) -> None:
    with contextlib.redirect_stderr(io.StringIO()) as err:
        assert main(["check", str(installed_datapackage), "--max-errors", bad]) == 2
    assert "--max-errors" in err.getvalue()


@pytest.mark.parametrize(
    "path", ["/etc/passwd", "../outside.csv", "https://example.org/events.csv", "data/../../x.csv"]
)
def test_unsafe_path_exits_2(package_copy: Path, path: str) -> None:
    data = json.loads(package_copy.read_text(encoding="utf-8"))
    data["resources"][0]["path"] = path
    package_copy.write_text(json.dumps(data), encoding="utf-8")
    code, _, err = run_cli("check", str(package_copy))
    assert code == 2
    assert "error:" in err and "Traceback" not in err


@pytest.mark.parametrize("content", [b"", b"{not json", b"[]", b'{"resources": 3}'])
def test_unreadable_descriptor_exits_2(tmp_path: Path, content: bytes) -> None:
    (tmp_path / "datapackage.json").write_bytes(content)
    code, _, err = run_cli("check", str(tmp_path))
    # The descriptor read, then the error.
    assert code == 2 and err.startswith("descriptor: ")
    assert err.splitlines()[1].startswith("error:")


def test_missing_data_file_exits_2(package_copy: Path) -> None:
    (package_copy.parent / "data" / "sources.csv").unlink()
    code, _, err = run_cli("check", str(package_copy))
    assert code == 2 and "sources.csv" in err


def test_checker_never_writes(package_copy: Path) -> None:
    FAULTS["order"](package_copy)
    before = {p: p.read_bytes() for p in package_copy.parent.rglob("*") if p.is_file()}
    run_cli("check", str(package_copy))
    after = {p: p.read_bytes() for p in package_copy.parent.rglob("*") if p.is_file()}
    assert before == after


@pytest.mark.parametrize("name", ["invalid_utf8", "ragged_row", "profile_field_type"])
def test_subprocess_no_traceback(package_copy: Path, name: str) -> None:
    codes = {found.code for found in FAULTS[name](package_copy)}
    proc = subprocess.run(
        [sys.executable, "-m", "russia_panama_timeline", "check", str(package_copy)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr + proc.stdout
    assert all(f"[{code}]" in proc.stdout for code in codes)


def test_subprocess_unsafe_descriptor(package_copy: Path) -> None:
    shutil.copy(package_copy, package_copy.with_suffix(".bak"))
    data = json.loads(package_copy.read_text(encoding="utf-8"))
    data["resources"][1]["path"] = "/etc/hostname"
    package_copy.write_text(json.dumps(data), encoding="utf-8")
    proc = subprocess.run(
        [sys.executable, "-m", "russia_panama_timeline", "check", str(package_copy)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 2 and "Traceback" not in proc.stderr


def test_findings_in_reading_order(package_copy: Path) -> None:
    for name in ("foreign_key_event", "language", "formula", "vocabulary_undocumented"):
        FAULTS[name](package_copy)
    report = json.loads(run_cli("check", str(package_copy), "--format", "json")[1])
    files = [f["file"] for f in report["findings"]]
    assert files == sorted(
        files,
        key=[
            "datapackage.json",
            *[r["path"] for r in json.loads(package_copy.read_text(encoding="utf-8"))["resources"]],
        ].index,
    )
    assert files[0] == "datapackage.json" and files[-1] == "data/event_sources.csv"


def test_lines_count_cells_that_span_lines(package_copy: Path) -> None:
    """A quoted cell with a line break moves every later row down one physical line."""
    from _corrupt import line_of, read, write

    header, rows = read(package_copy, "events")
    rows[0][header.index("notes")] = "first line\nsecond line"
    rows[2][header.index("title")] = ""
    write(package_copy, "events", header, rows)
    report = check_package(package_copy)
    found = {(f.code, f.line) for f in report.findings}
    assert ("text-control", 2) in found
    assert ("required", line_of(package_copy, "events", 2)) in found
    assert line_of(package_copy, "events", 2) == 5


def test_crlf_file_is_one_style(package_copy: Path) -> None:
    """CRLF throughout is one style; a single LF line in it is then the odd one out."""
    from conftest import repin

    path = package_copy.parent / "data" / "sources.csv"
    crlf = path.read_bytes().replace(b"\n", b"\r\n")
    path.write_bytes(crlf)
    repin(package_copy)
    assert check_package(package_copy).valid
    lines = crlf.split(b"\r\n")
    path.write_bytes(b"\r\n".join(lines[:5]) + b"\n" + b"\r\n".join(lines[5:]))
    repin(package_copy)
    found = [(f.code, f.line) for f in check_package(package_copy).findings]
    assert found == [("line-endings", 5)]


def test_a_file_read_ahead_reports_as_a_plain_loop_would(package_copy: Path) -> None:
    # sources.csv is read while the rules run on events.csv; its findings must still
    # come after the events' (so --max-errors keeps the same ones).
    FAULTS["required"](package_copy)  # a rule's finding in events.csv
    FAULTS["mixed_line_endings"](package_copy)  # a reading finding in sources.csv
    every = check_package(package_copy).findings
    assert [f.file for f in every] == sorted((f.file for f in every),
                                             key=lambda file: file != "data/events.csv")
    assert {f.code for f in every} >= {"required", "line-endings"}
    assert check_package(package_copy, max_errors=1).findings == every[:1]
    assert check_package(package_copy, max_errors=1).findings[0].code == "required"
    kept = check_package(package_copy, max_errors=len(every) - 1).findings
    assert kept == every[:-1]


def test_columns_read_two_at_a_time_give_the_same_findings(
        package_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # A large table's columns are read and matched in two threads; the findings (and
    # their order) must be those of the plain loop.
    from russia_panama_timeline.checker import schema_checks

    for name in ("type_number", "enum_event_type", "pattern_id", "max_length", "minimum",
                 "pattern_locator", "edtf_parse"):
        FAULTS[name](package_copy)  # each on a cell of its own
    plain = check_package(package_copy).findings
    assert {"type", "enum", "pattern", "max-length", "minimum", "edtf-parse"} <= {
        f.code for f in plain}
    monkeypatch.setattr(schema_checks, "THREADS_FROM", 0)
    assert check_package(package_copy).findings == plain
