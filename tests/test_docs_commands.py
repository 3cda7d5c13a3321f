"""Every command the pages under docs/ show runs as written, in their order, in a copy
of the repository of their own (tests/_doc_commands.py says how; the README's commands
are tests/test_readme_commands.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
from _doc_commands import make_clone, pages, run_as_written, steps


@pytest.fixture(scope="module")
def clone(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_clone(tmp_path_factory)


def test_the_pages_have_commands_to_run() -> None:
    assert any(step.kind == "sh" for step in steps(pages()))


def test_every_command_runs_as_written(clone: Path) -> None:
    run_as_written(clone, pages())
