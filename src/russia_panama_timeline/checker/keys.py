"""Integer codes for key columns, so keys are compared as integers, not strings.

Ids are compared many times: uniqueness, the primary key, each foreign key, the
citation checks, the lookups from a citation to its event and source. Hashing a
million strings costs about half a second each time. Columns that refer to each other
through a foreign key (``events.event_id`` and ``event_sources.event_id``; the
``source_id``/``cited_in`` columns) form one *domain*, dictionary-encoded once
together by Arrow, so equal strings get equal codes across tables; every key check is
then numpy work on integers.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from .files import Once, Table

Node = tuple[str, str]  # (resource, field)


class UndeclaredColumn(KeyError):
    """A rule read a column it does not declare in the registry: a bug in the rule
    (``checker/registry.py``), never a property of the data."""

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else super().__str__()


class Keys:
    """Codes of key columns, one dictionary per domain of columns joined by foreign keys."""

    def __init__(self, tables: Mapping[str, Table]) -> None:
        """Domains from the schema's ``foreignKeys``: the one statement of which columns
        refer to which (the cross-table checks compare only columns linked there)."""
        self.tables = tables
        self.parent: dict[Node, Node] = {}
        self.done: dict[Node, tuple[dict[Node, np.ndarray], int]] = {}
        self.allowed: Collection[Node] | None = None  # None: every column
        self.rule = ""
        self.once = Once()
        for table in tables.values():
            for fk in table.schema.foreign_keys:
                for a, b in fk.pairs():
                    self._union(a, b)

    def restricted(self, allowed: Collection[Node], rule: str) -> Keys:
        """The same codes, for a rule that may read only the ``allowed`` columns (the
        ones it declares): asking for another raises UndeclaredColumn."""
        view = object.__new__(Keys)
        view.__dict__.update(self.__dict__)
        view.allowed, view.rule = allowed, rule
        return view

    def _may_read(self, table: str, field: str) -> None:
        if self.allowed is not None and (table, field) not in self.allowed:
            raise UndeclaredColumn(
                f"the rule {self.rule!r} reads {table}.{field}, which it does not declare "
                "in checker/registry.py")

    def _find(self, node: Node) -> Node:
        while self.parent.get(node, node) != node:
            node = self.parent[node]
        return node

    def _union(self, a: Node, b: Node) -> None:
        ra, rb = self._find(a), self._find(b)
        if ra != rb:
            self.parent[ra] = rb

    def codes(self, table: str, field: str) -> tuple[np.ndarray, int]:
        """The column's codes and the size of its domain's dictionary."""
        self._may_read(table, field)
        root = self._find((table, field))
        # rules run side by side: each domain is encoded once
        out, size = self.once.get(self.done, root, lambda: self._encode(root, (table, field)))
        return out[(table, field)], size

    def _encode(self, root: Node, node: Node) -> tuple[dict[Node, np.ndarray], int]:
        """The codes of every column of ``root``'s domain, from one dictionary."""
        table, field = node
        members = [
            n
            for n in {*self.parent, *self.parent.values(), (table, field)}
            if self._find(n) == root
            and n[0] in self.tables
            and n[1] in self.tables[n[0]].columns
        ]
        members.sort()
        chunks: list[pa.Array] = []
        for t, f in members:
            col = self.tables[t].columns[f]
            chunks.extend(col.chunks if isinstance(col, pa.ChunkedArray) else [col])
        enc = pc.dictionary_encode(pa.chunked_array(chunks, pa.string()))
        parts = enc.chunks
        size = len(parts[0].dictionary) if parts else 0
        flat = (
            np.concatenate([np.asarray(p.indices, dtype=np.int64) for p in parts])
            if parts
            else np.zeros(0, np.int64)
        )
        out: dict[Node, np.ndarray] = {}
        start = 0
        for t, f in members:
            n = len(self.tables[t].columns[f])
            out[(t, f)] = flat[start : start + n]
            start += n
        return out, size

    def combined(self, table: str, fields: list[str]) -> np.ndarray | None:
        """One integer per row for several key fields; None if it could overflow."""
        total: np.ndarray | None = None
        span = 1
        for f in fields:
            c, size = self.codes(table, f)
            span *= max(size, 1)
            if span >= 2**62:
                return None
            total = c.copy() if total is None else total * max(size, 1) + c
        return total


def first_rows(codes: np.ndarray, present: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Rows whose present code repeats an earlier row's, and each row's first row.

    Counting the codes settles the usual case (no repeats) without sorting."""
    n = len(codes)
    if n == 0:
        return np.zeros(0, dtype=bool), np.zeros(0, dtype=np.int64)
    kept = codes[present]
    if len(kept) == 0:
        return np.zeros(n, dtype=bool), np.arange(n)
    dense = kept.min() >= 0 and kept.max() < 4 * n + 1024  # dictionary codes, not combined
    if dense and np.bincount(kept).max() <= 1:
        return np.zeros(n, dtype=bool), np.arange(n)
    c = np.where(present, codes, -1 - np.arange(n))  # absent keys never collide
    _, first_pos, inverse = np.unique(c, return_index=True, return_inverse=True)
    first = first_pos[inverse]
    return (first != np.arange(n)) & present, first


def member(codes: np.ndarray, known: np.ndarray, size: int) -> np.ndarray:
    """Which codes occur among ``known`` (both from one domain of ``size`` codes)."""
    seen = np.zeros(size + 1, dtype=bool)
    seen[known] = True
    return seen[codes]


def position(codes: np.ndarray, ids: np.ndarray, size: int) -> np.ndarray:
    """Row of ``ids`` holding each code (-1 where none)."""
    where = np.full(size + 1, -1, dtype=np.int64)
    where[ids] = np.arange(len(ids))
    return where[codes]
