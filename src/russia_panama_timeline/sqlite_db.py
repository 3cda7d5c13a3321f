"""The package as one SQLite database, for Datasette and anything that reads SQLite.

Built with sqlite-utils (the ``sqlite`` extra). Each resource is a table whose columns
are typed from the Table Schema (``integer`` and ``boolean`` as INTEGER, ``number`` as
REAL, dates as ISO text, which SQLite compares in order, the rest as TEXT), with its
primary key, NOT NULL where a value is required, and its foreign keys; the rows are
the values the typed reader returns, the same the loaders and Parquet hold. The titles,
names and summaries, in every language the schema has, get a full-text index
(``TABLE_fts``, FTS5, accents and case ignored): a field is indexed when its name is
``title``, ``name`` or ``summary``, alone or followed by a language code
(``title_en``, ``summary_es``), so a translation added to the schema is searched
without a change here.

``sqlite_export.export_sqlite`` writes it to a temporary file beside OUT and renames it
over OUT only when complete; ``datasette_metadata`` describes it for Datasette.
"""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path
from typing import Any

import pyarrow as pa

from .descriptor import resource_path
from .errors import PackageError
from .tableschema import Schema

TEXT_FIELD = re.compile(r"(?:title|name|summary)(?:_[a-z]{2,3})?")
"""The fields searched as text: a title, name or summary, in any language."""
TOKENIZE = "unicode61 remove_diacritics 2"
"""FTS5's tokenizer: case and accents ignored ("colon" finds "Colón")."""


class SqliteError(PackageError):
    """The database cannot be written as asked: sqlite-utils missing, or a schema it
    cannot express (exit 2)."""


def search_fields(schema: Schema) -> list[str]:
    """The text fields of a resource that the full-text index covers."""
    return [f.name for f in schema.fields
            if f.value_type == pa.string() and TEXT_FIELD.fullmatch(f.name)]


def _column_type(field: Any) -> type:
    kind = field.value_type
    if kind == pa.int64() or kind == pa.bool_():
        return int
    if kind == pa.float64():
        return float
    return str


def _order(resources: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Resources so that a table comes after those its foreign keys refer to (a cycle,
    which SQLite allows, is left in the descriptor's order)."""
    by_name = {str(r["name"]): r for r in resources}
    done: list[str] = []
    visiting: set[str] = set()

    def visit(name: str) -> None:
        if name in done or name in visiting or name not in by_name:
            return
        visiting.add(name)
        for fk in Schema(by_name[name]).foreign_keys:
            if fk.target != name:
                visit(fk.target)
        visiting.discard(name)
        done.append(name)

    for name in by_name:
        visit(name)
    return [by_name[n] for n in done]


def _rows(path: Path, res: dict[str, Any]) -> tuple[Schema, list[dict[str, Any]]]:
    from .diff.rows import json_value
    from .reader import read_typed

    schema = Schema(res)
    table = read_typed(path, res, label=str(resource_path(path, res)))
    columns = []
    for col in table.columns:
        if pa.types.is_dictionary(col.type):
            col = col.cast(col.type.value_type)
        columns.append([json_value(v) for v in col.to_pylist()])
    return schema, [dict(zip(schema.names, values, strict=True))
                    for values in zip(*columns, strict=True)]


def _fk_argument(fields: list[str], target: str, refs: list[str]) -> tuple[Any, str, Any]:
    if len(fields) == 1 and len(refs) == 1:
        return fields[0], target, refs[0]
    return tuple(fields), target, tuple(refs)  # a composite key (sqlite-utils 4)


def write_database(db_path: Path, datapackage: Path, descriptor: dict[str, Any]) -> None:
    """Create the tables, load the rows and index the text, in ``db_path`` (a new file)."""
    try:
        import sqlite_utils
    except ImportError:
        raise SqliteError("the SQLite export needs sqlite-utils, which is not installed: "
                          "pip install 'russia-panama-timeline[sqlite]'") from None
    resources = [r for r in descriptor["resources"] if isinstance(r, dict)]
    conn = sqlite3.connect(db_path)
    try:
        db = sqlite_utils.Database(conn)
        # Empty tables first, each after those it refers to; a key to a table not made
        # yet, or to its own table, is added once all exist (a rebuild of empty tables).
        loaded, deferred = [], []
        for res in _order(resources):
            name = str(res["name"])
            schema, rows = _rows(datapackage, res)
            ready = []
            for fk in schema.foreign_keys:
                argument = _fk_argument(list(fk.fields), fk.target, list(fk.reference))
                if fk.target != name and fk.target in db.table_names():
                    ready.append(argument)
                else:
                    deferred.append((name, *argument))
            db.table(name).create(
                {f.name: _column_type(f) for f in schema.fields},
                pk=schema.primary_key[0] if len(schema.primary_key) == 1
                else tuple(schema.primary_key) or None,
                not_null={f.name for f in schema.fields if f.is_required(schema.primary_key)},
                foreign_keys=ready,
            )
            loaded.append((name, schema, rows))
        if deferred:
            db.add_foreign_keys(deferred)
        for name, schema, rows in loaded:
            db.table(name).insert_all(rows, batch_size=1000)
            text = search_fields(schema)
            if text:
                db.table(name).enable_fts(text, tokenize=TOKENIZE)
        conn.execute("VACUUM")
    except (sqlite3.Error, sqlite_utils.db.AlterError) as exc:
        raise SqliteError(f"SQLite cannot hold the package as its schema says: {exc}") \
            from None
    finally:
        conn.close()
