"""Each standard's own JSON Schema: the Data Package 2.0 profile and Zenodo's deposit schema.

The reference schemas are read from ``../shared/schemas`` beside the repository (CI has
``shared/`` beside the clone). The checker validates against its own copy shipped in
the package, so ``check`` reports profile violations for users too; a test keeps that
copy identical to the reference.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from russia_panama_timeline.checker import check_package
from russia_panama_timeline.cli import main

REPO = Path(__file__).resolve().parents[1]
SHARED_SCHEMAS = REPO.parent / "shared" / "schemas"
IN_PACKAGE = REPO / "src" / "russia_panama_timeline" / "schemas"
DP_SCHEMA = "data-package-2.0.schema.json"
ZENODO_SCHEMA = "zenodo-metadata-0.3.0.schema.json"
V2_RESOURCE = "https://datapackage.org/profiles/2.0/dataresource.json"


def _json(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


def _reference(name: str) -> dict[str, Any]:
    path = SHARED_SCHEMAS / name
    if not path.is_file():
        if os.environ.get("CI"):
            pytest.fail(f"{path} is missing: CI must have shared/ beside the clone")
        pytest.skip(f"{path} is not here (shared/ is not beside this clone)")
    return _json(path)


def _errors(schema: dict[str, Any], document: Any) -> list[str]:
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}"
            for e in cls(schema).iter_errors(document)]


def test_datapackage_is_valid_data_package_2_0() -> None:
    assert _errors(_reference(DP_SCHEMA), _json(REPO / "datapackage.json")) == []


def test_every_resource_declares_its_own_profile() -> None:
    descriptor = _json(REPO / "datapackage.json")
    assert descriptor["resources"]
    for res in descriptor["resources"]:
        assert res.get("$schema") == V2_RESOURCE, res["name"]


def test_zenodo_metadata_is_valid_against_the_deposit_schema() -> None:
    zenodo = _json(REPO / ".zenodo.json")
    assert _errors(_reference(ZENODO_SCHEMA), zenodo) == []
    assert zenodo["license"] == "CC-BY-4.0"  # an SPDX id, as the schema's enum spells it


def test_the_schemas_catch_what_they_should() -> None:
    """The validation above can fail: the defects issue 13 names are rejected."""
    descriptor = _json(REPO / "datapackage.json")
    descriptor["contributors"][0]["roles"] = "creator"
    assert any(e.startswith("contributors/0/roles:")
               for e in _errors(_reference(DP_SCHEMA), descriptor))
    zenodo = _json(REPO / ".zenodo.json")
    zenodo["license"] = "cc-by-4.0"
    assert any(e.startswith("license:") for e in _errors(_reference(ZENODO_SCHEMA), zenodo))


def test_the_checker_ships_the_reference_profile() -> None:
    from importlib import resources

    reference = _reference(DP_SCHEMA)
    installed = resources.files("russia_panama_timeline.schemas").joinpath(DP_SCHEMA)
    assert json.loads(installed.read_text(encoding="utf-8")) == reference
    assert _json(IN_PACKAGE / DP_SCHEMA) == reference


def test_check_reports_a_profile_violation(
    package_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``frictionless validate`` passes ``roles`` written as a string; ``check`` does not."""
    descriptor = _json(package_copy)
    descriptor["contributors"][0]["roles"] = "creator"
    package_copy.write_text(json.dumps(descriptor, ensure_ascii=False, indent=2) + "\n",
                            encoding="utf-8")
    report = check_package(package_copy)
    assert not report.valid
    (finding,) = [f for f in report.findings if f.code == "profile"]
    assert finding.file == "datapackage.json"
    assert finding.field == "contributors[0].roles"
    assert "not of type array" in finding.message
    assert main(["check", str(package_copy)]) == 1
    out = capsys.readouterr().out
    assert "datapackage.json: contributors[0].roles: " in out and "[profile]" in out


@pytest.mark.parametrize(("edit", "field", "words"), [
    (lambda d: d["contributors"][0].update(roles=[]), "contributors[0].roles", "minItems 1"),
    (lambda d: d["sources"][0].update(title=3), "sources[0].title", "not of type string"),
    (lambda d: d["licenses"][0].update(path=7), "licenses[0].path", "not of type string"),
    (lambda d: d.update(keywords="timeline"), "keywords", "not of type array"),
])
def test_check_names_the_json_path_of_each_violation(
    edit: Any, field: str, words: str, package_copy: Path
) -> None:
    descriptor = _json(package_copy)
    edit(descriptor)
    package_copy.write_text(json.dumps(descriptor, ensure_ascii=False, indent=2) + "\n",
                            encoding="utf-8")
    report = check_package(package_copy)
    found = [f for f in report.findings if f.code == "profile" and f.field == field]
    assert found and words in found[0].message, [str(f) for f in report.findings]


def test_check_reports_a_resource_without_its_profile(package_copy: Path) -> None:
    descriptor = _json(package_copy)
    del descriptor["resources"][1]["$schema"]
    package_copy.write_text(json.dumps(descriptor, ensure_ascii=False, indent=2) + "\n",
                            encoding="utf-8")
    name = descriptor["resources"][1]["name"]
    findings = [f for f in check_package(package_copy).findings
                if f.field == f"{name}.$schema"]
    assert len(findings) == 1 and V2_RESOURCE in findings[0].message
