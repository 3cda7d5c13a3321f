"""Findings and the report that collects them.

A finding is one problem a person can act on: where it is (the file relative to the
descriptor's folder, the physical line in that file, the field), what is wrong and
what was expected, and a stable ``code`` naming the check (declared in ``codes.py``,
from which the table of codes in docs/checking.md is generated).
The report counts every problem but keeps at most ``max_errors`` findings, so a file
with a million bad rows is reported in the time it takes to count them.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field
from typing import Any

import numpy as np

from .codes import UnknownCode, known


def one_line(text: str) -> str:
    """Escape what would break the one-finding-per-line format or hide in a terminal."""
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in text)


@dataclass(frozen=True)
class Finding:
    """One problem: where it is and what is wrong."""

    code: str
    file: str
    line: int | None
    field: str | None
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        col = f" {self.field}:" if self.field else ""
        return f"{where}:{col} {self.message} [{self.code}]"

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


# Findings that make a cell unusable as a key value: a reference to that row cannot
# be told apart from a reference to nothing, so only the bad cell is reported.
SPOILS_KEYS = frozenset({"type", "pattern", "required", "enum", "min-length", "max-length"})
# Findings that mean rows of the file were not read at all.
LOSES_ROWS = frozenset({"ragged-row", "csv-syntax"})


class UndeclaredRead(RuntimeError):
    """A rule read from the report what a rule it does not declare to run after finds
    (``Rule.after`` in ``checker/registry.py``): a bug in the registry, never a
    property of the data."""


@dataclass
class Report:
    """All findings for one package, plus how many problems there were in total."""

    findings: list[Finding] = field(default_factory=list)
    descriptor: str = "datapackage.json"
    max_errors: int | None = None
    total: int = 0
    rows: dict[str, int] = field(default_factory=dict)
    files: set[str] = field(default_factory=set)  # every file with a problem, shown or not
    file_order: list[str] = field(default_factory=list)  # resource files in descriptor order
    # The descriptor as the user should name it again, and the exact ``fmt`` command
    # that fixes what fmt can fix, so that every hint can be run as printed.
    datapackage: str = "datapackage.json"
    fmt_command: str = "russia-panama-timeline fmt"
    # Rows whose cell already has a finding that makes it unusable as a key, per
    # (file, field): the cross-table checks do not blame other rows for them.
    bad_cells: dict[tuple[str, str], list[np.ndarray]] = field(default_factory=dict)
    # While a rule of the registry runs: its name and the codes it declares (no other
    # may be emitted). Rules that do not apply to this package (none of their resources).
    rule: str | None = None
    rule_codes: frozenset[str] = frozenset()
    not_applicable: list[str] = field(default_factory=list)
    # Rules held back because an earlier finding makes their input untrustworthy (rows
    # of a table that could not be read): "rule: why", for the JSON report.
    held_back: list[str] = field(default_factory=list)
    # The codes found in each file, and the rows whose key value repeats (all of them:
    # a reference to such a value cannot be told to mean one row).
    codes_in: dict[str, set[str]] = field(default_factory=dict)
    not_utf8: set[str] = field(default_factory=set)  # files with a byte that is not UTF-8
    repeated: dict[tuple[str, str], np.ndarray] = field(default_factory=dict)
    # A fork's view of what was found before it (``fork``): read by ``bad_rows``,
    # ``untrusted_rows`` and ``lost_rows``, never merged back. ``keys_known``: False
    # in a fork made before the repeated key values (``repeated``) were all found.
    inherited: Report | None = field(default=None, repr=False, compare=False)
    keys_known: bool = True

    @property
    def valid(self) -> bool:
        return not self.findings and self.total == 0

    @property
    def room(self) -> int | None:
        """How many more findings may be kept (None = no limit)."""
        if self.max_errors is None:
            return None
        return max(0, self.max_errors - len(self.findings))

    def _declared(self, code: str) -> None:
        """The code is registered and, while a rule runs, one the rule declares."""
        known(code)
        if self.rule is not None and code not in self.rule_codes:
            raise UnknownCode(f"the rule {self.rule!r} emitted {code!r}, which it does not "
                              "declare in checker/registry.py")

    def add(self, code: str, file: str, line: int | None, field: str | None, message: str) -> None:
        """Count one problem and keep its finding if there is room."""
        self._declared(code)
        self.total += 1
        self.files.add(file)
        self.codes_in.setdefault(file, set()).add(code)
        if self.room != 0:
            self.findings.append(
                Finding(code, one_line(file), line, field and one_line(field), one_line(message))
            )

    def add_rows(
        self,
        code: str,
        file: str,
        field: str | None,
        rows: np.ndarray,
        line_of: Callable[[int], int],
        message_of: Callable[..., str],
    ) -> None:
        """Count a whole column's worth of problems (``rows`` = a boolean mask or row
        indices) and build findings only for those there is room for."""
        self._declared(code)
        idx = np.flatnonzero(rows) if rows.dtype == bool else rows
        if len(idx) == 0:
            return
        self.total += len(idx)
        self.files.add(file)
        self.codes_in.setdefault(file, set()).add(code)
        if code in SPOILS_KEYS and field is not None:
            self.bad_cells.setdefault((file, field), []).append(np.asarray(idx, dtype=np.int64))
        room = self.room
        keep: Iterable[int] = idx if room is None else idx[:room]
        for i in keep:
            i = int(i)
            self.findings.append(
                Finding(
                    code,
                    one_line(file),
                    line_of(i),
                    field and one_line(field),
                    one_line(message_of(i)),
                )
            )

    def sibling(self) -> Report:
        """An empty report for the same package, to collect findings apart (a file read
        in a thread while rules run) and ``merge`` them later."""
        return Report(descriptor=self.descriptor, max_errors=self.max_errors,
                      datapackage=self.datapackage, fmt_command=self.fmt_command,
                      file_order=self.file_order)

    def fork(self, keys_known: bool = True) -> Report:
        """An empty report that also sees what this one has found so far, for a rule
        run in a thread while others run: its findings are ``merge``d later, in the
        rules' order. What this report finds after the fork is not seen by it."""
        forked = self.sibling()
        forked.inherited = Report(
            bad_cells={cell: list(rows) for cell, rows in self.bad_cells.items()},
            codes_in={file: set(codes) for file, codes in self.codes_in.items()},
            repeated=dict(self.repeated), not_utf8=set(self.not_utf8))
        forked.keys_known = keys_known
        return forked

    def merge(self, other: Report) -> None:
        """Take in what ``other`` found, as if it had been found here now: its
        findings after these, as many as there is room for, and every count."""
        self.total += other.total
        self.files |= other.files
        for file, codes in other.codes_in.items():
            self.codes_in.setdefault(file, set()).update(codes)
        room = self.room
        self.findings.extend(other.findings if room is None else other.findings[:room])
        for cell, rows in other.bad_cells.items():
            self.bad_cells.setdefault(cell, []).extend(rows)
        self.not_utf8 |= other.not_utf8
        self.repeated.update(other.repeated)
        self.held_back.extend(other.held_back)
        self.not_applicable.extend(other.not_applicable)

    def bad_rows(self, file: str, field: str, nrows: int) -> np.ndarray:
        """A mask of the rows whose ``field`` cell has a finding that spoils it as a key."""
        out = np.zeros(nrows, dtype=bool)
        for idx in self.bad_cells.get((file, field), []):
            out[idx[idx < nrows]] = True
        if self.inherited is not None:
            out |= self.inherited.bad_rows(file, field, nrows)
        return out

    def untrusted_rows(self, file: str, field: str, nrows: int) -> np.ndarray:
        """Rows whose ``field`` cannot be followed as a key: a cell that spoils it
        (``bad_rows``) or a value that repeats (every row holding it)."""
        if not self.keys_known:
            raise UndeclaredRead(
                f"the rule {self.rule!r} reads the repeated key values that the rule "
                "'unique' finds: declare after=('unique',) in checker/registry.py")
        out = self.bad_rows(file, field, nrows)
        for known_ in (self, self.inherited):
            rows = known_.repeated.get((file, field)) if known_ is not None else None
            if rows is not None:
                out[rows[rows < nrows]] = True
        return out

    def lost_rows(self, file: str) -> bool:
        """Whether rows of the file could not be read (a ragged row, an unclosed quote):
        what other tables say about them cannot be checked against them."""
        inherited = self.inherited is not None and self.inherited.lost_rows(file)
        return inherited or bool(self.codes_in.get(file, set()) & LOSES_ROWS)

    def sorted(self) -> list[Finding]:
        """Findings in reading order: the descriptor first, then the files in the order
        of the descriptor's resources, each by line."""
        rank = {name: i for i, name in enumerate([self.descriptor, *self.file_order])}
        return sorted(
            self.findings, key=lambda f: (rank.get(f.file, len(rank)), f.file, f.line or 0)
        )

    def summary(self) -> str:
        """The closing line of a text report."""
        if self.valid:
            counts = ", ".join(f"{n} {name}" for name, n in self.rows.items())
            return f"{self.descriptor}: valid ({counts})"
        files = len(self.files)
        shown = ""
        if len(self.findings) < self.total:
            shown = f", showing the first {len(self.findings)}"
        s = "" if self.total == 1 else "s"
        fs = "" if files == 1 else "s"
        return f"{self.descriptor}: {self.total} problem{s} in {files} file{fs}{shown}"

    def to_json(self) -> str:
        """The same findings as JSON, for tools."""
        return json.dumps(
            {
                "descriptor": self.descriptor,
                "datapackage": self.datapackage,
                "valid": self.valid,
                "problems": self.total,
                "shown": len(self.findings),
                "rows": self.rows,
                "findings": [f.to_dict() for f in self.sorted()],
                "not_applicable": self.not_applicable,
                "held_back": self.held_back,
                "summary": self.summary(),
            },
            ensure_ascii=False,
            indent=2,
        )
