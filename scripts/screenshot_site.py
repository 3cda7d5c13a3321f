#!/usr/bin/env python3
"""Take the README's picture of the site: ``scripts/screenshot_site.py [--out FILE]``.

Builds the site from the clone's ``datapackage.json`` into a temporary folder, opens
it from disk in headless Chromium (Debian's ``chromium`` and ``chromium-driver``, with
Selenium from the ``test`` extra) and saves the top of the page, with the timeline on
a recent event, as ``docs/site.png``. Run it after a change that shows on the page.
Exit codes: 0 written, 1 the site cannot be built, 2 no browser.
"""

import argparse
import csv
import sys
import tempfile
import time
from pathlib import Path

import _bootstrap  # noqa: F401  (puts src/ on the path)

from russia_panama_timeline.atomic import write_bytes
from russia_panama_timeline.cli import main
from russia_panama_timeline.descriptor import read_descriptor
from russia_panama_timeline.generate import with_png_text
from russia_panama_timeline.site.browser import BrowserMissing, chromium, wait_for_site

ROOT = Path(__file__).resolve().parents[1]


def run(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "site.png",
                        help="the PNG to write (default: docs/site.png of the clone)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        code = main(["site", str(ROOT / "datapackage.json"), "--out", str(site)])
        if code:
            return code
        with open(site / "data" / "events.csv", encoding="utf-8", newline="") as fh:
            events = sum(1 for _ in csv.DictReader(fh))
        try:
            session = chromium(Path(tmp) / "profile", width=1280, height=1250)
        except BrowserMissing as exc:
            print(f"screenshot: {exc}", file=sys.stderr)
            return 2
        try:
            session.get(site.joinpath("index.html").as_uri())
            wait_for_site(session, events)
            # a slide three quarters of the way along, where the time axis is busy
            session.execute_script(f"window.siteTimeline.goTo({events * 3 // 4})")
            time.sleep(1.5)  # the slide animation
            png = session.get_screenshot_as_png()
        finally:
            session.quit()
    # The version it shows, recorded in the PNG: the tests and `check` compare it
    # with the data's.
    version = str(read_descriptor(ROOT / "datapackage.json").get("version"))
    write_bytes(args.out, with_png_text(png, {"version": version, "events": str(events)}))
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(run())
