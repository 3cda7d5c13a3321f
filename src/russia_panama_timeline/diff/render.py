"""A package diff as text (for people), Markdown (for a changelog) and JSON (for tools).

Text gives every value in full; Markdown, meant to be read in a changelog, quotes a
changed value only when it is short and on one line and otherwise names the field
(``summary``), as a hand-written changelog would; JSON holds everything, typed.
"""

from __future__ import annotations

import json
import textwrap
from typing import Any

from . import PackageDiff, ResourceDiff
from .schema_changes import Change

SHORT = 40  # Markdown quotes a changed value up to this many characters
MEMBERS = 6  # a list's members added or removed are named up to this many, else counted
WIDTH = 88  # Markdown paragraphs are wrapped to this width, like the changelog's


# --- JSON ------------------------------------------------------------------------------


def descriptor_json(diff: PackageDiff) -> dict[str, Any]:
    """The descriptor's changes as data (the package's properties, each changed
    resource's fields and properties): what ``--format text`` and ``markdown`` say
    under "descriptor", for a program that uses the library (``diff_packages``). The
    JSON output keeps to its documented shape and leaves them out."""
    resources: dict[str, Any] = {}
    for res in diff.resources:
        if res.presence != "both":
            resources[res.name] = {"resource": res.presence}
        elif not res.schema.same:
            resources[res.name] = {"resource": "changed", **res.schema.as_json()}
    return {"package": {k: list(v) for k, v in diff.package.items()}, "resources": resources}


def as_json(diff: PackageDiff) -> dict[str, Any]:
    """The documented shape, exactly: ``old_version``, ``new_version`` and ``resources``
    (for each: ``added``, ``removed`` and ``changed`` rows, each with its ``key`` as a
    list); the descriptor's changes are ``descriptor_json``'s."""
    return {
        "old_version": diff.old_version,
        "new_version": diff.new_version,
        "resources": {
            res.name: {
                "added": [{"key": key} for key in res.rows.added],
                "removed": [{"key": key} for key in res.rows.removed],
                "changed": [{"key": key, "fields": {f: list(v) for f, v in fields.items()}}
                            for key, fields in res.rows.changed],
            }
            for res in diff.resources
        },
    }


def render_json(diff: PackageDiff) -> str:
    return json.dumps(as_json(diff), ensure_ascii=False, indent=2) + "\n"


# --- shared words ------------------------------------------------------------------------


def _key(key: list[Any]) -> str:
    return " / ".join(str(v) for v in key)


def _counts(res: ResourceDiff) -> str:
    rows = res.rows
    return f"{len(rows.added)} added, {len(rows.removed)} removed, {len(rows.changed)} changed"


def _where(res: ResourceDiff) -> str:
    return {"added": " (only in new)", "removed": " (only in old)"}.get(res.presence, "")


def _identity(item: Any) -> str:
    """What names a member of a list: a category by its ``value``, a foreign key by its
    ``fields``, anything else by itself."""
    if isinstance(item, dict):
        for name in ("value", "name", "fields"):
            if name in item:
                value = item[name]
                return ", ".join(map(str, value)) if isinstance(value, list) else str(value)
    return json.dumps(item, ensure_ascii=False).strip('"')


def _members(old: list[Any], new: list[Any], show: Any) -> str:
    """A list's members added (+), removed (-) and changed (~), each by its identity."""
    before = {_identity(x): x for x in old}
    after = {_identity(x): x for x in new}
    plus = [k for k in after if k not in before]
    minus = [k for k in before if k not in after]
    changed = [k for k in after if k in before and after[k] != before[k]]
    parts = [f"{sign} " + (", ".join(show(k) for k in keys) if len(keys) <= MEMBERS
                           else f"{len(keys)} members")
             for sign, keys in (("+", plus), ("-", minus), ("~", changed)) if keys]
    if not parts:
        return "reordered"
    return "; ".join(parts)


def _property(name: str, change: Change, show: Any, short: int) -> str:
    """One changed descriptor property in words: members added and removed for a
    list, ``old → new`` for short values, else that it changed."""
    old, new = change
    if old is None and isinstance(new, list):
        old = []
    if new is None and isinstance(old, list):
        new = []
    if isinstance(old, list) and isinstance(new, list):
        return f"{show(name)} {_members(old, new, show)}"
    if old is None:
        return f"{show(name)} added"
    if new is None:
        return f"{show(name)} removed"
    a, b = json.dumps(old, ensure_ascii=False), json.dumps(new, ensure_ascii=False)
    if len(a) <= short and len(b) <= short:
        return f"{show(name)} {show(a.strip(chr(34)))} → {show(b.strip(chr(34)))}"
    return f"{show(name)} changed"


