"""Export the dataset in other formats: schema.org JSON-LD, TimelineJS3 JSON, or a
SQLite database with its Datasette metadata.

``export sqlite OUT.db [DATAPACKAGE]`` writes the database to OUT.db and Datasette's
``metadata.json`` beside it (``--metadata`` to name it otherwise); serve both with
``datasette OUT.db -m metadata.json``. It needs the ``sqlite`` extra (sqlite-utils).
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence
from typing import Any

from ..errors import DataError
from . import EXIT_INVALID, EXIT_OK, EXIT_USAGE

HELP = "export as schema.org JSON-LD, TimelineJS3 JSON, or a SQLite database for Datasette"

# target -> (module, function); each function takes the datapackage and returns the text.
TARGETS: dict[str, tuple[str, str]] = {
    "jsonld": ("..jsonld", "render_jsonld"),
    "timelinejs": ("..timelinejs", "render_timelinejs"),
}
SQLITE = "sqlite"


class _Paths(argparse.Action):
    """The positionals after the target: ``[DATAPACKAGE]``, or for ``sqlite`` without
    ``--out``, ``OUT.db [DATAPACKAGE]`` (the database's file first, as in ``export sqlite
    OUT.db``). Options are parsed before positionals, so ``--out`` is known here."""

    def __call__(self, parser: argparse.ArgumentParser, namespace: argparse.Namespace,
                 values: Any, option_string: str | None = None) -> None:
        paths: Sequence[str] = values or []
        if getattr(namespace, "target", None) == SQLITE and namespace.out is None and paths:
            namespace.database, paths = paths[0], paths[1:]
        if len(paths) > 1:
            parser.error(f"unrecognized arguments: {' '.join(paths[1:])}")
        namespace.datapackage = paths[0] if paths else None


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("target", choices=sorted([*TARGETS, SQLITE]), help="what to export")
    parser.add_argument("paths", nargs="*", action=_Paths, metavar="[OUT.db] [DATAPACKAGE]",
                        help="for sqlite, the database to write first; then the package: "
                             "a datapackage.json or its folder (default: ./datapackage.json "
                             "if there is one, else the installed package)")
    parser.set_defaults(datapackage=None, database=None)
    parser.add_argument("--out", metavar="FILE", default=None,
                        help="output file (default: standard output; for sqlite, the "
                             "database, which may be given as OUT.db instead)")
    parser.add_argument("--metadata", metavar="FILE", default=None,
                        help="sqlite only: where to write Datasette's metadata (default: "
                             "metadata.json beside the database)")


def run(args: argparse.Namespace) -> int:
    from ..descriptor import command

    if args.target == SQLITE:
        return _sqlite(args)
    if args.metadata is not None:
        print("export: --metadata is for the sqlite export only", file=sys.stderr)
        return EXIT_USAGE
    from ..atomic import write_text

    module_name, func_name = TARGETS[args.target]
    module = importlib.import_module(module_name, __package__)
    try:
        text = getattr(module, func_name)(args.datapackage)  # all of it, before writing
    except DataError as exc:
        print(f"export {args.target}: {exc}\n"
              f"run `{command('check', args.datapackage)}` for details", file=sys.stderr)
        return EXIT_INVALID
    if args.out is None:
        sys.stdout.write(text)
        sys.stdout.flush()
    else:
        write_text(args.out, text)  # an OSError is reported by the command line (exit 2)
    return EXIT_OK


def _sqlite(args: argparse.Namespace) -> int:
    from ..descriptor import command
    from ..sqlite_export import export_sqlite

    if (args.database is None) == (args.out is None):
        print("export sqlite: give the database to write once: export sqlite OUT.db "
              "(or --out OUT.db)", file=sys.stderr)
        return EXIT_USAGE
    try:
        db, meta = export_sqlite(args.datapackage, args.database or args.out, args.metadata)
    except DataError as exc:
        print(f"export sqlite: {exc}\nrun `{command('check', args.datapackage)}` for "
              "details; nothing was written", file=sys.stderr)
        return EXIT_INVALID
    print(f"wrote {db} and {meta}; serve them with: datasette {db} -m {meta}")
    return EXIT_OK
