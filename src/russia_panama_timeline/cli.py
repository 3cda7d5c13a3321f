"""The ``russia-panama-timeline`` command line.

Each subcommand lives in its own small module under ``commands/`` exposing ``HELP``,
``add_arguments(parser)`` and ``run(args) -> int``; this file only wires them up, so
commands can grow without touching each other. Command modules import their heavy
dependencies inside ``run`` so that ``--help`` stays instant.

Exit codes: 0 success, 1 invalid data, 2 usage error or unreadable input, 3 an
internal error (a bug, said to be one).

With no DATAPACKAGE argument a command works on the nearest ``datapackage.json`` of
this dataset in the current folder or its parents, else on the installed package
(``descriptor.default_package``, the rule the loaders follow too), and
says on stderr which descriptor it read. Options and positionals may come in any
order (``export timelinejs --out t.json DATAPACKAGE``). With ``--format json`` an
error is a JSON object on standard output too, so tools never parse prose.
"""

from __future__ import annotations

import argparse
import importlib
import itertools
import json
import sys
from collections.abc import Sequence
from typing import NoReturn

from .commands import (
    EXIT_BROKEN_PIPE,
    EXIT_INTERNAL,
    EXIT_INTERRUPTED,
    EXIT_INVALID,
    EXIT_OK,
    EXIT_USAGE,
    quiet_stdout,
)
from .descriptor import locate, read_descriptor, shown
from .errors import DataError, DescriptorError, InternalError, PackageError

__all__ = ["EXIT_INVALID", "EXIT_OK", "EXIT_USAGE", "build_parser", "main"]

# Subcommand name -> module under russia_panama_timeline.commands, in --help order.
COMMANDS: dict[str, str] = {
    "check": "check",
    "fmt": "fmt",
    "build": "build",
    "info": "info",
    "events": "events",
    "cite": "cite",
    "export": "export",
    "plot": "plot",
    "site": "site",
    "diff": "diff",
}


def _version() -> str:
    try:
        return str(read_descriptor().get("version", "unknown"))
    except DescriptorError:
        return "unknown"


class UsageError(PackageError):
    """A command line argparse refused; raised instead of exiting, so that ``main``
    can report it as JSON when ``--format json`` was asked for."""

    def __init__(self, message: str, usage: str) -> None:
        super().__init__(message)
        self.usage = usage


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise UsageError(f"{self.prog}: {message}", self.format_usage())


def build_parser() -> argparse.ArgumentParser:
    """The full argument parser, built from the command modules."""
    parser = _Parser(
        prog="russia-panama-timeline",
        description=(
            "Check, build and explore the Russia–Panama relations timeline data package. "
            "Exit codes: 0 ok, 1 invalid data, 2 usage error or unreadable input."
        ),
    )
    parser.add_argument(
        "--version", action="version", version=f"%(prog)s {_version()}"
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.required = True
    for name, module_name in COMMANDS.items():
        module = importlib.import_module(f".commands.{module_name}", __package__)
        cmd = sub.add_parser(name, help=module.HELP, description=module.__doc__)
        module.add_arguments(cmd)
        cmd.set_defaults(_run=module.run)
    return parser


def parse(argv: Sequence[str]) -> argparse.Namespace:
    """Parse a command line, the subcommand's options and positionals in any order.

    argparse cannot intermix positionals and options across subparsers, so the top
    level parser only routes (and serves ``--help`` and ``--version``); the
    subcommand's own parser then parses the rest with ``parse_intermixed_args``.
    """
    parser = build_parser()
    at = next((i for i, arg in enumerate(argv) if not arg.startswith("-")), None)
    if at is None or at > 0 or argv[at] not in COMMANDS:
        return parser.parse_args(argv)  # help, version, or an error naming the choices
    sub = _subparsers(parser)[argv[at]]
    args = sub.parse_intermixed_args(argv[at + 1:])
    args.command = argv[at]
    return args


def _subparsers(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    action = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return dict(action.choices)


def _wants_json(argv: Sequence[str]) -> bool:
    """Whether the command line asks for JSON output (looked at before parsing, so that
    even an argument error can be answered in JSON)."""
    pairs = itertools.pairwise(argv)
    return "--format=json" in argv or any(a == "--format" and b == "json" for a, b in pairs)


def _fail(message: str, code: int, as_json: bool, datapackage: str | None) -> int:
    """Report an error that stopped the command: a line on stderr, or a JSON object."""
    if as_json:
        error = {"datapackage": datapackage, "error": message, "exit": code}
        print(json.dumps(error, ensure_ascii=False, indent=2))
    else:
        print(f"error: {message}", file=sys.stderr)
    return code


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point: parse arguments, run the command, map failures to exit codes."""
    argv = list(sys.argv[1:] if argv is None else argv)
    as_json = _wants_json(argv)
    try:
        args = parse(argv)
    except UsageError as exc:
        if not as_json:
            sys.stderr.write(exc.usage)
        return _fail(str(exc), EXIT_USAGE, as_json, None)
    where = None
    if hasattr(args, "datapackage"):
        args.datapackage = locate(args.datapackage)
        where = shown(args.datapackage)
        print(f"descriptor: {where}", file=sys.stderr)
    try:
        return int(args._run(args))
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        # The reader went away (`check | head`): say nothing more, and never claim a
        # success nobody saw. A command that knew its verdict returned it already.
        quiet_stdout()
        return EXIT_BROKEN_PIPE
    except PackageError as exc:
        code = EXIT_INVALID if isinstance(exc, DataError) else EXIT_USAGE
        return _fail(str(exc), code, as_json, where)
    except InternalError as exc:
        return _fail(f"internal error, a bug in this program (not a problem with the data; "
                     f"please report it): {exc}", EXIT_INTERNAL, as_json, where)
    except OSError as exc:
        # A data file named by the descriptor is missing or unreadable.
        name = f"{exc.filename}: " if exc.filename else ""
        return _fail(f"{name}{exc.strerror or exc}", EXIT_USAGE, as_json, where)


if __name__ == "__main__":
    raise SystemExit(main())
