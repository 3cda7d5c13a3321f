#!/usr/bin/env python3
"""Regenerate the citation files from datapackage.json: ``scripts/gen_citation.py [--check]``.

Writes CITATION.cff, .zenodo.json and docs/dataset.jsonld beside the descriptor (the
repository root), each atomically, from the descriptor and its data. Run it after any
change to the descriptor's title, version, description, keywords, contributors,
license or sources, or to the data (the JSON-LD's coverage comes from the events).
With ``--check`` nothing is written: it lists the files that differ and exits 1.

Exit codes: 0 written (or up to date), 1 out of date (``--check``) or data that do not
load as their schema says, 2 unreadable input.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import _bootstrap  # noqa: F401  (puts src/ on the path)

from russia_panama_timeline.atomic import write_text
from russia_panama_timeline.citation import generated_files
from russia_panama_timeline.descriptor import DescriptorError, resolve

REPO = Path(__file__).resolve().parents[1]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("datapackage", nargs="?", default=str(REPO / "datapackage.json"),
                        help="descriptor to generate from (default: the repository's)")
    parser.add_argument("--check", action="store_true",
                        help="write nothing; exit 1 if a committed file is out of date")
    args = parser.parse_args(argv)
    root = resolve(args.datapackage).parent
    try:
        files = generated_files(args.datapackage)  # everything rendered before anything is written
    except DescriptorError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except OSError as exc:
        print(f"error: cannot read the data: {exc}", file=sys.stderr)
        return 2
    except (ValueError, KeyError, TypeError) as exc:
        print(f"error: the data do not match their schema ({exc}); run `check`", file=sys.stderr)
        return 1
    stale = []
    for rel, text in files.items():
        target = root / rel
        current = target.read_text(encoding="utf-8") if target.is_file() else None
        if current == text:
            continue
        stale.append(rel)
        if not args.check:
            write_text(target, text)
    verb = "out of date" if args.check else "written"
    for rel in stale:
        print(f"{rel}: {verb}")
    if not stale:
        print("citation files are up to date")
    return 1 if args.check and stale else 0


if __name__ == "__main__":
    raise SystemExit(main())
