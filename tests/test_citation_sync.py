"""One version and one title everywhere, and no committed citation file out of date.

datapackage.json is the single source: pyproject.toml reads the version from it
(hatch's regex), the package's ``__version__`` reads it at run time, and CITATION.cff,
.zenodo.json and docs/dataset.jsonld are generated from it by scripts/gen_citation.py.
These tests fail when any copy has drifted; the fix is always to edit the descriptor
and re-run the generator (or reinstall, for the distribution's metadata).
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import tomllib
from importlib.metadata import version as dist_version
from pathlib import Path
from typing import Any

import pytest
import yaml

import russia_panama_timeline as rpt
from russia_panama_timeline.cli import main
from russia_panama_timeline.generate import stale
from russia_panama_timeline.generate.citation import citation_outputs

REPO = Path(__file__).resolve().parents[1]
GENERATOR = REPO / "scripts" / "gen_citation.py"
GENERATED = ["CITATION.cff", ".zenodo.json", "docs/dataset.jsonld"]


@pytest.fixture(scope="module")
def descriptor() -> dict[str, Any]:
    return json.loads((REPO / "datapackage.json").read_text(encoding="utf-8"))


def test_installed_distribution_has_the_descriptor_version(descriptor: dict[str, Any]) -> None:
    assert dist_version("russia-panama-timeline") == descriptor["version"], (
        "the installed distribution's version differs from datapackage.json: reinstall"
    )
    installed = json.loads(Path(rpt.DATAPACKAGE).read_text(encoding="utf-8"))
    assert installed["version"] == descriptor["version"]


def test_package_version_is_the_descriptor_version(descriptor: dict[str, Any]) -> None:
    assert rpt.__version__ == descriptor["version"]


def test_cli_version_is_the_descriptor_version(
    descriptor: dict[str, Any], capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["--version"])
    assert exit_.value.code == 0
    assert capsys.readouterr().out.split() == ["russia-panama-timeline", descriptor["version"]]


def test_pyproject_takes_its_version_from_the_descriptor(descriptor: dict[str, Any]) -> None:
    pyproject = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    assert "version" not in pyproject["project"]
    assert "version" in pyproject["project"]["dynamic"]
    source = pyproject["tool"]["hatch"]["version"]
    assert source["path"] == "datapackage.json"
    # hatch takes the first match in the file: it must be the top-level version
    match = re.search(source["pattern"], (REPO / source["path"]).read_text(encoding="utf-8"))
    assert match is not None and match["version"] == descriptor["version"]


def test_committed_citation_files_match_the_generator() -> None:
    outputs = citation_outputs(REPO / "datapackage.json")
    assert sorted(outputs) == sorted(REPO / rel for rel in GENERATED)
    assert not stale(outputs), (
        "out of date with datapackage.json or the data: run scripts/gen_citation.py"
    )


def test_one_title_and_version_in_every_citation_file(descriptor: dict[str, Any]) -> None:
    cff = yaml.safe_load((REPO / "CITATION.cff").read_text(encoding="utf-8"))
    zenodo = json.loads((REPO / ".zenodo.json").read_text(encoding="utf-8"))
    jsonld = json.loads((REPO / "docs/dataset.jsonld").read_text(encoding="utf-8"))
    assert cff["title"] == zenodo["title"] == jsonld["name"] == descriptor["title"]
    assert cff["version"] == zenodo["version"] == jsonld["version"] == descriptor["version"]
    assert cff["keywords"] == zenodo["keywords"] == jsonld["keywords"] == descriptor["keywords"]
    assert cff["abstract"] == jsonld["description"] == descriptor["description"]


def test_changelog_records_the_current_version(descriptor: dict[str, Any]) -> None:
    changelog = (REPO / "CHANGELOG.md").read_text(encoding="utf-8")
    assert "## [Unreleased]" in changelog
    heading = f"## [{descriptor['version']}] - {descriptor['created'][:10]}"
    assert heading in changelog.splitlines(), (
        f"CHANGELOG.md has no {heading!r}: move the Unreleased entries under the new version"
    )


def _run_generator(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, str(GENERATOR), *args],
                          capture_output=True, text=True, check=False)


def test_generator_writes_checks_and_follows_the_descriptor(package_copy: Path) -> None:
    root = package_copy.parent
    assert _run_generator(str(package_copy), "--check").returncode == 1  # nothing there yet
    done = _run_generator(str(package_copy))
    assert done.returncode == 0, done.stderr
    for rel in GENERATED:
        assert (root / rel).is_file()
    assert _run_generator(str(package_copy), "--check").returncode == 0

    desc = json.loads(package_copy.read_text(encoding="utf-8"))
    desc["version"] = "4.5.6"
    package_copy.write_text(json.dumps(desc, ensure_ascii=False), encoding="utf-8")
    before = {rel: (root / rel).read_bytes() for rel in GENERATED}
    stale = _run_generator(str(package_copy), "--check")
    assert stale.returncode == 1
    assert set(stale.stdout.splitlines()) == {f"{rel}: out of date" for rel in GENERATED}
    assert {rel: (root / rel).read_bytes() for rel in GENERATED} == before  # --check wrote nothing

    assert _run_generator(str(package_copy)).returncode == 0
    cff = yaml.safe_load((root / "CITATION.cff").read_text(encoding="utf-8"))
    zenodo = json.loads((root / ".zenodo.json").read_text(encoding="utf-8"))
    jsonld = json.loads((root / "docs/dataset.jsonld").read_text(encoding="utf-8"))
    assert cff["version"] == zenodo["version"] == jsonld["version"] == "4.5.6"
    assert not [p.name for p in root.rglob(".*.tmp")]  # no temporary files left behind


def test_generator_reports_an_unreadable_descriptor(tmp_path: Path) -> None:
    bad = tmp_path / "datapackage.json"
    bad.write_text("{not json", encoding="utf-8")
    done = _run_generator(str(bad))
    assert done.returncode == 2
    assert "error:" in done.stderr and "Traceback" not in done.stderr
    assert not (tmp_path / "CITATION.cff").exists()
