"""``export sqlite``: the database (``sqlite_db``) and Datasette's metadata
(``datasette_metadata``), each switched into place whole, never over a file that is not
one of them."""

from __future__ import annotations

import json
import os
from pathlib import Path

from .atomic import atomic_path
from .descriptor import read_descriptor, resolve
from .sqlite_db import SqliteError

PathLike = str | os.PathLike[str] | None

SQLITE_HEADER = b"SQLite format 3\x00"


def _refuse_to_replace(out: Path, meta_path: Path) -> None:
    """Replace only a SQLite database and a Datasette metadata file: ``export sqlite
    datapackage.json`` must not turn the descriptor into a database."""
    if out.is_dir():
        raise SqliteError(f"{out}: is a folder; give the database's file name")
    if out.exists():
        with open(out, "rb") as fh:
            if fh.read(len(SQLITE_HEADER)) != SQLITE_HEADER:
                raise SqliteError(f"{out}: exists and is not a SQLite database; refusing "
                                  "to replace it (give a new file name, such as out/timeline.db)")
    if meta_path.exists():
        try:
            old = json.loads(meta_path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError):
            old = None
        if not isinstance(old, dict) or "databases" not in old:
            raise SqliteError(f"{meta_path}: exists and is not Datasette metadata; refusing "
                              "to replace it (choose another with --metadata)")


def export_sqlite(datapackage: PathLike, out: str | os.PathLike[str],
                  metadata: str | os.PathLike[str] | None = None) -> tuple[Path, Path]:
    """Write the database to ``out`` and Datasette's metadata beside it (``metadata``,
    default ``metadata.json`` in the same folder); return both paths. The database is
    built in a temporary file beside ``out`` and renamed over it only when complete, so
    bad data (DataError) or a schema SQLite cannot hold leaves both files as they were."""
    from .atomic import write_text
    from .datasette_metadata import render_metadata
    from .sqlite_db import write_database

    path = resolve(datapackage)
    descriptor = read_descriptor(path)
    out = Path(out)
    meta_path = Path(metadata) if metadata is not None else out.parent / "metadata.json"
    _refuse_to_replace(out, meta_path)
    meta = render_metadata(descriptor, out.stem)
    with atomic_path(out) as tmp:
        tmp.unlink()  # sqlite3 makes a new database where there is no file
        write_database(tmp, path, descriptor)
    write_text(meta_path, meta)
    return out, meta_path
