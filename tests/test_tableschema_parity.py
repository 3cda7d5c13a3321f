"""Every supported type and option through the three readers: the checker, the loader
and the Parquet build must agree on nulls, values, types and refusals.

Each case is a one-field package (plus an ``id``) written here with its expected
values, typed by hand (not by the code under test). A valid case must pass
``check``; the loader and the Parquet file must hold exactly the expected values,
nulls where the cell is missing, and the expected pandas and Arrow types; the values
the checker read must be the same. A refused cell must give the same finding (code,
file, line, field) from the checker, from the loader's DataError and from the build's
InvalidData. A schema feature no reader implements must be an ``unsupported``
finding of the checker and refused by the loader and the build alike.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from russia_panama_timeline.checker import check_package
from russia_panama_timeline.descriptor import DataError, DescriptorError
from russia_panama_timeline.load import load_table
from russia_panama_timeline.parquet import InvalidData, build_parquet

V2 = "https://datapackage.org/profiles/2.0/datapackage.json"
D = dt.date


@dataclass
class Case:
    """One field, its cells (row by row), and what every reader must make of them."""

    field: dict[str, Any]
    cells: list[str]
    values: list[Any] | None = None  # expected values (None = missing) for a valid case
    arrow: pa.DataType | None = None  # expected Arrow type in Parquet
    pandas: Any = None  # expected pandas dtype from the loader
    refused: tuple[str, int] | None = None  # (finding code, row index) for a refused cell
    schema: dict[str, Any] = field(default_factory=dict)  # extra schema properties
    dialect: dict[str, Any] | None = None


def cat(*values: Any) -> pd.CategoricalDtype:
    return pd.CategoricalDtype(list(values), ordered=False)


def dict_of(value_type: pa.DataType) -> pa.DataType:
    return pa.dictionary(pa.int32(), value_type)


STR = pd.StringDtype()
VALID: dict[str, Case] = {
    "string": Case({"name": "x", "type": "string"}, ["a b", "", "ü"],
                   ["a b", None, "ü"], pa.string(), STR),
    "string-package-missing": Case({"name": "x", "type": "string"}, ["NA", "", "v"],
                                   [None, None, "v"], pa.string(), STR,
                                   schema={"missingValues": ["", "NA"]}),
    "string-field-missing": Case(
        {"name": "x", "type": "string", "missingValues": ["n/a"]}, ["n/a", "", "NA"],
        [None, "", "NA"], pa.string(), STR, schema={"missingValues": ["", "NA"]}),
    "string-missing-labels": Case(
        {"name": "x", "type": "string",
         "missingValues": [{"value": "unknown", "label": "not known"}]},
        ["unknown", "k"], [None, "k"], pa.string(), STR),
    "integer": Case({"name": "x", "type": "integer"}, ["7", "", "-12", "+3", "0042"],
                    [7, None, -12, 3, 42], pa.int64(), pd.Int64Dtype()),
    "integer-field-missing": Case({"name": "x", "type": "integer", "missingValues": ["", "?"]},
                                  ["?", "5", ""], [None, 5, None], pa.int64(), pd.Int64Dtype()),
    "integer-group": Case({"name": "x", "type": "integer", "groupChar": ","},
                          ["1,234", "5"], [1234, 5], pa.int64(), pd.Int64Dtype()),
    "integer-bare": Case({"name": "x", "type": "integer", "bareNumber": False},
                         ["€12", "7 ships"], [12, 7], pa.int64(), pd.Int64Dtype()),
    "number": Case({"name": "x", "type": "number"}, ["0.5", "", "-79.90", "1e3", ".5", "3"],
                   [0.5, None, -79.9, 1000.0, 0.5, 3.0], pa.float64(), "float64"),
    "number-decimal-group": Case(
        {"name": "x", "type": "number", "groupChar": " ", "decimalChar": ","},
        ["1 234,5", "12,0", ""], [1234.5, 12.0, None], pa.float64(), "float64"),
    "number-bare": Case({"name": "x", "type": "number", "bareNumber": False},
                        ["95%", "$1.5"], [95.0, 1.5], pa.float64(), "float64"),
    "boolean": Case({"name": "x", "type": "boolean"},
                    ["true", "False", "1", "0", "TRUE", ""],
                    [True, False, True, False, True, None], pa.bool_(), pd.BooleanDtype()),
    "boolean-values": Case(
        {"name": "x", "type": "boolean", "trueValues": ["yes", "Y"], "falseValues": ["no"]},
        ["yes", "no", "Y", ""], [True, False, True, None], pa.bool_(), pd.BooleanDtype()),
    "date": Case({"name": "x", "type": "date"}, ["2024-02-29", "", "0001-01-01"],
                 [D(2024, 2, 29), None, D(1, 1, 1)], pa.date32(), "datetime64[s]"),
    "date-format": Case({"name": "x", "type": "date", "format": "%d/%m/%Y"},
                        ["29/02/2024", "01/01/1903", ""],
                        [D(2024, 2, 29), D(1903, 1, 1), None], pa.date32(), "datetime64[s]"),
    "year": Case({"name": "x", "type": "year"}, ["1999", "0042", ""],
                 ["1999", "0042", None], pa.string(), STR),
    "yearmonth": Case({"name": "x", "type": "yearmonth"}, ["2024-05"], ["2024-05"],
                      pa.string(), STR),
    "time": Case({"name": "x", "type": "time"}, ["12:30:00"], ["12:30:00"], pa.string(), STR),
    "datetime": Case({"name": "x", "type": "datetime"}, ["2024-01-01T10:00:00Z"],
                     ["2024-01-01T10:00:00Z"], pa.string(), STR),
    "any": Case({"name": "x", "type": "any"}, ["whatever", ""], ["whatever", None],
                pa.string(), STR),
    "enum-string": Case(
        {"name": "x", "type": "string", "constraints": {"enum": ["b", "a"]}},
        ["a", "", "b"], ["a", None, "b"], dict_of(pa.string()), cat("b", "a")),
    "enum-integer": Case(
        {"name": "x", "type": "integer", "constraints": {"enum": [3, 1, 2]}},
        # Parquet keeps a dictionary only for text: every reader gets int64 back.
        ["1", "03", ""], [1, 3, None], pa.int64(), cat(3, 1, 2)),
    "ranges": Case(
        {"name": "x", "type": "number", "constraints": {"minimum": -90, "maximum": 90}},
        ["-90", "90", "0.5"], [-90.0, 90.0, 0.5], pa.float64(), "float64"),
    "date-range": Case(
        {"name": "x", "type": "date",
         "constraints": {"minimum": "2000-01-01", "maximum": "2030-12-31"}},
        ["2000-01-01", "2030-12-31"], [D(2000, 1, 1), D(2030, 12, 31)], pa.date32(),
        "datetime64[s]"),
    "dialect": Case({"name": "x", "type": "integer"}, ["1", "2"], [1, 2], pa.int64(),
                    pd.Int64Dtype(), dialect={"delimiter": ";", "quoteChar": "'"}),
    "dialect-no-header": Case({"name": "x", "type": "string"}, ["p;q", "r"], ["p;q", "r"],
                              pa.string(), STR, dialect={"header": False}),
    "quoted": Case({"name": "x", "type": "string"}, ['say "hi", twice'],
                   ['say "hi", twice'], pa.string(), STR),
}

REFUSED: dict[str, Case] = {
    "integer-text": Case({"name": "x", "type": "integer"}, ["1", "twelve"],
                         refused=("type", 1)),
    "integer-fraction": Case({"name": "x", "type": "integer"}, ["1.5"], refused=("type", 0)),
    "integer-overflow": Case({"name": "x", "type": "integer"}, ["1", "99999999999999999999"],
                             refused=("type", 1)),
    "integer-empty-not-missing": Case(
        {"name": "x", "type": "integer", "missingValues": ["-"]}, ["1", ""],
        refused=("type", 1)),
    "number-nan": Case({"name": "x", "type": "number"}, ["NaN"], refused=("type", 0)),
    "number-comma": Case({"name": "x", "type": "number"}, ["0.5", "1,5"], refused=("type", 1)),
    "boolean": Case({"name": "x", "type": "boolean"}, ["maybe"], refused=("type", 0)),
    "boolean-values": Case(
        {"name": "x", "type": "boolean", "trueValues": ["yes"], "falseValues": ["no"]},
        ["yes", "true"], refused=("type", 1)),
    "date-impossible": Case({"name": "x", "type": "date"}, ["2024-02-28", "2025-02-30"],
                            refused=("type", 1)),
    "date-shape": Case({"name": "x", "type": "date"}, ["2024-2-3"], refused=("type", 0)),
    "date-format-impossible": Case({"name": "x", "type": "date", "format": "%d/%m/%Y"},
                                   ["30/02/2024"], refused=("type", 0)),
    "year": Case({"name": "x", "type": "year"}, ["99"], refused=("type", 0)),
    "enum-string": Case({"name": "x", "type": "string", "constraints": {"enum": ["a"]}},
                        ["a", "z"], refused=("enum", 1)),
    "enum-integer": Case({"name": "x", "type": "integer", "constraints": {"enum": [1, 2]}},
                         ["7"], refused=("enum", 0)),
    "required": Case({"name": "x", "type": "string", "constraints": {"required": True}},
                     ["a", ""], refused=("required", 1)),
}

UNSUPPORTED: dict[str, tuple[dict[str, Any], dict[str, Any], str]] = {
    # (field, resource properties, what the message names)
    "type-geopoint": ({"name": "x", "type": "geopoint"}, {}, "t.x"),
    "type-object": ({"name": "x", "type": "object"}, {}, "t.x"),
    "constraint": ({"name": "x", "type": "integer", "constraints": {"exclusiveMinimum": 0}},
                   {}, "t.x"),
    "date-any": ({"name": "x", "type": "date", "format": "any"}, {}, "t.x"),
    "string-email": ({"name": "x", "type": "string", "format": "email"}, {}, "t.x"),
    "dialect": ({"name": "x", "type": "string"}, {"dialect": {"commentChar": "#"}}, "t"),
    "encoding": ({"name": "x", "type": "string"}, {"encoding": "latin-1"}, "t"),
    "unique-keys": ({"name": "x", "type": "string"},
                    {"schema_extra": {"uniqueKeys": [["x"]]}}, "t"),
}


def _csv(cells: list[str], dialect: dict[str, Any] | None) -> str:
    d = dialect or {}
    sep, quote = d.get("delimiter", ","), d.get("quoteChar", '"')

    def cell(value: str) -> str:
        if any(c in value for c in (sep, quote, "\n")):
            return quote + value.replace(quote, quote * 2) + quote
        return value

    rows = [] if d.get("header") is False else [f"id{sep}x"]
    rows += [f"r{i}{sep}{cell(v)}" for i, v in enumerate(cells)]
    return "\n".join(rows) + "\n"


def _package(tmp_path: Path, fld: dict[str, Any], cells: list[str],
             schema: dict[str, Any] | None = None, dialect: dict[str, Any] | None = None,
             resource: dict[str, Any] | None = None) -> Path:
    data = _csv(cells, dialect).encode("utf-8")
    (tmp_path / "t.csv").write_bytes(data)
    fields = [{"name": "id", "type": "string", "constraints": {"required": True}}, fld]
    enum = (fld.get("constraints") or {}).get("enum")
    if enum:
        fld["categories"] = [{"value": v, "label": f"value {v}"} for v in enum]
    res: dict[str, Any] = {
        "$schema": V2.replace("datapackage.json", "dataresource.json"),
        "name": "t", "type": "table", "path": "t.csv", "format": "csv",
        "mediatype": "text/csv", "encoding": "utf-8", "bytes": len(data),
        "hash": "sha256:" + hashlib.sha256(data).hexdigest(),
        "schema": {"$schema": V2.replace("datapackage.json", "tableschema.json"),
                   "fields": fields, "primaryKey": ["id"], **(schema or {})},
    }
    if dialect:
        res["dialect"] = dialect
    extra = dict(resource or {})
    res["schema"].update(extra.pop("schema_extra", {}))
    res.update(extra)
    descriptor = {"$schema": V2, "name": "parity", "resources": [res]}
    path = tmp_path / "datapackage.json"
    path.write_text(json.dumps(descriptor, ensure_ascii=False), encoding="utf-8")
    return path


def _plain(value: Any) -> Any:
    """A loader cell as a plain Python value (None when missing)."""
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return None
    if value is pd.NaT:
        return None
    if isinstance(value, pd.Timestamp):
        return value.date()
    return value.item() if hasattr(value, "item") else value


def _checked_values(descriptor: Path) -> tuple[Any, list[Any]]:
    """The checker's report and the values it read for field x."""
    seen: list[Any] = []
    report = check_package(descriptor, on_table=lambda t, r: seen.extend(
        t.parsed("x").values.to_pylist()))
    return report, seen


