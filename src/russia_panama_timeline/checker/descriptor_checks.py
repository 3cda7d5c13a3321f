"""The descriptor: safe to follow, usable, and valid Data Package v2.

An unsafe or unusable descriptor stops the check with DescriptorError (exit 2): a
resource path that is absolute, climbs out of the package with ``..``, or is a URL
(the checker never fetches remote data), inline data, a schema that is not inline.
A descriptor that is usable but breaks the Data Package v2 profile is a finding, one
per fault: the descriptor is validated once, against the bundled profile, and
frictionless is not imported.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from ..descriptor import DescriptorError, resource_path
from ..errors import InternalError
from ..tableschema import Schema
from .report import Report

V2_PROFILE = "https://datapackage.org/profiles/2.0/datapackage.json"
V2_RESOURCE_PROFILE = "https://datapackage.org/profiles/2.0/dataresource.json"


def check_safe(descriptor: dict[str, Any], path: Path) -> None:
    """Raise DescriptorError unless every resource is a local file inside the package
    (``descriptor.resource_path``) with an inline schema of named fields."""
    file = path.name
    names: set[str] = set()
    for n, res in enumerate(descriptor["resources"]):
        if not isinstance(res, dict):
            raise DescriptorError(f"{file}: resource {n} is not an object")
        name = res.get("name")
        if not isinstance(name, str) or not name:
            raise DescriptorError(f"{file}: resource {n} has no name")
        if name in names:
            raise DescriptorError(f"{file}: two resources are named {name!r}")
        names.add(name)
        resource_path(path, res)  # the one path check every reader shares
        schema = res.get("schema")
        if not isinstance(schema, dict):
            raise DescriptorError(f"{file}: resource {name!r} must have an inline schema")
        fields = schema.get("fields")
        if not isinstance(fields, list) or not all(
            isinstance(f, dict) and isinstance(f.get("name"), str) for f in fields
        ):
            raise DescriptorError(f"{file}: resource {name!r} schema needs a list of named fields")


def check_profile(descriptor: dict[str, Any], report: Report, file: str) -> bool:
    """Findings for every way the descriptor breaks Data Package v2; True if none.

    The descriptor is validated once, against the bundled Data Package 2.0 profile (the
    JSON Schema ``frictionless validate`` does not apply), so each fault is one finding.
    An exception while applying it is a bug here, never a verdict on the data: it is
    raised as InternalError (exit 3)."""
    before = report.total
    if descriptor.get("$schema") != V2_PROFILE:
        report.add(
            "descriptor",
            file,
            None,
            "$schema",
            f"{descriptor.get('$schema')!r} is not the Data Package v2 profile "
            f"(expected {V2_PROFILE})",
        )
    from .profile_schema import profile_errors

    try:
        errors = profile_errors(descriptor)
    except Exception as exc:  # a bug in the validation, not a fault of the descriptor
        raise InternalError(
            f"{file}: the Data Package 2.0 profile could not be applied "
            f"({type(exc).__name__}: {exc})") from exc
    for where, message in errors:
        report.add("profile", file, None, where,
                   f"breaks the Data Package 2.0 profile: {message}")
    for res in descriptor["resources"]:
        if res.get("$schema") != V2_RESOURCE_PROFILE:
            report.add(
                "descriptor",
                file,
                None,
                f"{res['name']}.$schema",
                f"{res.get('$schema')!r} is not the Data Resource v2 profile "
                f"(expected {V2_RESOURCE_PROFILE})",
            )
    for res in descriptor["resources"]:
        schema = Schema(res)
        for field in schema.fields:
            pattern = field.pattern
            if pattern is None:
                continue
            try:
                re.compile(pattern)
            except re.error as exc:
                report.add(
                    "descriptor",
                    file,
                    None,
                    f"{res['name']}.{field.name}",
                    f"pattern {pattern!r} is not a regular expression: {exc}",
                )
        for key in ("orderBy",):
            order = res.get(key)
            if order is not None and (
                not isinstance(order, list) or any(not schema.has(k) for k in order)
            ):
                report.add(
                    "descriptor",
                    file,
                    None,
                    f"{res['name']}.{key}",
                    f"{order!r} must list fields of the resource",
                )
    return report.total == before
