"""Layer 1: what the Table Schema says, checked on whole columns.

Every field type and constraint the schema uses (required, type, enum, pattern,
minLength/maxLength, minimum/maximum, unique), the primary key (composite included)
and the foreign keys (the self-reference included). What ``frictionless validate``
reports on these files, and at Arrow speed.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from ..descriptor import missing_values, primary_key
from .columns import codes as codes_of
from .columns import fullmatch, isin, join, mask
from .files import Table, show
from .keys import Keys, _names, first_rows, member
from .report import Report

_NUMBER = r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?"
_INTEGER = r"[+-]?\d+"
_TYPE_PATTERNS = {
    "integer": (_INTEGER, "an integer"),
    "number": (_NUMBER, "a number"),
    "year": (r"[+-]?\d{4}", "a year (YYYY)"),
    "date": (r"\d{4}-\d{2}-\d{2}", "a date (YYYY-MM-DD)"),
    "time": (r"\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2})?", "a time (hh:mm:ss)"),
    "datetime": (
        r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2})?",
        "a datetime (YYYY-MM-DDThh:mm:ss)",
    ),
}


def present_mask(table: Table, name: str) -> np.ndarray:
    """Rows where the field has a value (not one of the schema's missingValues)."""
    if name not in table.present:
        col = table.columns[name]
        missing = missing_values(table.res["schema"].get("missingValues", [""]))
        if missing == [""]:
            table.present[name] = mask(pc.not_equal(pc.binary_length(col), 0))
        else:
            table.present[name] = ~isin(col, missing)
    return table.present[name]


def valid_dates(col: pa.Array | pa.ChunkedArray) -> np.ndarray:
    """Which values are real calendar days written as YYYY-MM-DD, judged once per
    distinct value: Arrow parses each and prints it back, and only a value that comes
    back unchanged is a day of the calendar (the parser rolls 02-30 over to 03-02)."""
    uniq = pc.unique(col)
    shaped = fullmatch(uniq, _TYPE_PATTERNS["date"][0])
    safe = pc.if_else(pa.array(shaped), uniq, "2000-01-01")
    parsed = pc.strptime(safe, format="%Y-%m-%d", unit="s", error_is_null=True)
    back = pc.strftime(parsed, format="%Y-%m-%d")
    good = shaped & mask(pc.equal(back, safe)) & mask(pc.greater_equal(safe, "0001-01-01"))
    return mask(pc.is_in(col, value_set=pc.filter(uniq, pa.array(good))))


def type_mask(field: dict[str, Any], col: pa.Array) -> tuple[np.ndarray, str] | None:
    """Which values are of the field's type, and the type in words; None = any string."""
    ftype = field.get("type", "string")
    if ftype == "date":
        return valid_dates(col), _TYPE_PATTERNS["date"][1]
    if ftype == "boolean":
        trues = field.get("trueValues", ["true", "True", "TRUE", "1"])
        falses = field.get("falseValues", ["false", "False", "FALSE", "0"])
        return isin(col, [str(v) for v in [*trues, *falses]]), "a boolean"
    if ftype in _TYPE_PATTERNS:
        pattern, words = _TYPE_PATTERNS[ftype]
        return fullmatch(col, pattern), words
    return None


def numeric(col: pa.Array, ok: np.ndarray, ftype: str) -> np.ndarray:
    """Values as float64 (NaN where not ``ok``), for ranges and ordering."""
    if ok.all():
        values = pc.cast(col, pa.float64())
    else:
        values = pc.cast(pc.if_else(pa.array(ok), col, "0"), pa.float64())
    if isinstance(values, pa.ChunkedArray):
        values = values.combine_chunks()
    return np.where(ok, values.to_numpy(zero_copy_only=False), np.nan)


def check_fields(table: Table, report: Report) -> None:
    """Every constraint of every field present in the file."""
    pk = primary_key(table.res)
    for field in table.fields:
        name = field["name"]
        if name not in table.columns:
            continue
        col = table.columns[name]
        cons = field.get("constraints") or {}
        present = present_mask(table, name)
        val = lambda i, name=name: show(table.value(name, i))  # noqa: E731

        if cons.get("required") or name in pk:
            report.add_rows(
                "required",
                table.file,
                name,
                ~present,
                table.line,
                lambda i: "a value is required but the cell is empty",
            )
        typed = type_mask(field, col)
        ok = present
        if typed is not None:
            is_type, words = typed
            report.add_rows(
                "type",
                table.file,
                name,
                present & ~is_type,
                table.line,
                lambda i, words=words, val=val: f"{val(i)} is not {words}",
            )
            ok = present & is_type
        if "enum" in cons:
            allowed = [str(v) for v in cons["enum"]]
            listed = ", ".join(allowed) if len(allowed) <= 20 else f"{len(allowed)} values"
            report.add_rows(
                "enum",
                table.file,
                name,
                ok & ~isin(col, allowed),
                table.line,
                lambda i, val=val, listed=listed: f"{val(i)} is not one of: {listed}",
            )
        if "pattern" in cons:
            pat = cons["pattern"]
            report.add_rows(
                "pattern",
                table.file,
                name,
                present & ~fullmatch(col, pat),
                table.line,
                lambda i, val=val, pat=pat: f"{val(i)} does not match the pattern {pat}",
            )
        if "maxLength" in cons or "minLength" in cons:
            lengths = pc.utf8_length(col).to_numpy(zero_copy_only=False)
            if "maxLength" in cons:
                hi = int(cons["maxLength"])
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
            if "minLength" in cons:
                lo = int(cons["minLength"])
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
        _check_range(field, col, ok, table, report)


def _check_range(
    field: dict[str, Any], col: pa.Array, ok: np.ndarray, table: Table, report: Report
) -> None:
    cons = field.get("constraints") or {}
    if "minimum" not in cons and "maximum" not in cons:
        return
    name = field["name"]
    ftype = field.get("type", "string")
    values = numeric(col, ok, ftype) if ftype in ("number", "integer") else None
    for code, bound in (("minimum", cons.get("minimum")), ("maximum", cons.get("maximum"))):
        if bound is None:
            continue
        if values is not None:
            with np.errstate(invalid="ignore"):
                bad = ok & (
                    (values < float(bound)) if code == "minimum" else (values > float(bound))
                )
        else:  # dates, times, years: ISO strings of one width compare as they sort
            cmp = pc.less if code == "minimum" else pc.greater
            bad = ok & mask(cmp(col, str(bound)))
        word = "below the minimum" if code == "minimum" else "above the maximum"
        report.add_rows(
            code,
            table.file,
            name,
            bad,
            table.line,
            lambda i, word=word, bound=bound: f"{table.value(name, i)} is {word} {bound}",
        )


def check_unique(table: Table, keys: Keys, report: Report) -> None:
    """Fields with the ``unique`` constraint."""
    for field in table.fields:
        name = field["name"]
        if name not in table.columns or not (field.get("constraints") or {}).get("unique"):
            continue
        codes, _ = keys.codes(table.name, name)
        dup, first = first_rows(codes, present_mask(table, name))
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


def check_primary_key(table: Table, keys: Keys, report: Report) -> None:
    pk = primary_key(table.res)
    if not pk or any(n not in table.columns for n in pk):
        return
    if len(pk) == 1 and ((_field(table, pk[0]).get("constraints") or {}).get("unique")):
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


def check_foreign_keys(table: Table, tables: dict[str, Table], keys: Keys, report: Report) -> None:
    for fk in table.res["schema"].get("foreignKeys") or []:
        if not isinstance(fk, dict):
            continue
        src = _names(fk.get("fields"))
        ref = fk.get("reference") or {}
        target = tables.get(ref.get("resource") or table.name)
        dst = _names(ref.get("fields"))
        if target is None or not src or len(src) != len(dst):
            continue
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


def _field(table: Table, name: str) -> dict[str, Any]:
    return next(f for f in table.fields if f["name"] == name)
