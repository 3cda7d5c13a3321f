"""Load the package's tables as pandas DataFrames typed from the Table Schema.

The dtypes come from ``datapackage.json`` at call time, through ``tableschema``, never
from a list written here, so a field added to the schema is typed correctly without
touching this module. frictionless is not imported: it is not needed to read a CSV
whose schema we already have, and importing it would cost more than the read itself.

The CSV is read by ``reader.read_typed``, the same parse and the same reading of each
cell as the checker's and the Parquet build's (pandas already imports pyarrow for its
string dtype, so this costs no extra import). Whatever the checker would refuse in the
loaded table itself (a value not of its type, outside its enum, against its pattern,
length or range, a missing required value, a repeated unique value or primary key) or
a file whose size differs from its pin raises DataError naming file, line and field;
foreign keys and the rules across tables are ``check``'s alone.
"""

from __future__ import annotations

import os
from typing import Any

import pandas as pd

from .descriptor import DataError, read_descriptor, resource, resource_path
from .errors import LanguageError
from .tableschema import Schema

__all__ = [
    "REFERENCE_LANGUAGE",
    "DataError",
    "LanguageError",
    "check_language",
    "in_language",
    "language_name",
    "languages",
    "load_actors",
    "load_event_sources",
    "load_events",
    "load_sources",
    "load_table",
]

PathLike = str | os.PathLike[str] | None


REFERENCE_LANGUAGE = "en"
"""The language of ``title``, ``summary`` and ``name``: the reference every translation
is made from."""


def languages(datapackage: PathLike = None) -> tuple[str, ...]:
    """The languages the package's texts (titles, summaries, names) are in, as ISO 639-1
    codes: English, the reference, then every language a field of the schema translates
    into (the fields' ``translation`` property), in schema order."""
    out = [REFERENCE_LANGUAGE]
    for res in read_descriptor(datapackage)["resources"]:
        for lang in Schema(res).translations:
            if lang not in out:
                out.append(lang)
    return tuple(out)


def language_name(lang: str) -> str:
    """The language's English name ("Spanish"), from CLDR (Babel), or the code itself."""
    try:
        from babel import Locale

        return str(Locale.parse(lang).get_display_name("en"))
    except Exception:  # an unknown code: say it as it is
        return lang


def check_language(lang: str, datapackage: PathLike = None) -> None:
    """LanguageError, naming the package's languages, for one it has no texts in."""
    known = languages(datapackage)
    if lang not in known:
        raise LanguageError(
            f"no texts in {lang!r}: the package's languages are {', '.join(known)} "
            f"({REFERENCE_LANGUAGE}, the reference, is the default)")


def in_language(frame: pd.DataFrame, res: dict[str, Any], lang: str,
                 datapackage: PathLike) -> pd.DataFrame:
    """The table as a reader of ``lang`` gets it: each translated field (``title``)
    holding its ``lang`` text, the translation columns themselves left out, so every
    language has the same columns and dtypes (a table with no translated field, such as
    the sources, each in its own language, is returned as it is). A missing
    translation raises DataError naming file, line and field, as a missing required
    value does; a table translated, but not into ``lang``, LanguageError."""
    translations = Schema(res).translations
    drop = [name for fields in translations.values() for name in fields.values()]
    if lang != REFERENCE_LANGUAGE and translations:  # a table of no texts stays as it is
        chosen = translations.get(lang)
        if not chosen:
            raise LanguageError(
                f"{res.get('name')}: no texts in {lang!r} (the package's languages are "
                f"{', '.join(languages(datapackage))}; this table has no translation into it)")
        frame = frame.copy()
        for base, column in chosen.items():
            missing = frame[column].isna().to_numpy()
            if missing.any():
                raise _untranslated(res, column, missing, lang, datapackage)
            frame[base] = frame[column].astype(frame[base].dtype)
    return frame.drop(columns=drop)


def _untranslated(res: dict[str, Any], column: str, missing: Any, lang: str,
                  datapackage: PathLike) -> DataError:
    """The DataError for rows without their ``lang`` text, with the lines the
    checker's reader gives them."""
    from .checker.files import read_table
    from .checker.report import Report
    from .reader import refusal

    path = resource_path(datapackage, res)
    table = read_table(path.parent, {**res, "path": path.name}, Report())
    label = str(res.get("path"))
    return refusal([
        f"{label}:{table.line(int(i))}: {column}: no {language_name(lang)} text "
        f"[translation-missing]" for i in missing.nonzero()[0]
    ])


def load_table(name: str, datapackage: PathLike = None) -> pd.DataFrame:
    """Read resource ``name`` into a DataFrame typed from its Table Schema.

    ``date`` fields become datetime64[s] (NaT when missing), enum-constrained fields
    Categorical (categories: the enum, typed, in schema order), ``integer`` nullable
    Int64, ``number`` float64 (NaN when missing), ``boolean`` nullable boolean, and all
    other fields pandas' string dtype (NA when missing); the schema's missing values (by
    default only the empty cell; a field may declare its own) are the missing cells. A
    header that is not the schema's field list, a cell that breaks a constraint of the
    table (type, enum, required, pattern, length, range, unique, primary key), or a file
    whose size is not its pinned ``bytes`` raises DataError naming file, line and field.
    """
    import pyarrow as pa

    from .reader import read_typed

    res = resource(read_descriptor(datapackage), name)
    table = read_typed(datapackage, res, label=str(resource_path(datapackage, res)))
    frame = table.to_pandas(
        types_mapper={
            pa.string(): pd.StringDtype(),
            pa.int64(): pd.Int64Dtype(),
            pa.bool_(): pd.BooleanDtype(),
        }.get,
        date_as_object=False,
    )
    for field in Schema(res).fields:
        dtype = field.pandas_dtype()
        if frame[field.name].dtype != dtype:
            frame[field.name] = frame[field.name].astype(dtype)
    return frame


def load_events(datapackage: PathLike = None, lang: str = REFERENCE_LANGUAGE) -> pd.DataFrame:
    """The events table: one row per dated event, typed from the schema.

    ``lang`` (``"en"``, ``"es"``, ``"ru"``: see ``languages()``) chooses the language of
    ``title`` and ``summary``; every language gives the same rows, columns and dtypes,
    without the translation columns themselves (``load_table("events")`` has them all).
    An unknown language raises LanguageError; a missing translation, DataError.
    """
    check_language(lang, datapackage)
    return in_language(load_table("events", datapackage),
                        resource(read_descriptor(datapackage), "events"), lang, datapackage)


def load_sources(datapackage: PathLike = None) -> pd.DataFrame:
    """The sources table: one row per source document, typed from the schema (each
    source's title is in its own language, with ``title_en`` beside it)."""
    return load_table("sources", datapackage)


def load_event_sources(datapackage: PathLike = None) -> pd.DataFrame:
    """The citations table: one row per (event, source) pair, typed from the schema."""
    return load_table("event_sources", datapackage)


def load_actors(datapackage: PathLike = None, lang: str = REFERENCE_LANGUAGE) -> pd.DataFrame:
    """The actors table: one row per actor events and sources name, typed from the schema.

    Join it on ``actor1``, ``actor2`` or ``country`` of the events (or ``issuer`` of the
    sources) to get names, kinds, Wikidata items and ISO 3166 codes. ``lang`` chooses the
    language of ``name``, as for ``load_events``.
    """
    check_language(lang, datapackage)
    return in_language(load_table("actors", datapackage),
                        resource(read_descriptor(datapackage), "actors"), lang, datapackage)
