"""The project's habits, run by the suite: mypy, the import contracts of the layers,
vulture, and dependency lower bounds that really install and work."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent


def _tool(name: str) -> str:
    """A tool installed beside this Python (the test extra installs them all)."""
    path = BIN / name
    assert path.exists(), f"{name} is not installed: pip install '.[test]'"
    return str(path)


def _run(*args: str, cwd: Path = REPO, timeout: int = 900) -> subprocess.CompletedProcess:
    return subprocess.run(list(args), capture_output=True, text=True, cwd=cwd,
                          timeout=timeout, check=False)


@pytest.mark.slow
def test_mypy_is_clean() -> None:
    """``mypy`` over src/ with the configuration in pyproject.toml."""
    done = _run(sys.executable, "-m", "mypy", "--no-incremental")
    assert done.returncode == 0, done.stdout + done.stderr


def test_the_layers_keep_their_contracts() -> None:
    """import-linter's contracts in pyproject.toml (layers, and what the readers, the
    descriptor and the helpers may import)."""
    done = _run(_tool("lint-imports"), "--no-cache")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "0 broken" in done.stdout


def test_vulture_finds_no_dead_code() -> None:
    done = _run(sys.executable, "-m", "vulture", "src/", "vulture_whitelist.py")
    assert done.returncode == 0, done.stdout + done.stderr


def test_every_whitelisted_name_says_why() -> None:
    lines = (REPO / "vulture_whitelist.py").read_text(encoding="utf-8").splitlines()
    for i, line in enumerate(lines):
        if line.startswith("_."):
            assert i > 0 and lines[i - 1].startswith("# "), f"no reason above {line!r}"


def _lower_bounds() -> dict[str, str]:
    """Each direct dependency (and test extra) with its lower bound, from pyproject.toml."""
    import tomllib

    project = tomllib.loads((REPO / "pyproject.toml").read_text("utf-8"))["project"]
    out = {}
    for spec in [*project["dependencies"], *project["optional-dependencies"]["test"]]:
        m = re.fullmatch(r"([A-Za-z0-9_.-]+)(?:\[[^\]]*\])?>=([0-9][^,; ]*)", spec.strip())
        assert m, f"{spec!r}: give every dependency a lower bound (>=) and no upper one"
        out[m[1].lower().replace("_", "-")] = m[2]
    return out


def _release(version: str) -> tuple[str, ...]:
    """A version's release numbers without trailing zeros (6 == 6.0 == 6.0.0)."""
    parts = version.split(".")
    while len(parts) > 1 and parts[-1] == "0":
        parts.pop()
    return tuple(parts)


def test_every_dependency_has_a_lower_bound() -> None:
    assert _lower_bounds()


@pytest.mark.slow
def test_the_lowest_allowed_versions_install_and_work(tmp_path: Path) -> None:
    """Install the lowest version of every direct dependency that pyproject.toml allows
    (uv's --resolution lowest-direct, from PyPI), build the project with the lowest
    hatchling it allows, and run the core of the suite there."""
    uv = _tool("uv")
    env_dir = tmp_path / "lowest"
    done = _run(uv, "venv", "--quiet", "--python", sys.executable, str(env_dir))
    assert done.returncode == 0, done.stderr
    python = str(env_dir / "bin" / "python")

    # The build backend: its lowest allowed version builds the wheel.
    import tomllib

    build = tomllib.loads((REPO / "pyproject.toml").read_text("utf-8"))["build-system"]
    [hatchling] = build["requires"]
    lowest_hatchling = hatchling.replace(">=", "==")
    done = _run(uv, "pip", "install", "--quiet", "--python", python, lowest_hatchling, "pip")
    assert done.returncode == 0, done.stderr
    wheels = tmp_path / "wheels"
    done = _run(python, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation",
                "-w", str(wheels), str(REPO))
    assert done.returncode == 0, done.stdout + done.stderr
    [wheel] = wheels.glob("*.whl")

    # The requirements named directly, so that lowest-direct applies to each of them.
    project = tomllib.loads((REPO / "pyproject.toml").read_text("utf-8"))["project"]
    specs = [*project["dependencies"], *project["optional-dependencies"]["test"]]
    done = _run(uv, "pip", "install", "--quiet", "--python", python,
                "--resolution", "lowest-direct", *specs)
    assert done.returncode == 0, done.stderr
    done = _run(uv, "pip", "install", "--quiet", "--python", python, "--no-deps", str(wheel))
    assert done.returncode == 0, done.stderr
    listed = _run(uv, "pip", "list", "--python", python).stdout
    installed = {m[1].lower().replace("_", "-"): m[2]
                 for m in re.finditer(r"^(\S+)\s+(\S+)$", listed, re.M)}
    wrong = [(name, bound, installed.get(name)) for name, bound in _lower_bounds().items()
             if _release(installed.get(name, "")) != _release(bound)]
    assert not wrong, f"(dependency, lower bound, what installs): {wrong}"

    # In one process (the suite around it already has every core busy): pyproject's
    # addopts without xdist's options.
    done = _run(python, "-m", "pytest", "-q", "-x", "-p", "no:cacheprovider",
                "-p", "no:xdist", "-o", "addopts=-ra --strict-markers",
                "-m", "not slow", *(f"tests/{name}" for name in CORE), timeout=1800)
    assert done.returncode == 0, done.stdout[-4000:] + done.stderr[-2000:]


# What the lowest versions must pass: the checker, the loaders, the readers' agreement,
# the Parquet build, the figure and the exports.
CORE = ["test_check_corpus.py", "test_load.py", "test_load_constraints.py",
        "test_tableschema_parity.py", "test_parquet_build.py", "test_parquet_types.py",
        "test_plot_figure.py", "test_timelinejs.py", "test_citation_jsonld.py"]
