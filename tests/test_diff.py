"""`russia-panama-timeline diff`: rows by primary key, typed, and the descriptor.

Every expectation is built here from the edit the test made to a copy of the package
(the cells it wrote, read back with the csv module), never from the code under test.
The repository's own history (releases 0.1.0 and 0.2.0) is compared in
tests/test_release_diff.py.
"""

from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from conftest import repin

from russia_panama_timeline.cli import main
from russia_panama_timeline.descriptor import shown
from russia_panama_timeline.diff import diff_packages
from russia_panama_timeline.diff.render import descriptor_json

Rows = list[dict[str, str]]


def _copy(source: Path, dest: Path) -> Path:
    dest.mkdir()
    shutil.copy2(source, dest / "datapackage.json")
    shutil.copytree(source.parent / "data", dest / "data")
    return dest / "datapackage.json"


@pytest.fixture
def sides(tmp_path: Path, installed_datapackage: Path) -> tuple[Path, Path]:
    """Two identical copies of the installed package: (old, new) descriptors."""
    return (_copy(installed_datapackage, tmp_path / "old"),
            _copy(installed_datapackage, tmp_path / "new"))


def _read(desc: Path, table: str) -> tuple[list[str], Rows]:
    text = (desc.parent / "data" / f"{table}.csv").read_text(encoding="utf-8")
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    return list(rows[0]), rows


