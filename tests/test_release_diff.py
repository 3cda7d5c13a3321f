"""Every release records its diff: the changelog's *Data* sections, docs/changes.md (the
site's "What changed in this version") and scripts/release_diff.py that writes both.

The 0.2.0 section is held to the repository's history read here with git and the csv
module (ids added and removed, rows whose cells differ), not only to what the script
writes again. Reading the history needs the clone's git objects: without them the
tests skip, except in CI, where they fail.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import REPO, repin

from russia_panama_timeline.generate.changes import NOTE, materialise, render_section

CHANGELOG = REPO / "CHANGELOG.md"
PAGE = REPO / "docs" / "changes.md"
SCRIPT = REPO / "scripts" / "release_diff.py"
RELEASES = {"0.1.0": "ffcd7d7", "0.2.0": "6cfb30a"}  # the release commits (tags v0.1.0, v0.2.0)


def _git(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["git", "-C", str(REPO), *args], capture_output=True, text=True,
                          check=False)


@pytest.fixture(scope="module")
def history() -> None:
    if any(_git("cat-file", "-e", f"{c}^{{commit}}").returncode for c in RELEASES.values()):
        if os.environ.get("CI"):
            pytest.fail("the release commits are not in this clone's history")
        pytest.skip("not a clone with the release commits (a source distribution?)")


def _script(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, str(SCRIPT), *map(str, args)],
                          capture_output=True, text=True, check=False)


def _section(text: str, version: str) -> str:
    start = f"<!-- section: data-diff-{version} -->\n"
    end = f"<!-- /section: data-diff-{version} -->\n"
    assert text.count(start) == 1 and text.count(end) == 1, version
    return text[text.index(start): text.index(end) + len(end)]


def _entry(text: str, version: str) -> str:
    start = text.index(f"## [{version}]")
    following = text.find("\n## [", start + 1)
    return text[start: following if following >= 0 else len(text)]


# --- 0.1.0 -> 0.2.0, against the history -------------------------------------------------------


def _table(commit: str, path: str) -> list[dict[str, str]]:
    shown = _git("show", f"{commit}:{path}")
    assert shown.returncode == 0, shown.stderr
    return list(csv.DictReader(io.StringIO(shown.stdout, newline="")))


def _keys_and_rows(commit: str) -> dict[str, dict[tuple[str, ...], dict[str, str]]]:
    descriptor = json.loads(_git("show", f"{commit}:datapackage.json").stdout)
    out = {}
    for res in descriptor["resources"]:
        key = res["schema"]["primaryKey"]
        key = [key] if isinstance(key, str) else key
        out[res["name"]] = {tuple(r[k] for k in key): r for r in _table(commit, res["path"])}
    return out


def _counts(section: str) -> dict[str, tuple[int, int, int]]:
    rows = re.findall(r"^\| `([a-z_]+)`(?: \(new\))? \| (\d+) \| (\d+) \| (\d+) \|$", section,
                      flags=re.M)
    return {name: (int(a), int(r), int(c)) for name, a, r, c in rows}


def test_the_0_2_0_entry_records_what_the_history_shows(history: None) -> None:
    section = _section(_entry(CHANGELOG.read_text(encoding="utf-8"), "0.2.0"), "0.2.0")
    old, new = _keys_and_rows(RELEASES["0.1.0"]), _keys_and_rows(RELEASES["0.2.0"])
    assert len(old["events"]) == 48 and len(old["event_sources"]) == 82
    expected = {}
    for name, rows in new.items():
        before = old.get(name, {})
        common = [k for k in rows if k in before]
        changed = [k for k in common
                   if any(rows[k][f] != before[k][f] for f in rows[k] if f in before[k])]
        expected[name] = (len(set(rows) - set(before)), len(set(before) - set(rows)),
                          len(changed))
    assert _counts(section) == expected
    assert expected["events"][:2] == (101, 0)
    # Each id added and removed is named.
    events = section[section.index("#### `events`"):]
    added = re.search(r"Added \(101\): (.*?)\.\n", events, flags=re.S)
    assert added is not None
    assert re.findall(r"`([^`]+)`", added[1]) == [
        k[0] for k in new["events"] if k not in old["events"]]
    assert "Removed (1): `owiki-colon-free-trade-zone`." in section


def test_every_recorded_section_is_what_diff_writes(history: None) -> None:
    text = CHANGELOG.read_text(encoding="utf-8")
    notes = NOTE.findall(text)
    assert ("0.1.0", "0.2.0") in [(n[1], n[3]) for n in notes]
    for old_ref, _, new_ref, new_version in notes:
        with materialise(old_ref, REPO) as old, materialise(new_ref, REPO) as new:
            version, section = render_section(old, new)
        assert version == new_version
        assert _section(_entry(text, version), version) == section


def test_the_script_finds_the_pages_and_changelog_current(history: None) -> None:
    version = json.loads((REPO / "datapackage.json").read_text(encoding="utf-8"))["version"]
    note = NOTE.search(_section(PAGE.read_text(encoding="utf-8"), version))
    assert note is not None
    result = _script(note[1], note[3], "--check")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "up to date" in result.stdout


# --- the page ------------------------------------------------------------------------------------


def test_the_page_is_this_versions_section() -> None:
    """docs/changes.md is the current version's diff, the same as its changelog entry's:
    a release that bumps the version without writing its diff fails here."""
    version = json.loads((REPO / "datapackage.json").read_text(encoding="utf-8"))["version"]
    page = PAGE.read_text(encoding="utf-8")
    assert page.startswith("# What changed in this version\n")
    entry = _entry(CHANGELOG.read_text(encoding="utf-8"), version)
    assert _section(page, version) == _section(entry, version)


def test_every_reference_page_has_the_same_links_line() -> None:
    """The page links the others, and they link it, with one line of links."""
    lines = {page.name: page.read_text(encoding="utf-8").splitlines()[2]
             for page in sorted((REPO / "docs").glob("*.md"))}
    assert "[What changed](changes.md)" in lines["changes.md"]
    assert len(set(lines.values())) == 1, lines


def test_the_site_renders_the_page() -> None:
    from russia_panama_timeline.site.docs import read_shipped, render_page

    pages = dict(read_shipped())
    assert "changes" in pages
    title, body = render_page(pages["changes"], set(pages), set())
    assert title == "What changed in this version"
    assert "<th>Resource</th>" in body and 'href="cli.html"' in body


# --- the script, on folders ----------------------------------------------------------------------


@pytest.fixture
def release(tmp_path: Path, installed_datapackage: Path) -> tuple[Path, Path, Path]:
    """(old folder, new folder with version 9.9.9 and one title changed, a changelog)."""
    old, new = tmp_path / "old", tmp_path / "new"
    for dest in (old, new):
        dest.mkdir()
        shutil.copy2(installed_datapackage, dest / "datapackage.json")
        shutil.copytree(installed_datapackage.parent / "data", dest / "data")
    descriptor = json.loads((new / "datapackage.json").read_text(encoding="utf-8"))
    descriptor["version"] = "9.9.9"
    (new / "datapackage.json").write_text(json.dumps(descriptor, indent=2), encoding="utf-8")
    path = new / "data" / "events.csv"
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"), newline="")))
    rows[1][rows[0].index("title")] = "A title changed by the release"
    with open(path, "w", encoding="utf-8", newline="") as fh:
        csv.writer(fh, lineterminator="\n").writerows(rows)
    repin(new / "datapackage.json")
    changelog = tmp_path / "CHANGELOG.md"
    changelog.write_text("# Changelog\n\n## [Unreleased]\n\n## [9.9.9] - 2099-01-01\n\n"
                         "### Changed\n\n- A title.\n\n## [0.2.0] - 2026-12-01\n\nOlder.\n",
                         encoding="utf-8")
    return old, new, changelog


def test_the_script_writes_the_section_and_the_page(release: tuple[Path, Path, Path]) -> None:
    old, new, changelog = release
    page = changelog.parent / "docs" / "changes.md"
    args = [old, new, "--changelog", changelog, "--page", page]
    assert _script(*args, "--check").returncode == 1
    written = _script(*args, "--write")
    assert written.returncode == 0, written.stderr
    text = changelog.read_text(encoding="utf-8")
    entry = _entry(text, "9.9.9")
    assert entry.startswith("## [9.9.9] - 2099-01-01\n\n### Changed\n\n- A title.\n\n"
                            "<!-- section: data-diff-9.9.9 -->\n")
    assert text.endswith("<!-- /section: data-diff-9.9.9 -->\n\n## [0.2.0] - 2026-12-01\n\n"
                         "Older.\n")
    section = _section(entry, "9.9.9")
    assert "| `events` | 0 | 0 | 1 |" in section
    assert "`version` `0.2.0` → `9.9.9`" in section or "→ `9.9.9`" in section
    assert "from folder (" in section
    assert _section(page.read_text(encoding="utf-8"), "9.9.9") == section
    printed = _script(old, new)
    assert printed.stdout == section

    # Again: nothing to change. An edited section is out of date, and written back.
    assert _script(*args, "--check").returncode == 0
    before = changelog.read_bytes()
    assert _script(*args, "--write").stdout.strip() == "the release diff: up to date"
    assert changelog.read_bytes() == before
    changelog.write_text(text.replace("| `events` | 0 | 0 | 1 |", "| `events` | 0 | 0 | 2 |"),
                         encoding="utf-8")
    stale = _script(*args, "--check")
    assert stale.returncode == 1
    assert f"{changelog}: out of date" in stale.stdout
    assert _script(*args, "--write").returncode == 0
    assert changelog.read_bytes() == before


def test_the_script_refuses_what_it_cannot_use(release: tuple[Path, Path, Path]) -> None:
    old, new, changelog = release
    changelog.write_text("# Changelog\n\n## [0.2.0] - 2026-12-01\n", encoding="utf-8")
    no_entry = _script(old, new, "--write", "--changelog", changelog,
                       "--page", changelog.parent / "page.md")
    assert no_entry.returncode == 2
    assert "no entry '## [9.9.9]'" in no_entry.stderr
    assert not (changelog.parent / "page.md").exists()
    no_ref = _script(old, "not-a-ref-or-folder")
    assert no_ref.returncode == 2
    assert "'not-a-ref-or-folder' is neither a folder nor a commit" in no_ref.stderr
    assert "Traceback" not in no_entry.stderr + no_ref.stderr
