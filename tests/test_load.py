"""The loader returns DataFrames typed from the schema in the installed descriptor."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from functools import partial
from pathlib import Path

import pandas as pd
import pytest
from conftest import repin

import russia_panama_timeline as rpt
from russia_panama_timeline.load import load_table

# Each table read whole, with every column of its schema: the translation columns too,
# which load_events() and load_actors() fold into title/summary/name for one language
# (tests/test_languages.py holds those to this).
LOADERS = {name: partial(load_table, name)
           for name in ("events", "sources", "event_sources", "actors")}


def _schema(descriptor: Path, name: str) -> dict:
    data = json.loads(descriptor.read_text(encoding="utf-8"))
    return next(r for r in data["resources"] if r["name"] == name)


@pytest.mark.parametrize("name", sorted(LOADERS))
def test_row_count_matches_csv(name: str, installed_datapackage: Path) -> None:
    res = _schema(installed_datapackage, name)
    with open(installed_datapackage.parent / res["path"], encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    frame = LOADERS[name]()
    assert len(frame) == len(rows) - 1
    assert list(frame.columns) == [f["name"] for f in res["schema"]["fields"]]


@pytest.mark.parametrize("name", sorted(LOADERS))
def test_dtypes_follow_schema(name: str, installed_datapackage: Path) -> None:
    frame = LOADERS[name]()
    for field in _schema(installed_datapackage, name)["schema"]["fields"]:
        col = frame[field["name"]]
        enum = field.get("constraints", {}).get("enum")
        if enum:
            assert isinstance(col.dtype, pd.CategoricalDtype), field["name"]
            assert list(col.cat.categories) == enum, field["name"]
        elif field["type"] == "date":
            assert pd.api.types.is_datetime64_dtype(col), field["name"]
        elif field["type"] == "number":
            assert col.dtype == "float64", field["name"]
        elif field["type"] == "integer":
            assert col.dtype == "Int64", field["name"]
        elif field["type"] == "boolean":
            assert col.dtype == "boolean", field["name"]
        else:
            assert col.dtype == pd.StringDtype(), field["name"]


def _raw_rows(descriptor: Path, name: str) -> tuple[list[str], list[list[str]]]:
    res = _schema(descriptor, name)
    with open(descriptor.parent / res["path"], encoding="utf-8", newline="") as fh:
        header, *rows = list(csv.reader(fh))
    return header, rows


def _assert_empty_cells_are_na(descriptor: Path, name: str) -> int:
    """Each cell empty in the raw CSV is NA in the frame, and only those; returns how many."""
    header, rows = _raw_rows(descriptor, name)
    frame = LOADERS[name](descriptor)
    empty_count = 0
    for j, column in enumerate(header):
        empty = [row[j] == "" for row in rows]
        assert frame[column].isna().tolist() == empty, f"{name}.{column}"
        empty_count += sum(empty)
    return empty_count


@pytest.mark.parametrize("name", sorted(LOADERS))
def test_missing_values_are_na(name: str, installed_datapackage: Path) -> None:
    _assert_empty_cells_are_na(installed_datapackage, name)


def test_emptied_cells_become_na_in_every_optional_column(package_copy: Path) -> None:
    # Blank the first row of every column the schema does not require, in every table,
    # so the check above runs on empty cells of every optional column whatever the data.
    descriptor = json.loads(package_copy.read_text(encoding="utf-8"))
    for res in descriptor["resources"]:
        optional = {f["name"] for f in res["schema"]["fields"]
                    if not f.get("constraints", {}).get("required")}
        header, rows = _raw_rows(package_copy, res["name"])
        for j, column in enumerate(header):
            if column in optional and rows:
                rows[0][j] = ""
        _write_csv(package_copy.parent / res["path"], header, rows)
    repin(package_copy)
    for res in descriptor["resources"]:
        assert _assert_empty_cells_are_na(package_copy, res["name"]) > 0


def test_descriptor_has_its_data_beside_it() -> None:
    # The wheel carries data/ beside datapackage.json, inside the package.
    assert (Path(rpt.DATAPACKAGE).parent / "data" / "events.csv").is_file()


# --- the loader on edited copies: dtypes come from the schema, not from the code -----


def _write_csv(path: Path, header: list[str], rows: list[list[str]]) -> None:
    with open(path, "w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)


def _write_descriptor(path: Path, descriptor: dict) -> None:
    path.write_text(json.dumps(descriptor, ensure_ascii=False, indent=2), encoding="utf-8")


def _add_event_fields(package_copy: Path, new_fields: list[dict], values: list[list[str]]):
    """Append fields to the events schema of a copy and one column per field to its CSV;
    ``values[i]`` are the new cells of row i (rows past the list get empty cells)."""
    descriptor = json.loads(package_copy.read_text(encoding="utf-8"))
    events = next(r for r in descriptor["resources"] if r["name"] == "events")
    events["schema"]["fields"].extend(new_fields)
    _write_descriptor(package_copy, descriptor)
    header, rows = _raw_rows(package_copy, "events")
    assert len(rows) >= len(values), "the test needs as many events as it has values"
    blank = [""] * len(new_fields)
    rows = [row + (values[i] if i < len(values) else blank) for i, row in enumerate(rows)]
    _write_csv(package_copy.parent / events["path"], header + [f["name"] for f in new_fields],
               rows)
    repin(package_copy)


def test_custom_datapackage_path(package_copy: Path) -> None:
    descriptor = json.loads(package_copy.read_text(encoding="utf-8"))
    path = package_copy.parent / _schema(package_copy, "events")["path"]
    header, rows = _raw_rows(package_copy, "events")
    _write_csv(path, header, rows[:1])
    repin(package_copy)
    assert len(rpt.load_events()) == len(rows), "the installed package is untouched"
    for given in (package_copy, str(package_copy), package_copy.parent):
        events = rpt.load_events(given)
        assert events["event_id"].tolist() == [rows[0][header.index("event_id")]]
    # The other tables of the copy load from the copy as well.
    assert len(rpt.load_sources(package_copy)) == len(_raw_rows(package_copy, "sources")[1])
    assert descriptor["resources"]


def test_added_fields_are_typed_from_the_schema(package_copy: Path) -> None:
    new_fields = [
        {"name": "deaths", "type": "integer", "missingValues": ["", "n/a"]},
        {"name": "verified", "type": "boolean", "trueValues": ["yes"], "falseValues": ["no"]},
        {"name": "share", "type": "number"},
        {"name": "reported_on", "type": "date"},
        {"name": "tier", "type": "string", "constraints": {"enum": ["low", "high"]}},
        {"name": "label", "type": "string"},
    ]
    _add_event_fields(package_copy, new_fields, [
        ["12", "yes", "0.5", "2025-04-07", "high", "x"],
        ["n/a", "no", "", "", "low", ""],
    ])
    events = rpt.load_events(package_copy)
    assert events["deaths"].dtype == "Int64"
    assert events["verified"].dtype == "boolean"
    assert events["share"].dtype == "float64"
    assert pd.api.types.is_datetime64_dtype(events["reported_on"])
    assert isinstance(events["tier"].dtype, pd.CategoricalDtype)
    assert list(events["tier"].cat.categories) == ["low", "high"]  # schema order, not sorted
    assert events["label"].dtype == pd.StringDtype()

    first, second = events.iloc[0], events.iloc[1]
    assert first["deaths"] == 12 and pd.isna(second["deaths"])  # field-level missingValues
    assert first["verified"] is True or first["verified"] == True  # noqa: E712
    assert second["verified"] == False  # noqa: E712
    assert first["share"] == 0.5 and pd.isna(second["share"])
    assert first["reported_on"] == pd.Timestamp("2025-04-07") and pd.isna(second["reported_on"])
    assert (first["tier"], second["tier"]) == ("high", "low")
    assert first["label"] == "x" and second["label"] is pd.NA
    # Rows without the new cells read as NA in every new column.
    assert events.iloc[2:][[f["name"] for f in new_fields]].isna().all().all()


@pytest.mark.parametrize(
    ("field", "cell", "complaint"),
    [
        ({"name": "tier", "type": "string", "constraints": {"enum": ["low"]}}, "mid", "enum"),
        ({"name": "verified", "type": "boolean"}, "maybe", "boolean"),
        ({"name": "reported_on", "type": "date"}, "2025-13-45", "date"),
        ({"name": "deaths", "type": "integer"}, "twelve", "deaths"),
    ],
)
def test_bad_cells_raise_instead_of_becoming_na(
    package_copy: Path, field: dict, cell: str, complaint: str
) -> None:
    _add_event_fields(package_copy, [field], [[cell]])
    with pytest.raises(ValueError, match=complaint) as raised:
        rpt.load_events(package_copy)
    assert type(raised.value).__name__ == "DataError"


def test_loader_does_not_import_frictionless() -> None:
    code = (
        "import sys, russia_panama_timeline as rpt\n"
        "assert len(rpt.load_events()) >= 0\n"
        "rpt.load_sources(); rpt.load_event_sources()\n"
        "print('frictionless' in sys.modules, 'pyarrow' in sys.modules)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=False)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[0] == "False"


def test_header_that_is_not_the_schema_raises(package_copy: Path) -> None:
    header, rows = _raw_rows(package_copy, "events")
    renamed = [*header[:-1], header[-1] + "_renamed"]
    _write_csv(package_copy.parent / _schema(package_copy, "events")["path"], renamed, rows)
    repin(package_copy)
    with pytest.raises(ValueError, match="header") as raised:
        rpt.load_events(package_copy)
    assert type(raised.value).__name__ == "DataError"


def test_a_multiline_quoted_cell_is_one_cell(package_copy: Path) -> None:
    header, rows = _raw_rows(package_copy, "events")
    column = next(f["name"] for f in _schema(package_copy, "events")["schema"]["fields"]
                  if f["type"] == "string" and "constraints" not in f)
    rows[0][header.index(column)] = "first line\nsecond line, with a comma"
    _write_csv(package_copy.parent / _schema(package_copy, "events")["path"], header, rows)
    repin(package_copy)
    events = load_table("events", package_copy)
    assert len(events) == len(rows)
    assert events[column].iloc[0] == "first line\nsecond line, with a comma"


def test_read_package_and_version(installed_datapackage: Path, package_copy: Path) -> None:
    descriptor = json.loads(installed_datapackage.read_text(encoding="utf-8"))
    package = rpt.read_package()
    assert [r.name for r in package.resources] == [r["name"] for r in descriptor["resources"]]
    assert package.version == descriptor["version"] == rpt.__version__
    copy = json.loads(package_copy.read_text(encoding="utf-8"))
    copy["version"] = "9.9.9"
    package_copy.write_text(json.dumps(copy), encoding="utf-8")
    assert rpt.read_package(package_copy).version == "9.9.9"


def test_undecodable_file_raises_data_error(package_copy: Path) -> None:
    path = package_copy.parent / _schema(package_copy, "events")["path"]
    raw = path.read_bytes()
    path.write_bytes(b"\xff" + raw)
    repin(package_copy)
    with pytest.raises(ValueError) as raised:
        rpt.load_events(package_copy)
    assert type(raised.value).__name__ == "DataError"
    # And later in the file, past the header, too.
    path.write_bytes(raw + b"\xff\xfe,broken\n")
    repin(package_copy)
    with pytest.raises(ValueError) as raised:
        rpt.load_events(package_copy)
    assert type(raised.value).__name__ == "DataError"
