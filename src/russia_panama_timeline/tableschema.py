"""The supported Table Schema: one reading of it for the loader, the checker and Parquet.

For every field this module says what the three readers need and nothing else says
it again: the Arrow type (``Field.value_type``, ``Field.arrow_type``), the pandas dtype
(``Field.pandas_dtype``), how a CSV cell becomes a value (``Field.parse``: missing
values at package and field level, ``trueValues``/``falseValues``, ``groupChar``,
``decimalChar``, ``bareNumber``, a date ``format``), and which constraints apply to
the typed value (``Field.enum_values``, ``Field.bound``). The CSV dialect a resource
declares is turned into parser options here too (``Dialect``).

Whatever the package uses that is not implemented here is listed by ``unsupported``:
the checker reports each one as an ``unsupported`` finding and the loader and the
Parquet build refuse the resource, so no reader silently reads it another way.

A cell is parsed from its text with Arrow kernels over whole columns. ``parse``
returns the typed column (null where the cell is missing or not of the type), which
rows hold a value, and which of those are not of the type. The checker turns the last
into ``type`` findings; the loader and the build refuse a column that has any.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from .errors import DescriptorError

DEFAULT_MISSING_VALUES: tuple[str, ...] = ("",)
DEFAULT_TRUE_VALUES: tuple[str, ...] = ("true", "True", "TRUE", "1")
DEFAULT_FALSE_VALUES: tuple[str, ...] = ("false", "False", "FALSE", "0")

# Dictionary indices are int32: what every Parquet reader gives back anyway.
DICTIONARY_INDEX = pa.int32()

# The written forms of numbers: decimal notation with an optional exponent. NaN and
# infinities are refused (a coordinate of NaN is a mistake, not a value).
NUMBER_SYNTAX = r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?"
INTEGER_SYNTAX = r"[+-]?\d+"
DATE_SYNTAX = r"\d{4}-\d{2}-\d{2}"

# Types read into an Arrow type of their own.
VALUE_TYPES: dict[str, pa.DataType] = {
    "string": pa.string(),
    "integer": pa.int64(),
    "number": pa.float64(),
    "boolean": pa.bool_(),
    "date": pa.date32(),
}
# Types kept as their text (nothing is lost), whose written form is checked.
TEXT_TYPES: dict[str, tuple[str | None, str]] = {
    "any": (None, "any value"),
    "year": (r"[+-]?\d{4}", "a year (YYYY)"),
    "yearmonth": (r"\d{4}-\d{2}", "a year and month (YYYY-MM)"),
    "time": (r"\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2})?", "a time (hh:mm:ss)"),
    "datetime": (
        r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2})?",
        "a datetime (YYYY-MM-DDThh:mm:ss)",
    ),
}
_WORDS = {
    "integer": "an integer",
    "number": "a number",
    "boolean": "a boolean",
    "date": "a date (YYYY-MM-DD)",
    "string": "a string",
}

# What the readers implement; anything else the package uses is refused.
CONSTRAINTS = frozenset(
    {"required", "unique", "enum", "pattern", "minLength", "maxLength", "minimum", "maximum"}
)
SCHEMA_PROPERTIES = frozenset({"$schema", "fields", "missingValues", "primaryKey", "foreignKeys",
                               "fieldsMatch"})
DIALECT_PROPERTIES = frozenset({"$schema", "delimiter", "quoteChar", "doubleQuote", "escapeChar",
                                "header", "lineTerminator", "caseSensitiveHeader"})
_FIRST_DAY = dt.datetime(1, 1, 1)
_STRING_FORMATS = ("default", "uri")
_ENCODINGS = ("utf-8", "utf8")


def missing_values(values: Any) -> tuple[str, ...]:
    """A ``missingValues`` list as plain strings (v2 also allows ``{"value", "label"}``)."""
    return tuple(str(v["value"]) if isinstance(v, dict) else str(v) for v in values)


# --- columns ---------------------------------------------------------------------------


def mask(result: pa.Array | pa.ChunkedArray) -> np.ndarray:
    """A boolean Arrow result as a numpy mask (nulls count as False)."""
    if isinstance(result, pa.ChunkedArray):
        result = result.combine_chunks()
    return np.asarray(pc.fill_null(result, False).to_numpy(zero_copy_only=False), dtype=bool)


def fullmatch(col: pa.Array | pa.ChunkedArray, pattern: str) -> np.ndarray:
    """Which values match ``pattern`` as a whole (RE2 on Arrow; Python ``re`` on the
    distinct values for patterns RE2 does not support)."""
    try:
        return mask(pc.match_substring_regex(col, f"^(?:{pattern})$"))
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
        regex = re.compile(pattern)
        uniq = pc.unique(col)
        ok = [v for v in uniq.to_pylist() if v is not None and regex.fullmatch(v)]
        return mask(pc.is_in(col, value_set=pa.array(ok, pa.string())))


def isin(col: pa.Array | pa.ChunkedArray, values: Sequence[Any] | pa.Array) -> np.ndarray:
    value_set = values if isinstance(values, pa.Array) else pa.array(list(values), pa.string())
    return mask(pc.is_in(col, value_set=value_set))


def _chunks(col: pa.Array | pa.ChunkedArray) -> list[pa.Array]:
    return list(col.chunks) if isinstance(col, pa.ChunkedArray) else [col]


def _validity(keep: np.ndarray, offset: int) -> pa.Buffer:
    """A validity bitmap for an array starting ``offset`` bits into it."""
    bits = np.concatenate([np.zeros(offset, dtype=bool), keep]) if offset else keep
    return pa.py_buffer(np.packbits(bits, bitorder="little"))


def with_nulls(text: pa.Array | pa.ChunkedArray, keep: np.ndarray) -> pa.ChunkedArray:
    """The text column with null where ``keep`` is False, sharing the text's buffers
    (a copy of a million summaries would cost time and memory for nothing)."""
    out = []
    start = 0
    for chunk in _chunks(text):
        n = len(chunk)
        part = keep[start : start + n]
        start += n
        if chunk.null_count == 0 and part.all():
            out.append(chunk)
            continue
        if chunk.null_count:
            part = part & mask(pc.is_valid(chunk))
        buffers = chunk.buffers()
        out.append(pa.Array.from_buffers(chunk.type, n, [_validity(part, chunk.offset),
                                                          *buffers[1:]],
                                         null_count=int(n - part.sum()), offset=chunk.offset))
    return pa.chunked_array(out, type=text.type)


def _fits(text: str, integer: bool) -> bool:
    """Whether a well-formed number fits its Arrow type (int64, or a finite float64)."""
    if integer:
        return -(2**63) <= int(text) < 2**63
    return float(text) not in (float("inf"), float("-inf"))


@dataclass
class Parsed:
    """A column read as its field says.

    ``values``: the typed column, null where the cell is missing or not of the type;
    ``present``: rows holding a value (not a missing value); ``bad``: present rows whose
    text is not of the field's type; ``expected``: the type in words, for messages.
    """

    values: pa.ChunkedArray
    present: np.ndarray
    bad: np.ndarray
    expected: str
    encoded: tuple[pa.ChunkedArray, np.ndarray] | None = None  # Field.encode, once


# --- fields ----------------------------------------------------------------------------


class Field:
    """One Table Schema field as the readers read it."""

    def __init__(self, spec: dict[str, Any], schema_missing: tuple[str, ...]) -> None:
        self.spec = spec
        self.name: str = spec["name"]
        self.type: str = spec.get("type", "string")
        self.constraints: dict[str, Any] = spec.get("constraints") or {}
        self.missing: tuple[str, ...] = (
            missing_values(spec["missingValues"]) if "missingValues" in spec else schema_missing
        )
        self.format: str = spec.get("format", "default")
        self._enum_array: pa.Array | None = None

    def __repr__(self) -> str:
        return f"Field({self.name!r}, {self.type!r})"

    @property
    def title(self) -> str:
        """The field's ``title`` ("" if none)."""
        return str(self.spec.get("title") or "")

    @property
    def description(self) -> str:
        """The field's ``description`` ("" if none)."""
        return str(self.spec.get("description") or "")

    @property
    def labels(self) -> dict[str, str]:
        """The ``categories`` labels by value (as text); values without a label are left out."""
        return {str(c["value"]): str(c["label"]) for c in self.spec.get("categories") or []
                if isinstance(c, dict) and "value" in c and c.get("label")}

    @property
    def enum_text(self) -> list[str] | None:
        """The enum's values as text, in schema order (None when the field has no enum)."""
        return None if self.enum is None else [str(v) for v in self.enum]

    # -- types --
    @property
    def value_type(self) -> pa.DataType:
        """The Arrow type of the values, before any dictionary encoding."""
        return VALUE_TYPES.get(self.type, pa.string())

    @property
    def enum(self) -> list[Any] | None:
        enum = self.constraints.get("enum")
        return list(enum) if isinstance(enum, list) else None

    @property
    def arrow_type(self) -> pa.DataType:
        """The column's Arrow type: enums dictionary-encoded with the enum as dictionary."""
        if self.enum is not None:
            return pa.dictionary(DICTIONARY_INDEX, self.value_type)
        return self.value_type

    def pandas_dtype(self) -> Any:
        """The pandas dtype the loader gives the column."""
        import pandas as pd

        if self.enum is not None:
            return pd.CategoricalDtype(categories=self.enum_values().to_pylist(), ordered=False)
        return {
            "integer": pd.Int64Dtype(),
            "number": np.dtype("float64"),
            "boolean": pd.BooleanDtype(),
            "date": np.dtype("datetime64[s]"),
        }.get(self.type, pd.StringDtype())

    @property
    def required(self) -> bool:
        """The ``required`` constraint (a primary-key field is required too: ``is_required``)."""
        return self.constraints.get("required") is True

    @property
    def unique(self) -> bool:
        """The ``unique`` constraint: no two rows share a value."""
        return self.constraints.get("unique") is True

    @property
    def pattern(self) -> str | None:
        """The ``pattern`` constraint (a regular expression a value must match whole)."""
        pattern = self.constraints.get("pattern")
        return None if pattern is None else str(pattern)

    def length_bound(self, key: str) -> int | None:
        """``minLength`` or ``maxLength`` as an int, or None."""
        value = self.constraints.get(key)
        return None if value is None else int(value)

    @property
    def is_uri(self) -> bool:
        """A string field whose ``format`` is ``uri``."""
        return self.type == "string" and self.format == "uri"

    @property
    def translation(self) -> tuple[str, str] | None:
        """``(field, language)`` when this field translates another: the field's
        ``translation`` property, ``{"of": "title", "language": "es"}``; else None."""
        spec = self.spec.get("translation")
        if not isinstance(spec, dict) or not spec.get("of") or not spec.get("language"):
            return None
        return str(spec["of"]), str(spec["language"])

    def is_required(self, primary_key: Sequence[str]) -> bool:
        """A missing value is refused (``required``, or part of the primary key)."""
        return self.required or self.name in primary_key

    # -- what is not supported --
    def unsupported(self) -> list[str]:
        """Why this field cannot be read as declared (empty when it can)."""
        problems = []
        if self.type not in VALUE_TYPES and self.type not in TEXT_TYPES:
            problems.append(f"type {self.type!r} is not supported")
        if self.type == "string" and self.format not in _STRING_FORMATS:
            problems.append(f"string format {self.format!r} is not supported")
        if self.type == "date" and self.format == "any":
            problems.append("date format 'any' cannot be read reproducibly; give a pattern")
        if self.type in TEXT_TYPES and self.format != "default":
            problems.append(f"format {self.format!r} of a {self.type} is not supported")
        for key in sorted(set(self.constraints) - CONSTRAINTS):
            problems.append(f"constraint {key!r} is not supported")
        if self.type == "boolean":
            clash = set(self.true_values) & set(self.false_values)
            if clash:
                problems.append(f"{sorted(clash)} are both true and false values")
        if self.type in ("integer", "number") and self.spec.get("groupChar") == self.decimal_char:
            problems.append("groupChar and decimalChar are the same")
        return problems

    # -- reading cells --
    @property
    def true_values(self) -> tuple[str, ...]:
        return tuple(str(v) for v in self.spec.get("trueValues", DEFAULT_TRUE_VALUES))

    @property
    def false_values(self) -> tuple[str, ...]:
        return tuple(str(v) for v in self.spec.get("falseValues", DEFAULT_FALSE_VALUES))

    @property
    def decimal_char(self) -> str:
        return str(self.spec.get("decimalChar", ".")) if self.type == "number" else "."

    @property
    def expected(self) -> str:
        """The type in words, for messages."""
        if self.type in TEXT_TYPES:
            return TEXT_TYPES[self.type][1]
        if self.type == "date" and self.format != "default":
            return f"a date in the format {self.format}"
        return _WORDS.get(self.type, self.type)

    def present(self, text: pa.Array | pa.ChunkedArray) -> np.ndarray:
        """Rows holding a value: not one of the field's missing values (nor null)."""
        if self.missing == ("",):
            return mask(pc.not_equal(pc.binary_length(text), 0))
        return ~isin(text, list(self.missing)) & mask(pc.is_valid(text))

    def parse(self, text: pa.Array | pa.ChunkedArray) -> Parsed:
        """Read a column of CSV text (null or a missing value = missing) as this field."""
        present = self.present(text)
        kind = self.type
        if kind == "boolean":
            trues, falses = isin(text, self.true_values), isin(text, self.false_values)
            known = trues | falses
            values = pa.chunked_array([pa.array(trues, pa.bool_(), mask=~(present & known))])
            return Parsed(values, present, present & ~known, self.expected)
        if kind in ("integer", "number"):
            return self._parse_number(text, present)
        if kind == "date":
            return self._parse_date(text, present)
        values = with_nulls(text, present)
        syntax = TEXT_TYPES.get(kind, (None, ""))[0]
        bad = present & ~fullmatch(text, syntax) if syntax else np.zeros(len(present), bool)
        return Parsed(values, present, bad, self.expected)

    def _number_text(self, text: pa.ChunkedArray) -> pa.ChunkedArray:
        """The cells rewritten in Arrow's notation: no group separators, no text around a
        bare number, ``.`` as the decimal mark."""
        group = self.spec.get("groupChar")
        if group:
            text = pc.replace_substring(text, pattern=str(group), replacement="")
        if self.spec.get("bareNumber", True) is False:
            text = pc.replace_substring_regex(
                text, pattern=r"^[^0-9+\-.]+|[^0-9.]+$", replacement=""
            )
        if self.decimal_char != ".":
            text = pc.replace_substring(text, pattern=self.decimal_char, replacement=".")
        return text

    def _parse_number(self, text: pa.Array | pa.ChunkedArray, present: np.ndarray) -> Parsed:
        integer = self.type == "integer"
        text = self._number_text(with_nulls(text, present))
        syntax = fullmatch(text, INTEGER_SYNTAX if integer else NUMBER_SYNTAX)
        good = present & syntax
        source = with_nulls(text, good)
        if integer and pc.any(pc.starts_with(source, "+")).as_py():
            source = pc.replace_substring_regex(source, pattern=r"^\+", replacement="")
        try:
            values = source.cast(self.value_type)
        except pa.ArrowInvalid:  # beyond 64 bits or float range: find which, once per value
            fits = [v for v in pc.unique(source).to_pylist() if v is not None and _fits(v, integer)]
            good &= isin(source, fits)
            values = with_nulls(source, good).cast(self.value_type)
        return Parsed(values, present, present & ~good, self.expected)

    def _parse_date(self, text: pa.Array | pa.ChunkedArray, present: np.ndarray) -> Parsed:
        """Dates are judged once per distinct value: parsed and printed back, and only a
        value that comes back unchanged is a day of the calendar (the parser would roll
        02-30 over to 03-02)."""
        fmt = "%Y-%m-%d" if self.format == "default" else self.format
        source = with_nulls(text, present)
        if self.format == "default":
            try:  # Arrow's cast takes exactly YYYY-MM-DD of a real day, or fails
                values = source.cast(pa.date32())
                return Parsed(values, present, np.zeros(len(present), bool), self.expected)
            except pa.ArrowInvalid:
                pass  # find the bad values, once per distinct value
        uniq = pc.drop_null(pc.unique(source))
        if self.format == "default":
            shaped = fullmatch(uniq, DATE_SYNTAX)
            safe = pc.if_else(pa.array(shaped), uniq, "2000-01-01")
        else:
            shaped, safe = np.ones(len(uniq), dtype=bool), uniq
        parsed = pc.strptime(safe, format=fmt, unit="s", error_is_null=True)
        back = pc.strftime(parsed, format=fmt)
        good_uniq = (
            shaped
            & mask(pc.equal(back, safe))
            & mask(pc.greater_equal(parsed, pa.scalar(_FIRST_DAY, pa.timestamp("s"))))
        )
        day_of = pc.cast(pc.if_else(pa.array(good_uniq), parsed, pa.scalar(None, parsed.type)),
                         pa.date32())
        index = pc.index_in(source, value_set=uniq)
        values = pc.take(day_of, index)
        values = values if isinstance(values, pa.ChunkedArray) else pa.chunked_array([values])
        good = present & mask(pc.is_valid(values))
        return Parsed(values, present, present & ~good, self.expected)

    # -- constraints on typed values --
    def value(self, literal: Any) -> Any:
        """A value written in the descriptor (an enum member, a bound) as a typed scalar:
        JSON numbers and booleans as they are, strings read like a cell."""
        if self.type in ("integer", "number") and isinstance(literal, int | float) \
                and not isinstance(literal, bool):
            return pa.scalar(literal).cast(self.value_type)
        if self.type == "boolean" and isinstance(literal, bool):
            return pa.scalar(literal)
        parsed = self.parse(pa.array([str(literal)], pa.string()))
        if parsed.bad.any() or not parsed.present.any():
            raise ValueError(f"{literal!r} is not {self.expected}")
        return parsed.values[0]

    def enum_values(self) -> pa.Array:
        """The enum as a typed array in schema order (the dictionary of an enum column)."""
        if self._enum_array is None:
            if self.value_type == pa.string():
                values = [str(v) for v in self.enum or []]
            else:
                values = [self.value(v).as_py() for v in self.enum or []]
            self._enum_array = pa.array(values, self.value_type)
        return self._enum_array

    def bound(self, key: str) -> pa.Scalar | None:
        """``minimum`` or ``maximum`` as a typed scalar, or None."""
        literal = self.constraints.get(key)
        if literal is None:
            return None
        if self.type == "integer" and isinstance(literal, float):
            return pa.scalar(literal)
        return self.value(literal)

    def encode(self, parsed: Parsed) -> tuple[pa.ChunkedArray, np.ndarray]:
        """Dictionary-encode a parsed enum column with the enum as the dictionary (the
        same in every file and partition); also the rows whose value is not in it.
        Computed once per column and kept in ``parsed.encoded``."""
        if parsed.encoded is None:
            dictionary = self.enum_values()
            indices = pc.index_in(parsed.values, value_set=dictionary)
            outside = mask(pc.and_(pc.is_valid(parsed.values), pc.is_null(indices)))
            chunks = [
                pa.DictionaryArray.from_arrays(chunk.cast(DICTIONARY_INDEX), dictionary)
                for chunk in _chunks(indices)
            ]
            parsed.encoded = (pa.chunked_array(chunks, type=self.arrow_type), outside)
        return parsed.encoded


