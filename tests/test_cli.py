"""The command line: help, version, ``python -m``, exit codes, and the clone's scripts.

Error paths run in a subprocess, as a user would meet them, to prove that an
unreadable input ends in a one-line message and exit 2, never in a traceback.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from russia_panama_timeline.cli import COMMANDS, main

REPO = Path(__file__).resolve().parents[1]
SCRIPTS = REPO / "scripts"


def _run(*args: str | Path, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, *map(str, args)],
        capture_output=True, text=True, check=False, cwd=cwd,
        env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"},
    )


def _cli(*args: str | Path, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return _run("-m", "russia_panama_timeline", *args, cwd=cwd)


def _installed_version(descriptor: Path) -> str:
    return json.loads(descriptor.read_text(encoding="utf-8"))["version"]


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_help_on_every_command(command: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main([command, "--help"])
    assert exit_.value.code == 0
    out = capsys.readouterr().out
    assert f"russia-panama-timeline {command}" in out
    assert "usage:" in out


def test_top_level_help_lists_every_command(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["--help"])
    assert exit_.value.code == 0
    out = capsys.readouterr().out
    for command in COMMANDS:
        assert command in out


def test_version_is_the_descriptors(installed_datapackage: Path) -> None:
    result = _cli("--version", cwd=Path(os.sep))
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["russia-panama-timeline", _installed_version(
        installed_datapackage)]


def test_console_script_is_installed(installed_datapackage: Path) -> None:
    script = Path(sys.executable).with_name("russia-panama-timeline")
    result = subprocess.run([str(script), "--version"], capture_output=True, text=True,
                            check=False)
    assert result.returncode == 0, result.stderr
    assert _installed_version(installed_datapackage) in result.stdout


def test_python_dash_m_runs_info(installed_datapackage: Path, tmp_path: Path) -> None:
    # From an unrelated folder, so nothing in the clone can stand in for the install.
    result = _cli("info", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert str(installed_datapackage) in result.stdout
    assert _installed_version(installed_datapackage) in result.stdout


def test_no_command_is_a_usage_error() -> None:
    result = _cli()
    assert result.returncode == 2
    assert "Traceback" not in result.stderr


def test_check_passes_on_the_installed_package(installed_datapackage: Path) -> None:
    result = _cli("check")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "valid" in result.stdout


# --- unreadable descriptors: exit 2, one line, no traceback -------------------------


def _missing(tmp: Path) -> Path:
    return tmp / "nowhere" / "datapackage.json"


def _under_a_file(tmp: Path) -> Path:
    (tmp / "plain.txt").write_text("x", encoding="utf-8")
    return tmp / "plain.txt" / "datapackage.json"


def _symlink_loop(tmp: Path) -> Path:
    # Unreadable even for root (CI runs as root, so permission bits would not do).
    (tmp / "loop.json").symlink_to(tmp / "loop.json")
    return tmp / "loop.json"


def _not_json(tmp: Path) -> Path:
    (tmp / "datapackage.json").write_text("{not json", encoding="utf-8")
    return tmp / "datapackage.json"


def _not_utf8(tmp: Path) -> Path:
    (tmp / "datapackage.json").write_bytes(b'{"name": "\xff\xfe"}')
    return tmp / "datapackage.json"


def _not_a_descriptor(tmp: Path) -> Path:
    (tmp / "datapackage.json").write_text("[1, 2, 3]", encoding="utf-8")
    return tmp / "datapackage.json"


BAD_DESCRIPTORS = [_missing, _under_a_file, _symlink_loop, _not_json, _not_utf8,
                   _not_a_descriptor]


@pytest.mark.parametrize("command", ["check", "info"])
@pytest.mark.parametrize("make", BAD_DESCRIPTORS, ids=lambda f: f.__name__.strip("_"))
def test_unreadable_descriptor_exits_2(command: str, make, tmp_path: Path) -> None:
    path = make(tmp_path)
    result = _cli(command, path)
    assert result.returncode == 2, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error:"), result.stderr
    assert str(path.name) in lines[0]


def test_info_counts_by_type_decade_and_status(installed_datapackage: Path) -> None:
    # Expected counts read straight from the CSV with the csv module, not the loader.
    import csv
    from collections import Counter

    with open(installed_datapackage.parent / "data" / "events.csv", encoding="utf-8",
              newline="") as fh:
        rows = list(csv.DictReader(fh))
    result = _cli("info", installed_datapackage)
    assert result.returncode == 0, result.stderr
    lines = {line.split(":")[0]: line for line in result.stdout.splitlines()}
    for key, field in (("type", "event_type"), ("status", "status")):
        shown = dict(p.rsplit(" ", 1) for p in lines[key].split(": ", 1)[1].split(", "))
        assert {k: int(v) for k, v in shown.items()} == Counter(r[field] for r in rows)
    decades = Counter(f"{(r['date_start'] or r['date_end'])[:3]}0s" for r in rows)
    shown = dict(p.split(" ") for p in lines["decade"].split(": ", 1)[1].split(", "))
    assert {k: int(v) for k, v in shown.items()} == decades
    assert list(shown) == sorted(shown)


def test_missing_data_file_exits_2(package_copy: Path) -> None:
    descriptor = json.loads(package_copy.read_text(encoding="utf-8"))
    first = descriptor["resources"][0]["path"]
    (package_copy.parent / first).unlink()
    result = _cli("info", package_copy)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and first.split("/")[-1] in lines[0]


def test_value_outside_an_enum_exits_1_not_a_traceback(package_copy: Path) -> None:
    # The loader refuses to turn a bad category into NA; `info` reports it as bad data.
    from conftest import repin

    descriptor = json.loads(package_copy.read_text(encoding="utf-8"))
    events = next(r for r in descriptor["resources"] if r["name"] == "events")
    field = next(f for f in events["schema"]["fields"]
                 if f.get("constraints", {}).get("required") and f["constraints"].get("enum"))
    csv_path = package_copy.parent / events["path"]
    import pandas as pd

    frame = pd.read_csv(csv_path, dtype=str, keep_default_na=False)
    frame.loc[0, field["name"]] = "not-a-listed-value"
    frame.to_csv(csv_path, index=False)
    repin(package_copy)
    result = _cli("info", package_copy)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    assert field["name"] in result.stderr and "not-a-listed-value" in result.stderr


# --- the clone's scripts -------------------------------------------------------------


def test_scripts_check_runs_from_the_clone(tmp_path: Path) -> None:
    result = _run(SCRIPTS / "check.py", cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "valid" in result.stdout
    # The scripts run the clone's code and data, even where the package is installed.
    probe = _run("-c", "import _bootstrap, russia_panama_timeline as r; "
                 "print(r.__file__); print(r.DATAPACKAGE)", cwd=SCRIPTS)
    assert probe.returncode == 0, probe.stderr
    module, descriptor = probe.stdout.splitlines()
    assert Path(module).is_relative_to(REPO / "src")
    assert Path(descriptor) == REPO / "datapackage.json"


def test_scripts_check_takes_a_descriptor(package_copy: Path, tmp_path: Path) -> None:
    assert _run(SCRIPTS / "check.py", package_copy, cwd=tmp_path).returncode == 0
    missing = _run(SCRIPTS / "check.py", tmp_path / "nowhere.json", cwd=tmp_path)
    assert missing.returncode == 2
    assert "Traceback" not in missing.stderr


@pytest.mark.parametrize("script", ["check.py", "build_parquet.py"])
def test_scripts_have_help(script: str) -> None:
    result = _run(SCRIPTS / script, "--help")
    assert result.returncode == 0, result.stderr
    assert "usage:" in result.stdout


def test_scripts_build_parquet_matches_the_build_command(
    package_copy: Path, tmp_path: Path
) -> None:
    # The script is a thin entry point: whatever `build` does (today it says it is not
    # built yet and exits 2), the script does the same, with no traceback.
    by_script = _run(SCRIPTS / "build_parquet.py", package_copy, "--out", tmp_path / "a",
                     cwd=tmp_path)
    by_cli = _cli("build", package_copy, "--out", tmp_path / "b", cwd=tmp_path)
    assert "Traceback" not in by_script.stderr
    assert by_script.returncode == by_cli.returncode
    assert by_script.returncode in (0, 2)
    made_a = sorted(p.relative_to(tmp_path / "a") for p in (tmp_path / "a").rglob("*"))
    made_b = sorted(p.relative_to(tmp_path / "b") for p in (tmp_path / "b").rglob("*"))
    assert made_a == made_b
    if by_script.returncode == 0:
        assert made_a, "a successful build writes files"
    else:
        assert not made_a, "a build that fails writes nothing"
