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
    *said, last = proc.stdout.strip().splitlines()
    descriptor = Path(last)
    report = check_package(descriptor)
    assert report.valid, [str(f) for f in report.findings[:10]]
    assert report.rows["events"] == events
    # it says what it wrote: the rows and bytes of each resource, and the total
    for name, rows in report.rows.items():
        path = descriptor.parent / "data" / f"{name}.csv"
        size = path.stat().st_size
        assert any(line.startswith(f"data/{name}.csv: {rows:,} rows, {size:,} bytes ")
                   for line in said), (name, said)
    total = sum(p.stat().st_size for p in (descriptor.parent / "data").iterdir())
    assert said[-1].startswith(f"total: {total:,} bytes of CSV")

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
