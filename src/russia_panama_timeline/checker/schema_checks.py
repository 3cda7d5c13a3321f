"""Layer 1: what the Table Schema says, checked on whole columns.

Every field type and constraint the schema uses (required, type, enum, pattern,
minLength/maxLength, minimum/maximum, unique), the primary key (composite included)
and the foreign keys (the self-reference included). What ``frictionless validate``
reports on these files, and at Arrow speed.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import TYPE_CHECKING

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from .columns import codes as codes_of
from .columns import fullmatch, join, mask
from .files import Table, show
from .keys import Keys, first_rows, member
from .report import Report

if TYPE_CHECKING:
    from ..tableschema import Field
    from .declared import Tables


def present_mask(table: Table, name: str) -> np.ndarray:
    """Rows where the field has a value (not one of its missing values)."""
    return table.parsed(name).present


_PRINTED_PATTERN = 80  # characters: a longer pattern is named, not printed


def _pattern_words(table: Table, name: str, pattern: str) -> Callable[[str], str]:
    """How a value that breaks its field's pattern is told: in an EDTF column (one an
    EDTF rule parses, ``Table.edtf``) by what is wrong with the value ("2021-5-3":
    months and days take two digits); else by the pattern, or, when it is too long to
    read, by its field."""
    from ..edtf_dates import explain

    if name in table.edtf:
        return lambda v: (f"{show(v)} is not an EDTF date this field takes: {explain(v)}"
                          if explain(v) else
                          f"{show(v)} is an EDTF date, but of a form this field does not take")
    if len(pattern) <= _PRINTED_PATTERN:
        return lambda v: f"{show(v)} does not match the pattern {pattern}"
    return lambda v: (f"{show(v)} does not match the pattern of {table.name}.{name} "
                      "(in datapackage.json)")


def check_fields(table: Table, report: Report) -> None:
    """Every constraint of every field present in the file, on the values as
    ``tableschema`` reads them (the same values the loader and Parquet hold)."""
    pk = table.schema.primary_key
    fields = [f for f in table.schema.fields if f.name in table.columns]
    matched = _read_columns(table, fields)
    for field in fields:
        name = field.name
        col = table.columns[name]
        parsed = table.parsed(name)
        present = parsed.present
        val = lambda i, name=name: show(table.value(name, i))  # noqa: E731

        if field.is_required(pk):
            report.add_rows(
                "required",
                table.file,
                name,
                ~present,
                table.line,
                lambda i: "a value is required but the cell is empty",
            )
        report.add_rows(
            "type",
            table.file,
            name,
            parsed.bad,
            table.line,
            lambda i, words=parsed.expected, val=val: f"{val(i)} is not {words}",
        )
        ok = present & ~parsed.bad
        if field.enum is not None:
            allowed = [str(v) for v in field.enum]
            listed = ", ".join(allowed) if len(allowed) <= 20 else f"{len(allowed)} values"
            _, outside = field.encode(parsed)
            report.add_rows(
                "enum",
                table.file,
                name,
                ok & outside,
                table.line,
                lambda i, val=val, listed=listed: f"{val(i)} is not one of: {listed}",
            )
        if field.pattern is not None:
            pat = field.pattern
            words = _pattern_words(table, name, pat)
            report.add_rows(
                "pattern",
                table.file,
                name,
                present & ~matched[name],
                table.line,
                lambda i, name=name, words=words: words(table.value(name, i)),
            )
        hi, lo = field.length_bound("maxLength"), field.length_bound("minLength")
        if hi is not None or lo is not None:
            lengths = pc.utf8_length(col).to_numpy(zero_copy_only=False)
            if hi is not None:
                report.add_rows(
                    "max-length",
                    table.file,
                    name,
                    present & (lengths > hi),
                    table.line,
                    lambda i, hi=hi, lengths=lengths, val=val: (
                        f"{val(i)} is {lengths[i]} characters long (at most {hi} allowed)"
                    ),
                )
            if lo is not None:
                report.add_rows(
                    "min-length",
                    table.file,
                    name,
                    present & (lengths < lo),
                    table.line,
                    lambda i, lo=lo, lengths=lengths, val=val: (
                        f"{val(i)} is {lengths[i]} characters long (at least {lo} required)"
                    ),
                )
        _check_range(table, name, ok, report)


THREADS_FROM = 50_000  # rows: below this, threads cost more than they save


def _read_columns(table: Table, fields: list[Field]) -> dict[str, np.ndarray]:
    """Read every column as its field says (kept in ``table.parsed``) and match the
    patterns: the costly part, done two columns at a time in a large table (Arrow
    releases the GIL). Returns each patterned column's match mask."""
    def read(field: Field) -> np.ndarray | None:
        table.parsed(field.name)
        if field.pattern is None:
            return None
        return fullmatch(table.columns[field.name], field.pattern)

    if table.nrows < THREADS_FROM:
        found = [read(field) for field in fields]
    else:
        with ThreadPoolExecutor(max_workers=2) as pool:
            found = list(pool.map(read, fields))
    return {field.name: m for field, m in zip(fields, found, strict=True) if m is not None}


