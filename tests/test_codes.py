"""Finding codes are data: one registry (checker/codes.py) that the checker cannot
step outside of, that the table in docs/checking.md is generated from, and that the fault
corpus covers code by code."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from _faults import FAULT_CODES

import russia_panama_timeline.checker as checker_pkg
from russia_panama_timeline.checker.codes import CODES, UnknownCode
from russia_panama_timeline.checker.report import Report

CHECKER = Path(checker_pkg.__file__).parent


def _emitted_literals() -> dict[str, list[str]]:
    """Every string literal passed as the code of ``report.add``/``report.add_rows``
    in the checker's source, with where it is."""
    found: dict[str, list[str]] = {}
    for path in sorted(CHECKER.glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr in ("add", "add_rows")
                and node.args
                and isinstance(node.args[0], ast.Constant)
                and isinstance(node.args[0].value, str)
            ):
                found.setdefault(node.args[0].value, []).append(f"{path.name}:{node.lineno}")
    return found


def test_every_literal_code_in_the_checker_is_registered() -> None:
    emitted = _emitted_literals()
    assert len(emitted) >= 20, "the scan must see the checker's calls"
    unknown = {c: where for c, where in emitted.items() if c not in CODES}
    assert not unknown


def test_the_report_refuses_an_unregistered_code() -> None:
    report = Report()
    with pytest.raises(UnknownCode, match="not declared"):
        report.add("no-such-code", "data/events.csv", 2, None, "message")
    import numpy as np

    with pytest.raises(UnknownCode):
        report.add_rows("no-such-code", "f", None, np.zeros(3, bool), lambda i: i, str)
    assert report.total == 0 and not report.findings


def test_every_registered_code_has_a_fault() -> None:
    """The corpus (tests/_faults.py) produces every code at least once; that each
    fault yields exactly the findings it declares is test_check_corpus's job."""
    missing = sorted(set(CODES) - set(FAULT_CODES.values()))
    assert not missing, f"no fault in tests/_faults.py produces {missing}"
    assert set(FAULT_CODES.values()) <= set(CODES)


def test_registry_entries_are_complete() -> None:
    for code in CODES.values():
        assert code.code == code.code.strip().lower() and " " not in code.code
        assert code.layer in (1, 2)
        assert code.meaning.strip().endswith((".", "..."))


def test_docs_list_every_code_once() -> None:
    page = (Path(__file__).resolve().parents[1] / "docs" / "checking.md").read_text(
        encoding="utf-8")
    start = page.index("<!-- section: finding-codes -->")
    section = page[start : page.index("<!-- /section: finding-codes -->")]
    rows = [line.split("|")[1].strip().strip("`") for line in section.splitlines()
            if line.startswith("| `")]
    assert rows == list(CODES)
