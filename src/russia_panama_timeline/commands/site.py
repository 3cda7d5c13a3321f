"""Build the static site: the timeline, the events and sources as searchable tables, the
figure, the downloads (CSV, Parquet, datapackage.json) and how to cite, in one folder.

The folder works opened from disk (``file://``) and on any static host: upload it as it
is. It loads nothing from elsewhere (TimelineJS3 is vendored; no web fonts). The
package is checked first and invalid data is refused (exit 1, nothing written); the
folder is replaced whole only when the new site is complete, and only if it is empty,
new, or a site written before (it holds ``.russia-panama-timeline-site``). Needs
matplotlib for the figure (the ``plot`` extra).
"""

from __future__ import annotations

import argparse
import sys

from . import EXIT_INVALID, EXIT_OK, EXIT_USAGE
from ._args import add_datapackage

HELP = "build the static site (timeline, tables, downloads, citation) into a folder"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_datapackage(parser)
    parser.add_argument("--out", default="out/site", metavar="DIR",
                        help="output folder (default: out/site)")


def run(args: argparse.Namespace) -> int:
    from ..parquet import InvalidData
    from ..site import SiteError, build_site

    try:
        out = build_site(args.datapackage, args.out)
    except InvalidData as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        print(f"site: {len(exc.problems)} problem(s); nothing was written", file=sys.stderr)
        return EXIT_INVALID
    except SiteError as exc:
        print(f"site: {exc}; nothing was written", file=sys.stderr)
        return EXIT_USAGE
    except OSError as exc:
        print(f"site: cannot write to {args.out}: {exc}; nothing was written", file=sys.stderr)
        return EXIT_USAGE
    print(f"wrote the site to {out}/ (open {out}/index.html, or upload the folder "
          "to any static host)")
    return EXIT_OK