@pytest.mark.parametrize("name", sorted(VALID))
def test_valid_cells_read_alike(name: str, tmp_path: Path) -> None:
    case = VALID[name]
    descriptor = _package(tmp_path, dict(case.field), case.cells, case.schema, case.dialect)
    report, checked = _checked_values(descriptor)
    assert report.valid, [str(f) for f in report.findings]
    assert checked == case.values

    frame = load_table("t", descriptor)
    assert frame["x"].dtype == case.pandas
    assert [_plain(v) for v in frame["x"].tolist()] == case.values
    assert frame["x"].isna().tolist() == [v is None for v in case.values]

    out = tmp_path / "out"
    build_parquet(descriptor, out)
    table = pq.read_table(out / "t.parquet")
    assert table.schema.field("x").type == case.arrow
    assert table.column("x").to_pylist() == case.values


def _finding_text(descriptor: Path) -> list[str]:
    return [str(f) for f in check_package(descriptor).findings]


@pytest.mark.parametrize("name", sorted(REFUSED))
def test_refused_cells_are_refused_alike(name: str, tmp_path: Path) -> None:
    case = REFUSED[name]
    assert case.refused is not None
    code, row = case.refused
    descriptor = _package(tmp_path, dict(case.field), case.cells, case.schema, case.dialect)
    findings = check_package(descriptor).findings
    expected = [f for f in findings if f.code == code]
    assert [(f.file, f.line, f.field) for f in expected] == [("t.csv", row + 2, "x")]
    finding = str(expected[0])

    with pytest.raises(DataError) as loaded:
        load_table("t", descriptor)
    assert str(loaded.value).endswith(finding.removeprefix("t.csv"))
    assert str(tmp_path / "t.csv") in str(loaded.value)

    with pytest.raises(InvalidData) as built:
        build_parquet(descriptor, tmp_path / "out")
    assert finding in built.value.problems
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("name", sorted(UNSUPPORTED))
def test_unsupported_features_are_refused_alike(name: str, tmp_path: Path) -> None:
    fld, resource, where = UNSUPPORTED[name]
    descriptor = _package(tmp_path, dict(fld), ["v"], resource=resource)
    findings = check_package(descriptor).findings
    unsupported = [f for f in findings if f.code == "unsupported"]
    assert unsupported, [str(f) for f in findings]
    assert all(f.file == "datapackage.json" and f.field == where for f in unsupported)
    assert {f.code for f in findings} <= {"unsupported", "descriptor"}

    with pytest.raises(DescriptorError, match=f"datapackage.json: {where}: "):
        load_table("t", descriptor)
    with pytest.raises(InvalidData) as built:
        build_parquet(descriptor, tmp_path / "out")
    assert any("[unsupported]" in p or "[descriptor]" in p for p in built.value.problems)


def test_field_level_missing_values_are_missing_for_the_checker(tmp_path: Path) -> None:
    # The bug this module fixed: a required field's own missing value is an empty cell.
    fld = {"name": "x", "type": "string", "missingValues": ["n/a"],
           "constraints": {"required": True}}
    descriptor = _package(tmp_path, fld, ["ok", "n/a"])
    findings = check_package(descriptor).findings
    assert [(f.code, f.line, f.field) for f in findings] == [("required", 3, "x")]
