"""The runnable steps of the README and the pages under docs/, and how to run them in
a copy of the repository (tests/test_readme_commands.py, tests/test_docs_commands.py).

The documents are followed literally in a fresh copy of the repository (its tracked
files), after the Quickstart: the copy's ``.venv`` is the environment running these
tests (which has the ``test`` extra, so also matplotlib), and its ``bin`` folder comes
first on PATH, as after ``. .venv/bin/activate``. Steps that create that environment
or install into it (``python3 -m venv``, ``pip install``) are the one thing not run
again, and neither is the test suite itself. Every other command in a ``sh`` block,
and every command in an inline code span without placeholders, must exit 0, in the
order the documents give them; then the SQL is run by DuckDB and the pandas example
by Python, on the files those commands wrote.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import REPO

FENCE = re.compile(r"^```([a-z]*)\n(.*?)^```", re.M | re.S)
INLINE = re.compile(r"(?<!`)`((?:russia-panama-timeline|python scripts/)[^`]*)`")
# Placeholders in synopses: DATAPACKAGE, FILE, DIR, N, [optional], {choice,choice}.
PLACEHOLDER = re.compile(r"\b[A-Z]{1,}\b|[\[\]{}]")
# The environment's own set-up, done already by whoever runs these tests.
SETUP = re.compile(r"^\s*(?:\.venv/bin/)?(?:python3? -m venv\b|pip install\b)")
SUITE = re.compile(r"-m pytest\b")


@dataclass
class Step:
    where: str  # file:line
    kind: str  # sh, sql or python
    text: str


def readme() -> list[Path]:
    return [REPO / "README.md"]


def pages() -> list[Path]:
    return sorted((REPO / "docs").rglob("*.md"))


def documents() -> list[Path]:
    return [*readme(), *pages()]


def _line(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


def _shell_commands(block: str) -> list[str]:
    """The commands of a shell block: continuation lines joined, comments dropped."""
    commands = []
    for line in block.replace("\\\n", " ").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            commands.append(line)
    return commands


def steps(docs: list[Path] | None = None) -> list[Step]:
    """Every runnable step of ``docs`` (all the documents by default), in reading order."""
    out = []
    for doc in documents() if docs is None else docs:
        text = doc.read_text(encoding="utf-8")
        found: list[tuple[int, Step]] = []
        for m in FENCE.finditer(text):
            where = f"{doc.name}:{_line(text, m.start())}"
            lang, body = m.group(1), m.group(2)
            if lang in ("sh", "bash", "shell", "console"):
                found += [(m.start(), Step(where, "sh", c)) for c in _shell_commands(body)]
            elif lang == "sql":
                found += [(m.start(), Step(where, "sql", s.strip()))
                          for s in body.split(";") if _sql(s)]
            elif lang == "python" and body.lstrip().startswith("import "):
                found.append((m.start(), Step(where, "python", body)))
        fenced = [(m.start(), m.end()) for m in FENCE.finditer(text)]
        for m in INLINE.finditer(text):
            if any(a <= m.start() < b for a, b in fenced) or PLACEHOLDER.search(m.group(1)):
                continue
            found.append((m.start(), Step(f"{doc.name}:{_line(text, m.start())}", "sh",
                                          m.group(1))))
        out += [step for _, step in sorted(found, key=lambda item: item[0])]
    return out


def _sql(statement: str) -> bool:
    return any(line.strip() and not line.strip().startswith("--")
               for line in statement.splitlines())


def runnable(command: str) -> str:
    """The command without the environment's set-up and the test suite (see above)."""
    parts = [p.strip() for p in command.split("&&")]
    return " && ".join(p for p in parts if not SETUP.match(p) and not SUITE.search(p))


def make_clone(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the repository's tracked files, with the test environment as .venv."""
    dest = tmp_path_factory.mktemp("clone")
    tracked = subprocess.run(["git", "ls-files", "-z"], cwd=REPO, capture_output=True,
                             check=True).stdout.decode().split("\0")
    for rel in filter(None, tracked):
        src = REPO / rel
        if src.is_file():
            (dest / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, dest / rel)
    (dest / ".venv").symlink_to(sys.prefix)
    return dest


def run_as_written(clone: Path, docs: list[Path]) -> None:
    """Run every step of ``docs`` in ``clone``, in order; each must succeed."""
    env = {**os.environ, "PATH": f"{clone / '.venv' / 'bin'}{os.pathsep}{os.environ['PATH']}",
           "VIRTUAL_ENV": str(clone / ".venv"), "PYTHONDONTWRITEBYTECODE": "1"}
    env.pop("PYTHONPATH", None)
    ran = 0
    for step in steps(docs):
        if step.kind == "sh":
            command = runnable(step.text)
            if not command:
                continue
            result = subprocess.run(["bash", "-o", "pipefail", "-c", command], cwd=clone,
                                    env=env, capture_output=True, text=True, check=False,
                                    timeout=600)
            detail = f"{step.where}: `{step.text}` exited {result.returncode}:\n"
            assert result.returncode == 0, detail + result.stdout[-2000:] + result.stderr[-2000:]
            assert "Traceback" not in result.stderr, detail + result.stderr
        elif step.kind == "sql":
            code = ("import duckdb, sys; rows = duckdb.sql(sys.stdin.read()).fetchall(); "
                    "assert rows, 'no rows'; print(len(rows))")
            result = subprocess.run([sys.executable, "-c", code], input=step.text, cwd=clone,
                                    env=env, capture_output=True, text=True, check=False)
            assert result.returncode == 0, f"{step.where}: {step.text}\n{result.stderr}"
        else:
            result = subprocess.run([sys.executable, "-c", step.text], cwd=clone, env=env,
                                    capture_output=True, text=True, check=False)
            assert result.returncode == 0, f"{step.where}:\n{result.stderr}"
        ran += 1
    assert ran >= 10
