"""The README is a landing page that stays true: its Quickstart has exactly the two
commands, CI runs the test command it shows, and it links every reference page in
docs/ rather than carrying them.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
README = REPO / "README.md"


# --- Quickstart and CI -------------------------------------------------------------


def _quickstart() -> str:
    text = README.read_text(encoding="utf-8")
    start = text.index("\n## Quickstart\n")
    end = text.index("\n## ", start + 1)
    return text[start:end]


def _fenced_blocks(text: str) -> list[str]:
    return re.findall(r"^```[^\n]*\n(.*?)^```", text, flags=re.MULTILINE | re.DOTALL)


def test_quickstart_has_exactly_two_commands() -> None:
    blocks = _fenced_blocks(_quickstart())
    assert len(blocks) == 2
    commands = [b.strip() for b in blocks]
    assert all(c and "\n" not in c for c in commands), "each block is one command line"
    main_job, tests = commands
    # The first installs (not editable) and runs the main job: check, then build.
    assert re.search(r"pip install \.(\s|$)", main_job) and " -e " not in main_job
    assert main_job.index(" check") < main_job.index(" build")
    # The second installs the test extra and runs pytest.
    assert '".[test]"' in tests and "pytest" in tests


def test_ci_runs_the_readme_test_command() -> None:
    result = subprocess.run(
        ["bash", str(REPO / ".ci" / "run"), "--print-command"],
        capture_output=True, text=True, check=False, cwd=REPO,
    )
    assert result.returncode == 0, result.stderr
    test_command = _fenced_blocks(_quickstart())[1].strip()
    assert result.stdout.strip() == test_command
    # And the marker CI looks for sits right before that command's fence.
    quickstart = _quickstart()
    marker = quickstart.index("<!-- test-command")
    assert quickstart.index(test_command) > marker > quickstart.index(
        _fenced_blocks(quickstart)[0].strip()
    )


# --- What the README says of the data -------------------------------------------------


def _first_sentence() -> str:
    text = README.read_text(encoding="utf-8")
    body = text[text.index("\n\n") + 2:]
    return " ".join(body[: body.index(".")].split())


def test_the_opening_states_the_data_s_extent() -> None:
    """The opening's first and last year are the first and last year of the events
    (it once said the record ran to 2025 when it ran to 2026)."""
    import csv

    with open(REPO / "data" / "events.csv", encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    years = [int(d[:4]) for r in rows for d in (r["date_start"], r["date_end"]) if d]
    stated = [int(y) for y in re.findall(r"\b(1[89]\d\d|20\d\d)\b", _first_sentence())]
    assert (min(stated), max(stated)) == (min(years), max(years)), _first_sentence()


def test_the_screenshot_shows_the_current_version() -> None:
    """docs/site.png records the version of the data it was taken from (a PNG text
    chunk written by scripts/screenshot_site.py): the current one."""
    import json

    from russia_panama_timeline.generate import png_text

    version = json.loads((REPO / "datapackage.json").read_text(encoding="utf-8"))["version"]
    recorded = png_text((REPO / "docs" / "site.png").read_bytes())
    assert recorded.get("version") == version, (
        f"docs/site.png shows version {recorded.get('version')}, the data is {version}: "
        "run `python scripts/screenshot_site.py`")

