"""Datasette's ``metadata.json`` for the SQLite export, every word from the descriptor.

``datasette OUT.db -m metadata.json`` then shows the dataset's title, description,
licence and source; each table's title and description and each column's description;
facets on every controlled vocabulary (``enum``) and every foreign key to another table
(the event type, status and actors of the events; the role of a citation); tables
sorted by their ``orderBy``. Nothing is written here about any one resource or field.
"""

from __future__ import annotations

import json
from typing import Any

from .tableschema import Schema


def _first(items: Any) -> dict[str, Any]:
    for item in items or []:
        if isinstance(item, dict):
            return item
    return {}


def facets(res: dict[str, Any]) -> list[str]:
    """The columns to facet on: enums, and foreign keys to another resource."""
    schema = Schema(res)
    linked = {name for fk in schema.foreign_keys if fk.target != schema.name
              for name in fk.fields}
    return [f.name for f in schema.fields if f.enum is not None or f.name in linked]


def _table(res: dict[str, Any]) -> dict[str, Any]:
    schema = Schema(res)
    table: dict[str, Any] = {
        "title": res.get("title") or res.get("name"),
        "description": res.get("description", ""),
        "columns": {f.name: str(f.spec.get("description", "")) for f in schema.fields},
        "facets": facets(res),
    }
    order = schema.order_by
    if order:
        table["sort"] = order[0]
    return table


def metadata(descriptor: dict[str, Any], database: str) -> dict[str, Any]:
    """The metadata as a dict (``database`` is the file's stem: Datasette's name for it)."""
    from markdown_it import MarkdownIt

    licence, source = _first(descriptor.get("licenses")), _first(descriptor.get("sources"))
    description = str(descriptor.get("description", ""))
    out: dict[str, Any] = {
        "title": descriptor.get("title") or descriptor.get("name"),
        "description": description,
        "description_html": MarkdownIt("commonmark", {"html": False}).render(description),
        "license": licence.get("name") or licence.get("title"),
        "license_url": licence.get("path"),
        "source": source.get("title"),
        "source_url": source.get("path"),
        "databases": {database: {"tables": {
            str(res["name"]): _table(res)
            for res in descriptor["resources"] if isinstance(res, dict)
        }}},
    }
    return {k: v for k, v in out.items() if v is not None}


def render_metadata(descriptor: dict[str, Any], database: str) -> str:
    return json.dumps(metadata(descriptor, database), ensure_ascii=False, indent=2) + "\n"
