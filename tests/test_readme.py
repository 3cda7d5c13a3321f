"""The README stays true: its data dictionary matches datapackage.json, its Quickstart
has exactly the two commands, and CI runs the test command the README shows.

The dictionary is parsed back from the README here and compared with the descriptor
field by field, so these tests do not merely trust the generator's own output.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[1]
README = REPO / "README.md"
DESCRIPTOR = REPO / "datapackage.json"
GENERATOR = REPO / "scripts" / "gen_readme.py"
START, END = "<!-- section: data-dictionary -->", "<!-- /section: data-dictionary -->"


def _generate(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(GENERATOR), *map(str, args)],
        capture_output=True, text=True, check=False,
    )


def _descriptor() -> dict[str, Any]:
    return json.loads(DESCRIPTOR.read_text(encoding="utf-8"))


def _section(text: str) -> str:
    assert text.count(START) == 1 and text.count(END) == 1
    return text[text.index(START) + len(START): text.index(END)]


def _unquote(cell: str) -> str:
    """A table cell back to plain text: pipes unescaped, an outer code span removed."""
    cell = cell.strip().replace("\\|", "|")
    m = re.fullmatch(r"(`+) ?(.*?) ?\1", cell)
    return m.group(2) if m else cell


def _rows(block: str) -> list[list[str]]:
    """The body rows of the first Markdown table in ``block``, cells split on bare pipes."""
    rows = []
    for line in block.splitlines():
        if not line.startswith("|"):
            if rows:
                break
            continue
        cells = [c.strip() for c in re.split(r"(?<!\\)\|", line)[1:-1]]
        if all(set(c) <= set("-: ") for c in cells):
            continue
        rows.append(cells)
    return rows[1:]  # drop the header row


def _subsection(section: str, heading: str) -> str:
    """The text under a heading line (up to the next heading of any level)."""
    lines = section.splitlines()
    idx = next(i for i, line in enumerate(lines) if line == heading)
    out = []
    for line in lines[idx + 1:]:
        if line.startswith("#"):
            break
        out.append(line)
    return "\n".join(out)


def _norm(text: str) -> str:
    return " ".join(str(text).split())


# --- the data dictionary ------------------------------------------------------------


def test_data_dictionary_is_current() -> None:
    result = _generate("--check")
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("resource", [r["name"] for r in _descriptor()["resources"]])
def test_every_field_is_documented(resource: str) -> None:
    res = next(r for r in _descriptor()["resources"] if r["name"] == resource)
    section = _section(README.read_text(encoding="utf-8"))
    heading = next(line for line in section.splitlines()
                   if line.startswith(f"### `{resource}`"))
    block = _subsection(section, heading)
    rows = _rows(block)
    schema_fields = res["schema"]["fields"]
    assert [_unquote(r[0]) for r in rows] == [f["name"] for f in schema_fields]
    for row, field in zip(rows, schema_fields, strict=True):
        _, ftype, constraints, title, description = row
        assert ftype.split(" ")[0] == field["type"], field["name"]
        assert _norm(title) == _norm(field.get("title", "")), field["name"]
        assert _norm(description.replace("\\|", "|")) == _norm(field["description"])
        c = field.get("constraints", {})
        text = constraints.replace("\\|", "|")
        assert ("required" in text) == bool(c.get("required")), field["name"]
        assert ("unique" in text) == bool(c.get("unique")), field["name"]
        if "pattern" in c:
            assert f"`{c['pattern']}`" in text, field["name"]
        for key in ("maxLength", "minimum", "maximum"):
            if key in c:
                number = re.escape(str(c[key]))
                assert re.search(rf"(?<![\d.]){number}(?![\d.])", text), (field["name"], key)
        if "enum" in c:
            assert f"{len(c['enum'])} values" in text, field["name"]
    facts = _norm(block)
    pk = res["schema"].get("primaryKey")
    assert f"Primary key: {', '.join(f'`{k}`' for k in pk)}" in facts
    for fk in res["schema"].get("foreignKeys", []):
        target = fk["reference"].get("resource", resource)
        refs = ", ".join(f"`{target}.{f}`" for f in fk["reference"]["fields"])
        own = ", ".join(f"`{f}`" for f in fk["fields"])
        assert f"Foreign key: {own} → {refs}" in facts


def test_every_vocabulary_is_documented() -> None:
    section = _section(README.read_text(encoding="utf-8"))
    headings = [line for line in section.splitlines() if line.startswith("#### ")]
    enum_fields = [
        (res["name"], f)
        for res in _descriptor()["resources"]
        for f in res["schema"]["fields"]
        if f.get("constraints", {}).get("enum")
    ]
    assert enum_fields, "the schema has controlled vocabularies to document"
    for resource, field in enum_fields:
        qualified = f"`{resource}.{field['name']}`"
        heading = next((h for h in headings if qualified in h), None)
        assert heading, f"no vocabulary table for {qualified}"
        documented = {_unquote(v): _norm(label)
                      for v, label in _rows(_subsection(section, heading))}
        labels = {c["value"]: _norm(c["label"]) for c in field["categories"]}
        assert list(documented) == field["constraints"]["enum"], qualified
        assert documented == {v: labels[v] for v in field["constraints"]["enum"]}, qualified


# --- the generator catches drift and writes in place -------------------------------


@pytest.fixture
def readme_copy(tmp_path: Path) -> tuple[Path, Path]:
    shutil.copy2(README, tmp_path / "README.md")
    shutil.copy2(DESCRIPTOR, tmp_path / "datapackage.json")
    return tmp_path / "README.md", tmp_path / "datapackage.json"


def test_check_fails_when_the_schema_changes(readme_copy: tuple[Path, Path]) -> None:
    readme, descriptor = readme_copy
    data = json.loads(descriptor.read_text(encoding="utf-8"))
    field = data["resources"][-1]["schema"]["fields"][-1]
    field["description"] = "A description changed after the README was generated."
    descriptor.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
    before = readme.read_bytes()

    drift = _generate("--check", "--readme", readme, "--datapackage", descriptor)
    assert drift.returncode == 1
    assert drift.stdout.splitlines()[0] == "README.md: out of date"
    assert "run `python scripts/gen_readme.py`" in drift.stderr
    assert readme.read_bytes() == before, "--check must not write"

    written = _generate("--readme", readme, "--datapackage", descriptor)
    assert written.returncode == 0, written.stderr
    after = readme.read_text(encoding="utf-8")
    assert "A description changed after the README was generated." in _section(after)
    old = before.decode("utf-8")
    # Only the data-dictionary section changed; the rest is byte for byte the same.
    assert after[: after.index(START)] == old[: old.index(START)]
    assert after[after.index(END):] == old[old.index(END):]
    assert _generate("--check", "--readme", readme, "--datapackage", descriptor).returncode == 0
    assert not list(readme.parent.glob(".README.md.*")), "no temporary file left behind"


def test_check_fails_when_the_readme_is_edited(readme_copy: tuple[Path, Path]) -> None:
    readme, descriptor = readme_copy
    text = readme.read_text(encoding="utf-8")
    first_row = next(line for line in _section(text).splitlines() if line.startswith("| `"))
    readme.write_text(text.replace(first_row + "\n", "", 1), encoding="utf-8")
    result = _generate("--check", "--readme", readme, "--datapackage", descriptor)
    assert result.returncode == 1


def test_readme_without_the_section_is_a_usage_error(readme_copy: tuple[Path, Path]) -> None:
    readme, descriptor = readme_copy
    readme.write_text("# A README without the section\n", encoding="utf-8")
    result = _generate("--readme", readme, "--datapackage", descriptor)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert readme.read_text(encoding="utf-8") == "# A README without the section\n"


def test_unreadable_descriptor_is_a_usage_error(readme_copy: tuple[Path, Path]) -> None:
    readme, descriptor = readme_copy
    descriptor.write_text("{not json", encoding="utf-8")
    result = _generate("--check", "--readme", readme, "--datapackage", descriptor)
    assert result.returncode == 2
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.stderr


# --- Quickstart and CI -------------------------------------------------------------


def _quickstart() -> str:
    text = README.read_text(encoding="utf-8")
    start = text.index("\n## Quickstart\n")
    end = text.index("\n## ", start + 1)
    return text[start:end]


def _fenced_blocks(text: str) -> list[str]:
    return re.findall(r"^```[^\n]*\n(.*?)^```", text, flags=re.MULTILINE | re.DOTALL)


def test_quickstart_has_exactly_two_commands() -> None:
    blocks = _fenced_blocks(_quickstart())
    assert len(blocks) == 2
    commands = [b.strip() for b in blocks]
    assert all(c and "\n" not in c for c in commands), "each block is one command line"
    main_job, tests = commands
    # The first installs (not editable) and runs the main job: check, then build.
    assert re.search(r"pip install \.(\s|$)", main_job) and " -e " not in main_job
    assert main_job.index(" check") < main_job.index(" build")
    # The second installs the test extra and runs pytest.
    assert '".[test]"' in tests and "pytest" in tests


def test_ci_runs_the_readme_test_command() -> None:
    result = subprocess.run(
        ["bash", str(REPO / ".ci" / "run"), "--print-command"],
        capture_output=True, text=True, check=False, cwd=REPO,
    )
    assert result.returncode == 0, result.stderr
    test_command = _fenced_blocks(_quickstart())[1].strip()
    assert result.stdout.strip() == test_command
    # And the marker CI looks for sits right before that command's fence.
    quickstart = _quickstart()
    marker = quickstart.index("<!-- test-command")
    assert quickstart.index(test_command) > marker > quickstart.index(
        _fenced_blocks(quickstart)[0].strip()
    )
