"""The Parquet build: check the package and write every resource, all or nothing.

Order of work, and why:

1. The checker reads each CSV once. As soon as a resource's own checks pass, the
   columns it validated (typed by ``tableschema``) are written into the new version
   folder (step 3): the values in Parquet are the values the checker saw, and no
   file is read twice. One resource at a time, so only one table is in memory.
2. If the package is invalid (a finding in any file, or across files), the new
   folder is removed and nothing is written.
3. The files go into a new version folder beside ``out``; only when every file (and
   the partitioned folder) is complete and the package valid is ``out`` switched to
   it, by one rename (``atomic.switch_dir``). A build that fails or is interrupted
   midway therefore leaves the previous build whole, never a mix of old and new
   files; two builds into one ``out`` take turns.
"""

from __future__ import annotations

import contextlib
import errno
import os
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

import pyarrow as pa

from .. import checker
from ..atomic import switch_dir
from ..checker import Report
from ..checker.files import Table
from ..descriptor import read_descriptor
from ..tableschema import schemas
from .arrow_schema import arrow_schema
from .errors import InvalidData
from .write import write_partitioned, write_table

# --partition-by year: the events, by the year of their earliest possible day.
PARTITIONS: dict[str, tuple[str, str]] = {"year": ("events", "date_start")}


@dataclass
class Built:
    """What a build wrote: (path, rows) per file, and the partitioned folder if any."""

    files: list[tuple[Path, int]] = field(default_factory=list)
    partitioned: Path | None = None
    partitions: int = 0


class Progress:
    """One status line on stderr, rewritten in place; silent unless stderr is a terminal."""

    def __init__(self, stream: IO[str] | None = None) -> None:
        self.stream = stream if stream is not None else sys.stderr
        isatty = getattr(self.stream, "isatty", None)
        self.enabled = bool(isatty and isatty())
        self._width = 0

    def __call__(self, message: str) -> None:
        if not self.enabled:
            return
        pad = max(self._width - len(message), 0)
        self.stream.write(f"\r{message}{' ' * pad}")
        self.stream.flush()
        self._width = len(message)

    def done(self) -> None:
        if self.enabled and self._width:
            self.stream.write("\n")
            self.stream.flush()
            self._width = 0


def _target(out: Path, resources: list[dict[str, Any]],
            in_place: bool) -> contextlib.AbstractContextManager[Path]:
    """Where the files go: a new version folder switched in as a whole (``switch_dir``),
    or, for a caller that stages its whole output itself, ``out`` directly."""
    if not in_place:
        return switch_dir(out, lambda folder: _only_build_output(folder, resources))
    out.mkdir(parents=True, exist_ok=True)
    if any(out.iterdir()):
        raise FileExistsError(errno.EEXIST, "the folder is not empty", str(out))
    return contextlib.nullcontext(out)


def _only_build_output(folder: Path, resources: list[dict[str, Any]]) -> bool:
    """Whether a plain folder holds nothing but what a build writes (or left behind),
    so that replacing it as a whole loses nothing of the user's."""
    names = {str(r.get("name")) for r in resources}
    ours = {f"{n}.parquet" for n in names} | {p[0] for p in PARTITIONS.values()}
    return all(
        entry.name in ours or (entry.name.startswith(".") and entry.name.endswith((".tmp", ".old")))
        for entry in folder.iterdir()
    )


def _first_missing_dir(path: Path) -> Path | None:
    """The outermost folder of ``path`` that does not exist yet (to undo its creation)."""
    missing = None
    for candidate in [path, *path.parents]:
        if candidate.exists():
            break
        missing = candidate
    return missing


def _remove_empty_dirs(path: Path, up_to: Path) -> None:
    """Remove ``path`` and its parents up to ``up_to`` while they are empty."""
    for candidate in [path, *path.parents]:
        try:
            candidate.rmdir()
        except FileNotFoundError:
            pass  # never made (the output folder itself is made only by the switch)
        except OSError:
            return
        if candidate == up_to:
            return


def typed_table(descriptor: dict[str, Any], table: Table) -> pa.Table:
    """The columns the checker read, typed, with the Parquet file's metadata (the CSV's
    size and sha256 among it, computed by the checker while it parsed the file)."""
    schema = table.schema
    parsed = {f.name: table.parsed(f.name) for f in schema.fields}
    return schema.table(parsed, arrow_schema(descriptor, table.res, table.size,
                                             table.sha256 or ""))


def build_parquet(
    datapackage: str | os.PathLike[str] | None,
    out: str | os.PathLike[str],
    partition_by: str | None = None,
    progress: Callable[[str], None] | None = None,
    in_place: bool = False,
) -> Built:
    """Check the package, then write ``<resource>.parquet`` for every resource into ``out``.

    With ``partition_by="year"`` the events are also written as the hive-partitioned
    folder ``out/events/year=YYYY/part-0.parquet`` (open starts in
    ``year=__HIVE_DEFAULT_PARTITION__``). ``out`` becomes a link to the new version
    folder (``atomic.switch_dir``); with ``in_place=True`` the files are written
    straight into ``out``, which must be new or empty: for a caller that stages its
    whole output itself (the site). Raises InvalidData (nothing written) for invalid
    data and DescriptorError for an unreadable package.
    """
    if partition_by is not None and partition_by not in PARTITIONS:
        raise ValueError(f"cannot partition by {partition_by!r}")
    say = progress or (lambda message: None)
    out = Path(out)
    if out.exists() and not out.is_dir():  # before the check: a usage error, said at once
        raise NotADirectoryError(errno.ENOTDIR, "the path is a file, not a folder", str(out))
    descriptor = read_descriptor(datapackage)
    # Tabular resources (those with a Table Schema); the package has only these.
    resources = [schema.res for schema in schemas(descriptor)]

    created = _first_missing_dir(out)
    built = Built()
    try:
        with _target(out, resources, in_place) as staging:

            def write(checked: Table, report: Report) -> None:
                if not report.valid:
                    return  # the build will be refused: write nothing more
                i = len(built.files) + 1
                name = checked.name
                table = typed_table(descriptor, checked)
                target = staging / f"{name}.parquet"
                say(f"[{i}/{len(resources)}] writing {target.name} ({table.num_rows} rows)")
                write_table(table, target)
                built.files.append((out / target.name, table.num_rows))
                if partition_by is not None and PARTITIONS[partition_by][0] == name:
                    column = PARTITIONS[partition_by][1]

                    step = f"[{i}/{len(resources)}] writing {name}/ partition"

                    def progress(k: int, n: int, value: str, _step: str = step) -> None:
                        say(f"{_step} {k}/{n}: {partition_by}={value}")

                    parts = write_partitioned(table, staging / name, column, partition_by,
                                              progress)
                    built.partitioned, built.partitions = out / name, len(parts)

            say("checking the package")
            report = checker.check_package(datapackage, on_table=write)
            if not report.valid:
                raise InvalidData([str(f) for f in report.sorted()])
            say("switching to the new files")
    except BaseException:
        if created is not None:
            _remove_empty_dirs(out, created)
        raise
    return built
