"""What changed between two copies of the data package, row by row and in the descriptor.

``diff_packages(old, new)`` reads both sides with the typed reader and compares each
resource's rows by primary key: rows added, rows removed, and rows on both sides with
each changed field's old and new value; and the descriptor: package properties
(version first), resources added or removed, fields added, removed, redefined or
reordered, and every other resource property. Neither side has to pass ``check``: a
diff is how one reviews a change that does not pass yet. The renderers are in
``render``.

How rows are matched when a resource's primary key changed: on the new key when both
sides have its fields, else on the old key when both have those; when neither, the old
rows are all removed and the new ones all added. The key of each row is a list of the
key's values in the primary key's order.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..descriptor import DATAPACKAGE, read_descriptor, resolve, resource_path
from .rows import DiffError, RowChanges, all_rows, compare_rows, read_rows
from .schema_changes import Change, ResourceChanges, package_changes, resource_changes

__all__ = ["DiffError", "PackageDiff", "ResourceDiff", "diff_packages", "side"]


@dataclass
class ResourceDiff:
    """One resource: its rows (``rows``) and its descriptor (``schema``)."""

    name: str
    presence: str  # "both", "added" (only in new) or "removed" (only in old)
    rows: RowChanges
    schema: ResourceChanges = field(default_factory=ResourceChanges)
    old_key: list[str] = field(default_factory=list)
    new_key: list[str] = field(default_factory=list)

    @property
    def same(self) -> bool:
        return self.presence == "both" and self.rows.same and self.schema.same


@dataclass
class PackageDiff:
    old_version: Any
    new_version: Any
    package: dict[str, Change]  # the package's properties that changed
    resources: list[ResourceDiff]

    @property
    def same(self) -> bool:
        return not self.package and all(r.same for r in self.resources)


def side(argument: str | os.PathLike[str]) -> Path:
    """The descriptor a side names: ``-`` is the installed package; a folder means the
    ``datapackage.json`` in it."""
    return DATAPACKAGE if str(argument) == "-" else resolve(argument)


def _resources(descriptor: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {str(r.get("name")): r for r in descriptor["resources"] if isinstance(r, dict)}


def _key(res: dict[str, Any]) -> list[str]:
    from ..tableschema import Schema

    return Schema(res).primary_key


def _matching_key(old: dict[str, Any], new: dict[str, Any], old_names: list[str],
                  new_names: list[str]) -> list[str] | None:
    """The fields to match rows on (see the module's docstring), or None."""
    for key in (_key(new), _key(old)):
        if key and all(k in old_names and k in new_names for k in key):
            return key
    return None


def _one_side(path: Path, res: dict[str, Any], name: str) -> list[list[Any]]:
    key = _key(res)
    if not key:
        raise DiffError(f"{path}: resource {name!r} has no primaryKey; diff matches rows by "
                        "primary key")
    return all_rows(read_rows(path, res), key)


def _compare_resource(old_path: Path, new_path: Path, old: dict[str, Any],
                      new: dict[str, Any], name: str) -> ResourceDiff:
    old_rows, new_rows = read_rows(old_path, old), read_rows(new_path, new)
    schema = resource_changes(old, new)
    old_key, new_key = _key(old), _key(new)
    key = _matching_key(old, new, old_rows.column_names, new_rows.column_names)
    result = ResourceDiff(name, "both", RowChanges(key or new_key), schema, old_key, new_key)
    if key is None:
        if not old_key or not new_key:
            raise DiffError(f"resource {name!r} has no primaryKey on "
                            f"{'either side' if not (old_key or new_key) else 'one side'} "
                            "and no common key; diff matches rows by primary key")
        result.rows.removed = all_rows(old_rows, old_key)
        result.rows.added = all_rows(new_rows, new_key)
        return result
    compared = [n for n in new_rows.column_names if n in old_rows.column_names]
    labels = (str(resource_path(old_path, old)), str(resource_path(new_path, new)))
    result.rows = compare_rows(old_rows, new_rows, key, compared, labels)
    return result


def diff_packages(old: str | os.PathLike[str], new: str | os.PathLike[str]) -> PackageDiff:
    """Compare two copies of the package (descriptor paths or folders; ``-`` is the
    installed one). Raises DescriptorError (DiffError) for a side that cannot be read."""
    old_path, new_path = side(old), side(new)
    old_desc, new_desc = read_descriptor(old_path), read_descriptor(new_path)
    old_res, new_res = _resources(old_desc), _resources(new_desc)
    resources = []
    for name in [*new_res, *(n for n in old_res if n not in new_res)]:
        if name not in old_res:
            key = _key(new_res[name])
            rows = RowChanges(key, added=_one_side(new_path, new_res[name], name))
            resources.append(ResourceDiff(name, "added", rows, new_key=key))
        elif name not in new_res:
            key = _key(old_res[name])
            rows = RowChanges(key, removed=_one_side(old_path, old_res[name], name))
            resources.append(ResourceDiff(name, "removed", rows, old_key=key))
        else:
            resources.append(_compare_resource(old_path, new_path, old_res[name],
                                               new_res[name], name))
    return PackageDiff(old_desc.get("version"), new_desc.get("version"),
                       package_changes(old_desc, new_desc), resources)
