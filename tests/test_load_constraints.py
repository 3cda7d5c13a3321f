"""The loaders keep README's promise: every constraint of the loaded table (type, enum,
required, pattern, length, range, unique, primary key) raises DataError naming file,
line and field, word for word as ``check`` reports it. Each fault of the corpus that
breaks one is loaded."""

from __future__ import annotations

from pathlib import Path

import pytest
from _faults import FAULTS

from russia_panama_timeline.checker import check_package
from russia_panama_timeline.descriptor import DataError
from russia_panama_timeline.load import load_table
from russia_panama_timeline.reader import REFUSED

TABLE_CONSTRAINTS = {"type", "enum", "required", "pattern", "min-length", "max-length",
                     "minimum", "maximum", "unique", "primary-key"}
CASES = ["required", "type_number", "type_date", "enum_event_type", "pattern_wikidata",
         "pattern_iso_numeric", "pattern_locator", "pattern_id", "pattern_date_set_as_list",
         "max_length", "min_length", "maximum", "minimum", "unique_id", "primary_key_composite"]


def test_every_constraint_of_a_table_is_refused() -> None:
    assert TABLE_CONSTRAINTS <= REFUSED


@pytest.mark.parametrize("name", CASES)
def test_the_loader_refuses_what_check_refuses(name: str, package_copy: Path) -> None:
    expected = FAULTS[name](package_copy)
    findings = [f for f in check_package(package_copy).findings
                if f.code in TABLE_CONSTRAINTS]
    assert {(f.code, f.file, f.line, f.field) for f in findings} == set(expected)
    file = expected[0].file
    resource = Path(file).stem
    with pytest.raises(DataError) as raised:
        load_table(resource, package_copy)
    problems = raised.value.problems  # type: ignore[attr-defined]
    label = str(package_copy.parent / file)
    # the same words as check's findings, the file named by its full path
    assert problems == [label + str(f).removeprefix(f.file) for f in findings]
    assert str(raised.value).startswith(problems[0])


def test_the_codes_cases_cover_every_table_constraint() -> None:
    from _faults import FAULT_CODES

    assert {FAULT_CODES[name] for name in CASES} == TABLE_CONSTRAINTS