# --- resources -------------------------------------------------------------------------


@dataclass(frozen=True)
class Dialect:
    """The CSV dialect of a resource, as options for Arrow's and Python's CSV readers."""

    delimiter: str = ","
    quote_char: str = '"'
    double_quote: bool = True
    escape_char: str | None = None
    header: bool = True
    line_terminator: str | None = None  # as declared (None: not declared)

    def arrow_parse_options(self, **extra: Any) -> Any:
        import pyarrow.csv as pacsv

        return pacsv.ParseOptions(
            delimiter=self.delimiter,
            quote_char=self.quote_char,
            double_quote=self.double_quote,
            escape_char=self.escape_char or False,
            **{"ignore_empty_lines": False, "newlines_in_values": True, **extra},
        )

    def python_csv(self) -> dict[str, Any]:
        """Keyword arguments for ``csv.reader``."""
        return {
            "delimiter": self.delimiter,
            "quotechar": self.quote_char,
            "doublequote": self.double_quote,
            "escapechar": self.escape_char,
        }


def _names(value: Any) -> tuple[str, ...]:
    """A Table Schema field list (a bare string or a list; other entries ignored)."""
    if isinstance(value, str):
        return (value,)
    return tuple(v for v in value or [] if isinstance(v, str)) if isinstance(value, list) else ()