def _check_range(table: Table, name: str, ok: np.ndarray, report: Report) -> None:
    """``minimum``/``maximum`` on the typed values (numbers and dates as values; the
    types kept as text, such as years and times, as ISO strings of one width)."""
    field = table.field(name)
    values = table.parsed(name).values
    for code in ("minimum", "maximum"):
        bound = field.bound(code)
        if bound is None:
            continue
        if values.type == pa.string():
            bound = pa.scalar(str(field.constraints[code]))
        elif values.type != bound.type:
            bound = bound.cast(values.type) if pa.types.is_floating(values.type) else bound
        cmp = pc.less if code == "minimum" else pc.greater
        bad = ok & mask(cmp(values, bound))
        word = "below the minimum" if code == "minimum" else "above the maximum"
        limit = field.constraints[code]
        report.add_rows(
            code,
            table.file,
            name,
            bad,
            table.line,
            lambda i, word=word, limit=limit: f"{table.value(name, i)} is {word} {limit}",
        )


def check_unique(tables: Tables, report: Report) -> None:
    """Fields with the ``unique`` constraint."""
    for table in tables.values():
        _check_unique(table, tables.key_codes, report)


def _check_unique(table: Table, keys: Keys, report: Report) -> None:
    for field in table.schema.fields:
        name = field.name
        if name not in table.columns or not field.unique:
            continue
        codes, _ = keys.codes(table.name, name)
        dup, first = first_rows(codes, present_mask(table, name))
        if dup.any():  # every row holding a repeated value: no rule may follow it
            report.repeated[(table.file, name)] = np.flatnonzero(
                np.isin(first, first[dup]) & present_mask(table, name))
        report.add_rows(
            "unique",
            table.file,
            name,
            dup,
            table.line,
            lambda i, first=first, name=name: (
                f"{show(table.value(name, i))} repeats line {table.line(int(first[i]))} "
                "(values must be unique)"
            ),
        )


def check_primary_key(tables: Tables, report: Report) -> None:
    """The primary key (composite keys included) is unique."""
    for table in tables.values():
        _check_primary_key(table, tables.key_codes, report)


def _check_primary_key(table: Table, keys: Keys, report: Report) -> None:
    pk = table.schema.primary_key
    if not pk or any(n not in table.columns for n in pk):
        return
    if len(pk) == 1 and table.field(pk[0]).unique:
        return  # already reported as `unique`, row by row
    present = np.logical_and.reduce([present_mask(table, n) for n in pk])
    combined = keys.combined(table.name, pk)
    if combined is None:
        combined = codes_of(join([table.columns[n] for n in pk]))
    dup, first = first_rows(combined, present)
    label = ", ".join(pk)
    report.add_rows(
        "primary-key",
        table.file,
        label,
        dup,
        table.line,
        lambda i: (
            f"({', '.join(show(table.value(n, i)) for n in pk)}) repeats "
            f"line {table.line(int(first[i]))} (the primary key must be unique)"
        ),
    )


