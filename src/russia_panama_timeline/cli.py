"""The ``russia-panama-timeline`` command line.

Each subcommand lives in its own small module under ``commands/`` exposing ``HELP``,
``add_arguments(parser)`` and ``run(args) -> int``; this file only wires them up, so
commands can grow without touching each other. Command modules import their heavy
dependencies inside ``run`` so that ``--help`` stays instant.

Exit codes: 0 success, 1 invalid data, 2 usage error or unreadable input.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from .commands import EXIT_INTERRUPTED, EXIT_INVALID, EXIT_OK, EXIT_USAGE
from .descriptor import read_descriptor
from .errors import DataError, DescriptorError, PackageError

__all__ = ["EXIT_INVALID", "EXIT_OK", "EXIT_USAGE", "build_parser", "main"]

# Subcommand name -> module under russia_panama_timeline.commands, in --help order.
COMMANDS: dict[str, str] = {
    "check": "check",
    "fmt": "fmt",
    "build": "build",
    "info": "info",
    "cite": "cite",
    "export": "export",
    "plot": "plot",
    "site": "site",
}


def _version() -> str:
    try:
        return str(read_descriptor().get("version", "unknown"))
    except DescriptorError:
        return "unknown"


def build_parser() -> argparse.ArgumentParser:
    """The full argument parser, built from the command modules."""
    parser = argparse.ArgumentParser(
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


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point: parse arguments, run the command, map failures to exit codes."""
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args._run(args))
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        return EXIT_OK
    except PackageError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_INVALID if isinstance(exc, DataError) else EXIT_USAGE
    except OSError as exc:
        # A data file named by the descriptor is missing or unreadable.
        where = f"{exc.filename}: " if exc.filename else ""
        print(f"error: {where}{exc.strerror or exc}", file=sys.stderr)
        return EXIT_USAGE


if __name__ == "__main__":
    raise SystemExit(main())