@dataclass(frozen=True)
class ForeignKey:
    """One ``foreignKeys`` entry: ``fields`` of resource ``source`` refer to the
    ``reference`` fields of resource ``target`` (the same one for a self-reference)."""

    source: str
    fields: tuple[str, ...]
    target: str
    reference: tuple[str, ...]

    @property
    def usable(self) -> bool:
        """Names one field or more, as many on each side."""
        return bool(self.fields) and len(self.fields) == len(self.reference)

    def pairs(self) -> list[tuple[tuple[str, str], tuple[str, str]]]:
        """((resource, field), (referenced resource, field)) for each field, in order."""
        return [((self.source, a), (self.target, b))
                for a, b in zip(self.fields, self.reference, strict=False)]


def primary_key(res: dict[str, Any]) -> list[str]:
    """A resource's primary key as a list of field names (Table Schema allows a bare string)."""
    schema = res.get("schema")
    return list(_names(schema.get("primaryKey"))) if isinstance(schema, dict) else []


def schemas(descriptor: dict[str, Any]) -> list[Schema]:
    """The schema of every tabular resource (one with an inline Table Schema), in order."""
    return [Schema(res) for res in descriptor.get("resources") or []
            if isinstance(res, dict) and isinstance(res.get("schema"), dict)]


class Schema:
    """A tabular resource as the readers read it: its fields, keys and CSV dialect."""

    def __init__(self, res: dict[str, Any]) -> None:
        self.res = res
        self.name: str = str(res.get("name"))
        spec = res.get("schema")
        self.spec: dict[str, Any] = spec if isinstance(spec, dict) else {}
        self.missing = missing_values(self.spec.get("missingValues", DEFAULT_MISSING_VALUES))
        fields = self.spec.get("fields")
        self.fields = [Field(f, self.missing) for f in fields or []
                       if isinstance(f, dict) and isinstance(f.get("name"), str)] \
            if isinstance(fields, list) else []
        self.names = [f.name for f in self.fields]
        self.primary_key: list[str] = primary_key(res)

    @classmethod
    def of(cls, descriptor: dict[str, Any], name: str) -> Schema:
        """The schema of the resource called ``name``; DescriptorError if the package has
        no such resource or it has no list of fields."""
        for res in descriptor.get("resources") or []:
            if isinstance(res, dict) and res.get("name") == name:
                schema = cls(res)
                if not isinstance(schema.spec.get("fields"), list):
                    raise DescriptorError(
                        f"datapackage.json: resource {name!r} has no schema fields")
                return schema
        raise DescriptorError(f"datapackage.json: no resource named {name!r}")

    def field(self, name: str) -> Field:
        """The field called ``name``; DescriptorError if the schema has none."""
        for f in self.fields:
            if f.name == name:
                return f
        raise DescriptorError(f"datapackage.json: resource {self.name!r} has no field {name!r}")

    def has(self, name: str) -> bool:
        """Whether the schema declares a field called ``name``."""
        return name in self.names

    @cached_property
    def foreign_keys(self) -> list[ForeignKey]:
        """The ``foreignKeys``, each as a ForeignKey (entries that are not objects are
        left to the descriptor check, which reports them)."""
        out = []
        for fk in self.spec.get("foreignKeys") or []:
            if not isinstance(fk, dict):
                continue
            ref = fk.get("reference")
            ref = ref if isinstance(ref, dict) else {}
            out.append(ForeignKey(self.name, _names(fk.get("fields")),
                                  str(ref.get("resource") or self.name), _names(ref.get("fields"))))
        return out

    @property
    def translations(self) -> dict[str, dict[str, str]]:
        """The fields that translate others, by language: ``{"es": {"title": "title_es",
        ...}}`` (the ``translation`` property of each field; see ``Field.translation``).
        Only translations of fields this schema declares count."""
        out: dict[str, dict[str, str]] = {}
        for f in self.fields:
            if f.translation is not None and self.has(f.translation[0]):
                base, lang = f.translation
                out.setdefault(lang, {})[base] = f.name
        return out

    @property
    def order_by(self) -> list[str]:
        """The resource's ``orderBy``: the fields that give its rows' canonical order
        (only those the schema declares)."""
        order = self.res.get("orderBy")
        return [k for k in order if isinstance(k, str) and self.has(k)] \
            if isinstance(order, list) else []

    @cached_property
    def dialect(self) -> Dialect:
        d = self.res.get("dialect") or {}
        return Dialect(
            delimiter=str(d.get("delimiter", ",")),
            quote_char=str(d.get("quoteChar", '"')),
            double_quote=bool(d.get("doubleQuote", True)),
            escape_char=d.get("escapeChar") or None,
            header=bool(d.get("header", True)),
            line_terminator=str(d["lineTerminator"]) if "lineTerminator" in d else None,
        )

    def arrow_fields(self) -> list[pa.Field]:
        """The Arrow field of each column: its type, nullable unless a value is required."""
        return [pa.field(f.name, f.arrow_type, nullable=not f.is_required(self.primary_key))
                for f in self.fields]

    def table(self, parsed: dict[str, Parsed], schema: pa.Schema | None = None) -> pa.Table:
        """The parsed columns as a table of ``arrow_fields``, enums dictionary-encoded;
        ``schema`` may add metadata to those fields."""
        columns = [f.encode(parsed[f.name])[0] if f.enum is not None else parsed[f.name].values
                   for f in self.fields]
        return pa.Table.from_arrays(columns, schema=schema or pa.schema(self.arrow_fields()))

    def unsupported(self) -> list[tuple[str, str]]:
        """(where, why) for everything this resource declares that the readers do not
        implement; ``where`` is ``resource`` or ``resource.field``."""
        out: list[tuple[str, str]] = []
        encoding = str(self.res.get("encoding", "utf-8")).lower()
        if encoding not in _ENCODINGS:
            out.append((self.name, f"encoding {encoding!r} is not supported (use utf-8)"))
        dialect = self.res.get("dialect") or {}
        if not isinstance(dialect, dict):
            out.append((self.name, "the dialect must be an inline object"))
            dialect = {}
        for key in sorted(set(dialect) - DIALECT_PROPERTIES):
            out.append((self.name, f"dialect property {key!r} is not supported"))
        for key in ("delimiter", "quoteChar", "escapeChar"):
            value = dialect.get(key)
            if value is not None and (not isinstance(value, str) or len(value) != 1):
                out.append((self.name, f"dialect {key} must be one character"))
        if dialect.get("lineTerminator", "\n") not in ("\n", "\r\n", "\r"):
            out.append((self.name, "dialect lineTerminator must be a line ending"))
        for key in sorted(set(self.spec) - SCHEMA_PROPERTIES):
            out.append((self.name, f"schema property {key!r} is not supported"))
        if self.spec.get("fieldsMatch", "exact") != "exact":
            out.append((self.name, "only fieldsMatch 'exact' is supported"))
        for field in self.fields:
            out.extend((f"{self.name}.{field.name}", why) for why in field.unsupported())
        return out