def check_keys_of_one_table(table: Table, keys: Keys, report: Report) -> None:
    """``unique`` and the primary key of one table (the loaders' refusal of a repeat)."""
    _check_unique(table, keys, report)
    _check_primary_key(table, keys, report)


def check_foreign_keys(tables: Tables, report: Report) -> None:
    """Every ``foreignKeys`` value is a key of the table it refers to."""
    for table in tables.values():
        _check_foreign_keys(table, tables, tables.key_codes, report)


def _check_foreign_keys(table: Table, tables: Tables, keys: Keys, report: Report) -> None:
    for fk in table.schema.foreign_keys:
        target = tables.get(fk.target)
        src, dst = list(fk.fields), list(fk.reference)
        if target is None or not fk.usable:
            continue
        if report.lost_rows(target.file):
            continue  # a value may be a key of a row that could not be read: said there
        if any(n not in table.columns for n in src) or any(n not in target.columns for n in dst):
            continue
        present = np.logical_and.reduce([present_mask(table, n) for n in src])
        if len(src) == 1:
            codes, size = keys.codes(table.name, src[0])
            known, _ = keys.codes(target.name, dst[0])
            found = member(codes, known, size)
        else:
            mine, theirs = keys.combined(table.name, src), keys.combined(target.name, dst)
            if mine is None or theirs is None:
                found = mask(
                    pc.is_in(
                        join([table.columns[n] for n in src]),
                        value_set=join([target.columns[n] for n in dst]),
                    )
                )
            else:
                found = np.isin(mine, theirs)
        bad = present & ~found
        label = ", ".join(src)
        where = f"{a_or_an(', '.join(dst))} of {target.name}"
        spoiled = np.flatnonzero(np.logical_or.reduce(
            [report.bad_rows(target.file, n, target.nrows) for n in dst]
        ))
        if len(spoiled) and bad.any():
            _consequential(table, target, src, dst, bad, spoiled, report)
            continue
        report.add_rows(
            "foreign-key",
            table.file,
            label,
            bad,
            table.line,
            lambda i, where=where, src=src, target=target: (
                f"{', '.join(show(table.value(n, i)) for n in src)} is not "
                f"{where} ({target.file})"
            ),
        )


def a_or_an(noun: str) -> str:
    """``noun`` with its indefinite article: "an event_id", "a source_id"."""
    return f"{'an' if noun[:1].lower() in 'aeiou' else 'a'} {noun}"


def _consequential(table: Table, target: Table, src: list[str], dst: list[str],
                   bad: np.ndarray, spoiled: np.ndarray, report: Report) -> None:
    """Dangling references into a key column that has bad cells of its own: most
    likely they point at those rows (whose key was mistyped), so they are one
    finding, at the first of them, that sends the reader to the bad cells."""
    idx = np.flatnonzero(bad)
    first = int(idx[0])
    value = ", ".join(show(table.value(n, first)) for n in src)
    key = ", ".join(dst)
    more = f" (nor are the values of {len(idx) - 1} more rows)" if len(idx) > 1 else ""
    lines = ", ".join(str(target.line(int(i))) for i in spoiled[:5])
    lines += ", ..." if len(spoiled) > 5 else ""
    cells = (f"an invalid {key} on line {lines}" if len(spoiled) == 1
             else f"invalid {key} cells on lines {lines}")
    report.add(
        "foreign-key",
        table.file,
        table.line(first),
        ", ".join(src),
        f"{value} is not {a_or_an(key)} of {target.name}{more}; {target.file} has "
        f"{cells}, which {'this row refers' if len(idx) == 1 else 'these rows refer'} to "
        "most likely: fix that first",
    )
