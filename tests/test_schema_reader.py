"""The Table Schema is read in one place: ``tableschema.py``. No other module looks up
a schema property (fields, keys, constraints, enums, categories, missing values, the
dialect, the row order) in the descriptor's dicts; each asks ``tableschema``."""

from __future__ import annotations

import ast
from pathlib import Path

import russia_panama_timeline as rpt

PACKAGE = Path(rpt.__file__).parent
SCHEMA_KEYS = {
    "fields", "foreignKeys", "primaryKey", "constraints", "enum", "categories",
    "missingValues", "dialect", "orderBy", "trueValues", "falseValues", "groupChar",
    "decimalChar", "bareNumber", "delimiter", "quoteChar", "doubleQuote", "escapeChar",
    "lineTerminator", "pattern", "minLength", "maxLength", "minimum", "maximum",
    "unique", "required", "format",
}
# Where a key may be looked up outside tableschema.py, and why.
ALLOWED = {
    # The descriptor's structure (an inline schema with a list of named fields) is
    # validated before any Schema is built from it.
    ("checker/descriptor_checks.py", "fields"),
    # diff compares two descriptors as written, broken ones too (a field without a
    # type, a schema that is not an object), property by property: it reads the raw
    # dicts on purpose and builds no Schema from them.
    ("diff/schema_changes.py", "fields"),
}


def lookups(path: Path) -> list[tuple[int, str]]:
    """(line, key) of every ``x["key"]`` read and ``x.get("key")`` with a schema key."""
    out = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        key = None
        if isinstance(node, ast.Subscript) and isinstance(node.ctx, ast.Load) \
                and isinstance(node.slice, ast.Constant):
            key = node.slice.value
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) \
                and node.func.attr == "get" and node.args \
                and isinstance(node.args[0], ast.Constant):
            key = node.args[0].value
        if key in SCHEMA_KEYS:
            out.append((node.lineno, str(key)))
    return out


def test_only_tableschema_reads_the_table_schema() -> None:
    offenders = []
    for path in sorted(PACKAGE.rglob("*.py")):
        rel = path.relative_to(PACKAGE).as_posix()
        if rel == "tableschema.py":
            continue
        offenders += [f"{rel}:{line}: {key}" for line, key in lookups(path)
                      if (rel, key) not in ALLOWED]
    assert not offenders


def test_the_scan_finds_a_lookup(tmp_path: Path) -> None:
    """The test above can fail: the lookups it looks for are found."""
    sample = tmp_path / "x.py"
    sample.write_text('fks = res["schema"].get("foreignKeys")\nenum = c["enum"]\n'
                      'info["enum"] = 1\n', encoding="utf-8")
    assert lookups(sample) == [(1, "foreignKeys"), (2, "enum")]
