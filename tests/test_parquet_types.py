"""Schema-driven typing of the CSV reader on small tables with every supported field type.

These tables are not data packages the checker knows; they exercise the reader and
the schema mapping directly (``arrow_schema`` + ``reader.read_typed``).
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pyarrow as pa
import pytest

from russia_panama_timeline.descriptor import DataError, DescriptorError
from russia_panama_timeline.parquet.arrow_schema import arrow_schema
from russia_panama_timeline.reader import read_typed

FIELDS: list[dict[str, Any]] = [
    {"name": "id", "type": "string", "constraints": {"required": True}},
    {"name": "published", "type": "string", "description": "EDTF, may be a bare year"},
    {"name": "count", "type": "integer"},
    {"name": "share", "type": "number"},
    {"name": "official", "type": "boolean", "trueValues": ["yes"], "falseValues": ["no"]},
    {"name": "day", "type": "date"},
    {"name": "kind", "type": "string", "constraints": {"enum": ["a", "b", "c"]}},
    {"name": "level", "type": "integer", "constraints": {"enum": [1, 2, 3]}},
    {"name": "big", "type": "number", "groupChar": " ", "decimalChar": ","},
    {"name": "when", "type": "date", "format": "%d/%m/%Y"},
    {"name": "other", "type": "year"},
]


def _package(tmp_path: Path, csv_text: str, fields: list[dict[str, Any]] = FIELDS,
             **schema_extra: Any) -> tuple[Path, dict[str, Any], dict[str, Any]]:
    (tmp_path / "t.csv").write_text(csv_text, encoding="utf-8", newline="")
    res = {"name": "t", "path": "t.csv", "schema": {"fields": fields, **schema_extra}}
    descriptor = {"name": "p", "resources": [res]}
    path = tmp_path / "datapackage.json"
    path.write_text(json.dumps(descriptor), encoding="utf-8")
    return path, descriptor, res


def _read(path: Path, descriptor: dict[str, Any], res: dict[str, Any]) -> pa.Table:
    return read_typed(path, res, arrow_schema(descriptor, res, 0, "0" * 64))


HEADER = "id,published,count,share,official,day,kind,level,big,when,other\n"


def test_every_type_is_read_from_the_schema(tmp_path: Path) -> None:
    text = (
        HEADER
        + 'r1,2025,7,0.5,yes,2024-02-29,b,3,"1 234,5",29/02/2024,1999\n'
        + 'r2,,,,no,,,,,,\n'
        + '"r3","2025-04",-1,"-79.90",no,1903-11-24,a,1,"12,0",01/01/1903,0042\n'
    )
    table = _read(*_package(tmp_path, text))
    assert table.schema.field("published").type == pa.string()
    assert table.schema.field("count").type == pa.int64()
    assert table.schema.field("share").type == pa.float64()
    assert table.schema.field("official").type == pa.bool_()
    assert table.schema.field("day").type == pa.date32()
    assert table.schema.field("kind").type == pa.dictionary(pa.int32(), pa.string())
    assert table.schema.field("level").type == pa.dictionary(pa.int32(), pa.int64())
    assert table.schema.field("other").type == pa.string()
    assert not table.schema.field("id").nullable
    assert table.schema.field("published").nullable
    assert table.to_pylist() == [
        {"id": "r1", "published": "2025", "count": 7, "share": 0.5, "official": True,
         "day": dt.date(2024, 2, 29), "kind": "b", "level": 3, "big": 1234.5,
         "when": dt.date(2024, 2, 29), "other": "1999"},
        {"id": "r2", "published": None, "count": None, "share": None, "official": False,
         "day": None, "kind": None, "level": None, "big": None, "when": None, "other": None},
        {"id": "r3", "published": "2025-04", "count": -1, "share": -79.9, "official": False,
         "day": dt.date(1903, 11, 24), "kind": "a", "level": 1, "big": 12.0,
         "when": dt.date(1903, 1, 1), "other": "0042"},
    ]


def test_enum_dictionary_is_the_enum_in_schema_order(tmp_path: Path) -> None:
    table = _read(*_package(tmp_path, HEADER + "r1,,,,,,c,,,,\nr2,,,,,,a,,,,\n"))
    chunk = table.column("kind").chunk(0)
    assert chunk.dictionary.to_pylist() == ["a", "b", "c"]
    assert chunk.indices.to_pylist() == [2, 0]


def test_schema_missing_values_become_null_and_nothing_else(tmp_path: Path) -> None:
    fields = [{"name": "a", "type": "string"}, {"name": "b", "type": "integer"},
              {"name": "c", "type": "string", "missingValues": ["-"]}]
    text = 'a,b,c\nNA,NA,NA\n"",5,-\nx,,\n'
    table = _read(*_package(tmp_path, text, fields, missingValues=["", "NA"]))
    # c has its own missingValues: only "-" is missing there, "" and "NA" are values.
    assert table.to_pylist() == [
        {"a": None, "b": None, "c": "NA"},
        {"a": None, "b": 5, "c": None},
        {"a": "x", "b": None, "c": ""},
    ]


def test_newlines_and_quotes_inside_values_survive(tmp_path: Path) -> None:
    fields = [{"name": "a", "type": "string"}, {"name": "b", "type": "string"}]
    text = 'a,b\n"line one\nline two","say ""hi"", twice"\n'
    table = _read(*_package(tmp_path, text, fields))
    assert table.to_pylist() == [{"a": "line one\nline two", "b": 'say "hi", twice'}]


@pytest.mark.parametrize(
    ("row", "problem"),
    [
        (",2025,,,,,,,,,", "id: a value is required but the cell is empty [required]"),
        ("r1,,,,maybe,,,,,,", "official: 'maybe' is not a boolean [type]"),
        ("r1,,,,,,z,,,,", "kind: 'z' is not one of: a, b, c [enum]"),
        ("r1,,,,,,,7,,,", "level: '7' is not one of: 1, 2, 3 [enum]"),
        ("r1,,x,,,,,,,,", "count: 'x' is not an integer [type]"),
        ("r1,,,,,2024-02-30,,,,,", "day: '2024-02-30' is not a date (YYYY-MM-DD) [type]"),
    ],
)
def test_invalid_values_are_refused(tmp_path: Path, row: str, problem: str) -> None:
    with pytest.raises(DataError) as info:
        _read(*_package(tmp_path, HEADER + row + "\n"))
    # The same finding as the checker's: file, line, field, value, code.
    assert str(info.value) == "t.csv:2: " + problem


def test_header_must_equal_the_schema(tmp_path: Path) -> None:
    fields = [{"name": "a", "type": "string"}, {"name": "b", "type": "string"}]
    with pytest.raises(DataError, match="header"):
        _read(*_package(tmp_path, "b,a\n1,2\n", fields))


def test_unsupported_dialect_is_a_descriptor_error(tmp_path: Path) -> None:
    fields = [{"name": "a", "type": "string"}]
    path, descriptor, res = _package(tmp_path, "a\n1\n", fields)
    res["dialect"] = {"commentChar": "#"}
    with pytest.raises(DescriptorError, match="commentChar"):
        _read(path, descriptor, res)


def test_dialect_delimiter_and_headerless_files(tmp_path: Path) -> None:
    fields = [{"name": "a", "type": "string"}, {"name": "b", "type": "integer"}]
    path, descriptor, res = _package(tmp_path, "x;1\ny;2\n", fields)
    res["dialect"] = {"delimiter": ";", "header": False}
    assert _read(path, descriptor, res).to_pylist() == [{"a": "x", "b": 1}, {"a": "y", "b": 2}]
