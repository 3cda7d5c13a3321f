"""The descriptor against the official Data Package 2.0 JSON Schema, shipped in the package.

``frictionless validate`` 5.x reads ``$schema`` only to tell v1 from v2 and does not
apply the profile, so a descriptor with, say, ``contributors[0].roles`` written as a
string passes it. This module validates the descriptor against a copy of the profile
(``schemas/data-package-2.0.schema.json``, bundled with every ``$ref`` resolved), so the
check needs no network. Each violation becomes one ``profile`` finding naming the
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
    import jsonschema

    text = importlib_resources.files("russia_panama_timeline.schemas").joinpath(
        SCHEMA_FILE).read_text(encoding="utf-8")
    schema = json.loads(text)
    cls = jsonschema.validators.validator_for(schema)
    return cls(schema)


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
    kind = error.validator
    value = error.validator_value
    instance = error.instance
    if kind == "type":
        expected = " or ".join(value) if isinstance(value, list) else value
        return f"{_short(instance)} is not of type {expected}"
    if kind == "required":
        return error.message
    if kind == "enum":
        return f"{_short(instance)} is not one of {_short(value)}"
    if kind == "pattern":
        return f"{_short(instance)} does not match the pattern {value}"
    if kind in ("minItems", "maxItems", "minLength", "maxLength", "minProperties"):
        return f"{_short(instance)} breaks {kind} {value}"
    if kind in ("oneOf", "anyOf") and error.context:
        import jsonschema

        best = jsonschema.exceptions.best_match(error.context)
        where = json_path(best.relative_path)
        where = f"{where}: " if where else ""
        return f"matches none of the allowed forms; for example: {where}{_message(best)}"
    message = error.message
    return message if len(message) <= 200 else message[:197] + "..."


def profile_errors(descriptor: dict[str, Any]) -> list[tuple[str, str]]:
    """(JSON path, message) for every way ``descriptor`` breaks the Data Package 2.0
    profile, in document order."""
    errors = sorted(_validator().iter_errors(descriptor),
                    key=lambda e: ([(isinstance(p, str), p) for p in e.absolute_path], e.validator))
    return [(json_path(e.absolute_path) or "(descriptor)", _message(e)) for e in errors]
