"""``check`` and ``build`` give Arrow's allocations to jemalloc (commands/_arrow_pool.py);
the library never changes the pool of a program that imports it, and a user's choice
(ARROW_DEFAULT_MEMORY_POOL) stands."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pyarrow as pa

HAS_JEMALLOC = True
try:
    pa.jemalloc_memory_pool()
except NotImplementedError:
    HAS_JEMALLOC = False


def _default_pool() -> str:
    """Arrow's pool in a fresh process (this one's may have been changed by a test
    that ran a command in it)."""
    done = subprocess.run([sys.executable, "-c", "import pyarrow as pa; "
                           "print(pa.default_memory_pool().backend_name)"],
                          capture_output=True, text=True, env=_env(), check=True)
    return done.stdout.strip()


def _env(extra: dict[str, str] | None = None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "ARROW_DEFAULT_MEMORY_POOL"}
    env.update(extra or {})
    return env

# Runs a command in a fresh process, then says which pool Arrow uses.
SCRIPT = """
import sys
import pyarrow as pa
from russia_panama_timeline.cli import main
from russia_panama_timeline.checker import check_package
how, command, where = sys.argv[1:4]
if how == "library":
    assert check_package(where).valid
else:
    assert main([command, where] + sys.argv[4:]) == 0
print(pa.default_memory_pool().backend_name)
"""


def _pool(how: str, *args: str, env: dict[str, str] | None = None) -> str:
    done = subprocess.run([sys.executable, "-c", SCRIPT, how, *args], capture_output=True,
                          text=True, env=_env(env), check=False)
    assert done.returncode == 0, done.stderr
    return done.stdout.strip().splitlines()[-1]


def test_check_and_build_use_jemalloc(installed_datapackage: Path, tmp_path: Path) -> None:
    # (a pyarrow built without jemalloc keeps its default)
    want = "jemalloc" if HAS_JEMALLOC else _default_pool()
    assert _pool("command", "check", str(installed_datapackage)) == want
    assert _pool("command", "build", str(installed_datapackage), "--out",
                 str(tmp_path / "out")) == want


def test_the_library_keeps_the_default_pool(installed_datapackage: Path) -> None:
    assert _pool("library", "check", str(installed_datapackage)) == _default_pool()


def test_a_user_s_pool_stands(installed_datapackage: Path) -> None:
    assert _pool("command", "check", str(installed_datapackage),
                 env={"ARROW_DEFAULT_MEMORY_POOL": "system"}) == "system"
