"""Every reader refuses a resource path that leaves the package, with one message.

Each command that reads data (check, fmt, build, info, cite, export, plot, site) and each
loader is run on a package whose resource path escapes it in each way there is: an
absolute path, ``..``, a symlink to a file outside, a symlinked folder leading
outside, a URL, a ``file:`` URL and a Windows drive path. Every one must refuse with
the same message, exit 2 (an exception naming the path for the loaders), never show
the content of the file outside, and write nothing.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path

import pytest

import russia_panama_timeline as rpt
from russia_panama_timeline.cli import main
from russia_panama_timeline.descriptor import DescriptorError, UnsafePath

SECRET = "root:x:0:0:TOP-SECRET-FIRST-LINE"


def _set_path(descriptor: Path, resource: str, path: str) -> None:
    data = json.loads(descriptor.read_text(encoding="utf-8"))
    next(r for r in data["resources"] if r["name"] == resource)["path"] = path
    descriptor.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def _outside(descriptor: Path) -> Path:
    """A file outside the package, with a first line that must never be shown."""
    secret = descriptor.parent.parent / "secret.csv"
    secret.write_text(SECRET + "\n", encoding="utf-8")
    return secret


# Each escape: (how it is made, the path the descriptor names, why it is refused).
def _absolute(descriptor: Path, resource: str) -> str:
    path = str(_outside(descriptor))
    _set_path(descriptor, resource, path)
    return path


def _dotdot(descriptor: Path, resource: str) -> str:
    _outside(descriptor)
    _set_path(descriptor, resource, "data/../../secret.csv")
    return "data/../../secret.csv"


def _symlink_file(descriptor: Path, resource: str) -> str:
    secret = _outside(descriptor)
    path = f"data/{resource}-link.csv"
    (descriptor.parent / path).symlink_to(secret)
    _set_path(descriptor, resource, path)
    return path


def _symlink_folder(descriptor: Path, resource: str) -> str:
    _outside(descriptor)
    (descriptor.parent / "elsewhere").symlink_to(descriptor.parent.parent)
    _set_path(descriptor, resource, "elsewhere/secret.csv")
    return "elsewhere/secret.csv"


def _url(descriptor: Path, resource: str) -> str:
    _set_path(descriptor, resource, "https://example.org/events.csv")
    return "https://example.org/events.csv"


def _file_url(descriptor: Path, resource: str) -> str:
    path = f"file://{_outside(descriptor)}"
    _set_path(descriptor, resource, path)
    return path


def _windows_drive(descriptor: Path, resource: str) -> str:
    _set_path(descriptor, resource, "C:\\secret.csv")
    return "C:\\secret.csv"


ESCAPES: dict[str, tuple[Callable[[Path, str], str], str]] = {
    "absolute": (_absolute, "is absolute"),
    "dotdot": (_dotdot, "climbs out of the package with '..'"),
    "symlink-file": (_symlink_file, "leads outside the package through a symlink"),
    "symlink-folder": (_symlink_folder, "leads outside the package through a symlink"),
    "url": (_url, "is a URL or remote path (remote data is never fetched)"),
    "file-url": (_file_url, "is a URL or remote path (remote data is never fetched)"),
    "windows-drive": (_windows_drive, "is absolute"),
}


def _expected(descriptor: Path, resource: str, path: str, why: str) -> str:
    return (
        f"{descriptor}: resource {resource!r} path {path!r} {why}; refused: "
        "a resource must be a file inside the package's folder"
    )


def _files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file() and not p.is_symlink()}


# Each command and the resource it reads first (cite reads only the sources).
COMMANDS: dict[str, tuple[list[str], str]] = {
    "check": (["check"], "events"),
    "check-json": (["check", "--format", "json"], "events"),
    "fmt": (["fmt"], "events"),
    "build": (["build", "--out", "{tmp}/out"], "events"),
    "info": (["info"], "events"),
    "events": (["events"], "events"),
    "cite": (["cite"], "sources"),
    "export-jsonld": (["export", "jsonld", "--out", "{tmp}/x.jsonld"], "events"),
    "export-timelinejs": (["export", "timelinejs", "--out", "{tmp}/t.json"], "events"),
    "plot": (["plot", "--out", "{tmp}/t.svg"], "events"),
    "site": (["site", "--out", "{tmp}/site"], "events"),
}


@pytest.mark.parametrize("escape", sorted(ESCAPES))
@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_every_command_refuses_every_escape(
    command: str, escape: str, package_copy: Path, tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    args, resource = COMMANDS[command]
    make, why = ESCAPES[escape]
    path = make(package_copy, resource)
    before = _files(tmp_path)
    code = main([a.format(tmp=tmp_path) for a in args] + [str(package_copy)])
    out, err = capsys.readouterr()
    expected = _expected(package_copy, resource, path, why)
    assert code == 2, out + err
    if command == "check-json":
        assert json.loads(out)["error"] == expected
    else:
        assert expected in err.splitlines()[-1], err
    assert "TOP-SECRET" not in out + err
    assert "Traceback" not in err
    assert _files(tmp_path) == before  # nothing written, nothing rewritten


LOADERS = {
    "load_events": (rpt.load_events, "events"),
    "load_sources": (rpt.load_sources, "sources"),
    "load_event_sources": (rpt.load_event_sources, "event_sources"),
    "read_package": (rpt.read_package, "events"),
}


@pytest.mark.parametrize("escape", sorted(ESCAPES))
@pytest.mark.parametrize("loader", sorted(LOADERS))
def test_every_loader_refuses_every_escape(loader: str, escape: str, package_copy: Path) -> None:
    load, resource = LOADERS[loader]
    make, why = ESCAPES[escape]
    path = make(package_copy, resource)
    with pytest.raises(UnsafePath) as info:
        load(package_copy)
    assert str(info.value) == _expected(package_copy, resource, path, why)
    assert info.value.path == path
    assert isinstance(info.value, DescriptorError)  # the command line's exit 2
    assert "TOP-SECRET" not in str(info.value)


def test_a_symlink_inside_the_package_is_followed(package_copy: Path) -> None:
    # Resolving and comparing refuses only what leaves the folder.
    data = package_copy.parent / "data"
    os.rename(data / "events.csv", data / "events-real.csv")
    (data / "events.csv").symlink_to("events-real.csv")
    assert len(rpt.load_events(package_copy)) > 0
    assert main(["check", str(package_copy)]) == 0
