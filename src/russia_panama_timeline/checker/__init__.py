"""The integrity checker: everything the schema says, and what it cannot say.

``check_package(path) -> Report`` with ``report.valid`` and ``report.findings``
(each a ``Finding(code, file, line, field, message)``). Layer 1 checks the descriptor,
the files' bytes and every Table Schema constraint and key (``descriptor_checks``,
``files``, ``schema_checks``); layer 2 what a schema cannot express
(``semantic_checks``). Columns are Arrow arrays and every check works on whole
columns, so a million-event package checks in seconds. The checker only reads.

An unreadable, unusable or unsafe descriptor or data file raises DescriptorError
(exit 2); bad data is a finding (exit 1).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from ..descriptor import DescriptorError, command, primary_key, read_descriptor, resolve, shown
from ..tableschema import Schema
from .files import Table, read_table
from .keys import Keys
from .report import Finding, Report

__all__ = ["Finding", "Report", "check_package"]


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
    """Every check of the data files, each file's own and across files (each file
    found through ``descriptor.resource_path``, as by every reader)."""
    from . import actor_checks, schema_checks, semantic_checks

    tables: dict[str, Table] = {}
    keep = _columns_needed_later(descriptor)
    for res in descriptor["resources"]:
        try:
            table = read_table(datapackage, res, report, sha256=on_table is not None)
        except OSError as exc:
            raise DescriptorError(
                f"{res['path']}: cannot read the data file: {exc.strerror or exc}"
            ) from None
        report.rows[res["name"]] = table.nrows
        schema_checks.check_fields(table, report)
        semantic_checks.check_text(table, report)
        semantic_checks.check_values(table, report)
        semantic_checks.check_order(table, report)
        if table.name == "events":
            semantic_checks.check_event_dates(table, report)
            actor_checks.check_qualified_dates(table, report)
        if table.name == "actors":
            actor_checks.check_actor_codes(table, report)
        if on_table is not None:
            on_table(table, report)
        table.keep(keep[table.name])  # free the text columns before reading the next file
        tables[table.name] = table

    keys = Keys(tables)
    for table in tables.values():
        schema_checks.check_unique(table, keys, report)
        schema_checks.check_primary_key(table, keys, report)
        schema_checks.check_foreign_keys(table, tables, keys, report)
    events, sources, cites, actors = (
        tables.get(n) for n in ("events", "sources", "event_sources", "actors")
    )
    if actors is not None:
        actor_checks.check_actor_tree(actors, keys, report)
        if events is not None:
            actor_checks.check_country(events, actors, keys, report)
        if events is not None and sources is not None and cites is not None:
            actor_checks.check_confirmed(events, sources, cites, actors, keys, report)
    if sources is not None:
        published = semantic_checks.check_published(sources, report)
        semantic_checks.check_cited_in(sources, keys, report)
        if events is not None and cites is not None:
            semantic_checks.check_citations(events, sources, cites, keys, report)
            if published is not None:
                semantic_checks.check_source_dates(events, sources, cites, published, keys, report)


def check_supported(descriptor: dict, report: Report, file: str) -> bool:
    """An ``unsupported`` finding for everything the package declares that the readers
    (this checker, the loader, the Parquet build) do not implement; True if none."""
    before = report.total
    for res in descriptor["resources"]:
        for where, why in Schema(res).unsupported():
            report.add("unsupported", file, None, where, f"{why} (no reader here implements it)")
    return report.total == before


# Columns the cross-table checks read after each file's own checks.
_CROSS_TABLE = {
    "events": {"event_id", "date_start", "actor1", "actor2", "country", "status"},
    "sources": {"source_id", "published", "cited_in", "publisher", "original_publisher", "issuer"},
    "event_sources": {"event_id", "source_id", "role"},
    "actors": {"actor_id", "kind", "parent"},
}


def _columns_needed_later(descriptor: dict) -> dict[str, set[str]]:
    """Per resource, the columns to keep once its own checks are done: the keys that
    foreign keys join on (both ends) and what the cross-table checks read."""
    keep = {res["name"]: set(_CROSS_TABLE.get(res["name"], ())) for res in descriptor["resources"]}
    for res in descriptor["resources"]:
        schema = res["schema"]
        keep[res["name"]].update(primary_key(res))
        for field in schema["fields"]:
            if (field.get("constraints") or {}).get("unique"):
                keep[res["name"]].add(field["name"])
        for fk in schema.get("foreignKeys") or []:
            if not isinstance(fk, dict):
                continue
            src = fk.get("fields")
            keep[res["name"]].update([src] if isinstance(src, str) else src or [])
            ref = fk.get("reference") or {}
            dst = ref.get("fields")
            target = ref.get("resource") or res["name"]
            keep.setdefault(target, set()).update([dst] if isinstance(dst, str) else dst or [])
    return keep
