"""The integrity checker: everything the schema says, and what it cannot say.

``check_package(path) -> Report`` with ``report.valid`` and ``report.findings``
(each a ``Finding(code, file, line, field, message)``). The descriptor and the files'
bytes are checked first (``descriptor_checks``, ``files``); then every rule of the
registry (``registry.py``) runs on the data: the Table Schema's constraints and keys
(``schema_checks``) and what a schema cannot express (``semantic_checks``,
``actor_checks``), each handed only the columns it declares. Columns are Arrow arrays
and every rule works on whole columns, so a million-event package checks in seconds.
The checker only reads.

An unreadable, unusable or unsafe descriptor or data file raises DescriptorError
(exit 2); bad data is a finding (exit 1).
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Collection, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from functools import partial
from pathlib import Path

from ..descriptor import DescriptorError, command, read_descriptor, resolve, shown
from ..tableschema import Schema
from .declared import Tables, declared
from .files import Table, read_table
from .keys import Keys
from .registry import KEYS_RULE, RULES, Rule, edtf_columns
from .report import Finding, Report

__all__ = ["Finding", "Report", "check_package"]

# The rules of a stage (a table's own, then the cross-table ones) run side by side in
# this many threads once a table has THREADS_FROM rows; below that, one by one.
WORKERS = 4
THREADS_FROM = 50_000


def check_package(
    datapackage: str | os.PathLike[str] | None = None,
    max_errors: int | None = None,
    on_table: Callable[[Table, Report], None] | None = None,
) -> Report:
    """Check the package; keep at most ``max_errors`` findings (all problems are counted).

    ``on_table`` is called with each resource's table once its own checks are done and
    before its columns are freed: the Parquet build writes the values the checker has
    just validated, so each CSV is read once (``Table.parsed`` holds the typed columns,
    ``Table.sha256`` the file's checksum).
    """
    from . import descriptor_checks, semantic_checks

    path = resolve(datapackage)
    descriptor = read_descriptor(path)
    report = Report(descriptor=path.name, max_errors=max_errors, datapackage=shown(path),
                    fmt_command=command("fmt", path))
    descriptor_checks.check_safe(descriptor, path)
    report.file_order = [res["path"] for res in descriptor["resources"]]

    # The descriptor first, validated once. If it breaks the profile, the schema itself
    # is in doubt, and if the readers cannot read the data as declared, checking data
    # against it would mislead: the data is not read.
    if not descriptor_checks.check_profile(descriptor, report, path.name):
        return report
    if not check_supported(descriptor, report, path.name):
        return report
    _check_data(descriptor, path, report, on_table)
    semantic_checks.check_vocabularies(descriptor, report, path.name)
    return report


def _check_data(descriptor: dict, datapackage: Path, report: Report,
                on_table: Callable[[Table, Report], None] | None) -> None:
    """Every rule of the registry on the data files (each file found through
    ``descriptor.resource_path``, as by every reader): each table's own rules as its
    file is read, then the cross-table rules, each handed only the columns it declares."""
    schemas = {res["name"]: Schema(res) for res in descriptor["resources"]}
    rules = _runnable(schemas, report)
    columns = {rule.name: rule.columns(schemas) for rule in rules}
    keep: dict[str, set[str]] = {name: set() for name in schemas}
    for rule in rules:
        if rule.cross_table:
            for name, cols in columns[rule.name].items():
                keep[name] |= cols

    tables: dict[str, Table] = {}
    resources = descriptor["resources"]
    sha256 = on_table is not None
    # The files are read one after another in a thread of their own (parsed, hashed:
    # Arrow and hashlib work outside the GIL) while the rules run on those read
    # before; a table's rules start while the previous table's last ones still run.
    # Every finding is merged into the report in the order of a plain loop (``_InOrder``).
    # ``on_table`` (the build's writing of a table) runs in a thread of its own too,
    # while the rules go on with the next table; it is waited for before returning.
    with ThreadPoolExecutor(max_workers=1) as ahead, \
            ThreadPoolExecutor(max_workers=WORKERS) as pool, \
            ThreadPoolExecutor(max_workers=1) as writer:
        reads = [ahead.submit(_read, datapackage, res, report, sha256) for res in resources]
        written: list[Future[None]] = []
        order = _InOrder(pool, report)

        def done_with(table: Table, end: int) -> None:
            """Once its rules are merged: the build's hook, and only what cross-table
            rules read is kept."""
            order.merge_to(end)
            if on_table is None:
                table.keep(keep[table.name])  # free the columns no cross-table rule reads
            else:
                written.append(writer.submit(_hand_over, table, report, on_table,
                                             keep[table.name]))

        try:
            checking: list[tuple[Table, int]] = []  # tables whose rules may still run
            for res, read in zip(resources, reads, strict=True):
                found, table = read.result()
                order.add(found)
                _check_table(table, res, rules, columns, report, order)
                tables[table.name] = table
                while checking and order.ready(checking[0][1]):
                    done_with(*checking.pop(0))
                checking.append((table, order.started))
            for table, end in checking:
                done_with(table, end)
            order.finish()
            _check_across(tables, rules, columns, report, order)
            for done in written:
                done.result()  # what the hook raised, raised here
        except BaseException:  # an unreadable file, a bug, Ctrl-C: start nothing more
            for executor in (ahead, pool, writer):
                executor.shutdown(wait=False, cancel_futures=True)
            raise


def _hand_over(table: Table, report: Report, on_table: Callable[[Table, Report], None],
               keep: set[str]) -> None:
    """The build's hook on a checked table, then only what cross-table rules read is
    kept (a cross-table rule's view of the table holds the columns it reads)."""
    on_table(table, report)
    table.keep(keep)


def _check_across(tables: dict[str, Table], rules: list[Rule],
                  columns: dict[str, dict[str, frozenset[str]]], report: Report,
                  order: _InOrder) -> None:
    """The cross-table rules, side by side: each starts once the rules it runs after
    (``Rule.after``) are merged into the report; all are merged in the registry's
    order."""
    keys = Keys(tables)
    side_by_side = max((t.nrows for t in tables.values()), default=0) >= THREADS_FROM
    for rule in rules:
        if not rule.cross_table:
            continue
        wanted = {name: _present(rule, tables[name], cols)
                  for name, cols in columns[rule.name].items()}
        if not all(_readable(rule, tables[name], cols) for name, cols in wanted.items()):
            continue
        lost = [tables[name].file for name in wanted if report.lost_rows(tables[name].file)]
        if lost and rule.schema_reads is None:
            # One fault, one finding: its findings would be the lost rows' consequences.
            order.held_back(f"{rule.name}: {', '.join(lost)} has rows that could "
                            "not be read; fix them first")
            continue
        order.wait_for(rule.after)
        order.run(rule, partial(rule.check, Tables(tables, keys, wanted, rule.name)),
                  keys_known=KEYS_RULE in rule.after, side_by_side=side_by_side)
    order.finish()


class _InOrder:
    """Rules run side by side in ``pool``, each into a fork of the report, and what
    they (and the files' reading) find is merged into the report in the order it was
    started: the report is the one running them one after another would give, as long
    as no rule reads from the report what a rule it does not declare to run after
    finds (which ``Report.fork`` refuses). A rule run with ``side_by_side`` False (a
    small table, where threads cost more than they save) runs at once, on the report
    itself, once everything started before it is merged."""

    def __init__(self, pool: ThreadPoolExecutor, report: Report) -> None:
        self.pool, self.report = pool, report
        self.pending: list[tuple[str, Future[Report] | Report | str]] = []
        self.started = 0  # entries started (merged or pending)

    def run(self, rule: Rule, check: Callable[[Report], None], keys_known: bool,
            side_by_side: bool) -> None:
        if not side_by_side:
            self.finish()
            with _running(rule, self.report):
                check(self.report)
        else:
            found = self.report.fork(keys_known)
            self._append(rule.name, self.pool.submit(_run, rule, check, found))

    def add(self, found: Report) -> None:
        """What was found apart (a file's reading), in its place."""
        self._append("", found)

    def held_back(self, why: str) -> None:
        """Say, in its place among the rules' findings, that a rule did not run."""
        self._append("", why)

    def wait_for(self, names: Collection[str]) -> None:
        """Merge, in order, until none of ``names`` is still pending."""
        while any(name in names for name, _ in self.pending):
            self._merge_first()

    def merge_to(self, end: int) -> None:
        """Merge, in order, everything of the first ``end`` entries started."""
        while self.started - len(self.pending) < end:
            self._merge_first()

    def ready(self, end: int) -> bool:
        """Whether everything of the first ``end`` entries started has finished."""
        first = end - (self.started - len(self.pending))  # of them, how many are pending
        return all(not isinstance(what, Future) or what.done()
                   for _, what in self.pending[:max(first, 0)])

    def finish(self) -> None:
        while self.pending:
            self._merge_first()

    def _append(self, name: str, what: Future[Report] | Report | str) -> None:
        self.started += 1
        self.pending.append((name, what))
        if not isinstance(what, Future):
            while self.pending and not isinstance(self.pending[0][1], Future):
                self._merge_first()  # nothing running before it: merged at once

    def _merge_first(self) -> None:
        _, done = self.pending.pop(0)
        if isinstance(done, str):
            self.report.held_back.append(done)
        elif isinstance(done, Report):
            self.report.merge(done)
        else:
            self.report.merge(done.result())


def _run(rule: Rule, check: Callable[[Report], None], found: Report) -> Report:
    with _running(rule, found):
        check(found)
    return found


def _read(datapackage: Path, res: dict, report: Report, sha256: bool) -> tuple[Report, Table]:
    """Read and check one data file, its findings in a report of their own."""
    found = report.sibling()
    try:
        return found, read_table(datapackage, res, found, sha256=sha256)
    except OSError as exc:
        raise DescriptorError(
            f"{res['path']}: cannot read the data file: {exc.strerror or exc}"
        ) from None


def _check_table(table: Table, res: dict, rules: list[Rule],
                 columns: dict[str, dict[str, frozenset[str]]], report: Report,
                 order: _InOrder) -> None:
    """Start the table's own rules (side by side on a large table, see ``_InOrder``)."""
    report.rows[res["name"]] = table.nrows
    table.edtf = edtf_columns(table.name)
    side_by_side = table.nrows >= THREADS_FROM
    for rule in rules:
        own = columns[rule.name].get(table.name)
        if rule.cross_table or own is None or not _readable(rule, table, own):
            continue
        order.run(rule, partial(rule.check, declared(table, _present(rule, table, own),
                                                     rule.name)),
                  keys_known=False, side_by_side=side_by_side)


def _runnable(schemas: dict[str, Schema], report: Report) -> list[Rule]:
    """The rules of the registry that apply to this package and can run on it; an
    ``unsupported`` finding for each thing a rule needs that the package lacks (one
    per missing thing, naming every rule that needs it)."""
    lacking: dict[str, tuple[str, list[str]]] = {}
    runnable = []
    for rule in RULES:
        if not rule.applies(schemas):
            report.not_applicable.append(rule.name)
            continue
        missing = list(rule.lacking(schemas))
        for where, what in missing:
            lacking.setdefault(where, (what, []))[1].append(rule.name)
        if not missing:
            runnable.append(rule)
    for where, (what, names) in lacking.items():
        which = (f"the checker's rule {names[0]} needs it, so it does not run"
                 if len(names) == 1 else
                 f"the checker's rules {', '.join(names)} need it, so they do not run")
        report.add("unsupported", report.descriptor, None, where,
                   f"{what}: {which} (declare it in {report.descriptor}, by hand)")
    return runnable


def _present(rule: Rule, table: Table, cols: frozenset[str]) -> frozenset[str]:
    """The declared columns the file has. A rule of the Table Schema reads what there
    is (a column the header lacks is a ``header`` finding already)."""
    return cols & table.columns.keys() if rule.schema_reads is not None else cols


def _readable(rule: Rule, table: Table, cols: frozenset[str]) -> bool:
    """Whether the file has every column the rule reads. One it lacks was reported
    as a ``header`` finding (the schema declares it: ``_runnable`` made sure); the rule
    would only repeat that fault, so it does not run on this file."""
    return rule.schema_reads is not None or cols <= table.columns.keys()


@contextlib.contextmanager
def _running(rule: Rule, report: Report) -> Iterator[None]:
    """While ``rule`` runs, the report accepts only the codes it declares."""
    report.rule, report.rule_codes = rule.name, frozenset(rule.codes)
    try:
        yield
    finally:
        report.rule, report.rule_codes = None, frozenset()


def check_supported(descriptor: dict, report: Report, file: str) -> bool:
    """An ``unsupported`` finding for everything the package declares that the readers
    (this checker, the loader, the Parquet build) do not implement; True if none."""
    before = report.total
    for res in descriptor["resources"]:
        for where, why in Schema(res).unsupported():
            report.add("unsupported", file, None, where, f"{why} (no reader here implements it)")
    return report.total == before
