"""The reference pages stay true: the data dictionary in docs/ matches datapackage.json,
the generator catches drift, and the wheel and the site carry every page.

The dictionary is parsed back from docs/data-dictionary.md here and compared with the
descriptor field by field, so these tests do not merely trust the generator's own output.
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
DOCS = REPO / "docs"
DICTIONARY = DOCS / "data-dictionary.md"
DESCRIPTOR = REPO / "datapackage.json"
GENERATOR = REPO / "scripts" / "gen_docs.py"
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


# --- the data dictionary in docs/ --------------------------------------------------------


def test_data_dictionary_is_current() -> None:
    result = _generate("--check")
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("resource", [r["name"] for r in _descriptor()["resources"]])
def test_every_field_is_documented(resource: str) -> None:
    res = next(r for r in _descriptor()["resources"] if r["name"] == resource)
    section = _section(DICTIONARY.read_text(encoding="utf-8"))
    heading = next(line for line in section.splitlines()
                   if line.startswith(f"## `{resource}`"))
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
    section = _section(DICTIONARY.read_text(encoding="utf-8"))
    headings = [line for line in section.splitlines() if line.startswith("### ")]
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
def docs_copy(tmp_path: Path) -> tuple[Path, Path]:
    """A copy of docs/ (returned as its data dictionary page) and of the descriptor."""
    shutil.copytree(DOCS, tmp_path / "docs")
    shutil.copy2(DESCRIPTOR, tmp_path / "datapackage.json")
    return tmp_path / "docs" / "data-dictionary.md", tmp_path / "datapackage.json"


def test_check_fails_when_the_schema_changes(docs_copy: tuple[Path, Path]) -> None:
    page, descriptor = docs_copy
    data = json.loads(descriptor.read_text(encoding="utf-8"))
    field = data["resources"][-1]["schema"]["fields"][-1]
    field["description"] = "A description changed after the page was generated."
    descriptor.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
    before = page.read_bytes()

    drift = _generate("--check", "--docs", page.parent, "--datapackage", descriptor)
    assert drift.returncode == 1
    assert drift.stdout.splitlines()[0] == "data-dictionary.md: out of date"
    assert "run `python scripts/gen_docs.py`" in drift.stderr
    assert page.read_bytes() == before, "--check must not write"

    written = _generate("--docs", page.parent, "--datapackage", descriptor)
    assert written.returncode == 0, written.stderr
    after = page.read_text(encoding="utf-8")
    assert "A description changed after the page was generated." in _section(after)
    old = before.decode("utf-8")
    # Only the data-dictionary section changed; the rest is byte for byte the same.
    assert after[: after.index(START)] == old[: old.index(START)]
    assert after[after.index(END):] == old[old.index(END):]
    assert _generate("--check", "--docs", page.parent, "--datapackage", descriptor).returncode == 0
    assert not list(page.parent.glob(".data-dictionary.md.*")), "no temporary file left"


def test_check_fails_when_the_page_is_edited(docs_copy: tuple[Path, Path]) -> None:
    page, descriptor = docs_copy
    text = page.read_text(encoding="utf-8")
    first_row = next(line for line in _section(text).splitlines() if line.startswith("| `"))
    page.write_text(text.replace(first_row + "\n", "", 1), encoding="utf-8")
    result = _generate("--check", "--docs", page.parent, "--datapackage", descriptor)
    assert result.returncode == 1


def test_page_without_the_section_is_a_usage_error(docs_copy: tuple[Path, Path]) -> None:
    page, descriptor = docs_copy
    page.write_text("# A page without the section\n", encoding="utf-8")
    result = _generate("--docs", page.parent, "--datapackage", descriptor)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert page.read_text(encoding="utf-8") == "# A page without the section\n"


def test_unreadable_descriptor_is_a_usage_error(docs_copy: tuple[Path, Path]) -> None:
    page, descriptor = docs_copy
    descriptor.write_text("{not json", encoding="utf-8")
    result = _generate("--check", "--docs", page.parent, "--datapackage", descriptor)
    assert result.returncode == 2
    # Every generator names the descriptor it read on its first line; the error is one line.
    lines = result.stderr.strip().splitlines()
    assert lines[0].startswith("descriptor: ")
    assert len(lines) == 2 and lines[1].startswith("error: ")
    assert "Traceback" not in result.stderr


# --- the pages are linked, shipped and rendered ----------------------------------------


def _pages() -> list[str]:
    return sorted(p.name for p in DOCS.glob("*.md"))


def test_the_reference_pages_are_in_docs_not_in_the_readme() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert {"data-dictionary.md", "checking.md", "parquet.md", "cli.md"} <= set(_pages())
    for section in ("data-dictionary", "finding-codes"):
        assert f"<!-- section: {section} -->" not in readme
    assert len(readme.splitlines()) < 250  # a landing page, not the manual


def test_readme_links_every_page_and_every_link_resolves() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    for name in _pages():
        assert f"](docs/{name})" in readme, f"the README does not link docs/{name}"
    documents = [REPO / "README.md", *(DOCS / name for name in _pages())]
    for doc in documents:
        text = doc.read_text(encoding="utf-8")
        for target in re.findall(r"\]\(([^)\s]+)\)", text):
            if re.match(r"^[a-z][a-z0-9+.-]*:|^#", target):
                continue
            path = (doc.parent / target.partition("#")[0]).resolve()
            assert path.exists(), f"{doc.name}: link to {target} leads nowhere"


def test_the_wheel_carries_every_page() -> None:
    """The site renders the pages from the installed package, so pyproject.toml
    force-includes each of them beside datapackage.json."""
    import tomllib

    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    included = project["tool"]["hatch"]["build"]["targets"]["wheel"]["force-include"]
    shipped = {src for src, dest in included.items()
               if src.startswith("docs/") and dest == f"russia_panama_timeline/{src}"}
    assert shipped == {f"docs/{name}" for name in _pages()}
