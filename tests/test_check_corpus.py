"""The corpus of corrupted copies: each fault is found with its code, file and line,
and exits 1; frictionless never rejects a copy the checker accepts."""

from __future__ import annotations

import contextlib
import io
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from _faults import FAULTS

from russia_panama_timeline.checker import check_package
from russia_panama_timeline.cli import main


def run_cli(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(list(args))
    return code, out.getvalue(), err.getvalue()


@pytest.fixture(params=sorted(FAULTS))
def corrupted(request: pytest.FixtureRequest, package_copy: Path) -> tuple[Path, tuple]:
    return package_copy, FAULTS[request.param](package_copy)


def test_shipped_package_checks_clean(installed_datapackage: Path) -> None:
    code, out, _ = run_cli("check", str(installed_datapackage))
    assert code == 0, out
    assert out.strip().splitlines()[-1].endswith(")") and "valid" in out


def test_fault_is_found_where_it_is(corrupted: tuple[Path, tuple]) -> None:
    descriptor, (code, file, line) = corrupted
    exit_code, out, err = run_cli("check", str(descriptor), "--format", "json")
    assert exit_code == 1, out + err
    report = json.loads(out)
    hits = [f for f in report["findings"] if f["code"] == code and f["file"] == file]
    assert hits, f"no {code} in {file}: {report['findings']}"
    if line is not None:
        assert line in [f["line"] for f in hits], hits


def test_frictionless_rejects_nothing_the_checker_accepts(corrupted: tuple[Path, tuple]) -> None:
    from frictionless import Package, system

    descriptor, _ = corrupted
    try:
        with system.use_context(trusted=False):
            frictionless_valid = Package(str(descriptor)).validate().valid
    except Exception:  # frictionless cannot even open it: a rejection
        frictionless_valid = False
    if not frictionless_valid:
        assert not check_package(descriptor).valid


def test_text_line_format(package_copy: Path) -> None:
    code, file, line = FAULTS["edtf_bounds"](package_copy)
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
    code, _, _ = FAULTS[name](package_copy)
    proc = subprocess.run(
        [sys.executable, "-m", "russia_panama_timeline", "check", str(package_copy)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr + proc.stdout
    assert f"[{code}]" in proc.stdout


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
