"""What a rule is handed: tables and key codes that expose only the columns it declares.

The registry (``registry.py``) says which columns each rule reads; the checker hands a
rule views of its tables through which no other column can be read. A rule that
reads an undeclared column raises ``UndeclaredColumn`` (a bug in the rule, found by
the first test that runs it), so the columns the checker keeps for the cross-table
rules are exactly those they use.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

import pyarrow as pa

from ..tableschema import Parsed
from .files import Table
from .keys import Keys, UndeclaredColumn


class DeclaredColumns(dict[str, pa.Array]):
    """A table's columns limited to those a rule declares; another raises."""

    def __init__(self, columns: Mapping[str, pa.Array], allowed: frozenset[str], rule: str,
                 resource: str) -> None:
        super().__init__((k, v) for k, v in columns.items() if k in allowed)
        self.rule, self.resource = rule, resource

    def __missing__(self, key: str) -> Any:
        raise UndeclaredColumn(
            f"the rule {self.rule!r} reads {self.resource}.{key}, which it does not declare "
            "in checker/registry.py")


class DeclaredTable(Table):
    """A table as one rule sees it: only its declared columns (the parsed columns and
    the file's facts are shared with the table it views)."""

    def parsed(self, name: str) -> Parsed:
        self.columns[name]  # raises for an undeclared column, even if parsed already
        return super().parsed(name)


def declared(table: Table, allowed: frozenset[str], rule: str) -> DeclaredTable:
    """A view of ``table`` for ``rule``, which declares the columns ``allowed``."""
    view = DeclaredTable.__new__(DeclaredTable)
    view.__dict__.update(table.__dict__)
    view.columns = DeclaredColumns(table.columns, allowed, rule, table.name)
    return view


class Tables(Mapping[str, Table]):
    """The tables a cross-table rule reads (each a view of its declared columns), and
    the shared key codes, limited to the same columns."""

    def __init__(self, tables: Mapping[str, Table], keys: Keys,
                 columns: Mapping[str, frozenset[str]], rule: str) -> None:
        self._tables = {name: declared(tables[name], cols, rule)
                        for name, cols in columns.items() if name in tables}
        self.key_codes = keys.restricted(
            {(name, col) for name, cols in columns.items() for col in cols}, rule)
        self.rule = rule

    def __getitem__(self, name: str) -> Table:
        if name not in self._tables:
            raise UndeclaredColumn(f"the rule {self.rule!r} reads the resource {name!r}, "
                                   "which it does not declare in checker/registry.py")
        return self._tables[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self._tables)

    def __len__(self) -> int:
        return len(self._tables)
