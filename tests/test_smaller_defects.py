"""The review's smaller defects, each with the test that would have caught it."""

from __future__ import annotations

import contextlib
import io
import subprocess
import sys
from pathlib import Path

from _faults import FAULTS

from russia_panama_timeline.cli import main


def test_check_piped_into_head_does_not_claim_success(package_copy: Path) -> None:
    """`check | head` on invalid data: the reader closes the pipe before check has
    printed; the exit status is still 1 (it was 0), and no traceback."""
    FAULTS["language"](package_copy)
    proc = subprocess.Popen(
        [sys.executable, "-m", "russia_panama_timeline", "check", str(package_copy)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.close()  # the reader is gone before the first line
    err = proc.stderr.read().decode()
    assert proc.wait() == 1, err
    assert "Traceback" not in err and "Exception ignored" not in err


def test_build_prints_its_findings_in_reading_order(package_copy: Path,
                                                     tmp_path: Path) -> None:
    """A cross-table finding in events.csv is found after a finding in sources.csv;
    build lists them as check does: by file, then line."""
    FAULTS["uncited_event"](package_copy)
    FAULTS["language"](package_copy)
    err = io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
        assert main(["build", str(package_copy), "--out", str(tmp_path / "out")]) == 1
    problems = [line for line in err.getvalue().splitlines() if line.startswith("data/")]
    assert [p.split(":")[0] for p in problems] == ["data/events.csv", "data/sources.csv"]