def _write(desc: Path, table: str, header: list[str], rows: Rows, pin: bool = True) -> None:
    buf = io.StringIO()
    writer = csv.DictWriter(buf, header, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    (desc.parent / "data" / f"{table}.csv").write_bytes(buf.getvalue().encode("utf-8"))
    if pin:
        repin(desc)


def _descriptor(desc: Path) -> dict[str, Any]:
    return json.loads(desc.read_text(encoding="utf-8"))


def _save(desc: Path, data: dict[str, Any]) -> None:
    desc.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def _resource(data: dict[str, Any], name: str) -> dict[str, Any]:
    return next(r for r in data["resources"] if r["name"] == name)


def _diff(capsys: pytest.CaptureFixture[str], *args: str | Path) -> tuple[int, str, str]:
    code = main(["diff", *map(str, args)])
    out, err = capsys.readouterr()
    return code, out, err


def _json(capsys: pytest.CaptureFixture[str], old: Path, new: Path) -> tuple[int, Any]:
    code, out, _ = _diff(capsys, old, new, "--format", "json")
    return code, json.loads(out)


def _empty(names: list[str]) -> dict[str, Any]:
    return {name: {"added": [], "removed": [], "changed": []} for name in names}


NAMES = ["events", "sources", "event_sources", "actors"]


# --- the same package --------------------------------------------------------------------


def test_identical_copies_are_the_same(sides: tuple[Path, Path],
                                       capsys: pytest.CaptureFixture[str]) -> None:
    old, new = sides
    code, out, err = _diff(capsys, old, new)
    assert code == 0
    assert out.rstrip().endswith("no differences")
    assert err.splitlines() == [f"descriptor: {old}", f"descriptor: {new}"]
    code, data = _json(capsys, old, new)
    version = _descriptor(new)["version"]
    assert code == 0
    assert data == {"old_version": version, "new_version": version,
                    "resources": _empty([r["name"] for r in _descriptor(new)["resources"]])}
    assert descriptor_json(diff_packages(old, new)) == {"package": {}, "resources": {}}


def test_dash_is_the_installed_package(installed_datapackage: Path,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = _diff(capsys, "-", "-")
    assert code == 0
    assert err.splitlines()[0] == f"descriptor: {shown(installed_datapackage)}"


def test_values_are_compared_typed(sides: tuple[Path, Path],
                                   capsys: pytest.CaptureFixture[str]) -> None:
    """A number written another way (9 and 9.0, 8.98 and 8.980, +8.98) is the same
    number; nor does re-pinning the rewritten file count as a change."""
    old, new = sides
    header, rows = _read(new, "events")
    rewritten = 0
    for row in rows:
        for name in ("latitude", "longitude"):
            value = row[name]
            if value:
                row[name] = f"{value}0" if "." in value else f"{value}.0"
                rewritten += 1
    assert rewritten
    _write(new, "events", header, rows)
    assert _descriptor(new)["resources"][0]["hash"] != _descriptor(old)["resources"][0]["hash"]
    code, data = _json(capsys, old, new)
    assert code == 0, data
    assert data["resources"]["events"] == {"added": [], "removed": [], "changed": []}


# --- rows ----------------------------------------------------------------------------------


def test_rows_added_removed_and_changed(sides: tuple[Path, Path],
                                        capsys: pytest.CaptureFixture[str]) -> None:
    old, new = sides
    header, rows = _read(new, "events")
    placed = next(i for i, r in enumerate(rows) if r["latitude"] and i > 2)
    first_id, placed_id = rows[0]["event_id"], rows[placed]["event_id"]
    old_title, old_lat = rows[0]["title"], rows[placed]["latitude"]
    rows[0]["title"] = "A title changed by the test"
    rows[placed]["latitude"] = str(float(old_lat) + 1.5)
    rows[placed]["place"], old_place = "", rows[placed]["place"]
    removed = rows.pop()
    added = {**rows[1], "event_id": "an-event-added-by-the-test"}
    rows.append(added)
    # Written without re-pinning: a diff reviews an edit before `fmt` has run.
    _write(new, "events", header, rows, pin=False)

    code, data = _json(capsys, old, new)
    assert code == 1
    changed_place = {"latitude": [float(old_lat), float(old_lat) + 1.5]}
    if old_place:
        changed_place = {"place": [old_place, None], **changed_place}
    assert data["resources"]["events"] == {
        "added": [{"key": ["an-event-added-by-the-test"]}],
        "removed": [{"key": [removed["event_id"]]}],
        "changed": [
            {"key": [first_id], "fields": {"title": [old_title, "A title changed by the test"]}},
            {"key": [placed_id], "fields": changed_place},
        ],
    }
    assert data["resources"] | {"events": None} == _empty(NAMES) | {"events": None}
    assert set(data) == {"old_version", "new_version", "resources"}  # the documented shape
    assert descriptor_json(diff_packages(old, new)) == {"package": {}, "resources": {}}

    code, text, _ = _diff(capsys, old, new)
    assert code == 1
    lines = text.splitlines()
    assert "events: 1 added, 1 removed, 2 changed" in lines
    assert "sources: 0 added, 0 removed, 0 changed" in lines
    assert "  + an-event-added-by-the-test" in lines
    assert f"  - {removed['event_id']}" in lines
    at = lines.index(f"  ~ {first_id}")
    assert lines[at + 1:at + 4] == ["      title:", f'        - "{old_title}"',
                                    '        + "A title changed by the test"']
    assert f"      latitude: {float(old_lat)} → {float(old_lat) + 1.5}" in lines


def test_a_composite_key_is_a_list_in_the_primary_keys_order(
    sides: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    old, new = sides
    header, rows = _read(new, "event_sources")
    before = rows[3]["role"]
    after = next(v for v in ("cited", "corroborating") if v != before)
    rows[3]["role"] = after
    _write(new, "event_sources", header, rows)
    code, data = _json(capsys, old, new)
    assert code == 1
    assert data["resources"]["event_sources"]["changed"] == [
        {"key": [rows[3]["event_id"], rows[3]["source_id"]], "fields": {"role": [before, after]}}
    ]
    code, markdown, _ = _diff(capsys, old, new, "--format", "markdown")
    assert "| `event_sources` | 0 | 0 | 1 |" in markdown.splitlines()
    assert (f"- `{rows[3]['event_id']} / {rows[3]['source_id']}`: `role` `{before}` → "
            f"`{after}`") in " ".join(markdown.split())


def test_dates_and_missing_values_in_json(sides: tuple[Path, Path],
                                          capsys: pytest.CaptureFixture[str]) -> None:
    old, new = sides
    header, rows = _read(new, "sources")
    i = next(i for i, r in enumerate(rows) if r["accessed"])
    accessed = rows[i]["accessed"]
    rows[i]["accessed"] = "2001-02-03"
    _write(new, "sources", header, rows)
    code, data = _json(capsys, old, new)
    assert code == 1
    assert data["resources"]["sources"]["changed"] == [
        {"key": [rows[i]["source_id"]], "fields": {"accessed": [accessed, "2001-02-03"]}}
    ]
    rows[i]["accessed"] = ""
    _write(new, "sources", header, rows)
    _, data = _json(capsys, old, new)
    assert data["resources"]["sources"]["changed"][0]["fields"] == {"accessed": [accessed, None]}


# --- the descriptor --------------------------------------------------------------------------


def test_descriptor_changes(sides: tuple[Path, Path], capsys: pytest.CaptureFixture[str]) -> None:
    old, new = sides
    data = _descriptor(new)
    data["version"] = "99.0.0"
    actors = _resource(data, "actors")
    actors["schema"]["fields"].append({"name": "founded", "type": "date",
                                       "description": "A field added by the test."})
    gone = actors["schema"]["fields"].pop(-2)  # the field before it: notes
    header, rows = _read(new, "actors")
    header = [h for h in header if h != gone["name"]] + ["founded"]
    rows = [{**{k: v for k, v in r.items() if k != gone["name"]}, "founded": "1990-01-01"}
            for r in rows]
    events = _resource(data, "events")
    title = next(f for f in events["schema"]["fields"] if f["name"] == "title")
    old_description = title["description"]
    title["description"] = "Redefined by the test."
    _save(new, data)
    _write(new, "actors", header, rows)

    code, out = _json(capsys, old, new)
    assert code == 1
    assert (out["old_version"], out["new_version"]) == (_descriptor(old)["version"], "99.0.0")
    described = descriptor_json(diff_packages(old, new))
    assert described["package"] == {"version": [_descriptor(old)["version"], "99.0.0"]}
    res = described["resources"]
    assert set(res) == {"actors", "events"}
    assert res["actors"]["fields_added"] == ["founded"]
    assert res["actors"]["fields_removed"] == [gone["name"]]
    assert res["events"]["fields_redefined"] == {
        "title": {"description": [old_description, "Redefined by the test."]}}
    # A field on one side only is a descriptor change, not a change of every row.
    assert out["resources"]["actors"] == {"added": [], "removed": [], "changed": []}

    _, text, _ = _diff(capsys, old, new)
    assert f"  version {_descriptor(old)['version']} → 99.0.0" in text.splitlines()
    assert "  actors: fields added: founded" in text.splitlines()
    assert f"  actors: fields removed: {gone['name']}" in text.splitlines()
    assert "  events: field title: description changed" in text.splitlines()


def test_a_resource_on_one_side_only(sides: tuple[Path, Path],
                                     capsys: pytest.CaptureFixture[str]) -> None:
    old, new = sides
    data = _descriptor(old)
    data["resources"] = [r for r in data["resources"] if r["name"] != "actors"]
    _save(old, data)
    _, actors = _read(new, "actors")
    code, out = _json(capsys, old, new)
    assert code == 1
    assert out["resources"]["actors"] == {
        "added": [{"key": [r["actor_id"]]} for r in actors], "removed": [], "changed": []}
    assert descriptor_json(diff_packages(old, new))["resources"] == {
        "actors": {"resource": "added"}}
    code, out = _json(capsys, new, old)
    assert out["resources"]["actors"]["removed"] == [{"key": [r["actor_id"]]} for r in actors]
    assert descriptor_json(diff_packages(new, old))["resources"] == {
        "actors": {"resource": "removed"}}
    _, text, _ = _diff(capsys, new, old)
    assert f"actors (only in old): 0 added, {len(actors)} removed, 0 changed" in text


def test_a_changed_primary_key(sides: tuple[Path, Path],
                               capsys: pytest.CaptureFixture[str]) -> None:
    """Rows are matched on the new key when both sides have its fields (the key lists
    follow its order); when they cannot be matched, every row is removed and added."""
    old, new = sides
    data = _descriptor(new)
    citations = _resource(data, "event_sources")
    citations["schema"]["primaryKey"] = ["source_id", "event_id"]
    _save(new, data)
    code, out = _json(capsys, old, new)
    assert code == 1
    assert out["resources"]["event_sources"] == {"added": [], "removed": [], "changed": []}
    described = descriptor_json(diff_packages(old, new))
    assert described["resources"]["event_sources"]["properties"] == {
        "schema.primaryKey": [["event_id", "source_id"], ["source_id", "event_id"]]}
    header, rows = _read(new, "event_sources")
    rows[0]["role"] = "cited" if rows[0]["role"] != "cited" else "corroborating"
    _write(new, "event_sources", header, rows)
    _, out = _json(capsys, old, new)
    assert out["resources"]["event_sources"]["changed"][0]["key"] == [
        rows[0]["source_id"], rows[0]["event_id"]]
    _, text, _ = _diff(capsys, old, new)
    assert "  event_sources: rows matched on (source_id, event_id)" in text.splitlines()

    # A new key whose field the old side lacks: matched on the old key, which both have.
    citations["schema"]["fields"].insert(0, {"name": "citation_id", "type": "string"})
    citations["schema"]["primaryKey"] = ["citation_id"]
    _save(new, data)
    header, rows = _read(new, "event_sources")
    _write(new, "event_sources", ["citation_id", *header],
           [{"citation_id": f"c{i}", **r} for i, r in enumerate(rows)])
    _, out = _json(capsys, old, new)
    assert out["resources"]["event_sources"]["changed"][0]["key"] == [
        rows[0]["event_id"], rows[0]["source_id"]]
    assert out["resources"]["event_sources"]["added"] == []

    # Neither key on both sides (event_id renamed): every row removed, and added.
    _, old_rows = _read(old, "event_sources")
    field = next(f for f in citations["schema"]["fields"] if f["name"] == "event_id")
    field["name"] = "event"
    citations["schema"]["primaryKey"] = ["event", "source_id"]
    _save(new, data)
    header, rows = _read(new, "event_sources")
    renamed = [{("event" if k == "event_id" else k): v for k, v in r.items()} for r in rows]
    _write(new, "event_sources", ["event" if h == "event_id" else h for h in header], renamed)
    _, out = _json(capsys, old, new)
    assert out["resources"]["event_sources"] == {
        "added": [{"key": [r["event"], r["source_id"]]} for r in renamed],
        "removed": [{"key": [r["event_id"], r["source_id"]]} for r in old_rows],
        "changed": [],
    }


# --- what cannot be compared: exit 2, one message ------------------------------------------------


def _cli(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "russia_panama_timeline", "diff",
                           *map(str, args)], capture_output=True, text=True, check=False)


def test_an_unreadable_package_is_exit_2(sides: tuple[Path, Path], tmp_path: Path) -> None:
    old, new = sides
    missing = _cli(old, tmp_path / "nowhere")
    assert missing.returncode == 2
    assert "cannot read the descriptor" in missing.stderr
    assert "Traceback" not in missing.stderr and missing.stdout == ""

    header, rows = _read(new, "events")
    rows[2]["date_start"] = "2025-02-30"
    _write(new, "events", header, rows)
    bad = _cli(old, new)
    assert bad.returncode == 2
    message = bad.stderr.splitlines()[-1]
    assert message.startswith("error: ")
    assert "events.csv:4" in message and "date_start" in message
    assert "Traceback" not in bad.stderr and bad.stdout == ""


def test_an_unreadable_package_is_a_json_error_with_format_json(
    sides: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    old, new = sides
    new.write_text("{not json", encoding="utf-8")
    code, out, _ = _diff(capsys, old, new, "--format", "json")
    assert code == 2
    assert json.loads(out)["exit"] == 2


def test_a_repeated_key_cannot_be_compared(sides: tuple[Path, Path],
                                           capsys: pytest.CaptureFixture[str]) -> None:
    old, new = sides
    header, rows = _read(new, "actors")
    rows.append(dict(rows[0]))
    _write(new, "actors", header, rows)
    code, _, err = _diff(capsys, old, new)
    assert code == 2
    assert f"actor_id: '{rows[0]['actor_id']}' repeats line 2" in err
    assert f"actors.csv:{len(rows) + 1}: " in err and "cannot be compared" in err


def test_a_package_that_fails_check_is_still_compared(
    sides: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    """Rows out of order, an actor that is not in the actors, pins not updated: `check`
    refuses each of these (tests/test_check_*.py), diff compares the rows."""
    old, new = sides
    header, rows = _read(new, "events")
    rows.reverse()
    rows[0]["actor1"] = "NOT-AN-ACTOR"
    _write(new, "events", header, rows, pin=False)
    code, data = _json(capsys, old, new)
    assert code == 1
    assert [c["fields"] for c in data["resources"]["events"]["changed"]] == [
        {"actor1": [_read(old, "events")[1][-1]["actor1"], "NOT-AN-ACTOR"]}]
