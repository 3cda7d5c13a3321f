"""What changed in the descriptor: package properties, resources, fields, keys.

Everything is compared as JSON values. The pins of each resource (``bytes``,
``hash``) are left out: they follow the file's bytes, and the rows are compared
themselves (typed), so a file rewritten without a change of value is no change.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

PINS = ("bytes", "hash")

Change = tuple[Any, Any]  # (old, new); None where a side does not have it


def _changed(old: dict[str, Any], new: dict[str, Any], skip: tuple[str, ...] = ()
             ) -> dict[str, Change]:
    """Properties whose values differ, in the order of ``new`` then ``old``."""
    names = [k for k in new if k not in skip] + [k for k in old if k not in new and k not in skip]
    return {k: (old.get(k), new.get(k)) for k in names if old.get(k) != new.get(k)}


def _field_changes(old: dict[str, Any], new: dict[str, Any]) -> dict[str, Change]:
    """A field's properties that differ; an object (``constraints``) one level deeper,
    so ``constraints.enum`` says which constraint changed."""
    out: dict[str, Change] = {}
    for name, (a, b) in _changed(old, new, skip=("name",)).items():
        if isinstance(a, dict) and isinstance(b, dict):
            out.update({f"{name}.{k}": v for k, v in _changed(a, b).items()})
        else:
            out[name] = (a, b)
    return out


@dataclass
class ResourceChanges:
    """Descriptor changes of one resource present on both sides."""

    fields_added: list[str] = field(default_factory=list)
    fields_removed: list[str] = field(default_factory=list)
    fields_redefined: dict[str, dict[str, Change]] = field(default_factory=dict)
    fields_reordered: bool = False
    # the resource's other properties (``schema.primaryKey`` etc. prefixed)
    properties: dict[str, Change] = field(default_factory=dict)

    @property
    def same(self) -> bool:
        return not (self.fields_added or self.fields_removed or self.fields_redefined
                    or self.fields_reordered or self.properties)

    def as_json(self) -> dict[str, Any]:
        return {
            "fields_added": self.fields_added,
            "fields_removed": self.fields_removed,
            "fields_redefined": {name: {k: list(v) for k, v in props.items()}
                                 for name, props in self.fields_redefined.items()},
            "fields_reordered": self.fields_reordered,
            "properties": {k: list(v) for k, v in self.properties.items()},
        }


def _schema(res: dict[str, Any]) -> dict[str, Any]:
    """The resource's inline schema, or an empty one (a diff reads broken descriptors too)."""
    schema = res.get("schema")
    return schema if isinstance(schema, dict) else {}


def _fields(res: dict[str, Any]) -> dict[str, dict[str, Any]]:
    schema = _schema(res)
    return {f["name"]: f for f in schema.get("fields") or []
            if isinstance(f, dict) and isinstance(f.get("name"), str)}


def resource_changes(old: dict[str, Any], new: dict[str, Any]) -> ResourceChanges:
    """Fields added, removed and redefined, and every other property that changed."""
    old_fields, new_fields = _fields(old), _fields(new)
    common_old = [n for n in old_fields if n in new_fields]
    common_new = [n for n in new_fields if n in old_fields]
    changes = ResourceChanges(
        fields_added=[n for n in new_fields if n not in old_fields],
        fields_removed=[n for n in old_fields if n not in new_fields],
        fields_reordered=common_old != common_new,
    )
    for name in common_new:
        props = _field_changes(old_fields[name], new_fields[name])
        if props:
            changes.fields_redefined[name] = props
    changes.properties = _changed(old, new, skip=("name", "schema", *PINS))
    old_schema, new_schema = _schema(old), _schema(new)
    changes.properties.update({
        f"schema.{k}": v for k, v in _changed(old_schema, new_schema, skip=("fields",)).items()
    })
    return changes


def package_changes(old: dict[str, Any], new: dict[str, Any]) -> dict[str, Change]:
    """The package's own properties that changed (version, created, description, ...)."""
    return _changed(old, new, skip=("resources",))
