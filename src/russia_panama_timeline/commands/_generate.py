"""The command layer of the generators: what ``scripts/gen_*.py`` run.

One convention for every generated file: render everything first, then either write
what differs (exit 0) or, with ``--check``, write nothing and name what differs (exit
1). Exit 2 when an input cannot be read (the descriptor, a page's section), exit
1 when the data does not load as its schema says.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from ..descriptor import DataError, DescriptorError, command, locate, shown
from ..generate import GenerateError, Outputs, sync
from . import EXIT_INVALID, EXIT_OK, EXIT_USAGE


@dataclass(frozen=True)
class Generator:
    name: str  # what the outputs are, for messages
    script: str  # the command that regenerates them
    add_arguments: Callable[[argparse.ArgumentParser], None]
    # the outputs, and the folder their paths are shown relative to
    outputs: Callable[[argparse.Namespace], tuple[Path, Outputs]]


def _docs_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--datapackage", type=Path, default=None,
                        help="descriptor to document (default: the nearest "
                        "datapackage.json of this dataset, else the clone's)")
    parser.add_argument("--docs", type=Path, default=None,
                        help="folder of the reference pages to update (default: docs/ "
                        "beside the descriptor)")


def _docs_outputs(args: argparse.Namespace) -> tuple[Path, Outputs]:
    from ..generate.docs import docs_outputs

    docs = args.docs or args.datapackage.parent / "docs"
    return docs, docs_outputs(args.datapackage, docs)


def _citation_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("datapackage", nargs="?", default=None,
                        help="descriptor to generate from (default: the nearest "
                        "datapackage.json of this dataset, else the clone's); the files are "
                        "written beside it")


def _citation_outputs(args: argparse.Namespace) -> tuple[Path, Outputs]:
    from ..descriptor import resolve
    from ..generate.citation import citation_outputs

    return resolve(args.datapackage).parent, citation_outputs(args.datapackage)


def _figure_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--png", action="store_true", help="also write timeline.png")
    parser.add_argument("--out-dir", type=Path, default=None,
                        help="where to write (default: docs/ beside the descriptor)")


def _figure_outputs(args: argparse.Namespace) -> tuple[Path, Outputs]:
    from ..generate.figure import figure_outputs

    try:
        import matplotlib  # noqa: F401
    except ImportError:
        raise GenerateError(
            "the figure needs matplotlib: pip install 'russia-panama-timeline[plot]'"
        ) from None

    out_dir = args.out_dir or args.datapackage.parent / "docs"
    return out_dir, figure_outputs(args.datapackage, out_dir, args.png)


GENERATORS = {
    "docs": Generator(
        "the data dictionary and the finding codes in docs/",
        "python scripts/gen_docs.py",
        _docs_arguments,
        _docs_outputs,
    ),
    "citation": Generator(
        "citation files",
        "python scripts/gen_citation.py",
        _citation_arguments,
        _citation_outputs,
    ),
    "figure": Generator(
        "the timeline figure",
        "python scripts/gen_figure.py",
        _figure_arguments,
        _figure_outputs,
    ),
}


def _shown(path: Path, root: Path) -> str:
    return str(path.relative_to(root)) if path.is_relative_to(root) else str(path)


def main(name: str, argv: Sequence[str] | None = None, description: str | None = None) -> int:
    """Run generator ``name`` with the script's arguments; the exit code."""
    gen = GENERATORS[name]
    parser = argparse.ArgumentParser(prog=gen.script.split()[-1], description=description)
    parser.add_argument("--check", action="store_true",
                        help="write nothing; exit 1 if a committed file is out of date")
    gen.add_arguments(parser)
    args = parser.parse_args(argv)
    # As for every command: the given descriptor, else the nearest one of this dataset,
    # else the clone's.
    args.datapackage = locate(getattr(args, "datapackage", None))
    print(f"descriptor: {shown(args.datapackage)}", file=sys.stderr)
    try:
        root, outputs = gen.outputs(args)  # everything rendered before anything is written
        stale = sync(outputs, check=args.check)
    except (DescriptorError, GenerateError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except DataError as exc:
        print(f"error: the data do not load as their schema says ({exc}); "
              f"run `{command('check', args.datapackage)}`", file=sys.stderr)
        return EXIT_INVALID
    except OSError as exc:
        where = f"{exc.filename}: " if exc.filename else ""
        print(f"error: {where}{exc.strerror or exc}", file=sys.stderr)
        return EXIT_USAGE
    for path in stale:
        print(f"{_shown(path, root)}: {'out of date' if args.check else 'written'}")
    if not stale:
        print(f"{gen.name}: up to date")
    elif args.check:
        print(f"{gen.name}: {len(stale)} file(s) differ from what the generator writes; "
              f"run `{gen.script}`", file=sys.stderr)
        return EXIT_INVALID
    return EXIT_OK
