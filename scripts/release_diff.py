#!/usr/bin/env python3
"""Write a release's data diff: ``scripts/release_diff.py OLD NEW [--write | --check]``.

OLD and NEW are git refs (``v0.2.0``, ``HEAD``, a commit) or folders holding a
``datapackage.json``. Prints the changelog's *Data* section that
``russia-panama-timeline diff --format markdown`` writes between them; with ``--write``
puts it at the end of the changelog's entry for NEW's version and writes
``docs/changes.md`` ("What changed in this version", which the site renders); with
``--check`` writes nothing and exits 1 when either differs. See docs/versioning.md.

Exit codes: 0 printed, written or up to date; 1 out of date (``--check``); 2 a ref or
folder that cannot be read, or no changelog entry for NEW's version.
"""

import argparse
import sys
from pathlib import Path

import _bootstrap  # noqa: F401  (puts src/ on the path)

from russia_panama_timeline.commands import EXIT_INVALID, EXIT_OK, EXIT_USAGE
from russia_panama_timeline.errors import PackageError
from russia_panama_timeline.generate import sync
from russia_panama_timeline.generate.changes import PAGE, materialise, outputs, render_section

ROOT = Path(__file__).resolve().parents[1]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="release_diff.py",
                                     description=__doc__.splitlines()[0])
    parser.add_argument("old", metavar="OLD", help="the previous release: a git ref or a folder")
    parser.add_argument("new", metavar="NEW", help="the new release: a git ref or a folder")
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument("--write", action="store_true",
                      help="write the section into the changelog and docs/changes.md")
    mode.add_argument("--check", action="store_true",
                      help="write nothing; exit 1 if the changelog or the page differ")
    parser.add_argument("--changelog", type=Path, default=ROOT / "CHANGELOG.md",
                        help="the changelog to update (default: the clone's)")
    parser.add_argument("--page", type=Path, default=ROOT / "docs" / PAGE,
                        help="the page to write (default: the clone's docs/changes.md)")
    args = parser.parse_args(argv)
    try:
        with materialise(args.old, ROOT) as old, materialise(args.new, ROOT) as new:
            if not (args.write or args.check):
                sys.stdout.write(render_section(old, new)[1])
                return EXIT_OK
            files = outputs(old, new, args.changelog, args.page)
        stale = sync(files, check=args.check)
    except PackageError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except OSError as exc:
        print(f"error: {exc.filename or ''}: {exc.strerror or exc}", file=sys.stderr)
        return EXIT_USAGE
    for path in stale:
        print(f"{path}: {'out of date' if args.check else 'written'}")
    if not stale:
        print("the release diff: up to date")
    elif args.check:
        print(f"run `python scripts/release_diff.py {args.old} {args.new} --write`",
              file=sys.stderr)
        return EXIT_INVALID
    return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