def _schema_lines(res: ResourceDiff, show: Any, short: int) -> list[str]:
    """What changed in one resource's descriptor, one item each."""
    if res.presence == "added":
        return ["a new resource"]
    if res.presence == "removed":
        return ["removed"]
    s = res.schema
    out = []
    if s.fields_added:
        out.append("fields added: " + ", ".join(show(f) for f in s.fields_added))
    if s.fields_removed:
        out.append("fields removed: " + ", ".join(show(f) for f in s.fields_removed))
    if s.fields_reordered:
        out.append("fields reordered")
    for name, props in s.fields_redefined.items():
        out.append(f"field {show(name)}: " + "; ".join(
            _property(p, c, show, short) for p, c in props.items()))
    out.extend(_property(p, c, show, short) for p, c in s.properties.items())
    return out


# --- text ----------------------------------------------------------------------------------


def _plain(text: str) -> str:
    return text


def _text_value(value: Any) -> str:
    if value is None:
        return "(missing)"
    return json.dumps(value, ensure_ascii=False)


def render_text(diff: PackageDiff) -> str:
    """Counts first, then the descriptor, then every added, removed and changed key
    with each changed field's old and new value, in full."""
    lines = [f"{diff.old_version} → {diff.new_version}"]
    for res in diff.resources:
        lines.append(f"{res.name}{_where(res)}: {_counts(res)}")
    if diff.package or any(not r.same and (r.presence != "both" or not r.schema.same)
                           for r in diff.resources):
        lines.append("")
        lines.append("descriptor:")
        lines.extend(f"  {_property(p, c, _plain, 60)}" for p, c in diff.package.items())
        for res in diff.resources:
            lines.extend(f"  {res.name}: {item}" for item in _schema_lines(res, _plain, 60))
            if res.presence == "both" and res.old_key != res.new_key:
                lines.append(f"  {res.name}: rows matched on ({', '.join(res.rows.key)})")
    for res in diff.resources:
        if res.rows.same:
            continue
        lines.append("")
        lines.append(res.name)
        lines.extend(f"  + {_key(k)}" for k in res.rows.added)
        lines.extend(f"  - {_key(k)}" for k in res.rows.removed)
        for key, fields in res.rows.changed:
            lines.append(f"  ~ {_key(key)}")
            for name, (old, new) in fields.items():
                a, b = _text_value(old), _text_value(new)
                if len(a) + len(b) <= 72:
                    lines.append(f"      {name}: {a} → {b}")
                else:
                    lines.extend([f"      {name}:", f"        - {a}", f"        + {b}"])
    if diff.same:
        lines.append("no differences")
    return "\n".join(lines) + "\n"


# --- Markdown --------------------------------------------------------------------------------


def _code(text: Any) -> str:
    text = str(text)
    fence = "``" if "`" in text else "`"
    pad = " " if fence == "``" else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def _md_value(value: Any) -> str:
    return "empty" if value is None else _code(value)


def _md_field(name: str, old: Any, new: Any) -> str:
    fits = all(v is None or (len(str(v)) <= SHORT and "\n" not in str(v)) for v in (old, new))
    return f"{_code(name)} {_md_value(old)} → {_md_value(new)}" if fits else _code(name)


def _wrap(text: str, indent: str = "") -> list[str]:
    return textwrap.wrap(text, WIDTH, subsequent_indent=indent, break_long_words=False,
                         break_on_hyphens=False)


def render_markdown(diff: PackageDiff) -> str:
    """A changelog's *Data* section: a table of counts, the descriptor's changes, then
    for each resource the keys added and removed and each changed row's fields."""
    out = ["### Data", ""]
    out += _wrap(f"What `diff --format markdown` finds between "
                 f"{diff.old_version} and {diff.new_version}: rows by primary key, values "
                 "compared as the schema types them.")
    out += ["", "| Resource | Added | Removed | Changed |", "| --- | ---: | ---: | ---: |"]
    for res in diff.resources:
        where = {"added": " (new)", "removed": " (removed)"}.get(res.presence, "")
        r = res.rows
        out.append(f"| {_code(res.name)}{where} | {len(r.added)} | {len(r.removed)} "
                   f"| {len(r.changed)} |")
    items = []
    if diff.package:
        items.append("the package: " + "; ".join(
            _property(p, c, _code, SHORT) for p, c in diff.package.items()))
    for res in diff.resources:
        items.extend(f"{_code(res.name)}: {line}" for line in _schema_lines(res, _code, SHORT))
    if items:
        out += ["", "Descriptor:", ""]
        for item in items:
            out += _wrap(f"- {item}", "  ")
    for res in diff.resources:
        if res.rows.same:
            continue
        out += ["", f"#### {_code(res.name)}"]
        for what, keys in (("Added", res.rows.added), ("Removed", res.rows.removed)):
            if keys:
                listed = ", ".join(_code(_key(k)) for k in keys)
                out += ["", *_wrap(f"{what} ({len(keys)}): {listed}.")]
        if res.rows.changed:
            out += ["", f"Changed ({len(res.rows.changed)}):", ""]
            for key, fields in res.rows.changed:
                parts = "; ".join(_md_field(f, *v) for f, v in fields.items())
                out += _wrap(f"- {_code(_key(key))}: {parts}", "  ")
    if diff.same:
        out += ["", "No differences."]
    return "\n".join(out) + "\n"


RENDERERS = {"text": render_text, "markdown": render_markdown, "json": render_json}
