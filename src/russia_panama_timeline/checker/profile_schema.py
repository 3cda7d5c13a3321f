"""The descriptor against the official Data Package 2.0 JSON Schema, shipped in the package.

``frictionless validate`` 5.x reads ``$schema`` only to tell v1 from v2 and does not
apply the profile, so a descriptor with, say, ``contributors[0].roles`` written as a
string passes it. This module validates the descriptor against a copy of the profile
(``schemas/data-package-2.0.schema.json``, bundled with every ``$ref`` resolved), so the
check needs no network. The validator is ``jsonschema-rs`` (compiled): it imports and
validates in a few milliseconds, where the pure-Python ``jsonschema`` took a fifth of
``check``'s time on the shipped package. Each violation becomes one ``profile`` finding naming the
JSON path (``contributors[0].roles``) and what the profile expects.

``format`` keywords are annotations here (as JSON Schema's default): whether they are
asserted would otherwise depend on which optional packages happen to be installed.
"""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources as importlib_resources
from typing import Any

SCHEMA_FILE = "data-package-2.0.schema.json"
_MAX_VALUE = 60  # characters of an offending value quoted in a message


@lru_cache(maxsize=1)
def _validator() -> Any:
    import jsonschema_rs

    text = importlib_resources.files("russia_panama_timeline.schemas").joinpath(
        SCHEMA_FILE).read_text(encoding="utf-8")
    return jsonschema_rs.validator_for(json.loads(text), validate_formats=False)


def json_path(parts: Any) -> str:
    """``['contributors', 0, 'roles']`` -> ``contributors[0].roles``."""
    out = ""
    for part in parts:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def _short(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= _MAX_VALUE else text[: _MAX_VALUE - 3] + "..."


def _message(error: Any) -> str:
    """What the profile expects, with the offending value quoted briefly."""
    kind = error.kind
    name = type(kind).__name__
    instance = error.instance
    if name == "Type":
        return f"{_short(instance)} is not of type {' or '.join(kind.types)}"
    if name == "Enum":
        return f"{_short(instance)} is not one of {_short(kind.options)}"
    if name == "Pattern":
        return f"{_short(instance)} does not match the pattern {kind.pattern}"
    if name in ("MinItems", "MaxItems", "MinLength", "MaxLength", "MinProperties"):
        keyword = name[0].lower() + name[1:]
        return f"{_short(instance)} breaks {keyword} {kind.limit}"
    if name in ("OneOfNotValid", "AnyOf") and kind.context:
        return _none_of(error.instance_path, kind.context)
    message = str(error.message)
    return message if len(message) <= 200 else message[:197] + "..."


def _none_of(path: list[str | int], branches: list[list[Any]]) -> str:
    """A value that fits none of the allowed forms: when every form refuses only one
    value of an enum at one place (a field's ``type``), the values allowed there;
    else the form that came closest (fewest and deepest errors), by example."""
    errors = [e for branch in branches for e in branch]
    if all(len(b) == 1 for b in branches) and all(type(e.kind).__name__ == "Enum"
                                                  for e in errors):
        where = {tuple(e.instance_path) for e in errors}
        if len(where) == 1:
            allowed = [o for e in errors for o in e.kind.options]
            rel = json_path(list(where.pop())[len(path):])
            return (f"{rel + ': ' if rel else ''}{_short(errors[0].instance)} is not one "
                    f"of {', '.join(map(str, allowed))}")
    if all(len(b) == 1 for b in branches) and all(type(e.kind).__name__ == "Required"
                                                  for e in errors):
        return f"needs {' or '.join(json.dumps(e.kind.property) for e in errors)}"
    best = min(branches, key=lambda b: (len(b), -max(len(e.instance_path) for e in b)))
    first = max(best, key=lambda e: len(e.instance_path))
    rel = json_path(list(first.instance_path)[len(path):])
    return (f"matches none of the allowed forms; for example: "
            f"{rel + ': ' if rel else ''}{_message(first)}")


def profile_errors(descriptor: dict[str, Any]) -> list[tuple[str, str]]:
    """(JSON path, message) for every way ``descriptor`` breaks the Data Package 2.0
    profile, in document order."""
    errors = sorted(_validator().iter_errors(descriptor),
                    key=lambda e: ([(isinstance(p, str), p) for p in e.instance_path],
                                   type(e.kind).__name__))
    return [(json_path(e.instance_path) or "(descriptor)", _message(e)) for e in errors]
