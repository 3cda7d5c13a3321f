"""The data the site's page embeds, read from the descriptor and the loader.

Nothing here names a column list: every resource is embedded with the fields its
Table Schema declares, in schema order, with their titles, descriptions and category
labels, so a new column or a new resource (``actors``) appears on the site without a
change here. What the site knows by name is only the data model's roles: events are
dated (``date``, ``date_start``, ``date_end``) and cited through the resource whose
foreign keys point at ``events`` (``event_sources``, with its ``role`` and
``locator``); a ``contradicting`` citation is what a disputed event is disputed by; and
a citation's ``date_stated`` and ``origin`` (with its source's ``original_publisher``)
are said in words beside it ("states 7 April 2025 · relays La Prensa (Panamá)").

Descriptions and labels are the descriptor's Markdown said once through ``markup``:
plain text (``description``, labels, titles) for tooltips and options, and HTML
(``descriptionHtml``) where the page shows a description as text, so no reader meets a
literal backtick.

The result is plain JSON-able data in a fixed order, so the page is the same bytes
for the same package.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from .. import markup
from ..cells import cell
from ..descriptor import read_descriptor, resolve
from ..edtf_words import date_words
from ..evidence_display import evidence_words
from ..tableschema import Field, Schema, schemas

PathLike = str | os.PathLike[str] | None

EVENTS = "events"
EVIDENCE_FIELDS = ("date_stated", "origin")  # what a citation states, and whose it is
RELAYED = "original_publisher"  # a source's own origin, when it relays another's item


def _field_info(field: Field, lang: str) -> dict[str, Any]:
    from ..i18n import field_title, value_names

    info: dict[str, Any] = {
        "name": field.name,
        "title": field_title(lang, field.name, markup.plain(str(field.title or field.name))),
        "description": markup.plain(str(field.description or "")),
        "type": field.type,
    }
    if field.enum_text:
        info["enum"] = field.enum_text
    if field.labels:
        info["labels"] = {k: markup.plain(str(v)) for k, v in field.labels.items()}
    said = value_names(lang, field.name)
    if said:
        info["valueNames"] = said
    return info


def _citations_resource(descriptor: dict[str, Any]) -> Schema | None:
    """The resource that cites events: the one (other than events) with a foreign key
    to ``events``."""
    for schema in schemas(descriptor):
        if schema.name == EVENTS:
            continue
        if any(fk.target == EVENTS for fk in schema.foreign_keys):
            return schema
    return None


def _decade(start: Any, end: Any) -> int | None:
    day = start or end
    return int(str(day)[:4]) // 10 * 10 if day else None


def _names(tables: dict[str, Any], target: str, key: list[str]) -> dict[str, str]:
    """Display names of a referenced resource's rows: its ``name`` (or ``title``) column."""
    frame = tables.get(target)
    if frame is None or len(key) != 1:
        return {}
    for column in ("name", "title"):
        if column in frame.columns:
            return {
                str(k): str(v) for k, v in zip(frame[key[0]], frame[column], strict=True)
                if cell(k) is not None and cell(v) is not None
            }
    return {}


def _relayed(tables: dict[str, Any], refs: dict[str, str]) -> dict[str, dict[str, str]]:
    """Per key column of a citation, the ``original_publisher`` of each referenced row
    that has one (a source relaying another's item)."""
    out = {}
    for column, target in refs.items():
        frame = tables.get(target)
        if frame is None or RELAYED not in frame.columns or column not in frame.columns:
            continue
        out[column] = {str(k): str(v) for k, v in zip(frame[column], frame[RELAYED], strict=True)
                       if cell(v) is not None}
    return out


def site_data(datapackage: PathLike = None, lang: str = "en") -> dict[str, Any]:
    """Everything the page's script needs, in a fixed order (see the module docstring),
    for a reader of ``lang``: every table as its loader gives it in that language (the
    translated fields holding that language's text, the translation columns left out),
    headings and vocabularies in that language, dates in its words."""
    from ..i18n import resource_title
    from ..load import check_language, in_language, load_table

    path: Path = resolve(datapackage)
    check_language(lang, path)
    descriptor = read_descriptor(path)
    tables = {res["name"]: in_language(load_table(res["name"], path), res, lang, path)
              for res in descriptor["resources"]}

    resources = []
    for res in descriptor["resources"]:
        schema = Schema(res)
        frame = tables[res["name"]]
        translated = {name for f in schema.translations.values() for name in f.values()}
        infos = [_field_info(f, lang) for f in schema.fields if f.name not in translated]
        for fk in schema.foreign_keys:
            names = _names(tables, fk.target, list(fk.reference))
            for info in infos:
                if len(fk.fields) == 1 and info["name"] == fk.fields[0]:
                    info["references"] = fk.target
                    if names and fk.target != res["name"]:
                        info["names"] = names
        columns = [info["name"] for info in infos]
        rows = [[cell(v) for v in row]
                for row in frame[columns].itertuples(index=False, name=None)]
        resources.append({
            "name": res["name"],
            "title": resource_title(lang, res["name"],
                                    markup.plain(str(res.get("title") or res["name"]))),
            "description": markup.plain(str(res.get("description") or "")),
            "descriptionHtml": markup.html(str(res.get("description") or "")),
            "path": res.get("path"),
            "primaryKey": schema.primary_key,
            "fields": infos,
            "rows": rows,
        })

    return {
        "title": descriptor.get("title") or descriptor.get("name") or "",
        "version": descriptor.get("version") or "",
        "resources": resources,
        "events": _event_extras(descriptor, tables, lang),
    }


def _event_extras(descriptor: dict[str, Any], tables: dict[str, Any],
                  lang: str) -> dict[str, Any]:
    """Per event (by id): its date in words, its decade and its citations (each a row
    of the citing resource without the event column); ``refs`` names the resource each
    other key column of a citation points at (``source_id`` -> ``sources``)."""
    events = tables.get(EVENTS)
    if events is None:
        return {"citations": None, "refs": {}, "byId": {}}
    cites_res = _citations_resource(descriptor)
    by_event: dict[str, list[dict[str, Any]]] = {}
    cites_name = None
    refs: dict[str, str] = {}
    if cites_res is not None:
        cites_name = cites_res.name
        frame = tables[cites_name]
        event_col = next(fk.fields[0] for fk in cites_res.foreign_keys
                         if fk.target == EVENTS and fk.fields)
        refs = {fk.fields[0]: fk.target for fk in cites_res.foreign_keys
                if fk.target != EVENTS and len(fk.fields) == 1}
        columns = cites_res.names
        says = any(name in columns for name in EVIDENCE_FIELDS)
        relayed = _relayed(tables, refs)
        for row in frame[columns].itertuples(index=False, name=None):
            record = {k: cell(v) for k, v in zip(columns, row, strict=True)}
            entry = {k: v for k, v in record.items() if k != event_col and v is not None}
            if says:
                original = next((names.get(str(record[c])) for c, names in relayed.items()
                                 if names.get(str(record[c]))), None)
                entry["evidence"] = evidence_words(
                    record.get("date_stated"), record.get("origin"), original, lang)
            by_event.setdefault(str(record[event_col]), []).append(entry)
    extras: dict[str, Any] = {}
    for event_id, date, start, end in events[["event_id", "date", "date_start", "date_end"]] \
            .itertuples(index=False, name=None):
        try:
            words = date_words(str(date), lang)
        except ValueError:
            words = str(date)
        extras[str(event_id)] = {
            "date": words,
            "decade": _decade(cell(start), cell(end)),
            "citations": by_event.get(str(event_id), []),
        }
    return {"citations": cites_name, "refs": refs, "byId": extras}
