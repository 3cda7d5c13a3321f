"""The package's structure stays as designed: one root for the exceptions a user's input
can cause, printing and exit codes only in the command layer, no catch-all for bug-like
exceptions, and imports that point one way (no cycle)."""

from __future__ import annotations

import ast
import importlib
import inspect
import pkgutil
from pathlib import Path

import russia_panama_timeline as rpt
from russia_panama_timeline.errors import DataError, PackageError

PACKAGE = Path(rpt.__file__).parent
# Exceptions that are deliberately outside the hierarchy: bugs in the checker (a code
# or a column a rule does not declare, an internal error said to be one), and a missing
# browser for the site's screenshots (a developer's tool, not a user's input).
NOT_INPUT_ERRORS = {"UnknownCode", "UndeclaredColumn", "UndeclaredRead", "InternalError",
                    "BrowserMissing",
                    "InstalledCopyNotice"}  # a warning, said once, not an error
COMMAND_LAYER = ("cli.py", "__main__.py", "commands/")


def _modules() -> list[tuple[str, Path]]:
    out = []
    for path in sorted(PACKAGE.rglob("*.py")):
        rel = path.relative_to(PACKAGE).with_suffix("")
        parts = [p for p in rel.parts if p != "__init__"]
        out.append((".".join(["russia_panama_timeline", *parts]), path))
    return out


def _is_command_layer(path: Path) -> bool:
    rel = path.relative_to(PACKAGE).as_posix()
    return any(rel == c or rel.startswith(c) for c in COMMAND_LAYER)


def test_every_exception_derives_from_one_base() -> None:
    found = {}
    for info in pkgutil.walk_packages(rpt.__path__, "russia_panama_timeline."):
        if info.name.endswith("__main__"):
            continue  # running it is its point
        module = importlib.import_module(info.name)
        for name, obj in inspect.getmembers(module, inspect.isclass):
            if issubclass(obj, BaseException) and obj.__module__ == info.name:
                found[name] = obj
    assert {"DataError", "DescriptorError", "InvalidData", "EdtfError"} <= set(found)
    strays = [n for n, c in found.items()
              if n not in NOT_INPUT_ERRORS and not issubclass(c, PackageError)]
    assert not strays
    for name in ("InvalidData", "EdtfError", "PlotDataError", "TimelineDataError"):
        assert issubclass(found[name], DataError), name


def test_only_the_command_layer_prints() -> None:
    offenders = []
    for _, path in _modules():
        if _is_command_layer(path):
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call):
                f = node.func
                if isinstance(f, ast.Name) and f.id in ("print", "exit"):
                    offenders.append(f"{path.name}:{node.lineno}")
                if (isinstance(f, ast.Attribute) and isinstance(f.value, ast.Attribute)
                        and isinstance(f.value.value, ast.Name) and f.value.value.id == "sys"
                        and f.value.attr in ("stdout", "stderr")):
                    offenders.append(f"{path.name}:{node.lineno}")
    assert not offenders


def test_no_catch_turns_a_key_or_type_error_into_a_verdict() -> None:
    offenders = []
    for _, path in _modules():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ExceptHandler) and node.type is not None:
                types = node.type.elts if isinstance(node.type, ast.Tuple) else [node.type]
                names = {t.id for t in types if isinstance(t, ast.Name)}
                if names & {"KeyError", "TypeError", "BaseException"} and not _reraises(node):
                    offenders.append(f"{path.name}:{node.lineno}")
    assert not offenders


def _reraises(handler: ast.ExceptHandler) -> bool:
    return any(isinstance(n, ast.Raise) and n.exc is None for n in ast.walk(handler))


def _imports(name: str, path: Path) -> set[str]:
    """Modules of the package that ``name`` imports (anywhere in it, lazily or not)."""
    is_pkg = path.name == "__init__.py"
    base = name.split(".") if is_pkg else name.split(".")[:-1]
    out = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                stem = base[: len(base) - node.level + 1]
                target = ".".join([*stem, *([node.module] if node.module else [])])
            else:
                target = node.module or ""
            if not target.startswith("russia_panama_timeline"):
                continue
            for alias in node.names:  # `from . import x` may name a submodule
                out.add(f"{target}.{alias.name}")
            out.add(target)
        elif isinstance(node, ast.Import):
            out |= {a.name for a in node.names if a.name.startswith("russia_panama_timeline")}
    return out


def test_imports_point_one_way() -> None:
    modules = dict(_modules())
    graph = {
        name: {m for m in _imports(name, path) if m in modules and m != name}
        for name, path in modules.items()
    }
    # A package's own __init__ importing its submodules, and a submodule importing names
    # from its package, are how Python packages work: only module-to-module edges count.
    for name in graph:
        graph[name] = {m for m in graph[name]
                       if not (name.startswith(m + ".") or m.startswith(name + "."))}
    cycles = []
    state: dict[str, int] = {}

    def visit(node: str, stack: list[str]) -> None:
        state[node] = 1
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                cycles.append(" -> ".join([*stack[stack.index(nxt):], nxt]))
            elif nxt not in state:
                visit(nxt, [*stack, nxt])
        state[node] = 2

    for name in sorted(graph):
        if name not in state:
            visit(name, [name])
    assert not cycles
