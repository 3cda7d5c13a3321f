"""The synthetic package the benchmarks use is valid for the checker and frictionless."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from russia_panama_timeline.checker import check_package

SYNTH = Path(__file__).resolve().parents[1] / "benchmarks" / "synth.py"


@pytest.mark.parametrize("events", [1, 257])
def test_synthetic_package_is_valid(tmp_path: Path, events: int) -> None:
    proc = subprocess.run(
        [sys.executable, str(SYNTH), "--events", str(events), "--out", str(tmp_path)],
        capture_output=True,
        text=True,
        check=True,
    )
    descriptor = Path(proc.stdout.strip())
    report = check_package(descriptor)
    assert report.valid, [str(f) for f in report.findings[:10]]
    assert report.rows["events"] == events

    from frictionless import Package, system

    with system.use_context(trusted=False):
        assert Package(str(descriptor)).validate().valid


def test_synthetic_package_is_deterministic(tmp_path: Path) -> None:
    outs = []
    for name in ("a", "b"):
        subprocess.run(
            [sys.executable, str(SYNTH), "--events", "50", "--out", str(tmp_path / name)],
            capture_output=True,
            check=True,
        )
        outs.append({p.name: p.read_bytes() for p in (tmp_path / name).rglob("*") if p.is_file()})
    assert outs[0] == outs[1]
